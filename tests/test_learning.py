"""Learning from the teacher's marking: exemplars (credited and rejected wordings), marks-only
cut-offs, and the never-worse rule, on the shipped rubrics and the dev set."""
from __future__ import annotations

import json
import random
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from test_calibrate import dev_labels, marked_csv
from test_cli import rubric_copy, rubrics_home, run  # noqa: F401 (fixtures shared with the CLI tests)

from essaycoach import classes as cls
from essaycoach.batch import mark_batch
from essaycoach.calibrate import (
    DEFAULTS_KEPT,
    PARTS,
    TeacherLabel,
    calibrate,
    fit_calibration,
    keep_only,
    labels_from_inputs,
    merit,
)
from essaycoach.errors import CalibrationError
from essaycoach.exemplars import Exemplar, dedupe, strict_points, with_exemplars
from essaycoach.inputs import EssayInput, essays_from_csv
from essaycoach.learn import (
    PointChange,
    RemarkPreview,
    best_sentences,
    fit_shift,
    learn_exemplars,
    lesson_calibration,
    mark_with_lessons,
    remark_plan,
    remark_preview,
)
from essaycoach.loaders import load_calibration, load_rubric, save_calibration
from essaycoach.markup import counted
from essaycoach.thresholds import Calibration, Thresholds, calibration_from_dict, calibration_to_dict

ROOT = Path(__file__).resolve().parents[1]
OPENING = ("After Stalin died in 1953 the new leaders wanted change. "
           "Khrushchev gave the Secret Speech in 1956 attacking Stalin. ")
# An opening on each rubric's own subject that makes none of the points under test: an opening
# on another subject would make these short essays answers to another question (off-topic).
OPENINGS = {
    "destalinization-causes": OPENING,
    "cult-propaganda": "Stalin's cult of personality grew through the 1930s. Historians still argue about why it "
                       "took hold. ",
    "purge-necessary": "The Great Purge of the later 1930s reached every part of Soviet life. Historians still argue "
                       "about its causes. ",
    "trotsky-errors": "After Lenin died in 1924 the leading Bolsheviks competed to succeed him. Historians still "
                      "argue about why Stalin won. ",
}


def status(engine, rubric, text, point, calibration=None):
    report = engine.grade(text, rubric, calibration=calibration)
    return next(p for p in report.points if p.id == point).status


def taught(rubric_id, *exemplars):
    return Calibration(rubric_id, (), (), 1, "", tuple(exemplars))


# --- exemplar effects: (rubric, point, what the teacher marked, a new essay's sentence, before, after)
EFFECTS = [
    # credited paraphrase: another student's wording of the same point is now found
    ("destalinization-causes", "end-fear",
     Exemplar("end-fear", "The people in charge stopped the secret police dragging people off at night.", True),
     "The new bosses made the secret police stop taking people away in the night.", "missing", "covered"),
    ("destalinization-causes", "end-fear",
     Exemplar("end-fear", "The people in charge stopped the secret police dragging people off at night.", True),
     "The people in charge stopped the secret police dragging people off at night.", "missing", "covered"),
    # rejected false match: the same wording in another essay no longer makes the point
    ("cult-propaganda", "theatre-film",
     Exemplar("theatre-film", "There was censorship so nothing bad about Stalin could be printed.", False),
     "There was censorship so nothing bad about Stalin could be printed.", "covered", "partial"),
    ("cult-propaganda", "theatre-film",
     Exemplar("theatre-film", "There was censorship so nothing bad about Stalin could be printed.", False),
     "There was strict censorship, so nothing bad about Stalin could ever be printed.", "covered", "partial"),
]


# A partial match like a sentence the teacher credited or confirmed (another student's, the engine
# had found it) is credited: each pair is two dev-set students' wordings of the point.
CONFIRMED = Exemplar("end-fear", "because the terror ended and people were less afraid,", True, confirmed=True)
EFFECTS += [
    ("destalinization-causes", "end-fear", CONFIRMED,
     "These were quite big changes because people were not living in fear as much.", "partial", "covered"),
    ("destalinization-causes", "end-fear", CONFIRMED,
     "I think this happened because they were sick of living in fear.", "partial", "covered"),
    ("trotsky-errors", "socialism-one-country",
     Exemplar("socialism-one-country", "Also his idea of Socialism in One Country was more popular than Trotsky's "
              "Permanent Revolution because people were tired of war and wanted to build Russia up first.", True,
              confirmed=True),
     "He also had the idea of building communism in Russia first instead of trying to spread revolution round "
     "the world like Trotsky wanted, and most people liked that better because they'd had enough of fighting.",
     "partial", "covered"),
    ("trotsky-errors", "testament",
     Exemplar("testament", "He didnt get the testament published which said Stalin was rude and should be sacked",
              True, confirmed=True),
     "In it Lenin said Stalin was too rude and that the party should find a way of getting him out of his job.",
     "partial", "covered"),
    # ... and one whose words speak for another point more ("may-day"), missing for the engine: the
    # teacher's credit outranks the engine's doubt (calibration's gain halved when such credits
    # went to missing, out of reach of the teacher's wordings)
    ("cult-propaganda", "portraits",
     Exemplar("portraits", "His face was on posters in every school and factory, and on May Day huge portraits of "
              "him were carried through Red Square and even trailed behind planes.", True),
     "At the May Day parades planes flew over Red Square trailing giant portraits of him, and the tanks, workers "
     "and children marching underneath all went past an enormous picture of Stalin.", "missing", "covered"),
    # ... but not one that shares too little with it (a different development of the point)
    ("destalinization-causes", "brezhnev",
     Exemplar("brezhnev", "Later on Brezhnev became leader and things went back to being more strict.", True,
              confirmed=True),
     "After Khrushchev was removed in 1964, Brezhnev brought back more repression and crushed the Prague Spring "
     "in 1968.", "partial", "partial"),
]


