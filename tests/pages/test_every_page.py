"""Every page: runs on an empty workspace, in both languages, with old assessments."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.questionnaire import load_questionnaire
from core.scoring import Answer
from tests.app_pages import (
    ALL_PAGES, ASSESSMENT, HOME, JAPANESE, NAV, RESULT, ROOT, open_page, radar_series, texts,
)


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_runs_on_an_empty_workspace(workspace, page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception
    links = [link.label for link in at.sidebar.get("page_link")]
    assert links == NAV[lang]


def test_browser_locale_picks_the_language(workspace):
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=30)
    at.context = {"locale": "en-GB"}
    at.run()
    assert at.title[0].value.startswith("Teichaku — will your IT tool")


def test_assessment_saved_under_an_older_definition_still_opens(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("旧版", date(2025, 1, 1), "2025.01-0")
    workspace.save_answer(aid, Answer("people.retired_question", 4, note="昔の質問"))
    workspace.save_answer(aid, Answer(q.questions[0].id, 2))
    for page in (ASSESSMENT, RESULT):
        assert not open_page(page, a=aid).exception


@pytest.mark.parametrize("page", ALL_PAGES)
def test_english_pages_have_no_japanese_text(page):
    at = open_page(page, lang="en", ws="demo", step=5)
    assert not at.exception
    parts = [texts(at)]
    parts += [r.label + "".join(map(str, r.options)) for r in at.radio]
    parts += [m.label + str(m.value) for m in at.metric] + [b.label for b in at.button if b.key != "_language"]
    parts += [s.label + "".join(map(str, s.options)) for s in at.selectbox]
    parts += [ti.label + ti.placeholder for ti in at.text_input] + [c.value for c in at.caption]
    parts += [tb.value.to_string() for tb in at.table]  # demo notes (user data) are text_input values: not checked
    body = "\n".join(parts)
    assert not JAPANESE.findall(body), JAPANESE.findall(body)[:10]
    assert at.button(key="_language").label == "日本語"  # the switch names the other language in its own script


def test_demo_company_is_read_only_and_separate(workspace):
    at = open_page(ASSESSMENT, ws="demo", step=1)
    assert not at.radio and not at.text_input  # answers shown as text: nothing to edit
    assert "経理の佐藤さんしか設定を触れない" in texts(at) or "佐藤" in texts(at)
    assert workspace.assessments() == []
    result = open_page(RESULT, ws="demo")
    assert "みなと精機" in result.info[0].value
    assert radar_series(result)  # the demo's radar, drawn
