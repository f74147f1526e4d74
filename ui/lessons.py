"""Ready lessons for instructors: a page of the app opened on a preset, with the controls the
class does not need hidden, and what to ask and what the class should see.

A lesson is data: the page (a course slug), the query that sets it up (the page's URL
settings, see ``ui.url_state``), the controls it hides (``hide=``) and whether it opens in
presentation mode. Its texts are ``lessons.<slug>.title``, ``.goal``, ``.ask`` and ``.see``.
``tests/app/test_classroom_lessons.py`` opens every link and checks that it shows what the
lesson says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from ui.i18n import current_language
from ui.training.playground_settings import STATE as PLAYGROUND


@dataclass(frozen=True)
class Lesson:
    """One lesson: ``page`` is the course slug the link opens, ``query`` its settings."""

    slug: str
    page: str
    query: tuple[tuple[str, str], ...]
    hide: tuple[str, ...] = ()
    present: bool = False

    def params(self, lang: str | None = None) -> dict[str, str]:
        """The link's query parameters: the language, the settings, ``hide``, ``present``."""
        params = {"lang": lang or current_language(), **dict(self.query)}
        if self.hide:
            params["hide"] = ",".join(self.hide)
        if self.present:
            params["present"] = "1"
        return params


def playground_hides_all_but(*shown: str) -> tuple[str, ...]:
    """Every control of the playground except ``shown`` (and Play/Pause, never hidden)."""
    return tuple(name for name in PLAYGROUND.controls() if name not in shown)


def _q(**settings: object) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(value)) for name, value in settings.items())


LESSONS: tuple[Lesson, ...] = (
    Lesson("chain_by_hand", "chain_rule", _q(example="simple"), ("example", "inputs"), True),
    Lesson("backward_patterns", "chain_rule", _q(example="max_gate"), ("example",), True),
    Lesson("sigmoid_fused", "sigmoid_gate", _q(form="fused"), ("inputs",), True),
    Lesson("vectorized_shapes", "vectorized", _q(size=2), ("size",)),
    Lesson("xor_hidden_layer", "xor", _q(gate="xor", hidden=2, lr=1, seed=0)),
    Lesson("one_training_step", "mlp_step", _q(network="xor"), ("network",)),
    Lesson("lr_diverges", "playground", _q(data="circles", lr=10),
           playground_hides_all_but("lr"), True),
    Lesson("zero_init", "playground",
           _q(data="circles", layers=1, n1=4, act="sigmoid", init="zeros", lr=0.3),
           playground_hides_all_but("init", "edges"), True),
    Lesson("deep_sigmoid", "playground", _q(data="spiral", layers=6, act="sigmoid"),
           playground_hides_all_but("act", "edges"), True),
    Lesson("optimizers_spiral", "playground", _q(data="spiral", n1=16, n2=16, opt="sgd"),
           playground_hides_all_but("opt", "lr", "rho", "beta1", "beta2", "wd"), True),
    Lesson("overfitting_l2", "playground",
           _q(data="moons", points=20, noise=0.3, train=50, n1=32, n2=32, act="relu",
              opt="adam", lr=0.01, rate=0.01),
           playground_hides_all_but("reg", "rate")),
)


def lesson_link(lesson: Lesson, lang: str | None = None) -> str:
    """The lesson's address: absolute (this server, under its base path) when the browser
    told the page's URL, else relative to the server."""
    here = st.context.url  # …/lessons: the app's root is everything before the last part
    root = here.rsplit("/", 1)[0] if here else ""
    return f"{root}/{lesson.page}?{urlencode(lesson.params(lang))}"


def lessons_on(page: str, lessons: Iterable[Lesson] = LESSONS) -> list[Lesson]:
    """The lessons that open ``page``."""
    return [lesson for lesson in lessons if lesson.page == page]
