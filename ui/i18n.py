"""The text layer: one lookup, ``t(key, **values)``, over English and Vietnamese tables.

Tables live in ``assets/i18n/<lang>/*.toml``. Each file holds TOML tables whose dotted paths are
the keys (``[home] title = "..."`` is ``home.title``); a key may be defined in one file only.
Every language must define exactly the same keys with the same ``{placeholders}``
(``tests/app/test_i18n.py`` checks it); a literal brace is written ``{{`` or ``}}``.

A missing key renders as the key itself, so a forgotten translation is visible on the page and
is caught by the smoke tests; with ``BACKPROP_LAB_STRICT_I18N=1`` (set by the test suite) a
missing key raises ``KeyError`` instead.
"""

from __future__ import annotations

import os
import threading
import tomllib
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

I18N_DIR = Path(__file__).resolve().parent.parent / "assets" / "i18n"
LANGUAGES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"
LANG_STATE_KEY = "lang"
MEMO = "_backprop_lab_language"  # on Streamlit's run context: (that run's cursors, language)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = str(value)
    return flat


_loading = threading.Lock()


def load_table(lang: str) -> dict[str, str]:
    """All keys of one language, merged from its TOML files (a key defined twice is an error).
    Read once per process: a class opening the app at once would otherwise have every
    session's thread parse the same files at the same time."""
    with _loading:
        return _read_table(lang)


@cache
def _read_table(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((I18N_DIR / lang).glob("*.toml")):
        with path.open("rb") as handle:
            entries = _flatten(tomllib.load(handle))
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{path.name} redefines keys {sorted(clash)} for language {lang!r}")
        merged.update(entries)
    return merged


def _read_language() -> str:
    lang = st.session_state.get(LANG_STATE_KEY) or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The session's language: session state first, then ``?lang=`` in the URL, then English.

    Read once per run: a page makes hundreds of ``t`` calls, and each read of Streamlit's
    session state costs tens of microseconds. The language widget's new value is in the state
    before the run starts, so it cannot change within a run. (A run is known by the cursors
    dict Streamlit's run context makes anew for each run, held here so its id is not reused.)"""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return _read_language()
    memo = getattr(ctx, MEMO, None)
    if memo is not None and memo[0] is ctx.cursors:
        return memo[1]
    lang = _read_language()
    setattr(ctx, MEMO, (ctx.cursors, lang))
    return lang


def translate(lang: str, key: str, **values: object) -> str:
    """Look ``key`` up in ``lang``'s table and fill its ``{placeholders}`` from ``values``."""
    table = load_table(lang)
    if key not in table:
        if os.environ.get("BACKPROP_LAB_STRICT_I18N") == "1":
            raise KeyError(f"missing translation key {key!r} for language {lang!r}")
        return key
    return table[key].format(**values)


def t(key: str, **values: object) -> str:
    """Translate ``key`` into the session's language."""
    return translate(current_language(), key, **values)


def subkeys(prefix: str) -> list[str]:
    """The names directly under ``prefix`` (``subkeys("glossary.term")`` lists the terms), in
    table order."""
    names: dict[str, None] = {}
    for key in load_table(current_language()):
        if key.startswith(prefix + "."):
            names[key[len(prefix) + 1:].split(".")[0]] = None
    return list(names)
