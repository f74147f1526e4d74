"""nginx in front of two Streamlit processes: healthy, sticky per browser, spread over the
processes, and two sessions never see each other's settings."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter

from classroom import http, nginx
from classroom.play import PLAY_MODES
from classroom.processes import ROOT
from classroom.serve import Classroom
from classroom.student import Student
from tests.serving.conftest import need_nginx, run

BROWSERS = 40


def test_the_class_is_healthy_through_nginx_and_on_every_process(room: Classroom) -> None:
    check = subprocess.run([sys.executable, "-m", "classroom.serve", "--check", room.url],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "healthy" in check.stdout
    assert all(backend.alive() for backend in room.backends)


def test_one_config_serves_processes_on_several_machines(tmp_path) -> None:
    need_nginx()
    servers = ["127.0.0.1:8502", "127.0.0.2:8502", "127.0.0.2:8503", "[::1]:8504"]
    site = nginx.site_config("127.0.0.1:18599", servers)
    assert all(f"server {s} " in site for s in servers)
    assert "hash $backprop_lab_node consistent" in site and "proxy_http_version 1.1" in site
    tmp_path.chmod(0o755)
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.own_config(site, tmp_path))
    test = subprocess.run([nginx.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf),
                           "-e", str(tmp_path / "error.log")],
                          capture_output=True, text=True, check=False)
    assert test.returncode == 0, test.stderr


async def _browsers(url: str) -> list[tuple[str, set[str]]]:
    """Each new browser's cookie and the processes its next requests reached."""

    async def one() -> tuple[str, set[str]]:
        jar = http.CookieJar()
        first = await http.request(url + "/")
        jar.take(first)
        seen = {first.header("x-backprop-upstream")}
        for path in ("/playground", "/_stcore/health", "/_stcore/host-config", "/"):
            reply = await http.request(url + path, headers={"Cookie": jar.header()})
            assert not reply.header("set-cookie").startswith("backprop_lab_node")
            seen.add(reply.header("x-backprop-upstream"))
        return jar.values.get("backprop_lab_node", ""), seen

    return await asyncio.gather(*(one() for _ in range(BROWSERS)))


def test_every_browser_sticks_to_one_process_and_browsers_spread(room: Classroom) -> None:
    browsers = run(_browsers(room.url))
    assert all(cookie for cookie, _ in browsers), "nginx set no cookie"
    assert len({cookie for cookie, _ in browsers}) == BROWSERS
    assert all(len(seen) == 1 for _, seen in browsers), "a browser moved between processes"
    spread = Counter(next(iter(seen)) for _, seen in browsers)
    assert set(spread) == {b.address for b in room.backends}
    assert min(spread.values()) >= BROWSERS // 5, spread


async def _isolated(url: str) -> None:
    first, second = Student(url, "playground", "lang=en"), Student(url, "playground", "lang=vi")
    same_browser = Student(url, "playground", "lang=en")
    try:
        await asyncio.gather(first.open(), second.open())
        same_browser.cookies.values.update(first.cookies.values)  # a second tab
        await same_browser.open()
        await asyncio.gather(first.set("pg_lr", "0.3"), second.set("pg_layers", 4))
        await asyncio.gather(first.click("pg_step"), second.click("pg_step"),
                             same_browser.set("pg_opt", same_browser.widget("pg_opt").options[-1]))
        assert "lr=0.3" in first.client["query_string"]
        assert "lr=" not in second.client["query_string"]
        assert "layers=4" in second.client["query_string"]
        assert "layers=" not in first.client["query_string"]
        assert "opt=" not in first.client["query_string"]
        assert "lr=" not in same_browser.client["query_string"]
        assert "lang=vi" in second.client["query_string"]
        assert "lang=en" in first.client["query_string"]
        assert same_browser.upstream == first.upstream
        assert not (first.exceptions or second.exceptions or same_browser.exceptions)
    finally:
        await asyncio.gather(first.close(), second.close(), same_browser.close())


def test_two_sessions_never_see_each_others_settings(room: Classroom) -> None:
    run(_isolated(room.url))


async def _plays(url: str) -> tuple[int, int]:
    mode, student = PLAY_MODES["playground"], Student(url, "playground", "lang=en")
    try:
        await student.open()
        await mode.start(student)
        await asyncio.sleep(4)
        await mode.stop(student)
        assert not student.exceptions
        runs = sum(1 for r in student.runs if any(c.endswith("-pg_boundary") for c in r.charts))
        return runs, mode.redraws(student)
    finally:
        await student.close()


def test_a_playing_student_counts_every_frame_the_browser_would_show(room: Classroom) -> None:
    """A live chart sends a batch of frames per run (ui.training.loop.FRAMES); the load
    benchmark's redraws are those frames, not the runs."""
    runs, redraws = run(_plays(room.url))
    assert runs >= 2 and redraws > runs
