"""Streamlit's websocket protocol as a browser tab speaks it: what the tab shows, and the
messages it sends back.

The browser and the server exchange protobuf messages over ``ws://HOST/_stcore/stream``
(subprotocol ``streamlit``); the classes ship with Streamlit (``streamlit.proto``):

- the tab sends a ``BackMsg.rerun_script`` with a ``ClientState``: the query string, the page
  (its name on the first run, then its script hash), the values of the widgets, and the
  fragment id when the widget that changed sits inside an ``st.fragment``;
- the server answers with ``ForwardMsg``\\ s: ``new_session`` when a run starts (its
  ``metadata.run`` names the run and, for a fragment run, the fragment), ``delta``\\ s that
  put an element or a block at a ``delta_path``, ``page_info_changed`` when the script
  writes the query string, ``auto_rerun`` to start a fragment's ``run_every`` timer (the tab
  then sends a fragment rerun every ``interval`` seconds, finished or not), and
  ``script_finished``.

:class:`Screen` keeps what a tab would show (elements by delta path, widgets by key);
:func:`widget_state` encodes a value the way the browser's widget manager does.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

WIDGETS = frozenset({
    "button", "checkbox", "slider", "selectbox", "radio", "number_input", "text_input",
    "text_area", "file_uploader", "bidi_component",
})
SETTABLE = frozenset({"checkbox", "slider", "selectbox", "radio", "number_input"})
FINISHED_OK = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY,
                         ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY})
INTERRUPTED = ForwardMsg.FINISHED_EARLY_FOR_RERUN


@dataclass(frozen=True)
class Widget:
    """A widget on screen: its user ``key``, its element ``id``, its element type, its
    proto, and the fragment it sits in ("" outside any fragment)."""

    key: str
    id: str
    kind: str
    proto: Any
    fragment_id: str = ""

    @property
    def disabled(self) -> bool:
        return bool(getattr(self.proto, "disabled", False))

    @property
    def options(self) -> list[str]:
        return list(getattr(self.proto, "options", []))


def user_key(widget_id: str) -> str:
    """The ``key=`` a widget was given: ids read ``$$ID-<hash>-<key>`` (``None`` without
    one)."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else ""


class Screen:
    """What one tab shows: the last element at every delta path, and which ones the current
    full run has redrawn (a full run that finishes drops the elements it did not redraw, as
    the browser does)."""

    def __init__(self) -> None:
        self.elements: dict[tuple[int, ...], tuple[Element, str]] = {}
        self._fresh: set[tuple[int, ...]] | None = None

    def begin_full_run(self) -> None:
        self._fresh = set()

    def end_full_run(self) -> None:
        if self._fresh is not None:
            self.elements = {p: e for p, e in self.elements.items() if p in self._fresh}
        self._fresh = None

    def apply(self, msg: ForwardMsg) -> Element | None:
        """Take in one delta; return the element it put on screen (None for a block)."""
        path = tuple(msg.metadata.delta_path)
        if self._fresh is not None:
            self._fresh.add(path)
        if msg.delta.WhichOneof("type") != "new_element":
            return None
        self.elements[path] = (msg.delta.new_element, msg.delta.fragment_id)
        return msg.delta.new_element

    def widgets(self) -> dict[str, Widget]:
        """Every keyed widget on screen, by key."""
        found: dict[str, Widget] = {}
        for element, fragment_id in self.elements.values():
            kind = element.WhichOneof("type")
            if kind not in WIDGETS:
                continue
            proto = getattr(element, kind)
            key = user_key(proto.id)
            if key:
                found[key] = Widget(key, proto.id, kind, proto, fragment_id)
        return found

    def of_kind(self, kind: str) -> list[Any]:
        """The protos of every element of one type (``alert``, ``exception``, ``markdown``…),
        in delta-path order."""
        return [getattr(e, kind) for _, (e, _f) in sorted(self.elements.items())
                if e.WhichOneof("type") == kind]

    def texts(self) -> list[str]:
        """The text of every markdown, heading, alert and caption on screen."""
        found = []
        for kind, field in (("markdown", "body"), ("heading", "body"), ("alert", "body")):
            found += [getattr(proto, field) for proto in self.of_kind(kind)]
        return found


def widget_state(widget: Widget, value: Any) -> WidgetState:
    """``value`` for ``widget`` as the browser sends it: a click for a button; for a
    selectbox, radio or select-slider the option's text as shown (``widget.options``)."""
    state = WidgetState(id=widget.id)
    kind = widget.kind
    if kind == "button":
        state.trigger_value = True
    elif kind == "checkbox":
        state.bool_value = bool(value)
    elif kind == "slider" and widget.proto.type == widget.proto.SELECT_SLIDER:
        state.string_array_value.data.extend(value if isinstance(value, list) else [value])
    elif kind == "slider":
        state.double_array_value.data.extend(value if isinstance(value, tuple) else [value])
    elif kind in ("selectbox", "radio", "text_input", "text_area"):
        state.string_value = str(value)
    elif kind == "number_input" and widget.proto.data_type == widget.proto.INT:
        state.int_value = int(value)
    elif kind == "number_input":
        state.double_value = float(value)
    else:
        raise ValueError(f"cannot set a {kind} ({widget.key})")
    return state


def random_value(widget: Widget, rng: random.Random) -> Any:
    """A value a student could pick for a settable widget."""
    proto = widget.proto
    if widget.kind == "checkbox":
        return rng.random() < 0.5
    if widget.options:
        return rng.choice(widget.options)
    if widget.kind == "slider":
        low, high, step = proto.min, proto.max, proto.step or 1.0
        steps = max(0, math.floor((high - low) / step + 1e-9))
        value = low + rng.randint(0, steps) * step
        ranged = len(proto.default) == 2
        return (low, value) if ranged else value
    low = proto.min if proto.has_min else proto.default - 10
    high = proto.max if proto.has_max else proto.default + 10
    if proto.data_type == proto.INT:
        return rng.randint(int(low), int(high))
    return round(rng.uniform(low, high), 3)


def rerun_message(
    client: dict[str, str],
    states: list[WidgetState],
    *,
    fragment_id: str = "",
    auto: bool = False,
) -> bytes:
    """A serialised ``BackMsg.rerun_script``; ``client`` holds the tab's ``query_string``,
    ``page_script_hash`` and ``page_name``."""
    msg = BackMsg()
    rerun = msg.rerun_script
    rerun.query_string = client.get("query_string", "")
    rerun.page_script_hash = client.get("page_script_hash", "")
    rerun.page_name = "" if rerun.page_script_hash else client.get("page_name", "")
    rerun.widget_states.CopyFrom(WidgetStates(widgets=states))
    rerun.fragment_id = fragment_id
    rerun.is_auto_rerun = auto
    rerun.context_info.timezone = "UTC"
    rerun.context_info.locale = "en-US"
    return msg.SerializeToString()


def file_urls_message(request_id: str, session_id: str, names: list[str]) -> bytes:
    """A serialised ``BackMsg.file_urls_request``: where may the tab upload these files?"""
    msg = BackMsg()
    msg.file_urls_request.request_id = request_id
    msg.file_urls_request.session_id = session_id
    msg.file_urls_request.file_names.extend(names)
    return msg.SerializeToString()
