"""Optimizers and their registry: course formulas by hand, convex descent, spiral training,
the readable state, lr changes, and the registry's names, defaults, ranges and errors."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from nncore.choices import (
    CONSTANTS,
    HYPERPARAMETERS,
    LEARNING_RATES,
    OPTIMIZER_NAMES,
    OPTIMIZERS,
    OptimizerSettingError,
    make_optimizer,
    optimizer_spec,
)
from nncore.layers import Parameter
from nncore.model import mlp
from nncore.optimizers import SGD, Adam, AdamW, Momentum, Nesterov
from nncore.regularization import L2
from nncore.training import Trainer

# learning rates that suit each optimizer on the problems below
QUADRATIC_LR = {
    "sgd": 0.1,
    "momentum": 0.05,
    "nesterov": 0.05,
    "adagrad": 0.5,
    "rmsprop": 0.05,
    "adam": 0.1,
    "adamw": 0.1,
    "adamax": 0.1,
    "nadam": 0.1,
}
SPIRAL_LR = {
    "sgd": 1.0,
    "momentum": 0.3,
    "nesterov": 0.3,
    "adagrad": 0.5,
    "rmsprop": 0.01,
    "adam": 0.02,
    "adamw": 0.02,
    "adamax": 0.05,
    "nadam": 0.02,
}
# the buffers each optimizer shows through state_of (m_hat, v_hat: bias-corrected moments)
SHOWN = {
    "sgd": set(),
    "momentum": {"v"},
    "nesterov": {"v"},
    "adagrad": {"G"},
    "rmsprop": {"s"},
    "adam": {"m", "v", "m_hat", "v_hat"},
    "adamw": {"m", "v", "m_hat", "v_hat"},
    "adamax": {"m", "u", "m_hat"},
    "nadam": {"m", "v", "m_hat", "v_hat"},
}

A = np.array([[3.0, 0.5], [0.5, 1.0]])  # symmetric positive definite
B = np.array([1.0, -2.0])


def quadratic(x: np.ndarray) -> float:
    """f(x) = ½ xᵀ A x − Bᵀ x, minimised at x* = A⁻¹ B."""
    return float(0.5 * x @ A @ x - B @ x)


def test_every_optimizer_is_tested() -> None:
    assert set(QUADRATIC_LR) == set(SPIRAL_LR) == set(SHOWN) == set(OPTIMIZERS)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizer_lowers_a_convex_quadratic(name: str) -> None:
    p = Parameter("x", [4.0, 4.0], regularize=False)
    opt = make_optimizer(name, [p], lr=QUADRATIC_LR[name])
    f_star, f0 = quadratic(np.linalg.solve(A, B)), quadratic(p.value)
    for _ in range(200):
        opt.zero_grad()
        p.grad += A @ p.value - B
        opt.step()
    assert quadratic(p.value) - f_star < 0.01 * (f0 - f_star)
    assert opt.t == 200


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizer_trains_the_spiral(name: str, spiral_data) -> None:
    X, y = spiral_data
    model = mlp([2, 100, 3], seed=0)
    trainer = Trainer(
        model, X, y, optimizer=name, lr=SPIRAL_LR[name], batch_size=None, regularizer=L2(1e-3)
    )
    trainer.run_steps(300)
    h = trainer.history
    assert h.step_loss[-1] < 0.35 * h.step_loss[0]
    assert np.mean(model.predict(X) == y) >= 0.95


def _constant_grad_steps(opt, p: Parameter, grads: list[float]) -> list[float]:
    values = []
    for g in grads:
        p.grad[...] = g
        opt.step()
        values.append(float(p.value[0]))
    return values


def test_sgd_and_momentum_follow_the_course_formulas() -> None:
    """SGD: w ← w − αg (002 1.10). Momentum: v ← ρv + g, w ← w − αv (000 f. 7, 8)."""
    p = Parameter("x", [1.0])
    assert _constant_grad_steps(SGD([p], lr=0.1), p, [2.0, -1.0]) == pytest.approx([0.8, 0.9])
    p = Parameter("x", [1.0])
    opt = Momentum([p], lr=0.1, rho=0.5)
    # v1 = 2 → x = 0.8; v2 = 0.5·2 + 4 = 5 → x = 0.3
    assert _constant_grad_steps(opt, p, [2.0, 4.0]) == pytest.approx([0.8, 0.3])
    assert opt.state["x"]["v"] == pytest.approx([5.0])


def test_momentum_matches_the_form_of_002() -> None:
    """002 1.14: v ← ρv − αg, w ← w + v; with α fixed it is the same walk as 000's form."""
    p, w, v002 = Parameter("x", [1.0, -1.0]), np.array([1.0, -1.0]), np.zeros(2)
    opt = Momentum([p], lr=0.1, rho=0.9)
    for g in ([2.0, 1.0], [-1.0, 3.0], [0.5, 0.5]):
        p.grad[...] = g
        opt.step()
        v002 = 0.9 * v002 - 0.1 * np.array(g)
        w = w + v002
        np.testing.assert_allclose(p.value, w, rtol=1e-12)
        np.testing.assert_allclose(opt.state_of(p)["v"], -v002 / 0.1, rtol=1e-12)


