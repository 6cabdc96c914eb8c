"""The projected walk: which screens appear and in what order, what the address names, and what the
screens that need more than a score pick out."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from core.perception import Respondent, visible_room
from core.plan import Milestone
from core.presentation import deck, dimension_groups, headline_kpis, next_actions, next_milestones, position
from core.progress import KpiProgress, KpiSpec
from core.questionnaire import load_questionnaire
from core.scoring import Answer, score_assessment

Q = load_questionnaire()


def everyone_at(level: int) -> dict[str, Answer]:
    return {q.id: Answer(q.id, level) for q in Q.questions}


def test_the_deck_runs_from_the_level_through_each_area_to_the_actions():
    slugs = [s.slug for s in deck(Q, room_shown=True, has_kpis=True)]
    assert slugs == ["level", *(f"d{d.number}" for d in Q.dimensions), "gap", "disputed", "kpis", "actions"]


def test_screens_with_nothing_to_show_are_left_out():
    alone = [s.kind for s in deck(Q, room_shown=False, has_kpis=False)]
    assert "gap" not in alone and "disputed" not in alone and "kpis" not in alone
    assert alone[0] == "level" and alone[-1] == "actions"
    assert [s.slug for s in deck(Q, room_shown=True, has_kpis=True, has_assessment=False)] == ["kpis", "actions"]


@given(st.one_of(st.none(), st.text(max_size=8)), st.sampled_from([None, "kpis", "nowhere"]))
def test_the_address_opens_its_screen_or_falls_back(slug, default):
    steps = deck(Q, room_shown=False, has_kpis=True)
    slugs = [s.slug for s in steps]
    index = position(steps, slug, default)
    if slug in slugs:
        assert slugs[index] == slug
    elif default in slugs:
        assert slugs[index] == default
    else:
        assert index == 0


def spec(name, target=None):
    return KpiSpec(name, "日", target=target)


def progress(name, latest, target=None):
    return KpiProgress(spec(name, target), 10.0, latest, date(2026, 9, 1), None, None, "no_target")


def test_kpis_with_a_target_come_first_and_the_unmeasured_are_skipped():
    rows = [progress("a", 3.0), progress("b", None, 5.0), progress("c", 4.0, 5.0), progress("d", 2.0),
            progress("e", 1.0, 2.0), progress("f", 1.0), progress("g", 1.0, 1.0)]
    shown, more = headline_kpis(rows, n=4)
    assert [p.spec.name for p in shown] == ["c", "e", "g", "a"]
    assert more == 2  # d and f; b has no value yet


def test_actions_are_the_first_advice_for_the_weakest_areas():
    answers = everyone_at(3) | {q.id: Answer(q.id, 0) for q in Q.dimensions[4].questions}
    actions = next_actions(Q, score_assessment(Q, answers))
    assert actions[0].dimension_id == Q.dimensions[4].id
    assert actions[0].recommendation == Q.dimensions[4].recommendations_for("low")[0]
    assert len(actions) == 3 and len({a.dimension_id for a in actions}) == 3


def test_next_milestones_are_the_open_ones_by_due_date():
    ms = [Milestone(30, "review", date(2026, 8, 1)), Milestone(0, "roles", date(2026, 7, 1), done=True),
          Milestone(7, "issues", date(2026, 7, 8)), Milestone(90, "later", None)]
    assert [m.title for m in next_milestones(ms)] == ["issues", "review"]


def test_dimension_groups_hold_each_persons_score_unnamed_and_only_shown_groups():
    room = [Respondent(1, "owner", "社長", everyone_at(4))]
    room += [Respondent(i, "floor", f"現場{i}", everyone_at(i % 3)) for i in range(2, 6)]
    room += [Respondent(9, "it", "山田", everyone_at(2))]  # alone in IT: in no group
    visible = visible_room(room, 3)
    found = {g.group: g for g in dimension_groups(Q, visible, Q.dimensions[0].id, 3)}
    assert set(found) == {"owner", "floor"}
    assert found["floor"].scores == (0.0, 1.0, 2.0, 2.0) and found["floor"].median == 1.5
    assert found["owner"].scores == (4.0,)