@pytest.mark.parametrize(("rubric_id", "point", "exemplar", "sentence", "before", "after"), EFFECTS)
def test_an_exemplar_changes_the_verdict_on_a_new_essay(engine, rubric_id, point, exemplar, sentence, before, after):
    rubric = load_rubric(rubric_id, ROOT / "rubrics")
    text = OPENINGS[rubric_id] + sentence
    assert status(engine, rubric, text, point) == before
    assert status(engine, rubric, text, point, taught(rubric_id, exemplar)) == after


def test_a_rejected_wording_leaves_other_points_and_genuine_statements_alone(engine):
    rubric = load_rubric("cult-propaganda", ROOT / "rubrics")
    no = Exemplar("theatre-film", "There was censorship so nothing bad about Stalin could be printed.", False)
    genuine = OPENINGS[rubric.id] + ("Plays and films that did not fit Party ideology were banned, and 20 theatres "
                                     "in Moscow and Leningrad were closed in 1937-38.")
    assert status(engine, rubric, genuine, "theatre-film", taught(rubric.id, no)) == "covered"


def test_a_rejected_match_is_flagged_for_checking(engine):
    rubric = load_rubric("cult-propaganda", ROOT / "rubrics")
    no = Exemplar("theatre-film", "There was censorship so nothing bad about Stalin could be printed.", False)
    report = engine.grade(OPENINGS[rubric.id] + no.sentence, rubric, calibration=taught(rubric.id, no))
    assert next(p for p in report.points if p.id == "theatre-film").borderline


# --- points the teacher mostly took back: (confirmed, rejected) per point -> strict or not ----------
def _judged(point, agreed, rejected, other_agreed=8):
    yes = [Exemplar(point, f"agreed sentence number {i} for this point", True, confirmed=True) for i in range(agreed)]
    no = [Exemplar(point, f"rejected sentence number {i} for this point", False) for i in range(rejected)]
    elsewhere = [Exemplar("kirov-murder", f"agreed sentence number {i} elsewhere", True, confirmed=True)
                 for i in range(other_agreed)]
    return (*yes, *no, *elsewhere)


@pytest.mark.parametrize(("agreed", "rejected", "strict"), [
    (0, 1, False),   # one rejection never makes a point strict
    (0, 2, False),
    (0, 4, True),    # the teacher took back every one of four credits
    (1, 5, True),
    (4, 4, False),   # as often agreed as not: the engine's own match still counts
    (6, 2, False),
])
def test_a_point_becomes_strict_only_when_the_teacher_mostly_took_its_credit_back(agreed, rejected, strict):
    rubric = load_rubric("purge-necessary", ROOT / "rubrics")
    found = strict_points(_judged("show-trials-effect", agreed, rejected), rubric)
    assert ("show-trials-effect" in found) is strict
    assert "kirov-murder" not in found


@pytest.mark.parametrize(("rejected", "strict"), [(1, False), (2, False), (3, True)])
def test_where_the_engine_was_often_wrong_two_rejections_still_make_no_point_strict(rejected, strict):
    """A new rubric the engine marks badly: the class-wide agreement is low (2 of 9 credits
    confirmed), yet one or two rejections of a point never make it strict (a browser walk saw
    one rejection hold back correct sentences in every other essay)."""
    rubric = load_rubric("purge-necessary", ROOT / "rubrics")
    found = strict_points(_judged("show-trials-effect", 0, rejected, other_agreed=2)
                          + tuple(Exemplar("scale", f"rejected elsewhere {i}", False) for i in range(5)), rubric)
    assert ("show-trials-effect" in found) is strict


def test_rejections_of_a_point_the_rubric_no_longer_has_make_nothing_strict():
    rubric = load_rubric("purge-necessary", ROOT / "rubrics")
    assert strict_points(_judged("no-such-point", 0, 9), rubric) == frozenset()


# Sentences of dev-set essays whose teacher said the show-trials point (they terrified the party)
# was not made, though each mentions the show trials; and one that makes it.
MENTIONS = ["Stalins old rivals Zinovev and Kamanev were blamed and put on show trial in 1936.",
            "Secondly the show trials were obviously fake.",
            "At the show trials they confessed to crazy things like working with Trotsky to overthrow the state.",
            "In the show trials of 1936, 1937 and 1938 they confessed to absurd crimes like plotting with Trotsky."]
TERRIFIED = "The show trials of famous old Bolsheviks terrified ordinary party members, so nobody dared to speak out."


