"""The step-through player: Reset / Previous / Next / Play, the slider, quiz mode, keyboard
shortcuts, ``?step=`` links, and the functions other modules use instead of its session keys."""

import pytest
from streamlit.testing.v1 import AppTest


def player_script() -> None:
    import streamlit as st

    from ui.player import Question, step_player

    def render(view) -> None:
        st.markdown(f"shown:{view.position}")

    def question(step: int) -> Question:
        return Question(prompt=f"step {step}?", answer=step * 1.5, rule=f"rule {step}")

    step_player("demo", 4, render, phase_of=lambda k: "forward" if k < 3 else "backward",
                question=question)


@pytest.fixture
def player() -> AppTest:
    return AppTest.from_function(player_script, default_timeout=30).run()


def linked(step: str) -> AppTest:
    """The player opened from a link with ``?step=<step>``."""
    at = AppTest.from_function(player_script, default_timeout=30)
    at.query_params["step"] = step
    return at.run()


def shown(at: AppTest) -> int:
    return int(next(m.value for m in at.markdown if m.value.startswith("shown:")).split(":")[1])


def test_next_previous_reset(player: AppTest) -> None:
    assert shown(player) == 0
    player.button(key="demo_next").click().run()
    player.button(key="demo_next").click().run()
    assert shown(player) == 2
    player.button(key="demo_previous").click().run()
    assert shown(player) == 1
    player.button(key="demo_reset").click().run()
    assert shown(player) == 0
    assert player.button(key="demo_previous").disabled


def test_slider_moves_and_phase_label(player: AppTest) -> None:
    player.slider(key="demo_position").set_value(4).run()
    assert shown(player) == 4
    assert player.button(key="demo_next").disabled
    assert any("backward" in m.value for m in player.markdown)


def test_play_advances_one_step_a_tick_and_stops_at_the_end(player: AppTest) -> None:
    player.button(key="demo_play").click().run()
    assert shown(player) == 1
    assert player.button(key="demo_pause").label == "Pause"  # Play became Pause
    for expected in (2, 3, 4):
        player.run()  # one tick of the frame clock (AppTest runs no JavaScript)
        assert shown(player) == expected
    player.run()
    assert shown(player) == 4
    assert player.session_state["demo_playing"] is False
    assert player.button(key="demo_play").label == "Play"
    assert not player.exception


def test_pause_stops_and_a_move_by_hand_pauses(player: AppTest) -> None:
    player.button(key="demo_play").click().run()
    player.button(key="demo_pause").click().run()
    player.run()
    assert shown(player) == 1
    player.button(key="demo_play").click().run()
    assert shown(player) == 2
    player.button(key="demo_previous").click().run()
    player.run()
    assert shown(player) == 1 and player.session_state["demo_playing"] is False


def test_every_control_has_its_keyboard_shortcut(player: AppTest) -> None:
    shortcuts = {name: player.button(key=f"demo_{name}").proto.shortcut
                 for name in ("reset", "previous", "play", "next")}
    assert shortcuts == {"reset": "home", "previous": "left", "play": "space", "next": "right"}
    player.button(key="demo_play").click().run()
    assert player.button(key="demo_pause").proto.shortcut == "space"


def test_a_step_link_opens_the_player_at_that_step() -> None:
    at = linked("3")
    assert shown(at) == 3 and not at.warning and not at.exception
    assert any(m.value.startswith("Step **3** of 4") for m in at.markdown)


@pytest.mark.parametrize(("step", "expected", "said"), [
    ("99", 4, "`4` is used"), ("-2", 0, "`0` is used"), ("2.6", 3, "`3` is used"),
    ("seven", 0, "not a usable value"), ("nan", 0, "not a usable value"), ("", 0, "usable"),
])
def test_a_step_link_is_clamped_or_falls_back_with_a_notice(step: str, expected: int,
                                                            said: str) -> None:
    at = linked(step)
    assert shown(at) == expected and not at.exception
    assert len(at.warning) == 1 and said in at.warning[0].value
    at.button(key="demo_reset").click().run()
    assert not at.warning and shown(at) == 0  # said once; the link is not read again


def test_the_url_follows_the_player(player: AppTest) -> None:
    player.button(key="demo_next").click().run()
    player.button(key="demo_next").click().run()
    assert player.query_params["step"] in ("2", ["2"])
    player.button(key="demo_reset").click().run()
    assert "step" not in player.query_params  # position 0: no step in the link


def api_script() -> None:
    import streamlit as st

    from ui.player import player_position, quiz_mode, reset_player, step_player

    st.button("restart", key="restart", on_click=reset_player, args=("api",))
    step_player("api", 5, lambda view: None, question=lambda k: None)
    st.markdown(f"api:{player_position('api')}:{quiz_mode('api')}")


