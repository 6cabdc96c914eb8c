"""Before / after: assessments side by side."""

from datetime import date


from core.questionnaire import load_questionnaire
from tests.app_pages import (
    COMPARE, answer_everything, charts, open_page, radar_series,
)


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
    assert len(charts(at)) == 1  # the change bars; the radar is a picture
    assert radar_series(at) == {"導入前（2026-03-01）", "導入90日後（2026-07-01）"}


def test_same_label_and_date_stay_apart(workspace):
    q = load_questionnaire()
    for level in (1, 3):
        answer_everything(workspace, workspace.create_assessment("診断", date(2026, 3, 1), q.version), level)
    at = open_page(COMPARE)
    assert not at.exception
    assert radar_series(at) == {"診断（2026-03-01）", "診断（2026-03-01） その2"}
    assert list(at.table[0].value["変化"]) == ["+2.0"] * 7


def test_compare_needs_two_assessments(workspace):
    at = open_page(COMPARE)
    assert "2回以上" in at.info[0].value
