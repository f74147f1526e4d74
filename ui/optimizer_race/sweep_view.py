"""The learning-rate sweep (002 figure 1.5): one optimizer at 3–5 rates from the race's start,
side by side, each run titled with what it did — measured by ``nncore.optimization.sweep``."""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from nncore.choices import OPTIMIZERS
from nncore.optimization.surfaces import Point, Surface
from nncore.optimization.sweep import (
    OSCILLATION_SHARE,
    TOLERANCE,
    SweepRun,
    critical_lr,
    sweep,
    sweep_rates,
)
from nncore.viz.style import class_colour
from nncore.viz.surfaces import PathLine, loss_figure, sweep_figure
from ui.i18n import t
from ui.optimizer_race.settings import STATE, SWEEP_STEPS
from ui.optimizer_race.views import CHART_CONFIG, figure_labels, surface_grid
from ui.url_state import hidden

MAX_RATES = 5
RUNS_KEY = "or_sweep_kept"
SWEEP_GRID = 31  # points a side of the small maps (a subset of the race's 61)


def _settings_of(name: str) -> dict[str, float]:
    """The race's settings of optimizer ``name`` (ρ, β₁, …): the sweep uses the same."""
    return {h.name: float(STATE.value(f"{h.name}_{name}"))
            for h in OPTIMIZERS[name].hyperparameters}


def _suggest(surface: Surface, name: str) -> None:
    """Button callback: four rates that show the four behaviours."""
    base = float(STATE.value(f"lr_{name}"))
    for k, rate in enumerate(sweep_rates(surface, name, _settings_of(name), base), start=1):
        st.session_state[STATE.key(f"s{k}")] = rate
    st.session_state[STATE.key("sweep_n")] = 4


def _critical_note(surface: Surface, name: str, settings: dict[str, float]) -> None:
    critical = critical_lr(surface, name, settings)
    if critical is None:
        if surface.lambda_max is not None:
            st.caption(t("optimizer_race.no_critical", optimizer=t(f"training.optimizers.{name}")))
        return
    st.info(t(f"optimizer_race.critical.{name}", lam=f"{surface.lambda_max:g}",
              rate=f"{critical:.3g}", rho=f"{settings.get('rho', 0.0):g}"),
            icon=":material/speed:")


def _controls(surface: Surface) -> tuple[str, list[float], int]:
    name_col, count_col, steps_col = st.columns(3)
    with name_col:
        name = str(STATE.select("sweep", t("optimizer_race.sweep_optimizer"),
                                names="training.optimizers"))
    with count_col:
        count = STATE.draw("sweep_n", st.slider, t("optimizer_race.sweep_count"), 3, MAX_RATES)
    with steps_col:
        steps = STATE.draw("sweep_steps", st.select_slider, t("optimizer_race.sweep_steps"),
                           SWEEP_STEPS)
    settings = _settings_of(name)
    _critical_note(surface, name, settings)
    if not hidden(STATE, "s1"):
        st.button(t("optimizer_race.suggest"), key="or_suggest", on_click=_suggest,
                  args=(surface, name), icon=":material/auto_fix_high:",
                  help=t("optimizer_race.suggest_help"))
    columns = st.columns(count)
    rates = []
    for k, column in enumerate(columns, start=1):
        with column:
            rates.append(float(STATE.select(f"s{k}", t("optimizer_race.sweep_rate", k=k),
                                            slider=True)))
    return name, rates, int(steps)


def _runs(source: Hashable, surface: Surface, start: Point, name: str, rates: list[float],
          steps: int) -> list[SweepRun]:
    """The sweep's runs, kept in the session until one of its settings changes."""
    settings = _settings_of(name)
    key = (source, name, tuple(rates), tuple(sorted(settings.items())), steps)
    kept = st.session_state.get(RUNS_KEY)
    if kept is None or kept[0] != key:
        kept = (key, sweep(surface, start, name, rates, settings, steps))
        st.session_state[RUNS_KEY] = kept
    return kept[1]


def sweep_section(source: Hashable, surface: Surface, start: Point) -> None:
    """The sweep's controls, the small contour maps (on a coarse grid) and the losses of the
    runs; ``source`` identifies the surface and the start."""
    st.header(t("optimizer_race.sweep_title"))
    st.markdown(t("optimizer_race.sweep_intro"))
    name, rates, steps = _controls(surface)
    runs = _runs(source, surface, start, name, rates, steps)
    lines = [PathLine(f"α = {run.lr:g}", run.path, run.losses, class_colour(k))
             for k, run in enumerate(runs)]
    titles = [f"α = {run.lr:g}: {t(f'optimizer_race.label.{run.label}')}" for run in runs]
    grid = surface_grid(surface, SWEEP_GRID)
    figure = sweep_figure(grid.w1, grid.w2, grid.Z, lines, titles, start=start,
                          minima=surface.minima, labels=figure_labels())
    st.plotly_chart(figure, key="or_chart_sweep", width="stretch", config=CHART_CONFIG)
    losses = loss_figure(lines, title=t("optimizer_race.sweep_loss_title"),
                         x_title=t("optimizer_race.step_axis"), height=280)
    st.plotly_chart(losses, key="or_chart_sweep_loss", width="stretch", config=CHART_CONFIG)
    st.table([{t("optimizer_race.col_rate"): f"{run.lr:g}",
               t("optimizer_race.col_label"): t(f"optimizer_race.label.{run.label}"),
               t("optimizer_race.col_turn_back"): f"{run.turn_back:.0%}",
               t("optimizer_race.col_converged"): "—" if run.converged_at is None
               else str(run.converged_at),
               t("optimizer_race.col_final"): f"{run.losses[-1]:.3g}"} for run in runs],
             hide_index=True)
    st.caption(t("optimizer_race.labels_rule", share=f"{OSCILLATION_SHARE:.0%}",
                 tolerance=f"{TOLERANCE:g}", steps=steps))
