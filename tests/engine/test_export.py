"""Downloads read back: a network from .npz or JSON predicts exactly as before; exported points
re-parse to the same points; histories and traces become plain CSV rows."""

from __future__ import annotations

import csv
import io
import json
import string
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nncore.data import spiral
from nncore.data.csv_points import parse_points_csv
from nncore.export import (
    CODES,
    ModelFileError,
    history_to_csv,
    model_from_json,
    model_from_npz,
    model_to_json,
    model_to_npz,
    points_to_csv,
    trace_to_csv,
)
from nncore.export.model_files import _MESSAGES
from nncore.graph import examples
from nncore.model import Sequential, mlp
from nncore.training import Trainer

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"


@pytest.fixture(scope="module")
def trained() -> tuple[Sequential, np.ndarray, np.ndarray]:
    X, y = spiral(40, 3, seed=1)
    model = mlp([2, 6, 5, 3], activation="leaky_relu", alpha=0.2, seed=3)
    Trainer(model, X, y, lr=0.5, batch_size=None).run_steps(50)
    return model, X, y


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_npz_bytes_load_back_with_identical_predictions(trained) -> None:
    model, X, _ = trained
    data = model_to_npz(model)
    for loaded in (model_from_npz(data), Sequential.load(io.BytesIO(data))):
        np.testing.assert_array_equal(loaded.output(X), model.output(X))
        assert loaded.head.name == "softmax" and repr(loaded) == repr(model)


def test_json_loads_back_with_identical_predictions(trained) -> None:
    model, X, _ = trained
    text = model_to_json(model)
    document = json.loads(text)
    assert document["sizes"] == [2, 6, 5, 3] and document["activation"] == "leaky_relu"
    assert np.array(document["layers"][0]["W"]).shape == (6, 2)  # W⁽¹⁾ is n_out × n_in
    loaded = model_from_json(text)
    np.testing.assert_array_equal(loaded.output(X), model.output(X))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded[1].alpha == 0.2
    sigmoid = mlp([2, 3, 1], activation="tanh", head="sigmoid", seed=0)
    assert model_from_json(model_to_json(sigmoid, indent=2)).head.name == "sigmoid"


def tampered(model: Sequential, change) -> str:
    document = json.loads(model_to_json(model))
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d.update(format="other"), "model_file.layout"),
        (lambda d: d.update(head="eval"), "model_file.layout"),
        (lambda d: d.update(layers=[]), "model_file.layout"),
        (lambda d: d["layers"][1].update(type="__import__"), "model_file.layer_type"),
        (lambda d: d["layers"][1].update(config={"alpha": "x"}), "model_file.layer"),
        (lambda d: d["layers"][1].update(config={"beta": 1.0}), "model_file.layer"),
        (lambda d: d["layers"][0].update(W="many"), "model_file.layer"),
        (lambda d: d["layers"][0].update(W=[1.0, 2.0]), "model_file.layer"),
        (lambda d: d["layers"][2].update(W=[[1.0] * 4] * 5), "model_file.shapes"),
        (lambda d: d["layers"][0].update(b=[0.0]), "model_file.shapes"),
    ],
)
def test_bad_json_files_are_refused_clearly(trained, change, code: str) -> None:
    with pytest.raises(ModelFileError) as caught:
        model_from_json(tampered(trained[0], change))
    assert caught.value.code == code and code in CODES and str(caught.value)


def test_broken_files_are_refused_clearly(trained) -> None:
    nan = tampered(trained[0], lambda d: d["layers"][2]["W"][0].__setitem__(0, float("nan")))
    assert "NaN" in nan  # JSON parsers accept NaN and Infinity
    for text, code in [("{not json", "model_file.not_json"), (b"\xff\xfe", "model_file.not_json"),
                       ("[1, 2]", "model_file.layout"), (nan, "model_file.not_finite"),
                       ("[" * 100_000, "model_file.not_json")]:
        with pytest.raises(ModelFileError) as caught:
            model_from_json(text)
        assert caught.value.code == code
    for data in (b"", b"PK\x03\x04junk", model_to_json(trained[0]).encode()):
        with pytest.raises(ModelFileError) as caught:
            model_from_npz(data)
        assert caught.value.code == "model_file.not_npz"
    buffer = io.BytesIO()
    np.savez(buffer, W1=np.ones((2, 2)))
    with pytest.raises(ModelFileError, match="does not describe"):
        model_from_npz(buffer.getvalue())


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_model_file_codes_have_translations(lang: str) -> None:
    with (I18N / lang / "errors_model_file.toml").open("rb") as handle:
        table = tomllib.load(handle)["errors"]["model_file"]
    assert sorted(f"model_file.{k}" for k in table) == sorted(CODES)

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n}

    assert all(names(table[c.split(".")[1]]) == names(_MESSAGES[c]) for c in CODES)


def test_points_csv_reparses_to_the_same_points() -> None:
    X, y = spiral(30, 3, seed=4)
    X = X * np.array([1e-7, 3e5]) + 1 / 3  # awkward numbers survive exactly
    text = points_to_csv(X, y)
    assert rows(text)[0] == ["x1", "x2", "label"]
    X2, y2 = parse_points_csv(text)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(y2, y)
    X3, y3 = parse_points_csv(points_to_csv(X, y, class_names=["cat", "dog", "owl"]))
    np.testing.assert_array_equal(X3, X)
    np.testing.assert_array_equal(y3, y)
    with pytest.raises(ValueError, match="labels"):
        points_to_csv(X, y[:-1])


def test_history_csv_has_one_row_per_kept_epoch_and_step() -> None:
    X, y = spiral(20, 2, seed=0)
    trainer = Trainer(mlp([2, 4, 2]), X, y, batch_size=20, X_val=X, y_val=y)
    trainer.run_epochs(5)
    table = rows(history_to_csv(trainer.history))
    assert table[0] == ["epoch", "train_loss", "data_loss", "penalty", "train_accuracy",
                        "val_loss", "val_accuracy"]
    assert [r[0] for r in table[1:]] == ["1", "2", "3", "4", "5"]
    assert float(table[-1][1]) == trainer.history.train_loss[-1]
    steps = rows(history_to_csv(trainer.history, per="step"))
    assert steps[0][:2] == ["step", "step_loss"] and len(steps) == 1 + 10
    no_validation = Trainer(mlp([2, 4, 2]), X, y)
    no_validation.run_epochs(1)
    assert "val_loss" not in rows(history_to_csv(no_validation.history))[0]
    with pytest.raises(ValueError):
        history_to_csv(trainer.history, per="batch")


def test_trace_csv_rows_follow_the_trace() -> None:
    trace = examples.simple().run()  # f = (x + y) z at x = -2, y = 5, z = -4
    table = rows(trace_to_csv(trace))
    assert table[0] == ["step", "phase", "node", "value", "gradient", "rule"]
    assert len(table) == 1 + len(trace)
    assert table[3] == ["3", "forward", "q", "3.0", "", "q = x + y"]
    assert table[8] == ["8", "backward", "q", "3.0", "-4.0", "∂q/∂x = 1; ∂q/∂y = 1"]
    assert [r[4] for r in table[1:] if r[1] == "backward" and r[2] in "xyz"] == [
        "3.0", "-4.0", "-4.0"]  # ∂f/∂z, ∂f/∂y, ∂f/∂x
    vector = rows(trace_to_csv(examples.vectorized().run()))
    q = next(r for r in vector if r[1] == "backward" and r[2] == "q")
    assert json.loads(q[3]) == pytest.approx([0.22, 0.26]) and "g = ∂f/∂q" in q[5]
