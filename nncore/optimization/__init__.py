"""Optimization on surfaces of two parameters (002 §1.2, 000 §4.6, 003 on the learning rate).

- :mod:`~nncore.optimization.surfaces`: the built-in loss surfaces f(w1, w2) with their
  analytic gradients (a ravine, Rosenbrock, Beale, a saddle, two minima);
- :mod:`~nncore.optimization.expression_surface`: "your own" surface, typed text read by the
  safe parser of :mod:`nncore.graph`, gradients from the graph's own backward pass;
- :mod:`~nncore.optimization.race`: optimizers of :mod:`nncore.optimizers` racing from one
  start, each driving one 2-element parameter, with a record of every update;
- :mod:`~nncore.optimization.sweep`: one optimizer at several learning rates, each run labelled
  from what it did (crawls, converges, oscillates, diverges; 002 figure 1.5).
"""