def test_a_strict_point_is_credited_only_like_the_sentences_the_teacher_credited(engine):
    rubric = load_rubric("purge-necessary", ROOT / "rubrics")
    taught_by = taught(rubric.id, *[Exemplar("show-trials-effect", s, False) for s in MENTIONS],
                       Exemplar("show-trials-effect", TERRIFIED, True))
    mention = OPENINGS[rubric.id] + ("Bukharin and Rykov were put on a show trial in 1938 and confessed to plotting "
                                     "with Trotsky.")
    assert status(engine, rubric, mention, "show-trials-effect") == "covered"
    report = engine.grade(mention, rubric, calibration=taught_by)
    point = next(p for p in report.points if p.id == "show-trials-effect")
    assert (point.status, point.why) == ("partial", "it is not yet like the answers your teacher credited "
                                                    "for this point")
    like = OPENINGS[rubric.id] + ("The show trials of the old Bolsheviks terrified the ordinary party members, "
                      "so nobody dared speak.")
    assert status(engine, rubric, like, "show-trials-effect", taught_by) == "covered"
    # Other points keep the engine's own matches.
    assert status(engine, rubric, mention, "false-charges", taught_by) == status(engine, rubric, mention,
                                                                                  "false-charges")


# --- rubric edits ----------------------------------------------------------------------------------

def test_exemplars_survive_an_edit_that_keeps_the_point_id_and_go_with_the_point(engine):
    rubric = load_rubric("destalinization-causes", ROOT / "rubrics")
    credit = Exemplar("end-fear", "The people in charge stopped the secret police dragging people off at night.", True)
    probe = OPENING + "The new bosses made the secret police stop taking people away in the night."
    reworded = replace(rubric, points=tuple(
        replace(p, text="Leaders wanted to end the terror and fear of the Stalin years.") if p.id == "end-fear" else p
        for p in rubric.points))
    assert status(engine, reworded, probe, "end-fear", taught(rubric.id, credit)) == "covered"
    dropped = replace(rubric, points=tuple(p for p in rubric.points if p.id != "end-fear"))
    assert with_exemplars(dropped, [credit]) == dropped
    report = engine.grade(probe, dropped, calibration=taught(rubric.id, credit))
    assert "end-fear" not in {p.id for p in report.points}


def test_credited_wordings_become_aliases_once(trotsky):
    ex = Exemplar("testament", "He  never got Lenin's will read out to the party.", True)
    twice = with_exemplars(trotsky, [ex, replace(ex, student="other")])
    point = twice.point("testament")
    assert point.aliases[-1] == "He never got Lenin's will read out to the party."
    assert len(point.aliases) == len(trotsky.point("testament").aliases) + 1


def test_dedupe_keeps_the_latest_and_bounds_each_point():
    many = [Exemplar("p", f"sentence number {i} about the point", True) for i in range(40)]
    kept = dedupe([*many, many[0]])
    assert len(kept) == 12 and kept[-1] == many[0]
    new_wording = Exemplar("p", "a wording the engine missed", True)
    confirmed = [replace(e, confirmed=True) for e in many]
    assert new_wording in dedupe([new_wording, *confirmed]) and len(dedupe([new_wording, *confirmed])) == 13
    assert dedupe([Exemplar("p", "A b c d", True), Exemplar("p", "a  B c d", False)]) == (
        Exemplar("p", "A b c d", True), Exemplar("p", "a  B c d", False))


# --- learning from labels ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "engine_said", "learnt"), [
    # half made: the engine quoted it for the point, the teacher saw it and credited it
    ("People should not have to be afraid any more.", "partial", True),
    # the same though it is mainly about another point (0.37 here, 0.86 for the prisoners
    # released): the teacher credited the point on the sentence the engine showed them
    ("Millions of prisoners were let out of the gulags and people were less afraid.", "partial", True),
    # missed: the best sentence for the point, nearly as much about it as about another (0.30 to 0.37)
    ("The new bosses made the secret police stop taking people away in the night.", "missing", True),
    # missed, and no sentence shares enough with the point to be a guess: the teacher picks it
    ("Millions of prisoners were let out of the gulags.", "missing", False),
])
def test_a_credited_point_the_engine_did_not_make_teaches_the_sentence_behind_it(engine, sentence, engine_said,
                                                                                  learnt):
    rubric = load_rubric("destalinization-causes", ROOT / "rubrics")
    text = OPENING + sentence
    report = engine.grade(text, rubric)
    assert next(p for p in report.points if p.id == "end-fear").status == engine_said
    if engine_said == "missing":
        assert (best_sentences(engine, rubric, text).get("end-fear", ("", 0.0))[0] == sentence) == learnt
    cal = fit_calibration([report] * 5, [TeacherLabel("a", text, {"end-fear": 1})] * 5, rubric, engine=engine)
    assert [e.sentence for e in cal.exemplars if e.point == "end-fear"] == ([sentence] if learnt else [])


def test_a_credited_point_whose_sentence_speaks_for_another_point_more_is_learnt(engine):
    """The engine half credits a point only on words that speak for it; a sentence scoring as a
    half whose words speak for another point more reads "missing". A teacher who credits the
    point there teaches that sentence all the same: it is where they saw the point made."""
    rubric = load_rubric("cult-propaganda", ROOT / "rubrics")
    sentence = ("At the May Day parades planes flew over Red Square trailing giant portraits of him, and the tanks, "
                "workers and children marching underneath all went past an enormous picture of Stalin.")
    text = OPENINGS["cult-propaganda"] + sentence
    report = engine.grade(text, rubric)
    verdicts = {p.id: p.status for p in report.points}
    assert verdicts["portraits"] == "missing" and verdicts["may-day"] == "covered"
    cal = fit_calibration([report] * 5, [TeacherLabel("a", text, {"portraits": 1})] * 5, rubric, engine=engine)
    assert [e.sentence for e in cal.exemplars if e.point == "portraits"] == [sentence]


