"""Streamlit code shared by several screens."""
