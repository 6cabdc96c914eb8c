"""The people answering an assessment: shared by the questionnaire (whose answers) and the result (who is in
the room, how their answers spread, where they disagree)."""

from __future__ import annotations

import statistics

import pandas as pd
import streamlit as st

from core.charts import CHART_WIDTH, PHONE_WIDTH, gap_frames, gap_overview_chart, perception_chart
from core.perception import (
    NOTABLE_GAP, OTHERS, ROLES, Respondent, company_scores, dimension_scores, group_scores,
    most_disputed, question_views, visible_room,
)
from core.perception import groups as groups_of
from core.records import Assessment, RespondentRecord
from core.settings import MIN_GROUP_RANGE, Setting
from ui.bootstrap import Screen
from ui.format import md
from ui.pictures import picture

UNDO_KEY = "_respondent_undo"
ROW_LIMIT = 6  # more people than this are listed in a table and edited one at a time


def role_name(screen: Screen, role: str) -> str:
    return screen.t(f"respondent.role_{role}")


def display_names(screen: Screen, records: list[RespondentRecord]) -> dict[int, str]:
    """A respondent's label, or their role and number: 「現場 2」. Nobody has to give a name."""
    counts: dict[str, int] = {}
    names, seen = {}, {}
    for r in records:
        counts[r.role] = counts.get(r.role, 0) + 1
        name = r.label or screen.t("respondent.name", role=role_name(screen, r.role), n=counts[r.role])
        seen[name] = seen.get(name, 0) + 1
        names[r.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"  # two 田中 stay two people
    return names


def current_respondent(screen: Screen, assessment: Assessment) -> RespondentRecord:
    """Whose answers the questionnaire shows: the one in the address (`?r=`), else the first. With one
    respondent nothing is asked: the single-respondent flow stays as it was."""
    records = screen.store.respondents(assessment.id)
    wanted = st.query_params.get("r")
    chosen = next((r for r in records if str(r.id) == str(wanted)), records[0])
    if len(records) > 1:
        # The address is the only memory of whose answers these are: a widget that kept a name could,
        # after a rename or removal in another tab, point at someone else.
        names = display_names(screen, records)
        ids = [r.id for r in records]
        st.selectbox(screen.t("respondent.answering_as"), ids, index=ids.index(chosen.id), format_func=names.get,
                     help=screen.t("respondent.answering_as_help"), on_change=_choose_respondent,
                     key=(key := f"_respondent_{assessment.id}_{screen.lang}_{chosen.id}_{hash(tuple(names.items()))}"),
                     args=(key,))
    if wanted is not None or len(records) > 1:
        st.query_params["r"] = str(chosen.id)  # a reload stays with the same person
    return chosen


def _choose_respondent(key: str) -> None:
    st.query_params["r"] = str(st.session_state[key])


def respondents_panel(screen: Screen, assessment: Assessment, room: list[Respondent] | None = None) -> None:
    """Add, rename, change the role of and remove respondents; a removal can be undone."""
    t = screen.t
    records = screen.store.respondents(assessment.id)
    names = display_names(screen, records)
    with st.expander(t("respondent.panel", count=len(records)), expanded=len(records) > 1,
                     icon=":material/groups:"):
        st.caption(t("respondent.panel_help"))
        _undo_offer(screen, assessment)
        if len(records) > ROW_LIMIT:
            _roster(screen, assessment, records, names, room or [])
        else:
            for i, r in enumerate(records):  # the first, the owner the single-respondent screens write as, stays
                _respondent_row(screen, assessment, r, names[r.id], can_remove=i > 0, first=i == 0)
        if screen.demo:
            return
        with st.form(f"respondent_add_{assessment.id}", border=False):
            left, right = st.columns(2)
            role = left.selectbox(t("respondent.role"), ROLES, format_func=lambda v: role_name(screen, v),
                                  index=ROLES.index("floor"), key=f"respondent_new_role_{assessment.id}")
            label = right.text_input(t("respondent.label"), max_chars=40, key=f"respondent_new_label_{assessment.id}")
            if st.form_submit_button(t("respondent.add"), icon=":material/person_add:"):
                new_id = screen.store.add_respondent(assessment.id, role, label)
                added = display_names(screen, screen.store.respondents(assessment.id))[new_id]
                st.session_state[f"_respondent_added_{assessment.id}"] = added
                st.rerun()
        if added := st.session_state.pop(f"_respondent_added_{assessment.id}", None):
            st.success(t("respondent.added", name=md(added)), icon=":material/check:")


def _roster(screen: Screen, assessment: Assessment, records: list[RespondentRecord], names: dict[int, str],
            room: list[Respondent]) -> None:
    """A room of many: everyone in one table, and the one chosen there to edit. A row of widgets per person
    would make a 30-person page take seconds to appear."""
    t = screen.t
    answered = {r.id: sum(1 for a in r.answers.values() if a.is_answered) for r in room}
    total = len(screen.questionnaire.questions)
    st.dataframe([{t("respondent.role"): role_name(screen, r.role), t("respondent.label"): names[r.id],
                   t("respondent.c_answered"): t("respondent.answered", done=answered.get(r.id, 0), total=total)}
                  for r in records], hide_index=True, width="stretch", height=min(400, 36 + 35 * len(records)))
    ids = [r.id for r in records]
    chosen = st.selectbox(t("respondent.edit_one"), ids, format_func=names.get,
                          key=f"respondent_pick_{assessment.id}_{hash(tuple(names.items()))}")
    record = next(r for r in records if r.id == chosen)
    _respondent_row(screen, assessment, record, names[record.id], can_remove=record.id != ids[0], first=True)


def _respondent_row(screen: Screen, assessment: Assessment, r: RespondentRecord, name: str, can_remove: bool,
                    first: bool) -> None:
    t = screen.t
    labels = "visible" if first else "collapsed"  # a column heading once, not on every row
    with st.container(horizontal=True, vertical_alignment="bottom"):
        role = st.selectbox(t("respondent.role"), ROLES, index=ROLES.index(r.role), key=f"respondent_role_{r.id}",
                            format_func=lambda v: role_name(screen, v), disabled=screen.demo, label_visibility=labels)
        label = st.text_input(t("respondent.label"), value=r.label, max_chars=40, key=f"respondent_label_{r.id}",
                              placeholder=t("respondent.label_placeholder", name=name), disabled=screen.demo,
                              label_visibility=labels)
        if (role, label.strip()) != (r.role, r.label) and st.button(t("respondent.save"), key=f"respondent_save_{r.id}"):
            screen.store.update_respondent(r.id, role, label)
            st.toast(t("respondent.saved"), icon=":material/check:")
            st.rerun()
        st.page_link("pages/1_assessment.py", label=t("respondent.answer_as"), icon=":material/edit:",
                     query_params=screen.params(a=assessment.id, r=r.id))
        if can_remove and not screen.demo and st.button(t("respondent.remove"), key=f"respondent_remove_{r.id}",
                                                        icon=":material/delete:"):
            try:
                st.session_state[UNDO_KEY] = (name, screen.store.remove_respondent(r.id))
            except (KeyError, ValueError):  # gone already, or the last one (another tab was quicker)
                st.session_state.pop(UNDO_KEY, None)
            st.rerun()


def _undo_offer(screen: Screen, assessment: Assessment) -> None:
    undo = st.session_state.get(UNDO_KEY)
    if screen.demo or undo is None or undo[1]["assessment_id"] != assessment.id:
        return
    name, removed = undo
    st.info(screen.t("respondent.removed", name=md(name)), icon=":material/undo:")
    if st.button(screen.t("respondent.undo"), key="respondent_undo", icon=":material/undo:"):
        screen.store.restore_respondent(removed)
        del st.session_state[UNDO_KEY]
        st.rerun()


def _level(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def spread_section(screen: Screen, room: list[Respondent]) -> None:
    """With several respondents: the spread per dimension, each shown role's median, and the questions
    the room disagrees on most. Nobody's own answers are shown."""
    t, q = screen.t, screen.questionnaire
    if len(room) < 2:
        return
    st.subheader(t("respondent.spread_heading", count=len(room)))
    min_group = screen.min_group()
    st.caption(t("respondent.spread_help", min=min_group))
    if not screen.demo:
        st.number_input(t("respondent.min_group"), MIN_GROUP_RANGE.start, MIN_GROUP_RANGE.stop - 1, value=min_group,
                        step=1, key="respondent_min_group", help=t("respondent.min_group_help"),
                        on_change=_save_min_group, args=(screen,))
    visible = visible_room(room, min_group)
    if not visible:
        st.info(t("respondent.too_few", min=min_group), icon=":material/visibility_off:")
        return
    groups = group_scores(q, visible, min_group)
    company = company_scores(q, visible)
    rows = []
    for d in q.dimensions:
        spread = company[d.id]
        medians = [s[d.id].median for s in groups.values() if s[d.id].median is not None]
        gap = round(max(medians) - min(medians), 2) if len(medians) >= 2 else None
        row = {t("respondent.c_dimension"): f"{d.number}. {d.name(screen.lang)}",
               t("respondent.c_median"): _level(spread.median), t("respondent.c_n"): spread.n,
               t("respondent.c_ad"): "—" if spread.ad is None else f"{spread.ad:.2f}"}
        row |= {_group_name(screen, g): _level(s[d.id].median) for g, s in groups.items()}
        row[t("respondent.c_gap")] = "—" if gap is None else ("⚠ " if gap >= NOTABLE_GAP else "") + f"{gap:.1f}"
        rows.append(row)
    _gap_picture(screen, visible, min_group)
    _question_gaps(screen, visible, min_group)
    st.dataframe(rows, hide_index=True, width="stretch")
    _disputed(screen, visible, min_group)


def _gap_picture(screen: Screen, room, min_group: int) -> None:
    """Each shown role's people as dots per dimension, their median as a tick: the perception gap at a glance."""
    t, q = screen.t, screen.questionnaire
    shown = groups_of(room, min_group)
    labels = {g: t("respondent.group_n", group=_group_name(screen, g), n=len(people)) for g, people in shown.items()}
    names = {d.id: f"{d.number}. {d.name(screen.lang)}" for d in q.dimensions}
    dots, medians = [], []
    for g, people in shown.items():
        scores = [dimension_scores(q, r) for r in people]
        for d in q.dimensions:
            mine = [s[d.id] for s in scores if s[d.id] is not None]
            dots += [{"dimension": names[d.id], "group": labels[g], "score": v} for v in mine]
            if mine:
                medians.append({"dimension": names[d.id], "group": labels[g], "median": statistics.median(mine)})
    gaps = {}
    for d in q.dimensions:
        ms = [m["median"] for m in medians if m["dimension"] == names[d.id]]
        gap = round(max(ms) - min(ms), 2) if len(ms) >= 2 else 0
        gaps[names[d.id]] = t("respondent.gap_mark", gap=f"{gap:.1f}") if gap >= NOTABLE_GAP else ""
    if not dots:
        return
    frame = pd.DataFrame(medians).assign(gap_label=lambda f: f["dimension"].map(gaps))
    picture(screen, t("respondent.gap_alt"), perception_chart, pd.DataFrame(dots), frame,
            groups=list(labels.values()), dimensions=list(names.values()), score_title=t("respondent.gap_axis"),
            phone={"width": PHONE_WIDTH})


QUESTION_LABEL = 22  # characters of a question shown beside its line; the full text is in the list below it


def _question_gaps(screen: Screen, room, min_group: int) -> None:
    """The perception gap question by question, for one dimension at a time."""
    t, q = screen.t, screen.questionnaire
    ids = [d.id for d in q.dimensions]
    names = {d.id: f"{d.number}. {d.name(screen.lang)}" for d in q.dimensions}
    chosen = st.selectbox(t("respondent.by_question"), ids, format_func=names.get, key="respondent_by_question")
    dimension = q.dimension(chosen)
    shown = groups_of(room, min_group)
    labels = {g: t("respondent.group_n", group=_group_name(screen, g), n=len(people)) for g, people in shown.items()}
    views = {v.question_id: v for v in question_views(q, room, min_group)}
    rows, texts = {}, []
    for i, question in enumerate(dimension.questions, start=1):
        text = question.text(screen.lang)
        row = f"{dimension.number}-{i} " + (text if len(text) <= QUESTION_LABEL else text[:QUESTION_LABEL - 1] + "…")
        rows[row] = {labels[g]: s.median for g, s in views[question.id].groups.items()}
        texts.append(f"{dimension.number}-{i} {md(text)}")
    medians, gaps = gap_frames(rows, lambda gap: t("respondent.gap_mark", gap=f"{gap:.1f}"))
    picture(screen, t("respondent.by_question_alt"), gap_overview_chart, medians, gaps, groups=list(labels.values()),
            dimensions=list(rows), score_title=t("respondent.score_axis"), width=CHART_WIDTH, font=13,
            row_height=46, phone={"width": PHONE_WIDTH, "font": 12})
    st.caption("  \n".join(texts))


def _save_min_group(screen: Screen) -> None:
    screen.store.set_setting(Setting.MIN_GROUP, str(int(st.session_state["respondent_min_group"])))


def _group_name(screen: Screen, group: str) -> str:
    return role_name(screen, "others" if group == OTHERS else group)


def _disputed(screen: Screen, room, min_group: int) -> None:
    t, q = screen.t, screen.questionnaire
    st.markdown(f"**{t('respondent.disputed_heading')}**")
    st.caption(t("respondent.disputed_help"))
    disputed = most_disputed(question_views(q, room, min_group), n=5)
    if not disputed:
        st.caption(t("respondent.disputed_none"))
        return
    questions = {x.id: x for x in q.questions}
    for v in disputed:
        groups = t("list.join").join(t("respondent.group_median", group=_group_name(screen, g), median=_level(s.median),
                                       n=s.n) for g, s in v.groups.items() if s.n)
        if v.notable_gap:
            groups += f" ⚠ {t('respondent.gap_mark', gap=_level(v.gap))}"
        st.markdown(t("respondent.disputed_line", text=md(questions[v.question_id].text(screen.lang)),
                      median=_level(v.room.median), consensus=f"{v.room.consensus:.2f}", groups=groups))
