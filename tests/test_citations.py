"""'Read this' citations: only passages that share the point's content, shown by the note's title."""
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from test_short_answer import RUBRICS as SHORT

from essaycoach.corpus import note_title, seed_passages
from essaycoach.exports import feedback_html
from essaycoach.loaders import read_rubric_file
from essaycoach.report import NONE_IN_NOTES, NOT_IN_NOTES, render_text
from essaycoach.subject import evidence_for as _evidence

HASHED = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt")
ECONOMICS = read_rubric_file(Path(__file__).parent / "data" / "teacher" / "econ-inflation-causes.yaml")


def test_every_note_has_a_readable_title(seeds):
    titles = {name: note_title(text) for name, text in seeds.items()}
    assert titles["002_5f67d0823ae5dd55.txt"] == "The Purge"
    assert titles["003_d3a4239297f73c94.txt"] == "Section 3 - Stalin's rise to power 1924-29"
    for title in titles.values():
        assert title and not HASHED.search(title) and len(title) <= 64
    headings = {name: {ln.strip().lstrip("#").strip() for ln in text.splitlines()} for name, text in seeds.items()}
    assert all(p.title == titles[p.file] or p.title in headings[p.file] for p in seed_passages(seeds))


@pytest.mark.parametrize("text, title", [
    # a note with no heading is titled by the subject its first sentence defines (a walk saw
    # "De-Stalinization refers to the political reform process..." as a title)
    ("De-Stalinization refers to the political reform process initiated in the Soviet Union during the mid-1950s.",
     "De-Stalinization"),
    ("The immune system protects the body from infection by pathogens, bacteria and viruses of every kind.",
     "The immune system"),
    ("Stalin’s cult of personality was built on propaganda, terror and the rewriting of history everywhere.",
     "Stalin’s cult of personality"),
    # no short subject before the verb: the start of the line, cut at a word
    ("In 1924 Lenin died and a power struggle began between the leaders of the party over the succession.",
     "In 1924 Lenin died and a power struggle began between the…"),
    ("Coastal erosion\n\nWaves erode the cliffs of the Holderness coast.", "Coastal erosion"),
])
def test_a_note_without_a_heading_is_titled_by_its_subject(text, title):
    assert note_title(text) == title


def test_the_notes_are_listed_by_title_not_by_hashed_file_name(seeds):
    from essaycoach.corpus import note_label

    labels = [note_label(name, text) for name, text in sorted(seeds.items())]
    assert labels[2] == "The Purge \u00b7 note 002" and labels[0] == "De-Stalinization \u00b7 note 000"
    assert not any(HASHED.search(label) for label in labels)
    assert note_label("biology.txt", "The immune system\n\nIt fights germs.") == "The immune system \u00b7 biology.txt"


@pytest.mark.parametrize("line, title", [
    (6, "The Purge"),
    (156, "The New Constitution"),   # the note opens with "The Purge" (a walk saw it named so)
    (185, "Women Better Status"),
    (190, "Women Better Status"),
])
def test_a_passage_is_named_by_the_section_it_sits_in(seeds, line, title):
    found = {p.title for p in seed_passages(seeds) if p.file.startswith("002_") and p.line <= line <= p.end_line}
    assert found == {title}


def test_a_women_point_cites_its_own_section(engine, all_rubrics):
    rubric = next(r for r in all_rubrics if r.id == "women-status")
    report = engine.grade("Women had more rights.", rubric)
    titles = {p.title for p in report.points if p.citation and p.citation.startswith("002_")}
    assert titles and "The Purge" not in titles


def test_a_point_cites_the_passage_that_starts_on_its_line(engine, all_rubrics, seeds):
    """A line holding the end of one passage and the start of the next: the rubric cites the
    one its point starts (a walk was sent to a passage on the West for "the Party's role")."""
    rubric = next(r for r in all_rubrics if r.id == "constitution-1936")
    point = next(p for p in engine.grade("The constitution gave rights.", rubric).points if p.id == "party-undefined")
    assert point.citation.endswith(":174") and point.evidence.startswith("Hardly anywhere was the role of the Party")
    starts = {(p.file, p.line) for p in seed_passages(seeds)}
    for rubric in all_rubrics:
        report = engine.grade("The constitution gave rights.", rubric)
        for cited, result in zip(rubric.points, report.points):
            if cited.source is not None and (cited.source.file, cited.source.line) in starts:
                assert result.citation == f"{cited.source.file}:{cited.source.line}", (rubric.id, cited.id)


