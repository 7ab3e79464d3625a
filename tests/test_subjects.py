"""A point that opens on its subject is about that subject: what it says, said of the subject
another point opens on, is a swapped actor (probe 49: "Sheila goes back to her old attitude",
for Gerald's point), while the same words said of the point's own subject, or of something no
point opens on, are judged as before."""
import pytest
from conftest import ROOT
from resources import verdict

from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.sentence_form import opening_clause

LITERATURE = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "lit-inspector.yaml")
DESTALINIZATION = load_rubric("destalinization-causes", ROOT / "rubrics")


@pytest.mark.parametrize("text, subject, clause_ends", [
    ("The pancreas detects that the blood glucose concentration has risen.", ("The", "pancreas"), "risen"),
    # an aside between commas, and "and" before a verb, go on about the same subject
    ("Gerald, like the older Birlings, goes back to his old attitude once he thinks it was a hoax.", ("Gerald",),
     "attitude"),
    ("Sheila refuses to accept any blame and goes back to her old attitude when it turns out a hoax.", ("Sheila",),
     "attitude"),
    # "and" before a subject of its own ends the clause
    ("Statues were taken down and text books rewritten.", ("Statues",), "down"),
    ("Zinoviev and Kamenev realised too late that Stalin was the danger.", ("Zinoviev", "and", "Kamenev"), "danger"),
    # no subject to read: a preposition, a linking word, a pronoun, a verb first
    ("In the liver excess glucose is converted into glycogen.", (), None),
    ("As General Secretary Stalin controlled appointments.", (), None),
    ("He went back to his old ways.", (), None),
    ("Remove the old guard.", (), None),
    # an -ing word naming a kind of the noun after it opens a subject
    ("Thinking distance is how far the car travels.", ("Thinking", "distance"), "travels"),
])
def test_the_subject_a_sentence_opens_on(text, subject, clause_ends):
    found, clause = opening_clause(text)
    assert found == subject
    assert (clause[-1] if clause else None) == clause_ends


@pytest.mark.parametrize("rubric, point, text, status, said_of", [
    # said of the subject another point opens on, and never of the point's own: half, checked
    (LITERATURE, "gerald-reverts", "Sheila goes back to her old attitude once she thinks the Inspector was a hoax.",
     "partial", "Sheila"),
    (LITERATURE, "gerald-reverts", "Sheila refuses to accept any blame and goes back to her old attitude when the "
     "Inspector turns out to be a hoax.", "partial", "Sheila"),
    (LITERATURE, "sheila-changes", "Mr Birling accepts that he was responsible for Eva's death and changes his ways "
     "by the end of the play.", "partial", "Mr Birling"),
    # said of the point's own subject, beside another's or alone
    (LITERATURE, "gerald-reverts", "Gerald goes back to his old attitude once he thinks the Inspector was a hoax.",
     "covered", None),
    (LITERATURE, "gerald-reverts", "Unlike Sheila, Gerald goes back to his old attitude once he thinks the Inspector "
     "was a hoax.", "covered", None),
    (LITERATURE, "sheila-changes", "Sheila accepts that she was partly responsible for Eva's death and changes.",
     "covered", None),
    # the dev set's: a first clause about another point's subject says nothing of this point
    # ("Statues"), and a subject no point opens on may name the point's in other words
    (DESTALINIZATION, "history-rewritten", "Statues were taken down and text books rewritten.", "covered", None),
    (DESTALINIZATION, "slightly-less-strict", "The Communist Party was still in charge and it was still a "
     "dictatorship.", "covered", None),
    # only a name is another subject: "the government" may be called "the USSR"
    (DESTALINIZATION, "slightly-less-strict", "The USSR was still a communist dictatorship with only one party.",
     "covered", None),
])
def test_a_point_said_of_another_subject(engine, rubric, point, text, status, said_of):
    result = verdict(engine, text, rubric, point)
    assert result.status == status, result
    if said_of is None:
        assert result.why is None or "says this of" not in result.why, result
    else:
        assert result.why is not None and result.why.startswith(f"it says this of \u201c{said_of}\u201d"), result
        assert result.check == result.why   # a teacher checks it: the student may mean the same thing
