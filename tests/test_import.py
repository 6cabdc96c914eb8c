"""The import pipeline: real-looking sheets read right, hostile files refused, the parent survives."""

from datetime import date

import pytest

from core.i18n import catalog
from core.importing.findings import ImportRejected
from core.importing.check import Limits, check_upload
from core.importing.pipeline import analyse, content_hash, read_grid, to_observations
from core.importing.locate import Grid, find_header, locate_table
from core.store import Store, connect
from tests.pinned import pinned_clock
from tests import excel_files as files


def load(name: str, data: bytes, sheet: int | None = None):
    checked = check_upload(name, data)
    grid, archive_findings = read_grid(checked, checked.proposed_sheet if sheet is None else sheet)
    return checked, grid, archive_findings, analyse(grid)


def values(analysis) -> dict[tuple[str, date], float]:
    frame = analysis.extraction.observations
    return {(r.kpi, r.period): r.value for r in frame.itertuples()}


# -- locating the table ------------------------------------------------------------------

def test_header_below_title_rows():
    rows = [["2025年度 KPI管理表", None, None], ["作成：管理部", None, None], [None] * 3,
            ["指標", "4月", "5月"], ["締め", "10", "9"]]
    assert find_header(rows) == 3


def test_two_row_merged_header_is_combined():
    grid = Grid.from_rows([["月次推移"], [None, "月次締め（日数）", None, "見積（日）", None],
                           ["年月", "実績", "目標", "実績", "目標"], ["2025/04", "10", "5", "3", "1"]])
    table = locate_table(grid)
    assert table.columns == ["年月", "月次締め(日数) / 実績", "月次締め(日数) / 目標", "見積(日) / 実績", "見積(日) / 目標"]


def test_blank_and_totals_rows_are_dropped_and_reported():
    grid = Grid.from_rows([["指標", "4月", "5月"], ["締め", "10", "9"], [None, None, None], ["　合 計", "10", "9"],
                           ["平均", "5", "4"], ["再入力", "3", "2"]], sheet="S")
    table = locate_table(grid)
    assert table.rows == [1, 5]
    assert [(f.key, f.row) for f in table.findings if f.key == "import.totals_row"] == [
        ("import.totals_row", 4), ("import.totals_row", 5)]


# -- whole files ----------------------------------------------------------------------

def test_management_sheet_months_as_columns():
    checked, grid, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    assert checked.sheets[checked.proposed_sheet].name == "2025年度実績"  # not the cover, not the hidden sheet
    assert analysis.mapping.shape == "wide" and analysis.mapping.fiscal_year == 2025
    got = values(analysis)
    assert got[("月次締め日数", date(2025, 5, 1))] == 9
    assert got[("再入力回数", date(2025, 6, 1))] == -3
    assert got[("工数", date(2025, 5, 1))] == 3.5
    assert got[("工数", date(2025, 6, 1))] == 1100
    assert ("月次締め日数", date(2025, 7, 1)) not in got  # 「－」 is missing, not 0
    frame = analysis.extraction.observations
    assert frame[frame.kpi == "月次締め日数"].iloc[0].target == 5
    assert frame[(frame.kpi == "工数") & (frame.period == date(2025, 4, 1))].iloc[0].cell == "D7"
    problems = [f for f in analysis.findings if f.key == "import.value_not_understood"]
    assert [(f.sheet, f.cell, f.params["value"]) for f in problems] == [("2025年度実績", "G7", "abc")]
    assert any(f.key == "import.totals_row" and f.row == 8 for f in analysis.findings)


def test_merged_header_and_era_months():
    _, _, _, analysis = load("推移.xlsx", files.merged_header_sheet())
    assert analysis.mapping.shape == "columns"
    got = values(analysis)
    assert got[("月次締め(日数)", date(2025, 4, 1))] == 10
    assert got[("見積リードタイム(日)", date(2025, 5, 1))] == 2.5
    frame = analysis.extraction.observations
    assert set(frame[frame.kpi == "月次締め(日数)"].target) == {5}
    assert len(frame) == 6  # the 平均 row is not a month


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_long_csv_in_every_japanese_encoding(encoding):
    _, _, _, analysis = load("kpi.csv", files.long_csv(encoding))
    assert analysis.mapping.shape == "long"
    got = values(analysis)
    assert got == {("月次締め日数", date(2025, 4, 1)): 10, ("月次締め日数", date(2025, 5, 1)): 9,
                   ("ミス率", date(2025, 4, 1)): 4, ("ミス率", date(2025, 5, 1)): 3.5}


