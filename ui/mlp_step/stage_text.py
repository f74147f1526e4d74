"""What each stage of a traced training step does and why, in the session's language, and the
question quiz mode asks before it.

The engine's :class:`~nncore.mlp_step.StepRecord` gives the phase, the layer, the formula and
the numbers; this module fills the ``mlp_step.explain.*`` and ``mlp_step.quiz.*`` templates
with the course's symbols (:func:`nncore.viz.step_notation.symbol`) and those numbers.
"""

from __future__ import annotations

import numpy as np

from nncore.mlp_step import StepRecord, StepTrace
from nncore.viz.step_notation import sub, sup, symbol
from ui.i18n import t
from ui.layout import fmt
from ui.player import Question


def phase_label(trace: StepTrace, position: int) -> str:
    """The player's label for ``position``: before the step, or the phase and layer of the
    step just shown."""
    if position == 0:
        return t("mlp_step.phase.start")
    record = trace[position - 1]
    return t(f"mlp_step.phase.{record.phase}", layer=record.layer)


def activation_text(trace: StepTrace, layer: int) -> str:
    return t(f"mlp_step.activation_name.{trace.activations[layer - 1]}")


def _symbols(record: StepRecord, batch: bool) -> dict[str, str]:
    """The symbols the templates use, for the record's layer."""
    layer = record.layer
    a = "A" if batch else "a"
    W, W_next = symbol("W", layer), symbol("W", layer + 1)
    delta, delta_next = symbol("delta", layer, batch), symbol("delta", layer + 1, batch)
    # the error sent down: Wᵀδ for a column, ΔW for a batch of rows (000: ΔX = ΔY W)
    back, down = ((f"{delta_next}·{W_next}", f"{delta}·{W}") if batch
                  else (f"{W_next}ᵀ·{delta_next}", f"{W}ᵀ·{delta}"))
    return {"a_prev": f"{a}{sup(layer - 1)}", "W": W, "b": symbol("b", layer),
            "z": symbol("z", layer, batch), "a": symbol("a", layer, batch),
            "t": symbol("t", layer, batch), "back": back, "down": down,
            "grad": f"∂C/∂{a}{sup(layer)}"}


def _forward(record: StepRecord, trace: StepTrace) -> list[str]:
    layer, (n_out, n_in) = record.layer, record.matrices["W"].shape
    one = _symbols(record, batch=False)  # the rule for one sample; the batch form follows
    parts = [t("mlp_step.explain.forward", layer=layer, layers=trace.n_layers, n_in=n_in,
               n_out=n_out, f=activation_text(trace, layer), **one)]
    if trace.batch:
        parts.append(t("mlp_step.explain.forward_batch", n=trace.n_samples))
    parts.append(t("mlp_step.explain.forward_next", n_out=n_out, next=layer + 1)
                 if layer < trace.n_layers else t("mlp_step.explain.forward_last"))
    return parts


def _backward(record: StepRecord, trace: StepTrace, s: dict[str, str]) -> list[str]:
    layer, formula = record.layer, record.formula
    f = activation_text(trace, layer)
    if formula == "backward_hidden":
        parts = [t("mlp_step.explain.backward_hidden", layer=layer, next=layer + 1, f=f, **s)]
        if trace.activations[layer - 1] == "sigmoid":
            parts.append(t("mlp_step.explain.backward_vanishing"))
    elif formula == "backward_softmax":
        parts = [t("mlp_step.explain.backward_softmax")]
    else:
        parts = [t("mlp_step.explain.backward_output", f=f)]
        if "a_minus_t" in record.matrices:
            parts.append(t("mlp_step.explain.backward_sigmoid_bce"))
    # the one-sample rule, in 002's lower-case vectors; the batch form follows
    parts.append(t("mlp_step.explain.backward_grads", a_prev=f"a{sup(layer - 1)}"))
    if trace.batch:
        parts.append(t("mlp_step.explain.backward_batch", n=trace.n_samples))
    parts.append(t("mlp_step.explain.backward_down", a_prev=s["a_prev"], down=s["down"],
                   prev=layer - 1) if layer > 1 else t("mlp_step.explain.backward_first"))
    return parts


