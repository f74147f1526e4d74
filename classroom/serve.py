"""Serve Backprop Lab to a class: ``python -m classroom.serve``.

Starts K Streamlit processes (one per core by default) on ports ``--backend-port``,
``--backend-port`` + 1, …, checks that each is healthy and warms it up (each page opened once,
so no student waits for the first imports), then nginx on ``--host``:``--port`` in front of
them with sticky sessions (see ``nginx.conf.template``), and checks the whole chain again
through nginx. Then it watches: a process that ends is started again on its port (its
students' pages reconnect and get a fresh session on another process meanwhile). Ctrl-C (or
SIGTERM) stops everything.

Several machines: give every machine the same ``--upstream`` list (all the processes of all
the machines, ``HOST:FIRST-LAST``) and ``--backend-host 0.0.0.0``; every machine's nginx then
has the same configuration and routes a browser to the same process. ``--backends-only``
starts only the Streamlit processes (for an nginx you already run: ``--print-config`` prints
its configuration). ``--check URL`` checks a running class and exits 0 if it is healthy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classroom import nginx, processes
from classroom.processes import Backend
from classroom.student import Student, StudentError
from classroom.sync import run_sync

WARM_UP_PAGES = ("", "chain_rule", "playground")  # the home page and the heaviest imports


@dataclass
class ClassConfig:
    """Everything ``python -m classroom.serve`` can be told (see ``--help``)."""

    processes: int = os.cpu_count() or 1
    host: str = "127.0.0.1"
    port: int = 8501
    backend_host: str = "127.0.0.1"
    backend_port: int = 8502
    upstreams: list[str] = field(default_factory=list)
    run_dir: Path = Path(tempfile.gettempdir()) / "backprop-lab-class"
    use_nginx: bool = True
    static: bool = True

    def servers(self) -> list[str]:
        """The upstream list: ``upstreams`` when given, else this machine's processes."""
        if self.upstreams:
            return [server for entry in self.upstreams for server in expand(entry)]
        host = "127.0.0.1" if self.backend_host in ("0.0.0.0", "") else self.backend_host
        return [f"{host}:{self.backend_port + i}" for i in range(self.processes)]


def expand(entry: str) -> list[str]:
    """``10.0.0.2:8502-8505`` → the four ``host:port``; ``host:port`` stays as it is."""
    host, _, ports = entry.rpartition(":")
    first, _, last = ports.partition("-")
    if not host or not first.isdigit() or (last and not last.isdigit()):
        raise ValueError(f"not HOST:PORT or HOST:FIRST-LAST: {entry!r}")
    return [f"{host}:{port}" for port in range(int(first), int(last or first) + 1)]


async def check_page(url: str, page: str = "", timeout: float = 60.0) -> float:
    """Open ``page`` on ``url`` as a student would; its seconds, or ``StudentError`` if the
    page did not render or showed an exception."""
    student = Student(url, page, "lang=en", timeout=timeout, lifetime=timeout * 2)
    try:
        seconds = await student.open()
    finally:
        await student.close()
    if student.exceptions:
        raise StudentError(f"{url}/{page}: {student.exceptions[0]}")
    return seconds


