"""Every page under Streamlit's AppTest, run the way a deep link runs it: the page file alone."""

from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from core.questionnaire import load_questionnaire
from core.scoring import Answer
from core.store import Observation
from tests.app_pages import (
    ALL_PAGES, ASSESSMENT, COMPARE, DASHBOARD, HOME, IMPORT, INVENTORY, JAPANESE, NAV, PLAN, RESULT, REVIEW, ROOT, TABS,
    answer_everything, chart_series, charts, open_page, open_tab, picture_width, pictures, texts,
)


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_runs_on_an_empty_workspace(workspace, page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception
    links = [link.label for link in at.sidebar.get("page_link")]
    assert links == NAV[lang]


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


def test_browser_locale_picks_the_language(workspace):
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=30)
    at.context = {"locale": "en-GB"}
    at.run()
    assert at.title[0].value.startswith("Teichaku — will your IT tool")


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


def test_demo_cannot_start_an_assessment(workspace):
    at = open_page(ASSESSMENT, ws="demo", new=1)
    assert not at.text_input and "デモ企業には" in at.info[-1].value


def test_questionnaire_can_be_completed_and_saves_each_answer(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=1)
    for step, dimension in enumerate(q.dimensions):
        assert f"{dimension.number} / 7" in at.subheader[0].value or f"{dimension.number} of 7" in at.subheader[0].value
        assert len(at.radio) == len(dimension.questions)
        for i in range(len(dimension.questions)):
            at.radio[i].set_value("unknown" if (step, i) == (0, 0) else (step + i) % 5).run()
            saved = workspace.answers(aid)[dimension.questions[i].id]  # saved before any button
            assert saved.unknown if (step, i) == (0, 0) else saved.level == (step + i) % 5
        next_or_finish = [b for b in at.button if b.label in ("次の観点", "結果を見る")]
        if step < 6:
            next_or_finish[0].click().run()
    assert len(workspace.answers(aid)) == len(q.questions)
    assert at.progress[0].value == 100


def test_note_is_saved_with_the_answer(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=2)
    first = q.dimensions[1].questions[0]
    at.radio[0].set_value(3).run()
    at.text_input[0].input("佐藤さんしか分からない").run()
    assert workspace.answers(aid)[first.id] == Answer(first.id, 3, False, "佐藤さんしか分からない")
    at.radio[0].set_value(1).run()
    assert workspace.answers(aid)[first.id] == Answer(first.id, 1, False, "佐藤さんしか分からない")


