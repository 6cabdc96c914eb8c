"""The import page: preview, store with provenance, corrections, bad and hostile files."""


import pytest

from tests.app_pages import (
    IMPORT, open_page,
)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_import_page_previews_then_stores_with_provenance(workspace):
    from tests import excel_files

    at = open_page(IMPORT)
    at.file_uploader(key="import_files").set_value([("管理表.xlsx", excel_files.kpi_management_sheet(), XLSX)]).run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert len(preview) == 9 and workspace.kpi_count() == 0  # nothing stored before the commit
    assert "abc" in at.dataframe[1].value.to_string()  # the finding names the unreadable cell
    at.button(key="import_commit_0").click().run()
    assert workspace.kpi_count() == 9
    assert "新規 9件" in at.success[0].value
    stored = {(r["kpi"], r["period"].month): (r["value"], r["sheet"], r["cell"]) for r in workspace.kpi_observations()}
    assert stored[("工数", 4)] == (120.0, "2025年度実績", "D7")
    again = open_page(IMPORT)
    again.file_uploader(key="import_files").set_value([("管理表.xlsx", excel_files.kpi_management_sheet(), XLSX)]).run()
    again.button(key="import_commit_0").click().run()
    assert "変更なし 9件" in again.success[0].value and workspace.kpi_count() == 9


def test_import_page_names_the_bad_file_and_keeps_the_good_one(workspace):
    from tests import excel_files

    at = open_page(IMPORT)
    at.file_uploader(key="import_files").set_value([
        ("壊れた.xlsx", b"not a workbook at all", XLSX),
        ("推移.xlsx", excel_files.merged_header_sheet(), XLSX),
    ]).run()
    assert not at.exception
    assert "壊れた.xlsx" in at.error[0].value and "Excelのファイルではありません" in at.error[0].value
    assert len(at.dataframe[0].value) == 6


def test_import_layout_can_be_corrected_by_the_user(workspace):
    from tests import excel_files

    at = open_page(IMPORT)
    at.file_uploader(key="import_files").set_value([("管理表.xlsx", excel_files.kpi_management_sheet(), XLSX)]).run()
    header = at.number_input(key="import_header_0_2025年度実績")
    assert header.value == 4
    header.set_value(5).run()  # a wrong header row: the preview follows the user's choice
    assert not at.exception
    assert len(at.dataframe[0].value) != 9


@pytest.mark.parametrize("name, maker", [
    ("far.xlsx", "far_corner_cell"), ("bomb.xlsx", "zip_bomb"), ("secret.xlsx", "OLE2_HEADER"),
    ("laughs.xlsx", "billion_laughs"), ("formulas.xlsx", "formulas_without_values"),
])
def test_hostile_uploads_leave_the_workspace_as_it_was(workspace, name, maker):
    from datetime import date as day

    from core.store import Observation
    from tests import excel_files

    workspace.commit_observations([Observation("工数", day(2025, 4, 1), 100, "時間")], file_name="before.xlsx",
                                  source_hash="h", sheet="S")
    made = getattr(excel_files, maker)
    data = made(40 * 1024 * 1024) if maker == "zip_bomb" else (made if isinstance(made, bytes) else made())
    at = open_page(IMPORT)
    at.file_uploader(key="import_files").set_value([(name, data, XLSX)]).run()
    assert not at.exception
    if maker == "formulas_without_values":  # readable, but the missing values are named
        assert "C2, D2" in at.dataframe[1].value.to_string()
    else:
        assert name in at.error[0].value
    assert [(r["kpi"], r["value"]) for r in workspace.kpi_observations()] == [("工数", 100.0)]