def test_a_teacher_picked_sentence_wins_over_the_engine_guess(engine):
    rubric = load_rubric("destalinization-causes", ROOT / "rubrics")
    text = OPENING + "People stopped being so scared of a knock at the door."
    picked = "People stopped being so scared of a knock at the door."
    label = TeacherLabel("a", text, {"end-fear": 1}, sentences={"end-fear": picked})
    cal = fit_calibration([engine.grade(text, rubric)] * 5, [label] * 5, rubric, engine=engine)
    assert [e.sentence for e in cal.exemplars if e.positive] == [picked]


def test_agreeing_with_the_engine_confirms_its_sentences_and_teaches_no_alias(engine):
    rubric, labels = dev_labels("trotsky-errors")
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    agree = [replace(l, points={p.id: int(p.status == "covered") for p in r.points}) for l, r in zip(labels, reports)]
    learnt = fit_calibration(reports, agree, rubric, engine=engine).exemplars
    assert learnt and all(e.positive and e.confirmed and e.kind == "confirmed" for e in learnt)
    quoted = {(r.student, p.id): p.sentence for r in reports for p in r.points if p.status == "covered"}
    assert all(quoted[(e.student, e.point)] == e.sentence for e in learnt)
    assert with_exemplars(rubric, learnt) == rubric


NOTES = "Notes\n- Secret Speech 1956, 20th congress\n- body out of mausoleum 1961\n- Brezhnev - back to strict\n"
FOUND_IT = Exemplar("mausoleum-volgograd", "His body was moved out of Lenin's mausoleum in 1961.", True, confirmed=True)


@pytest.mark.parametrize(("exemplars", "after"), [
    ((), "partial"),
    # a note like a credited sentence stays capped: crediting sentences says nothing of notes
    ((FOUND_IT,), "partial"),
    # a teacher who credited a point made in note form accepts notes like what they credited
    ((FOUND_IT, Exemplar("secret-speech", "Secret Speech - 20th congress 1956 - cult of personality", True)),
     "covered"),
])
def test_a_note_is_credited_like_a_sentence_only_for_a_teacher_who_credits_notes(engine, exemplars, after):
    rubric = load_rubric("destalinization-causes", ROOT / "rubrics")
    cal = taught(rubric.id, *exemplars) if exemplars else None
    assert status(engine, rubric, NOTES, "mausoleum-volgograd", cal) == after


def test_a_denial_like_a_credited_sentence_is_not_credited(engine):
    rubric = load_rubric("trotsky-errors", ROOT / "rubrics")
    credit = Exemplar("funeral", "Trotsky missed Lenin's funeral because Stalin gave him the wrong date.", True,
                      confirmed=True)
    denial = "Trotsky did not miss Lenin's funeral; Stalin never gave him a wrong date."
    report = engine.grade(OPENINGS[rubric.id] + denial, rubric, calibration=taught(rubric.id, credit))
    point = next(p for p in report.points if p.id == "funeral")
    assert point.status != "covered" and point.check and "opposite" in point.check


def test_exemplars_round_trip_through_the_stored_form(engine):
    rubric, labels = dev_labels("cult-propaganda")
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    cal = replace(fit_calibration(reports, labels, rubric, engine=engine), note="kept credited wordings only")
    assert {e.kind for e in cal.exemplars} == {"credited", "confirmed", "rejected"}
    assert calibration_from_dict(calibration_to_dict(cal)) == cal


@pytest.mark.parametrize("bad", [
    "not a list", [{"point": "a", "kind": "maybe", "sentence": "x"}],
    [{"point": 3, "kind": "credited", "sentence": "x"}], [{"point": "a", "kind": "credited"}],
])
def test_a_damaged_exemplar_list_is_refused_by_name(engine, bad):
    rubric, labels = dev_labels("cult-propaganda")
    data = calibration_to_dict(fit_calibration(
        engine.grade_many([(l.student, l.text) for l in labels], rubric), labels, rubric))
    data["exemplars"] = bad
    with pytest.raises(CalibrationError, match="exemplar"):
        calibration_from_dict(data, "cal.yaml")


# --- marks alone ----------------------------------------------------------------------------------------

def test_marks_alone_move_the_cut_offs_towards_a_stricter_teacher(engine):
    # The de-Stalinization set: its marks follow the cut-offs both ways. (Most Trotsky essays sit
    # at a level cap, so a generous teacher's marks there are out of any cut-off's reach.)
    rubric, labels = dev_labels("destalinization-causes")
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    strict = [TeacherLabel(l.student, l.text, {}, max(0, r.mark - 6)) for l, r in zip(labels, reports)]
    generous = [TeacherLabel(l.student, l.text, {}, min(rubric.marks, r.mark + 6)) for l, r in zip(labels, reports)]
    same = [TeacherLabel(l.student, l.text, {}, r.mark) for l, r in zip(labels, reports)]
    assert fit_shift(engine, rubric, strict, engine.thresholds) > 0
    assert fit_shift(engine, rubric, generous, engine.thresholds) < 0
    assert fit_shift(engine, rubric, same, engine.thresholds) == 0
    cal = fit_calibration(reports, strict, rubric, engine=engine)
    assert all(th.covered > engine.thresholds.covered for _, th in cal.thresholds)


