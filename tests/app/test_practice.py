"""The timed-practice page driven through AppTest, with the real rubrics and engine."""
from __future__ import annotations

import html
import re
import time
from contextlib import closing
from pathlib import Path

import pytest
from rendering import shown
from streamlit.testing.v1 import AppTest

from essaycoach import attempts as att
from essaycoach.loaders import load_rubric
from essaycoach.markup import escape_html, escape_markdown, shorten

ROOT = Path(__file__).resolve().parents[2]
PRACTICE = ROOT / "app_pages" / "practice.py"
TEACHER_PAGES = [ROOT / "app_pages" / "class_marking.py", ROOT / "app_pages" / "rubric_editor.py"]

# About 150 words: the testament, the funeral, socialism in one country, the General Secretary.
ESSAY = """Stalin won the power struggle after Lenin died partly because of Trotsky's errors of judgement.

Trotsky failed to press for the publication of Lenin's Testament, even though it called Stalin rude and
said he should be removed as General Secretary. Trotsky also missed Lenin's funeral in January 1924, so
Stalin could present himself as Lenin's loyal heir while Trotsky seemed arrogant and distant. The Red
Army mattered too.

However, Stalin's own strengths mattered more. As General Secretary he controlled appointments in the
party, so he packed the party congress with his own supporters and could outvote his rivals. His idea of
socialism in one country was also more popular than Trotsky's permanent revolution, because the party was
tired of war and wanted to build Russia's own route to socialism.

In conclusion, Trotsky's errors helped Stalin, but Stalin's control of the party machine was the main
reason for his success because it gave him the votes he needed."""


pytestmark = pytest.mark.usefixtures("data_dir")  # each test: its own empty database


def _page() -> AppTest:
    return AppTest.from_file(str(PRACTICE), default_timeout=60).run()


def _choose(at: AppTest, name: str = "Ada", rubric: str = "trotsky-errors") -> AppTest:
    at.text_input(key="practice_student").input(name).run()
    return at.selectbox(key="practice_rubric").select(rubric).run()


def _start(name: str = "Ada") -> AppTest:
    at = _choose(_page(), name)
    at.button(key="practice_start").click().run()
    assert at.session_state["practice_phase"] == "writing"
    return at


def _submit(at: AppTest, essay: str) -> AppTest:
    """Submit ``essay``; a student asked whether to submit a too-short one says yes."""
    at.text_area(key="practice_essay").input(essay).run()
    at.button(key="practice_submit").click().run()
    if "practice_submit_anyway" in [b.key for b in at.button]:
        at.button(key="practice_submit_anyway").click().run()
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _attempts(student: str = "Ada") -> list[att.Attempt]:
    with closing(att.open_db()) as db:
        return att.list_attempts(db, student)


def _draft(student: str = "Ada", rubric: str = "trotsky-errors") -> att.Draft | None:
    with closing(att.open_db()) as db:
        return att.load_draft(db, student, rubric)


def test_setup_shows_question_and_time_allowed():
    at = _choose(_page())
    assert not at.exception
    assert "Stalin’s success in the power struggle" in _markdown(at)
    assert any("45 minutes" in c.value for c in at.caption)
    assert at.button(key="practice_start")


def test_start_needs_a_name():
    at = _page()
    at.selectbox(key="practice_rubric").select("trotsky-errors").run()
    assert any("Type your name" in i.value for i in at.info)
    assert "practice_start" not in [b.key for b in at.button]


def test_submitting_a_real_essay_shows_coverage_and_stores_the_attempt():
    at = _submit(_start(), ESSAY)
    assert not at.exception and not at.error
    assert at.session_state["practice_phase"] == "feedback"
    text = _markdown(at)
    # Each highlight labelled by the start of what its point says (a student's name for it, not its id)
    said = {p.id: escape_html(shorten(p.text, 40)) for p in load_rubric("trotsky-errors").points}
    assert f"✔ covered: {said['testament']}<" in text and "<mark" in text
    assert f"✔ covered: {said['funeral']}<" in text and "covered: testament<" not in text
    mark = next(m for m in at.metric if m.label == "Estimated mark")
    got, out_of = (int(x) for x in mark.value.split(" / "))
    assert out_of == 25 and got > 0
    assert "Read this" in text  # missing points come with their seed passage
    stored = _attempts()
    steps = stored[0].report().next_steps   # a short essay: told what would raise its level
    assert steps and "**To reach a higher level**" in text
    assert all(escape_markdown(step) in text for step in steps)
    partly = [p for p in stored[0].report().points if p.status == "partial"]
    assert partly and all(f"<i>Only partly:</i> {html.escape(p.why or '')}" in text for p in partly)
    assert len(stored) == 1 and stored[0].rubric_id == "trotsky-errors" and stored[0].mark == got
    assert stored[0].essay == ESSAY
    assert _draft() is None  # submitted drafts are cleared


