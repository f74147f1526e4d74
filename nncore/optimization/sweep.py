"""The learning-rate sweep of 002 figure 1.5: one optimizer at several rates, each run labelled
from what it actually did.

Each run takes ``steps`` steps from the same start. Its label is measured, in this order:

- ``"diverges"``: it blew up (w or f stopped being a finite number, or w ran away), or it
  ended higher than it started, f(w_T) > f(w_0);
- ``"oscillates"``: before converging, at least :data:`OSCILLATION_SHARE` of the distance it
  travelled was in steps that turn back on the step before (by more than 90°): it jumps from
  one side of the valley to the other (figure 1.5, large α);
- ``"converges"``: ‖∇f‖ fell below :data:`TOLERANCE` × its value at the start within the steps
  (a minimum — perhaps a local one — or a saddle was reached);
- ``"crawls"``: none of these: after all the steps it is still on its way (figure 1.5,
  small α).

On a quadratic the rate that separates converging from diverging is known: each SGD step
multiplies the error along an eigenvector of H by 1 − α λ, so SGD converges iff α < 2/λ_max;
heavy-ball momentum iff α < 2(1 + ρ)/λ_max; this module's Nesterov form iff
α < 2(1 + ρ)/((1 + 2ρ) λ_max) (:func:`critical_lr`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nncore.optimization.race import Race, Racer, RacerSpec
from nncore.optimization.surfaces import Point, Surface

LABELS = ("crawls", "converges", "oscillates", "diverges")
TOLERANCE = 1e-3  # converged: ‖∇f‖ ≤ TOLERANCE · ‖∇f(w_0)‖
OSCILLATION_SHARE = 0.5  # oscillates: half the distance travelled in steps that turn back
# × the critical rate when it is known: 10^(k/20) for k = −26, −6, −1, 1, so that a critical
# rate on the pages' grid of 20 rates a decade gives rates on the grid too
SWEEP_MULTIPLES = (0.0501, 0.501, 0.891, 1.12)
# The learning rates the race and the sweep offer: 20 a decade, 1e-4 to 10, 3 digits
# (finer than the playground's grid, so that a rate just below or above 2/λ_max exists).
RATE_GRID = tuple(float(f"{10 ** (k / 20):.3g}") for k in range(-80, 21))


@dataclass(frozen=True)
class SweepRun:
    """One learning rate of the sweep: the run's ``path`` (T+1, 2), ``losses`` f along it,
    its measured ``label``, ``turn_back`` (:func:`turn_back_share` before converging) and the
    step ``converged_at`` (None if it did not)."""

    lr: float
    label: str
    path: np.ndarray
    losses: np.ndarray
    turn_back: float
    converged_at: int | None
    status: str


def turn_back_share(path: np.ndarray) -> float:
    """The share of the distance travelled in steps that turn back on the step before:
    Σ ‖Δw_t‖ over the steps with Δw_{t−1} · Δw_t < 0, divided by Σ ‖Δw_t‖ (t ≥ 2). A zigzag
    across a valley is near 1, a straight or gently curving descent near 0."""
    steps = np.diff(np.asarray(path, dtype=np.float64), axis=0)
    if len(steps) < 2:
        return 0.0
    lengths = np.hypot(steps[1:, 0], steps[1:, 1])
    total = float(lengths.sum())
    if total == 0.0:
        return 0.0
    back = np.einsum("ij,ij->i", steps[:-1], steps[1:]) < 0.0
    return float(lengths[back].sum() / total)


def converged_step(grad_norms: Sequence[float], tolerance: float = TOLERANCE) -> int | None:
    """The first step t with ‖∇f(w_t)‖ ≤ tolerance · ‖∇f(w_0)‖ (None if there is none)."""
    norms = np.asarray(grad_norms, dtype=np.float64)
    hits = np.flatnonzero(norms <= tolerance * norms[0])
    return int(hits[0]) if hits.size else None


def classify_run(racer: Racer) -> tuple[str, float, int | None]:
    """(label, turn-back share, converged step) of a finished racer (see the module
    docstring)."""
    path = np.asarray(racer.path)
    converged = converged_step(racer.grad_norms) if racer.running else None
    share = turn_back_share(path[: converged + 1] if converged is not None else path)
    if not racer.running or racer.losses[-1] > racer.losses[0]:
        return "diverges", share, None
    if share >= OSCILLATION_SHARE:
        return "oscillates", share, converged
    if converged is not None:
        return "converges", share, converged
    return "crawls", share, None


def sweep(surface: Surface, start: Point, name: str, rates: Sequence[float],
          settings: Mapping[str, float] | None = None, steps: int = 100) -> list[SweepRun]:
    """Optimizer ``name`` (with ``settings`` besides the rate) at each of ``rates``."""
    race = Race(surface, start, [RacerSpec(name, lr, dict(settings or {})) for lr in rates])
    race.step(steps)
    runs = []
    for lr, racer in zip(rates, race.racers, strict=True):
        label, share, converged = classify_run(racer)
        runs.append(SweepRun(float(lr), label, np.asarray(racer.path),
                             np.asarray(racer.losses), share, converged, racer.status))
    return runs


def critical_lr(surface: Surface, name: str, settings: Mapping[str, float] | None = None
                ) -> float | None:
    """The largest stable learning rate on a quadratic surface for SGD, Momentum and
    Nesterov (see the module docstring); None for other surfaces and optimizers (the adaptive
    ones rescale each step, so no single α separates the two behaviours)."""
    lam = surface.lambda_max
    if lam is None or lam <= 0:
        return None
    rho = float((settings or {}).get("rho", 0.9))
    if name == "sgd":
        return 2.0 / lam
    if name == "momentum":
        return 2.0 * (1.0 + rho) / lam
    if name == "nesterov":
        return 2.0 * (1.0 + rho) / ((1.0 + 2.0 * rho) * lam)
    return None


def nearest_rate(rate: float) -> float:
    """The rate of :data:`RATE_GRID` nearest to ``rate`` on a log scale."""
    return min(RATE_GRID, key=lambda r: abs(np.log(r) - np.log(max(rate, 1e-300))))


def sweep_rates(surface: Surface, name: str, settings: Mapping[str, float] | None = None,
                base: float = 0.01) -> tuple[float, ...]:
    """Rates that show the four behaviours, on :data:`RATE_GRID`: :data:`SWEEP_MULTIPLES` ×
    the critical rate when it is known, else base/10, base, 10·base, 100·base."""
    critical = critical_lr(surface, name, settings)
    if critical is not None:
        rates = [m * critical for m in SWEEP_MULTIPLES]
    else:
        rates = [base * m for m in (0.1, 1.0, 10.0, 100.0)]
    return tuple(nearest_rate(r) for r in rates)
