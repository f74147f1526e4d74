"""The playground page: defaults, Step, settings changes that keep the weights, divergence, the
CSV upload, settings from the URL, Play ticks."""

from __future__ import annotations

import json
import re
from itertools import pairwise

import numpy as np
import plotly
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from nncore.experiment import Experiment
from nncore.optimizers import Adam
from tests.app.apptest import figures
from tests.app.training_pages import chart, element_protos, epoch, open_clean, payload
from ui.i18n import translate
from ui.live_chart import JS_INLINE, LIB_INLINE, LIB_SENT, PLOTLY_JS, STATIC, component_code
from ui.training.live_views import SIDE_VIEWS_EVERY
from ui.training.loop import FRAMES

PAGE = "app_pages/training/playground.py"


def experiment(at: AppTest) -> Experiment:
    return at.session_state["pg_experiment"][1]


@pytest.fixture
def page() -> AppTest:
    return open_clean(PAGE)


def test_defaults_show_the_spiral_and_an_untrained_network(page: AppTest) -> None:
    assert epoch(page) == 0
    assert page.selectbox(key="pg_data").value == "spiral"
    assert page.select_slider(key="pg_lr").value == 0.1
    boundary = chart(page, "pg_boundary")
    assert boundary["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    legend = [t["name"] for t in boundary["data"] if t.get("showlegend")]
    assert legend == ["training points", "validation points"]
    assert chart(page, "pg_network")["layout"]["images"]  # small net: neuron pictures
    assert experiment(page).layer_sizes() == [2, 8, 8, 2]


def test_step_advances_one_epoch_and_lowers_the_loss(page: AppTest) -> None:
    for _ in range(5):
        page.button(key="pg_step").click().run()
    assert epoch(page) == 5
    history = experiment(page).history
    assert history.train_loss[-1] < history.train_loss[0]
    assert chart(page, "pg_curves")["data"][0]["x"] == [1, 2, 3, 4, 5]
    assert any("Confusion matrix" in json.dumps(f) for f in figures(page))
    assert page.table  # per-class precision, recall, F1


def test_optimizer_and_learning_rate_change_keeps_the_weights(page: AppTest) -> None:
    page.button(key="pg_step").click().run()
    exp = experiment(page)
    before = [W.copy() for W in exp.weights()]
    page.select_slider(key="pg_lr").set_value(0.01).run()
    assert experiment(page) is exp and exp.trainer.lr == 0.01
    page.selectbox(key="pg_opt").select("adam").run()
    assert isinstance(exp.trainer.optimizer, Adam) and exp.trainer.lr == 0.01
    assert page.select_slider(key="pg_beta1").value == 0.9  # Adam's own settings appear
    for W, W0 in zip(exp.weights(), before, strict=True):
        np.testing.assert_array_equal(W, W0)
    page.button(key="pg_step").click().run()
    assert epoch(page) == 2 and not page.exception


def test_architecture_change_builds_a_new_network(page: AppTest) -> None:
    page.button(key="pg_step").click().run()
    page.slider(key="pg_layers").set_value(3).run()
    page.number_input(key="pg_n3").set_value(5).run()
    assert experiment(page).layer_sizes() == [2, 8, 8, 5, 2] and epoch(page) == 0


def test_a_huge_learning_rate_diverges_with_a_message(page: AppTest) -> None:
    page.slider(key="pg_layers").set_value(6).run()
    for i in range(1, 7):
        page.number_input(key=f"pg_n{i}").set_value(64)
    page.selectbox(key="pg_act").select("relu").run()
    page.select_slider(key="pg_lr").set_value(10.0).run()
    page.button(key="pg_step").click().run()
    assert not page.exception
    assert any("Training stopped at step" in e.value for e in page.error)
    assert any("learning rate 10× smaller" in i.value for i in page.info)
    page.button(key="pg_step").click().run()  # still too large: stops again, no traceback
    assert not page.exception and page.error
    page.select_slider(key="pg_lr").set_value(0.001).run()
    page.button(key="pg_reset").click().run()
    page.button(key="pg_step").click().run()
    assert not page.exception and not page.error and epoch(page) == 1


def test_play_trains_on_every_tick_until_paused(page: AppTest) -> None:
    page.button(key="pg_play").click().run()
    assert page.button(key="pg_pause").label == "Pause"
    page.run()
    page.run()
    assert epoch(page) >= 2
    shown = epoch(page)
    page.button(key="pg_pause").click().run()
    assert page.button(key="pg_play").label == "Play"
    stopped = epoch(page)
    assert stopped == shown  # every run was sent whole: nothing to go back on
    page.run()
    assert epoch(page) == stopped


def test_a_pause_that_interrupts_a_run_shows_the_last_frame_sent(page: AppTest) -> None:
    """In the browser a click on Pause interrupts the run that is training, before it sends
    anything (AppTest runs each run to its end, so the interrupted run is made by hand: its
    checkpoint, then its training)."""
    page.button(key="pg_play").click().run()
    shown = epoch(page)
    experiment = page.session_state["pg_experiment"][1]
    page.session_state["pg_unshown"] = (experiment, experiment.checkpoint())
    weights = [w.copy() for w in experiment.weights()]
    experiment.train_epochs(7)
    page.button(key="pg_pause").click().run()
    assert not page.exception
    assert epoch(page) == shown == experiment.epoch
    assert all(np.array_equal(a, b) for a, b in zip(weights, experiment.weights(), strict=True))
    assert len(experiment.history.train_loss) == shown


def test_play_trains_for_a_time_budget_capped_by_the_speed_setting(page: AppTest) -> None:
    page.select_slider(key="pg_speed").set_value(1).run()  # at most 1 epoch per frame
    page.button(key="pg_play").click().run()
    assert epoch(page) == 0 and page.button(key="pg_pause")  # the click's run shows Pause
    for ticks in range(1, 4):
        page.run()
        assert epoch(page) == FRAMES * ticks
    page.select_slider(key="pg_speed").set_value(0).run()  # max: as many as fit in the time
    assert epoch(page) >= FRAMES * 4 and not page.exception


def test_a_playing_run_sends_a_frame_per_slice_of_training(page: AppTest) -> None:
    page.select_slider(key="pg_speed").set_value(2).run()
    page.button(key="pg_play").click().run()
    page.run()
    page.run()
    sent = {key: payload(page, key)["frames"] for key in ("pg_boundary", "pg_network",
                                                         "pg_curves")}
    assert len(sent["pg_boundary"]) == FRAMES
    # the views beside the boundary: one frame in SIDE_VIEWS_EVERY, the last one included
    assert len(sent["pg_network"]) == len(sent["pg_curves"]) == FRAMES // SIDE_VIEWS_EVERY
    assert all("images" in f["layout"] for f in sent["pg_boundary"])  # a picture per frame
    kept = [f["extend"]["0"]["x"]["at"] for f in sent["pg_curves"]]  # points before each frame
    # each slice trained 1 or 2 epochs (2 at most; fewer once its time slice is used up)
    assert all(SIDE_VIEWS_EVERY <= after - before <= 2 * SIDE_VIEWS_EVERY
               for before, after in pairwise(kept))
    assert chart(page, "pg_curves")["data"][0]["x"][-1] == epoch(page)


def test_live_charts_are_sent_whole_once_then_only_what_changed(page: AppTest) -> None:
    first = payload(page, "pg_boundary")
    assert "figure" in first["frames"][0] and first["rev"] == 0 and page.session_state[LIB_SENT]
    assert "lib" not in payload(page, "pg_network")  # plotly.js once per session
    page.button(key="pg_play").click().run()
    page.run()
    boundary, curves = payload(page, "pg_boundary"), payload(page, "pg_curves")
    assert "lib" not in boundary and boundary["base"] == boundary["rev"] - 1
    for frame in boundary["frames"]:
        assert list(frame) == ["layout"] and list(frame["layout"]) == ["images"]  # the picture
    for frame in curves["frames"][1:]:
        # new points only, and the axes' ends when the points outgrow them
        assert set(frame) <= {"extend", "layout"} and "extend" in frame
        assert {name[:5] for name in frame.get("layout", {})} <= {"xaxis", "yaxis"}
        assert set(frame["extend"]["0"]) == {"x", "y"}
        assert frame["extend"]["0"]["x"]["tail"]["dtype"] == "f4"


def test_plotly_js_is_a_static_file_and_sent_inline_only_if_that_fails(page: AppTest) -> None:
    lib = payload(page, "pg_boundary")["lib"]
    name = f"plotly-{plotly.__version__}.min.js"
    assert lib == {"url": f"app/static/{name}"}  # served by Streamlit, cached by the browser
    assert (STATIC / name).read_bytes() == PLOTLY_JS.read_bytes()
    page.session_state[LIB_INLINE] = True  # what the page's "lib_inline" resync request sets
    page.session_state[LIB_SENT] = False
    page.run()
    sent = [payload(page, key).get("lib") for key in ("pg_boundary", "pg_network")]
    assert sent[0]["source"] == PLOTLY_JS.read_text(encoding="utf-8") and sent[1] is None


def test_the_charts_code_is_a_static_file_and_inline_only_if_that_fails(page: AppTest) -> None:
    def code(key: str) -> str:
        return next(e for e in page.get("bidi_component") if e.key == key).proto.js_content

    loader = code("pg_boundary")
    url = re.search(r'"(app/static/live_chart-[0-9a-f]{12}\.js)"', loader).group(1)
    assert len(loader) < 1000 and code("pg_clock") == loader  # not the 31 kB of code
    copy = STATIC / url.removeprefix("app/static/")
    assert copy.read_text(encoding="utf-8") == component_code()
    page.session_state[JS_INLINE] = True  # what the loader's "js_inline" resync request sets
    page.run()
    assert code("pg_boundary") == code("pg_clock") == component_code() and not page.exception


def test_every_tick_redraws_every_live_view(page: AppTest) -> None:
    """The curves and the network are sent in the same run as the counters and the boundary,
    every tick (they went stale when a cut-short tick redrew only the first views)."""
    page.button(key="pg_play").click().run()
    for _ in range(4):
        revs = {key: payload(page, key)["rev"] for key in ("pg_boundary", "pg_network",
                                                            "pg_curves")}
        page.run()
        for key, rev in revs.items():
            assert payload(page, key)["rev"] == rev + 1, key
        curves = chart(page, "pg_curves")
        assert curves["data"][0]["x"][-1] == epoch(page)  # the last point is this epoch


def test_a_diverging_run_never_repeats_a_cacheable_element() -> None:
    """At lr 10 the boundary stops changing; a tick that sent the same large element again
    got a reference to Streamlit's message cache in the browser, which a busy page had
    already evicted ("Cached ForwardMsg MISS": the page froze). Live charts send a new
    revision every tick, so no large element is ever sent twice."""
    at = open_clean(PAGE, query={"lr": "10"})
    at.button(key="pg_play").click().run()
    smallest = int(config.get_option("global.minCachedMessageSize"))
    seen: set[bytes] = set()
    for _ in range(25):
        at.run()
        large = {p for p in element_protos(at) if len(p) >= smallest}
        assert not large & seen
        seen |= large
    assert not at.exception


def played(query: dict[str, str], ticks: int) -> AppTest:
    at = open_clean(PAGE, query=query)
    at.button(key="pg_play").click().run()
    for _ in range(ticks):
        at.run()
    return at


def test_a_finite_divergence_is_named_with_what_to_try() -> None:
    at = played({"lr": "10"}, 15)
    exp = experiment(at)
    assert exp.stopped_reason is None and exp.divergence() is not None  # finite, climbing
    assert any("The training diverges" in w.value for w in at.warning)
    assert any("learning rate 10× smaller" in i.value for i in at.info)
    # AppTest cannot rerun this page in Vietnamese (it does not know the radios' translated
    # options), so the Vietnamese notice is checked as text.
    details = exp.divergence().details()
    assert "phân kỳ" in translate("vi", f"live_training.diverging_{exp.divergence().reason}",
                                  **details)
    assert "tốc độ học nhỏ hơn 10 lần" in translate("vi", "live_training.diverging_help")


def test_sigmoid_head_with_three_classes_falls_back_to_softmax(page: AppTest) -> None:
    page.slider(key="pg_classes").set_value(3)
    page.selectbox(key="pg_head").select("sigmoid").run()
    assert any("softmax is used" in w.value for w in page.warning)
    assert experiment(page).layer_sizes()[-1] == 3 and not page.exception


def test_a_malformed_csv_shows_an_error(page: AppTest) -> None:
    page.selectbox(key="pg_data").select("csv").run()
    assert any("No data yet" in i.value for i in page.info)
    page.file_uploader(key="pg_csv").set_value(("bad.csv", b"x1,x2,label\n1,2\n", "text/csv"))
    page.run()
    assert any("Row 2 has 2 columns" in e.value for e in page.error)
    assert not page.exception and not page.get("plotly_chart")
    page.file_uploader(key="pg_csv").set_value(("bad.csv", b"1,2,0\n3,x,1\n", "text/csv")).run()
    assert any("Row 2, column 2" in e.value for e in page.error)


def test_a_good_csv_trains(page: AppTest) -> None:
    rows = "x1,x2,label\n" + "".join(f"{i},{i % 7},{'ab'[i % 2]}\n" for i in range(40))
    page.selectbox(key="pg_data").select("csv").run()
    page.file_uploader(key="pg_csv").set_value(("mine.csv", rows.encode(), "text/csv")).run()
    assert not page.error and not page.exception
    assert any("mine.csv: 40 points, 2 classes" in c.value for c in page.caption)
    data = experiment(page).data
    assert len(data.X_train) == 32 and abs(data.X_train.mean()) < 1e-9  # standardised
    page.button(key="pg_step").click().run()
    assert epoch(page) == 1


def test_url_parameters_set_the_widgets_and_are_clamped() -> None:
    at = open_clean(PAGE, query={"data": "moons", "lr": "100", "layers": "9", "n1": "500",
                                "act": "relu", "opt": "rmsprop", "noise": "-3", "batch": "20",
                                "points": "57", "seed": "abc", "edges": "gradients"})
    assert at.selectbox(key="pg_data").value == "moons"
    assert at.select_slider(key="pg_lr").value == 10.0
    assert at.slider(key="pg_layers").value == 6
    assert at.number_input(key="pg_n1").value == 64
    assert at.selectbox(key="pg_act").value == "relu"
    assert at.selectbox(key="pg_opt").value == "rmsprop"
    assert at.slider(key="pg_noise").value == 0.0
    assert at.select_slider(key="pg_batch").value == 16
    assert at.slider(key="pg_points").value == 60
    assert at.number_input(key="pg_seed").value == 0
    assert at.radio(key="pg_edges").value == "gradients"
    assert at.query_params["lr"] == "10" and at.query_params["lang"] == "en"
    assert experiment(at).layer_sizes() == [2, 64, 8, 8, 8, 8, 8, 2]
