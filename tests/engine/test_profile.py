"""Activation profiles: f′ read off the backward pass equals the calculus derivative."""

import numpy as np
import pytest

from nncore.layers.profile import activation_profile

Z = np.linspace(-4, 4, 161) + 0.0125  # avoid the kinks at 0


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish"])
def test_derivative_matches_centred_differences(name: str) -> None:
    profile = activation_profile(name, Z)
    h = 1e-6
    above, below = activation_profile(name, Z + h), activation_profile(name, Z - h)
    numeric = (above.value - below.value) / (2 * h)
    assert np.allclose(profile.derivative, numeric, rtol=1e-6, atol=1e-8)


def test_sigmoid_bound_is_a_quarter_per_layer() -> None:
    profile = activation_profile("sigmoid", np.linspace(-6, 6, 1201))
    assert profile.max_derivative == pytest.approx(0.25)
    assert profile.gradient_bound(10) == pytest.approx(0.25**10)


def test_sign_has_no_derivative() -> None:
    profile = activation_profile("sign", Z)
    assert profile.derivative is None and profile.gradient_bound(3) is None
    assert set(profile.value) == {-1.0, 1.0}