def test_empty_submit_shows_an_error_and_stores_nothing():
    at = _submit(_start(), "   \n  ")
    assert not at.exception
    assert any("essay is empty" in e.value for e in at.error)
    assert at.session_state["practice_phase"] == "writing"
    assert _attempts() == []


def test_essay_html_is_escaped_in_the_feedback():
    at = _submit(_start(), "<script>alert(1)</script> <b>bold</b>\n\n" + ESSAY)
    assert not at.exception
    text = _markdown(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;b&gt;bold&lt;/b&gt;" in text
    assert "<script>" not in text and "<b>bold" not in text


def test_draft_autosaves_and_is_offered_for_resume_in_a_new_session():
    at = _start()
    at.text_area(key="practice_essay").input("Trotsky missed Lenin's funeral.").run()
    assert _draft().text == "Trotsky missed Lenin's funeral."

    fresh = _choose(_page())  # a new browser session: nothing in session state
    assert fresh.button(key="practice_resume")
    assert any("saved draft" in w.value for w in fresh.warning)
    fresh.button(key="practice_resume").click().run()
    assert fresh.session_state["practice_phase"] == "writing"
    assert fresh.text_area(key="practice_essay").value == "Trotsky missed Lenin's funeral."


def test_a_draft_open_in_two_tabs_says_so_in_both():
    """A walk's finding: two tabs (or two students typing one name) on one draft wrote over each
    other's words, each still saying "Draft saved"."""
    first = _start()
    first.text_area(key="practice_essay").input("Tab A wrote this first.").run()
    second = _choose(_page())
    second.button(key="practice_resume").click().run()
    # saved by the first tab moments ago: it may still be open (a re-check's finding: the second tab
    # learnt nothing until the first saved again)
    assert any("saved moments ago, perhaps from another tab or device" in w.value for w in second.warning)
    # ... which may be this browser's own save as it reloaded: the toast says "may", as the warning does
    assert [t.value for t in second.toast] == ["This draft was saved moments ago, perhaps from another tab or "
                                               "device: if it is open there too, write in one place only."]
    second.text_area(key="practice_essay").input("Tab A wrote this first. Tab B added this.").run()
    first.run()   # a tab left alone learns of the other's words before it writes over them
    assert any("another tab or on another device" in w.value for w in first.warning)
    assert [t.value for t in first.toast] == ["This draft is open in another tab or on another device too: write "
                                              "in one place only."]   # seen whatever the scroll, once
    first.run()
    assert not first.toast
    first.text_area(key="practice_essay").input("Tab A wrote this first. Tab A continues.").run()
    second.run()
    assert any("another tab or on another device" in w.value for w in second.warning)
    assert _draft().text == "Tab A wrote this first. Tab A continues."


def test_the_maybe_elsewhere_warning_goes_once_this_tab_saves_alone():
    """Walk 47: after a reload and "Resume", "saved moments ago, perhaps from another tab" stayed
    for the whole sitting though only one tab was open."""
    first = _start()
    first.text_area(key="practice_essay").input("Written before the reload.").run()
    resumed = _choose(_page())   # the page reloaded: a new session, moments after the last save
    resumed.button(key="practice_resume").click().run()
    assert any("perhaps from another tab" in w.value for w in resumed.warning)
    resumed.text_area(key="practice_essay").input("Written before the reload. And after it.").run()
    assert not any("another tab" in w.value for w in resumed.warning)
    assert _draft().text == "Written before the reload. And after it."


def test_a_draft_submitted_from_another_tab_says_so_keeps_this_tabs_words_and_is_not_saved_back():
    """A walk's finding: after one tab submitted, the other went on saying "Draft saved … 14 words",
    wrote the draft back, and a new visit offered it ("Resume my draft") to be submitted twice."""
    first = _start()
    first.text_area(key="practice_essay").input("Tab A wrote this first.").run()
    second = _choose(_page())
    second.button(key="practice_resume").click().run()
    _submit(first, ESSAY)
    assert first.session_state["practice_phase"] == "feedback"
    second.text_area(key="practice_essay").input("Tab A wrote this first. Tab B went on writing.").run()
    assert not second.exception and second.session_state["practice_phase"] == "setup"
    assert any("already submitted" in i.value for i in second.info)
    second.run()  # the page reruns on its own: the notice stays (it had gone within seconds: a walk)
    assert any("already submitted" in i.value for i in second.info)
    assert [c.value for c in second.code] == ["Tab A wrote this first. Tab B went on writing."]
    assert second.get("download_button")[0].proto.label == "Download them (.txt)"
    assert _draft() is None and [a.essay for a in _attempts()] == [ESSAY]
    fresh = _choose(_page())
    assert "practice_resume" not in [b.key for b in fresh.button]
    second.button(key="practice_unsent_done").click().run()
    assert not second.code


def test_submitting_a_draft_already_submitted_from_another_tab_makes_no_second_attempt():
    first = _start()
    first.text_area(key="practice_essay").input(ESSAY).run()
    second = _choose(_page())
    second.button(key="practice_resume").click().run()
    _submit(first, ESSAY)
    second.button(key="practice_submit").click().run()
    assert not second.exception and second.session_state["practice_phase"] == "setup"
    assert any("already submitted" in i.value for i in second.info)
    assert len(_attempts()) == 1 and _draft() is None


def test_leaving_and_resuming_in_one_tab_warns_of_no_other():
    at = _start()
    at.text_area(key="practice_essay").input("Trotsky missed Lenin's funeral.").run()
    at.button(key="practice_leave").click().run()
    at.button(key="practice_resume").click().run()
    assert at.session_state["practice_phase"] == "writing"
    assert not any("another tab" in w.value for w in at.warning)


def test_the_save_line_never_says_zero_words_were_saved():
    """Right after a paste the server has no words yet: the line says how saving works instead of
    "Draft saved · 0 words", which a student reads as work lost."""
    at = _start()
    line = next(c.value for c in at.caption if "about" in c.value and "left" in c.value)
    assert "saved every few seconds as you write" in line and "0 words" not in line
    at.text_area(key="practice_essay").input("Trotsky missed Lenin's funeral.").run()
    assert any(re.search(r"✔ Draft saved at \d\d:\d\d:\d\d · 4 words · about", c.value) for c in at.caption)


@pytest.mark.parametrize(("seconds", "said"), [
    (45 * 60, "about 45 minutes left"), (44 * 60 + 57, "about 45 minutes left"), (44 * 60 + 1, "about 45 minutes left"),
    (61, "about 2 minutes left"), (60, "about 1 minute left"), (59, "under a minute left"),
])
def test_the_save_line_gives_whole_minutes_so_it_never_disagrees_with_the_ticking_clock(seconds, said):
    """Refreshed every few seconds, "about 44:57 left" sat beside the clock's "Time left 44:55" (a walk)."""
    from app_pages.countdown import minutes_left

    assert minutes_left(seconds) == said


def test_a_started_clock_with_nothing_written_is_not_offered_as_a_draft():
    _start()  # the clock is started (an empty draft keeps its start), and nothing typed
    fresh = _choose(_page())
    keys = [b.key for b in fresh.button]
    assert "practice_start" in keys and "practice_resume" not in keys
    assert not any("saved draft" in w.value for w in fresh.warning)


def test_discarding_a_draft_asks_first_then_starts_again_with_an_empty_essay():
    at = _start()
    at.text_area(key="practice_essay").input("An old draft.").run()
    fresh = _choose(_page())
    fresh.button(key="practice_discard").click().run()
    # One click beside "Resume" asks; nothing is lost yet.
    assert any("Discard your draft of 3 words" in e.value for e in fresh.error)
    assert _draft().text == "An old draft." and fresh.session_state["practice_phase"] == "setup"
    fresh.button(key="practice_discard_ok").click().run()
    assert fresh.text_area(key="practice_essay").value == ""
    assert _draft().text == ""


def test_keeping_a_draft_after_asking_to_discard_it_keeps_every_word():
    at = _start()
    at.text_area(key="practice_essay").input("An old draft.").run()
    fresh = _choose(_page())
    fresh.button(key="practice_discard").click().run()
    fresh.button(key="practice_discard_cancel").click().run()
    assert not any("Discard your draft" in e.value for e in fresh.error)
    fresh.button(key="practice_resume").click().run()
    assert fresh.text_area(key="practice_essay").value == "An old draft." and _draft().text == "An old draft."


def test_save_and_finish_later_keeps_the_draft():
    at = _start()
    at.text_area(key="practice_essay").input("Half an essay.").run()
    at.button(key="practice_leave").click().run()
    assert at.session_state["practice_phase"] == "setup"
    assert any("Draft saved" in s.value for s in at.success)
    assert _draft().text == "Half an essay." and at.button(key="practice_resume")


def test_time_up_submits_automatically():
    at = _start()
    at.text_area(key="practice_essay").input(ESSAY).run()
    at.session_state["practice_started_at"] = time.time() - 70 * 60  # seen again long after time-up
    at.run()
    assert not at.exception
    assert at.session_state["practice_phase"] == "feedback"
    assert any("submitted automatically" in i.value for i in at.info)
    assert len(_attempts()) == 1 and _attempts()[0].seconds_used == pytest.approx(45 * 60, abs=1)


def test_time_up_with_an_empty_essay_submits_nothing_and_lets_the_student_go_on():
    at = _start()
    at.session_state["practice_started_at"] = time.time() - 46 * 60
    at.run()
    assert at.session_state["practice_phase"] == "writing"
    assert any("nothing was submitted" in w.value for w in at.warning)
    at.text_area(key="practice_essay").input(ESSAY).run()  # typing on is not cut off mid-sentence
    assert at.session_state["practice_phase"] == "writing" and _attempts() == []
    _submit(at, ESSAY)
    assert at.session_state["practice_phase"] == "feedback" and len(_attempts()) == 1


def test_overrun_setting_keeps_writing_after_time_is_up():
    at = _start()
    at.toggle(key="practice_overrun").set_value(True).run()
    at.text_area(key="practice_essay").input(ESSAY).run()
    at.session_state["practice_started_at"] = time.time() - 50 * 60
    at.run()
    assert at.session_state["practice_phase"] == "writing"
    assert any("overrun" in c.value for c in at.caption)
    assert _attempts() == []


def test_huge_paste_is_marked_in_part_with_a_clear_message():
    huge = ESSAY + "\n" + ("Stalin and Trotsky. " * 260_000)  # about 5 MB
    at = _start()
    at.text_area(key="practice_essay").input(huge).run()
    assert any("Only the first 100,000 characters will be marked" in w.value for w in at.warning)
    at.button(key="practice_submit").click().run()
    assert not at.exception
    assert at.session_state["practice_phase"] == "feedback"
    said = [w.value.replace("\\", "") for w in at.warning]
    said = [w for w in said if "Only the first 100,000 characters were marked" in w]
    assert len(said) == 1 and "Too long" in said[0], said  # the engine's own flag, said once
    # the marked text is folded away, so the points below are not buried under pages of paste
    assert [e.label for e in at.expander] == ["Show the 100,000 characters marked"]
    assert len(_attempts()[0].essay) == len(huge)  # nothing lost


@pytest.mark.skipif(not all(p.exists() for p in TEACHER_PAGES),
                    reason="the teacher pages (class_marking.py, rubric_editor.py) are not written yet")
def test_router_opens_practice_by_default():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="practice_student")


