"""The KPI dashboard: its tabs, charts, settings, targets, typed values and the money."""

from datetime import date


from core.store import Observation
from tests.app_pages import (
    DASHBOARD, TABS,
    charts, open_page, open_tab, picture_width, pictures, texts,
)


def test_dashboard_of_the_demo_company(workspace):
    at = open_page(DASHBOARD, ws="demo")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == list(TABS.values())
    overview = texts(at)  # at a glance: progress of every KPI, the four metrics and the money in one sentence
    drawn = pictures(at)
    assert len(drawn) == 1 and not charts(at)  # the bullet chart, drawn on the server: a picture, no Vega
    kpis = ["再入力回数", "月次締め日数", "見積リードタイム", "請求・入力業務の工数", "請求書の訂正率"]
    assert all(f">{name}</text>" in drawn[0] for name in kpis)  # the bullet chart names every KPI
    assert ">80%</text>" in drawn[0]
    [phone] = pictures(at, "tk-narrow")  # redrawn for a phone's column, its key on a line of its own
    assert picture_width(phone) < 400 < picture_width(drawn[0]) and "縦線＝計画線上の今の位置</tspan>" in phone
    assert "月次締め日数  \n**6日** :blue-badge[順調]" in overview
    assert any("2027-03" in i.value for i in at.info)  # projected payback month
    assert "10日 → 6日" not in overview  # the cards wait in their own tab
    assert all(not w.value.startswith("診断では") for w in at.warning)  # the demo's answers agree with its data

    open_tab(at, "each_kpi")
    cards = texts(at)
    assert "月次締め日数　10日 → 6日（目標 5日）" in cards
    assert cards.count(":blue-badge[順調]") == 5
    trends = pictures(at)
    assert not pictures(at, "tk-narrow")  # a trend already fits a phone
    # ...and carries no size class, so a pair's CSS elsewhere on the page (a money tab kept running for its
    # unsaved table) can never hide it.
    assert all("class=" not in e.proto.body for e in at.get("html"))
    assert len(trends) == 5 and ">稼働後90日</text>" in trends[0] and ">基準</text>" in trends[0]

    open_tab(at, "money")
    assert len(pictures(at)) == 1 and any("2027-03" in i.value for i in at.info)
    assert at.download_button(key="subsidy_download")
    assert not at.exception


def test_a_chart_that_cannot_be_drawn_leaves_a_note_not_an_error(workspace, monkeypatch):
    from core import charts
    from core.drawing import DrawingFailed

    def fail(spec):
        raise DrawingFailed("timeout")

    monkeypatch.setattr(charts, "draw_svg", fail)
    monkeypatch.setattr(charts, "_svg_cache", type(charts._svg_cache)())
    at = open_page(DASHBOARD, ws="demo")
    failed = {}
    for tab in ("overview", "each_kpi", "money"):
        open_tab(at, tab)
        assert not at.exception and not pictures(at)
        failed[tab] = sum("グラフを描けませんでした" in c.value for c in at.caption)
        if tab == "each_kpi":
            assert "月次締め日数　10日 → 6日（目標 5日）" in texts(at)  # the figures are all still there
    assert failed == {"overview": 1, "each_kpi": 5, "money": 1}


def test_when_only_the_phone_drawing_fails_the_wide_one_is_shown(workspace, monkeypatch):
    import json

    from core import charts
    from core.drawing import DrawingFailed

    real = charts.draw_svg

    def fail_narrow(spec):
        if f'"width": {charts.PHONE_WIDTH}' in json.dumps(spec):
            raise DrawingFailed("timeout")
        return real(spec)

    monkeypatch.setattr(charts, "draw_svg", fail_narrow)
    monkeypatch.setattr(charts, "_svg_cache", type(charts._svg_cache)())
    at = open_page(DASHBOARD, ws="demo")
    assert not at.exception and len(pictures(at)) == 1 and not pictures(at, "tk-narrow")
    assert not any("グラフを描けませんでした" in c.value for c in at.caption)


