"""Projection mode (`?present=1`): the result and the KPIs one screen at a time, for the back of a room.

Only pictures and text are shown, no widget that edits anything, and nothing a person typed reaches the
page unescaped. Nobody's own answers appear: each role's median and head count, and unnamed dots only
when the facilitator chose them (`dots=1`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd
import streamlit as st

from core.charts import PROJECTOR_WIDTH, gap_frames, gap_overview_chart, group_strip_chart, svg
from core.dashboard import build_dashboard
from core.drawing import DrawingFailed
from core.perception import (
    OTHERS, Respondent, company_scores, most_disputed, question_views, visible_room,
)
from core.perception import groups as groups_of
from core.perception import room_result
from core.presentation import Step, deck, dimension_groups, headline_kpis, next_actions, next_milestones, position
from core.records import Assessment
from core.scoring import AssessmentResult, level_for
from ui.assessments import current_assessment
from ui.bootstrap import Screen, company_name
from ui.format import number
from ui.pictures import img_tag
from ui.voting import live_slide, open_room_of

STYLE = Path(__file__).with_suffix(".css")
STRIP_WIDTH = 700  # the right two thirds of a 1280 px screen
PARAMS = ("present", "step", "dots")


def present_page(screen: Screen, default_step: str | None = None) -> None:
    """In projection mode, the projection instead of the page (it stops the page); else nothing."""
    if not screen.present:
        return
    assessment = current_assessment(screen)
    room = screen.store.room(assessment.id) if assessment else []
    result = room_result(screen.questionnaire, room) if room else None
    present(screen, assessment, room, result, default_step)


def present_opener(screen: Screen, assessment_id: int | None, start: str | None = None) -> None:
    """The button that turns this page into its projection, and whether dots are shown. The same tab: a
    new one would be a new session, which on a shared copy holds none of this visitor's data."""
    t = screen.t
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(t("present.open"), icon=":material/co_present:", help=t("present.open_help"), key="present_open",
                  on_click=_open, args=(assessment_id, start))
        st.checkbox(t("present.dots"), key="present_dots", help=t("present.dots_help"))


def _open(assessment_id: int | None, start: str | None) -> None:
    st.query_params["present"] = "1"
    for name, value in (("a", assessment_id), ("step", start), ("dots", 1 if st.session_state.get("present_dots") else None)):
        if value is not None:
            st.query_params[name] = str(value)


def present(screen: Screen, assessment: Assessment | None, room: list[Respondent], result: AssessmentResult | None,
            default_step: str | None = None) -> None:
    """Draw the screen named in the address, with next/back, and stop the page there."""
    st.html(STYLE)
    min_group = screen.min_group()
    visible = visible_room(room, min_group) if len(room) > 1 else []
    board = build_dashboard(screen.store)
    live = open_room_of(assessment.id) if assessment else None
    steps = deck(screen.questionnaire, room_shown=bool(visible), has_kpis=any(p.latest is not None for p in board.progress),
                 has_assessment=result is not None, live=live is not None)
    index = position(steps, st.query_params.get("step"), default_step)
    step = steps[index]
    corner = (screen.t("live.corner", code=live[0]),) if live else ()
    meta = escape(" · ".join(x for x in (company_name(screen), _assessment_name(screen, assessment), *corner) if x))
    counter = escape(screen.t("present.counter", n=index + 1, total=len(steps)))
    head = f'<div class="tk-meta"><span>{meta}</span><span>{counter}</span></div>'
    if step.kind == "live":  # refreshes itself while the room votes
        st.html(f'<div class="tk-slide tk-head">{head}</div>')
        live_slide(screen, assessment.id)
    else:
        body = _SLIDES[step.kind](screen, step=step, result=result, room=room, visible=visible, min_group=min_group,
                                  board=board)
        st.html(f'<div class="tk-slide">{head}{body}</div>')
    _navigation(screen, steps, index)
    st.stop()


def _assessment_name(screen: Screen, assessment: Assessment | None) -> str:
    return "" if assessment is None else screen.assessment_labels().get(assessment.id, assessment.label)


def _go(slug: str) -> None:
    st.query_params["step"] = slug


def _leave() -> None:
    for name in PARAMS:
        st.query_params.pop(name, None)


def _navigation(screen: Screen, steps: tuple[Step, ...], index: int) -> None:
    t = screen.t
    back = steps[max(0, index - 1)].slug
    ahead = steps[min(len(steps) - 1, index + 1)].slug
    first, last = index == 0, index == len(steps) - 1
    with st.container(horizontal=True, key="present_nav", horizontal_alignment="distribute"):
        st.button(t("present.back"), key="present_back", icon=":material/arrow_back:", shortcut="PageUp",
                  disabled=first, on_click=_go, args=(back,))
        st.button(t("present.exit"), key="present_exit", icon=":material/close:", shortcut="Esc", on_click=_leave)
        st.button(t("present.next"), key="present_next", icon=":material/arrow_forward:", icon_position="right",
                  shortcut="PageDown", type="primary", disabled=last, on_click=_go, args=(ahead,))
    # A button takes one key; remotes send PageUp/PageDown, keyboards the arrows. Hidden, the keys still work.
    with st.container(key="present_keys"):
        st.button("←", key="present_left", shortcut="Left", disabled=first, on_click=_go, args=(back,))
        st.button("→", key="present_right", shortcut="Right", disabled=last, on_click=_go, args=(ahead,))


