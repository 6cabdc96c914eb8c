"""Pieces of the result page: headline, radar, table, weakest areas, targets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.charts import RadarSeries, change_chart, radar_chart
from core.scoring import AssessmentResult, Change, Gap, adkar_barrier, suggested_target
from core.perception import OTHERS, ROLES, Respondent, company_scores, groups, visible_room
from core.records import Assessment
from ui.assessments import LABEL_LIMIT, label_of
from ui.bootstrap import Screen
from ui.format import DATE_RANGE, md
from ui.pictures import picture


def dimension_labels(screen: Screen) -> list[tuple[str, str]]:
    return [(d.id, d.name(screen.lang)) for d in screen.questionnaire.dimensions]


def fmt(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def headline(screen: Screen, result: AssessmentResult) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    level = result.overall_level
    level_text = "—" if level is None else f"{level} {q.level(level).name(lang)}"
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.metric(t("result.overall_level"), level_text)
    c2.metric(t("result.overall_score"), f"{fmt(result.overall_score)} / 4")
    c3.metric(t("result.unknown"), str(result.unknown))
    st.caption(t("result.answered_line", done=result.answered + result.unknown, total=result.total))
    if level is not None:
        st.info(t("result.level_meaning", level=level_text, meaning=q.level(level).meaning(lang)))
    if result.missing:
        st.warning(t("result.incomplete", missing=result.missing))
    if result.unknown:
        st.warning(t("result.unknown_signal", count=result.unknown), icon=":material/help:")


def radar(screen: Screen, series: list[RadarSeries]) -> None:
    """Drawn on the server: the browser shows a picture instead of loading the Vega runtime, which was the
    largest part of the diagnosis page's first render."""
    picture(screen, screen.t("result.radar_alt", names=screen.t("list.join").join(s.name for s in series)),
            radar_chart, series, dimension_labels(screen), score_title=screen.t("result.score"),
            legend_title=screen.t("result.legend"))


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
    if not result.weakest(3):
        st.info(t("result.weakest_none"))
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
    screen.store.set_target(assessment_id, dimension_id, st.session_state[key])
    st.toast(screen.t("result.target_saved"), icon=":material/check:")


def target_editor(screen: Screen, assessment: Assessment, result: AssessmentResult,
                  targets: dict[str, int]) -> None:
    """One slider per dimension, starting at 未設定; each change is saved at once."""
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    st.caption(t("result.targets_help"))
    unset = [d for d in result.dimensions if d.dimension_id not in targets]
    if unset and st.button(t("result.targets_suggest"), disabled=screen.demo, key="suggest_targets"):
        for d in unset:
            screen.store.set_target(assessment.id, d.dimension_id, suggested_target(d.score))
        st.rerun()
    columns = st.columns(2)
    names = {v: f"{v} {q.level(v).name(lang)}" for v in range(5)}
    for i, (d, score) in enumerate(zip(q.dimensions, result.dimensions)):
        current = targets.get(d.id)
        key = f"target_{'demo' if screen.demo else 'own'}_{lang}_{assessment.id}_{d.id}_{current}"
        columns[i % 2].selectbox(
            t("result.target_label", number=d.number, name=d.name(lang), score=fmt(score.score)),
            options=list(range(5)), index=current, placeholder=t("result.target_unset"),
            format_func=names.get, key=key, disabled=screen.demo,
            on_change=_save_target, args=(screen, assessment.id, d.id, key),
        )


def gap_list(screen: Screen, gaps: list[Gap]) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    if not gaps:
        st.success(t("result.no_gaps"))
        return
    lines = [t("result.gap_line", rank=i, name=q.dimension(g.dimension_id).name(lang),
               current=fmt(g.current), target=g.target, gap=f"{g.gap:.1f}")
             for i, g in enumerate(gaps, start=1)]
    st.markdown("\n".join(f"{line}" for line in lines))


def change_table(screen: Screen, first: Assessment, last: Assessment, changes: list[Change]) -> None:
    """Before, after and the change per dimension, as a table and as bars."""
    t, names = screen.t, dict(dimension_labels(screen))
    before, after = label_of(screen, first), label_of(screen, last)
    rows = [{t("result.col_dimension"): names[c.dimension_id], before: fmt(c.before), after: fmt(c.after),
             t("compare.delta"): "—" if c.delta is None else f"{c.delta:+.1f}"} for c in changes]
    st.table(pd.DataFrame(rows).set_index(t("result.col_dimension")))
    measured = pd.DataFrame([{"dimension": names[c.dimension_id], "delta": c.delta}
                             for c in changes if c.delta is not None])
    if not measured.empty:
        st.altair_chart(change_chart(measured, delta_title=t("compare.delta")), width="stretch")


def perspective_picker(screen: Screen, rooms: list[list[Respondent]]) -> str | None:
    """Whose view the history shows: the company's (None), or one role's where it can be shown."""
    min_group = screen.min_group()
    shown = {g for room in rooms if len(room) > 1 for g in groups(visible_room(room, min_group), min_group)}
    if not shown:
        return None
    options = [None, *sorted(shown, key=lambda g: (ROLES + (OTHERS,)).index(g))]
    names = {g: screen.t("compare.whole") if g is None else
             screen.t(f"respondent.role_{'others' if g == OTHERS else g}") for g in options}
    return st.segmented_control(screen.t("compare.perspective"), options, format_func=names.get, default=None,
                                key=f"_compare_role_{screen.lang}", help=screen.t("compare.perspective_help",
                                                                                 min=min_group))


def role_scores(screen: Screen, room: list[Respondent], role: str) -> dict[str, float | None] | None:
    """One role's median per dimension in one assessment, or None when the role is not shown there."""
    min_group = screen.min_group()
    people = groups(visible_room(room, min_group), min_group).get(role) if len(room) > 1 else None
    if not people:
        return None
    return {d: s.median for d, s in company_scores(screen.questionnaire, people).items()}


def rename_control(screen: Screen, assessment: Assessment) -> None:
    """The name and date given at the start can be corrected later (a typo, the wrong day)."""
    t = screen.t
    if screen.demo:
        return
    with st.popover(t("result.rename"), icon=":material/edit:"):
        with st.form(f"rename_{assessment.id}", border=False):
            label = st.text_input(t("home.new_label"), value=assessment.label, max_chars=LABEL_LIMIT)
            taken_on = st.date_input(t("home.new_date"), value=assessment.taken_on, format="YYYY/MM/DD", **DATE_RANGE)
            if st.form_submit_button(t("result.rename_button"), type="primary"):
                screen.store.rename_assessment(assessment.id, label.strip() or assessment.label, taken_on)
                st.toast(t("result.renamed"), icon=":material/check:")
                st.rerun()


def delete_control(screen: Screen, assessment: Assessment) -> None:
    """Deleting asks once more, in a popover, and names what goes."""
    t = screen.t
    if screen.demo:
        return
    with st.popover(t("result.delete"), icon=":material/delete:"):
        st.write(t("result.delete_confirm", label=md(label_of(screen, assessment))))
        if st.button(t("result.delete_button"), type="primary", key="delete_assessment"):
            screen.store.delete_assessment(assessment.id)
            st.query_params.pop("a", None)
            st.session_state["_deleted"] = label_of(screen, assessment)
            st.rerun()


def deleted_notice(screen: Screen) -> None:
    label = st.session_state.pop("_deleted", None)
    if label:
        st.success(screen.t("result.deleted", label=md(label)), icon=":material/delete:")
