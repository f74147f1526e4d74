"""Every refusal code of nncore/graph has its English template in its module and the same text
under ``errors.expression`` in the English table, with the same placeholders in Vietnamese."""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

import pytest

from nncore.errors import CodedError
from nncore.graph import ExpressionError, GateError, elementwise, expression, gate, linalg, node

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"
TABLES = [gate.ERRORS, elementwise.ERRORS, linalg.ERRORS, node.ERRORS, expression.ERRORS]
TEMPLATES = {code: text for table in TABLES for code, text in table.items()}


def translations(lang: str) -> dict[str, str]:
    text = (I18N / lang / "errors_expression.toml").read_text(encoding="utf-8")
    return {f"expression.{k}": v for k, v in tomllib.loads(text)["errors"]["expression"].items()}


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_codes_are_unique_across_modules() -> None:
    assert sum(len(table) for table in TABLES) == len(TEMPLATES)
    assert all(code.startswith("expression.") for code in TEMPLATES)


def test_the_english_table_is_the_modules_templates() -> None:
    assert translations("en") == TEMPLATES


@pytest.mark.parametrize("lang", ["vi"])
def test_other_languages_have_every_key_with_the_same_placeholders(lang: str) -> None:
    table = translations(lang)
    assert table.keys() == TEMPLATES.keys()
    assert {c: placeholders(t) for c, t in table.items()} == \
        {c: placeholders(t) for c, t in TEMPLATES.items()}


def test_the_errors_are_coded_errors() -> None:
    assert issubclass(ExpressionError, CodedError) and issubclass(GateError, CodedError)
    assert issubclass(ExpressionError, ValueError)  # pages that catch ValueError still do
