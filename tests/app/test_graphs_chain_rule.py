"""Computational graphs page: the lecture's numbers, stepping, editing, own function, quiz."""

import pytest

from tests.app.apptest import open_page, shown_text
from tests.app.graphs_helpers import (
    edge_labels,
    explanation,
    graph,
    metrics,
    position,
    step_to,
    trace,
)

PAGE = "app_pages/graphs/chain_rule.py"
KEY = "chain_simple"


@pytest.fixture
def at():
    return open_page(PAGE)


def test_defaults_reach_the_lecture_numbers_at_the_end(at) -> None:
    assert not at.exception
    assert metrics(at) == {"f": "—", "∂f/∂x": "—", "∂f/∂y": "—", "∂f/∂z": "—"}
    figure = graph(at)
    assert edge_labels(figure, "values") == [] and edge_labels(figure, "gradients") == []
    step_to(at, KEY, 10)
    assert metrics(at) == {"f": "-12", "∂f/∂x": "-4", "∂f/∂y": "-4", "∂f/∂z": "3"}
    figure = graph(at)
    assert trace(figure, "symbols")["text"] == ["x", "y", "+", "z", "×"]
    assert trace(figure, "nodes")["text"] == ["", "", "q", "", "f"]
    assert edge_labels(figure, "values") == ["-2", "5", "3", "-4", "-12"]
    assert edge_labels(figure, "gradients") == ["-4", "-4", "-4", "3", "1"]


def test_next_and_previous_move_the_step_and_the_explanation(at) -> None:
    at.button(key=f"{KEY}_next").click().run()
    assert position(at, KEY) == 1
    assert "x = **-2**" in explanation(at)
    for _ in range(2):
        at.button(key=f"{KEY}_next").click().run()
    assert "q = x + y = -2 + 5 = **3**" in explanation(at)
    assert any("Step **3** of 10 · Forward pass" in m.value for m in at.markdown)
    at.button(key=f"{KEY}_previous").click().run()
    assert position(at, KEY) == 2
    step_to(at, KEY, 8)  # the add gate's backward step
    text = explanation(at)
    assert "add gate" in text and "both inputs" in text
    assert "∂f/∂x = 1 · ∂f/∂q = 1 · (-4) = **-4**" in text


def test_editing_an_input_changes_the_numbers(at) -> None:
    at.number_input(key=f"{KEY}_x").set_value(1.0).run()
    step_to(at, KEY, 10)
    assert metrics(at) == {"f": "-24", "∂f/∂x": "-4", "∂f/∂y": "-4", "∂f/∂z": "6"}


def test_max_gate_example(at) -> None:
    at.radio(key="chain_example").set_value("max_gate").run()
    step_to(at, "chain_max", 16)
    assert metrics(at) == {"f": "-20", "∂f/∂x": "-8", "∂f/∂y": "6", "∂f/∂z": "2", "∂f/∂w": "0"}
    assert not at.exception


def test_patterns_are_found_on_the_current_graph(at) -> None:
    text = shown_text(at)
    assert "∂f/∂x = 1 · ∂f/∂q = 1 · (-4) = **-4**" in text  # add distributes
    assert "∂f/∂z = q · ∂f/∂f = 3 · 1 = **3**" in text  # mul switches
    assert "This graph has no max gate." in text
    at.button(key="chain_try_max").click().run()
    assert at.radio(key="chain_example").value == "own"
    assert at.text_input(key="chain_own_expr").value == "(x + y) * max(x, z)"
    text = shown_text(at)
    assert "This graph has no" not in text
    assert "(gradients add at branches)" in text
    assert "1[x ≥ z] · ∂f/∂q2 = 1[-2 ≥ -4] · 3 = 1 · 3 = **3**" in text  # max routes


def test_own_function_detects_its_variables(at) -> None:
    at.radio(key="chain_example").set_value("own").run()
    at.text_input(key="chain_own_expr").input("a * b + exp(a)").run()
    at.number_input(key="chain_own_var_a").set_value(0.0).run()
    at.number_input(key="chain_own_var_b").set_value(3.0).run()
    step_to(at, "chain_own")
    assert metrics(at) == {"f": "1", "∂f/∂a": "4", "∂f/∂b": "0"}


