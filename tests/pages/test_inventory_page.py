"""The business inventory."""



from tests.app_pages import (
    INVENTORY, open_page, texts,
)


def test_inventory_ties_double_entry_to_the_reentry_kpi(workspace):
    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    workspace.save_processes([{"name": "見積", "double_entry": "Excel台帳", "double_entries_per_month": 20,
                               "exceptions": "特急", "exception_owner": "", "resolved": False}])
    at = open_page(INVENTORY)
    assert not at.exception
    assert at.metric[0].value == "1" and at.metric[1].value == "20"
    assert "KPI「再入力回数」の最新値は8回（2026-09）" in texts(at)
    assert "「見積」の例外処理に判断者がいません" in at.warning[0].value
