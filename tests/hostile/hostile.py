"""Helpers of the hostile-input tests: a page opened directly with a URL (and one such session
that a file's cases share), the URL parameters every page reads, and values nobody should send.

The parameter names come from the pages themselves: the names every ``ui.url_state.UrlState``
saved in the session (``_url_names``), the page's query string after its first run, and the
parameters that every page shares (``GLOBAL_PARAMETERS``) — so a setting added to a page is
attacked without touching these tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest import APP
from ui.i18n import load_table
from ui.navigation import COURSE

GLOBAL_PARAMETERS = ("lang", "present", "hide", "step")
URL_NAMES_KEY = "_url_names"  # ui.url_state: every parameter a UrlState wrote in the session
UNKNOWN = {"zzz": "1", "__proto__": "x", "LR": "0.3", "a" * 300: "b", "lang2": "vi"}
HOSTILE_VALUES: tuple[str, ...] = (
    "",  # empty
    "garbage",
    "-1",  # negative
    "-7e307",
    "1e308",  # huge
    "1e999",  # overflows to inf
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-0",
    "1e-400",  # underflows to 0
    "0x1F",
    "1_000",
    "١٢",  # Arabic-Indic digits: float() reads them
    "１２",  # full-width digits
    "  7  ",
    "9" * 10_000,  # 10 kB of digits
    "x" * 10_000,  # 10 kB of text
    "<script>alert(1)</script>",
    "'; DROP TABLE students; --",
    "%00%ff\x00",
    "[1, 2]",
    "None",
    "😀",
)
PAGES = tuple(page.path for page in COURSE)


def open_direct(path: str, query: dict[str, object], timeout: float = 30) -> AppTest:
    """A new session opened straight on page ``path`` with ``query`` as its URL (a shared
    link): one run, the page's first."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(path)
    return at.run()


_SHARED: dict[tuple[str, tuple[tuple[str, str], ...]], AppTest] = {}


def shared_session(path: str, query: dict[str, object], timeout: float = 30) -> AppTest:
    """The session on page ``path`` with URL ``query`` that a test file's cases share in turn
    (as a student tries one input after another); one that a case broke (an exception, no
    title: ``failures``) is replaced by a fresh one for the next case."""
    key = (path, tuple(sorted((name, str(value)) for name, value in query.items())))
    at = _SHARED.get(key)
    if at is None or failures(at):
        at = open_direct(path, query, timeout=timeout)
        _SHARED[key] = at
    return at


@cache
def parameters(path: str) -> tuple[str, ...]:
    """Every URL parameter page ``path`` reads (see the module docstring)."""
    at = open_direct(path, {"lang": "en"})
    names = set(GLOBAL_PARAMETERS) | set(at.query_params)
    if URL_NAMES_KEY in at.session_state:
        names |= set(at.session_state[URL_NAMES_KEY])
    return tuple(sorted(names))


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """AppTest formats a widget's options (``format_func``) outside the script run, where
    the session's language is unknown and ``t`` answers in English; a rerun of a Vietnamese
    page then fails to find its own option. Inside this block ``t`` speaks ``lang``."""
    with mock.patch("ui.i18n.current_language", return_value=lang):
        yield


def fixed_part(lang: str, key: str) -> str:
    """The longest piece of translation ``key`` without a placeholder: text that must show
    when the message shows in ``lang``."""
    pieces = load_table(lang)[key].replace("{{", "").replace("}}", "")
    parts = [p.split("}")[-1] for p in pieces.split("{")]
    return max(parts, key=len).strip()


# Bugs these tests found in other modules, reported and being fixed: a case that fails with
# one of them (the page shows only the exception's type: client.showErrorDetails = "type")
# is an expected failure, named in the summary; any other failure fails.
KNOWN_BUGS: dict[str, str] = {}  # (both found earlier are fixed: segno overflow, round(inf))


def failures(at: AppTest) -> list[str]:
    """What went wrong in the last run: exceptions, and a page that shows no title."""
    found = [f"exception: {e.proto.type}: {e.message}" for e in at.exception]
    if not at.title:
        found.append("no page title")
    return found


def charts(at: AppTest) -> list:
    """The charts on the page: plotly charts and the app's live charts (v2 components)."""
    return [*at.get("plotly_chart"), *at.get("bidi_component")]


def assert_fine(found: list[str]) -> None:
    """No failure; a known bug (``KNOWN_BUGS``) makes the case an expected failure."""
    for text, where in KNOWN_BUGS.items():
        if any(text in failure for failure in found):
            pytest.xfail(f"known bug: {where}")
    assert found == []
