"""Whole sheets read into monthly observations: layouts, eras, encodings, logs, re-imports."""

from datetime import date

import pytest

from core.i18n import catalog
from core.importing.check import check_upload
from core.importing.pipeline import analyse, content_hash, read_grid, to_observations
from core.store import Store, connect
from tests.pinned import pinned_clock
from tests import excel_files as files
from tests.importing.helpers import load, values


def test_management_sheet_months_as_columns():
    checked, grid, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    assert checked.sheets[checked.proposed_sheet].name == "2025年度実績"  # not the cover, not the hidden sheet
    assert analysis.mapping.shape == "wide" and analysis.mapping.fiscal_year == 2025
    got = values(analysis)
    assert got[("月次締め日数", date(2025, 5, 1))] == 9
    assert got[("再入力回数", date(2025, 6, 1))] == -3
    assert got[("工数", date(2025, 5, 1))] == 3.5
    assert got[("工数", date(2025, 6, 1))] == 1100
    assert ("月次締め日数", date(2025, 7, 1)) not in got  # 「－」 is missing, not 0
    frame = analysis.extraction.observations
    assert frame[frame.kpi == "月次締め日数"].iloc[0].target == 5
    assert frame[(frame.kpi == "工数") & (frame.period == date(2025, 4, 1))].iloc[0].cell == "D7"
    problems = [f for f in analysis.findings if f.key == "import.value_not_understood"]
    assert [(f.sheet, f.cell, f.params["value"]) for f in problems] == [("2025年度実績", "G7", "abc")]
    assert any(f.key == "import.totals_row" and f.row == 8 for f in analysis.findings)


def test_merged_header_and_era_months():
    _, _, _, analysis = load("推移.xlsx", files.merged_header_sheet())
    assert analysis.mapping.shape == "columns"
    got = values(analysis)
    assert got[("月次締め(日数)", date(2025, 4, 1))] == 10
    assert got[("見積リードタイム(日)", date(2025, 5, 1))] == 2.5
    frame = analysis.extraction.observations
    assert set(frame[frame.kpi == "月次締め(日数)"].target) == {5}
    assert len(frame) == 6  # the 平均 row is not a month


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_long_csv_in_every_japanese_encoding(encoding):
    _, _, _, analysis = load("kpi.csv", files.long_csv(encoding))
    assert analysis.mapping.shape == "long"
    got = values(analysis)
    assert got == {("月次締め日数", date(2025, 4, 1)): 10, ("月次締め日数", date(2025, 5, 1)): 9,
                   ("ミス率", date(2025, 4, 1)): 4, ("ミス率", date(2025, 5, 1)): 3.5}


def test_work_log_is_aggregated_to_months_by_rule():
    _, _, _, analysis = load("log.xlsx", files.worklog(300))
    mapping = analysis.mapping
    assert mapping.shape == "columns"
    assert mapping.aggregation == {"工数(時間)": "sum", "リードタイム(日)": "mean", "ミス件数": "sum"}
    frame = analysis.extraction.observations
    hours = frame[frame.kpi == "工数(時間)"].set_index("period")
    assert list(hours.rows) == [100, 100, 100] and list(hours.value) == [150.0, 150.0, 150.0]
    assert hours.iloc[0].unit == "時間" and hours.iloc[0].cell == "C4:C103"
    lead = frame[frame.kpi == "リードタイム(日)"].value
    assert all(2 <= v <= 4 for v in lead)
    counted = analyse(read_grid(check_upload("log.xlsx", files.worklog(300)), 0)[0],
                      mapping=mapping.with_changes(aggregation={**mapping.aggregation, "ミス件数": "count"}))
    errors = counted.extraction.observations
    assert list(errors[errors.kpi == "ミス件数"].value) == [100.0, 100.0, 100.0]


def test_reimport_is_idempotent_and_corrections_are_reported():
    store = Store(connect(None), pinned_clock)
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    first = store.commit_observations(to_observations(analysis), file_name="管理表.xlsx",
                                      source_hash=content_hash(b"x"), sheet="2025年度実績")
    assert first.added == len(analysis.extraction.observations) and first.replaced == []
    again = store.commit_observations(to_observations(analysis), file_name="管理表.xlsx",
                                      source_hash=content_hash(b"x"), sheet="2025年度実績")
    assert (again.added, again.replaced, again.unchanged) == (0, [], first.added)
    rows = store.kpi_observations()
    assert {r["category"] for r in rows} >= {"lead_time", "reentry", "effort"}


def test_what_was_done_to_the_values_is_counted():
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    done = next(f for f in analysis.findings if f.key == "import.steps_done").params["steps"]
    assert done["value.fullwidth"] == 3  # 「９日」「３２回」「－」
    assert done["value.triangle_negative"] == 1 and done["value.thousands"] == 1
    assert done["value.missing"] == 2 and done["value.unit"] >= 4
    assert all(f"step.{key}" in catalog() for key in done)
