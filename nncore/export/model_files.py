"""A trained network as a file to download, and back: ``.npz`` (numpy) and JSON.

- :func:`model_to_npz` gives the bytes of :meth:`Sequential.save` (the architecture as JSON in
  ``__spec__``, then ``W1``, ``b1``, ``W2``, … as arrays), so ``Sequential.load`` reads them too;
- :func:`model_to_json` gives text a person (or another program) can read::

      {"format": "backprop-lab/mlp", "version": 1, "head": "softmax",
       "sizes": [2, 8, 2], "activation": "tanh",
       "layers": [{"type": "Linear", "W": [[…], …], "b": […]}, {"type": "Tanh"}, …]}

  ``W`` is W⁽ˡ⁾ of shape (n_out, n_in) as nested lists (000 §5.2.1), ``b`` is b⁽ˡ⁾; ``sizes``
  and ``activation`` (the hidden layers' f, or null when they differ) summarise the layers.

Both loaders, :func:`model_from_npz` and :func:`model_from_json`, read files from anywhere:
the layers are rebuilt from their arrays (a Linear's size is the shape of its W, never a
number in the file), every value must be finite and the shapes must chain; anything else
raises :class:`ModelFileError` (a :class:`~nncore.errors.CodedError`, codes
``"model_file.<problem>"``). Nothing is unpickled or evaluated.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Mapping
from typing import Any

import numpy as np

from nncore.errors import CodedError
from nncore.layers import LAYER_TYPES, Layer, Linear, activation_name
from nncore.model import HEADS, Sequential

FORMAT = "backprop-lab/mlp"
VERSION = 1
MAX_PARAMS = 1_000_000

_MESSAGES = {
    "model_file.not_npz": "The file is not a network saved as .npz.",
    "model_file.not_json": "The file is not JSON text.",
    "model_file.layout": "The file does not describe a network saved by this app.",
    "model_file.layer": "Layer {layer}: its numbers or settings cannot be read.",
    "model_file.layer_type": "Layer {layer}: {name!r} is not a layer this app knows.",
    "model_file.not_finite": "Layer {layer}: the weights are not all finite numbers.",
    "model_file.shapes": "Layer {layer}: its weights do not fit the layer before it.",
    "model_file.too_large": "The network has more than {limit} parameters.",
}
CODES = tuple(_MESSAGES)


class ModelFileError(CodedError):
    """A network file that cannot be loaded; ``code`` is one of :data:`CODES`."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code, _MESSAGES[code], **details)


def _linear_sizes(model: Sequential) -> list[int]:
    linear = [layer for layer in model if isinstance(layer, Linear)]
    return [linear[0].n_in, *(layer.n_out for layer in linear)] if linear else []


def _hidden_activation(model: Sequential) -> str | None:
    """The name (as ``make_activation`` takes it) of the hidden layers' f, if they share one."""
    names = {activation_name(layer) for layer in model.layers[1:-1]
             if not isinstance(layer, Linear)}
    return names.pop() if len(names) == 1 else None


def model_to_npz(model: Sequential) -> bytes:
    """The bytes of ``model.save``: load them with :func:`model_from_npz` or
    ``Sequential.load(io.BytesIO(data))``."""
    buffer = io.BytesIO()
    model.save(buffer)
    return buffer.getvalue()


def model_to_json(model: Sequential, indent: int | None = None) -> str:
    """The network as JSON text (see the module docstring)."""
    layers: list[dict[str, Any]] = []
    for layer in model:
        entry: dict[str, Any] = {"type": type(layer).__name__}
        if isinstance(layer, Linear):
            entry["W"] = layer.W.tolist()
            if layer.b is not None:
                entry["b"] = layer.b.tolist()
        elif layer.config():
            entry["config"] = layer.config()
        layers.append(entry)
    document = {"format": FORMAT, "version": VERSION, "head": model.head.name,
                "sizes": _linear_sizes(model), "activation": _hidden_activation(model),
                "layers": layers}
    return json.dumps(document, indent=indent)


