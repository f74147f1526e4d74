"""Metrics (000 §2) against hand-computed values."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nncore import metrics

Y_TRUE = np.array([0, 0, 1, 1, 1, 2])
Y_PRED = np.array([0, 1, 1, 1, 0, 1])


def test_confusion_matrix_and_accuracy() -> None:
    C = metrics.confusion_matrix(Y_TRUE, Y_PRED)
    np.testing.assert_array_equal(C, [[1, 1, 0], [1, 2, 0], [0, 1, 0]])
    assert metrics.accuracy(Y_TRUE, Y_PRED) == pytest.approx(3 / 6)
    assert metrics.confusion_matrix([0, 1], [1, 1], n_classes=3).shape == (3, 3)
    assert metrics.accuracy(np.eye(3)[Y_TRUE], Y_PRED) == pytest.approx(3 / 6)  # one-hot


def test_precision_recall_f1_per_class_and_macro() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # class 2 is never predicted: 0/0 must be silent
        report = metrics.classification_report(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(report.precision, [1 / 2, 2 / 4, 0.0])
    np.testing.assert_allclose(report.recall, [1 / 2, 2 / 3, 0.0])
    f1_1 = 2 * (0.5 * 2 / 3) / (0.5 + 2 / 3)
    np.testing.assert_allclose(report.f1, [0.5, f1_1, 0.0])
    np.testing.assert_array_equal(report.support, [2, 3, 1])
    assert report.macro_f1 == pytest.approx((0.5 + f1_1) / 3)
    assert metrics.precision(Y_TRUE, Y_PRED) == pytest.approx(1 / 3)
    assert metrics.recall(Y_TRUE, Y_PRED) == pytest.approx((0.5 + 2 / 3) / 3)
    np.testing.assert_allclose(metrics.f1_score(Y_TRUE, Y_PRED, average=None), report.f1)
    with pytest.raises(ValueError):
        metrics.recall(Y_TRUE, Y_PRED, average="micro")


def test_regression_metrics() -> None:
    assert metrics.mse([1.0, 2.0, 3.0], [1.0, 4.0, 2.0]) == pytest.approx(5 / 3)
    assert metrics.mae([1.0, 2.0, 3.0], [1.0, 4.0, 2.0]) == pytest.approx(1.0)
    # several outputs: squared errors are summed per sample, then averaged over samples
    assert metrics.mse([[0.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 3.0]]) == pytest.approx(3.0)


def test_empty_inputs_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert metrics.accuracy([], []) == 0.0
        assert metrics.mse(np.zeros((0, 1)), np.zeros((0, 1))) == 0.0
