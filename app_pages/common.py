"""Shared by every page: the engine (built once), the rubrics, and how times are shown."""
from __future__ import annotations

from datetime import datetime

import streamlit as st

from essaycoach.engine import Engine
from essaycoach.loaders import load_all_rubrics, rubrics_dir, seeds_dir
from essaycoach.project import build_engine
from essaycoach.rubric import Rubric


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
    good, bad = load_all_rubrics()
    good.sort(key=lambda r: (r.topic, r.title))
    return good, [str(e) for e in bad]


def when(ts: float) -> str:
    """A stored time stamp as the pages show it: "23 Nov 2026, 09:41"."""
    return datetime.fromtimestamp(ts).strftime("%d %b %Y, %H:%M")
