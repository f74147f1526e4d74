"""Vectorized backprop page: q, f, ∇q, ∇W, ∇x of the lecture, shapes, Jacobian, unrolling."""

import numpy as np
import pytest

from tests.app.apptest import open_page, shown_text
from tests.app.graphs_helpers import edge_labels, figures, graph, step_to, trace, unpack

PAGE = "app_pages/graphs/vectorized.py"


@pytest.fixture
def at():
    return open_page(PAGE)


def matrix(at, title: str) -> np.ndarray:
    """The numbers of the annotated matrix titled ``title (r×c)``."""
    for figure in figures(at):
        if figure["layout"].get("title", {}).get("text", "").startswith(title + " ("):
            return unpack(figure["data"][0]["z"])
    raise AssertionError(f"no matrix titled {title!r}")


def test_the_lecture_numbers_as_matrices(at) -> None:
    assert not at.exception
    np.testing.assert_allclose(matrix(at, "q = W·x"), [[0.22], [0.26]])
    np.testing.assert_allclose(matrix(at, "f = ‖q‖²"), [[0.116]])
    np.testing.assert_allclose(matrix(at, "∇q f = 2q"), [[0.44], [0.52]])
    np.testing.assert_allclose(matrix(at, "∇W f = 2q·xᵀ"), [[0.088, 0.176], [0.104, 0.208]])
    np.testing.assert_allclose(matrix(at, "∇x f = 2Wᵀq"), [[-0.112], [0.636]])


def test_stepping_the_matrix_level_graph(at) -> None:
    assert edge_labels(graph(at), "gradients") == []
    step_to(at, "vec_matrix")
    figure = graph(at)
    assert "[0.22, 0.26]" in edge_labels(figure, "values")
    assert {"[0.09, 0.18]<br>[0.10, 0.21]", "[-0.11, 0.64]", "[0.44, 0.52]"} <= set(
        edge_labels(figure, "gradients"))
    at.radio(key="vec_matrix_decimals").set_value(3).run()
    assert "0.116" in edge_labels(graph(at), "values")


def test_shapes_rule_and_jacobian(at) -> None:
    table = at.table[0].value
    assert list(table.iloc[:, 1]) == list(table.iloc[:, 3]) == ["2×2", "2", "2", "scalar"]
    np.testing.assert_allclose(matrix(at, "∂q/∂x"), [[0.1, 0.5], [-0.3, 0.8]])  # = W
    np.testing.assert_allclose(matrix(at, "∂s/∂q"), [[0.44, 0], [0, 0.52]])  # diag(2q)
    assert "4096×4096" in shown_text(at)


def test_editing_w_and_the_size(at) -> None:
    at.number_input(key="vec_W11").set_value(1.0).run()  # q1 = 0.2 + 0.2 = 0.4
    np.testing.assert_allclose(matrix(at, "q = W·x"), [[0.4], [0.26]])
    at.radio(key="vec_size").set_value(4).run()
    assert matrix(at, "∇W f = 2q·xᵀ").shape == (4, 4)
    assert at.slider(key="vec_matrix_position").max == 10
    assert not at.exception


def test_unrolled_graph_gives_the_same_numbers(at) -> None:
    at.toggle(key="vec_unrolled").set_value(True).run()
    assert at.success and "15 scalar nodes" in at.success[0].value
    np.testing.assert_allclose(matrix(at, "∇W f (scalar graph)"), [[0.088, 0.176],
                                                                    [0.104, 0.208]])
    np.testing.assert_allclose(matrix(at, "∇x f (scalar graph)"), [[-0.112], [0.636]])
    step_to(at, "vec_scalar")
    figure = graph(at)
    assert {"0.09", "0.18", "0.10", "0.21"} <= set(edge_labels(figure, "gradients"))
    nodes = trace(figure, "nodes")
    hover = dict(zip(nodes["customdata"], nodes["hovertext"], strict=True))
    assert "∂f/∂x1 = -0.112" in hover["n4"] and "∂f/∂x2 = 0.636" in hover["n5"]
    at.radio(key="vec_size").set_value(3).run()
    assert at.slider(key="vec_scalar_position").max == 64  # 32 scalar nodes
    at.radio(key="vec_size").set_value(4).run()  # 55 nodes: numbers only, no drawing
    assert not at.exception and at.warning and "55 nodes" in at.warning[0].value
    assert matrix(at, "∇W f (scalar graph)").shape == (4, 4)


def test_quiz_asks_one_entry_of_an_array_gradient(at) -> None:
    at.toggle(key="vec_matrix_quiz").set_value(True).run()
    step_to(at, "vec_matrix", 7)  # next: the matmul gate sends ∇W and ∇x back
    assert any("∂f/∂W[1, 1]" in m.value for m in at.markdown)
    at.number_input(key="vec_matrix_guess_7").set_value(0.09).run()
    at.button(key="vec_matrix_check_7").click().run()
    assert at.success
    at.number_input(key="vec_matrix_guess_7").set_value(0.18).run()
    at.button(key="vec_matrix_check_7").click().run()
    assert at.error and "(entry ∂f/∂W[1, 1] = 0.09)" in at.error[0].value


def test_overflow_is_an_error_not_a_traceback(at) -> None:
    at.number_input(key="vec_W11").set_value(1e200).run()
    assert not at.exception
    assert at.error and "overflow" in at.error[0].value