def test_two_tabs_editing_one_answer_keep_each_others_work(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    question = q.dimensions[0].questions[0]
    tab_a, tab_b = open_page(ASSESSMENT, a=aid, step=1), open_page(ASSESSMENT, a=aid, step=1)
    tab_a.radio[0].set_value(2).run()
    tab_b.text_input[0].input("B のメモ").run()  # tab B never saw the level
    assert workspace.answers(aid)[question.id] == Answer(question.id, 2, False, "B のメモ")
    tab_a.radio[0].set_value(4).run()  # tab A never saw the note
    assert workspace.answers(aid)[question.id] == Answer(question.id, 4, False, "B のメモ")


def test_the_step_is_pinned_in_the_url_so_answering_does_not_move_the_page(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    for question in q.dimensions[0].questions[:-1]:
        workspace.save_answer(aid, Answer(question.id, 1))
    at = open_page(ASSESSMENT, a=aid)  # no step: the first open dimension
    assert at.query_params["step"] in ("1", ["1"])
    at.radio[-1].set_value(2).run()  # completes dimension 1
    assert q.dimensions[0].name("ja") in at.subheader[0].value


def test_an_unknown_assessment_in_the_link_is_named(workspace):
    aid = workspace.create_assessment("本物", date(2026, 3, 1), "v")
    at = open_page(RESULT, a=999)
    assert "見つからない" in at.warning[0].value and "本物" in at.warning[0].value
    assert at.query_params["a"] in (str(aid), [str(aid)])


def test_jump_to_any_dimension(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("x", date(2026, 3, 1), q.version)
    at = open_page(ASSESSMENT, a=aid, step=1)
    at.selectbox[0].set_value(5).run()
    assert q.dimensions[5].name("ja") in at.subheader[0].value
    assert at.query_params["step"] in ("6", ["6"])


def test_result_shows_seven_scores_radar_and_recommendations(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    weakest = q.dimensions[3].questions[0]
    workspace.save_answer(aid, Answer(weakest.id, 0))
    workspace.save_answer(aid, Answer(q.dimensions[6].questions[0].id, unknown=True))
    at = open_page(RESULT, a=aid)
    assert not at.exception
    table = at.table[0].value
    assert len(table) == 7
    assert len(charts(at)) == 1
    assert at.metric[2].value == "1"  # one わからない
    assert any("わからない" in w.value for w in at.warning)
    first_weak = q.dimensions[3]
    assert f"1. {first_weak.name('ja')}" in texts(at)
    assert first_weak.recommendations_for("low")[0].title("ja") in texts(at)


def test_targets_are_saved_and_drawn(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    at = open_page(RESULT, a=aid)
    target = at.selectbox(key=f"target_own_ja_{aid}_{q.dimensions[0].id}_None")
    assert target.value is None and workspace.targets(aid) == {}  # nothing shown that is not saved
    assert chart_series(charts(at)[0]) == {"導入前（2026-03-01）"}
    target.set_value(4).run()
    assert workspace.targets(aid) == {q.dimensions[0].id: 4}
    assert chart_series(charts(at)[0]) == {"導入前（2026-03-01）", "1年後の目標"}
    assert f"**{q.dimensions[0].name('ja')}**" in texts(at)  # the gap list names it


def test_compare_shows_change_per_dimension(workspace):
    q = load_questionnaire()
    before = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    after = workspace.create_assessment("導入90日後", date(2026, 7, 1), q.version)
    answer_everything(workspace, before, level=1)
    answer_everything(workspace, after, level=3)
    at = open_page(COMPARE)
    assert not at.exception
    assert len(at.multiselect[0].value) == 2
    deltas = list(at.table[0].value["変化"])
    assert deltas == ["+2.0"] * 7
    assert len(charts(at)) == 2
    assert chart_series(charts(at)[0]) == {"導入前（2026-03-01）", "導入90日後（2026-07-01）"}


def test_suggested_targets_fill_only_unset_dimensions(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("導入前", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=1)
    workspace.set_target(aid, q.dimensions[0].id, 4)
    at = open_page(RESULT, a=aid)
    at.button(key="suggest_targets").click().run()
    targets = workspace.targets(aid)
    assert targets[q.dimensions[0].id] == 4 and all(targets[d.id] == 2 for d in q.dimensions[1:])


def test_deleting_an_assessment(workspace):
    keep = workspace.create_assessment("残す", date(2026, 3, 1), "v")
    gone = workspace.create_assessment("消す", date(2026, 4, 1), "v")
    at = open_page(RESULT, a=gone)
    at.button(key="delete_assessment").click().run()
    assert [a.id for a in workspace.assessments()] == [keep]
    assert not at.exception


def test_same_label_and_date_stay_apart(workspace):
    q = load_questionnaire()
    for level in (1, 3):
        answer_everything(workspace, workspace.create_assessment("診断", date(2026, 3, 1), q.version), level)
    at = open_page(COMPARE)
    assert not at.exception
    assert chart_series(charts(at)[0]) == {"診断（2026-03-01）", "診断（2026-03-01） その2"}
    assert list(at.table[0].value["変化"]) == ["+2.0"] * 7


def test_compare_needs_two_assessments(workspace):
    at = open_page(COMPARE)
    assert "2回以上" in at.info[0].value


def test_demo_company_is_read_only_and_separate(workspace):
    at = open_page(ASSESSMENT, ws="demo", step=1)
    assert not at.radio and not at.text_input  # answers shown as text: nothing to edit
    assert "経理の佐藤さんしか設定を触れない" in texts(at) or "佐藤" in texts(at)
    assert workspace.assessments() == []
    result = open_page(RESULT, ws="demo")
    assert "みなと精機" in result.info[0].value
    assert len(charts(result)) == 1


def test_copying_the_demo_into_my_workspace_once(workspace):
    workspace.set_setting("company.name", "自社")
    for _ in range(2):
        at = open_page(HOME, ws="demo")
        [b for b in at.button if "コピー" in b.label][0].click().run()
        assert not at.exception
    assert len(workspace.assessments()) == 2
    assert workspace.kpi_count() > 0
    assert workspace.get_setting("company.name") == "自社"  # the demo's name is not copied


def test_assessment_saved_under_an_older_definition_still_opens(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("旧版", date(2025, 1, 1), "2025.01-0")
    workspace.save_answer(aid, Answer("people.retired_question", 4, note="昔の質問"))
    workspace.save_answer(aid, Answer(q.questions[0].id, 2))
    for page in (ASSESSMENT, RESULT):
        assert not open_page(page, a=aid).exception


@pytest.mark.parametrize("page", ALL_PAGES)
def test_english_pages_have_no_japanese_text(page):
    at = open_page(page, lang="en", ws="demo", step=5)
    assert not at.exception
    parts = [texts(at)]
    parts += [r.label + "".join(map(str, r.options)) for r in at.radio]
    parts += [m.label + str(m.value) for m in at.metric] + [b.label for b in at.button if b.key != "_language"]
    parts += [s.label + "".join(map(str, s.options)) for s in at.selectbox]
    parts += [ti.label + ti.placeholder for ti in at.text_input] + [c.value for c in at.caption]
    parts += [tb.value.to_string() for tb in at.table]  # demo notes (user data) are text_input values: not checked
    body = "\n".join(parts)
    assert not JAPANESE.findall(body), JAPANESE.findall(body)[:10]
    assert at.button(key="_language").label == "日本語"  # the switch names the other language in its own script


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


def test_evidence_check_on_the_dashboard_and_the_result(workspace):
    q = load_questionnaire()
    aid = workspace.create_assessment("自己評価", date(2026, 3, 1), q.version)
    answer_everything(workspace, aid, level=3)  # every dimension rated high, and no KPI data at all
    board = open_page(DASHBOARD)
    assert any("効果測定" in w.value and "記録が1件もありません" in w.value for w in board.warning)
    result = open_page(RESULT, a=aid)
    assert any("記録が1件もありません" in w.value for w in result.warning)



def test_plan_roles_warn_about_one_person_dependence(workspace):
    at = open_page(PLAN)
    assert "業務オーナー" in texts(at)
    at.text_input(key="role_owner_person").input("佐藤")
    at.text_input(key="role_operator_person").input("佐藤")
    at.text_input(key="role_operator_backup").input("鈴木")
    at.text_input(key="role_desk_person").input("田中")
    at.text_input(key="role_desk_backup").input("伊藤")
    at.button(key="FormSubmitter:roles_ja-役割を保存").click().run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "佐藤さんが業務オーナー・運用責任者を兼ねています" in warnings
    assert "「業務オーナー」（佐藤さん）に代理がいません" in warnings
    assert {r.role: r.person for r in workspace.roles()} == {"owner": "佐藤", "operator": "佐藤", "desk": "田中"}


def test_plan_checklist_is_proposed_then_saved(workspace):
    workspace.set_setting("tool.go_live", "2026-04-01")
    at = open_page(PLAN)
    proposed = at.data_editor[0].value
    assert list(proposed["day"])[0] == 0 and list(proposed["day"])[-1] == 90
    assert str(list(proposed["due"])[-1])[:10] == "2026-06-30"
    at.button(key="milestones_save").click().run()
    assert len(workspace.milestones()) == len(proposed)


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


def test_an_assessment_can_be_renamed_and_redated(workspace):
    aid = workspace.create_assessment("導入前（仮）", date(2026, 3, 1), load_questionnaire().version)
    at = open_page(RESULT, a=aid)
    next(w for w in at.text_input if w.value == "導入前（仮）").set_value("導入前")
    next(d for d in at.date_input if d.value == date(2026, 3, 1)).set_value(date(2026, 3, 10))
    next(b for b in at.button if b.label == "変更を保存").click().run()
    assert not at.exception
    renamed = workspace.assessments()[0]
    assert (renamed.label, renamed.taken_on) == ("導入前", date(2026, 3, 10))
    assert at.title[0].value and "導入前" in texts(at)


def test_the_demo_offers_no_rename(workspace):
    at = open_page(RESULT, ws="demo")
    assert "変更を保存" not in [b.label for b in at.button]


def test_numbers_and_units_read_naturally_in_both_languages():
    from types import SimpleNamespace

    from ui.format import number

    ja, en = SimpleNamespace(lang="ja"), SimpleNamespace(lang="en")
    assert [number(ja, v, u) for v, u in ((8, "回"), (1.5, "日"), (1200.25, "円"))] == ["8回", "1.5日", "1,200.2円"]
    assert [number(en, v, u) for v, u in ((8, "回"), (1, "日"), (1.5, "日"), (80, "時間"), (1.5, "%"), (3, ""))] == \
        ["8", "1 day", "1.5 days", "80 h", "1.5%", "3"]  # a count reads bare: "Re-entry count: 8", not "8 times"
    assert number(en, None, "日") == "—"


def test_copying_the_demo_leads_on_to_the_copied_dashboard(workspace):
    at = open_page(HOME, ws="demo")
    next(b for b in at.button if "コピーして試す" in b.label).click().run()
    assert not at.exception
    assert any("コピーしました" in s.value for s in at.success)
    link = next(e.proto for e in at.get("page_link") if e.proto.label == "コピーしたKPIダッシュボードを開く")
    assert link.page == "dashboard" and link.query_string == "lang=ja"  # your own copy, not the demo
    assert {s.name for s in workspace.kpi_specs()} >= {"月次締め日数", "再入力回数"}


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
