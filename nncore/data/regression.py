"""Regression data for the playground: real-valued targets y over one input x or two (x1, x2),
generated or uploaded as CSV, split into training, validation and test sets (000 §4.2.1).

    settings = DataSettings(dataset="sine", points=100, noise=0.1)
    data = make_regression_data(settings)   # RegressionData: X_train (N, 1), y_train (N,), …
    X, y = parse_regression_csv(text)       # rows "x, y" or "x1, x2, y"
    data = split_regression_data(X, y, train_ratio=0.8, standardize=True,
                                 test_ratio=TEST_RATIO)

The data sets (x drawn uniformly from [−2, 2], or [−2, 2]², plus Gaussian noise of std
``noise`` on y):

=============  ==============================  =============  ================================
1-D            y(x)                            2-D            y(x1, x2)
=============  ==============================  =============  ================================
"sine"         sin(2x)                         "plane"        0.6 x1 − 0.4 x2 + 0.2
"step"         −1 for x < 0, 1 for x ≥ 0       "bump"         2 exp(−(x1² + x2²) / 2)
"quadratic"    x² − 1                          "saddle"       (x1² − x2²) / 2
"cubic"        x³ / 2 − x
=============  ==============================  =============  ================================

:class:`RegressionData` is a :class:`~nncore.data.plane.PlaneData` with ``n_classes = 0``
(real-valued targets, no classes) and float targets; its ``bounds`` is always set: for one
input the box of the x → y picture (x over [x_min, x_max], y over [y_min, y_max]), for two
inputs the square over (x1, x2). ``target_range`` spans every target (the colour scale).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from nncore.data.csv_points import (
    MAX_BYTES,
    MAX_ROWS,
    check_scale,
    parse_number,
    table_rows,
)
from nncore.data.plane import DataSettings, PlaneData, split_ratios
from nncore.data.split import Standardizer, train_valid_test_split
from nncore.errors import CodedError
from nncore.model.plane import Bounds, plane_bounds

Target = Callable[[np.ndarray], np.ndarray]

X_RANGE = (-2.0, 2.0)
ONE_D: dict[str, Target] = {
    "sine": lambda X: np.sin(2 * X[:, 0]),
    "step": lambda X: np.where(X[:, 0] >= 0, 1.0, -1.0),
    "quadratic": lambda X: X[:, 0] ** 2 - 1.0,
    "cubic": lambda X: X[:, 0] ** 3 / 2 - X[:, 0],
}
TWO_D: dict[str, Target] = {
    "plane": lambda X: 0.6 * X[:, 0] - 0.4 * X[:, 1] + 0.2,
    "bump": lambda X: 2.0 * np.exp(-(X[:, 0] ** 2 + X[:, 1] ** 2) / 2),
    "saddle": lambda X: (X[:, 0] ** 2 - X[:, 1] ** 2) / 2,
}
REGRESSION_SETS = (*ONE_D, *TWO_D)
MIN_POINTS = 5  # an upload needs a few points in each of training, validation and test

_MESSAGES = {
    "csv.regression_columns": (
        "Row {row} has {found} columns; every row needs 2 (x, y) or 3 (x1, x2, y)."
    ),
    "csv.mixed_columns": "Row {row} has {found} columns, the rows before it {expected}.",
    "csv.too_few_points": "The file has {found} point(s); at least {limit} are needed.",
}
CODES = tuple(_MESSAGES)


class RegressionCSVError(CodedError):
    """A regression table that cannot be used (codes :data:`CODES`; the decoding and number
    problems are :class:`~nncore.data.csv_points.PointsCSVError`'s "csv.*" codes)."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code, _MESSAGES[code], **details)


@dataclass(frozen=True, eq=False)
class RegressionData(PlaneData):
    """Inputs X (N, 1) or (N, 2) with real targets y (N,), split three ways; ``n_classes``
    is 0. ``target_range`` is (min y, max y) over all three sets."""

    target_range: tuple[float, float] = (-1.0, 1.0)

    @property
    def n_inputs(self) -> int:
        return int(self.X_train.shape[1])


def target_function(name: str) -> Target:
    """The noiseless y of data set ``name`` as a function of X (N, d)."""
    if name in ONE_D:
        return ONE_D[name]
    if name in TWO_D:
        return TWO_D[name]
    raise ValueError(f"unknown regression data set {name!r}; choose one of {REGRESSION_SETS}")


def generate_regression(settings: DataSettings) -> tuple[np.ndarray, np.ndarray]:
    """``settings.points`` points of data set ``settings.dataset``: X uniform over
    :data:`X_RANGE` (per input), y = target(X) + noise · randn."""
    target = target_function(settings.dataset)
    rng = np.random.default_rng(settings.seed)
    n_inputs = 1 if settings.dataset in ONE_D else 2
    X = rng.uniform(*X_RANGE, size=(settings.points, n_inputs))
    y = target(X) + settings.noise * rng.standard_normal(settings.points)
    return X, y


def _span(values: np.ndarray, margin: float) -> tuple[float, float]:
    low, high = (float(values.min()), float(values.max())) if len(values) else (-1.0, 1.0)
    pad = max(high - low, 1e-9) * margin
    return low - pad, high + pad


def regression_bounds(X: np.ndarray, y: np.ndarray, margin: float = 0.1) -> Bounds:
    """The drawing box: (x, y) around the points for one input, the square around (x1, x2)
    for two."""
    if X.shape[1] == 2:
        return plane_bounds(X, margin=margin)
    return Bounds(*_span(X[:, 0], margin), *_span(y, margin))


def split_regression_data(X: np.ndarray, y: np.ndarray, train_ratio: float = 0.8, seed: int = 0,
                          *, standardize: bool = False, test_ratio: float = 0.0
                          ) -> RegressionData:
    """Shuffle and cut (X, y) into training, validation and test sets: ``test_ratio`` of all
    points test, ``train_ratio`` of the rest train (see :func:`~nncore.data.plane.split_ratios`).
    With ``standardize`` the inputs *and* the targets of all three sets become z-scores by the
    training set's mean and std (an upload of any scale then trains with the usual rates)."""
    X = np.asarray(X, dtype=np.float64)
    X = X.reshape(len(X), -1)
    y = np.asarray(y, dtype=np.float64).ravel()
    split = train_valid_test_split(X, y, split_ratios(train_ratio, test_ratio), seed=seed)
    Xs = [split.X_train, split.X_valid, split.X_test]
    ys = [split.y_train, split.y_valid, split.y_test]
    if standardize:
        x_scale, y_scale = Standardizer().fit(Xs[0]), Standardizer().fit(ys[0][:, None])
        Xs = [x_scale.transform(part) for part in Xs]
        ys = [y_scale.transform(part[:, None])[:, 0] for part in ys]
    X_all, y_all = np.concatenate(Xs), np.concatenate(ys)
    return RegressionData(Xs[0], ys[0], Xs[1], ys[1], 0, regression_bounds(X_all, y_all),
                          Xs[2], ys[2], _span(y_all, 0.0))


def make_regression_data(settings: DataSettings) -> RegressionData:
    """Generate regression data set ``settings.dataset`` and split it by the settings'
    ``test_ratio`` and ``train_ratio``; generated sets are drawn over the whole of
    :data:`X_RANGE`."""
    X, y = generate_regression(settings)
    data = split_regression_data(X, y, settings.train_ratio, settings.seed,
                                 test_ratio=settings.test_ratio)
    box = data.bounds
    y_range = (box.y_min, box.y_max) if data.n_inputs == 1 else X_RANGE
    return replace(data, bounds=Bounds(*X_RANGE, *y_range))


def parse_regression_csv(
    data: bytes | str, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` from a CSV table of ``x, y`` rows (X of shape (N, 1)) or ``x1, x2, y`` rows
    (N, 2); every row has the first row's number of columns. Decoding, delimiter, decimal
    comma, header, comments, size and scale checks are the points upload's
    (:mod:`nncore.data.csv_points`); its :class:`~nncore.data.csv_points.PointsCSVError` or a
    :class:`RegressionCSVError` says what is wrong."""
    records, decimal_comma = table_rows(data, max_bytes, max_rows, numeric=3)
    if not records:
        raise RegressionCSVError("csv.too_few_points", found=0, limit=MIN_POINTS)
    width = len(records[0][1])
    values, rows = [], []
    for row, fields in records:
        if len(fields) not in (2, 3):
            raise RegressionCSVError("csv.regression_columns", row=row, found=len(fields))
        if len(fields) != width:
            raise RegressionCSVError("csv.mixed_columns", row=row, found=len(fields),
                                     expected=width)
        values.append([parse_number(f, row, i + 1, decimal_comma) for i, f in enumerate(fields)])
        rows.append(row)
    if len(values) < MIN_POINTS:
        raise RegressionCSVError("csv.too_few_points", found=len(values), limit=MIN_POINTS)
    table = np.array(values, dtype=np.float64)
    check_scale(table, rows)
    return table[:, :-1], table[:, -1]


def regression_to_csv(X: np.ndarray, y: np.ndarray) -> str:
    """The rows ``x1[, x2], y`` with a header, as :func:`parse_regression_csv` reads them."""
    X = np.asarray(X, dtype=np.float64).reshape(len(y), -1)
    names = [f"x{i + 1}" for i in range(X.shape[1])] if X.shape[1] > 1 else ["x"]
    lines = [",".join([*names, "y"])]
    lines += [",".join(f"{v:.10g}" for v in (*x, t)) for x, t in zip(X, y, strict=True)]
    return "\n".join(lines) + "\n"
