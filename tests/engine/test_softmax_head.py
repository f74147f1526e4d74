"""The classification head taken apart (nncore.softmax_head): softmax, Jacobian, cross-entropy,
reductions, log-sum-exp, BCE against a 2-logit softmax."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.gradcheck import numerical_gradient, relative_error
from nncore.layers.functional import softmax
from nncore.softmax_head import (
    HeadInputError,
    batch_head,
    binary_comparison,
    example_batch,
    label_distribution,
    log_sum_exp,
    softmax_head,
    softmax_jacobian,
)

FIGURE_16 = np.array([0.0, 2.63, -1.1, 0.41])  # 000 figure 16: Cat, Chicken, Dog, Horse


def _loss(z: np.ndarray, y: np.ndarray, temperature: float) -> float:
    s = z / temperature
    return float(-np.sum(y * (s - s.max() - np.log(np.exp(s - s.max()).sum()))))


def test_the_figure_16_logits_give_its_probabilities() -> None:
    head = softmax_head(FIGURE_16, label_distribution(4, hard=1))
    np.testing.assert_allclose(head.p, [0.06, 0.83, 0.02, 0.09], atol=0.002)
    assert head.loss == pytest.approx(-np.log(head.p[1]), rel=1e-12)


@pytest.mark.parametrize("temperature", [0.1, 0.5, 1.0, 3.0])
@pytest.mark.parametrize("label", ["hard", "soft"])
def test_the_gradient_is_p_minus_y_three_ways_and_matches_the_numerical_one(
        temperature: float, label: str) -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(0.0, 2.0, 5)
    y = (label_distribution(5, hard=2) if label == "hard"
         else label_distribution(5, weights=rng.uniform(0, 1, 5)))
    head = softmax_head(z, y, temperature)
    np.testing.assert_allclose(head.grad_s, head.p - y, atol=1e-15)
    np.testing.assert_allclose(head.grad_s_layers, head.grad_s, atol=1e-12)
    assert head.check_error <= 1e-12
    numeric = numerical_gradient(lambda: _loss(z, y, temperature), z)
    # entries near 0 (a class with p ≈ 0 and y = 0) are compared on the vector's scale
    assert np.linalg.norm(head.grad_z - numeric) / np.linalg.norm(numeric) < 1e-6


def test_the_jacobian_is_symmetric_with_zero_row_sums_and_matches_numerical() -> None:
    z = np.array([1.0, -0.5, 2.0])
    J = softmax_jacobian(softmax(z[None, :])[0])
    np.testing.assert_allclose(J, J.T)
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)
    for j in range(3):
        column = numerical_gradient(lambda j=j: float(softmax(z[None, :])[0, j]), z)
        assert relative_error(J[j], column, floor=1e-8).max() < 1e-6


def test_labels() -> None:
    assert label_distribution(3, hard=0).tolist() == [1.0, 0.0, 0.0]
    assert label_distribution(4, weights=[0.8, 0, 0.2, 0]).tolist() == [0.8, 0.0, 0.2, 0.0]
    assert label_distribution(2, weights=[1, 3]).tolist() == [0.25, 0.75]
    for weights in ([0, 0], [1, -1], [1]):
        with pytest.raises(HeadInputError) as caught:
            label_distribution(2, weights=weights)
        assert caught.value.code == "head.soft_label"
    with pytest.raises(HeadInputError):
        softmax_head(FIGURE_16, label_distribution(4, hard=0), temperature=0.0)


def test_reductions_scale_the_gradient() -> None:
    Z, labels = example_batch(5, 3, seed=1)
    none, total, mean = (batch_head(Z, labels, r) for r in ("none", "sum", "mean"))
    assert none.loss.shape == (5,)
    assert total.loss == pytest.approx(none.losses.sum())
    assert mean.loss == pytest.approx(none.losses.mean())
    np.testing.assert_allclose(none.grad, total.grad)
    np.testing.assert_allclose(mean.grad, total.grad / 5)
    assert (none.scale, total.scale, mean.scale) == (1.0, 1.0, 0.2)
    P = softmax(Z)
    np.testing.assert_allclose(total.grad, P - np.eye(3)[labels], atol=1e-15)


def test_the_naive_log_sum_exp_overflows_at_1000_and_the_stable_one_does_not() -> None:
    small = log_sum_exp([1.0, -1.0, 0.5])
    assert not small.overflowed
    assert small.naive == pytest.approx(small.stable, rel=1e-14)
    np.testing.assert_allclose(small.naive_p, small.stable_p, rtol=1e-14)
    huge = log_sum_exp([1000.0, -1000.0, 500.0])
    assert huge.overflowed and huge.naive == np.inf and np.isnan(huge.naive_p).any()
    assert huge.stable == pytest.approx(1000.0, rel=1e-15)
    np.testing.assert_allclose(huge.stable_p, [1.0, 0.0, 0.0], atol=1e-200)


@pytest.mark.parametrize(("a", "y"), [(0.7, 1.0), (-3.0, 0.0), (2.0, 0.3), (12.0, 0.0)])
def test_bce_on_a_sigmoid_equals_softmax_on_two_logits(a: float, y: float) -> None:
    result = binary_comparison(a, y)
    assert result.bce == pytest.approx(result.ce, rel=1e-12, abs=1e-14)
    assert result.bce_grad == pytest.approx(result.sigmoid - y, abs=1e-15)
    assert result.ce_grad[1] == pytest.approx(result.bce_grad, abs=1e-15)
    assert result.ce_grad[0] == pytest.approx(-result.bce_grad, abs=1e-15)
    assert result.softmax_p[1] == pytest.approx(result.sigmoid, rel=1e-14)
    with pytest.raises(HeadInputError):
        binary_comparison(a, 1.5)
