"""Before/after: up to four assessments on one radar, and the change per dimension."""

import pandas as pd
import streamlit as st

from core.charts import RadarSeries, change_chart
from core.scoring import changes
from ui.assessments import label_of, result_of
from ui.bootstrap import HOME, bootstrap
from ui.result import dimension_labels, fmt, radar

screen = bootstrap("nav.compare")
t, q, lang = screen.t, screen.questionnaire, screen.lang
st.title(t("compare.title"))
assessments = screen.store.assessments()
if len(assessments) < 2:
    st.info(t("compare.need_two"))
    st.page_link(HOME, label=t("assessment.go_home"), icon=":material/home:", query_params=screen.params())
    st.stop()

chosen = st.multiselect(t("compare.pick"), assessments, default=assessments[-4:], max_selections=4,
                        format_func=lambda a: label_of(screen, a), key="_compare_pick")
chosen = sorted(chosen, key=lambda a: (a.taken_on, a.id))
if len(chosen) < 2:
    st.warning(t("compare.pick_two"))
    st.stop()

results = [result_of(screen, a) for a in chosen]
radar(screen, [RadarSeries(label_of(screen, a), {d.dimension_id: d.score for d in r.dimensions})
               for a, r in zip(chosen, results)])

first, last = chosen[0], chosen[-1]
st.subheader(t("compare.change_heading", before=label_of(screen, first), after=label_of(screen, last)))
names = dict(dimension_labels(screen))
rows = [{"dimension": names[c.dimension_id], "before": fmt(c.before), "after": fmt(c.after), "delta": c.delta}
        for c in changes(results[0], results[-1])]
table = pd.DataFrame(rows)
shown = table.assign(delta=table["delta"].map(lambda d: "—" if pd.isna(d) else f"{d:+.1f}")).rename(columns={
    "dimension": t("result.col_dimension"), "before": label_of(screen, first),
    "after": label_of(screen, last), "delta": t("compare.delta")})
st.table(shown.set_index(t("result.col_dimension")))
measurable = table.dropna(subset=["delta"])
if not measurable.empty:
    st.altair_chart(change_chart(measurable, dimension_title=t("result.col_dimension"),
                                 delta_title=t("compare.delta")), width="stretch")
