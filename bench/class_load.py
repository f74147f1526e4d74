"""Load benchmark for a class (not a test): simulated students over Streamlit's websocket
protocol (``classroom.student``), against one Streamlit process or the nginx front.

Run from the project folder::

    python bench/class_load.py --serve 1 --students 1,10,30,60,120   # one process, no nginx
    python bench/class_load.py --serve 2 --students 1,10,30,60,120   # nginx + 2 processes
    python bench/class_load.py --url http://127.0.0.1:8501 --students 60 --pid 1234 --pid 1235
    python bench/class_load.py --serve 2 --students 6 --kill-after 10   # fault: kill a process

``--serve K`` starts a fresh class for every N (``classroom.serve``: K processes, and nginx in
front when K > 1 or with ``--nginx``) and stops it afterwards. All N students open the app at
once (or at random times over ``--arrive`` seconds, as a class does when the link goes up);
a third of them (``--players``) open the playground and play it, pausing every ~10 s
and playing again; of the others three in four step through a graph page (Next, Previous,
Reset, a setting now and then) and one in four changes playground settings, each after a
think time of about ``--think`` seconds. After ``--duration`` seconds everyone stops.

Reported per N: p50/p95/max seconds of each action until the page was updated (open, step,
setting, play, pause), the redraws per second of every playing student (lowest and median)
and the share of its live-view ticks that were abandoned for the next one, errors (a page
exception, no update within ``--timeout``, a lost connection), the resident memory of every
server process (at the start and at its peak), CPU used by the servers, by this client and by
everything else on the machine in the meantime (another test run spoils the numbers).
Goal (issue): 60 students on 2 cores, p95 ≤ 1 s, every player ≥ 5 redraws/s, Pause ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classroom import processes
from classroom.play import PLAY_MODES, PlayMode
from classroom.protocol import SETTABLE, random_value
from classroom.serve import ClassConfig, Classroom
from classroom.student import Student, StudentError

STEP_PAGES = ("chain_rule", "sigmoid_gate", "vectorized", "mlp_step", "xor")
NOT_A_SETTING = ("lang",)  # the language switch is not what a student changes in class
ACTIONS = ("open", "step", "setting", "play", "pause")


@dataclass
class Options:
    url: str
    students: int
    players: int
    duration: float = 60.0
    think: float = 2.0
    timeout: float = 30.0
    seed: int = 0
    play_mode: str = "playground"
    kill_after: float | None = None
    arrive: float = 0.0


@dataclass
class Result:
    options: Options
    seconds: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    errors: Counter = field(default_factory=Counter)
    redraws: list[float] = field(default_factory=list)  # per player, per second of playing
    interrupted: list[float] = field(default_factory=list)  # per player, share of ticks
    servers: dict[int, dict[str, float]] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    faults: dict[str, object] = field(default_factory=dict)


class Recorder:
    """Times the actions of every student into ``result``; an action that fails is an
    error, not a time."""

    def __init__(self, result: Result) -> None:
        self.result = result

    async def timed(self, action: str, step) -> bool:
        try:
            seconds = await step
        except (StudentError, OSError, ConnectionError) as error:
            self.result.errors[f"{action}: {type(error).__name__}: {error}"[:120]] += 1
            return False
        self.result.seconds[action].append(seconds)
        return True


def step_key(student: Student, rng: random.Random) -> str | None:
    """The stepping button a student presses: Next, or at the end Reset or Previous."""
    widgets = student.screen.widgets()
    ready = [k for k, w in widgets.items() if k.endswith("_next") and not w.disabled] or [
        k for k, w in widgets.items() if k.endswith(("_reset", "_previous")) and not w.disabled]
    return rng.choice(sorted(ready)) if ready else None


def setting_change(student: Student, rng: random.Random, prefix: str = "") -> tuple | None:
    """A widget the student changes (``prefix``: only the page's own) and its new value."""
    widgets = [w for k, w in sorted(student.screen.widgets().items())
               if w.kind in SETTABLE and not w.disabled and k not in NOT_A_SETTING
               and k.startswith(prefix) and not k.endswith("_position")]
    widget = rng.choice(widgets) if widgets else None
    return None if widget is None else (widget.key, random_value(widget, rng))


async def think(rng: random.Random, mean: float, until: float) -> bool:
    """Wait about ``mean`` seconds; False once the run is over."""
    await asyncio.sleep(min(rng.uniform(0.5, 1.5) * mean, max(0.0, until - time.monotonic())))
    return time.monotonic() < until


async def stepper(student: Student, rec: Recorder, rng: random.Random, opts: Options,
                  until: float, prefix: str = "") -> None:
    """Step through a graph page, changing a setting one time in four (``prefix``: the
    playground's settings only, never stepping)."""
    while await think(rng, opts.think, until):
        key = None if prefix or rng.random() < 0.25 else step_key(student, rng)
        if key is not None:
            await rec.timed("step", student.click(key))
            continue
        change = setting_change(student, rng, prefix)
        if change is not None:
            await rec.timed("setting", student.set(*change))


async def player(student: Student, rec: Recorder, rng: random.Random, opts: Options,
                 until: float) -> None:
    """Play the playground, pause every ~10 s, think, play again; pause at the end."""
    mode: PlayMode = PLAY_MODES[opts.play_mode]
    played, redraws = 0.0, 0
    while time.monotonic() < until - 2:
        before = mode.redraws(student)
        if not await rec.timed("play", mode.start(student)):
            await think(rng, opts.think, until)
            continue
        started = time.monotonic()
        await asyncio.sleep(min(rng.uniform(8, 12), max(0.0, until - started)))
        ok = await rec.timed("pause", mode.stop(student))
        played += time.monotonic() - started
        redraws += mode.redraws(student) - before
        if not ok:
            break
        await think(rng, opts.think, until)
    if played:
        rec.result.redraws.append(redraws / played)
        fragment_runs = sum(1 for run in student.runs if run.fragment_id)
        rec.result.interrupted.append(mode.interrupted(student) / max(1, fragment_runs))


def role(index: int, opts: Options) -> tuple[str, str]:
    """``(role, page)`` of student ``index``: players first, then steppers and settings."""
    if index < opts.players:
        return "player", "playground"
    others = index - opts.players
    if others % 4 == 3:
        return "settings", "playground"
    return "stepper", STEP_PAGES[others % len(STEP_PAGES)]


async def one_student(index: int, opts: Options, rec: Recorder, until: float,
                      students: list[Student]) -> None:
    rng = random.Random(opts.seed * 1000 + index)
    kind, page = role(index, opts)
    student = Student(opts.url, page, "lang=en", timeout=opts.timeout,
                      lifetime=until - time.monotonic() + 3 * opts.timeout)
    students.append(student)
    await asyncio.sleep(opts.arrive * rng.random())
    if not await rec.timed("open", student.open()):
        return
    if kind == "player":
        await player(student, rec, rng, opts, until)
    else:
        await stepper(student, rec, rng, opts, until, "pg_" if kind == "settings" else "")


class Watch:
    """Samples the servers' memory every second; CPU of servers, client and machine."""

    def __init__(self, pids) -> None:
        self.pids = pids  # a callable: the server PIDs now (a restarted process is new)
        self.peak: dict[int, int] = {}
        self.first: dict[int, int] = {}

    def _machine(self) -> float:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            for pid in self.pids():
                rss = processes.rss_bytes(pid)
                self.first.setdefault(pid, rss)
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            await asyncio.sleep(1.0)

    def start(self) -> None:
        self._cpu0 = {pid: processes.cpu_seconds(pid) for pid in self.pids()}
        self._client0, self._machine0 = sum(os.times()[:2]), self._machine()
        self._t0 = time.monotonic()

    def finish(self, result: Result) -> None:
        wall = time.monotonic() - self._t0
        pids = set(self.pids()) | set(self.first)
        server = sum(processes.cpu_seconds(p) - self._cpu0.get(p, 0.0) for p in pids)
        client = sum(os.times()[:2]) - self._client0
        machine = self._machine() - self._machine0
        result.cpu = {name: round(100 * value / wall) for name, value in
                      (("servers", server), ("client", client),
                       ("others", max(0.0, machine - server - client)))}
        result.servers = {pid: {"start_mb": self.first[pid] / 2**20,
                                "peak_mb": self.peak[pid] / 2**20} for pid in self.first}


async def kill_one(room: Classroom, after: float, result: Result) -> None:
    """The fault: SIGKILL the first Streamlit process ``after`` seconds into the run."""
    await asyncio.sleep(after)
    backend = room.backends[0]
    result.faults.update(killed=backend.address, killed_at=time.monotonic())
    os.kill(backend.process.pid, signal.SIGKILL)


def fault_report(students: list[Student], result: Result) -> None:
    """Who was on the killed process, and did they all come back with a fresh session?"""
    killed = str(result.faults.get("killed", ""))
    hit = [s for s in students if s.upstream.startswith(killed)]
    rest = [s for s in students if not s.upstream.startswith(killed)]
    result.faults.update(
        on_killed=len(hit), reconnected=sum(1 for s in hit if s.reconnects),
        fresh_session=sum(1 for s in hit if len(s.sessions) > 1),
        others=len(rest), others_reconnected=sum(1 for s in rest if s.reconnects))


async def run_load(opts: Options, room: Classroom | None = None, pids=list) -> Result:
    """N students for ``opts.duration`` seconds (after they all opened the app at once)."""
    result = Result(opts)
    rec = Recorder(result)
    watch = Watch(pids)
    watch.start()
    until = time.monotonic() + opts.duration
    students: list[Student] = []
    tasks = [one_student(i, opts, rec, until, students) for i in range(opts.students)]
    extra = [watch.run(until)]
    if opts.kill_after is not None and room is not None:
        extra.append(kill_one(room, opts.kill_after, result))
    try:
        async with asyncio.timeout(opts.duration + 4 * opts.timeout):
            await asyncio.gather(*tasks, *extra)
    except TimeoutError:
        result.errors["the run did not end in time"] += 1
    finally:
        watch.finish(result)
        for student in students:
            result.errors.update(f"page exception: {e}"[:120] for e in student.exceptions)
        if result.faults:
            fault_report(students, result)
        await asyncio.gather(*(s.close() for s in students))
    return result


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def cell(values: list[float]) -> str:
    if not values:
        return "–"
    return (f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} / "
            f"{max(values):.2f} ({len(values)})")


