"""The marking rules (which verdict stands, the level a mark falls in, filters, the order to check
in, analytics over standing verdicts) and the comment bank, on the example class set and the
dev set marked by the real engine."""
from __future__ import annotations

import dataclasses
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaycoach import classes as cls
from essaycoach import comment_bank as bank
from essaycoach import exports, marking
from essaycoach.batch import class_summary, mark_batch
from essaycoach.evaluation import load_labelled
from essaycoach.inputs import EssayInput, essays_from_csv
from essaycoach.marking import Comment, Entry, Filters
from essaycoach.report import STATUSES, UNCREDITED_WHY

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rows(engine, trotsky):
    essays = essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")
    return mark_batch(essays, trotsky, engine)


@pytest.fixture(scope="module")
def entries(rows):
    """Amy Khan, Ben Ortiz, Cat Li (off-topic) and Dan Wu (empty: not marked)."""
    return [Entry(r.student, r.report, r.error) for r in rows]


@pytest.fixture(scope="module")
def dev_entries(engine, trotsky):
    dev = load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml")
    rows = mark_batch([EssayInput(e.student, e.text, "dev") for e in dev], trotsky, engine)
    return [Entry(r.student, r.report, r.error) for r in rows]


def _point(entry: Entry, pid: str):
    return next(p for p in entry.report.points if p.id == pid)


@pytest.mark.parametrize("mark, level", [(0, 0), (1, 1), (5, 1), (6, 2), (9, 2), (10, 2), (11, 3), (15, 3), (16, 4),
                                         (20, 4), (21, 5), (25, 5)])
def test_the_level_is_the_band_that_holds_the_mark(trotsky, mark, level):
    assert [(lv.low, lv.high) for lv in trotsky.levels] == [(1, 5), (6, 10), (11, 15), (16, 20), (21, 25)]
    assert marking.level_for_mark(trotsky, mark) == level


@given(st.integers(min_value=0, max_value=25))
def test_a_higher_mark_never_gives_a_lower_level(mark):
    from essaycoach.loaders import load_rubric

    rubric = load_rubric("trotsky-errors", ROOT / "rubrics")
    assert marking.level_for_mark(rubric, mark) <= marking.level_for_mark(rubric, min(25, mark + 1))


def test_a_teachers_mark_moves_the_final_level(entries, trotsky):
    amy = entries[0]
    assert amy.final_level(trotsky) == amy.report.level and amy.final_mark == amy.report.mark
    low = dataclasses.replace(amy, mark=9)
    assert (low.final_mark, low.final_level(trotsky)) == (9, marking.level_for_mark(trotsky, 9))
    assert low.final_level(trotsky) < amy.report.level
    assert entries[3].final_level(trotsky) is None and entries[3].final_mark is None


@pytest.mark.parametrize("teacher, expected", [(None, "engine"), ("covered", "covered"), ("partial", "partial"),
                                               ("missing", "missing")])
def test_the_teachers_verdict_stands_over_the_engines(entries, teacher, expected):
    amy = entries[0]
    point = _point(amy, "funeral")
    entry = dataclasses.replace(amy, points={"funeral": teacher} if teacher else {})
    assert entry.status(point) == (point.status if expected == "engine" else expected)
    verdicts = {"funeral": cls.Override(0, "funeral", teacher, "why", 0.0)} if teacher else {}
    assert marking.standing_status(point, verdicts) == entry.status(point)


