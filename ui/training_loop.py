"""Play / Pause / Step / Reset for a training :class:`~nncore.experiment.Experiment` kept in the
session, and the fragment that trains while playing.

A page does, on every run::

    exp = experiment_for("pg", source, make_data, network, training)   # kept across reruns
    training_controls("pg")                      # the buttons (full reruns)
    live_training("pg", render, epochs_per_tick=2)   # render(exp) draws the live views

While playing, only the ``render`` fragment reruns, every ``interval`` seconds: it trains up to
``epochs_per_tick`` epochs (stopping early after ``budget`` seconds, so that the page keeps
redrawing about ten times a second) and redraws. A non-finite loss stops the play; the
experiment keeps the last good weights and the page says what happened (``render`` should
call ``ui.training_view.divergence_notice``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from nncore.data.plane import PlaneData
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from ui.i18n import t

INTERVAL = 0.1  # seconds between two ticks while playing
BUDGET = 0.04  # seconds of training per tick at most (after the first epoch)


def _experiment_key(key: str) -> str:
    return f"{key}_experiment"


def _playing_key(key: str) -> str:
    return f"{key}_playing"


def experiment_for(
    key: str,
    source: Hashable,
    make_data: Callable[[], PlaneData],
    network: NetworkSettings,
    training: TrainingSettings,
) -> Experiment:
    """The session's experiment for page ``key``: a new one when the data's ``source`` (a
    hashable description of the data) changed, else the kept one with the new settings
    applied (weights kept where the change allows, see ``Experiment.apply``)."""
    kept = st.session_state.get(_experiment_key(key))
    if kept is not None and kept[0] == source:
        experiment = kept[1]
        experiment.apply(network, training)
    else:
        experiment = Experiment(make_data(), network, training)
        st.session_state[_experiment_key(key)] = (source, experiment)
    return experiment


def current_experiment(key: str) -> Experiment:
    return st.session_state[_experiment_key(key)][1]


def is_playing(key: str) -> bool:
    return bool(st.session_state.get(_playing_key(key), False))


def _set_playing(key: str, playing: bool) -> None:
    """Play or Pause. It sets the state rather than toggling it: Streamlit may replay a click
    that lands during a fragment's tick, and a replayed Pause must still mean Pause."""
    if playing and not is_playing(key) and current_experiment(key).stopped_reason is not None:
        current_experiment(key).resume()
    st.session_state[_playing_key(key)] = playing


def _step(key: str) -> None:
    experiment = current_experiment(key)
    if experiment.stopped_reason is not None:
        experiment.resume()
    experiment.train_epochs(1)
    st.session_state[_playing_key(key)] = False


def _reset(key: str) -> None:
    current_experiment(key).reset()
    st.session_state[_playing_key(key)] = False


def training_controls(key: str) -> None:
    """Play (or, while playing, Pause), Step (one epoch) and Reset, as full-width buttons in
    one row; their keys are ``<key>_play`` (``<key>_pause``), ``<key>_step`` and
    ``<key>_reset``."""
    playing = is_playing(key)
    play, step, reset = st.columns(3)
    # Two buttons with their own keys, not one that changes its label: a click that Streamlit
    # replays after the page switched from Play to Pause must not reach the other button.
    if playing:
        play.button(t("training.pause"), key=f"{key}_pause", icon=":material/pause:",
                    on_click=_set_playing, args=(key, False), type="primary", width="stretch")
    else:
        play.button(t("training.play"), key=f"{key}_play", icon=":material/play_arrow:",
                    on_click=_set_playing, args=(key, True), type="primary", width="stretch")
    step.button(t("training.step"), key=f"{key}_step", icon=":material/skip_next:",
                on_click=_step, args=(key,), width="stretch", help=t("training.step_help"),
                disabled=playing)
    reset.button(t("training.reset"), key=f"{key}_reset", icon=":material/restart_alt:",
                 on_click=_reset, args=(key,), width="stretch", help=t("training.reset_help"))


def live_training(
    key: str,
    render: Callable[[Experiment], None],
    *,
    epochs_per_tick: int = 1,
    interval: float = INTERVAL,
    budget: float = BUDGET,
) -> None:
    """Draw ``render(experiment)`` in a fragment that, while playing, trains and redraws every
    ``interval`` seconds (see the module docstring)."""
    playing = is_playing(key)

    @st.fragment(run_every=interval if playing else None)
    def views() -> None:
        experiment = current_experiment(key)
        # ``playing`` is the value of the last full run: only then is the timer running.
        if playing and is_playing(key):
            experiment.train_epochs(epochs_per_tick, budget=budget)
            if experiment.stopped_reason is not None:
                st.session_state[_playing_key(key)] = False
        render(experiment)
        if is_playing(key) != playing:
            st.rerun()  # stopped by a divergence: redraw the buttons, stop the timer

    views()
