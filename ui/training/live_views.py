"""The live views of a training :class:`~nncore.experiment.Experiment`, shared by the XOR page
and the playground: counters, the decision boundary, the network, the learning curves, the
divergence notices and, after training, the confusion matrix with per-class scores.

Every view takes the page's ``key`` (element keys are ``<key>_<view>``) and the experiment;
figures come from ``nncore.viz`` with texts translated here. The boundary, the network and the
curves are live charts (``ui.live_chart``): drawn once, then updated in place with only what
changed, so that they stay current and never blink while playing. The counters are ordinary
metrics (what AppTest reads), and the notices sit in a container that is always there, so
that a notice coming or going never moves the charts below it (a moved element is
re-created).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from nncore.experiment import Experiment
from nncore.viz.boundary import boundary_spec
from nncore.viz.curves import Panel, panels_spec, train_valid_curves
from nncore.viz.matrices import confusion_figure
from nncore.viz.network import network_spec
from nncore.viz.pictures import network_pictures
from nncore.viz.style import class_colour
from ui.downloads import chart_config
from ui.i18n import t
from ui.layout import CHART_CONFIG, fmt
from ui.live_chart import live_chart

PICTURE_LIMITS = (8, 32)  # neuron pictures when no hidden layer is wider and in all at most
PICTURE_SIZE = 20  # pixels a side (each one is sent on every frame while playing)
SIDE_VIEWS_EVERY = 2  # while playing, the views beside the boundary record 1 frame in this many


def class_names(n_classes: int) -> list[str]:
    return [t("training.class_name", k=k) for k in range(n_classes)]


def chart(figure: object, key: str) -> None:
    """A figure at its own size (boundaries stay square), without the plotly toolbar."""
    st.plotly_chart(figure, key=key, width="content", config=CHART_CONFIG)


def _last(values: Sequence[float], percent: bool = False) -> str:
    if not len(values):
        return "–"
    return f"{100 * values[-1]:.1f} %" if percent else fmt(values[-1], 4)


def metrics_row(key: str, experiment: Experiment, speed: float | None = None,
                items: list[tuple[str, str]] | None = None) -> None:
    """The epoch counter (in a container keyed ``<key>_epoch``), the last epoch's loss and
    accuracy, training and validation, and the training speed (epochs per second while
    playing, "–" else; in a container keyed ``<key>_speed_metric``)."""
    h = experiment.history
    if items is None:  # a classifier's; regression passes its own (loss and R²)
        items = [(t("training.train_loss"), _last(h.train_loss)),
                 (t("training.train_accuracy"), _last(h.train_metric, percent=True))]
        if experiment.data.has_validation:
            items += [(t("training.valid_loss"), _last(h.val_loss)),
                      (t("training.valid_accuracy"), _last(h.val_metric, percent=True))]
    columns = st.columns(len(items) + 2)
    with columns[0].container(key=f"{key}_epoch"):
        st.metric(t("training.epoch"), experiment.epoch)
    for column, (label, value) in zip(columns[1:], items, strict=False):
        column.metric(label, value)
    rate = "–" if speed is None else t("live_training.speed_value", rate=f"{speed:.0f}")
    with columns[-1].container(key=f"{key}_speed_metric"):
        st.metric(t("live_training.speed"), rate, help=t("live_training.speed_help"))


def divergence_notice(experiment: Experiment) -> None:
    """In a container that is always there: what happened and what to try, when a non-finite
    loss stopped the training, or when the loss climbs while staying finite
    (``Experiment.divergence``)."""
    with st.container():
        reason = experiment.stopped_reason
        if reason is not None:
            quantity = t(f"training.quantity.{reason.quantity}")
            st.error(t("training.diverged", step=reason.step, epoch=reason.epoch,
                       value=reason.value, quantity=quantity), icon=":material/error:")
            st.info(t("training.diverged_help"), icon=":material/lightbulb:")
            return
        diverging = experiment.divergence()
        if diverging is not None:
            st.warning(t(f"live_training.diverging_{diverging.reason}", **diverging.details()),
                       icon=":material/trending_up:")
            st.info(t("live_training.diverging_help"), icon=":material/lightbulb:")


def boundary_chart(
    key: str, experiment: Experiment, *, resolution: int = 100,
    point_text: Sequence[str] | None = None, size: int = 560,
) -> None:
    """The decision boundary over the plane (a picture) with the training and validation
    points."""
    d = experiment.data
    figure = boundary_spec(
        experiment.boundary(resolution), d.X_train, d.y_train, d.X_valid, d.y_valid,
        train_name=t("training.train_points"), valid_name=t("training.valid_points"),
        point_text=point_text, title=t("training.boundary_title"), size=size, image=True)
    live_chart(f"{key}_boundary", figure, config=chart_config(f"{key}-boundary"))  # PNG


def curves_chart(key: str, experiment: Experiment, *, height: int = 320,
                 metric: Panel | None = None) -> None:
    """Loss and accuracy per epoch, training and validation, side by side in one chart (at
    the epochs the history kept, see ``nncore.history``)."""
    h = experiment.history
    train, valid, x = t("training.train_set"), t("training.valid_set"), h.epoch_numbers
    loss = Panel(train_valid_curves(h.train_loss, h.val_loss, train, valid, x),
                 t("training.loss_title"), t("training.loss"))
    accuracy = metric or Panel(train_valid_curves(h.train_metric, h.val_metric, train, valid,
                                                  x), t("training.accuracy_title"),
                               t("training.accuracy"), y_range=(0, 1.05))
    figure = panels_spec([loss, accuracy], x_title=t("training.epoch"), height=height,
                         growing=True)
    live_chart(f"{key}_curves", figure, width="stretch", config=chart_config(f"{key}-curves"))


def _pictures(experiment: Experiment) -> list[list[str] | None] | None:
    hidden = experiment.layer_sizes()[1:-1]
    widest, total = PICTURE_LIMITS
    if not hidden or max(hidden) > widest or sum(hidden) > total:
        return None
    return network_pictures(experiment.input_pictures(PICTURE_SIZE),
                            experiment.neuron_pictures(PICTURE_SIZE))


def network_chart(key: str, experiment: Experiment, *, gradients: bool = False,
                  playing: bool = False, width: int = 620, height: int = 460) -> None:
    """The network, edges by weight (or by the last step's gradient), with a picture of every
    neuron's output over the plane when the network is small. Hovering an edge shows its
    value, except while ``playing`` (then its name: values that change with every frame would
    make each frame cost the browser a whole redraw)."""
    sizes = experiment.layer_sizes()
    outputs = sizes[-1]
    names = class_names(experiment.data.n_classes)
    output_labels = names if outputs > 1 else [
        t("regression.output" if experiment.is_regression else "training.sigmoid_output")]
    hidden = "training.column_hidden" if len(sizes) <= 5 else "training.column_hidden_short"
    titles = [t("training.column_input"),
              *(t(hidden, layer=i) for i in range(1, len(sizes) - 1)),
              t("training.column_output")]
    figure = network_spec(
        sizes, experiment.weights(),
        edge_values=experiment.gradients() if gradients else None,
        edge_name="dW" if gradients else "W",
        node_labels=[["x1", "x2"][:sizes[0]] if sizes[0] > 1 else ["x"],
                     *([None] * (len(sizes) - 2)), output_labels],
        node_colours=[None] * (len(sizes) - 1) + [
            [class_colour(k) for k in range(outputs)] if outputs > 1 else None],
        pictures=_pictures(experiment), column_titles=titles,
        title=t("training.network_title_gradients" if gradients else "training.network_title"),
        width=width, height=height, edge_shapes=True, hover_values=not playing)
    live_chart(f"{key}_network", figure)


def evaluation_panel(key: str, experiment: Experiment) -> None:
    """Confusion matrices (training and validation) and per-class precision, recall and F1
    on the validation set (000 §2)."""
    names = class_names(experiment.data.n_classes)
    subsets = [s for s in ("train", "valid") if experiment.report(s) is not None]
    columns = st.columns(len(subsets) + 1)
    for column, subset in zip(columns, subsets, strict=False):
        report = experiment.report(subset)
        with column:
            live_chart(f"{key}_confusion_{subset}", confusion_figure(
                report.confusion, names, title=t(f"training.confusion_{subset}"),
                true_title=t("training.true_class"),
                predicted_title=t("training.predicted_class")), config=CHART_CONFIG)
    report = experiment.report(subsets[-1])
    rows = [{t("training.class"): names[k], t("training.precision"): fmt(report.precision[k]),
             t("training.recall"): fmt(report.recall[k]), t("training.f1"): fmt(report.f1[k]),
             t("training.support"): int(report.support[k])} for k in range(len(names))]
    rows.append({t("training.class"): t("training.macro_average"),
                 t("training.precision"): fmt(report.macro_precision),
                 t("training.recall"): fmt(report.macro_recall),
                 t("training.f1"): fmt(report.macro_f1),
                 t("training.support"): int(report.support.sum())})
    with columns[-1]:
        st.markdown(t(f"training.report_{subsets[-1]}"))
        st.table(rows, hide_index=True, border="horizontal")
        st.caption(t("training.report_note"))
