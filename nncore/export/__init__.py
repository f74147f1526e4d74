"""Downloads: a network as ``.npz`` or JSON (and back), points, histories and traces as CSV.

    data = model_to_npz(model)            # bytes; model_from_npz(data) rebuilds it
    text = model_to_json(model)           # model_from_json(text) rebuilds it
    points_to_csv(X, y)                   # parse_points_csv reads it back
    history_to_csv(experiment.history)    # one row per epoch
    trace_to_csv(graph.run())             # step, phase, node, value, gradient, rule
    step_trace_to_csv(run(PRESETS["xor"])) # the same columns for an MLP's training step
"""

from nncore.export.model_files import (
    CODES,
    ModelFileError,
    model_from_json,
    model_from_layers,
    model_from_npz,
    model_to_json,
    model_to_npz,
)
from nncore.export.tables import (
    history_to_csv,
    points_to_csv,
    step_trace_to_csv,
    trace_to_csv,
)

__all__ = [
    "CODES",
    "ModelFileError",
    "history_to_csv",
    "model_from_json",
    "model_from_layers",
    "model_from_npz",
    "model_to_json",
    "model_to_npz",
    "points_to_csv",
    "step_trace_to_csv",
    "trace_to_csv",
]
