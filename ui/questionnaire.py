"""The questionnaire step: one dimension, its questions, and saving each answer at once."""

from __future__ import annotations

import streamlit as st

from core.questionnaire import Dimension, Question
from core.scoring import Answer, AssessmentResult
from core.records import Assessment
from ui.bootstrap import Screen

UNKNOWN = "unknown"
OPTIONS = (0, 1, 2, 3, 4, UNKNOWN)
NOTE_LIMIT = 500


def current_step(screen: Screen, default: int) -> int:
    """0-based dimension index from the URL (?step=1..7), so a reload stays on the same step."""
    n = len(screen.questionnaire.dimensions)
    try:
        step = int(st.query_params.get("step", default + 1)) - 1
    except ValueError:
        step = default
    step = min(max(step, 0), n - 1)
    set_step(step)  # fixed from now on: answering must not move the page by itself
    return step


def set_step(step: int) -> None:
    st.query_params["step"] = str(step + 1)


def go_to_step(step: int) -> None:
    """Change step and land at its top (Streamlit keeps the scroll position across reruns)."""
    set_step(step)
    st.session_state["_scroll_to_top"] = True
    st.rerun()


def scroll_to_top_if_moved() -> None:
    if st.session_state.pop("_scroll_to_top", False):
        # A fixed script with no user data in it.
        st.html("<script>window.parent.document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0);"
                "window.scrollTo(0, 0);</script>", unsafe_allow_javascript=True, width=1)


def _widget_key(screen: Screen, assessment: Assessment, respondent_id: int, question: Question, kind: str) -> str:
    # The language is part of the key: the options' labels change with it, and a widget
    # must never be handed back a label from the other language. So is the respondent: one person's
    # answer must never show as another's.
    return f"{kind}_{'demo' if screen.demo else 'own'}_{screen.lang}_{assessment.id}_{respondent_id}_{question.id}"


def _save_level(screen: Screen, assessment_id: int, respondent_id: int, question_id: str, key: str) -> None:
    choice = st.session_state.get(key)
    level = None if choice in (None, UNKNOWN) else int(choice)
    try:
        screen.store.save_level(assessment_id, question_id, level, unknown=choice == UNKNOWN,
                                respondent_id=respondent_id)
    except KeyError:  # removed in another tab since this page was drawn
        st.toast(screen.t("respondent.gone"), icon=":material/warning:")
        return
    st.toast(screen.t("assessment.saved"), icon=":material/check:")


def _save_note(screen: Screen, assessment_id: int, respondent_id: int, question_id: str, key: str) -> None:
    note = (st.session_state.get(key) or "").strip()
    try:
        screen.store.save_note(assessment_id, question_id, note[:NOTE_LIMIT], respondent_id=respondent_id)
    except KeyError:  # removed in another tab since this page was drawn
        st.toast(screen.t("respondent.gone"), icon=":material/warning:")
        return
    st.toast(screen.t("assessment.note_saved" if len(note) <= NOTE_LIMIT else "assessment.note_cut",
                      limit=NOTE_LIMIT), icon=":material/check:")


def question_block(screen: Screen, assessment: Assessment, respondent_id: int, number: str, question: Question,
                   stored: Answer | None) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    level_key = _widget_key(screen, assessment, respondent_id, question, "level")
    note_key = _widget_key(screen, assessment, respondent_id, question, "note")
    if stored is None or not stored.is_answered:
        index = None
    else:
        index = OPTIONS.index(UNKNOWN if stored.unknown else stored.level)
    names = {v: f"{v} {q.level(v).name(lang)}" for v in OPTIONS[:-1]} | {UNKNOWN: t("assessment.unknown")}
    captions = [*question.levels(lang), t("assessment.unknown_caption")]
    with st.container(border=True):
        st.markdown(t("assessment.question", number=number, text=question.text(lang)))
        if screen.demo:
            _read_only_answer(screen, names, captions, index, stored)
            return
        st.radio(
            question.text(lang), OPTIONS, index=index, format_func=names.get,
            captions=captions, key=level_key, label_visibility="collapsed",
            on_change=_save_level, args=(screen, assessment.id, respondent_id, question.id, level_key),
        )
        st.text_input(t("assessment.note"), value=stored.note if stored else "",
                      placeholder=t("assessment.note_placeholder"), key=note_key,
                      on_change=_save_note, args=(screen, assessment.id, respondent_id, question.id, note_key))


def _read_only_answer(screen: Screen, names: dict, captions: list[str], index: int | None,
                      stored: Answer | None) -> None:
    """The demo shows its answers as text: disabled radios are too faint to read."""
    if index is None:
        st.caption(screen.t("assessment.not_answered"))
        return
    st.markdown(f"**{names[OPTIONS[index]]}** — {captions[index]}")
    if stored and stored.note:
        st.caption(screen.t("assessment.note_shown", note=stored.note))


def step_choices(screen: Screen, result: AssessmentResult) -> list[str]:
    labels = []
    for d, s in zip(screen.questionnaire.dimensions, result.dimensions):
        done = s.answered + s.unknown
        mark = "✓" if done == s.total else f"{done}/{s.total}"
        labels.append(screen.t("assessment.step_choice", number=d.number, name=d.name(screen.lang), mark=mark))
    return labels


def dimension_header(screen: Screen, dimension: Dimension, total: int) -> None:
    st.subheader(screen.t("assessment.step_title", number=dimension.number, total=total,
                          name=dimension.name(screen.lang)))
    st.caption(dimension.summary(screen.lang))
