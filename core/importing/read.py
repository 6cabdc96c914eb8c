"""Runs inside the sandboxed child process: the only code that parses untrusted workbook bytes."""

from __future__ import annotations

import io
import re
import zipfile

import pyarrow as pa
from openpyxl.utils import column_index_from_string

from core.importing.findings import ImportRejected

# A cell that holds a value or inline text (a formula counts only with its saved value): the reader
# drops the rest, so they must not decide where the grid starts.
_FILLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>/]*>\s*(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)?\s*(?:<v>[^<]|<is\b)')
ORIGIN_SCAN_BYTES = 256 * 1024


def sheet_origin(data: bytes, member: str) -> tuple[int, int]:
    """Excel row and column (1-based) of the sheet's first filled cell.

    The reader drops empty leading rows and columns; this puts the real cell names back.
    Only the start of the sheet is scanned, where a table's first rows are.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(member) as stream:
        head = stream.read(ORIGIN_SCAN_BYTES)
    cells = _FILLED_CELL.findall(head)
    if not cells:
        return 1, 1
    first_row = int(cells[0][1])
    first_column = min(column_index_from_string(c[0].decode()) for c in cells)
    return first_row, first_column


def read_sheet_grid(data: bytes, sheet_name: str, member: str, max_cells: int) -> tuple[pa.Table, tuple[int, int]]:
    """Every cell of one sheet as text, no header assumed (locating the table is the parent's job),
    and where the grid starts in Excel's coordinates.

    All columns are read as strings on purpose: a typed read would turn a title row or a
    stray word in a number column into a silent null.
    """
    import fastexcel  # only the child loads the Rust reader

    reader = fastexcel.read_excel(data)
    sheet = reader.load_sheet(sheet_name, header_row=None, dtypes="string")
    if sheet.width * sheet.total_height > max_cells:
        raise ImportRejected("import.too_many_cells", sheet=sheet_name, rows=sheet.total_height,
                             columns=sheet.width, limit=max_cells)
    return sheet.to_arrow(), sheet_origin(data, member)
