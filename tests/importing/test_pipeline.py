"""The import screen's one call: every stage in order, corrections where the screen asks, findings in one list."""

from core.importing import pipeline
from core.importing.check import Limits
from tests import excel_files as files


def test_one_call_gives_the_preview_and_every_finding():
    data = files.formulas_without_values()
    found = pipeline.preview("formulas.xlsx", data, Limits(), {})
    archive = [f for f in found.findings if f.key == "import.formula_without_value"]  # from the archive check
    assert archive and found.analysis.findings  # and from locating and parsing the table
    assert found.findings == archive + found.analysis.findings
    assert found.grid.sheet == found.checked.sheets[found.checked.proposed_sheet].name


def test_the_slow_stages_run_once_per_file_and_sheet(monkeypatch):
    reads = []
    real = pipeline.read_grid
    monkeypatch.setattr(pipeline, "read_grid", lambda checked, sheet: reads.append(sheet) or real(checked, sheet))
    cache, data = {}, files.kpi_management_sheet()
    first = pipeline.preview("kpi.xlsx", data, Limits(), cache)
    again = pipeline.preview("kpi.xlsx", data, Limits(), cache)
    assert len(reads) == 1 and again.analysis.extraction.observations.equals(first.analysis.extraction.observations)


def test_each_guess_can_be_corrected_by_the_caller():
    data, seen = files.kpi_management_sheet(), {}

    def header_one_row_lower(grid, proposed):
        seen["proposed"] = proposed.table.header_row
        return proposed.table.header_row + 1

    found = pipeline.preview("kpi.xlsx", data, Limits(), {}, choose_header=header_one_row_lower)
    assert found.analysis.table.header_row == seen["proposed"] + 1
    guessed = pipeline.preview("kpi.xlsx", data, Limits(), {})
    assert len(found.analysis.extraction.observations) < len(guessed.analysis.extraction.observations)
