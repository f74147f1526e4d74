"""The glossary page: both languages side by side, search, and the notation conventions."""

from tests.app.apptest import open_page

PAGE = "app_pages/reference/glossary.py"


def test_terms_in_both_languages() -> None:
    at = open_page(PAGE, "en")
    table = at.table[0].value
    row = table[table["Term"] == "backpropagation"]
    assert row["Tiếng Việt"].item() == "lan truyền ngược"
    assert len(table) >= 30


def test_search_filters_in_either_language() -> None:
    at = open_page(PAGE, "vi")
    at.text_input(key="glossary_search").set_value("learning rate").run()
    table = at.table[0].value
    assert list(table["Thuật ngữ"]) == ["tốc độ học (hệ số học)"]
    at.text_input(key="glossary_search").set_value("no such term").run()
    assert not at.table and "no such term" in at.info[0].value


def test_notation_shows_the_three_conventions() -> None:
    at = open_page(PAGE, "en")
    formulas = [latex.value for latex in at.latex]
    assert len(formulas) == 3
    assert "X W^{\\top}" in formulas[0]
