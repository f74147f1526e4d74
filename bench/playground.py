"""Benchmark of the playground's training tick (not a test). Run: ``python bench/playground.py``.

While playing, every tick of the playground's fragment trains some epochs and redraws the live
views. This times the server-side part of a tick on the default settings (spiral, 2 classes,
100 points per class, 80 % training; 2-8-8-2 tanh, SGD lr 0.1, batch 16), as the
page composes it but without Streamlit:

1. ``k`` epochs of training (k = 1, 2 — the default speed — and 5);
2. the 100×100 decision-boundary grid;
3. the figures: boundary, network with a picture of every neuron, learning curves;
4. what ``st.plotly_chart`` does with each figure (validate, serialise to JSON).

Target: ≤ 100 ms a tick, so that the page can redraw 10 times a second. The reference, in the
same process, is a bare numpy forward pass of the same network over the same 100×100 grid; the
ratio tick / reference says how much a tick costs in units of "one plain grid evaluation", a
number that does not depend much on the machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly.io
import plotly.tools

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.engine import median_time
from nncore.data.plane import DataSettings, make_plane_data
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from nncore.model.plane import grid_points, input_grids
from nncore.viz.boundary import boundary_figure
from nncore.viz.curves import Panel, panels_figure, train_valid_curves
from nncore.viz.network import network_figure
from nncore.viz.pictures import network_pictures

RESOLUTION, PICTURE, TICKS, WARM_UP = 100, 32, 150, 20
EPOCHS_PER_TICK = (1, 2, 5)  # 2 is the playground's default speed


def new_experiment() -> Experiment:
    return Experiment(make_plane_data(DataSettings()), NetworkSettings(), TrainingSettings())


def as_streamlit_would(figure: object) -> str:
    """``st.plotly_chart``'s own work on a figure: validate it, serialise it."""
    checked = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return plotly.io.to_json(checked, validate=False)


def tick(exp: Experiment, epochs: int, parts: dict[str, list[float]]) -> None:
    """One tick of the live views, each part timed into ``parts``."""
    marks = [time.perf_counter()]

    def mark(name: str) -> None:
        marks.append(time.perf_counter())
        parts.setdefault(name, []).append(marks[-1] - marks[-2])

    exp.train_epochs(epochs)
    mark("train")
    grid = exp.boundary(RESOLUTION)
    mark("grid")
    d, h = exp.data, exp.history
    figures = [boundary_figure(grid, d.X_train, d.y_train, d.X_valid, d.y_valid)]
    mark("boundary figure")
    pictures = network_pictures(input_grids(exp.bounds, PICTURE), exp.neuron_pictures(PICTURE))
    figures.append(network_figure(exp.layer_sizes(), exp.weights(), pictures=pictures,
                                  node_labels=[["x1", "x2"], None, None, ["class 0", "class 1"]],
                                  column_titles=["input", "hidden 1", "hidden 2", "output"]))
    mark("network figure")
    figures.append(panels_figure([
        Panel(train_valid_curves(h.train_loss, h.val_loss, "training", "validation"), "Loss"),
        Panel(train_valid_curves(h.train_metric, h.val_metric, "training", "validation"),
              "Accuracy", y_range=(0, 1.05)),
    ], x_title="epoch"))
    mark("curves figure")
    for figure in figures:
        as_streamlit_would(figure)
    mark("streamlit json")


def reference_forward(exp: Experiment) -> Callable[[], np.ndarray]:
    """The same network's forward pass over the same grid, in plain numpy (no chunks, no
    head, no bookkeeping)."""
    X = grid_points(exp.bounds, RESOLUTION)
    layers = [(layer.W.copy(), layer.b.copy()) for layer in exp.linear_layers()]

    def forward() -> np.ndarray:
        h = X
        for i, (W, b) in enumerate(layers):
            h = h @ W.T + b
            if i < len(layers) - 1:
                h = np.tanh(h)
        return h

    return forward


def main() -> None:
    exp = new_experiment()
    forward = reference_forward(exp)
    forward()
    reference = median_time(forward, 500)
    print(f"playground tick, default settings ({len(exp.data.X_train)} training points, "
          f"network {'-'.join(map(str, exp.layer_sizes()))}, grid {RESOLUTION}×{RESOLUTION}); "
          f"median of {TICKS} ticks")
    print(f"  reference: plain numpy forward over the grid   {1e3 * reference:7.3f} ms")
    for epochs in EPOCHS_PER_TICK:
        exp = new_experiment()
        parts: dict[str, list[float]] = {}
        for _ in range(WARM_UP):
            tick(exp, epochs, parts)
        parts.clear()
        totals = []
        for _ in range(TICKS):
            start = time.perf_counter()
            tick(exp, epochs, parts)
            totals.append(time.perf_counter() - start)
        ms = 1e3 * statistics.median(totals)
        print(f"  {epochs} epoch(s) a tick: {ms:6.1f} ms/tick, {1e3 / ms:5.1f} ticks/s, "
              f"ratio tick/reference {ms / (1e3 * reference):6.0f}   (target ≤ 100 ms)")
        print("      " + ", ".join(f"{name} {1e3 * statistics.median(times):.1f}"
                                   for name, times in parts.items()) + " (ms, median)")


if __name__ == "__main__":
    main()
