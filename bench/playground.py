"""Benchmark of the playground's server work per frame (not a test). Run:
``python bench/playground.py``.

While playing, every frame of the playground's fragment trains for a time budget and sends the
live views. This times, without Streamlit, the server-side work of one frame beyond the training
on the default settings (spiral, 2 classes, 100 points per class, 80 % training; 2-8-8-2 tanh,
SGD lr 0.1, batch 16), two ways:

- **live** (now): the 100×100 decision grid, the figures as plain dicts (``*_spec``: the boundary
  as a PNG picture, the network with a picture per neuron, the curves), what changed since the
  previous frame (``ui.figure_updates.figure_update``), encoded and serialised as the component
  sends it; the bytes are what one update costs on the wire;
- **re-created** (before): the same figures as ``go.Figure`` objects with the boundary as a
  heatmap, validated and serialised whole, as ``st.plotly_chart`` does on every tick.

``--blas-threads N`` limits the BLAS library to N threads first (default 1, as the app does in
``ui.threads``; 0 leaves the library's default, one per core).

The app records the network and the curves in one frame out of
``ui.training.live_views.SIDE_VIEWS_EVERY`` only; this times all three in every frame.

Goal: ≤ 5 ms of server work per redraw beyond the training. The bytes per update are also
given for 6 hidden layers × 8 neurons and for the 3-class spiral with 64-neuron layers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import plotly.io
import plotly.tools
from threadpoolctl import threadpool_info, threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nncore.data.plane import DataSettings, make_plane_data
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from nncore.model.plane import input_grids
from nncore.viz.boundary import boundary_spec
from nncore.viz.curves import Panel, panels_spec, train_valid_curves
from nncore.viz.network import network_spec
from nncore.viz.pictures import network_pictures
from ui.figure_updates import encode, figure_update

RESOLUTION, PICTURE, FRAMES, WARM_UP, BUDGET = 100, 20, 100, 20, 0.015
CASES = {"default 2-8-8-2": (DataSettings(), NetworkSettings()),
         "6 layers × 8": (DataSettings(), NetworkSettings(hidden=(8,) * 6)),
         "3-class spiral, 64-64": (DataSettings(classes=3), NetworkSettings(hidden=(64, 64)))}


def figures(exp: Experiment, image: bool) -> list[dict]:
    """The three live views as plain dicts (``image``: the boundary as a picture)."""
    d, h = exp.data, exp.history
    hidden = exp.layer_sizes()[1:-1]
    small = max(hidden) <= 8 and sum(hidden) <= 32  # as ui.training.live_views
    pictures = network_pictures(input_grids(exp.bounds, PICTURE),
                                exp.neuron_pictures(PICTURE)) if small else None
    x = h.epoch_numbers
    return [
        boundary_spec(exp.boundary(RESOLUTION), d.X_train, d.y_train, d.X_valid, d.y_valid,
                      title="Decision boundary", image=image),
        network_spec(exp.layer_sizes(), exp.weights(), pictures=pictures, edge_shapes=image,
                     node_labels=[["x1", "x2"], *[None] * len(hidden), ["0", "1", "2"]],
                     column_titles=["input", *(f"h{i}" for i in range(len(hidden))), "out"]),
        panels_spec([Panel(train_valid_curves(h.train_loss, h.val_loss, "tr", "va", x), "Loss"),
                     Panel(train_valid_curves(h.train_metric, h.val_metric, "tr", "va", x),
                           "Accuracy", y_range=(0, 1.05))], x_title="epoch", growing=True),
    ]


def live_frame(exp: Experiment, kept: list[dict | None]) -> int:
    """One live frame's work after training; returns the bytes it sends."""
    sent = 0
    for i, figure in enumerate(figures(exp, image=True)):
        sent += len(json.dumps(encode(figure_update(kept[i], figure))))
        kept[i] = figure
    return sent


def recreated_tick(exp: Experiment) -> int:
    """One tick as before: go.Figure objects, validated and serialised whole."""
    sent = 0
    for figure in figures(exp, image=False):
        checked = plotly.tools.return_figure_from_figure_or_data(go.Figure(figure),
                                                                  validate_figure=True)
        sent += len(plotly.io.to_json(checked, validate=False))
    return sent


def timed(exp: Experiment, work: Callable[[], int]) -> tuple[float, int]:
    """(median ms, median bytes) of ``work`` over FRAMES frames, each after a budget of
    training."""
    times, sizes = [], []
    for n in range(WARM_UP + FRAMES):
        exp.train_epochs(1_000_000, budget=BUDGET)
        start = time.process_time()
        size = work()
        if n >= WARM_UP:
            times.append(time.process_time() - start)
            sizes.append(size)
    return 1e3 * statistics.median(times), int(statistics.median(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--blas-threads", type=int, default=1)
    threads = parser.parse_args().blas_threads
    if threads > 0:
        threadpool_limits(limits=threads, user_api="blas")
    print(f"BLAS threads: {threadpool_info()[0]['num_threads']}")
    print(f"server work per frame beyond {1e3 * BUDGET:.0f} ms of training (CPU ms, median of "
          f"{FRAMES} frames), and bytes per update")
    for name, (data, network) in CASES.items():
        exp = Experiment(make_plane_data(data), network, TrainingSettings())
        kept: list[dict | None] = [None, None, None]
        live_ms, live_bytes = timed(exp, lambda e=exp, k=kept: live_frame(e, k))
        old_ms, old_bytes = timed(exp, lambda e=exp: recreated_tick(e))
        print(f"  {name:<24} live {live_ms:6.1f} ms, {live_bytes / 1000:6.1f} kB/update   "
              f"re-created {old_ms:6.1f} ms, {old_bytes / 1000:6.1f} kB/tick   (goal ≤ 5 ms)")


if __name__ == "__main__":
    main()
