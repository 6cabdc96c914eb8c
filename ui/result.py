"""Pieces of the result page: headline, radar, table, weakest areas, targets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.charts import RadarSeries, radar_chart
from core.scoring import AssessmentResult, Gap, adkar_barrier
from core.store import Assessment
from ui.bootstrap import Screen


def dimension_labels(screen: Screen) -> list[tuple[str, str]]:
    return [(d.id, d.name(screen.lang)) for d in screen.questionnaire.dimensions]


def fmt(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def headline(screen: Screen, result: AssessmentResult) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    level = result.overall_level
    level_text = "—" if level is None else f"{level} {q.level(level).name(lang)}"
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    c1.metric(t("result.overall_level"), level_text)
    c2.metric(t("result.overall_score"), f"{fmt(result.overall_score)} / 4")
    c3.metric(t("result.answered"), f"{result.answered + result.unknown} / {result.total}")
    c4.metric(t("result.unknown"), str(result.unknown))
    if level is not None:
        st.info(f"**{t('result.level_meaning', level=level_text)}**　{q.level(level).meaning(lang)}")
    if result.missing:
        st.warning(t("result.incomplete", missing=result.missing))
    if result.unknown:
        st.warning(t("result.unknown_signal", count=result.unknown), icon=":material/help:")


def radar(screen: Screen, series: list[RadarSeries]) -> None:
    chart = radar_chart(series, dimension_labels(screen), score_title=screen.t("result.score"),
                        legend_title=screen.t("result.legend"))
    st.altair_chart(chart, width="content")


def score_table(screen: Screen, result: AssessmentResult, targets: dict[str, int]) -> None:
    t, lang = screen.t, screen.lang
    rows = []
    for d, s in zip(screen.questionnaire.dimensions, result.dimensions):
        target = targets.get(d.id)
        rows.append({
            t("result.col_dimension"): f"{d.number}. {d.name(lang)}",
            t("result.col_score"): fmt(s.score),
            t("result.col_target"): "—" if target is None else str(target),
            t("result.col_gap"): "—" if target is None or s.score is None else f"{target - s.score:+.1f}",
            t("result.col_unknown"): str(s.unknown),
        })
    st.table(pd.DataFrame(rows).set_index(t("result.col_dimension")))


def weakest_areas(screen: Screen, result: AssessmentResult, answers: dict) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    st.subheader(t("result.weakest_heading"))
    for rank, s in enumerate(result.weakest(3), start=1):
        d = q.dimension(s.dimension_id)
        with st.container(border=True):
            st.markdown(f"#### {rank}. {d.name(lang)} — {fmt(s.score)}")
            if s.score is None:
                st.caption(t("result.not_measurable"))
            for rec in d.recommendations_for(s.band):
                remedy = q.remedy(rec.remedy)
                st.markdown(f"**{rec.title(lang)}**  \n:blue-badge[{t('result.remedy', number=remedy.number, title=remedy.title(lang))}]")
                st.markdown("\n".join(f"- {step}" for step in rec.steps(lang)))
    barrier = adkar_barrier(q, answers)
    if barrier is not None:
        st.info(t("result.adkar_barrier", element=t(f"adkar.{barrier.adkar}"), question=barrier.text(lang)),
                icon=":material/psychology:")


def _save_target(screen: Screen, assessment_id: int, dimension_id: str, key: str) -> None:
    screen.store.set_target(assessment_id, dimension_id, int(st.session_state[key]))


def target_editor(screen: Screen, assessment: Assessment, result: AssessmentResult,
                  targets: dict[str, int]) -> None:
    """One slider per dimension; each change is saved at once."""
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    st.caption(t("result.targets_help"))
    columns = st.columns(2)
    for i, d in enumerate(q.dimensions):
        key = f"target_{'demo' if screen.demo else 'own'}_{assessment.id}_{d.id}"
        current = targets.get(d.id)
        columns[i % 2].select_slider(
            f"{d.number}. {d.name(lang)}", options=[0, 1, 2, 3, 4],
            value=current if current is not None else suggested_target(result.score_of(d.id)),
            format_func=lambda v: f"{v} {q.level(v).name(lang)}", key=key, disabled=screen.demo,
            on_change=_save_target, args=(screen, assessment.id, d.id, key),
        )


def suggested_target(score: float | None) -> int:
    """One level above today, as a starting point the owner then adjusts."""
    return min(4, (0 if score is None else int(score)) + 1)


def gap_list(screen: Screen, gaps: list[Gap]) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    if not gaps:
        st.success(t("result.no_gaps"))
        return
    lines = [t("result.gap_line", rank=i, name=q.dimension(g.dimension_id).name(lang),
               current=fmt(g.current), target=g.target, gap=f"{g.gap:.1f}")
             for i, g in enumerate(gaps, start=1)]
    st.markdown("\n".join(f"{line}" for line in lines))
