"""Reading a test file through the stages the way the screen does."""

from datetime import date

from core.importing.check import check_upload
from core.importing.pipeline import analyse, read_grid


def load(name: str, data: bytes, sheet: int | None = None):
    checked = check_upload(name, data)
    grid, archive_findings = read_grid(checked, checked.proposed_sheet if sheet is None else sheet)
    return checked, grid, archive_findings, analyse(grid)


def values(analysis) -> dict[tuple[str, date], float]:
    frame = analysis.extraction.observations
    return {(r.kpi, r.period): r.value for r in frame.itertuples()}
