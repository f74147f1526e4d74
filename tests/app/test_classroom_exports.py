"""Take it home: the training pages' downloads load back into nncore with the same predictions,
the data CSV re-uploads into the playground, the history CSV has a row per epoch, and the
chart config offers a PNG."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.export import model_from_json, model_from_npz
from nncore.model import Sequential
from tests.app.training_pages import open_clean
from ui.downloads import all_points, chart_config, experiment_files

PAGES = {"pg": "app_pages/training/playground.py", "xor": "app_pages/training/xor.py"}


def trained(key: str, epochs: int = 30) -> tuple[AppTest, object]:
    at = open_clean(PAGES[key], query={"data": "moons"} if key == "pg" else None)
    experiment = at.session_state[f"{key}_experiment"][1]
    experiment.train_epochs(epochs)
    at.run()
    return at, experiment


@pytest.mark.parametrize("key", list(PAGES))
def test_downloaded_weights_load_back_with_the_same_predictions(key: str) -> None:
    at, experiment = trained(key)
    assert [b.key for b in at.get("download_button") if b.key.startswith(f"{key}_download")] \
        == [f"{key}_download_{k}" for k in range(4)]
    files = {f.file_name.rsplit("-", 1)[1]: f.make() for f in experiment_files(experiment, key)}
    X = np.concatenate([experiment.data.X_train, experiment.data.X_valid.reshape(-1, 2)])
    expected = experiment.model.predict_proba(X)
    for loaded in (model_from_npz(files["weights.npz"]), model_from_json(files["weights.json"]),
                   Sequential.load(io.BytesIO(files["weights.npz"]))):
        np.testing.assert_allclose(loaded.predict_proba(X), expected, rtol=0, atol=1e-12)
        assert np.array_equal(loaded.predict(X), experiment.model.predict(X))


def test_history_csv_has_a_row_per_epoch() -> None:
    _, experiment = trained("pg", 12)
    history = next(f.make() for f in experiment_files(experiment, "pg")
                   if f.file_name.endswith("history.csv"))
    rows = list(csv.reader(io.StringIO(history)))
    assert rows[0][0] == "epoch" and "train_loss" in rows[0]
    assert len(rows) - 1 == len(experiment.history.epoch_numbers) and rows[-1][0] == "12"


def test_the_data_csv_re_uploads_into_the_playground() -> None:
    _, experiment = trained("pg", 1)
    data = next(f.make() for f in experiment_files(experiment, "pg")
                if f.file_name.endswith("data.csv"))
    X, y = all_points(experiment.data)
    at = open_clean(PAGES["pg"], query={"data": "csv"})
    at.file_uploader(key="pg_csv").set_value(("moons.csv", data.encode(), "text/csv")).run()
    assert not at.error and not at.exception
    uploaded = at.session_state["pg_uploaded"]
    np.testing.assert_array_equal(uploaded[2], X)
    np.testing.assert_array_equal(uploaded[3], y)


def test_chart_config_has_one_toolbar_button_saving_a_png() -> None:
    config = chart_config("boundary")
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"] == "boundary"


def test_every_graph_player_offers_its_steps_as_csv() -> None:
    from nncore.export import trace_to_csv
    from nncore.graph import examples
    from tests.app.apptest import open_page

    for path, key in (("app_pages/graphs/chain_rule.py", "chain_simple"),
                      ("app_pages/graphs/sigmoid_gate.py", "sig_expanded"),
                      ("app_pages/graphs/vectorized.py", "vec_matrix")):
        at = open_page(path)
        assert at.get("download_button") and any(
            b.key == f"{key}_trace_download_0" for b in at.get("download_button")), path
    trace = examples.simple(x=-2.0, y=5.0, z=-4.0).run()
    rows = list(csv.DictReader(io.StringIO(trace_to_csv(trace))))
    assert len(rows) == len(trace) and set(rows[0]) == {"step", "phase", "node", "value",
                                                        "gradient", "rule"}
    assert rows[-1]["phase"] == "backward"


def test_test_set_metrics_appear_only_after_training_with_their_confusion_matrix() -> None:
    at = open_clean(PAGES["pg"])
    assert not [m for m in at.metric if m.label.startswith("Test")]
    experiment = at.session_state["pg_experiment"][1]
    experiment.train_epochs(20)
    at.run()
    shown = {m.label: m.value for m in at.metric if m.label.startswith("Test")}
    loss, accuracy = experiment.evaluate("test")
    assert shown == {"Test loss": f"{loss:.3f}", "Test accuracy": f"{100 * accuracy:.1f} %"}
    assert any(e.key == "pg_confusion_test" for e in at.get("bidi_component"))
