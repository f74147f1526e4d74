"""The course's symbols for a traced training step, and its formulas with the numbers plugged in.

:func:`symbol` names a recorded matrix in plain text for figure titles (``W⁽²⁾``, ``δ⁽³⁾``,
``∂C/∂W⁽¹⁾``); :func:`formula_lines` writes a :class:`~nncore.mlp_step.StepRecord` as LaTeX:
first the formula in 002's notation (column vectors, one sample) or 000's (rows, a batch), then
the same formula with every matrix written out. Nothing here is computed but transposes: the
numbers are the record's.
"""

from __future__ import annotations

import re

import numpy as np

from nncore.mlp_step import StepRecord

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
F_LATEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{ReLU}",
           "identity": r"\operatorname{id}", "softmax": r"\operatorname{softmax}"}
MAX_WRITTEN = 48  # entries: a larger matrix is written by its shape only
MAX_COLUMNS = 14  # matrix columns on one line of a formula: a wider formula is broken
_FIRST_ROW = re.compile(r"\\begin\{bmatrix\}(.*?)(?:\\\\|\\end\{bmatrix\})")


def sup(layer: int) -> str:
    """``⁽²⁾`` for layer 2."""
    return f"⁽{str(layer).translate(_SUPERSCRIPT)}⁾"


def sub(n: int) -> str:
    """``₁₂`` for 12."""
    return str(n).translate(_SUBSCRIPT)


def symbol(name: str, layer: int, batch: bool = False, *, new: str = "new",
           before: str = "before") -> str:
    """The plain-text symbol of the recorded matrix ``name`` of layer ``layer``. Per-sample
    quantities are lower-case vectors for one sample and capitals (one row per sample) for a
    batch. ``new`` and ``before`` are the (translated) words for updated values and for the
    velocity before the update."""
    here, below = sup(layer), sup(layer - 1)
    a, z, d, t = ("A", "Z", "Δ", "T") if batch else ("a", "z", "δ", "t")
    names = {
        "W": f"W{here}", "b": f"b{here}", "z": f"{z}{here}", "a": f"{a}{here}",
        "a_prev": f"{a}{below}" + (f" = {'X' if batch else 'x'}" if layer == 1 else ""),
        "t": t, "losses": "ℓₙ", "grad_a": f"∂C/∂{a}{here}", "fprime": f"f′({z}{here})",
        "delta": f"{d}{here}", "dW": f"∂C/∂W{here}", "db": f"∂C/∂b{here}",
        "grad_a_prev": f"∂C/∂{a}{below}",
        "a_minus_t": f"({a}{here} − {t})/N" if batch else f"{a}{here} − {t}",
        "W_new": f"W{here} {new}", "b_new": f"b{here} {new}", "v_W": f"v(W{here})",
        "v_b": f"v(b{here})", "v_W_prev": f"v(W{here}) {before}",
        "v_b_prev": f"v(b{here}) {before}",
    }
    return names[name]


def number(value: float, decimals: int = 2) -> str:
    """Fixed decimals, no ``-0.00``."""
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def bmatrix(values: np.ndarray, decimals: int = 2) -> str:
    """A matrix (a vector as a column) written out in LaTeX; too large a one as its shape."""
    matrix = np.asarray(values, dtype=np.float64)
    matrix = matrix.reshape(-1, 1) if matrix.ndim < 2 else matrix
    if matrix.size > MAX_WRITTEN:
        return rf"[\cdots]_{{{matrix.shape[0]}\times {matrix.shape[1]}}}"
    rows = r" \\ ".join(" & ".join(number(v, decimals) for v in row) for row in matrix)
    return r"\begin{bmatrix}" + rows + r"\end{bmatrix}"


def columns(latex: str) -> int:
    """How many matrix columns ``latex`` writes side by side (its width, roughly)."""
    return sum(row.count("&") + 1 for row in _FIRST_ROW.findall(latex))


def chain(lhs: str, *rhs: str, relation: str = "=") -> str:
    """``lhs = rhs₁ = rhs₂ …`` on one line, or, when it is wider than :data:`MAX_COLUMNS`, one
    right-hand side per line (aligned). A right-hand side starting with "+ " or "- " continues
    the one before it (on its own line when broken)."""
    if columns("".join(rhs)) <= MAX_COLUMNS:
        text = f"{lhs} {relation} {rhs[0]}"
        for part in rhs[1:]:
            text += f" {part}" if part.startswith(("+ ", "- ")) else f" = {part}"
        return text
    rows = [f"{lhs} &{relation} {rhs[0]}"]
    rows += [rf"&\quad {part}" if part.startswith(("+ ", "- ")) else f"&= {part}"
             for part in rhs[1:]]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def side_by_side(*equations: str) -> list[str]:
    """The equations on one line (``a = …, b = …``) when narrow enough, else one a line."""
    if columns("".join(equations)) <= MAX_COLUMNS:
        return [r", \quad ".join(equations)]
    return list(equations)


