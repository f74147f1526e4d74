"""Parameter-update rules (000 §4.6, 002 §1.2): each ``step()`` moves every parameter against
its gradient.

Notation (002 §1.2): w is a parameter (a weight matrix or a bias; 000 calls it x),
g = ∇_w C its gradient on the current batch, α the learning rate (002 1.10, ``lr``),
t = 1, 2, … the number of the step being taken, ε a small constant against division by zero;
⊙, √·, |·| and max act elementwise.

=========  ==================================================================  ====================
SGD        w ← w − α g                                                         002 1.10, 000 (6)
Momentum   v ← ρ v + g;  w ← w − α v                                           002 1.14, 000 (7, 8)
Nesterov   v ← ρ v + g;  w ← w − α (g + ρ v)                                   002 1.15
Adagrad    G ← G + g ⊙ g;  w ← w − α g / (√G + ε)                              Duchi et al. 2011
RMSProp    s ← ρ s + (1 − ρ) g ⊙ g;  w ← w − α g / (√s + ε)                    Hinton 2012
Adam       m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g ⊙ g;                  Kingma & Ba 2015
           w ← w − α m̂ / (√v̂ + ε),  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
AdamW      w ← w − α λ w on the weights, then Adam's step                      Loshchilov & Hutter
AdaMax     m as Adam;  u ← max(β₂ u, |g| + ε);                                 Kingma & Ba §7.1
           w ← w − α m / ((1 − β₁ᵗ) u)
Nadam      Adam with a Nesterov look-ahead in m̂ (PyTorch's NAdam)              Dozat 2016
=========  ==================================================================  ====================

Where the course stops: 002 writes out SGD (1.10–1.13), Momentum (1.14) and Nesterov (1.15)
and only names Adagrad, RMSProp, Adam, AdamW, AdaMax and Nadam; 000 gives SGD and Momentum and
leaves Adagrad and Adam "to be updated". Those rules are the published ones, cited per class.

Every optimizer is ``Opt(params, lr=..., **settings)``; ``step()`` updates every parameter
from its ``grad`` and ``zero_grad()`` clears the gradients. ``lr`` may change between steps
(``opt.lr = 0.1``); the state is kept. For display: ``opt.state_of(param)`` copies a
parameter's buffers (v, m, s, …) and adds the bias-corrected moments (m̂, v̂),
``opt.coefficients()`` gives this step's scalar factors (1 − β₁ᵗ, …), ``opt.hyperparams()``
the settings and ``opt.t`` the steps taken (``opt.state[name]`` holds the live buffers).
Updates are in place, with one scratch array per parameter and no other allocation. Names,
setting ranges and ``make_optimizer`` are in :mod:`nncore.choices`.

Modules: ``base`` (:class:`Optimizer` and the in-place kernels), ``descent`` (SGD, Momentum,
Nesterov), ``adaptive`` (Adagrad, RMSProp), ``adam`` (Adam, AdamW, AdaMax, Nadam).
"""

from nncore.optimizers.adam import Adam, AdaMax, AdamW, Nadam
from nncore.optimizers.adaptive import Adagrad, RMSProp
from nncore.optimizers.base import Optimizer
from nncore.optimizers.descent import SGD, Momentum, Nesterov

__all__ = ["SGD", "AdaMax", "Adagrad", "Adam", "AdamW", "Momentum", "Nadam", "Nesterov",
           "Optimizer", "RMSProp"]
