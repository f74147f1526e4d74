"""One thread for the BLAS library behind numpy, in the app's process; the garbage collector
kept off the modules' own objects; and whether the running script has a rerun waiting.

A Streamlit process runs every session's Python on one core, and the engine's matrices are
small (a 100 × 100 decision grid through 8-neuron layers: 10 000 × 8 times 8 × 8). OpenBLAS
starts a thread per core for each product anyway; its threads spin while they wait for work,
so on a machine whose cores are busy (a class playing at once, or the other processes behind
nginx) that product took 15.7 ms instead of 0.11 ms with one thread, measured on this 2-core
machine (``python bench/playground.py --blas-threads 0`` against the default). One thread is
as fast when the machine is idle, and leaves the other cores to the other processes.
"""

from __future__ import annotations

import gc
import threading
from functools import cache

from streamlit.runtime.scriptrunner import get_script_run_ctx
from threadpoolctl import threadpool_limits


@cache
def one_blas_thread() -> None:
    """Limit the BLAS library numpy uses to one thread, once per process (numpy may already
    be imported: threadpoolctl sets it in the loaded library)."""
    threadpool_limits(limits=1, user_api="blas")


_frozen: set[str] = set()
_freezing = threading.Lock()


def freeze_after_first_run(page: str) -> None:
    """After the first run of each page in this process, move every object that exists then
    (the modules' objects: plotly's validators, Streamlit, numpy; some of the first session's)
    out of the garbage collector's sight. Under a class's load a full collection looked at all
    of them every 4-5 s and stopped the whole process for 220-290 ms each time (measured with
    ``gc.callbacks`` here, 30 students): a click then waited for it. At most one freeze per
    page, so what is kept for good is bounded. (No collection first: it would hold the run
    up for as long, and the garbage of one run is small.)"""
    with _freezing:
        if page in _frozen:
            return
        _frozen.add(page)
        gc.freeze()


def rerun_requested() -> bool:
    """Whether this session has asked for another run that will stop the current one at its
    next Streamlit call (a click on Pause, a new setting: not a fragment's rerun, which waits
    for the current run to end). Streamlit has no public way to ask; this reads its request
    queue and says False if that ever changes."""
    ctx = get_script_run_ctx(suppress_warning=True)
    requests = getattr(ctx, "script_requests", None)
    state = getattr(getattr(requests, "_state", None), "name", "")
    if state == "STOP":
        return True
    data = getattr(requests, "_rerun_data", None)
    waits = bool(getattr(data, "fragment_id_queue", None)) and not getattr(
        data, "is_fragment_scoped_rerun", False)
    return state == "RERUN" and not waits
