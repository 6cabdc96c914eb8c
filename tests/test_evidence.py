from datetime import date

from core.evidence import disagreements
from core.progress import KpiSpec
from core.questionnaire import load_questionnaire
from core.scoring import Answer, score_assessment


def rated(**levels):
    q = load_questionnaire()
    answers = {}
    for d in q.dimensions:
        for question in d.questions:
            answers[question.id] = Answer(question.id, levels.get(d.id, 1))
    return score_assessment(q, answers)


TODAY = date(2026, 11, 26)


def test_measurement_rated_high_without_recent_data():
    result = rated(measurement=3)
    assert [d.key for d in disagreements(result, [], {}, TODAY)] == ["evidence.measured_without_data"]
    old = {"工数": {date(2026, 8, 1): 100.0}}
    found = disagreements(result, [KpiSpec("工数")], old, TODAY)
    assert found[0].key == "evidence.measured_but_stale" and found[0].params["months"] == 3
    fresh = {"工数": {date(2026, 10, 1): 100.0}}
    assert disagreements(result, [KpiSpec("工数")], fresh, TODAY) == []


def test_purpose_rated_high_without_any_target():
    found = disagreements(rated(purpose=4), [KpiSpec("工数")], {}, TODAY)
    assert [d.key for d in found] == ["evidence.purpose_without_targets"]
    assert disagreements(rated(purpose=4), [KpiSpec("工数", target=80)], {}, TODAY) == []


def test_process_rated_high_while_data_is_still_entered_twice():
    reentry = KpiSpec("再入力回数", "回", category="reentry")
    found = disagreements(rated(process=3), [reentry], {"再入力回数": {date(2026, 10, 1): 8.0}}, TODAY)
    assert found[0].key == "evidence.process_but_reentry" and found[0].params["value"] == 8
    assert disagreements(rated(process=3), [reentry], {"再入力回数": {date(2026, 10, 1): 0.0}}, TODAY) == []


def test_low_ratings_raise_nothing():
    assert disagreements(rated(), [], {}, TODAY) == []


def test_people_rated_high_while_no_role_has_a_backup():
    from core.plan import Role

    lonely = [Role("owner", "佐藤", ""), Role("operator", "佐藤", "")]
    found = disagreements(rated(people=4), [], {}, TODAY, roles=lonely)
    assert [d.key for d in found] == ["evidence.people_without_backup"]
    covered = [Role("owner", "社長", "部長"), Role("operator", "佐藤", "鈴木")]
    assert disagreements(rated(people=4), [], {}, TODAY, roles=covered) == []
