"""Cells read back from an edited table: an empty cell (None, NaN, NaT) is None."""

from __future__ import annotations

from datetime import date

import pandas as pd


def is_blank(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def cell_float(value: object) -> float | None:
    return None if is_blank(value) else float(value)


def cell_date(value: object) -> date | None:
    return None if is_blank(value) else pd.Timestamp(value).date()


def cell_text(value: object) -> str:
    """Trimmed text; an empty cell is "" (never the word "nan")."""
    return "" if is_blank(value) else str(value).strip()