def _e(text: object) -> str:
    return escape(str(text))


def _level(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _picture(screen: Screen, alt: str, build, *args, **kwargs) -> str:
    try:
        return img_tag(alt, svg(build, *args, **kwargs))
    except DrawingFailed:
        return f'<p class="tk-note">{_e(screen.t("dashboard.chart_failed"))}</p>'


def _group_label(screen: Screen, group: str, n: int) -> str:
    name = screen.t(f"respondent.role_{'others' if group == OTHERS else group}")
    return screen.t("respondent.group_n", group=name, n=n)


def _level_slide(screen: Screen, *, result: AssessmentResult, room, **_) -> str:
    t, q, lang = screen.t, screen.questionnaire, screen.lang
    level = result.overall_level
    people = t("present.people", n=len(room)) if len(room) > 1 else t("present.one_person")
    if level is None:
        key = f'<div class="tk-key-small">{_e(t("present.not_measured"))}</div>'
        meaning = ""
    else:
        key = (f'<div class="tk-key">{_e(t("present.level_value", level=level))}</div>'
               f'<div class="tk-strong">{_e(q.level(level).name(lang))}</div>')
        meaning = f'<p class="tk-note">{_e(q.level(level).meaning(lang))}</p>'
    bars = "".join(
        f'<span>{_e(d.number)}. {_e(d.name(lang))}</span>'
        f'<div class="tk-bar"><div style="width:{0 if s.score is None else s.score / 4 * 100:.0f}%"></div></div>'
        f'<span><b>{_e(_level(s.score))}</b></span>'
        for d, s in zip(q.dimensions, result.dimensions))
    return (f'<h1>{_e(t("present.level_title"))}</h1><div class="tk-row"><div class="tk-left">{key}'
            f'<div class="tk-key-small">{_e(_level(result.overall_score))}<span class="tk-strong"> / 4</span></div>'
            f'<p class="tk-note">{_e(people)}</p></div><div class="tk-right"><div class="tk-bars">{bars}</div>'
            f'{meaning}</div></div>')


def _dimension_slide(screen: Screen, *, step: Step, result: AssessmentResult, visible, min_group: int, **_) -> str:
    t, q, lang = screen.t, screen.questionnaire, screen.lang
    d = q.dimension(step.dimension_id)
    score = result.dimensions[result.dimensions_index(d.id)]
    recommendations = d.recommendations_for(score.band)
    advice = steps = ""
    if recommendations and score.score is not None:
        advice = f'<div class="tk-strong">{_e(t("present.next_step", title=recommendations[0].title(lang)))}</div>'
        items = "".join(f"<li>{_e(x)}</li>" for x in recommendations[0].steps(lang)[:3])
        steps = f'<ul class="tk-steps">{items}</ul>'
    level = "" if score.score is None else f'<div class="tk-strong">{_e(q.level(level_for(score.score)).name(lang))}</div>'
    left = (f'<div class="tk-key">{_e(_level(score.score))}<span class="tk-strong"> / 4</span></div>{level}'
            f'<p class="tk-note">{_e(d.summary(lang))}</p>')
    head = f'<h1>{_e(t("present.dimension_title", number=d.number, name=d.name(lang)))}</h1>'
    if not visible:
        return (f'{head}<div class="tk-row"><div class="tk-left">{left}</div>'
                f'<div class="tk-right">{advice}{steps}</div></div>')
    # Beside the room's picture only the step's title fits the screen.
    shown = dimension_groups(q, visible, d.id, min_group)
    labels = {g.group: _group_label(screen, g.group, len(g.scores)) for g in shown}
    medians = pd.DataFrame([{"group": labels[g.group], "median": g.median, "value": _level(g.median),
                             "label": labels[g.group]} for g in shown if g.median is not None])
    dots = pd.DataFrame([{"group": labels[g.group], "score": s} for g in shown for s in g.scores]
                        if st.query_params.get("dots") == "1" else [], columns=["group", "score"])
    chart = "" if medians.empty else _picture(
        screen, t("respondent.gap_alt"), group_strip_chart, dots, medians, groups=list(labels.values()),
        score_title=t("present.by_role"), width=STRIP_WIDTH)
    return f'{head}<div class="tk-row"><div class="tk-left">{left}</div><div class="tk-right">{chart}{advice}</div></div>'


def _gap_slide(screen: Screen, *, visible, min_group: int, **_) -> str:
    t, q = screen.t, screen.questionnaire
    shown = groups_of(visible, min_group)
    labels = {g: _group_label(screen, g, len(people)) for g, people in shown.items()}
    scores = {g: company_scores(q, people) for g, people in shown.items()}
    names = [t("present.dimension_title", number=d.number, name=d.name(screen.lang)) for d in q.dimensions]
    rows = {name: {labels[g]: s[d.id].median for g, s in scores.items()} for d, name in zip(q.dimensions, names)}
    medians, gaps = gap_frames(rows, lambda gap: t("respondent.gap_mark", gap=_level(gap)))
    chart = _picture(screen, t("respondent.gap_alt"), gap_overview_chart, medians, gaps,
                     groups=list(labels.values()), dimensions=names, score_title=t("respondent.score_axis"),
                     width=PROJECTOR_WIDTH)
    return f'<h1>{_e(t("present.gap_title"))}</h1><p class="tk-note">{_e(t("present.gap_lead"))}</p>{chart}'


def _disputed_slide(screen: Screen, *, visible, min_group: int, **_) -> str:
    t, q = screen.t, screen.questionnaire
    head = f'<h1>{_e(t("present.disputed_title"))}</h1>'
    disputed = most_disputed(question_views(q, visible, min_group), n=3)
    if not disputed:
        return f'{head}<p>{_e(t("present.disputed_none"))}</p>'
    texts = {x.id: x.text(screen.lang) for x in q.questions}
    items = []
    for v in disputed:
        groups = t("list.join").join(
            t("respondent.group_median", group=t(f"respondent.role_{'others' if g == OTHERS else g}"),
              median=_level(s.median), n=s.n) for g, s in v.groups.items() if s.n)
        mark = (f' <span class="tk-alert">⚠ {_e(t("respondent.gap_mark", gap=_level(v.gap)))}</span>'
                if v.notable_gap else "")
        stats = t("present.disputed_line", median=_level(v.room.median), consensus=f"{v.room.consensus:.2f}")
        items.append(f'<li><div class="tk-strong">{_e(texts[v.question_id])}</div>'
                     f'<div class="tk-note">{_e(stats)}・{_e(groups)}{mark}</div></li>')
    return f'{head}<ol class="tk-list">{"".join(items)}</ol>'


def _kpi_slide(screen: Screen, *, board, **_) -> str:
    t = screen.t
    shown, more = headline_kpis(board.progress)
    cards = []
    for p in shown:
        unit = p.spec.unit
        target = (t("present.kpi_no_target") if p.spec.target is None else
                  t("present.kpi_target_by", target=number(screen, p.spec.target, unit), month=f"{p.spec.target_date:%Y-%m}")
                  if p.spec.target_date else t("present.kpi_target", target=number(screen, p.spec.target, unit)))
        cards.append(
            f'<div class="tk-card {_e(p.status)}"><div class="tk-strong">{_e(p.spec.name)}</div>'
            f'<div class="tk-key-small">{_e(number(screen, p.baseline, unit))} → {_e(number(screen, p.latest, unit))}</div>'
            f'<div class="tk-note">{_e(target)}　<span class="tk-status {_e(p.status)}">{_e(t(f"status.{p.status}"))}</span>'
            f'</div></div>')
    extra = f'<p class="tk-note">{_e(t("present.kpis_more", n=more))}</p>' if more else ""
    return f'<h1>{_e(t("present.kpis_title"))}</h1><div class="tk-cards">{"".join(cards)}</div>{extra}'


def _actions_slide(screen: Screen, *, result: AssessmentResult | None, **_) -> str:
    t, q, lang = screen.t, screen.questionnaire, screen.lang
    actions = next_actions(q, result) if result is not None else []
    items = []
    for i, a in enumerate(actions, start=1):
        remedy = q.remedy(a.recommendation.remedy)
        where = t("present.action_where", dimension=q.dimension(a.dimension_id).name(lang), score=_level(a.score),
                  number=remedy.number, remedy=remedy.title(lang))
        items.append(f'<li><div class="tk-strong">{i}. {_e(a.recommendation.title(lang))}</div>'
                     f'<div class="tk-note">{_e(where)}</div></li>')
    body = f'<ol class="tk-list">{"".join(items)}</ol>' if items else f'<p>{_e(t("present.actions_none"))}</p>'
    due = next_milestones(screen.store.milestones())  # what the company committed to, not the proposal
    if due:
        lines = "".join(
            f'<li class="tk-note">{_e(t("present.milestone_line", due=f"{m.due:%Y-%m-%d}", title=m.title))}'
            f'{_e(t("present.overdue")) if m.due < screen.today else ""}</li>' for m in due)
        body += f'<div class="tk-strong">{_e(t("present.milestones"))}</div><ul class="tk-list">{lines}</ul>'
    return f'<h1>{_e(t("present.actions_title"))}</h1>{body}'


_SLIDES = {"level": _level_slide, "dimension": _dimension_slide, "gap": _gap_slide, "disputed": _disputed_slide,
           "kpis": _kpi_slide, "actions": _actions_slide}
