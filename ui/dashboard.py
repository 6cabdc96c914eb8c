"""Pieces of the KPI dashboard: settings, cards, charts, the four metrics and the money."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.cells import cell_float
from core.charts import PHONE_WIDTH, bullet_chart, money_chart, trend_chart
from core.dashboard import (
    CATEGORIES, FOUR_METRICS, Dashboard, leading_indicators, specs_frame, specs_from_frame, typed_changes, typing_months,
    values_frame,
)
from core.i18n import LANGUAGES, translator
from core.money import MAX_COST, payback_months
from core.progress import KpiProgress, progress_percent
from core.records import Observation
from core.settings import COSTS, Setting, as_text
from core.subsidy import DEFINITIONS, YEARS, YearFigures, report, report_workbook
from core.subsidy import dumps as subsidy_dumps
from core.subsidy import loads as subsidy_loads
from ui.assessments import result_of
from ui.bootstrap import Screen, company_name
from ui.controls import opener
from ui.evidence import show_disagreements
from ui.format import DATE_RANGE, md, number, status_badge, unit_label
from ui.pictures import picture
from ui.table_edits import mark_saved, unsaved

def _save_setting(screen: Screen, key: str, widget: str) -> None:
    value = st.session_state[widget]
    screen.store.set_setting(key, as_text(value))
    st.toast(screen.t("dashboard.saved"), icon=":material/check:")


def settings(screen: Screen, board: Dashboard, *, on_top: bool = False) -> None:
    """Tool, go-live date and costs: saved as soon as they change. Open while they come first."""
    t, disabled = screen.t, screen.demo
    with st.expander(t("dashboard.settings"), expanded=on_top or board.go_live is None, icon=":material/settings:"):
        left, right = st.columns(2)
        left.text_input(t("dashboard.tool"), value=board.tool, key="set_tool", disabled=disabled,
                        on_change=_save_setting, args=(screen, Setting.TOOL_NAME, "set_tool"))
        right.date_input(t("dashboard.go_live"), value=board.go_live, key="set_go_live", disabled=disabled,
                         format="YYYY/MM/DD", on_change=_save_setting, args=(screen, Setting.GO_LIVE, "set_go_live"),
                         **DATE_RANGE)
        a, b, c = st.columns(3)
        for column, setting, value in zip((a, b, c), COSTS, (board.costs.hourly, board.costs.initial, board.costs.monthly)):
            key = setting.removeprefix("money.")
            column.number_input(t(f"dashboard.{key}"), min_value=0, max_value=MAX_COST, value=int(value), step=1000,
                                key=f"set_{key}", disabled=disabled, help=t(f"dashboard.{key}_help"),
                                on_change=_save_setting, args=(screen, setting, f"set_{key}"))


def settings_first(screen: Screen, board: Dashboard) -> bool:
    """Without a go-live date nothing can be judged: the settings come above the tabs, and stay there for
    the session, so setting the date does not whisk the cost fields away into another tab."""
    if board.go_live is None and not screen.demo:
        st.session_state["_settings_first"] = True
    return st.session_state.get("_settings_first", False) and not screen.demo


TABS = ("overview", "each_kpi", "money", "edit")
TABLES = {"money": ("subsidy",), "edit": ("kpi_editor", "value_editor")}  # the tables each tab holds


def tab_label(lang: str, name: str) -> str:
    return translator(lang)(f"dashboard.tab_{name}")


def dashboard_tabs(screen: Screen) -> dict[str, DeltaGenerator]:
    """The dashboard's four views by name. The tabs are bound to the URL, which makes them lazy (only the
    open tab's `.open` is true, so only its code runs) and lets a reload or a shared link open the same view."""
    labels = {name: tab_label(screen.lang, name) for name in TABS}
    chosen = st.session_state.get("tab") or st.query_params.get("tab")
    # A tab chosen on the other language's screen, or in a link made there: the same tab, in this language.
    for lang in LANGUAGES:
        name = next((n for n in TABS if tab_label(lang, n) == chosen), None)
        if name and chosen != labels[name]:
            st.session_state["tab"] = labels[name]  # the address follows the widget
    tabs = st.tabs(list(labels.values()), key="tab", on_change="rerun", bind="query-params")
    return dict(zip(TABS, tabs))


def shows(screen: Screen, name: str, tab) -> bool:
    """Whether to run a tab: when it is open, or while one of its tables holds edits not yet saved. A closed
    tab's table would lose them; run hidden, it keeps them until the user comes back."""
    return tab.open or any(unsaved(f"{table}_{screen.lang}") for table in TABLES.get(name, ()))


