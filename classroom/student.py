"""A simulated student: one browser tab of the app, speaking Streamlit's websocket protocol
(see :mod:`classroom.protocol`) with no browser.

It does what the tab's JavaScript does, and nothing that only draws:

- opening: ``GET /`` (cookies: nginx's stickiness cookie, Streamlit's XSRF cookie), the
  health and host-config requests, then the websocket and the first run of the page;
- a click or a new widget value reruns the script, or only the fragment the widget sits in,
  with the values of every widget the student has set so far;
- a fragment's ``run_every`` timer (``auto_rerun``) sends a fragment rerun every
  ``interval`` seconds, whether the last one finished or not, until the next full run or
  ``stop_auto_rerun``;
- when the connection drops it reconnects (offering its old session id, as the browser does)
  and reruns the page with its widget values: a server that does not know the session starts
  a fresh one.

Every action returns how long it took until the page was updated: until a run that started
after the request finished (a full run, or a run of the widget's fragment). Nothing waits
longer than ``timeout``; nothing runs past ``lifetime`` seconds after the student was made.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.Common_pb2 import FileUploaderState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from classroom import http
from classroom.components import EMULATORS, frame_count
from classroom.protocol import (
    FINISHED_OK,
    Screen,
    Widget,
    file_urls_message,
    rerun_message,
    widget_state,
)

RECONNECT_DELAYS = (0.2, 0.5, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 5.0, 5.0)  # seconds, then give up


class StudentError(RuntimeError):
    """An action that did not end in an updated page (timeout, lost connection)."""


@dataclass
class Run:
    """One script run as the tab saw it."""

    seq: int
    fragment_id: str
    started: float
    finished: float | None = None
    status: int | None = None
    charts: list[str] = field(default_factory=list)  # keys of the charts it (re)drew
    frames: dict[str, int] = field(default_factory=dict)  # chart → frames it sent (live charts
    # send several per run, shown one per animation frame; a plotly chart is one)


class Student:
    """One tab on ``url`` (``http://host:port``) opening ``page`` (its URL path, "" for the
    home page) with the query string ``query``."""

    def __init__(self, url: str, page: str = "", query: str = "", *, timeout: float = 30.0,
                 lifetime: float = 900.0) -> None:
        self.url = url.rstrip("/")
        self.client = {"page_name": page, "query_string": query, "page_script_hash": ""}
        self.timeout = timeout
        self.deadline = time.monotonic() + lifetime
        self.screen = Screen()
        self.cookies = http.CookieJar()
        self.upstream = ""  # the process nginx chose (its X-Backprop-Upstream header)
        self.sessions: list[str] = []  # session ids, a new one after a reconnect to a new process
        self.runs: list[Run] = []
        self.exceptions: list[str] = []
        self.reconnects = 0
        self.pages: dict[str, str] = {}  # URL path → page script hash, from st.navigation
        self.on_run: list[Callable[[Run], None]] = []  # called when a run finishes
        self.on_element: list[Callable[[Element, str], None]] = []  # each element that arrives
        self._tasks: set[asyncio.Task] = set()
        self._values: dict[str, WidgetState] = {}
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}
        self._file_urls: dict[str, asyncio.Future] = {}
        self._current: Run | None = None
        self._changed = asyncio.Condition()
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._closing = False
        for emulator in EMULATORS:  # the app's own components' JavaScript
            emulator(self)

    # -- opening and closing --------------------------------------------------------------

    async def open(self) -> float:
        """Load the page as a browser does; seconds until its first run finished."""
        start = time.monotonic()
        reply = await http.request(self.url + "/", headers=self._cookie_header(),
                                   timeout=self.timeout)
        self.cookies.take(reply)
        self.upstream = reply.header("x-backprop-upstream")
        for path in ("/_stcore/health", "/_stcore/host-config"):
            self.cookies.take(await http.request(self.url + path, headers=self._cookie_header(),
                                                 timeout=self.timeout))
        await self._connect()
        await self._wait_for(await self._send([]), "")
        return time.monotonic() - start

    async def close(self) -> None:
        self._closing = True
        self._stop_timers()
        for task in list(self._tasks):
            task.cancel()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": self.cookies.header()} if self.cookies.values else {}

    async def _connect(self) -> None:
        ws_url = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        offered = ["streamlit", self.cookies.values.get("_streamlit_xsrf", "none")]
        if self.sessions:
            offered.append(self.sessions[-1])
        self._ws = await websockets.connect(
            ws_url, subprotocols=offered, origin=self.url, max_size=None,
            additional_headers=self._cookie_header(), open_timeout=self.timeout)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        ws = self._ws
        try:
            async for raw in ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                await self._handle(msg)
        except websockets.ConnectionClosed:
            pass
        if not self._closing:
            await self._reconnect()

    async def _reconnect(self) -> None:
        """As the browser does: reconnect with the old session id, then rerun the page with
        the widget values (a new server answers with a fresh session)."""
        self._stop_timers()
        self.reconnects += 1
        for delay in RECONNECT_DELAYS:
            await asyncio.sleep(delay)
            if self._closing or time.monotonic() > self.deadline:
                return
            try:
                await self._connect()
            except (OSError, websockets.InvalidHandshake, TimeoutError):
                continue
            await self._send([])
            return

    # -- what the server says -----------------------------------------------------------

    async def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            await self._finish_run(msg.script_finished)
            return
        handler = {
            "new_session": self._start_run,
            "delta": self._take_delta,
            "navigation": self._take_navigation,
            "page_info_changed": self._take_query,
            "auto_rerun": lambda m: self._start_timer(m.auto_rerun.fragment_id,
                                                      m.auto_rerun.interval),
            "stop_auto_rerun": lambda m: [self._stop_timer(f)
                                          for f in m.stop_auto_rerun.fragment_ids],
            "file_urls_response": self._take_file_urls,
        }.get(kind)
        if handler is not None:
            handler(msg)

    def _take_navigation(self, msg: ForwardMsg) -> None:
        """``st.navigation`` says which page this run shows, and every page's hash."""
        self.client["page_script_hash"] = msg.navigation.page_script_hash
        self.pages = {page.url_pathname: page.page_script_hash
                      for page in msg.navigation.app_pages}

    def _take_query(self, msg: ForwardMsg) -> None:
        self.client["query_string"] = msg.page_info_changed.query_string

    def _take_file_urls(self, msg: ForwardMsg) -> None:
        future = self._file_urls.pop(msg.file_urls_response.response_id, None)
        if future is not None and not future.done():
            future.set_result(msg.file_urls_response)

    def _start_run(self, msg: ForwardMsg) -> None:
        session = msg.new_session
        if session.initialize.session_id and session.initialize.session_id not in self.sessions:
            self.sessions.append(session.initialize.session_id)
        self.client["page_script_hash"] = session.page_script_hash
        fragments = list(msg.metadata.run.fragment_ids)
        if not fragments:  # a full run: the browser drops every fragment timer
            self._stop_timers()
            self.screen.begin_full_run()
        self._current = Run(len(self.runs) + 1, fragments[0] if fragments else "",
                            time.monotonic())
        self.runs.append(self._current)

    def _take_delta(self, msg: ForwardMsg) -> None:
        element = self.screen.apply(msg)
        if element is None:
            return
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind in ("plotly_chart", "bidi_component") and self._current is not None:
            chart = getattr(element, kind).id
            self._current.charts.append(chart)
            self._current.frames[chart] = frame_count(element)
        for hook in self.on_element:
            hook(element, msg.delta.fragment_id)

    async def _finish_run(self, status: int) -> None:
        run = self._current
        if run is not None:
            run.finished, run.status = time.monotonic(), status
            if not run.fragment_id and status in FINISHED_OK:
                self.screen.end_full_run()
            for hook in self.on_run:
                hook(run)
        self._current = None
        async with self._changed:
            self._changed.notify_all()

    # -- fragment timers (st.fragment(run_every=…)) -------------------------------------

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        kept = self._timers.get(fragment_id)
        if kept is not None and kept[0] == interval:
            return
        self._stop_timer(fragment_id)
        self._timers[fragment_id] = (interval, asyncio.create_task(
            self._tick(fragment_id, interval)))

    async def _tick(self, fragment_id: str, interval: float) -> None:
        """setInterval: a fragment rerun every ``interval`` seconds, at a fixed rate."""
        next_time = time.monotonic() + interval
        while time.monotonic() < self.deadline and not self._closing:
            await asyncio.sleep(max(0.0, next_time - time.monotonic()))
            next_time += interval
            with contextlib.suppress(websockets.ConnectionClosed):
                await self._send([], fragment_id=fragment_id, auto=True)

    def _stop_timer(self, fragment_id: str) -> None:
        kept = self._timers.pop(fragment_id, None)
        if kept is not None:
            kept[1].cancel()

    def _stop_timers(self) -> None:
        for fragment_id in list(self._timers):
            self._stop_timer(fragment_id)

    # -- what the student does ----------------------------------------------------------

    def widget(self, key: str) -> Widget:
        widgets = self.screen.widgets()
        if key not in widgets:
            raise StudentError(f"no widget {key!r} on screen: {sorted(widgets)}")
        return widgets[key]

    async def click(self, key: str) -> float:
        """Click the button ``key``; seconds until the page was updated."""
        return await self._act(self.widget(key), widget_state(self.widget(key), True))

    async def set(self, key: str, value: Any) -> float:
        """Give widget ``key`` a new value; seconds until the page was updated."""
        widget = self.widget(key)
        state = widget_state(widget, value)
        self._values[key] = state
        return await self._act(widget, state)

    async def rerun(self) -> float:
        """Rerun the whole page (what the browser does after a reconnect)."""
        start = time.monotonic()
        await self._wait_for(await self._send([]), "")
        return time.monotonic() - start

    async def _act(self, widget: Widget, state: WidgetState) -> float:
        start = time.monotonic()
        seq = await self._send([state], fragment_id=widget.fragment_id)
        await self._wait_for(seq, widget.fragment_id)
        return time.monotonic() - start

    def spawn(self, coroutine: Coroutine) -> asyncio.Task:
        """A task of this student's (cancelled when it closes)."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def send_states(self, states: list[WidgetState], fragment_id: str = "") -> None:
        """Send a rerun with ``states`` (a component's trigger, say) without waiting."""
        await self._send(states, fragment_id=fragment_id)

    async def _send(self, extra: list[WidgetState], *, fragment_id: str = "",
                    auto: bool = False) -> int:
        """Send a rerun with the widget values set so far (``extra`` last, e.g. a click);
        return the number of runs seen before it."""
        seq = len(self.runs)
        if time.monotonic() > self.deadline:
            raise StudentError("past the student's lifetime")
        on_screen = self.screen.widgets()
        states = []
        for key, kept in self._values.items():
            if key in on_screen and on_screen[key].id not in {s.id for s in extra}:
                state = WidgetState()
                state.CopyFrom(kept)
                state.id = on_screen[key].id  # the id may change with the widget's options
                states.append(state)
        states += extra
        await self._ws.send(rerun_message(self.client, states, fragment_id=fragment_id,
                                          auto=auto))
        return seq

    async def _wait_for(self, seq: int, fragment_id: str) -> None:
        """Until a run after the first ``seq`` runs finished: a full run, or a run of
        ``fragment_id``."""
        await self.wait_until(lambda: any(
            run.status in FINISHED_OK and run.fragment_id in ("", fragment_id)
            for run in self.runs[seq:]))

    async def wait_until(self, condition: Callable[[], bool]) -> None:
        """Until ``condition()`` holds after a run finished; ``StudentError`` after
        ``timeout``."""
        try:
            async with asyncio.timeout(self.timeout), self._changed:
                await self._changed.wait_for(condition)
        except TimeoutError:
            raise StudentError(f"no update within {self.timeout} s") from None

    async def upload(self, key: str, name: str, content: bytes, mime: str = "text/csv") -> int:
        """Upload one file into the file uploader ``key`` as the browser does (ask for an
        upload URL, ``PUT`` the file, rerun with the file's info); the HTTP status of the
        ``PUT`` (204, or 413 for a file over ``server.maxUploadSize``, whose rerun is then
        skipped as the browser skips it)."""
        widget = self.widget(key)
        request_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self._file_urls[request_id] = future
        await self._ws.send(file_urls_message(request_id, self.sessions[-1], [name]))
        async with asyncio.timeout(self.timeout):
            urls = (await future).file_urls[0]
        content_type, body = http.multipart("file", name, content, mime)
        headers = {**self._cookie_header(), "Content-Type": content_type, "Origin": self.url,
                   "X-Xsrftoken": self.cookies.values.get("_streamlit_xsrf", "")}
        reply = await http.request(self.url + urls.upload_url, "PUT", headers=headers,
                                   body=body, timeout=self.timeout)
        if reply.status >= 300:
            return reply.status
        state = WidgetState(id=widget.id)
        info = FileUploaderState()
        uploaded = info.uploaded_file_info.add(file_id=urls.file_id, name=name,
                                               size=len(content))
        uploaded.file_urls.CopyFrom(urls)
        state.file_uploader_state_value.CopyFrom(info)
        self._values[key] = state
        await self._act(widget, state)
        return reply.status
