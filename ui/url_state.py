"""Page settings kept in the URL, so that a link opens a page with the same settings.

A page lists its settings once, as :class:`Setting` specs (name, default, bounds or choices,
the translation key of the control's label), in a :class:`UrlState`. Then, on every run::

    state = UrlState("pg", SETTINGS)
    state.restore()                       # before the widgets are created
    st.slider(..., key=state.key("lr"))   # widgets take their value from the session state
    state.save()                          # after them: remember, and write the URL
    classroom_panel(state)                # (ui.classroom) at the end: share + lesson link

``restore`` seeds ``st.session_state`` for every widget that has no value yet: on the page's
first run in a session from the URL's query parameters — validated and clamped exactly like
widget input (a number is clamped to [low, high], a numeric choice snaps to the nearest
choice, an unknown word falls back to the default), with a notice naming every value that was
changed — and later from the values remembered by ``save`` (Streamlit forgets a widget's value
when its page is left). ``save`` writes every setting that differs from its default to the
query parameters (and removes the ones at their default, so links stay short); other
parameters (``lang``, ``present``, ``hide``, a player's ``step``) are left alone.

A page may hold several states (one per example, or one built from the names in the user's
expression): a state first restored after the page's first run starts from its defaults, and
:func:`finish_url` (called by ``classroom_panel`` at the end of the run) removes from the URL the
parameters of the states not saved in this run.

This is done by hand rather than with widgets' ``bind="query-params"`` so that it works the
same in AppTest, where the binding is not honoured.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.i18n import t
from ui.messages import literal

FREE = 1e6  # the bound of a number box that has none: a link's value is clamped to ±FREE
SAFE_INTEGER = 2**53 - 1  # the largest integer a browser's numbers (and number boxes) hold
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
_PAGES_KEY = "_url_pages"  # page id → True once its first run read the URL
_NAMES_KEY = "_url_names"  # every parameter name a UrlState has written in this session
_RUN_KEY = "_url_names_this_run"  # … and the ones saved since the last finish_url
_HIDE_KEY = "_hidden_controls"  # page id → frozenset of the control names hide= hides
HIDE, ALL = "hide", "all"
MAX_NAMES, MAX_NAME_LENGTH = 60, 40


@dataclass(frozen=True)
class Setting:
    """One setting: its query-parameter ``name``, its ``default`` (whose type is the
    setting's type: bool, int, float or str), and either ``low``/``high`` bounds or a tuple of
    allowed ``choices``; a number may also snap to a grid of ``step`` from ``low``. A text
    setting without choices takes any text up to ``max_length`` characters.

    ``label`` is the translation key of the control's name (shown by the lesson-link panel);
    settings drawn as one control (the entries of a matrix) share a ``group``, which is also
    the name ``hide=`` uses for them.
    """

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None
    step: float | None = None
    label: str | None = None
    group: str | None = None
    max_length: int = 200

    @property
    def control(self) -> str:
        """The name of the control this setting belongs to (for ``hide=``)."""
        return self.group or self.name

    def read(self, text: str) -> tuple[Any, str | None]:
        """The value of the query-parameter text, validated and clamped like widget input,
        and what was done to it: None (used as it is), ``"adjusted"`` (clamped, snapped) or
        ``"unusable"`` (the default is used)."""
        text = text.strip()
        if isinstance(self.default, str):
            usable = len(text) <= self.max_length if self.choices is None else text in self.choices
            return (text, None) if usable else (self.default, "unusable")
        if isinstance(self.default, bool):
            word = text.lower()
            if word in TRUE_WORDS or word in FALSE_WORDS:
                return word in TRUE_WORDS, None
            return self.default, "unusable"
        try:
            number = float(text)
        except ValueError:
            return self.default, "unusable"
        if not math.isfinite(number):
            return self.default, "unusable"
        value = self._clamp(number)
        return value, None if math.isclose(value, number, rel_tol=1e-9) else "adjusted"

    def parse(self, text: str) -> Any:
        """The value of the query-parameter text (see :meth:`read`)."""
        return self.read(text)[0]

    def _clamp(self, number: float) -> Any:
        """Into [low, high] first (so that no huge number is snapped), then onto the grid."""
        if self.choices is not None:
            return self.nearest_choice(number)
        number = self._bound(number)
        if self.step and self.low is not None:
            number = self._bound(self.low + round((number - self.low) / self.step) * self.step)
        return round(number) if isinstance(self.default, int) else round(float(number), 10)

    def _bound(self, number: float) -> float:
        """Into [low, high]; a side without a bound stops where a browser's numbers do."""
        low = -SAFE_INTEGER if self.low is None else self.low
        high = SAFE_INTEGER if self.high is None else self.high
        return min(high, max(low, number))

    def nearest_choice(self, number: float) -> Any:
        """The choice closest to ``number`` (on a log scale when every choice is positive)."""
        choices = self.choices or (self.default,)
        if all(c > 0 for c in choices):
            position = math.log(max(number, 1e-300))
            return min(choices, key=lambda c: abs(math.log(c) - position))
        return min(choices, key=lambda c: abs(c - number))

    def format(self, value: Any) -> str:
        """The text written to the URL."""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)