def card_line(screen: Screen, p: KpiProgress) -> str:
    unit = p.spec.unit
    return screen.t("dashboard.card", name=md(p.spec.name), baseline=number(screen, p.baseline, unit),
                    latest=number(screen, p.latest, unit), target=number(screen, p.spec.target, unit))


CARD_LIMIT = 12  # more cards open on request: each carries a picture


def cards(screen: Screen, board: Dashboard) -> None:
    """One card per KPI: where it stands, how far along, who owns it, and its months as a chart."""
    t = screen.t
    all_cards = st.session_state.get("cards_all", False)
    shown = board.progress if all_cards else board.progress[:CARD_LIMIT]
    half = (len(shown) + 1) // 2
    # Down the left column, then the right: the order of the bullet chart, and of a phone's stacking.
    for column, part in zip(st.columns(2), (shown[:half], shown[half:])):
        for p in part:
            with column.container(border=True):
                st.markdown(card_text(screen, p))
                if board.series.get(p.spec.name):
                    trend_picture(screen, board, p)
    if len(board.progress) > CARD_LIMIT:
        opener("cards_all", t("dashboard.cards_all", n=len(board.progress)), t("dashboard.cards_fewer", n=CARD_LIMIT))


def card_text(screen: Screen, p: KpiProgress) -> str:
    """Status, the before → now (target) line, progress or what is missing, and the owner: one block."""
    t = screen.t
    parts = [f"{status_badge(screen, p.status)} **{card_line(screen, p)}**"]
    if p.progress is not None and p.expected is None:
        parts.append(t("dashboard.progress_no_plan", progress=f"{p.progress:.0f}", month=f"{p.latest_month:%Y-%m}"))
    elif p.progress is not None:
        parts.append(t("dashboard.progress", progress=f"{p.progress:.0f}",
                       expected=number(screen, p.expected, p.spec.unit), month=f"{p.latest_month:%Y-%m}"))
    else:
        parts.append(t(f"dashboard.hint_{p.status}"))
    if p.spec.owner:
        parts.append(f":gray[{t('dashboard.owner', owner=md(p.spec.owner))}]")
    return "\n\n".join(parts)


def trend_picture(screen: Screen, board: Dashboard, p: KpiProgress) -> None:
    t = screen.t
    frame = pd.DataFrame([{"month": pd.Timestamp(m), "value": v}
                          for m, v in sorted(board.series[p.spec.name].items())])
    labels = {k: t(f"dashboard.trend_{k}") for k in ("window", "baseline", "target", "plan")}
    plan = None
    if p.expected is not None:
        start = board.go_live.replace(day=1) if board.go_live else frame["month"].iloc[0]
        plan = pd.DataFrame({"month": [pd.Timestamp(start), pd.Timestamp(p.latest_month)],
                             "value": [p.baseline, p.expected]})
    picture(screen, t("dashboard.trend_alt", name=p.spec.name), trend_chart, frame, baseline=p.baseline,
            target=p.spec.target, go_live=board.go_live, plan=plan, newest_label=number(screen, p.latest, p.spec.unit),
            unit=unit_label(screen, p.spec.unit), labels=labels)


def bullet(screen: Screen, board: Dashboard) -> None:
    rows = [{"kpi": p.spec.name, "progress": p.progress,
             "expected": None if p.expected is None else _expected_progress(p),
             "status": p.status}
            for p in board.progress if p.progress is not None]
    if rows:
        st.subheader(screen.t("dashboard.bullet_heading"), help=screen.t("dashboard.bullet_caption"))
        lines = [screen.t("dashboard.progress_axis")]
        if any(row["expected"] is not None for row in rows):  # the tick it explains is drawn
            lines.append(screen.t("dashboard.progress_key"))
        picture(screen, screen.t("dashboard.bullet_alt"), bullet_chart, pd.DataFrame(rows),
                progress_title="   ".join(lines), phone={"width": PHONE_WIDTH, "progress_title": lines})


def _expected_progress(p: KpiProgress) -> float:
    return max(0.0, min(120.0, progress_percent(p.spec, p.baseline, p.expected)))


