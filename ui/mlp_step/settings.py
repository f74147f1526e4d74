"""The settings of the one-training-step page: widgets → :class:`~nncore.mlp_step.StepSetup`,
the problems of a setup with a button that fixes each, and the data table with its notes.

Every widget is keyed ``mlp_step_<setting>``. Choosing a network loads its preset into the
other widgets (through a callback, before they are drawn); a fix button does the same with the
problem's settings. Sizes are capped by the widgets and checked again by the engine.
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from nncore.choices import HYPERPARAMETERS, LEARNING_RATES
from nncore.mlp_step import (
    HIDDEN_ACTIVATIONS,
    LOSSES,
    MAX_HIDDEN_LAYERS,
    MAX_WIDTH,
    NETWORKS,
    OPTIMIZERS,
    OUTPUT_ACTIVATIONS,
    PRESETS,
    Problem,
    StepData,
    StepSetup,
    step_data,
)
from ui.i18n import t
from ui.layout import fmt
from ui.url_state import Setting, UrlState

KEY = "mlp_step"
CHOICE_NAMES = {"network": "network_name", "hidden": "activation_name",
                "output": "activation_name", "loss": "loss_name", "optimizer": "optimizer_name"}


def key(name: str) -> str:
    return f"{KEY}_{name}"


def _widget_values(setup: StepSetup) -> dict[str, object]:
    """The widget states that show ``setup``."""
    values = {k: v for k, v in asdict(setup).items() if k not in ("sizes", "batch", "network")}
    values["batch_mode"] = setup.batch > 1
    if setup.batch > 1:
        values["batch"] = setup.batch
    sizes = setup.sizes
    if setup.network == "custom":
        values |= {"inputs": sizes[0], "outputs": sizes[-1], "hidden_layers": len(sizes) - 2}
        values |= {f"width_{k}": n for k, n in enumerate(sizes[1:-1], 1)}
    return values


def preset_values(network: str) -> dict[str, object]:
    """Every widget's value when ``network`` is chosen: its preset, over the sizes of "your
    own MLP" (a hidden layer added later starts with 3 neurons) and a batch of 3."""
    values: dict[str, object] = {f"width_{k}": 3 for k in range(1, MAX_HIDDEN_LAYERS + 1)}
    values |= {"batch": 3} | _widget_values(PRESETS["custom"])
    return values | _widget_values(PRESETS[network])


_FIRST = preset_values("3442")
# In the URL, relative to the chosen network's preset: ?network=xor&lr=0.3&hidden=tanh&seed=2.
STATE = UrlState(KEY, (
    Setting("network", "3442", choices=NETWORKS, label="mlp_step.network"),
    *(Setting(name, _FIRST[name], 1, high, label="classroom.control.sizes", group="sizes")
      for name, high in (("inputs", MAX_WIDTH), ("hidden_layers", MAX_HIDDEN_LAYERS),
                         *((f"width_{k}", MAX_WIDTH) for k in range(1, MAX_HIDDEN_LAYERS + 1)),
                         ("outputs", MAX_WIDTH))),
    *(Setting(name, _FIRST[name], choices=choices, label=label) for name, choices, label in (
        ("hidden", HIDDEN_ACTIVATIONS, "mlp_step.hidden_activation"),
        ("output", OUTPUT_ACTIVATIONS, "mlp_step.output_activation"),
        ("loss", LOSSES, "mlp_step.loss"), ("optimizer", OPTIMIZERS, "mlp_step.optimizer"),
        ("lr", LEARNING_RATES, "mlp_step.lr"),
        ("rho", HYPERPARAMETERS["rho"].grid, "mlp_step.rho"))),
    Setting("seed", 0, 0, 9999, label="mlp_step.seed"),
    Setting("batch_mode", False, label="mlp_step.batch_toggle"),
    Setting("batch", 3, 2, 64, label="mlp_step.batch_size"),
    Setting("sample", _FIRST["sample"], 0, 63, label="mlp_step.sample"),
    Setting("standardize", True, label="mlp_step.standardize"),
))


