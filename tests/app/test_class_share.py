"""Playing sessions of one process share it (ui.class_share)."""

from __future__ import annotations

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