def row(result: Result, target: str) -> str:
    """One line of the table (markdown)."""
    opts = result.options
    redraws = (f"{min(result.redraws):.1f} / {statistics.median(result.redraws):.1f}"
               if result.redraws else "–")
    interrupted = (f"{100 * statistics.mean(result.interrupted):.0f} %"
                   if result.interrupted else "–")
    memory = ", ".join(f"{s['start_mb']:.0f}→{s['peak_mb']:.0f}"
                       for s in result.servers.values())
    cpu = result.cpu
    return (f"| {target} | {opts.students} | {opts.players} | "
            + " | ".join(cell(result.seconds[a]) for a in ACTIONS)
            + f" | {redraws} | {interrupted} | {sum(result.errors.values())} | {memory} | "
            f"{cpu.get('servers', 0)} / {cpu.get('client', 0)} / {cpu.get('others', 0)} |")


HEADER = (
    "| target | N | playing | open s p50/p95/max (n) | step | setting | play | pause | "
    "redraws/s min / median | ticks abandoned | errors | RSS MB start→peak per process | "
    "CPU % servers / client / others |\n" + "|---" * 14 + "|")


def serve(k: int, with_nginx: bool, port: int) -> Classroom:
    """A fresh class: ``k`` processes, nginx in front when asked."""
    run_dir = Path(tempfile.gettempdir()) / f"backprop-lab-bench-{port}"
    room = Classroom(ClassConfig(processes=k, port=port, backend_port=port + 1,
                                 run_dir=run_dir, use_nginx=with_nginx), log=lambda _: None)
    room.start()
    return room


