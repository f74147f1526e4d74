"""The step-through player: Reset / Previous / Next / Play, the slider, and quiz mode."""

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
    for expected in (2, 3, 4):
        player.run()  # one timer tick
        assert shown(player) == expected
    player.run()
    assert shown(player) == 4
    assert player.session_state["demo_playing"] is False
    assert not player.exception


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
