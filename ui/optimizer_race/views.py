"""The race's views: the contour map with the paths (click it to move the start), the surface
in 3-D, the loss per step on a log scale, and each racer's last update written out with its
numbers. Figures come from ``nncore.viz`` with the texts translated here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from nncore.optimization.race import DIVERGED, Race, Racer
from nncore.optimization.surfaces import Surface
from nncore.viz.surfaces import Labels, PathLine, contour_spec, loss_figure, surface_figure
from nncore.viz.update_notation import update_lines
from ui.i18n import t
from ui.live_chart import live_chart
from ui.optimizer_race.settings import STATE, colour_of
from ui.presentation import present_figure

CHART_CONFIG = {"displayModeBar": False}
CONTOUR_KEY = "or_chart_contour"
SURFACE_KEY = "or_chart_surface"
LOSS_KEY = "or_chart_loss"
CLICK_GRID = 25  # invisible points a side to click on (more make the chart slow to draw)


@dataclass(frozen=True)
class SurfaceGrid:
    """The surface on a grid over its window: axes w1 (n,), w2 (n,) and Z (n, n)."""

    w1: np.ndarray
    w2: np.ndarray
    Z: np.ndarray


def surface_grid(surface: Surface, n: int = 61) -> SurfaceGrid:
    """f on an n × n grid (may raise the graph's error for a typed surface)."""
    w1, w2 = surface.window.axes(n)
    return SurfaceGrid(w1, w2, surface.values_on(w1, w2))


def figure_labels() -> Labels:
    return Labels(start=t("optimizer_race.start"), minimum=t("optimizer_race.minimum"),
                  saddle=t("optimizer_race.saddle"))


def racer_name(racer: Racer) -> str:
    return t(f"training.optimizers.{racer.spec.name}")


def path_lines(race: Race) -> list[PathLine]:
    return [PathLine(racer_name(r), np.asarray(r.path), np.asarray(r.losses),
                     colour_of(r.spec.name)) for r in race.racers]


def _clicked() -> None:
    """A click on the contour map: the start moves to the clicked point."""
    event = st.session_state.get(CONTOUR_KEY)
    points = event.selection.points if event is not None else []
    if points:
        st.session_state[STATE.key("w1")] = round(float(points[0]["x"]), 3)
        st.session_state[STATE.key("w2")] = round(float(points[0]["y"]), 3)


def contour_chart(race: Race, grid: SurfaceGrid, playing: bool) -> None:
    """The contour map. While playing it is a live chart, updated in place; while paused a
    plain chart that reports clicks (a click moves the start)."""
    surface = race.surface
    spec = contour_spec(grid.w1, grid.w2, grid.Z, path_lines(race), start=race.start,
                        minima=surface.minima, saddles=surface.saddles, labels=figure_labels(),
                        click_grid=0 if playing else CLICK_GRID)
    if playing:
        live_chart(f"{CONTOUR_KEY}_live", present_figure(spec), width="stretch")
    else:
        st.plotly_chart(present_figure(go.Figure(spec)), key=CONTOUR_KEY, width="stretch",
                        config=CHART_CONFIG, on_select=_clicked, selection_mode="points")


def surface_chart(race: Race, grid: SurfaceGrid) -> None:
    """The surface in 3-D with the paths (a live chart), on every second grid point: a 3-D
    scene is the heaviest drawing of the page."""
    figure = surface_figure(grid.w1[::2], grid.w2[::2], grid.Z[::2, ::2], path_lines(race),
                            labels=figure_labels())
    live_chart(SURFACE_KEY, figure, width="stretch")


def loss_chart(race: Race) -> None:
    """f per step, on a log scale when every value is positive (a live chart)."""
    figure = loss_figure(path_lines(race), title=t("optimizer_race.loss_title"),
                         x_title=t("optimizer_race.step_axis"), height=420)
    live_chart(LOSS_KEY, figure, width="stretch")
    with st.container():  # always there, so that what follows keeps its place
        if figure.layout.yaxis.type != "log":
            st.caption(t("optimizer_race.linear_scale"))


def _status(racer: Racer) -> str:
    w = racer.path[-1]
    if racer.running:
        return t("optimizer_race.status_running", t=racer.steps, w1=f"{w[0]:.4g}",
                 w2=f"{w[1]:.4g}", f=f"{racer.losses[-1]:.4g}", grad=f"{racer.grad_norms[-1]:.3g}")
    return t(f"optimizer_race.status_{'diverged' if racer.status == DIVERGED else 'undefined'}",
             t=racer.steps)


def update_panel(race: Race, playing: bool) -> None:
    """One tab per racer: where it is, and its last update with the numbers plugged in (while
    paused: the numbers change too fast to read while playing)."""
    st.subheader(t("optimizer_race.update_title"))
    if playing:
        st.caption(t("optimizer_race.update_while_playing"))
        return
    tabs = st.tabs([racer_name(r) for r in race.racers])
    for tab, racer in zip(tabs, race.racers, strict=True):
        with tab:
            if racer.running:
                st.markdown(_status(racer))
            else:
                st.warning(_status(racer), icon=":material/warning:")
            if racer.last is None:
                st.caption(t("optimizer_race.no_update"))
                continue
            st.caption(t("optimizer_race.update_of", t=racer.last.t))
            for rule, numbers in update_lines(racer.spec.name, racer.last,
                                              racer.optimizer.hyperparams()):
                st.latex(rf"{rule} \\ {numbers}")
