"""Small pictures of a function over the plane (a neuron's output), as PNG data URIs.

A plotly figure can show images in its layout; a small PNG is a few hundred bytes, so a
network figure can carry one picture per neuron on every training frame (as a palette PNG of
65 shades, a third of the RGB one). The PNG is written here with ``zlib`` (no imaging library
needed).
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

from nncore.viz.style import NEGATIVE, POSITIVE, hex_to_rgb

LEVELS = 32  # shades per sign in a network's neuron pictures


def diverging_rgb(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """An (h, w, 3) uint8 image of ``values`` (h, w): −limit orange, 0 white, +limit blue
    (``limit`` defaults to max |value|; non-finite values are white). Row 0 of ``values`` is
    the bottom of the plane, so the image is flipped to put it at the bottom."""
    v = np.asarray(values, dtype=np.float64)
    return diverging_rgbs(v[None], None if limit is None else np.array([limit]))[0]


def diverging_rgbs(values: np.ndarray, limits: np.ndarray | None = None) -> np.ndarray:
    """:func:`diverging_rgb` of every (h, w) picture in ``values`` (n, h, w) at once, each with
    its own limit (default: its own max |value|): (n, h, w, 3) uint8."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if limits is None:
        limits = np.abs(v).max(axis=(1, 2), initial=0.0)
    limits = np.asarray(limits, dtype=np.float64)[:, None, None]
    s = np.clip(np.divide(v, limits, out=np.zeros_like(v), where=limits > 0), -1.0, 1.0)
    white = np.array([255.0, 255.0, 255.0])
    positive, negative = np.array(hex_to_rgb(POSITIVE)), np.array(hex_to_rgb(NEGATIVE))
    a = np.abs(s)[..., None]
    ends = np.where(s[..., None] >= 0, positive, negative)
    image = white * (1 - a) + ends * a
    return np.ascontiguousarray(image[:, ::-1].round().astype(np.uint8))


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _png(pixels: np.ndarray, colour_type: int, palette: np.ndarray | None = None) -> bytes:
    """A PNG of ``pixels`` (h, w·channels) uint8 rows, colour type 2 (RGB) or 3 (indexed)."""
    height, width = pixels.shape[0], pixels.shape[1] // (3 if colour_type == 2 else 1)
    rows = np.hstack([np.zeros((height, 1), dtype=np.uint8), pixels])  # filter 0 per row
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    if palette is not None:
        chunks.append(_chunk(b"PLTE", np.ascontiguousarray(palette, dtype=np.uint8).tobytes()))
    chunks += [_chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)), _chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def png_bytes(rgb: np.ndarray) -> bytes:
    """An 8-bit RGB PNG of the (h, w, 3) uint8 array ``rgb``."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    return _png(rgb.reshape(rgb.shape[0], -1), 2)


def png_indexed(indices: np.ndarray, palette: np.ndarray) -> bytes:
    """An 8-bit palette PNG: (h, w) uint8 ``indices`` into ``palette`` (≤ 256 RGB colours), a
    third of an RGB PNG's pixels."""
    return _png(np.ascontiguousarray(indices, dtype=np.uint8), 3, palette)


def diverging_palette(levels: int = LEVELS) -> np.ndarray:
    """The 2·levels + 1 colours of :func:`diverging_rgb` at −1, …, 0, …, +1 (of the limit)."""
    shades = np.linspace(-1.0, 1.0, 2 * levels + 1)[None, None, :]  # one row of them
    return diverging_rgbs(shades, np.array([1.0]))[0, 0]


def diverging_indices(values: np.ndarray, levels: int = LEVELS) -> np.ndarray:
    """:func:`diverging_rgbs` as indices into :func:`diverging_palette` (each picture scaled
    by its own max |value|, rows flipped): (n, h, w) uint8."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    limits = np.abs(v).max(axis=(1, 2), initial=0.0)[:, None, None]
    s = np.clip(np.divide(v, limits, out=np.zeros_like(v), where=limits > 0), -1.0, 1.0)
    return np.ascontiguousarray(np.rint((s + 1) * levels).astype(np.uint8)[:, ::-1])


def png_data_uri(rgb: np.ndarray) -> str:
    """``data:image/png;base64,…`` for an image source in a plotly layout."""
    return png_uri(png_bytes(rgb))


def png_uri(png: bytes) -> str:
    """``data:image/png;base64,…`` of PNG bytes."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def neuron_picture(values: np.ndarray) -> str:
    """One neuron's output over the plane as a diverging-colour PNG data URI."""
    return png_data_uri(diverging_rgb(values))


def network_pictures(inputs: np.ndarray, hidden: list[np.ndarray]) -> list[list[str] | None]:
    """Pictures for ``network_figure``, per column: the input neurons (``inputs``: one value
    grid per input), every hidden layer's neurons (``hidden``: one (n, res, res) array per
    layer), and none for the output column. Palette PNGs of ``LEVELS`` shades per sign: a
    network with a picture per neuron sends them all on every frame while it trains."""
    palette = diverging_palette()
    return [[png_uri(png_indexed(picture, palette)) for picture in diverging_indices(layer)]
            for layer in (np.asarray(inputs), *hidden)] + [None]
