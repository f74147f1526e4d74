"""The multi-layer model: a list of layers run in order (000 §5.1, §7.4)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Self

import numpy as np

from nncore.layers import LAYER_TYPES, Layer, Parameter
from nncore.model.heads import Head, get_head

PathOrFile = str | os.PathLike[str] | IO[bytes]


class Sequential:
    """Layers applied one after another; backward runs them in reverse (000 §4.4–4.5).

    ``forward(X)`` → output,  ``backward(dOut)`` → dX (every layer adds into its params'
    grads),  ``params()`` → all parameters, named by layer in the course's notation:
    the k-th layer that has parameters owns ``W{k}`` and ``b{k}`` (W1, b1, W2, b2, …).

    ``head`` (see :mod:`nncore.model.heads`; None means "linear") turns outputs into
    ``predict``/``predict_proba`` and knows the matching loss (``model.head.loss()``).
    Both prediction methods run in eval mode and restore the previous mode. They work
    through the rows in chunks whose widest activation takes about ``inference_chunk_bytes``
    (so it stays in the CPU cache: a 200×200 decision grid through a 100-unit layer goes in
    chunks of 375 rows).
    """

    inference_chunk_bytes = 300_000

    def __init__(self, layers: Iterable[Layer], head: str | Head | None = None) -> None:
        self.layers: list[Layer] = list(layers)
        self.head = get_head(head)
        self.training = True
        k = 0
        for layer in self.layers:
            ps = layer.params()
            if ps:
                k += 1
            for p in ps:
                p.name = re.sub(r"\d+$", "", p.name) + str(k)

    # -- the training API -------------------------------------------------------------
    def forward(self, X: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, dY: np.ndarray) -> np.ndarray:
        for layer in reversed(self.layers):
            dY = layer.backward(dY)
        return dY

    __call__ = forward

    def params(self) -> list[Parameter]:
        return [p for layer in self.layers for p in layer.params()]

    def zero_grad(self) -> None:
        for p in self.params():
            p.zero_grad()

    def train(self, mode: bool = True) -> Self:
        self.training = mode
        for layer in self.layers:
            layer.train(mode)
        return self

    def eval(self) -> Self:
        return self.train(False)

    # -- inference ----------------------------------------------------------------------
    @contextmanager
    def evaluating(self) -> Iterator[Self]:
        """``with model.evaluating():`` runs the block in eval mode, then restores the mode."""
        was_training = self.training
        self.eval()
        try:
            yield self
        finally:
            self.train(was_training)

    def _infer(self, X: np.ndarray, dtype: type = np.float64) -> np.ndarray:
        """The eval-mode output in a new array, computed in chunks of rows, in ``dtype``."""
        X = np.asarray(X, dtype=dtype)
        widest = max((max(p.shape) for p in self.params()), default=1)
        step = max(16, self.inference_chunk_bytes // (8 * widest))
        with self.evaluating():
            first = self.forward(X[:step])
            if len(X) <= step:
                return first.copy() if np.may_share_memory(first, X) else first
            out = np.empty((len(X), *first.shape[1:]), dtype=first.dtype)
            out[:step] = first
            for i in range(step, len(X), step):
                out[i : i + step] = self.forward(X[i : i + step])
            return out

    def output(self, X: np.ndarray, dtype: type = np.float64) -> np.ndarray:
        """The raw model output (logits for classifiers) in eval mode, computed in ``dtype``
        (float32 is enough for a picture, and about 2.8× faster on a 100 × 100 grid)."""
        return self._infer(X, dtype)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities (softmax/sigmoid of the logits; outputs for regression)."""
        return self.head.proba(self._infer(X), overwrite=True)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted class indices (classifiers) or values (regression)."""
        return self.head.predict(self._infer(X))

    def layer_outputs(self, X: np.ndarray) -> list[np.ndarray]:
        """The output of every layer for X, in eval mode: ``outs[i]`` comes out of
        ``layers[i]`` (for an mlp: z⁽¹⁾ = X W⁽¹⁾ᵀ + b⁽¹⁾, a⁽¹⁾ = f(z⁽¹⁾), z⁽²⁾, …)."""
        outs = []
        h = np.asarray(X, dtype=np.float64)
        with self.evaluating():
            for layer in self.layers:
                h = layer.forward(h)
                outs.append(h)
        return outs

    # -- inspection ---------------------------------------------------------------------
    def num_params(self) -> int:
        """The number of learnable numbers (000 §5.2: N_in·N_out (+ N_out) per FC layer)."""
        return sum(p.size for p in self.params())

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, i: int) -> Layer:
        return self.layers[i]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Sequential([\n  {inner}\n], head={self.head.name!r})"

    # -- save / load (npz) --------------------------------------------------------------
    def save(self, file: PathOrFile) -> None:
        """Write the architecture and every parameter to an ``.npz`` file (or binary file)."""
        spec = {
            "head": self.head.name,
            "layers": [{"type": type(layer).__name__, "config": layer.config()} for layer in self],
        }
        arrays = {p.name: p.value for p in self.params()}
        np.savez(file, __spec__=np.array(json.dumps(spec)), **arrays)

    def load_weights(self, file: PathOrFile) -> Self:
        """Copy the parameters saved by ``save`` into this model (same architecture)."""
        with np.load(file) as data:
            saved = {p.name: data[p.name] for p in self.params() if p.name in data}
        wrong = [p.name for p in self.params() if saved.get(p.name, np.empty(0)).shape != p.shape]
        if wrong:
            raise ValueError(f"the file does not fit this architecture (check {wrong})")
        for p in self.params():
            p.assign(saved[p.name])
        return self

    @classmethod
    def load(cls, file: PathOrFile) -> Sequential:
        """Rebuild a model saved by ``save`` (architecture, head and weights)."""
        with np.load(file) as data:
            spec = json.loads(str(data["__spec__"]))
            layers = [LAYER_TYPES[s["type"]](**s["config"]) for s in spec["layers"]]
            model = cls(layers, head=spec["head"])
            for p in model.params():
                p.assign(data[p.name])
        return model
