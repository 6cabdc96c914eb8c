"""The maturity questionnaire, loaded from data/questionnaire.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFINITION_PATH = Path(__file__).resolve().parent.parent / "data" / "questionnaire.toml"
LANGUAGES = ("ja", "en")
LEVEL_VALUES = (0, 1, 2, 3, 4)
BANDS = ("low", "mid", "high")


@dataclass(frozen=True)
class Text:
    """One piece of content in every UI language."""

    ja: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True)
class TextList:
    ja: tuple[str, ...]
    en: tuple[str, ...]

    def __call__(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True)
class Level:
    value: int
    name: Text
    meaning: Text


@dataclass(frozen=True)
class Remedy:
    number: int
    title: Text
    summary: Text


@dataclass(frozen=True)
class Question:
    id: str
    dimension_id: str
    text: Text
    levels: TextList
    adkar: str | None = None


@dataclass(frozen=True)
class Recommendation:
    band: str
    remedy: int
    title: Text
    steps: TextList


@dataclass(frozen=True)
class Dimension:
    id: str
    number: int
    name: Text
    summary: Text
    questions: tuple[Question, ...]
    recommendations: tuple[Recommendation, ...]

    def recommendations_for(self, band: str) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.band == band)


@dataclass(frozen=True)
class Questionnaire:
    version: str
    levels: tuple[Level, ...]
    remedies: tuple[Remedy, ...]
    dimensions: tuple[Dimension, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for d in self.dimensions for q in d.questions)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def remedy(self, number: int) -> Remedy:
        return next(r for r in self.remedies if r.number == number)

    def level(self, value: int) -> Level:
        return self.levels[value]


def _text(raw: dict, key: str) -> Text:
    return Text(ja=raw[f"{key}_ja"], en=raw[f"{key}_en"])


def _text_list(raw: dict, key: str) -> TextList:
    return TextList(ja=tuple(raw[f"{key}_ja"]), en=tuple(raw[f"{key}_en"]))


def parse_definition(raw: dict) -> Questionnaire:
    dimensions = []
    for d in raw["dimensions"]:
        questions = tuple(
            Question(
                id=q["id"],
                dimension_id=d["id"],
                text=_text(q, "text"),
                levels=_text_list(q, "levels"),
                adkar=q.get("adkar"),
            )
            for q in d["questions"]
        )
        recommendations = tuple(
            Recommendation(
                band=r["band"],
                remedy=int(r["remedy"]),
                title=_text(r, "title"),
                steps=_text_list(r, "steps"),
            )
            for r in d["recommendations"]
        )
        dimensions.append(
            Dimension(
                id=d["id"],
                number=int(d["number"]),
                name=_text(d, "name"),
                summary=_text(d, "summary"),
                questions=questions,
                recommendations=recommendations,
            )
        )
    return Questionnaire(
        version=raw["version"],
        levels=tuple(
            Level(int(lv["value"]), _text(lv, "name"), _text(lv, "meaning")) for lv in raw["levels"]
        ),
        remedies=tuple(
            Remedy(int(r["number"]), _text(r, "title"), _text(r, "summary")) for r in raw["remedies"]
        ),
        dimensions=tuple(dimensions),
    )


@lru_cache(maxsize=4)
def load_questionnaire(path: Path = DEFINITION_PATH) -> Questionnaire:
    """The shipped definition; identical for every visitor, so caching it is safe."""
    with open(path, "rb") as f:
        return parse_definition(tomllib.load(f))


def completeness_problems(q: Questionnaire) -> list[str]:
    """Everything that makes a definition unfit to ship; empty when it is complete."""
    problems: list[str] = []
    if [lv.value for lv in q.levels] != list(LEVEL_VALUES):
        problems.append("levels must be exactly 0..4")
    if sorted(r.number for r in q.remedies) != [1, 2, 3, 4, 5]:
        problems.append("remedies must be numbered 1..5")
    ids = [d.id for d in q.dimensions] + [x.id for x in q.questions]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")
    for d in q.dimensions:
        if len(d.questions) < 4:
            problems.append(f"{d.id}: fewer than four questions")
        for band in BANDS:
            if not d.recommendations_for(band):
                problems.append(f"{d.id}: no recommendation for band {band}")
        for r in d.recommendations:
            if r.band not in BANDS or r.remedy not in range(1, 6):
                problems.append(f"{d.id}: bad recommendation band/remedy {r.band}/{r.remedy}")
            for lang in LANGUAGES:
                if not r.title(lang).strip() or not r.steps(lang) or not all(s.strip() for s in r.steps(lang)):
                    problems.append(f"{d.id}: empty recommendation text ({lang})")
            if len(r.steps.ja) != len(r.steps.en):
                problems.append(f"{d.id}: recommendation steps differ between ja and en")
        for qu in d.questions:
            if not qu.id.startswith(f"{d.id}."):
                problems.append(f"{qu.id}: id must start with its dimension id")
            for lang in LANGUAGES:
                if not qu.text(lang).strip():
                    problems.append(f"{qu.id}: empty question text ({lang})")
                levels = qu.levels(lang)
                if len(levels) != 5 or not all(s.strip() for s in levels):
                    problems.append(f"{qu.id}: needs five non-empty level descriptions ({lang})")
    texts = [lv.name for lv in q.levels] + [lv.meaning for lv in q.levels]
    texts += [r.title for r in q.remedies] + [d.name for d in q.dimensions]
    if any(not t.ja.strip() or not t.en.strip() for t in texts):
        problems.append("a level, remedy or dimension lacks a ja or en text")
    return problems
