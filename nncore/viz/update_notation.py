"""One optimizer update written out: each line of the rule in the notation of
:mod:`nncore.optimizers` (w, g, α, ρ, β₁, β₂, v, G, s, m, u, m̂, v̂, ε, t), then the same line
with the numbers of an :class:`~nncore.optimization.race.UpdateRecord` plugged in.

Nothing is computed here but squares, roots and the displayed products of the rule's own
factors: every buffer is the optimizer's (``state_of`` before and after the step), every
coefficient its ``coefficients()``; the last line ends in the recorded new w.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from nncore.optimization.race import UpdateRecord

Lines = list[tuple[str, str]]


def number(x: float) -> str:
    """4 significant digits, a LaTeX minus, scientific notation as × 10^k."""
    text = f"{float(x):.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def vec(x: np.ndarray) -> str:
    """A 2-vector as a column."""
    a, b = (number(v) for v in np.asarray(x, dtype=np.float64).ravel()[:2])
    return rf"\begin{{pmatrix}} {a} \\ {b} \end{{pmatrix}}"


def _w_line(r: UpdateRecord, alpha: str, direction: str, symbolic: str,
            w_from: np.ndarray | None = None) -> tuple[str, str]:
    """w ← w − α·d with the numbers: ``direction`` is d written out, ``w_from`` the w the
    step starts from (the recorded w unless a decay came first)."""
    w = r.w if w_from is None else w_from
    return (rf"w \leftarrow w - {symbolic}",
            rf"{vec(w)} - {alpha} \cdot {direction} = {vec(r.w_new)}")


def _average(name: str, beta: str, value: str, r: UpdateRecord, square: bool = False
             ) -> tuple[str, str]:
    """name ← β name + (1 − β) g (or g ⊙ g)."""
    g = r"g \odot g" if square else "g"
    shown = vec(r.grad**2) if square else vec(r.grad)
    b = float(value)
    return (rf"{name} \leftarrow {beta}\,{name} + (1 - {beta})\,{g}",
            rf"{number(b)} \cdot {vec(r.before[name])} + {number(1 - b)} \cdot {shown} "
            rf"= {vec(r.after[name])}")


def _sgd(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    return [_w_line(r, number(h["lr"]), vec(r.grad), r"\alpha\, g")]


def _momentum(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    return [(r"v \leftarrow \rho\, v + g",
             rf"{number(h['rho'])} \cdot {vec(r.before['v'])} + {vec(r.grad)} "
             rf"= {vec(r.after['v'])}"),
            _w_line(r, number(h["lr"]), vec(r.after["v"]), r"\alpha\, v")]


def _nesterov(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    first = _momentum(r, h)[0]
    direction = rf"\left({vec(r.grad)} + {number(h['rho'])} \cdot {vec(r.after['v'])}\right)"
    return [first, _w_line(r, number(h["lr"]), direction, r"\alpha\,(g + \rho\, v)")]


def _root_step(r: UpdateRecord, h: Mapping[str, Any], top: str, top_value: np.ndarray,
               under: str, under_value: np.ndarray, w_from: np.ndarray | None = None
               ) -> tuple[str, str]:
    """w ← w − α top / (√under + ε)."""
    shown = rf"\frac{{{vec(top_value)}}}{{\sqrt{{{vec(under_value)}}} + \varepsilon}}"
    return _w_line(r, number(h["lr"]), shown,
                   rf"\alpha\, \frac{{{top}}}{{\sqrt{{{under}}} + \varepsilon}}", w_from)


def _adagrad(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    return [(r"G \leftarrow G + g \odot g",
             rf"{vec(r.before['G'])} + {vec(r.grad**2)} = {vec(r.after['G'])}"),
            _root_step(r, h, "g", r.grad, "G", r.after["G"])]


def _rmsprop(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    return [_average("s", r"\rho", h["rho"], r, square=True),
            _root_step(r, h, "g", r.grad, "s", r.after["s"])]


def _correction(r: UpdateRecord, h: Mapping[str, Any], moment: str) -> tuple[str, str]:
    """m̂ = m / (1 − β₁ᵗ) (``moment`` "m") or v̂ = v / (1 − β₂ᵗ) (``moment`` "v")."""
    k = "1" if moment == "m" else "2"
    bias = number(r.coefficients[f"bias{k}"])
    x, x_hat = vec(r.after[moment]), vec(r.after[f"{moment}_hat"])
    return (rf"\hat {moment} = {moment} / (1 - \beta_{k}^t)",
            rf"{x} / (1 - {number(h[f'beta{k}'])}^{{{r.t}}}) = {x} / {bias} = {x_hat}")


def _adam(r: UpdateRecord, h: Mapping[str, Any], w_from: np.ndarray | None = None) -> Lines:
    return [_average("m", r"\beta_1", h["beta1"], r),
            _average("v", r"\beta_2", h["beta2"], r, square=True),
            _correction(r, h, "m"), _correction(r, h, "v"),
            _root_step(r, h, r"\hat m", r.after["m_hat"], r"\hat v", r.after["v_hat"], w_from)]


def _adamw(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    decay = 1.0 - h["lr"] * h["weight_decay"]
    decayed = r.w * decay
    return [(r"w \leftarrow w - \alpha\lambda\, w = (1 - \alpha\lambda)\, w",
             rf"{number(decay)} \cdot {vec(r.w)} = {vec(decayed)}"),
            *_adam(r, h, decayed)]


def _adamax(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    alpha = h["lr"] / r.coefficients["bias1"]
    return [_average("m", r"\beta_1", h["beta1"], r),
            (r"u \leftarrow \max(\beta_2\, u,\ |g| + \varepsilon)",
             rf"\max\left({number(h['beta2'])} \cdot {vec(r.before['u'])},\ "
             rf"{vec(np.abs(r.grad))}\right) = {vec(r.after['u'])}"),
            _w_line(r, number(alpha), rf"\frac{{{vec(r.after['m'])}}}{{{vec(r.after['u'])}}}",
                    r"\frac{\alpha}{1 - \beta_1^t}\, \frac{m}{u}")]


def _nadam(r: UpdateRecord, h: Mapping[str, Any]) -> Lines:
    c = r.coefficients
    return [(r"\mu_t = \beta_1 (1 - \tfrac12\, 0.96^{t\psi}),\ \mu_{t+1}",
             rf"\mu_{{{r.t}}} = {number(c['mu'])},\ \mu_{{{r.t + 1}}} = {number(c['mu_next'])}"),
            _average("m", r"\beta_1", h["beta1"], r),
            _average("v", r"\beta_2", h["beta2"], r, square=True),
            (r"\hat m = \frac{\mu_{t+1}\, m}{1 - \prod_{i \le t+1} \mu_i} + "
             r"\frac{(1 - \mu_t)\, g}{1 - \prod_{i \le t} \mu_i}",
             rf"\frac{{{number(c['mu_next'])} \cdot {vec(r.after['m'])}}}"
             rf"{{{number(1 - c['mu_product_next'])}}} + \frac{{{number(1 - c['mu'])} \cdot "
             rf"{vec(r.grad)}}}{{{number(1 - c['mu_product'])}}} = {vec(r.after['m_hat'])}"),
            _correction(r, h, "v"),
            _root_step(r, h, r"\hat m", r.after["m_hat"], r"\hat v", r.after["v_hat"])]


RULES: dict[str, Callable[[UpdateRecord, Mapping[str, Any]], Lines]] = {
    "sgd": _sgd, "momentum": _momentum, "nesterov": _nesterov, "adagrad": _adagrad,
    "rmsprop": _rmsprop, "adam": _adam, "adamw": _adamw, "adamax": _adamax, "nadam": _nadam,
}


def update_lines(name: str, record: UpdateRecord, hyperparams: Mapping[str, Any]) -> Lines:
    """(rule, rule with numbers) for each line of optimizer ``name``'s update ``record``;
    ``hyperparams`` is the optimizer's ``hyperparams()``."""
    return RULES[name](record, hyperparams)
