"""Regression figures: the prediction curve (one input), the prediction map (two inputs) and the
R² axis; they are plain dicts that plotly accepts."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import pytest

from nncore.model import mlp
from nncore.model.plane import Bounds
from nncore.regression import PredictionGrid, prediction_grid
from nncore.viz.pictures import diverging_rgb, png_bytes
from nncore.viz.regression import (
    colour_limit,
    prediction_curve_spec,
    prediction_image,
    prediction_map_spec,
    r2_range,
)
from nncore.viz.style import DIVERGING

BOX = Bounds(-2.0, 2.0, -1.5, 1.5)


@pytest.fixture
def points() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.uniform(-2, 2, (30, 2)), rng.normal(size=30)


def test_curve_goes_through_the_box_with_both_point_sets(points) -> None:
    X, y = points
    grid = prediction_grid(mlp([1, 4, 1], head="linear"), BOX, 1, 50)
    spec = prediction_curve_spec(grid, X[:20, :1], y[:20], X[20:, :1], y[20:], bounds=BOX,
                                 train_name="tr", valid_name="va", prediction_name="ŷ")
    figure = go.Figure(spec)  # plotly validates it
    assert [trace.name for trace in figure.data] == ["tr", "va", "ŷ"]
    line = figure.data[2]
    assert line.mode == "lines" and len(line.x) == 50
    np.testing.assert_allclose(line.y, grid.values)
    assert list(figure.layout.xaxis.range) == [-2, 2] and list(figure.layout.yaxis.range) == [
        -1.5, 1.5]  # fixed: the chart does not rescale while training
    no_valid = prediction_curve_spec(grid, X[:, :1], y, None, None, bounds=BOX)
    assert len(no_valid["data"]) == 2


def test_map_is_a_picture_under_points_coloured_by_target(points) -> None:
    X, y = points
    grid = prediction_grid(mlp([2, 4, 1], head="linear"), Bounds(-2, 2, -2, 2), 2, 40)
    spec = prediction_map_spec(grid, X[:20], y[:20], X[20:], y[20:], limit=2.5,
                               train_name="tr", valid_name="va", colour_bar="y")
    figure = go.Figure(spec)
    image = figure.layout.images[0]
    assert image.source.startswith("data:image/png;base64,") and image.layer == "below"
    assert (image.x, image.y, image.sizex, image.sizey) == (-2, 2, 4, 4)
    train, valid = figure.data[0], figure.data[1]
    assert train.marker.cmin == -2.5 and train.marker.cmax == 2.5
    assert train.marker.showscale and not valid.marker.showscale  # one colour bar
    assert valid.marker.symbol == "diamond"
    np.testing.assert_allclose(train.marker.color, y[:20])
    legend = [trace for trace in figure.data if trace.showlegend]
    assert [trace.name for trace in legend] == ["tr", "va"]
    assert not any(trace.marker.showscale for trace in legend)


def test_picture_uses_the_diverging_scale_of_the_points() -> None:
    values = np.array([[-2.0, 0.0], [1.0, 2.0]])
    grid = PredictionGrid(np.array([0.0, 1.0]), np.array([0.0, 1.0]), values)
    source = prediction_image(grid, 2.0)["source"]
    png = base64.b64decode(source.split(",", 1)[1])
    assert png == png_bytes(diverging_rgb(values, 2.0))
    assert [stop[0] for stop in DIVERGING] == [0.0, 0.5, 1.0]  # −limit, 0, +limit
    with pytest.raises(ValueError, match="two-input"):
        prediction_image(PredictionGrid(np.zeros(2), None, np.zeros(2)), 1.0)


def test_colour_limit_and_r2_range() -> None:
    assert colour_limit((-3.0, 1.0)) == 3.0 and colour_limit((0.0, 0.0)) == 1.0
    assert r2_range([0.2, 0.9]) == (-0.05, 1.05)
    assert r2_range([-0.4, 0.5], [0.3]) == pytest.approx((-0.45, 1.05))
    assert r2_range([-30.0, float("nan")]) == (-1.05, 1.05)
