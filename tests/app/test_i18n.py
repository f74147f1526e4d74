"""The translation tables: same keys in every language, same placeholders, no empty text."""

import re
import string
from functools import cache
from pathlib import Path

import pytest

from tests.app.apptest import raw_keys
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, load_table, translate

OTHERS = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", OTHERS)
def test_every_key_exists_in_every_language(lang: str) -> None:
    reference, other = load_table(DEFAULT_LANGUAGE), load_table(lang)
    assert sorted(reference.keys() - other.keys()) == [], f"missing in {lang}"
    assert sorted(other.keys() - reference.keys()) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", OTHERS)
def test_placeholders_match(lang: str) -> None:
    reference, other = load_table(DEFAULT_LANGUAGE), load_table(lang)
    mismatched = [k for k in reference if placeholders(reference[k]) != placeholders(other[k])]
    assert mismatched == []


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_empty_text(lang: str) -> None:
    assert [key for key, text in load_table(lang).items() if not text.strip()] == []


def test_strict_mode_raises_on_a_missing_key() -> None:
    with pytest.raises(KeyError):
        translate("en", "no.such.key")


def test_raw_key_detector_finds_keys() -> None:
    assert raw_keys("Step player.next of 3") == ["player.next"]
    assert raw_keys("f = 0.73, e.g. a value") == []


def test_vietnamese_uses_the_course_terms() -> None:
    text = " ".join(load_table("vi").values()).lower()
    for term in ("lan truyền ngược", "hàm kích hoạt", "tốc độ học", "trọng số", "lớp ẩn"):
        assert term in text


# --- every key is used --------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
CODE = ("app.py", "app_pages", "ui", "nncore")
LITERAL = re.compile(r"""["']([A-Za-z_0-9]+(?:\.[A-Za-z_0-9]+)+)["']""")
# Keys built at run time, by prefix: ``t(f"page.{slug}.title")``, or a table of choice names
# passed as ``names="playground.datasets"`` (ui.url_state.UrlState.select). Each prefix must
# still be built in the code: an f-string starting with it, or the table's name as a literal,
# or, for the few built in two steps, the fragment of :data:`BUILT_BY`.
DYNAMIC = (
    "activations.name.", "activations.note.", "approximation.mode_", "approximation.targets.",
    "chain.name.", "chain.pattern.", "classroom.url_", "deep.inits.",
    "deep.preset.", "deep.preset_help.", "explain.", "explain.gate_name.", "explain.hint.",
    "glossary.notation.", "glossary.term.", "graphs.phase.", "lessons.",
    "live_training.diverging_", "mlp_step.activation_name.", "mlp_step.data.",
    "mlp_step.explain.", "mlp_step.field.", "mlp_step.phase.", "mlp_step.problem.",
    "nav.section.", "optimizer_race.critical.", "optimizer_race.label.",
    "optimizer_race.setting.", "optimizer_race.status_", "optimizer_race.surface.", "page.",
    "player.", "playground.datasets.", "playground.edge_kinds.", "playground.heads.",
    "playground.inits.", "playground.penalties.", "playground.rho_", "playground.speeds.",
    "regression.datasets.", "regression.losses.", "regression.sets.", "regression.tasks.",
    "sigmoid.name.", "softmax.class.", "softmax.label_kinds.", "softmax.reduction_effect.",
    "softmax.reductions.", "training.activations.", "training.confusion_", "training.losses.",
    "training.optimizers.", "training.quantity.", "training.report_", "mlp_step.network_name.",
    "mlp_step.loss_name.", "mlp_step.optimizer_name.",
)
BUILT_BY = {  # built in two steps: t(f"mlp_step.{CHOICE_NAMES[name]}.{o}")
    "mlp_step.network_name.": 'f"mlp_step.{CHOICE_NAMES[',
    "mlp_step.loss_name.": 'f"mlp_step.{CHOICE_NAMES[',
    "mlp_step.optimizer_name.": 'f"mlp_step.{CHOICE_NAMES[',
}
ERRORS = "errors."  # errors.<code>: used when the engine raises the code (a literal there)


@cache
def code_text() -> str:
    files = [ROOT / "app.py", *(path for folder in CODE[1:]
                                for path in sorted((ROOT / folder).rglob("*.py")))]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def built(prefix: str) -> bool:
    """Whether the code builds keys starting with ``prefix`` (see :data:`DYNAMIC`)."""
    code, fragment = code_text(), BUILT_BY.get(prefix)
    if fragment is not None:
        return fragment in code
    head = re.escape(prefix)
    return bool(re.search(rf"""f["']{head}\{{""", code)) or (
        prefix.endswith(".") and bool(re.search(rf"""["']{re.escape(prefix[:-1])}["']""", code)))


def test_every_key_is_used_by_the_code() -> None:
    literals = set(LITERAL.findall(code_text()))
    unused = [key for key in load_table(DEFAULT_LANGUAGE)
              if key not in literals
              and not (key.startswith(ERRORS) and key[len(ERRORS):] in literals)
              and not key.startswith(tuple(DYNAMIC))]
    assert unused == [], "keys no code uses: delete them from every language"


def test_every_dynamic_prefix_is_still_built_and_has_keys() -> None:
    keys = load_table(DEFAULT_LANGUAGE)
    assert [p for p in DYNAMIC if not built(p)] == [], "no longer built: drop from DYNAMIC"
    assert [p for p in DYNAMIC if not any(k.startswith(p) for k in keys)] == []


def test_the_key_check_finds_an_unused_key() -> None:
    literals = set(LITERAL.findall(code_text()))
    assert "playground.share_title" not in literals and "home.classroom_body" not in literals
    assert "common.follows" in literals and built("page.") and not built("no_such.table.")
