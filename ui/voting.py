"""The facilitator's side of a live room: open it, show the code and QR, pace it, project it, end it.

The facilitator's session holds the room's host key
in its own session state, so no other browser can pace, read or end the room. After a server restart the
room comes back from its log, but sessions do not: the facilitator's link (`?room=CODE&key=…`, shown only
on the facilitator's panel, never projected) adopts the room into a new session and is then removed from
the address.
"""

from __future__ import annotations

import random
import secrets
from html import escape

import pandas as pd
import streamlit as st

from core.charts import group_strip_chart, svg
from core.drawing import DrawingFailed
from core.join_link import is_web_address, join_base, join_url, lan_address, qr_svg
from core.perception import OTHERS, Respondent, groups, levels_of, most_disputed, question_views
from core.perception import spread as spread_of
from core.perception import visible_room
from core.records import Assessment
from core.voting import MIN_VOTES, RoomGone, RoomView
from ui.bootstrap import Screen
from ui.pictures import img_tag
from ui.room_registry import registry

LIVE_REFRESH_SECONDS = 1  # a vote reaches the screen within about a second; an unchanged room costs one int read
STATE = "_live_room"
STRIP_WIDTH = 640


def open_room_of(assessment_id: int) -> tuple[str, str] | None:
    """This session's room for the assessment as (code, host key), while it lasts."""
    held = st.session_state.get(STATE)
    if not held or held["assessment"] != assessment_id:
        return None
    try:
        registry().version(held["code"], held["host"])
    except RoomGone:
        _lose_room(held["code"])
        return None
    return held["code"], held["host"]


def _lose_room(code: str) -> None:
    """The room went (idle, or ended elsewhere): forget it, and say so on the next panel."""
    st.session_state.pop(STATE, None)
    st.session_state["_live_gone"] = code


def _idle_hours() -> str:
    return f"{registry().idle_limit.total_seconds() / 3600:g}"


def adopt_from_link(screen: Screen) -> None:
    """A facilitator's link opened in a new session (after a restart, or on another device) takes the room
    over: into the assessment named in the address, or into a new one when this workspace has none."""
    code, key = st.query_params.get("room"), st.query_params.get("key")
    if not code or not key or screen.demo:
        return
    for name in ("room", "key"):
        st.query_params.pop(name, None)  # the key must not stay on a projected address bar
    try:
        registry().view(code, key)
    except RoomGone:
        st.warning(screen.t("live.link_gone", code=code, hours=_idle_hours()), icon=":material/timer_off:")
        return
    wanted = st.query_params.get("a")
    assessment_id = next((a.id for a in screen.store.assessments() if str(a.id) == wanted), None)
    if assessment_id is None:
        assessment_id = screen.store.create_assessment(screen.t("live.new_assessment", code=code), screen.today,
                                                       screen.questionnaire.version)
        st.query_params["a"] = str(assessment_id)
        st.session_state[STATE] = {"code": code, "host": key, "assessment": assessment_id, "fresh": True}
        return
    st.session_state[STATE] = {"code": code, "host": key, "assessment": assessment_id}


def facilitator_link(base: str, code: str, host_key: str, assessment_id: int) -> str:
    return f"{base}/result?a={assessment_id}&room={code}&key={host_key}"