def test_dashboard_settings_targets_and_manual_values_are_saved(workspace):
    from datetime import date as day

    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    at = open_page(DASHBOARD)
    assert "KPIダッシュボード：" in at.title[0].value
    assert not at.text_input  # the editing tools wait in their own tab
    open_tab(at, "edit")
    at.text_input(key="set_tool").input("販売管理クラウド").run()
    assert workspace.get_setting("tool.name") == "販売管理クラウド"
    at.date_input(key="set_go_live").set_value(day(2026, 4, 1)).run()
    assert workspace.get_setting("tool.go_live") == "2026-04-01"
    editor_key = "kpi_editor_ja"
    names = list(at.data_editor(key=editor_key).value["name"])
    row = names.index("月次締め日数")
    at.session_state[editor_key] = {"edited_rows": {row: {"target": 6.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="kpis_save").click().run()
    assert next(s for s in workspace.kpi_specs() if s.name == "月次締め日数").target == 6
    open_tab(at, "each_kpi")
    assert "月次締め日数　10日 → 6日（目標 6日）" in texts(at)
    assert ":green-badge[達成]" in texts(at)  # 6 days now meets the target
    open_tab(at, "edit")
    values_key = "value_editor_ja"
    months = list(at.data_editor(key=values_key).value.index)
    at.session_state[values_key] = {"edited_rows": {months.index("2026-10"): {"月次締め日数": 5.5}},
                                     "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="values_save").click().run()
    stored = {(r["kpi"], r["period"]): r for r in workspace.kpi_observations()}
    assert stored[("月次締め日数", day(2026, 10, 1))]["value"] == 5.5
    assert stored[("月次締め日数", day(2026, 10, 1))]["source"] == "manual"


def test_subsidy_productivity_on_the_dashboard(workspace):
    from core.subsidy import YearFigures, dumps

    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    figures = {0: YearFigures(300e6, 180e6, 30, 2000), 1: YearFigures(310e6, 182e6, 30, 2000)}
    workspace.set_setting("subsidy.figures", dumps(figures))
    at = open_page(DASHBOARD)
    open_tab(at, "money")
    assert not at.exception
    table = next(tb.value for tb in at.table if "労働生産性（円/時間）" in tb.value.columns)
    assert list(table["労働生産性（円/時間）"])[:2] == ["2,000", "2,133"]
    assert list(table["判定"])[1] == "達成" and list(table["計画の目標"])[1] == "+3%"
    assert at.download_button(key="subsidy_download").label == "効果報告の下書きをExcelで保存"


def test_the_four_metrics_panel_says_which_are_missing_and_how_to_start(workspace):
    from datetime import date as day

    workspace.commit_observations([Observation("請求工数", day(2026, m, 1), 100 - m, "時間", None, "effort")
                                   for m in (3, 4, 5)], file_name="log.xlsx", source_hash="h", sheet=None)
    workspace.set_setting("tool.go_live", "2026-04-01")
    at = open_page(DASHBOARD)
    assert not at.exception
    panel = next(m.value for m in at.markdown if m.value.startswith("**工数**"))
    assert "請求工数  \n**95時間**" in panel
    for metric in ("リードタイム", "ミス率", "再入力回数"):
        box = next(m.value for m in at.markdown if m.value.startswith(f"**{metric}**"))
        assert "まだ測っていません" in box and "始め方" in box
    missing = next(i.value for i in at.info if "リードタイム" in i.value)
    assert all(metric in missing for metric in ("ミス率", "再入力回数")) and "工数" not in missing


def test_a_new_workspace_is_asked_for_the_go_live_date_first(workspace):
    at = open_page(DASHBOARD)
    assert not at.exception
    assert at.date_input(key="set_go_live").value is None
    assert "まだKPIがありません" in at.info[0].value


def test_a_new_workspace_starts_its_kpis_in_the_table_it_is_promised(workspace):
    at = open_page(DASHBOARD)
    assert "下の表に指標を追加" in at.info[0].value
    at.session_state["kpi_editor_ja"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"name": "月次締め日数", "unit": "日", "direction": "lower", "category": "lead_time", "target": 5.0}]}
    at.run()
    at.button(key="kpis_save").click().run()
    assert not at.exception
    [spec] = workspace.kpi_specs()
    assert (spec.name, spec.unit, spec.category, spec.target) == ("月次締め日数", "日", "lead_time", 5.0)
    assert [tab.label for tab in at.tabs] == list(TABS.values())  # now a dashboard, waiting for values
    assert at.data_editor(key="value_editor_ja")  # ...in the tab where they are typed, opened for the user
    assert at.date_input(key="set_go_live")  # the settings stay above the tabs until go-live is set
    at.date_input(key="set_go_live").set_value(date(2026, 4, 1)).run()
    assert at.number_input(key="set_hourly_cost")  # ...and for the rest of the visit: the costs come next
    open_tab(at, "each_kpi")
    assert "月次締め日数" in texts(at)
    assert at.number_input(key="set_hourly_cost")


def test_a_link_with_a_tab_opens_that_tab(workspace):
    at = open_page(DASHBOARD, ws="demo", tab=TABS["money"])
    assert not at.exception
    assert at.download_button(key="subsidy_download")
    assert "毎月見る4つの数字" not in texts(at)
    unknown = open_page(DASHBOARD, ws="demo", tab="どこにもないタブ")  # e.g. a link from the English screen
    assert not unknown.exception and "毎月見る4つの数字" in texts(unknown)


def test_the_open_tab_survives_a_language_switch_and_links_from_the_other_language(workspace):
    at = open_tab(open_page(DASHBOARD, ws="demo"), "edit")
    at.button(key="_language").click().run()
    assert not at.exception and at.data_editor(key="kpi_editor_en")  # still "Targets and values"
    assert at.session_state["tab"] == "Targets and values"
    at.button(key="_language").click().run()
    assert at.data_editor(key="kpi_editor_ja") and at.session_state["tab"] == TABS["edit"]
    linked = open_page(DASHBOARD, ws="demo", tab="Money and subsidy")  # a link copied from the English screen
    assert linked.download_button(key="subsidy_download") and "毎月見る4つの数字" not in texts(linked)


def test_unsaved_table_edits_survive_a_look_at_another_tab(workspace):
    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    at = open_tab(open_page(DASHBOARD), "edit")
    row = list(at.data_editor(key="kpi_editor_ja").value["name"]).index("月次締め日数")
    at.session_state["kpi_editor_ja"] = {"edited_rows": {row: {"target": 6.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    open_tab(at, "each_kpi")
    assert at.data_editor(key="kpi_editor_ja")  # kept alive in its hidden tab
    open_tab(at, "edit")
    # Still there: a table that did not run would have had its edits dropped at the end of the run.
    assert at.session_state["kpi_editor_ja"]["edited_rows"] == {row: {"target": 6.0}}
    at.button(key="kpis_save").click().run()
    assert next(s for s in workspace.kpi_specs() if s.name == "月次締め日数").target == 6
    open_tab(at, "overview")
    assert not at.get("data_editor")  # saved: the closed tab no longer runs


def test_a_saved_target_shows_its_new_status_in_place(workspace):
    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    at = open_tab(open_page(DASHBOARD), "edit")
    at.selectbox(key="target_form_kpi_ja").select("月次締め日数")
    at.number_input(key="target_form_value").set_value(6.0)
    at.button(key="FormSubmitter:target_form_ja-この目標で保存").click().run()
    assert not at.exception
    saved = next(s.value for s in at.success if "目標を保存しました" in s.value)
    assert ":green-badge[達成]" in saved and "10日 → 6日（目標 6日）" in saved
    assert next(s for s in workspace.kpi_specs() if s.name == "月次締め日数").target == 6
    at.run()
    assert not any("目標を保存しました" in s.value for s in at.success)  # said once, then gone


def test_the_editing_tab_says_how_long_typed_work_lasts(workspace, monkeypatch):
    from core.demo import copy_demo_into

    copy_demo_into(workspace)
    local = open_tab(open_page(DASHBOARD), "edit")
    assert not any("セッションの中にだけ" in c.value for c in local.caption)  # a file on this PC: it lasts
    monkeypatch.setenv("TEICHAKU_STORAGE", "session")
    at = open_page(DASHBOARD)
    assert "まだKPIがありません" in at.info[0].value  # a new, empty session workspace
    at.session_state["kpi_editor_ja"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"name": "工数"}]}
    at.run()
    at.button(key="kpis_save").click().run()
    assert any("セッションの中にだけ" in c.value and "作業データの保存と復元" in c.value for c in at.caption)
