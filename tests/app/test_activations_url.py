"""The activations page from a link: ``show=``, ``low=``/``high=``, ``alpha=`` and ``depth=``
set the widgets; unusable values fall back with a notice; ``hide=`` removes the controls and
their values stay; the lesson-link panel lists them; moving a widget writes the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest import APP, figures

PAGE = "app_pages/reference/activations.py"
CONTROLS = ("show", "range", "alpha", "depth")


def open_link(query: dict[str, str], lang: str = "en") -> AppTest:
    """A new session opened on the page by a link, with the share and lesson-link panels
    open (they build their content only while open)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"lang": lang, **query})
    at.session_state["share_open"] = at.session_state["lesson_open"] = True
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> dict[str, object]:
    return {w.key: w.value for kind in ("slider", "multiselect") for w in at.get(kind)}


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "could not be used" in w.value
            or "không dùng được" in w.value]


def test_the_query_sets_every_widget_and_the_figures() -> None:
    query = {"show": "relu,gelu", "low": "-3", "high": "4", "alpha": "0.3", "depth": "20"}
    at = open_link(query)
    assert shown(at) == {"act_choice": ["relu", "gelu"], "act_range": (-3.0, 4.0),
                         "act_alpha": pytest.approx(0.3), "act_depth": 20}
    assert not notices(at)
    f = figures(at)[0]["data"]
    assert [trace["name"] for trace in f] == ["ReLU", "GELU"]
    assert (f[0]["x"][0], f[0]["x"][-1]) == (-3.0, 4.0)
    assert at.table[0].value.columns[-1] == "(max f′)^20"
    link = parse_qs(urlsplit(at.code[0].value).query)  # the share panel: the same view
    assert {k: v[0] for k, v in link.items() if k in query} == query


def test_defaults_leave_the_url_clean() -> None:
    at = open_link({})
    assert dict(at.query_params) == {"lang": "en"}
    assert shown(at)["act_choice"] == ["sigmoid", "tanh", "relu"]


def test_garbage_and_out_of_range_values_fall_back_with_one_notice() -> None:
    at = open_link({"show": "softplus", "alpha": "9", "depth": "x", "low": "-1e308"})
    assert shown(at) == {"act_choice": ["sigmoid", "tanh", "relu"], "act_range": (-10.0, 6.0),
                         "act_alpha": 1.0, "act_depth": 10}
    (notice,) = notices(at)
    for given in ("`show=softplus`", "`alpha=9`", "`depth=x`", "`low=-1e308`"):
        assert given in notice
    assert "`sigmoid,tanh,relu` is used" in notice and "`1` is used" in notice


def test_unknown_and_repeated_names_are_dropped_with_a_notice() -> None:
    at = open_link({"show": "relu, tanh,relu,<b>"})
    assert shown(at)["act_choice"] == ["relu", "tanh"]
    (notice,) = notices(at)
    assert "`relu,tanh` is used" in notice
    assert at.query_params["show"] == "relu,tanh"


def test_a_range_given_backwards_is_turned_around() -> None:
    at = open_link({"low": "5", "high": "-2"})
    assert shown(at)["act_range"] == (-2.0, 5.0)
    assert any("`low=5&high=-2` runs backwards, `low=-2&high=5` is used" in n
               for n in notices(at))
    assert (at.query_params["low"], at.query_params["high"]) == ("-2", "5")


def test_an_empty_list_is_a_choice_of_nothing() -> None:
    at = open_link({"show": ""})
    assert shown(at)["act_choice"] == [] and at.info and not notices(at)


def test_the_notice_is_in_the_pages_language() -> None:
    at = open_link({"depth": "999"}, lang="vi")
    (notice,) = notices(at)
    assert "`depth=999` nằm ngoài phạm vi" in notice and "`50`" in notice


def test_hide_removes_the_controls_and_the_links_values_stay() -> None:
    at = open_link({"show": "elu", "alpha": "0.5", "depth": "3", "low": "-2",
                    "hide": ",".join(CONTROLS)})
    assert shown(at) == {}
    assert [trace["name"] for trace in figures(at)[0]["data"]] == ["ELU"]
    assert at.session_state["act_alpha"] == 0.5 and at.session_state["act_depth"] == 3
    assert figures(at)[0]["data"][0]["x"][0] == -2.0
    assert set(at.query_params["hide"].split(",")) == set(CONTROLS)
    for control in CONTROLS:  # the lesson-link panel knows which are hidden
        assert at.checkbox(key=f"lesson_hide_{control}").value is True


def test_hide_one_control_keeps_the_others() -> None:
    at = open_link({"hide": "range", "low": "-1"})
    assert set(shown(at)) == {"act_choice", "act_alpha", "act_depth"}
    assert at.checkbox(key="lesson_hide_range").value is True
    assert at.checkbox(key="lesson_hide_show").value is False


def test_the_lesson_panel_lists_every_control_by_its_label() -> None:
    at = open_link({})
    labels = {c.key.removeprefix("lesson_hide_"): c.label for c in at.checkbox
              if c.key and c.key.startswith("lesson_hide_")}
    assert labels == {"show": "Activations to compare", "range": "Range of z",
                      "alpha": "α (Leaky ReLU slope, ELU scale)", "depth": "Number of layers L"}


def test_moving_the_widgets_writes_the_url_and_back() -> None:
    at = open_link({})
    at.multiselect(key="act_choice").set_value(["gelu", "sign"])
    at.slider(key="act_range").set_value((-2.5, 8.0))
    at.slider(key="act_depth").set_value(30).run()
    assert {k: at.query_params[k] for k in ("show", "low", "high", "depth")} == {
        "show": "gelu,sign", "low": "-2.5", "high": "8", "depth": "30"}
    at.multiselect(key="act_choice").set_value(["sigmoid", "tanh", "relu"]).run()
    assert "show" not in at.query_params  # back at the default: out of the link
