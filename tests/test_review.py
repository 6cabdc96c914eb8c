import io
from datetime import date

from openpyxl import load_workbook

from core.progress import KpiSpec
from core.review import review_workbook, statuses_at

TEXTS = {"sheet": "レビュー", "title": "月次レビュー {month}", "kpi_header": "指標|実績|目標|状態",
         "log_item": "項目", "log_text": "内容", "improved": "良くなったこと", "to_change": "変えること",
         "decision": "決定", "action_header": "アクション|担当|期限|状態"}


def test_statuses_only_see_months_up_to_the_review_month():
    spec = KpiSpec("締め", "日", target=5, target_date=date(2027, 4, 1), baseline=10)
    series = {"締め": {date(2026, 5, 1): 9.0, date(2026, 8, 1): 5.0}}
    may = statuses_at(date(2026, 5, 1), [spec], series, date(2026, 4, 1))[0]
    august = statuses_at(date(2026, 8, 1), [spec], series, date(2026, 4, 1))[0]
    assert (may.latest, may.status) == (9.0, "on_track")
    assert (august.latest, august.status) == (5.0, "achieved")


def test_user_text_never_becomes_a_formula_and_bad_characters_do_not_crash():
    evil = '=HYPERLINK("http://evil.example","click")'
    data = review_workbook(TEXTS, date(2026, 10, 1), [["締め", 6, 5, "順調"]],
                           {"improved": evil, "to_change": "+1 を\x00減らす", "decision": "@SUM(A1)"},
                           [["-2+3", "佐藤", date(2026, 11, 10), "未完了"]])
    sheet = load_workbook(io.BytesIO(data))["レビュー"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    for text in (evil, "@SUM(A1)", "-2+3"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix
    assert "+1 を減らす" in cells  # the NUL byte is gone, the text kept
    assert sheet["A1"].value == "月次レビュー 2026-10"
