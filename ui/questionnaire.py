"""The questionnaire step: one dimension, its questions, and saving each answer at once."""

from __future__ import annotations

import streamlit as st

from core.questionnaire import Dimension, Question
from core.scoring import Answer
from core.store import Assessment
from ui.bootstrap import Screen

UNKNOWN = "unknown"
OPTIONS = (0, 1, 2, 3, 4, UNKNOWN)


def current_step(screen: Screen, default: int) -> int:
    """0-based dimension index from the URL (?step=1..7), so a reload stays on the same step."""
    n = len(screen.questionnaire.dimensions)
    try:
        step = int(st.query_params.get("step", default + 1)) - 1
    except ValueError:
        step = default
    return min(max(step, 0), n - 1)


def set_step(step: int) -> None:
    st.query_params["step"] = str(step + 1)


def _widget_key(screen: Screen, assessment: Assessment, question: Question, kind: str) -> str:
    return f"{kind}_{'demo' if screen.demo else 'own'}_{assessment.id}_{question.id}"


def _save(screen: Screen, assessment_id: int, question_id: str, level_key: str, note_key: str) -> None:
    """on_change: store what the widgets now hold, level and note together."""
    choice = st.session_state.get(level_key)
    note = st.session_state.get(note_key, "")
    answer = Answer(question_id, level=None if choice in (None, UNKNOWN) else int(choice),
                    unknown=choice == UNKNOWN, note=(note or "").strip()[:500])
    screen.store.save_answer(assessment_id, answer)


def question_block(screen: Screen, assessment: Assessment, number: str, question: Question,
                   stored: Answer | None) -> None:
    t, lang, q = screen.t, screen.lang, screen.questionnaire
    level_key = _widget_key(screen, assessment, question, "level")
    note_key = _widget_key(screen, assessment, question, "note")
    if stored is None or not stored.is_answered:
        index = None
    else:
        index = OPTIONS.index(UNKNOWN if stored.unknown else stored.level)
    names = {v: f"{v} {q.level(v).name(lang)}" for v in OPTIONS[:-1]} | {UNKNOWN: t("assessment.unknown")}
    save_args = (screen, assessment.id, question.id, level_key, note_key)
    with st.container(border=True):
        st.markdown(f"**{number}　{question.text(lang)}**")
        st.radio(
            question.text(lang), OPTIONS, index=index, format_func=names.get,
            captions=[*question.levels(lang), t("assessment.unknown_caption")],
            key=level_key, label_visibility="collapsed", disabled=screen.demo,
            on_change=_save, args=save_args,
        )
        st.text_input(t("assessment.note"), value=stored.note if stored else "",
                      placeholder=t("assessment.note_placeholder"), key=note_key,
                      disabled=screen.demo, on_change=_save, args=save_args, max_chars=500)


def step_choices(screen: Screen, answers: dict[str, Answer]) -> list[str]:
    lang = screen.lang
    labels = []
    for d in screen.questionnaire.dimensions:
        done = sum(1 for x in d.questions if x.id in answers and answers[x.id].is_answered)
        mark = "✓" if done == len(d.questions) else f"{done}/{len(d.questions)}"
        labels.append(f"{d.number}. {d.name(lang)}（{mark}）" if lang == "ja" else f"{d.number}. {d.name(lang)} ({mark})")
    return labels


def dimension_header(screen: Screen, dimension: Dimension, total: int) -> None:
    st.subheader(screen.t("assessment.step_title", number=dimension.number, total=total,
                          name=dimension.name(screen.lang)))
    st.caption(dimension.summary(screen.lang))
