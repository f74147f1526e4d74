"""Hostile expressions: each is refused with a CodedError — a stable code, the column where it
applies, a clear English message and a translation key — before anything expensive runs
(``9**9**9`` is refused from its exponent, never computed)."""

from __future__ import annotations

import string
import tomllib
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore.errors import CodedError
from nncore.graph import ExpressionError, Graph, parse_expression, variable_names
from nncore.graph.expression import MAX_DEPTH, MAX_LENGTH, MAX_NESTING

VALUES = {"x": 1.5, "y": -0.5, "z": 2.0, "W": np.array([[0.1, 0.5], [-0.3, 0.8]]),
          "v": np.array([0.2, 0.4])}
EN = Path(__file__).resolve().parents[2] / "assets" / "i18n" / "en" / "errors_expression.toml"
TRANSLATED = tomllib.loads(EN.read_text(encoding="utf-8"))["errors"]["expression"]

# (text, code, column) — column None where the refusal is about the whole text.
INJECTION = [
    ("__import__('os')", "dunder", 1), ("__import__('os').system('ls')", "dunder", 1),
    ("__builtins__", "dunder", 1), ("x.__class__", "dunder", 1),
    ("x.__class__.__mro__", "dunder", 1), ("().__class__", "dunder", 1),
    ("exp.__globals__", "dunder", 1), ("x + __y", "dunder", 5),
    ("lambda: __import__('os')", "dunder", 9), ("eval('1')", "function", 1),
    ("exec('x')", "function", 1), ("open('/etc/passwd')", "function", 1),
    ("globals()", "function", 1), ("getattr(x, 'real')", "function", 1),
    ("compile('1', 'f', 'eval')", "function", 1), ("float('nan')", "function", 1),
    ("float('inf')", "function", 1), ("print(x)", "function", 1),
]
ATTRIBUTES = [
    ("x.real", "attribute", 1), ("x.y.z", "attribute", 1), ("exp(x).imag", "attribute", 1),
    ("x.y()", "attribute", 1), ("(1).real", "attribute", 1), ("math.inf", "attribute", 1),
    ("np.exp(x)", "attribute", 1), ("x + os.system", "attribute", 5),
]
FUNCTIONS_AND_COMPREHENSIONS = [
    ("lambda: 1", "lambda", 1), ("lambda x: x", "lambda", 1), ("(lambda: 1)()", "lambda", 2),
    ("[x for x in y]", "comprehension", 1), ("{x for x in y}", "comprehension", 1),
    ("{x: x for x in y}", "comprehension", 1), ("(x for x in y)", "comprehension", 1),
    ("sum(x for x in v)", "comprehension", 4), ("x(1)", "function", 1),
    ("1(2)", "call_target", 1), ("(x + y)(2)", "call_target", 1),
]
LITERALS = [
    ("'a'", "string", 1), ('"x"', "string", 1), ("b'x'", "string", 1), ("f'{x}'", "string", 1),
    ("x + 'a'", "string", 5), ("True", "literal", 1), ("False + x", "literal", 1),
    ("None", "literal", 1), ("1j", "literal", 1), ("1j * x", "literal", 1),
    ("...", "literal", 1),
]
COLLECTIONS = [
    ("[x]", "collection", 1), ("(x, y)", "collection", 1), ("x, y", "collection", 1),
    ("{x}", "collection", 1), ("{x: y}", "collection", 1), ("()", "collection", 1),
    ("[1, 2] @ v", "collection", 1), ("x[0]", "subscript", 1), ("v[1:2]", "subscript", 1),
    ("v[::-1]", "subscript", 1),
]
OPERATORS = [
    ("x // y", "operator", 1), ("x % y", "operator", 1), ("1 % 0", "operator", 1),
    ("x << 2", "operator", 1), ("x >> 1", "operator", 1), ("x | y", "operator", 1),
    ("x & y", "operator", 1), ("x ^ y", "operator", 1), ("~x", "operator", 1),
    ("not x", "operator", 1), ("x and y", "boolean", 1), ("x or y", "boolean", 1),
    ("x < y", "comparison", 1), ("x == y", "comparison", 1), ("x is y", "comparison", 1),
    ("x in y", "comparison", 1), ("x if y else z", "conditional", 1),
    ("(x := 2)", "assignment", 2), ("await x", "not_allowed", 1),
    ("(yield x)", "not_allowed", 2), ("exp(*v)", "not_allowed", 5),
]
SYNTAX = [
    ("x +", "syntax", None), ("+", "syntax", None), ("x y", "syntax", 3),
    ("1 2", "syntax", None), ("x = 1", "syntax", None), ("x +* y", "syntax", None),
    ("import os", "syntax", None), ("x; y", "syntax", None), ("def f(): pass", "syntax", None),
    ("#x", "syntax", None), ("exp(", "unbalanced", 4), (")", "unbalanced", 1),
    ("((x)", "unbalanced", 1), ("x]", "unbalanced", 2), ("(x]", "unbalanced", 3),
    ("", "empty", None), ("   ", "empty", None), ("\n\t", "empty", None),
]
UNICODE = [
    ("ｘ + 1", "non_ascii_lookalike", 1), ("x + ｙ", "non_ascii_lookalike", 5),
    ("x ＋ y", "non_ascii_lookalike", 3), ("１ + x", "non_ascii_lookalike", 1),
    ("x²", "non_ascii_lookalike", 2), ("x·y", "non_ascii_lookalike", 2),
    ("x × y", "non_ascii_lookalike", 3), ("x − y", "non_ascii_lookalike", 3),
    ("x ÷ y", "non_ascii_lookalike", 3), ("ⅹ * 2", "non_ascii_lookalike", 1),
    ("𝑥 + 1", "non_ascii_lookalike", 1), ("ﬁ", "non_ascii_lookalike", 1),
    ("ℯ ** x", "non_ascii_lookalike", 1), ("σ(x)", "non_ascii", 1),
    ("x * σ", "non_ascii", 5), ("١ + x", "non_ascii", 1), ("x + ٣", "non_ascii", 5),
    ("x\u200b", "non_ascii", 2), ("x\u00a0+ y", "non_ascii", 2), ("x\u3000", "non_ascii", 2),
    ("é", "non_ascii", 1), ("x + 😀", "non_ascii", 5), ("  ｘ", "non_ascii_lookalike", 3),
]
CONTROL = [
    ("x\ny", "control_character", 2), ("x\n+ y", "control_character", 2),
    ("x\ty", "control_character", 2), ("x\x00", "control_character", 2),
    ("x\r+y", "control_character", 2), ("\x1b[31m", "control_character", 1),
    ("x\x7f", "control_character", 2),
]
SIZE = [
    ("x" * 10_000, "too_long", None), ("(" * 10_000 + "x" + ")" * 10_000, "too_long", None),
    ("x+" * 5000 + "x", "too_long", None), (" " * (MAX_LENGTH + 1), "too_long", None),
    ("(" * 33 + "x" + ")" * 33, "too_nested", MAX_NESTING + 1),
    ("[" * 40, "too_nested", MAX_NESTING + 1), ("-" * 200 + "x", "too_deep", None),
    ("1+" * 70 + "1", "too_deep", None), ("x" + "**x" * 100, "too_deep", None),
    ("exp(" * 20 + "x" + ")" * 20, "overflow", 65),  # the 4th exp from inside
]
NUMBERS = [
    ("9**9**9", "exponent_too_large", 4), ("9**9**9**9", "exponent_too_large", 7),
    ("2**1000", "exponent_too_large", 4), ("x ** 1e10", "exponent_too_large", 6),
    ("x ** -65", "exponent_too_large", 6), ("x ** (2 ** 7)", "exponent_too_large", 7),
    ("10 ** 400", "exponent_too_large", 7), ("(10**64)**64", "overflow", 1),
    ("1e308*10", "overflow", 1), ("1e308 + 1e308", "overflow", 1), ("exp(1000)", "overflow", 1),
    ("exp(710)", "overflow", 1), ("x * 1e308 * 1e308", "overflow", 1),
    ("1e999", "number_too_large", 1), ("-1e309", "number_too_large", 2),
    ("9" * 400, "number_too_large", 1), ("9" * 400 + " * x", "number_too_large", 1),
    ("log(0)", "log_domain", 1), ("log(-1)", "log_domain", 1), ("log(x - 1.5)", "log_domain", 1),
    ("1/0", "division_by_zero", 1), ("0/0", "division_by_zero", 1),
    ("x/0", "division_by_zero", 1), ("1 / (x - x)", "division_by_zero", 1),
    ("0 ** -1", "zero_to_negative_power", 1), ("(-8) ** (1/3)", "negative_base", 1),
    ("x ** y", "exponent_not_number", 6), ("2 ** x", "exponent_not_number", 6),
]
NAMES = [
    ("nan", "unknown_name", 1), ("inf", "unknown_name", 1), ("NaN * x", "unknown_name", 1),
    ("x + foo", "unknown_name", 5), ("exp", "function_not_called", 1),
    ("exp + 1", "function_not_called", 1), ("exp(x, y)", "arguments", 1),
    ("max(x)", "arguments", 1), ("exp()", "arguments", 1), ("exp(x=1)", "keyword", 5),
    ("max(x, **y)", "keyword", 8),
]
CASES = [*INJECTION, *ATTRIBUTES, *FUNCTIONS_AND_COMPREHENSIONS, *LITERALS, *COLLECTIONS,
         *OPERATORS, *SYNTAX, *UNICODE, *CONTROL, *SIZE, *NUMBERS, *NAMES]


