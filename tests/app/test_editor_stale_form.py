"""The browser sends back the form it shows. When the teacher acts before the run that loaded a
rubric has redrawn the form (a busy machine, a quick hand), the browser still shows the last
working copy's fields and levels, and sends those values with the click. They must not land in
the working copy just loaded: they did, it then had "unsaved changes", and Open stayed on the
old form behind "You have unsaved changes" (2 of 7 tries in a browser walk).

AppTest draws every run in full, so the stale browser is played by the widget states of an
earlier run, sent with the next click (``AppTest._run``, as ``run`` sends the current ones).
"""
from __future__ import annotations

import pytest
from editor_app import PAGE
from rendering import shown
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from essaycoach.loaders import load_rubric
from essaycoach.rubric import rubric_to_dict

NEW = "(new blank rubric)"


@pytest.fixture(autouse=True)
def folder(rubric_copy):
    return rubric_copy


def _open(at: AppTest, pick: str) -> AppTest:
    at.selectbox(key="editor_pick").select(pick)
    return at.button(key="editor_load").click().run()


def _status(at: AppTest) -> str:
    return next(shown(c.value).strip() for c in at.caption if shown(c.value).startswith("Editing"))


def _sent(shown_then: WidgetStates, click: WidgetStates) -> WidgetStates:
    """The browser's message: the form as it was shown, with the chooser and button just used
    (AppTest lists every button as not clicked; a browser sends only the one clicked)."""
    sent = {w.id: w for w in shown_then.widgets if w.WhichOneof("value") != "trigger_value"}
    sent.update((w.id, w) for w in click.widgets if w.id.endswith(("-editor_pick", "-editor_load")))
    out = WidgetStates()
    out.widgets.extend(sent.values())
    return out


@pytest.mark.parametrize("first, then", [("trotsky-errors", NEW), (NEW, "trotsky-errors")],
                         ids=["rubric-then-blank", "blank-then-rubric"])
def test_a_click_sent_with_the_last_forms_values_opens_the_rubric(folder, first, then):
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    shown_then = _open(at, first)._tree.get_widget_states()   # the form as the browser still shows it...
    _open(at, then)                                           # ...while this load's run redraws it
    assert not at.exception and _status(at).endswith("no unsaved changes")
    at.selectbox(key="editor_pick").select("purge-necessary")
    at.button(key="editor_load").click()
    at._run(_sent(shown_then, at._tree.get_widget_states()))  # the click, with the values the browser shows
    assert not at.exception
    assert not any("You have unsaved changes" in shown(w.value) for w in at.warning)
    assert _status(at) == "Editing purge-necessary · ✔ no unsaved changes"
    # and none of the old form's values came with it
    descriptors = [a.value for a in at.text_area if a.label.startswith("Level ")]
    want = rubric_to_dict(load_rubric("purge-necessary", folder))
    assert descriptors == [lv["descriptor"] for lv in want["levels"]]


def _drawn(at: AppTest) -> list[tuple[str, object, object]]:
    """(key, value, the value a browser shows when it sees only this run's element) of each of
    the working copy's fields, levels and points."""
    out = []
    for kind in ("text_input", "text_area", "number_input", "selectbox"):
        for w in at.get(kind):
            if w.key and w.key.startswith(("editor_f", "editor_p_")):
                default = w.proto.default
                if kind == "selectbox":
                    default = w.options[default if isinstance(default, int) else default[0]]
                out.append((w.key, w.format_func(w.value) if kind == "selectbox" else w.value, default))
    return out


def _title(at: AppTest) -> str:
    return next(k for k, _, _ in _drawn(at) if k.endswith("_title"))


def test_every_field_goes_to_the_browser_as_its_widgets_default(monkeypatch):
    """A value put in the session state reaches the browser only with the run that set it, and a
    run cut short by the next click has its messages dropped: the next run drew the widget bare
    (an empty id, 0 minutes), and the browser sent that back as an edit. Each field now carries
    its value as the widget's default, under a key new for it, and so never both (Streamlit's
    log said 'created with a default value but also had its value set via the Session State API')."""
    from streamlit.elements.lib import policies

    warned: list[str] = []
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda message, *args, **kw: warned.append(message % args))
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    steps = [lambda: None,                                                   # the blank form
             lambda: at.text_input(key=_title(at)).input("Causes of coastal erosion"),   # the id follows it
             lambda: at.button(key="editor_add_point").click(),
             lambda: at.button(key="editor_copy").click(),
             lambda: _open(at, "trotsky-errors"),
             lambda: at.button(key="editor_discard_ok").click()]             # the edits above were not saved
    for step in steps:
        step()
        at.run()
        assert not at.exception
        drawn = _drawn(at)
        assert drawn and all(value == shows for _, value, shows in drawn), [d for d in drawn if d[1] != d[2]]
    assert _status(at) == "Editing trotsky-errors · ✔ no unsaved changes"
    assert not [w for w in warned if "Session State API" in w], warned


def _replace_box(at: AppTest):
    return next(c for c in at.checkbox if c.label.startswith("Replace the existing rubric"))


def test_a_ticked_replace_box_the_browser_still_shows_is_not_ticked_on_the_rubric_opened(folder):
    """"Replace the existing rubric" lets a save overwrite another rubric: it must start unticked
    for each rubric opened, whatever the browser still shows of the last one when the teacher
    acts next; so must the evidence search start from the question of the rubric opened."""
    at = _open(AppTest.from_file(str(PAGE), default_timeout=120).run(), "trotsky-errors")
    _replace_box(at).check().run()
    assert _replace_box(at).value is True
    shown_then = at._tree.get_widget_states()
    _open(at, "purge-necessary")
    at._run(_sent(shown_then, at._tree.get_widget_states()))   # the next action, from the old form
    assert not at.exception and _status(at) == "Editing purge-necessary · ✔ no unsaved changes"
    assert _replace_box(at).value is False
    query = next(t for t in at.text_input if t.label.startswith("Look for"))
    assert query.value == load_rubric("purge-necessary", folder).question
