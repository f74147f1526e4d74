"""Your own 2-D points from a CSV file: rows of ``x1, x2, label``.

TensorFlow Playground cannot load data; this is the parser behind the playground's upload.
It reads with the ``csv`` module and checks everything a hand-made file gets wrong:

- the size (``max_bytes``) and the number of rows (``max_rows``) are capped;
- the text is UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark (Excel's
  "Unicode text"), with any line ends; NUL bytes or undecodable bytes mean it is not text;
- a first row that is not numeric is a header and is skipped; blank lines and lines starting
  with ``#`` are ignored; the delimiter is ``;`` or a tab when the first data line has one,
  ``,`` otherwise (with ``;`` or a tab a decimal comma ``1,5`` is read as 1.5);
- x1 and x2 must be finite numbers, and small enough that standardising them,
  z = (x − mean) / std, stays finite for the whole set and for any part of it (the training
  split): N · (2 max|x|)² must not overflow, which allows |x| up to about 1e152;
- the label is any text (``0``/``1``, ``-1``/``1``, ``cat``/``dog``): the sorted distinct
  labels become classes 0, 1, … (numerically sorted when they are all numbers);
- 2 to ``max_classes`` classes, each with at least 2 points.

Anything else raises :class:`PointsCSVError`, a :class:`~nncore.errors.CodedError` whose
message says what and where (row numbers count from 1, as a spreadsheet does). Its ``code``
(``"csv.<problem>"``, all listed in :data:`CODES`) and ``details`` let a page print the same
message in another language from ``errors.csv.<problem>``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math

import numpy as np

from nncore.data.split import Standardizer
from nncore.errors import CodedError

MAX_BYTES = 200_000
MAX_ROWS = 2_000
MAX_CLASSES = 10
MIN_PER_CLASS = 2

_MESSAGES = {
    "csv.too_large": "The file has {size} bytes; the limit is {limit} bytes.",
    "csv.not_text": "The file is not UTF-8 text (is it a spreadsheet? Save it as CSV).",
    "csv.malformed": (
        "Row {row} cannot be read as CSV (a field is far too long, or a quote is not closed)."
    ),
    "csv.empty": "The file has no data rows.",
    "csv.columns": "Row {row} has {found} columns; every row needs 3: x1, x2, label.",
    "csv.not_number": "Row {row}, column {column}: {value!r} is not a number.",
    "csv.not_finite": "Row {row}, column {column}: {value!r} is not a finite number.",
    "csv.too_big_to_scale": (
        "Row {row}, column {column}: {value} is too large to standardise (its square "
        "overflows); divide the column by a power of ten."
    ),
    "csv.empty_label": "Row {row} has an empty label.",
    "csv.too_many_rows": "The file has more than {limit} data rows.",
    "csv.too_few_classes": "The file has {found} class(es); at least 2 are needed.",
    "csv.too_many_classes": "The file has {found} classes; at most {limit} are allowed.",
    "csv.small_class": (
        "Class {label!r} has {found} point(s); every class needs at least {limit}."
    ),
}
CODES = tuple(_MESSAGES)


class PointsCSVError(CodedError):
    """A CSV of points that cannot be used: ``code`` names the problem (one of :data:`CODES`)
    and ``details`` holds the values in its message."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code, _MESSAGES[code], **details)


def _decode(data: bytes | str, max_bytes: int) -> str:
    """The file's text: size capped, UTF-8 (BOM dropped) or UTF-16 with a BOM, no NUL."""
    raw = data.encode() if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise PointsCSVError("csv.too_large", size=len(raw), limit=max_bytes)
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        raise PointsCSVError("csv.not_text") from None
    if "\x00" in text:
        raise PointsCSVError("csv.not_text")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends


def parse_number(text: str, row: int, column: int, decimal_comma: bool) -> float:
    """The finite number in the field ``text`` (at ``row``, ``column``, for the message)."""
    cleaned = text.strip().replace(",", ".") if decimal_comma else text.strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise PointsCSVError("csv.not_number", row=row, column=column,
                             value=text.strip()) from None
    if not math.isfinite(value):
        raise PointsCSVError("csv.not_finite", row=row, column=column, value=text.strip())
    return value


def _is_number(text: str, decimal_comma: bool) -> bool:
    try:
        float(text.strip().replace(",", ".") if decimal_comma else text.strip())
    except ValueError:
        return False
    return True


