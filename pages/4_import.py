"""Import: the Excel and CSV files the company already keeps, into the workspace."""

import streamlit as st

from ui.bootstrap import bootstrap
from ui.importing import file_panel, stored_kpis, template_button

screen = bootstrap("nav.import")
t = screen.t
st.title(t("import.title"))
st.markdown(t("import.lead"))
template_button(screen)

files = st.file_uploader(t("import.upload"), type=["xlsx", "xlsm", "csv", "xls"], accept_multiple_files=True,
                         key="import_files", help=t("import.upload_help"))
if screen.demo:
    st.info(t("import.demo_read_only"))
for index, upload in enumerate(files or []):
    st.subheader(upload.name)
    file_panel(screen, upload.name, upload.getvalue(), index)

stored_kpis(screen)
