"""UI strings in Japanese and English, from data/messages.toml.

Keys are message ids (``home.title``); values may hold ``{name}`` placeholders.
"""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Callable
from functools import lru_cache
from datetime import date
from pathlib import Path

MESSAGES_PATH = Path(__file__).resolve().parent.parent / "data" / "messages.toml"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"


def _flatten(table: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
            out[name] = value
        elif isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
    return out


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    with open(MESSAGES_PATH, "rb") as f:
        return _flatten(tomllib.load(f))


def resolve_language(query_value: str | None, browser_locale: str | None) -> str:
    """The URL's choice first, then the browser's locale (en* means English), then Japanese."""
    if query_value in LANGUAGES:
        return query_value
    if browser_locale and browser_locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def translator(lang: str) -> Callable[..., str]:
    messages = catalog()

    def t(key: str, **values: object) -> str:
        entry = messages.get(key)
        if entry is None:
            return key  # a missing key shows itself, and a test catches it
        text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
        return text.format(**values) if values else text

    return t


def missing_translations() -> list[str]:
    return [k for k, v in catalog().items() if any(not v.get(lang, "").strip() for lang in LANGUAGES)]


def long_date(lang: str, day: date) -> str:
    """A date written out in a sentence: 2026年10月1日, October 1, 2026."""
    if lang == "en":
        return f"{calendar.month_name[day.month]} {day.day}, {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"
