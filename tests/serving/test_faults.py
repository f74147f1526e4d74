"""A Streamlit process killed while a class works (6 students, 2 of them playing): the students
on the other process carry on untouched; the killed one's students get Streamlit's reconnect
and a fresh session on the other process; nothing hangs; the launcher starts the process
again."""

from __future__ import annotations

import asyncio
import os
import signal

from classroom import http, processes
from classroom.play import PLAY_MODES
from classroom.serve import Classroom
from classroom.student import Student
from tests.serving.conftest import run

PAGES = ("playground", "playground", "chain_rule", "sigmoid_gate", "chain_rule", "xor")
PLAY = PLAY_MODES["playground"]


async def _open(url: str) -> list[Student]:
    """Six students at once; more, one by one, until both processes have some."""
    students = [Student(url, page, "lang=en", timeout=30) for page in PAGES]
    await asyncio.gather(*(student.open() for student in students))
    while len({s.upstream for s in students}) < 2 and len(students) < 20:
        students.append(Student(url, "chain_rule", "lang=en", timeout=30))
        await students[-1].open()
    assert len({s.upstream for s in students}) == 2, [s.upstream for s in students]
    return students


async def _carry_on(student: Student) -> None:
    """One more thing each student does: step, or pause and play again."""
    if student.client["page_name"] == "playground":
        if PLAY.pause in student.screen.widgets():
            await PLAY.stop(student)
        await PLAY.start(student)
    else:
        key = next(k for k, w in student.screen.widgets().items()
                   if k.endswith(("_next", "_reset")) and not w.disabled)
        await student.click(key)


async def _scenario(room: Classroom) -> str:
    students = await _open(room.url)
    try:
        for student in students[:2]:
            await PLAY.start(student)
        await asyncio.sleep(1.0)
        victim = room.backends[0]
        hit = [s for s in students if s.upstream == victim.address]
        spared = [s for s in students if s.upstream != victim.address]
        sessions = {id(s): s.sessions[-1] for s in students}
        os.kill(victim.process.pid, signal.SIGKILL)
        await asyncio.wait_for(asyncio.gather(*(s.wait_until(lambda s=s: s.reconnects > 0
                                                             and len(s.sessions) > 1)
                                                for s in hit)), timeout=30)
        await asyncio.wait_for(asyncio.gather(*(_carry_on(s) for s in students)), timeout=60)
        assert all(s.sessions[-1] != sessions[id(s)] for s in hit), "no fresh session"
        assert all(s.reconnects == 0 and s.sessions[-1] == sessions[id(s)] for s in spared)
        assert not any(s.exceptions for s in students), [s.exceptions for s in students]
    finally:
        await asyncio.gather(*(s.close() for s in students))
    return hit[0].cookies.header()


async def _routed_back(url: str, cookie: str, address: str) -> None:
    """Until nginx sends that browser to the restarted process again (after its
    ``fail_timeout``)."""
    for _ in range(60):
        reply = await http.request(url + "/", headers={"Cookie": cookie})
        if reply.header("x-backprop-upstream") == address:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"nginx did not route back to {address}")


def test_killing_one_process_spares_the_others_and_nothing_hangs(room: Classroom) -> None:
    cookie = run(_scenario(room))
    room.supervise_once()  # the launcher's watch: the killed process starts again
    assert all(backend.alive() for backend in room.backends)
    assert all(processes.healthy(backend.url) for backend in room.backends)
    run(_routed_back(room.url, cookie, room.backends[0].address))
