"""Paper and Excel forms: a blank form filled by script reads back as the same answers; what is not our
form, is damaged, or holds a wrong cell is refused by name; a form is never read twice."""

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from core.forms import FIRST_QUESTION_ROW, ROLE_CELL, build_forms, new_form_id, read_forms
from core.i18n import translator
from core.importing.findings import ImportRejected
from core.perception import ROLES
from core.questionnaire import load_questionnaire
from core.scoring import Answer
from core.store import Store, connect
from core.workspace_file import read_workspace, workspace_bytes
from tests.pinned import pinned_clock

Q = load_questionnaire()
QUESTIONS = [q.id for q in Q.questions]


def blank(lang="ja", n=1, heading="本社 2026-11"):
    ids = [new_form_id() for _ in range(n)]
    return build_forms(Q, lang, translator(lang), heading, ids), ids


def fill(data: bytes, people: list[tuple[str, str, dict[str, object]]], lang="ja") -> bytes:
    """Write (role, label, {question id: cell value}) into the forms, one person per sheet."""
    t = translator(lang)
    wb = load_workbook(io.BytesIO(data))
    for sheet, (role, label, answers) in zip(wb.worksheets, people):
        sheet[ROLE_CELL] = t(f"respondent.role_{role}")
        sheet["B5"] = label
        for row in range(FIRST_QUESTION_ROW, sheet.max_row + 1):
            if sheet.cell(row, 1).value in answers:
                sheet.cell(row, 4).value = answers[sheet.cell(row, 1).value]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


cell_values = st.one_of(st.none(), st.integers(0, 4), st.sampled_from(["0", "4", "わからない", "Don't know", "３"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ROLES), st.text("田中太郎 ab", max_size=6),
                          st.dictionaries(st.sampled_from(QUESTIONS), cell_values)), min_size=1, max_size=3),
       st.sampled_from(["ja", "en"]))
def test_a_filled_form_reads_back_as_the_same_answers(people, lang):
    data, ids = blank(lang, n=len(people))
    forms = read_forms("filled.xlsx", fill(data, people, lang), Q)
    assert [f.form_id for f in forms] == ids
    for form, (role, label, answers) in zip(forms, people):
        assert (form.role, form.label) == (role, label.strip())
        expected = {}
        for qid, value in answers.items():
            if value in ("わからない", "Don't know"):
                expected[qid] = Answer(qid, unknown=True)
            elif value is not None:
                expected[qid] = Answer(qid, int(str(value).replace("３", "3")))
        assert {a.question_id: a for a in form.answers} == expected


def test_the_form_prints_on_a4_portrait_with_dropdowns_and_stays_text():
    data, _ = blank(heading="=HYPERLINK(\"http://x\")")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=")  # text, never a formula
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert "経営者" in lists[ROLE_CELL] and "わからない" in next(f for r, f in lists.items() if r != ROLE_CELL)
    assert sum(1 for row in sheet.iter_rows(min_col=1, max_col=1, values_only=True) if row[0] in QUESTIONS) == len(QUESTIONS)


def test_a_workbook_that_is_not_our_form_is_refused_by_name():
    wb = Workbook()
    wb.active["A1"] = "売上"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportRejected) as refused:
        read_forms("売上.xlsx", out.getvalue(), Q)
    assert refused.value.key == "forms.foreign" and refused.value.params["file"] == "売上.xlsx"


