"""The hidden space figure: warped grid lines as two NaN-broken polylines, the points, the
output layer's picture underneath; 3-D for three neurons."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nncore.hidden_space import HiddenSpace, hidden_space
from nncore.model import mlp
from nncore.model.plane import Bounds, decision_grid
from nncore.viz.boundary import boundary_image
from nncore.viz.hidden_space import hidden_space_spec, polyline

BOX = Bounds(-1.0, 1.0, -1.0, 1.0)


def test_polyline_puts_a_gap_after_every_line() -> None:
    lines = np.arange(12, dtype=float).reshape(2, 3, 2)
    flat = polyline(lines)
    assert flat.shape == (8, 2) and flat.dtype == np.float32
    np.testing.assert_array_equal(flat[:3], lines[0])
    assert np.isnan(flat[3]).all() and np.isnan(flat[7]).all()


def test_two_neurons_two_line_traces_points_and_the_picture() -> None:
    model = mlp([2, 5, 2, 3], activation="tanh", seed=1)
    X, y = np.random.default_rng(0).uniform(-1, 1, (12, 2)), np.arange(12) % 3
    space = hidden_space(model, BOX, X, lines=5, points=6)
    image = boundary_image(decision_grid(model, space.bounds(), 20, start_layer=space.layer + 1))
    spec = hidden_space_spec(space, y, image=image, line_names=("v", "h"), points_name="p",
                             axis_titles=("a1", "a2"), point_text=[str(k) for k in range(12)])
    figure = go.Figure(spec)
    assert [trace.name for trace in figure.data[:3]] == ["v", "h", "p"]
    assert len(figure.data[0].x) == 5 * 7 and figure.data[0].connectgaps is False
    np.testing.assert_allclose(figure.data[2].x, space.points[:, 0])
    assert figure.layout.images[0].source == image["source"]
    assert list(figure.layout.xaxis.range) == [-1.1, 1.1]  # tanh's range
    assert figure.layout.yaxis.scaleanchor is None


def test_three_neurons_a_3d_scene_and_regression_colours() -> None:
    model = mlp([2, 3, 1], activation="relu", head="linear")
    X, y = np.random.default_rng(0).uniform(-1, 1, (8, 2)), np.linspace(-1, 1, 8)
    space = hidden_space(model, BOX, X)
    figure = go.Figure(hidden_space_spec(space, y, limit=1.0))
    kinds = [trace.type for trace in figure.data]
    assert kinds == ["scatter3d"] * 3
    points = figure.data[2]
    assert points.marker.cmax == 1.0 and list(points.z) == list(space.points[:, 2])
    assert figure.layout.scene.aspectmode == "cube"


def test_one_input_draws_its_single_line() -> None:
    lines = np.linspace(0, 1, 10).reshape(1, 10, 1).repeat(2, axis=2)
    space = HiddenSpace(1, lines, np.zeros((3, 2)))
    figure = go.Figure(hidden_space_spec(space, np.array([0.1, 0.2, 0.3]), limit=1.0,
                                         line_names=("x",)))
    assert [trace.name for trace in figure.data][:1] == ["x"] and len(figure.data[0].x) == 11
