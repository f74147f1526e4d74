"""Loss values against hand formulas, reductions, label forms and numerical stability."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.layers.functional import softmax
from nncore.losses import (
    BCE,
    MAE,
    MSE,
    BCEWithLogits,
    CrossEntropy,
    Huber,
    SoftmaxCrossEntropy,
    one_hot,
)

Y = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])


def test_cross_entropy_hard_labels_by_hand() -> None:
    """CE = −(1/N) Σ log y_{i,t_i} (000 formula 27)."""
    ce = CrossEntropy()
    expected = -(math.log(0.7) + math.log(0.3)) / 2
    assert ce.forward(Y, np.array([0, 1])) == pytest.approx(expected, rel=1e-10)
    np.testing.assert_allclose(
        ce.backward(), [[-1 / (2 * 0.7), 0, 0], [0, -1 / (2 * 0.3), 0]], rtol=1e-10
    )


def test_cross_entropy_soft_labels_by_hand() -> None:
    """CE = −(1/N) Σ t_i · log y_i (000 formula 26), e.g. t = [0.8, 0, 0.2]."""
    T = np.array([[0.8, 0.0, 0.2], [0.0, 1.0, 0.0]])
    expected = -(0.8 * math.log(0.7) + 0.2 * math.log(0.1) + math.log(0.3)) / 2
    assert CrossEntropy().forward(Y, T) == pytest.approx(expected, rel=1e-10)


def test_hard_labels_equal_one_hot_soft_labels(rng: np.random.Generator) -> None:
    P, t = softmax(rng.standard_normal((5, 4))), rng.integers(0, 4, 5)
    for loss in (CrossEntropy(), SoftmaxCrossEntropy()):
        assert loss.forward(P, t) == pytest.approx(loss.forward(P, one_hot(t, 4)), rel=1e-12)


@pytest.mark.parametrize("loss_cls", [CrossEntropy, SoftmaxCrossEntropy, MSE, BCEWithLogits])
def test_reductions_relate(loss_cls, rng: np.random.Generator) -> None:
    pred = rng.standard_normal((6, 3))
    target = (
        rng.integers(0, 3, 6)
        if loss_cls in (CrossEntropy, SoftmaxCrossEntropy)
        else rng.random((6, 3))
    )
    if loss_cls is CrossEntropy:
        pred = softmax(pred)
    per_sample = loss_cls(reduction="none").forward(pred, target)
    assert per_sample.shape == (6,)
    assert loss_cls(reduction="sum").forward(pred, target) == pytest.approx(per_sample.sum())
    mean = loss_cls(reduction="mean")
    assert mean.forward(pred, target) == pytest.approx(per_sample.mean())
    total = loss_cls(reduction="sum")
    total.forward(pred, target)
    np.testing.assert_allclose(mean.backward() * 6, total.backward())


def test_softmax_cross_entropy_gradient_is_p_minus_t_over_n(rng: np.random.Generator) -> None:
    Z, t = rng.standard_normal((4, 3)), np.array([0, 2, 1, 1])
    loss = SoftmaxCrossEntropy()
    loss.forward(Z, t)
    np.testing.assert_allclose(loss.backward(), (softmax(Z) - one_hot(t, 3)) / 4, atol=1e-15)
    np.testing.assert_allclose(loss.probs, softmax(Z))


def test_softmax_cross_entropy_is_stable_for_huge_logits() -> None:
    Z = np.array([[1e4, 0.0, -1e4], [0.0, 1e4, 0.0]])
    loss = SoftmaxCrossEntropy()
    value = loss.forward(Z, np.array([0, 0]))
    assert value == pytest.approx(1e4 / 2)  # sample 0 costs 0, sample 1 costs 1e4
    assert np.all(np.isfinite(loss.backward()))


def test_bce_by_hand_and_fused_version() -> None:
    """BCE = −(1/N) Σ [t log y + (1 − t) log(1 − y)] (000 formula 29)."""
    y, t = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    bce = BCE()
    assert bce.forward(y, t) == pytest.approx(expected, rel=1e-10)
    np.testing.assert_allclose(
        bce.backward(), [-1 / 0.9 / 3, 1 / 0.8 / 3, -1 / 0.6 / 3], rtol=1e-10
    )
    z = np.log(y / (1 - y))  # logits with σ(z) = y
    fused = BCEWithLogits()
    assert fused.forward(z, t) == pytest.approx(expected, rel=1e-10)
    np.testing.assert_allclose(fused.backward(), (y - t) / 3, atol=1e-15)


def test_bce_with_logits_is_stable_and_accepts_label_vectors() -> None:
    z = np.array([[800.0], [-800.0]])
    loss = BCEWithLogits()
    assert loss.forward(z, np.array([0, 1])) == pytest.approx(800.0)
    np.testing.assert_allclose(loss.backward(), [[0.5], [-0.5]])


def test_mse_means_over_samples_not_entries() -> None:
    """MSE = (1/N) Σ_n ‖y_n − ŷ_n‖² (004), with N the number of samples."""
    pred, target = np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[0.0, 0.0], [3.0, 4.0]])
    mse = MSE()
    assert mse.forward(pred, target) == pytest.approx((1 + 4 + 0 + 1) / 2)
    np.testing.assert_allclose(mse.backward(), 2 * (pred - target) / 2)
    assert MSE().forward(np.array([1.0, 3.0]), np.array([0.0, 1.0])) == pytest.approx(2.5)


def test_mae_and_huber_by_hand() -> None:
    pred, target = np.array([0.5, -2.0, 3.0]), np.zeros(3)
    assert MAE().forward(pred, target) == pytest.approx(5.5 / 3)
    huber = Huber(delta=1.0)
    assert huber.forward(pred, target) == pytest.approx((0.125 + 1.5 + 2.5) / 3)
    np.testing.assert_allclose(huber.backward(), [0.5 / 3, -1 / 3, 1 / 3])


def test_loss_errors() -> None:
    with pytest.raises(ValueError, match="reduction"):
        MSE(reduction="avg")
    with pytest.raises(RuntimeError, match="before forward"):
        MSE().backward()
    with pytest.raises(ValueError, match="class indices"):
        CrossEntropy().forward(Y, np.array([0, 3]))
    with pytest.raises(ValueError, match="does not match"):
        MSE().forward(np.zeros((2, 2)), np.zeros(3))
