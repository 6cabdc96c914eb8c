"""Teichaku's domain code: plain Python, no Streamlit."""