def _delimiter(lines: list[str]) -> str:
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    return next((d for d in (";", "\t") if d in first), ",")


def _records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(row number, fields) of every line that is not blank or a comment."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records = []
    try:
        for row, fields in enumerate(reader, start=1):
            if any(f.strip() for f in fields) and not fields[0].lstrip().startswith("#"):
                records.append((row, fields))
    except csv.Error:
        raise PointsCSVError("csv.malformed", row=reader.line_num) from None
    return records


def table_rows(data: bytes | str, max_bytes: int, max_rows: int, numeric: int = 2
               ) -> tuple[list[tuple[int, list[str]]], bool]:
    """The data rows of a CSV file as (row number, fields), and whether numbers are written
    with a decimal comma: decoded and size capped, blank and ``#`` lines skipped, a first row
    whose first ``numeric`` fields are all non-numeric dropped as a header, at most
    ``max_rows`` rows (the points' and the regression table's upload share this)."""
    text = _decode(data, max_bytes)
    delimiter = _delimiter(text.splitlines())
    decimal_comma = delimiter != ","
    records = _records(text, delimiter)
    if records and not any(_is_number(f, decimal_comma) for f in records[0][1][:numeric]):
        records = records[1:]
    if len(records) > max_rows:
        raise PointsCSVError("csv.too_many_rows", limit=max_rows)
    return records, decimal_comma


def _read_rows(data: bytes | str, max_bytes: int, max_rows: int
               ) -> tuple[list[tuple[float, float]], list[str], list[int]]:
    """The points, their labels and their row numbers."""
    records, decimal_comma = table_rows(data, max_bytes, max_rows)
    points, labels, rows = [], [], []
    for row, fields in records:
        if len(fields) != 3:
            raise PointsCSVError("csv.columns", row=row, found=len(fields))
        point = (parse_number(fields[0], row, 1, decimal_comma),
                 parse_number(fields[1], row, 2, decimal_comma))
        label = fields[2].strip()
        if not label:
            raise PointsCSVError("csv.empty_label", row=row)
        points.append(point)
        labels.append(label)
        rows.append(row)
    return points, labels, rows


def check_scale(X: np.ndarray, rows: list[int]) -> None:
    """Refuse coordinates whose standardisation would not be finite (see the module
    docstring): N · (2 max|x|)² bounds every sum the Standardizer forms, on any subset."""
    with np.errstate(all="ignore"):
        bound = len(X) * (2.0 * np.abs(X).max(axis=0)) ** 2
        z = Standardizer().fit_transform(X)
    for column in range(X.shape[1]):
        if not (math.isfinite(bound[column]) and np.isfinite(z[:, column]).all()):
            worst = int(np.abs(X[:, column]).argmax())
            raise PointsCSVError("csv.too_big_to_scale", row=rows[worst], column=column + 1,
                                 value=f"{X[worst, column]:g}")


def _class_order(labels: list[str]) -> list[str]:
    distinct = sorted(set(labels))
    if all(_is_number(label, False) for label in distinct):
        return sorted(distinct, key=float)
    return distinct


def _classes(labels: list[str], max_classes: int) -> np.ndarray:
    """Class indices 0 … K−1 from the labels, checking 2 ≤ K ≤ ``max_classes`` and the size
    of every class."""
    classes = _class_order(labels)
    if len(classes) < 2:
        raise PointsCSVError("csv.too_few_classes", found=len(classes))
    if len(classes) > max_classes:
        raise PointsCSVError("csv.too_many_classes", found=len(classes), limit=max_classes)
    index = {label: k for k, label in enumerate(classes)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    counts = np.bincount(y, minlength=len(classes))
    if counts.min() < MIN_PER_CLASS:
        small = int(counts.argmin())
        raise PointsCSVError("csv.small_class", label=classes[small], found=int(counts[small]),
                             limit=MIN_PER_CLASS)
    return y


def parse_points_csv(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_classes: int = MAX_CLASSES,
) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` from the CSV text ``data``: X float64 (N, 2), y class indices (N,).

    Raises :class:`PointsCSVError` with a clear message for anything that is not a usable
    table of ``x1, x2, label`` rows (see the module docstring).
    """
    points, labels, rows = _read_rows(data, max_bytes, max_rows)
    if not points:
        raise PointsCSVError("csv.empty")
    X = np.array(points, dtype=np.float64)
    check_scale(X, rows)
    return X, _classes(labels, max_classes)
