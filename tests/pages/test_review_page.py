"""The monthly review."""

from datetime import date


from tests.app_pages import (
    REVIEW, open_page, texts,
)


def test_review_log_actions_carry_over_and_excel(workspace):
    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    at = open_page(REVIEW)
    at.selectbox(key="review_month_ja").set_value(date(2026, 9, 1)).run()
    assert "月次締め日数" in texts(at) and ":blue-badge[順調]" in texts(at)
    assert "**再入力回数**：今月 8回" in texts(at) and "再入力回数（再入力回数）" not in texts(at)
    at.text_area(key="review_improved").input("締めが6日に")
    at.text_area(key="review_decision").input("=HYPERLINK(\"x\")")
    at.session_state["review_actions"] = {"edited_rows": {}, "deleted_rows": [],
                                          "added_rows": [{"text": "見積台帳の転記をやめる", "owner": "田中"}]}
    at.button(key="FormSubmitter:review_202609_ja-レビューを保存").click().run()
    assert not at.exception
    assert workspace.reviews()[0]["improved"] == "締めが6日に"
    carried = open_page(REVIEW)
    assert any("見積台帳の転記をやめる" in c.label for c in carried.checkbox)
    assert carried.download_button[0].label == "会議用のExcelをダウンロード"
    carried.checkbox[0].check().run()
    assert [a["status"] for a in workspace.actions()] == ["done"]
