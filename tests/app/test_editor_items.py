"""The editor as a teacher meets it: errors at the button pressed, panels that stay open,
readable ids, evidence from the rubric's own notes, diffs between versions, one-sided rubrics."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from editor_app import field, save_titles
from editor_app import open_rubric as _open
from editor_app import point_prefix as _prefix
from rendering import shown
from streamlit.testing.v1 import AppTest

from essaycoach.editor_state import is_evidence
from essaycoach.loaders import load_all_rubrics, load_rubric


@pytest.fixture(autouse=True)
def folder(rubric_copy) -> Path:
    return rubric_copy


def _suggest(at: AppTest, query: str) -> AppTest:
    at.text_input(key=field(at, "suggest_q")).input(query)
    return at.button(key="editor_suggest").click().run()


_POINT_ID = re.compile(r"(editor_p_\d+_)id\d*")   # a new point's id has a new key each time it follows its text


def _new_point(at: AppTest) -> str:
    """Add a point; its widgets' key prefix."""
    at.button(key="editor_add_point").click().run()
    return next(m[1] for w in at.text_input if w.key and (m := _POINT_ID.fullmatch(w.key)) and w.value == "new-point")


def _id(at: AppTest, prefix: str) -> str:
    """The key of the id field of the point whose widget keys start with ``prefix``."""
    return next(w.key for w in at.text_input if w.key and (m := _POINT_ID.fullmatch(w.key)) and m[1] == prefix)


def test_add_as_point_asks_which_side_and_says_so_at_the_button(folder):
    at = _suggest(_open(), "General Secretary appointments")
    before = len([w for w in at.text_input if w.key and _POINT_ID.fullmatch(w.key)])
    free = next(b for b in at.button if b.key and re.fullmatch(r"editor_add_\d+", b.key) and not b.disabled)
    at.button(key=free.key).click().run()
    assert not at.exception
    assert any("Choose which side" in shown(e.value) for e in at.error)
    after = len([w for w in at.text_input if w.key and _POINT_ID.fullmatch(w.key)])
    assert after == before                                            # nothing added without a side


def test_editing_a_points_text_keeps_its_panel_open():
    at = _open()
    key = _prefix(at, "funeral")

    def panel():
        (found,) = [e for e in at.expander if e.proto.id.endswith(key + "open")]
        return found.proto.id, found.label

    before = panel()
    at.text_area(key=key + "text").input("Trotsky missed Lenin's funeral, a gift to Stalin.").run()
    at.text_input(key=_id(at, key)).input("missed-funeral").run()
    assert not at.exception
    assert panel() == before        # same element: the browser keeps it open while the teacher types
    assert at.text_area(key=key + "text").value.startswith("Trotsky missed")


def test_a_new_points_id_follows_its_text_until_the_teacher_sets_one(folder):
    at = _open()
    key = _new_point(at)
    at.text_area(key=key + "text").input("Kamenev and Zinoviev were expelled from the party in 1927.").run()
    derived = at.text_input(key=_id(at, key)).value
    assert derived.startswith("kamenev-") and len(derived.split("-")) == 3
    # An id given before, sent back by a browser a run behind, is not the teacher's own.
    at.text_input(key=_id(at, key)).input("new-point")
    at.text_area(key=key + "text").input("Zinoviev was expelled from the party in 1927.").run()
    assert at.text_input(key=_id(at, key)).value.startswith("zinoviev-")
    at.text_input(key=_id(at, key)).input("expulsions").run()
    at.text_area(key=key + "text").input("Kamenev and Zinoviev were expelled in 1927 for opposing Stalin.").run()
    assert at.text_input(key=_id(at, key)).value == "expulsions"
    at.button(key="editor_save").click().run()
    assert "expulsions" in [p.id for p in load_rubric("trotsky-errors", folder).points]


