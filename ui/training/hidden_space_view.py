"""The hidden space view of a training :class:`~nncore.experiment.Experiment` (the playground and
the XOR page): the input box's grid and the training points as the last hidden layer sees
them, a live chart that bends as the network trains (see :mod:`nncore.hidden_space`).

    hidden_space_chart("pg", experiment)   # drawn when the last hidden layer has 2 or 3
                                           # neurons, else a one-line hint; True if drawn

With 2 neurons the output layer's decision regions (or, for regression, its ŷ) are painted
under the grid: there its boundary is a straight line.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from nncore.experiment import Experiment
from nncore.hidden_space import HiddenSpace, hidden_space, last_hidden_width
from nncore.model.plane import decision_grid
from nncore.regression import prediction_grid
from nncore.viz.boundary import boundary_image
from nncore.viz.hidden_space import hidden_space_spec
from nncore.viz.regression import colour_limit, prediction_image
from ui.i18n import t
from ui.live_chart import live_chart

RESOLUTION = 80  # the picture under a 2-D hidden space, cells a side


def _picture(experiment: Experiment, space: HiddenSpace) -> dict | None:
    """What the output layer makes of a 2-D hidden space, as a layout image."""
    if space.dims != 2:
        return None
    model, box, start = experiment.model, space.bounds(), space.layer + 1
    if experiment.is_regression:
        grid = prediction_grid(model, box, 2, RESOLUTION, start_layer=start)
        return prediction_image(grid, colour_limit(experiment.data.target_range))
    return boundary_image(decision_grid(model, box, RESOLUTION, start_layer=start))


def _line_names(experiment: Experiment) -> tuple[str, ...]:
    if experiment.n_inputs == 1:
        return (t("hidden_space.input_line"),)
    return t("hidden_space.lines_x1"), t("hidden_space.lines_x2")


def hidden_space_figure(
    experiment: Experiment, space: HiddenSpace, *, point_text: Sequence[str] | None = None,
    size: int = 480,
) -> dict:
    """The figure of ``space`` for ``experiment`` (titles in the page's language)."""
    d = experiment.data
    limit = colour_limit(d.target_range) if experiment.is_regression else None
    return hidden_space_spec(
        space, d.y_train, limit=limit, image=_picture(experiment, space),
        line_names=_line_names(experiment), points_name=t("training.train_points"),
        axis_titles=[t("hidden_space.axis", k=k) for k in range(1, space.dims + 1)],
        point_text=point_text, title=t("hidden_space.title"), size=size)


def hidden_space_chart(
    key: str, experiment: Experiment, *, point_text: Sequence[str] | None = None,
    size: int = 480, hint: bool = True,
) -> bool:
    """The hidden space as a live chart keyed ``<key>_hidden_space`` when the last hidden
    layer has 2 or 3 neurons (True), else (with ``hint``) a caption saying how to get it
    (False). ``hint=False`` draws the chart only (a training frame's snapshot)."""
    space = hidden_space(experiment.model, experiment.bounds, experiment.data.X_train)
    if space is None:
        width = last_hidden_width(experiment.model)
        if hint:
            st.caption(t("hidden_space.not_drawn", width=width) if width
                       else t("hidden_space.no_hidden"))
        return False
    live_chart(f"{key}_hidden_space",
               hidden_space_figure(experiment, space, point_text=point_text, size=size))
    return True


def hidden_space_section(key: str, experiment: Experiment, *, size: int = 480) -> None:
    """The playground's row: the chart (or the hint) with what it shows beside it, in a
    container that is always there (the views below it never move)."""
    with st.container(key=f"{key}_hidden_space_row"):
        chart_column, text_column = st.columns([3, 2], vertical_alignment="center")
        with chart_column:
            drawn = hidden_space_chart(key, experiment, size=size)
        if drawn:
            regression = experiment.is_regression
            text_column.markdown(t("hidden_space.intro_regression" if regression
                                   else "hidden_space.intro"))
