"""The test set of a training page (000 §4.2.1: train / validation / test): shown only once the
network has been trained, and never while it trains — it is the set nothing was tuned on.

    test_set_panel("pg", experiment)   # after training: loss, accuracy, confusion matrix
"""

from __future__ import annotations

import streamlit as st

from nncore.experiment import Experiment
from nncore.viz.matrices import confusion_figure
from ui.downloads import chart_config
from ui.i18n import t
from ui.layout import fmt
from ui.live_chart import live_chart


def test_set_panel(key: str, experiment: Experiment) -> None:
    """The test set's data loss and accuracy (eval mode) and its confusion matrix; nothing
    before the first epoch or when the data has no test set."""
    scores = experiment.evaluate("test") if experiment.epoch > 0 else None
    report = experiment.report("test") if scores is not None else None
    if scores is None or report is None:
        return
    loss, accuracy = scores
    st.markdown(t("classroom.test_title", points=int(report.support.sum()),
                  epoch=experiment.epoch))
    numbers, matrix = st.columns([1, 2])
    numbers.metric(t("classroom.test_loss"), fmt(loss, 3))
    numbers.metric(t("classroom.test_accuracy"), f"{100 * accuracy:.1f} %")
    numbers.caption(t("classroom.test_note"))
    names = [t("training.class_name", k=k) for k in range(experiment.data.n_classes)]
    with matrix:
        live_chart(f"{key}_confusion_test", confusion_figure(
            report.confusion, names, title=t("classroom.test_confusion"),
            true_title=t("training.true_class"), predicted_title=t("training.predicted_class")),
            config=chart_config(f"{key}-test-confusion"))
