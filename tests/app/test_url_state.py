"""Settings kept in the URL: parsing and clamping like widget input, seeding a new session,
remembering across page switches, writing back without touching other parameters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui.url_state import Setting

LR = Setting("lr", 0.1, choices=(0.001, 0.01, 0.1, 1.0, 10.0))


@pytest.mark.parametrize(
    ("setting", "text", "value"),
    [
        (Setting("n", 8, 1, 64), "500", 64),
        (Setting("n", 8, 1, 64), "-3", 1),
        (Setting("n", 8, 1, 64), "7.6", 8),
        (Setting("n", 8, 1, 64), "abc", 8),
        (Setting("n", 8, 1, 64), "nan", 8),
        (Setting("p", 100, 10, 300, step=10), "57", 60),
        (Setting("x", 0.2, 0.0, 1.0, step=0.05), "0.33", 0.35),
        (Setting("x", 0.2, 0.0, 1.0), "inf", 0.2),
        (LR, "100", 10.0),
        (LR, "0.02", 0.01),
        (LR, "0.04", 0.1),  # nearest on a log scale
        (LR, "0", 0.001),
        (Setting("b", 16, choices=(1, 16, 256, 0)), "20", 16),
        (Setting("b", 16, choices=(1, 16, 256, 0)), "0", 0),
        (Setting("act", "tanh", choices=("relu", "tanh")), "relu", "relu"),
        (Setting("act", "tanh", choices=("relu", "tanh")), "<script>", "tanh"),
        (Setting("on", False), "1", True),
        (Setting("on", True), "no", False),
        (Setting("on", True), "maybe", True),
        (Setting("p", 100, 10, 300, step=10), "1e308", 300),  # bounded before it is snapped
        (Setting("p", 100, 10, step=10), "1e308", 9007199254740990),
        (Setting("x", 0.5), "-1e308", -float(2**53 - 1)),
        (Setting("expr", "x", max_length=5), "x*y*zz", "x"),
    ],
)
def test_parse_validates_and_clamps(setting: Setting, text: str, value: object) -> None:
    parsed = setting.parse(text)
    assert parsed == pytest.approx(value) if isinstance(value, float) else parsed == value
    assert type(parsed) is type(value)


def test_format_writes_what_parse_reads() -> None:
    for setting, value in [(LR, 0.001), (Setting("n", 8, 1, 64), 12), (Setting("on", True), True)]:
        assert setting.parse(setting.format(value)) == value


def url_script() -> None:
    import streamlit as st

    from ui.url_state import Setting, UrlState

    state = UrlState("demo", (Setting("n", 8, 1, 64), Setting("act", "tanh",
                                                                choices=("relu", "tanh"))))
    state.restore()
    if st.session_state.get("show", True):
        st.slider("n", 1, 64, key=state.key("n"))
        st.selectbox("act", ("relu", "tanh"), key=state.key("act"))
    state.save()
    st.markdown(state.query_string())


def test_a_new_session_reads_the_url_and_writes_it_back() -> None:
    at = AppTest.from_function(url_script)
    at.query_params.update({"n": "99", "act": "relu", "lang": "vi"})
    at.run()
    assert at.slider(key="demo_n").value == 64
    assert at.selectbox(key="demo_act").value == "relu"
    assert at.query_params["n"] == "64" and at.query_params["lang"] == "vi"
    assert at.markdown[0].value == "n=64&act=relu"
    at.slider(key="demo_n").set_value(5).run()
    assert at.query_params["n"] == "5"


def test_values_survive_a_run_without_the_widgets() -> None:
    at = AppTest.from_function(url_script).run()
    at.slider(key="demo_n").set_value(20).run()
    at.session_state["show"] = False
    at.run()
    at.query_params["n"] = "3"
    at.session_state["show"] = True
    at.run()  # the page is back: its widget shows the remembered value, not the URL's
    assert at.slider(key="demo_n").value == 20
