"""Command-line subcommands for classroom mode and the data: ``backup``, ``restore``, ``serve``,
``export-student``. Each is one function; :func:`add_commands` adds their parsers to the CLI."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

AddCommand = Callable[[str, str, Callable[[argparse.Namespace, TextIO], int]], argparse.ArgumentParser]


def _emit(data: dict, as_json: bool, text: str, out: TextIO) -> None:
    import json

    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n" if as_json else text + "\n")


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from .backup import backup

    info = backup(Path(args.out) if args.out else None)
    _emit({"path": str(info.path), "schema_version": info.schema_version, "rubric_files": info.rubric_files},
          args.json, f"wrote {info.path} (database at schema version {info.schema_version}, "
          f"{info.rubric_files} rubric files)", out)
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from .backup import restore

    info, replaced = restore(Path(args.archive))
    _emit({"restored": str(info.path), "schema_version": info.schema_version, "rubric_files": info.rubric_files,
           "replaced_copy": str(replaced)}, args.json,
          f"restored the database and {info.rubric_files} rubric files from {info.path}\n"
          f"what it replaced is kept in {replaced}", out)
    return 0


def add_commands(add: AddCommand) -> None:
    """Add this module's subcommands through the CLI's ``add(name, help, func)``."""
    p = add("backup", "write a zip of the database and the rubrics (safe while the app is running)", cmd_backup)
    p.add_argument("--out", "-o", help="the zip to write (default: data/backups/essaycoach-backup-<time>.zip)")
    p = add("restore", "bring back the database and rubrics from a backup zip (keeps a copy of what it replaces)",
            cmd_restore)
    p.add_argument("archive", help="a zip made by `essaycoach backup`")
