"""One training step of an MLP, layer by layer, in the course's matrix notation (002 §1.1).

- :mod:`nncore.mlp_step.setup`: the walk-through's networks, data and settings
  (:class:`StepSetup`, :data:`PRESETS`), what cannot work (:func:`problems`) and :func:`run`;
- :mod:`nncore.mlp_step.trace`: :func:`trace_step`, which runs one real step (forward, loss,
  backward, update) and records every stage as a :class:`StepRecord` of a :class:`StepTrace`.

    trace = run(PRESETS["xor"])          # build, check and trace one step
    trace[0].matrices["z"]               # z⁽¹⁾ of the first forward stage
"""

from nncore.mlp_step.setup import (
    CUSTOM_SAMPLES,
    HIDDEN_ACTIVATIONS,
    LOSSES,
    MAX_HIDDEN_LAYERS,
    MAX_STEPS_DONE,
    MAX_WIDTH,
    NETWORKS,
    OPTIMIZERS,
    OUTPUT_ACTIVATIONS,
    PRESETS,
    TARGET_SCALE,
    Problem,
    StepData,
    StepSetup,
    batch_rows,
    build_loss,
    build_model,
    build_optimizer,
    problems,
    run,
    step_data,
    unreachable,
    with_fix,
)
from nncore.mlp_step.trace import (
    PER_SAMPLE,
    PHASES,
    StepRecord,
    StepTrace,
    activation_name,
    agrees,
    layer_pairs,
    loss_name,
    trace_step,
)

__all__ = [
    "CUSTOM_SAMPLES",
    "HIDDEN_ACTIVATIONS",
    "LOSSES",
    "MAX_HIDDEN_LAYERS",
    "MAX_STEPS_DONE",
    "MAX_WIDTH",
    "NETWORKS",
    "OPTIMIZERS",
    "OUTPUT_ACTIVATIONS",
    "PER_SAMPLE",
    "PHASES",
    "PRESETS",
    "TARGET_SCALE",
    "Problem",
    "StepData",
    "StepRecord",
    "StepSetup",
    "StepTrace",
    "activation_name",
    "agrees",
    "batch_rows",
    "build_loss",
    "build_model",
    "build_optimizer",
    "layer_pairs",
    "loss_name",
    "problems",
    "run",
    "step_data",
    "trace_step",
    "unreachable",
    "with_fix",
]
