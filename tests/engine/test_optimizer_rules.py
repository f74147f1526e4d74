"""The update rules against numbers worked out by hand, and against theory on a quadratic.

AdaMax and Nadam follow PyTorch's documented algorithms (torch.optim.Adamax, torch.optim.NAdam);
the expected numbers below are worked out from those formulas step by step in the comments.
Every optimizer drives one 2-element parameter, as on the optimizer race page.
"""

from __future__ import annotations

import numpy as np
import pytest

from nncore.choices import OPTIMIZERS, make_optimizer
from nncore.layers import Parameter
from nncore.optimizers import AdaMax, Nadam, Optimizer

W0 = [1.0, -2.0]
GRADS = ([2.0, -0.5], [1.0, 1.5])  # g₁, g₂: the gradients of the two steps
LR = 0.1  # β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the defaults)


def two_steps(opt: Optimizer, p: Parameter) -> list[np.ndarray]:
    values = []
    for g in GRADS:
        p.grad[...] = g
        opt.step()
        values.append(p.value.copy())
    return values


def test_adamax_first_two_steps_by_hand() -> None:
    """m ← β₁m + (1 − β₁)g;  u ← max(β₂u, |g| + ε);  w ← w − α m / ((1 − β₁ᵗ) u)."""
    p = Parameter("w", W0)
    opt = AdaMax([p], lr=LR)
    w1, w2 = two_steps(opt, p)
    # t = 1: m = 0.1·(2, −0.5) = (0.2, −0.05);  u = (|2| + 1e-8, |−0.5| + 1e-8)
    #        1 − β₁ = 0.1, so Δ = 0.1 · m / (0.1 u) = (0.2/2.00000001, −0.05/0.50000001)
    #        = (0.0999999995, −0.099999998);  w = (0.9000000005, −1.900000002)
    np.testing.assert_allclose(w1, [0.9000000005, -1.900000002], rtol=1e-12)
    # t = 2: m = 0.9·(0.2, −0.05) + 0.1·(1, 1.5) = (0.28, 0.105)
    #        u = max(0.999·(2.00000001, 0.50000001), (1.00000001, 1.50000001))
    #          = (1.99800000999, 1.50000001)       (the first weight keeps its old max)
    #        1 − β₁² = 0.19:  Δ = 0.1 · (0.28, 0.105) / (0.19 · u)
    #          = (0.028 / 0.379620001898, 0.0105 / 0.2850000019)
    #          = (0.07375796812602, 0.03684210501754)
    #        w = (0.9000000005 − 0.07375796812602, −1.900000002 − 0.03684210501754)
    np.testing.assert_allclose(w2, [0.82624203237398, -1.93684210701754], rtol=1e-12)
    shown = opt.state_of(p)
    np.testing.assert_allclose(shown["m"], [0.28, 0.105], rtol=1e-12)
    np.testing.assert_allclose(shown["u"], [1.99800000999, 1.50000001], rtol=1e-12)
    np.testing.assert_allclose(shown["m_hat"], [0.28 / 0.19, 0.105 / 0.19], rtol=1e-12)


