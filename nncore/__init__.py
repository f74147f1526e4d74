"""nncore: the small, vectorized numpy engine behind Backprop Lab.

Two halves: ``nncore.graph`` (computational graphs of gates with a recorded forward/backward
trace) and the layer engine (layers, losses, optimizers, model, training, data, metrics,
gradient check). ``nncore.viz`` turns engine objects into plotly figures; it is the only part
that imports plotly. Everything else imports numpy and networkx only.
"""

__version__ = "0.1.0"
