"""Figure builders: pure functions from engine objects to plotly figures.

The only part of ``nncore`` that imports plotly. Nothing here computes maths the engine does not
already give; a builder only arranges numbers (and the labels the page passes in, already
translated) into a figure.
"""
