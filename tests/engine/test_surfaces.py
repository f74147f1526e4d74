"""Loss surfaces, the optimizer race and the learning-rate sweep (nncore.optimization)."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.choices import OPTIMIZER_NAMES, make_optimizer
from nncore.errors import CodedError
from nncore.gradcheck import numerical_gradient, relative_error
from nncore.graph import ExpressionError, GateError
from nncore.layers import Parameter
from nncore.optimization.expression_surface import ExpressionSurface, SurfaceError
from nncore.optimization.race import DIVERGED, RUNNING, UNDEFINED, Race, RacerSpec
from nncore.optimization.surfaces import SURFACES, Window, make_surface
from nncore.optimization.sweep import (
    LABELS,
    RATE_GRID,
    classify_run,
    critical_lr,
    sweep,
    sweep_rates,
    turn_back_share,
)
from nncore.viz.update_notation import update_lines, vec

TOL = 1e-6
ROSENBROCK_TEXT = "(1 - w1)**2 + 100*(w2 - w1**2)**2"
HIMMELBLAU = "(w1**2 + w2 - 11)**2 + (w1 + w2**2 - 7)**2"


def _points(surface, n: int = 12, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    (a, b), (c, d) = surface.window.w1, surface.window.w2
    return np.column_stack([rng.uniform(a, b, n), rng.uniform(c, d, n)])


def _numerical(surface, point: np.ndarray) -> np.ndarray:
    w = np.array(point, dtype=np.float64)
    return numerical_gradient(lambda: surface.value(w), w, h=1e-6)


# --- the built-in surfaces ---------------------------------------------------------------------
@pytest.mark.parametrize("key", SURFACES)
def test_analytic_gradient_matches_the_numerical_one(key: str) -> None:
    surface = make_surface(key)
    _, grads = surface.evaluate(_points(surface))
    for point, grad in zip(_points(surface), grads, strict=True):
        assert grad.dtype == np.float64
        error = relative_error(grad, _numerical(surface, point), floor=1e-8)
        assert error.max() < TOL, (key, point, grad)


@pytest.mark.parametrize("key", SURFACES)
def test_minima_and_saddles_are_stationary_and_the_global_minimum_is_zero(key: str) -> None:
    surface = make_surface(key)
    assert surface.value(surface.minima[0]) == pytest.approx(0.0, abs=1e-12)
    for point in (*surface.minima, *surface.saddles):
        assert np.abs(surface.gradient(point)).max() < 1e-9
    values = surface.values_on(*surface.window.axes(41))
    assert values.min() >= -1e-12  # shifted so that a log scale works


def test_the_saddle_is_a_saddle_and_the_local_minimum_is_higher() -> None:
    saddle = make_surface("saddle")
    h = 1e-4
    along_w1 = saddle.value((h, 0.0)) - saddle.value((0.0, 0.0))
    along_w2 = saddle.value((0.0, h)) - saddle.value((0.0, 0.0))
    assert along_w1 > 0 > along_w2
    two = make_surface("two_minima")
    assert two.value(two.minima[1]) > two.value(two.minima[0]) + 0.3


def test_values_on_a_grid_are_rows_of_w2() -> None:
    surface = make_surface("rosenbrock")
    w1, w2 = np.array([0.0, 1.0, 2.0]), np.array([-1.0, 1.0])
    Z = surface.values_on(w1, w2)
    assert Z.shape == (2, 3)
    assert Z[1, 1] == surface.value((1.0, 1.0)) == 0.0
    assert Z[0, 2] == surface.value((2.0, -1.0))


def test_the_ravine_knows_its_critical_rate() -> None:
    ravine = make_surface("ravine")
    assert ravine.lambda_max == 10.0
    assert ravine.critical_lr() == pytest.approx(0.2)
    assert make_surface("beale").critical_lr() is None
    with pytest.raises(ValueError, match="unknown surface"):
        make_surface("nope")


# --- "your own" surface ------------------------------------------------------------------------
def test_a_typed_surface_gets_the_built_in_values_and_gradients_from_the_graph() -> None:
    built_in = make_surface("rosenbrock")
    typed = ExpressionSurface(ROSENBROCK_TEXT, built_in.window, (0.0, 0.0))
    points = _points(built_in, 20)
    f_typed, g_typed = typed.evaluate(points)  # one vectorized forward and backward pass
    f_built, g_built = built_in.evaluate(points)
    np.testing.assert_allclose(f_typed, f_built, rtol=1e-12)
    np.testing.assert_allclose(g_typed, g_built, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(typed.values_on(*built_in.window.axes(9)),
                               built_in.values_on(*built_in.window.axes(9)), rtol=1e-12)


def test_a_typed_gradient_matches_the_numerical_one() -> None:
    typed = ExpressionSurface(f"{HIMMELBLAU} + tanh(w1 * w2) + exp(0.1 * w1)",
                              Window((-5.0, 5.0), (-5.0, 5.0)), (0.0, 0.0))
    for point, grad in zip(_points(typed), typed.evaluate(_points(typed))[1], strict=True):
        assert relative_error(grad, _numerical(typed, point), floor=1e-8).max() < TOL


def test_a_surface_of_one_variable_or_none_has_zero_gradients() -> None:
    window = Window((-1.0, 1.0), (-1.0, 1.0))
    f, g = ExpressionSurface("square(w1)", window, (0.0, 0.0)).evaluate(np.array([[0.5, 7.0]]))
    assert f[0] == 0.25 and g[0].tolist() == [1.0, 0.0]
    f, g = ExpressionSurface("3", window, (0.0, 0.0)).evaluate(np.array([[0.5, 7.0], [1, 1]]))
    assert f.tolist() == [3.0, 3.0] and not g.any()


@pytest.mark.parametrize("text", ["w1 +", "__import__('os')", "w1.real", "[w1, w2]",
                                  "w1 if w2 else 0", "lambda: w1", "open(w1)", ""])
def test_garbage_gets_the_parsers_error(text: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        ExpressionSurface(text, Window((-1.0, 1.0), (-1.0, 1.0)), (0.0, 0.0))
    assert caught.value.code.startswith("expression.")


@pytest.mark.parametrize(("text", "code"), [("x + w1", "surface.unknown_name"),
                                            ("sum(w1)", "surface.mixing"),
                                            ("w1 + 2 * sum(w2 * w1)", "surface.mixing")])
def test_surfaces_refuse_other_names_and_mixing_gates(text: str, code: str) -> None:
    with pytest.raises(SurfaceError) as caught:
        ExpressionSurface(text, Window((-1.0, 1.0), (-1.0, 1.0)), (0.5, 0.5))
    assert caught.value.code == code


def test_undefined_points_are_nan_and_an_undefined_window_is_refused() -> None:
    surface = ExpressionSurface("log(w1) + w2", Window((-1.0, 1.0), (-1.0, 1.0)), (0.5, 0.0))
    f, g = surface.evaluate(np.array([[1.0, 2.0], [-1.0, 0.0], [2.0, 1.0]]))
    assert np.isnan(f[1]) and np.isnan(g[1]).all()
    assert f[0] == 2.0 and g[2].tolist() == [0.5, 1.0]
    with pytest.raises(GateError):
        surface.values_on(*surface.window.axes(5))
    with pytest.raises(CodedError):  # undefined at the start
        ExpressionSurface("log(w1)", Window((-1.0, 1.0), (-1.0, 1.0)), (-0.5, 0.0))


# --- the race ----------------------------------------------------------------------------------
def test_one_sgd_step_is_w_minus_alpha_g() -> None:
    ravine = make_surface("ravine")
    race = Race(ravine, (-9.0, 3.0), [RacerSpec("sgd", 0.1)])
    race.step()
    racer = race.racers[0]
    np.testing.assert_allclose(racer.path[1], np.array([-9.0, 3.0]) - 0.1 * np.array([-9.0, 30.0]))
    record = racer.last
    assert record.t == 1 and record.grad.tolist() == [-9.0, 30.0]
    np.testing.assert_allclose(record.delta, racer.path[1] - racer.path[0])
    assert racer.losses[1] == ravine.value(racer.path[1])


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_every_racer_is_the_registry_optimizer_driven_by_hand(name: str) -> None:
    surface = make_surface("beale")
    start, lr = (1.0, 1.5), 0.003
    race = Race(surface, start, [RacerSpec(name, lr)])
    race.step(25)
    p = Parameter("w", start)
    opt = make_optimizer(name, [p], lr)
    expected = [p.value.copy()]
    for _ in range(25):
        p.grad[...] = surface.gradient(p.value)
        opt.step()
        expected.append(p.value.copy())
    np.testing.assert_allclose(np.array(race.racers[0].path), np.array(expected), rtol=1e-12)
    assert type(race.racers[0].optimizer) is type(opt)


def test_racers_start_together_and_stop_alone() -> None:
    ravine = make_surface("ravine")
    race = Race(ravine, ravine.start, [RacerSpec("sgd", 0.1), RacerSpec("sgd", 0.5)])
    race.step(300)
    calm, wild = race.racers
    assert calm.status == RUNNING and calm.steps == 300
    assert wild.status == DIVERGED and wild.steps < 300
    assert len(wild.losses) == wild.steps  # the point that ran away has no loss
    assert calm.path[0].tolist() == wild.path[0].tolist() == list(ravine.start)


def test_a_racer_stops_where_a_typed_surface_is_undefined() -> None:
    surface = ExpressionSurface("log(w1) + w2 * w2", Window((-2.0, 2.0), (-2.0, 2.0)), (0.5, 1.0))
    race = Race(surface, (0.5, 1.0), [RacerSpec("sgd", 1.0)])  # the first step jumps to w1 < 0
    race.step(5)
    assert race.racers[0].status == UNDEFINED and race.t == 1 and not race.running


def test_the_update_is_written_with_the_recorded_numbers() -> None:
    ravine = make_surface("ravine")
    race = Race(ravine, ravine.start, [RacerSpec(n, 0.05) for n in OPTIMIZER_NAMES])
    race.step(3)
    for racer in race.racers:
        lines = update_lines(racer.spec.name, racer.last, racer.optimizer.hyperparams())
        assert lines and all(rule and numbers for rule, numbers in lines)
        assert lines[-1][0].startswith(r"w \leftarrow")
        assert lines[-1][1].endswith(vec(racer.path[-1]))
        assert lines[-1][1].startswith(vec(racer.path[-2])) or racer.spec.name == "adamw"


# --- the sweep ---------------------------------------------------------------------------------
def test_turn_back_share_of_a_zigzag_and_of_a_line() -> None:
    gentle = np.array([[k, 0.1 * (-1) ** k] for k in range(10)], dtype=float)
    sharp = np.array([[k, (-1) ** k] for k in range(10)], dtype=float)
    line = np.array([[k, 2 * k] for k in range(10)], dtype=float)
    assert turn_back_share(gentle) == 0.0  # each step turns by less than 90°
    assert turn_back_share(sharp) == 1.0  # each step turns back by more than 90°
    assert turn_back_share(line) == 0.0
    assert turn_back_share(line[:2]) == 0.0


def test_the_sweep_reproduces_figure_1_5_on_the_ravine() -> None:
    ravine = make_surface("ravine")
    rates = sweep_rates(ravine, "sgd")
    assert rates == (0.01, 0.1, 0.178, 0.224) and all(r in RATE_GRID for r in rates)
    runs = sweep(ravine, ravine.start, "sgd", rates, steps=100)
    assert [run.label for run in runs] == ["crawls", "converges", "oscillates", "diverges"]
    crawl, converge, oscillate, diverge = runs
    assert crawl.converged_at is None and crawl.losses[-1] < crawl.losses[0]
    assert converge.converged_at is not None and converge.turn_back < 0.5
    assert oscillate.turn_back > 0.9
    assert diverge.status == DIVERGED
    assert set(LABELS) == {run.label for run in runs}


def test_labels_come_from_behaviour_not_from_the_rate() -> None:
    """The same rate is labelled differently on different surfaces: what happened counts."""
    labels = {key: sweep(make_surface(key), make_surface(key).start, "sgd", [0.1], steps=100)[0]
              .label for key in ("ravine", "rosenbrock", "saddle")}
    assert labels == {"ravine": "converges", "rosenbrock": "diverges", "saddle": "converges"}


def test_a_run_that_ends_higher_than_it_started_diverges() -> None:
    ravine = make_surface("ravine")
    race = Race(ravine, ravine.start, [RacerSpec("sgd", 0.201)])  # |1 − αλ| just above 1
    race.step(100)
    assert race.racers[0].status == RUNNING
    assert classify_run(race.racers[0])[0] == "diverges"


@pytest.mark.parametrize(("name", "settings"), [("sgd", {}), ("momentum", {"rho": 0.9}),
                                                ("nesterov", {"rho": 0.9}),
                                                ("momentum", {"rho": 0.5})])
def test_the_critical_rate_separates_converging_from_diverging(name: str, settings: dict) -> None:
    ravine = make_surface("ravine")
    critical = critical_lr(ravine, name, settings)
    below, above = sweep(ravine, ravine.start, name, [0.97 * critical, 1.03 * critical],
                         settings, steps=400)
    assert below.label in ("converges", "oscillates") and below.converged_at is not None
    assert above.label == "diverges"


def test_no_critical_rate_for_adaptive_optimizers_or_other_surfaces() -> None:
    assert critical_lr(make_surface("ravine"), "adam") is None
    assert critical_lr(make_surface("rosenbrock"), "sgd") is None
    assert sweep_rates(make_surface("rosenbrock"), "adam", base=0.01) == (0.001, 0.01, 0.1, 1.0)
