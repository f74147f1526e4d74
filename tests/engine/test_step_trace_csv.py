"""An MLP's traced training step as CSV: it reads back with the csv module, has one row per
scalar entry of each stage, and its numbers are the trace's (gradients checked numerically)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import numpy as np
import pytest

from nncore.export import step_trace_to_csv
from nncore.export.tables import TRACE_HEADER
from nncore.mlp_step import PRESETS, StepTrace, agrees, run

XOR = PRESETS["xor"]  # 004's 2-2-1 sigmoid network, one sample, BCE, SGD with α = 1
BATCH = replace(PRESETS["custom"], batch=2, optimizer="momentum")  # 2-3-2 softmax, N = 2
DEEP = replace(PRESETS["3442"], batch=3)  # 001's 3-4-4-2, identity output, MSE, N = 3


def rows(trace: StepTrace) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(step_trace_to_csv(trace))))


def entries(trace: StepTrace, phase: str, node: str) -> dict[tuple[int, ...], dict[str, str]]:
    """The rows of ``phase`` about the matrix ``node`` (``W1``), by index."""
    found = {}
    for row in rows(trace):
        name, _, index = row["node"].partition("[")
        if row["phase"] == phase and name == node:
            found[tuple(int(i) for i in index.rstrip("]").split(","))] = row
    return found


def as_matrix(found: dict[tuple[int, ...], dict[str, str]], column: str) -> np.ndarray:
    shape = tuple(max(index[d] for index in found) + 1 for d in range(2))
    matrix = np.full(shape, np.nan)
    for index, row in found.items():
        matrix[index] = float(row[column])
    return matrix


def test_the_csv_reads_back_with_the_trace_header() -> None:
    text = step_trace_to_csv(run(XOR))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(TRACE_HEADER) == ["step", "phase", "node", "value", "gradient",
                                              "rule"]
    assert all(len(row) == len(TRACE_HEADER) for row in table)
    assert all(float(row[3]) == float(row[3]) for row in table[1:])  # every value a number


def test_a_2_2_1_network_on_one_sample_has_one_row_per_entry_of_each_stage() -> None:
    trace = run(XOR)
    counted: dict[str, int] = {}
    for row in rows(trace):
        counted[row["step"]] = counted.get(row["step"], 0) + 1
    # forward 1: a⁽⁰⁾ (2), z⁽¹⁾ (2), a⁽¹⁾ (2); forward 2: z⁽²⁾, a⁽²⁾; loss: t, ℓ, C, a⁽²⁾;
    # backward 2: z⁽²⁾, W⁽²⁾ (2), b⁽²⁾, a⁽¹⁾ (2); backward 1: z⁽¹⁾ (2), W⁽¹⁾ (4), b⁽¹⁾ (2);
    # update 1: W⁽¹⁾ (4), b⁽¹⁾ (2); update 2: W⁽²⁾ (2), b⁽²⁾
    assert counted == {"1": 6, "2": 2, "3": 4, "4": 6, "5": 8, "6": 6, "7": 3}
    assert len(counted) == len(trace)  # one step number per position of the player
    phases = [next(r["phase"] for r in rows(trace) if r["step"] == str(k + 1))
              for k in range(len(trace))]
    assert phases == [record.phase for record in trace.steps]


@pytest.mark.parametrize("setup", [XOR, BATCH, DEEP, PRESETS["3442"]],
                         ids=["xor", "softmax_batch", "3442_batch", "3442"])
def test_the_gradients_are_the_traces_and_agree_with_the_numerical_ones(setup) -> None:
    trace = run(setup)
    for layer in range(1, trace.n_layers + 1):
        dW = as_matrix(entries(trace, "backward", f"W{layer}"), "gradient")
        db = as_matrix(entries(trace, "backward", f"b{layer}"), "gradient")
        np.testing.assert_array_equal(dW, trace.grads[layer - 1])  # repr: exact
        np.testing.assert_array_equal(db, trace.bias_grads[layer - 1])
        assert agrees(trace.checks[f"W{layer}"]).all()  # backprop = numerical, 1e-6
        np.testing.assert_allclose(dW, trace.checks[f"W{layer}"].numeric, rtol=1e-6,
                                   atol=1e-9)
        new = as_matrix(entries(trace, "update", f"W{layer}"), "value")
        np.testing.assert_array_equal(new, trace.new_weights[layer - 1])
    backward = {r.layer: r for r in trace.steps if r.phase == "backward"}
    z = "Z" if trace.batch else "z"
    for layer, record in backward.items():  # ∂C/∂z⁽ˡ⁾ = δ⁽ˡ⁾
        delta = as_matrix(entries(trace, "backward", f"{z}{layer}"), "gradient")
        np.testing.assert_array_equal(delta, record.matrices["delta"])


def test_the_loss_row_holds_c_and_its_gradient_is_one() -> None:
    trace = run(XOR)
    (loss,) = [r for r in rows(trace) if r["node"] == "C"]
    assert float(loss["value"]) == trace.loss and loss["gradient"] == "1.0"
    assert loss["rule"].startswith("C = ℓ, ℓ = −Σₖ [tₖ log aₖ")


def test_rules_follow_the_course_notation_for_one_sample_and_for_a_batch() -> None:
    one, batch = rows(run(XOR)), rows(run(BATCH))
    rule = {(r["phase"], r["node"]): r["rule"] for r in one}
    assert rule["forward", "z1[0,0]"] == "z⁽¹⁾ = W⁽¹⁾ a⁽⁰⁾ + b⁽¹⁾"
    assert rule["forward", "a1[0,0]"] == "a⁽¹⁾ = σ(z⁽¹⁾)"
    assert rule["backward", "z2[0,0]"] == "δ⁽²⁾ = ∇ₐC ⊙ f′(z⁽²⁾) = a⁽²⁾ − t"  # σ with BCE
    assert rule["backward", "z1[0,0]"] == "δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ f′(z⁽¹⁾)"
    assert rule["backward", "W1[0,1]"] == "∂C/∂W⁽¹⁾ = δ⁽¹⁾ a⁽⁰⁾ᵀ"
    assert rule["backward", "a1[1,0]"] == "∂C/∂a⁽¹⁾ = W⁽²⁾ᵀ δ⁽²⁾"
    assert rule["update", "W1[0,1]"] == "W⁽¹⁾ ← W⁽¹⁾ − α ∂C/∂W⁽¹⁾, α = 1"
    rule = {(r["phase"], r["node"]): r["rule"] for r in batch}
    assert rule["forward", "Z1[1,2]"] == "Z⁽¹⁾ = A⁽⁰⁾ W⁽¹⁾ᵀ + 1 b⁽¹⁾ᵀ"
    assert rule["backward", "W1[0,0]"] == "∂C/∂W⁽¹⁾ = Δ⁽¹⁾ᵀ A⁽⁰⁾"
    assert rule["backward", "Z2[0,0]"].endswith("= (1/N)(A⁽²⁾ − T)")
    assert rule["update", "v_W1[0,0]"] == "v(W⁽¹⁾) ← ρ v(W⁽¹⁾) + ∂C/∂W⁽¹⁾, ρ = 0.9"
    assert rule["update", "W1[0,0]"] == "W⁽¹⁾ ← W⁽¹⁾ − α v(W⁽¹⁾), α = 0.5"


def test_momentum_velocity_rows_hold_the_new_velocity() -> None:
    trace = run(BATCH)
    update = {r.layer: r for r in trace.steps if r.phase == "update"}
    for layer, record in update.items():
        velocity = as_matrix(entries(trace, "update", f"v_W{layer}"), "value")
        np.testing.assert_array_equal(velocity, record.matrices["v_W"])
