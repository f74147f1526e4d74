"""The CSV parser behind the playground's upload: good files in, clear errors for the rest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore.data.csv_points import PointsCSVError, parse_points_csv


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


@pytest.mark.parametrize(
    ("text", "code", "details"),
    [
        ("", "empty", {}),
        ("x1,x2,label\n", "empty", {}),
        ("1,2,0\n3,4\n", "columns", {"row": 2, "found": 2}),
        ("1,2,0,7\n", "columns", {"row": 1, "found": 4}),
        ("1,2,0\n3,abc,1\n", "not_number", {"row": 2, "column": 2, "value": "abc"}),
        ("1,2,0\nnan,4,1\n", "not_finite", {"row": 2, "column": 1}),
        ("1,2,0\n3,inf,1\n", "not_finite", {"row": 2, "column": 2}),
        ("1,2,0\n3,4, \n", "empty_label", {"row": 2}),
        ("1,2,0\n3,4,0\n5,6,0\n", "too_few_classes", {"found": 1}),
        ("1,2,0\n3,4,0\n5,6,1\n", "small_class", {"label": "1", "found": 1}),
    ],
)
def test_bad_files_raise_a_clear_error(text: str, code: str, details: dict) -> None:
    with pytest.raises(PointsCSVError) as caught:
        parse_points_csv(text)
    assert caught.value.code == code
    assert details.items() <= caught.value.details.items()
    assert isinstance(caught.value, ValueError) and str(caught.value)


def test_caps_on_size_rows_and_classes() -> None:
    with pytest.raises(PointsCSVError, match="limit is 10 bytes"):
        parse_points_csv("1,2,0\n3,4,1\n", max_bytes=10)
    rows = "".join(f"{i},{i},{i % 2}\n" for i in range(11))
    with pytest.raises(PointsCSVError, match="more than 10 data rows"):
        parse_points_csv(rows, max_rows=10)
    many = "".join(f"{i},{i},{i % 11}\n" for i in range(22))
    with pytest.raises(PointsCSVError) as caught:
        parse_points_csv(many)
    assert caught.value.code == "too_many_classes" and caught.value.details["found"] == 11


def test_binary_junk_is_not_text() -> None:
    with pytest.raises(PointsCSVError) as caught:
        parse_points_csv(b"PK\x03\x04\x00\xff\xfe")
    assert caught.value.code == "not_text"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.integers(0, 3)),
                min_size=8, max_size=40))
def test_written_rows_read_back(rows: list[tuple[float, float, int]]) -> None:
    rows = rows + [(0.0, 0.0, k) for k in range(4) for _ in range(2)]  # every class twice
    text = "x1,x2,label\n" + "".join(f"{a!r},{b!r},{k}\n" for a, b, k in rows)
    X, y = parse_points_csv(text)
    np.testing.assert_array_equal(X, [[a, b] for a, b, _ in rows])
    assert y.tolist() == [k for _, _, k in rows]
