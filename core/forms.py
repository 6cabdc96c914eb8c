"""The questionnaire as an Excel form to hand out and read back: one sheet per person.

Each sheet carries its own form id (cell B3), so a filled form read twice is refused, and the
questionnaire's version. Filled files are untrusted: they pass the same byte checks as a KPI upload
(size, zip, declared sizes, every member streamed, the sheet list read with defusedxml), then each sheet
is parsed where a KPI upload's is, in the sandboxed reader process (memory limit, one deadline for the
whole file, a budget on the rectangle), never in the server: a valid-looking form can still carry 170 MB
of shared strings, which an in-process reader loads whole whatever rows it is asked for. Only the first
`MAX_ROWS` × 4 cells of what comes back are looked at.
"""

from __future__ import annotations

import io
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import safe
from core.importing.check import CheckedFile, Limits, check_upload, verify_archive
from core.i18n import LANGUAGES, translator
from core.importing.findings import ImportRejected
from core.importing.sandbox import sandbox
from core.perception import ROLES, Role
from core.questionnaire import Questionnaire
from core.scoring import Answer

ID_CELL, ROLE_CELL, LABEL_CELL, VERSION_CELL = "B3", "B4", "B5", "D3"
FIRST_QUESTION_ROW = 8
MAX_ROWS = 200
MAX_SHEETS = 60
MAX_FORMS = 50
_FORM_ID = re.compile(r"^[0-9a-f]{12}$")
THIN = Side(style="thin", color="9AA5B1")
ANSWER_FILL = PatternFill("solid", fgColor="FFF4CC")


@dataclass(frozen=True)
class FilledForm:
    file_name: str
    sheet: str
    form_id: str
    role: Role | None  # None only on a blank sheet (nobody filled it in): it is left out, not read
    label: str
    answers: tuple[Answer, ...] = field(default=())


def new_form_id() -> str:
    return uuid.uuid4().hex[:12]