@pytest.mark.parametrize(("text", "message"), [
    ("x +", "syntax error"),
    ("__import__('os')", "not allowed"),
    ("x.real", "attribute access (.real) is not allowed"),
    ("exp(1000)", "overflow"),
    ("exp(-x * 1000)", "overflow in the exp gate"),
    ("log(x - 10)", "log of a non-positive value"),
])
def test_bad_input_shows_an_error_not_a_traceback(at, text: str, message: str) -> None:
    at.radio(key="chain_example").set_value("own").run()
    at.text_input(key="chain_own_expr").input(text).run()
    assert not at.exception
    assert at.error and message in at.error[0].value
    assert not at.get("plotly_chart")


def test_quiz_accepts_the_right_gradient_and_rejects_a_wrong_one(at) -> None:
    at.toggle(key=f"{KEY}_quiz").set_value(True).run()
    step_to(at, KEY, 5)  # forward done: the next step sends ∂f/∂q back
    assert any("∂f/∂q" in m.value for m in at.markdown if "Your turn" in m.value)
    assert edge_labels(graph(at), "gradients") == []  # hidden until Next
    at.number_input(key=f"{KEY}_guess_5").set_value(-4.0).run()
    at.button(key=f"{KEY}_check_5").click().run()
    assert at.success and "-4" in at.success[0].value
    at.number_input(key=f"{KEY}_guess_5").set_value(3.0).run()
    at.button(key=f"{KEY}_check_5").click().run()
    assert at.error and "∂f/∂q = z · ∂f/∂f = -4 · 1 = **-4**" in at.error[0].value


def test_vietnamese_names_the_gates(at) -> None:
    vi = open_page(PAGE, "vi")
    step_to(vi, KEY, 8)
    text = explanation(vi)
    assert "Lan truyền ngược · cổng cộng" in text
    assert "∂f/∂x = 1 · ∂f/∂q = 1 · (-4) = **-4**" in text
    step_to(vi, KEY, 6)
    assert "cổng nhân" in explanation(vi)
    assert not vi.exception


def moving(figure: dict, name: str) -> list[str]:
    """The edges whose dot travels in this step (``forward_flow`` or ``backward_flow``)."""
    flow, values = trace(figure, name), trace(figure, "values")
    return [edge for edge, size in zip(values["customdata"], flow["marker"]["size"],
                                       strict=True) if size]


def test_the_step_value_travels_along_its_edges(at) -> None:
    assert moving(graph(at), "forward_flow") == moving(graph(at), "backward_flow") == []
    at.button(key=f"{KEY}_next").click().run()  # x's value leaves x towards q
    assert moving(graph(at), "forward_flow") == ["n0>n2:0"]
    step_to(at, KEY, 6)  # f's backward step: ∂f/∂f = 1 on the stub, ∂f/∂q and ∂f/∂z back
    figure = graph(at)
    assert moving(figure, "backward_flow") == ["n2>n4:0", "n3>n4:1", "n4>out"]
    assert moving(figure, "forward_flow") == []
    flow = trace(figure, "backward_flow")
    done = trace(figure, "values")["x"]
    assert flow["x"][2] < done[2]  # ∂f/∂q has travelled back past the middle of q → f


def test_a_link_opens_the_graph_at_its_step() -> None:
    at = open_page(PAGE, query={"step": "7"})
    assert position(at, KEY) == 7 and not at.exception
    assert any("Step **7** of 10 · Backward pass" in m.value for m in at.markdown)
    assert "∂f/∂z" in explanation(at)


def test_a_bad_step_link_falls_back_with_a_notice() -> None:
    at = open_page(PAGE, query={"step": "lots"})
    assert position(at, KEY) == 0 and not at.exception
    assert any("step=lots" in w.value for w in at.warning)
