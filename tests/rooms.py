"""A workshop room built by script: the owner rating high, managers in between, the floor low, with a
seeded scatter, so every screen that reads a room has spread, gaps and disputed questions to show."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from core.demo import copy_demo_into
from core.questionnaire import load_questionnaire
from core.scoring import Answer
from core.store import Store, connect
from tests.pinned import pinned_clock

# role -> (how many, the level they lean to)
WORKSHOP = {"owner": (1, 3), "manager": (3, 2), "floor": (5, 1), "it": (1, 2)}


def room_of(size: int) -> dict[str, tuple[int, int]]:
    """`size` people in the workshop's proportions: one owner, the rest three managers to five floor staff."""
    rest = size - 1
    managers = min(rest, max(1, round(rest * 3 / 9)))
    return {"owner": (1, 3), "manager": (managers, 2), "floor": (rest - managers, 1)}


def fill_room(store: Store, assessment_id: int, people: dict[str, tuple[int, int]], seed: int = 7) -> None:
    """Answers for every person of `people`; the assessment's first respondent (the owner) is reused."""
    rng = random.Random(seed)
    questions = load_questionnaire().questions
    first = store.respondents(assessment_id)[0].id
    for role, (count, lean) in people.items():
        for i in range(count):
            who = first if (role == "owner" and i == 0) else store.add_respondent(assessment_id, role)
            for q in questions:
                level = min(4, max(0, lean + rng.choice((-1, 0, 0, 1))))
                store.save_answer(assessment_id, Answer(q.id, level, unknown=rng.random() < 0.03), respondent_id=who)


def workshop_workspace(path: Path, people: dict[str, tuple[int, int]] = WORKSHOP, lang: str = "ja") -> int:
    """A workspace file holding the demo company's KPIs and a new assessment answered by a room."""
    con = connect(path)
    store = Store(con, pinned_clock)
    copy_demo_into(store, lang)
    aid = store.create_assessment("ワークショップ", date(2026, 11, 20), load_questionnaire().version)
    fill_room(store, aid, people)
    con.close()
    return aid
