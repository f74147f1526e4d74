"""The CSV parser behind the playground's upload: good files in, clear errors for the rest."""

from __future__ import annotations

import codecs
import string
import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore.data.csv_points import CODES, MAX_ROWS, PointsCSVError, parse_points_csv
from nncore.data.split import Standardizer
from nncore.errors import CodedError

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"


def test_plain_rows_with_a_header() -> None:
    X, y = parse_points_csv("x1,x2,label\n0,0,0\n1,0.5,1\n-2,3e-1,1\n4,4,0\n")
    np.testing.assert_allclose(X, [[0, 0], [1, 0.5], [-2, 0.3], [4, 4]])
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert y.tolist() == [0, 1, 1, 0]


def test_no_header_blank_lines_comments_and_bytes() -> None:
    text = b"# my points\n\n1,2,a\n3,4,b\n\n5,6,a\n7,8,b\n"
    X, y = parse_points_csv(text)
    assert X.shape == (4, 2) and y.tolist() == [0, 1, 0, 1]


def test_labels_sort_numerically_and_by_name() -> None:
    _, y = parse_points_csv("0,0,10\n1,1,2\n2,2,10\n3,3,2\n4,4,-1\n5,5,-1\n")
    assert y.tolist() == [2, 1, 2, 1, 0, 0]  # -1 < 2 < 10, not "-1" < "10" < "2"
    _, y = parse_points_csv("0,0,dog\n1,1,cat\n2,2,dog\n3,3,cat\n")
    assert y.tolist() == [1, 0, 1, 0]


def test_semicolons_with_decimal_commas() -> None:
    X, y = parse_points_csv("x1;x2;nhãn\n1,5;2,25;0\n-0,5;3;1\n0;0;0\n1;1;1\n")
    np.testing.assert_allclose(X[:2], [[1.5, 2.25], [-0.5, 3.0]])
    assert y.tolist() == [0, 1, 0, 1]


def test_tab_separated_and_utf8_bom() -> None:
    X, _ = parse_points_csv("\ufeffa\tb\tc\n1\t2\t0\n3\t4\t1\n5\t6\t0\n7\t8\t1\n".encode())
    assert X.shape == (4, 2)


def test_semicolons_without_a_header_and_a_bom_before_the_header() -> None:
    X, y = parse_points_csv("1,5;2,25;a\n-0,5;3;b\n0;0;a\n1;1;b\n")
    np.testing.assert_allclose(X[:2], [[1.5, 2.25], [-0.5, 3.0]])
    assert y.tolist() == [0, 1, 0, 1]
    X, y = parse_points_csv(codecs.BOM_UTF8 + b"x1,x2,label\n0,0,0\n1,1,1\n2,2,0\n3,3,1\n")
    assert X.shape == (4, 2) and y.tolist() == [0, 1, 0, 1]


def test_utf16_with_a_bom_and_old_mac_line_ends() -> None:
    text = "x1\tx2\tlabel\r\n1\t2\t0\r\n3\t4\t1\r\n5\t6\t0\r\n7\t8\t1\r\n"
    X, _ = parse_points_csv(text.encode("utf-16"))  # Excel's "Unicode text"
    assert X.shape == (4, 2)
    X, _ = parse_points_csv("1,2,0\r3,4,1\r5,6,0\r7,8,1\r")
    assert X.shape == (4, 2)


ONE_MORE = "".join(f"{i},{-i},{i % 2}\n" for i in range(MAX_ROWS + 1))


