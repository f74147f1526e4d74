"""Take it home: download buttons for a trained network, its data, its history, a trace, and
the chart toolbar's "download as PNG".

The files come from :mod:`nncore.export` (the network as ``.npz`` that ``model_from_npz`` and
``Sequential.load`` read back, and as JSON; points as ``x1,x2,label`` CSV that the playground's
upload reads back; histories and traces as CSV). The bytes are made only when a button is
pressed (deferred ``data``), and pressing one does not rerun the page (a training page keeps
training).

    experiment_downloads("pg", experiment, "playground")    # weights ×2, data, history
    trace_download("chain_simple", trace, "chain-rule")      # a graph player's steps
    step_trace_download("mlp_step", trace, "mlp-step")       # the MLP step's stages
    st.plotly_chart(figure, config=chart_config("boundary")) # PNG from the chart's toolbar
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from nncore.data.plane import PlaneData
from nncore.data.regression import RegressionData, regression_to_csv
from nncore.experiment import Experiment
from nncore.export import (
    history_to_csv,
    model_to_json,
    model_to_npz,
    points_to_csv,
    step_trace_to_csv,
    trace_to_csv,
)
from nncore.graph import Trace
from ui.i18n import t
from ui.layout import CHART_CONFIG

if TYPE_CHECKING:
    from nncore.mlp_step import StepTrace

PNG_SCALE = 2  # the toolbar's PNG at twice the screen's pixels (sharp on slides)


@dataclass(frozen=True)
class Download:
    """One file: the label's translation key, the file name, its type, and how to make it."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes | str]
    icon: str = ":material/download:"


def chart_config(filename: str, **config: object) -> dict[str, object]:
    """The app's chart config (:data:`ui.layout.CHART_CONFIG`, no scroll zoom) with a toolbar,
    shown on hover, that holds one button: "download as PNG" (``filename.png``, at
    :data:`PNG_SCALE` times the screen's pixels). Also for live charts, whose own default hides
    the toolbar."""
    return {**CHART_CONFIG, "displayModeBar": "hover", "displaylogo": False,
            "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "filename": filename,
                                     "scale": PNG_SCALE}, **config}


def all_points(data: PlaneData) -> tuple[np.ndarray, np.ndarray]:
    """Every point of the training, validation and test sets, in that order."""
    X = np.concatenate([data.X_train, data.X_valid.reshape(-1, 2), data.X_test.reshape(-1, 2)])
    y = np.concatenate([data.y_train, data.y_valid, data.y_test]).astype(np.int64)
    return X, y


def data_csv(data: PlaneData) -> str:
    """Every point as CSV the playground's upload reads back: x1, x2, label rows, or for
    regression x[, x2], y rows."""
    if isinstance(data, RegressionData):
        parts = (data.X_train, data.X_valid, data.X_test)
        return regression_to_csv(np.concatenate(parts), np.concatenate(
            [data.y_train, data.y_valid, data.y_test]))
    return points_to_csv(*all_points(data))


def experiment_files(experiment: Experiment, stem: str) -> list[Download]:
    """The files of a training run: the network (.npz, JSON), the points (CSV), the history
    (CSV)."""
    model = experiment.model
    return [
        Download("downloads.weights_npz", f"{stem}-weights.npz", "application/octet-stream",
                 lambda: model_to_npz(model), ":material/deployed_code:"),
        Download("downloads.weights_json", f"{stem}-weights.json", "application/json",
                 lambda: model_to_json(model, indent=1), ":material/data_object:"),
        Download("downloads.data_csv", f"{stem}-data.csv", "text/csv",
                 lambda: data_csv(experiment.data), ":material/scatter_plot:"),
        Download("downloads.history_csv", f"{stem}-history.csv", "text/csv",
                 lambda: history_to_csv(experiment.history), ":material/show_chart:"),
    ]


def download_buttons(key: str, files: list[Download]) -> None:
    """One button per file, side by side (keys ``{key}_download_0``, …)."""
    for k, (column, file) in enumerate(zip(st.columns(len(files)), files, strict=True)):
        column.download_button(t(file.label), file.make, file_name=file.file_name,
                               mime=file.mime, key=f"{key}_download_{k}", icon=file.icon,
                               on_click="ignore", width="stretch")


def experiment_downloads(key: str, experiment: Experiment, stem: str) -> None:
    """The "Download" expander of a training page (see :func:`experiment_files`)."""
    with st.expander(t("downloads.title"), icon=":material/download:"):
        st.markdown(t("downloads.intro", epoch=experiment.epoch))
        download_buttons(key, experiment_files(experiment, stem))
        st.caption(t("downloads.how_to_load"))


def _trace_button(key: str, stem: str, make: Callable[[], str]) -> None:
    download_buttons(f"{key}_trace", [Download(
        "downloads.trace_csv", f"{stem}-trace.csv", "text/csv", make, ":material/table_view:")])


def trace_download(key: str, trace: Trace, stem: str) -> None:
    """A button for a graph's trace as CSV (step, phase, node, value, gradient, rule)."""
    _trace_button(key, stem, lambda: trace_to_csv(trace))


def step_trace_download(key: str, trace: StepTrace, stem: str) -> None:
    """A button for an MLP's traced training step as CSV, one row per scalar entry of each
    stage (step, phase, node, value, gradient, rule; :func:`nncore.export.step_trace_to_csv`);
    the button's key is ``{key}_trace_download_0``."""
    _trace_button(key, stem, lambda: step_trace_to_csv(trace))
