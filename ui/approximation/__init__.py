"""The universal-approximation page's parts: the target and the hand-set hinges
(:mod:`~ui.approximation.hand`) and the trained 1-H-1 network with its width sweep
(:mod:`~ui.approximation.train`)."""
