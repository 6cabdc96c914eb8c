"""The bare reference page served at /dashboard and /result, as a page of a multipage app: Streamlit's client
first probes /dashboard/_stcore/health, gets 404 and retries at the root, which every sub-page pays."""

import streamlit as st


def hello() -> None:
    st.write("Hello")


st.navigation([st.Page(hello, title="Hello", url_path="home", default=True),
               st.Page(hello, title="Dashboard", url_path="dashboard"),
               st.Page(hello, title="Result", url_path="result")]).run()
