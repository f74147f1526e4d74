"""Errors the engine reports about its input, in a form any language can render.

An engine error names its problem with a ``code`` (``"csv.not_finite"``, ``"expression.dunder"``)
and the values its message needs in ``details``; ``str(error)`` is the English message. The app
renders the same error in the page's language from its translation table
(``errors.<code>`` with ``details`` as placeholders), so no page shows English inside a
Vietnamese sentence. Every module that raises one keeps its English templates next to the codes.
"""

from __future__ import annotations

from collections.abc import Mapping


class CodedError(ValueError):
    """A refused input: ``code`` says what is wrong, ``details`` the values that say where.

    ``CodedError("csv.too_many_rows", "The file has more than {limit} data rows.", limit=2000)``
    """

    def __init__(self, code: str, template: str, **details: object) -> None:
        self.code = code
        self.details: Mapping[str, object] = details
        super().__init__(template.format(**details))
