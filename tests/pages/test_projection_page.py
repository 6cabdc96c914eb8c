"""Projection mode on the result and dashboard pages: one screen at a time, the step in the address, nothing
to edit, nothing typed shown unescaped, and nobody's own answers unless the facilitator chose dots."""

import html
import re
from datetime import date

import pytest

from core.progress import KpiSpec
from core.records import Observation
from core.questionnaire import load_questionnaire
from tests.app_pages import DASHBOARD, RESULT, open_page, pictures
from tests.rooms import WORKSHOP, fill_room

Q = load_questionnaire()
EDITING = ("text_input", "number_input", "selectbox", "multiselect", "checkbox", "radio", "slider", "select_slider",
           "text_area", "date_input", "toggle", "data_editor")
HOSTILE = '<img src=x onerror="alert(1)">**太字**'


def slide(at) -> str:
    return next(e.proto.body for e in at.get("html") if 'class="tk-slide"' in e.proto.body)


def visible_text(at) -> str:
    body = re.sub(r"<img[^>]*>", "", slide(at))
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def room(workspace):
    aid = workspace.create_assessment("ワークショップ", date(2026, 11, 20), Q.version)
    fill_room(workspace, aid, WORKSHOP)
    workspace.commit_observations([Observation(HOSTILE, date(2026, m, 1), v, "日") for m, v in ((9, 10.0), (10, 7.0))],
                                  file_name="kpi.xlsx", source_hash="h", sheet="S")
    workspace.save_kpi_specs([KpiSpec(HOSTILE, "日", target=5.0, target_date=date(2027, 3, 1))])
    return aid


def test_the_result_page_offers_projection(room):
    at = open_page(RESULT, a=room)
    at.checkbox(key="present_dots").check().run()
    at.button(key="present_open").click().run()
    assert at.query_params["present"] == "1" and at.query_params["dots"] == "1"
    assert at.query_params["a"] == str(room) and "総合レベル" in visible_text(at)


def test_each_step_is_one_screen_with_nothing_to_edit_and_next_walks_the_address(room):
    at = open_page(RESULT, a=room, present=1)
    assert not at.exception
    seen = []
    for _ in range(20):
        assert not any(at.get(kind) for kind in EDITING), "projection shows an editing widget"
        assert not at.sidebar.children or not any(at.sidebar.get(k) for k in ("page_link", "button"))
        seen.append(at.query_params.get("step", "level"))
        next_button = at.button(key="present_next")
        if next_button.disabled:
            break
        next_button.click().run()
    assert seen == ["level", *(f"d{d.number}" for d in Q.dimensions), "gap", "disputed", "kpis", "actions"]
    at.button(key="present_back").click().run()
    assert at.query_params["step"] == "kpis"


def test_a_step_in_the_address_opens_on_it_and_exit_leaves_projection(room):
    at = open_page(RESULT, a=room, present=1, step="disputed")
    assert "話し合いたい問い" in visible_text(at)
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params and not at.exception
    assert at.button(key="present_open")  # the page itself again


def test_the_dashboard_opens_projection_on_the_kpis_and_escapes_their_names(room):
    at = open_page(DASHBOARD, present=1)
    text = visible_text(at)
    assert "KPI：導入前 → 今" in text
    assert HOSTILE in text  # shown as typed, not as markup
    assert "<img src=x" not in slide(at) and "&lt;img src=x" in slide(at)


def test_individual_dots_appear_only_when_the_facilitator_chose_them(room):
    plain = open_page(RESULT, a=room, present=1, step="d5")
    dots = open_page(RESULT, a=room, present=1, step="d5", dots=1)
    assert "mark-symbol" not in pictures(plain)[0]
    assert pictures(dots)[0].count("<path") > pictures(plain)[0].count("<path")
    for at in (plain, dots):
        assert "現場（5人）" in pictures(at)[0] and "IT" not in pictures(at)[0]  # one IT person: not a group


def test_one_respondent_has_no_gap_screen(workspace):
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), Q.version)
    fill_room(workspace, aid, {"owner": (1, 2)})
    at = open_page(RESULT, a=aid, present=1, step="gap")  # not in this deck: opens on the first screen
    assert "総合レベル" in visible_text(at) and "1 / 9" in visible_text(at)