def test_the_name_and_prompt_are_remembered_in_the_address_bar():
    at = _choose(_page(), "Ada")
    assert at.query_params["student"] == "Ada" and at.query_params["prompt"] == "trotsky-errors"


def test_after_a_reload_the_draft_is_offered_at_once():
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "Trotsky missed Lenin's funeral.", time.time() - 60)
    at = AppTest.from_file(str(PRACTICE), default_timeout=60)      # a new session, as after a reload
    at.query_params["student"] = "Ada"
    at.query_params["prompt"] = "trotsky-errors"
    at.run()
    assert not at.exception
    assert at.text_input(key="practice_student").value == "Ada"
    assert any("saved draft" in w.value for w in at.warning)
    at.button(key="practice_resume").click().run()
    assert at.text_area(key="practice_essay").value == "Trotsky missed Lenin's funeral."


@pytest.mark.parametrize("prompt", ["no-such-prompt", "../../etc/passwd", ""])
def test_an_unknown_prompt_in_the_address_bar_is_ignored(prompt):
    at = AppTest.from_file(str(PRACTICE), default_timeout=60)
    at.query_params["student"] = "Ada"
    at.query_params["prompt"] = prompt
    at.run()
    assert not at.exception and at.selectbox(key="practice_rubric").value is None


def test_visiting_another_page_keeps_the_essay_being_written():
    """Streamlit forgets a widget's value while its page is not shown: coming back to the essay
    must show the draft, and no save may write an empty box over it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    _choose(at)
    at.button(key="practice_start").click().run()
    at.text_area(key="practice_essay").input("Trotsky missed Lenin's funeral.").run()
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception and "practice_essay" not in at.session_state
    at.switch_page("app_pages/practice.py").run()
    assert not at.exception
    assert at.text_area(key="practice_essay").value == "Trotsky missed Lenin's funeral."
    assert _draft().text == "Trotsky missed Lenin's funeral."


def test_a_too_short_essay_is_submitted_only_when_the_student_says_so():
    """A one-word "submit" is usually a slip, and an attempt cannot be taken back (a browser walk
    filled its attempts with throwaway ones): the page asks once, and a full essay goes at once."""
    at = _start()
    at.text_area(key="practice_essay").input("Trotsky.").run()
    at.button(key="practice_submit").click().run()
    assert at.session_state["practice_phase"] == "writing" and _attempts() == []
    assert any("Submit now? Too short: 1 word" in shown(w.value) for w in at.warning)
    # The length the check asks for is the one the prompt said (a walk read "at least 450" above
    # and "needs at least 180" here).
    aim = re.search(r"aim for about ([\d,]+) words", " ".join(c.value for c in at.caption))
    assert aim and any(f"(aim for about {aim[1]})" in shown(w.value) for w in at.warning)
    at.button(key="practice_submit_anyway").click().run()
    assert at.session_state["practice_phase"] == "feedback" and len(_attempts()) == 1
    full = (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8")
    at = _start("Ben")
    at.text_area(key="practice_essay").input(full).run()
    at.button(key="practice_submit").click().run()
    assert at.session_state["practice_phase"] == "feedback" and len(_attempts("Ben")) == 1


@pytest.mark.parametrize("text, says", [
    ("Trotsky was arrogant. " * 10, "30 words · "),
    ("Trotsky", "· 1 word · "),   # not "1 words" (a walk)
    ("Trotsky was arrogant and overconfident. " * 4000, "20,000 words (only the first 12,500 will be marked) · "),
])
def test_the_line_under_the_box_says_how_much_will_be_marked(text, says):
    """While writing it had said 24,920 words, and on submitting 'saved: 17,291 words'."""
    from app_pages.drafts import saved_status

    assert saved_status(text, time.time()).endswith(says)


@pytest.mark.parametrize("text, mark", [
    ("", "811c9dc5"),          # FNV-1a's offset basis: nothing typed
    ("a", "e40c292c"),         # the published 32-bit FNV-1a values, ASCII being one code unit a byte
    ("foobar", "bf9cf968"),
])
def test_the_fingerprint_is_fnv_1a_as_the_browser_computes_it(text, mark):
    from app_pages.drafts import fingerprint, saved_mark

    assert fingerprint(text) == mark
    assert saved_mark(text) == f'<span data-essaycoach-saved="{mark}"></span>'


def test_the_save_line_carries_the_fingerprint_of_what_was_saved():
    """A reload within a second or two of typing lost the words (the autosave had not run): the
    browser's script compares the box with this fingerprint, sends the words and asks first."""
    from app_pages.drafts import fingerprint

    at = _start()
    line = next(c for c in at.caption if "about" in c.value and "left" in c.value)
    assert f'data-essaycoach-saved="{fingerprint("")}"' in line.value and line.proto.allow_html
    text = "Trotsky’s error — he missed Lenin’s funeral."
    at.text_area(key="practice_essay").input(text).run()
    assert _draft().text == text
    assert any(f'data-essaycoach-saved="{fingerprint(text)}"' in c.value for c in at.caption)


def test_two_prompts_of_one_title_can_each_be_chosen(rubric_copy):
    """Streamlit hands back the option of the label picked: of two prompts shown alike (a
    teacher's copy of a rubric keeps its title), the second could never be chosen."""
    text = (rubric_copy / "trotsky-errors.yaml").read_text(encoding="utf-8")
    copy = text.replace("id: trotsky-errors", "id: trotsky-errors-copy", 1).replace(
        "To what extent was Stalin’s success", "How far was Stalin’s success", 1)
    (rubric_copy / "trotsky-errors-copy.yaml").write_text(copy, encoding="utf-8")
    at = _page()
    box = at.selectbox(key="practice_rubric")
    assert len(set(box.options)) == len(box.options), box.options
    assert sum(o.endswith("(trotsky-errors-copy)") for o in box.options) == 1   # told apart by their ids
    at = box.select("trotsky-errors-copy").run()
    assert any("How far was Stalin’s success" in shown(m.value) for m in at.markdown)