def room_panel(screen: Screen, assessment: Assessment) -> None:
    """On the result page: open a room, or run the one that is open."""
    t = screen.t
    st.subheader(t("live.heading"))
    held = open_room_of(assessment.id)  # first: it notices a room that has gone
    gone = st.session_state.pop("_live_gone", None)
    if gone:
        st.warning(t("live.gone", code=gone, hours=_idle_hours()), icon=":material/timer_off:")
    ended = st.session_state.pop("_live_ended", None)
    if ended is not None:
        st.success(t("live.ended", n=ended), icon=":material/how_to_reg:")
    if held is None:
        _opener(screen, assessment)
        return
    code, host = held
    view = registry().view(code, host)
    left, right = st.columns([1, 2])
    with left:
        base = _join_base(screen)
        st.html(f'<div class="tk-join-code" style="font-size:44px;font-weight:700;letter-spacing:.12em">'
                f'{escape(code)}</div>{img_tag(t("live.qr_alt"), qr_svg(join_url(base, code)))}')
        st.code(join_url(base, code), language=None, wrap_lines=True)
    with right:
        st.metric(t("live.joined"), t("live.joined_value", n=view.joined, votes=view.votes))
        if view.voters_by_role:
            st.caption(t("list.join").join(t("respondent.group_n", group=t(f"respondent.role_{r}"), n=n)
                                           for r, n in view.voters_by_role.items()))
        _pace_controls(screen, code, host, view)
        st.button(t("live.present"), icon=":material/co_present:", type="primary", on_click=_present,
                  args=(assessment.id,), key="live_present")
        _address_editor(screen)
        # Shown for one run on request: a panel mirrored to a projector never carries the key by itself.
        if st.button(t("live.keep_link"), icon=":material/key:", key="live_keep_link", type="tertiary"):
            st.caption(t("live.keep_link_help"))
            st.code(facilitator_link(base, code, host, assessment.id), language=None, wrap_lines=True)
        _end_control(screen, code, host)


def _opener(screen: Screen, assessment: Assessment) -> None:
    t = screen.t
    st.caption(t("live.help"))
    if screen.storage.shared:  # every phone would see the workspace file the whole server writes to
        st.warning(t("live.shared_file"), icon=":material/lock:")
        return
    if screen.demo:
        st.caption(t("live.demo"))
        return
    held = st.session_state.get(STATE)
    if held:  # one room per facilitator: a second would leave the first taking votes nobody ends
        name = screen.assessment_labels().get(held["assessment"], "")
        st.info(t("live.other_open", code=held["code"], name=name), icon=":material/info:")
        st.page_link("pages/2_result.py", label=t("live.go_open"), icon=":material/arrow_forward:",
                     query_params=screen.params(a=held["assessment"]))
        return
    if screen.storage.mode == "local":  # on loopback only: phones cannot reach it without a tunnel
        st.warning(t("live.loopback_only"), icon=":material/wifi_off:")
    if st.button(t("live.open"), icon=":material/qr_code_2:", key="live_open"):
        code, host = registry().open_room(assessment.id, tuple(q.id for q in screen.questionnaire.questions))
        st.session_state[STATE] = {"code": code, "host": host, "assessment": assessment.id}
        st.rerun()


def _join_base(screen: Screen) -> str:
    """The address phones open: the facilitator's correction, else this page's own with a LAN address in
    place of localhost."""
    corrected = st.session_state.get("_live_base", "")
    if "_live_detected" not in st.session_state:  # once: the projector asks every second
        st.session_state["_live_detected"] = join_base(st.context.url, lan_address())
    return corrected or st.session_state["_live_detected"]


def _address_editor(screen: Screen) -> None:
    t = screen.t
    with st.expander(t("live.address")):
        st.caption(t("live.address_help"))
        typed = st.text_input(t("live.address_label"), value=_join_base(screen), key="_live_base_input")
        if typed.strip() != _join_base(screen):
            if is_web_address(typed):
                st.session_state["_live_base"] = typed.strip().rstrip("/")
                st.rerun()
            st.error(t("live.address_bad", text=typed), icon=":material/link_off:")


def _pace_controls(screen: Screen, code: str, host: str, view: RoomView) -> None:
    t, lang = screen.t, screen.lang
    pace = st.segmented_control(t("live.pace"), ["all", "one"], default=view.pace, key=f"_live_pace_{view.pace}",
                                format_func=lambda p: t(f"live.pace_{p}"))
    if pace and pace != view.pace:
        _act(code, registry().set_pace, code, host, pace)
        st.rerun()
    if view.pace != "one":
        return
    names = {q.id: f"{i}. {q.text(lang)}" for i, q in enumerate(screen.questionnaire.questions, start=1)}
    current = next((q.question_id for q in view.questions if q.status == "open"), None)
    names = {q: name for q, name in names.items() if q in {x.question_id for x in view.questions}}
    chosen = st.selectbox(t("live.question"), list(names), format_func=names.get, key="_live_question",
                          index=list(names).index(current) if current in names else 0)
    votes = view.question(chosen)
    st.caption(t(f"live.status_{votes.status}", n=votes.count) + ("　" + t("live.shown") if votes.shown else ""))
    with st.container(horizontal=True):
        st.button(t("live.open_question"), key="live_q_open", disabled=votes.status == "open",
                  on_click=_act, args=(code, _open_only, code, host, chosen))
        st.button(t("live.close_question"), key="live_q_close", disabled=votes.status != "open",
                  on_click=_act, args=(code, registry().set_status, code, host, chosen, "closed"))
        st.button(t("live.reveal"), key="live_q_reveal",
                  disabled=votes.shown or (votes.count < MIN_VOTES and votes.status != "closed"),
                  on_click=_act, args=(code, registry().reveal, code, host, chosen), help=t("live.reveal_help"))


