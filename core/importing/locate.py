"""Finding the table inside a sheet: the header below title rows, two-row merged headers,
blank and totals rows dropped."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import pyarrow as pa
import pyarrow.compute as pc

from core.importing.findings import Finding, ImportRejected
from core.values import parse_value

SCAN_ROWS = 40
HEADER_JOIN = " / "  # between a merged group label and the label below it
TOTAL_WORDS = frozenset({"合計", "計", "総計", "小計", "平均", "累計", "total", "sum", "average", "avg"})
_DATETIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


@dataclass(frozen=True)
class Grid:
    """A sheet's cells as text (an Arrow table, column per sheet column), and where
    row 0 / column 0 sit in Excel (1-based)."""

    cells: pa.Table
    origin_row: int = 1
    origin_column: int = 1
    sheet: str = ""

    @classmethod
    def from_rows(cls, rows: list[list], **where) -> Grid:
        width = max((len(r) for r in rows), default=0)
        columns = [[None if j >= len(r) or r[j] is None else str(r[j]) for r in rows] for j in range(width)]
        return cls(pa.table({f"c{j}": pa.array(c, pa.string()) for j, c in enumerate(columns)}), **where)

    @cached_property
    def rows(self) -> list[list[str | None]]:
        """The first rows as lists: enough to find the header."""
        head = self.cells.slice(0, SCAN_ROWS + 2)
        columns = [head.column(j).to_pylist() for j in range(head.num_columns)]
        return [list(r) for r in zip(*columns)] if columns else []

    @property
    def height(self) -> int:
        return self.cells.num_rows

    def column(self, index: int) -> pa.ChunkedArray:
        return self.cells.column(index)

    def row(self, index: int) -> list[str | None]:
        """Any one row, also beyond the first rows kept for finding the header."""
        if not 0 <= index < self.height:
            return []
        return [self.cells.column(j)[index].as_py() for j in range(self.cells.num_columns)]

    def excel_row(self, index: int) -> int:
        return self.origin_row + index

    def excel_column(self, index: int) -> int:
        return self.origin_column + index


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[int]  # grid indexes of the data rows kept
    header_row: int  # grid index of the (lower) header row
    findings: list[Finding] = field(default_factory=list)


def _blank(cell: str | None) -> bool:
    return cell is None or not str(cell).strip()


def is_data_like(cell: str | None) -> bool:
    if _blank(cell):
        return False
    text = str(cell).strip()
    return bool(_DATETIME_TEXT.match(text)) or parse_value(text).value is not None


def _header_like(row: list[str | None]) -> int:
    return sum(1 for c in row if not _blank(c) and not is_data_like(c))


def _filled(row: list[str | None]) -> int:
    return sum(1 for c in row if not _blank(c))


def find_header(rows: list[list[str | None]]) -> int | None:
    """The first row of labels that is followed by a row holding data."""
    scan = rows[:SCAN_ROWS]
    width = max((_filled(r) for r in scan), default=0)
    for i, row in enumerate(scan):
        labels, filled = _header_like(row), _filled(row)
        if labels < 2 or labels * 2 < filled or filled * 2 < width:
            continue
        below = next((r for r in scan[i + 1:] if _filled(r)), None)
        if below is not None and any(is_data_like(c) for c in below):
            return i
    return None


def _is_upper_header(upper: list[str | None], header: list[str | None]) -> bool:
    """A row of group labels above the header, like 「月次締め（日数）」 over 「実績 / 目標」."""
    filled = [j for j, c in enumerate(upper) if not _blank(c)]
    if not filled or any(is_data_like(upper[j]) for j in filled):
        return False
    gaps = any(_blank(upper[j]) and not _blank(header[j]) for j in range(filled[0], len(header)))
    return gaps and (len(filled) >= 2 or filled[0] > 0)


def combine_headers(upper: list[str | None], lower: list[str | None]) -> list[str]:
    """Merged cells keep their text in the first cell only: carry it right over the gap."""
    names, carried = [], None
    for j, low in enumerate(lower):
        up = upper[j] if j < len(upper) else None
        if not _blank(up):
            carried = str(up).strip()
        elif _blank(low):
            carried = None
        low_text = "" if _blank(low) else str(low).strip()
        if carried and low_text and carried != low_text:
            names.append(f"{carried}{HEADER_JOIN}{low_text}")
        else:
            names.append(low_text or carried or "")
    return names


def _unique_names(names: list[str], grid: Grid) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for j, name in enumerate(names):
        name = unicodedata.normalize("NFKC", name).strip() or f"列{_letter(grid.excel_column(j))}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}({seen[name]})")
    return out


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _total_word(cell: str | None) -> bool:
    return cell is not None and unicodedata.normalize("NFKC", cell).replace(" ", "").strip().lower() in TOTAL_WORDS


def _kept_rows(grid: Grid, start: int) -> tuple[list[int], list[int]]:
    """Data rows below the header, and totals rows (合計, 計, 平均 … as the first filled cell)."""
    if grid.cells.num_columns == 0:
        return [], []
    cleaned = [pc.if_else(pc.equal(pc.utf8_trim_whitespace(grid.column(j)), ""), None, grid.column(j))
               for j in range(grid.cells.num_columns)]
    first = pc.coalesce(*cleaned) if len(cleaned) > 1 else cleaned[0]
    first = first.combine_chunks() if isinstance(first, pa.ChunkedArray) else first
    encoded = first.dictionary_encode()
    totals_in_dictionary = pa.array([_total_word(v) for v in encoded.dictionary.to_pylist()], pa.bool_())
    is_total = pc.fill_null(pc.take(totals_in_dictionary, encoded.indices), False)
    filled = pc.is_valid(first)
    positions = pa.array(range(grid.height), pa.int64())
    after = pc.greater(positions, start)
    kept = pc.filter(positions, pc.and_(pc.and_(after, filled), pc.invert(is_total))).to_pylist()
    totals = pc.filter(positions, pc.and_(after, is_total)).to_pylist()
    return kept, totals


def locate_table(grid: Grid, header_row: int | None = None) -> Table:
    """The header (proposed, or the user's choice), the column names, and the data rows."""
    findings: list[Finding] = []
    rows = grid.rows
    if not rows:
        raise ImportRejected("import.no_table", sheet=grid.sheet)
    if header_row is None:
        header_row = find_header(rows)
        if header_row is None:
            header_row = next((i for i, r in enumerate(rows) if _filled(r)), 0)
            findings.append(Finding("import.header_guessed", "guessed", grid.sheet, grid.excel_row(header_row)))
        elif header_row > 0:
            findings.append(Finding("import.header_found", "info", grid.sheet, grid.excel_row(header_row),
                                    params={"skipped": header_row}))
    header = grid.row(header_row)
    names = [None if _blank(c) else str(c) for c in header]
    above = grid.row(header_row - 1) if header_row > 0 else []
    if header_row > 0 and _is_upper_header(above, header):
        names = combine_headers(above, header)
        findings.append(Finding("import.two_row_header", "guessed", grid.sheet, grid.excel_row(header_row - 1)))
    columns = _unique_names([n or "" for n in names], grid)
    kept, totals = _kept_rows(grid, header_row)  # blank rows are simply passed over
    findings += [Finding("import.totals_row", "skipped", grid.sheet, grid.excel_row(i)) for i in totals]
    return Table(columns, kept, header_row, findings)
