"""The deep-networks page: presets show the course's claims about depth and initialisation."""

import pytest

from tests.app.apptest import open_page

PAGE = "app_pages/training/deep_networks.py"


def _ratio(at) -> float:
    return float(next(m for m in at.metric if m.label == "first layer ÷ last layer").value)


def test_deep_sigmoid_with_small_weights_vanishes() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert at.slider(key="deep_depth").value == 8
    assert _ratio(at) < 1e-3


def test_relu_he_keeps_the_gradient_and_learns() -> None:
    at = open_page(PAGE)
    at.button(key="deep_preset_relu_he").click().run()
    assert at.selectbox(key="deep_init").value == "he"
    assert 1e-2 < _ratio(at) < 1e2
    for _ in range(3):
        at.button(key="deep_step").click().run()
    assert not at.exception


def test_too_large_weights_explode() -> None:
    at = open_page(PAGE, query={"activation": "relu", "init": "large", "lr": "0.01"})
    assert not at.exception
    for _ in range(3):
        at.button(key="deep_step").click().run()
    shown = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    assert "diverges" in shown  # the loss climbs from about 39 into the hundreds


@pytest.mark.parametrize("query", [{"depth": "99"}, {"depth": "-3"}, {"init": "bogus"},
                                   {"width": "1e9"}, {"lr": "nan"}])
def test_bad_links_fall_back_with_a_notice(query: dict[str, str]) -> None:
    at = open_page(PAGE, query=query)
    assert not at.exception
    assert at.warning
