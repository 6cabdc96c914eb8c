"""The one call every screen starts with: page config, language, workspace, sidebar."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import streamlit as st

from core.demo import demo_as_of, shared_demo_store
from core.drawing import warm_up
from core.i18n import LANGUAGES, long_date, resolve_language, translator
from core.questionnaire import Questionnaire, load_questionnaire
from core.perception import DEFAULT_MIN_GROUP
from core.settings import Setting, read_min_group
from core.storage import ENV_VAR, StorageChoice, choose_storage
from core.store import NewerSchema, Store, connect, shared_file_connection
from ui import clock
from ui.memory import settle

HOME = "app.py"
ASSESSMENT = "pages/1_assessment.py"
RESULT = "pages/2_result.py"
COMPARE = "pages/3_compare.py"
IMPORT = "pages/4_import.py"
DASHBOARD = "pages/5_dashboard.py"
PLAN = "pages/6_plan.py"
INVENTORY = "pages/7_inventory.py"
REVIEW = "pages/8_review.py"
NAVIGATION = ((HOME, "nav.home", ":material/home:"),
              (ASSESSMENT, "nav.assessment", ":material/checklist:"),
              (RESULT, "nav.result", ":material/radar:"),
              (COMPARE, "nav.compare", ":material/compare_arrows:"),
              (DASHBOARD, "nav.dashboard", ":material/monitoring:"),
              (PLAN, "nav.plan", ":material/event_available:"),
              (INVENTORY, "nav.inventory", ":material/account_tree:"),
              (REVIEW, "nav.review", ":material/event_note:"),
              (IMPORT, "nav.import", ":material/upload_file:"))
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


@dataclass
class Screen:
    """What a page needs: the language, the content, the workspace it shows, and the day it is shown as of
    (the visitor's today for their own workspace; the demo's fixed day for the demo)."""

    lang: str
    t: Callable[..., str]
    questionnaire: Questionnaire
    store: Store
    storage: StorageChoice
    demo: bool
    today: date
    present: bool = False  # projection mode: no sidebar, no banner, nothing to edit

    def params(self, **extra: object) -> dict[str, str]:
        """Query parameters that keep language and workspace across links."""
        params = {"lang": self.lang}
        if self.demo:
            params["ws"] = "demo"
        params.update({k: str(v) for k, v in extra.items() if v is not None})
        return params

    def go(self, page: str, **extra: object) -> None:
        st.switch_page(page, query_params=self.params(**extra))

    def min_group(self) -> int:
        """The fewest people a role needs to be shown as a group of its own, as this workspace set it."""
        return read_min_group(self.store.get_setting(Setting.MIN_GROUP), DEFAULT_MIN_GROUP)

    def assessment_labels(self) -> dict[int, str]:
        """Display names of every assessment, unique even when label and date repeat."""
        if not hasattr(self, "_labels"):
            self._labels = unique_labels(self.store.assessments(), self.t)
        return self._labels


def unique_labels(assessments, t) -> dict[int, str]:
    labels, seen = {}, {}
    for a in assessments:
        text = t("assessment.label", label=a.label, date=f"{a.taken_on:%Y-%m-%d}")
        seen[text] = seen.get(text, 0) + 1
        labels[a.id] = text if seen[text] == 1 else t("assessment.label_repeat", label=text, n=seen[text])
    return labels


def bootstrap(title_key: str) -> Screen:
    lang = resolve_language(st.query_params.get("lang"), st.context.locale)
    t = translator(lang)
    present = st.query_params.get("present") == "1"
    st.set_page_config(page_title=f"{t(title_key)} | Teichaku", page_icon=":material/trending_up:",
                       layout="wide", initial_sidebar_state="collapsed" if present else "auto")
    storage = choose_storage(os.environ.get(ENV_VAR), st.get_option("server.address"), Path.home())
    demo = st.query_params.get("ws") == "demo"
    store = demo_store(lang) if demo else _own_store(storage, t)
    today = demo_as_of() if demo else clock.today(st.context.timezone)
    screen = Screen(lang, t, load_questionnaire(), store, storage, demo, today, present)
    warm_up()  # the chart-drawing process, before anyone opens the dashboard
    settle(title_key)  # once per page, after its modules are loaded
    if present:
        return screen
    _sidebar(screen)
    if demo:
        st.info(t("demo.banner", company=company_name(screen), date=long_date(lang, today)),
                icon=":material/visibility:")
    return screen


def company_name(screen: Screen) -> str:
    key = Setting.COMPANY_NAME_EN if screen.lang == "en" else Setting.COMPANY_NAME
    return screen.store.get_setting(key) or screen.store.get_setting(Setting.COMPANY_NAME)


def demo_store(lang: str) -> Store:
    """The demo company: built once per server, read-only, the same for every visitor."""
    return shared_demo_store(lang)


def _own_store(storage: StorageChoice, t: Callable[..., str]) -> Store:
    # Per-session in memory, or the owner's file; never a cache shared by every visitor.
    if "_own_store" in st.session_state:
        return st.session_state["_own_store"]
    try:
        con = shared_file_connection(storage.path) if storage.path else connect(None)
        timezone = st.context.timezone
        store = Store(con, lambda: clock.now(timezone))
    except NewerSchema:
        st.error(t("storage.error_newer", path=storage.path))
        st.stop()
    except (duckdb.IOException, OSError) as error:
        st.error(t("storage.error_open", path=storage.path, detail=str(error).splitlines()[0]))
        st.stop()
    st.session_state["_own_store"] = store
    return store


def _switch_language(lang: str) -> None:
    st.query_params["lang"] = lang  # the other parameters (workspace, assessment, step) stay


def _sidebar(screen: Screen) -> None:
    t = screen.t
    with st.sidebar:
        st.markdown(f"### Teichaku\n{t('app.tagline')}")
        for page, key, icon in NAVIGATION:
            st.page_link(page, label=t(key), icon=icon, query_params=screen.params())
        st.divider()
        # A plain button: a segmented control or select box costs the first paint 8-30 % (measured).
        other = next(lang for lang in LANGUAGES if lang != screen.lang)
        st.button(LANGUAGE_NAMES[other], icon=":material/translate:", key="_language", help=t("sidebar.language"),
                  on_click=_switch_language, args=(other,), type="tertiary")
        if screen.demo:
            st.caption(t("sidebar.workspace_demo", company=company_name(screen)))
        elif screen.storage.mode == "local":
            st.caption(t("sidebar.workspace_local", path=screen.storage.path))
        else:
            st.caption(t("sidebar.workspace_session"))