def explain(trace: StepTrace, position: int) -> str:
    """The explanation of step ``position`` (0: before the step) as markdown paragraphs."""
    if position == 0:
        what = (t("mlp_step.explain.input_batch", n=trace.n_samples) if trace.batch
                else t("mlp_step.explain.input_one"))
        return t("mlp_step.explain.start", input=what)
    record = trace[position - 1]
    s = _symbols(record, trace.batch)
    if record.phase == "forward":
        parts = _forward(record, trace)
    elif record.phase == "loss":
        parts = [t(f"mlp_step.explain.{record.formula}", a=s["a"], t=s["t"])]
        if trace.batch:
            parts.append(t("mlp_step.explain.loss_batch", n=trace.n_samples))
    elif record.phase == "backward":
        parts = _backward(record, trace, s)
    else:
        numbers = {k: f"{v:g}" for k, v in record.numbers.items()}
        parts = [t(f"mlp_step.explain.{record.formula}", layer=record.layer, lr=numbers["lr"],
                   rho=numbers.get("rho", ""))]
        if "v_W_prev" in record.matrices:
            first = not record.matrices["v_W_prev"].any()
            parts.append(t(f"mlp_step.explain.momentum_{'first' if first else 'later'}"))
        if record.layer == trace.n_layers:
            parts.append(t("mlp_step.explain.update_last", before=fmt(trace.loss, 4),
                           after=fmt(trace.loss_after, 4)))
    return "\n\n".join(parts)


def _signed(value: float) -> str:
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


def _first(record: StepRecord, name: str) -> float:
    return float(record.matrices[name][0, 0])


def _forward_question(record: StepRecord, trace: StepTrace, batch: bool) -> Question:
    W, b = record.matrices["W"], record.matrices["b"][:, 0]
    a_prev = record.matrices["a_prev"][0] if batch else record.matrices["a_prev"][:, 0]
    terms = " + ".join(f"{fmt(w)}·{_signed(a)}" for w, a in zip(W[0], a_prev, strict=True))
    z, a = _first(record, "z"), _first(record, "a")
    if trace.activations[record.layer - 1] == "softmax":
        zs = record.matrices["z"][0] if batch else record.matrices["z"][:, 0]
        rule = t("mlp_step.quiz.forward_softmax_rule", z=fmt(zs), a=fmt(a))
    else:
        rule = t("mlp_step.quiz.forward_rule", sum=f"{terms} + {_signed(b[0])}", z=fmt(z),
                 a=fmt(a))
    return Question(t("mlp_step.quiz.forward", symbol=_entry_symbol(record, "a", batch)), a, rule)


def _entry_symbol(record: StepRecord, name: str, batch: bool) -> str:
    """``a⁽¹⁾₁`` (the first neuron) or ``A⁽¹⁾₁₁`` (sample 1, neuron 1)."""
    return symbol(name, record.layer, batch) + (sub(11) if batch else sub(1))


def _backward_question(record: StepRecord, batch: bool) -> Question:
    delta = _first(record, "delta")
    if "fprime" in record.matrices:
        rule = t("mlp_step.quiz.backward_rule", grad=fmt(_first(record, "grad_a"), 4),
                 slope=fmt(_first(record, "fprime"), 4), delta=fmt(delta, 4))
    else:
        rule = t("mlp_step.quiz.backward_softmax_rule", delta=fmt(delta, 4))
    return Question(t("mlp_step.quiz.backward", symbol=_entry_symbol(record, "delta", batch)),
                    delta, rule)


def _update_question(record: StepRecord) -> Question:
    m, numbers = record.matrices, record.numbers
    new, w, grad = float(m["W_new"][0, 0]), float(m["W"][0, 0]), float(m["dW"][0, 0])
    values = {"w": fmt(w, 4), "lr": f"{numbers['lr']:g}", "grad": _signed(round(grad, 4)),
              "new": fmt(new, 4)}
    if "v_W" in m:
        rule = t("mlp_step.quiz.update_momentum_rule", rho=f"{numbers['rho']:g}",
                 v_before=_signed(round(float(m["v_W_prev"][0, 0]), 4)),
                 v=_signed(round(float(m["v_W"][0, 0]), 4)), **values)
    else:
        rule = t("mlp_step.quiz.update_rule", **values)
    prompt = t("mlp_step.quiz.update", symbol=symbol("W", record.layer) + sub(11))
    return Question(prompt, new, rule)


def quiz_question(trace: StepTrace, k: int) -> Question | None:
    """The question asked before step ``k``: the first entry of what it will compute."""
    if not 1 <= k <= len(trace):
        return None
    record = trace[k - 1]
    if record.phase == "forward":
        return _forward_question(record, trace, trace.batch)
    if record.phase == "backward":
        return _backward_question(record, trace.batch)
    if record.phase == "update":
        return _update_question(record)
    losses = np.ravel(record.matrices["losses"])
    listed = ", ".join(f"ℓ{sub(n + 1)} = {fmt(v, 4)}" for n, v in enumerate(losses))
    return Question(t("mlp_step.quiz.loss"), record.numbers["C"],
                    t("mlp_step.quiz.loss_rule", losses=listed, value=fmt(record.numbers["C"],
                                                                            4)))
