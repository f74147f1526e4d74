"""The classroom machinery on a small demo page: URL notices, hide=, the share and lesson-link
panels, several states on one page, presentation mode and embedding through the router."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from streamlit.testing.v1 import AppTest

from tests.app.apptest import open_app, open_page, open_panels
from ui.share import qr_png, qr_svg


def demo_page() -> None:
    import streamlit as st

    from ui.classroom import classroom_panel
    from ui.lesson_link import hidden
    from ui.url_state import Setting, UrlState

    state = UrlState("demo", (
        Setting("n", 8, 1, 64), Setting("act", "tanh", choices=("relu", "tanh")),
        Setting("W11", 0.1, -10, 10, group="W"), Setting("W12", 0.5, -10, 10, group="W")))
    state.restore()
    if not hidden(state, "n"):
        st.slider("n", 1, 64, key=state.key("n"))
    if not hidden(state, "act"):
        state.select("act", "act")
    if not hidden(state, "W11"):
        for name in ("W11", "W12"):
            state.number(name, name)
    if st.session_state.get("with_example", False):
        example = UrlState("ex", (Setting("k", 1, 0, 9),))
        example.restore()
        st.number_input("k", key=example.key("k"))
        example.save()
    state.save()
    st.markdown("values " + ", ".join(f"{k}={v}" for k, v in state.values().items()))
    classroom_panel(state)


def demo(query: dict[str, str] | None = None) -> AppTest:
    at = open_panels(AppTest.from_function(demo_page, default_timeout=30))
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def values(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("values "))


def link_query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


def test_garbage_and_out_of_range_values_are_named_in_one_notice() -> None:
    at = demo({"n": "500", "act": "<script>", "W11": "0.25"})
    assert at.slider(key="demo_n").value == 64
    assert at.selectbox(key="demo_act").value == "tanh"
    assert at.number_input(key="demo_W11").value == 0.25
    [notice] = at.warning
    assert "`n=500`" in notice.value and "`64`" in notice.value
    assert "`act=<script>`" in notice.value and "default `tanh`" in notice.value
    assert "W11" not in notice.value


def test_only_values_off_their_default_go_to_the_url() -> None:
    at = demo({"n": "8", "act": "relu"})
    assert "n" not in at.query_params and at.query_params["act"] == "relu"
    at.slider(key="demo_n").set_value(20).run()
    assert at.query_params["n"] == "20"


def test_hide_removes_the_named_controls_and_keeps_the_links_values() -> None:
    at = demo({"n": "20", "W12": "-1", "hide": "n,W"})
    assert not at.slider and not at.number_input
    assert at.selectbox(key="demo_act").value == "tanh"
    assert values(at) == "values n=20, act=tanh, W11=0.1, W12=-1.0"
    assert at.query_params["hide"] == "n,W" and at.query_params["n"] == "20"
    at.selectbox(key="demo_act").select("relu").run()  # later runs: still hidden, same values
    assert not at.slider and values(at).startswith("values n=20, act=relu")


def test_hide_all_leaves_no_control_and_no_panel() -> None:
    at = demo({"act": "relu", "hide": "all"})
    assert not at.slider and not at.selectbox and not at.expander
    assert "act=relu" in values(at)


def test_an_unknown_hidden_name_is_named() -> None:
    at = demo({"hide": "n,bogus"})
    assert any("`bogus`" in w.value for w in at.warning)
    assert at.query_params["hide"] == "n"


def test_share_panel_shows_the_views_link_and_its_qr_code() -> None:
    at = demo({"n": "12"})
    link = at.code[0].value
    assert link_query(link) == {"n": "12"}
    assert at.get("image") and len(at.get("download_button")) >= 2


def test_closed_panels_build_nothing_until_opened() -> None:
    at = AppTest.from_function(demo_page, default_timeout=30).run()
    assert not at.code and not at.get("download_button") and not at.checkbox
    assert [e.label for e in at.expander] == ["Share this view", "Make a lesson link"]
    open_panels(at).run()
    assert len(at.code) == 2 and at.checkbox(key="lesson_hide_n")


def test_lesson_link_panel_builds_hide_and_present() -> None:
    at = demo({"n": "12"})
    at.checkbox(key="lesson_hide_n").check()
    at.checkbox(key="lesson_hide_W").check()
    at.checkbox(key="lesson_present").check().run()
    lesson = link_query(at.code[1].value)
    assert lesson == {"n": "12", "hide": "n,W", "present": "1"}
    at.checkbox(key="lesson_all").check().run()
    assert link_query(at.code[1].value)["hide"] == "all"
    assert at.slider(key="demo_n")  # building the link hides nothing on this view


def test_a_state_used_later_starts_from_its_defaults_and_leaves_the_url_with_its_use() -> None:
    at = demo({"k": "7"})  # "k" belongs to a state this first run does not use
    at.session_state["with_example"] = True
    at.run()
    assert at.number_input(key="ex_k").value == 1
    at.number_input(key="ex_k").set_value(4).run()
    assert at.query_params["k"] == "4"
    at.session_state["with_example"] = False
    at.run()
    assert "k" not in at.query_params


def test_qr_code_files_hold_the_link() -> None:
    link = "http://127.0.0.1:8501/xor?lang=vi&hidden=4&hide=all&present=1"
    png, svg = qr_png(link), qr_svg(link)
    assert png.startswith(b"\x89PNG") and b"<svg" in svg
    size = (segno.make(link, error="m").symbol_size(scale=8, border=2))[0]
    assert int.from_bytes(png[16:20], "big") == size  # the PNG's width: the same symbol


def test_a_link_too_long_for_a_qr_code_is_still_shared() -> None:
    at = demo({"act": "relu", "zz": "x" * 4000})  # a long parameter of someone else's
    assert qr_png(at.code[0].value) is None and not at.exception
    assert any("too long for a QR code" in c.value for c in at.caption)


def test_present_1_turns_presentation_mode_on_and_folds_the_intro() -> None:
    at = open_page("app_pages/start/home.py", query={"present": "1"})
    assert at.toggle(key="present").value is True
    assert at.query_params["present"] == "1"
    styles = [h.proto.body for h in at.get("html")]
    assert any("font-size: 24px" in s for s in styles)
    assert at.expander and at.expander[0].label == "About this page"
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params
    assert not any("font-size" in h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_embedded_the_sidebar_goes_to_the_main_area(lang: str) -> None:
    at = AppTest.from_file(str(open_app.__globals__["APP"]), default_timeout=60)
    at.context = {"is_embedded": True}
    at.query_params["lang"] = lang
    at.run()
    assert not at.sidebar.radio and not at.sidebar.toggle
    assert at.main.radio(key="lang").value == lang
    assert at.main.toggle(key="present").value is False
