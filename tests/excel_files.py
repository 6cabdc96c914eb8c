"""Workbooks and CSVs written in the tests: real-looking sheets and hostile ones."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook


def save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def kpi_management_sheet() -> bytes:
    """A 管理表 as SMEs keep it: cover, title rows, months as columns, 全角, units, totals, a hidden sheet."""
    wb = Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover["A1"] = "KPI管理表（社外秘）"
    sheet = wb.create_sheet("2025年度実績")
    sheet["A1"] = "2025年度 業務KPI管理表"
    sheet["A2"] = "作成：管理部"
    sheet.append([])
    sheet.append(["指標", "単位", "目標", "4月", "5月", "6月", "7月"])
    sheet.append(["月次締め日数", "日", "５日", "10日", "９日", "8", "－"])
    sheet.append(["再入力回数", "回", 0, "40", "３２回", "▲3", "なし"])
    sheet.append(["工数", "時間", 80, "120時間", "3.5h", "1,100", "abc"])
    sheet.append(["合計", None, None, 170, 41, 1105, None])
    hidden = wb.create_sheet("計算用")
    hidden.sheet_state = "hidden"
    for i in range(50):
        hidden.append([i, i * 2, i * 3])
    return save(wb)


def merged_header_sheet() -> bytes:
    """Months down the side, a two-row merged header: 「月次締め（日数）」 over 「実績 / 目標」."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "推移"
    sheet["A1"] = "月次推移（令和7年度）"
    sheet.append([])
    sheet.append([None, "月次締め（日数）", None, "見積リードタイム（日）", None])
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:E3")
    sheet.append(["年月", "実績", "目標", "実績", "目標"])
    for period, close, quote in (("R7.4", 10, 3), ("令和7年5月", "９", "2.5"), ("2025/06", 8, 2)):
        sheet.append([period, close, 5, quote, 1])
    sheet.append(["平均", 9, None, 2.5, None])
    return save(wb)


def long_csv(encoding: str = "cp932") -> bytes:
    text = "年月,指標,実績,単位\r\n2025年4月,月次締め日数,10,日\r\n2025年5月,月次締め日数,９,日\r\n" \
           "2025年4月,ミス率,4%,%\r\n2025年5月,ミス率,３．５％,%\r\n"
    return text.encode(encoding)


def worklog(rows: int = 300) -> bytes:
    """One row per task with 令和 and Excel dates; hours to sum, lead time to average."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "作業ログ"
    sheet["A1"] = "作業時間ログ"
    sheet.append([])
    sheet.append(["日付", "担当者", "工数（時間）", "リードタイム（日）", "ミス件数"])
    for i in range(rows):
        day = datetime(2025, 4 + (i * 3 // rows), 1 + i % 28)
        sheet.append([day if i % 2 else f"R7.{day.month}.{day.day}", "佐藤", 1.5, 2 + i % 3, i % 2])
    return save(wb)


def zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def replace_member(xlsx: bytes, name: str, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source:
        members = {n: source.read(n) for n in source.namelist()}
    members[name] = data
    return zip_with(members)


def tiny_workbook() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "指標"
    wb.active["B1"] = "4月"
    wb.active["A2"] = "締め"
    wb.active["B2"] = 10
    return save(wb)


def sheet_xml(body: str, dimension: str = "A1:B2") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>').encode()


def far_corner_cell() -> bytes:
    body = ('<row r="1"><c r="A1" t="inlineStr"><is><t>指標</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return replace_member(tiny_workbook(), "xl/worksheets/sheet1.xml", sheet_xml(body, "A1:XFD1048576"))


MONTHS_ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>指標</t></is></c><c r="B1" t="inlineStr"><is><t>4月</t></is></c>'
               '<c r="C1" t="inlineStr"><is><t>5月</t></is></c><c r="D1" t="inlineStr"><is><t>6月</t></is></c></row>'
               '<row r="2"><c r="A2" t="inlineStr"><is><t>締め</t></is></c><c r="B2"><v>10</v></c>'
               '<c r="C2"><v>9</v></c><c r="D2"><v>8</v></c></row>')


def lying_dimension() -> bytes:
    return replace_member(tiny_workbook(), "xl/worksheets/sheet1.xml", sheet_xml(MONTHS_ROWS, "A1:XFD1048576"))


def merged_whole_sheet() -> bytes:
    xml = sheet_xml(MONTHS_ROWS, "A1:D2").replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    return replace_member(tiny_workbook(), "xl/worksheets/sheet1.xml", xml)


def formulas_without_values() -> bytes:
    body = ('<row r="1"><c r="A1" t="inlineStr"><is><t>指標</t></is></c><c r="B1" t="inlineStr"><is><t>4月</t></is></c>'
            '<c r="C1" t="inlineStr"><is><t>5月</t></is></c><c r="D1" t="inlineStr"><is><t>6月</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>締め</t></is></c><c r="B2"><v>10</v></c>'
            '<c r="C2"><f>B2-1</f></c><c r="D2"><f>C2-1</f></c></row>')
    return replace_member(tiny_workbook(), "xl/worksheets/sheet1.xml", sheet_xml(body, "A1:D2"))


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           '<si><t>&lol9;</t></si></sst>').encode()
    return replace_member(tiny_workbook(), "xl/workbook.xml",
                          xml.replace(b"<sst", b"<workbook").replace(b"</sst>", b"</workbook>"))


def zip_bomb(size: int = 300 * 1024 * 1024) -> bytes:
    """One sheet whose XML inflates about 1000:1."""
    padding = b" " * size
    xml = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(b"<sheetData>", b"<sheetData>" + padding)
    return replace_member(tiny_workbook(), "xl/worksheets/sheet1.xml", xml)


def empty_workbook() -> bytes:
    return save(Workbook())


OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
