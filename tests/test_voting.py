"""The live voting rooms: codes, who sees what, pacing, the log, expiry, and many phones at once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.scoring import Answer
from core.voting import (
    ALPHABET, CODE_LENGTH, MIN_VOTES, WRONG_CODES_PER_MINUTE, CodeGuard, RoomGone, RoomRegistry, TooManyTries,
    VotingClosed, normalise_code,
)

QUESTIONS = ("q1", "q2", "q3")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 13, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(tmp_path, clock) -> RoomRegistry:
    return RoomRegistry(tmp_path, clock)


def test_codes_are_short_unguessable_and_free_of_look_alikes(registry):
    codes = {registry.open_room(1, QUESTIONS)[0] for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)
    assert len(ALPHABET) ** CODE_LENGTH > 5e8


def test_typed_codes_are_forgiven_case_spaces_and_full_width():
    assert normalise_code(" k7q-x3p ") == "K7QX3P"
    assert normalise_code("ｋ７ｑ　ｘ３ｐ") == "K7QX3P"


def test_a_phone_sees_its_own_answers_and_tallies_only_once_shown(registry):
    code, host = registry.open_room(1, QUESTIONS)
    phones = [registry.join(code, role) for role in ("floor", "floor", "manager")]
    registry.vote(code, phones[0], Answer("q1", 1))
    first = registry.phone_view(code, phones[0])
    assert first.own == {"q1": Answer("q1", 1)} and first.tallies == {}
    assert registry.phone_view(code, phones[1]).own == {}
    registry.vote(code, phones[1], Answer("q1", 2))
    assert registry.view(code, host).question("q1").shown is False  # two taps would still show who
    registry.vote(code, phones[2], Answer("q1", None, unknown=True))
    assert registry.phone_view(code, phones[1]).tallies == {"q1": {"1": 1, "2": 1, "unknown": 1}}
    view = registry.view(code, host)
    assert view.question("q1").shown and view.question("q1").count == MIN_VOTES
    assert view.joined == 3 and view.voters_by_role == {"manager": 1, "floor": 2}


def test_a_later_answer_replaces_the_earlier_one(registry):
    code, host = registry.open_room(1, QUESTIONS)
    phone = registry.join(code, "floor")
    registry.vote(code, phone, Answer("q2", 0))
    registry.vote(code, phone, Answer("q2", 3))
    assert registry.view(code, host).question("q2").count == 1
    assert registry.phone_view(code, phone).own["q2"].level == 3


def test_one_question_at_a_time_open_close_reveal(registry):
    code, host = registry.open_room(1, QUESTIONS)
    registry.set_pace(code, host, "one")
    phones = [registry.join(code, "floor") for _ in range(4)]
    with pytest.raises(VotingClosed):
        registry.vote(code, phones[0], Answer("q1", 2))
    registry.set_status(code, host, "q1", "open")
    assert registry.phone_view(code, phones[0]).open_questions == ("q1",)
    registry.vote(code, phones[0], Answer("q1", 2))
    assert registry.reveal(code, host, "q1") is False  # one vote, still open: it would show that person
    registry.set_status(code, host, "q1", "closed")
    with pytest.raises(VotingClosed):
        registry.vote(code, phones[1], Answer("q1", 2))
    assert registry.view(code, host).question("q1").shown is False  # closed is not yet revealed
    assert registry.reveal(code, host, "q1") is True
    assert registry.view(code, host).question("q1").shown
    registry.set_status(code, host, "q2", "open")
    for phone in phones[:MIN_VOTES]:
        registry.vote(code, phone, Answer("q2", 1))
    assert registry.view(code, host).question("q2").shown is False  # paced: the facilitator reveals
    assert registry.reveal(code, host, "q2") is True


def test_the_facilitator_view_holds_only_shown_answers(registry):
    code, host = registry.open_room(1, QUESTIONS)
    phones = [registry.join(code, "floor") for _ in range(3)]
    for phone in phones:
        registry.vote(code, phone, Answer("q1", 2))
    registry.vote(code, phones[0], Answer("q2", 4))
    people = registry.view(code, host).shown_respondents
    assert [set(p.answers) for p in people] == [{"q1"}, {"q1"}, {"q1"}]


def test_without_the_host_key_the_room_cannot_be_read_or_paced(registry):
    code, host = registry.open_room(1, QUESTIONS)
    for act in (lambda: registry.view(code, "guess"), lambda: registry.set_pace(code, "guess", "one"),
                lambda: registry.end(code, "guess"), lambda: registry.view("ZZZZZZ", host)):
        with pytest.raises(RoomGone):
            act()
    with pytest.raises(RoomGone):  # a made-up voter key reads nothing either
        registry.phone_view(code, "someone-else")


def test_wrong_codes_are_limited_per_session(registry, clock):
    registry.open_room(1, QUESTIONS)
    guard = CodeGuard()
    for _ in range(CodeGuard.FREE_TRIES):
        assert registry.check_code("AAAAAA", guard) is False
    with pytest.raises(TooManyTries) as waited:
        registry.check_code("AAAAAA", guard)
    assert waited.value.until == clock.now + CodeGuard.FIRST_WAIT
    clock.advance(seconds=31)
    assert registry.check_code("AAAAAA", guard) is False
    with pytest.raises(TooManyTries) as longer:
        registry.check_code("AAAAAA", guard)
    assert longer.value.until == clock.now + 2 * CodeGuard.FIRST_WAIT  # each wrong code doubles the wait


def test_wrong_codes_are_limited_per_client_address(registry, clock):
    code, _ = registry.open_room(1, QUESTIONS)
    for _ in range(WRONG_CODES_PER_MINUTE):
        registry.check_code("AAAAAA", CodeGuard(), "203.0.113.9")  # a fresh session each time, as a script would
    with pytest.raises(TooManyTries):  # from that address even a right code is refused: no answer tells them apart
        registry.check_code(code, CodeGuard(), "203.0.113.9")
    assert registry.check_code(code, CodeGuard(), "198.51.100.7") is True  # the room's phones still join
    clock.advance(minutes=1, seconds=1)
    assert registry.check_code(code, CodeGuard(), "203.0.113.9") is True


def test_a_reopened_question_is_hidden_again_until_it_has_three_votes(registry):
    code, host = registry.open_room(1, QUESTIONS)
    registry.set_pace(code, host, "one")
    phones = [registry.join(code, "floor") for _ in range(2)]
    registry.set_status(code, host, "q1", "open")
    registry.vote(code, phones[0], Answer("q1", 1))
    registry.set_status(code, host, "q1", "closed")
    assert registry.reveal(code, host, "q1")
    registry.set_status(code, host, "q1", "open")
    registry.vote(code, phones[1], Answer("q1", 3))
    assert registry.view(code, host).question("q1").shown is False
    assert registry.phone_view(code, phones[1]).tallies == {}
    registry.set_status(code, host, "q1", "closed")
    assert registry.reveal(code, host, "q1")
    registry.set_pace(code, host, "all")  # every question open again: nothing stays revealed
    assert not any(q.shown for q in registry.view(code, host).questions)


def test_closing_every_question_first_means_no_vote_is_lost_while_ending(registry):
    code, host = registry.open_room(1, QUESTIONS)
    phone = registry.join(code, "floor")
    registry.vote(code, phone, Answer("q1", 2))
    registry.close_all(code, host)
    with pytest.raises(VotingClosed):  # the phone is told; the ballots read next hold every counted vote
        registry.vote(code, phone, Answer("q2", 2))
    assert registry.ballots(code, host) == [("floor", {"q1": Answer("q1", 2)})]


def test_the_log_is_readable_by_the_server_alone(registry, tmp_path):
    code, _ = registry.open_room(1, QUESTIONS)
    assert (tmp_path / f"room-{code}.jsonl").stat().st_mode & 0o077 == 0


def test_a_room_idle_for_three_hours_is_gone_with_its_log(registry, clock, tmp_path):
    code, host = registry.open_room(1, QUESTIONS)
    phone = registry.join(code, "owner")
    clock.advance(hours=2, minutes=59)
    registry.vote(code, phone, Answer("q1", 3))  # a vote is activity
    clock.advance(hours=2, minutes=59)
    assert registry.view(code, host).votes == 1
    clock.advance(hours=3, minutes=1)
    with pytest.raises(RoomGone):
        registry.vote(code, phone, Answer("q1", 2))
    assert list(tmp_path.iterdir()) == []


def test_ending_returns_every_phone_and_deletes_everything(registry, tmp_path):
    code, host = registry.open_room(7, QUESTIONS)
    owner, floor, _silent = registry.join(code, "owner"), registry.join(code, "floor"), registry.join(code, "it")
    registry.vote(code, owner, Answer("q1", 3))
    registry.vote(code, floor, Answer("q1", 1))
    registry.vote(code, floor, Answer("q3", None, unknown=True))
    assert registry.ballots(code, host) == [("owner", {"q1": Answer("q1", 3)}),
                                            ("floor", {"q1": Answer("q1", 1), "q3": Answer("q3", None, unknown=True)})]
    registry.end(code, host)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RoomGone):
        registry.vote(code, floor, Answer("q2", 1))
    assert registry.check_code(code, CodeGuard()) is False


def test_a_restart_brings_every_room_back_from_the_log(tmp_path, clock):
    first = RoomRegistry(tmp_path, clock)
    code, host = first.open_room(3, QUESTIONS)
    first.set_pace(code, host, "one")
    first.set_status(code, host, "q2", "open")
    phones = [first.join(code, role) for role in ("floor", "manager", "floor")]
    for level, phone in enumerate(phones):
        first.vote(code, phone, Answer("q2", level))
    first.set_status(code, host, "q2", "closed")
    first.reveal(code, host, "q2")
    with (tmp_path / f"room-{code}.jsonl").open("a") as log:
        log.write('{"e": "vote", "voter"')  # the server died mid-write
    again = RoomRegistry(tmp_path, clock)
    assert again.view(code, host) == first.view(code, host)
    assert again.phone_view(code, phones[1]) == first.phone_view(code, phones[1])
    again.set_status(code, host, "q3", "open")  # the next event after the cut line is kept too
    again.vote(code, phones[0], Answer("q3", 4))
    assert RoomRegistry(tmp_path, clock).view(code, host) == again.view(code, host)
    (tmp_path / "room-ZZZZZZ.jsonl").write_text('{"e": "open"}\n')  # a log that cannot be read
    assert RoomRegistry(tmp_path, clock).view(code, host) == again.view(code, host)


def test_many_phones_voting_at_once_lose_no_vote(registry):
    code, host = registry.open_room(1, tuple(f"q{i}" for i in range(20)))
    phones = [registry.join(code, "floor") for _ in range(30)]

    def vote_all(phone: str) -> None:
        for i in range(20):
            registry.vote(code, phone, Answer(f"q{i}", i % 5))

    threads = [threading.Thread(target=vote_all, args=(p,)) for p in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    view = registry.view(code, host)
    assert [q.count for q in view.questions] == [30] * 20
    assert view.version == 30 + 600  # every join and vote, once


events = st.lists(st.tuples(st.sampled_from(("join", "vote", "pace", "open", "close", "reveal")),
                            st.integers(0, 5), st.sampled_from(QUESTIONS), st.integers(0, 4)), max_size=40)


@settings(max_examples=40, deadline=None)
@given(events)
def test_any_sequence_of_events_replays_to_the_same_room(tmp_path_factory, script):
    directory = tmp_path_factory.mktemp("log")
    clock = Clock()
    live = RoomRegistry(directory, clock)
    code, host = live.open_room(1, QUESTIONS)
    phones: list[str] = []
    for kind, who, question, level in script:
        clock.advance(seconds=5)
        if kind == "join":
            phones.append(live.join(code, ("owner", "manager", "floor")[who % 3]))
        elif kind == "vote" and phones:
            try:
                live.vote(code, phones[who % len(phones)], Answer(question, level))
            except VotingClosed:
                pass
        elif kind == "pace":
            live.set_pace(code, host, ("all", "one")[who % 2])
        elif kind in ("open", "close"):
            live.set_status(code, host, question, "open" if kind == "open" else "closed")
        elif kind == "reveal":
            live.reveal(code, host, question)
    assert RoomRegistry(directory, clock).view(code, host) == live.view(code, host)