class _Writer:
    """LaTeX for one record: its symbols (``s``) and written-out matrices (``m``)."""

    def __init__(self, record: StepRecord, batch: bool, decimals: int) -> None:
        self.record, self.batch, self.decimals = record, batch, decimals
        self.layer = record.layer

    def s(self, name: str, layer: int | None = None) -> str:
        here = f"^{{({self.layer if layer is None else layer})}}"
        a, z, d = (("A", "Z", r"\Delta") if self.batch else ("a", "z", r"\delta"))
        return {"W": "W" + here, "b": "b" + here, "z": z + here, "a": a + here,
                "delta": d + here, "t": "T" if self.batch else "t"}[name]

    def m(self, name: str, transpose: bool = False) -> str:
        value = self.record.matrices[name]
        return bmatrix(value.T if transpose else value, self.decimals)

    def n(self, name: str) -> str:
        """A scalar of the record: α and ρ as given (0.001), the loss to ``decimals``."""
        value = self.record.numbers[name]
        return f"{value:g}" if name in ("lr", "rho") else number(value, self.decimals)


def _forward(w: _Writer, f: str) -> tuple[list[str], list[str]]:
    prev, fl, z = w.s("a", w.layer - 1), F_LATEX.get(f, "f"), w.s("z")
    if w.batch:
        general = rf"{z} = {prev} {w.s('W')}^\top + \mathbf{{1}}\, {w.s('b')}^\top"
        plugged = chain(z, f"{w.m('a_prev')} {w.m('W', True)}",
                        rf"+ \mathbf{{1}} {w.m('b', True)}", w.m("z"))
    else:
        general = rf"{z} = {w.s('W')}\, {prev} + {w.s('b')}"
        plugged = chain(z, f"{w.m('W')} {w.m('a_prev')}", f"+ {w.m('b')}", w.m("z"))
    activation = rf"{w.s('a')} = {fl}\left({z}\right)"
    return ([rf"{general}, \qquad {activation}"],
            [plugged, chain(w.s("a"), rf"{fl}\left({w.m('z')}\right)", w.m("a"))])


_LOSS = {
    "loss_mse": (r"\ell = \lVert a^{(L)} - t \rVert^2 = \sum_k (a_k - t_k)^2",
                 r"\nabla_a \ell = 2\,(a^{(L)} - t)"),
    "loss_bce": (r"\ell = -\sum_k \big[t_k \log a_k + (1 - t_k)\log(1 - a_k)\big]",
                 r"\nabla_a \ell = -\frac{t}{a} + \frac{1 - t}{1 - a}"),
    "loss_ce": (r"\ell = -\sum_k t_k \log a_k", r"\nabla_a \ell = -\frac{t}{a}"),
}


def _loss(w: _Writer) -> tuple[list[str], list[str]]:
    ell, grad = _LOSS[w.record.formula]
    losses = w.record.matrices["losses"].ravel()
    n = len(losses)
    general = [rf"{ell}, \qquad {grad}"]
    general.append(r"C = \frac{1}{N}\sum_{n=1}^{N} \ell_n, \qquad \nabla_{A} C = \frac{1}{N}"
                   r"\big[\nabla_a \ell_n\big]_{\text{rows}}" if w.batch else r"C = \ell, \qquad"
                   r" \nabla_a C = \nabla_a \ell")
    parts = " + ".join(number(v, w.decimals) for v in losses)
    total = rf"C = \frac{{1}}{{{n}}}\left({parts}\right) = {w.n('C')}" if w.batch else (
        rf"C = {w.n('C')}")
    a = w.s("a")
    general = [line.replace("(L)", f"({w.layer})") for line in general]
    return general, [*side_by_side(f"{a} = {w.m('a')}", f"{w.s('t')} = {w.m('t')}"), total,
                     chain(rf"\nabla_{{{a[0]}}} C", w.m("grad_a"))]


def _partial(x: str) -> str:
    return rf"\frac{{\partial C}}{{\partial {x}}}"


