"""2-D classification data for the training pages: a data set from plain settings, split into
training and validation sets (000 §4.2.1).

    settings = DataSettings(dataset="spiral", classes=3, points=100, noise=0.2)
    data = make_plane_data(settings)          # PlaneData: X_train, y_train, X_valid, y_valid
    data = split_plane_data(X, y, train_ratio=0.8, standardize=True)   # e.g. an uploaded CSV
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.data.datasets import blobs, circles, moons, spiral, xor_cloud
from nncore.data.split import Standardizer, train_valid_test_split
from nncore.model.plane import Bounds

GENERATED = ("spiral", "xor", "circles", "moons", "blobs")
MULTI_CLASS = ("spiral", "blobs")  # the generators that take a number of classes


@dataclass(frozen=True)
class DataSettings:
    """How to generate a data set. ``points`` is per class; ``classes`` applies to the
    spiral and the blobs (the others have 2); ``noise`` is the generator's noise (the spread
    of the spiral's angle, the std of the XOR clouds, circles, moons and blobs)."""

    dataset: str = "spiral"
    classes: int = 2
    points: int = 100
    noise: float = 0.2
    train_ratio: float = 0.8
    seed: int = 0


@dataclass(frozen=True, eq=False)
class PlaneData:
    """Points in the plane split into training and validation sets; ``n_classes`` classes
    0 … K−1. The validation set may be empty. ``bounds`` is the box to draw (None: a square
    around all the points)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_valid: np.ndarray
    y_valid: np.ndarray
    n_classes: int
    bounds: Bounds | None = None

    @classmethod
    def training_only(cls, X: np.ndarray, y: np.ndarray, bounds: Bounds | None = None
                      ) -> PlaneData:
        """All points for training, no validation set (the four XOR points)."""
        y = np.asarray(y, dtype=np.int64)
        return cls(np.asarray(X, dtype=np.float64), y, np.zeros((0, 2)),
                   np.zeros(0, dtype=np.int64), int(y.max()) + 1, bounds)

    @property
    def has_validation(self) -> bool:
        return len(self.X_valid) > 0


def generate(settings: DataSettings) -> tuple[np.ndarray, np.ndarray]:
    """The whole data set (X, y) that ``settings`` describe."""
    s = settings
    if s.dataset == "spiral":
        return spiral(s.points, s.classes, s.noise, s.seed)
    if s.dataset == "xor":
        return xor_cloud(max(1, s.points // 2), s.noise, s.seed)
    if s.dataset == "circles":
        return circles(2 * s.points, s.noise, 0.5, s.seed)
    if s.dataset == "moons":
        return moons(2 * s.points, s.noise, s.seed)
    if s.dataset == "blobs":
        return blobs(s.points, s.classes, std=s.noise, seed=s.seed)
    raise ValueError(f"unknown data set {s.dataset!r}; choose one of {GENERATED}")


def split_plane_data(
    X: np.ndarray,
    y: np.ndarray,
    train_ratio: float = 0.8,
    seed: int = 0,
    *,
    standardize: bool = False,
) -> PlaneData:
    """Shuffle and cut (X, y) into training and validation sets, class by class, so both keep
    the class proportions. With ``standardize`` both are rescaled by the training set's mean
    and std (for uploaded data of any scale)."""
    if not 0 < train_ratio <= 1:
        raise ValueError("the training share must be in (0, 1]")
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64)
    valid_ratio = max(0.0, 1.0 - train_ratio - 1e-9)
    split = train_valid_test_split(X, y, (train_ratio, valid_ratio), seed=seed, stratify=True)
    X_train, X_valid = split.X_train, split.X_valid
    if standardize:
        scaler = Standardizer().fit(X_train)
        X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)
    return PlaneData(X_train, split.y_train, X_valid.reshape(-1, 2), split.y_valid,
                     int(y.max()) + 1 if len(y) else 0)


def make_plane_data(settings: DataSettings) -> PlaneData:
    """Generate the data set of ``settings`` and split it by its ``train_ratio``."""
    X, y = generate(settings)
    return split_plane_data(X, y, settings.train_ratio, settings.seed)
