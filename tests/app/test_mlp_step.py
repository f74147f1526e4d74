"""The one-training-step page: a⁽¹⁾ and every ∂C/∂W equal nncore's, the gradient check passes,
sizes, batches, quiz mode, bad combinations, taking the step; no exception in either language."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.mlp_step import PRESETS, batch_rows, build_loss, build_model, layer_pairs, step_data
from tests.app.apptest import figures, open_page, raw_keys, shown_text
from tests.app.graphs_helpers import live_keys, step_to, unpack

PAGE = "app_pages/training/mlp_step.py"
PLAYER = "mlp_step"
DEFAULT = PRESETS["3442"]


@pytest.fixture
def at() -> AppTest:
    page = open_page(PAGE)
    assert not page.exception, [e.value for e in page.exception]
    return page


def matrix(at: AppTest, title: str) -> np.ndarray:
    """The numbers of the matrix figure titled ``title (r×c)``."""
    for figure in figures(at):
        if figure["layout"].get("title", {}).get("text", "").startswith(title + " ("):
            return unpack(figure["data"][0]["z"])
    raise AssertionError(f"no matrix titled {title!r}")


def nncore_gradients(setup=DEFAULT) -> list[np.ndarray]:
    """∂C/∂W of every layer from nncore's own forward and backward."""
    X, T = batch_rows(setup, step_data(setup))
    model, loss = build_model(setup), build_loss(setup)
    loss.forward(model.forward(X), T)
    model.zero_grad()
    model.backward(loss.backward())
    return [linear.dW for linear, _ in layer_pairs(model)]


def test_the_forward_step_shows_nncores_a1(at: AppTest) -> None:
    assert at.slider(key=f"{PLAYER}_position").max == 10
    step_to(at, PLAYER, 1)
    X, _ = batch_rows(DEFAULT, step_data(DEFAULT))
    outputs = build_model(DEFAULT).layer_outputs(X)
    np.testing.assert_allclose(matrix(at, "a⁽¹⁾"), outputs[1].T, rtol=1e-12)
    np.testing.assert_allclose(matrix(at, "z⁽¹⁾"), outputs[0].T, rtol=1e-12)
    assert matrix(at, "W⁽¹⁾").shape == (4, 3)
    assert any("forward pass · layer 1" in m.value for m in at.markdown)


def test_stepping_to_the_end_shows_nncores_gradients(at: AppTest) -> None:
    expected = nncore_gradients()
    for position, layer in ((5, 3), (6, 2), (7, 1)):  # the backward steps
        step_to(at, PLAYER, position)
        np.testing.assert_allclose(matrix(at, f"∂C/∂W{'⁽¹⁾⁽²⁾⁽³⁾'[3 * layer - 3:3 * layer]}"),
                                   expected[layer - 1], rtol=1e-12)
    step_to(at, PLAYER)  # the end: the last update shows ∂C/∂W⁽³⁾ and the new W⁽³⁾
    np.testing.assert_allclose(matrix(at, "∂C/∂W⁽³⁾"), expected[2], rtol=1e-12)
    np.testing.assert_allclose(matrix(at, "W⁽³⁾ new"),
                               matrix(at, "W⁽³⁾") - 0.1 * expected[2], rtol=1e-12)
    assert not at.exception


def test_the_gradient_check_reports_tiny_relative_errors(at: AppTest) -> None:
    table = at.table[-1].value
    assert list(table["parameter"]) == ["W⁽¹⁾", "b⁽¹⁾", "W⁽²⁾", "b⁽²⁾", "W⁽³⁾", "b⁽³⁾"]
    assert all(float(e) < 1e-6 for e in table["largest relative error"])
    assert set(table["agree?"]) == {"yes"}
    assert any("agree on all 46 weights and biases" in s.value for s in at.success)
    at.selectbox(key="mlp_step_check_param").set_value("W2").run()
    assert len(at.dataframe[0].value) == 16


def test_changing_the_network_size(at: AppTest) -> None:
    at.radio(key="mlp_step_network").set_value("custom").run()
    assert at.selectbox(key="mlp_step_loss").value == "ce"  # the preset came with it
    at.number_input(key="mlp_step_hidden_layers").set_value(3).run()
    at.number_input(key="mlp_step_width_3").set_value(6).run()
    at.number_input(key="mlp_step_outputs").set_value(5).run()
    assert not at.exception and not at.error
    assert at.slider(key=f"{PLAYER}_position").max == 13  # 4 layers: 4 + 1 + 4 + 4
    step_to(at, PLAYER, 3)
    assert matrix(at, "W⁽³⁾").shape == (6, 3)
    step_to(at, PLAYER)
    assert matrix(at, "W⁽⁴⁾ new").shape == (5, 6)
    assert at.number_input(key="mlp_step_width_1").max == 6  # capped by the widgets
    at.radio(key="mlp_step_network").set_value("xor").run()
    assert at.slider(key=f"{PLAYER}_position").max == 7 and not at.exception


