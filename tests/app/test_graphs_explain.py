"""The explanation tables cover every gate of the engine, in every language."""

import pytest

from nncore.graph import OPS
from ui.graphs.trace_text import TEMPLATE_KEYS
from ui.i18n import LANGUAGES, load_table


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_gate_has_a_name_and_a_hint(lang: str) -> None:
    table = load_table(lang)
    assert [op for op in OPS if f"explain.gate_name.{op}" not in table] == []
    assert [op for op in OPS if f"explain.hint.{op}" not in table] == []
    assert {"explain.gate_name.input", "explain.gate_name.const"} <= table.keys()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_engines_templates_are_all_translated(lang: str) -> None:
    table = load_table(lang)
    assert [key for key in TEMPLATE_KEYS if f"explain.{key}" not in table] == []


def test_vietnamese_uses_the_course_terms() -> None:
    table = load_table("vi")
    assert table["explain.gate_name.add"] == "cổng cộng"
    assert table["explain.gate_name.mul"] == "cổng nhân"
    ours = ("explain.", "graphs.", "chain.", "sigmoid.", "vectorized.", "page.chain_rule.",
            "page.sigmoid_gate.", "page.vectorized.")
    text = " ".join(v for k, v in table.items() if k.startswith(ours)).lower()
    for term in ("lan truyền ngược", "lan truyền xuôi", "đạo hàm", "gradient", "cổng",
                 "đồ thị tính toán", "quy tắc chuỗi", "ma trận jacobi"):
        assert term in text, term
