"""PNG from the chart toolbar: the playground's and the XOR trainer's decision boundary and
learning curves are live charts sent a plotly config whose toolbar holds one button, download
as PNG at twice the screen's pixels, with the chart's own file name."""

from __future__ import annotations

import pytest

from tests.app.training_pages import open_clean, payload
from ui.downloads import PNG_SCALE, chart_config
from ui.layout import CHART_CONFIG

CHARTS = [("app_pages/training/playground.py", "pg_boundary", "pg-boundary"),
          ("app_pages/training/playground.py", "pg_curves", "pg-curves"),
          ("app_pages/training/xor.py", "xor_boundary", "xor-boundary"),
          ("app_pages/training/xor.py", "xor_curves", "xor-curves")]


def test_the_toolbar_config_shows_only_the_png_button() -> None:
    config = chart_config("pg-boundary")
    assert config["displayModeBar"] == "hover"  # a live chart's default hides the toolbar
    assert config["modeBarButtons"] == [["toImage"]] and config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "pg-boundary",
                                              "scale": PNG_SCALE} and PNG_SCALE == 2
    assert config["scrollZoom"] is CHART_CONFIG["scrollZoom"] is False  # one home


@pytest.mark.parametrize(("path", "key", "filename"), CHARTS,
                         ids=[key for _, key, _ in CHARTS])
def test_the_live_chart_is_sent_the_png_toolbar(path: str, key: str, filename: str) -> None:
    at = open_clean(path)
    config = payload(at, key)["config"]  # sent with the chart's first (full) figure
    assert config == {**config, **chart_config(filename)}
    assert config["displayModeBar"] == "hover"
