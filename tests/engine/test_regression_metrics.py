"""R² and the regression report (MSE, MAE, R²) of nncore.metrics."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.metrics import METRICS, mae, mse, r2, regression_report


def test_r2_by_hand() -> None:
    y = np.array([1.0, 2.0, 3.0, 4.0])  # ȳ = 2.5, SS_tot = 5
    pred = np.array([1.5, 2.0, 2.5, 4.0])  # SS_res = 0.5
    assert r2(y, pred) == pytest.approx(0.9)
    assert r2(y, y) == 1.0 and r2(y, np.full(4, 2.5)) == pytest.approx(0.0)
    assert r2(y, -y) < 0  # worse than the mean
    assert r2(y, pred[:, None]) == pytest.approx(0.9)  # (N, 1) predictions


def test_r2_is_one_minus_mse_over_variance(rng: np.random.Generator) -> None:
    y, pred = rng.normal(size=50), rng.normal(size=50)
    assert r2(y, pred) == pytest.approx(1 - mse(y, pred) / np.var(y))


def test_r2_edge_cases() -> None:
    assert r2(np.ones(3), np.ones(3)) == 1.0 and r2(np.ones(3), np.zeros(3)) == 0.0
    assert r2(np.zeros(0), np.zeros(0)) == 0.0
    assert METRICS["r2"] is r2


def test_regression_report_gathers_the_three(rng: np.random.Generator) -> None:
    y, pred = rng.normal(size=20), rng.normal(size=20)
    report = regression_report(y, pred)
    assert (report.mse, report.mae, report.r2, report.n) == (
        mse(y, pred), mae(y, pred), r2(y, pred), 20)
