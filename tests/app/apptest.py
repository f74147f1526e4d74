"""Helpers for AppTest-based page tests: open a page in a language, read all the text shown."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from ui.figure_updates import encode
from ui.i18n import LANGUAGES, load_table
from ui.live_chart import STATE

APP = Path(__file__).resolve().parents[2] / "app.py"
# The classroom panels build their content only while open (ui.share.open_panel): a test
# that reads them opens them first.
OPEN_PANELS = {"share_open": True, "lesson_open": True}


def open_panels(at: AppTest) -> AppTest:
    """``at`` with the "Share this view" and "Make a lesson link" panels open (not yet run)."""
    for key, value in OPEN_PANELS.items():
        at.session_state[key] = value
    return at


def _app(lang: str, query: dict[str, str] | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at


def open_app(lang: str = "en", query: dict[str, str] | None = None) -> AppTest:
    """The app, run once, in ``lang`` (through ``?lang=`` as a shared link would)."""
    return _app(lang, query).run()


def open_page(path: str, lang: str = "en", query: dict[str, str] | None = None) -> AppTest:
    """``app_pages/<section>/<slug>.py`` opened through the router, in ``lang``, as a link
    ``/<slug>?lang=…&<query>`` opens it: the session's first run is on that page."""
    return _app(lang, query).switch_page(path).run()


def registered_pages(at: AppTest) -> list[str]:
    """The page files the router's ``st.navigation`` registered, relative to the app folder."""
    return sorted(
        str(Path(info["script_path"]).relative_to(APP.parent))
        for info in at._registered_pages.values()
    )


def _decode(value: object) -> object:
    """Plotly's JSON packs numpy arrays as ``{"dtype", "bdata"}``: unpack them to lists."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            shape = [int(n) for n in str(value.get("shape", array.size)).split(",")]
            return array.reshape(shape).tolist()
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def figures(at: AppTest) -> list[dict]:
    """Every plotly figure the run shows, as plain JSON (data, layout), arrays as lists: the
    ``st.plotly_chart``s', then the live charts' (``ui.live_chart``: the figure last sent,
    as AppTest runs no JavaScript)."""
    charts = [_decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]
    kept = at.session_state.get(STATE, {})
    for element in at.get("bidi_component"):
        state = kept.get(element.key)
        if isinstance(state, dict) and "figure" in state:
            charts.append(_decode(json.loads(json.dumps(encode(state["figure"])))))
    return charts


def _texts(node: object) -> Iterator[str]:
    for attribute in ("value", "label", "body", "help", "placeholder"):
        value = getattr(node, attribute, None)
        if isinstance(value, str):
            yield value
    options = getattr(node, "options", None)
    if isinstance(options, list):
        yield from (str(option) for option in options)
    proto = getattr(node, "proto", None)
    spec = getattr(proto, "spec", None)
    if isinstance(spec, str) and spec.startswith("{"):
        yield json.dumps(json.loads(spec).get("layout", {}).get("title", ""))
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _texts(child)


def shown_text(at: AppTest) -> str:
    """Every string the run shows (main, sidebar, page names), joined by newlines."""
    texts = list(_texts(at._tree))
    texts += [info["page_name"] for info in at._registered_pages.values()]
    return "\n".join(texts)


def raw_keys(text: str) -> list[str]:
    """Translation keys that appear verbatim in ``text``: a lookup that fell through."""
    namespaces = {key.split(".")[0] for lang in LANGUAGES for key in load_table(lang)}
    alternatives = "|".join(sorted(namespaces))
    pattern = re.compile(rf"\b(?:{alternatives})(?:\.[A-Za-z0-9_]+)+\b")
    return sorted(set(pattern.findall(text)))
