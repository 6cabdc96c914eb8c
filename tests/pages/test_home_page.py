"""The home page: what the tool does, where data lives, the demo, saving and restoring the workspace."""

from datetime import date, datetime


from core.questionnaire import load_questionnaire
from tests.app_pages import (
    ASSESSMENT, HOME, open_page, texts,
)


def test_home_explains_and_shows_where_data_lives(workspace, tmp_path):
    at = open_page(HOME)
    body = texts(at)
    assert "推進体制・人材" in body and "全社プロセスへの組込み" in body
    assert "目的を業務KPIに翻訳する" in body
    assert str(tmp_path / "ws.duckdb") in at.success[0].value


def test_a_file_shared_by_a_room_is_flagged(workspace, server_address):
    server_address("0.0.0.0")
    at = open_page(HOME)
    assert "全員が同じファイル" in at.warning[0].value


def test_home_in_session_mode_says_data_stays_in_this_session(monkeypatch):
    monkeypatch.setenv("TEICHAKU_STORAGE", "session")
    at = open_page(HOME)
    assert "このブラウザのセッションの中だけ" in at.warning[0].value


def test_starting_an_assessment_from_home(workspace):
    at = open_page(HOME)
    at.button(key="new").click().run()
    assert not at.exception
    assert at.query_params["new"] in ("1", ["1"])
    at = open_page(ASSESSMENT, new=1)  # where the home button leads
    at.text_input[0].input("導入前")
    at.button(key="FormSubmitter:new_assessment-診断を始める").click().run()
    assert not at.exception
    assert [a.label for a in workspace.assessments()] == ["導入前"]


def test_copying_the_demo_into_my_workspace_once(workspace):
    workspace.set_setting("company.name", "自社")
    for _ in range(2):
        at = open_page(HOME, ws="demo")
        [b for b in at.button if "コピー" in b.label][0].click().run()
        assert not at.exception
    assert len(workspace.assessments()) == 2
    assert workspace.kpi_count() > 0
    assert workspace.get_setting("company.name") == "自社"  # the demo's name is not copied


def test_copying_the_demo_leads_on_to_the_copied_dashboard(workspace):
    at = open_page(HOME, ws="demo")
    next(b for b in at.button if "コピーして試す" in b.label).click().run()
    assert not at.exception
    assert any("コピーしました" in s.value for s in at.success)
    link = next(e.proto for e in at.get("page_link") if e.proto.label == "コピーしたKPIダッシュボードを開く")
    assert link.page == "dashboard" and link.query_string == "lang=ja"  # your own copy, not the demo
    assert {s.name for s in workspace.kpi_specs()} >= {"月次締め日数", "再入力回数"}


def test_home_saves_and_restores_the_whole_workspace(workspace):
    from core.demo import open_demo_store
    from core.workspace_file import workspace_bytes

    workspace.create_assessment("今の診断", date(2026, 1, 1), load_questionnaire().version)
    at = open_page(HOME)
    assert not at.get("file_uploader")  # closed: the uploader would slow the first paint
    at.button(key="workspace_button").click().run()
    assert at.get("download_button")[0].proto.label == "ファイルに保存"
    saved = workspace_bytes(open_demo_store(), datetime(2026, 11, 1, 9, 0))
    at.file_uploader[0].upload("みなと精機.json", saved, "application/json").run()
    assert "「みなと精機.json」（2026-11-01 09:00 保存、株式会社みなと精機（デモ））：診断 2 件" in at.info[0].value
    assert "置き換わります" in at.warning[-1].value  # there is work here to lose
    at.button(key="workspace_restore").click().run()
    assert not at.exception
    labels = [a.label for a in workspace.assessments()]
    assert "今の診断" not in labels and len(labels) == 2
    assert workspace.get_setting("tool.go_live") == "2026-04-01"
    assert not at.file_uploader[0].value  # emptied: the same file is not offered again
    assert "復元しました" in at.toast[0].value
    at.button(key="workspace_undo").click().run()  # one step back
    assert not at.exception
    assert [a.label for a in workspace.assessments()] == ["今の診断"]
    assert "workspace_undo" not in [b.key for b in at.button]


def test_undo_is_withdrawn_once_there_is_new_work(workspace):
    from core.demo import open_demo_store
    from core.workspace_file import workspace_bytes

    at = open_page(HOME)
    at.button(key="workspace_button").click().run()
    at.file_uploader[0].upload("demo.json", workspace_bytes(open_demo_store(), datetime(2026, 11, 1)),
                               "application/json").run()
    at.button(key="workspace_restore").click().run()
    assert "workspace_undo" in [b.key for b in at.button]
    workspace.create_assessment("復元後の診断", date(2026, 12, 1), load_questionnaire().version)
    at.run()
    assert "workspace_undo" not in [b.key for b in at.button]  # going back would erase the new assessment


def test_a_workspace_with_only_settings_still_warns_before_a_restore(workspace):
    from core.demo import open_demo_store
    from core.workspace_file import workspace_bytes

    workspace.set_setting("tool.name", "自社の販売管理")  # no assessment, no KPI: still work to lose
    at = open_page(HOME)
    at.button(key="workspace_button").click().run()
    at.file_uploader[0].upload("demo.json", workspace_bytes(open_demo_store(), datetime(2026, 11, 1)),
                               "application/json").run()
    assert "置き換わります" in at.warning[-1].value


def test_a_broken_workspace_file_is_refused_with_its_place(workspace):
    workspace.create_assessment("今の診断", date(2026, 1, 1), load_questionnaire().version)
    at = open_page(HOME, lang="en")
    at.button(key="workspace_button").click().run()
    bad = b'{"format": "teichaku-workspace", "assessments": [{"label": "x", "taken_on": "yesterday"}]}'
    at.file_uploader[0].upload("edited_[v2].json", bad, "application/json").run()
    assert not at.exception
    assert 'In "edited\\_\\[v2\\].json", the value at assessment no. 1 (assessments\\[1\\].taken\\_on) cannot' \
        in at.error[0].value  # the part in words, then the exact place; Markdown-escaped, never a link
    assert "workspace_restore" not in [b.key for b in at.button]
    assert [a.label for a in workspace.assessments()] == ["今の診断"]
    cost = b'{"format": "teichaku-workspace", "settings": {"money.hourly_cost": "-5"}}'
    at.file_uploader[0].set_value(("cost.json", cost, "application/json")).run()
    assert "Staff cost per hour (yen) (settings.money.hourly\\_cost)" in at.error[0].value  # the field's name


def test_the_demo_offers_no_restore(workspace):
    at = open_page(HOME, ws="demo")
    assert "workspace_button" not in [b.key for b in at.button]
