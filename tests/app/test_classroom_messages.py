"""Messages in the page's language with user text shown literally (ui.messages), on the
chain-rule page, and the projector's figure scaling (ui.presentation)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from nncore.errors import CodedError
from tests.app.apptest import open_page
from ui.i18n import translate
from ui.messages import escape_markdown, literal
from ui.presentation import SCALE, _scale

CHAIN = "app_pages/graphs/chain_rule.py"


@pytest.mark.parametrize(("text", "escaped"), [
    ("__import__('os')", r"\_\_import\_\_\(\'os\'\)"),
    ("$x$ * *y*", r"\$x\$ \* \*y\*"),
    ("a\nb", "a b"),
    (":smile: <b>", r"\:smile\: \<b\>"),
])
def test_escape_markdown_keeps_every_character(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_literal_fences_backticks_and_cuts_long_text() -> None:
    assert literal("x*y") == "`x*y`"
    assert literal("a`b") == "``a`b``"
    assert literal("`") == "`` ` ``"
    assert literal("") == "“”"
    assert literal("x" * 500).endswith("…`") and len(literal("x" * 500)) == 202


def error_page() -> None:
    import streamlit as st

    from nncore.errors import CodedError
    from ui.messages import error_text

    for error in (CodedError("csv.too_many_rows", "more than {limit} rows", limit=2000),
                  CodedError("csv.not_number", "Row {row}: {value!r}", row=3, column=1,
                             value="__x__"),
                  CodedError("no.such.code", "English {name}", name="_a_"),
                  ValueError("calling __import__ is not allowed")):
        st.markdown(error_text(error))


@pytest.mark.parametrize(("lang", "first"), [("en", "2000 data rows"), ("vi", "2000")])
def test_coded_errors_render_in_the_pages_language_with_details_escaped(lang: str,
                                                                        first: str) -> None:
    at = AppTest.from_function(error_page)
    at.query_params["lang"] = lang
    at.run()
    texts = [m.value for m in at.markdown]
    assert first in texts[0]
    assert r"\_\_x\_\_" in texts[1] and "3" in texts[1] and "{" not in texts[1]
    assert texts[2] == r"English \_a\_"  # no translation for the code: the English, escaped
    assert texts[3] == r"calling \_\_import\_\_ is not allowed"


def test_coded_error_keeps_code_and_details() -> None:
    error = CodedError("csv.empty", "The file has no data rows.")
    assert error.code == "csv.empty" and dict(error.details) == {} and isinstance(error,
                                                                                  ValueError)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_chain_rule_shows_a_refused_expression_literally_and_alone(lang: str) -> None:
    at = open_page(CHAIN, lang)
    at.radio(key="chain_example").set_value("own").run()
    at.text_input(key="chain_own_expr").input("__import__('os')").run()
    assert not at.exception and len(at.error) == 1
    assert r"\_\_import\_\_" in at.error[0].value  # escaped: Markdown shows the underscores
    assert "__import__" not in at.error[0].value.replace(r"\_", "")
    constant = translate(lang, "chain.constant")
    at.text_input(key="chain_own_expr").input("2 ** 2000").run()  # a refused constant
    assert len(at.error) == 1  # and no "it is a constant" note beside the error
    assert constant not in [i.value for i in at.info]
    at.text_input(key="chain_own_expr").input("2 * 3").run()  # an accepted constant
    assert not at.error and constant in [i.value for i in at.info]


def test_figures_scale_their_fonts_markers_and_standoffs_for_the_projector() -> None:
    figure = {"data": [{"textfont": {"size": 14}, "marker": {"size": [30, 40]},
                        "line": {"width": 2}}],
              "layout": {"font": {"size": 12}, "annotations": [{"standoff": 10,
                                                                  "font": {"size": 10}}],
                         "height": 300}}
    scaled = _scale(figure, SCALE)
    assert scaled["data"][0] == {"textfont": {"size": 21}, "marker": {"size": [45, 60]},
                                 "line": {"width": 2}}
    assert scaled["layout"]["font"]["size"] == 18 and scaled["layout"]["height"] == 300
    assert scaled["layout"]["annotations"][0] == {"standoff": 15, "font": {"size": 15}}
