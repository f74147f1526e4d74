"""Every ready lesson: its link opens the page it names, with the preset, the hidden controls and
presentation mode it claims, and shows what the class should see (training lessons are trained
as a class would, then checked)."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.experiment import Experiment
from nncore.mlp_step import PRESETS, run
from tests.app.apptest import APP, open_page, raw_keys, shown_text
from tests.app.graphs_helpers import metrics, step_to
from ui.i18n import LANGUAGES
from ui.lessons import LESSONS, Lesson, lesson_link
from ui.navigation import COURSE

BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
PATHS = {page.slug: page.path for page in COURSE}


def open_link(path: str, query: dict[str, str]) -> AppTest:
    """A new session opened on ``path`` with ``query``, as a browser opens a shared link (the
    page runs first, not the home page)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    return at.switch_page(path).run()


def open_lesson(slug: str, lang: str = "en") -> AppTest:
    lesson = BY_SLUG[slug]
    at = open_link(PATHS[lesson.page], lesson.params(lang))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning or all("link" not in w.value for w in at.warning)  # no URL notice
    assert at.toggle(key="present").value is lesson.present
    assert at.query_params.get("hide", "") == ",".join(lesson.hide)
    return at


def widget_keys(at: AppTest) -> set[str]:
    return {w.key for kind in ("number_input", "radio", "selectbox", "select_slider", "slider",
                               "toggle", "text_input") for w in at.get(kind) if w.key}


def experiment(at: AppTest, key: str) -> Experiment:
    return at.session_state[f"{key}_experiment"][1]


def train(at: AppTest, key: str, epochs: int) -> Experiment:
    """Train the page's experiment as Play would, then redraw the page."""
    exp = experiment(at, key)
    exp.train_epochs(epochs)
    at.run()
    return exp


def test_at_least_ten_lessons_in_both_languages_and_every_page_exists() -> None:
    assert len(LESSONS) >= 10 and len(BY_SLUG) == len(LESSONS)
    assert {lesson.page for lesson in LESSONS} <= set(PATHS)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_lessons_page_lists_every_lesson_with_its_link(lang: str) -> None:
    at = open_page(PATHS["lessons"], lang)
    assert not at.exception and raw_keys(shown_text(at)) == []
    links = [b.proto.url for b in at.get("link_button")]
    for lesson in LESSONS:
        assert lesson_link(lesson, lang) in links
        assert lesson_link(lesson, lang).startswith(f"/{lesson.page}?lang={lang}")


def test_chain_rule_by_hand_hides_the_choices_and_ends_at_the_lectures_gradients() -> None:
    at = open_lesson("chain_by_hand")
    assert not {"chain_example", "chain_simple_x"} & widget_keys(at)
    step_to(at, "chain_simple")
    assert metrics(at) == {"f": "-12", "∂f/∂x": "-4", "∂f/∂y": "-4", "∂f/∂z": "3"}


def test_backward_patterns_on_the_max_gate_example() -> None:
    at = open_lesson("backward_patterns")
    assert "chain_example" not in widget_keys(at) and at.number_input(key="chain_max_x")
    step_to(at, "chain_max")
    assert metrics(at) == {"f": "-20", "∂f/∂x": "-8", "∂f/∂y": "6", "∂f/∂z": "2", "∂f/∂w": "0"}
    text = shown_text(at)
    assert "max" in text and "distribut" in text.lower()


def test_fused_sigmoid_gives_the_expanded_gradients() -> None:
    at = open_lesson("sigmoid_fused")
    assert "sig_w0" not in widget_keys(at) and at.radio(key="sig_form").value == "fused"
    step_to(at, "sig_fused")
    assert metrics(at)["∂f/∂x1"] == "-0.59"
    table = at.table[0].value
    assert list(table.iloc[:, 1]) == list(table.iloc[:, 2]) == [
        "-0.20", "0.39", "-0.39", "-0.59", "0.20"]


