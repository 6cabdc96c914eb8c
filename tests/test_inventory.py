from datetime import date

from core.inventory import summarize
from core.progress import KpiSpec

PROCESSES = [
    {"name": "見積", "double_entry": "Excelの見積台帳に転記", "double_entries_per_month": 20, "resolved": False,
     "exceptions": "特急", "exception_owner": "", "paper_steps": "押印"},
    {"name": "請求", "double_entry": "会計ソフトに再入力", "double_entries_per_month": 12, "resolved": True,
     "exceptions": "分納", "exception_owner": "佐藤", "paper_steps": ""},
    {"name": "受注", "double_entry": "", "double_entries_per_month": None, "resolved": False},
]


def test_what_is_left_to_remove_and_the_reentry_kpi():
    reentry = KpiSpec("再入力回数", "回", category="reentry")
    series = {"再入力回数": {date(2026, 8, 1): 12.0, date(2026, 9, 1): 8.0}}
    summary = summarize(PROCESSES, [reentry], series)
    assert (summary.processes, summary.double_entry_places, summary.double_entries_per_month) == (3, 1, 20)
    assert summary.paper_steps == 1 and summary.exceptions_without_owner == ["見積"]
    assert (summary.reentry_kpi, summary.reentry_latest, summary.reentry_month) == ("再入力回数", 8.0, date(2026, 9, 1))


def test_without_a_reentry_kpi():
    summary = summarize([], [KpiSpec("工数", category="effort")], {"工数": {date(2026, 9, 1): 80.0}})
    assert summary.reentry_kpi is None and summary.double_entry_places == 0