@pytest.mark.parametrize("rubric_id", sorted(SHORT))
def test_notes_on_another_subject_are_never_cited(engine, rubric_id):
    rubric = SHORT[rubric_id]
    assert all(_evidence(p, engine.index) is None for p in rubric.points)
    report = engine.grade("An answer that makes none of the points at all, about something else.", rubric)
    assert all(p.citation is None and p.evidence is None for p in report.points)
    essay = "An answer that makes none of the points at all, about something else."
    page = feedback_html(report, essay, rubric)
    for shown in (render_text(report), page):  # the CLI, the student's page
        assert NOT_IN_NOTES not in shown   # said once for them all: see below
    assert "(neutral)" not in page and "<small>(Points)</small>" not in page  # no sides: no side label at all


def test_a_subject_the_notes_do_not_cover_is_said_once_not_under_every_point(engine):
    """A teacher's economics rubric: the student's page said "the course notes do not cover this
    point" under each of its eight points missing or partial (a teacher's walk)."""
    essay = "Inflation rose because energy bills went up. The Bank of England raised interest rates."
    report = engine.grade(essay, ECONOMICS, "Sam")
    assert sum(p.status != "covered" for p in report.points) >= 3
    assert all(p.citation is None for p in report.points)
    text, page = render_text(report), feedback_html(report, essay, ECONOMICS)
    for shown in (text, page.replace("&#x27;", "'")):   # the CLI's text, the student's page
        assert shown.count(NONE_IN_NOTES) == 1 and NOT_IN_NOTES not in shown
    assert text.index(NONE_IN_NOTES) < text.index(report.points[0].id)   # above the points
    assert all(p["evidence"] is None for p in report.to_dict()["points"])   # JSON: per point, unchanged


def test_a_point_without_a_passage_beside_points_with_one_says_so_itself(engine, trotsky):
    essay = "Trotsky was arrogant."
    report = engine.grade(essay, trotsky)
    gone = next(p for p in report.points if p.status == "missing")
    uncited = replace(gone, evidence=None, citation=None, title=None)
    report = replace(report, points=tuple(uncited if p is gone else p for p in report.points))
    for shown in (render_text(report), feedback_html(report, essay, trotsky)):
        assert shown.count(NOT_IN_NOTES) == 1 and NONE_IN_NOTES not in shown.replace("&#x27;", "'")
        assert shown.count("line ") >= 2   # the others keep their passage (title, line)


def test_an_uncited_point_still_finds_its_passage(engine, all_rubrics):
    """A teacher's point without a citation: the notes are searched, and a passage is offered
    when it shares the point's content (most shipped points, with their citations removed)."""
    found = total = 0
    for rubric in all_rubrics:
        for point in rubric.points:
            passage = _evidence(replace(point, source=None), engine.index)
            total += 1
            found += passage is not None
    assert found / total >= 0.7


def test_citations_show_titles_never_file_names(engine, trotsky):
    essay = "Trotsky was arrogant."
    report = engine.grade(essay, trotsky)
    text, html = render_text(report), feedback_html(report, essay, trotsky)
    for shown in (text, html):
        assert not HASHED.search(shown)
    assert "Section 3 - Stalin's rise to power 1924-29, line 50" in text
    assert "Section 3 - Stalin&#x27;s rise to power 1924-29, line 50" in html
    data = report.to_dict()
    ev = next(p["evidence"] for p in data["points"] if p["id"] == "testament")
    assert ev["citation"] == "003_d3a4239297f73c94.txt:50"
    assert ev["title"] == "Section 3 - Stalin's rise to power 1924-29"
    json.dumps(data)
