"""Figure builders for the plane: decision boundary, separating lines, neuron pictures."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
import plotly.graph_objects as go
import pytest

from nncore.data import xor
from nncore.model import mlp
from nncore.model.plane import Bounds, decision_grid
from nncore.viz.boundary import boundary_figure, boundary_values, class_colourscale
from nncore.viz.pictures import diverging_rgb, neuron_picture, png_bytes
from nncore.viz.separators import Separator, separator_figure
from nncore.viz.style import CLASS_COLOURS, NEGATIVE, POSITIVE, hex_to_rgb, tint

BOX = Bounds(-1.0, 1.0, -1.0, 1.0)


def by_name(figure: go.Figure, name: str) -> go.Scatter:
    return next(trace for trace in figure.data if trace.name == name)


def test_colourscale_has_one_pale_to_strong_band_per_class() -> None:
    scale = class_colourscale(3)
    positions = [p for p, _ in scale]
    assert positions == sorted(positions) and positions[0] == 0 and positions[-1] == 1
    assert scale[2] == [1 / 3, tint(CLASS_COLOURS[1], 0.9)]
    assert scale[5] == [1.0, tint(CLASS_COLOURS[2], 0.45)]


def test_boundary_figure_is_square_with_both_point_sets() -> None:
    model = mlp([2, 6, 3], seed=0, init="xavier", activation="tanh")
    grid = decision_grid(model, BOX, 100)
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-1, 1, (30, 2)), rng.integers(0, 3, 30)
    figure = boundary_figure(grid, X, y, X[:5], y[:5], train_name="tr", valid_name="va",
                             title="T", size=500)
    heatmap = figure.data[0]
    assert heatmap.type == "heatmap" and np.shape(heatmap.z) == (100, 100)
    assert heatmap.zmax == 3 and heatmap.zmin == 0
    z = np.asarray(heatmap.z)
    np.testing.assert_array_equal(np.floor(z), grid.label)  # the class is the integer part
    np.testing.assert_allclose(z, boundary_values(grid))
    assert len(by_name(figure, "tr").x) == 30 and by_name(figure, "va").marker.symbol == "diamond"
    assert by_name(figure, "tr").marker.color[0] == CLASS_COLOURS[y[0]]
    assert figure.layout.width == figure.layout.height == 500
    assert figure.layout.yaxis.scaleanchor == "x"
    assert list(figure.layout.xaxis.range) == [-1, 1]


def test_boundary_without_validation_points() -> None:
    grid = decision_grid(mlp([2, 2], seed=0), BOX, 10)
    X, y = xor()
    figure = boundary_figure(grid, X, y, point_text=["a", "b", "c", "d"])
    assert [t.name for t in figure.data] == [None, "training", "training"]
    assert list(figure.data[1].text) == ["a", "b", "c", "d"]
    legend = figure.data[2]
    assert legend.showlegend and legend.marker.color == "#8c959f" and legend.x == (None,)


def test_separator_figure_shades_both_sides_and_rings_a_point() -> None:
    X, y = xor()
    line = Separator([1.0, 1.0], -0.5, "line", shade=True)
    figure = separator_figure(X, y, [line], Bounds(-0.5, 1.5, -0.5, 1.5), point_name="pts",
                              highlight=[2], highlight_name="ring")
    fills = [trace for trace in figure.data if trace.fill == "toself"]
    assert len(fills) == 2
    assert {fills[0].fillcolor, fills[1].fillcolor} == {tint(CLASS_COLOURS[0], 0.8),
                                                       tint(CLASS_COLOURS[1], 0.8)}
    drawn = by_name(figure, "line")
    np.testing.assert_allclose(np.add(drawn.x, drawn.y), 0.5)  # on x1 + x2 = 0.5
    assert list(by_name(figure, "ring").x) == [1.0]


def test_separator_figure_without_a_line() -> None:
    X, y = xor()
    figure = separator_figure(X, y, [Separator([0.0, 0.0], 0.0, "none")], BOX)
    assert [trace.name for trace in figure.data] == ["", ""]  # the points and their legend
    assert not figure.data[1].showlegend


def test_diverging_colours_and_flip() -> None:
    values = np.array([[-2.0, 0.0], [1.0, 2.0]])  # row 0 is the bottom of the plane
    image = diverging_rgb(values)
    assert image.dtype == np.uint8 and image.shape == (2, 2, 3)
    assert tuple(image[1, 0]) == hex_to_rgb(NEGATIVE)  # bottom-left: −2, full orange
    assert tuple(image[1, 1]) == (255, 255, 255)
    assert tuple(image[0, 1]) == hex_to_rgb(POSITIVE)
    assert np.all(diverging_rgb(np.zeros((3, 3))) == 255)


def test_png_is_valid_and_small() -> None:
    rgb = diverging_rgb(np.linspace(-1, 1, 32 * 32).reshape(32, 32))
    data = png_bytes(rgb)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (32, 32)
    length = struct.unpack(">I", data[33:37])[0]
    raw = zlib.decompress(data[41:41 + length])
    assert len(raw) == 32 * (1 + 32 * 3)
    uri = neuron_picture(np.ones((32, 32)))
    assert uri.startswith("data:image/png;base64,") and len(uri) < 1000
    base64.b64decode(uri.split(",")[1])


@pytest.mark.parametrize("size", [300, 640])
def test_figures_serialise(size: int) -> None:
    grid = decision_grid(mlp([2, 3, 2], seed=1), BOX, 20)
    X, y = xor()
    assert boundary_figure(grid, X, y, size=size).to_json()