@pytest.mark.parametrize("filters, kept", [
    (Filters(), ["Amy Khan", "Ben Ortiz", "Cat Li", "Dan Wu"]),
    (Filters(search="  ben "), ["Ben Ortiz"]),
    (Filters(search="AMY"), ["Amy Khan"]),
    (Filters(warnings=["off-topic"]), ["Cat Li"]),
    (Filters(warnings=["too-short"]), ["Ben Ortiz", "Cat Li"]),
    (Filters(warnings=[marking.UNREADABLE]), ["Dan Wu"]),
    (Filters(warnings=["off-topic", marking.UNREADABLE]), ["Cat Li", "Dan Wu"]),
    (Filters(unreviewed_only=True), ["Ben Ortiz", "Cat Li", "Dan Wu"]),
    (Filters(check_only=True), "borderline"),
])
def test_filters_keep_what_they_name(entries, trotsky, filters, kept):
    marked = [dataclasses.replace(entries[0], reviewed=True), *entries[1:]]
    got = [e.name for e in marked if marking.keeps(e, trotsky, filters)]
    if kept == "borderline":   # unreviewed essays with a borderline verdict nobody decided
        kept = [e.name for e in marked if not e.reviewed and e.report
                and any(p.borderline and p.id not in e.points for p in e.report.points)]
        assert kept
    assert got == kept


def test_the_level_filter_reads_the_final_level(entries, trotsky):
    amy = dataclasses.replace(entries[0], mark=3)
    assert marking.keeps(amy, trotsky, Filters(levels=[1]))
    assert not marking.keeps(amy, trotsky, Filters(levels=[entries[0].report.level]))


def test_deciding_a_borderline_point_takes_it_off_the_list(entries):
    ben = entries[1]
    assert ben.to_check
    decided = dataclasses.replace(ben, points={pid: "covered" for pid in ben.to_check})
    assert decided.to_check == [] and dataclasses.replace(ben, reviewed=True).to_check == []


