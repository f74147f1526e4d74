"""The translation tables: same keys in every language, same placeholders, no empty text."""

import string

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