def _apply(values: dict[str, object]) -> None:
    for name, value in values.items():
        st.session_state[key(name)] = value


def _load_preset() -> None:
    """Callback of the network choice: its preset into the other widgets."""
    _apply(_widget_values(PRESETS[st.session_state[key("network")]]))


def _apply_fix(setup: StepSetup, problem: Problem) -> None:
    fixed = {**asdict(setup), **problem.fix}
    _apply(_widget_values(StepSetup(**fixed)))


def _names(name: str, options: tuple[str, ...]) -> dict[str, str]:
    """The options' names in the session's language, looked up now: a ``format_func`` that
    calls ``t`` later (AppTest does, outside the run) would not know the language."""
    return {o: t(f"mlp_step.{CHOICE_NAMES[name]}.{o}") for o in options}


def _choice(column: DeltaGenerator, name: str, options: tuple[str, ...], label: str) -> str:
    return STATE.draw(name, column.selectbox, label, options,
                      format_func=_names(name, options).__getitem__)


def _custom_sizes() -> tuple[int, ...]:
    """Inputs, the hidden layers' widths and outputs of "your own MLP", capped by the widgets."""
    columns = st.columns(2 + MAX_HIDDEN_LAYERS + 1)
    n_in = STATE.draw("inputs", columns[0].number_input, t("mlp_step.inputs"), 1, MAX_WIDTH)
    hidden = STATE.draw("hidden_layers", columns[1].number_input, t("mlp_step.hidden_layers"),
                        1, MAX_HIDDEN_LAYERS)
    widths = [STATE.draw(f"width_{k}", columns[1 + k].number_input,
                         t("mlp_step.width", layer=k), 1, MAX_WIDTH)
              for k in range(1, int(hidden) + 1)]
    n_out = STATE.draw("outputs", columns[-1].number_input, t("mlp_step.outputs"), 1, MAX_WIDTH)
    return tuple(int(n) for n in (n_in, *widths, n_out))


def _sample_label(data: StepData, row: int) -> str:
    return t("mlp_step.sample_row", row=row + 1, x=", ".join(f"{v:g}" for v in data.X_raw[row]),
             t=", ".join(f"{v:g}" for v in data.T_raw[row]))


def setup_widgets() -> StepSetup:
    """Draw the settings and return the setup they describe."""
    STATE.restore(preset_values(STATE.peek("network")))  # a link's values, over its preset
    network = STATE.draw("network", st.radio, t("mlp_step.network"), NETWORKS, horizontal=True,
                         format_func=_names("network", NETWORKS).__getitem__,
                         on_change=_load_preset)
    sizes = _custom_sizes() if network == "custom" else PRESETS[network].sizes
    hidden_col, output_col, loss_col = st.columns(3)
    hidden = _choice(hidden_col, "hidden", HIDDEN_ACTIVATIONS, t("mlp_step.hidden_activation"))
    output = _choice(output_col, "output", OUTPUT_ACTIVATIONS, t("mlp_step.output_activation"))
    loss = _choice(loss_col, "loss", LOSSES, t("mlp_step.loss"))
    opt_col, lr_col, rho_col, seed_col = st.columns(4)
    optimizer = _choice(opt_col, "optimizer", OPTIMIZERS, t("mlp_step.optimizer"))
    lr = STATE.draw("lr", lr_col.select_slider, t("mlp_step.lr"), LEARNING_RATES)
    rho = STATE.draw("rho", rho_col.select_slider, t("mlp_step.rho"),
                     HYPERPARAMETERS["rho"].grid, disabled=optimizer != "momentum")
    seed = STATE.draw("seed", seed_col.number_input, t("mlp_step.seed"), 0, 9999,
                      help=t("mlp_step.seed_help"))
    partial = StepSetup(network, sizes, hidden, output, loss, optimizer, float(lr), float(rho),
                        int(seed))
    data = step_data(partial)
    rows = len(data.X)
    batch_col, which_col, scale_col = st.columns(3, vertical_alignment="bottom")
    batch_mode = STATE.draw("batch_mode", batch_col.toggle, t("mlp_step.batch_toggle"),
                            help=t("mlp_step.batch_help"), on_change=_apply,
                            args=({"batch": rows},))
    batch, sample = 1, 0
    if batch_mode:
        st.session_state[key("batch")] = min(max(st.session_state[key("batch")], 2), rows)
        batch = STATE.draw("batch", which_col.slider, t("mlp_step.batch_size"), 2, rows)
    else:
        st.session_state[key("sample")] = min(st.session_state[key("sample")], rows - 1)
        labels = [_sample_label(data, r) for r in range(rows)]
        sample = STATE.draw("sample", which_col.selectbox, t("mlp_step.sample"), range(rows),
                            format_func=labels.__getitem__)
    standardize = True
    if network == "3442":
        standardize = STATE.draw("standardize", scale_col.toggle, t("mlp_step.standardize"),
                                 help=t("mlp_step.standardize_help"))
    STATE.save(preset_values(network))
    return StepSetup(network, sizes, hidden, output, loss, optimizer, float(lr), float(rho),
                     int(seed), int(batch), int(sample), standardize)