def run_with_class(opts: Options, k: int, with_nginx: bool, port: int) -> Result:
    """``opts`` against a class started for it (and stopped after), the fault if asked, a
    supervisor restarting whatever was killed."""
    room = serve(k, with_nginx, port)
    opts.url = room.url if with_nginx else room.backends[0].url
    stop = asyncio.Event()

    async def supervise() -> None:
        while not stop.is_set():
            await asyncio.to_thread(room.supervise_once)
            await asyncio.sleep(1.0)

    async def both() -> Result:
        watcher = asyncio.create_task(supervise())
        try:
            return await run_load(opts, room, lambda: [b.process.pid for b in room.backends
                                                       if b.process is not None])
        finally:
            stop.set()
            await watcher

    try:
        return asyncio.run(both())
    finally:
        room.stop()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running class or process (loopback)")
    where.add_argument("--serve", type=int, metavar="K", help="start K processes per run")
    parser.add_argument("--nginx", action="store_true", help="nginx in front even for K = 1")
    parser.add_argument("--port", type=int, default=8700, help="with --serve: nginx's port")
    parser.add_argument("--students", default="10", help="N, or a list: 1,10,30,60,120")
    parser.add_argument("--players", type=int, default=None, help="default: N // 3")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--arrive", type=float, default=0.0, metavar="SECONDS",
                        help="students open the app at random over this long (0: at once)")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--play-mode", default="playground", choices=sorted(PLAY_MODES))
    parser.add_argument("--kill-after", type=float, default=None, metavar="SECONDS",
                        help="with --serve: SIGKILL one Streamlit process after this long")
    parser.add_argument("--pid", type=int, action="append", default=[],
                        help="with --url: server processes to watch (repeat)")
    parser.add_argument("--json", type=Path, help="also write every number here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(HEADER, flush=True)
    everything = []
    for n in (int(v) for v in args.students.split(",")):
        opts = Options(args.url or "", n, n // 3 if args.players is None else args.players,
                       args.duration, args.think, args.timeout, args.seed, args.play_mode,
                       args.kill_after, args.arrive)
        if args.serve:
            with_nginx = args.nginx or args.serve > 1
            result = run_with_class(opts, args.serve, with_nginx, args.port)
            target = f"nginx + {args.serve}" if with_nginx else "1 process"
        else:
            result = asyncio.run(run_load(opts, pids=lambda: args.pid))
            target = args.url
        print(row(result, target), flush=True)
        for error, count in result.errors.most_common(5):
            print(f"    error ×{count}: {error}", flush=True)
        if result.faults:
            print(f"    fault: {result.faults}", flush=True)
        result.faults.pop("killed_at", None)
        everything.append({"target": target, "students": n, "players": opts.players,
                           "loadavg": os.getloadavg(), **{k: getattr(result, k) for k in (
                               "seconds", "errors", "redraws", "interrupted", "servers", "cpu",
                               "faults")}})
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
