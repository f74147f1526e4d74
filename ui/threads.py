"""One thread for the BLAS library behind numpy, in the app's process.

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

from threadpoolctl import threadpool_limits


@cache
def one_blas_thread() -> None:
    """Limit the BLAS library numpy uses to one thread, once per process (numpy may already
    be imported: threadpoolctl sets it in the loaded library)."""
    threadpool_limits(limits=1, user_api="blas")
