"""Live voting rooms: the one thing two browser sessions ever share.

A facilitator opens a room for an assessment; phones join it by its code and vote on its questions. Every
change goes through one lock and is appended to the room's log (one JSON line per event, flushed and
synced) before it is applied, so a server restart replays the logs and brings each room back with every
vote. Ending a room, or leaving it idle for `IDLE_LIMIT`, deletes it and its log.

Who may see what is decided here, not in the pages:
- without the code nothing of a room can be read, and wrong codes are limited per session (`CodeGuard`)
  and per client address (`WRONG_CODES_PER_MINUTE`), so codes cannot be enumerated;
- a phone sees its own answers, and a question's votes only once it is revealed;
- only the holder of the room's host key (the facilitator's session) can pace, read or end the room.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from core.perception import ROLES, Respondent, Role
from core.scoring import Answer

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a projector and typed on a phone
CODE_LENGTH = 6  # 31**6 ≈ 8.9e8 codes
MIN_VOTES = 3  # a question's votes are shown from this many on, or once it is closed
IDLE_LIMIT = timedelta(hours=3)
WRONG_CODES_PER_MINUTE = 60  # from one client address; above it that address is refused for a minute
Pace = Literal["all", "one"]
Status = Literal["waiting", "open", "closed"]


class RoomGone(Exception):
    """No room has this code (never opened, ended, or expired), or the key does not match it."""


class VotingClosed(Exception):
    """The question is not open for votes."""


class TooManyTries(Exception):
    """Too many wrong codes: wait until `until`."""

    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


@dataclass(frozen=True)
class QuestionVotes:
    question_id: str
    status: Status
    count: int
    shown: bool  # whether its votes may be shown (see `Room.shown`)


@dataclass(frozen=True)
class RoomView:
    """What the facilitator's screens read: counts for every question, votes only where shown."""

    code: str
    assessment_id: int
    pace: Pace
    version: int
    joined: int
    voters_by_role: dict[str, int]
    questions: tuple[QuestionVotes, ...]
    shown_respondents: tuple[Respondent, ...]  # one per phone, with only its shown questions' answers

    def question(self, question_id: str) -> QuestionVotes:
        return next(q for q in self.questions if q.question_id == question_id)

    @property
    def votes(self) -> int:
        return sum(q.count for q in self.questions)


@dataclass(frozen=True)
class PhoneView:
    """What one phone reads: its own answers, which questions are open, and shown tallies."""

    code: str
    role: Role
    pace: Pace
    open_questions: tuple[str, ...]
    own: dict[str, Answer]
    tallies: dict[str, dict[str, int]]  # question -> level ("0".."4", "unknown") -> votes, shown questions only


@dataclass
class Room:
    code: str
    host_key: str
    assessment_id: int
    question_ids: tuple[str, ...]
    last_activity: datetime
    pace: Pace = "all"
    status: dict[str, Status] = field(default_factory=dict)
    revealed: set[str] = field(default_factory=set)
    voters: dict[str, Role] = field(default_factory=dict)  # voter key -> role, in joining order
    votes: dict[str, dict[str, Answer]] = field(default_factory=dict)
    version: int = 0

    def count(self, question_id: str) -> int:
        return sum(1 for answers in self.votes.values() if question_id in answers)

    def shown(self, question_id: str) -> bool:
        """Votes are shown once revealed (possible from MIN_VOTES votes, or once closed), and in a room
        with every question open from MIN_VOTES votes on: never while one person's tap would show."""
        if question_id in self.revealed:
            return True
        return self.pace == "all" and self.count(question_id) >= MIN_VOTES

    def can_reveal(self, question_id: str) -> bool:
        return self.count(question_id) >= MIN_VOTES or self.status[question_id] == "closed"


