"""The MLP step page offers its traced step as CSV next to the player, made when pressed."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from nncore.export import step_trace_to_csv
from nncore.mlp_step import PRESETS, run
from tests.app.apptest import open_page

PAGE = "app_pages/training/mlp_step.py"
BUTTON = "mlp_step_trace_download_0"


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """The deferred data of every download button of the runs, by file name."""
    made: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return made


def test_the_page_offers_the_steps_as_csv_starting_with_the_header(deferred) -> None:
    at = open_page(PAGE, query={"network": "xor"})
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.key == BUTTON]
    assert button.proto.label == "Steps (CSV)" and button.proto.ignore_rerun  # no rerun
    text = deferred["mlp-step-trace.csv"]()
    assert text.startswith("step,phase,node,value,gradient,rule\n")
    assert text == step_trace_to_csv(run(PRESETS["xor"]))  # the step the player shows
    assert len(list(csv.reader(io.StringIO(text)))) == 1 + 35


def test_the_csv_follows_the_training_steps_taken(deferred) -> None:
    at = open_page(PAGE, query={"network": "xor"})
    at.button(key="mlp_step_continue").click().run()
    assert deferred["mlp-step-trace.csv"]() == step_trace_to_csv(run(PRESETS["xor"], 1))


def test_a_view_with_only_the_player_has_no_download() -> None:
    at = open_page(PAGE, query={"hide": "all"})
    assert not at.exception
    assert not [b for b in at.get("download_button") if b.key == BUTTON]
