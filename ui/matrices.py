"""Annotated matrices on a page: the one way pages show ``nncore.viz.matrices.matrix_figure``."""

from __future__ import annotations

import numpy as np

from nncore.viz.matrices import matrix_figure
from ui.layout import CHART_CONFIG
from ui.live_chart import live_chart


def matrix_chart(key: str, values: np.ndarray | float, title: str = "", **options: object
                 ) -> None:
    """The matrix ``values`` titled ``title (rows×columns)`` (``options``: ``decimals``,
    ``row_labels``, ``column_labels``, ``cell_size``) as live chart ``key``: drawn once, then
    its numbers are updated in place when the next run shows other values. Cheap on the
    server (a plain figure, no plotly validation), so a page can show many per step."""
    live_chart(key, matrix_figure(values, title, **options), width="content",
               config=CHART_CONFIG)
