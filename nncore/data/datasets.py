"""Small seeded data sets for the pages: 2-D classification sets and the course's examples.

Every 2-D generator returns ``(X, y)``: X float64 of shape (N, 2) and y integer class
indices (0, 1, …) of shape (N,). The same seed always gives the same data.
"""

from __future__ import annotations

import numpy as np

LOGIC_GATES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
}
_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The 4 points of {0,1}² and the truth table of ``and``, ``or``, ``nand``, ``nor``,
    ``xor`` (004: one perceptron learns the first four, not XOR)."""
    try:
        labels = LOGIC_GATES[name.lower()]
    except KeyError:
        raise ValueError(f"unknown gate {name!r}; choose one of {sorted(LOGIC_GATES)}") from None
    return _CORNERS.copy(), np.array(labels, dtype=np.int64)


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The 4 XOR points: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0."""
    return logic_gate("xor")


def xor_cloud(
    n_per_corner: int = 50, noise: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A noisy XOR: Gaussian clouds (std ``noise``) around the 4 corners, XOR labels."""
    rng = np.random.default_rng(seed)
    corners, labels = xor()
    X = np.repeat(corners, n_per_corner, axis=0) + noise * rng.standard_normal(
        (4 * n_per_corner, 2)
    )
    return X, np.repeat(labels, n_per_corner)


def spiral(
    n_per_class: int = 100, n_classes: int = 3, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The 2-D spiral of 004 / the CS231n case study.

    For class j: r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + noise · randn(N),
    points (r sin t, r cos t); classes are stacked in order 0, 1, ….
    """
    rng = np.random.default_rng(seed)
    X = np.zeros((n_per_class * n_classes, 2))
    y = np.zeros(n_per_class * n_classes, dtype=np.int64)
    for j in range(n_classes):
        ix = slice(n_per_class * j, n_per_class * (j + 1))
        r = np.linspace(0.0, 1.0, n_per_class)
        t = (
            np.linspace(j * 4.0, (j + 1) * 4.0, n_per_class)
            + rng.standard_normal(n_per_class) * noise
        )
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def circles(
    n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: the outer (radius 1) is class 0, the inner (``factor``) class 1."""
    rng = np.random.default_rng(seed)
    n_out = n // 2
    angles = rng.uniform(0.0, 2.0 * np.pi, n)
    radius = np.where(np.arange(n) < n_out, 1.0, factor)
    X = np.c_[radius * np.cos(angles), radius * np.sin(angles)] + noise * rng.standard_normal(
        (n, 2)
    )
    return X, (np.arange(n) >= n_out).astype(np.int64)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (class 0 on top, class 1 below and shifted)."""
    rng = np.random.default_rng(seed)
    n_top = n // 2
    t = np.r_[np.linspace(0.0, np.pi, n_top), np.linspace(0.0, np.pi, n - n_top)]
    top = np.arange(n) < n_top
    X = np.where(top[:, None], np.c_[np.cos(t), np.sin(t)], np.c_[1.0 - np.cos(t), 0.5 - np.sin(t)])
    return X + noise * rng.standard_normal((n, 2)), (~top).astype(np.int64)


def blobs(
    n_per_class: int = 100, n_classes: int = 3, std: float = 0.5, radius: float = 2.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs (std ``std``) centred evenly on a circle of radius ``radius``."""
    rng = np.random.default_rng(seed)
    angles = 2.0 * np.pi * np.arange(n_classes) / n_classes
    centres = radius * np.c_[np.cos(angles), np.sin(angles)]
    y = np.repeat(np.arange(n_classes), n_per_class)
    return centres[y] + std * rng.standard_normal((len(y), 2)), y


def linearly_separable(
    n: int = 100, margin: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points in [-1, 1]² split by a random line through the middle, with a gap of
    ``margin`` on each side of it (so the perceptron is guaranteed to converge)."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    X = np.empty((0, 2))
    while len(X) < n:
        cand = rng.uniform(-1.0, 1.0, (2 * n, 2))
        X = np.r_[X, cand[np.abs(cand @ normal) >= margin]]
    X = X[:n]
    return X, (X @ normal > 0).astype(np.int64)


def example_3442() -> tuple[np.ndarray, np.ndarray]:
    """001's "Forward propagation – run" rows for the 3-4-4-2 network: (x1, x2, x3) → (o1, o2)
    = (1,2,3)→(4,5), (3,2,1)→(5,6), (1,5,7)→(8,6). Returns X (3, 3) and targets T (3, 2)."""
    rows = np.array([[1, 2, 3, 4, 5], [3, 2, 1, 5, 6], [1, 5, 7, 8, 6]], dtype=np.float64)
    return rows[:, :3].copy(), rows[:, 3:].copy()


DATASETS = {
    "xor": xor_cloud,
    "spiral": spiral,
    "circles": circles,
    "moons": moons,
    "blobs": blobs,
    "linear": linearly_separable,
}