def four_metrics(screen: Screen, board: Dashboard) -> None:
    t = screen.t
    st.subheader(t("dashboard.four_heading"))
    columns = st.columns(4, border=True)
    for column, category in zip(columns, FOUR_METRICS):
        measured = [p for p in board.in_category(category) if p.latest is not None]
        # The value under its name: a narrow box then never splits "6" from "日".
        lines = [f"{md(p.spec.name)}  \n**{number(screen, p.latest, p.spec.unit)}** {status_badge(screen, p.status)}"
                 for p in measured] or [f":gray[{t('dashboard.not_measured')} {t(f'dashboard.how_{category}')}]"]
        # One Markdown block per metric: every element costs the first paint a little.
        column.markdown("\n\n".join([f"**{t(f'category.{category}')}**", *lines]))
    if board.missing_metrics:
        st.info(t("dashboard.missing", names=t("list.join").join(t(f"category.{c}") for c in board.missing_metrics)))


def money_panel(screen: Screen, board: Dashboard) -> None:
    t, summary = screen.t, board.money
    st.subheader(t("dashboard.money_heading"))
    if not summary.months:
        st.caption(t("dashboard.money_none"))
        return
    frame = pd.DataFrame([{"month": pd.Timestamp(m.month), "net": m.net, "cumulative": m.cumulative}
                          for m in summary.months])
    labels = {k: t(f"dashboard.money_{k}") for k in ("yen", "net", "cumulative")}
    picture(screen, t("dashboard.money_alt"), money_chart, frame, labels=labels, phone={"width": PHONE_WIDTH})
    money_statement(screen, board)


def money_statement(screen: Screen, board: Dashboard) -> None:
    """What was saved and when the tool pays back: one statement a bank or the board would understand."""
    t, summary = screen.t, board.money
    if not summary.months:
        return
    last = summary.months[-1]
    sentence = t("dashboard.money_sentence", months=len(summary.months), hours=f"{last.hours_saved:,.0f}",
                 value=f"{last.value:,.0f}", total=f"{summary.total_hours:,.0f}")
    if summary.payback:
        box, payback = st.success, t("dashboard.payback_done", month=f"{summary.payback:%Y-%m}",
                                     n=payback_months(board.go_live, summary.payback))
    elif summary.projected_payback:
        box, payback = st.info, t("dashboard.payback_projected", month=f"{summary.projected_payback:%Y-%m}",
                                  n=payback_months(board.go_live, summary.projected_payback),
                                  remaining=f"{-last.cumulative:,.0f}")
    else:
        box, payback = st.warning, t("dashboard.payback_never")
    box(f"{sentence}\n\n{payback}", icon=":material/payments:")


def evidence(screen: Screen, board: Dashboard) -> None:
    """Questionnaire answers that the data contradicts, from the newest assessment."""
    assessments = screen.store.assessments()
    if assessments:
        show_disagreements(screen, result_of(screen, assessments[-1]), [p.spec for p in board.progress],
                           board.series)


def _stable(key: str, signature: tuple, build) -> pd.DataFrame:
    """The same DataFrame object while its content is unchanged, so the editor keeps the user's edits."""
    cached = st.session_state.get(f"_{key}")
    if cached is None or cached[0] != signature:
        cached = (signature, build(list(signature) if key.startswith("kpi") else signature))
        st.session_state[f"_{key}"] = cached
    return cached[1]


def target_form(screen: Screen, board: Dashboard) -> None:
    """One KPI's target and date in plain inputs: quicker than the table, and kind to Japanese input."""
    t = screen.t
    names = [p.spec.name for p in board.progress]
    # Cleared after a save, so the next KPI never inherits this one's numbers; Enter does not submit (and
    # Streamlit's English "Press Enter to submit form" would cover the narrow number box).
    with st.form(f"target_form_{screen.lang}", clear_on_submit=True, enter_to_submit=False, border=True):
        st.markdown(f"**{t('dashboard.target_form')}**")
        pick, value, when = st.columns([2, 1, 1])
        name = pick.selectbox(t("dashboard.col_name"), names, key=f"target_form_kpi_{screen.lang}")
        target = value.number_input(t("dashboard.col_target"), value=None, step=0.5, key="target_form_value",
                                    placeholder=t("dashboard.target_form_keep"))
        deadline = when.date_input(t("dashboard.col_target_date"), value=None, format="YYYY/MM/DD", **DATE_RANGE,
                                   key="target_form_date")
        if st.form_submit_button(t("dashboard.target_form_save"), disabled=screen.demo, type="primary"):
            spec = next(p.spec for p in board.progress if p.spec.name == name)
            changed = replace(spec, target=spec.target if target is None else float(target),
                              target_date=deadline or spec.target_date)
            screen.store.save_kpi_specs([changed])
            st.session_state["target_saved"] = name
            st.rerun()


