"""What a page shows, as CSV text to download: points, a training history, a graph's trace.

- :func:`points_to_csv`: ``x1,x2,label`` rows, which :func:`nncore.data.csv_points.
  parse_points_csv` reads back to the same points (numbers are written with ``repr``, which
  round-trips a float64 exactly) and the same classes (when every class 0 … K−1 has points);
- :func:`history_to_csv`: one row per kept epoch (or step) of a
  :class:`~nncore.history.History`, numbered by ``epoch_numbers`` (``step_numbers``);
- :func:`trace_to_csv`: one row per record of a computational graph's trace
  (:class:`~nncore.graph.trace.TraceStep`): step, phase, node, value, gradient, rule.

Arrays in a cell are JSON lists (``[0.22, 0.26]``); a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from nncore.graph.trace import EdgeStep, TraceStep
from nncore.history import EPOCH_SERIES, STEP_SERIES, History


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """A number as ``repr`` (exact), an array as a JSON list, None as empty."""
    if value is None:
        return ""
    array = np.asarray(value, dtype=np.float64)
    return repr(float(array)) if array.ndim == 0 else json.dumps(array.tolist())


def points_to_csv(X: np.ndarray, y: np.ndarray,
                  class_names: Sequence[str] | None = None) -> str:
    """``x1,x2,label`` with a header row; the label is the class index k, or
    ``class_names[k]``."""
    X, y = np.asarray(X, dtype=np.float64).reshape(-1, 2), np.asarray(y, dtype=np.int64)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} points but y has {len(y)} labels")
    names = [str(k) for k in range(int(y.max(initial=-1)) + 1)] if class_names is None else (
        [str(name) for name in class_names])
    return _csv(("x1", "x2", "label"),
                ((repr(float(a)), repr(float(b)), names[k]) for (a, b), k in zip(X, y,
                                                                               strict=True)))


def history_to_csv(history: History, per: str = "epoch") -> str:
    """The ``per="epoch"`` series (train_loss, data_loss, penalty, train_<metric>, and
    val_loss, val_<metric> with validation) or the ``per="step"`` series, one row per kept
    value, first column the epoch (step) number."""
    if per not in ("epoch", "step"):
        raise ValueError("per must be 'epoch' or 'step'")
    names = EPOCH_SERIES if per == "epoch" else STEP_SERIES
    numbers = history.epoch_numbers if per == "epoch" else history.step_numbers
    columns = [name for name in names if len(getattr(history, name)) == len(numbers)]
    header = [per, *(name.replace("metric", history.metric) for name in columns)]
    values = [getattr(history, name) for name in columns]
    return _csv(header, ([n, *(_cell(v[i]) for v in values)] for i, n in enumerate(numbers)))


def _edge_rule(step: TraceStep, edge: EdgeStep) -> str:
    """``∂q/∂x = 1`` for a local derivative; ``∂f/∂W = g·xᵀ, g = ∂f/∂q`` for a rule that
    already holds the upstream gradient (a vector-Jacobian product)."""
    if edge.form == "vjp":
        return (f"∂{step.output_label}/∂{edge.source_label} = {edge.rule.text}, "
                f"g = {step.upstream_symbol}")
    return f"∂{edge.target_label}/∂{edge.source_label} = {edge.rule.text}"


def trace_to_csv(trace: Iterable[TraceStep]) -> str:
    """One row per trace record: ``step`` (1, 2, …), ``phase``, ``node`` (its label),
    ``value``, ``gradient`` (∂f/∂node, backward rows only) and ``rule`` (the forward formula,
    ``q = x + y``; in the backward pass the local derivatives along the node's input edges,
    ``∂q/∂x = 1; ∂q/∂y = 1``)."""
    rows = []
    for step in trace:
        if step.phase == "forward":
            rule = f"{step.label} = {step.formula.text}" if step.formula.template else ""
        else:
            rule = "; ".join(_edge_rule(step, edge) for edge in step.edges)
        rows.append((step.index + 1, step.phase, step.label, _cell(step.value),
                     _cell(step.upstream), rule))
    return _csv(("step", "phase", "node", "value", "gradient", "rule"), rows)
