"""Hostile input through the real server (nginx + Streamlit's own query-string parsing, its
upload endpoint): raw garbage in the URL, files the playground must refuse, a file over
Streamlit's upload cap. The page answers in its language, never with a traceback, and the
session works afterwards."""

from __future__ import annotations

import pytest

from classroom.serve import Classroom
from classroom.student import Student
from tests.hostile.hostile import assert_fine, fixed_part
from tests.serving.conftest import run

RAW_QUERIES = (
    "lr=%ZZ&&&=&lr=1&lr=2&%00=%00&layers=-1e999&n1=nan&speed=inf",
    "lang=vi&data=" + "x" * 10_000 + "&points=" + "9" * 5_000,
    "lang=vi&example=own&own_expr=__import__%28%27os%27%29&x=%F0%9F%98%80",
    "gate=%3Cscript%3E&hidden=1e308&seed=-5&lr=0x10&hide=all,all,zzz&present=2&step=-3",
)


async def _open_with(url: str, page: str, query: str) -> Student:
    student = Student(url, page, query, timeout=30)
    await student.open()
    return student


@pytest.mark.parametrize("page", ["playground", "chain_rule", "xor", "mlp_step"])
@pytest.mark.parametrize("query", RAW_QUERIES, ids=range(len(RAW_QUERIES)))
def test_raw_garbage_in_the_url(room: Classroom, page: str, query: str) -> None:
    async def scenario() -> None:
        student = await _open_with(room.url, page, query)
        try:
            assert_fine(student.exceptions)
            assert student.screen.of_kind("heading"), "the page did not render"
            lang = "vi" if "lang=vi" in query else "en"
            assert f"lang={lang}" in student.client["query_string"]
            await student.rerun()
            assert_fine(student.exceptions)
        finally:
            await student.close()

    run(scenario())


ROWS = "".join(f"{i % 7 * 0.5},{i % 5 * 0.25},{i % 2}\n" for i in range(40)).encode()


@pytest.mark.parametrize(("name", "content", "put_status"), [
    ("binary.csv", bytes(range(256)) * 4, 204),
    ("big.csv", b"1,2,0\n" * 220_000, 413),  # 1.3 MB: over Streamlit's 1 MB upload cap
    ("eleven.csv", "".join(f"{i},{i},{i % 11}\n" for i in range(44)).encode(), 204),
], ids=["binary", "over_the_upload_cap", "eleven_classes"])
def test_a_bad_upload_then_a_good_one(room: Classroom, name: str, content: bytes,
                                      put_status: int) -> None:
    async def scenario() -> None:
        student = await _open_with(room.url, "playground", "lang=vi&data=csv")
        try:
            assert await student.upload("pg_csv", name, content) == put_status
            if put_status == 204:
                refused = fixed_part("vi", "playground.csv_rejected")
                assert any(refused in a.body for a in student.screen.of_kind("alert"))
            assert await student.upload("pg_csv", "good.csv", ROWS) == 204
            loaded = fixed_part("vi", "playground.csv_loaded")
            assert any(loaded in text for text in student.screen.texts())
            await student.click("pg_step")
            assert student.exceptions == []
        finally:
            await student.close()

    run(scenario())