def page_id() -> str:
    """The current page (its script hash): what page-level memory is keyed by."""
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else ""


def url_was_read() -> bool:
    """Whether the current page's first run in this session is over (its URL has been read)."""
    return page_id() in st.session_state.get(_PAGES_KEY, set())


def finish_url() -> None:
    """End of a page's run: from now on the page's URL has been read, and the parameters that
    a state wrote in an earlier run but no state saved in this run are removed from the URL."""
    st.session_state.setdefault(_PAGES_KEY, set()).add(page_id())
    saved = st.session_state.get(_RUN_KEY, set())
    for name in st.session_state.get(_NAMES_KEY, set()) - saved:
        if name in st.query_params:
            del st.query_params[name]
    st.session_state[_RUN_KEY] = set()


def parse_hide(text: str) -> frozenset[str]:
    """The names in a ``hide=`` value (comma-separated; empty and over-long names dropped)."""
    names = (name.strip() for name in text.split(",")[:MAX_NAMES])
    return frozenset(name for name in names if name and len(name) <= MAX_NAME_LENGTH)


def hidden_controls() -> frozenset[str]:
    """The control names the current page hides (``"all"``: every one), read from ``hide=`` on
    the page's first run in the session and kept for the session."""
    memory = st.session_state.setdefault(_HIDE_KEY, {})
    page = page_id()
    if page not in memory:
        text = "" if url_was_read() else str(st.query_params.get(HIDE, ""))
        memory[page] = parse_hide(text)
    return memory[page]


def hides_all() -> bool:
    """Whether the view hides every control (``hide=all``)."""
    return ALL in hidden_controls()


def hidden(state: UrlState | None, name: str) -> bool:
    """Whether the control of setting ``name`` (of ``state``) is hidden in this view; with
    ``state`` None, ``name`` is the name of a control that is not a setting."""
    names = hidden_controls()
    if ALL in names:
        return True
    control = state.spec(name).control if state is not None and name in state.settings else name
    return control in names


@dataclass(frozen=True)
class NamesSetting(Setting):
    """A comma-separated list of ``names`` (``show=sigmoid,relu``): unknown names and repeats
    are dropped (``"adjusted"``); a list with no known name at all is ``"unusable"``."""

    names: tuple[str, ...] = ()

    def read(self, text: str) -> tuple[Any, str | None]:
        given = [part.strip() for part in text.split(",") if part.strip()]
        known = list(dict.fromkeys(name for name in given if name in self.names))
        if len(text) > self.max_length or (given and not known):
            return self.default, "unusable"
        return ",".join(known), None if known == given else "adjusted"


