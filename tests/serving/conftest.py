"""A real class for the serving tests: nginx in front of two Streamlit processes on loopback,
started by ``classroom.serve`` for the whole session and stopped after it.

Without nginx the tests skip with the reason; with ``CI=true`` that is a failure (CI
installs it, see .ci/run).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom.nginx import nginx_binary
from classroom.serve import ClassConfig, Classroom
from classroom.sync import run_sync


def _free_ports(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    for base in range(18_600, 19_600, count + 1):
        sockets = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no free ports")


def need_nginx() -> None:
    if nginx_binary() is None:
        reason = "nginx is not installed (apt-get install nginx)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the serving tests must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def room() -> Iterator[Classroom]:
    """nginx + 2 Streamlit processes, healthy and warmed up."""
    need_nginx()
    base = _free_ports(3)
    # Not under pytest's tmp folder: nginx's workers (nobody, when started as root) must
    # enter the run folder, and pytest keeps its own closed to other users.
    run_dir = Path(tempfile.mkdtemp(prefix="backprop-lab-serving-"))
    run_dir.chmod(0o755)
    classroom = Classroom(ClassConfig(processes=2, port=base, backend_port=base + 1,
                                      run_dir=run_dir), log=lambda _: None)
    try:
        classroom.start()
        yield classroom
    finally:
        classroom.stop()
        shutil.rmtree(run_dir, ignore_errors=True)


def run(coroutine):
    """Run one async scenario to its end (each test is bounded by the students' timeouts)."""
    return run_sync(coroutine)
