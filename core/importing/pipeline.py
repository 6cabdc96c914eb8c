"""The import pipeline end to end: check → read (sandboxed) → locate → shape → parse.

`preview` is the one call the screen makes. Nothing here writes to the workspace; committing is the
store's job, after the preview.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import pandas as pd

from core.importing.findings import Finding, ImportRejected
from core.importing.check import CheckedFile, Limits, check_upload, verify_archive
from core.importing.parse import Extraction, extract
from core.importing.sandbox import sandbox
from core.importing.shape import Mapping, category_of, propose_mapping
from core.importing.locate import Grid, Table, locate_table
from core.records import Observation

CSV_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")


@dataclass(frozen=True)
class Analysis:
    table: Table
    mapping: Mapping
    extraction: Extraction

    @property
    def findings(self) -> list[Finding]:
        return self.extraction.findings


@dataclass(frozen=True)
class Preview:
    """What one uploaded file would store, and everything found on the way, in one list."""

    checked: CheckedFile
    grid: Grid
    analysis: Analysis
    findings: list[Finding]


def preview(name: str, data: bytes, limits: Limits, cache: dict, *,
            choose_sheet: Callable[[CheckedFile], int | None] = lambda checked: checked.proposed_sheet,
            choose_header: Callable[[Grid, Analysis], int] = lambda grid, proposed: proposed.table.header_row,
            choose_mapping: Callable[[Grid, Analysis], Mapping] = lambda grid, base: base.mapping,
            reading: Callable[[], AbstractContextManager] = nullcontext) -> Preview:
    """Every stage, in order. At each guess the caller may correct it (the screen draws a widget
    there): the sheet, the header row, the column mapping. The slow stages, the check and the
    sandboxed read, are kept in `cache` (the caller's, per browser session) by content hash; `reading`
    wraps them when they run (the screen shows a spinner).
    Raises ImportRejected for a file that cannot be read at all."""
    digest = content_hash(data)
    if (checked := cache.get(("checked", digest))) is None:
        with reading():
            checked = cache[("checked", digest)] = check_upload(name, data, limits)
    sheet = choose_sheet(checked)
    if (read := cache.get(("grid", digest, sheet))) is None:
        with reading():
            read = cache[("grid", digest, sheet)] = read_grid(checked, sheet)
    grid, archive_findings = read
    proposed = analyse(grid)
    header = choose_header(grid, proposed)
    base = proposed if header == proposed.table.header_row else analyse(grid, header)
    mapping = choose_mapping(grid, base)
    analysis = base if mapping == base.mapping else analyse(grid, header, mapping)
    return Preview(checked, grid, analysis, archive_findings + analysis.findings)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_grid(checked: CheckedFile, sheet_index: int | None) -> tuple[Grid, list[Finding]]:
    """One sheet's cells, plus what the archive check found (formulas without values).

    The archive is streamed in a thread while the sandboxed child parses; a parse result
    is only returned once that check has passed.
    """
    if checked.kind == "csv":
        return read_csv_grid(checked.data, checked.name, checked.limits.max_cells), []
    if sheet_index is None:
        raise ImportRejected("import.no_visible_sheet")
    sheet, limits = checked.sheets[sheet_index], checked.limits
    with ThreadPoolExecutor(max_workers=1) as background:
        verified = background.submit(verify_archive, checked)
        try:
            table, (row, column) = sandbox(limits.max_memory).read_sheet(
                checked.data, sheet.name, sheet.member, limits.max_cells, timeout=limits.max_seconds)
        finally:
            findings = verified.result()  # raises ImportRejected for a bomb, whatever the parse did
    return Grid(table, row, column, sheet.name), findings


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Japanese Excel's CSV is cp932 (Shift_JIS)."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected("import.csv_encoding")


def read_csv_grid(data: bytes, name: str, max_cells: int = Limits().max_cells) -> Grid:
    text = decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows, width = [], 0
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(row)
            width = max(width, len(row))
            if len(rows) * width > max_cells:  # the rectangle, as for Excel sheets
                raise ImportRejected("import.too_many_cells", sheet=name, rows=f"{len(rows)}+", columns=width,
                                     limit=max_cells)
    except csv.Error as error:
        raise ImportRejected("import.csv_broken", detail=str(error)) from error
    if not any(any(c.strip() for c in r) for r in rows):
        raise ImportRejected("import.no_table", sheet=name)
    return Grid.from_rows([[c if c.strip() else None for c in r] for r in rows], sheet=name)


def analyse(grid: Grid, header_row: int | None = None, mapping: Mapping | None = None) -> Analysis:
    """Locate the table and read it; a mapping from the user replaces the proposal."""
    table = locate_table(grid, header_row)
    mapping = mapping or propose_mapping(grid, table)
    return Analysis(table, mapping, extract(grid, table, mapping))


def to_observations(analysis: Analysis) -> list[Observation]:
    frame = analysis.extraction.observations
    return [
        Observation(kpi=r.kpi, period=r.period, value=float(r.value), unit=r.unit or None,
                    target=None if pd.isna(r.target) else float(r.target), category=category_of(r.kpi), cell=r.cell)
        for r in frame.itertuples(index=False)
    ]
