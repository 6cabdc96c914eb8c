"""The import screen's pieces: one panel per uploaded file, from check to commit."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from core.importing.findings import Finding, ImportRejected
from core.importing.check import CheckedFile, Limits
from core.importing.pipeline import Analysis, Preview, content_hash, preview, to_observations
from core.importing.shape import AGGREGATIONS, Mapping, is_target_column, kpi_name
from core.importing.locate import Grid
from core.importing.template import build_template
from core.values import fiscal_year_of
from ui.bootstrap import Screen

log = logging.getLogger(__name__)
SHAPES = ("wide", "long", "columns")
NONE = -1  # "no such column" in a select box


def limits() -> Limits:
    return Limits(max_bytes=int(st.get_option("server.maxUploadSize")) * 1024 * 1024)


def template_button(screen: Screen) -> None:
    t = screen.t
    year = fiscal_year_of(screen.today)
    texts = {k: t(f"template.{k}") for k in ("guide_sheet", "data_sheet", "title", "kpi", "unit", "target",
                                              "guide", "error_title", "error")}
    st.download_button(t("import.template_button"), data=lambda: build_template(year, texts),
                       file_name=t("template.file_name", year=year), icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", key="template_download")


def file_panel(screen: Screen, name: str, data: bytes, index: int) -> None:
    """Everything about one uploaded file; any failure is a message that names the file."""
    t = screen.t
    try:
        found = preview(
            name, data, limits(), st.session_state.setdefault("_import_cache", {}),  # this session's only
            choose_sheet=lambda checked: _sheet_choice(screen, checked, index),
            choose_header=lambda grid, proposed: _header_choice(screen, grid, proposed, index),
            choose_mapping=lambda grid, base: _mapping_widgets(screen, grid, base, index),
            reading=lambda: st.spinner(t("import.reading", name=name)))
    except ImportRejected as rejected:
        st.error(t("import.file_error", name=name, message=t(rejected.key, **rejected.params)),
                 icon=":material/error:")
        return
    except Exception:  # a parser bug must not end the session or show a traceback
        log.exception("import failed for %s", name)
        st.error(t("import.file_error", name=name, message=t("import.unexpected")), icon=":material/error:")
        return
    _preview(screen, name, found, index)


def _sheet_choice(screen: Screen, checked: CheckedFile, index: int) -> int | None:
    t = screen.t
    if checked.kind == "csv":
        return None
    def label(i: int) -> str:
        s = checked.sheets[i]
        marks = [t("import.sheet_hidden")] if not s.visible else []
        marks += [t("import.sheet_notes")] if s.looks_like_notes else []
        marks += [t("import.sheet_proposed")] if i == checked.proposed_sheet else []
        return t("import.sheet_label", name=s.name, marks=t("list.join").join(marks)) if marks else s.name
    options = list(range(len(checked.sheets)))
    return st.selectbox(t("import.sheet"), options, index=checked.proposed_sheet or 0, format_func=label,
                        key=f"import_sheet_{index}", help=t("import.sheet_help"))


def _header_choice(screen: Screen, grid: Grid, proposed: Analysis, index: int) -> int:
    """The header row as the user sees it, an Excel row number; the proposal by default."""
    header_excel_row = st.number_input(
        screen.t("import.header_row"), min_value=grid.origin_row, max_value=grid.origin_row + max(grid.height - 1, 0),
        value=grid.excel_row(proposed.table.header_row), step=1, key=f"import_header_{index}_{grid.sheet}",
        help=screen.t("import.header_row_help"))
    return int(header_excel_row) - grid.origin_row


def _mapping_widgets(screen: Screen, grid: Grid, base: Analysis, index: int) -> Mapping:
    t, m, columns = screen.t, base.mapping, base.table.columns
    prefix = f"import_{index}_{grid.sheet}_{base.table.header_row}"
    shape = st.radio(t("import.shape"), SHAPES, index=SHAPES.index(m.shape), horizontal=True,
                     format_func=lambda s: t(f"import.shape_{s}"), key=f"{prefix}_shape",
                     help=t("import.shape_help"))
    options = [NONE, *range(len(columns))]
    name_of = lambda j: t("import.no_column") if j == NONE else columns[j]  # noqa: E731

    def pick(label: str, current: int | None, key: str) -> int | None:
        chosen = st.selectbox(t(label), options, index=options.index(NONE if current is None else current),
                              format_func=name_of, key=f"{prefix}_{key}")
        return None if chosen == NONE else chosen

    year = m.fiscal_year or fiscal_year_of(screen.today)
    left, right = st.columns(2)
    with left:
        if shape == "wide":
            kpi = pick("import.col_kpi", m.kpi_column, "kpi")
            unit = pick("import.col_unit", m.unit_column, "unit")
            target = pick("import.col_target", m.target_column, "target")
            rest = [j for j in range(len(columns)) if j not in (kpi, unit, target)]
            months = st.multiselect(t("import.col_months"), rest, default=[j for j in m.period_columns if j in rest],
                                    format_func=name_of, key=f"{prefix}_months")
            mapping = Mapping("wide", kpi_column=kpi, unit_column=unit, target_column=target, period_columns=months)
        elif shape == "long":
            mapping = Mapping("long", period_column=pick("import.col_period", m.period_column, "period"),
                              kpi_column=pick("import.col_kpi", m.kpi_column, "kpi"),
                              value_column=pick("import.col_value", m.value_column, "value"),
                              unit_column=pick("import.col_unit", m.unit_column, "unit"),
                              target_column=pick("import.col_target", m.target_column, "target"))
        else:
            period = pick("import.col_period", m.period_column, "period")
            kpis = st.multiselect(t("import.col_kpis"), [j for j in range(len(columns)) if j != period],
                                  default=[j for j in m.kpi_columns if j != period], format_func=name_of,
                                  key=f"{prefix}_kpis", help=t("import.col_kpis_help"))
            mapping = Mapping("columns", period_column=period, kpi_columns=kpis)
    with right:
        fiscal_year = st.number_input(t("import.fiscal_year"), 1990, 2100, value=year, step=1,
                                      key=f"{prefix}_fy", help=t("import.fiscal_year_help"))
        mapping = mapping.with_changes(fiscal_year=int(fiscal_year), aggregation=_aggregation_widgets(
            screen, grid, base, mapping, prefix))
    return mapping


def _aggregation_widgets(screen: Screen, grid: Grid, base: Analysis, mapping: Mapping, prefix: str) -> dict:
    """Shown only for logs, where several rows fall in one month."""
    t = screen.t
    if mapping.shape != "columns" or not base.extraction.observations["rows"].gt(1).any():
        return dict(base.mapping.aggregation)
    st.markdown(t("import.aggregation"))
    rules = {}
    for j in mapping.kpi_columns:
        column = base.table.columns[j]
        if is_target_column(column):
            continue
        kpi = kpi_name(column)
        default = base.mapping.aggregation.get(kpi, "sum")
        rules[kpi] = st.selectbox(kpi, AGGREGATIONS, index=AGGREGATIONS.index(default),
                                  format_func=lambda a: t(f"import.agg_{a}"), key=f"{prefix}_agg_{j}")
    return rules


def finding_text(screen: Screen, finding: Finding) -> str:
    t = screen.t
    if finding.key == "import.steps_done":  # a count per kind of change
        done = t("import.step_separator").join(t(f"step.{k}", count=n) for k, n in finding.params["steps"].items())
        return t(finding.key, steps=done)
    return t(finding.key, **finding.params)


def findings_frame(screen: Screen, findings: list[Finding]) -> pd.DataFrame:
    t = screen.t
    return pd.DataFrame([{t("import.f_kind"): t(f"import.kind_{f.kind}"), t("import.f_sheet"): f.sheet or "",
                          t("import.f_cell"): f.cell, t("import.f_message"): finding_text(screen, f)}
                         for f in findings])


def _preview(screen: Screen, name: str, found: Preview, index: int) -> None:
    t, analysis, findings = screen.t, found.analysis, found.findings
    frame = analysis.extraction.observations
    kpis = frame["kpi"].nunique() if not frame.empty else 0
    st.markdown(t("import.summary", count=len(frame), kpis=kpis, findings=len(findings)))
    blank = lambda v: "—" if v is None or pd.isna(v) else f"{v:g}"  # noqa: E731 - empty cells read as empty
    shown = frame.assign(unit=frame["unit"].fillna("—"), target=frame["target"].map(blank),
                         value=frame["value"].map(blank))
    shown = shown.rename(columns={c: t(f"import.o_{c}") for c in frame.columns})
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={t("import.o_period"): st.column_config.DateColumn(format="YYYY-MM")})
    if findings:
        with st.expander(t("import.findings", count=len(findings)), expanded=len(frame) == 0):
            st.dataframe(findings_frame(screen, findings), hide_index=True, width="stretch")
    if frame.empty:
        st.warning(t("import.nothing_to_store"))
        return
    if st.button(t("import.commit", count=len(frame)), type="primary", key=f"import_commit_{index}",
                 disabled=screen.demo, icon=":material/save:"):
        result = screen.store.commit_observations(to_observations(analysis), file_name=name,
                                                  source_hash=content_hash(found.checked.data), sheet=found.grid.sheet)
        st.session_state[f"_import_result_{index}"] = result
    result = st.session_state.get(f"_import_result_{index}")
    if result is not None:
        st.success(t("import.committed", added=result.added, replaced=len(result.replaced),
                     unchanged=result.unchanged), icon=":material/check:")
        if result.targets_updated:
            st.caption(t("import.targets_updated", count=result.targets_updated))
        for c in result.replaced:
            st.caption(t("import.corrected", kpi=c.kpi, period=f"{c.period:%Y-%m}", old=c.old, new=c.new))


def stored_kpis(screen: Screen) -> None:
    t = screen.t
    rows = screen.store.kpi_observations()
    st.subheader(t("import.stored_heading"))
    if not rows:
        st.caption(t("import.stored_none"))
        return
    frame = pd.DataFrame(rows)
    table = frame.pivot_table(index=["kpi", "unit"], columns="period", values="value", aggfunc="last")
    table.columns = [f"{p:%Y-%m}" for p in table.columns]
    table.index = table.index.set_names([t("import.o_kpi"), t("import.o_unit")])
    st.dataframe(table, width="stretch")