# --- never worse -------------------------------------------------------------------------------------------

def noisy(labels, seed, flip):
    rng = random.Random(seed)
    return [replace(l, points={k: (1 - v if rng.random() < flip else v) for k, v in l.points.items()})
            for l in labels]


@pytest.mark.parametrize(("prompt", "seed", "flip"), [
    ("trotsky-errors", 0, 0.0), ("cult-propaganda", 1, 0.3), ("purge-necessary", 2, 0.5),
    ("destalinization-causes", 3, 0.5),
])
def test_a_calibration_never_marks_held_out_essays_worse_than_the_defaults(engine, prompt, seed, flip):
    rubric, labels = dev_labels(prompt)
    taught_labels = noisy(labels, seed, flip)  # the figures are agreement with what the teacher said
    result = calibrate(engine, rubric, taught_labels)
    assert merit(result.after, taught_labels) >= merit(result.before, taught_labels) - 1e-9
    if result.calibration.note == DEFAULTS_KEPT:
        assert result.calibration == keep_only(result.calibration, "none", rubric, engine.thresholds)


def test_keep_only_strips_each_part(engine):
    rubric, labels = dev_labels("cult-propaganda")
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    full = fit_calibration(reports, labels, rubric, engine=engine)
    assert list(PARTS) == ["wordings", "all"]
    wordings = keep_only(full, "wordings", rubric, engine.thresholds)
    assert wordings.exemplars == full.exemplars and {th for _, th in wordings.thresholds} == {engine.thresholds}
    assert wordings.weights == tuple((p.id, float(p.weight)) for p in rubric.points)
    assert keep_only(full, "all", rubric, engine.thresholds) == full
    none = keep_only(full, "none", rubric, engine.thresholds)
    assert none.exemplars == () and {th for _, th in none.thresholds} == {engine.thresholds}


# --- the CLI's labels and the app's give the same calibration -------------------------------------------------

def test_the_cli_and_the_class_set_give_the_same_calibration(engine, tmp_path):
    rubric, labels = dev_labels("trotsky-errors")
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    # A teacher who reviewed every essay, overriding where the dev labels differ from the engine.
    truth = [replace(l, points={p.id: l.points.get(p.id, int(p.status == "covered")) for p in r.points},
                     mark=r.mark) for l, r in zip(labels, reports)]
    cli_labels = labels_from_inputs(essays_from_csv(marked_csv(rubric, truth), "marked.csv"), rubric)
    with closing(cls.open_db(tmp_path / "db.sqlite3")) as db:
        essays = essays_from_csv(marked_csv(rubric, truth), "marked.csv")
        set_id = cls.create_set(db, "12B", rubric.id, essays)
        cls.save_results(db, set_id, mark_batch(essays, rubric, engine))
        for row, (label, report) in enumerate(zip(truth, reports)):
            for p in report.points:
                if label.points[p.id] != int(p.status == "covered"):
                    cls.set_override(db, set_id, row, p.id, "covered" if label.points[p.id] else "missing",
                                     "my reading")
            cls.set_reviewed(db, set_id, row, True)
        app_labels = cls.teacher_labels(db, set_id, rubric)
    assert [(l.student, l.text, dict(l.points), l.mark) for l in app_labels] == [
        (l.student, l.text, dict(l.points), l.mark) for l in cli_labels]
    assert calibrate(engine, rubric, app_labels).calibration == calibrate(engine, rubric, cli_labels).calibration


# --- the command line: the wordings learnt are listed and can be removed --------------------------------------

@pytest.mark.usefixtures("rubrics_home")
def test_calibrate_lists_the_wordings_and_exemplars_removes_one(tmp_path, capsys):
    rubric, labels = dev_labels("destalinization-causes")  # a prompt whose held-out essays keep wordings
    path = tmp_path / "marked.csv"
    path.write_text(marked_csv(rubric, labels), encoding="utf-8")
    code, out, _ = run(["calibrate", "-r", rubric.id, "--json", str(path)], capsys)
    stored = json.loads(out)["calibration"]["exemplars"]
    assert code == 0 and stored and all({"point", "kind", "student", "sentence"} == set(e) for e in stored)
    code, out, _ = run(["exemplars", rubric.id, "--json"], capsys)
    listed = json.loads(out)
    assert code == 0 and [e["sentence"] for e in listed] == [e["sentence"] for e in stored]
    assert [e["number"] for e in listed] == list(range(1, len(stored) + 1))
    code, out, _ = run(["exemplars", rubric.id, "--remove", "1"], capsys)
    assert code == 0 and out.startswith(f"{rubric.id}: removed 1; {counted(len(stored) - 1, 'wording')} learnt")
    assert [e.sentence for e in load_calibration(rubric.id).exemplars] == [
        e["sentence"] for e in stored[1:]]


