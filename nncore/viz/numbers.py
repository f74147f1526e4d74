"""Numbers as the slides print them, for figure labels and explanation text.

The engine's :func:`~nncore.graph.formatting.format_number` rounds and drops trailing zeros
(``0.2``); the slides print a fixed number of decimals (``0.20``) but whole numbers plainly
(``-4``, ``-12``). :func:`slide_number` does that; :func:`pad_decimals` applies the same rule to
text the engine already formatted (``"1 · 0.2 = 0.2"`` -> ``"1 · 0.20 = 0.20"``).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from nncore.graph.formatting import format_number

MAX_LABEL_ENTRIES = 9  # a larger array is labelled by its shape (3×3 still shows numbers)
_DECIMAL = re.compile(r"(?<![\w.])(-?\d+)\.(\d+)(?![\d.])")


def pad_decimals(text: str, decimals: int = 2) -> str:
    """Pad every decimal number in ``text`` with zeros up to ``decimals`` places (never cut)."""
    return _DECIMAL.sub(lambda m: f"{m[1]}.{m[2].ljust(decimals, '0')}", text)


def slide_number(x: float, decimals: int = 2) -> str:
    """``-4.0`` -> ``"-4"``, ``0.19661`` -> ``"0.20"``, ``0.73106`` -> ``"0.73"``."""
    return pad_decimals(format_number(float(x), decimals), decimals)


def slide_value(value: Any, decimals: int = 2, *, row_break: str = "<br>") -> str:
    """A scalar as :func:`slide_number`; a vector as ``[0.22, 0.26]``; a matrix one row per line
    (rows joined by ``row_break``); an array with more than :data:`MAX_LABEL_ENTRIES` entries as
    its shape (``5×5``)."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return slide_number(array[()], decimals)
    if array.size > MAX_LABEL_ENTRIES or array.ndim > 2:
        return "×".join(str(n) for n in array.shape)
    if array.ndim == 1:
        return "[" + ", ".join(slide_number(v, decimals) for v in array) + "]"
    return row_break.join(slide_value(row, decimals) for row in array)


def full_value(value: Any) -> str:
    """Full precision for hover text: ``0.7310585786``, arrays as nested lists."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return f"{float(array):.10g}"
    return np.array2string(array, precision=10, separator=", ", max_line_width=80)