def _change_text(problem: Problem) -> str:
    parts = []
    for field, value in problem.fix.items():
        if field in CHOICE_NAMES:
            value = t(f"mlp_step.{CHOICE_NAMES[field]}.{value}")
        elif field == "sizes":
            value = "-".join(str(n) for n in value)
        parts.append(f"{t(f'mlp_step.field.{field}')} → {value}")
    return ", ".join(parts)


def show_problems(setup: StepSetup, problems: list[Problem]) -> bool:
    """Each problem as an error or a warning with a button that applies its fix; True when
    nothing stops the step from running."""
    for problem in problems:
        show = st.error if problem.level == "error" else st.warning
        show(t(f"mlp_step.problem.{problem.key}"),
             icon=":material/error:" if problem.level == "error" else ":material/warning:")
        if problem.fix:
            st.button(t("mlp_step.problem.fix", change=_change_text(problem)),
                      key=key(f"fix_{problem.key}"), on_click=_apply_fix,
                      args=(setup, problem), icon=":material/build:")
    return not any(p.level == "error" for p in problems)


def data_panel(setup: StepSetup) -> None:
    """The rows as given and as fed to the network, with why they were scaled."""
    data = step_data(setup)
    columns: dict[str, list[str]] = {}
    n_in, n_out = data.X.shape[1], data.T.shape[1]
    for k in range(n_in):
        columns[f"x{k + 1}"] = [f"{v:g}" for v in data.X_raw[:, k]]
    if not np.array_equal(data.X, data.X_raw):
        for k in range(n_in):
            columns[f"x̃{k + 1}"] = [fmt(v) for v in data.X[:, k]]
    for k in range(n_out):
        columns[f"t{k + 1}"] = [f"{v:g}" for v in data.T_raw[:, k]]
    if not np.array_equal(data.T, data.T_raw):
        for k in range(n_out):
            columns[f"t̃{k + 1}"] = [fmt(v) for v in data.T[:, k]]
    with st.expander(t("mlp_step.data.title"), expanded=setup.network == "3442"):
        st.markdown(t(f"mlp_step.data.{setup.network}"))
        st.table(columns, border="horizontal")
        notes = []
        if setup.network == "3442":
            notes.append("sigmoid_output" if setup.output == "sigmoid" else "identity_output")
            notes.append("standardized" if setup.standardize else "raw")
        if any(name.startswith(("x̃", "t̃")) for name in columns):
            notes.append("scaled_columns")
        for note in notes:
            st.markdown(t(f"mlp_step.data.{note}"))
