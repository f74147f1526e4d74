"""Numbers and arrays as short text for formulas: ``-4``, ``0.731``, ``[0.44, 0.52]``."""

from __future__ import annotations

from typing import Any

import numpy as np

MAX_SHOWN = 16  # arrays with more elements read as their shape, e.g. "array(64×64)"


def format_number(x: float, decimals: int = 3) -> str:
    """Round to ``decimals`` and drop trailing zeros: ``-4.0`` -> ``"-4"``, ``-0.0`` -> ``"0"``."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if abs(x) >= 1e6:
        return f"{x:.{decimals}e}"
    text = f"{x:.{max(decimals, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: Any, decimals: int = 3) -> str:
    """A scalar as :func:`format_number`; an array as nested brackets (or its shape if large)."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        return format_number(arr[()], decimals)
    if arr.size > MAX_SHOWN:
        return f"array({'×'.join(str(n) for n in arr.shape)})"
    return _nested(arr, decimals)


def _nested(arr: np.ndarray, decimals: int) -> str:
    if arr.ndim == 1:
        return "[" + ", ".join(format_number(v, decimals) for v in arr) + "]"
    return "[" + ", ".join(_nested(row, decimals) for row in arr) + "]"
