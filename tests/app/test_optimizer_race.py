"""The optimizer race page: every surface and optimizer runs, Play / Step / Reset, a typed
surface's gradient from the graph, clear errors for bad text, settings from the URL, the
learning-rate sweep's measured labels."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.choices import OPTIMIZER_NAMES
from nncore.graph import parse_expression
from nncore.optimization.surfaces import SURFACES
from tests.app.apptest import open_page, shown_text
from tests.app.training_pages import chart, open_clean

PAGE = "app_pages/training/optimizer_race.py"
CONTOUR = "or_chart_contour"


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_clean(PAGE)


def race(at: AppTest):
    return at.session_state["or_race_kept"][1]


def paths(at: AppTest) -> dict[str, np.ndarray]:
    """The paths drawn on the contour map, by legend name."""
    return {trace["name"]: np.column_stack([trace["x"], trace["y"]])
            for trace in chart(at, CONTOUR)["data"]
            if trace.get("mode") == "lines+markers"}


def test_a_first_visit_shows_the_whole_race_on_the_ravine(page: AppTest) -> None:
    assert page.session_state["or_t"] == 200
    assert set(paths(page)) == {"SGD", "Momentum", "Adam"}
    assert all(len(p) == 201 for p in paths(page).values())
    sgd = race(page).racers[0]
    np.testing.assert_allclose(paths(page)["SGD"], np.array(sgd.path))
    assert chart(page, "or_chart_loss")["layout"]["yaxis"]["type"] == "log"
    assert SURFACES["ravine"].formula in page.latex[0].value
    assert any(r"w \leftarrow w - \alpha\, g" in x.value for x in page.latex)


def test_reset_step_and_play() -> None:
    at = open_clean(PAGE)
    at.button(key="or_reset").click().run()
    assert at.session_state["or_t"] == 0 and all(len(p) == 1 for p in paths(at).values())
    at.button(key="or_step").click().run()
    assert at.session_state["or_t"] == 1
    at.button(key="or_play").click().run()  # the click's run takes the first frame's steps
    shown = at.session_state["or_t"]
    at.run()  # one more frame (AppTest runs no JavaScript: each run is one tick)
    assert at.session_state["or_t"] == shown + 2  # 2 steps a tick by default
    live = chart(at, f"{CONTOUR}_live")  # while playing the contour is a live chart
    assert len(next(t for t in live["data"] if t.get("name") == "SGD")["x"]) == shown + 3
    at.button(key="or_pause").click().run()
    assert not at.session_state["or_playing"] and not at.exception


def test_every_surface_runs() -> None:
    at = open_clean(PAGE)
    for key in SURFACES:
        at.selectbox(key="or_surface").select(key).run()
        assert not at.exception, (key, [e.value for e in at.exception])
        start = SURFACES[key].start  # picking a surface moves the start to its own
        assert (at.number_input(key="or_w1").value, at.number_input(key="or_w2").value) == start
        assert paths(at)["SGD"][0].tolist() == list(start)
        assert len(chart(at, "or_chart_surface")["data"]) == 1 + 3  # the surface, three paths


def test_every_optimizer_races_with_its_update_written_out() -> None:
    at = open_clean(PAGE)
    at.multiselect(key="or_pick").set_value(list(OPTIMIZER_NAMES)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(paths(at)) == len(OPTIMIZER_NAMES)
    assert len(at.tabs) == len(OPTIMIZER_NAMES)
    assert all(r.steps == 200 or not r.running for r in race(at).racers)
    text = "\n".join(x.value for x in at.latex)
    for rule in (r"\hat m = m / (1 - \beta_1^t)", r"u \leftarrow \max", r"G \leftarrow G",
                 r"\mu_t", r"(1 - \alpha\lambda)\, w"):
        assert rule in text


def test_a_learning_rate_redraws_the_path_at_once() -> None:
    at = open_clean(PAGE)
    before = paths(at)["SGD"]
    at.select_slider(key="or_lr_sgd").set_value(0.178).run()
    after = paths(at)["SGD"]
    assert len(after) == len(before) == 201 and not np.allclose(after, before)
    np.testing.assert_allclose(after[1], np.array([-9.0, 3.0]) - 0.178 * np.array([-9.0, 30.0]))


def test_a_typed_start_moves_every_racer() -> None:
    at = open_clean(PAGE)
    at.number_input(key="or_w1").set_value(5.0).run()
    at.number_input(key="or_w2").set_value(-2.0).run()
    assert all(p[0].tolist() == [5.0, -2.0] for p in paths(at).values())
    at.number_input(key="or_w1").set_value(500.0).run()  # outside the window: to its edge
    assert all(p[0].tolist() == [10.0, -2.0] for p in paths(at).values())


def own(at: AppTest, text: str) -> AppTest:
    at.selectbox(key="or_surface").select("own").run()
    at.text_input(key="or_expr").input(text).run()
    return at


def test_a_typed_surface_gets_its_gradient_from_the_graph() -> None:
    text = "(w1 - 1)**2 + 3*tanh(w2)**2 + 0.5*w1*w2"
    at = own(open_clean(PAGE, {"race": "sgd", "lr_sgd": "0.1"}), text)
    at.number_input(key="or_w1").set_value(2.0).run()
    at.number_input(key="or_w2").set_value(1.5).run()
    assert not at.exception and not at.error
    _, grads = parse_expression(text, {"w1": 2.0, "w2": 1.5}).evaluate({"w1": 2.0, "w2": 1.5})
    first = paths(at)["SGD"][1]
    np.testing.assert_allclose(first, [2.0 - 0.1 * grads["w1"], 1.5 - 0.1 * grads["w2"]])
    record = race(at).racers[0]
    assert record.spec.lr == 0.1


GARBAGE = {
    "en": [("w1 +", "syntax error"), ("__import__('os')", "names starting with"),
           ("x * w1", "w1 and w2"), ("sum(w1)", "sum"), ("w1.real", "attribute")],
    "vi": [("w1 +", "Không dùng được mặt này")],
}


@pytest.mark.parametrize("lang", GARBAGE)
def test_garbage_typed_surfaces_get_a_clear_error(lang: str) -> None:
    at = open_page(PAGE, lang)
    for text, expected in GARBAGE[lang]:
        own(at, text)
        assert not at.exception, (text, [e.value for e in at.exception])
        assert at.error and expected in at.error[0].value, text
        assert not any(c.proto.id.endswith(CONTOUR) for c in at.get("plotly_chart"))


def test_a_surface_undefined_in_its_window_is_refused() -> None:
    at = own(open_clean(PAGE), "log(w1) + w2**2")
    at.number_input(key="or_w1").set_value(1.0).run()
    assert not at.exception
    assert at.error and "cannot be computed everywhere in the window" in at.error[0].value


def test_settings_come_from_the_url() -> None:
    at = open_clean(PAGE, {"surface": "rosenbrock", "w1": "-1.2", "w2": "1",
                           "race": "nesterov,adam", "lr_nesterov": "0.001", "lr_adam": "0.1",
                           "beta1_adam": "0.8", "steps": "50"})
    assert at.selectbox(key="or_surface").value == "rosenbrock"
    assert set(paths(at)) == {"Nesterov", "Adam"}
    assert all(len(p) == 51 for p in paths(at).values())
    adam = race(at).racers[1].optimizer
    assert (adam.lr, adam.beta1) == (0.1, 0.8)
    assert paths(at)["Adam"][0].tolist() == [-1.2, 1.0]


def test_the_sweep_labels_what_happened_and_shows_the_critical_rate(page: AppTest) -> None:
    figure = chart(page, "or_chart_sweep")
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert titles == ["α = 0.01: crawls", "α = 0.1: converges", "α = 0.178: oscillates",
                      "α = 0.224: diverges"]
    assert any("2/λ_max = **0.2**" in i.value for i in page.info)


def test_the_sweep_suggests_rates_where_no_critical_rate_exists() -> None:
    at = open_clean(PAGE)
    at.selectbox(key="or_sweep").select("adam").run()
    assert "no single rate separates" in shown_text(at)  # Adam rescales its steps
    at.selectbox(key="or_surface").select("beale").run()
    at.button(key="or_suggest").click().run()
    assert not at.exception
    rates = [at.select_slider(key=f"or_s{k}").value for k in range(1, 5)]
    assert rates == [0.0316, 0.316, 3.16, 10.0]  # around the race's rate for Adam, 0.316
    assert len(chart(at, "or_chart_sweep")["layout"]["annotations"]) == 4