def refusal(text: object, values: dict | None = None) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, VALUES if values is None else values)  # type: ignore[arg-type]
    return info.value


def check_clear(error: CodedError) -> None:
    """A translation key whose placeholders the details fill; the English message is that
    text (followed by where it happened, for a gate's refusal)."""
    key = error.code.removeprefix("expression.")
    assert key in TRANSLATED, error.code
    fields = {f for _, f, _, _ in string.Formatter().parse(TRANSLATED[key]) if f}
    assert fields <= set(error.details), (error.code, fields, dict(error.details))
    assert str(error).startswith(TRANSLATED[key].format(**error.details))


def test_there_are_at_least_a_hundred_cases() -> None:
    assert len(CASES) >= 100 and len({text for text, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "code", "column"), CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_a_hostile_expression_is_refused_with_a_code(text: str, code: str,
                                                      column: int | None) -> None:
    error = refusal(text)
    assert error.code == f"expression.{code}", str(error)
    if column is not None:
        assert error.details["column"] == column and f"(column {column})" in str(error)
    check_clear(error)


def test_variable_names_applies_the_same_text_rules() -> None:
    for text, code, _ in [*UNICODE, *CONTROL, *SYNTAX, *SIZE[:7], *INJECTION[:9]]:
        with pytest.raises(ExpressionError) as info:
            variable_names(text)
        assert info.value.code == f"expression.{code}", text


@pytest.mark.parametrize(("value", "code"), [
    ("abc", "value_not_real"), (None, "value_not_real"), ([1.0, [2.0]], "value_not_real"),
    (float("nan"), "value_not_finite"), (np.inf, "value_not_finite"),
    (np.array([1.0, -np.inf]), "value_not_finite"),
])
def test_bad_values_are_refused_where_the_name_is(value: object, code: str) -> None:
    error = refusal("1 + x", {"x": value})
    assert (error.code, error.details["name"], error.details["column"]) == \
        (f"expression.{code}", "x", 5)
    check_clear(error)


@pytest.mark.parametrize("text", [b"x", None, 42, ["x"]])
def test_only_text_is_read(text: object) -> None:
    error = refusal(text)
    assert error.code == "expression.not_text" and error.details["kind"] == type(text).__name__


def test_the_fullwidth_x_is_not_read_as_x() -> None:
    """Python's parser NFKC-normalises identifiers (ｘ would silently be x); this one refuses
    every non-ASCII character and says which ASCII one was meant."""
    error = refusal("ｘ * 2")
    assert dict(error.details) == {"char": "ｘ", "ascii": "x", "column": 1}
    assert str(error) == "only ASCII characters are allowed: use x instead of 'ｘ' (column 1)"
    plain = refusal("x + σ")
    assert dict(plain.details) == {"char": "σ", "codepoint": "U+03C3", "column": 5}


def test_columns_count_in_the_text_as_typed() -> None:
    assert refusal("   x + foo").details["column"] == 8
    assert refusal("\tx.real").details["column"] == 2


def test_the_depth_limits_are_the_documented_ones() -> None:
    assert parse_expression("(" * MAX_NESTING + "x" + ")" * MAX_NESTING, VALUES).output.value \
        == 1.5
    assert refusal("-" * (MAX_DEPTH + 1) + "x").details["limit"] == MAX_DEPTH
    assert isinstance(parse_expression("x" + " + x" * 60, VALUES), Graph)


# --- generated hostile input --------------------------------------------------------------
NON_ASCII = st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF,
                          exclude_categories=("Cs",))
