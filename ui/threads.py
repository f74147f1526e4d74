"""One thread for the BLAS library behind numpy, in the app's process; and whether the running
script has a rerun waiting.

A Streamlit process runs every session's Python on one core, and the engine's matrices are
small (a 100 × 100 decision grid through 8-neuron layers: 10 000 × 8 times 8 × 8). OpenBLAS
starts a thread per core for each product anyway; its threads spin while they wait for work,
so on a machine whose cores are busy (a class playing at once, or the other processes behind
nginx) that product took 15.7 ms instead of 0.11 ms with one thread, measured on this 2-core
machine (``python bench/playground.py --blas-threads 0`` against the default). One thread is
as fast when the machine is idle, and leaves the other cores to the other processes.
"""

from __future__ import annotations

from functools import cache

from streamlit.runtime.scriptrunner import get_script_run_ctx
from threadpoolctl import threadpool_limits


@cache
def one_blas_thread() -> None:
    """Limit the BLAS library numpy uses to one thread, once per process (numpy may already
    be imported: threadpoolctl sets it in the loaded library)."""
    threadpool_limits(limits=1, user_api="blas")


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
