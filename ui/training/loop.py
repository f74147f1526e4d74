"""Play / Pause / Step / Reset for a training :class:`~nncore.experiment.Experiment` kept in the
session, and the fragment that trains while playing.

A page does, on every run::

    exp = experiment_for("pg", source, make_data, network, training)   # kept across reruns
    training_controls("pg")                      # the buttons (full reruns)
    live_training("pg", render, snapshot=charts)  # render(exp) draws the live views,
                                                  # charts(exp) only the live charts

While playing, the fragment is a loop paced by the browser (``ui.live_chart``'s frame
clock; the Play click's own run only shows Pause, at once): once the browser has started
showing one run's frames it asks for the next run. A run
trains ``FRAMES`` slices of about a frame's time each (``FRAME_TIME`` less what a frame costs
to draw; at least one epoch, at most ``max_epochs``) and records the live charts after each
(``snapshot``), then ``render`` draws everything and sends the frames, which the browser plays
one per animation frame while the next run trains. Training speed is set by time, not by a
number of epochs per tick, and is shown (``training_speed``: epochs per second); the frame
rate is set by how fast the browser and the server are: a busy server gives fewer frames,
never piled-up ticks. Pause stops the playback in the browser at once, and the experiment
goes back to the last frame the browser was sent (``_train_frames``). A non-finite loss stops
the play; the experiment keeps the last good weights and the page says what happened
(``render`` should call ``ui.training.live_views.divergence_notice``). Sessions playing at
once in one process share it (``ui.class_share``): the clicks of the class go first, the
playing runs take turns, rest between runs and train shorter slices, so that the rest of the
class stays responsive.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from nncore.data.plane import PlaneData
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from ui import class_share
from ui.i18n import t
from ui.live_chart import collecting, frame_clock
from ui.threads import rerun_requested

FRAME_TIME = 1 / 30  # seconds each frame is shown while playing
FRAMES = 12  # frames per run: one Streamlit run trains and sends this many (8 gave 11-12
# boundary updates/s and 23 frames/s, 12 gave 14 and 33: the time between runs is shared by more)
MIN_SLICE = 0.016  # seconds of training per frame at least (after its first epoch); 4 ms
# gave 40 epochs/s on the default spiral here, 16 ms 110-135, at the same frame rate
# (python bench/live_views.py): a frame costs its drawing and the time between runs anyway
SPEED_WINDOW = 1.5  # seconds of play the training speed is measured over
UNLIMITED = 1_000_000  # epochs per frame when only the time budget limits them


def _experiment_key(key: str) -> str:
    return f"{key}_experiment"


def _lock_key(key: str) -> str:
    return f"{key}_lock"


def experiment_lock(key: str) -> threading.RLock:
    """The lock of the session's experiment ``key``. A click during a run makes Streamlit start
    the next run in a second thread while the first one is still training (it stops only at
    its next Streamlit call): every use of the experiment holds this lock, so the two take
    turns instead of training one network at once."""
    return st.session_state.setdefault(_lock_key(key), threading.RLock())


def _playing_key(key: str) -> str:
    return f"{key}_playing"


def _unshown_key(key: str) -> str:
    return f"{key}_unshown"


def _started_key(key: str) -> str:
    return f"{key}_started"


def _speed_key(key: str) -> str:
    return f"{key}_speed_samples"


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
    with experiment_lock(key):
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
    with experiment_lock(key):
        experiment = current_experiment(key)
        if playing and not is_playing(key) and experiment.stopped_reason is not None:
            experiment.resume()
        if playing and not is_playing(key):
            st.session_state[_started_key(key)] = True
        unshown = st.session_state.pop(_unshown_key(key), None)
        if not playing and unshown is not None and unshown[0] is experiment:
            experiment.restore(unshown[1])  # see _train_frames
    st.session_state[_playing_key(key)] = playing
    st.session_state.pop(_speed_key(key), None)


def _step(key: str) -> None:
    with experiment_lock(key):
        experiment = current_experiment(key)
        if experiment.stopped_reason is not None:
            experiment.resume()
        experiment.train_epochs(1)
    st.session_state[_playing_key(key)] = False


def _reset(key: str) -> None:
    with experiment_lock(key):
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


def _record_speed(key: str, epoch: int) -> None:
    now = time.perf_counter()
    samples = [(t0, e) for t0, e in st.session_state.get(_speed_key(key), [])
               if now - t0 <= SPEED_WINDOW]
    st.session_state[_speed_key(key)] = [*samples, (now, epoch)]


def training_speed(key: str) -> float | None:
    """Epochs per second over the last ``SPEED_WINDOW`` seconds of play (None when paused or
    just started)."""
    samples = st.session_state.get(_speed_key(key), [])
    if not is_playing(key) or len(samples) < 2 or samples[-1][0] - samples[0][0] < 0.2:
        return None
    (t0, e0), (t1, e1) = samples[0], samples[-1]
    return (e1 - e0) / (t1 - t0)


def _player_id(key: str) -> str:
    """This session's loop ``key``, as ``ui.class_share`` counts players."""
    ctx = get_script_run_ctx()
    return f"{ctx.session_id if ctx is not None else ''}/{key}"


def _pace_key(key: str) -> str:
    return f"{key}_pace"


