"""Fixtures shared by the engine tests (numpy only; no app, no browser)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # nncore is not installed; the tests run from the checkout
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


@pytest.fixture(scope="session")
def spiral_data() -> tuple[np.ndarray, np.ndarray]:
    from nncore.data import spiral

    return spiral(n_per_class=100, n_classes=3, noise=0.2, seed=0)
