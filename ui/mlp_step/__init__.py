"""The one-training-step page's parts: its settings (:mod:`~ui.mlp_step.settings`), the views of
one position of the step-through (:mod:`~ui.mlp_step.views`), the text of each stage
(:mod:`~ui.mlp_step.stage_text`) and the gradient-check panel
(:mod:`~ui.mlp_step.gradient_check`)."""