def test_a_saved_points_id_stays_put_when_its_text_changes_and_a_clash_is_an_error(folder):
    """A browser walk: after saving, editing a new point's text renamed its id (detaching marking
    tied to it), and typing its id into another point silently renamed it to "...-2"."""
    at = _open()
    key = _new_point(at)
    at.text_area(key=key + "text").input("Kamenev and Zinoviev were expelled from the party in 1927.").run()
    saved = at.text_input(key=_id(at, key)).value
    at.button(key="editor_save").click().run()
    assert not at.exception and saved in [p.id for p in load_rubric("trotsky-errors", folder).points]
    at.text_area(key=key + "text").input("Zinoviev and Kamenev were thrown out of the party in 1927.").run()
    assert at.text_input(key=_id(at, key)).value == saved
    other = _prefix(at, "funeral")
    at.text_input(key=_id(at, other)).input(saved).run()
    assert at.text_input(key=_id(at, key)).value == saved                  # not renamed behind the teacher's back
    at.button(key="editor_save").click().run()
    assert any("duplicate point id" in shown(e.value) for e in at.error)
    assert saved in [p.id for p in load_rubric("trotsky-errors", folder).points]


def test_suggestions_are_sentences_from_the_rubrics_own_notes_first(folder):
    at = _suggest(_open(), "Stalin power")
    hits = at.session_state["editor_hits"]
    assert hits and all(is_evidence(text) for _, _, _, text in hits)
    rubric = load_rubric("trotsky-errors", folder)
    own = {rubric.source} | {r.source for r in load_all_rubrics(folder)[0] if r.topic == rubric.topic}
    files = [file for _, file, _, _ in hits]
    assert files[0] in own


def test_a_subject_the_notes_do_not_cover_gets_no_unrelated_passages(folder):
    """A browser walk asked for evidence on the First World War and was offered the notes' Second
    World War build-up and the triumvirate's 'alliance': a word in common is no evidence."""
    at = _suggest(_open(), "How far was the assassination of Franz Ferdinand the main cause of the First World War?")
    assert not at.exception and at.session_state["editor_hits"] == []
    assert any("do not seem to cover this" in shown(i.value) for i in at.info)
    at = _suggest(at, "Kirov")                                          # one name: its passages
    assert at.session_state["editor_hits"] and not at.info
    # Nothing typed: the question is looked for, and a question the notes' wording does not share
    # asks for a point's own words.
    at = _open("constitution-1936")
    at = _suggest(at, "")
    assert at.session_state["editor_hits"] == []
    assert any("type the names or words of a point" in shown(i.value) for i in at.info)


def test_versions_show_a_diff_not_raw_yaml(folder):
    at = save_titles(_open(), "First edit", "Second edit")
    diff = at.code[0].value
    assert at.code[0].language == "diff"
    assert re.search(r"^-title: Stalin's rise", diff, re.M) and "+title: Second edit" in diff
    assert len(diff.splitlines()) < 12                                # the change, not the whole file
    at.selectbox(key="editor_version_other").select_index(1).run()    # the older version beside it
    assert "+title: First edit" in at.code[0].value


@pytest.mark.parametrize("side, warned", [("for", True), ("against", True), (None, False)])
def test_a_one_sided_to_what_extent_rubric_is_warned_about(side, warned):
    at = _open()
    for box in [b for b in at.selectbox if b.key and b.key.startswith("editor_p_") and b.key.endswith("_side")]:
        box.select(side or box.value)
    at.run()
    assert any("Every point is on the" in shown(w.value) for w in at.warning) is warned


def test_an_alias_of_only_the_questions_words_is_warned_about_beside_save():
    at = _open()
    at.text_input(key=_prefix(at, "funeral") + "aliases").input("Stalin's success; missed the funeral").run()
    warned = [shown(w.value) for w in at.warning if "uses only words of the question" in shown(w.value)]
    assert len(warned) == 1 and "'Stalin's success' of funeral" in warned[0]


def test_a_points_heading_holds_while_its_problem_is_fixed_and_follows_the_text_once_saved(folder):
    """A panel whose heading changes is a new panel (Streamlit folds it), so the heading may not
    change while the teacher types, not even to drop a problem marker; saving renews it."""
    at = _open()
    key = _new_point(at)
    panel = next(e for e in at.expander if e.proto.label.endswith("(no text yet\\)"))   # escaped Markdown
    assert panel.proto.expanded
    before = panel.proto.label
    at.text_area(key=key + "text").input("Trotsky was expelled from the party in 1927.").run()
    assert not at.exception
    assert [e.proto.label for e in at.expander].count(before) == 1        # the same panel, still open
    assert next(e for e in at.expander if e.proto.label == before).proto.expanded
    at.button(key="editor_save").click().run()
    assert not at.exception and not at.error
    labels = [e.proto.label for e in at.expander]
    assert before not in labels
    assert any("Trotsky was expelled from the party in 1927." in label.replace("\\", "") for label in labels)


