"""Every page with settings, opened from a link: the query sets the widgets; out-of-range and
garbage values are clamped or fall back with a notice; ``hide=`` removes the named widgets and
their values stay; ``present=1`` applies; and the share panel's link is the view's."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest import APP, open_panels

KINDS = ("number_input", "radio", "selectbox", "select_slider", "slider", "toggle", "text_input")


@dataclass(frozen=True)
class Case:
    """A page: a query and the widget values it gives, a garbage query and the values it falls
    back to, and the controls hidden with the keys that disappear."""

    path: str
    query: dict[str, str]
    shown: dict[str, object]
    garbage: dict[str, str]
    fallback: dict[str, object]
    hide: tuple[str, ...]
    gone: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)


CASES = {
    "chain_rule": Case(
        "app_pages/graphs/chain_rule.py", {"example": "max_gate", "x": "7", "w": "-2.5"},
        {"chain_example": "max_gate", "chain_max_x": 7.0, "chain_max_w": -2.5},
        {"example": "own", "own_expr": "x" * 2000, "x": "1e99"},
        {"chain_own_expr": "(x + y) * max(x, z)", "chain_own_var_x": 1e6},
        ("inputs", "example"), ("chain_max_x", "chain_max_w", "chain_example")),
    "chain_rule_own": Case(
        "app_pages/graphs/chain_rule.py", {"example": "own", "own_expr": "a*b", "a": "3"},
        {"chain_own_expr": "a*b", "chain_own_var_a": 3.0, "chain_own_var_b": 1.0},
        {"example": "max_gates", "z": "nan"}, {"chain_example": "simple", "chain_simple_z": -4.0},
        ("own_expr",), ("chain_own_expr",)),
    "sigmoid_gate": Case(
        "app_pages/graphs/sigmoid_gate.py", {"w0": "1.5", "form": "fused"},
        {"sig_w0": 1.5, "sig_form": "fused", "sig_x1": -2.0},
        {"w0": "two", "form": "both"}, {"sig_w0": 2.0, "sig_form": "expanded"},
        ("inputs",), ("sig_w0", "sig_x0", "sig_w2")),
    "vectorized": Case(
        "app_pages/graphs/vectorized.py", {"size": "3", "W11": "0.7", "x3": "-1", "unrolled": "1"},
        {"vec_size": 3, "vec_W11": 0.7, "vec_x3": -1.0, "vec_unrolled": True},
        {"size": "9", "unrolled": "maybe"}, {"vec_size": 4, "vec_unrolled": False},
        ("W", "size"), ("vec_W11", "vec_W22", "vec_size")),
    "xor": Case(
        "app_pages/training/xor.py", {"gate": "or", "hidden": "5", "lr": "0.3", "seed": "7"},
        {"xor_gate": "or", "xor_hidden": 5, "xor_lr": 0.3, "xor_seed": 7},
        {"gate": "nand", "hidden": "-1", "seed": "x"}, {"xor_gate": "xor", "xor_hidden": 2,
                                                        "xor_seed": 0},
        ("hidden", "seed"), ("xor_hidden", "xor_seed")),
    "playground": Case(
        "app_pages/training/playground.py",
        {"data": "circles", "layers": "3", "n2": "5", "act": "relu", "lr": "0.03",
         "batch": "0", "edges": "gradients"},
        {"pg_data": "circles", "pg_layers": 3, "pg_n2": 5, "pg_act": "relu", "pg_lr": 0.03,
         "pg_batch": 0, "pg_edges": "gradients"},
        {"data": "mnist", "points": "5000", "act": "<b>", "noise": "-1"},
        {"pg_data": "spiral", "pg_points": 300, "pg_act": "tanh", "pg_noise": 0.0},
        ("widths", "act", "batch", "edges"), ("pg_n1", "pg_n2", "pg_act", "pg_batch",
                                              "pg_edges")),
    "mlp_step": Case(
        "app_pages/training/mlp_step.py",
        {"network": "xor", "lr": "0.3", "hidden": "tanh", "seed": "5", "batch_mode": "1"},
        {"mlp_step_network": "xor", "mlp_step_lr": 0.3, "mlp_step_hidden": "tanh",
         "mlp_step_seed": 5, "mlp_step_batch_mode": True, "mlp_step_loss": "bce"},
        {"network": "mnist", "lr": "1e9", "optimizer": "sgdx", "outputs": "99"},
        {"mlp_step_network": "3442", "mlp_step_lr": 10.0, "mlp_step_optimizer": "sgd"},
        ("lr", "seed", "hidden"), ("mlp_step_lr", "mlp_step_seed", "mlp_step_hidden")),
    "glossary": Case(
        "app_pages/reference/glossary.py", {"search": "gradient"},
        {"glossary_search": "gradient"}, {"search": "g" * 100}, {"glossary_search": ""},
        ("search",), ("glossary_search",)),
}


def open_link(path: str, query: dict[str, str]) -> AppTest:
    """A new session opened on ``path`` with ``query``, as a browser opens a shared link."""
    at = open_panels(AppTest.from_file(str(APP), default_timeout=60))
    at.query_params.update({"lang": "en", **query})
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def widgets(at: AppTest) -> dict[str, object]:
    return {w.key: w.value for kind in KINDS for w in at.get(kind) if w.key}


def approx(value: object) -> object:
    return pytest.approx(value) if isinstance(value, float) else value


@pytest.mark.parametrize("name", list(CASES))
def test_the_query_sets_the_widgets(name: str) -> None:
    case = CASES[name]
    at = open_link(case.path, case.query)
    shown = widgets(at)
    assert {k: shown.get(k) for k in case.shown} == {k: approx(v) for k, v in case.shown.items()}
    assert not [w for w in at.warning if "link" in w.value]
    link = parse_qs(urlsplit(at.code[0].value).query)  # the share panel: the same view
    assert {k: v[0] for k, v in link.items() if k in case.query} == {
        k: v for k, v in case.query.items() if k in link}


@pytest.mark.parametrize("name", list(CASES))
def test_garbage_and_out_of_range_values_fall_back_with_a_notice(name: str) -> None:
    case = CASES[name]
    at = open_link(case.path, case.garbage)
    shown = widgets(at)
    assert {k: shown.get(k) for k in case.fallback} == {k: approx(v)
                                                        for k, v in case.fallback.items()}
    notices = [w.value for w in at.warning if "could not be used" in w.value]
    assert len(notices) >= 1
    for parameter in case.garbage:
        if parameter in ("example",) and case.garbage[parameter] == "own":
            continue  # a valid choice, given to reach the other settings
        assert any(f"`{parameter}=" in notice for notice in notices), parameter


@pytest.mark.parametrize("name", list(CASES))
def test_hide_removes_the_widgets_and_the_links_values_stay(name: str) -> None:
    case = CASES[name]
    at = open_link(case.path, {**case.query, "hide": ",".join(case.hide)})
    assert set(case.gone) & set(widgets(at)) == set()
    for key, value in case.shown.items():  # hidden or not, the link's value is used
        assert at.session_state[key] == approx(value), key
    assert set(at.query_params["hide"].split(",")) == set(case.hide)
    assert at.checkbox(key=f"lesson_hide_{case.hide[0]}").value is True  # the panel knows


@pytest.mark.parametrize("name", ["chain_rule", "xor", "playground", "mlp_step", "glossary"])
def test_present_1_applies_on_every_page(name: str) -> None:
    at = open_link(CASES[name].path, {"present": "1"})
    assert at.toggle(key="present").value is True
    assert any("font-size: 24px" in h.proto.body for h in at.get("html"))
    assert at.expander[0].label == "About this page"
    assert at.button(key="presentation_leave")
    at.button(key="presentation_leave").click().run()
    assert at.toggle(key="present").value is False and "present" not in at.query_params