def test_nadam_first_two_steps_by_hand() -> None:
    """μ_t = β₁(1 − ½·0.96^(tψ)), ψ = 0.004;  m, v as Adam;
    m̂ = μ_{t+1} m / (1 − ∏_{i≤t+1} μ_i) + (1 − μ_t) g / (1 − ∏_{i≤t} μ_i);
    v̂ = v / (1 − β₂ᵗ);  w ← w − α m̂ / (√v̂ + ε)."""
    p = Parameter("w", W0)
    opt = Nadam([p], lr=LR)
    # 0.96^0.004 = e^(0.004 · ln 0.96) = e^(−0.000163287978) = 0.999836725353
    # μ₁ = 0.9 (1 − ½ · 0.999836725353) = 0.450073473591
    # μ₂ = 0.9 (1 − ½ · 0.96^0.008)   = 0.9 (1 − ½ · 0.999673477364) = 0.450146935186
    # μ₃ = 0.9 (1 − ½ · 0.96^0.012)   = 0.450220384787
    # ∏₁ = μ₁ = 0.450073473591;  ∏₂ = μ₁μ₂ = 0.202599194746;  ∏₃ = ∏₂μ₃ = 0.091214287416
    w1, w2 = two_steps(opt, p)
    # t = 1: m = (0.2, −0.05), v = 0.001·(4, 0.25) = (0.004, 0.00025), v̂ = (4, 0.25)
    #        m̂ = μ₂ m / (1 − ∏₂) + (1 − μ₁) g / (1 − ∏₁) = 0.564517784·m + g
    #           = (2.112903556711, −0.528225889178)
    #        Δ = 0.1 · m̂ / (√v̂ + 1e-8) = (0.105645177307, −0.105645175723)
    np.testing.assert_allclose(w1, [0.894354822692687, -1.894354824277365], rtol=1e-12)
    # t = 2: m = (0.28, 0.105), v = 0.999·v + 0.001·(1, 2.25) = (0.004996, 0.00249975)
    #        v̂ = v / 0.001999 = (2.499249624812, 1.250500250125)
    #        m̂ = μ₃ m / (1 − ∏₃) + (1 − μ₂) g / (1 − ∏₂)
    #          = 0.495408740·m + 0.689556696·g = (0.828271143390, 1.086352961990)
    #        Δ = 0.1 · m̂ / (√v̂ + 1e-8) = (0.052392329706, 0.097146924794)
    np.testing.assert_allclose(w2, [0.841962492987034, -1.991501749071130], rtol=1e-12)
    c = opt.coefficients()
    assert c["mu"] == pytest.approx(0.450146935186, rel=1e-11)
    assert c["mu_next"] == pytest.approx(0.450220384787, rel=1e-11)
    assert c["mu_product"] == pytest.approx(0.202599194746, rel=1e-11)
    assert c["mu_product_next"] == pytest.approx(0.091214287416, rel=1e-10)
    assert c["bias2"] == pytest.approx(0.001999, rel=1e-12)
    shown = opt.state_of(p)
    np.testing.assert_allclose(shown["m_hat"], [0.828271143390, 1.086352961990], rtol=1e-11)
    np.testing.assert_allclose(shown["v_hat"], [2.499249624812, 1.250500250125], rtol=1e-11)


# -- f(w) = ½ wᵀ diag(λ₁, λ₂) w: minimum at w* = 0, gradient g = (λ₁w₁, λ₂w₂) -------------
LAMBDAS = np.array([1.0, 20.0])  # condition number λ₂/λ₁ = 20
START = (1.0, 1.0)
TOL = 1e-3  # ‖w − w*‖ that counts as "at the minimum"
# (learning rate, steps within which ‖w‖ ≤ TOL for good). SGD, Momentum and Nesterov run well
# below their stability limits (2/λ₂ = 0.1, 2(1 + ρ)/λ₂ = 0.19, 2(1 + ρ)/((1 + 2ρ)λ₂) ≈ 0.068
# at ρ = 0.9). RMSProp with ρ = 0.9 steps ≈ α·g/|g| once s tracks g ⊙ g, so with a fixed α it
# settles into a ±α/2 oscillation around w*: its α is chosen below TOL.
REACHES = {
    "sgd": (0.05, 150),
    "momentum": (0.03, 200),
    "nesterov": (0.03, 150),
    "adagrad": (0.1, 300),
    "rmsprop": (0.001, 1500),
    "adam": (0.1, 200),
    "adamw": (0.1, 200),
    "adamax": (0.1, 200),
    "nadam": (0.1, 100),
}


