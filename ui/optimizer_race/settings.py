"""The optimizer race's settings: one spec table (kept in the URL, see ``ui.url_state``) and
the widgets that turn it into a surface, a start and the racers.

Every widget's key is ``or_<setting>``; the URL parameter is the setting's name
(``?surface=rosenbrock&race=sgd,adam&lr_adam=0.1``). Each optimizer has its own learning rate
``lr_<name>`` and settings ``<setting>_<name>`` (``rho_momentum``, ``beta1_adam``, …), kept
while it is not racing.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from nncore.choices import OPTIMIZER_NAMES, OPTIMIZERS
from nncore.errors import CodedError
from nncore.optimization.expression_surface import ExpressionSurface
from nncore.optimization.race import RacerSpec
from nncore.optimization.surfaces import SURFACES, Surface, Window
from nncore.optimization.sweep import RATE_GRID
from nncore.viz.style import class_colour
from ui.i18n import t
from ui.messages import show_error
from ui.url_state import Setting, UrlState, hidden

OWN = "own"
OWN_DEFAULT = "(w1**2 + w2 - 11)**2 + (w1 + w2**2 - 7)**2"  # Himmelblau: four minima
SPANS = (1.0, 2.0, 3.0, 5.0, 10.0, 20.0)  # half-width of "your own" window
MAX_STEPS = (50, 100, 200, 300, 500)
SPEEDS = (1, 2, 5, 10)
DEFAULT_RACE = ("sgd", "momentum", "adam")
# First learning rates that suit the default surface (the ravine); each is on RATE_GRID.
RACE_RATES = {"sgd": 0.0316, "momentum": 0.01, "nesterov": 0.01, "adagrad": 1.0,
              "rmsprop": 0.0316, "adam": 0.316, "adamw": 0.316, "adamax": 0.316, "nadam": 0.316}
SWEEP_DEFAULT_RATES = (0.01, 0.1, 0.178, 0.224, 0.5)  # SGD on the ravine: the four behaviours
SWEEP_STEPS = (50, 100, 200, 300)
PICK_KEY = "or_pick"  # the racers' multiselect (the setting "race" holds its value as text)


def _optimizer_settings() -> list[Setting]:
    settings = []
    for name in OPTIMIZER_NAMES:
        spec = OPTIMIZERS[name]
        settings.append(Setting(f"lr_{name}", RACE_RATES[name], choices=RATE_GRID,
                                label=f"training.optimizers.{name}", group=f"opt_{name}"))
        defaults = spec.defaults()
        settings += [Setting(f"{h.name}_{name}", float(defaults[h.name]), choices=h.grid,
                             label=f"optimizer_race.setting.{h.name}", group=f"opt_{name}")
                     for h in spec.hyperparameters]
    return settings


SETTINGS = (
    Setting("surface", "ravine", choices=(*SURFACES, OWN), label="optimizer_race.surface_label"),
    Setting("expr", OWN_DEFAULT, label="optimizer_race.own_label", max_length=200),
    Setting("span", 5.0, choices=SPANS, label="optimizer_race.span"),
    Setting("w1", SURFACES["ravine"].start[0], -1000.0, 1000.0, label="optimizer_race.start",
            group="start"),
    Setting("w2", SURFACES["ravine"].start[1], -1000.0, 1000.0, label="optimizer_race.start",
            group="start"),
    Setting("race", ",".join(DEFAULT_RACE), label="optimizer_race.racers", max_length=120),
    *_optimizer_settings(),
    Setting("steps", 200, choices=MAX_STEPS, label="optimizer_race.max_steps"),
    Setting("speed", 2, choices=SPEEDS, label="optimizer_race.speed"),
    Setting("solid", True, label="optimizer_race.solid"),
    Setting("sweep", "sgd", choices=OPTIMIZER_NAMES, label="optimizer_race.sweep_title",
            group="sweep"),
    Setting("sweep_n", 4, 3, 5, label="optimizer_race.sweep_count", group="sweep"),
    *(Setting(f"s{k}", rate, choices=RATE_GRID, label="optimizer_race.sweep_rates", group="sweep")
      for k, rate in enumerate(SWEEP_DEFAULT_RATES, start=1)),
    Setting("sweep_steps", 100, choices=SWEEP_STEPS, label="optimizer_race.sweep_steps",
            group="sweep"),
)
STATE = UrlState("or", SETTINGS)


def colour_of(name: str) -> str:
    """Each optimizer's colour, the same on every figure of the page."""
    return class_colour(OPTIMIZER_NAMES.index(name))


def racing() -> list[str]:
    """The names in the setting ``race`` that are optimizers, in the registry's order."""
    chosen = {part.strip() for part in str(STATE.value("race")).split(",")}
    return [name for name in OPTIMIZER_NAMES if name in chosen]


