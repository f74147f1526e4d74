"""Numbers as the slides print them."""

import numpy as np
import pytest

from nncore.viz.numbers import full_value, pad_decimals, slide_number, slide_value


@pytest.mark.parametrize(("x", "text"), [
    (-4.0, "-4"), (-12.0, "-12"), (0.19661193, "0.20"), (0.7310585786, "0.73"), (-0.0, "0"),
    (0.999, "1"), (1.3678794, "1.37"), (0.5, "0.50"),
])
def test_slide_number(x: float, text: str) -> None:
    assert slide_number(x) == text


def test_pad_decimals_pads_but_never_cuts() -> None:
    assert pad_decimals("∂f/∂d = -1 · (-0.2) = 0.2") == "∂f/∂d = -1 · (-0.20) = 0.20"
    assert pad_decimals("w0 · x1 = 0.123 + e^(-1)", 2) == "w0 · x1 = 0.123 + e^(-1)"
    assert pad_decimals("[0.1, 0.5]", 3) == "[0.100, 0.500]"


def test_slide_value_arrays() -> None:
    assert slide_value(np.array([0.22, 0.26])) == "[0.22, 0.26]"
    assert slide_value(np.array([[0.1, 0.5], [-0.3, 0.8]])) == "[0.10, 0.50]<br>[-0.30, 0.80]"
    assert slide_value(np.eye(4)) == "4×4"


def test_full_value() -> None:
    assert full_value(0.7310585786300049) == "0.7310585786"
    assert full_value(np.array([0.1, 0.2])) == "[0.1, 0.2]"