def _backward(w: _Writer) -> tuple[list[str], list[str]]:
    formula, d, prev, W = w.record.formula, w.s("delta"), w.s("a", w.layer - 1), w.s("W")
    dW, db, da = _partial(W), _partial(w.s("b")), _partial(prev)
    simple = [w.m("a_minus_t")] if "a_minus_t" in w.record.matrices else []
    if formula == "backward_softmax":
        general = [rf"{d} = \big(\operatorname{{diag}}(a) - a a^\top\big)\, \nabla_a C"]
        plugged = [chain(d, rf"J_{{\mathrm{{softmax}}}}\, {w.m('grad_a')}", *simple)]
    else:
        incoming = (r"\nabla_{a} C" if formula == "backward_output" else
                    rf"\big({w.s('W', w.layer + 1)}{{}}^\top {w.s('delta', w.layer + 1)}\big)")
        general = [rf"{d} = {incoming} \odot f'\big({w.s('z')}\big)"]
        plugged = [chain(d, rf"{w.m('grad_a')} \odot {w.m('fprime')}", w.m("delta"), *simple)]
    if simple:
        general[0] += r" = \frac{1}{N}(A^{(L)} - T)" if w.batch else r" = a^{(L)} - t"
    if w.batch:  # 000: ΔW = ΔYᵀX, Δb = ΣΔY, ΔX = ΔY W
        general.append(rf"{db} = {d}{{}}^\top \mathbf{{1}}, \quad {dW} = {d}{{}}^\top {prev}"
                       rf" = \frac{{1}}{{N}}\sum_n \delta_n a_n^\top, \quad {da} = {d}\, {W}")
        products = (f"{w.m('delta', True)} {w.m('a_prev')}", f"{w.m('delta')} {w.m('W')}")
    else:  # 002: ∂C/∂b = δ, ∂C/∂W = δ aᵀ; the error passed down is Wᵀδ
        general.append(rf"{db} = {d}, \quad {dW} = {d}\, {prev}{{}}^\top, \quad "
                       rf"{da} = {W}{{}}^\top {d}")
        products = (f"{w.m('delta')} {w.m('a_prev', True)}", f"{w.m('W', True)} {w.m('delta')}")
    plugged += side_by_side(chain(dW, products[0], w.m("dW")), f"{db} = {w.m('db')}")
    if "grad_a_prev" in w.record.matrices:
        plugged.append(chain(da, products[1], w.m("grad_a_prev")))
    return [line.replace("(L)", f"({w.layer})") for line in general], plugged


def _update(w: _Writer) -> tuple[list[str], list[str]]:
    W, b, lr, arrow = w.s("W"), w.s("b"), w.n("lr"), r"\leftarrow"
    if w.record.formula == "update_momentum":
        rho = w.n("rho")
        general = [r"v \leftarrow \rho\, v + \frac{\partial C}{\partial \theta}, \quad "
                   r"\theta \leftarrow \theta - \alpha\, v \qquad (\theta = " + W + ", " + b
                   + ")"]
        plugged = [chain("v_W", f"{rho} {w.m('v_W_prev')}", f"+ {w.m('dW')}", w.m("v_W"),
                         relation=arrow),
                   chain(W, w.m("W"), f"- {lr} {w.m('v_W')}", w.m("W_new"),
                         relation=arrow),
                   *side_by_side(
                       chain("v_b", f"{rho} {w.m('v_b_prev')}", f"+ {w.m('db')}", w.m("v_b"),
                             relation=arrow),
                       chain(b, w.m("b"), f"- {lr} {w.m('v_b')}", w.m("b_new"),
                             relation=arrow))]
        return general, plugged
    general = [rf"{W} \leftarrow {W} - \alpha \frac{{\partial C}}{{\partial {W}}}, \quad "
               rf"{b} \leftarrow {b} - \alpha \frac{{\partial C}}{{\partial {b}}}"]
    plugged = [chain(W, w.m("W"), f"- {lr} {w.m('dW')}", w.m("W_new"), relation=arrow),
               chain(b, w.m("b"), f"- {lr} {w.m('db')}", w.m("b_new"), relation=arrow)]
    return general, plugged


def formula_lines(record: StepRecord, *, activation: str = "sigmoid", batch: bool = False,
                  decimals: int = 2) -> tuple[list[str], list[str]]:
    """The record's formula as LaTeX lines: (the formula in symbols, the formula with the
    record's numbers). ``activation`` is f of the record's layer."""
    writer = _Writer(record, batch, decimals)
    if record.phase == "forward":
        return _forward(writer, activation)
    if record.phase == "loss":
        return _loss(writer)
    if record.phase == "backward":
        return _backward(writer)
    return _update(writer)
