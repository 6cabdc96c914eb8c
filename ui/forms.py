"""Paper and Excel forms on the diagnosis page: download blank forms, read filled ones back as respondents."""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from core.forms import MAX_FORMS, FilledForm, build_forms, new_form_id, read_forms
from core.importing.findings import ImportRejected
from core.records import Assessment
from ui.assessments import label_of
from ui.bootstrap import Screen
from ui.format import md

log = logging.getLogger(__name__)


def paper_forms(screen: Screen, assessment: Assessment) -> None:
    t = screen.t
    with st.expander(t("forms.panel"), icon=":material/print:"):
        st.caption(t("forms.help"))
        _download(screen, assessment)
        if screen.demo:
            st.caption(t("forms.demo"))
            return
        _upload(screen, assessment)


def _download(screen: Screen, assessment: Assessment) -> None:
    t = screen.t
    count = int(st.number_input(t("forms.count"), 1, MAX_FORMS, value=5, key=f"forms_count_{assessment.id}"))
    heading, q, lang = label_of(screen, assessment), screen.questionnaire, screen.lang
    # Drawn when clicked, with new ids each time: two printed batches are two sets of people.
    st.download_button(t("forms.download"), lambda: build_forms(q, lang, t, heading, [new_form_id() for _ in range(count)]),
                       file_name=t("forms.file_name", label=assessment.label), on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", key=f"forms_download_{assessment.id}")


def _upload(screen: Screen, assessment: Assessment) -> None:
    t = screen.t
    files = st.file_uploader(t("forms.upload"), type=["xlsx"], accept_multiple_files=True,
                             key=f"forms_upload_{assessment.id}_{st.session_state.get('_forms_round', 0)}")
    if not files:
        return
    forms, known = [], screen.store.form_ids()
    ok = True
    for upload in files:
        found = _read(screen, upload.name, upload.getvalue())
        if found is None:
            ok = False
            continue
        if blank := [f.sheet for f in found if not f.answers]:
            st.info(t("forms.blank", file=md(upload.name), sheets=md(t("list.join").join(blank))),
                    icon=":material/draft:")
        for form in (f for f in found if f.answers):
            if form.form_id in known:
                st.error(t("forms.duplicate", file=md(form.file_name), sheet=md(form.sheet), form_id=form.form_id),
                         icon=":material/content_copy:")
                ok = False
            else:
                known.add(form.form_id)
                forms.append(form)
    if not forms:
        return
    _preview(screen, forms)
    # All or nothing: a batch with a refused file is not half-read.
    if st.button(t("forms.confirm", n=len(forms)), type="primary", disabled=not ok, key="forms_confirm"):
        try:
            added = screen.store.add_form_respondents(
                assessment.id, [(f.role, f.label, f.form_id, list(f.answers)) for f in forms])
        except ValueError:  # another tab read one of them a moment ago
            st.error(t("forms.duplicate", file="", sheet="", form_id=""), icon=":material/content_copy:")
            return
        st.session_state["_forms_round"] = st.session_state.get("_forms_round", 0) + 1  # a fresh uploader
        st.session_state["_forms_added"] = len(added)
        st.rerun()


def forms_added_notice(screen: Screen) -> None:
    if n := st.session_state.pop("_forms_added", None):
        st.success(screen.t("forms.added", n=n), icon=":material/check:")


def _read(screen: Screen, name: str, data: bytes) -> list[FilledForm] | None:
    t = screen.t
    cache = st.session_state.setdefault("_forms_cache", {})  # this session's only: a rerun reads nothing again
    key = hashlib.sha256(data).hexdigest()
    try:
        if key not in cache:
            cache[key] = read_forms(name, data, screen.questionnaire)
        found = cache[key]
    except ImportRejected as rejected:
        st.error(t("import.file_error", name=md(name), message=t(rejected.key, **_marked(rejected.params))),
                 icon=":material/error:")
        return None
    except Exception:  # a reader bug must not end the session or show a traceback
        log.exception("form import failed for %s", name)
        st.error(t("import.file_error", name=md(name), message=t("import.unexpected")), icon=":material/error:")
        return None
    return found


def _marked(params: dict) -> dict:
    return {k: md(v) if isinstance(v, str) else v for k, v in params.items()}


def _preview(screen: Screen, forms: list[FilledForm]) -> None:
    t = screen.t
    total = len(screen.questionnaire.questions)
    st.markdown(f"**{t('forms.preview', n=len(forms))}**")
    st.dataframe([{t("forms.c_file"): f.file_name, t("forms.c_sheet"): f.sheet,
                   t("respondent.role"): t(f"respondent.role_{f.role}"), t("respondent.label"): f.label,
                   t("forms.c_answered"): f"{len(f.answers)} / {total}"} for f in forms], hide_index=True)