def edit_notes(screen: Screen) -> None:
    """Why nothing can be changed in the demo, or how long typed work lasts in a session workspace."""
    if screen.demo:
        st.caption(screen.t("dashboard.demo_edit"))
    elif screen.storage.mode == "session":
        st.caption(screen.t("dashboard.session_note"))


def saved_target(screen: Screen, board: Dashboard) -> None:
    """Right after a target is saved, the KPI's card as it now reads: the effect without leaving the tab."""
    name = st.session_state.pop("target_saved", None)
    changed = next((p for p in board.progress if p.spec.name == name), None)
    if changed is not None:
        st.success(f"{screen.t('dashboard.target_saved')}\n\n{card_text(screen, changed)}",
                   icon=":material/check:")


def kpi_editor(screen: Screen, board: Dashboard) -> None:
    """KPI definitions in a table; saved by the button, so a half-edited table is never stored."""
    t = screen.t
    st.subheader(t("dashboard.kpis_heading"))
    frame = _stable(f"kpi_frame_{screen.lang}", tuple(p.spec for p in board.progress), specs_frame)
    config = {
        "name": st.column_config.TextColumn(t("dashboard.col_name"), required=True),
        "unit": st.column_config.TextColumn(t("dashboard.col_unit")),
        "direction": st.column_config.SelectboxColumn(t("dashboard.col_direction"), options=["lower", "higher"],
                                                      width="medium",
                                                      format_func=lambda v: t(f"dashboard.direction_{v}")),
        "category": st.column_config.SelectboxColumn(t("dashboard.col_category"), options=list(CATEGORIES),
                                                     width="medium",
                                                     format_func=lambda v: t(f"category.{v}")),
        "baseline": st.column_config.NumberColumn(t("dashboard.col_baseline"), help=t("dashboard.baseline_help")),
        "target": st.column_config.NumberColumn(t("dashboard.col_target")),
        "target_date": st.column_config.DateColumn(t("dashboard.col_target_date"), format="YYYY/MM/DD"),
        "owner": st.column_config.TextColumn(t("dashboard.col_owner")),
    }
    order = ["name", "target", "target_date", "category", "unit", "direction", "baseline", "owner"]
    edited = st.data_editor(frame, column_config=config, column_order=order, hide_index=True, num_rows="dynamic",
                            placeholder="—",
                            disabled=screen.demo, key=f"kpi_editor_{screen.lang}", width="stretch")
    if st.button(t("dashboard.kpis_save"), key="kpis_save", disabled=screen.demo, type="primary"):
        screen.store.save_kpi_specs(specs_from_frame(edited), replace_all=True)
        mark_saved(f"kpi_editor_{screen.lang}")
        if not board.progress:  # the first KPIs: their values are typed in the same tab, so open it
            st.session_state["tab"] = tab_label(screen.lang, "edit")
        st.toast(t("dashboard.saved"), icon=":material/check:")
        st.rerun()


def value_editor(screen: Screen, board: Dashboard) -> None:
    """Monthly values typed by hand: stored like imported ones, with provenance "manual"."""
    t = screen.t
    names = [p.spec.name for p in board.progress]
    if not names:
        return
    st.subheader(t("dashboard.values_heading"))
    months = typing_months(board.series, board.go_live, screen.today)
    before = _stable(f"value_frame_{screen.lang}", (tuple(names), tuple(months), str(board.series)),
                     lambda _: values_frame(board.series, names, months))
    month_column = {"_index": st.column_config.TextColumn(t("dashboard.col_month"))}
    edited = st.data_editor(before, key=f"value_editor_{screen.lang}", disabled=screen.demo, width="stretch",
                            placeholder="—", column_config=month_column)
    if st.button(t("dashboard.values_save"), key="values_save", disabled=screen.demo):
        units = {p.spec.name: p.spec.unit for p in board.progress}
        categories = {p.spec.name: p.spec.category for p in board.progress}
        typed = [Observation(n, m, v, units.get(n) or None, None, categories.get(n, "other"), None)
                 for n, m, v in typed_changes(before, edited)]
        result = screen.store.commit_observations(typed, file_name="manual", source_hash="manual", sheet=None,
                                                  source="manual")
        mark_saved(f"value_editor_{screen.lang}")
        st.toast(t("dashboard.values_saved", added=result.added, replaced=len(result.replaced)),
                 icon=":material/check:")
        st.rerun()