def _act(code: str, action, *args) -> None:
    """A facilitator's step; a room that has meanwhile gone (idle, or ended elsewhere) is said so."""
    try:
        action(*args)
    except (RoomGone, KeyError):
        _lose_room(code)


def _open_only(code: str, host: str, question_id: str) -> None:
    """One question at a time: opening one closes the one that was open."""
    for q in registry().view(code, host).questions:
        if q.status == "open":
            registry().set_status(code, host, q.question_id, "closed")
    registry().set_status(code, host, question_id, "open")


def _end_control(screen: Screen, code: str, host: str) -> None:
    t = screen.t
    with st.popover(t("live.end"), icon=":material/stop_circle:"):
        st.write(t("live.end_confirm"))
        if st.button(t("live.end_button"), type="primary", key="live_end"):
            _end(screen, code, host)
            st.rerun()


def _end(screen: Screen, code: str, host: str) -> None:
    """The room's phones become respondents of the assessment, labelled by role and a number, in one
    transaction. Voting is closed first, so a phone tapping meanwhile is told its answer was not counted,
    and the room is deleted only after the write: a failed write loses no vote. The numbers follow a
    shuffled order, never the order people joined in (which the room could remember), and each phone's
    answers carry an id of their own, as a paper form's do, so they can never be added twice."""
    held = st.session_state[STATE]
    try:
        registry().close_all(code, host)
        ballots = registry().ballots(code, host)
    except RoomGone:  # ended from another tab with the facilitator's link, or gone idle
        _lose_room(code)
        return
    random.SystemRandom().shuffle(ballots)
    numbers: dict[str, int] = {}
    batch, run = [], secrets.token_hex(4)
    for i, (role, answers) in enumerate(ballots, start=1):
        numbers[role] = numbers.get(role, 0) + 1
        label = screen.t("live.respondent_label", role=screen.t(f"respondent.role_{role}"), n=numbers[role])
        batch.append((role, label, f"room-{code}-{run}-{i}", list(answers.values())))
    if batch:
        screen.store.add_form_respondents(held["assessment"], batch)
    if held.get("fresh") and batch:  # made for the room after a restart: its empty first respondent goes
        first = screen.store.respondents(held["assessment"])[0]
        if not screen.store.answers(held["assessment"], first.id):
            screen.store.remove_respondent(first.id)
    try:
        registry().end(code, host)
    except RoomGone:
        pass  # written already; the room went meanwhile
    st.session_state.pop(STATE)
    st.session_state["_live_ended"] = len(batch)


def _present(assessment_id: int) -> None:
    st.query_params.update({"present": "1", "a": str(assessment_id), "step": "live"})


# -- the projected screen ------------------------------------------------------------------------------

def live_slide(screen: Screen, assessment_id: int) -> None:
    """The room on the projector, refreshed every few seconds; redrawn only when a vote or a step of the
    facilitator changed the room."""
    held = open_room_of(assessment_id)
    if held is None:
        st.html(f'<div class="tk-slide"><h1>{escape(screen.t("live.slide_none"))}</h1></div>')
        return
    _live_fragment(screen, *held)


@st.fragment(run_every=LIVE_REFRESH_SECONDS)
def _live_fragment(screen: Screen, code: str, host: str) -> None:
    try:
        version = registry().version(code, host)
    except RoomGone:
        st.html(f'<div class="tk-slide"><h1>{escape(screen.t("live.slide_ended"))}</h1></div>')
        return
    cached = st.session_state.get("_live_html")
    key = (code, version, screen.lang, _join_base(screen))
    if cached is None or cached[0] != key:
        cached = (key, _slide_html(screen, registry().view(code, host)))
        st.session_state["_live_html"] = cached
    st.html(cached[1])


