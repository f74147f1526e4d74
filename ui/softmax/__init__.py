"""The softmax and cross-entropy page's parts: its settings and input widgets
(:mod:`~ui.softmax.settings`) and its sections (:mod:`~ui.softmax.views`)."""
