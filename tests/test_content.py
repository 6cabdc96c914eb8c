"""The shipped questionnaire and demo company: complete, traceable, in both languages."""

import re

from core.demo import DEMO_PATH, demo_snapshot, open_demo_store
from core.i18n import MESSAGES_PATH
from core.questionnaire import DEFINITION_PATH, completeness_problems, load_questionnaire
from core.scoring import ADKAR_ORDER
from tests.pinned import pinned_clock

SEVEN = ["people", "purpose", "process", "measurement", "acceptance", "support", "integration"]


def test_definition_is_complete():
    assert completeness_problems(load_questionnaire()) == []


def test_seven_dimensions_in_design_order_with_enough_questions():
    q = load_questionnaire()
    assert [d.id for d in q.dimensions] == SEVEN
    assert [d.number for d in q.dimensions] == list(range(1, 8))
    assert len(q.questions) >= 28
    assert q.dimension("people").name("ja") == "推進体制・人材"


def test_acceptance_checks_every_adkar_element_once():
    acceptance = load_questionnaire().dimension("acceptance")
    assert sorted(x.adkar for x in acceptance.questions if x.adkar) == sorted(ADKAR_ORDER)


def test_level_names_run_from_not_started_to_embedded():
    q = load_questionnaire()
    assert q.level(0).name("ja") == "未着手"
    assert q.level(4).name("ja") == "定着・改善"


def test_no_survey_percentages_in_user_facing_content():
    """Percentages only as the subsidy's plan targets (+3 %, +9 %), never as survey findings."""
    for path in (DEFINITION_PATH, MESSAGES_PATH):
        text = path.read_text(encoding="utf-8")
        assert not re.findall(r"(?<![+\d.])\d+(?:\.\d+)?\s*[%％]", text), path.name


def test_the_completeness_check_catches_a_missing_translation():
    import tomllib

    from core.questionnaire import parse_definition

    raw = tomllib.loads(DEFINITION_PATH.read_text(encoding="utf-8"))
    raw["dimensions"][2]["questions"][1]["levels_en"] = raw["dimensions"][2]["questions"][1]["levels_en"][:4]
    raw["dimensions"][0]["recommendations"] = [r for r in raw["dimensions"][0]["recommendations"] if r["band"] != "mid"]
    problems = completeness_problems(parse_definition(raw))
    assert any("five non-empty level descriptions (en)" in p for p in problems)
    assert any("people: no recommendation for band mid" in p for p in problems)


def test_demo_answers_every_question_and_opens_read_only():
    q = load_questionnaire()
    snapshot = demo_snapshot()
    assert len(snapshot["assessments"]) == 2
    for a in snapshot["assessments"]:
        assert {x["question_id"] for x in a["answers"]} == {x.id for x in q.questions}
        assert set(a["targets"]) == {d.id for d in q.dimensions}
    store = open_demo_store("en")
    assert [a.label for a in store.assessments()] == ["Before go-live", "90 days after go-live"]
    assert store.read_only and store.kpi_count() >= 48
    assert DEMO_PATH.exists()


def test_copying_the_demo_overwrites_nothing_of_the_users():
    from datetime import date

    from core.demo import copy_demo_into
    from core.plan import Role
    from core.store import Observation, Store, connect

    store = Store(connect(None), pinned_clock)
    store.set_setting("tool.name", "自社の販売管理")
    store.save_roles([Role("owner", "自社の山田")])
    kpi = demo_snapshot()["kpi_observations"][0]["kpi"]  # a KPI of the demo's name, with the user's own value
    store.commit_observations([Observation(kpi, date(2026, 5, 1), 99.0, "日")], file_name="own.xlsx",
                              source_hash="h", sheet="S")
    assert copy_demo_into(store)
    assert store.get_setting("tool.name") == "自社の販売管理"
    assert store.get_setting("tool.go_live") == demo_snapshot()["settings"]["tool.go_live"]  # a gap filled
    assert {r.role: r.person for r in store.roles()}["owner"] == "自社の山田"
    assert store.kpi_series()[kpi] == {date(2026, 5, 1): 99.0}
    assert len(store.assessments()) == len(demo_snapshot()["assessments"])
    assert not copy_demo_into(store)  # once per workspace