@pytest.mark.usefixtures("rubrics_home")
def test_calibrate_names_the_points_whose_credit_the_teacher_took_back(tmp_path, capsys):
    rubric, labels = dev_labels("purge-necessary")
    # A teacher who credits the show-trials point in no essay: what the engine credits there is taken back.
    labels = [replace(lab, points={**lab.points, "show-trials-effect": 0}) for lab in labels]
    path = tmp_path / "marked.csv"
    path.write_text(marked_csv(rubric, labels), encoding="utf-8")
    code, out, _ = run(["calibrate", "-r", rubric.id, "--json", str(path)], capsys)
    assert code == 0 and json.loads(out)["strict_points"] == ["show-trials-effect"]
    code, out, _ = run(["calibrate", "-r", rubric.id, "--dry-run", str(path)], capsys)
    assert "did not credit where the engine did" in out and "show-trials-effect" in out


@pytest.mark.usefixtures("rubrics_home")
def test_the_exemplar_list_names_the_strict_points_and_removing_their_rejections_undoes_it(capsys):
    rubric = load_rubric("purge-necessary", ROOT / "rubrics")
    save_calibration(Calibration(rubric.id, tuple((p.id, Thresholds()) for p in rubric.points),
                                 tuple((p.id, p.weight) for p in rubric.points), 10, "",
                                 _judged("show-trials-effect", 0, 4)))
    code, out, err = run(["exemplars", "purge-necessary"], capsys)
    assert not err
    assert code == 0 and out.rstrip().endswith("remove rejected wordings to undo): show-trials-effect")
    rejected = [str(n) for n, e in enumerate(load_calibration("purge-necessary").exemplars, 1) if not e.positive]
    code, out, _ = run(["exemplars", "purge-necessary", "--remove", *rejected], capsys)
    assert code == 0 and "show-trials-effect" not in out.splitlines()[-1]
    assert "did not credit" not in out


@pytest.mark.parametrize(("args", "message"), [
    (["exemplars", "cult-propaganda"], "has no calibration"),
    (["exemplars", "no-such-rubric"], "no-such-rubric"),
])
@pytest.mark.usefixtures("rubrics_home")
def test_exemplars_without_a_calibration_is_one_line(capsys, args, message):
    code, out, err = run(args, capsys)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


@pytest.mark.usefixtures("rubrics_home")
def test_a_credited_wording_promoted_to_an_alias_leaves_the_calibration(tmp_path, capsys):
    rubric, labels = dev_labels("destalinization-causes")
    path = tmp_path / "marked.csv"
    path.write_text(marked_csv(rubric, labels), encoding="utf-8")
    assert run(["calibrate", "-r", rubric.id, str(path)], capsys)[0] == 0
    learnt = load_calibration(rubric.id).exemplars
    n, credited = next((n, e) for n, e in enumerate(learnt, 1) if e.positive)
    code, out, _ = run(["exemplars", rubric.id, "--promote", str(n)], capsys)
    left = counted(len(learnt) - 1, "wording")
    assert code == 0 and out.startswith(f"{rubric.id}: 1 kept as an alias; {left} learnt")
    assert " ".join(credited.sentence.split()) in load_rubric(rubric.id).point(credited.point).aliases
    assert credited not in load_calibration(rubric.id).exemplars
    rejected_n = next((n for n, e in enumerate(load_calibration(rubric.id).exemplars, 1) if not e.positive), None)
    if rejected_n is not None:
        code, _, err = run(["exemplars", rubric.id, "--promote", str(rejected_n)], capsys)
        assert code == 2 and "only a credited wording" in err


def _store_wordings(rubric_id: str, *sentences: str) -> Calibration:
    """A calibration of ``rubric_id`` holding exactly these credited wordings (each for its first point)."""
    rubric = load_rubric(rubric_id)
    cal = Calibration(rubric.id, tuple((p.id, Thresholds()) for p in rubric.points),
                      tuple((p.id, p.weight) for p in rubric.points), 10, "",
                      tuple(Exemplar(rubric.points[0].id, s, True, f"student {n}") for n, s in enumerate(sentences)))
    save_calibration(cal)
    return cal


@pytest.mark.usefixtures("rubrics_home")
def test_a_number_given_twice_is_one_wording(capsys):
    _store_wordings("trotsky-errors", "Trotsky thought himself too clever.", "He was vain.", "He was proud.")
    code, out, _ = run(["exemplars", "trotsky-errors", "--remove", "1", "1"], capsys)
    assert code == 0 and out.startswith("trotsky-errors: removed 1; 2 wordings learnt")
    code, out, _ = run(["exemplars", "trotsky-errors", "--promote", "1", "--remove", "1"], capsys)
    assert code == 0 and out.startswith("trotsky-errors: 1 kept as an alias; 1 wording learnt")


@pytest.mark.usefixtures("rubrics_home")
def test_a_wording_too_long_for_an_alias_is_refused_as_such(capsys):
    long = "Trotsky " + "really " * 40 + "thought he was cleverer than Stalin."
    _store_wordings("trotsky-errors", long)
    before = load_rubric("trotsky-errors")
    code, out, err = run(["exemplars", "trotsky-errors", "--promote", "1"], capsys)
    assert code == 2 and out == "" and "too long for an alias" in err and "trotsky-errors.yaml" not in err
    assert load_rubric("trotsky-errors") == before and len(load_calibration("trotsky-errors").exemplars) == 1


