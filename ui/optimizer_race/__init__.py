"""The optimizer race page's parts: its settings (:mod:`~ui.optimizer_race.settings`), the
race kept in the session with Play/Step/Reset (:mod:`~ui.optimizer_race.loop`), the views of
the race (:mod:`~ui.optimizer_race.views`) and the learning-rate sweep
(:mod:`~ui.optimizer_race.sweep_view`)."""