def test_nesterov_uses_the_look_ahead_gradient() -> None:
    p = Parameter("x", [1.0])
    # v1 = 2, d = 2 + 0.5·2 = 3 → x = 0.7; v2 = 1 + 4 = 5, d = 4 + 2.5 = 6.5 → x = 0.05
    assert _constant_grad_steps(Nesterov([p], lr=0.1, rho=0.5), p, [2.0, 4.0]) == pytest.approx(
        [0.7, 0.05]
    )


def test_adam_first_step_is_lr_times_sign() -> None:
    p = Parameter("x", [1.0, 1.0])
    opt = Adam([p], lr=0.1)
    p.grad[...] = [3.0, -0.02]
    opt.step()
    np.testing.assert_allclose(p.value, [0.9, 1.1], rtol=1e-6)
    np.testing.assert_allclose(opt.state["x"]["m"], [0.3, -0.002])
    np.testing.assert_allclose(opt.state["x"]["v"], [0.009, 0.0000004])


def test_adamw_decays_weights_but_not_biases_in_place() -> None:
    w, b = Parameter("W", [1.0]), Parameter("b", [1.0], regularize=False)
    array = w.value
    opt = AdamW([w, b], lr=0.1, weight_decay=0.5)
    opt.step()  # zero gradients: only the decay moves anything, w ← (1 − αλ) w
    assert w.value is array
    assert w.value == pytest.approx([0.95])
    assert b.value == pytest.approx([1.0])


def test_adamw_is_adam_plus_the_decoupled_decay() -> None:
    """w ← w − α (m̂ / (√v̂ + ε) + λ w), the decay on the weights before the step."""
    w_adam, w_adamw = Parameter("W", [2.0, -1.0]), Parameter("W", [2.0, -1.0])
    adam, adamw = Adam([w_adam], lr=0.1), AdamW([w_adamw], lr=0.1, weight_decay=0.2)
    for g in ([1.0, 0.5], [-0.5, 2.0]):
        before = w_adamw.value.copy()
        w_adam.grad[...] = w_adamw.grad[...] = g
        start = w_adam.value.copy()
        adam.step()
        adamw.step()
        adam_step = w_adam.value - start
        np.testing.assert_allclose(w_adamw.value, before + adam_step - 0.1 * 0.2 * before,
                                   rtol=1e-12)
        w_adam.value[...] = w_adamw.value  # same point for the next step


def test_learning_rate_can_change_between_steps_without_losing_state() -> None:
    p = Parameter("x", [0.0])
    opt = Momentum([p], lr=0.1, rho=0.9)
    _constant_grad_steps(opt, p, [1.0, 1.0])
    velocity = opt.state["x"]["v"]
    before = velocity.copy()
    opt.lr = 0.01
    assert opt.state["x"]["v"] is velocity and velocity == pytest.approx(before)
    x_before = p.value.copy()
    _constant_grad_steps(opt, p, [1.0])
    assert p.value == pytest.approx(x_before - 0.01 * (0.9 * before + 1.0))
    with pytest.raises(ValueError, match="learning rate"):
        opt.lr = -1.0


def test_state_is_keyed_by_parameter_name_and_names_must_be_unique() -> None:
    model = mlp([2, 3, 2], seed=0)
    opt = Adam(model.params())
    assert set(opt.state) == {"W1", "b1", "W2", "b2"}
    assert opt.state["W1"]["m"].shape == (3, 2) and opt.hyperparams()["beta1"] == 0.9
    with pytest.raises(ValueError, match="unique"):
        SGD([Parameter("W", [1.0]), Parameter("W", [2.0])])


def test_zero_grad_and_step_update_in_place() -> None:
    model = mlp([2, 3, 2], seed=0)
    W = model[0].W
    opt = SGD(model.params(), lr=0.5)
    for p in model.params():
        p.grad[...] = 1.0
    opt.step()
    assert model[0].W is W  # same array, new numbers
    opt.zero_grad()
    assert all(not p.grad.any() for p in model.params())