def test_the_batch_toggle_averages_dw(at: AppTest) -> None:
    at.toggle(key="mlp_step_batch_mode").set_value(True).run()
    assert at.slider(key="mlp_step_batch").value == 3
    step_to(at, PLAYER, 5)
    assert matrix(at, "Δ⁽³⁾").shape == (3, 2)  # one row per sample
    assert matrix(at, "A⁽²⁾").shape == (3, 4)
    per_sample = [matrix(at, f"δ{n} a{n}ᵀ") for n in "₁₂₃"]
    mean = matrix(at, "mean = ∂C/∂W⁽³⁾")
    np.testing.assert_allclose(mean, np.mean(per_sample, axis=0), rtol=1e-12)
    np.testing.assert_allclose(matrix(at, "∂C/∂W⁽³⁾"), mean, rtol=1e-12)
    singles = [nncore_gradients(replace(DEFAULT, sample=n))[2] for n in range(3)]
    np.testing.assert_allclose(mean, np.mean(singles, axis=0), rtol=1e-10)
    for n, single in enumerate(singles):
        np.testing.assert_allclose(per_sample[n], single, rtol=1e-10)
    assert any("(1/N) Σₙ δₙ aₙᵀ" in m.value for m in at.markdown)


def test_quiz_mode_accepts_a_right_answer(at: AppTest) -> None:
    at.toggle(key=f"{PLAYER}_quiz").set_value(True).run()
    assert next(m.value for m in at.metric if m.label == "Loss C before the step") == "?"
    X, _ = batch_rows(DEFAULT, step_data(DEFAULT))
    answer = float(build_model(DEFAULT).layer_outputs(X)[1][0, 0])
    at.number_input(key=f"{PLAYER}_guess_0").set_value(round(answer, 2)).run()
    at.button(key=f"{PLAYER}_check_0").click().run()
    assert any(s.value.startswith("Right") for s in at.success)
    at.button(key=f"{PLAYER}_next").click().run()
    at.number_input(key=f"{PLAYER}_guess_1").set_value(9.0).run()
    at.button(key=f"{PLAYER}_check_1").click().run()
    assert any("Not quite" in e.value and "z₁ =" in e.value for e in at.error)


def test_a_bad_combination_shows_an_error_and_a_fix(at: AppTest) -> None:
    at.selectbox(key="mlp_step_loss").set_value("bce").run()
    assert not at.exception
    assert any("regression problem" in e.value for e in at.error)
    assert "mlp_step_diagram" not in live_keys(at)  # nothing runs
    at.button(key="mlp_step_fix_regression_targets").click().run()
    assert at.selectbox(key="mlp_step_loss").value == "mse" and not at.error
    at.selectbox(key="mlp_step_output").set_value("softmax").run()
    assert any("never produce these targets" in w.value for w in at.warning)
    assert not at.exception and "mlp_step_diagram" in live_keys(at)  # a warning still runs
    at.radio(key="mlp_step_network").set_value("xor").run()
    at.selectbox(key="mlp_step_loss").set_value("ce").run()
    assert any("at least 2 outputs" in e.value for e in at.error) and not at.exception


def test_taking_the_step_traces_the_next(at: AppTest) -> None:
    after = next(m.value for m in at.metric if m.label == "Loss C after the step")
    step_to(at, PLAYER, 4)
    at.button(key="mlp_step_continue").click().run()
    assert any(h.value == "Training step 2" for h in at.header)
    assert next(m.value for m in at.metric if m.label == "Loss C before the step") == after
    assert at.slider(key=f"{PLAYER}_position").value == 0
    at.button(key="mlp_step_restart").click().run()
    assert any(h.value == "Training step 1" for h in at.header)


@pytest.mark.parametrize(("lang", "networks"), [("en", ("3442", "xor", "custom")),
                                                 ("vi", ("xor",))])
def test_every_position_of_every_network_runs(lang: str, networks: tuple[str, ...]) -> None:
    """Every position of every network in English; the stages' Vietnamese text (the same
    keys for every network) on one network, in both modes."""
    at = open_page(PAGE, lang)
    for network in networks:
        at.radio(key="mlp_step_network").set_value(network).run()
        for batch in (False, True):
            at.toggle(key="mlp_step_batch_mode").set_value(batch).run()
            for position in range(int(at.slider(key=f"{PLAYER}_position").max) + 1):
                step_to(at, PLAYER, position)
                assert not at.exception, (network, batch, position,
                                          [e.value for e in at.exception])
    assert raw_keys(shown_text(at)) == []
