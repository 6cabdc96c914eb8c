"""Keeps Streamlit's full garbage collection after every run cheap.

Streamlit runs `gc.collect(2)` after every script run (`runner.postScriptGC`), which walks every object
the process holds: with pandas, Altair, DuckDB and the questionnaire loaded that took ~80 ms a run, and
thirty phones answering at once queued ~2.4 s behind it (measured, benchmarks/bench_live.py). What is
alive once a page's modules are imported mostly lives as long as the server, so it is moved out of the
collector's sight (`gc.freeze`) once per page; what later runs create is still collected. The price,
bounded by the number of pages: garbage cycles of sessions alive at those moments are never collected
(objects without cycles are freed as usual, by reference counting)."""

from __future__ import annotations

import atexit
import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def settle(kind: str) -> str:
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)  # at exit everything is collected as usual (DuckDB checks its objects go)
    return kind
