"""The optimizer race: several optimizers from the same start on the same surface.

Each racer is one optimizer of :mod:`nncore.optimizers` (built through the registry
:func:`nncore.choices.make_optimizer`, exactly as the playground builds its optimizer) driving
one 2-element parameter w = (w1, w2). One step of the race is, for every racer still running:

    g = ∇f(w)                       (from the surface: analytic, or the graph's backward pass)
    w ← the optimizer's update of w from g      (its buffers v, m, s, … are updated on the way)

and every step is recorded (:class:`UpdateRecord`: w, g, the buffers before and after, the
step's coefficients such as 1 − β₁ᵗ, the new w), so a page can print the update with the
numbers plugged in. All running racers are evaluated at once (one vectorized call).

A racer stops when its point or its gradient is no longer a finite number, or when it has run
further than ``bound`` from the origin: ``status`` is then ``"diverged"``; a point where a typed
surface cannot be computed (log of a negative number) gives ``"undefined"``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from nncore.choices import make_optimizer
from nncore.layers.parameter import Parameter
from nncore.optimization.surfaces import Point, Surface
from nncore.optimizers import Optimizer

RUNNING, DIVERGED, UNDEFINED = "running", "diverged", "undefined"
BOUND_FACTOR = 1000.0  # a racer further than this many window radii from the origin diverged


@dataclass(frozen=True)
class RacerSpec:
    """One racer: the optimizer's registry ``name``, its learning rate and its settings."""

    name: str
    lr: float
    settings: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class UpdateRecord:
    """Step ``t`` of one racer: w before, the gradient g at it, the optimizer's buffers before
    and after (``state_of``: v, G, s, m, u, m̂, v̂, …), the step's ``coefficients`` (1 − β₁ᵗ, …)
    and the new w."""

    t: int
    w: np.ndarray
    grad: np.ndarray
    before: dict[str, np.ndarray]
    after: dict[str, np.ndarray]
    coefficients: dict[str, float]
    w_new: np.ndarray

    @property
    def delta(self) -> np.ndarray:
        """The step Δw = w_new − w."""
        return self.w_new - self.w


class Racer:
    """One optimizer on one parameter w; ``path`` holds every w, ``losses`` f(w) along it,
    ``grad_norms`` ‖∇f(w)‖ along it, ``last`` the last :class:`UpdateRecord`."""

    def __init__(self, spec: RacerSpec, start: Point, value: float, grad: np.ndarray) -> None:
        self.spec = spec
        self.param = Parameter("w", start)
        self.optimizer: Optimizer = make_optimizer(spec.name, [self.param], spec.lr,
                                                   **spec.settings)
        self.path: list[np.ndarray] = [self.param.value.copy()]
        self.losses: list[float] = [value]
        self.grad_norms: list[float] = [float(np.hypot(*grad))]
        self.grad = np.array(grad, dtype=np.float64)
        finite = np.isfinite(value) and np.all(np.isfinite(self.grad))
        self.status = RUNNING if finite else UNDEFINED
        self.last: UpdateRecord | None = None

    @property
    def running(self) -> bool:
        return self.status == RUNNING

    @property
    def steps(self) -> int:
        return len(self.path) - 1

    def step(self, record: bool = True) -> np.ndarray:
        """One update from the gradient at the current point; returns the new w. With
        ``record`` the update is kept in ``last`` (a race records only its last step)."""
        p, opt = self.param, self.optimizer
        if record:
            w, before = p.value.copy(), opt.state_of(p)
        p.grad[...] = self.grad
        opt.step()
        if record:
            self.last = UpdateRecord(opt.t, w, self.grad.copy(), before, opt.state_of(p),
                                     opt.coefficients(), p.value.copy())
        return p.value

    def arrive(self, value: float, grad: np.ndarray, bound: float) -> None:
        """Record the new point with f and ∇f there, or stop the racer."""
        w1, w2 = float(self.param.value[0]), float(self.param.value[1])
        g1, g2 = float(grad[0]), float(grad[1])
        moved = math.isfinite(w1) and math.isfinite(w2)
        if not moved or math.hypot(w1, w2) > bound:
            self.status = DIVERGED
        elif not (math.isfinite(value) and math.isfinite(g1) and math.isfinite(g2)):
            self.status = DIVERGED if math.isinf(value) else UNDEFINED
        if moved:
            self.path.append(np.array([w1, w2]))
        if self.status == RUNNING:
            self.losses.append(value)
            self.grad_norms.append(math.hypot(g1, g2))
            self.grad = np.array([g1, g2])


class Race:
    """The racers of ``specs`` on ``surface``, all starting at ``start``."""

    def __init__(self, surface: Surface, start: Point, specs: Sequence[RacerSpec]) -> None:
        self.surface = surface
        self.start = (float(start[0]), float(start[1]))
        self.bound = BOUND_FACTOR * max(surface.window.radius, 1.0)
        values, grads = surface.evaluate(np.array([self.start]))
        self.racers = [Racer(spec, self.start, float(values[0]), grads[0]) for spec in specs]
        self.t = 0

    @property
    def running(self) -> bool:
        return any(r.running for r in self.racers)

    def step(self, n: int = 1) -> None:
        """``n`` steps of every racer still running (one evaluation of the surface per step);
        the last step of each racer is recorded."""
        with np.errstate(all="ignore"):
            for k in range(n):
                running = [r for r in self.racers if r.running]
                if not running:
                    return
                points = np.array([r.step(record=k == n - 1) for r in running])
                values, grads = self.surface.evaluate(points)
                for racer, value, grad in zip(running, values, grads, strict=True):
                    racer.arrive(float(value), grad, self.bound)
                self.t += 1
