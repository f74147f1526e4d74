"""Evaluation metrics (000 §2): confusion matrix, accuracy, precision, recall, F1, MSE, MAE, R².

Classification metrics take integer labels. Where a ratio is 0/0 (a class never predicted,
or absent from the truth) it is defined as 0, without warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def confusion_matrix(
    y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None
) -> np.ndarray:
    """C[i, j] = number of samples of true class i predicted as class j."""
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if n_classes is None:
        n_classes = int(max(y_true.max(initial=-1), y_pred.max(initial=-1))) + 1
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The fraction of correct predictions, (Σ_i C[i, i]) / N. One-hot or soft targets
    (N, K) count their argmax as the true class."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim == 2 and y_pred.ndim == 1 and y_true.shape[1] > 1:
        y_true = y_true.argmax(axis=1)
    y_true, y_pred = y_true.ravel(), y_pred.ravel()
    return float(np.mean(y_true == y_pred)) if y_true.size else 0.0


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = num.astype(np.float64), den.astype(np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


@dataclass
class ClassificationReport:
    """Per-class precision/recall/F1 and support, with their macro averages."""

    confusion: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray
    accuracy: float

    @property
    def macro_precision(self) -> float:
        return float(self.precision.mean())

    @property
    def macro_recall(self) -> float:
        return float(self.recall.mean())

    @property
    def macro_f1(self) -> float:
        return float(self.f1.mean())


def classification_report(
    y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None
) -> ClassificationReport:
    """Precision_c = TP/(TP+FP), recall_c = TP/(TP+FN), F1_c = 2PR/(P+R), per class c."""
    C = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(C)
    precision = _ratio(tp, C.sum(axis=0))
    recall = _ratio(tp, C.sum(axis=1))
    f1 = _ratio(2.0 * precision * recall, precision + recall)
    total = C.sum()
    acc = float(tp.sum() / total) if total else 0.0
    return ClassificationReport(C, precision, recall, f1, C.sum(axis=1), acc)


def _report_metric(field: str, name: str) -> Callable[..., np.ndarray | float]:
    """A metric function that reads one per-class field of the classification report."""

    def metric(
        y_true: np.ndarray,
        y_pred: np.ndarray,
        average: str | None = "macro",
        n_classes: int | None = None,
    ) -> np.ndarray | float:
        values = getattr(classification_report(y_true, y_pred, n_classes), field)
        return _averaged(values, average)

    metric.__name__ = metric.__qualname__ = name
    metric.__doc__ = f"Per-class {field} (``average=None``) or its macro average (default)."
    return metric


def _averaged(values: np.ndarray, average: str | None) -> np.ndarray | float:
    if average is None:
        return values
    if average != "macro":
        raise ValueError("average must be None or 'macro'")
    return float(values.mean())


precision = _report_metric("precision", "precision")
recall = _report_metric("recall", "recall")
f1_score = _report_metric("f1", "f1_score")


def _residuals(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64).reshape(y_true.shape)
    return y_pred - y_true


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """(1/N) Σ_n ‖ŷ_n − y_n‖², the same definition as the MSE loss (mean over samples)."""
    r = _residuals(y_true, y_pred)
    return float(np.sum(r * r) / len(r)) if len(r) else 0.0


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """(1/N) Σ_n ‖ŷ_n − y_n‖₁, the same definition as the MAE loss (mean over samples)."""
    r = _residuals(y_true, y_pred)
    return float(np.sum(np.abs(r)) / len(r)) if len(r) else 0.0


def r2(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The coefficient of determination R² = 1 − SS_res / SS_tot, SS_res = Σ_n ‖ŷ_n − y_n‖²,
    SS_tot = Σ_n ‖y_n − ȳ‖² (= 1 − MSE / Var(y)): 1 is a perfect fit, 0 is no better than
    predicting the mean ȳ, below 0 is worse. Constant targets (SS_tot = 0) give 1 for a
    perfect fit and 0 otherwise; an empty set gives 0."""
    r = _residuals(y_true, y_pred)
    if not len(r):
        return 0.0
    y_true = np.asarray(y_true, dtype=np.float64)
    ss_res, ss_tot = float(np.sum(r * r)), float(np.sum((y_true - y_true.mean(axis=0)) ** 2))
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1.0 - ss_res / ss_tot


@dataclass(frozen=True)
class RegressionReport:
    """MSE, MAE and R² of one set of ``n`` predictions."""

    mse: float
    mae: float
    r2: float
    n: int


def regression_report(y_true: np.ndarray, y_pred: np.ndarray) -> RegressionReport:
    """:func:`mse`, :func:`mae` and :func:`r2` of the predictions ``y_pred``."""
    return RegressionReport(mse(y_true, y_pred), mae(y_true, y_pred), r2(y_true, y_pred),
                            len(np.asarray(y_true)))


METRICS = {"accuracy": accuracy, "mse": mse, "mae": mae, "r2": r2, "f1": f1_score}
