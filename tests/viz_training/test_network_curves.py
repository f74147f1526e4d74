"""The network figure (edges by sign and magnitude, pictures, highlight), learning curves and
the confusion matrix."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from nncore.model import mlp
from nncore.viz.curves import (
    Curve,
    Panel,
    curves_figure,
    panels_figure,
    panels_spec,
    room_above,
    train_valid_curves,
)
from nncore.viz.matrices import confusion_figure
from nncore.viz.network import network_figure, node_positions, strongest_edges
from nncore.viz.pictures import neuron_picture
from nncore.viz.style import ACTIVE, NEGATIVE, NODE_LINE, POSITIVE, hex_to_rgb

W1 = np.array([[1.0, -2.0], [0.5, 0.0], [-0.1, 3.0]])  # 2 → 3
W2 = np.array([[2.0, -1.0, 0.25]])  # 3 → 1


def edge_lines(figure) -> list:
    return [t for t in figure.data if t.mode == "lines" and t.line.color.startswith("rgba")]


def hover_texts(figure) -> list[str]:
    return next(list(t.text) for t in figure.data if t.hovertemplate == "%{text}<extra></extra>")


def test_one_edge_per_weight_coloured_by_sign() -> None:
    figure = network_figure([2, 3, 1], [W1, W2])
    texts = hover_texts(figure)
    assert len(texts) == W1.size + W2.size
    assert "W1[1,2] = -2" in texts and "W2[1,3] = 0.25" in texts
    positive, negative = (f"rgba({','.join(map(str, hex_to_rgb(c)))}" for c in (POSITIVE,
                                                                                NEGATIVE))
    segments = {"+": 0, "-": 0}
    for trace in edge_lines(figure):
        segments["+" if trace.line.color.startswith(positive) else "-"] += len(trace.x) // 3
        assert trace.line.color.startswith((positive, negative))
    assert segments == {"+": 6, "-": 3}  # the zero weight counts as positive
    widest = max(edge_lines(figure), key=lambda t: t.line.width)
    assert widest.line.color.startswith(positive) and len(widest.x) == 3  # 3.0, alone


def test_edge_values_replace_the_weights() -> None:
    grads = [np.full_like(W1, -0.5), np.full_like(W2, 0.1)]
    figure = network_figure([2, 3, 1], [W1, W2], edge_values=grads, edge_name="dW")
    texts = hover_texts(figure)
    assert "dW1[1,1] = -0.5" in texts and "dW2[1,1] = 0.1" in texts


def test_nodes_labels_highlight_and_titles() -> None:
    figure = network_figure([2, 3, 1], [W1, W2], active_layer=1,
                            node_labels=[["x1", "x2"], None, ["p"]],
                            column_titles=["in", "hidden", "out"])
    columns = [t for t in figure.data if t.mode in ("markers", "markers+text")
               and t.marker.line.color == NODE_LINE]
    assert [len(c.x) for c in columns] == [2, 3, 1]
    assert [list(c.text) if c.text else None for c in columns] == [["x1", "x2"], None, ["p"]]
    shape = figure.layout.shapes[0]
    assert shape.fillcolor == ACTIVE and (shape.x0 + shape.x1) / 2 == pytest.approx(
        columns[1].x[0])
    gap = columns[1].x[0]
    np.testing.assert_allclose(node_positions([2, 3, 1], gap)[2], [[2 * gap, 0.0]])
    assert [a.text for a in figure.layout.annotations] == ["in", "hidden", "out"]
    assert figure.layout.yaxis.scaleanchor == "x"


def test_pictures_become_square_images_at_the_neurons() -> None:
    uri = neuron_picture(np.ones((4, 4)))
    figure = network_figure([2, 3, 1], [W1, W2], pictures=[None, [uri] * 3, None])
    images = figure.layout.images
    assert len(images) == 3 and images[0].source == uri
    assert images[0].sizex == images[0].sizey
    assert [img.y for img in images] == [1.0, 0.0, -1.0]


def test_from_a_model_and_the_edge_budget() -> None:
    model = mlp([2, 64, 64, 3], seed=0)
    figure = network_figure(model, max_edges=300)
    assert 250 <= len(hover_texts(figure)) <= 350
    masks = strongest_edges([model.layers[2].W], 10)
    kept = np.abs(model.layers[2].W)[masks[0]]
    assert len(kept) == 10 and kept.min() >= np.sort(np.abs(model.layers[2].W).ravel())[-10]
    with pytest.raises(ValueError):
        network_figure([2, 3])


def test_panels_share_one_legend_and_keep_their_axes() -> None:
    loss = Panel(train_valid_curves([1.0, 0.5], [1.2, 0.7], "train", "valid"), "Loss", "loss")
    accuracy = Panel(train_valid_curves([0.5, 0.9], [], "train", "valid"), "Acc", "acc",
                     y_range=(0, 1), marker_x=2)
    figure = panels_figure([loss, accuracy], x_title="epoch")
    assert [t.name for t in figure.data] == ["train", "valid", "train"]
    assert [t.showlegend for t in figure.data] == [True, True, False]
    assert figure.data[2].xaxis == "x2" and figure.data[2].yaxis == "y2"
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0]
    assert list(figure.layout.yaxis2.range) == [0, 1]
    assert figure.layout.shapes[0].x0 == 2 and figure.layout.shapes[0].xref == "x2"
    assert [a.text for a in figure.layout.annotations] == ["<b>Loss</b>", "<b>Acc</b>"]
    np.testing.assert_array_equal(figure.data[1].x, [1, 2])


@pytest.mark.parametrize(("value", "end"), [
    (0.7, 0.8), (1.0, 1.0), (1.01, 1.2), (9.9, 10.0), (10.5, 12.0), (105, 120), (1234, 1500),
    (0.0, 1.0), (-3.0, 1.0), (float("nan"), 1.0), (float("inf"), 1.0)])
def test_a_growing_axis_ends_at_a_round_number_above(value: float, end: float) -> None:
    assert room_above(value) == pytest.approx(end)


def test_growing_panels_have_fixed_ranges_with_room_above_the_data() -> None:
    x = [1, 2, 3, 40]
    loss = Panel(train_valid_curves([0.7, 0.5, 0.4, 0.3], [0.75, 0.6, 0.5, np.nan], "t", "v", x))
    accuracy = Panel(train_valid_curves([0.5, 0.6, 0.7, 0.8], [], "t", "v", x), y_range=(0, 1.05))
    signed = Panel([Curve("s", [-1.0, 2.0])])
    layout = panels_spec([loss, accuracy, signed], growing=True)["layout"]
    assert layout["xaxis"]["range"] == [0, 50] and layout["xaxis2"]["range"] == [0, 50]
    assert layout["yaxis"]["range"] == [0, pytest.approx(0.8)]  # 1.05 × 0.75, rounded up
    assert layout["yaxis2"]["range"] == [0, 1.05]  # as the panel gives it
    assert "range" not in layout["yaxis3"] and layout["xaxis3"]["range"] == [0, 2.5]
    still = panels_spec([loss], growing=False)["layout"]
    assert "range" not in still["xaxis"] and "range" not in still["yaxis"]
    empty = panels_spec([Panel(train_valid_curves([], [], "t", "v"))], growing=True)["layout"]
    assert "range" not in empty["xaxis"] and "range" not in empty["yaxis"]


def test_single_curve_and_empty_history() -> None:
    figure = curves_figure([Curve("errors", [2, 3, 2])], y_title="n", marker_x=1)
    assert list(figure.data[0].y) == [2, 3, 2] and not figure.layout.showlegend
    empty = curves_figure(train_valid_curves([], [], "a", "b"))
    assert len(empty.data) == 1 and len(empty.data[0].x) == 0


def test_confusion_figure_prints_counts_with_axis_titles() -> None:
    figure = confusion_figure(np.array([[5, 1], [0, 4]]), ["A", "B"], title="C",
                              true_title="true", predicted_title="pred")
    heatmap, layout = figure["data"][0], figure["layout"]
    assert heatmap["text"] == [["5", "1"], ["0", "4"]] and heatmap["x"] == ["A", "B"]
    assert layout["xaxis"]["title"]["text"] == "pred" and layout["yaxis"]["title"]["text"] == "true"
    go.Figure(figure)  # valid plotly
