"""One traced training step: the records equal the real layers, hand-written numpy, the numerical
gradient and the optimizers; batches average; impossible setups are refused."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore.gradcheck import numerical_gradient, relative_error
from nncore.layers.functional import sigmoid
from nncore.mlp_step import (
    PRESETS,
    StepSetup,
    StepTrace,
    agrees,
    batch_rows,
    build_loss,
    build_model,
    layer_pairs,
    problems,
    run,
    step_data,
    trace_step,
)

DEFAULT = PRESETS["3442"]


def records(trace: StepTrace, phase: str) -> dict[int, dict[str, np.ndarray]]:
    """The matrices of every record of ``phase``, by layer."""
    return {r.layer: r.matrices for r in trace.steps if r.phase == phase}


def inputs(setup: StepSetup) -> tuple[np.ndarray, np.ndarray]:
    return batch_rows(setup, step_data(setup))


def test_the_step_has_every_stage_in_order() -> None:
    trace = run(DEFAULT)
    assert [(r.phase, r.layer) for r in trace.steps] == [
        ("forward", 1), ("forward", 2), ("forward", 3), ("loss", 3), ("backward", 3),
        ("backward", 2), ("backward", 1), ("update", 1), ("update", 2), ("update", 3)]
    assert trace.sizes == [3, 4, 4, 2]
    assert trace.activations == ["sigmoid", "sigmoid", "identity"]
    assert [r.formula for r in trace.steps][3:7] == [
        "loss_mse", "backward_output", "backward_hidden", "backward_hidden"]


@pytest.mark.parametrize("batch", [1, 3])
def test_forward_values_equal_layer_outputs(batch: int) -> None:
    setup = replace(DEFAULT, batch=batch)
    X, _ = inputs(setup)
    outs = build_model(setup).layer_outputs(X)
    forward = records(run(setup), "forward")
    for layer, shown in forward.items():
        z, a = outs[2 * layer - 2], outs[2 * layer - 1]
        if batch == 1:  # 002's column vectors
            z, a = z.T, a.T
        np.testing.assert_allclose(shown["z"], z, rtol=1e-12)
        np.testing.assert_allclose(shown["a"], a, rtol=1e-12)
    assert forward[1]["a_prev"].shape == ((3, 1) if batch == 1 else (3, 3))
    assert forward[1]["b"].shape == (4, 1)


def hand_written_backprop(W: list[np.ndarray], b: list[np.ndarray], x: np.ndarray,
                          t: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """002 §1.1 for a sigmoid MLP with an identity output and C = ‖a − t‖², column vectors."""
    a, zs, acts = x, [], [x]
    for layer, (Wl, bl) in enumerate(zip(W, b, strict=True), 1):
        z = Wl @ a + bl
        a = z if layer == len(W) else sigmoid(z)
        zs.append(z)
        acts.append(a)
    delta = 2 * (a - t) * 1.0  # δᴸ = ∇aC ⊙ f′(zᴸ), f the identity
    dW, db = [None] * len(W), [None] * len(W)
    for layer in range(len(W), 0, -1):
        dW[layer - 1] = delta @ acts[layer - 1].T  # ∂C/∂W = δ aᵀ
        db[layer - 1] = delta  # ∂C/∂b = δ
        if layer > 1:
            s = sigmoid(zs[layer - 2])
            delta = (W[layer - 1].T @ delta) * s * (1 - s)  # δˡ = (Wˡ⁺¹ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
    return dW, db


def test_gradients_equal_hand_written_numpy_and_the_layers() -> None:
    setup = replace(DEFAULT, sample=2)
    X, T = inputs(setup)
    trace = run(setup)
    backward = records(trace, "backward")
    W = [backward[k]["W"] for k in (1, 2, 3)]
    b = [records(trace, "forward")[k]["b"] for k in (1, 2, 3)]
    dW, db = hand_written_backprop(W, b, X.T, T.T)
    for layer in (1, 2, 3):
        np.testing.assert_allclose(backward[layer]["dW"], dW[layer - 1], rtol=1e-10)
        np.testing.assert_allclose(backward[layer]["db"], db[layer - 1], rtol=1e-10)
        np.testing.assert_allclose(trace.grads[layer - 1], dW[layer - 1], rtol=1e-10)
    # the real layers, driven by hand, agree too
    model, loss = build_model(setup), build_loss(setup)
    loss.forward(model.forward(X), T)
    model.zero_grad()
    model.backward(loss.backward())
    for layer, (linear, _) in enumerate(layer_pairs(model), 1):
        np.testing.assert_array_equal(backward[layer]["dW"], linear.dW)


@pytest.mark.parametrize("network", ["3442", "xor", "custom"])
@pytest.mark.parametrize("batch", [1, 2])
def test_gradients_equal_the_numerical_gradient(network: str, batch: int) -> None:
    setup = replace(PRESETS[network], batch=batch, sample=1)
    trace = run(setup)
    assert trace.checks is not None
    assert all(check.max_error < 1e-6 for check in trace.checks.values()), {
        name: check.max_error for name, check in trace.checks.items()}
    # and our own numerical gradient of C with respect to W⁽¹⁾ on a fresh model
    X, T = inputs(setup)
    model, loss = build_model(setup), build_loss(setup)
    W1 = layer_pairs(model)[0][0].W
    numeric = numerical_gradient(lambda: float(loss.forward(model.forward(X), T)), W1)
    assert relative_error(trace.grads[0], numeric).max() < 1e-6


def test_a_batch_averages_the_per_sample_gradients() -> None:
    setup = replace(DEFAULT, batch=3)
    trace = run(setup)
    singles = [run(replace(DEFAULT, sample=n)) for n in range(3)]
    for layer in (1, 2, 3):
        shown = records(trace, "backward")[layer]
        mean = np.mean([s.grads[layer - 1] for s in singles], axis=0)
        np.testing.assert_allclose(shown["dW"], mean, rtol=1e-10)
        np.testing.assert_allclose(shown["dW_samples"].mean(axis=0), shown["dW"], rtol=1e-10)
        np.testing.assert_allclose(shown["db"][:, 0],
                                   np.mean([s.bias_grads[layer - 1][:, 0] for s in singles],
                                           axis=0), rtol=1e-10)
        # 000's form: ΔW = ΔYᵀ X with the rows of Δ carrying the 1/N of the mean loss
        np.testing.assert_allclose(shown["delta"].T @ shown["a_prev"], shown["dW"], rtol=1e-12)
        assert shown["delta"].shape == (3, trace.sizes[layer])


def test_sgd_update() -> None:
    trace = run(replace(DEFAULT, lr=0.5))
    for layer, shown in records(trace, "update").items():
        np.testing.assert_allclose(shown["W_new"], shown["W"] - 0.5 * shown["dW"])
        np.testing.assert_allclose(shown["b_new"], shown["b"] - 0.5 * shown["db"])
        np.testing.assert_array_equal(trace.new_weights[layer - 1], shown["W_new"])
    assert trace[7].formula == "update_sgd" and trace[7].numbers["lr"] == 0.5


def test_momentum_update_over_two_steps() -> None:
    setup = replace(DEFAULT, optimizer="momentum", lr=0.1, rho=0.9)
    first, second = run(setup), run(setup, steps_done=1)
    for layer in (1, 2, 3):
        one, two = records(first, "update")[layer], records(second, "update")[layer]
        np.testing.assert_array_equal(one["v_W_prev"], 0.0)
        np.testing.assert_allclose(one["v_W"], one["dW"])  # v starts at 0: the first step is SGD
        np.testing.assert_allclose(two["W"], one["W_new"])  # the second starts where it ended
        np.testing.assert_allclose(two["v_W_prev"], one["v_W"])
        np.testing.assert_allclose(two["v_W"], 0.9 * one["v_W"] + two["dW"])
        np.testing.assert_allclose(two["W_new"], two["W"] - 0.1 * two["v_W"])
        np.testing.assert_allclose(two["b_new"], two["b"] - 0.1 * two["v_b"])
    assert second[7].formula == "update_momentum" and second[7].numbers["rho"] == 0.9


def test_fused_outputs_simplify_to_a_minus_t() -> None:
    for setup in (PRESETS["xor"], replace(PRESETS["custom"], batch=4)):
        trace = run(setup)
        output = records(trace, "backward")[trace.n_layers]
        np.testing.assert_allclose(output["delta"], output["a_minus_t"], atol=1e-10)
    assert run(PRESETS["custom"])[3].formula == "backward_softmax"
    assert "fprime" not in records(run(PRESETS["custom"]), "backward")[2]


def test_the_loss_record() -> None:
    trace = run(replace(DEFAULT, batch=3))
    loss = trace[3]
    assert loss.phase == "loss" and loss.numbers["N"] == 3
    np.testing.assert_allclose(loss.numbers["C"], loss.matrices["losses"].mean())
    np.testing.assert_allclose(loss.matrices["grad_a"],
                               2 * (loss.matrices["a"] - loss.matrices["t"]) / 3)


@pytest.mark.parametrize(("change", "key"), [
    ({"loss": "bce", "output": "sigmoid"}, "regression_targets"),
    ({"loss": "ce", "output": "softmax"}, "regression_targets"),
    ({"output": "softmax"}, "unreachable"),
])
def test_impossible_setups_on_the_3442_rows(change: dict, key: str) -> None:
    found = problems(replace(DEFAULT, **change))
    assert found[0].key == key
    if found[0].level == "error":
        with pytest.raises(ValueError, match=key):
            run(replace(DEFAULT, **change))
    fixed = replace(replace(DEFAULT, **change), **found[0].fix)
    assert [p for p in problems(fixed) if p.level == "error"] == []


@pytest.mark.parametrize(("setup", "key"), [
    (replace(PRESETS["xor"], loss="ce", output="softmax"), "ce_one_output"),
    (replace(PRESETS["custom"], output="sigmoid"), "ce_needs_softmax"),
    (replace(PRESETS["custom"], loss="bce", output="identity"), "bce_needs_sigmoid"),
    (replace(PRESETS["custom"], sizes=(2, 3, 1), loss="mse", output="softmax"),
     "softmax_one_output"),
    (replace(PRESETS["custom"], sizes=(2, 7, 2)), "sizes"),
    (replace(PRESETS["custom"], sizes=(2, 3, 3, 3, 3, 2)), "sizes"),
    (replace(PRESETS["xor"], sizes=(2, 3, 1)), "preset_sizes"),
    (replace(DEFAULT, batch=4), "samples"),
])
def test_other_impossible_setups(setup: StepSetup, key: str) -> None:
    assert key in [p.key for p in problems(setup) if p.level == "error"]


def test_sigmoid_output_scales_the_3442_targets() -> None:
    data = step_data(replace(DEFAULT, output="sigmoid"))
    np.testing.assert_allclose(data.T, data.T_raw / 10)
    assert problems(replace(DEFAULT, output="sigmoid")) == []
    standard = step_data(DEFAULT)
    np.testing.assert_allclose(standard.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_array_equal(step_data(replace(DEFAULT, standardize=False)).X,
                                  standard.X_raw)


def test_trace_step_refuses_other_model_shapes() -> None:
    from nncore.model import mlp
    from nncore.optimizers import SGD

    model = mlp([2, 3, 1], activation="sigmoid", head="linear")  # ends with a Linear layer
    with pytest.raises(ValueError, match="in turn"):
        trace_step(model, build_loss(DEFAULT), np.zeros((1, 2)), np.zeros((1, 1)),
                   SGD(model.params()))


@settings(max_examples=15, deadline=None)
@given(hidden=st.lists(st.integers(1, 6), min_size=1, max_size=3),
       n_in=st.integers(1, 6), n_out=st.integers(2, 6),
       activation=st.sampled_from(["sigmoid", "tanh"]), batch=st.integers(1, 4),
       seed=st.integers(0, 50))
def test_any_custom_network_checks_out(hidden: list[int], n_in: int, n_out: int,
                                       activation: str, batch: int, seed: int) -> None:
    setup = replace(PRESETS["custom"], sizes=(n_in, *hidden, n_out), hidden=activation,
                    batch=batch, seed=seed)
    assert problems(setup) == []
    trace = run(setup)
    assert len(trace) == 3 * (len(hidden) + 1) + 1
    assert all(agrees(check).all() for check in trace.checks.values())


def test_tiny_gradients_agree_to_round_off() -> None:
    setup = replace(PRESETS["custom"], sizes=(1, 1, 1, 3, 2))  # gradients vanish towards x
    checks = run(setup).checks
    assert checks["X"].max_error > 1e-6  # the relative error of a 1e-6 gradient is noise
    assert agrees(checks["X"]).all() and all(agrees(c).all() for c in checks.values())


@pytest.mark.parametrize("optimizer", ["sgd", "momentum"])
def test_the_loss_after_the_update_is_the_next_steps_loss(optimizer: str) -> None:
    setup = replace(DEFAULT, batch=3, optimizer=optimizer)
    first, second = run(setup), run(setup, steps_done=1)
    assert first.loss_after == pytest.approx(second.loss, rel=1e-12)
    assert first.loss_after < first.loss
