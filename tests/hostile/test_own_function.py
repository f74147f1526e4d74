"""A handful of hostile expressions typed into the chain-rule page's "your own function" box
(AppTest). The engine's parser is attacked at length by its own tests; this checks the page
around it: a message in the page's language (or a graph, for a hostile but valid function),
never a traceback, and a valid function typed next is drawn.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile.hostile import assert_fine, charts, failures, shared_session, speaking

CHAIN_RULE = "app_pages/graphs/chain_rule.py"
HANG_GUARD = 10  # seconds
BOX = "chain_own_expr"
EXPRESSIONS = {
    "empty": "",
    "unfinished": "x +",
    "import": "__import__('os').system('echo hacked')",
    "attribute": "x.__class__.__mro__",
    "lambda": "(lambda: 1)()",
    "assignment": "x = 1",
    "two_statements": "x; y",
    "deep_nesting": "(" * 400 + "x" + ")" * 400,
    "ten_kb": "x+" * 5_000 + "x",
    "overflow": "exp(exp(exp(x * 1000)))",
    "power_tower": "x ** 9999 ** 9999",
    "division_by_zero": "x / 0",
    "log_of_zero": "log(x - x)",
    "too_many_variables": "a+b+c+d+e+f+g+h+i+j",
    "unicode": "√x + x² + ｘ",
    "nul": "x\x00y",
}


def session(lang: str) -> AppTest:
    """The language's shared chain-rule session, showing the "your own function" box."""
    return shared_session(CHAIN_RULE, {"lang": lang, "example": "own"}, timeout=HANG_GUARD)


def type_in(at: AppTest, lang: str, text: str) -> AppTest:
    at.text_input(key=BOX).input(text)
    with speaking(lang):
        return at.run(timeout=HANG_GUARD)


def said_something(at: AppTest) -> bool:
    """An error, a warning or an info about the function, or its graph."""
    return bool(at.error or at.warning or at.info or charts(at))


RUNS = [(case, "en") for case in sorted(EXPRESSIONS)] + [
    (case, "vi") for case in ("import", "unfinished", "too_many_variables")]


@pytest.mark.parametrize(("case", "lang"), RUNS)
def test_a_hostile_function_gets_a_message(case: str, lang: str) -> None:
    at = type_in(session(lang), lang, EXPRESSIONS[case])
    assert_fine(failures(at))
    assert said_something(at)
    if lang == "vi":
        shown = " ".join(m.value for m in (*at.error, *at.warning))
        assert "cannot" not in shown and "not allowed" not in shown, shown
    at = type_in(at, lang, "x * y + z")
    assert_fine(failures(at))
    assert not at.error and charts(at)
