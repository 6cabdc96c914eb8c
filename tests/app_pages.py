"""Running pages under Streamlit's AppTest the way a deep link runs them (the page file alone), and reading
what they show."""

import base64
import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.i18n import translator
from core.questionnaire import load_questionnaire
from core.scoring import Answer
from core.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOME, ASSESSMENT, RESULT, COMPARE = "app.py", "pages/1_assessment.py", "pages/2_result.py", "pages/3_compare.py"
IMPORT, DASHBOARD = "pages/4_import.py", "pages/5_dashboard.py"
PLAN, INVENTORY, REVIEW = "pages/6_plan.py", "pages/7_inventory.py", "pages/8_review.py"
ALL_PAGES = [HOME, ASSESSMENT, RESULT, COMPARE, DASHBOARD, PLAN, INVENTORY, REVIEW, IMPORT]
NAV = {"ja": ["ホーム", "診断の回答", "診断結果", "前後比較", "KPIダッシュボード", "90日プラン", "業務棚卸し",
              "月次レビュー", "データ取り込み"],
       "en": ["Home", "Questionnaire", "Diagnosis", "Before / after", "KPI dashboard", "90-day plan",
              "Business inventory", "Monthly review", "Import data"]}
JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60]")  # kana, kanji, 全角 punctuation


def open_page(page: str, **params) -> AppTest:
    """Like a deep link: the entry point is app.py, but only the page's own script runs."""
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = str(value)
    if page != HOME:
        at.switch_page(page)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "success")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


TABS = {name: translator("ja")(f"dashboard.tab_{name}") for name in ("overview", "each_kpi", "money", "edit")}


def open_tab(at: AppTest, tab: str) -> AppTest:
    """Click one of the dashboard's tabs: only the open tab's content runs."""
    at.session_state["tab"] = TABS[tab]
    return at.run()


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def pictures(at: AppTest, size: str = "tk-wide") -> list[str]:
    """The SVG of every chart drawn on the server and shown as a picture: the one drawing of a chart, or
    the wide one of a pair (`size` "tk-narrow": the pair's drawing for a narrow column)."""
    found = []
    for tag in re.findall(r"<img[^>]*>", "".join(e.proto.body for e in at.get("html"))):
        kind = re.search(r'class="([\w-]+)"', tag)
        if (kind.group(1) if kind else "tk-wide") == size:
            found.append(base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag).group(1)).decode())
    return found


def radar_series(at: AppTest) -> set[str] | None:
    """The series a radar picture draws, read from its legend; None when the page shows no radar."""
    for tag in re.findall(r"<img[^>]*>", "".join(e.proto.body for e in at.get("html"))):
        if re.search(r'alt="(レーダーチャート|Radar chart)', tag):
            drawn = base64.b64decode(re.search(r'base64,([^"]+)"', tag).group(1)).decode()
            return {html.unescape(label) for label in
                    re.findall(r'role-legend-label[^>]*><text[^>]*>([^<]*)</text>', drawn)}
    return None


def picture_width(svg: str) -> float:
    return float(re.search(r'<svg[^>]*\bwidth="([\d.]+)', svg).group(1))


def answer_everything(store: Store, assessment_id: int, level=2) -> None:
    for q in load_questionnaire().questions:
        store.save_answer(assessment_id, Answer(q.id, level))
