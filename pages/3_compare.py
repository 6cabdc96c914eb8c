"""Before/after: up to four assessments on one radar, and the change per dimension."""

import streamlit as st

from core.charts import RadarSeries
from core.scoring import changes
from ui.assessments import label_of, result_of
from ui.bootstrap import HOME, bootstrap
from ui.format import md
from ui.result import change_table, perspective_picker, radar, role_scores

screen = bootstrap("nav.compare")
t = screen.t
st.title(t("compare.title"))
assessments = screen.store.assessments()
if len(assessments) < 2:
    st.info(t("compare.need_two"))
    st.page_link(HOME, label=t("assessment.go_home"), icon=":material/home:", query_params=screen.params())
    st.stop()

chosen = st.multiselect(t("compare.pick"), assessments, default=assessments[-4:], max_selections=4,
                        format_func=lambda a: label_of(screen, a), key=f"_compare_pick_{screen.lang}",
                        placeholder=t("compare.placeholder"))
chosen = sorted(chosen, key=lambda a: (a.taken_on, a.id))
if len(chosen) < 2:
    st.warning(t("compare.pick_two"))
    st.stop()

results = [result_of(screen, a) for a in chosen]
rooms = [screen.store.room(a.id) for a in chosen]
role = perspective_picker(screen, rooms)
if role is None:
    radar(screen, [RadarSeries(label_of(screen, a), {d.dimension_id: d.score for d in r.dimensions})
                   for a, r in zip(chosen, results)])
else:
    lines = [(a, role_scores(screen, room, role)) for a, room in zip(chosen, rooms)]
    radar(screen, [RadarSeries(label_of(screen, a), scores) for a, scores in lines if scores is not None])
    if left_out := [label_of(screen, a) for a, scores in lines if scores is None]:
        st.caption(t("compare.role_missing", labels=md(t("list.join").join(left_out))))

first, last = chosen[0], chosen[-1]
st.subheader(t("compare.change_heading", before=md(label_of(screen, first)), after=md(label_of(screen, last))))
change_table(screen, first, last, changes(results[0], results[-1]))
