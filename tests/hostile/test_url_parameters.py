"""Hostile URL parameters on every page (AppTest): garbage, huge, negative, NaN/inf, 10 kB,
repeated and unknown values in every parameter a page reads (``hostile.parameters``).

A run sets every parameter of the page at once, each to a different hostile value, rotating
over ``ROUNDS`` runs so that across them every value meets many parameters (the cases are the
page × parameter × value triples: over two hundred). Each run must show the page (its title,
no exception, in the language asked for), say anything about the link in that language, leave
no 10 kB value in the URL, and keep working on the next run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.hostile import (
    HOSTILE_VALUES,
    PAGES,
    UNKNOWN,
    URL_NAMES_KEY,
    assert_fine,
    failures,
    fixed_part,
    open_direct,
    parameters,
    speaking,
)

ROUNDS = 2
OTHER = {"en": "vi", "vi": "en"}


def hostile_query(names: tuple[str, ...], round_: int, lang: str) -> dict[str, object]:
    """Parameter ``i`` gets value ``i·ROUNDS + round_`` (mod the list); the first one is
    repeated (``?a=1&a=garbage``); the unknown parameters come along."""
    query: dict[str, object] = {
        name: HOSTILE_VALUES[(i * ROUNDS + round_) % len(HOSTILE_VALUES)]
        for i, name in enumerate(n for n in names if n != "lang")}
    first = next(iter(query), None)
    if first is not None:
        query[first] = ["1", str(query[first])]
    return {**query, **UNKNOWN, "lang": lang}


def check_run(at, lang: str) -> None:
    assert_fine(failures(at))
    assert at.radio(key="lang").value == lang
    foreign = fixed_part(OTHER[lang], "classroom.url_notice")
    assert not any(foreign in w.value for w in at.warning), [w.value for w in at.warning]
    owned = set(at.session_state[URL_NAMES_KEY]) if URL_NAMES_KEY in at.session_state else set()
    kept = {n: len(str(v)) for n, v in at.query_params.items() if n in owned | {"lang"}}
    assert all(size <= 1000 for size in kept.values()), f"a 10 kB value stayed: {kept}"


@pytest.mark.parametrize("round_", range(ROUNDS))
@pytest.mark.parametrize("path", PAGES)
def test_every_parameter_at_once(path: str, round_: int) -> None:
    lang = ("en", "vi")[round_ % 2]
    at = open_direct(path, hostile_query(parameters(path), round_, lang))
    check_run(at, lang)
    with speaking(lang):
        at.run()
    check_run(at, lang)


def test_the_runs_cover_every_value_and_hundreds_of_cases() -> None:
    cases = {(path, name, str(value)) for path in PAGES for r in range(ROUNDS)
             for name, value in hostile_query(parameters(path), r, "en").items()
             if name not in UNKNOWN and name != "lang"}
    assert len(cases) >= 200
    values = {case[2] for case in cases}
    assert [v for v in HOSTILE_VALUES
            if v not in values and not any(repr(v) in x for x in values)] == []


@pytest.mark.parametrize("value", ["", "fr", "VI", "vi-VN", "x" * 10_000, "nan", ["vi", "en"]])
def test_an_unusable_language_falls_back_to_english(value: object) -> None:
    at = open_direct(PAGES[0], {"lang": value})
    assert_fine(failures(at))
    expected = "en" if value != ["vi", "en"] else at.radio(key="lang").value
    assert at.radio(key="lang").value == expected


VALUES = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40),
                   st.floats().map(repr), st.integers(-10**30, 10**30).map(str))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_settings_in_the_playground_url(data: st.DataObject) -> None:
    path = next(p for p in PAGES if p.endswith("/playground.py"))
    names = [n for n in parameters(path) if n != "lang"]
    query = data.draw(st.dictionaries(st.sampled_from(names), VALUES, max_size=10))
    at = open_direct(path, {**query, "lang": "en"})
    check_run(at, "en")
