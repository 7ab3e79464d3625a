"""Shared by every page: the engine (built once), the rubrics, and how times are shown."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import streamlit as st

from essaycoach.editor_state import broken_rubric
from essaycoach.engine import Engine
from essaycoach.errors import RubricError
from essaycoach.loaders import (
    BrokenRubric,
    load_all_rubrics,
    read_rubric_file,
    rubric_ids,
    rubric_path,
    rubrics_dir,
    seeds_dir,
)
from essaycoach.markup import escape_html
from essaycoach.project import build_engine
from essaycoach.rubric import Rubric


def _one_by_one(folder: Path | None) -> tuple[list[Rubric], list[RubricError]]:
    good, bad = [], []
    for rid in rubric_ids(folder):
        path = rubric_path(rid, folder)
        try:
            good.append(read_rubric_file(path))
        except RubricError as exc:
            bad.append(exc)
        except (TypeError, ValueError, RecursionError, OSError) as exc:
            bad.append(RubricError(f"cannot be read ({type(exc).__name__}): fix it in the rubric editor",
                                   str(path)))
    return good, bad


def load_rubrics(folder: Path | None = None) -> tuple[list[Rubric], list[BrokenRubric]]:
    """Valid rubrics and the files that don't load. One malformed file never takes a page down:
    should the loader itself trip over one, the files are read one at a time instead."""
    bad: Sequence[object]
    try:
        good, bad = load_all_rubrics(folder)
    except (TypeError, ValueError, RecursionError, OSError):
        good, bad = _one_by_one(folder)
    return list(good), [broken_rubric(b) for b in bad]


@st.cache_resource(show_spinner="Building the search index over the course notes...")
def get_engine(seeds_folder: str, rubrics_folder: str) -> Engine:
    """One engine per seeds/rubrics folder, shared by every session; read-only after build."""
    from pathlib import Path

    return build_engine(Path(seeds_folder), Path(rubrics_folder))


def engine() -> Engine:
    return get_engine(str(seeds_dir().resolve()), str(rubrics_dir().resolve()))


def rubrics() -> tuple[list[Rubric], list[str]]:
    """Valid rubrics (sorted by topic, then title) and messages for invalid files. Not cached:
    the teacher may have just saved one."""
    good, bad = load_rubrics()
    good.sort(key=lambda r: (r.topic, r.title))
    return good, [f"{b.file}: {b.message}" for b in bad]


def when(ts: float) -> str:
    """A stored time stamp as the pages show it: "23 Nov 2026, 09:41"."""
    return datetime.fromtimestamp(ts).strftime("%d %b %Y, %H:%M")


def question_box(question: str) -> None:
    """The question, set apart above the answer: one line of escaped raw HTML (a blank line
    would end the HTML block and let Markdown rewrite the rest)."""
    text = escape_html(" ".join(question.split()))
    st.markdown(f'<div style="font-size:1.15rem;padding:8px 12px;border-left:4px solid #888">{text}</div>',
                unsafe_allow_html=True)


K = TypeVar("K", bound=Hashable)


def distinct(labels: Mapping[K, str], detail: Callable[[K], str] | None = None) -> Callable[[K], str]:
    """A selectbox's ``format_func`` over the keys of ``labels`` (option -> label) that shows no
    label twice. Streamlit hands back the option of the label picked, so of two options shown
    alike (two prompts of one title, two sets marked in the same minute) one could never be
    picked. Options whose labels repeat are told apart by ``detail`` (a rubric's id), or else by
    their place: "13B History (2)"."""
    counts = Counter(labels.values())
    seen: Counter[str] = Counter()
    shown: dict[K, str] = {}
    for option, label in labels.items():
        seen[label] += 1
        if counts[label] == 1:
            shown[option] = label
        elif detail is not None:
            shown[option] = f"{label} ({detail(option)})"
        else:
            shown[option] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    if detail is not None and len(set(shown.values())) < len(shown):
        return distinct(labels)  # the details repeat too: places, then
    return shown.__getitem__


def rubric_label(r: Rubric) -> str:
    """A rubric as its pickers and captions name it: its topic, then its title."""
    return f"{r.topic or 'Other'} › {r.title}"


def prompt_labels(by_id: Mapping[str, Rubric]) -> Callable[[str], str]:
    """A prompt picker's ``format_func``: each rubric by :func:`rubric_label`, those that read
    alike by their ids too."""
    return distinct({i: rubric_label(r) for i, r in by_id.items()}, str)
