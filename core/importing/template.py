"""The KPI template workbook for companies starting from nothing (written with openpyxl)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

# (KPI, unit, category hint, example value, example target) — the seed's four monthly metrics and 月次締め
TEMPLATE_KPIS = (
    ("工数（請求・入力業務）", "時間", 120, 80),
    ("リードタイム（見積）", "日", 3, 1),
    ("ミス率（請求書の訂正率）", "%", 4, 1),
    ("再入力回数", "回", 40, 0),
    ("月次締め日数", "日", 10, 5),
)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def fiscal_months(fiscal_year: int, start: int = 4) -> list[date]:
    return [date(fiscal_year + (start + i - 1) // 12, (start + i - 1) % 12 + 1, 1) for i in range(12)]


def build_template(fiscal_year: int, texts: dict[str, str]) -> bytes:
    """A wide sheet (one row per KPI, one column per month) with instructions and validation."""
    wb = Workbook()
    guide = wb.active
    guide.title = texts["guide_sheet"]
    for row, line in enumerate(texts["guide"].splitlines(), start=1):
        guide.cell(row, 1, line)
    guide.column_dimensions["A"].width = 100
    guide["A1"].font = Font(bold=True, size=14)

    sheet = wb.create_sheet(texts["data_sheet"])
    sheet["A1"] = texts["title"].format(year=fiscal_year)
    sheet["A1"].font = Font(bold=True, size=13)
    months = fiscal_months(fiscal_year)
    header = [texts["kpi"], texts["unit"], texts["target"], *[f"{m.year}/{m.month:02d}" for m in months]]
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(3, column, name)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, Alignment(horizontal="center")
    for row, (kpi, unit, example, target) in enumerate(TEMPLATE_KPIS, start=4):
        sheet.cell(row, 1, kpi)
        sheet.cell(row, 2, unit)
        sheet.cell(row, 3, target)
        if row == 4:
            sheet.cell(row, 4, example)  # one example value, so the shape is obvious
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle=texts["error_title"], error=texts["error"])
    sheet.add_data_validation(numbers)
    numbers.add(f"C4:{sheet.cell(3 + len(TEMPLATE_KPIS), len(header)).coordinate}")
    units = DataValidation(type="list", formula1='"時間,日,%,回,件,円"', allow_blank=True)
    sheet.add_data_validation(units)
    units.add(f"B4:B{3 + len(TEMPLATE_KPIS)}")
    sheet.column_dimensions["A"].width = 30
    sheet.freeze_panes = "D4"
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
