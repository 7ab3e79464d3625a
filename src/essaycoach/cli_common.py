"""What the command-line modules share: a result printed as JSON or as text, whole-number
arguments that refuse anything else with a usage error, and output paths that are never the
app's own files."""
from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import EssaycoachError, clip

# How a module adds its subcommands: ``add(name, help, func)`` gives the new subparser.
AddCommand = Callable[[str, str, Callable[[argparse.Namespace, TextIO], int]], argparse.ArgumentParser]


def emit(data: Any, as_json: bool, text: str, out: TextIO) -> None:
    """``data`` as indented JSON with ``--json``, else ``text``; a newline after either."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n" if as_json else text + "\n")


def with_origin(item: Any) -> str:
    """An item's error (an essay's or a marked row's: ``.origin``, ``.error``) with where it came
    from, named once: most errors name their file already ("junk.txt: looks like a binary file")."""
    return item.error if item.error.startswith(f"{item.origin}:") else f"{item.origin}: {item.error}"


def item_errors(items: Sequence[Any], limit: int = 600) -> str:
    """The errors of ``items``, each :func:`with_origin`, clipped as a whole: "empty essay; empty
    essay" named neither file nor row."""
    return clip("; ".join(with_origin(i) for i in items if i.error), limit)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error (exit 2)."""
    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 12 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{clip(text, 20)!r} is not a whole number from {low} to {high}")
        return value
    return parse


def refuse_overwriting_app_files(target: str | Path, *also: str | Path) -> None:
    """Refuse an output path (``--out``) that is one of essaycoach's own files: the database (or
    its journal, or a damaged copy set aside), a file in the rubrics, seed notes or backups
    folder (a rubric, its calibration, its history; a backup), or one of ``also`` (the rubric
    file given by path). One ``--out`` typo once replaced the database, another the rubric being
    marked against, a third a backup (a text report in a zip's name, which would not restore)."""
    from . import paths, store

    where = Path(os.path.realpath(target))
    database = Path(os.path.realpath(store.database_path()))
    if where.parent == database.parent and where.name.startswith(database.name):
        raise EssaycoachError(f"--out {target} is essaycoach's database: writing there would replace it; "
                              "choose another output file")
    for folder, what, holds in ((paths.rubrics_dir(), "rubrics", "a rubric, its calibration or a note"),
                                (paths.seeds_dir(), "seed notes", "a rubric, its calibration or a note"),
                                (store.backups_dir(), "backups", "a backup, the way back to your data")):
        if where.is_relative_to(os.path.realpath(folder)):
            raise EssaycoachError(f"--out {target} is in the {what} folder ({folder}): writing there could "
                                  f"replace {holds}; choose a file elsewhere")
    for path in also:
        if where == Path(os.path.realpath(path)):
            raise EssaycoachError(f"--out {target} is the rubric file being used: writing there would "
                                  "replace it; choose another output file")
