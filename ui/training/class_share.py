"""Playing sessions share the process with everyone else in the class.

One Streamlit process runs every session's Python on one core, and Python hands the core to
its running threads in turns. A playing session asks for its next run as soon as the browser
shows the last one, so twenty playing students keep twenty runs going at once, and a student
who clicks Next on a graph page gets a twenty-first of the core: seconds per click. So the
playing sessions of a process share one "slot" between them:

- **Rest**: a session's next run starts at least ``n · c`` seconds after its last one began,
  where ``n`` is the number of sessions playing in this process and ``c`` the CPU seconds its
  last run took. Together they then keep at most one run going on average (duty ``n·c / (n·c)
  = 1``) and every other click shares the core with about one training run. Alone, nothing
  changes (``n = 1``: the next run may start as soon as the last one is drawn).
- **Cheaper frames**: each run trains ``FRAMES`` slices of about a frame's time; with ``n``
  sessions playing a slice is ``1/n`` of that (``ui.training.loop``), so a busy process trains
  fewer epochs per frame rather than showing fewer frames.

A session counts as playing while its last run ended within ``PLAYING_WINDOW`` seconds.
"""

from __future__ import annotations

import threading
import time

PLAYING_WINDOW = 2.0  # seconds after its last run that a session still counts as playing

_lock = threading.Lock()
_last_runs: dict[str, tuple[float, float]] = {}  # session → (when its run ended, CPU seconds)


def _forget_stale(now: float) -> None:
    for session in [s for s, (ended, _) in _last_runs.items() if now - ended > PLAYING_WINDOW]:
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
    """Seconds from the start of ``session``'s last run to the start of its next: ``n · c``
    (the module docstring), 0 when it plays alone or has not run yet."""
    n = players()
    with _lock:
        last = _last_runs.get(session)
    return 0.0 if last is None or n == 1 else n * last[1]