@pytest.mark.parametrize(
    ("data", "code", "details"),
    [
        ("", "csv.empty", {}),
        ("\n  \n# only a comment\n", "csv.empty", {}),
        ("x1,x2,label\n", "csv.empty", {}),
        (b"1,2,0\n3,4\x00,1\n", "csv.not_text", {}),
        (b"PK\x03\x04\x00\xff\xfe", "csv.not_text", {}),
        (b"1,2,\xe9t\xe9\n", "csv.not_text", {}),  # Latin-1, not UTF-8
        ("1,2,0\n3,4\n", "csv.columns", {"row": 2, "found": 2}),
        ("1,2,0,7\n", "csv.columns", {"row": 1, "found": 4}),
        ("1;2;0\n3;4;1;9\n", "csv.columns", {"row": 2, "found": 4}),
        ("1,2,0\n3,abc,1\n", "csv.not_number", {"row": 2, "column": 2, "value": "abc"}),
        ("1,2,0\nnan,4,1\n", "csv.not_finite", {"row": 2, "column": 1}),
        ("1,2,0\n3,inf,1\n", "csv.not_finite", {"row": 2, "column": 2}),
        ("1,2,0\n3,-1e999,1\n", "csv.not_finite", {"row": 2, "column": 2}),
        ("1,2,0\n3,4, \n", "csv.empty_label", {"row": 2}),
        ("1,2,0\n3,4,0\n5,6,0\n", "csv.too_few_classes", {"found": 1}),
        ("1,2,0\n3,4,0\n5,6,1\n", "csv.small_class", {"label": "1", "found": 1}),
        ("".join(f"{i},{i},{i % 11}\n" for i in range(22)), "csv.too_many_classes",
         {"found": 11, "limit": 10}),
        (ONE_MORE, "csv.too_many_rows", {"limit": MAX_ROWS}),
        ("".join(f"{i},{i},{i % 2}\n" for i in range(10_000)), "csv.too_many_rows",
         {"limit": MAX_ROWS}),
        ("1,2,0\n" * 40_000, "csv.too_large", {"limit": 200_000}),
        ('1,2,0\n3,4,"' + "x" * 140_000 + "\n", "csv.malformed", {}),
    ],
)
def test_bad_files_raise_a_clear_error(data: str | bytes, code: str, details: dict) -> None:
    with pytest.raises(PointsCSVError) as caught:
        parse_points_csv(data)
    error = caught.value
    assert error.code == code and error.code in CODES
    assert details.items() <= error.details.items()
    assert isinstance(error, CodedError) and isinstance(error, ValueError) and str(error)


def huge_points(magnitude: str) -> str:
    """20 points, 2 classes, with coordinates of ± ``magnitude``."""
    return "".join(f"{'-' if i % 2 else ''}{magnitude},{i},{i % 2}\n" for i in range(20))


def test_coordinates_whose_standardisation_overflows_are_refused() -> None:
    """±1e308 is finite, but its mean and spread are not: every step would be NaN."""
    with np.errstate(all="ignore"):
        assert np.isnan(Standardizer().fit_transform([[1e308], [1e308], [-1e308]])).all()
    with pytest.raises(PointsCSVError) as caught:
        parse_points_csv(huge_points("1e308"))
    assert caught.value.code == "csv.too_big_to_scale"
    assert caught.value.details == {"row": 1, "column": 1, "value": "1e+308"}
    with pytest.raises(PointsCSVError, match="too large to standardise"):
        parse_points_csv(huge_points("1e160"))  # finite here, but its square is not


def test_large_but_standardisable_coordinates_are_kept() -> None:
    X, _ = parse_points_csv(huge_points("1e100"))
    z = Standardizer().fit_transform(X)
    assert np.isfinite(z).all() and np.allclose(np.abs(z[:, 0]), 1.0)
    assert np.isfinite(Standardizer().fit_transform(X[::3])).all()  # any part of it too


def test_the_caps_can_be_lowered() -> None:
    with pytest.raises(PointsCSVError, match="limit is 10 bytes"):
        parse_points_csv("1,2,0\n3,4,1\n", max_bytes=10)
    rows = "".join(f"{i},{i},{i % 2}\n" for i in range(11))
    with pytest.raises(PointsCSVError, match="more than 10 data rows"):
        parse_points_csv(rows, max_rows=10)
    with pytest.raises(PointsCSVError, match="at most 3"):
        parse_points_csv("".join(f"{i},{i},{i % 4}\n" for i in range(8)), max_classes=3)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_code_has_a_translation_with_the_same_placeholders(lang: str) -> None:
    from nncore.data import csv_points

    with (I18N / lang / "errors_csv.toml").open("rb") as handle:
        table = tomllib.load(handle)["errors"]["csv"]
    assert sorted(f"csv.{key}" for key in table) == sorted(CODES)
    for code in CODES:
        english = csv_points._MESSAGES[code]
        assert placeholders(table[code.removeprefix("csv.")]) == placeholders(english), code


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.integers(0, 3)),
                min_size=8, max_size=40))
def test_written_rows_read_back(rows: list[tuple[float, float, int]]) -> None:
    rows = rows + [(0.0, 0.0, k) for k in range(4) for _ in range(2)]  # every class twice
    text = "x1,x2,label\n" + "".join(f"{a!r},{b!r},{k}\n" for a, b, k in rows)
    X, y = parse_points_csv(text)
    np.testing.assert_array_equal(X, [[a, b] for a, b, _ in rows])
    assert y.tolist() == [k for _, _, k in rows]
