"""Data sets, the course's example rows, train/valid/test split and standardisation."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data import (
    DATASETS,
    Standardizer,
    example_3442,
    logic_gate,
    spiral,
    train_valid_test_split,
    xor,
)


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_2d_float_seeded_with_integer_labels(name: str) -> None:
    make = DATASETS[name]
    X, y = make(seed=1)
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == 2
    assert np.issubdtype(y.dtype, np.integer) and y.shape == (len(X),)
    assert y.min() == 0 and len(np.unique(y)) >= 2
    X2, y2 = make(seed=1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(seed=2)[0])


def test_spiral_follows_the_cs231n_formula() -> None:
    """r = linspace(0, 1, N); t = linspace(4j, 4(j+1), N) + noise·randn(N); (r sin t, r cos t)."""
    X, y = spiral(n_per_class=50, n_classes=3, noise=0.2, seed=5)
    rng = np.random.default_rng(5)
    r = np.linspace(0, 1, 50)
    for j in range(3):
        t = np.linspace(4 * j, 4 * (j + 1), 50) + 0.2 * rng.standard_normal(50)
        np.testing.assert_allclose(X[50 * j : 50 * (j + 1)], np.c_[r * np.sin(t), r * np.cos(t)])
        assert np.all(y[50 * j : 50 * (j + 1)] == j)
    assert spiral().__len__() == 2 and spiral()[0].shape == (300, 2)


def test_xor_and_logic_gates() -> None:
    X, y = xor()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    np.testing.assert_array_equal(logic_gate("AND")[1], [0, 0, 0, 1])
    np.testing.assert_array_equal(logic_gate("or")[1], [0, 1, 1, 1])
    with pytest.raises(ValueError, match="unknown gate"):
        logic_gate("xnor")


def test_example_3442_rows_from_001() -> None:
    X, T = example_3442()
    np.testing.assert_array_equal(X, [[1, 2, 3], [3, 2, 1], [1, 5, 7]])
    np.testing.assert_array_equal(T, [[4, 5], [5, 6], [8, 6]])


@pytest.mark.parametrize("stratify", [False, True])
def test_split_by_ratio_is_a_partition(stratify: bool) -> None:
    X = np.arange(200, dtype=float).reshape(100, 2)
    y = np.repeat([0, 1], [80, 20])
    s = train_valid_test_split(X, y, ratios=(0.7, 0.15), seed=0, stratify=stratify)
    assert (len(s.y_train), len(s.y_valid), len(s.y_test)) == (70, 15, 15)
    ids = np.concatenate([s.X_train[:, 0], s.X_valid[:, 0], s.X_test[:, 0]]) / 2
    assert sorted(ids.astype(int).tolist()) == list(range(100))
    np.testing.assert_array_equal(s.y_train, y[(s.X_train[:, 0] / 2).astype(int)])
    if stratify:
        assert (s.y_train.sum(), s.y_valid.sum(), s.y_test.sum()) == (14, 3, 3)
    with pytest.raises(ValueError):
        train_valid_test_split(X, y, ratios=(0.9, 0.2))


def test_standardizer_is_fitted_on_train_only() -> None:
    train = np.array([[0.0, 10.0], [2.0, 10.0], [4.0, 10.0]])
    scaler = Standardizer()
    Z = scaler.fit_transform(train)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaler.std, [np.std([0, 2, 4]), 1.0])  # constant column: std 1
    np.testing.assert_allclose(scaler.transform(np.array([[2.0, 11.0]])), [[0.0, 1.0]])
    np.testing.assert_allclose(scaler.inverse_transform(Z), train, atol=1e-12)
    with pytest.raises(RuntimeError, match="fit"):
        Standardizer().transform(train)
