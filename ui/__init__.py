"""Streamlit helpers for the pages.

At the top, what every page shares: :mod:`ui.i18n` (the text layer, ``t(key)``),
:mod:`ui.layout` (page furniture), :mod:`ui.navigation` (the course registry the router and the
home page read), :mod:`ui.sidebar`, :mod:`ui.player` (the step-through player) and
:mod:`ui.url_state` (settings kept in the URL). The rest is grouped by what it serves:
:mod:`ui.graphs` (the "Backprop on graphs" pages), :mod:`ui.training` (the XOR page and the
playground), :mod:`ui.mlp_step` (one training step through an MLP).

Imports run one way: pages → ``ui.<group>`` → top-level ``ui`` modules → ``nncore``.
"""
