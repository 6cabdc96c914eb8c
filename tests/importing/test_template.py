"""The Excel template for companies starting from nothing."""

from datetime import date

from tests.importing.helpers import load, values


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
