"""Where the questionnaire's answers and the KPI data disagree: shown on the result page and the dashboard."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.evidence import disagreements
from core.progress import KpiSpec
from core.scoring import AssessmentResult
from ui.bootstrap import Screen


def show_disagreements(screen: Screen, result: AssessmentResult, specs: list[KpiSpec],
                       series: dict[str, dict[date, float]]) -> None:
    for d in disagreements(result, specs, series, screen.today, screen.store.roles()):
        st.warning(screen.t(d.key, **{k: (f"{v:.1f}" if isinstance(v, float) else v) for k, v in d.params.items()}),
                   icon=":material/fact_check:")
