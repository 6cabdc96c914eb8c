"""The KPI table (st.data_editor) read back into definitions."""

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from core.dashboard import CATEGORIES, specs_frame, specs_from_frame
from core.progress import KpiSpec

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(str.strip)
specs = st.builds(KpiSpec, name=text.filter(bool), unit=text, direction=st.sampled_from(["lower", "higher"]),
                  category=st.sampled_from(CATEGORIES), baseline=st.none() | st.floats(-1e6, 1e6),
                  target=st.none() | st.floats(-1e6, 1e6), target_date=st.none() | st.dates(date(2000, 1, 1)),
                  owner=text)


@given(st.lists(specs, max_size=6, unique_by=lambda s: s.name))
def test_definitions_survive_the_table(defined):
    assert specs_from_frame(specs_frame(defined)) == defined


@given(st.lists(st.tuples(specs, st.sampled_from([None, np.nan, ""]), st.booleans(), st.booleans()), max_size=6,
                unique_by=lambda row: row[0].name))
def test_cells_the_editor_leaves_blank_read_as_empty_text(rows):
    """A cell cleared or never filled in the editor comes back as None or NaN: never the word "nan"."""
    frame = specs_frame([spec for spec, *_ in rows])
    for i, (_, blank, unit_blank, owner_blank) in enumerate(rows):
        frame.loc[i, "unit"] = blank if unit_blank else frame.loc[i, "unit"]
        frame.loc[i, "owner"] = blank if owner_blank else frame.loc[i, "owner"]
    expected = [replace(spec, unit="" if unit_blank else spec.unit, owner="" if owner_blank else spec.owner)
                for spec, _, unit_blank, owner_blank in rows]
    assert specs_from_frame(frame) == expected


def test_a_row_added_in_the_table_reads_blank_cells_as_empty_not_nan():
    frame = specs_frame([])
    frame.loc[0] = {"name": " 請求書作成の工数 ", "unit": np.nan, "direction": None, "category": None,
                    "baseline": np.nan, "target": 20.0, "target_date": pd.NaT, "owner": np.nan}
    [spec] = specs_from_frame(frame)
    assert spec == KpiSpec("請求書作成の工数", "", "lower", "other", None, 20.0, None, "")
