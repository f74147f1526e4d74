"""Hostile CSV uploads on the playground (AppTest): empty, binary, over the size cap, 10,000
rows, one class, NaN/inf, 11 classes, wrong columns, a BOM, ``;`` with decimal commas, and
more. Each gets a clear message in the page's language (the file is refused, with the
reason, or loaded, with its size), never a traceback, and the session works afterwards: a
good file uploaded next is loaded and trains one step.

One session per language serves the cases in turn (as a student would try file after file);
a case that broke it gets a fresh one for the next case.
"""

from __future__ import annotations

import random

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile.hostile import assert_fine, failures, fixed_part, shared_session, speaking
from ui.i18n import load_table

PLAYGROUND = "app_pages/training/playground.py"
HANG_GUARD = 10  # seconds: a run that takes longer has hung (this is not a speed test)
REJECT, LOAD, EITHER = "rejected", "loaded", "either"


def rows(n: int, classes: int = 2, sep: str = ",", comma: bool = False) -> str:
    rng = random.Random(n * 31 + classes)
    lines = []
    for i in range(n):
        x, y = f"{rng.uniform(-3, 3):.3f}", f"{rng.uniform(-3, 3):.3f}"
        if comma:
            x, y = x.replace(".", ","), y.replace(".", ",")
        lines.append(sep.join((x, y, str(i % classes))))
    return "\n".join(lines) + "\n"


GOOD = rows(40)
CASES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", REJECT),
    "binary": (bytes(range(256)) * 8, REJECT),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(600), REJECT),
    "zip": (b"PK\x03\x04" + bytes(range(200)), REJECT),
    "over_the_size_cap": (("0.125,0.25,0\n0.5,0.75,1\n" * 10_000).encode(), REJECT),
    "ten_thousand_rows": (rows(10_000).encode(), REJECT),
    "one_class": (rows(40, classes=1).encode(), REJECT),
    "nan_and_inf": (b"x1,x2,label\n1,2,0\nnan,1,1\n2,inf,0\n-inf,3,1\n", REJECT),
    "eleven_classes": (rows(44, classes=11).encode(), REJECT),
    "four_columns": (b"a,b,c,d\n1,2,3,4\n5,6,7,8\n", REJECT),
    "two_columns": (b"1,2\n3,4\n5,6\n", REJECT),
    "header_only": (b"x1,x2,label\n", REJECT),
    "one_point_per_class": (b"1,2,a\n3,4,b\n", REJECT),
    "bom": (("\ufeffx1,x2,label\n" + GOOD).encode(), LOAD),
    "semicolon_decimal_comma": (rows(40, sep=";", comma=True).encode(), LOAD),
    "tab": (rows(40, sep="\t").encode(), LOAD),
    "crlf": (GOOD.replace("\n", "\r\n").encode(), LOAD),
    "utf16": (("x1,x2,label\n" + GOOD).encode("utf-16"), LOAD),
    "emoji_labels": (GOOD.replace(",0\n", ",🐱\n").replace(",1\n", ",🐶\n").encode(), LOAD),
    "huge_numbers": (b"1e308,1,0\n-1e308,2,1\n3,1e300,0\n4,5,1\n", EITHER),
    "unclosed_quote": (b'"1,2,0\n3,4,1\n5,6,0\n', EITHER),
    "ten_kb_label": (("1,2," + "x" * 10_000 + "\n3,4,y\n").encode(), EITHER),
}
VIETNAMESE = ("binary", "ten_thousand_rows", "eleven_classes", "bom", "nan_and_inf")


def session(lang: str) -> AppTest:
    """The language's shared playground session, showing the CSV uploader."""
    return shared_session(PLAYGROUND, {"lang": lang, "data": "csv"}, timeout=HANG_GUARD)


def upload(at: AppTest, lang: str, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="pg_csv").set_value((name, content, "text/csv"))
    with speaking(lang):
        return at.run(timeout=HANG_GUARD)


def outcome(at: AppTest, lang: str, name: str) -> str:
    """``rejected`` (an error naming the file), ``loaded`` (the caption naming it), or what
    the page showed instead."""
    refused = fixed_part(lang, "playground.csv_rejected")
    if any(refused in e.value and name in e.value for e in at.error):
        return REJECT
    loaded = fixed_part(lang, "playground.csv_loaded")
    if any(loaded in c.value and name in c.value for c in at.caption):
        return LOAD
    return f"no message: errors {[e.value for e in at.error]}"


def english_reasons() -> list[str]:
    """The fixed text of every English CSV refusal: none may show on a Vietnamese page."""
    return [fixed_part("en", key) for key in load_table("en") if key.startswith("errors.csv.")]


def check_case(lang: str, case: str) -> None:
    content, expected = CASES[case]
    at = session(lang)
    name = f"{case}.csv"
    at = upload(at, lang, name, content)
    assert_fine(failures(at))
    got = outcome(at, lang, name)
    assert got == expected if expected != EITHER else got in (REJECT, LOAD), got
    if lang == "vi":
        shown = " ".join(e.value for e in at.error)
        assert not [r for r in english_reasons() if r and r in shown], shown
    at = upload(at, lang, "good.csv", GOOD.encode())
    assert_fine(failures(at))
    assert outcome(at, lang, "good.csv") == LOAD
    with speaking(lang):
        at.button(key="pg_step").click().run(timeout=HANG_GUARD)
    assert_fine(failures(at))


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_csv_in_english(case: str) -> None:
    check_case("en", case)


@pytest.mark.parametrize("case", VIETNAMESE)
def test_hostile_csv_in_vietnamese(case: str) -> None:
    check_case("vi", case)