def build_forms(questionnaire: Questionnaire, lang: str, t: Callable[..., str], heading: str,
                form_ids: list[str]) -> bytes:
    """A workbook with one blank form per id, printable on A4 portrait."""
    wb = Workbook()
    wb.remove(wb.active)
    roles = [t(f"respondent.role_{r}") for r in ROLES]
    choices = [str(v) for v in range(5)] + [t("forms.unknown")]
    for number, form_id in enumerate(form_ids, start=1):
        _form_sheet(wb.create_sheet(t("forms.sheet", n=number)), questionnaire, lang, t, heading, form_id, roles,
                    choices)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _form_sheet(sheet, questionnaire: Questionnaire, lang: str, t, heading: str, form_id: str, roles: list[str],
                choices: list[str]) -> None:
    safe(sheet["A1"], t("forms.title"))
    sheet["A1"].font = Font(bold=True, size=14)
    safe(sheet["A2"], heading)
    for cell, key, value in ((ID_CELL, "forms.form_id", form_id), (ROLE_CELL, "forms.role", ""),
                             (LABEL_CELL, "forms.label", "")):
        row = sheet[cell].row
        safe(sheet.cell(row, 1), t(key))
        sheet.cell(row, 1).font = Font(bold=True)
        safe(sheet[cell], value)
    safe(sheet["C3"], t("forms.version"))
    safe(sheet[VERSION_CELL], questionnaire.version)
    for cell in (ROLE_CELL, LABEL_CELL):
        sheet[cell].fill, sheet[cell].border = ANSWER_FILL, Border(THIN, THIN, THIN, THIN)
    safe(sheet["A6"], t("forms.how"))
    sheet["A6"].alignment = Alignment(wrap_text=True)
    sheet.merge_cells("A6:D6")
    sheet.row_dimensions[6].height = 48
    header = FIRST_QUESTION_ROW - 1
    for column, key in enumerate(("forms.c_id", "forms.c_question", "forms.c_levels", "forms.c_answer"), start=1):
        safe(sheet.cell(header, column), t(key))
        sheet.cell(header, column).font = Font(bold=True)
    role_list = DataValidation(type="list", formula1=_list_formula(roles), allow_blank=True, showErrorMessage=True,
                               errorTitle=t("forms.c_answer"), error=t("forms.role_error"))
    answer_list = DataValidation(type="list", formula1=_list_formula(choices), allow_blank=True,
                                 showErrorMessage=True, errorTitle=t("forms.c_answer"), error=t("forms.answer_error"))
    sheet.add_data_validation(role_list)
    sheet.add_data_validation(answer_list)
    role_list.add(ROLE_CELL)
    row = FIRST_QUESTION_ROW
    for dimension in questionnaire.dimensions:
        safe(sheet.cell(row, 1), f"{dimension.number}. {dimension.name(lang)}")
        sheet.cell(row, 1).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        row += 1
        for q in dimension.questions:
            levels = "\n".join(f"{level}: {text}" for level, text in enumerate(q.levels(lang)))
            for column, value in enumerate((q.id, q.text(lang), levels, ""), start=1):
                cell = sheet.cell(row, column)
                safe(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = Border(THIN, THIN, THIN, THIN)
            sheet.cell(row, 4).fill = ANSWER_FILL
            answer_list.add(sheet.cell(row, 4).coordinate)
            row += 1
    for column, width in zip("ABCD", (14, 34, 62, 12)):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    sheet.print_options.horizontalCentered = True


def _list_formula(options: list[str]) -> str:
    return '"' + ",".join(o.replace('"', "") for o in options) + '"'


def read_forms(file_name: str, data: bytes, questionnaire: Questionnaire,
               limits: Limits = Limits()) -> list[FilledForm]:
    """The forms in one uploaded file (a blank one has no answers), or ImportRejected naming the file, sheet
    and cell."""
    checked = check_upload(file_name, data, limits)
    if checked.kind != "excel":
        raise ImportRejected("forms.not_excel", file=file_name)
    sheets = [_cells(s) for s in _read_sheets(checked)]
    found = [(name, cells) for name, cells in sheets if _form_id_of(cells) is not None]
    if not found:
        raise ImportRejected("forms.foreign", file=file_name)
    return [_read_sheet(file_name, name, cells, questionnaire) for name, cells in found]  # blank ones too


def _read_sheets(checked: CheckedFile) -> list[tuple[str, object]]:
    """(name, Arrow table, origin) of each of the first `MAX_SHEETS` sheets, parsed in the sandbox within one
    deadline for the whole file, while every member of the archive is streamed; nothing is returned unless
    that check passed."""
    limits, deadline = checked.limits, time.monotonic() + checked.limits.max_seconds
    read = []
    with ThreadPoolExecutor(max_workers=1) as background:
        verified = background.submit(verify_archive, checked)
        try:
            for sheet in checked.sheets[:MAX_SHEETS]:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ImportRejected("import.timeout", seconds=int(limits.max_seconds))
                table, origin = sandbox(limits.max_memory).read_sheet(checked.data, sheet.name, sheet.member,
                                                                      limits.max_cells, timeout=remaining)
                read.append((sheet.name, table, origin))
        finally:
            verified.result()  # raises ImportRejected for a bomb, whatever the reads did
    return read


def _cells(read: tuple) -> tuple[str, dict[str, str]]:
    """A sheet's filled cells in the form's area (rows 1..MAX_ROWS, columns A..D), by Excel coordinate."""
    name, table, (first_row, first_column) = read
    values = {}
    for j in range(min(table.num_columns, max(0, 5 - first_column))):
        column = table.column(j).slice(0, max(0, MAX_ROWS - first_row + 1)).to_pylist()
        for i, value in enumerate(column):
            if value is not None and value.strip():
                values[f"{get_column_letter(first_column + j)}{first_row + i}"] = value
    return name, values


def _form_id_of(cells: dict[str, str]) -> str | None:
    found = cells.get(ID_CELL, "").strip()
    return found if _FORM_ID.match(found) else None


def _read_sheet(file_name: str, sheet: str, cells: dict[str, str], questionnaire: Questionnaire) -> FilledForm:
    where = {"file": file_name, "sheet": sheet}
    if cells.get(VERSION_CELL, "").strip() != questionnaire.version:
        raise ImportRejected("forms.other_version", **where, cell=VERSION_CELL)
    known = {q.id for q in questionnaire.questions}
    answers = []
    for row in range(FIRST_QUESTION_ROW, MAX_ROWS + 1):
        question_id = cells.get(f"A{row}", "").strip()
        if question_id not in known:
            continue
        answer = _answer(question_id, cells.get(f"D{row}"))
        if answer is False:
            raise ImportRejected("forms.bad_answer", **where, cell=f"D{row}")
        if answer is not None:
            answers.append(answer)
    role = _role(cells.get(ROLE_CELL, "").strip())
    if role is None and answers:  # a sheet nobody filled in is left out, whatever its role cell says
        raise ImportRejected("forms.bad_role", **where, cell=ROLE_CELL)
    label = cells.get(LABEL_CELL, "").strip()[:40]
    return FilledForm(file_name, sheet, _form_id_of(cells), role, label, tuple(answers))


def _role(text: str) -> Role | None:
    """A role by its name in either language (a Japanese form may come back to an English screen)."""
    names = {translator(lang)(f"respondent.role_{r}"): r for lang in LANGUAGES for r in ROLES}
    return names.get(text)


def _answer(question_id: str, value: object) -> Answer | None | bool:
    """The answer in a cell: None when blank, False when it is not one of the choices."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip() in {translator(lang)("forms.unknown") for lang in LANGUAGES}:
        return Answer(question_id, unknown=True)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().translate(str.maketrans("０１２３４", "01234"))  # 全角 digits typed by hand
    if text in {"0", "1", "2", "3", "4"}:
        return Answer(question_id, int(text))
    return False