@pytest.mark.parametrize("fraction, name", [
    (-0.5, "very low"), (0.0, "very low"), (0.19, "very low"), (0.2, "low"), (0.39, "low"), (0.4, "middling"),
    (0.5, "middling"), (0.6, "good"), (0.79, "good"), (0.8, "strong"), (0.97, "strong"), (1.0, "strong"),
    (1.7, "strong"),
])
def test_coverage_colours_go_from_bad_to_good_in_steps(fraction, name):
    assert marking.coverage_band(fraction).name == name


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("band", marking.COVERAGE_BANDS, ids=lambda b: b.name)
def test_each_coverage_colour_keeps_its_number_readable(band):
    light, dark = sorted((_luminance(band.background), _luminance(band.text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5   # WCAG AA for normal text


def test_the_coverage_scale_is_ordered_and_distinct():
    lows = [b.low for b in marking.COVERAGE_BANDS]
    assert lows == sorted(lows) and lows[0] == 0.0 and len(set(b.background for b in marking.COVERAGE_BANDS)) == 5


@pytest.mark.parametrize("current", range(4))
def test_next_to_check_goes_forward_and_wraps(dev_entries, current):
    waiting = [i for i, e in enumerate(dev_entries) if e.to_check]
    assert waiting
    got = marking.next_to_check(dev_entries, current)
    expected = next(i for i in waiting + [w + len(dev_entries) for w in waiting] if i > current) % len(dev_entries)
    assert got == expected


def test_nothing_to_check_gives_none(dev_entries):
    done = [dataclasses.replace(e, reviewed=True) for e in dev_entries]
    assert marking.next_to_check(done, 0) is None


@pytest.mark.parametrize("current, by, expected", [(0, -1, 0), (0, 1, 1), (3, 1, 3), (2, -1, 1), (1, 5, 3)])
def test_previous_and_next_stay_in_the_set(entries, current, by, expected):
    assert marking.step(entries, current, by) == expected


def test_analytics_count_standing_verdicts_and_set_flagged_essays_apart(entries, rows, trotsky):
    engine_only = marking.analytics(entries, trotsky)
    assert engine_only.counted == 2 and engine_only.failed == 1
    assert engine_only.set_apart == (("Cat Li", ("off-topic",)),)
    before = {s.id: s for s in engine_only.points}
    # The engine's own summary counts Cat Li too; ours does not.
    engine_counts = class_summary(rows, trotsky).points
    assert sum(s.covered + s.partial + s.missing for s in engine_counts) == 3 * len(trotsky.points)
    assert all(s.covered + s.partial + s.missing == 2 for s in engine_only.points)
    amy = entries[0]
    made = [p.id for p in amy.report.points if p.status == "covered"]
    overridden = [dataclasses.replace(amy, points={made[0]: "missing"}, mark=4), *entries[1:]]
    after = marking.analytics(overridden, trotsky)
    got = {s.id: s for s in after.points}
    assert got[made[0]].missing == before[made[0]].missing + 1
    assert got[made[0]].covered == before[made[0]].covered - 1
    assert after.mean_mark == (4 + entries[1].report.mark) / 2
    ben_level = entries[1].report.level
    counts = {1: 1}
    counts[ben_level] = counts.get(ben_level, 0) + 1
    assert after.level_counts == tuple(sorted(counts.items()))   # Amy's mark of 4 is level 1
    assert [s.missed_share for s in after.points] == sorted((s.missed_share for s in after.points), reverse=True)


def test_cells_carry_the_standing_verdict_and_who_made_it(entries):
    amy = dataclasses.replace(entries[0], points={"funeral": "missing"})
    cells = {(c.student, c.point): c for c in marking.cells([amy, *entries[1:]])}
    assert len(cells) == 3 * len(amy.report.points)   # Dan Wu was not marked
    funeral = cells[("Amy Khan", "funeral")]
    assert (funeral.status, funeral.teacher, funeral.engine) == ("missing", True, _point(amy, "funeral").status)


def test_entries_from_stored_marking(rows):
    mine = {0: {"funeral": cls.Override(0, "funeral", "missing", "x", 0.0),
                cls.MARK: cls.Override(0, cls.MARK, "7", "y", 0.0)}}
    built = marking.entries([r.student for r in rows], rows, mine, {1}, cls.MARK, {0: (Comment("Good start"),)})
    assert built[0].points == {"funeral": "missing"} and built[0].mark == 7
    assert built[0].comments == (Comment("Good start"),)
    assert built[1].reviewed and not built[0].reviewed and built[1].mark is None


@pytest.mark.parametrize("choice, reason, picked, expected", [
    ("same", "", (), {}),                                   # the engine's own verdict is no override
    ("other", "wrong event", (), {"funeral": ("other", "wrong event")}),
    ("other", "", (), {"funeral": ("other", "")}),          # no reason: classes refuses it with a message
    ("other", "", (Comment("Say why it mattered", "funeral"),), {"funeral": ("other", "Say why it mattered")}),
    ("other", "", (Comment("General", None),), {"funeral": ("other", "")}),
])
def test_a_marking_screen_keeps_only_changed_verdicts(entries, choice, reason, picked, expected):
    amy = entries[0]
    engine_status = _point(amy, "funeral").status
    other = next(s for s in STATUSES if s != engine_status)
    status = engine_status if choice == "same" else other
    got = marking.point_overrides(amy.report, {"funeral": (status, reason)}, picked)
    assert got == {k: (other, r) for k, (_, r) in expected.items()}


# --- the comment bank ---

@pytest.fixture()
def db(tmp_path):
    with closing(bank.open_db(tmp_path / "db.sqlite3")) as conn:
        yield conn


def test_comments_are_kept_per_rubric_picked_per_essay_and_reach_the_downloads(db, rows, trotsky):
    essays = [EssayInput(r.student, "text", r.origin, r.error) for r in rows]
    set_id = cls.create_set(db, "12B", trotsky.id, essays)
    general = bank.add(db, trotsky.id, "  Plan   your answer  ")
    on_funeral = bank.add(db, trotsky.id, "Say why the funeral mattered", "funeral")
    bank.add(db, "purge-necessary", "Another rubric's comment")
    assert [c.text for c in bank.bank(db, trotsky.id)] == ["Plan your answer", "Say why the funeral mattered"]
    bank.pick(db, set_id, 0, [on_funeral.id, general.id, general.id])
    picked = bank.comments(db, set_id)
    assert picked == {0: (Comment("Plan your answer"), Comment("Say why the funeral mattered", "funeral"))}
    record = exports.marks_records(rows, trotsky, comments=picked)[0]
    assert record["comments"] == "Plan your answer; funeral: Say why the funeral mattered"
    page = exports.feedback_html(rows[0].report, "text", trotsky, comments=picked[0])
    assert "Your teacher's comments" in page and "Say why the funeral mattered" in page
    bank.edit(db, on_funeral.id, "Explain the funeral's effect")
    assert bank.comments(db, set_id)[0][1].text == "Explain the funeral's effect"
    bank.remove(db, general.id)
    assert bank.comments(db, set_id) == {0: (Comment("Explain the funeral's effect", "funeral"),)}
    cls.delete_set(db, set_id)
    assert bank.picked(db, set_id) == {} and len(bank.bank(db, trotsky.id)) == 1


@pytest.mark.parametrize("text, problem", [("", "needs some text"), ("   \n ", "needs some text"),
                                           ("x" * 501, "at most 500"), ("Plan your answer", "already holds")])
def test_a_bad_comment_is_refused_with_a_reason(db, text, problem):
    bank.add(db, "trotsky-errors", "Plan your answer")
    with pytest.raises(bank.CommentError, match=problem):
        bank.add(db, "trotsky-errors", text)


@pytest.mark.parametrize("text, point, noted", [
    # Its match scores above the cut-off for partial, on words most of the points use ("shot"):
    # the screen says why it is missing, rather than leave "missing (match 0.53)" unexplained.
    ("Then they were shot.", "old-politburo", True),
    ("Many officers were shot.", "army-purge", False),          # covered: the match explains itself
    ("The weather was cold that winter.", "old-politburo", False),  # missing, and no match to explain
])
def test_the_marking_screen_explains_a_high_match_left_missing(engine, text, point, noted):
    from essaycoach.loaders import load_rubric

    report = engine.grade(text, load_rubric("purge-necessary", ROOT / "rubrics"))
    p = next(p for p in report.points if p.id == point)
    # Said once: by the note, or by the check when there is one (it names the nearest sentence
    # too); never a note saying it was taken back beside a check calling it near "made".
    said = [s for s in (marking.engine_note(p, report), p.check) if s and UNCREDITED_WHY in s]
    assert len(said) == noted, p
    assert not (marking.engine_note(p, report) and p.check)
    assert p.status == "covered" or not noted or p.score >= 0.3


def test_an_essay_answering_another_question_gets_no_note_beside_its_points(engine):
    """Its off-topic flag says why every point is missing: blaming shared words would mislead."""
    from essaycoach.evaluation import load_labelled
    from essaycoach.loaders import load_rubric

    essay = load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml")[0]
    report = engine.grade(essay.text, load_rubric("purge-necessary", ROOT / "rubrics"))
    assert "off-topic" in {f.code for f in report.warnings}
    assert any(p.score >= 0.3 for p in report.points)  # matches that would otherwise be noted
    assert not any(marking.engine_note(p, report) for p in report.points)


def test_marking_again_with_the_same_rubric_changes_nothing(rows, engine, trotsky):
    before = {i: r.report for i, r in enumerate(rows) if r.report is not None}
    essays = essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")
    assert not marking.remarked(before, mark_batch(essays, trotsky, engine))


def test_marking_again_after_the_rubric_changed_names_each_essay_that_moved(rows, engine, trotsky):
    """A teacher who added an alias and reopened the set saw other marks, with no reason why."""
    before = {i: r.report for i, r in enumerate(rows) if r.report is not None}
    gone = trotsky.points[0].id
    fewer = dataclasses.replace(trotsky, points=trotsky.points[1:])   # a point removed: the marks move
    essays = essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")
    after = mark_batch(essays, fewer, engine)
    changed = marking.remarked(before, after)
    assert (changed.gone, changed.new) == ((gone,), ())   # said once for the set, not "→ none" per essay
    assert {c.row for c in changed.essays} <= set(before)   # the empty essay was marked neither time
    assert all(gone not in {pid for pid, _, _ in c.points} for c in changed.essays)
    assert all((c.before, c.after) == (before[c.row].mark, after[c.row].report.mark) for c in changed.essays)
    assert all(c.points or c.before != c.after for c in changed.essays)


def test_a_point_renamed_is_one_gone_and_one_new_not_a_verdict_per_essay(rows, engine, trotsky):
    """Renaming "solution" to "solution-corrosion" in the editor read as "the engine's verdicts
    changed for 7 essays (Priya Shah: solution covered → none, solution-corrosion none → covered; …)"."""
    before = {i: r.report for i, r in enumerate(rows) if r.report is not None}
    old = trotsky.points[0]
    renamed = dataclasses.replace(trotsky, points=(dataclasses.replace(old, id=f"{old.id}-renamed"),
                                                   *trotsky.points[1:]))
    essays = essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")
    changed = marking.remarked(before, mark_batch(essays, renamed, engine))
    assert (changed.gone, changed.new) == ((old.id,), (f"{old.id}-renamed",))
    assert all(was != "none" and now != "none" for c in changed.essays for _, was, now in c.points)


def _reviewed_report(ids, statuses=None, mark=15):
    from essaycoach.report import PointResult, Report

    statuses = statuses or {}
    points = tuple(PointResult(pid, "for", pid, 1.0, statuses.get(pid, "covered"), 0.9, None, None, None, None)
                   for pid in ids)
    return Report("trotsky-errors", "Priya", 300, 12, points, (), 1.0, "n/a", "n/a", None, 3, mark, 25, ())


def test_a_reviewed_essay_says_its_ruling_on_a_renamed_point_no_longer_applies():
    """The marking screen said "Reviewed by you: the engine's verdicts you left alone count as
    agreed" over a ruling detached by a rename and the engine's verdict on the new id."""
    now = _reviewed_report(["testament", "solution-corrosion"])
    ruled = {"solution": cls.Override(0, "solution", "missing", "not made", 0.0), cls.MARK:
             cls.Override(0, cls.MARK, "12", "fair", 0.0)}
    note = marking.review_note(now, ruled, _reviewed_report(["testament", "solution"]), cls.MARK)
    assert note is not None and "agreed" in note
    assert "your verdict on point “solution” no longer applies: that point is no longer in the rubric" in note
    assert "the engine's verdict on point “solution-corrosion”, new since you reviewed, is not agreed" in note
    assert marking.detached(ruled, ["testament", "solution-corrosion"], cls.MARK) == ("solution",)
    # nothing changed since the review: the usual line stands
    assert marking.review_note(now, {}, _reviewed_report(["testament", "solution-corrosion"]), cls.MARK) is None
    assert marking.review_note(now, {}, None, cls.MARK) is None   # not known: nothing to say


def test_a_reviewed_essay_whose_verdict_the_new_rubric_changed_does_not_count_it_as_agreed():
    """A walk edited the rubric after reviewing an essay: a verdict that moved read as agreed."""
    agreed = _reviewed_report(["testament", "funeral", "congress"], mark=15)
    now = _reviewed_report(["testament", "funeral", "congress"], {"funeral": "partial", "congress": "missing"},
                           mark=11)
    note = marking.review_note(now, {}, agreed, cls.MARK)
    assert note is not None and note.startswith("Reviewed by you before it was marked again")
    assert "the engine's verdicts on “funeral” (covered → partial), “congress” (covered → missing) changed " \
           "since you reviewed and are not agreed" in note
    assert "the engine's mark changed from 15 to 11" in note
    # a point the teacher ruled on, and a mark they gave, are theirs: no change of the engine's is news
    ruled = {pid: cls.Override(0, pid, "covered", "made", 0.0) for pid in ("funeral", "congress")}
    assert marking.review_note(now, ruled | {cls.MARK: cls.Override(0, cls.MARK, "14", "fair", 0.0)}, agreed,
                               cls.MARK) is None


R = marking.Remarked


@pytest.mark.parametrize("first, later, together", [
    # a verdict moved twice: from the first to the last
    (marking.Remarking(essays=(R(0, 10, 12, (("funeral", "missing", "partial"),)),)),
     marking.Remarking(essays=(R(0, 12, 14, (("funeral", "partial", "covered"),)),)),
     marking.Remarking(essays=(R(0, 10, 14, (("funeral", "missing", "covered"),)),))),
    # moved back: no change left, and the essay drops out
    (marking.Remarking(essays=(R(0, 10, 12, (("funeral", "missing", "partial"),)),)),
     marking.Remarking(essays=(R(0, 12, 10, (("funeral", "partial", "missing"),)),)),
     marking.Remarking()),
    # other essays each keep their own change
    (marking.Remarking(essays=(R(0, 10, 12, ()),)), marking.Remarking(essays=(R(3, 5, 4, ()),)),
     marking.Remarking(essays=(R(0, 10, 12, ()), R(3, 5, 4, ())))),
    # renamed, then renamed back: nothing gone, nothing new
    (marking.Remarking(gone=("funeral",), new=("funeral-missed",)),
     marking.Remarking(gone=("funeral-missed",), new=("funeral",)), marking.Remarking()),
    # renamed twice: the first id gone, the last new
    (marking.Remarking(gone=("funeral",), new=("funeral-2",)),
     marking.Remarking(gone=("funeral-2",), new=("funeral-3",)),
     marking.Remarking(gone=("funeral",), new=("funeral-3",))),
])
def test_two_re_markings_not_yet_dismissed_add_up(first, later, together):
    assert first.then(later) == together
    assert marking.Remarking.from_dict(together.to_dict()) == together


def test_a_stored_notice_this_version_cannot_read_is_replaced_not_a_crash(tmp_path):
    """Marking a set again adds to the notice stored; one damaged in the database is replaced."""
    from contextlib import closing

    with closing(cls.open_db(tmp_path / "db.sqlite3")) as db:
        set_id = cls.create_set(db, "s", "trotsky-errors", [])
        db.execute("INSERT INTO class_remarks VALUES (?, ?, 0, 0)", (set_id, '{"essays": [[1, 2]]}'))
        assert cls.remarked_notice(db, set_id) is None
        change = marking.Remarking(essays=(R(0, 10, 12, ()),))
        cls.note_remarked(db, set_id, change, learnt=True)
        assert cls.remarked_notice(db, set_id) == (change, True)
        cls.note_remarked(db, set_id, marking.Remarking(essays=(R(0, 12, 14, ()),)), learnt=False)
        assert cls.remarked_notice(db, set_id) == (marking.Remarking(essays=(R(0, 10, 14, ()),)), False)
        cls.dismiss_remarked(db, set_id)
        assert cls.remarked_notice(db, set_id) is None


@pytest.mark.parametrize("name, data, cell", [
    ("bin.txt", bytes(range(256)) * 2, "looks like a binary file (an image, program or archive), not an essay"),
    ("fake.docx", b"PK\x03\x04garbage", "is not a readable .docx file"),
    ("blank.txt", b"   \n\n", "empty essay"),
])
def test_a_files_error_in_the_marks_table_says_what_is_wrong_first(engine, name, data, cell):
    """The cell leaves out the file's name (its row names it) and the advice the notice gives
    whole: a walk saw a cut-off cell that had said nothing yet."""
    from essaycoach.inputs import essays_from_uploads
    from essaycoach.loaders import load_rubric

    essays, _ = essays_from_uploads([(name, data), ("ok.txt", b"Stalin controlled appointments.")])
    rows = mark_batch(essays, load_rubric("trotsky-errors", ROOT / "rubrics"), engine)
    bad = next(r for r in rows if r.report is None)
    shown = marking.error_cell(bad.error, bad.origin)
    assert shown.startswith(cell) and name not in shown and ";" not in shown, (bad.error, shown)
    assert shown in bad.error
    assert [marking.error_cell(r.error, r.origin) for r in rows if r.report is not None] == [""]
