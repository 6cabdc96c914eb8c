"""The sheets a workbook declares, read from its XML with defusedxml (entity tricks refused)."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Sheet names that hold covers, notes or instructions rather than data.
NOT_DATA_WORDS = ("表紙", "説明", "記入例", "注意", "目次", "使い方", "手順", "凡例", "メモ", "readme",
                  "cover", "instruction", "notes", "manual")


@dataclass(frozen=True)
class SheetOutline:
    name: str
    member: str  # e.g. xl/worksheets/sheet2.xml
    state: str  # visible | hidden | veryHidden
    dimension: str | None = None

    @property
    def visible(self) -> bool:
        return self.state == "visible"

    @property
    def looks_like_notes(self) -> bool:
        lowered = self.name.lower()
        return any(word in lowered for word in NOT_DATA_WORDS)


def read_outline(archive: zipfile.ZipFile) -> list[SheetOutline]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
    except KeyError:
        targets = {}
    sheets = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets.append(SheetOutline(sheet.get("name", ""), member, sheet.get("state", "visible")))
    return sheets


def propose_sheet(sheets: list[SheetOutline], sizes: dict[str, int]) -> int | None:
    """The visible, non-cover sheet with the most data (by uncompressed XML size)."""
    candidates = [i for i, s in enumerate(sheets) if s.visible and not s.looks_like_notes]
    if not candidates:
        candidates = [i for i, s in enumerate(sheets) if s.visible]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (sizes.get(sheets[i].member, 0), -i))