def _slide_html(screen: Screen, view: RoomView) -> str:
    t = screen.t
    url = join_url(_join_base(screen), view.code)
    count = t("live.joined_value", n=view.joined, votes=view.votes)
    left = (f'<div class="tk-strong">{escape(t("live.slide_join"))}</div>'
            f'<div class="tk-key" data-testid="live-code">{escape(view.code)}</div>'
            f'<div class="tk-strong" data-testid="live-count">{escape(count)}</div>'
            f'<div class="tk-qr">{img_tag(t("live.qr_alt"), qr_svg(url))}</div><p class="tk-note">{escape(url)}</p>')
    return (f'<div class="tk-slide"><h1>{escape(t("live.slide_title"))}</h1><div class="tk-row">'
            f'<div class="tk-left">{left}</div><div class="tk-right">{_slide_body(screen, view)}</div></div></div>')


def _slide_body(screen: Screen, view: RoomView) -> str:
    t, q = screen.t, screen.questionnaire
    texts = {x.id: x.text(screen.lang) for x in q.questions}
    if view.pace == "one":
        current = next((x for x in view.questions if x.status == "open"), None) or next(
            (x for x in reversed(view.questions) if x.status == "closed"), None)
        if current is None:
            return f'<p class="tk-note">{escape(t("live.slide_waiting"))}</p>'
        head = (f'<div class="tk-strong">{escape(texts[current.question_id])}</div>'
                f'<p class="tk-note">{escape(t(f"live.status_{current.status}", n=current.count))}</p>')
        return head + (_strip(screen, view, current.question_id) if current.shown
                       else f'<p class="tk-note">{escape(t("live.slide_hidden"))}</p>')
    min_group = screen.min_group()
    shown_people = list(view.shown_respondents)
    disputed = most_disputed(question_views(q, visible_room(shown_people, min_group) or shown_people, min_group), n=3)
    if not disputed:
        return f'<p class="tk-note">{escape(t("live.slide_collecting", min=3))}</p>'
    first, *rest = disputed
    items = "".join(f'<li class="tk-note">{escape(texts[v.question_id])}</li>' for v in rest)
    return (f'<div class="tk-strong">{escape(t("live.slide_disputed"))}</div>'
            f'<p class="tk-note">{escape(texts[first.question_id])}</p>{_strip(screen, view, first.question_id)}'
            + (f'<ol class="tk-list" start="2">{items}</ol>' if items else ""))


def _strip(screen: Screen, view: RoomView, question_id: str) -> str:
    """One question's votes as dots, each row with its n. Per role only where every shown row holds at
    least `min_group` people (経営者 named) and the whole room's row counts the shown people alone, so no
    row can be worked out from the others; else the whole room in one row."""
    t = screen.t
    min_group = screen.min_group()
    answered = [r for r in view.shown_respondents if levels_of([r], question_id)]
    visible = visible_room(answered, min_group)
    rows: dict[str, list[Respondent]] = {t("live.everyone"): visible or answered}
    for group, members in groups(visible, min_group).items():
        rows[t(f"respondent.role_{'others' if group == OTHERS else group}")] = members
    dots, medians = [], []
    for name, members in rows.items():
        levels = levels_of(members, question_id)
        if not levels:
            continue
        label = t("respondent.group_n", group=name, n=len(levels))
        median = spread_of(levels).median
        dots += [{"group": label, "score": level} for level in levels]
        medians.append({"group": label, "median": median, "value": f"{median:.1f}", "label": label})
    if not medians:
        return ""
    labels = [m["group"] for m in medians]
    try:
        drawn = svg(group_strip_chart, pd.DataFrame(dots), pd.DataFrame(medians), groups=labels,
                    score_title=t("live.level_axis"), width=STRIP_WIDTH)
    except DrawingFailed:
        return f'<p class="tk-note">{escape(t("dashboard.chart_failed"))}</p>'
    return img_tag(t("live.strip_alt"), drawn)