def test_work_log_is_aggregated_to_months_by_rule():
    _, _, _, analysis = load("log.xlsx", files.worklog(300))
    mapping = analysis.mapping
    assert mapping.shape == "columns"
    assert mapping.aggregation == {"工数(時間)": "sum", "リードタイム(日)": "mean", "ミス件数": "sum"}
    frame = analysis.extraction.observations
    hours = frame[frame.kpi == "工数(時間)"].set_index("period")
    assert list(hours.rows) == [100, 100, 100] and list(hours.value) == [150.0, 150.0, 150.0]
    assert hours.iloc[0].unit == "時間" and hours.iloc[0].cell == "C4:C103"
    lead = frame[frame.kpi == "リードタイム(日)"].value
    assert all(2 <= v <= 4 for v in lead)
    counted = analyse(read_grid(check_upload("log.xlsx", files.worklog(300)), 0)[0],
                      mapping=mapping.with_changes(aggregation={**mapping.aggregation, "ミス件数": "count"}))
    errors = counted.extraction.observations
    assert list(errors[errors.kpi == "ミス件数"].value) == [100.0, 100.0, 100.0]


def test_reimport_is_idempotent_and_corrections_are_reported():
    store = Store(connect(None), pinned_clock)
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    first = store.commit_observations(to_observations(analysis), file_name="管理表.xlsx",
                                      source_hash=content_hash(b"x"), sheet="2025年度実績")
    assert first.added == len(analysis.extraction.observations) and first.replaced == []
    again = store.commit_observations(to_observations(analysis), file_name="管理表.xlsx",
                                      source_hash=content_hash(b"x"), sheet="2025年度実績")
    assert (again.added, again.replaced, again.unchanged) == (0, [], first.added)
    rows = store.kpi_observations()
    assert {r["category"] for r in rows} >= {"lead_time", "reentry", "effort"}


# -- bad and hostile files: a clear message, the parent alive, the workspace unchanged ---

