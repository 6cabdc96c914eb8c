"""Locating the table inside a sheet: header rows, merged headers, blank and totals rows."""

from datetime import date

import pytest

from core.importing.findings import ImportRejected
from core.importing.pipeline import analyse
from core.importing.locate import Grid, find_header, locate_table
from tests.importing.helpers import values


def test_header_below_title_rows():
    rows = [["2025年度 KPI管理表", None, None], ["作成：管理部", None, None], [None] * 3,
            ["指標", "4月", "5月"], ["締め", "10", "9"]]
    assert find_header(rows) == 3


def test_two_row_merged_header_is_combined():
    grid = Grid.from_rows([["月次推移"], [None, "月次締め（日数）", None, "見積（日）", None],
                           ["年月", "実績", "目標", "実績", "目標"], ["2025/04", "10", "5", "3", "1"]])
    table = locate_table(grid)
    assert table.columns == ["年月", "月次締め(日数) / 実績", "月次締め(日数) / 目標", "見積(日) / 実績", "見積(日) / 目標"]


def test_blank_and_totals_rows_are_dropped_and_reported():
    grid = Grid.from_rows([["指標", "4月", "5月"], ["締め", "10", "9"], [None, None, None], ["　合 計", "10", "9"],
                           ["平均", "5", "4"], ["再入力", "3", "2"]], sheet="S")
    table = locate_table(grid)
    assert table.rows == [1, 5]
    assert [(f.key, f.row) for f in table.findings if f.key == "import.totals_row"] == [
        ("import.totals_row", 4), ("import.totals_row", 5)]


def test_review_fixes_duplicates_deep_headers_and_csv_size():
    from core.importing.pipeline import read_csv_grid

    grid = Grid.from_rows([["2025年度"], ["指標", "4月", "5月", "6月"], ["工数", "1", "2", "3"], ["工数", "4", "5", "6"]],
                          sheet="S")
    analysis = analyse(grid)
    assert values(analysis) == {("工数", date(2025, 4, 1)): 4, ("工数", date(2025, 5, 1)): 5,
                                ("工数", date(2025, 6, 1)): 6}
    assert any(f.key == "import.duplicate_kpi" for f in analysis.findings)
    deep = Grid.from_rows([["t"]] + [[None]] * 49 + [["指標", "4月"], ["工数", "1"]])
    assert locate_table(deep, 50).columns == ["指標", "4月"]
    wide_csv = ("\n".join([",".join(["1"] * 100)] * 200)).encode()
    with pytest.raises(ImportRejected) as refused:
        read_csv_grid(wide_csv, "big.csv", max_cells=10_000)
    assert refused.value.key == "import.too_many_cells"