def distances(name: str, lr: float, steps: int, **settings: float) -> np.ndarray:
    """‖w_t − w*‖ for t = 1 … steps, from START on the quadratic."""
    p = Parameter("w", START)
    opt = make_optimizer(name, [p], lr=lr, **settings)
    out = np.empty(steps)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            opt.zero_grad()
            p.grad += LAMBDAS * p.value
            opt.step()
            out[t] = np.linalg.norm(p.value)
    return out


def test_every_optimizer_has_a_stated_budget() -> None:
    assert set(REACHES) == set(OPTIMIZERS)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_reaches_the_minimum_of_an_ill_conditioned_quadratic(name: str) -> None:
    lr, steps = REACHES[name]
    d = distances(name, lr, steps + 100)
    assert np.all(d[steps - 1:] <= TOL), f"{name}: ‖w‖ = {d[steps - 1:].max():.3g} late on"
    assert d[0] > TOL  # not there after one step: the budget means something


def test_sgd_converges_below_two_over_lambda_max_and_diverges_above() -> None:
    """w_i ← (1 − αλ_i) w_i: stable iff |1 − αλ_max| < 1, i.e. α < 2/λ_max = 0.1."""
    limit = 2.0 / LAMBDAS.max()
    below, above = distances("sgd", 0.95 * limit, 400), distances("sgd", 1.05 * limit, 400)
    assert below[-1] < 1e-6 and above[-1] > 1e6
    # exactly the closed form: w_i(t) = (1 − αλ_i)ᵗ w_i(0)
    expected = np.linalg.norm((1 - 0.95 * limit * LAMBDAS) ** 400 * np.array(START))
    assert below[-1] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("momentum", 2 * (1 + 0.9) / LAMBDAS.max()),  # heavy ball: αλ < 2(1 + ρ)
        ("nesterov", 2 * (1 + 0.9) / ((1 + 2 * 0.9) * LAMBDAS.max())),  # αλ < 2(1+ρ)/(1+2ρ)
    ],
)
def test_momentum_stability_limits(name: str, limit: float) -> None:
    """w_{t+1} = (1 + ρ − αλ) w_t − ρ w_{t−1} (momentum) is stable iff 0 < αλ < 2(1 + ρ);
    Nesterov's look-ahead shrinks the limit to 2(1 + ρ)/(1 + 2ρ)."""
    assert distances(name, 0.95 * limit, 2000, rho=0.9)[-1] < 1e-3
    assert distances(name, 1.05 * limit, 400, rho=0.9)[-1] > 1e3


# -- the numbers a page plugs into the formula ---------------------------------------------
def replay(name: str, opt: Optimizer, w: np.ndarray, g: np.ndarray,
           shown: dict[str, np.ndarray]) -> np.ndarray:
    """The new w from the old one, the gradient and only what the optimizer shows."""
    h = opt.hyperparams()
    lr, eps = h["lr"], h.get("eps", 0.0)
    if name == "sgd":
        return w - lr * g
    if name == "momentum":
        return w - lr * shown["v"]
    if name == "nesterov":
        return w - lr * (g + h["rho"] * shown["v"])
    if name in ("adagrad", "rmsprop"):
        s = shown["G" if name == "adagrad" else "s"]
        return w - lr * g / (np.sqrt(s) + eps)
    if name == "adamax":
        return w - lr * shown["m_hat"] / shown["u"]
    decayed = w * (1 - lr * h["weight_decay"]) if name == "adamw" else w
    return decayed - lr * shown["m_hat"] / (np.sqrt(shown["v_hat"]) + eps)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_shown_state_reproduces_the_update(name: str) -> None:
    p = Parameter("w", START)
    opt = make_optimizer(name, [p], lr=0.05)
    for g in ([0.4, -2.0], [0.1, 1.0], [-0.3, 0.5]):
        w = p.value.copy()
        p.grad[...] = g
        opt.step()
        expected = replay(name, opt, w, np.array(g), opt.state_of(p))
        np.testing.assert_allclose(p.value, expected, rtol=1e-12, atol=1e-15)
