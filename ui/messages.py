"""Messages in the page's language, with the user's own text shown exactly as typed.

Streamlit renders message text as Markdown: ``__import__`` would lose its underscores (bold),
``$x$`` would become maths, ``*`` italics. Every piece of user text that a message echoes goes
through :func:`escape_markdown` (inside a sentence) or :func:`literal` (as code).

An engine error about the user's input is a :class:`nncore.errors.CodedError`: its ``code``
names a translation ``errors.<code>`` and its ``details`` fill the placeholders, so the page
shows the error in its own language; any other error falls back to ``str(error)``, escaped::

    try:
        graph = parse_expression(text, values)
    except ValueError as error:
        show_error(error, wrap="graphs.error")   # st.error, in the page's language
"""

from __future__ import annotations

import re

import streamlit as st

from nncore.errors import CodedError
from ui.i18n import current_language, load_table, t

# CommonMark's escapable ASCII punctuation: a backslash before any of them shows it literally.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:=&\"'^])")
MAX_ECHO = 200  # characters of user text echoed in a message


def _shorten(text: object, limit: int) -> str:
    value = " ".join(str(text).split("\n"))
    return value if len(value) <= limit else value[: limit - 1] + "…"


def escape_markdown(text: object, limit: int = MAX_ECHO) -> str:
    """``text`` with every Markdown character escaped, so it shows as typed: ``__import__``
    stays ``__import__``, ``$x$`` is no formula. Newlines become spaces; long text is cut."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _shorten(text, limit))


def literal(text: object, limit: int = MAX_ECHO) -> str:
    """``text`` as a Markdown code span (for an expression, a file name, a URL value): the
    fence is one backtick longer than any run of backticks inside, so nothing can close it."""
    value = _shorten(text, limit)
    if not value.strip():
        return "“”"
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _detail(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int | bool):
        return str(value)
    return escape_markdown(value)


def error_text(error: BaseException) -> str:
    """The error in the page's language: ``t("errors." + code, **details)`` for a
    :class:`CodedError` whose code has a translation (string details escaped), else
    ``str(error)`` escaped."""
    if isinstance(error, CodedError):
        key = f"errors.{error.code}"
        if key in load_table(current_language()):
            try:
                return t(key, **{name: _detail(v) for name, v in error.details.items()})
            except (KeyError, IndexError, ValueError):
                pass  # a template that asks for a detail the error lacks: say it in English
    return escape_markdown(error)


def show_error(error: BaseException, *, wrap: str | None = None) -> None:
    """``st.error`` with :func:`error_text`; ``wrap`` is a translation with a ``{message}``
    placeholder around it ("This cannot be computed: …"), None for the bare message."""
    message = error_text(error)
    st.error(t(wrap, message=message) if wrap else message, icon=":material/error:")
