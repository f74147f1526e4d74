"""The Streamlit processes behind nginx: start one, check its health, stop it.

Each process is ``streamlit run app.py`` on its own port, headless, with no file watcher
and no usage statistics, numpy held to one thread (K processes share the cores; a BLAS
thread pool per process would only fight over them).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


@dataclass
class Backend:
    """One Streamlit process: where it listens, its process, how often it was restarted."""

    host: str
    port: int
    log: Path
    process: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def streamlit_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.address", host, "--server.port", str(port),
            "--server.headless", "true", "--server.fileWatcherType", "none",
            "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"]


def start(backend: Backend) -> None:
    """Start ``backend``'s process (its output goes to ``backend.log``)."""
    backend.log.parent.mkdir(parents=True, exist_ok=True)
    with backend.log.open("ab") as log:
        backend.process = subprocess.Popen(
            streamlit_command(backend.host, backend.port), cwd=ROOT, stdout=log,
            stderr=subprocess.STDOUT, env={**os.environ, **ONE_THREAD})


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether ``url/_stcore/health`` answers 200 ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_healthy(url: str, timeout: float = 60.0,
                 process: subprocess.Popen | None = None) -> None:
    """Until ``url`` is healthy; ``RuntimeError`` after ``timeout`` s or if ``process``
    ended."""
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process ended with code {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}: not healthy after {timeout:.0f} s")
        time.sleep(0.2)


def stop(process: subprocess.Popen | None, timeout: float = 15.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout`` s; waits until the process is gone."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop_all(running: list[subprocess.Popen | None], timeout: float = 15.0) -> None:
    """:func:`stop` for several processes, signalled together."""
    for process in running:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in running:
        stop(process, timeout)


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
