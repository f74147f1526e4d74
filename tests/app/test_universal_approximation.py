"""The universal-approximation page: 003's six ReLUs by hand, a typed target, train mode."""

from tests.app.apptest import figures, open_page

PAGE = "app_pages/training/universal_approximation.py"


def test_opens_with_003s_six_units_and_their_sum() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert at.slider(key="ua_units").value == 6
    assert [at.slider(key=f"ua_w_{i}").value for i in range(6)] == [-5.0, -1.2, 1.2, 1.2, 2.0, 5.0]
    figure = figures(at)[0]
    z = next(trace for trace in figure["data"] if trace["name"] == "Z(x)")
    x = z["x"]
    assert abs(z["y"][x.index(min(x, key=lambda v: abs(v - 2.0)))] - 6.7) < 1e-9
    score = next(m for m in at.metric if m.label == "Score")
    assert score.value == "100 / 100"  # the default target is 003's Z itself


def test_moving_a_weight_lowers_the_score_and_the_preset_restores_it() -> None:
    at = open_page(PAGE)
    at.slider(key="ua_v_5").set_value(0.0).run()
    score = next(m for m in at.metric if m.label == "Score")
    assert score.value != "100 / 100"
    at.button(key="ua_preset").click().run()
    assert at.slider(key="ua_v_5").value == 1.0
    assert next(m for m in at.metric if m.label == "Score").value == "100 / 100"


def test_typed_target_and_refusals() -> None:
    at = open_page(PAGE)
    at.selectbox(key="ua_target").select("typed").run()
    assert not at.error
    at.text_input(key="ua_expr").input("x * y").run()
    assert "only the variable x" in at.error[0].value
    at.text_input(key="ua_expr").input("__import__('os')").run()
    assert at.error and not at.exception
    assert "__import__" in at.error[0].value or "import" in at.error[0].value


def test_train_mode_trains_and_sweeps() -> None:
    at = open_page(PAGE)
    at.selectbox(key="ua_target").select("sin").run()
    at.radio(key="ua_mode").set_value("train").run()
    at.slider(key="ua_epochs").set_value(300).run()
    at.button(key="ua_train").click().run()
    assert not at.exception
    chart = figures(at)[0]
    assert len([tr for tr in chart["data"] if tr["name"].startswith("n")]) == 8
    at.button(key="ua_sweep").click().run(timeout=120)
    assert not at.exception
    rows = at.table[0].value
    assert len(rows) == 6


def test_a_link_sets_the_target_and_the_units_and_bad_values_fall_back() -> None:
    at = open_page(PAGE, query={"target": "step", "units": "3", "w_0": "2.5", "v_2": "-1"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="ua_target").value == "step"
    assert at.slider(key="ua_units").value == 3
    assert at.slider(key="ua_w_0").value == 2.5
    assert at.slider(key="ua_v_2").value == -1.0
    at = open_page(PAGE, query={"units": "999", "target": "nonsense", "w_0": "nan"})
    assert not at.exception
    assert at.slider(key="ua_units").value == 12
    assert at.selectbox(key="ua_target").value == "course"
    assert len(at.warning) == 1


def test_hiding_the_weights_keeps_the_links_values() -> None:
    at = open_page(PAGE, query={"hide": "weights", "v_5": "0"})
    assert not at.exception
    assert not [s for s in at.slider if s.key and s.key.startswith("ua_w_")]
    assert next(m for m in at.metric if m.label == "Score").value != "100 / 100"