class RoomLog:
    """One append-only file of events per room, in `directory`."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)  # it holds the rooms' host keys

    def path(self, code: str) -> Path:
        return self.directory / f"room-{code}.jsonl"

    def append(self, code: str, event: dict) -> None:
        line = (json.dumps(event, ensure_ascii=False) + "\n").encode()
        descriptor = os.open(self.path(code), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, line)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def delete(self, code: str) -> None:
        self.path(code).unlink(missing_ok=True)

    def stored(self) -> dict[str, list[dict]]:
        """Every room's events; a line cut short by a crash mid-write is dropped."""
        rooms = {}
        for path in sorted(self.directory.glob("room-*.jsonl")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if text and not text.endswith("\n"):  # cut short: drop it, or the next event would join it
                text = text[: text.rfind("\n") + 1]
                path.write_text(text, encoding="utf-8")
            events = []
            for line in text.splitlines():
                try:
                    events.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
            if events and events[0].get("e") == "open":
                rooms[path.stem.removeprefix("room-")] = events
        return rooms


class CodeGuard:
    """Wrong codes one session may try: `FREE_TRIES`, then a wait that doubles with each wrong code."""

    FREE_TRIES = 5
    FIRST_WAIT = timedelta(seconds=30)

    def __init__(self) -> None:
        self.wrong = 0
        self.until: datetime | None = None

    def check(self, now: datetime) -> None:
        if self.until is not None and now < self.until:
            raise TooManyTries(self.until)

    def failed(self, now: datetime) -> None:
        self.wrong += 1
        if self.wrong >= self.FREE_TRIES:
            self.until = now + self.FIRST_WAIT * 2 ** (self.wrong - self.FREE_TRIES)

    @property
    def tries_left(self) -> int:
        return max(0, self.FREE_TRIES - self.wrong)


def normalise_code(text: str) -> str:
    """What a person types: lower case, spaces, hyphens and full-width characters are forgiven."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).upper() if c.isalnum())


class RoomRegistry:
    """Every open room of this server, behind one lock, each backed by its log."""

    def __init__(self, directory: Path, clock: Callable[[], datetime], idle_limit: timedelta = IDLE_LIMIT):
        self._lock = threading.Lock()
        self._rooms: dict[str, Room] = {}
        self._log = RoomLog(directory)
        self._clock = clock
        self._idle_limit = idle_limit
        self._wrong: dict[str | None, list[datetime]] = {}  # wrong codes by client address
        for code, events in self._log.stored().items():
            try:
                self._rooms[code] = _replay(events)
            except (KeyError, TypeError, ValueError):
                continue  # a log this version cannot read: the other rooms still come back
        with self._lock:
            self._sweep(clock())

    @property
    def idle_limit(self) -> timedelta:
        return self._idle_limit

    # -- the facilitator -------------------------------------------------------------------------------

    def open_room(self, assessment_id: int, question_ids: tuple[str, ...]) -> tuple[str, str]:
        """A new room with every question open; returns (code, host key)."""
        with self._lock:
            now = self._clock()
            self._sweep(now)
            code = self._new_code()
            host_key = secrets.token_urlsafe(24)
            self._apply(code, {"e": "open", "code": code, "host": host_key, "assessment": assessment_id,
                               "questions": list(question_ids), "at": now.isoformat()})
            return code, host_key

    def view(self, code: str, host_key: str) -> RoomView:
        with self._lock:
            room = self._hosted(code, host_key)
            shown = [q for q in room.question_ids if room.shown(q)]
            respondents = tuple(
                Respondent(i, role, "", {q: a for q, a in room.votes.get(voter, {}).items() if q in shown})
                for i, (voter, role) in enumerate(room.voters.items(), start=1))
            by_role = {role: sum(1 for r in room.voters.values() if r == role) for role in ROLES}
            return RoomView(room.code, room.assessment_id, room.pace, room.version, len(room.voters),
                            {r: n for r, n in by_role.items() if n},
                            tuple(QuestionVotes(q, room.status[q], room.count(q), room.shown(q))
                                  for q in room.question_ids), respondents)

    def version(self, code: str, host_key: str) -> int:
        """Cheap: what the projector asks every few seconds to know whether anything changed."""
        with self._lock:
            return self._hosted(code, host_key).version

    def set_pace(self, code: str, host_key: str, pace: Pace) -> None:
        """`all`: every question open; `one`: every question waits for the facilitator to open it."""
        with self._lock:
            self._hosted(code, host_key)
            self._apply(code, {"e": "pace", "pace": pace})

    def set_status(self, code: str, host_key: str, question_id: str, status: Status) -> None:
        with self._lock:
            room = self._hosted(code, host_key)
            if question_id not in room.status:
                raise KeyError(question_id)
            self._apply(code, {"e": "status", "q": question_id, "status": status})

    def reveal(self, code: str, host_key: str, question_id: str) -> bool:
        """Shows a question's votes, if it has MIN_VOTES or is closed; False when it may not yet."""
        with self._lock:
            room = self._hosted(code, host_key)
            if not room.can_reveal(question_id):
                return False
            self._apply(code, {"e": "reveal", "q": question_id})
            return True

    def close_all(self, code: str, host_key: str) -> None:
        """No more votes (the first step of ending: a vote after it is told so, never lost)."""
        with self._lock:
            self._hosted(code, host_key)
            self._apply(code, {"e": "close_all"})

    def ballots(self, code: str, host_key: str) -> list[tuple[Role, dict[str, Answer]]]:
        """Every phone that voted: its role and answers, in joining order (to be kept before `end`)."""
        with self._lock:
            room = self._hosted(code, host_key)
            return [(role, dict(room.votes[voter])) for voter, role in room.voters.items() if room.votes.get(voter)]

    def end(self, code: str, host_key: str) -> None:
        """Closes the room for good: the room and its log are gone; a later vote finds no room."""
        with self._lock:
            self._hosted(code, host_key)
            del self._rooms[code]
            self._log.delete(code)

    # -- a phone ---------------------------------------------------------------------------------------

    def check_code(self, code: str, guard: CodeGuard, address: str | None = None) -> bool:
        """Whether a room has this code. A wrong one counts against the session (`guard`) and against the
        client's address: from an address that sent WRONG_CODES_PER_MINUTE wrong codes in a minute every
        code is refused for a minute, a right one too (else the refusals would tell the codes apart).
        Phones already in a room are never asked again."""
        with self._lock:
            now = self._clock()
            guard.check(now)
            self._sweep(now)
            recent = [t for t in self._wrong.get(address, []) if now - t < timedelta(minutes=1)]
            self._wrong = {a: ts for a, ts in self._wrong.items() if ts and now - ts[-1] < timedelta(minutes=1)}
            if len(recent) >= WRONG_CODES_PER_MINUTE:
                raise TooManyTries(recent[0] + timedelta(minutes=1))
            if code in self._rooms:
                return True
            self._wrong[address] = [*recent, now]
            guard.failed(now)
            return False

    def join(self, code: str, role: Role) -> str:
        """A new voter key for one phone; keep it for the room's life (see the join page)."""
        if role not in ROLES:
            raise ValueError(role)
        with self._lock:
            self._room(code)
            voter = secrets.token_urlsafe(12)
            self._apply(code, {"e": "join", "voter": voter, "role": role})
            return voter

    def phone_view(self, code: str, voter: str) -> PhoneView:
        with self._lock:
            room = self._voter_room(code, voter)
            tallies = {}
            for q in room.question_ids:
                if room.shown(q):
                    tally: dict[str, int] = {}
                    for answers in room.votes.values():
                        if q in answers:
                            key = "unknown" if answers[q].unknown else str(answers[q].level)
                            tally[key] = tally.get(key, 0) + 1
                    tallies[q] = tally
            return PhoneView(code, room.voters[voter], room.pace,
                             tuple(q for q in room.question_ids if room.status[q] == "open"),
                             dict(room.votes.get(voter, {})), tallies)

    def vote(self, code: str, voter: str, answer: Answer) -> None:
        """One phone's answer to an open question; a later one replaces it."""
        with self._lock:
            room = self._voter_room(code, voter)
            if room.status.get(answer.question_id) != "open":
                raise VotingClosed(answer.question_id)
            if not answer.unknown and answer.level not in range(5):
                raise ValueError(answer.level)
            self._apply(code, {"e": "vote", "voter": voter, "q": answer.question_id,
                               "level": None if answer.unknown else answer.level, "unknown": answer.unknown})

    # -- inside the lock -------------------------------------------------------------------------------

    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self._rooms and not self._log.path(code).exists():
                return code

    def _apply(self, code: str, event: dict) -> None:
        event = {**event, "at": self._clock().isoformat()}
        self._log.append(code, event)  # first the log: a crash after it loses nothing
        if event["e"] == "open":
            self._rooms[code] = _replay([event])
        else:
            _apply_event(self._rooms[code], event)

    def _room(self, code: str) -> Room:
        self._sweep(self._clock())
        room = self._rooms.get(code)
        if room is None:
            raise RoomGone(code)
        return room

    def _hosted(self, code: str, host_key: str) -> Room:
        room = self._room(code)
        if not secrets.compare_digest(room.host_key, host_key):
            raise RoomGone(code)
        return room

    def _voter_room(self, code: str, voter: str) -> Room:
        room = self._room(code)
        if voter not in room.voters:
            raise RoomGone(code)
        return room

    def _sweep(self, now: datetime) -> None:
        for code in [c for c, r in self._rooms.items() if now - r.last_activity > self._idle_limit]:
            del self._rooms[code]
            self._log.delete(code)


def _replay(events: list[dict]) -> Room:
    first = events[0]
    questions = tuple(first["questions"])
    room = Room(first["code"], first["host"], int(first["assessment"]), questions,
                datetime.fromisoformat(first["at"]), status=dict.fromkeys(questions, "open"))
    for event in events[1:]:
        _apply_event(room, event)
    return room


def _apply_event(room: Room, event: Mapping) -> None:
    kind = event["e"]
    if kind == "pace":
        room.pace = event["pace"]
        room.status = dict.fromkeys(room.question_ids, "open" if room.pace == "all" else "waiting")
        room.revealed.clear()  # a question open again must not show each new tap
    elif kind == "status":
        room.status[event["q"]] = event["status"]
        if event["status"] == "open":
            room.revealed.discard(event["q"])
    elif kind == "close_all":
        room.status = dict.fromkeys(room.question_ids, "closed")
    elif kind == "reveal":
        room.revealed.add(event["q"])
    elif kind == "join":
        room.voters[event["voter"]] = event["role"]
    elif kind == "vote":
        answer = Answer(event["q"], event["level"], unknown=bool(event["unknown"]))
        room.votes.setdefault(event["voter"], {})[event["q"]] = answer
    room.last_activity = datetime.fromisoformat(event["at"])
    room.version += 1

