"""2-D classification data for the training pages: a data set from plain settings, split into
training, validation and test sets (000 §4.2.1).

    settings = DataSettings(dataset="spiral", classes=3, points=100, noise=0.2)
    data = make_plane_data(settings)   # PlaneData: X_train, y_train, X_valid, y_valid, X_test, …
    data = split_plane_data(X, y, train_ratio=0.8, standardize=True,
                            test_ratio=TEST_RATIO)               # e.g. an uploaded CSV

The test set is held out first, ``test_ratio`` of all points; ``train_ratio`` then splits the
rest into training and validation points. With the defaults (test 20 %, training 80 % of the
rest) that is 64 % : 16 % : 20 %, every class cut with the same shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nncore.data.datasets import blobs, circles, moons, spiral, xor_cloud
from nncore.data.split import Standardizer, train_valid_test_split
from nncore.model.plane import Bounds

GENERATED = ("spiral", "xor", "circles", "moons", "blobs")
TEST_RATIO = 0.2  # the share of all points held out as the test set
MULTI_CLASS = ("spiral", "blobs")  # the generators that take a number of classes
SUBSETS = ("train", "valid", "test")


@dataclass(frozen=True)
class DataSettings:
    """How to generate a data set. ``points`` is per class; ``classes`` applies to the
    spiral and the blobs (the others have 2); ``noise`` is the generator's noise (the spread
    of the spiral's angle, the std of the XOR clouds, circles, moons and blobs).
    ``test_ratio`` of all points are the test set, ``train_ratio`` of the rest train."""

    dataset: str = "spiral"
    classes: int = 2
    points: int = 100
    noise: float = 0.2
    train_ratio: float = 0.8
    seed: int = 0
    test_ratio: float = TEST_RATIO


@dataclass(frozen=True, eq=False)
class PlaneData:
    """Points in the plane split into training, validation and test sets; ``n_classes``
    classes 0 … K−1. The validation and test sets may be empty. ``bounds`` is the box to draw
    (None: a square around all the points)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_valid: np.ndarray
    y_valid: np.ndarray
    n_classes: int
    bounds: Bounds | None = None
    X_test: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    y_test: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

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

    @property
    def has_test(self) -> bool:
        return len(self.X_test) > 0

    def subset(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(X, y) of one of :data:`SUBSETS`: "train", "valid" or "test"."""
        if name not in SUBSETS:
            raise ValueError(f"unknown subset {name!r}; choose one of {SUBSETS}")
        return getattr(self, f"X_{name}"), getattr(self, f"y_{name}")


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


def split_ratios(train_ratio: float, test_ratio: float) -> tuple[float, float]:
    """(α, β), the training and validation shares of all points, when ``test_ratio`` of them
    are held out first and ``train_ratio`` of the rest train: α = train · (1 − test),
    β = (1 − train) · (1 − test) (a hair less, so that rounding never leaves the test set
    short)."""
    if not 0 < train_ratio <= 1:
        raise ValueError("the training share must be in (0, 1]")
    if not 0 <= test_ratio < 1:
        raise ValueError("the test share must be in [0, 1)")
    kept = 1.0 - test_ratio
    return train_ratio * kept, max(0.0, (1.0 - train_ratio) * kept - 1e-9)


def split_plane_data(
    X: np.ndarray,
    y: np.ndarray,
    train_ratio: float = 0.8,
    seed: int = 0,
    *,
    standardize: bool = False,
    test_ratio: float = 0.0,
) -> PlaneData:
    """Shuffle and cut (X, y) into training, validation and test sets, class by class, so all
    keep the class proportions: ``test_ratio`` of all points are the test set (none by
    default; :data:`TEST_RATIO` is the pages' share), ``train_ratio`` of the rest train, the
    others validate. With ``standardize`` all three are rescaled by the training set's mean
    and std (for uploaded data of any scale)."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64)
    split = train_valid_test_split(X, y, split_ratios(train_ratio, test_ratio), seed=seed,
                                   stratify=True)
    parts = [split.X_train, split.X_valid.reshape(-1, 2), split.X_test.reshape(-1, 2)]
    if standardize:
        scaler = Standardizer().fit(parts[0])
        parts = [scaler.transform(part) for part in parts]
    return PlaneData(parts[0], split.y_train, parts[1], split.y_valid,
                     int(y.max()) + 1 if len(y) else 0, None, parts[2], split.y_test)


def make_plane_data(settings: DataSettings) -> PlaneData:
    """Generate the data set of ``settings`` and split it by its ``test_ratio`` and
    ``train_ratio``."""
    X, y = generate(settings)
    return split_plane_data(X, y, settings.train_ratio, settings.seed,
                            test_ratio=settings.test_ratio)
