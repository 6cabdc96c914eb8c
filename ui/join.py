"""The phone's side of a live room (`/join?c=CODE`): choose a role, answer one question at a time.

This page opens no workspace: a phone never holds, reads or reaches anybody's data, only the room its code
names and, in it, its own answers and the tallies the room has revealed.

One phone, one voice: the voter key is kept in the page's address (`&v=…`), so a reload, a lost
connection or a phone that slept comes back as the same voter with its answers. A second tab opened from
that address is the same voter too (its answers replace each other); a second scan of the QR code is a
new voter, which nothing in a browser can tell from a second phone without a cookie, so the facilitator
compares the joined count with the people in the room.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.i18n import resolve_language, translator
from core.perception import ROLES
from core.questionnaire import Questionnaire, load_questionnaire
from core.scoring import Answer
from core.voting import (
    ALPHABET, CODE_LENGTH, CodeGuard, PhoneView, RoomGone, TooManyTries, VotingClosed, normalise_code,
)
from ui.clock import now
from ui.memory import settle
from ui.room_registry import registry

STYLE = Path(__file__).with_name("join.css")
UNKNOWN = "unknown"


def join_page() -> None:
    lang = resolve_language(st.query_params.get("lang"), st.context.locale)
    t = translator(lang)
    st.set_page_config(page_title=f"{t('join.title')} | Teichaku", page_icon=":material/how_to_vote:",
                       layout="centered", initial_sidebar_state="collapsed")
    st.html(STYLE)
    settle("join")
    code, voter = normalise_code(st.query_params.get("c", "")), st.query_params.get("v", "")
    if code and voter:
        _voting(t, lang, load_questionnaire(), code, voter)
    elif st.session_state.get("_join_notice"):  # the room ended while this phone was choosing a role
        st.error(t(st.session_state.pop("_join_notice")), icon=":material/block:")
        st.info(t("join.room_ended"), icon=":material/check_circle:")
    elif code and _known(t, code):
        _choose_role(t, code)
    else:
        _code_form(t, code)


def _guard() -> CodeGuard:
    return st.session_state.setdefault("_join_guard", CodeGuard())


def _known(t, code: str) -> bool:
    """Whether the code names a room. A code that cannot be one (wrong length or letters) costs no try, and
    a wrong one is counted once, however often the page runs with it in the address."""
    if len(code) != CODE_LENGTH or not set(code) <= set(ALPHABET):
        st.error(t("join.malformed", code=code, length=CODE_LENGTH), icon=":material/error:")
        return False
    if st.session_state.get("_join_wrong") == code:
        st.error(t("join.unknown", code=code, left=_guard().tries_left), icon=":material/error:")
        return False
    try:
        if registry().check_code(code, _guard(), st.context.ip_address):
            return True
    except TooManyTries as wait:
        seconds = max(1, round((wait.until - now("UTC")).total_seconds()))
        st.error(t("join.wait", seconds=seconds), icon=":material/hourglass:")
        return False
    st.session_state["_join_wrong"] = code
    st.error(t("join.unknown", code=code, left=_guard().tries_left), icon=":material/error:")
    return False


def _code_form(t, code: str) -> None:
    st.title(t("join.title"))
    with st.form("join_code", border=False):
        typed = st.text_input(t("join.code_label"), value=code, max_chars=12, placeholder="K7QX3P")
        if st.form_submit_button(t("join.code_button"), type="primary", width="stretch"):
            st.query_params["c"] = normalise_code(typed)
            st.rerun()


def _choose_role(t, code: str) -> None:
    st.title(t("join.title"))
    st.write(t("join.role_lead"))
    with st.container(key="join_roles"):
        for role in ROLES:
            if st.button(t(f"respondent.role_{role}"), key=f"join_role_{role}", width="stretch"):
                joined = st.session_state.setdefault("_join_voters", {})
                try:  # a double tap, or the role page shown again, joins once
                    joined.setdefault(code, registry().join(code, role))
                except RoomGone:
                    st.session_state["_join_notice"] = "join.too_late"
                    st.rerun()
                st.query_params["v"] = joined[code]
                st.rerun()
    st.caption(t("join.anonymous"))


def _voting(t, lang: str, questionnaire: Questionnaire, code: str, voter: str) -> None:
    notice = st.session_state.pop("_join_notice", None)
    try:
        view = registry().phone_view(code, voter)
    except RoomGone:
        st.title(t("join.title"))
        if notice:
            st.error(t(notice), icon=":material/block:")
        st.info(t("join.room_ended"), icon=":material/check_circle:")
        return
    questions = {q.id: q for q in questionnaire.questions}
    order = [q.id for q in questionnaire.questions if q.id in view.open_questions]
    st.caption(t("join.as_role", role=t(f"respondent.role_{view.role}"), code=code))
    if notice:
        st.warning(t(notice), icon=":material/block:")
    if not order:
        st.info(t("join.waiting"), icon=":material/hourglass_top:")
        st.button(t("join.refresh"), icon=":material/refresh:", width="stretch", key="join_refresh")
        shown = [q for q in questions if q in view.tallies]
        if shown:  # the room's answers to the question just revealed, while waiting for the next
            st.markdown(f"**{questions[shown[-1]].text(lang)}**")
            if shown[-1] in view.own:
                st.caption(t("join.yours", answer=_answer_text(t, view.own[shown[-1]])))
            _tally(t, view, shown[-1])
        return
    position = _position(order, view)
    question = questions[order[position]]
    counted = view.own.get(question.id)
    st.progress((position + 1) / len(order), text=t("join.progress", n=position + 1, total=len(order),
                                                      answered=sum(1 for q in order if q in view.own)))
    st.markdown(f"#### {question.text(lang)}")
    with st.container(key="join_answers"):
        levels = question.levels(lang)
        for level, text in enumerate(levels):
            chosen = counted is not None and not counted.unknown and counted.level == level
            st.button(f"{level}　{text}", key=f"join_answer_{question.id}_{level}", width="stretch",
                      type="primary" if chosen else "secondary", on_click=_vote,
                      args=(code, voter, Answer(question.id, level), order))
        st.button(t("assessment.unknown"), key=f"join_answer_{question.id}_{UNKNOWN}", width="stretch",
                  type="primary" if counted is not None and counted.unknown else "secondary", on_click=_vote,
                  args=(code, voter, Answer(question.id, None, unknown=True), order))
    if counted is not None:
        st.success(t("join.counted", answer=_answer_text(t, counted)), icon=":material/check_circle:")
        _tally(t, view, question.id)  # only once answered: a tally seen first would pull answers to it
    last = st.session_state.pop("_join_last", None)
    if last and last != question.id and last in view.own:
        st.success(t("join.counted_previous", n=order.index(last) + 1 if last in order else "",
                     answer=_answer_text(t, view.own[last])), icon=":material/check_circle:")
    _steps(t, order, position)
    if view.pace == "one":  # the facilitator moves the room on; this asks for the question now open
        st.button(t("join.refresh"), icon=":material/refresh:", width="stretch", key="join_refresh")


def _position(order: list[str], view: PhoneView) -> int:
    """Where this phone is: the question it moved to, else the first it has not answered."""
    wanted = st.session_state.get("_join_at")
    if wanted in order:
        return order.index(wanted)
    return next((i for i, q in enumerate(order) if q not in view.own), len(order) - 1)


def _vote(code: str, voter: str, answer: Answer, order: list[str]) -> None:
    try:
        registry().vote(code, voter, answer)
    except VotingClosed:
        st.session_state["_join_notice"] = "join.closed"
        return
    except RoomGone:
        st.session_state["_join_notice"] = "join.too_late"
        return
    st.session_state["_join_last"] = answer.question_id
    at = order.index(answer.question_id)  # on to the next question; the last one stays, showing the answer
    st.session_state["_join_at"] = order[min(at + 1, len(order) - 1)]


def _answer_text(t, answer: Answer) -> str:
    return t("assessment.unknown") if answer.unknown else str(answer.level)


def _go(question_id: str) -> None:
    st.session_state["_join_at"] = question_id


def _steps(t, order: list[str], position: int) -> None:
    with st.container(horizontal=True, key="join_steps", horizontal_alignment="distribute"):
        st.button(t("join.previous"), icon=":material/arrow_back:", key="join_previous", disabled=position == 0,
                  on_click=_go, args=(order[max(0, position - 1)],))
        st.button(t("join.next"), icon=":material/arrow_forward:", icon_position="right", key="join_next",
                  disabled=position == len(order) - 1, on_click=_go, args=(order[min(len(order) - 1, position + 1)],))


def _tally(t, view: PhoneView, question_id: str) -> None:
    tally = view.tallies.get(question_id)
    if not tally:
        return
    total = sum(tally.values())
    lines = [f"{key if key != UNKNOWN else t('assessment.unknown')}: {'■' * n} {n}"
             for key in ("0", "1", "2", "3", "4", UNKNOWN) if (n := tally.get(key, 0))]
    st.caption(t("join.tally", n=total) + "  \n" + "  \n".join(lines))
