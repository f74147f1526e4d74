"""Deep networks (002, 003): the presets show vanishing, healthy and exploding gradients."""

import numpy as np
import pytest

from nncore.data.plane import DataSettings, make_plane_data
from nncore.deep_networks import PRESETS, depth_bound, max_derivative, network_settings
from nncore.experiment import Experiment, TrainingSettings
from nncore.layer_stats import backward_stats

DATA = make_plane_data(DataSettings(dataset="spiral", classes=2, points=100))


def _experiment(name: str) -> Experiment:
    preset = PRESETS[name]
    network = network_settings(preset.depth, preset.width, preset.activation, preset.init)
    return Experiment(DATA, network, TrainingSettings(optimizer="sgd", lr=preset.lr,
                                                      batch_size=None))


def _stats(experiment: Experiment):
    return backward_stats(experiment.model, DATA.X_train, DATA.y_train)


def test_deep_sigmoid_with_small_weights_barely_learns() -> None:
    experiment = _experiment("sigmoid_small")
    norms = _stats(experiment).grad_norms()
    assert len(norms) == 9
    assert norms[0] < 1e-3 * norms[-1]  # the claim; measured ≈ 2e-15
    experiment.train_epochs(100)
    assert abs(experiment.history.train_loss[-1] - np.log(2)) < 0.02


def test_deep_relu_with_he_keeps_its_gradients_and_learns() -> None:
    experiment = _experiment("relu_he")
    norms = _stats(experiment).grad_norms()
    assert 1e-2 < norms[0] / norms[-1] < 1e2
    experiment.train_epochs(100)
    assert experiment.history.train_loss[-1] < 0.3


def test_too_large_initialisation_explodes() -> None:
    stats = _stats(_experiment("relu_large"))
    stds = [layer.std for layer in stats.layers[:-1]]
    assert stds[-1] > 100 * stds[0]  # ≈ 2.8× per layer over 8 layers
    assert stats.loss > 10 * np.log(2)


@pytest.mark.parametrize(("activation", "m"), [("sigmoid", 0.25), ("tanh", 1.0), ("relu", 1.0)])
def test_depth_bound_is_max_derivative_to_the_remaining_depth(activation: str, m: float) -> None:
    assert max_derivative(activation) == pytest.approx(m, rel=1e-6)
    np.testing.assert_allclose(depth_bound(activation, 4), [m**3, m**2, m, 1.0], rtol=1e-6)


def test_network_settings_clamp_depth_and_width() -> None:
    assert network_settings(99, 1000, "relu", "he").hidden == (64,) * 12
    assert network_settings(0, 0, "relu", "large").scale == 1.0
