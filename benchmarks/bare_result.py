"""The least a page needs to do the result screen's job, served at /result of a multipage app like the
real one: pick the assessment, show the level, draw the seven scores and their targets, list them, show
who answered (30 people) and the spread, the weakest areas, and let each target be chosen.

It uses the plainest Streamlit element for each part, fixed data and no storage, so the figure against
it is Teichaku's own cost over what the job itself costs in a browser."""

import random

import streamlit as st

AREAS = [f"{n}. 領域{n}" for n in range(1, 8)]
ROLES = ["経営者"] + ["管理職"] * 10 + ["現場"] * 19


def result() -> None:
    rng = random.Random(7)
    st.title("診断結果")
    st.selectbox("診断", ["ワークショップ (2026/11/20)"])
    left, middle, right = st.columns([2, 1, 1])
    left.metric("全体レベル", "2 部分導入")
    middle.metric("スコア", "1.9 / 4")
    right.metric("わからない", "4")
    scores = {area: round(rng.uniform(1, 3), 1) for area in AREAS}
    st.bar_chart({"スコア": scores, "目標": {area: 3 for area in AREAS}}, stack=False)
    st.table({"スコア": scores, "目標": {area: 3 for area in AREAS}})
    st.dataframe([{"役割": role, "名前": f"{role} {i}", "回答": "回答済み"} for i, role in enumerate(ROLES, 1)])
    st.dataframe([{"領域": area, "経営者": 3, "管理職": 2, "現場": 1} for area in AREAS], hide_index=True)
    for rank, area in enumerate(AREAS[:3], start=1):
        with st.container(border=True):
            st.markdown(f"#### {rank}. {area}\n- 手順を決める\n- 担当を決める")
    left, right = st.columns(2)
    for i, area in enumerate(AREAS):
        (left if i % 2 == 0 else right).selectbox(f"{area} の目標", range(5), index=None, key=area)


def hello() -> None:
    st.write("Hello")


st.navigation([st.Page(hello, title="Hello", url_path="home", default=True),
               st.Page(result, title="Result", url_path="result")]).run()
