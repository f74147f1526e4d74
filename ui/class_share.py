"""Playing sessions share the process with everyone else in the class.

One Streamlit process runs every session's Python on one core, and Python hands the core to
its running threads in turns. Clicks come first:

- **Busy runs**: a run somebody waits for (a page opened, a click, a setting: every full run
  of ``app.py`` and every step of a step player) is marked ``busy()``. A playing session's
  training loop calls ``wait_for_clicks`` before each slice of training: while another
  thread runs a busy run, it waits (at most ``MAX_WAIT`` seconds per slice, so that under
  overload it slows down instead of stopping). A click then has the core to itself, save
  the slice that was running when it came; the players use what the clicks leave.
- **Turns**: the playing sessions' runs (their fragments) take turns, one at a time per
  process (``player_turn``): a click then competes with one training thread at most, not
  with twenty (Python hands the core over every 5 ms, so each thread in the way costs a
  click up to 5 ms at every hand-over).

A playing session also asks for its next run as soon as the browser shows the last one, so
twenty playing students would keep twenty runs going at once, and a student who clicks Next
on a graph page would get a twenty-first of the core: seconds per click. So the playing
sessions of a process also share their time:

- **Rest**: a session's next run starts at least ``n · c / PLAY_SHARE`` seconds after its
  last one began, where ``n`` is the number of sessions playing in this process and ``c``
  the CPU seconds its last run took. Together they then use at most ``PLAY_SHARE`` of the
  core on average, and leave the rest to the clicks. Alone, nothing changes (``n = 1``: the
  next run may start as soon as the last one is drawn).
- **Cheaper frames**: each run trains ``FRAMES`` slices of about a frame's time; with ``n``
  sessions playing a slice is ``1/n`` of that (``ui.training.loop``), so a busy process trains
  fewer epochs per frame rather than showing fewer frames.

A session counts as playing until ``PLAYING_WINDOW`` seconds after its rest is over.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PLAYING_WINDOW = 2.0  # seconds after its rest that a session still counts as playing
MAX_WAIT = 0.1  # seconds a slice of training waits for the clicks at most
PLAY_SHARE = 1.0  # of the core, for the sessions playing in a process together (rest())

_lock = threading.Lock()
_last_runs: dict[str, tuple[float, float]] = {}  # session → (when its run ended, CPU seconds)


def _forget_stale(now: float) -> None:
    """Forget the sessions that did not start their next run within ``PLAYING_WINDOW``
    seconds of the end of their rest."""
    n = len(_last_runs)
    for session in [s for s, (ended, cpu) in _last_runs.items()
                    if now - ended > PLAYING_WINDOW + n * cpu / PLAY_SHARE]:
        del _last_runs[session]


def players() -> int:
    """Sessions playing in this process now (at least 1: the one asking)."""
    with _lock:
        _forget_stale(time.monotonic())
        return max(1, len(_last_runs))


def record_run(session: str, cpu_seconds: float) -> None:
    """Note that ``session``'s playing run just ended, having used ``cpu_seconds``."""
    with _lock:
        _last_runs[session] = (time.monotonic(), cpu_seconds)


def forget(session: str) -> None:
    """``session`` stopped playing."""
    with _lock:
        _last_runs.pop(session, None)


def rest(session: str) -> float:
    """Seconds from the start of ``session``'s last run to the start of its next: ``n · c /
    PLAY_SHARE`` (the module docstring), 0 when it plays alone or has not run yet."""
    n = players()
    with _lock:
        last = _last_runs.get(session)
    return 0.0 if last is None or n == 1 else n * last[1] / PLAY_SHARE


_clicks = threading.Condition()
_busy: dict[int, int] = {}  # thread → how many busy() blocks it is in


@contextmanager
def busy() -> Iterator[None]:
    """Mark the block as a run that somebody is waiting for (see the module docstring)."""
    me = threading.get_ident()
    with _clicks:
        _busy[me] = _busy.get(me, 0) + 1
    try:
        yield
    finally:
        with _clicks:
            _busy[me] -= 1
            if not _busy[me]:
                del _busy[me]
                _clicks.notify_all()


def others_busy() -> bool:
    """Whether a thread other than this one is in a busy run."""
    return bool(_busy.keys() - {threading.get_ident()})


def wait_for_clicks(timeout: float = MAX_WAIT, *, unless: Callable[[], bool] = bool) -> float:
    """Wait while other threads are in busy runs, at most ``timeout`` seconds, and not once
    ``unless()`` is true (checked every 10 ms: this session's own click is waiting); returns
    the seconds waited. A busy run (a click that trains: Play) does not wait for the others."""
    start = time.perf_counter()
    if threading.get_ident() in _busy:
        return 0.0
    with _clicks:
        while others_busy() and not unless():
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                break
            _clicks.wait(min(left, 0.01))
    return time.perf_counter() - start


_turns = threading.Semaphore(1)


@contextmanager
def player_turn(*, unless: Callable[[], bool] = bool) -> Iterator[None]:
    """Wait for this process's playing turn (see the module docstring) and hold it for the
    block; give up waiting once ``unless()`` is true (this session's own click is waiting).
    A busy run (a click that also trains: Play) does not wait."""
    got = False
    if threading.get_ident() not in _busy:
        while not (got := _turns.acquire(timeout=0.01)) and not unless():
            pass
    try:
        yield
    finally:
        if got:
            _turns.release()
