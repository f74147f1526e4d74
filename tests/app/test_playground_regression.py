"""The playground's regression mode and the hidden space view (playground and XOR page): data sets
by link, the prediction chart, losses, R², the CSV table upload, the warped grid; both languages."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.experiment import Experiment
from nncore.losses import MAE, Huber
from tests.app.apptest import raw_keys, shown_text
from tests.app.training_pages import chart, epoch, open_clean, payload
from ui.i18n import translate

PAGE = "app_pages/training/playground.py"
XOR = "app_pages/training/xor.py"


def experiment(at: AppTest) -> Experiment:
    return at.session_state["pg_experiment"][1]


def regression_page(lang: str = "en", **query: str) -> AppTest:
    return open_clean(PAGE, query={"task": "regress", "lang": lang, **query})


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_link_opens_the_sine_with_its_curve(lang: str) -> None:
    at = regression_page(lang)
    exp = experiment(at)
    assert exp.is_regression and exp.layer_sizes() == [1, 8, 8, 1]
    curve = chart(at, "pg_prediction")
    assert [trace["mode"] for trace in curve["data"]][-1] == "lines"
    assert len(curve["data"][-1]["x"]) == 100
    text = shown_text(at)
    assert not raw_keys(text)
    assert ("Training R²" if lang == "en" else "R² huấn luyện") in text
    assert ("Regression" if lang == "en" else "Hồi quy") in text


def test_step_trains_and_the_evaluation_has_mse_mae_r2() -> None:
    # (AppTest cannot rerun the page in Vietnamese: it does not know the radios' translated
    # options; the Vietnamese first run is checked above.)
    at = regression_page()
    exp = experiment(at)
    for _ in range(3):
        at.button(key="pg_step").click().run()
    assert epoch(at) == 3 and not at.exception
    history = exp.history
    assert history.train_loss[-1] < history.train_loss[0]
    table = at.table[0].value  # MSE, MAE, R² on the three sets
    assert len(table) == 3 and {"MSE", "MAE", "R²"} <= set(table.columns)
    assert not raw_keys(shown_text(at))


def test_two_inputs_draw_the_prediction_map_and_the_loss_choice_applies() -> None:
    at = regression_page(rdata="bump", loss="huber")
    exp = experiment(at)
    assert exp.layer_sizes() == [2, 8, 8, 1] and isinstance(exp.trainer.loss, Huber)
    figure = chart(at, "pg_prediction")
    assert figure["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    assert figure["data"][0]["marker"]["showscale"]  # points coloured by their target
    at.button(key="pg_step").click().run()
    at.selectbox(key="pg_loss").select("mae").run()
    exp = experiment(at)
    assert isinstance(exp.trainer.loss, MAE) and epoch(at) == 0  # a new network


def test_a_learning_rate_change_keeps_the_regression_weights() -> None:
    at = regression_page(rdata="plane")
    at.button(key="pg_step").click().run()
    exp = experiment(at)
    before = [W.copy() for W in exp.weights()]
    at.select_slider(key="pg_lr").set_value(0.01).run()
    assert experiment(at) is exp and exp.trainer.lr == 0.01
    for W, W0 in zip(exp.weights(), before, strict=True):
        np.testing.assert_array_equal(W, W0)


def test_switching_the_task_switches_the_data() -> None:
    at = open_clean(PAGE)
    assert not experiment(at).is_regression
    at.radio(key="pg_task").set_value("regress").run()
    assert experiment(at).is_regression and not at.exception
    at.radio(key="pg_task").set_value("classify").run()
    assert experiment(at).layer_sizes() == [2, 8, 8, 2]


def test_play_updates_the_prediction_in_place() -> None:
    at = regression_page()
    assert "figure" in payload(at, "pg_prediction")["frames"][0]
    at.button(key="pg_play").click().run()
    at.run()
    at.run()
    frames = payload(at, "pg_prediction")["frames"]
    assert frames and all("figure" not in f for f in frames)  # only what changed
    assert epoch(at) >= 2
    curves = chart(at, "pg_curves")
    assert [a["text"] for a in curves["layout"]["annotations"]][-1] == "<b>R² by epoch</b>"


def test_the_regression_table_upload() -> None:
    at = regression_page(rdata="csv")
    assert any("x1, x2, y" in i.value for i in at.info)
    at.file_uploader(key="pg_rcsv").set_value(("bad.csv", b"x,y\n1,2,3,4\n", "text/csv")).run()
    assert any("every row needs 2 (x, y) or 3" in e.value for e in at.error)
    rows = "x1,x2,price\n" + "".join(f"{i},{i % 7},{1000 + 3 * i}\n" for i in range(40))
    at.file_uploader(key="pg_rcsv").set_value(("houses.csv", rows.encode(), "text/csv")).run()
    assert not at.exception and not at.error
    exp = experiment(at)
    assert exp.is_regression and exp.n_inputs == 2 and exp.data.has_test
    assert abs(exp.data.y_train.mean()) < 0.5  # standardised
    assert any("houses.csv: 40 points" in c.value for c in at.caption)


def test_a_refused_upload_message_in_vietnamese() -> None:
    at = regression_page("vi", rdata="csv")
    assert any("x1, x2, y" in i.value for i in at.info) and not at.exception
    message = translate("vi", "errors.csv.too_few_points", found=2, limit=5)
    assert "cần ít nhất 5 điểm" in translate("vi", "playground.csv_rejected", name="x.csv",
                                             reason=message)


@pytest.mark.parametrize(("width", "kind"), [(2, "scatter"), (3, "scatter3d")])
def test_the_hidden_space_of_a_narrow_last_layer(width: int, kind: str) -> None:
    at = open_clean(PAGE, query={"n2": str(width)})
    figure = chart(at, "pg_hidden_space")
    assert [trace["type"] for trace in figure["data"][:2]] == [kind, kind]
    assert len(figure["data"][0]["x"]) == 21 * 51  # 21 lines of 50 points, each with a gap
    if width == 2:
        assert figure["layout"]["images"]  # the output layer's regions under the grid
    at.button(key="pg_play").click().run()
    at.run()
    frames = payload(at, "pg_hidden_space")["frames"]
    assert frames and all("figure" not in f for f in frames)  # the grid moves in place
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_wide_last_layer_says_how_to_see_the_hidden_space(lang: str) -> None:
    at = open_clean(PAGE, query={"lang": lang})
    hint = "2 or 3 neurons; it has 8" if lang == "en" else "2 hoặc 3 nơ-ron; lớp này có 8"
    assert any(hint in c.value for c in at.caption)
    assert not raw_keys(shown_text(at))


def test_the_regression_hidden_space() -> None:
    at = regression_page(rdata="saddle", n2="2")
    figure = chart(at, "pg_hidden_space")
    assert figure["data"][2]["marker"]["cmax"] > 0  # points coloured by target
    assert not at.exception


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_xor_mlp_bends_its_grid(lang: str) -> None:
    at = open_clean(XOR, query={"lang": lang})
    figure = chart(at, "xor_hidden_space")
    lines = [trace for trace in figure["data"] if trace.get("mode") == "lines"]
    assert len(lines) == 2 and figure["layout"]["images"]
    assert not at.exception and not raw_keys(shown_text(at))