def test_a_damaged_file_is_refused_before_any_parser():
    data, _ = blank()
    with pytest.raises(ImportRejected):
        read_forms("cut.xlsx", data[: len(data) // 2], Q)
    with pytest.raises(ImportRejected):
        read_forms("notes.xlsx", b"just some text", Q)


@pytest.mark.parametrize("value", ["5", "はい", -1])
def test_an_answer_outside_the_choices_names_its_sheet_and_cell(value):
    data, _ = blank()
    filled = fill(data, [("floor", "", {QUESTIONS[2]: value})])
    with pytest.raises(ImportRejected) as refused:
        read_forms("f.xlsx", filled, Q)
    params = refused.value.params
    assert refused.value.key == "forms.bad_answer" and params["sheet"] == "回答用紙1"
    assert params["cell"].startswith("D") and int(params["cell"][1:]) > FIRST_QUESTION_ROW


def test_a_missing_role_names_its_cell():
    data, _ = blank()
    wb = load_workbook(io.BytesIO(fill(data, [("floor", "", {QUESTIONS[0]: 2})])))
    wb.worksheets[0][ROLE_CELL] = "社長"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportRejected) as refused:
        read_forms("f.xlsx", out.getvalue(), Q)
    assert refused.value.key == "forms.bad_role" and refused.value.params["cell"] == ROLE_CELL


def test_forms_are_added_at_once_never_twice_and_survive_save_and_restore():
    store = Store(connect(None), pinned_clock)
    aid = store.create_assessment("研修", date(2026, 11, 20), Q.version)
    data, ids = blank(n=2)
    forms = read_forms("f.xlsx", fill(data, [("floor", "", {QUESTIONS[0]: 1}), ("manager", "", {QUESTIONS[0]: 3})]), Q)
    batch = [(f.role, f.label, f.form_id, list(f.answers)) for f in forms]
    added = store.add_form_respondents(aid, batch)
    assert len(added) == 2 and store.form_ids() == set(ids)
    with pytest.raises(ValueError):
        store.add_form_respondents(aid, batch[:1])  # the same form again: nothing is added
    assert len(store.respondents(aid)) == 3
    restored = Store(connect(None), pinned_clock)
    restored.restore(read_workspace(workspace_bytes(store, pinned_clock())))
    assert restored.form_ids() == set(ids)
    assert restored.answers(restored.assessments()[0].id, restored.respondents(restored.assessments()[0].id)[1].id) \
        == {QUESTIONS[0]: Answer(QUESTIONS[0], 1)}


@pytest.mark.parametrize("hostile", ["zip_bomb", "billion_laughs", "far_corner_cell", "lying_dimension"])
def test_a_hostile_file_is_refused_with_a_message_and_no_parse(hostile):
    import tests.excel_files as files

    with pytest.raises(ImportRejected) as refused:
        read_forms(f"{hostile}.xlsx", getattr(files, hostile)(), Q)
    assert translator("ja")(refused.value.key, **refused.value.params)  # a message exists for it


def test_a_sheet_nobody_filled_in_is_left_out_not_refused():
    data, ids = blank(n=3)  # three handed out, two came back filled
    forms = read_forms("f.xlsx", fill(data, [("floor", "", {QUESTIONS[0]: 2}), ("manager", "", {QUESTIONS[0]: 3})]), Q)
    assert [(f.form_id, f.role, len(f.answers)) for f in forms] == [(ids[0], "floor", 1), (ids[1], "manager", 1),
                                                                      (ids[2], None, 0)]


def with_shared_strings(data: bytes, count: int) -> bytes:
    """The form with `count` extra shared strings: a valid workbook whose reading costs what its size allows."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            body = source.read(member.filename)
            if member.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            if member.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            target.writestr(member.filename, body)
        target.writestr("xl/sharedStrings.xml", ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                                 + "".join(f"<si><t>{i}</t></si>" for i in range(count)) + "</sst>"))
    return out.getvalue()


def test_sheets_are_parsed_in_the_sandbox_never_in_the_server(monkeypatch):
    import openpyxl
    import openpyxl.reader.excel

    from core.importing.sandbox import Sandbox

    data, _ = blank(n=2)
    filled = fill(data, [("floor", "", {QUESTIONS[0]: 2}), ("it", "", {QUESTIONS[1]: 4})])

    def no_parsing_here(*args, **kwargs):
        raise AssertionError("an uploaded form was parsed in the server process")

    for module in (openpyxl, openpyxl.reader.excel):
        monkeypatch.setattr(module, "load_workbook", no_parsing_here)
    asked, real = [], Sandbox.read_sheet
    monkeypatch.setattr(Sandbox, "read_sheet", lambda self, *a, **k: asked.append(a[1]) or real(self, *a, **k))
    assert [f.role for f in read_forms("f.xlsx", filled, Q)] == ["floor", "it"]
    assert asked == ["回答用紙1", "回答用紙2"]


def test_one_deadline_holds_for_the_whole_file_however_many_strings_it_carries():
    import time

    from core.importing.check import Limits

    data, _ = blank()
    heavy = with_shared_strings(fill(data, [("floor", "", {QUESTIONS[0]: 2})]), 1_000_000)  # 20 MB of text
    started = time.monotonic()
    try:
        read = read_forms("heavy.xlsx", heavy, Q, Limits(max_seconds=2))
    except ImportRejected as refused:
        assert refused.key == "import.timeout"
    else:
        assert [len(f.answers) for f in read] == [1]
    assert time.monotonic() - started < 2 + 3  # the deadline, and the child's stop: never a reader left running
