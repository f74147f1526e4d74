"""Training networks: the optimizer race. Optimizers of ``nncore.optimizers`` (the playground's
very classes) race on a surface of two weights from one start — a ravine, Rosenbrock, Beale, a
saddle, two minima, or your own f(w1, w2) — with each update written out, and the
learning-rate sweep of 002 figure 1.5 (002 §1.2, 000 §4.6, 003 on the learning rate)."""

import streamlit as st

from nncore.errors import CodedError
from nncore.optimization.race import Race
from ui.classroom import classroom_panel, player_only
from ui.i18n import t
from ui.layout import page_header
from ui.messages import show_error
from ui.optimizer_race.loop import live_race, race_controls, race_for
from ui.optimizer_race.settings import STATE, racer_widgets, run_widgets, surface_widgets
from ui.optimizer_race.sweep_view import sweep_section
from ui.optimizer_race.views import (
    SurfaceGrid,
    contour_chart,
    loss_chart,
    surface_chart,
    surface_grid,
    update_panel,
)

page_header("optimizer_race")
STATE.restore()
choice = surface_widgets()
specs = racer_widgets()
run = run_widgets()
STATE.save()

grid: SurfaceGrid | None = None
if choice.surface is not None:
    try:
        grid = surface_grid(choice.surface)
    except CodedError as error:
        show_error(error, wrap="optimizer_race.window_error")

if choice.surface is not None and grid is not None:
    surface = choice.surface
    if surface.formula:
        st.latex(surface.formula)
    if not specs:
        st.info(t("optimizer_race.no_racers"), icon=":material/directions_run:")
    else:
        race_for(choice.source, surface, choice.start, specs, run.limit)
        race_controls()

        def render(race: Race, playing: bool) -> None:
            st.markdown(t("optimizer_race.position", t=race.t, limit=run.limit))
            contour_chart(race, grid, playing)
            st.caption(t("optimizer_race.click_hint"))
            if run.solid:
                solid, losses = st.columns(2)
                with solid:
                    surface_chart(race, grid)
            else:
                losses = st.container()
            with losses:
                loss_chart(race)
            update_panel(race, playing)

        live_race(render, run.speed)
        player_only(STATE)  # hide=all: the race and its buttons only
    sweep_section(choice.source, surface, choice.start)

classroom_panel(STATE)
