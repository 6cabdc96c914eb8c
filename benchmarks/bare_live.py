"""The least a page needs to do a live room's job, for bench_live.py: phones tap a button that adds a vote to
one counter every session shares (locked), and a screen shows the count, refreshed by a fragment every
second like the projector. No code, role, log or picture: the figure against it is Teichaku's own cost."""

import threading

import streamlit as st


@st.cache_resource
def counter() -> dict:
    return {"votes": 0, "lock": threading.Lock()}


def vote() -> None:
    shared = counter()
    with shared["lock"]:
        shared["votes"] += 1
    st.session_state["mine"] = st.session_state.get("mine", 0) + 1


def join() -> None:
    with st.container(key="join_answers"):
        st.button("2", on_click=vote, width="stretch")
    st.caption(f"回答済み {st.session_state.get('mine', 0)}")  # the phone sees its vote counted


@st.fragment(run_every=1)
def count() -> None:
    st.html(f'<div data-testid="live-count">{counter()["votes"]}票</div>')


def screen() -> None:
    count()


st.navigation([st.Page(screen, title="Screen", url_path="screen", default=True),
               st.Page(join, title="Join", url_path="join")]).run()
