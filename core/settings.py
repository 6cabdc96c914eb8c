"""Every setting the app reads: its key, and how its stored text is read and written.

Settings live as text in the workspace's `meta` table. A value that cannot be read (a cost that is no
amount, a garbled date) reads as not set, so a bad value never breaks a screen.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum

from core.money import MAX_COST, Costs


class Setting(StrEnum):
    COMPANY_NAME = "company.name"
    COMPANY_NAME_EN = "company.name_en"
    TOOL_NAME = "tool.name"
    TOOL_NAME_EN = "tool.name_en"
    GO_LIVE = "tool.go_live"
    HOURLY_COST = "money.hourly_cost"
    INITIAL_COST = "money.initial_cost"
    MONTHLY_COST = "money.monthly_cost"
    SUBSIDY_DEFINITION = "subsidy.definition"
    SUBSIDY_FIGURES = "subsidy.figures"
    DEMO_COPIED = "demo.copied"
    MIN_GROUP = "room.min_group"  # the fewest people a role needs to be shown as a group of its own


COSTS = (Setting.HOURLY_COST, Setting.INITIAL_COST, Setting.MONTHLY_COST)


def read_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_cost(text: str) -> float:
    """An amount in yen from zero to MAX_COST; anything else counts as not set (0)."""
    try:
        value = float(text)
    except ValueError:
        return 0.0
    return value if math.isfinite(value) and 0 <= value <= MAX_COST else 0.0


def is_cost_text(value: object) -> bool:
    """Text that reads as a cost, as a workspace file must hold it."""
    try:
        return isinstance(value, str) and 0 <= float(value) <= MAX_COST
    except ValueError:
        return False


MIN_GROUP_RANGE = range(2, 11)  # one would show every person's answers on their own


def read_min_group(text: str, default: int) -> int:
    """The smallest group shown on its own: 2 to 10 people; anything else reads as the default."""
    return int(text) if text.isdigit() and int(text) in MIN_GROUP_RANGE else default


def is_min_group_text(value: object) -> bool:
    return isinstance(value, str) and value.isdigit() and int(value) in MIN_GROUP_RANGE


def as_text(value: object) -> str:
    """How a value from a widget is stored: a date as YYYY-MM-DD, anything else as typed."""
    return value.isoformat() if isinstance(value, date) else str(value)


def costs_from(get) -> Costs:
    """The three costs, read with `get(setting, default)` (a store's get_setting)."""
    return Costs(*(read_cost(get(key, "0")) for key in COSTS))
