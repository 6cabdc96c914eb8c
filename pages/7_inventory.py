"""The business inventory: each process down to its exceptions, the paper left, the double entry left."""

import streamlit as st

from ui.bootstrap import bootstrap
from ui.inventory import inventory_table, left_to_remove

screen = bootstrap("nav.inventory")
t = screen.t
st.title(t("inventory.title"))
st.markdown(t("inventory.lead"))
left_to_remove(screen)
inventory_table(screen)