def _slice(key: str, frames: int) -> float:
    """Seconds of training per frame: a frame's time less what drawing it costs (the
    snapshots, and this run's share of the time between two runs), never below MIN_SLICE;
    both shared among the sessions playing in this process (``class_share``)."""
    pace = st.session_state.get(_pace_key(key), {})
    overhead = pace.get("between", 0.0) / frames + pace.get("snapshot", 0.0)
    players = class_share.players()
    return max(MIN_SLICE / players, FRAME_TIME / players - overhead)


def _remember_pace(key: str, started: float, snapshot: float | None) -> None:
    """Smoothed costs of the last runs: the time from the end of one run's training to the
    start of the next run, and one snapshot."""
    pace = st.session_state.setdefault(_pace_key(key), {})
    ended = pace.get("trained")
    if ended is not None and 0 < started - ended < 2.0:
        pace["between"] = 0.7 * pace.get("between", started - ended) + 0.3 * (started - ended)
    if snapshot is not None:
        pace["snapshot"] = 0.7 * pace.get("snapshot", snapshot) + 0.3 * snapshot
    pace["trained"] = time.perf_counter()


def _train_frames(key: str, experiment: Experiment, snapshot: Callable[[Experiment], None] | None,
                  max_epochs: int | None, frames: int) -> bool:
    """Train ``frames`` slices (one without ``snapshot``); after each but the last, record the
    live charts' figures as frames (``ui.live_chart.collecting``). Each slice first lets the
    clicks of the rest of the class go first (``class_share.wait_for_clicks``); the run stops
    early when this session's own click is waiting (``rerun_requested``): returns False then.

    What this run trains is not on screen until it is sent. A click on Pause meanwhile
    interrupts the run before it sends anything, and the browser stops at the last frame it
    was sent, so Pause goes back to the state of that frame (the checkpoint kept here until
    the run starts sending): the page then shows, paused, what it showed at the click."""
    st.session_state[_unshown_key(key)] = (experiment, experiment.checkpoint())
    started, costs = time.perf_counter(), []
    n = frames if snapshot is not None else 1
    budget = _slice(key, n)
    with collecting() as recording:
        for k in range(n):
            class_share.wait_for_clicks(unless=rerun_requested)
            if rerun_requested():
                return False
            experiment.train_epochs(max_epochs or UNLIMITED, budget=budget)
            if experiment.stopped_reason is not None or k == n - 1:
                break
            before = time.perf_counter()
            recording.number = k
            snapshot(experiment)
            costs.append(time.perf_counter() - before)
    _remember_pace(key, started, sum(costs) / len(costs) if costs else None)
    _record_speed(key, experiment.epoch)
    return True


def _play(key: str, experiment: Experiment, render: Callable[[Experiment], None],
          snapshot: Callable[[Experiment], None] | None, max_epochs: int | None,
          frames: int) -> None:
    """One playing run: train and record the frames, then draw and send them."""
    if _train_frames(key, experiment, snapshot, max_epochs, frames):
        class_share.wait_for_clicks(unless=rerun_requested)
    if not rerun_requested():  # else render() stops at its first element, sending nothing
        st.session_state.pop(_unshown_key(key), None)  # from here on it is being sent
    if experiment.stopped_reason is not None:
        st.session_state[_playing_key(key)] = False
        class_share.forget(_player_id(key))
        st.rerun()  # stopped by a divergence: redraw the buttons, stop the clock
    render(experiment)


def live_training(
    key: str,
    render: Callable[[Experiment], None],
    *,
    snapshot: Callable[[Experiment], None] | None = None,
    max_epochs: int | None = None,
    frames: int = FRAMES,
) -> None:
    """Draw ``render(experiment)`` in a fragment that, while playing, trains ``frames``
    slices of about a frame's time each (at most ``max_epochs`` epochs per slice) and sends
    them as frames whenever the browser has started showing the previous ones (see the module
    docstring). ``snapshot(experiment)`` calls the live charts' functions (the ones
    ``render`` calls, with the same keys): it records a frame after each slice."""

    shown = is_playing(key)  # what this full run's buttons say

    @st.fragment
    def views() -> None:
        with experiment_lock(key):
            body()

    def body() -> None:
        experiment = current_experiment(key)
        playing = is_playing(key)
        if playing != shown:
            # Play or Pause was clicked, but Streamlit ran the fragment only (a click that
            # lands with the frame clock's request is sent as one fragment rerun): redraw the
            # page, so that the buttons say what is happening.
            st.rerun()
        session, cpu = _player_id(key), time.thread_time()
        frame_clock(f"{key}_clock", running=playing, interval=class_share.rest(session),
                    stop_on=f".st-key-{key}_pause button")
        if not playing or st.session_state.pop(_started_key(key), False):
            # Paused, or the Play click's own run: it shows Pause at once, and the clock's
            # next run (asked for as soon as this one is drawn) trains the first frames.
            if not playing:
                class_share.forget(session)
            st.session_state.pop(_unshown_key(key), None)
            render(experiment)
            return
        with class_share.player_turn(unless=rerun_requested):
            _play(key, experiment, render, snapshot, max_epochs, frames)
        class_share.record_run(session, time.thread_time() - cpu)

    views()
