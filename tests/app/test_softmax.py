"""The softmax and cross-entropy page: its gradient is the engine's, the Jacobian check holds
to 1e-12, soft labels, the reductions, the overflow notice at ±1000, BCE against softmax."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from nncore.losses import SoftmaxCrossEntropy
from nncore.softmax_head import example_batch
from tests.app.apptest import open_page, shown_text
from tests.app.training_pages import chart, open_clean

PAGE = "app_pages/reference/softmax.py"


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_clean(PAGE)


def bars(at: AppTest) -> dict[str, np.ndarray]:
    return {trace["name"]: np.asarray(trace["y"], dtype=np.float64)
            for trace in chart(at, "sm_bars")["data"]}


def logits(at: AppTest) -> np.ndarray:
    k = at.slider(key="sm_k").value
    return np.array([at.slider(key=f"sm_z{i}").value for i in range(1, k + 1)])


def engine_gradient(z: np.ndarray, y: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    loss = SoftmaxCrossEntropy(reduction="sum")
    loss.forward((z / temperature)[None, :], y[None, :])
    return loss.backward()[0]


def test_the_page_shows_the_engines_gradient(page: AppTest) -> None:
    shown = bars(page)
    y = np.eye(4)[1]  # hard label: Chicken
    np.testing.assert_array_equal(shown["y"], y)
    np.testing.assert_allclose(shown["p − y"], engine_gradient(logits(page), y), rtol=0,
                               atol=1e-15)
    np.testing.assert_allclose(shown["p"], [0.06, 0.83, 0.02, 0.09], atol=0.002)  # 000 fig. 16
    assert any("0.186214" in x.value for x in page.latex)  # ℓ = −log p_Chicken


def test_the_jacobian_check_holds_to_1e_12(page: AppTest) -> None:
    shown = bars(page)
    J = np.asarray(chart(page, "sm_jacobian")["data"][0]["z"], dtype=np.float64)
    p, y = shown["p"], shown["y"]
    np.testing.assert_allclose(J, np.diag(p) - np.outer(p, p), rtol=0, atol=1e-15)
    chained = J.T @ np.where(y > 0, -y / p, 0.0)
    assert np.max(np.abs(chained - shown["p − y"])) <= 1e-12
    assert page.success and "Jᵀ(−y/p) = p − y holds" in page.success[0].value


def test_soft_labels_temperature_and_more_classes() -> None:
    at = open_clean(PAGE)
    at.slider(key="sm_k").set_value(6).run()
    at.select_slider(key="sm_temp").set_value(2.0).run()
    at.selectbox(key="sm_label").select("soft").run()
    y = np.array([0.8, 0.0, 0.2, 0.0, 0.0, 0.0])  # 000 §6.1: 80 % Cat, 20 % Dog
    shown = bars(at)
    assert len(shown["p"]) == 6
    np.testing.assert_allclose(shown["y"], y)
    np.testing.assert_allclose(shown["p − y"], engine_gradient(logits(at), y, 2.0), atol=1e-15)
    assert at.success and not at.exception
    for i in (1, 3):
        at.slider(key=f"sm_y{i}").set_value(0.0).run()
    assert not at.exception and at.error  # all weights zero: a clear message
    assert "not all zero" in at.error[0].value


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_logits_of_1000_show_the_overflow_notice(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.error
    at.select_slider(key="sm_scale").set_value(1000).run()
    assert not at.exception
    notice = at.error[0].value
    assert ("Overflow" if lang == "en" else "Tràn số") in notice
    assert "inf" in shown_text(at) and "nan" in shown_text(at).lower()


def test_the_reductions_scale_the_gradient() -> None:
    at = open_clean(PAGE)
    Z, labels = example_batch(4, 4, seed=0)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    rows = P - np.eye(4)[labels]
    for reduction, scale in (("mean", 1 / 4), ("sum", 1.0), ("none", 1.0)):
        at.selectbox(key="sm_red").select(reduction).run()
        grad = np.asarray(chart(at, "sm_batch_grad")["data"][0]["z"], dtype=np.float64)
        np.testing.assert_allclose(grad, rows * scale, atol=1e-15)
    assert "1/4" not in shown_text(at)
    at.selectbox(key="sm_red").select("mean").run()
    assert "scale 1/4 = 0.25" in shown_text(at)


def test_bce_and_a_two_logit_softmax_agree(page: AppTest) -> None:
    assert "Same loss, and ∂ℓ/∂z₁ = ∂ℓ/∂a" in shown_text(page)


def test_settings_come_from_the_url() -> None:
    at = open_clean(PAGE, {"k": "3", "z1": "5", "temp": "0.5", "label": "soft", "scale": "1000"})
    assert at.slider(key="sm_k").value == 3 and at.slider(key="sm_z1").value == 5.0
    assert at.select_slider(key="sm_temp").value == 0.5
    assert len(bars(at)["p"]) == 3
    assert at.error  # the overflow notice