# -- the readable state --------------------------------------------------------------------
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_state_of_shows_named_copies_of_the_buffers(name: str) -> None:
    p = Parameter("w", [1.0, -2.0])
    opt = make_optimizer(name, [p], lr=0.1)
    assert set(opt.state_of(p)) == SHOWN[name]
    assert all(not a.any() for a in opt.state_of("w").values())  # zeros before the first step
    p.grad[...] = [0.5, -1.0]
    opt.step()
    shown = opt.state_of(p)
    assert set(shown) == SHOWN[name] and all(a.shape == (2,) for a in shown.values())
    for array in shown.values():
        array += 100.0  # a copy: the optimizer's state does not change
    assert all(not np.any(opt.state["w"][k] > 50) for k in opt.state["w"])
    with pytest.raises(KeyError, match="does not update"):
        opt.state_of("b")


def test_adam_state_and_coefficients_after_one_step() -> None:
    """t = 1: 1 − β₁ = 0.1 and 1 − β₂ = 0.001, so m̂ = g and v̂ = g ⊙ g exactly."""
    p = Parameter("w", [1.0, -2.0])
    opt = Adam([p], lr=0.1)
    assert opt.coefficients() == {"bias1": 0.0, "bias2": 0.0}
    p.grad[...] = [0.5, -4.0]
    opt.step()
    c = opt.coefficients()
    assert c["bias1"] == pytest.approx(0.1) and c["bias2"] == pytest.approx(0.001)
    shown = opt.state_of(p)
    np.testing.assert_allclose(shown["m"], [0.05, -0.4])
    np.testing.assert_allclose(shown["v"], [0.00025, 0.016])
    np.testing.assert_allclose(shown["m_hat"], [0.5, -4.0])
    np.testing.assert_allclose(shown["v_hat"], [0.25, 16.0])


# -- the registry ------------------------------------------------------------------------
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_registry_matches_the_constructors(name: str) -> None:
    spec = OPTIMIZERS[name]
    keywords = [k for k in inspect.signature(spec.cls).parameters if k != "params"]
    assert keywords[0] == "lr"
    assert set(keywords) == {"lr", *spec.settings} | (set(keywords) & set(CONSTANTS))
    opt = spec.build([Parameter("w", [0.0, 0.0])])
    assert list(opt.hyperparams()) == keywords  # every constructor argument is displayed
    assert {k: opt.hyperparams()[k] for k in spec.defaults()} == spec.defaults()
    for h in spec.hyperparameters:
        assert h.contains(spec.defaults()[h.name])


def test_hyperparameter_grids_lie_inside_their_ranges() -> None:
    assert HYPERPARAMETERS["lr"].grid == LEARNING_RATES
    for h in HYPERPARAMETERS.values():
        assert list(h.grid) == sorted(set(h.grid)) and all(h.contains(x) for x in h.grid)
    assert HYPERPARAMETERS["rho"].interval == "[0, 1)"
    assert HYPERPARAMETERS["lr"].interval == "(0, 100]"
    assert OPTIMIZER_NAMES[:2] == ("sgd", "momentum") and "nadam" in OPTIMIZER_NAMES


def test_make_optimizer_builds_one_two_element_parameter() -> None:
    """The optimizer race drives one 2-element parameter per optimizer."""
    p = Parameter("w", [-1.5, 2.0])
    opt = make_optimizer("Momentum", [p], lr=0.05, rho=0.8)
    assert isinstance(opt, Momentum) and opt.rho == 0.8 and opt.lr == 0.05
    assert make_optimizer("adam", [p]).lr == 0.001  # the constructor's default
    assert OPTIMIZERS["adamw"].pick({"rho": 0.5, "beta1": 0.8, "weight_decay": 0.1}) == {
        "beta1": 0.8, "weight_decay": 0.1}
    assert make_optimizer("nadam", [p], eps=1e-6, momentum_decay=0.0).eps == 1e-6


@pytest.mark.parametrize(
    ("name", "settings", "code"),
    [
        ("lbfgs", {}, "optimizer.unknown"),
        ("sgd", {"rho": 0.9}, "optimizer.unexpected_setting"),
        ("adam", {"momentum_decay": 0.004}, "optimizer.unexpected_setting"),
        ("momentum", {"rho": 1.0}, "optimizer.out_of_range"),
        ("adam", {"beta2": -0.1}, "optimizer.out_of_range"),
        ("sgd", {"lr": 0.0}, "optimizer.out_of_range"),
        ("sgd", {"lr": float("nan")}, "optimizer.out_of_range"),
        ("adamw", {"weight_decay": 2.0}, "optimizer.out_of_range"),
    ],
)
def test_registry_refuses_bad_names_and_settings(name: str, settings: dict, code: str) -> None:
    with pytest.raises(OptimizerSettingError) as caught:
        make_optimizer(name, [Parameter("w", [0.0, 0.0])], **settings)
    assert caught.value.code == code and str(caught.value)
    if code == "optimizer.unknown":
        assert set(caught.value.details) == {"name", "choices"}
        with pytest.raises(ValueError, match="Unknown optimizer"):
            optimizer_spec(name)
