"""The sigmoid gate page: 0.73 and the five gradients, both graphs, the (1 − σ)σ shortcut."""

import pytest

from tests.app.apptest import open_page, shown_text
from tests.app.graphs_helpers import edge_labels, graph, metrics, step_to

PAGE = "app_pages/graphs/sigmoid_gate.py"
LECTURE = {"f": "0.73", "∂f/∂w0": "-0.20", "∂f/∂x0": "0.39", "∂f/∂w1": "-0.39",
           "∂f/∂x1": "-0.59", "∂f/∂w2": "0.20"}


@pytest.fixture
def at():
    return open_page(PAGE)


@pytest.mark.parametrize(("form", "steps"), [("expanded", 26), ("fused", 20)])
def test_both_graphs_end_at_the_lecture_numbers(at, form: str, steps: int) -> None:
    at.radio(key="sig_form").set_value(form).run()
    assert at.slider(key=f"sig_{form}_position").max == steps
    step_to(at, f"sig_{form}")
    assert metrics(at) == LECTURE
    assert "0.73" in edge_labels(graph(at), "values")
    assert not at.exception


def test_the_expanded_graph_shows_the_slides_intermediate_numbers(at) -> None:
    step_to(at, "sig_expanded")
    figure = graph(at)
    assert {"0.37", "1.37", "0.73"} <= set(edge_labels(figure, "values"))
    assert {"-0.53", "-0.20", "0.20", "0.39", "-0.39", "-0.59"} <= set(
        edge_labels(figure, "gradients"))


def test_side_by_side_table_and_shortcut(at) -> None:
    table = at.table[0].value
    assert list(table.iloc[:, 1]) == list(table.iloc[:, 2]) == [
        "-0.20", "0.39", "-0.39", "-0.59", "0.20"]
    text = shown_text(at)
    assert "∂f/∂k = **-0.53**, ∂f/∂h = **-0.53**, ∂f/∂g = **-0.20**, ∂f/∂d = **0.20**" in text
    assert "(1 − σ)·σ = (1 − 0.73) · 0.73 = **0.20**" in text


def test_fused_step_explains_the_shortcut_with_numbers(at) -> None:
    at.radio(key="sig_form").set_value("fused").run()
    step_to(at, "sig_fused", 11)  # the sigmoid gate's backward step
    text = "\n".join(m.value for m in at.markdown)
    assert "sigmoid gate" in text and "(1 − σ)·σ" in text
    assert "∂f/∂d = (1 − σ(d))·σ(d) · ∂f/∂f = (1 − 0.73)·0.73 · 1 = 0.20 · 1 = **0.20**" in text


def test_editing_an_input_changes_the_numbers(at) -> None:
    at.number_input(key="sig_w2").set_value(0.0).run()  # s = 4, σ(4) = 0.982
    step_to(at, "sig_expanded")
    assert metrics(at)["f"] == "0.98"
    assert metrics(at)["∂f/∂w2"] == "0.02"
    assert at.table[0].value.iloc[4, 2] == "0.02"


def test_overflow_is_an_error_not_a_traceback(at) -> None:
    at.number_input(key="sig_w0").set_value(1e308).run()
    at.number_input(key="sig_x0").set_value(-10.0).run()
    assert not at.exception
    assert at.error and "overflow" in at.error[0].value


def test_vietnamese(at) -> None:
    vi = open_page(PAGE, "vi")
    step_to(vi, "sig_expanded", 15)  # the +1 gate going back
    assert "Lan truyền ngược · cổng cộng hằng số" in shown_text(vi)
    assert not vi.exception