def test_vectorized_shapes_table_on_the_lectures_two_by_two() -> None:
    at = open_lesson("vectorized_shapes")
    assert "vec_size" not in widget_keys(at)
    shapes = next(t.value for t in at.table if "×" in t.value.to_string())
    assert list(shapes.iloc[:, 1]) == ["2×2", "2", "2", "scalar"]
    assert list(shapes.iloc[:, 3]) == ["2×2", "2", "2", "scalar"]


def test_xor_needs_a_hidden_layer() -> None:
    at = open_lesson("xor_hidden_layer")
    assert at.radio(key="xor_gate").value == "xor"
    exp = train(at, "xor", 3000)
    assert exp.layer_sizes() == [2, 2, 1] and exp.history.train_metric[-1] == 1.0
    assert at.success


def test_one_training_step_of_the_2_2_1_network() -> None:
    at = open_lesson("one_training_step")
    assert "mlp_step_network" not in widget_keys(at)
    assert at.selectbox(key="mlp_step_loss").value == "bce"
    assert any("agree on all 9 weights and biases" in s.value for s in at.success)
    trace = run(PRESETS["xor"], 0)
    output = next(r for r in trace.steps if r.formula == "backward_output")
    np.testing.assert_allclose(output.matrices["delta"], output.matrices["a_minus_t"])
    assert trace.loss_after < trace.loss


def test_a_learning_rate_too_large_diverges() -> None:
    at = open_lesson("lr_diverges")
    assert widget_keys(at) & {"pg_act", "pg_layers", "pg_data"} == set()
    assert at.select_slider(key="pg_lr").value == 10.0
    exp = train(at, "pg", 60)
    assert exp.divergence() is not None
    assert at.warning


def test_zero_initialisation_keeps_the_hidden_neurons_equal() -> None:
    at = open_lesson("zero_init")
    assert at.selectbox(key="pg_init").value == "zeros" and "pg_lr" not in widget_keys(at)
    W = train(at, "pg", 200).linear_layers()[0].W
    assert np.allclose(W, W[0]) and np.abs(W).max() > 1e-4  # learned, yet all rows equal


def test_a_deep_sigmoid_network_barely_learns_and_relu_does() -> None:
    at = open_lesson("deep_sigmoid")
    assert experiment(at, "pg").layer_sizes() == [2, 8, 8, 8, 8, 8, 8, 2]
    stuck = train(at, "pg", 150).history
    assert abs(stuck.train_loss[-1] - np.log(2)) < 0.02 and stuck.train_metric[-1] < 0.6
    at.selectbox(key="pg_act").select("relu").run()
    assert train(at, "pg", 150).history.train_metric[-1] > 0.9


def test_adam_and_momentum_beat_sgd_on_the_spiral() -> None:
    at = open_lesson("optimizers_spiral")
    losses = {"sgd": train(at, "pg", 100).history.train_loss[-1]}
    for name in ("momentum", "adam"):
        at.button(key="pg_reset").click().run()
        at.selectbox(key="pg_opt").select(name).run()
        if name == "adam":
            at.select_slider(key="pg_lr").set_value(0.01).run()
        losses[name] = train(at, "pg", 100).history.train_loss[-1]
    assert losses["momentum"] < losses["sgd"] / 2 and losses["adam"] < losses["sgd"] / 2


def test_overfitting_on_few_points_and_l2_keeps_the_validation_loss_down() -> None:
    at = open_lesson("overfitting_l2")
    assert widget_keys(at) & {"pg_points", "pg_opt"} == set() and at.selectbox(key="pg_reg")
    free = train(at, "pg", 400).history
    assert free.train_loss[-1] < 0.01 and free.val_loss[-1] > 1.0
    at.selectbox(key="pg_reg").select("l2").run()
    at.button(key="pg_reset").click().run()
    penalised = train(at, "pg", 400).history
    assert penalised.val_loss[-1] < free.val_loss[-1] / 2


def test_a_lesson_link_is_the_pages_own_link() -> None:
    lesson = Lesson("demo", "xor", (("hidden", "3"),), ("seed",), True)
    assert lesson.params("vi") == {"lang": "vi", "hidden": "3", "hide": "seed", "present": "1"}
