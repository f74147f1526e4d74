"""The deep-networks page's parts: its settings and presets (:mod:`~ui.deep_networks.settings`)
and the per-layer views of gradients and activations (:mod:`~ui.deep_networks.layer_views`)."""
