"""Universal approximation (003): the six-ReLU Z, the fit score, training 1-H-1 networks."""

import numpy as np
import pytest

from nncore.approximation import (
    COURSE_UNITS,
    TARGETS,
    ReluUnit,
    TargetError,
    deep_width_for,
    fit_quality,
    relu_sum,
    target_from_expression,
    train_relu_sum,
    unit_curves,
    units_of,
)
from nncore.graph import ExpressionError


def test_course_z_at_whole_numbers_matches_hand_computation() -> None:
    # x = −2: n1 = ReLU(10 − 7.7) = 2.3, n2 = ReLU(2.4 − 1.3) = 1.1, the rest 0 → Z = −3.4
    # x = −1: n1 = ReLU(−2.7), n2 = ReLU(−0.1), n3 = ReLU(−0.2): all 0 → Z = 0
    # x = 0:  n3 = ReLU(1) = 1 → Z = −1
    # x = 1:  n3 = 2.2, n4 = 1.0, n5 = 0.9, n6 = 0 → Z = −2.2 + 1.0 + 0.9 = −0.3
    # x = 2:  n3 = 3.4, n4 = 2.2, n5 = 2.9, n6 = 5 → Z = −3.4 + 2.2 + 2.9 + 5 = 6.7
    z = relu_sum(COURSE_UNITS, np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))
    np.testing.assert_allclose(z, [-3.4, 0.0, -1.0, -0.3, 6.7], atol=1e-12)


def test_course_units_are_003s_numbers_and_kinks() -> None:
    assert [(u.w, u.b, u.v) for u in COURSE_UNITS] == [
        (-5.0, -7.7, -1.0), (-1.2, -1.3, -1.0), (1.2, 1.0, -1.0),
        (1.2, -0.2, 1.0), (2.0, -1.1, 1.0), (5.0, -5.0, 1.0)]
    np.testing.assert_allclose([u.kink for u in COURSE_UNITS],
                               [-1.54, -1.3 / 1.2, -1 / 1.2, 0.2 / 1.2, 0.55, 1.0])
    assert ReluUnit(0.0, 1.0, 1.0).kink is None


def test_unit_curves_sum_to_z() -> None:
    x = np.linspace(-2, 2, 41)
    curves = unit_curves(COURSE_UNITS, x)
    assert curves.shape == (6, 41)
    np.testing.assert_allclose(curves.sum(axis=0), relu_sum(COURSE_UNITS, x))
    assert np.all(curves[0] <= 0)  # v1 = −1: −n1 is never positive


def test_fit_quality_scores_perfect_flat_and_between() -> None:
    target = np.array([0.0, 1.0, 2.0, 3.0])
    assert fit_quality(target, target).score == 100.0
    assert fit_quality(np.full(4, target.mean()), target).score == 0.0
    assert 0 < fit_quality(target + 0.3, target).score < 100


def test_width_error_falls_from_2_to_32_units_on_sin() -> None:
    errors = [train_relu_sum(TARGETS["sin"], h, epochs=1500, seed=0)[1].rms for h in (2, 8, 32)]
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.05


def test_trained_units_reproduce_the_network_output() -> None:
    model, _ = train_relu_sum(TARGETS["abs"], 4, epochs=200, seed=1)
    units, bias = units_of(model)
    x = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(relu_sum(units, x, bias), model.output(x[:, None])[:, 0],
                               atol=1e-12)


@pytest.mark.parametrize("width", [1, 2, 5, 8, 21, 64])
def test_deep_width_has_no_more_parameters(width: int) -> None:
    h = deep_width_for(width)
    assert h * h + 4 * h + 1 <= 3 * width + 1 or h == 1


def test_typed_target_is_parsed_safely() -> None:
    f = target_from_expression("x*x - 1")
    np.testing.assert_allclose(f(np.array([0.0, 2.0])), [-1.0, 3.0])
    np.testing.assert_allclose(target_from_expression("3")(np.zeros(4)), 3.0)
    with pytest.raises(TargetError, match="only the variable x"):
        target_from_expression("x * y")
    with pytest.raises((TargetError, ExpressionError)):
        target_from_expression("log(x)")
    with pytest.raises(ExpressionError):
        target_from_expression("__import__('os')")
