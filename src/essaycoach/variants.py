"""Gaming variants of an essay: what a student might hand in to score without answering.

- ``keyword-list``: its content words shuffled into a bulleted or comma-separated list;
- ``pasted-rubric``: the question and the rubric's points pasted in (as prose or bullets);
- ``repeated``: its sentences repeated to triple length (whole essay, or sentence by sentence);
- ``swapped``: the essay marked against another prompt;
- ``jumbled``: every word of the essay shuffled and strung into sentences (topic words and
  function words alike: prose in shape, nonsense in order).

``bench/robustness.py`` measures what the engine does with them and ``tests/test_flags.py``
checks each is flagged; both build them here.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .analyze import STOP_WORDS
from .evaluation import LabelledEssay, load_labelled
from .loaders import load_rubric
from .rubric import Rubric
from .sentences import split_sentences

FLAG_OF = {"keyword-list": "keyword-list", "pasted-rubric": "pasted-question", "repeated": "repetition",
           "swapped": "off-topic",
           "jumbled": "jumbled"}
NOT_PROSE = ("keywords", "off-topic")  # already gamed or off the question: not a fair base
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d{3,4}")


@dataclass(frozen=True)
class Variant:
    """One adversarial essay: what kind, which base essay, the rubric it is marked against."""

    kind: str
    base: str
    rubric: Rubric
    text: str


def keyword_list(text: str, rng: random.Random) -> str:
    """The essay's content words, de-duplicated, shuffled, as bullets or comma-separated lines."""
    words = list(dict.fromkeys(w for w in _WORD.findall(text) if w.lower() not in STOP_WORDS))
    rng.shuffle(words)
    if rng.random() < 0.5:
        lines, i = [], 0
        while i < len(words):
            n = rng.randint(1, 4)
            lines.append("- " + " ".join(words[i:i + n]))
            i += n
        return "\n".join(lines)
    return "\n".join(", ".join(words[i:i + 8]) for i in range(0, len(words), 8))


def paste_rubric(text: str, rubric: Rubric, rng: random.Random) -> str:
    """The question and every point's text pasted into the essay at a random paragraph break."""
    lines = [rubric.question] + [p.text for p in rubric.points]
    block = "\n".join("- " + s for s in lines) if rng.random() < 0.5 else " ".join(lines)
    paras = [p for p in text.split("\n\n") if p.strip()]
    paras.insert(rng.randint(0, len(paras)), block)
    return "\n\n".join(paras)


def repeat(text: str, rng: random.Random) -> str:
    """Triple length: the whole essay three times, or each sentence said three times in place."""
    if rng.random() < 0.5:
        return "\n\n".join([text.strip()] * 3)
    out, at = [], 0
    for s in split_sentences(text):
        out += [text[at:s.start], " ".join([s.text] * 3)]
        at = s.end
    return "".join(out) + text[at:]


def jumble(text: str, rng: random.Random) -> str:
    """The essay's words, every one, shuffled and cut into sentences of 6 to 14 words."""
    words = _WORD.findall(text)
    rng.shuffle(words)
    out, i = [], 0
    while i < len(words):
        n = rng.randint(6, 14)
        out.append(" ".join(words[i:i + n]).capitalize() + ".")
        i += n
    return " ".join(out)


def variants(essay: LabelledEssay, rubric: Rubric, others: Sequence[Rubric],
             rng: random.Random) -> list[Variant]:
    """Every adversarial variant of one essay."""
    out = [Variant("keyword-list", essay.id, rubric, keyword_list(essay.text, rng)),
           Variant("pasted-rubric", essay.id, rubric, paste_rubric(essay.text, rubric, rng)),
           Variant("repeated", essay.id, rubric, repeat(essay.text, rng))]
    out += [Variant("swapped", essay.id, other, essay.text) for other in others if other.id != rubric.id]
    out.append(Variant("jumbled", essay.id, rubric, jumble(essay.text, rng)))  # last: the others' draws stay
    return out


def prose_essays(files: Iterable[Path], rubrics_folder: Path) -> list[tuple[LabelledEssay, Rubric]]:
    """The genuine prose essays of labelled files (not ``NOT_PROSE``), each with its rubric: the
    fair bases for variants."""
    out = []
    for path in sorted(files):
        essays = load_labelled(path)
        rubric = load_rubric(essays[0].prompt, rubrics_folder)
        out += [(e, rubric) for e in essays if e.kind not in NOT_PROSE]
    return out