def test_a_blank_rubric_says_what_its_defaults_assume_and_an_opened_one_does_not(folder):
    from editor_app import PAGE

    opened = _open()
    hint = "A new rubric starts as a 45-minute, 25-mark essay"
    assert not any(hint in c.value for c in opened.caption)
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    at.button(key="editor_load").click().run()          # the picker's default: a new blank rubric
    assert not at.exception
    assert any(hint in c.value for c in at.caption)


def test_a_question_that_names_its_marks_is_checked_against_the_marks_set(folder):
    """A new 4-mark question left at the blank rubric's 25 marks is marked as an essay (a walk):
    the editor says the question's tariff and the Marks field disagree, until they match."""
    from editor_app import PAGE

    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    at.button(key="editor_load").click().run()          # a new blank rubric
    said = "The question says 4 marks, but Marks is 25"
    assert not any(said in w.value for w in at.warning)
    at.text_area(key=field(at, "question")).input("Explain two ways a plant loses water. [4 marks]").run()
    assert any(said in w.value for w in at.warning)
    at.number_input(key=field(at, "marks")).set_value(4).run()
    assert not at.exception and not any("The question says" in w.value for w in at.warning)



def _levels(at: AppTest) -> list[list[int]]:
    n = len(at.session_state["editor_draft"]["levels"])
    return [[at.number_input(key=field(at, f"l{i}_{end}")).value for end in ("low", "high")] for i in range(n)]


def test_a_short_tariff_is_set_with_levels_that_fit_it_in_one_click(folder):
    """A walk set Marks to 4 and was left with five 25-mark bands it could not save: the
    question's tariff sets Marks and fits the levels in one click, and a Marks typed in offers to
    fit them. The blank rubric's note on its defaults goes once they are set."""
    from editor_app import PAGE

    hint = "A new rubric starts as a 45-minute, 25-mark essay"
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    at.button(key="editor_load").click().run()          # a new blank rubric
    at.text_area(key=field(at, "question")).input("Explain two ways a plant loses water. [4 marks]").run()
    assert "editor_levels_fit" not in [b.key for b in at.button]   # nothing to fit yet
    assert "Set Marks to 4 and Minutes to 5" in at.button(key="editor_marks_fit").label   # a mark a minute, and to read
    at.button(key="editor_marks_fit").click().run()
    assert not at.exception and at.number_input(key=field(at, "marks")).value == 4
    assert at.number_input(key=field(at, "minutes")).value == 5   # not held to an essay's 180 words
    assert _levels(at) == [[1, 1], [2, 2], [3, 4]]      # a short answer: three levels at most
    # ...described as a short answer, with no judgement asked for (a walk read "a well-supported judgement")
    assert not any("judgement" in at.text_area(key=field(at, f"l{i}_desc")).value for i in range(3))
    assert not any("The question says" in w.value for w in at.warning)
    assert not any(hint in c.value for c in at.caption)
    assert at.text_area(key=field(at, "question")).value.endswith("[4 marks]")   # the other fields kept

    # Minutes the teacher set are kept: the tariff button no longer offers to change them
    at.number_input(key=field(at, "minutes")).set_value(6).run()
    at.number_input(key=field(at, "marks")).set_value(30).run()    # a Marks typed in: bands end at 4
    assert at.button(key="editor_marks_fit").label == "Set Marks to 4, and fit the levels to them"
    at.button(key="editor_save").click().run()
    assert any("levels" in shown(e.value).lower() for e in at.error)
    at.button(key="editor_levels_fit").click().run()
    assert not at.exception and _levels(at) == [[1, 8], [9, 15], [16, 30]]
    assert "editor_levels_fit" not in [b.key for b in at.button]