VALID = st.sampled_from(["(x + y) * z", "exp(x) - log(z)", "max(x, y) * 2", "x ** 2 + y"])


@settings(max_examples=200, deadline=None)
@given(VALID, st.data(), NON_ASCII)
def test_any_non_ascii_character_is_refused_at_its_column(text: str, data: st.DataObject,
                                                           ch: str) -> None:
    position = data.draw(st.integers(0, len(text)))
    error = refusal(text[:position] + ch + text[position:])
    assert error.code in ("expression.non_ascii", "expression.non_ascii_lookalike")
    assert (error.details["char"], error.details["column"]) == (ch, position + 1)
    if error.code == "expression.non_ascii_lookalike":
        assert f"use {error.details['ascii']} instead of '{ch}'" in str(error)
    check_clear(error)


@settings(max_examples=100, deadline=None)
@given(st.integers(0x21, 0x7E).filter(lambda c: chr(c) not in "({["))
def test_every_fullwidth_form_suggests_its_ascii_twin(code: int) -> None:
    fullwidth = chr(code + 0xFEE0)  # U+FF01..U+FF5E mirror ASCII 0x21..0x7E
    assert unicodedata.normalize("NFKC", fullwidth) == chr(code)
    error = refusal(f"x + {fullwidth}")
    assert error.code == "expression.non_ascii_lookalike" and error.details["ascii"] == chr(code)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(2, 10**6), min_size=2, max_size=6))
