"""Mini-batches for training (000 §4.2.2: batch, epoch, shuffle)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


class DataLoader:
    """Iterate over (Xb, yb) mini-batches; one full iteration is one epoch.

    With ``shuffle=True`` the sample order is redrawn at the start of every epoch (every
    ``iter(loader)``) from the loader's own Generator seeded with ``seed``, so runs repeat
    exactly. Each sample appears in exactly one batch per epoch; the last batch may be
    smaller unless ``drop_last``. ``batch_size=None`` means one batch of all samples
    (full-batch gradient descent); that batch is the data itself, unshuffled, because the
    order of rows does not change a full-batch gradient.
    """

    def __init__(
        self,
        X: np.ndarray,
        y: np.ndarray,
        batch_size: int | None = 32,
        shuffle: bool = True,
        seed: int | None = 0,
        drop_last: bool = False,
    ) -> None:
        self.X, self.y = np.asarray(X, dtype=np.float64), np.asarray(y)
        if len(self.X) != len(self.y):
            raise ValueError(f"X has {len(self.X)} samples but y has {len(self.y)}")
        n = len(self.X)
        self.batch_size = n if batch_size is None else min(int(batch_size), n)
        if self.batch_size < 1:
            raise ValueError("batch_size must be ≥ 1")
        self.shuffle, self.drop_last = shuffle, drop_last
        self.rng = np.random.default_rng(seed)
        self.epoch = 0  # epochs started so far

    def __len__(self) -> int:
        """Batches per epoch."""
        n, b = len(self.X), self.batch_size
        return n // b if self.drop_last else -(-n // b)

    def __iter__(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        self.epoch += 1
        n, b = len(self.X), self.batch_size
        if b >= n:
            yield self.X, self.y
            return
        order = self.rng.permutation(n) if self.shuffle else np.arange(n)
        for i in range(len(self)):
            idx = order[i * b : (i + 1) * b]
            yield self.X[idx], self.y[idx]
