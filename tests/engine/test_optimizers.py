"""Optimizers: update rules by hand, convex descent, spiral training, state and lr changes."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.layers import Parameter
from nncore.model import mlp
from nncore.optimizers import (
    OPTIMIZERS,
    SGD,
    Adam,
    AdamW,
    Momentum,
    Nesterov,
    make_optimizer,
)
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
}
SPIRAL_LR = {
    "sgd": 1.0,
    "momentum": 0.3,
    "nesterov": 0.3,
    "adagrad": 0.5,
    "rmsprop": 0.01,
    "adam": 0.02,
    "adamw": 0.02,
}

A = np.array([[3.0, 0.5], [0.5, 1.0]])  # symmetric positive definite
B = np.array([1.0, -2.0])


def quadratic(x: np.ndarray) -> float:
    """f(x) = ½ xᵀ A x − Bᵀ x, minimised at x* = A⁻¹ B."""
    return float(0.5 * x @ A @ x - B @ x)


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
    """SGD: x ← x − α∇ (000 f. 6). Momentum: v ← ρv + ∇, x ← x − αv (000 f. 7, 8)."""
    p = Parameter("x", [1.0])
    assert _constant_grad_steps(SGD([p], lr=0.1), p, [2.0, -1.0]) == pytest.approx([0.8, 0.9])
    p = Parameter("x", [1.0])
    opt = Momentum([p], lr=0.1, rho=0.5)
    # v1 = 2 → x = 0.8; v2 = 0.5·2 + 4 = 5 → x = 0.3
    assert _constant_grad_steps(opt, p, [2.0, 4.0]) == pytest.approx([0.8, 0.3])
    assert opt.state["x"]["v"] == pytest.approx([5.0])


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


def test_adamw_decays_weights_but_not_biases() -> None:
    w, b = Parameter("W", [1.0]), Parameter("b", [1.0], regularize=False)
    opt = AdamW([w, b], lr=0.1, weight_decay=0.5)
    opt.step()  # zero gradients: only the decay moves anything
    assert w.value == pytest.approx([0.95])
    assert b.value == pytest.approx([1.0])


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
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("lbfgs", model.params())


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
