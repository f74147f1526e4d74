"""Benchmark of the layer engine (not a test). Run: ``python bench/engine.py``.

1. The spiral reference run (reference §6: 2-100-3 ReLU, softmax cross-entropy, L2 1e-3,
   full-batch SGD lr 1.0, 0.01·randn weights) in three versions in the same process:
   nncore's Trainer (all of Algorithm 1's bookkeeping: loss, penalty and accuracy recorded
   every step), a bare nncore loop (model, loss, regulariser, optimizer), and the same
   maths written inline in plain numpy. Reports steps/s (median of repeats) and the ratios
   nncore/numpy (target ≥ 1.0).
2. A 200×200 decision-boundary grid (40,000 points) through the trained net in eval mode
   (target ≤ 5 ms, median of repeats).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nncore.data import spiral
from nncore.losses import SoftmaxCrossEntropy
from nncore.model import Sequential, mlp
from nncore.optimizers import SGD
from nncore.regularization import L2
from nncore.training import Trainer

STEPS, REPEATS = 2000, 5
LR, REG, HIDDEN = 1.0, 1e-3, 100
X, Y = spiral(n_per_class=100, n_classes=3, noise=0.2, seed=0)


def reference_model() -> Sequential:
    return mlp([2, HIDDEN, 3], activation="relu", head="softmax", init="normal", scale=0.01, seed=0)


def run_trainer(steps: int) -> float:
    model = reference_model()
    trainer = Trainer(
        model, X, Y, optimizer=SGD(model.params(), lr=LR), batch_size=None, regularizer=L2(REG)
    )
    trainer.run_steps(steps)
    return trainer.history.step_loss[-1]


def run_bare_loop(steps: int) -> float:
    model, loss, reg = reference_model(), SoftmaxCrossEntropy(), L2(REG)
    params = model.params()
    opt = SGD(params, lr=LR)
    total = float("nan")
    for _ in range(steps):
        total = loss.forward(model.forward(X), Y) + reg.penalty(params)
        opt.zero_grad()
        model.backward(loss.backward())
        reg.add_grad(params)
        opt.step()
    return total


def run_plain_numpy(steps: int) -> float:
    """CS231n's case-study loop, with the same layout (W: n_out × n_in), init and stable
    softmax as nncore."""
    rng = np.random.default_rng(0)
    W1, b1 = 0.01 * rng.standard_normal((HIDDEN, 2)), np.zeros(HIDDEN)
    W2, b2 = 0.01 * rng.standard_normal((3, HIDDEN)), np.zeros(3)
    n, rows = len(X), np.arange(len(X))
    loss = float("nan")
    for _ in range(steps):
        H = np.maximum(0, X @ W1.T + b1)
        S = H @ W2.T + b2
        S -= S.max(axis=1, keepdims=True)
        E = np.exp(S)
        P = E / E.sum(axis=1, keepdims=True)
        loss = -np.log(P[rows, Y]).mean() + 0.5 * REG * (np.sum(W1 * W1) + np.sum(W2 * W2))
        dS = P
        dS[rows, Y] -= 1
        dS /= n
        dW2, db2 = dS.T @ H, dS.sum(axis=0)
        dH = dS @ W2
        dH[H <= 0] = 0
        dW1, db1 = dH.T @ X, dH.sum(axis=0)
        dW2 += REG * W2
        dW1 += REG * W1
        W1 += -LR * dW1
        b1 += -LR * db1
        W2 += -LR * dW2
        b2 += -LR * db2
    return float(loss)


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(
        f"spiral reference: 300 points, 2-{HIDDEN}-3 ReLU, full batch; {STEPS} steps × "
        f"{REPEATS} repeats (median)"
    )
    losses = {}
    rates = {}
    for name, run in [
        ("nncore Trainer", run_trainer),
        ("nncore bare loop", run_bare_loop),
        ("plain numpy", run_plain_numpy),
    ]:
        run(50)  # warm-up
        losses[name] = run(STEPS)
        rates[name] = STEPS / median_time(lambda run=run: run(STEPS), REPEATS)
        print(f"  {name:18s} {rates[name]:8.0f} steps/s   loss after {STEPS}: {losses[name]:.6f}")
    numpy_rate = rates["plain numpy"]
    print(f"  ratio Trainer/numpy   {rates['nncore Trainer'] / numpy_rate:.2f}   (target ≥ 1.0)")
    print(f"  ratio bare/numpy      {rates['nncore bare loop'] / numpy_rate:.2f}")

    model = reference_model()
    trainer = Trainer(
        model, X, Y, optimizer=SGD(model.params(), lr=LR), batch_size=None, regularizer=L2(REG)
    )
    trainer.run_steps(10_000)
    accuracy = float(np.mean(model.predict(X) == Y))
    xs = np.linspace(X[:, 0].min() - 0.1, X[:, 0].max() + 0.1, 200)
    ys = np.linspace(X[:, 1].min() - 0.1, X[:, 1].max() + 0.1, 200)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    model.eval()
    for name, fn in [("predict_proba", model.predict_proba), ("predict", model.predict)]:
        fn(grid)  # warm-up
        ms = 1e3 * median_time(lambda fn=fn: fn(grid), 50)
        print(
            f"decision grid 200×200 ({len(grid)} points), {name:13s} {ms:6.2f} ms (target ≤ 5 ms)"
        )
    print(f"reference run: 10,000 steps, training accuracy {accuracy:.4f} (reference ≥ 0.98)")


if __name__ == "__main__":
    main()
