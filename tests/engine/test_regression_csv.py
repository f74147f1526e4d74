"""The regression table upload: rows x, y or x1, x2, y, read with the points upload's rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from nncore.data.csv_points import PointsCSVError
from nncore.data.regression import (
    CODES,
    MIN_POINTS,
    RegressionCSVError,
    parse_regression_csv,
    regression_to_csv,
    split_regression_data,
)
from nncore.errors import CodedError

I18N = Path(__file__).resolve().parents[2] / "assets" / "i18n"
FIVE = "".join(f"{i},{2 * i + 1}\n" for i in range(5))


def test_one_input_with_a_header() -> None:
    X, y = parse_regression_csv("x,y\n" + FIVE)
    assert X.shape == (5, 1) and X.dtype == np.float64
    np.testing.assert_allclose(y, [1, 3, 5, 7, 9])


def test_two_inputs_semicolons_decimal_commas_and_comments() -> None:
    text = "# house prices\nx1;x2;y\n" + "".join(f"{i},5;{i};{i * 10}\n" for i in range(6))
    X, y = parse_regression_csv(text.encode("utf-8-sig"))
    assert X.shape == (6, 2) and X[1].tolist() == [1.5, 1.0] and y[-1] == 50


@pytest.mark.parametrize(("text", "code"), [
    ("1,2,3,4\n" * 6, "csv.regression_columns"),
    ("1\n" * 6, "csv.regression_columns"),
    ("1,2\n1,2\n1,2,3\n1,2\n1,2\n", "csv.mixed_columns"),
    ("1,2\n3,4\n", "csv.too_few_points"),
    ("x,y\n", "csv.too_few_points"),
])
def test_shapes_the_table_refuses(text: str, code: str) -> None:
    with pytest.raises(RegressionCSVError) as caught:
        parse_regression_csv(text)
    assert caught.value.code == code and caught.value.code in CODES
    assert isinstance(caught.value, CodedError)


@pytest.mark.parametrize(("text", "code"), [
    ("1,2\n1,abc\n" + FIVE, "csv.not_number"),
    ("1,inf\n" + FIVE, "csv.not_finite"),
    ("1,1e200\n" + FIVE, "csv.too_big_to_scale"),
    (b"\xff\xfe\x00\x00garbage", "csv.not_text"),
])
def test_the_points_upload_rules_apply(text: str | bytes, code: str) -> None:
    with pytest.raises(PointsCSVError) as caught:
        parse_regression_csv(text)
    assert caught.value.code == code


def test_size_and_row_limits() -> None:
    with pytest.raises(PointsCSVError, match="bytes"):
        parse_regression_csv(FIVE, max_bytes=10)
    with pytest.raises(PointsCSVError, match="more than 3"):
        parse_regression_csv(FIVE, max_rows=3)


def test_the_download_reads_back() -> None:
    rng = np.random.default_rng(2)
    for d in (1, 2):
        X, y = rng.normal(size=(7, d)), rng.normal(size=7)
        X2, y2 = parse_regression_csv(regression_to_csv(X, y))
        np.testing.assert_allclose(X2, X, rtol=1e-9)
        np.testing.assert_allclose(y2, y, rtol=1e-9)


def test_the_smallest_upload_still_has_three_sets() -> None:
    X, y = parse_regression_csv(FIVE)
    data = split_regression_data(X, y, 0.8, standardize=True, test_ratio=0.2)
    assert len(X) == MIN_POINTS and data.has_validation and data.has_test


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_code_is_translated_with_its_placeholders(lang: str) -> None:
    with (I18N / lang / "regression.toml").open("rb") as handle:
        table = tomllib.load(handle)["errors"]["csv"]
    assert sorted(f"csv.{key}" for key in table) == sorted(CODES)
    for code, text in table.items():
        message = str(RegressionCSVError(f"csv.{code}", row=1, found=2, expected=3, limit=5))
        assert message and text.format(row=1, found=2, expected=3, limit=5)