HOSTILE = {
    "extension lies (CSV text named .xlsx)": ("kpi.xlsx", "年月,値\n2025/04,1\n".encode(), "import.not_excel"),
    "Excel named .csv": ("kpi.csv", files.tiny_workbook(), "import.csv_is_zip"),
    "encrypted workbook": ("secret.xlsx", files.OLE2_HEADER, "import.ole2"),
    "old .xls": ("old.xls", files.OLE2_HEADER, "import.ole2"),
    "empty file": ("empty.xlsx", b"", "import.empty_file"),
    "truncated zip": ("cut.xlsx", files.tiny_workbook()[:300], "import.broken_zip"),
    "XML entity expansion": ("laughs.xlsx", files.billion_laughs(), "import.bad_xml"),
    "zip bomb": ("bomb.xlsx", files.zip_bomb(120 * 1024 * 1024), "import.zip_bomb"),
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_hostile_files_are_refused_with_a_message(label):
    name, data, key = HOSTILE[label]
    store = Store(connect(None), pinned_clock)
    store.commit_observations([], file_name="before", source_hash="h", sheet=None)
    with pytest.raises(ImportRejected) as refused:
        checked = check_upload(name, data)
        read_grid(checked, checked.proposed_sheet)
    assert refused.value.key == key
    assert key in catalog()  # the user reads a sentence, not a key
    assert store.kpi_observations() == []


def test_file_over_the_size_limit():
    with pytest.raises(ImportRejected) as refused:
        check_upload("big.xlsx", b"PK\x03\x04" + b"0" * 2048, Limits(max_bytes=1024))
    assert refused.value.key == "import.too_big" and refused.value.params["limit_mb"] == 0


def test_zip_bomb_with_lying_sizes_is_caught_while_streaming():
    bomb = bytearray(files.zip_bomb(40 * 1024 * 1024))
    # claim a tiny uncompressed size for every member in the central directory
    import struct
    start = bomb.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", bomb, start + 16)[0]
    while bomb[offset:offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", bomb, offset + 28)
        struct.pack_into("<I", bomb, offset + 24, 100)
        offset += 46 + name_len + extra_len + comment_len
    with pytest.raises(ImportRejected) as refused:
        checked = check_upload("liar.xlsx", bytes(bomb))
        read_grid(checked, checked.proposed_sheet)
    assert refused.value.key in ("import.broken_zip", "import.zip_bomb")


def test_empty_workbook_and_sheet_without_table():
    with pytest.raises(ImportRejected) as refused:
        load("empty.xlsx", files.empty_workbook())
    assert refused.value.key == "import.no_table"


def test_far_corner_cell_is_refused_and_the_parent_survives():
    with pytest.raises(ImportRejected) as refused:
        load("far.xlsx", files.far_corner_cell())
    assert refused.value.key in ("import.too_many_cells", "import.crashed", "import.out_of_memory")
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())  # the next import still works
    assert not analysis.extraction.observations.empty


def test_lying_dimension_and_merged_whole_sheet_still_read():
    for data in (files.lying_dimension(), files.merged_whole_sheet()):
        _, grid, _, proposal = load("odd.xlsx", data)
        assert grid.height == 2 and proposal.mapping.shape == "wide"
        # 「4月」 alone needs a fiscal year: none is written in the sheet, so the user gives it
        assert any(f.key == "import.period_header_not_understood" for f in proposal.findings)
        analysis = analyse(grid, mapping=proposal.mapping.with_changes(fiscal_year=2025))
        assert values(analysis) == {("締め", date(2025, 4, 1)): 10, ("締め", date(2025, 5, 1)): 9,
                                    ("締め", date(2025, 6, 1)): 8}


def test_formulas_saved_without_values_are_named():
    _, _, archive_findings, analysis = load("formulas.xlsx", files.formulas_without_values())
    finding = next(f for f in archive_findings if f.key == "import.formula_without_value")
    assert finding.sheet == "Sheet" and finding.params["cells"] == "C2, D2" and finding.params["count"] == 2


def test_what_was_done_to_the_values_is_counted():
    _, _, _, analysis = load("管理表.xlsx", files.kpi_management_sheet())
    done = next(f for f in analysis.findings if f.key == "import.steps_done").params["steps"]
    assert done["value.fullwidth"] == 3  # 「９日」「３２回」「－」
    assert done["value.triangle_negative"] == 1 and done["value.thousands"] == 1
    assert done["value.missing"] == 2 and done["value.unit"] >= 4
    assert all(f"step.{key}" in catalog() for key in done)


def test_template_has_instructions_validation_and_reads_back():
    import io

    from openpyxl import load_workbook

    from core.importing.template import TEMPLATE_KPIS, build_template
    from core.i18n import translator

    t = translator("ja")
    texts = {k: t(f"template.{k}") for k in ("guide_sheet", "data_sheet", "title", "kpi", "unit", "target",
                                              "guide", "error_title", "error")}
    data = build_template(2026, texts)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["使い方", "KPI"]
    sheet = workbook["KPI"]
    assert [sheet.cell(3, c).value for c in (1, 4, 15)] == ["指標", "2026/04", "2027/03"]
    assert [sheet.cell(r, 1).value for r in range(4, 9)] == [k[0] for k in TEMPLATE_KPIS]
    assert len(sheet.data_validations.dataValidation) == 2
    assert "工数" in " ".join(str(c.value) for c in workbook["使い方"]["A"])
    _, _, _, analysis = load("template.xlsx", data)  # our own template imports cleanly
    assert analysis.mapping.shape == "wide"
    assert values(analysis) == {("工数(請求・入力業務)", date(2026, 4, 1)): 120}  # names are NFKC-normalised


def test_review_fixes_duplicates_deep_headers_and_csv_size():
    from core.importing.pipeline import read_csv_grid

    grid = Grid.from_rows([["2025年度"], ["指標", "4月", "5月", "6月"], ["工数", "1", "2", "3"], ["工数", "4", "5", "6"]],
                          sheet="S")
    analysis = analyse(grid)
    assert values(analysis) == {("工数", date(2025, 4, 1)): 4, ("工数", date(2025, 5, 1)): 5,
                                ("工数", date(2025, 6, 1)): 6}
    assert any(f.key == "import.duplicate_kpi" for f in analysis.findings)
    deep = Grid.from_rows([["t"]] + [[None]] * 49 + [["指標", "4月"], ["工数", "1"]])
    assert locate_table(deep, 50).columns == ["指標", "4月"]
    wide_csv = ("\n".join([",".join(["1"] * 100)] * 200)).encode()
    with pytest.raises(ImportRejected) as refused:
        read_csv_grid(wide_csv, "big.csv", max_cells=10_000)
    assert refused.value.key == "import.too_many_cells"


def test_origin_ignores_a_formula_without_a_saved_value():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "=TODAY()"
    for column, (head, value) in zip("BCDE", [("指標", "工数"), ("2025/04", 7), ("2025/05", 8), ("2025/06", 9)]):
        wb.active[f"{column}3"], wb.active[f"{column}4"] = head, value
    _, grid, _, analysis = load("origin.xlsx", files.save(wb))
    assert (grid.origin_row, grid.origin_column) == (3, 2)
    assert analysis.extraction.observations.iloc[0].cell == "C4"
