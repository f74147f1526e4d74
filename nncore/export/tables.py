"""What a page shows, as CSV text to download: points, a training history, a graph's trace.

- :func:`points_to_csv`: ``x1,x2,label`` rows, which :func:`nncore.data.csv_points.
  parse_points_csv` reads back to the same points (numbers are written with ``repr``, which
  round-trips a float64 exactly) and the same classes (when every class 0 … K−1 has points);
- :func:`history_to_csv`: one row per kept epoch (or step) of a
  :class:`~nncore.history.History`, numbered by ``epoch_numbers`` (``step_numbers``);
- :func:`trace_to_csv`: one row per record of a computational graph's trace
  (:class:`~nncore.graph.trace.TraceStep`): step, phase, node, value, gradient, rule;
- :func:`step_trace_to_csv`: the same columns for an MLP's traced training step
  (:class:`~nncore.mlp_step.StepTrace`), one row per scalar entry of each stage (``W1[0,1]``).

Arrays in a cell are JSON lists (``[0.22, 0.26]``); a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from nncore.graph.trace import EdgeStep, TraceStep
from nncore.history import EPOCH_SERIES, STEP_SERIES, History

if TYPE_CHECKING:  # only for the annotations: the engine's trace, not imported at run time
    from nncore.mlp_step import StepRecord, StepTrace

TRACE_HEADER = ("step", "phase", "node", "value", "gradient", "rule")


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
    return _csv(TRACE_HEADER, rows)


# --- an MLP's traced training step (nncore.mlp_step), in 002's / 000's notation -------------

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_F = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": "id", "softmax": "softmax"}
_LOSS = {  # ℓ and ∇ₐℓ for one sample
    "mse": ("ℓ = ‖a − t‖² = Σₖ (aₖ − tₖ)²", "∇ₐℓ = 2 (a − t)"),
    "bce": ("ℓ = −Σₖ [tₖ log aₖ + (1 − tₖ) log(1 − aₖ)]", "∇ₐℓ = −t/a + (1 − t)/(1 − a)"),
    "ce": ("ℓ = −Σₖ tₖ log aₖ", "∇ₐℓ = −t/a"),
}
# One entry of a stage: the quantity's name (W1), its values, ∂C/∂(it) or None, the rule.
Entry = tuple[str, Any, Any, str]


def _up(layer: int) -> str:
    """``⁽²⁾`` for layer 2."""
    return f"⁽{str(layer).translate(_SUPERSCRIPT)}⁾"


def _step_forward(record: StepRecord, f: str, batch: bool) -> list[Entry]:
    """z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ (002 1.3), or Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 1 b⁽ˡ⁾ᵀ for a batch (000),
    then a⁽ˡ⁾ = f(z⁽ˡ⁾); the first layer also lists its input a⁽⁰⁾ = x."""
    m, n, (a, z) = record.matrices, record.layer, ("A", "Z") if batch else ("a", "z")
    rule = (f"Z{_up(n)} = A{_up(n - 1)} W{_up(n)}ᵀ + 1 b{_up(n)}ᵀ" if batch
            else f"z{_up(n)} = W{_up(n)} a{_up(n - 1)} + b{_up(n)}")
    entries: list[Entry] = [(f"{a}0", m["a_prev"], None, f"{a}⁽⁰⁾ = {'X' if batch else 'x'}")
                            ] if n == 1 else []
    return [*entries, (f"{z}{n}", m["z"], None, rule),
            (f"{a}{n}", m["a"], None, f"{a}{_up(n)} = {_F.get(f, 'f')}({z}{_up(n)})")]


def _step_loss(record: StepRecord, loss: str, batch: bool) -> list[Entry]:
    """C = (1/N) Σₙ ℓₙ (C = ℓ for one sample) and ∇ₐC, the gradient of the output a⁽ᴸ⁾."""
    m, n, a = record.matrices, record.layer, "A" if batch else "a"
    ell, grad = _LOSS.get(loss, (f"ℓ = {loss}(a, t)", f"∇ₐℓ = ∂{loss}(a, t)/∂a"))
    mean, grad = ((f"C = (1/N) Σₙ ℓₙ, {ell}", f"∇ₐC = (1/N) ∇ₐℓₙ (row n), {grad}") if batch
                  else (f"C = ℓ, {ell}", f"∇ₐC = {grad}"))
    return [("T" if batch else "t", m["t"], None, ""), ("loss", m["losses"], None, ell),
            ("C", record.numbers["C"], 1.0, mean), (f"{a}{n}", m["a"], m["grad_a"], grad)]


def _delta_rule(record: StepRecord, batch: bool) -> str:
    """δ⁽ᴸ⁾ = ∇ₐC ⊙ f′(z⁽ᴸ⁾), δ⁽ᴸ⁾ = J_softmax ∇ₐC or δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)
    (002 1.5, 1.7; Δ⁽ˡ⁾ = (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾) ⊙ f′(Z⁽ˡ⁾) for a batch), with a − t when it
    simplifies."""
    n, here, (z, d) = record.layer, _up(record.layer), ("Z", "Δ") if batch else ("z", "δ")
    if record.formula == "backward_softmax":
        rule = f"{d}{here} = (diag(a) − a aᵀ) ∇ₐC"
    elif record.formula == "backward_hidden":
        incoming = (f"Δ{_up(n + 1)} W{_up(n + 1)}" if batch
                    else f"W{_up(n + 1)}ᵀ δ{_up(n + 1)}")
        rule = f"{d}{here} = ({incoming}) ⊙ f′({z}{here})"
    else:
        rule = f"{d}{here} = ∇ₐC ⊙ f′({z}{here})"
    if "a_minus_t" in record.matrices:
        rule += f" = (1/N)(A{here} − T)" if batch else f" = a{here} − t"
    return rule


def _step_backward(record: StepRecord, forward: StepRecord, batch: bool) -> list[Entry]:
    """The gradients of layer l: ∂C/∂z⁽ˡ⁾ = δ⁽ˡ⁾, ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ, ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
    and, passed down, ∂C/∂a⁽ˡ⁻¹⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾ (002 1.8, 1.9; for a batch 000's
    ∂C/∂W = Δᵀ A, ∂C/∂b = Δᵀ 1, ∂C/∂A = Δ W)."""
    m, n = record.matrices, record.layer
    here, below, (a, z) = _up(n), _up(n - 1), ("A", "Z") if batch else ("a", "z")
    rules = ((f"Δ{here}ᵀ A{below}", f"Δ{here}ᵀ 1", f"Δ{here} W{here}") if batch
             else (f"δ{here} a{below}ᵀ", f"δ{here}", f"W{here}ᵀ δ{here}"))
    entries: list[Entry] = [
        (f"{z}{n}", forward.matrices["z"], m["delta"], _delta_rule(record, batch)),
        (f"W{n}", m["W"], m["dW"], f"∂C/∂W{here} = {rules[0]}"),
        (f"b{n}", forward.matrices["b"], m["db"], f"∂C/∂b{here} = {rules[1]}")]
    if "grad_a_prev" in m:
        entries.append((f"{a}{n - 1}", m["a_prev"], m["grad_a_prev"],
                        f"∂C/∂{a}{below} = {rules[2]}"))
    return entries


def _step_update(record: StepRecord) -> list[Entry]:
    """W⁽ˡ⁾ ← W⁽ˡ⁾ − α ∂C/∂W⁽ˡ⁾ (SGD), or v ← ρ v + ∂C/∂W⁽ˡ⁾, W⁽ˡ⁾ ← W⁽ˡ⁾ − α v (Momentum,
    000 formulas 6–8); the same for b⁽ˡ⁾. The value is the parameter after the update."""
    m, n, numbers = record.matrices, record.layer, record.numbers
    lr, entries = f"α = {numbers['lr']:g}", []
    for name, grad in (("W", "dW"), ("b", "db")):
        symbol = f"{name}{_up(n)}"
        if record.formula == "update_momentum":
            entries.append((f"v_{name}{n}", m[f"v_{name}"], m[grad],
                            f"v({symbol}) ← ρ v({symbol}) + ∂C/∂{symbol}, ρ = {numbers['rho']:g}"))
            rule = f"{symbol} ← {symbol} − α v({symbol}), {lr}"
        elif record.formula == "update_sgd":
            rule = f"{symbol} ← {symbol} − α ∂C/∂{symbol}, {lr}"
        else:
            step = record.formula.removeprefix("update_")
            rule = f"{symbol} ← {step}({symbol}, ∂C/∂{symbol}), {lr}"
        entries.append((f"{name}{n}", m[f"{name}_new"], m[grad], rule))
    return entries


def _scalar_rows(name: str, value: Any, gradient: Any) -> Iterable[tuple[str, str, str]]:
    """``(W1[0,1], value, gradient)`` for every entry of the matrix (a number: ``C``)."""
    values = np.asarray(value, dtype=np.float64)
    if values.ndim == 0:
        yield name, _cell(values), _cell(gradient)
        return
    grads = None if gradient is None else np.asarray(gradient, dtype=np.float64)
    for index in np.ndindex(values.shape):
        label = f"{name}[{','.join(str(i) for i in index)}]"
        yield label, _cell(values[index]), "" if grads is None else _cell(grads[index])


def _stages(trace: StepTrace) -> list[tuple[int, str, list[Entry]]]:
    """Each stage of the step as (its step number 1, 2, …, its phase, its entries)."""
    forward = {r.layer: r for r in trace.steps if r.phase == "forward"}
    stages = []
    for k, record in enumerate(trace.steps, 1):
        if record.phase == "forward":
            entries = _step_forward(record, trace.activations[record.layer - 1], trace.batch)
        elif record.phase == "loss":
            entries = _step_loss(record, trace.loss_name, trace.batch)
        elif record.phase == "backward":
            entries = _step_backward(record, forward[record.layer], trace.batch)
        else:
            entries = _step_update(record)
        stages.append((k, record.phase, entries))
    return stages


def step_trace_to_csv(trace: StepTrace) -> str:
    """An MLP's traced training step as CSV with :func:`trace_to_csv`'s columns: ``step`` (the
    player's position of the stage, 1, 2, …), ``phase``, ``node`` (one scalar entry, ``W1[0,1]``,
    ``z2[0,0]``, ``C``; indices as in the matrices the page shows: columns for one sample, one
    row per sample for a batch), ``value`` (after the stage: the new W in an update),
    ``gradient`` (∂C/∂node where the stage has it) and ``rule`` (the stage's formula for that
    quantity, ``∂C/∂W⁽¹⁾ = δ⁽¹⁾ a⁽⁰⁾ᵀ``)."""
    rows = [(k, phase, *row, rule)
            for k, phase, entries in _stages(trace)
            for name, value, gradient, rule in entries
            for row in _scalar_rows(name, value, gradient)]
    return _csv(TRACE_HEADER, rows)
