"""The XOR page: the perceptron converges on AND and OR and cycles on XOR; 004's sign network
computes XOR; the 2-H-1 sigmoid MLP trains, gets a new initialisation, reads the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.training_pages import chart, epoch, open_clean

PAGE = "app_pages/training/xor.py"


@pytest.fixture
def page() -> AppTest:
    return open_clean(PAGE)


def test_the_perceptron_cycles_on_xor(page: AppTest) -> None:
    assert page.radio(key="xor_gate").value == "xor"
    assert any("It cycles" in w.value and "sweep 4" in w.value for w in page.warning)
    assert not any("Converged" in s.value for s in page.success)


@pytest.mark.parametrize(("gate", "sweeps"), [("and", 6), ("or", 4)])
def test_the_perceptron_converges_on_and_and_or(page: AppTest, gate: str, sweeps: int) -> None:
    page.radio(key="xor_gate").set_value(gate).run()
    assert any(f"Converged: sweep {sweeps} made no mistake" in s.value for s in page.success)
    last = page.slider(key="xor_pla_position").max
    page.slider(key="xor_pla_position").set_value(last).run()
    misclassified = next(m for m in page.metric if m.label == "Misclassified points")
    assert misclassified.value == "0"


def test_stepping_through_the_updates_moves_the_line(page: AppTest) -> None:
    def line() -> list:
        return [t for t in chart(page, "xor_pla_plane")["data"] if t.get("name") == "wᵀx + b = 0"]

    assert line() == []  # w = 0 at the start: no line yet
    page.button(key="xor_pla_next").click().run()
    page.button(key="xor_pla_next").click().run()
    assert len(line()) == 1


def test_the_sign_network_truth_table_is_xor(page: AppTest) -> None:
    table = page.table[0].value
    assert table["XOR"].tolist() == [0, 1, 1, 0]
    assert table["output"].tolist() == ["-1", "1", "1", "-1"]
    assert table["a1"].tolist() == ["1", "1", "1", "-1"]
    assert table["a2"].tolist() == ["-1", "1", "1", "1"]


def test_the_mlp_trains_by_step_and_by_play(page: AppTest) -> None:
    page.button(key="xor_step").click().run()
    assert epoch(page) == 1
    page.button(key="xor_play").click().run()
    page.run()
    assert epoch(page) > 1 and not page.exception


def test_default_seed_solves_and_a_new_initialisation_resets(page: AppTest) -> None:
    exp = page.session_state["xor_experiment"][1]
    exp.train_epochs(1000)
    page.run()
    assert any("Solved" in s.value for s in page.success)
    page.button(key="xor_new_init").click().run()
    assert page.number_input(key="xor_seed").value == 1 and epoch(page) == 0


def test_seed_one_gets_stuck(page: AppTest) -> None:
    page.number_input(key="xor_seed").set_value(1).run()
    page.session_state["xor_experiment"][1].train_epochs(3000)
    page.run()
    assert any("stuck" in w.value for w in page.warning)


def test_url_settings_are_clamped() -> None:
    at = open_clean(PAGE, query={"gate": "and", "hidden": "20", "lr": "0.35", "seed": "-4"})
    assert at.radio(key="xor_gate").value == "and"
    assert at.slider(key="xor_hidden").value == 8
    assert at.select_slider(key="xor_lr").value == 0.3
    assert at.number_input(key="xor_seed").value == 0
    assert at.session_state["xor_experiment"][1].layer_sizes() == [2, 8, 1]