class Classroom:
    """The processes and nginx of one class on this machine."""

    def __init__(self, config: ClassConfig, log=print) -> None:
        self.config = config
        self.log = log
        logs = config.run_dir / "logs"
        self.backends = [Backend(config.backend_host, config.backend_port + i,
                                 logs / f"streamlit-{config.backend_port + i}.log")
                         for i in range(config.processes)]
        self.front: object | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.config.host in ("0.0.0.0", "") else self.config.host
        return f"http://{host}:{self.config.port}"

    def start(self) -> None:
        """Start and check everything; ``RuntimeError`` (after stopping what started) if a
        part does not come up."""
        try:
            for backend in self.backends:
                processes.start(backend)
            run_sync(self._check_backends(self.backends))
            if self.config.use_nginx:
                self._start_front()
        except BaseException:
            self.stop()
            raise

    async def _check_backends(self, backends: list[Backend]) -> None:
        """Health, then a warm-up (each page of ``WARM_UP_PAGES`` opened once), all processes
        at once."""

        async def check_one(backend: Backend) -> None:
            await asyncio.to_thread(processes.wait_healthy, backend.url,
                                    process=backend.process)
            for page in WARM_UP_PAGES:
                await check_page(backend.url, page)
            self.log(f"  Streamlit on {backend.address}: healthy (pid {backend.process.pid})")

        await asyncio.gather(*(check_one(backend) for backend in backends))

    def _start_front(self) -> None:
        static = nginx.static_folder(self.config.run_dir) if self.config.static else None
        site = nginx.site_config(f"{self.config.host}:{self.config.port}",
                                 self.config.servers(), static=static)
        self.front = nginx.start(site, self.config.run_dir)
        processes.wait_healthy(self.url, timeout=15, process=self.front)
        run_sync(check_page(self.url))
        self.log(f"  nginx on {self.config.host}:{self.config.port}: healthy, "
                 f"{len(self.config.servers())} processes behind it")

    def supervise_once(self) -> None:
        """Start again whatever ended (a Streamlit process, nginx)."""
        for backend in self.backends:
            if not backend.alive():
                code = backend.process.returncode if backend.process else None
                self.log(f"  Streamlit on {backend.address} ended (code {code}): restarting")
                backend.restarts += 1
                processes.start(backend)
                try:
                    run_sync(self._check_backends([backend]))
                except (RuntimeError, StudentError, OSError) as error:
                    self.log(f"  restart failed: {error}")
        if self.front is not None and self.front.poll() is not None:
            self.log("  nginx ended: restarting")
            self._start_front()

    def stop(self) -> None:
        """Stop nginx, then every process (all signalled at once)."""
        processes.stop(self.front)
        processes.stop_all([backend.process for backend in self.backends])


def check(url: str) -> int:
    """``--check``: the health endpoint and a student opening the home page."""
    if not processes.healthy(url):
        print(f"{url}: /_stcore/health does not answer")
        return 1
    try:
        seconds = run_sync(check_page(url))
    except (StudentError, OSError) as error:
        print(f"{url}: {error}")
        return 1
    print(f"{url}: healthy, the home page renders in {seconds:.2f} s")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m classroom.serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    default = ClassConfig()
    parser.add_argument("--processes", "-k", type=int, default=default.processes,
                        help="Streamlit processes on this machine (default: one per core)")
    parser.add_argument("--host", default=default.host,
                        help="where nginx listens (0.0.0.0: every interface)")
    parser.add_argument("--port", type=int, default=default.port)
    parser.add_argument("--backend-host", default=default.backend_host)
    parser.add_argument("--backend-port", type=int, default=default.backend_port)
    parser.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT[-LAST]",
                        help="every process of every machine (repeat); default: this one's")
    parser.add_argument("--run-dir", type=Path, default=default.run_dir)
    parser.add_argument("--no-static", action="store_true",
                        help="let Streamlit send its static files instead of nginx")
    parser.add_argument("--backends-only", action="store_true", help="no nginx")
    parser.add_argument("--print-config", action="store_true",
                        help="print the nginx configuration and exit")
    parser.add_argument("--check", metavar="URL", help="check a running class and exit")
    parser.add_argument("--stop-after", type=float, default=None, metavar="SECONDS",
                        help="stop by itself after this long (tests, demos)")
    return parser.parse_args(argv)


def config_from(args: argparse.Namespace) -> ClassConfig:
    return ClassConfig(processes=args.processes, host=args.host, port=args.port,
                       backend_host=args.backend_host, backend_port=args.backend_port,
                       upstreams=args.upstream, run_dir=args.run_dir,
                       use_nginx=not args.backends_only, static=not args.no_static)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.check:
        return check(args.check)
    config = config_from(args)
    if args.print_config:
        static = nginx.STREAMLIT_STATIC if config.static else None
        print(nginx.site_config(f"{config.host}:{config.port}", config.servers(),
                                static=static))
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    room = Classroom(config)
    print(f"Starting {config.processes} Streamlit process(es), logs in {config.run_dir}")
    room.start()
    print(f"Ready: {room.url}" if config.use_nginx else "Ready (no nginx)", flush=True)
    deadline = time.monotonic() + args.stop_after if args.stop_after else None
    try:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(1.0)
            room.supervise_once()
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping", flush=True)
        room.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