class UrlState:
    """The settings of one page, their session-state keys (``<prefix>_<name>``) and URL."""

    def __init__(self, prefix: str, settings: Sequence[Setting]) -> None:
        self.prefix = prefix
        self.settings = {s.name: s for s in settings}
        self._memory_key = f"{prefix}__remembered"

    def key(self, name: str) -> str:
        """The session-state (and widget) key of setting ``name``."""
        if name not in self.settings:
            raise KeyError(f"no setting {name!r} in {self.prefix!r}")
        return f"{self.prefix}_{name}"

    def spec(self, name: str) -> Setting:
        return self.settings[name]

    def value(self, name: str) -> Any:
        """The current value (after ``restore``)."""
        return st.session_state.get(self.key(name), self.settings[name].default)

    def values(self) -> dict[str, Any]:
        """Every setting's current value, by name."""
        return {name: self.value(name) for name in self.settings}

    def controls(self) -> dict[str, str | None]:
        """The controls (``hide=`` names) in order, each with its label's translation key."""
        controls: dict[str, str | None] = {}
        for setting in self.settings.values():
            controls.setdefault(setting.control, setting.label)
        return controls

    def _initial(self, name: str, defaults: Mapping[str, Any]) -> tuple[Any, str | None]:
        """The value ``restore`` gives setting ``name`` when its key has none — remembered, else
        the link's (on the page's first run), else the default — and the notice for a link's
        value that had to be changed."""
        setting = self.settings[name]
        default = defaults.get(name, setting.default)
        remembered = st.session_state.get(self._memory_key)
        if remembered is not None:
            return remembered.get(name, default), None
        text = None if url_was_read() else st.query_params.get(name)
        if text is None:
            return default, None
        value, status = setting.read(text)
        if status == "unusable":
            value = default
        if status is None:
            return value, None
        return value, t(f"classroom.url_{status}", given=literal(f"{name}={text}"),
                        value=literal(setting.format(value)))

    def peek(self, name: str, defaults: Mapping[str, Any] | None = None) -> Any:
        """The value setting ``name`` has, or will get from ``restore``, without seeding
        anything (for defaults that depend on another setting, such as a preset)."""
        key = self.key(name)
        if key in st.session_state:
            return st.session_state[key]
        return self._initial(name, defaults or {})[0]

    def restore(self, defaults: Mapping[str, Any] | None = None) -> None:
        """Seed ``st.session_state`` before the widgets are drawn (see the module docstring);
        values of the URL that had to be changed are named in one warning. ``defaults``
        replace the settings' own defaults for this run (a preset's values). The warning's
        place is taken in every run (an empty placeholder when there is nothing to say), so
        the elements after it keep their places and live charts stay mounted."""
        slot = st.empty()
        changed: list[str] = []
        for name in self.settings:
            if self.key(name) not in st.session_state:
                value, notice = self._initial(name, defaults or {})
                st.session_state[self.key(name)] = value
                changed += [notice] if notice else []
        if changed:
            slot.warning(t("classroom.url_notice", items="; ".join(changed)),
                         icon=":material/link_off:")

    def save(self, defaults: Mapping[str, Any] | None = None) -> None:
        """Remember the current values and write the ones not at their default (``defaults``
        first, then the settings' own) to the URL."""
        values = self.values()
        st.session_state[self._memory_key] = values
        st.session_state.setdefault(_NAMES_KEY, set()).update(values)
        st.session_state.setdefault(_RUN_KEY, set()).update(values)
        for name, text in self._query(values, defaults or {}).items():
            if text is None:
                if name in st.query_params:
                    del st.query_params[name]
            elif st.query_params.get(name) != text:
                st.query_params[name] = text

    def _query(self, values: dict[str, Any], defaults: Mapping[str, Any]
               ) -> dict[str, str | None]:
        """Each setting's URL text, None for a setting at its default."""
        query: dict[str, str | None] = {}
        for name, value in values.items():
            setting = self.settings[name]
            text = setting.format(value)
            default = setting.format(defaults.get(name, setting.default))
            query[name] = None if text == default else text
        return query

    def query(self, defaults: Mapping[str, Any] | None = None) -> dict[str, str]:
        """``{name: text}`` of the settings not at their default."""
        return {n: text for n, text in self._query(self.values(), defaults or {}).items()
                if text is not None}

    def query_string(self) -> str:
        """``name=value&…`` of the settings not at their default (for a link to copy)."""
        return "&".join(f"{name}={text}" for name, text in self.query().items())

    def select(self, name: str, label: str, *, names: str | None = None,
               slider: bool = False, **kwargs: Any) -> Any:
        """A selectbox (or, with ``slider``, a select-slider) over the setting's choices.
        ``names`` is the translation prefix of the choices' names (``f"{names}.{choice}"``);
        without it numbers are printed as they are written in the URL. Not drawn when hidden
        (``hide=``): the value is returned either way."""
        setting = self.settings[name]
        if hidden(self, name):
            return self.value(name)
        shown = {c: t(f"{names}.{c}") if names else setting.format(c) for c in setting.choices}
        widget = st.select_slider if slider else st.selectbox
        return widget(label, setting.choices, format_func=shown.__getitem__,
                      key=self.key(name), **kwargs)

    def number(self, name: str, label: str, **kwargs: Any) -> Any:
        """A number box for the setting, bounded by its ``low``/``high`` (no ``value=``: the
        session state holds it); not drawn when hidden."""
        setting = self.settings[name]
        if hidden(self, name):
            return self.value(name)
        kind = int if isinstance(setting.default, int) else float
        bounds = {b: kind(v) for b, v in (("min_value", setting.low), ("max_value", setting.high))
                  if v is not None}
        return st.number_input(label, key=self.key(name), **bounds, **kwargs)

    def draw(self, name: str, widget: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``widget(*args, key=<the setting's key>, **kwargs)`` unless the control is hidden
        (``hide=``); the setting's value either way::

            STATE.draw("noise", st.slider, t("playground.noise"), 0.0, 1.0, step=0.05)
        """
        if hidden(self, name):
            return self.value(name)
        return widget(*args, key=self.key(name), **kwargs)
