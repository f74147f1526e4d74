"""Your own 2-D points from a CSV file: rows of ``x1, x2, label``.

TensorFlow Playground cannot load data; this is the parser behind the playground's upload.
It reads with the ``csv`` module and checks everything a hand-made file gets wrong:

- the size (``max_bytes``) and the number of rows (``max_rows``) are capped;
- a first row that is not numeric is a header and is skipped; blank lines and lines starting
  with ``#`` are ignored; the delimiter is ``,``, ``;`` or a tab (with ``;`` or a tab a
  decimal comma ``1,5`` is read as 1.5);
- x1 and x2 must be finite numbers; the label is any text (``0``/``1``, ``-1``/``1``,
  ``cat``/``dog``): the sorted distinct labels become classes 0, 1, … (numerically sorted
  when they are all numbers);
- 2 to ``max_classes`` classes, each with at least 2 points.

Anything else raises :class:`PointsCSVError`, a ``ValueError`` whose message says what and
where (row numbers count from 1, as a spreadsheet does); its ``code`` and ``details`` let a
page print the same message in another language.
"""

from __future__ import annotations

import csv
import io
import math

import numpy as np

MAX_BYTES = 200_000
MAX_ROWS = 2_000
MAX_CLASSES = 10
MIN_PER_CLASS = 2

_MESSAGES = {
    "too_large": "The file has {size} bytes; the limit is {limit} bytes.",
    "not_text": "The file is not UTF-8 text (is it a spreadsheet? Save it as CSV).",
    "empty": "The file has no data rows.",
    "columns": "Row {row} has {found} columns; every row needs 3: x1, x2, label.",
    "not_number": "Row {row}, column {column}: {value!r} is not a number.",
    "not_finite": "Row {row}, column {column}: {value!r} is not a finite number.",
    "empty_label": "Row {row} has an empty label.",
    "too_many_rows": "The file has more than {limit} data rows.",
    "too_few_classes": "The file has {found} class(es); at least 2 are needed.",
    "too_many_classes": "The file has {found} classes; at most {limit} are allowed.",
    "small_class": "Class {label!r} has {found} point(s); every class needs at least {limit}.",
}


class PointsCSVError(ValueError):
    """A CSV of points that cannot be used: ``code`` names the problem (a key of the
    messages above) and ``details`` holds the values in its message."""

    def __init__(self, code: str, **details: object) -> None:
        self.code = code
        self.details = details
        super().__init__(_MESSAGES[code].format(**details))


def _number(text: str, row: int, column: int, decimal_comma: bool) -> float:
    cleaned = text.strip().replace(",", ".") if decimal_comma else text.strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise PointsCSVError("not_number", row=row, column=column, value=text.strip()) from None
    if not math.isfinite(value):
        raise PointsCSVError("not_finite", row=row, column=column, value=text.strip())
    return value


def _is_number(text: str, decimal_comma: bool) -> bool:
    try:
        float(text.strip().replace(",", ".") if decimal_comma else text.strip())
    except ValueError:
        return False
    return True


def _delimiter(lines: list[str]) -> str:
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    return next((d for d in (",", ";", "\t") if d in first), ",")


def _class_order(labels: list[str]) -> list[str]:
    distinct = sorted(set(labels))
    if all(_is_number(label, False) for label in distinct):
        return sorted(distinct, key=float)
    return distinct


def parse_points_csv(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_classes: int = MAX_CLASSES,
) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` from the CSV text ``data``: X float64 (N, 2), y class indices (N,).

    Raises :class:`PointsCSVError` (a ``ValueError``) with a clear message for anything that
    is not a usable table of ``x1, x2, label`` rows (see the module docstring).
    """
    raw = data.encode() if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise PointsCSVError("too_large", size=len(raw), limit=max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PointsCSVError("not_text") from None
    if "\x00" in text:
        raise PointsCSVError("not_text")
    lines = text.splitlines()
    delimiter = _delimiter(lines)
    decimal_comma = delimiter != ","
    points: list[tuple[float, float]] = []
    labels: list[str] = []
    first = True
    for row, fields in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not any(f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
            continue
        is_header = first and not any(_is_number(f, decimal_comma) for f in fields[:2])
        first = False
        if is_header:
            continue
        if len(fields) != 3:
            raise PointsCSVError("columns", row=row, found=len(fields))
        x1 = _number(fields[0], row, 1, decimal_comma)
        x2 = _number(fields[1], row, 2, decimal_comma)
        label = fields[2].strip()
        if not label:
            raise PointsCSVError("empty_label", row=row)
        if len(points) == max_rows:
            raise PointsCSVError("too_many_rows", limit=max_rows)
        points.append((x1, x2))
        labels.append(label)
    if not points:
        raise PointsCSVError("empty")
    classes = _class_order(labels)
    if len(classes) < 2:
        raise PointsCSVError("too_few_classes", found=len(classes))
    if len(classes) > max_classes:
        raise PointsCSVError("too_many_classes", found=len(classes), limit=max_classes)
    index = {label: k for k, label in enumerate(classes)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    counts = np.bincount(y, minlength=len(classes))
    if counts.min() < MIN_PER_CLASS:
        small = int(counts.argmin())
        raise PointsCSVError("small_class", label=classes[small], found=int(counts[small]),
                             limit=MIN_PER_CLASS)
    return np.array(points, dtype=np.float64), y
