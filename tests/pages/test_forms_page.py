"""Paper forms on the diagnosis page: a preview of who will be added, all added at once, a form never twice,
a bad file named without touching the workspace."""

from datetime import date

from core.questionnaire import load_questionnaire
from tests.app_pages import RESULT, open_page, texts
from tests.test_forms import QUESTIONS, blank, fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Q = load_questionnaire()


def upload(at, aid, files):
    at.file_uploader(key=f"forms_upload_{aid}_0").set_value([(name, data, XLSX) for name, data in files]).run()
    return at


def test_filled_forms_are_previewed_then_added_as_respondents_once(workspace):
    aid = workspace.create_assessment("研修", date(2026, 11, 20), Q.version)
    first, _ = blank(n=2)
    second, _ = blank(n=1)
    files = [("A班.xlsx", fill(first, [("floor", "", {QUESTIONS[0]: 1}), ("floor", "佐藤", {QUESTIONS[1]: 0})])),
             ("B班.xlsx", fill(second, [("manager", "", {QUESTIONS[0]: 3})]))]
    at = upload(open_page(RESULT, a=aid), aid, files)
    assert not at.exception
    preview = next(d for d in at.dataframe if "シート" in d.value.columns)
    assert list(preview.value["役割"]) == ["現場", "現場", "管理職"] and list(preview.value["呼び名（任意）"]) == ["", "佐藤", ""]
    assert len(workspace.respondents(aid)) == 1  # nothing written before the confirmation
    at.button(key="forms_confirm").click().run()
    assert [r.role for r in workspace.respondents(aid)] == ["owner", "floor", "floor", "manager"]
    assert "回答用紙から3人を追加しました" in texts(at)

    again = upload(open_page(RESULT, a=aid), aid, files[:1])
    assert "取り込み済みの用紙" in "\n".join(e.value for e in again.error)
    assert not [b for b in again.button if b.key == "forms_confirm"]
    assert len(workspace.respondents(aid)) == 4


def test_a_batch_with_a_bad_file_names_it_and_adds_nobody(workspace):
    aid = workspace.create_assessment("研修", date(2026, 11, 20), Q.version)
    good, _ = blank()
    bad, _ = blank()
    files = [("ok.xlsx", fill(good, [("floor", "", {QUESTIONS[0]: 2})])),
             ("ng.xlsx", fill(bad, [("floor", "", {QUESTIONS[3]: "たぶん"})]))]
    at = upload(open_page(RESULT, a=aid), aid, files)
    errors = "\n".join(e.value for e in at.error)
    assert "ng.xlsx" in errors and "回答用紙1" in errors and "セルD" in errors
    assert at.button(key="forms_confirm").disabled
    assert len(workspace.respondents(aid)) == 1


def test_the_download_is_offered_and_the_demo_reads_no_forms():
    demo = open_page(RESULT, ws="demo")
    assert any(b.proto.label == "回答用紙をダウンロード（Excel）" for b in demo.get("download_button"))
    assert not demo.get("file_uploader") and "デモでは回答用紙の取り込みはできません" in texts(demo)
