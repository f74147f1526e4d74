"""Data: seeded 2-D data sets, the course's example rows, DataLoader, split, standardisation."""

from nncore.data.datasets import (
    DATASETS,
    LOGIC_GATES,
    blobs,
    circles,
    example_3442,
    linearly_separable,
    logic_gate,
    moons,
    spiral,
    xor,
    xor_cloud,
)
from nncore.data.loader import DataLoader
from nncore.data.split import Split, Standardizer, train_valid_test_split

__all__ = [
    "DATASETS",
    "LOGIC_GATES",
    "DataLoader",
    "Split",
    "Standardizer",
    "blobs",
    "circles",
    "example_3442",
    "linearly_separable",
    "logic_gate",
    "moons",
    "spiral",
    "train_valid_test_split",
    "xor",
    "xor_cloud",
]