@dataclass(frozen=True)
class SurfaceChoice:
    """The surface the widgets ask for (None when the typed text cannot be used; the page has
    shown why), a hashable ``source`` that identifies it, and the start."""

    surface: Surface | None
    source: tuple
    start: tuple[float, float]


def _to_surface_start() -> None:
    """Another surface was picked: start from its own first start."""
    key = st.session_state[STATE.key("surface")]
    if key in SURFACES:
        st.session_state[STATE.key("w1")], st.session_state[STATE.key("w2")] = SURFACES[key].start


def own_window() -> Window:
    span = float(STATE.value("span"))
    return Window((-span, span), (-span, span))


def start_point(surface_key: str) -> tuple[float, float]:
    """The start (w1, w2) of the settings, moved inside the surface's window."""
    window = SURFACES[surface_key].window if surface_key in SURFACES else own_window()
    return window.clamp((float(STATE.value("w1")), float(STATE.value("w2"))))


def surface_widgets() -> SurfaceChoice:
    """The surface picker, the text box and window of "your own", the start's two boxes."""
    key = STATE.select("surface", t("optimizer_race.surface_label"),
                       names="optimizer_race.surface", on_change=_to_surface_start)
    if key == OWN:
        text_col, span_col = st.columns([4, 1])
        with text_col:
            STATE.draw("expr", st.text_input, t("optimizer_race.own_label"),
                       help=t("optimizer_race.own_help"))
        with span_col:
            STATE.select("span", t("optimizer_race.span"), help=t("optimizer_race.span_help"))
    start_cols = st.columns(2)
    for column, name in zip(start_cols, ("w1", "w2"), strict=True):
        with column:
            STATE.number(name, t("optimizer_race.start_coordinate", name=name), format="%.3f",
                         step=0.1, help=t("optimizer_race.start_help"))
    start = start_point(key)
    if key != OWN:
        return SurfaceChoice(SURFACES[key], (key, start), start)
    text = str(STATE.value("expr"))
    try:
        surface = ExpressionSurface(text, own_window(), start)
    except CodedError as error:
        show_error(error, wrap="optimizer_race.own_error")
        return SurfaceChoice(None, (OWN, text), start)
    return SurfaceChoice(surface, (OWN, surface.text, STATE.value("span"), start), start)


def _sync_pick() -> None:
    st.session_state[STATE.key("race")] = ",".join(st.session_state[PICK_KEY])


def racer_widgets() -> list[RacerSpec]:
    """Which optimizers race, and for each its learning rate and settings (one bordered box
    per racer, three a row)."""
    names = {n: t(f"training.optimizers.{n}") for n in OPTIMIZER_NAMES}
    if not hidden(STATE, "race"):
        st.session_state.setdefault(PICK_KEY, racing())
        st.multiselect(t("optimizer_race.racers"), OPTIMIZER_NAMES, key=PICK_KEY,
                       format_func=names.__getitem__, on_change=_sync_pick,
                       help=t("optimizer_race.racers_help"))
    specs = []
    chosen = racing()
    for row in range(0, len(chosen), 3):
        columns = st.columns(3)
        for column, name in zip(columns, chosen[row:row + 3], strict=False):
            with column.container(border=True):
                specs.append(_racer_box(name, names[name]))
    return specs


def _racer_box(name: str, title: str) -> RacerSpec:
    st.markdown(f"<span style='color:{colour_of(name)}'>●</span> **{title}**",
                unsafe_allow_html=True)
    lr = STATE.select(f"lr_{name}", t("optimizer_race.lr"), slider=True)
    settings = {}
    for h in OPTIMIZERS[name].hyperparameters:
        settings[h.name] = float(STATE.select(f"{h.name}_{name}",
                                              t(f"optimizer_race.setting.{h.name}"), slider=True))
    return RacerSpec(name, float(lr), settings)


@dataclass(frozen=True)
class RunChoice:
    """How the race runs and is shown: at most ``limit`` steps, ``speed`` steps a frame while
    playing, and whether the 3-D view is drawn (``solid``)."""

    limit: int
    speed: int
    solid: bool


def run_widgets() -> RunChoice:
    """The number of steps a race runs at most, the steps drawn per frame while playing, and
    the 3-D view's switch."""
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    with left:
        steps = STATE.select("steps", t("optimizer_race.max_steps"))
    with middle:
        speed = STATE.select("speed", t("optimizer_race.speed"),
                             help=t("optimizer_race.speed_help"))
    with right:
        solid = STATE.draw("solid", st.toggle, t("optimizer_race.solid"),
                           help=t("optimizer_race.solid_help"))
    return RunChoice(int(steps), int(speed), bool(solid))
