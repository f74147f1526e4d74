"""The one-training-step page in a real browser: Next walks through the step in both languages,
the network is updated in place (the same DOM node), the figures and formulas are drawn,
nothing fails."""

from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, fresh, open_page

pytestmark = pytest.mark.browser
SLIDER = f"{fresh('mlp_step_position')} input[type='range']"
DIAGRAM = ".st-key-mlp_step_diagram .js-plotly-plot"


def position(page) -> int:
    return int(page.locator(SLIDER).first.input_value())


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_next_walks_through_the_step(page, app_url: str, shots: Path, lang: str) -> None:
    open_page(page, f"{app_url}/mlp_step?lang={lang}")
    page.wait_for_selector(f"{DIAGRAM} .main-svg")
    page.evaluate("(plot) => { document.querySelector(plot).__first = true; }", DIAGRAM)
    for expected in (1, 2, 3, 4, 5):
        page.locator(f"{fresh('mlp_step_next')} button").first.click()
        page.wait_for_function("([sel, n]) => Number(document.querySelector(sel)?.value) === n",
                               arg=[SLIDER, expected], timeout=10_000)
    page.wait_for_selector(f"{fresh('mlp_step_formula')} .katex")
    page.wait_for_selector(f"{fresh('mlp_step_matrices')} .main-svg")
    assert position(page) == 5
    assert page.evaluate("(plot) => document.querySelector(plot).__first === true", DIAGRAM)
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path=shots / f"mlp-step-{lang}.png")