def subsidy_panel(screen: Screen, board: Dashboard) -> None:
    """The IT導入補助金 effect report's productivity figure, with the monthly KPIs as leading indicators."""
    t = screen.t
    st.subheader(t("subsidy.heading"))
    st.caption(t("subsidy.help"))
    if screen.demo:
        st.caption(t("dashboard.demo_edit"))
    saved = screen.store.get_setting(Setting.SUBSIDY_DEFINITION, "gross")
    definition = st.radio(t("subsidy.definition"), DEFINITIONS, index=DEFINITIONS.index(saved)
                          if saved in DEFINITIONS else 0, format_func=lambda d: t(f"subsidy.def_{d}"),
                          horizontal=True, key=f"subsidy_definition_{screen.lang}", disabled=screen.demo)
    figures = subsidy_loads(screen.store.get_setting(Setting.SUBSIDY_FIGURES))
    names = [f.name for f in dataclass_fields(YearFigures)]
    frame = pd.DataFrame([{n: getattr(figures.get(y, YearFigures()), n) for n in names} for y in YEARS],
                         index=[t(f"subsidy.year_{y}") for y in YEARS], dtype="float64")
    config = {n: st.column_config.NumberColumn(t(f"subsidy.f_{n}"), format="localized") for n in names}
    edited = st.data_editor(frame, column_config=config, key=f"subsidy_{screen.lang}", disabled=screen.demo,
                            width="stretch", placeholder="—")
    if st.button(t("subsidy.save"), key="subsidy_save", disabled=screen.demo):
        entered = {y: YearFigures(**{n: cell_float(v) for n, v in row.items()})
                   for y, (_, row) in zip(YEARS, edited.iterrows())}
        screen.store.set_setting(Setting.SUBSIDY_FIGURES, subsidy_dumps(entered))
        screen.store.set_setting(Setting.SUBSIDY_DEFINITION, definition)
        mark_saved(f"subsidy_{screen.lang}")
        st.toast(t("dashboard.saved"), icon=":material/check:")
        st.rerun()
    rows = report(figures, definition)
    st.table(pd.DataFrame([{
        t("subsidy.c_year"): t(f"subsidy.year_{r.year}"),
        t("subsidy.c_productivity"): "—" if r.productivity is None else f"{r.productivity:,.0f}",
        t("subsidy.c_growth"): "—" if r.growth is None else f"{r.growth:+.1f}%",
        t("subsidy.c_target"): "—" if r.target is None else f"+{r.target:g}%",
        t("subsidy.c_met"): "—" if r.met is None else t("subsidy.met" if r.met else "subsidy.not_met"),
    } for r in rows]).set_index(t("subsidy.c_year")))
    st.markdown(t("subsidy.leading"))
    for p in leading_indicators(board):
        st.markdown(f"- {card_line(screen, p)} {status_badge(screen, p.status)}")
    st.download_button(t("subsidy.download"), data=lambda: effect_report(screen, board, figures, definition),
                       file_name=t("subsidy.file_name"), icon=":material/download:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="subsidy_download", help=t("subsidy.download_help"))


def effect_report(screen: Screen, board: Dashboard, figures: dict[int, YearFigures], definition: str) -> bytes:
    """The effect report's draft as an Excel sheet, in the screen's language."""
    t = screen.t
    texts = {k: t(f"subsidy.x_{k}") for k in ("sheet", "figures", "result_header", "leading_header", "note")}
    texts |= {"met": t("subsidy.met"), "not_met": t("subsidy.not_met"),
              "title": t("subsidy.x_title", company=company_name(screen) or "—"),
              "subtitle": t("subsidy.x_subtitle", tool=board.tool or "—",
                            go_live="—" if board.go_live is None else f"{board.go_live:%Y-%m-%d}",
                            definition=t(f"subsidy.def_{definition}"))}
    labels = {f.name: t(f"subsidy.f_{f.name}") for f in dataclass_fields(YearFigures)}
    labels |= {f"year_{y}": t(f"subsidy.year_{y}") for y in YEARS}
    leading = [[p.spec.name, t(f"category.{p.spec.category}"), _rounded(p.baseline), _rounded(p.latest), p.spec.target,
                unit_label(screen, p.spec.unit), None if p.progress is None else round(p.progress),
                t(f"status.{p.status}")] for p in leading_indicators(board)]
    return report_workbook(texts, labels, figures, definition, leading)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)  # as on screen: a mean of 2.9666… reads 3
