"""What the training pages (XOR, playground) share: Play / Pause / Step / Reset and the live
loop (:mod:`~ui.training.loop`), the live views of an experiment (:mod:`~ui.training.live_views`),
the playground's settings (:mod:`~ui.training.playground_settings`) and the XOR page's stories
(:mod:`~ui.training.xor_views`)."""
