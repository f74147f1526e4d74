"""Divergence that stays finite: a training loss that climbs instead of falling.

The Trainer stops by itself only when the loss becomes NaN or ±∞ (see :mod:`nncore.training`).
With too large a learning rate the loss can instead jump around at values far above where it
started, e.g. 21–24 on two classes where random guessing costs ln 2 ≈ 0.69 (003: "the loss
explodes"), while every number stays finite. :func:`detect_divergence` reads a
:class:`~nncore.history.History` and names that case.

The rule, on the data loss (the penalty is left out: a large λ is not a divergence):

- C₀ is the loss of the first step, before any update;
- C̄ is the mean data loss of the last ``window`` epochs (default 3), judged only once
  ``min_epochs`` epochs (default 3) are done, so one bad epoch is not enough;
- the training diverges if C̄ > ``growth`` · C₀ (default 2: the loss has doubled since the
  start, reason ``"grew"``) or, for a classifier of K classes, C̄ > ``chance_factor`` · ln K
  (default 3: three times the cross-entropy of guessing uniformly, −ln(1/K) = ln K, reason
  ``"above_chance"``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nncore.history import History

GROWTH = 2.0
CHANCE_FACTOR = 3.0
MIN_EPOCHS = 3
WINDOW = 3


@dataclass(frozen=True)
class Divergence:
    """A diverging run: ``reason`` ("grew" or "above_chance"), the recent mean loss ``loss``
    (C̄), the first step's loss ``start`` (C₀), the chance level ``chance`` (ln K, NaN without
    classes), the threshold ``limit`` that C̄ exceeded and the ``epoch`` it was judged at."""

    reason: str
    loss: float
    start: float
    chance: float
    limit: float
    epoch: int

    def details(self) -> dict[str, object]:
        """The numbers as placeholders for a message (rounded for reading)."""
        return {"loss": f"{self.loss:.3g}", "start": f"{self.start:.3g}",
                "chance": f"{self.chance:.3g}", "limit": f"{self.limit:.3g}",
                "epoch": self.epoch}


def chance_loss(n_classes: int) -> float:
    """The cross-entropy of guessing all K classes equally likely: −ln(1/K) = ln K."""
    return math.log(n_classes)


def detect_divergence(
    history: History,
    n_classes: int | None = None,
    *,
    growth: float = GROWTH,
    chance_factor: float = CHANCE_FACTOR,
    min_epochs: int = MIN_EPOCHS,
    window: int = WINDOW,
) -> Divergence | None:
    """A :class:`Divergence` if the run in ``history`` diverges by the module's rule, else
    None (also before ``min_epochs`` epochs). ``n_classes`` (K ≥ 2) enables the chance-level
    test; leave it None for regression."""
    if history.epochs < min_epochs or not history.data_loss:
        return None
    recent = history.data_loss[-window:]
    loss = sum(recent) / len(recent)
    start = history.step_data_loss[0] if history.step_data_loss else history.data_loss[0]
    chance = chance_loss(n_classes) if n_classes and n_classes >= 2 else math.nan
    if not math.isfinite(loss):
        return None  # a non-finite loss is the Trainer's stop (StopReason), not this
    if loss > growth * start:
        return Divergence("grew", loss, start, chance, growth * start, history.epochs)
    if loss > chance_factor * chance:
        return Divergence("above_chance", loss, start, chance, chance_factor * chance,
                          history.epochs)
    return None
