"""Vectorized backprop: f = ‖W·x‖² at the matrix level (q, ∇q = 2q, ∇W = 2q·xᵀ, ∇x = 2Wᵀq),
the shapes rule, the Jacobian written out, and the same numbers from the unrolled scalar graph."""

from functools import partial

import numpy as np
import streamlit as st

from nncore.graph import Graph, examples, gate_jacobian
from ui.classroom import classroom_panel, player_only
from ui.graphs.graph_view import graph_stepper, number_inputs, run_graph
from ui.i18n import t
from ui.layout import page_header
from ui.matrices import matrix_chart
from ui.url_state import FREE, Setting, UrlState, hidden

# The lecture's W and x (001 "A vectorized example") in the top-left corner of the 4×4 defaults.
DEFAULT_W = ((0.1, 0.5, -0.2, 0.3), (-0.3, 0.8, 0.4, -0.1), (0.6, -0.4, 0.2, 0.7),
             (-0.5, 0.1, -0.6, 0.2))
DEFAULT_X = (0.2, 0.4, -0.3, 0.5)
SIZES = (2, 3, 4)  # the cap: the unrolled 4×4 graph already has 55 nodes
# In the URL: ?size=3&W11=0.1&…&x1=0.2&…&unrolled=1 (hide=W, hide=x hide the number boxes).
STATE = UrlState("vec", (
    Setting("size", SIZES[0], choices=SIZES, label="vectorized.size"),
    *(Setting(f"W{i + 1}{j + 1}", DEFAULT_W[i][j], -FREE, FREE, label="classroom.control.W",
              group="W") for i in range(len(SIZES) + 1) for j in range(len(SIZES) + 1)),
    *(Setting(f"x{i + 1}", DEFAULT_X[i], -FREE, FREE, label="classroom.control.x", group="x")
      for i in range(len(SIZES) + 1)),
    Setting("unrolled", False, label="vectorized.unroll"),
))


def matrix_inputs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """W (n×n) as a grid of number boxes ``vec_W11``..., x as a column ``vec_x1``..."""
    w_column, x_column = st.columns([n, 1])
    for i in range(n):
        if not hidden(STATE, "W11"):
            with w_column:
                number_inputs("vec", {f"W{i + 1}{j + 1}": DEFAULT_W[i][j] for j in range(n)},
                              step=0.1)
        if not hidden(STATE, "x1"):
            with x_column:
                number_inputs("vec", {f"x{i + 1}": DEFAULT_X[i]}, step=0.1)
    W = np.array([[float(STATE.value(f"W{i + 1}{j + 1}")) for j in range(n)] for i in range(n)])
    return W, np.array([float(STATE.value(f"x{i + 1}")) for i in range(n)])


def matrices(items: list[tuple[str, object]], decimals: int, key: str, **labels: list[str]
             ) -> None:
    """Annotated matrices side by side (charts keyed ``{key}_0``, ``{key}_1``...)."""
    for k, (column, (title, values)) in enumerate(zip(st.columns(len(items)), items,
                                                      strict=True)):
        with column:
            matrix_chart(f"{key}_{k}", values, title, decimals=decimals, **labels)


def shape_text(value: object) -> str:
    shape = np.shape(value)
    return "×".join(str(n) for n in shape) if shape else t("vectorized.scalar")


def shapes_table(graph: Graph) -> None:
    st.header(t("vectorized.shapes_title"))
    st.markdown(t("vectorized.shapes_intro"))
    st.table([{t("vectorized.col_variable"): label,
               t("vectorized.col_shape"): shape_text(graph[label].value),
               t("vectorized.col_gradient"): f"∇{label} f",
               t("vectorized.col_gradient_shape"): shape_text(graph[label].grad)}
              for label in ("W", "x", "q", "f")], hide_index=True)


def jacobians(graph: Graph, n: int, decimals: int) -> None:
    st.header(t("vectorized.jacobian_title"))
    st.markdown(t("vectorized.jacobian_intro"))
    q = [f"q{i + 1}" for i in range(n)]
    with st.columns([2, 3])[0]:
        left, right = st.columns(2)
    with left:
        matrix_chart("vec_jacobian_q", gate_jacobian(graph, "q", "x"), t("vectorized.jacobian_q"),
                     decimals=decimals, row_labels=q,
                     column_labels=[f"x{j + 1}" for j in range(n)])
    with right:
        matrix_chart("vec_jacobian_s", gate_jacobian(graph, "s", "q"), t("vectorized.jacobian_s"),
                     decimals=decimals, row_labels=[f"s{i + 1}" for i in range(n)],
                     column_labels=q)
    st.markdown(t("vectorized.jacobian_why"))


def unrolled_check(scalar: Graph, graph: Graph, n: int, decimals: int) -> None:
    """∇W and ∇x gathered from the scalar graph, and how far they are from the matrix level."""
    grad_W, grad_x = examples.gather(scalar, "W", (n, n)), examples.gather(scalar, "x", (n,))
    diff = max(np.abs(grad_W - graph["W"].grad).max(), np.abs(grad_x - graph["x"].grad).max())
    st.header(t("vectorized.unrolled_title"))
    st.success(t("vectorized.unrolled_same", nodes=len(scalar), diff=f"{diff:.2g}"))
    matrices([(t("vectorized.unrolled_W"), grad_W), (t("vectorized.unrolled_x"), grad_x)],
             decimals, "vec_unrolled_grad")


page_header("vectorized")
st.latex(r"f(x, W) = \lVert W \cdot x \rVert^2 = \sum_{i=1}^{n} (W \cdot x)_i^2, \qquad "
         r"x \in \mathbb{R}^n,\ W \in \mathbb{R}^{n \times n}")
STATE.restore()
n = STATE.draw("size", st.radio, t("vectorized.size"), SIZES, horizontal=True)
W, x = matrix_inputs(n)
unrolled = STATE.draw("unrolled", st.toggle, t("vectorized.unroll"),
                      help=t("vectorized.unroll_help"))
STATE.save()
result = run_graph(partial(examples.vectorized, W, x))
scalar = run_graph(partial(examples.vectorized_unrolled, W, x)) if unrolled and result else None
if result is None or (unrolled and scalar is None):
    st.stop()
graph = result[0]
decimals = graph_stepper("vec_scalar", *scalar, results=False) if scalar else graph_stepper(
    "vec_matrix", *result, results=False)
player_only(STATE)

st.header(t("vectorized.matrices_title"))
st.caption(t("vectorized.matrices_intro"))
matrices([("W", W), ("x", x), (t("vectorized.q"), graph["q"].value),
          (t("vectorized.f"), graph["f"].value)], decimals, "vec_forward")
matrices([(t("vectorized.grad_q"), graph["q"].grad), (t("vectorized.grad_W"), graph["W"].grad),
          (t("vectorized.grad_x"), graph["x"].grad)], decimals, "vec_backward")
if scalar:
    unrolled_check(scalar[0], graph, n, decimals)
shapes_table(graph)
jacobians(graph, n, decimals)
classroom_panel(STATE)
