"""Figures as plain JSON for a live chart (``ui.live_chart``): a figure as a plain dict, what
changed between two figures (``figure_update``: only new points, changed traces, changed
layout entries or list items), and numbers packed as compact typed arrays (``encode``:
plotly's own ``{dtype, bdata, shape}`` convention, which the browser decodes).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def plain_figure(figure: Any) -> dict:
    """``{"data": [...], "layout": {...}}`` of a ``go.Figure`` or such a dict."""
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    return {"data": list(figure.get("data", [])), "layout": dict(figure.get("layout", {}))}


_DTYPES = {"f": "f4", "i": "i4", "u": "u4", "b": "u1"}


def _numbers(value: list | tuple) -> np.ndarray | None:
    """A long list of numbers and gaps (None), such as the edges of a network drawn as one
    None-separated line, as a float32 array with NaN for the gaps; None for other lists."""
    if len(value) < 8 or any(isinstance(v, (str, bool, list, tuple, dict)) for v in value[:2]):
        return None
    try:
        return np.asarray(value, dtype=np.float32)  # None becomes NaN
    except (TypeError, ValueError):
        return None


_PLAIN = (str, int, bool, type(None))


def _pack(value: np.ndarray) -> Any:
    kind = value.dtype.kind
    if kind not in _DTYPES:
        return [encode(v) for v in value.tolist()]
    flat = np.ascontiguousarray(value, dtype=_DTYPES[kind])
    packed = {"dtype": _DTYPES[kind], "bdata": base64.b64encode(flat.tobytes()).decode()}
    if value.ndim > 1:
        packed["shape"] = ",".join(map(str, value.shape))
    return packed


def encode(value: Any) -> Any:
    """JSON-ready ``value``: numeric numpy arrays and long lists of numbers and None as
    plotly's ``{dtype, bdata, shape}`` (floats as float32, None as NaN: a gap in a line),
    numpy scalars as numbers, NaN and infinities elsewhere as None."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): encode(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        numbers = _numbers(value)
        return [encode(v) for v in value] if numbers is None else _pack(numbers)
    if isinstance(value, np.ndarray):
        return _pack(value)
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return encode(value.item())
    return value


def same(a: Any, b: Any) -> bool:
    """Deep equality of plotly JSON values (numpy arrays by value, NaN equal to NaN in them).
    Lists and dicts are compared at C speed first; only those holding arrays are walked."""
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        floats = a.dtype.kind == "f" and b.dtype.kind == "f"
        return bool(np.array_equal(a, b, equal_nan=floats))
    if type(a) is not type(b):
        return False
    if not isinstance(a, (list, tuple, dict)):
        return bool(a == b)
    if len(a) != len(b):
        return False
    try:
        return bool(a == b)
    except (ValueError, TypeError):  # arrays inside: "the truth value … is ambiguous"
        pass
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return all(same(x, y) for x, y in zip(a, b, strict=True))


def _tail(old: Any, new: Any) -> dict | None:
    """``{"at": n, "tail": new[n:]}`` when the 1-D array ``new`` is ``old`` with its end
    replaced or extended (a curve that grew; a thinned history also replaces its last value),
    keeping at least half of ``old``; else None."""
    if not isinstance(new, (np.ndarray, list, tuple)) or not isinstance(old, type(new)):
        return None
    if np.ndim(new) != 1 or np.ndim(old) != 1 or len(old) < 2:
        return None
    a, b = np.asarray(old), np.asarray(new)
    n = min(len(a), len(b))
    if a.dtype.kind not in "fiub" or b.dtype.kind not in "fiub" or n == 0:
        return None
    differ = np.flatnonzero(a[:n] != b[:n])
    at = int(differ[0]) if len(differ) else n
    return {"at": at, "tail": b[at:]} if at >= len(a) // 2 and at < len(b) else None


def _items(old: Any, new: Any) -> dict | None:
    """For lists of dicts of the same length (the shapes or pictures of a layout): ``{"items":
    {i: new[i]}}`` for the entries that changed as a whole, ``{"fields": {i: {key: value}}}``
    for those that kept their keys and changed some values (an edge's colour and width: its
    place is not sent again); None for other lists, or when every entry changed as a whole."""
    if not (isinstance(old, list) and isinstance(new, list) and len(old) == len(new) > 1
            and all(type(v) is dict for v in new)):
        return None
    items, fields = {}, {}
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        if same(a, b):
            continue
        if type(a) is dict and a.keys() == b.keys():
            fields[str(i)] = {key: value for key, value in b.items() if not same(a[key], value)}
        else:
            items[str(i)] = b
    if len(items) == len(new):
        return None
    return {name: part for name, part in (("items", items), ("fields", fields)) if part}


def _changes(old: Mapping, new: Mapping, grow: bool) -> tuple[dict, dict]:
    """(changed entries, with None for a removed one; grown arrays' tails, or for the layout
    (``grow`` False) lists of dicts of which only some entries changed) from old to new."""
    changed, grown = {}, {}
    for name in old.keys() | new.keys():
        if name not in new:
            changed[name] = None
        elif name not in old or not same(old[name], new[name]):
            part = _tail(old.get(name), new[name]) if grow else _items(old.get(name), new[name])
            if part is None:
                changed[name] = new[name]
            else:
                grown[name] = part
    return changed, grown


def figure_update(old: dict | None, new: dict) -> dict:
    """What the browser needs to turn figure ``old`` into ``new``: ``{"figure": new}`` when
    there is no old one, else ``{"data": ...}`` when the traces changed in number or type,
    ``{"traces": {i: changes}}``, ``{"extend": {i: {name: {"at", "tail"}}}}`` (keep the
    first ``at`` values, append ``tail``), ``{"layout": changes}`` and ``{"items": {name:
    {"items": {i: entry}, "fields": {i: {key: value}}}}}`` (the changed entries of a layout
    list, e.g. a few shapes: whole, or only their changed keys; see ``_items``)."""
    if old is None:
        return {"figure": new}
    update: dict[str, Any] = {}
    kinds = [[t.get("type") for t in f["data"]] for f in (old, new)]
    if kinds[0] != kinds[1]:
        update["data"] = new["data"]
    else:
        for i, (before, after) in enumerate(zip(old["data"], new["data"], strict=True)):
            changed, grown = _changes(before, after, grow=True)
            if changed:
                update.setdefault("traces", {})[str(i)] = changed
            if grown:
                update.setdefault("extend", {})[str(i)] = grown
    layout, items = _changes(old["layout"], new["layout"], grow=False)
    if layout:
        update["layout"] = layout
    if items:
        update["items"] = items
    return update
