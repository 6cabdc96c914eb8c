"""Phones as bare Streamlit websocket clients: what a real phone sends and waits for, without a browser.

Each client speaks Streamlit's own protocol (the protobuf BackMsg / ForwardMsg of the installed version):
it asks for a run of a page with its query string and, to tap a button, the button's id as a trigger, and
waits for the run's `script_finished`. Thirty of them load the server as thirty phones do, while each
phone's own rendering, which happens on its own CPU in a room, stays off the machine under test."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


@dataclass
class Run:
    started_ms: float  # wall clock, comparable with a browser's Date.now() on this machine
    took_ms: float
    buttons: dict[str, str]  # label -> widget id, in page order
    query_string: str


@dataclass
class WsPhone:
    port: int
    page_name: str
    query_string: str
    socket: object = None
    buttons: dict[str, str] = field(default_factory=dict)

    async def connect(self) -> None:
        self.socket = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{self.port}", max_size=None)

    async def run(self, tap: str | None = None) -> Run:
        """One run of the page; `tap`: the label of a button to press (a prefix is enough)."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        # No page hash: the server finds the page by its name on every run (the session's first hash is the
        # entry script's, which would run the default page).
        if tap is not None:
            found = [i for label, i in self.buttons.items() if label.startswith(tap)]
            if not found:
                raise LookupError(f"no button {tap!r} on the page: {list(self.buttons)}")
            widget_id = found[0]
            state.widget_states.widgets.append(WidgetState(id=widget_id, trigger_value=True))
        started = time.time() * 1000
        clock = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        buttons: dict[str, str] = {}
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.socket.recv())
            kind = forward.WhichOneof("type")
            if kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "button":
                    buttons[element.button.label] = element.button.id
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    buttons = {}  # st.rerun(): the run that counts comes next
                    continue
                break
        self.buttons = buttons
        return Run(started, (time.perf_counter() - clock) * 1000, buttons, self.query_string)

    async def close(self) -> None:
        await self.socket.close()


async def connect_all(phones: list[WsPhone]) -> None:
    await asyncio.gather(*(p.connect() for p in phones))
    for phone in phones:  # one at a time, as people arrive
        await phone.run()


async def burst(phones: list[WsPhone], taps: list[str]) -> list[Run]:
    """Every phone taps at the same moment: the hardest second a room can give the server."""
    return await asyncio.gather(*(p.run(tap) for p, tap in zip(phones, taps)))