def _array(value: object, layer: int, ndim: int) -> np.ndarray:
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ModelFileError("model_file.layer", layer=layer) from None
    if array.ndim != ndim or 0 in array.shape:
        raise ModelFileError("model_file.layer", layer=layer)
    if not np.isfinite(array).all():
        raise ModelFileError("model_file.not_finite", layer=layer)
    return array


def _linear(entry: Mapping[str, Any], layer: int, width: int | None) -> Linear:
    W = _array(entry.get("W"), layer, 2)
    b = _array(entry["b"], layer, 1) if entry.get("b") is not None else None
    n_out, n_in = W.shape
    if (width is not None and n_in != width) or (b is not None and len(b) != n_out):
        raise ModelFileError("model_file.shapes", layer=layer)
    linear = Linear(n_in, n_out, bias=b is not None, init="zeros")
    linear.W = W
    if b is not None:
        linear.b = b
    return linear


def _activation(entry: Mapping[str, Any], layer: int) -> Layer:
    name = entry.get("type")
    cls = LAYER_TYPES.get(name) if isinstance(name, str) else None
    if cls is None or cls is Linear:
        raise ModelFileError("model_file.layer_type", layer=layer, name=str(name))
    config = entry.get("config") or {}
    allowed = cls().config()
    if not isinstance(config, dict) or not config.keys() <= allowed.keys() or not all(
            isinstance(v, int | float) and math.isfinite(v) for v in config.values()):
        raise ModelFileError("model_file.layer", layer=layer)
    return cls(**{k: float(v) for k, v in config.items()})


def model_from_layers(head: object, entries: object) -> Sequential:
    """Rebuild a network from a head name and layer entries (``{"type": …, "W": …, "b": …}``
    or ``{"type": "Tanh", "config": {…}}``), checking everything (see the module docstring)."""
    if not isinstance(head, str) or head not in HEADS:
        raise ModelFileError("model_file.layout")
    if not isinstance(entries, list) or not entries or not all(
            isinstance(e, dict) for e in entries):
        raise ModelFileError("model_file.layout")
    layers: list[Layer] = []
    width, count = None, 0
    for number, entry in enumerate(entries, start=1):
        if entry.get("type") == "Linear":
            linear = _linear(entry, number, width)
            width, count = linear.n_out, count + sum(p.size for p in linear.params())
            if count > MAX_PARAMS:
                raise ModelFileError("model_file.too_large", limit=MAX_PARAMS)
            layers.append(linear)
        else:
            layers.append(_activation(entry, number))
    return Sequential(layers, head=head)


def model_from_json(text: str | bytes) -> Sequential:
    """The network of :func:`model_to_json` text."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        raise ModelFileError("model_file.not_json") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFileError("model_file.layout")
    return model_from_layers(document.get("head"), document.get("layers"))


def _npz_entries(data: np.lib.npyio.NpzFile) -> tuple[object, list[dict[str, Any]]]:
    """The head and the layer entries of a ``Sequential.save`` file."""
    spec = json.loads(str(data["__spec__"]))
    entries, k = [], 0
    for layer in spec["layers"]:
        entry = {"type": layer["type"], "config": layer.get("config")}
        if layer["type"] == "Linear":
            k += 1
            entry = {"type": "Linear", "W": data[f"W{k}"],
                     "b": data.get(f"b{k}")}
        entries.append(entry)
    return spec["head"], entries


def model_from_npz(data: bytes) -> Sequential:
    """The network of :func:`model_to_npz` bytes (or any ``Sequential.save`` file)."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            head, entries = _npz_entries(npz)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        raise ModelFileError("model_file.not_npz") from None
    except (KeyError, TypeError, AttributeError, RecursionError):
        raise ModelFileError("model_file.layout") from None
    return model_from_layers(head, entries)