@pytest.mark.usefixtures("rubrics_home")
def test_two_changes_to_a_calibration_at_once_are_both_kept():
    """Two tabs (or commands) removing a wording each: the second waits for the first and sees
    its change, where both had read the same file and the last write had undone the first."""
    import threading
    import time

    from essaycoach.loaders import update_calibration
    cal = _store_wordings("trotsky-errors", "one wording", "another wording", "a third")

    def remove(sentence: str) -> None:
        def change(current: Calibration) -> Calibration:
            time.sleep(0.3)   # both would have read the file before either wrote it
            return replace(current, exemplars=tuple(e for e in current.exemplars if e.sentence != sentence))
        update_calibration(cal.rubric, change)

    threads = [threading.Thread(target=remove, args=(s,)) for s in ("one wording", "a third")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [e.sentence for e in load_calibration(cal.rubric).exemplars] == ["another wording"]


# --- re-marking a class set with what was learnt: what would change ------------------------------------------

def test_the_remark_preview_counts_what_a_calibration_changes(engine):
    rubric, labels = dev_labels("purge-necessary")
    before = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    cal = calibrate(engine, rubric, labels[:8]).calibration
    after = engine.grade_many([(l.student, l.text) for l in labels], rubric, calibration=cal)
    preview = remark_preview(before, after)
    changed = {(r.student, p.id) for r, q in zip(before, after) for p, o in zip(q.points, r.points)
               if p.status != o.status}
    assert {(c.student, c.point) for c in preview.changes} == changed
    assert preview.gaining + preview.losing <= len({s for s, _ in changed})
    assert remark_preview(before, before).summary() == "Re-marking changes no verdict."
    assert remark_preview(before, before).changes == ()


@pytest.mark.parametrize(("gaining", "losing", "changes", "text"), [
    (4, 1, 6, "4 essays gain credit, 1 essay loses credit, 1 essay changes verdicts but not credit "
              "(6 point verdicts change)."),
    (4, 1, 5, "4 essays gain credit, 1 essay loses credit (5 point verdicts change)."),
    (1, 0, 1, "1 essay gains credit (1 point verdict changes)."),
    (0, 0, 2, "2 essays change verdicts but not credit (2 point verdicts change)."),
])
def test_the_remark_summary_reads_as_a_sentence(gaining, losing, changes, text):
    """Every essay with a change is counted once (a browser walk saw "1 gains, 1 loses" above
    three changed essays): here each change is another student's."""
    found = tuple(PointChange(f"s{i}", "p", "missing", "covered", "s") for i in range(changes))
    assert RemarkPreview(found, gaining, losing).summary() == text


# --- learning inside a class set: the lesson, marking with it, and the plan shown before it is applied ------

def _with(report, statuses):
    """``report`` with some points' statuses changed (``{point id: status}``)."""
    points = tuple(replace(p, status=statuses.get(p.id, p.status)) for p in report.points)
    return replace(report, points=points)


@pytest.fixture(scope="module")
def purge(engine):
    rubric, labels = dev_labels("purge-necessary")
    return rubric, labels, engine.grade_many([(l.student, l.text) for l in labels], rubric)


@pytest.mark.parametrize(("changes", "fixed", "gaining", "losing", "teacher"), [
    ({"potential-threats": "covered"}, {}, 1, 0, [None]),
    ({"potential-threats": "missing"}, {}, 0, 1, [None]),
    # the teacher's verdict stands: no credit changes, but the change is shown with theirs (it moves
    # the engine's mark: a browser walk saw "gains credit" over a falling mark, its cause unlisted)
    ({"potential-threats": "covered"}, {"potential-threats": "missing"}, 0, 0, ["missing"]),
    ({}, {}, 0, 0, []),
])
def test_the_remark_preview_counts_no_credit_where_the_teacher_decided(purge, changes, fixed, gaining, losing,
                                                                       teacher):
    _, _, reports = purge
    base = _with(reports[0], {"potential-threats": "partial"})
    preview = remark_preview([base], [_with(base, changes)], [fixed])
    assert (preview.gaining, preview.losing) == (gaining, losing)
    assert [c.teacher for c in preview.changes] == teacher


@pytest.mark.parametrize(("teachers", "gaining", "text"), [
    ((None, "missing"), 1, "1 essay gains credit (1 point verdict changes); the engine's verdict changes on 1 point "
                           "where yours stands, which can move the engine's mark but not yours."),
    (("missing",), 0, "No verdict that stands changes; the engine's verdict changes on 1 point where yours stands, "
                      "which can move the engine's mark but not yours."),
])
def test_the_remark_summary_says_what_changes_under_the_teachers_verdicts(teachers, gaining, text):
    found = tuple(PointChange("s0", f"p{i}", "partial", "covered", "s", t) for i, t in enumerate(teachers))
    assert RemarkPreview(found, gaining, 0).summary() == text


def test_an_essay_gains_or_loses_by_the_weight_of_what_changes(purge):
    rubric, _, reports = purge
    light, heavy = sorted(rubric.points, key=lambda p: p.weight)[0], sorted(rubric.points, key=lambda p: p.weight)[-1]
    assert light.weight < heavy.weight
    base = _with(reports[0], {light.id: "partial", heavy.id: "partial"})
    swapped = _with(base, {light.id: "covered", heavy.id: "missing"})
    preview = remark_preview([base], [swapped])
    assert (preview.gaining, preview.losing, len(preview.changes)) == (0, 1, 2)


CREDITED = Exemplar("end-fear", "The people in charge stopped the secret police dragging people off at night.", True)


@pytest.mark.parametrize(("base", "exemplars", "expected"), [
    (None, (), None),
    (None, (CREDITED,), ((), (), (CREDITED,))),
    ("fitted", (), "fitted"),
    ("fitted", (CREDITED,), "fitted, with both wordings"),
])
def test_a_lesson_adds_its_wordings_to_the_calibration_in_use(base, exemplars, expected):
    rubric = load_rubric("destalinization-causes", ROOT / "rubrics")
    old = Exemplar("end-fear", "Khrushchev let people out of the camps after Stalin died.", True)
    fitted = Calibration(rubric.id, (("end-fear", Thresholds(0.5, 0.35)),), (("end-fear", 1.5),), 8, "", (old,))
    got = lesson_calibration(rubric, fitted if base else None, exemplars)
    if expected is None:
        assert got is None
    elif expected == "fitted":
        assert got is fitted
    elif base is None:
        assert (got.thresholds, got.weights, got.exemplars) == expected and got.rubric == rubric.id
    else:
        assert (got.thresholds, got.weights) == (fitted.thresholds, fitted.weights)
        assert got.exemplars == (old, CREDITED)


def test_marking_with_lessons_marks_each_essay_with_its_own(engine, purge):
    rubric, labels, reports = purge
    essays = [EssayInput(l.student, l.text, "dev") for l in labels] + [EssayInput("Nobody", "", "dev", "empty essay")]
    taught = (Exemplar("potential-threats", "Stalin's purge was when he got rid of loads of people in the 1930s.",
                       True),)
    learnt = {1: taught, 4: taught}
    seen = []
    rows = mark_with_lessons(essays, rubric, engine, None, learnt, progress=lambda d, t: seen.append((d, t)))
    assert [r.student for r in rows] == [e.student for e in essays] and rows[-1].error == "empty essay"
    for i, row in enumerate(rows[:-1]):
        cal = lesson_calibration(rubric, None, learnt.get(i, ()))
        assert row.report == engine.grade_many([(labels[i].student, labels[i].text)], rubric, calibration=cal)[0]
    assert rows[0].report == reports[0] and seen[-1] == (len(essays), len(essays))


def test_the_remark_plan_learns_from_the_marked_and_re_marks_only_the_rest(engine, purge):
    rubric, labels, reports = purge
    essays = [(l.student, l.text) for l in labels]
    marked = {row: replace(labels[row], mark=None) for row in range(3)}
    plan = remark_plan(engine, rubric, essays, reports, {0, 1, 2}, marked)
    assert plan.rows == tuple(range(3, len(labels)))
    assert plan.learnt and plan.exemplars == plan.learnt
    again = engine.grade_many(essays[3:], rubric, calibration=lesson_calibration(rubric, None, plan.exemplars))
    assert list(plan.after) == again
    assert plan.preview == remark_preview(reports[3:], again)
    assert plan.preview.changes
    # A second round keeps what the first taught and names only what is new.
    more = {**marked, 3: replace(labels[3], mark=None)}
    second = remark_plan(engine, rubric, essays, reports, {0, 1, 2, 3}, more, known=plan.exemplars)
    assert set(plan.exemplars) <= set(second.exemplars) and not set(second.learnt) & set(plan.exemplars)
    assert second.rows == tuple(range(4, len(labels)))


@pytest.mark.parametrize("prompt", ["purge-necessary", "destalinization-causes"])
def test_agreeing_with_the_engine_on_some_essays_only_raises_partial_matches_in_the_rest(engine, prompt):
    """A teacher who reviews a few essays and agrees with every verdict teaches confirmed
    wordings only: re-marking the rest adds no alias and rejects nothing, so the only change
    it can make is a match like a confirmed sentence becoming covered: a partial one, or one
    scoring as covered that the second look gave to another point."""
    rubric, labels = dev_labels(prompt)
    essays = [(l.student, l.text) for l in labels]
    reports = engine.grade_many(essays, rubric)
    agreed = {row: replace(labels[row], points={p.id: int(p.status == "covered") for p in reports[row].points},
                           mark=None) for row in range(5)}
    plan = remark_plan(engine, rubric, essays, reports, set(agreed), agreed)
    assert plan.learnt and all(e.kind == "confirmed" for e in plan.learnt)
    assert plan.preview.changes and plan.preview.losing == 0
    assert all(c.before in ("partial", "missing") and c.after == "covered" for c in plan.preview.changes)


def test_an_essay_set_apart_as_copied_or_repeated_confirms_nothing(engine):
    """A pasted essay ticked "checked" fed its quotes to re-marking as 22 confirmed wordings (a
    walk): a copy's matches are no wording to learn. A point the teacher credits there still is."""
    rubric, labels = dev_labels("trotsky-errors")
    text = " ".join([labels[0].text] * 3)   # the same essay three times: repetition
    [report] = engine.grade_many([("a", text)], rubric)
    assert any(w.code == "repetition" for w in report.warnings)
    agreed = TeacherLabel("a", text, {p.id: int(p.status == "covered") for p in report.points})
    assert learn_exemplars(engine, rubric, [report], [agreed]) == ()
    made = next(p for p in report.points if p.status == "covered")
    picked = replace(agreed, sentences={made.id: made.sentence})
    assert [e.point for e in learn_exemplars(engine, rubric, [report], [picked])] == [made.id]
