"""The playground's settings: one spec table (kept in the URL, see ``ui.url_state``) and the
sidebar widgets that turn it into the engine's ``DataSettings``, ``NetworkSettings`` and
``TrainingSettings``, plus the CSV upload.

Every widget's key is ``pg_<setting>`` (``pg_lr``, ``pg_layers``, …); the URL parameter is
the setting's name (``?lr=0.03&layers=3``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import streamlit as st

from nncore.choices import HYPERPARAMETERS, LEARNING_RATES, OPTIMIZER_NAMES, OPTIMIZERS
from nncore.data.csv_points import MAX_BYTES, MAX_ROWS, PointsCSVError, parse_points_csv
from nncore.data.plane import (
    GENERATED,
    MULTI_CLASS,
    DataSettings,
    PlaneData,
    make_plane_data,
    split_plane_data,
)
from nncore.experiment import (
    ACTIVATIONS,
    HEADS,
    INITS,
    REGULARIZERS,
    NetworkSettings,
    TrainingSettings,
)
from ui.i18n import t
from ui.sidebar import settings_area
from ui.training.regression_views import (
    REGRESSION_SETTINGS,
    TASKS,
    generated_source,
    uploaded_source,
)
from ui.url_state import Setting, UrlState, hidden

BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 0)  # 0: the whole training set
PENALTY_RATES = (0.00001, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
SPEEDS = (1, 2, 5, 10, 20, 50, 0)  # most epochs per frame; 0: as many as the time budget allows
MAX_LAYERS, MAX_WIDTH = 6, 64
UPLOAD = "csv"

SETTINGS = (
    *REGRESSION_SETTINGS,
    Setting("data", "spiral", choices=(*GENERATED, UPLOAD), label="playground.dataset"),
    Setting("classes", 2, 2, 5, label="playground.classes"),
    Setting("points", 100, 10, 300, step=10, label="playground.points"),
    Setting("noise", 0.2, 0.0, 1.0, step=0.05, label="playground.noise"),
    Setting("train", 80, 50, 90, step=5, label="playground.train_share"),
    Setting("dseed", 0, 0, 9999, label="playground.data_seed"),
    Setting("layers", 2, 0, MAX_LAYERS, label="playground.layers"),
    *(Setting(f"n{i}", 8, 1, MAX_WIDTH, label="classroom.control.widths", group="widths")
      for i in range(1, MAX_LAYERS + 1)),
    Setting("act", "tanh", choices=ACTIVATIONS, label="playground.activation"),
    Setting("head", "softmax", choices=HEADS, label="playground.head"),
    Setting("init", "auto", choices=INITS, label="playground.init"),
    Setting("seed", 0, 0, 9999, label="playground.seed"),
    Setting("opt", "sgd", choices=OPTIMIZER_NAMES, label="playground.optimizer"),
    Setting("lr", 0.1, choices=LEARNING_RATES, label="training.lr"),
    Setting("batch", 16, choices=BATCH_SIZES, label="playground.batch"),
    Setting("reg", "none", choices=REGULARIZERS, label="playground.penalty"),
    Setting("rate", 0.001, choices=PENALTY_RATES, label="playground.penalty_rate"),
    Setting("rho", 0.9, choices=HYPERPARAMETERS["rho"].grid, label="classroom.control.rho"),
    Setting("beta1", 0.9, choices=HYPERPARAMETERS["beta1"].grid, label="playground.beta1"),
    Setting("beta2", 0.999, choices=HYPERPARAMETERS["beta2"].grid, label="playground.beta2"),
    Setting("wd", 0.01, choices=HYPERPARAMETERS["weight_decay"].grid,
            label="playground.weight_decay"),
    Setting("speed", 0, choices=SPEEDS, label="playground.speed"),
    Setting("edges", "weights", choices=("weights", "gradients"), label="playground.edges"),
)
STATE = UrlState("pg", SETTINGS)


@dataclass(frozen=True)
class DataChoice:
    """The data the widgets ask for: ``source`` identifies it, ``make_data`` builds it (both
    None while an upload is missing or wrong, ``problem`` then says what is wrong)."""

    source: Hashable | None
    make_data: Callable[[], PlaneData] | None
    n_classes: int = 2
    problem: str | None = None


@dataclass(frozen=True)
class PlaygroundChoice:
    """Everything the widgets say: data, network, training, the most epochs per frame (0: no
    limit but the time budget) and whether the edges show gradients."""

    data: DataChoice
    network: NetworkSettings
    training: TrainingSettings
    speed: int
    gradients: bool


def _regenerate() -> None:
    key = STATE.key("dseed")
    st.session_state[key] = (int(st.session_state.get(key, 0)) + 1) % 10_000


def _upload() -> DataChoice:
    """The CSV uploader: the parsed points (kept in the session for later runs), or a clear
    error message and no data."""
    ratio, seed = STATE.value("train") / 100, int(STATE.value("dseed"))
    file = st.file_uploader(t("playground.csv_label"), type=["csv", "txt"], key="pg_csv",
                            help=t("playground.csv_help", rows=MAX_ROWS, size=MAX_BYTES // 1000))
    if file is not None:
        content = file.getvalue()
        try:
            X, y = parse_points_csv(content)
        except PointsCSVError as error:
            reason = t(f"errors.{error.code}", **error.details)
            problem = t("playground.csv_rejected", name=file.name, reason=reason)
            return DataChoice(None, None, problem=problem)
        digest = hashlib.sha256(content).hexdigest()
        st.session_state["pg_uploaded"] = (file.name, digest, X, y)
    kept = st.session_state.get("pg_uploaded")
    if kept is None:
        return DataChoice(None, None)
    name, digest, X, y = kept
    n_classes = int(y.max()) + 1
    st.caption(t("playground.csv_loaded", name=name, rows=len(X), classes=n_classes))
    return DataChoice((UPLOAD, digest, ratio, seed),
                      lambda: split_plane_data(X, y, ratio, seed, standardize=True), n_classes)


def _regression_data(dataset: str, settings: DataSettings) -> DataChoice:
    """The regression half: a generated set or the table upload (no classes: n_classes 0)."""
    if dataset == UPLOAD:
        source = uploaded_source("pg", settings.train_ratio, settings.seed)
    else:
        source = generated_source(settings)
    return DataChoice(source.source, source.make_data, 0, source.problem)


def _dataset(regress: bool) -> str:
    if regress:
        return str(STATE.select("rdata", t("regression.dataset"), names="regression.datasets"))
    return str(STATE.select("data", t("playground.dataset"), names="playground.datasets"))


def data_widgets() -> DataChoice:
    """The data expander: returns the data's source, its builder and its number of classes
    (0: regression targets)."""
    regress = STATE.draw("task", st.radio, t("regression.task"), TASKS, horizontal=True,
                         format_func=lambda task: t(f"regression.tasks.{task}"),
                         help=t("regression.task_help")) == "regress"
    dataset = _dataset(regress)
    generated = dataset != UPLOAD
    STATE.draw("classes", st.slider, t("playground.classes"), 2, 5,
               disabled=regress or dataset not in MULTI_CLASS, help=t("playground.classes_help"))
    STATE.draw("points", st.slider, t("regression.points" if regress else "playground.points"),
               10, 300, step=10, disabled=not generated)
    STATE.draw("noise", st.slider, t("playground.noise"), 0.0, 1.0, step=0.05,
               disabled=not generated)
    STATE.draw("train", st.slider, t("playground.train_share"), 50, 90, step=5, format="%d %%",
               help=t("playground.train_share_help"))
    STATE.draw("dseed", st.number_input, t("playground.data_seed"), 0, 9999)
    if not hidden(STATE, "dseed"):
        st.button(t("playground.regenerate"), key="pg_regenerate", on_click=_regenerate,
                  icon=":material/refresh:", width="stretch",
                  help=t("playground.regenerate_help"))
    if regress:
        return _regression_data(dataset, DataSettings(
            dataset=dataset, points=int(STATE.value("points")), noise=float(STATE.value("noise")),
            train_ratio=STATE.value("train") / 100, seed=int(STATE.value("dseed"))))
    if not generated:
        return _upload()
    settings = DataSettings(
        dataset=dataset, classes=int(STATE.value("classes")) if dataset in MULTI_CLASS else 2,
        points=int(STATE.value("points")), noise=float(STATE.value("noise")),
        train_ratio=STATE.value("train") / 100, seed=int(STATE.value("dseed")))
    return DataChoice(settings, lambda: make_plane_data(settings), settings.classes)


def network_widgets(n_classes: int) -> NetworkSettings:
    """The network expander: hidden layers and their widths, activation, head, init, seed."""
    layers = STATE.draw("layers", st.slider, t("playground.layers"), 0, MAX_LAYERS)
    widths: list[int] = []
    columns = st.columns(2)
    for i in range(1, layers + 1):
        widths.append(int(STATE.draw(f"n{i}", columns[(i - 1) % 2].number_input,
                                     t("playground.width", layer=i), 1, MAX_WIDTH)))
    activation = STATE.select("act", t("playground.activation"), names="training.activations")
    head, loss = _head_and_loss(n_classes)
    if head == "sigmoid" and n_classes > 2:
        st.warning(t("playground.sigmoid_needs_two", classes=n_classes))
        head = "softmax"
    init = STATE.select("init", t("playground.init"), names="playground.inits",
                        help=t("playground.init_help"))
    seed = STATE.draw("seed", st.number_input, t("playground.seed"), 0, 9999,
                      help=t("playground.seed_help"))
    return NetworkSettings(hidden=tuple(widths), activation=str(activation), head=str(head),
                           init=str(init), seed=int(seed), loss=loss)


def _head_and_loss(n_classes: int) -> tuple[str, str]:
    """The classifier's head (its own loss), or for regression (``n_classes`` 0) the linear
    head with the chosen loss."""
    if n_classes == 0:
        return "linear", str(STATE.select("loss", t("regression.loss"), names="regression.losses",
                                          help=t("regression.loss_help")))
    return str(STATE.select("head", t("playground.head"), names="playground.heads",
                            help=t("playground.head_help"))), ""


def training_widgets() -> TrainingSettings:
    """The training expander: optimizer and its settings, learning rate, batch, penalty."""
    optimizer = str(STATE.select("opt", t("playground.optimizer"), names="training.optimizers"))
    lr = STATE.select("lr", t("training.lr"), slider=True, help=t("training.lr_help"))
    options = OPTIMIZERS[optimizer].settings
    if "rho" in options:
        STATE.select("rho", t(f"playground.rho_{optimizer}"), slider=True)
    if "beta1" in options:
        STATE.select("beta1", t("playground.beta1"), slider=True)
        STATE.select("beta2", t("playground.beta2"), slider=True)
    if "weight_decay" in options:
        STATE.select("wd", t("playground.weight_decay"), slider=True)
    batch = int(STATE.draw(
        "batch", st.select_slider, t("playground.batch"), BATCH_SIZES,
        format_func=lambda b: t("playground.full_batch") if b == 0 else str(b)))
    penalty = str(STATE.select("reg", t("playground.penalty"), names="playground.penalties"))
    rate = STATE.select("rate", t("playground.penalty_rate"), slider=True,
                        disabled=penalty == "none")
    return TrainingSettings(
        optimizer=optimizer, lr=float(lr), batch_size=batch or None, regularizer=penalty,
        reg_rate=float(rate), rho=float(STATE.value("rho")), beta1=float(STATE.value("beta1")),
        beta2=float(STATE.value("beta2")), weight_decay=float(STATE.value("wd")))


def settings_sidebar() -> PlaygroundChoice:
    """All the settings in the sidebar (three expanders); the URL is updated after them."""
    STATE.restore()
    with settings_area():  # the sidebar, or a main-area expander when embedded
        with st.expander(t("playground.data_title"), icon=":material/scatter_plot:",
                         expanded=True):
            data = data_widgets()
        with st.expander(t("playground.network_title"), icon=":material/hub:", expanded=True):
            network = network_widgets(data.n_classes)
        with st.expander(t("playground.training_title"), icon=":material/tune:",
                         expanded=True):
            training = training_widgets()
            speed = STATE.select("speed", t("playground.speed"), slider=True,
                                 names="playground.speeds", help=t("playground.speed_help"))
    STATE.save()
    return PlaygroundChoice(data, network, training, int(speed),
                            STATE.value("edges") == "gradients")
