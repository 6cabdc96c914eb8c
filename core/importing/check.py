"""Checks untrusted bytes before any parser sees them.

Parsers allocate by what a file claims, so a 1 MB zip bomb or one cell at XFD1048576
can need gigabytes. Two steps:
- check_upload, before anything parses: size, magic bytes, member count, workbook present,
  declared sizes and ratios, and the sheet list (read with defusedxml);
- verify_archive: every member streamed through zipfile (which honours declared sizes and
  CRCs), counting the real bytes. It may run while the sandboxed child parses: the child's
  memory limit contains a bomb, and no parse result is used unless this check passed.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

from core.importing.findings import Finding, ImportRejected
from core.importing.outline import SheetOutline, propose_sheet, read_outline

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and legacy .xls
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
_FORMULA_WITHOUT_VALUE = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)</c>')
_SHEET_MEMBER = re.compile(r"^xl/worksheets/sheet\d+\.xml$")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_members: int = 2000
    max_uncompressed: int = 200 * 1024 * 1024
    max_ratio: float = 100.0
    max_cells: int = 5_000_000  # rows × widest row, per sheet
    max_seconds: float = 30.0
    max_memory: int = 1536 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: Literal["excel", "csv"]
    data: bytes
    findings: tuple[Finding, ...] = ()
    sheets: tuple[SheetOutline, ...] = ()
    proposed_sheet: int | None = None
    limits: Limits = Limits()


def check_upload(name: str, data: bytes, limits: Limits = Limits()) -> CheckedFile:
    """Accept the bytes for parsing, or raise ImportRejected with a message for the user."""
    suffix = name.lower()[name.rfind("."):] if "." in name else ""
    if len(data) > limits.max_bytes:
        raise ImportRejected("import.too_big", size_mb=round(len(data) / 2**20, 1),
                             limit_mb=limits.max_bytes // 2**20)
    if not data:
        raise ImportRejected("import.empty_file")
    if data.startswith(OLE2_MAGIC):
        raise ImportRejected("import.ole2")
    if suffix == ".xls":
        raise ImportRejected("import.ole2")
    if suffix in EXCEL_SUFFIXES:
        if not data.startswith(ZIP_MAGIC):
            raise ImportRejected("import.not_excel")
        return _check_archive(name, data, limits)
    if suffix in CSV_SUFFIXES:
        if data.startswith(ZIP_MAGIC):
            raise ImportRejected("import.csv_is_zip")
        return CheckedFile(name, "csv", data)
    raise ImportRejected("import.unsupported_type", suffix=suffix or "—")


def _check_archive(name: str, data: bytes, limits: Limits) -> CheckedFile:
    archive = _open_archive(data)
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ImportRejected("import.too_many_parts", count=len(members))
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise ImportRejected("import.not_excel")
    declared = sum(m.file_size for m in members)
    if declared > limits.max_uncompressed or any(_bomb_ratio(m, limits) for m in members):
        raise ImportRejected("import.zip_bomb")
    try:
        sheets = read_outline(archive)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as error:
        raise ImportRejected("import.broken_zip") from error
    except Exception as error:  # defusedxml refusing entities, or XML that is not XML
        raise ImportRejected("import.bad_xml") from error
    if not sheets:
        raise ImportRejected("import.no_sheets")
    sizes = {m.filename: m.file_size for m in members}
    return CheckedFile(name, "excel", data, (), tuple(sheets), propose_sheet(sheets, sizes), limits)


def _open_archive(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportRejected("import.broken_zip") from error


def _bomb_ratio(member: zipfile.ZipInfo, limits: Limits) -> bool:
    return member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(member.compress_size, 1)


def verify_archive(checked: CheckedFile) -> list[Finding]:
    """Streams every member; raises ImportRejected on a bomb or a lying archive. Returns
    findings for formulas saved without a calculated value, naming sheet and cells."""
    archive = _open_archive(checked.data)
    formula_cells: dict[str, list[str]] = {}
    total = 0
    try:
        for member in archive.infolist():
            total = _stream_member(archive, member, total, checked.limits, formula_cells)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise ImportRejected("import.broken_zip") from error
    sheet_of = {s.member: s.name for s in checked.sheets}
    return [
        Finding("import.formula_without_value", "not_understood", sheet=sheet_of.get(member, member),
                params={"cells": ", ".join(sorted(set(cells))[:20]), "count": len(set(cells))})
        for member, cells in formula_cells.items() if cells
    ]


def _stream_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, limits: Limits,
                   formula_cells: dict[str, list[str]]) -> int:
    """Counts the real uncompressed bytes; notes formulas saved without a calculated value."""
    is_sheet = bool(_SHEET_MEMBER.match(member.filename))
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(4 << 20):
            total += len(chunk)
            if total > limits.max_uncompressed:
                raise ImportRejected("import.zip_bomb")
            if is_sheet:
                window = tail + chunk
                if b"<f" in window:  # formulas are rare in exported data: the regex runs only then
                    formula_cells.setdefault(member.filename, []).extend(
                        c.decode() for c in _FORMULA_WITHOUT_VALUE.findall(window))
                tail = chunk[-512:]
    return total
