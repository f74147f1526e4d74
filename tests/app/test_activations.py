"""The activation reference page: curves from the engine, the vanishing-gradient table."""

from tests.app.apptest import figures, open_page

PAGE = "app_pages/reference/activations.py"


def test_defaults_plot_three_activations_and_their_derivatives() -> None:
    at = open_page(PAGE)
    assert not at.exception
    charts = figures(at)
    assert [trace["name"] for trace in charts[0]["data"]] == ["sigmoid", "tanh", "ReLU"]
    sigmoid_derivative = charts[1]["data"][0]["y"]
    assert max(sigmoid_derivative) == 0.25  # σ′(0) = 1/4, on the grid


def test_table_shows_the_vanishing_bound_for_the_chosen_depth() -> None:
    at = open_page(PAGE)
    at.slider(key="act_depth").set_value(10).run()
    table = at.table[0].value
    row = table[table["Activation"] == "sigmoid"]
    assert row["max f′"].item() == "0.250"
    assert row["(max f′)^10"].item() == "9.54e-07"


def test_sign_has_no_gradient_and_says_so() -> None:
    at = open_page(PAGE)
    at.multiselect(key="act_choice").set_value(["sign"]).run()
    assert not at.exception
    assert at.table[0].value.iloc[0, 1] == "no gradient"
    assert figures(at)[1]["data"] == []


def test_nothing_chosen_shows_a_hint() -> None:
    at = open_page(PAGE)
    at.multiselect(key="act_choice").set_value([]).run()
    assert at.info and not at.exception


def test_every_chosen_activation_shows_its_formula_from_the_layer() -> None:
    from nncore.layers import ACTIVATIONS

    at = open_page(PAGE)
    shown = [element.value.strip("$\n") for element in at.latex]
    assert shown == [ACTIVATIONS[name].LATEX for name in ("sigmoid", "tanh", "relu")]
    assert all(shown)
