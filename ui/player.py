"""The step-through player shared by every page that walks through a trace.

A trace of ``n_steps`` steps has ``n_steps + 1`` positions: 0 shows nothing computed yet, position
``k`` shows the graph after step ``k``. Controls: Reset, Previous, Next, Play/Pause (advances on a
timer inside a fragment, so only the player redraws), a step slider, and a phase label. In quiz mode
the player asks for the number the *next* step will reveal before the student presses Next.

Usage on a page::

    def draw(view: PlayerView) -> None:
        st.plotly_chart(graph_figure(graph, trace, view.position), key="simple_graph")

    step_player("simple", n_steps=len(trace), render=draw, phase_of=lambda k: ..., question=...)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ui.i18n import t
from ui.layout import fmt


@dataclass(frozen=True)
class PlayerView:
    """What the page's render callback needs: the position and whether quiz mode is on."""

    position: int
    n_steps: int
    quiz: bool


@dataclass(frozen=True)
class Question:
    """A quiz question about one step: the prompt, the right answer and the rule behind it."""

    prompt: str
    answer: float
    rule: str


def _state_keys(key: str) -> tuple[str, str, str]:
    return f"{key}_position", f"{key}_playing", f"{key}_quiz"


def _move(key: str, n_steps: int, to: int) -> None:
    position_key, _, _ = _state_keys(key)
    st.session_state[position_key] = max(0, min(n_steps, to))


def _toggle_play(key: str, n_steps: int) -> None:
    position_key, playing_key, _ = _state_keys(key)
    playing = not st.session_state.get(playing_key, False)
    if playing and st.session_state.get(position_key, 0) >= n_steps:
        st.session_state[position_key] = 0  # Play at the end starts again
    st.session_state[playing_key] = playing


def _controls(key: str, n_steps: int, position: int, playing: bool) -> None:
    reset, previous, play, following = st.columns(4)
    reset.button(t("player.reset"), key=f"{key}_reset", icon=":material/first_page:",
                 on_click=_move, args=(key, n_steps, 0), width="stretch")
    previous.button(t("player.previous"), key=f"{key}_previous", icon=":material/chevron_left:",
                    on_click=_move, args=(key, n_steps, position - 1), width="stretch",
                    disabled=position == 0)
    play.button(t("player.pause") if playing else t("player.play"), key=f"{key}_play",
                icon=":material/pause:" if playing else ":material/play_arrow:",
                on_click=_toggle_play, args=(key, n_steps), width="stretch", type="primary")
    following.button(t("player.next"), key=f"{key}_next", icon=":material/chevron_right:",
                     on_click=_move, args=(key, n_steps, position + 1), width="stretch",
                     disabled=position == n_steps)


def _quiz_panel(key: str, position: int, question: Question) -> None:
    st.markdown(f"**{t('player.quiz_title')}** {question.prompt}")
    answer_col, check_col = st.columns([3, 1], vertical_alignment="bottom")
    guess = answer_col.number_input(t("player.quiz_answer"), value=None, format="%.4f",
                                    key=f"{key}_guess_{position}")
    if check_col.button(t("player.quiz_check"), key=f"{key}_check_{position}", width="stretch"):
        if guess is None:
            st.warning(t("player.quiz_empty"))
        elif round(guess, 2) == round(question.answer, 2):
            st.success(t("player.quiz_right", answer=fmt(question.answer)))
        else:
            st.error(t("player.quiz_wrong", answer=fmt(question.answer), rule=question.rule))


def step_player(
    key: str,
    n_steps: int,
    render: Callable[[PlayerView], None],
    *,
    phase_of: Callable[[int], str] | None = None,
    question: Callable[[int], Question | None] | None = None,
    interval: float = 1.0,
    quiz_above: bool = False,
) -> int:
    """Draw the player and ``render`` the current position; return that position.

    ``phase_of(k)`` labels position ``k`` (e.g. "forward pass"); ``question(k)`` is the quiz
    question for step ``k`` (asked while the player stands at ``k - 1``), or None where there is
    nothing to ask. While playing, the body reruns every ``interval`` seconds and advances one step.
    ``quiz_above`` asks the question above the rendered step instead of below it (for a page
    whose step is taller than a screen).
    """
    position_key, playing_key, quiz_key = _state_keys(key)
    st.session_state.setdefault(position_key, 0)
    st.session_state[position_key] = min(st.session_state[position_key], n_steps)
    playing = st.session_state.setdefault(playing_key, False)
    if question is not None:
        st.toggle(t("player.quiz_mode"), key=quiz_key, help=t("player.quiz_help"))

    @st.fragment(run_every=interval if playing else None)
    def body() -> None:
        # ``playing`` is the value of the last full run: only then is the timer running.
        if playing and st.session_state[playing_key]:
            _move(key, n_steps, st.session_state[position_key] + 1)
            if st.session_state[position_key] >= n_steps:
                st.session_state[playing_key] = False
        position = st.session_state[position_key]
        _controls(key, n_steps, position, st.session_state[playing_key])
        st.slider(t("player.step"), 0, max(n_steps, 1), key=position_key,
                  disabled=n_steps == 0)
        label = phase_of(position) if phase_of else ""
        st.markdown(t("player.position", position=position, total=n_steps, phase=label))
        quiz_on = bool(st.session_state.get(quiz_key, False))
        asked = question(position + 1) if quiz_on and question and position < n_steps else None
        if asked is not None and quiz_above:
            _quiz_panel(key, position, asked)
        render(PlayerView(position=position, n_steps=n_steps, quiz=quiz_on))
        if asked is not None and not quiz_above:
            _quiz_panel(key, position, asked)
        if st.session_state[playing_key] != playing:
            st.rerun()  # Play, Pause or the end: redraw the page to start or stop the timer

    body()
    return st.session_state[position_key]
