"""Several respondents: the room's score and spread, groups that never expose a person, disputes ranked."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.perception import (
    OTHERS, ROLES, Respondent, company_scores, consensus, groups, most_disputed, question_views, spread,
)
from core.scoring import Answer


def person(i, role, levels: dict[str, int | None]) -> Respondent:
    answers = {q: Answer(q, level, unknown=level is None) for q, level in levels.items()}
    return Respondent(i, role, "", answers)


def test_consensus_runs_from_a_split_room_to_one_voice():
    assert consensus([2, 2, 2]) == 1.0
    assert consensus([0, 0, 4, 4]) == pytest.approx(0.0)
    assert 0 < consensus([1, 2, 3]) < consensus([2, 2, 3]) < 1


def test_spread_is_honest_about_small_rooms():
    assert spread([]).median is None and spread([]).n == 0
    one = spread([3])
    assert (one.n, one.median, one.ad, one.consensus) == (1, 3, 0.0, 1.0)
    assert spread([0, 4, 4]).ad == pytest.approx(16 / 9)  # mean 8/3: |0-8/3| + 2·|4-8/3|, over 3


def test_unknown_answers_are_not_levels(small_questionnaire):
    room = [person(1, "floor", {"d1.q1": None}), person(2, "floor", {"d1.q1": 2})]
    view = question_views(small_questionnaire, room)[0]
    assert view.room.n == 1 and view.room.median == 2


def test_a_role_too_small_is_merged_and_the_owner_is_named():
    room = [person(1, "owner", {}), person(2, "it", {}), person(3, "adviser", {}), person(4, "manager", {}),
            *[person(10 + i, "floor", {}) for i in range(3)]]
    shown = groups(room)
    assert set(shown) == {"owner", "floor", OTHERS}
    assert sorted(r.id for r in shown[OTHERS]) == [2, 3, 4]
    assert set(groups(room[:3])) == {"owner"}  # two small roles stay hidden rather than expose 2 people
    assert set(groups(room, min_group=1)) == {"owner", "it", "adviser", "manager", "floor"}


def test_the_gap_between_the_owner_and_the_floor_is_found_and_ranked_first(small_questionnaire):
    room = [person(1, "owner", {"d1.q1": 4, "d1.q2": 2}),
            *[person(2 + i, "floor", {"d1.q1": 1, "d1.q2": 2}) for i in range(3)]]
    views = question_views(small_questionnaire, room)
    first = next(v for v in views if v.question_id == "d1.q1")
    assert first.groups["owner"].median == 4 and first.groups["floor"].median == 1
    assert first.gap == 3 and first.notable_gap
    assert [v.question_id for v in most_disputed(views)] == ["d1.q1"]  # d1.q2: everyone says 2


def test_the_company_score_is_the_median_person(small_questionnaire):
    room = [person(1, "owner", {"d1.q1": 4, "d1.q2": 4}), person(2, "floor", {"d1.q1": 1, "d1.q2": 1}),
            person(3, "floor", {"d1.q1": 2, "d1.q2": 1})]
    d1 = company_scores(small_questionnaire, room)["d1"]
    assert (d1.n, d1.median) == (3, 1.5)  # the owner's 4 does not pull the room up


answers = st.lists(st.tuples(st.sampled_from(ROLES), st.lists(st.one_of(st.none(), st.integers(0, 4)),
                                                               min_size=6, max_size=6)), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers, st.randoms())
def test_the_ranking_does_not_depend_on_who_answered_first(small_questionnaire, room, shuffler: random.Random):
    # the questionnaire fixture is read only, so sharing it between examples is safe
    ids = [q.id for q in small_questionnaire.questions]
    people = [person(i, role, dict(zip(ids, levels))) for i, (role, levels) in enumerate(room)]
    shuffled = people[:]
    shuffler.shuffle(shuffled)
    first = [v.question_id for v in most_disputed(question_views(small_questionnaire, people), n=6)]
    again = [v.question_id for v in most_disputed(question_views(small_questionnaire, shuffled), n=6)]
    assert first == again
    assert company_scores(small_questionnaire, people) == company_scores(small_questionnaire, shuffled)


def test_the_gap_chart_draws_every_group_and_dimension_with_the_gap_marked():
    import pandas as pd

    from core.charts import perception_chart, svg

    dots = pd.DataFrame({"dimension": ["推進体制", "推進体制", "目的"], "group": ["経営者（1人）", "現場（3人）", "現場（3人）"],
                         "score": [3.5, 1.0, 2.0]})
    medians = dots.rename(columns={"score": "median"}).assign(gap_label=["差 2.5", "差 2.5", ""])
    drawn = svg(perception_chart, dots, medians, groups=["経営者（1人）", "現場（3人）"], dimensions=["推進体制", "目的"],
                score_title="スコア")
    assert all(f">{text}</text>" in drawn for text in ("推進体制", "目的", "差 2.5", "経営者（1人）", "現場（3人）"))
    points = drawn.split('layer_0_marks"', 1)[1].split("</g>", 1)[0]  # the dots' layer: one path per person
    assert points.count("<path") == 3 and points.count('fill="#c0392b"') == 1  # the owner's colour, once


def test_a_gap_of_a_level_is_marked_even_when_the_means_are_rounded(small_questionnaire):
    from core.perception import QuestionView

    view = QuestionView("q", spread([1, 2]), {}, 1.67 - 0.67)
    assert view.gap < 1 and view.notable_gap