def test_other_modules_read_and_reset_the_player_through_its_functions() -> None:
    at = AppTest.from_function(api_script, default_timeout=30).run()
    at.button(key="api_next").click().run()
    at.button(key="api_next").click().run()
    at.toggle(key="api_quiz").set_value(True).run()
    assert "api:2:True" in [m.value for m in at.markdown]
    at.button(key="restart").click().run()
    assert "api:0:True" in [m.value for m in at.markdown]


def test_quiz_accepts_the_right_answer_and_rejects_a_wrong_one(player: AppTest) -> None:
    player.toggle(key="demo_quiz").set_value(True).run()
    player.number_input(key="demo_guess_0").set_value(1.5).run()
    player.button(key="demo_check_0").click().run()
    assert player.success and "1.50" in player.success[0].value
    player.number_input(key="demo_guess_0").set_value(2.0).run()
    player.button(key="demo_check_0").click().run()
    assert player.error and "rule 1" in player.error[0].value


def quiz_above_script() -> None:
    import streamlit as st

    from ui.player import Question, step_player

    step_player("top", 2, lambda view: st.markdown(f"shown:{view.position}"),
                question=lambda k: Question(f"step {k}?", 1.0, "rule"), quiz_above=True)


def test_the_quiz_can_be_asked_above_the_step() -> None:
    at = AppTest.from_function(quiz_above_script, default_timeout=30).run()
    at.toggle(key="top_quiz").set_value(True).run()
    texts = [m.value for m in at.markdown]
    asked = next(i for i, text in enumerate(texts) if "step 1?" in text)
    assert asked < texts.index("shown:0")


def chart_script() -> None:
    import streamlit as st

    from ui.player import player_chart, step_player

    calls = st.session_state.setdefault("calls", [])

    def figure_of(k: int) -> dict:
        calls.append(k)
        return {"data": [{"type": "scatter", "x": [0, 1], "y": [k, k], "text": [str(k), ""]}],
                "layout": {"height": 200}}

    def render(view) -> None:
        player_chart(view, "demo_chart", figure_of)
        st.markdown(f"shown:{view.position}")

    # A fragment's rerun reuses the render of the last full run (the steps' source); AppTest
    # runs the whole script, so the script keeps one render unless told to make a new one.
    if st.session_state.pop("new_source", False) or "render" not in st.session_state:
        st.session_state["render"] = render
    step_player("demo", 9, st.session_state["render"])


def sent(at: AppTest) -> dict:
    from tests.app.training_pages import payload

    return payload(at, "demo_chart")["step"]


@pytest.fixture
def charted() -> AppTest:
    return AppTest.from_function(chart_script, default_timeout=30).run()


def test_the_player_chart_sends_the_steps_around_the_current_one(charted: AppTest) -> None:
    step = sent(charted)
    assert step["position"] == 0 and step["count"] == 10 and step["moves"] == 0
    assert step["controls"] == {name: f".st-key-demo_{name} button"
                                for name in ("next", "previous", "reset")}
    assert [k for k, _ in step["figures"]] == [0, 1, 2, 3] and step["ref"] == 0
    assert "figure" in step["figures"][0][1]  # the first one whole, the others from it
    assert step["figures"][2][1] == {"traces": {"0": {"y": [2, 2], "text": ["2", ""]}}}
    kept = charted.session_state["_live_chart"]["demo_chart"]["figure"]  # for AppTests
    assert kept["data"][0]["y"] == [0, 0]


def test_next_sends_only_the_step_that_came_into_reach(charted: AppTest) -> None:
    first_id = sent(charted)["id"]
    charted.button(key="demo_next").click().run()
    step = sent(charted)
    assert step["position"] == 1 and step["moves"] == 1 and step["id"] == first_id
    assert [k for k, _ in step["figures"]] == [4] and step["ref"] == 1
    assert step["figures"][0][1] == {"traces": {"0": {"y": [4, 4], "text": ["4", ""]}}}
    assert charted.session_state["calls"] == [0, 1, 2, 3, 4]  # every figure made once
    charted.button(key="demo_previous").click().run()
    assert sent(charted)["figures"] == [] and sent(charted)["moves"] == 2


def test_only_clicks_on_the_controls_are_counted_as_moves(charted: AppTest) -> None:
    charted.button(key="demo_play").click().run()
    charted.run()  # a tick of the clock
    assert sent(charted)["position"] == 2 and sent(charted)["moves"] == 0
    charted.button(key="demo_next").click().run()  # pauses, one on
    charted.button(key="demo_reset").click().run()
    assert sent(charted)["position"] == 0 and sent(charted)["moves"] == 2


def test_a_full_run_starts_the_steps_afresh(charted: AppTest) -> None:
    first_id = sent(charted)["id"]
    charted.session_state["new_source"] = True
    charted.run()
    step = sent(charted)
    assert step["id"] != first_id and "figure" in step["figures"][0][1]
