"""Playing sessions of one process share it (ui.class_share)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.app.test_playground import PAGE
from tests.app.training_pages import open_clean, payload
from ui import class_share


@pytest.fixture(autouse=True)
def empty_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(class_share, "_last_runs", {})


def test_alone_a_player_never_rests() -> None:
    class_share.record_run("a", 0.25)
    assert class_share.players() == 1 and class_share.rest("a") == 0.0


def test_players_rest_so_that_together_they_use_their_share_of_the_core() -> None:
    for session, cost in (("a", 0.2), ("b", 0.1), ("c", 0.3)):
        class_share.record_run(session, cost)
    assert class_share.players() == 3
    share = class_share.PLAY_SHARE
    assert class_share.rest("a") == pytest.approx(3 * 0.2 / share)
    assert class_share.rest("b") == pytest.approx(3 * 0.1 / share)
    assert class_share.rest("new") == 0.0  # its first run starts at once
    class_share.forget("c")
    assert class_share.rest("a") == pytest.approx(2 * 0.2 / share)


def test_a_session_that_stopped_asking_stops_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    class_share.record_run("a", 0.2)
    class_share.record_run("b", 0.2)
    rest = 2 * 0.2 / class_share.PLAY_SHARE
    later = class_share.time.monotonic() + class_share.PLAYING_WINDOW + rest + 0.1
    monkeypatch.setattr(class_share.time, "monotonic", lambda: later)
    assert class_share.players() == 1


def test_a_playing_page_rests_when_others_play_and_not_alone() -> None:
    at = open_clean(PAGE)
    at.button(key="pg_play").click().run()
    at.run()
    assert payload(at, "pg_clock")["interval"] == 0.0  # alone
    class_share.record_run("someone else/pg", 0.2)
    at.run()
    me = next(s for s in class_share._last_runs if s != "someone else/pg")
    assert payload(at, "pg_clock")["interval"] > 0.0 and class_share.players() == 2
    at.button(key="pg_pause").click().run()
    assert me not in class_share._last_runs  # paused: no longer playing


def in_thread(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def click_running() -> tuple[threading.Thread, threading.Event]:
    """Another session's click, running in its thread until the returned event is set."""
    entered, leave = threading.Event(), threading.Event()

    def click() -> None:
        with class_share.busy():
            entered.set()
            leave.wait(5)

    thread = in_thread(click)
    entered.wait(5)
    return thread, leave


def test_a_playing_run_waits_while_a_click_runs_and_goes_on_when_it_ends() -> None:
    assert class_share.wait_for_clicks(1.0) < 0.05  # nobody clicking: no wait
    thread, leave = click_running()
    assert class_share.others_busy()
    threading.Timer(0.2, leave.set).start()
    waited = class_share.wait_for_clicks(2.0)
    thread.join(5)
    assert 0.15 < waited < 1.0 and not class_share.others_busy()


def test_waiting_for_clicks_has_a_limit_and_stops_for_this_sessions_own_click() -> None:
    thread, leave = click_running()
    assert 0.1 <= class_share.wait_for_clicks(0.1) < 0.5  # under overload: slower, not stuck
    assert class_share.wait_for_clicks(2.0, unless=lambda: True) < 0.05
    with class_share.busy():  # a click that trains (Play) does not wait for the others
        assert class_share.wait_for_clicks(2.0) < 0.05
    leave.set()
    thread.join(5)


def test_playing_runs_take_turns_and_a_click_does_not_queue_for_one() -> None:
    holding, release, log = threading.Event(), threading.Event(), []

    def player() -> None:
        with class_share.player_turn():
            holding.set()
            release.wait(5)
            log.append("first out")

    thread = in_thread(player)
    holding.wait(5)
    with class_share.busy(), class_share.player_turn():
        log.append("click in")  # at once, although the turn is taken
    started = time.perf_counter()
    with class_share.player_turn(unless=lambda: True):
        log.append("gave up")  # its own click is waiting: stops waiting for the turn
    assert time.perf_counter() - started < 0.1
    threading.Timer(0.2, release.set).start()
    with class_share.player_turn():
        log.append("second in")
    thread.join(5)
    assert log == ["click in", "gave up", "first out", "second in"]
