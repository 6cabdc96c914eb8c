import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.questionnaire import parse_definition
from core.scoring import (
    Answer, adkar_barrier, band_for, changes, first_open_dimension, level_for, score_assessment,
)
from tests.conftest import make_definition


def answers(**levels):
    """answers(d1_q1=3, d1_q2="?") — "?" means わからない."""
    out = {}
    for key, value in levels.items():
        qid = key.replace("_", ".")
        out[qid] = Answer(qid, unknown=True) if value == "?" else Answer(qid, value)
    return out


def test_dimension_score_is_mean_of_answered_levels(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=1, d1_q2=4, d2_q1=2, d2_q2=2, d3_q1=0, d3_q2=0))
    assert [d.score for d in result.dimensions] == [2.5, 2.0, 0.0]
    assert result.overall_score == 1.5
    assert result.overall_level == 2
    assert result.is_complete


def test_unknown_is_counted_apart_not_as_zero(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=4, d1_q2="?"))
    d1 = result.dimensions[0]
    assert d1.score == 4.0
    assert (d1.answered, d1.unknown, d1.missing) == (1, 1, 0)
    assert result.unknown == 1


def test_missing_answers_leave_score_empty_and_result_incomplete(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=3))
    assert [d.score for d in result.dimensions] == [3.0, None, None]
    assert result.missing == 5 and not result.is_complete
    assert result.overall_score == 3.0  # only measurable dimensions count


def test_all_unknown_dimension_has_no_score_and_ranks_weakest(small_questionnaire):
    result = score_assessment(small_questionnaire,
                              answers(d1_q1=0, d1_q2=0, d2_q1="?", d2_q2="?", d3_q1=2, d3_q2=2))
    assert result.dimensions[1].score is None
    assert [d.dimension_id for d in result.weakest(2)] == ["d2", "d1"]


def test_no_answers_at_all(small_questionnaire):
    result = score_assessment(small_questionnaire, {})
    assert result.overall_score is None and result.overall_level is None
    assert result.missing == result.total == 6


@pytest.mark.parametrize("score, level", [
    (0.0, 0), (0.49, 0), (0.5, 1), (1.49, 1), (1.5, 2), (2.49, 2), (2.5, 3), (3.49, 3), (3.5, 4), (4.0, 4),
])
def test_overall_level_boundaries(score, level):
    assert level_for(score) == level


@pytest.mark.parametrize("score, band", [(None, "low"), (0, "low"), (1.49, "low"), (1.5, "mid"),
                                          (2.49, "mid"), (2.5, "high"), (4, "high")])
def test_recommendation_bands(score, band):
    assert band_for(score) == band


def test_weakest_breaks_ties_by_dimension_order(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=2, d1_q2=2, d2_q1=1, d2_q2=1, d3_q1=1, d3_q2=1))
    assert [d.dimension_id for d in result.weakest(3)] == ["d2", "d3", "d1"]


def test_gaps_only_below_target_widest_first(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=1, d1_q2=1, d2_q1=3, d2_q2=3, d3_q1=0, d3_q2=1))
    gaps = result.gaps({"d1": 3, "d2": 3, "d3": 4})
    assert [(g.dimension_id, g.gap) for g in gaps] == [("d3", 3.5), ("d1", 2.0)]


def test_unmeasured_dimensions_have_no_gap_and_unstarted_ones_are_not_weak(small_questionnaire):
    result = score_assessment(small_questionnaire, answers(d1_q1=1, d2_q1="?", d2_q2="?"))
    assert result.gaps({"d1": 3, "d2": 3, "d3": 3}) == [result.gaps({"d1": 3})[0]]
    assert [d.dimension_id for d in result.weakest(3)] == ["d2", "d1"]  # d3 not answered yet
    assert result.dimensions[2].not_started and not result.dimensions[1].not_started


def test_answers_to_removed_questions_are_ignored_and_new_ones_are_missing():
    old = parse_definition(make_definition((3, 2, 2)))
    new = parse_definition(make_definition((2, 3, 2)))  # d1.q3 removed, d2.q3 added
    saved = answers(d1_q1=1, d1_q2=1, d1_q3=4, d2_q1=2, d2_q2=2, d3_q1=3, d3_q2=3)
    assert score_assessment(old, saved).dimensions[0].score == 2.0
    result = score_assessment(new, saved)
    assert result.dimensions[0].score == 1.0
    assert result.dimensions[1].missing == 1


def test_first_open_dimension(small_questionnaire):
    assert first_open_dimension(small_questionnaire, answers(d1_q1=1, d1_q2="?", d2_q1=1)) == 1
    full = answers(d1_q1=1, d1_q2=1, d2_q1=1, d2_q2=1, d3_q1=1, d3_q2=1)
    assert first_open_dimension(small_questionnaire, full) == 0


def test_changes_between_two_assessments(small_questionnaire):
    before = score_assessment(small_questionnaire, answers(d1_q1=1, d1_q2=1, d2_q1="?", d2_q2="?"))
    after = score_assessment(small_questionnaire, answers(d1_q1=3, d1_q2=2, d2_q1=2, d2_q2=2))
    deltas = {c.dimension_id: c.delta for c in changes(before, after)}
    assert deltas == {"d1": 1.5, "d2": None, "d3": None}


def test_change_is_computed_from_the_shown_scores():
    from core.scoring import Change, suggested_target

    assert Change("d", 0.75, 1.83).delta == 1.0  # shown as 0.8 → 1.8
    assert Change("d", 0.8, 1.45).delta == 0.6
    assert [suggested_target(s) for s in (None, 0.2, 1.4, 1.8, 3.6)] == [1, 1, 2, 3, 4]


def test_adkar_barrier_is_first_element_at_level_two_or_below():
    raw = make_definition((5,))
    for q, element in zip(raw["dimensions"][0]["questions"],
                          ["awareness", "desire", "knowledge", "ability", "reinforcement"]):
        q["adkar"] = element
    q = parse_definition(raw)
    assert adkar_barrier(q, answers(d1_q1=3, d1_q2=4, d1_q3=2, d1_q4=0)).adkar == "knowledge"
    assert adkar_barrier(q, answers(d1_q1=3, d1_q2=3, d1_q3=3, d1_q4=3, d1_q5=3)) is None
    assert adkar_barrier(q, answers(d1_q1="?", d1_q2=1)).adkar == "desire"


level_or_unknown = st.one_of(st.integers(0, 4), st.none(), st.just("?"))


@given(st.lists(level_or_unknown, min_size=6, max_size=6))
def test_scores_stay_within_scale_and_counts_add_up(values):
    q = parse_definition(make_definition())
    given_answers = {}
    for question, value in zip(q.questions, values):
        if value == "?":
            given_answers[question.id] = Answer(question.id, unknown=True)
        elif value is not None:
            given_answers[question.id] = Answer(question.id, value)
    result = score_assessment(q, given_answers)
    assert result.answered + result.unknown + result.missing == 6
    for d in result.dimensions:
        assert d.score is None or 0 <= d.score <= 4
    assert result.overall_level is None or 0 <= result.overall_level <= 4


@given(st.lists(st.integers(0, 4), min_size=6, max_size=6), st.integers(0, 5))
def test_raising_one_answer_never_lowers_the_overall_score(values, which):
    q = parse_definition(make_definition())
    base = {x.id: Answer(x.id, v) for x, v in zip(q.questions, values)}
    before = score_assessment(q, base).overall_score
    qid = q.questions[which].id
    raised = base | {qid: Answer(qid, min(4, values[which] + 1))}
    assert score_assessment(q, raised).overall_score >= before
