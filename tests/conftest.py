import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.questionnaire import parse_definition  # noqa: E402


def make_definition(questions_per_dimension=(2, 2, 2)) -> dict:
    """A small synthetic questionnaire: scoring tests must not depend on shipped wording."""
    levels = [{"value": v, "name_ja": f"L{v}", "name_en": f"L{v}", "meaning_ja": "m", "meaning_en": "m"}
              for v in range(5)]
    remedies = [{"number": n, "title_ja": f"R{n}", "title_en": f"R{n}", "summary_ja": "s", "summary_en": "s"}
                for n in range(1, 6)]
    dimensions = []
    for i, count in enumerate(questions_per_dimension, start=1):
        dim = f"d{i}"
        dimensions.append({
            "id": dim, "number": i, "name_ja": f"観点{i}", "name_en": f"Dim {i}",
            "summary_ja": "s", "summary_en": "s",
            "questions": [{"id": f"{dim}.q{k}", "text_ja": "問", "text_en": "Q",
                           "levels_ja": ["a"] * 5, "levels_en": ["a"] * 5} for k in range(1, count + 1)],
            "recommendations": [{"band": b, "remedy": 1, "title_ja": "t", "title_en": "t",
                                 "steps_ja": ["s"], "steps_en": ["s"]} for b in ("low", "mid", "high")],
        })
    return {"version": "test-1", "levels": levels, "remedies": remedies, "dimensions": dimensions}


@pytest.fixture
def small_questionnaire():
    return parse_definition(make_definition())
