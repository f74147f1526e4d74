"""Page settings kept in the URL, so that a link opens a page with the same settings.

A page lists its settings once, as :class:`Setting` specs (name, default, bounds or choices),
in a :class:`UrlState`. Then, on every run::

    state = UrlState("pg", SETTINGS)
    state.restore()                       # before the widgets are created
    st.slider(..., key=state.key("lr"))   # widgets take their value from the session state
    state.save()                          # after them: remember, and write the URL

``restore`` seeds ``st.session_state`` for every widget that has no value yet: on the page's
first run in a session from the URL's query parameters — validated and clamped exactly like
widget input (a number is clamped to [low, high], a numeric choice snaps to the nearest
choice, an unknown word falls back to the default) — and later from the values remembered by
``save`` (Streamlit forgets a widget's value when its page is left). ``save`` writes every
setting to the query parameters; other parameters (the sidebar's ``lang``) are left alone.

This is done by hand rather than with widgets' ``bind="query-params"`` so that it works the
same in AppTest, where the binding is not honoured.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.i18n import t


@dataclass(frozen=True)
class Setting:
    """One setting: its query-parameter ``name``, its ``default`` (whose type is the
    setting's type: bool, int, float or str), and either ``low``/``high`` bounds or a tuple of
    allowed ``choices``; a number may also snap to a grid of ``step`` from ``low``."""

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None
    step: float | None = None

    def parse(self, text: str) -> Any:
        """The value of the query-parameter text, validated and clamped like widget input;
        the default for anything unusable."""
        text = text.strip()
        if isinstance(self.default, str):
            return text if self.choices is None or text in self.choices else self.default
        if isinstance(self.default, bool):
            return text.lower() in ("1", "true", "yes", "on")
        try:
            number = float(text)
        except ValueError:
            return self.default
        if not math.isfinite(number):
            return self.default
        if self.choices is not None:
            return self.nearest_choice(number)
        if self.step and self.low is not None:
            number = self.low + round((number - self.low) / self.step) * self.step
        if self.low is not None:
            number = max(self.low, number)
        if self.high is not None:
            number = min(self.high, number)
        return round(number) if isinstance(self.default, int) else round(number, 10)

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

    def restore(self) -> None:
        """Seed ``st.session_state`` before the widgets are drawn (see the module docstring)."""
        remembered = st.session_state.get(self._memory_key)
        for name, setting in self.settings.items():
            key = self.key(name)
            if key in st.session_state:
                continue
            if remembered is None:
                text = st.query_params.get(name)
                value = setting.default if text is None else setting.parse(text)
            else:
                value = remembered.get(name, setting.default)
            st.session_state[key] = value

    def save(self) -> None:
        """Remember the current values and write them to the URL's query parameters."""
        values = {name: self.value(name) for name in self.settings}
        st.session_state[self._memory_key] = values
        for name, value in values.items():
            text = self.settings[name].format(value)
            if st.query_params.get(name) != text:
                st.query_params[name] = text

    def select(self, name: str, label: str, *, names: str | None = None,
               slider: bool = False, **kwargs: Any) -> Any:
        """A selectbox (or, with ``slider``, a select-slider) over the setting's choices.
        ``names`` is the translation prefix of the choices' names (``f"{names}.{choice}"``);
        without it numbers are printed as they are written in the URL."""
        setting = self.settings[name]

        def show(value: Any) -> str:
            return t(f"{names}.{value}") if names else setting.format(value)

        widget = st.select_slider if slider else st.selectbox
        return widget(label, setting.choices, format_func=show, key=self.key(name), **kwargs)

    def query_string(self) -> str:
        """``name=value&…`` of the current settings (for a link to copy)."""
        return "&".join(f"{n}={s.format(self.value(n))}" for n, s in self.settings.items())
