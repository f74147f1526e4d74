"""The course's worked examples (../shared/reference/worked-examples.md) through the engine,
with expected numbers computed independently by the hand formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.data import example_3442, xor
from nncore.layers import Linear, Sigmoid
from nncore.losses import BCE, MSE, BCEWithLogits
from nncore.model import Sequential, mlp, xor_sign_network


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# 004's 2-2-1 network in its own layout: W⁽ˡ⁾ is d⁽ˡ⁻¹⁾ × d⁽ˡ⁾, z = Wᵀ a_prev + b.
W1 = [[0.1, -0.2], [0.3, 0.4]]
B1 = [0.05, -0.1]
W2 = [0.6, -0.5]
B2 = 0.2
X = [[1.0, 2.0], [-1.0, 0.5]]
Y = [1.0, 0.0]


def _hand_221() -> dict[str, object]:
    """J = −Σ_n [y log a⁽²⁾ + (1 − y) log(1 − a⁽²⁾)] and 004's backprop formulas:
    ∂J/∂b⁽²⁾ = a⁽²⁾ − y;  ∂J/∂w_i⁽²⁾ = a_i⁽¹⁾ (a⁽²⁾ − y);
    ∂J/∂w_ij⁽¹⁾ = x_i a_j⁽¹⁾ (1 − a_j⁽¹⁾) w_j⁽²⁾ (a⁽²⁾ − y);  ∂J/∂b_j⁽¹⁾ likewise without x_i."""
    J, gW1, gb1 = 0.0, [[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0]
    gW2, gb2 = [0.0, 0.0], 0.0
    for x, y in zip(X, Y, strict=True):
        a1 = [_sig(sum(W1[i][j] * x[i] for i in range(2)) + B1[j]) for j in range(2)]
        a2 = _sig(sum(W2[j] * a1[j] for j in range(2)) + B2)
        J -= y * math.log(a2) + (1 - y) * math.log(1 - a2)
        e2 = a2 - y
        gb2 += e2
        for j in range(2):
            gW2[j] += a1[j] * e2
            e1 = a1[j] * (1 - a1[j]) * W2[j] * e2
            gb1[j] += e1
            for i in range(2):
                gW1[i][j] += x[i] * e1
    return {"J": J, "W1": gW1, "b1": gb1, "W2": gW2, "b2": gb2}


def _engine_221(fused: bool) -> Sequential:
    hidden, out = Linear(2, 2, init="zeros"), Linear(2, 1, init="zeros")
    hidden.W, hidden.b = np.array(W1).T, B1  # our W is the transpose (n_out × n_in)
    out.W, out.b = [W2], [B2]
    layers = [hidden, Sigmoid(), out] if fused else [hidden, Sigmoid(), out, Sigmoid()]
    return Sequential(layers)


@pytest.mark.parametrize("fused", [False, True], ids=["sigmoid+BCE", "BCEWithLogits"])
def test_221_sigmoid_cross_entropy_network_by_hand(fused: bool) -> None:
    expected = _hand_221()
    model = _engine_221(fused)
    loss = BCEWithLogits(reduction="sum") if fused else BCE(reduction="sum")
    J = loss.forward(model.forward(np.array(X)), np.array(Y))
    model.backward(loss.backward())
    assert pytest.approx(expected["J"], rel=1e-10) == J
    W1_grad, b1_grad, W2_grad, b2_grad = (p.grad for p in model.params())
    np.testing.assert_allclose(W1_grad.T, expected["W1"], rtol=1e-9)
    np.testing.assert_allclose(b1_grad, expected["b1"], rtol=1e-9)
    np.testing.assert_allclose(W2_grad, [expected["W2"]], rtol=1e-9)
    np.testing.assert_allclose(b2_grad, [expected["b2"]], rtol=1e-9)


def test_xor_sign_network_reference_5() -> None:
    """Reference §5: hidden [1,-1], [1,1], [1,1], [-1,1]; outputs -1, 1, 1, -1."""
    X4, y = xor()
    model = xor_sign_network()
    hidden = model.layer_outputs(X4)[1]
    np.testing.assert_array_equal(hidden, [[1, -1], [1, 1], [1, 1], [-1, 1]])
    np.testing.assert_array_equal(model.predict(X4)[:, 0], [-1, 1, 1, -1])
    np.testing.assert_array_equal(model.predict(X4)[:, 0] == 1, y == 1)


def test_sigmoid_gate_reference_2() -> None:
    """Reference §2: f = σ(w0·x0 + w1·x1 + w2) at w = (2, -3, -3), x = (-1, -2)."""
    gate, act = Linear(2, 1, init="zeros"), Sigmoid()
    gate.W, gate.b = [[2.0, -3.0]], [-3.0]
    f = act.forward(gate.forward(np.array([[-1.0, -2.0]])))
    dx = gate.backward(act.backward(np.ones((1, 1))))
    assert f[0, 0] == pytest.approx(0.73105858, abs=1e-8)
    np.testing.assert_allclose(gate.dW, [[-0.19661193, -0.39322387]], atol=1e-8)
    np.testing.assert_allclose(gate.db, [0.19661193], atol=1e-8)
    np.testing.assert_allclose(dx, [[0.39322387, -0.58983580]], atol=1e-8)


def test_vectorized_norm_reference_4() -> None:
    """Reference §4: f = ‖W x‖² = 0.116; ∇W = 2 q xᵀ; ∇x = 2 Wᵀ q."""
    layer = Linear(2, 2, bias=False, init="zeros")
    layer.W = [[0.1, 0.5], [-0.3, 0.8]]
    loss = MSE(reduction="sum")
    q = layer.forward(np.array([[0.2, 0.4]]))
    np.testing.assert_allclose(q, [[0.22, 0.26]])
    assert loss.forward(q, np.zeros((1, 2))) == pytest.approx(0.116)
    dx = layer.backward(loss.backward())
    np.testing.assert_allclose(layer.dW, [[0.088, 0.176], [0.104, 0.208]], atol=1e-15)
    np.testing.assert_allclose(dx, [[-0.112, 0.636]], atol=1e-15)


def test_3442_forward_pass_reference_7() -> None:
    """Reference §7: h⁽ˡ⁾ = σ(W⁽ˡ⁾ h⁽ˡ⁻¹⁾ + b⁽ˡ⁾) for the three rows of 001, seeded weights."""
    X3, _ = example_3442()
    model = mlp([3, 4, 4, 2], activation="sigmoid", head="sigmoid", init="xavier", seed=0)
    rng = np.random.default_rng(1)
    for layer in model[::2]:
        layer.b = rng.standard_normal(layer.n_out)
    outs = model.layer_outputs(X3)
    for row, x in enumerate(X3.tolist()):
        h = x
        for k, layer in enumerate(model[::2]):
            W, b = layer.W.tolist(), layer.b.tolist()
            z = [sum(W[i][j] * h[j] for j in range(len(h))) + b[i] for i in range(len(W))]
            h = [_sig(v) for v in z]
            np.testing.assert_allclose(outs[2 * k][row], z, rtol=1e-12)  # pre-activation
        np.testing.assert_allclose(model.predict_proba(X3)[row], h, rtol=1e-12)
    assert [o.shape for o in outs] == [(3, 4), (3, 4), (3, 4), (3, 4), (3, 2)]
