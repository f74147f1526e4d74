"""What a live chart is sent between two figures (``ui.figure_updates``): a layout list's
entries that changed, whole or only in the keys that changed."""

from __future__ import annotations

from ui.figure_updates import figure_update


def edge(x1: float, colour: str, width: float = 1.0) -> dict:
    return {"type": "line", "x0": 0.0, "y0": 0.0, "x1": x1, "y1": 1.0,
            "line": {"color": colour, "width": width}}


def figure(shapes: list[dict], images: list[dict] | None = None) -> dict:
    return {"data": [], "layout": {"shapes": shapes, **({"images": images} if images else {})}}


def test_an_edge_that_changed_colour_sends_its_line_only() -> None:
    before = figure([edge(1, "red"), edge(2, "red"), edge(3, "red")])
    after = figure([edge(1, "red"), edge(2, "blue", 2.0), edge(3, "red")])
    assert figure_update(before, after) == {
        "items": {"shapes": {"fields": {"1": {"line": {"color": "blue", "width": 2.0}}}}}}


def test_an_entry_whose_keys_changed_is_sent_whole() -> None:
    moved = {**edge(2, "red"), "layer": "below"}
    before = figure([edge(1, "red"), edge(2, "red"), edge(3, "red")])
    after = figure([edge(1, "red"), moved, edge(3, "blue")])
    assert figure_update(before, after) == {"items": {"shapes": {
        "items": {"1": moved}, "fields": {"2": {"line": {"color": "blue", "width": 1.0}}}}}}


def test_every_entry_changed_as_a_whole_sends_the_list() -> None:
    before = figure([edge(1, "red"), edge(2, "red")])
    after = figure([{"type": "rect"}, {"type": "circle"}])
    assert figure_update(before, after) == {"layout": {"shapes": after["layout"]["shapes"]}}


def test_pictures_that_changed_send_their_sources_only() -> None:
    picture = {"source": "data:image/png;base64,AAAA", "x": 0, "y": 1, "sizex": 2}
    before = figure([], [picture, {**picture, "x": 3}])
    after = figure([], [{**picture, "source": "data:image/png;base64,BBBB"}, {**picture, "x": 3}])
    assert figure_update(before, after) == {
        "items": {"images": {"fields": {"0": {"source": "data:image/png;base64,BBBB"}}}}}
