"""Weight initialisers for ``Linear`` (W has shape (n_out, n_in), as in 000 §5.2.1).

- ``"small"``: the course's small random numbers, W = 0.01 · randn (000 §4.3 step 1, the
  CS231n spiral), whatever ``scale`` says;
- ``"normal"``: W = scale · randn with a chosen ``scale`` (0.01 by default; 000 §7.1.1's
  FCLayer uses plain randn, scale = 1).
- ``"xavier"`` (Glorot): W ~ N(0, 2 / (n_in + n_out)), for sigmoid/tanh networks.
- ``"he"``: W ~ N(0, 2 / n_in), for ReLU-family networks.
- ``"zeros"``: all zeros (to show why symmetric starts do not learn).

Biases always start at zero (000 §7.1.1).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Initializer = Callable[[np.random.Generator, int, int], np.ndarray]
SMALL = 0.01  # the course's scale of the small random numbers


def _normal(rng: np.random.Generator, n_in: int, n_out: int, std: float) -> np.ndarray:
    return std * rng.standard_normal((n_out, n_in))


def small_normal(scale: float = SMALL) -> Initializer:
    """W = scale · randn(n_out, n_in)."""
    return lambda rng, n_in, n_out: _normal(rng, n_in, n_out, scale)


def xavier(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """Glorot/Xavier normal: std = √(2 / (n_in + n_out))."""
    return _normal(rng, n_in, n_out, np.sqrt(2.0 / (n_in + n_out)))


def he(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """He (Kaiming) normal: std = √(2 / n_in)."""
    return _normal(rng, n_in, n_out, np.sqrt(2.0 / n_in))


def zeros(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """All-zero weights."""
    return np.zeros((n_out, n_in))


INITIALIZERS = ("small", "normal", "xavier", "he", "zeros")


def get_initializer(init: str | Initializer, scale: float = 0.01) -> Initializer:
    """Look an initialiser up by name (see module docstring) or pass a callable through."""
    if callable(init):
        return init
    table: dict[str, Initializer] = {
        "small": small_normal(SMALL),
        "normal": small_normal(scale),
        "xavier": xavier,
        "glorot": xavier,
        "he": he,
        "zeros": zeros,
    }
    try:
        return table[init]
    except KeyError:
        raise ValueError(f"unknown init {init!r}; choose one of {INITIALIZERS}") from None


def as_rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """A Generator from a Generator, a seed, or None (fresh entropy)."""
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
