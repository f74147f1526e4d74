"""The playground's regression mode: its settings (task, data set, loss), the regression half of
the data widgets (generated sets and the CSV upload of ``x[, x2], y`` rows) and its live views:
ŷ over the input box, the counters and curves with R², and the MSE / MAE / R² table after
training.

The playground keeps one settings table; it adds :data:`REGRESSION_SETTINGS` to it, so that a
link ``?task=regress&rdata=bump&loss=huber`` opens the bump with the Huber loss. Views take the
page's ``key`` (element keys ``<key>_<view>``) and the experiment, as
:mod:`ui.training.live_views` does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import NamedTuple

import streamlit as st

from nncore.data.csv_points import MAX_BYTES, MAX_ROWS
from nncore.data.plane import TEST_RATIO, DataSettings, PlaneData
from nncore.data.regression import (
    REGRESSION_SETS,
    make_regression_data,
    parse_regression_csv,
    split_regression_data,
)
from nncore.errors import CodedError
from nncore.experiment import Experiment
from nncore.regression import REGRESSION_LOSSES
from nncore.viz.curves import Panel, train_valid_curves
from nncore.viz.regression import (
    colour_limit,
    prediction_curve_spec,
    prediction_map_spec,
    r2_range,
)
from ui.i18n import t
from ui.layout import fmt
from ui.live_chart import live_chart
from ui.url_state import Setting

TASKS = ("classify", "regress")
UPLOAD = "csv"
REGRESSION_SETTINGS = (
    Setting("task", "classify", choices=TASKS, label="regression.task"),
    Setting("rdata", "sine", choices=(*REGRESSION_SETS, UPLOAD), label="regression.dataset"),
    Setting("loss", "mse", choices=REGRESSION_LOSSES, label="regression.loss"),
)
SUBSETS = ("train", "valid", "test")


class DataSource(NamedTuple):
    """Which data (``source``, hashable) and how to build it; both None while an upload is
    missing or refused (``problem`` then says why, in the page's language)."""

    source: Hashable | None
    make_data: Callable[[], PlaneData] | None
    problem: str | None = None


# -- data ----------------------------------------------------------------------------------
def generated_source(settings: DataSettings) -> DataSource:
    """A generated regression set (``settings.dataset`` one of ``REGRESSION_SETS``)."""
    return DataSource(("regression", settings), lambda: make_regression_data(settings))


def _parsed_upload(key: str) -> str | None:
    """Parse a newly chosen file into the session (``<key>_regression_upload``); the refusal in
    the page's language, or None."""
    file = st.file_uploader(t("regression.csv_label"), type=["csv", "txt"], key=f"{key}_rcsv",
                            help=t("regression.csv_help", rows=MAX_ROWS, size=MAX_BYTES // 1000))
    if file is None:
        return None
    content = file.getvalue()
    try:
        X, y = parse_regression_csv(content)
    except CodedError as error:
        reason = t(f"errors.{error.code}", **error.details)
        return t("playground.csv_rejected", name=file.name, reason=reason)
    digest = hashlib.sha256(content).hexdigest()
    st.session_state[f"{key}_regression_upload"] = (file.name, digest, X, y)
    return None


def uploaded_source(key: str, train_ratio: float, seed: int) -> DataSource:
    """The CSV uploader of the regression mode and the table it holds (kept in the session
    for later runs): split with a test set, inputs and targets standardised."""
    problem = _parsed_upload(key)
    if problem is not None:
        return DataSource(None, None, problem)
    kept = st.session_state.get(f"{key}_regression_upload")
    if kept is None:
        return DataSource(None, None)
    name, digest, X, y = kept
    st.caption(t("regression.csv_loaded", name=name, rows=len(X), inputs=X.shape[1]))
    return DataSource(
        (UPLOAD, "regression", digest, train_ratio, seed),
        lambda: split_regression_data(X, y, train_ratio, seed, standardize=True,
                                      test_ratio=TEST_RATIO))


# -- live views ------------------------------------------------------------------------------
def _last(values: list[float]) -> str:
    return fmt(values[-1], 4) if values else "–"


def metric_items(experiment: Experiment) -> list[tuple[str, str]]:
    """(label, value) of the counters: the last epoch's loss and R², training and validation."""
    h = experiment.history
    train_r2, valid_r2 = experiment.r2_curves()
    items = [(t("training.train_loss"), _last(h.train_loss)),
             (t("regression.train_r2"), _last(train_r2))]
    if experiment.data.has_validation:
        items += [(t("training.valid_loss"), _last(h.val_loss)),
                  (t("regression.valid_r2"), _last(valid_r2))]
    return items


def r2_panel(experiment: Experiment) -> Panel:
    """R² per epoch, training and validation (the curves' second panel)."""
    train, valid = experiment.r2_curves()
    curves = train_valid_curves(train, valid, t("training.train_set"), t("training.valid_set"),
                                experiment.history.epoch_numbers)
    return Panel(curves, t("regression.r2_title"), "R²", y_range=r2_range(train, valid))


def prediction_figure(experiment: Experiment, *, resolution: int = 100, size: int = 560) -> dict:
    """ŷ(x) through the points (one input) or ŷ(x1, x2) under them (two)."""
    d = experiment.data
    names = {"train_name": t("training.train_points"), "valid_name": t("training.valid_points")}
    grid = experiment.prediction(resolution)
    if experiment.n_inputs == 1:
        return prediction_curve_spec(
            grid, d.X_train, d.y_train, d.X_valid, d.y_valid, bounds=experiment.bounds,
            prediction_name=t("regression.prediction_name"), title=t("regression.curve_title"),
            width=int(size * 1.1), height=size - 100, **names)
    return prediction_map_spec(
        grid, d.X_train, d.y_train, d.X_valid, d.y_valid,
        limit=colour_limit(d.target_range), colour_bar="y", title=t("regression.map_title"),
        size=size, **names)


def prediction_chart(key: str, experiment: Experiment, *, size: int = 560) -> None:
    """The prediction as a live chart keyed ``<key>_prediction``."""
    live_chart(f"{key}_prediction", prediction_figure(experiment, size=size))


def regression_evaluation(experiment: Experiment) -> None:
    """MSE, MAE and R² on the training, validation and test sets (000 §2), in one table."""
    rows = []
    for subset in SUBSETS:
        report = experiment.regression_report(subset)
        if report is None:
            continue
        rows.append({t("regression.set"): t(f"regression.sets.{subset}"),
                     "MSE": fmt(report.mse, 4), "MAE": fmt(report.mae, 4),
                     "R²": fmt(report.r2, 3), t("training.support"): report.n})
    st.table(rows, hide_index=True, border="horizontal")
    st.caption(t("regression.evaluation_note"))
