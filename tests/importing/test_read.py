"""The sandboxed read: what the child parses, and where the cells sit."""

from datetime import date

import pytest

from core.importing.findings import ImportRejected
from core.importing.pipeline import analyse
from tests import excel_files as files
from tests.importing.helpers import load, values


def test_far_corner_cell_is_refused_and_the_parent_survives():
    with pytest.raises(ImportRejected) as refused:
        load("far.xlsx", files.far_corner_cell())
    assert refused.value.key in ("import.too_many_cells", "import.crashed", "import.out_of_memory")
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())  # the next import still works
    assert not analysis.extraction.observations.empty


def test_lying_dimension_and_merged_whole_sheet_still_read():
    for data in (files.lying_dimension(), files.merged_whole_sheet()):
        _, grid, _, proposal = load("odd.xlsx", data)
        assert grid.height == 2 and proposal.mapping.shape == "wide"
        # 「4月」 alone needs a fiscal year: none is written in the sheet, so the user gives it
        assert any(f.key == "import.period_header_not_understood" for f in proposal.findings)
        analysis = analyse(grid, mapping=proposal.mapping.with_changes(fiscal_year=2025))
        assert values(analysis) == {("締め", date(2025, 4, 1)): 10, ("締め", date(2025, 5, 1)): 9,
                                    ("締め", date(2025, 6, 1)): 8}


def test_formulas_saved_without_values_are_named():
    _, _, archive_findings, analysis = load("formulas.xlsx", files.formulas_without_values())
    finding = next(f for f in archive_findings if f.key == "import.formula_without_value")
    assert finding.sheet == "Sheet" and finding.params["cells"] == "C2, D2" and finding.params["count"] == 2


def test_origin_ignores_a_formula_without_a_saved_value():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "=TODAY()"
    for column, (head, value) in zip("BCDE", [("指標", "工数"), ("2025/04", 7), ("2025/05", 8), ("2025/06", 9)]):
        wb.active[f"{column}3"], wb.active[f"{column}4"] = head, value
    _, grid, _, analysis = load("origin.xlsx", files.save(wb))
    assert (grid.origin_row, grid.origin_column) == (3, 2)
    assert analysis.extraction.observations.iloc[0].cell == "C4"