def test_exponent_towers_are_refused_before_computing(bases: list[int]) -> None:
    text = "**".join(str(b) for b in bases)
    try:
        g = parse_expression(text, VALUES)
    except ExpressionError as error:
        assert error.code in ("expression.exponent_too_large", "expression.overflow")
        check_clear(error)
    else:
        assert np.isfinite(g.output.value)


@settings(max_examples=100, deadline=None)
@given(st.integers(MAX_NESTING + 1, 3000), st.sampled_from("([{"))
def test_deep_brackets_are_refused_by_counting(depth: int, bracket: str) -> None:
    closing = {"(": ")", "[": "]", "{": "}"}[bracket]
    error = refusal(bracket * depth + "x" + closing * depth)
    assert error.code in ("expression.too_nested", "expression.too_long")


DUNDER = st.from_regex(r"__[a-z]{1,8}__?", fullmatch=True)


@settings(max_examples=50, deadline=None)
@given(DUNDER, st.sampled_from(["{}", "x.{}", "exp({})", "{}(x)", "x + {}.real", "lambda: {}"]))
def test_dunder_names_are_refused_wherever_they_stand(name: str, form: str) -> None:
    error = refusal(form.format(name))
    assert error.code == "expression.dunder" and error.details["name"] == name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_graph_or_a_coded_error(text: str) -> None:
    try:
        parse_expression(text, VALUES)
    except CodedError as error:
        check_clear(error)
