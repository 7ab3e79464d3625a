"""Command line: ``essaycoach prompts | show | search | validate | mark``, the parser and ``main``;
``cli_calibration`` and ``cli_classroom`` add the other commands. A thin shell over the core.

Only light modules are imported here: the engine (NLTK, scikit-learn, SciPy) is imported by the
commands that mark or search, so ``--help``, ``prompts`` and ``validate`` start at once
(``bench/cli_startup.py`` times them)."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import cli_calibration, cli_classroom
from ._version import __version__
from .cli_common import emit, item_errors, refuse_overwriting_app_files, whole_number, with_origin
from .errors import CalibrationError, EssaycoachError, RubricError
from .inputs import ESSAY_SUFFIXES, essays_from_paths
from .loaders import folder_state, load_all_rubrics, load_calibration, load_rubric, read_rubric_file
from .markup import counted, without_controls
from .report import has_sides, render_text, side_name
from .rubric import Rubric
from .safeio import write_output

if TYPE_CHECKING:
    from .batch import BatchRow

EXIT_CODES = """exit codes:
  0    everything was marked (validate: every file is valid)
  1    some items could not be marked: each has its own row and a line on stderr (validate: a file is invalid)
  2    nothing could be marked, the usage was wrong, or the output file could not be written
       (the results are then printed on standard output instead)
  130  interrupted (Ctrl+C), with one line saying so"""


def _side(side: str, rubric: Rubric) -> str:
    """" (Case for)" as the app names a point's side, or nothing for a question without sides."""
    return f" ({side_name(side, rubric.sides)})" if has_sides(rubric.sides) else ""


def cmd_prompts(args: argparse.Namespace, out: TextIO) -> int:
    rubrics, broken = load_all_rubrics()
    data = [{"id": r.id, "topic": r.topic, "title": r.title, "question": r.question,
             "minutes": r.minutes, "marks": r.marks, "points": len(r.points)} for r in rubrics]
    lines = []
    for topic in sorted({r.topic for r in rubrics}):
        lines.append(f"{topic or 'Other'}:")
        lines.extend(f"  {r.id:34} {r.minutes:>3} min {r.marks:>3} marks  {r.title}"
                     for r in rubrics if r.topic == topic)
    if not rubrics and not args.json:
        from .paths import rubrics_dir

        folder = rubrics_dir()
        state = folder_state(folder, "valid rubric")
        lines = [f"no rubrics: the rubrics folder {folder} {state}"
                 + (" (see ESSAYCOACH_RUBRICS)" if state == "does not exist" else "")]
    emit(data, args.json, "\n".join(lines), out)
    for exc in broken:
        print(f"essaycoach: skipped invalid rubric {exc}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from .rubric import rubric_to_dict

    r = load_rubric(args.rubric)
    lines = [f"{r.id}: {r.title}", f"Q: {r.question}", f"{r.minutes} minutes, {r.marks} marks", "Levels:"]
    lines += [f"  L{lv.level} [{lv.low}-{lv.high}] {lv.descriptor}" for lv in r.levels]
    lines.append("Points:")
    for p in r.points:
        cite = f"  ({p.source})" if p.source else ""
        lines.append(f"  {p.id} [{p.side}] {p.text}{cite}")
        if p.aliases:
            lines.append(f"      aliases: {'; '.join(p.aliases)}")
    emit(rubric_to_dict(r), args.json, "\n".join(lines), out)
    return 0


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from .project import default_engine

    hits = default_engine().index.search(" ".join(args.query), k=args.limit)
    data = [{"citation": h.passage.citation, "score": round(h.score, 3), "text": h.passage.text} for h in hits]
    text = "\n".join(f"{h.passage.citation}  ({h.score:.2f})\n    {h.passage.text}" for h in hits)
    emit(data, args.json, text or "no passage matches that query", out)
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    results = []
    for name in args.files:
        try:
            r = read_rubric_file(Path(name))
            results.append({"file": name, "valid": True, "id": r.id, "points": len(r.points), "problems": []})
        except RubricError as exc:
            results.append({"file": name, "valid": False, "problems": exc.problems})
    lines = []
    for res in results:
        if res["valid"]:
            lines.append(f"ok    {res['file']} ({counted(res['points'], 'point')})")
        else:
            lines.append(f"FAIL  {res['file']}")
            lines.extend(f"      - {p}" for p in res["problems"])
    emit(results, args.json, "\n".join(lines), out)
    return 0 if all(r["valid"] for r in results) else 1


def _stored_calibration(rubric_id: str):
    """The rubric's calibration, or None (also for a fit that kept the engine's defaults); a
    damaged file is reported and marking goes on without it."""
    try:
        stored = load_calibration(rubric_id)
    except CalibrationError as exc:
        print(f"essaycoach: warning: {exc}; marking without calibration", file=sys.stderr)
        return None
    return None if stored is None or stored.kept_defaults else stored


def cmd_mark(args: argparse.Namespace, out: TextIO) -> int:
    from .batch import BatchRow, mark_batch
    from .project import default_engine

    rubric = load_rubric(args.rubric)
    if args.out and args.out != "-":
        refuse_overwriting_app_files(args.out, *([args.rubric] if os.path.exists(args.rubric) else []))
        _refuse_overwriting_an_input(args.out, args.inputs)
    essays = essays_from_paths(args.inputs, stdin=sys.stdin)
    if not essays:
        raise EssaycoachError("no essays found in the input")
    if all(e.error for e in essays):  # before the engine is built: nothing to mark
        if args.json or args.csv:  # a script still gets a record (a row) per item, each with its error,
            # where it asked for them: a file left from an earlier run must not pass for this one's
            _deliver(_mark_output([BatchRow(e.student, e.origin, None, e.error) for e in essays], rubric, args),
                     args.out, out, len(essays))
        # Each with where it came from: "empty essay; empty essay" named neither file.
        raise EssaycoachError("nothing could be marked: " + item_errors(essays))
    calibration = None if args.no_calibration else _stored_calibration(rubric.id)
    rows = mark_batch(essays, rubric, default_engine(), calibration=calibration, processes=args.jobs)
    for r in rows:
        if r.error:
            print(without_controls(f"essaycoach: {with_origin(r)} ({r.student}: not marked)"), file=sys.stderr)
    written = _deliver(_mark_output(rows, rubric, args), args.out, out, len(rows))
    marked = sum(r.report is not None for r in rows)
    return 2 if not written or not marked else 0 if marked == len(rows) else 1


def _mark_output(rows: Sequence[BatchRow], rubric: Rubric, args: argparse.Namespace) -> str:
    from .batch import class_summary
    from .exports import marks_csv

    """The marked class set as CSV, JSON or text, a row per essay (errors included)."""
    if args.csv:
        return marks_csv(rows, rubric)  # the app's marks table: same columns, formula-safe cells
    if args.json:
        # Every record names where its essay came from (file, or CSV and line): two students of
        # the same name are told apart, as the CSV's ``source`` column does.
        return json.dumps([{**r.report.to_dict(), "origin": r.origin} if r.report else
                           {"student": r.student, "rubric": rubric.id, "error": r.error, "origin": r.origin}
                           for r in rows], indent=2, ensure_ascii=False) + "\n"
    parts = [without_controls(render_text(r.report) if r.report else f"{r.student}: NOT MARKED: {r.error}")
             for r in rows]
    if len(rows) > 1:
        summary = class_summary(rows, rubric)
        parts.append(f"Class: {summary.marked} marked, {summary.failed} not marked, "
                     f"mean mark {summary.mean_mark:.1f}/{rubric.marks}\nMost missed points:\n" +
                     ("\n".join(f"  {s.id}{_side(s.side, rubric)}: missed by {s.missing} of "
                                f"{s.covered + s.partial + s.missing}" for s in summary.points[:5] if s.missing)
                      or "  none: every point was made at least partly by every essay"))
    return "\n\n".join(parts) + "\n"


def _refuse_overwriting_an_input(target: str, inputs: Sequence[str]) -> None:
    """``--out`` must not name one of the inputs (nor a file in an input folder), through any
    link: ``mark --out essay.txt essay.txt`` once replaced the student's essay."""
    if not os.path.exists(target):
        return
    for name in inputs:
        path = Path(name)
        candidates = [path]
        if name != "-" and path.is_dir():
            with contextlib.suppress(OSError):
                candidates += [p for p in path.iterdir() if p.suffix.lower() in ESSAY_SUFFIXES + (".csv",)]
        for candidate in candidates:
            try:
                same = name != "-" and os.path.samefile(target, candidate)
            except OSError:
                same = False
            if same:
                raise EssaycoachError(f"--out {target} is the input {candidate}: writing there would replace it; "
                                      "choose another output file")


def _deliver(text: str, target: str | None, out: TextIO, count: int) -> bool:
    """Write the output to ``target`` (atomically) or ``out``. When the file cannot be written the
    results go to ``out`` instead, so nothing is lost; returns whether the file was written."""
    if not target or target == "-":  # "-" is standard output, as for the inputs, not a file named "-"
        out.write(text)
        return True
    try:
        write_output(target, text)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        print(f"essaycoach: error: cannot write {target} ({reason}); the results follow on standard output",
              file=sys.stderr)
        out.write(text)
        return False
    print(f"wrote {counted(count, 'result')} to {target}", file=sys.stderr)
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="essaycoach", description="Offline coverage feedback for "
                                     "A-Level history essays, matched against rubric points in the seed notes.",
                                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"essaycoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        p.set_defaults(func=func, command_parser=p)  # its own usage for its usage errors
        return p

    add("prompts", "list the prompts (rubrics) by topic", cmd_prompts)
    p = add("show", "show one rubric: question, levels and points", cmd_show)
    p.add_argument("rubric", help="rubric id or path to a YAML file")
    p = add("search", "find where in the seed notes something is (file:line)", cmd_search)
    p.add_argument("query", nargs="+", help="words to look for")
    p.add_argument("-n", "--limit", type=whole_number(1, 100), default=5, help="how many passages (default 5)")
    p = add("validate", "check rubric YAML files; exit 1 if any is invalid", cmd_validate)
    p.add_argument("files", nargs="+", help="rubric files")
    p = add("mark", "mark essays against a rubric", cmd_mark)
    p.epilog, p.formatter_class = EXIT_CODES, argparse.RawDescriptionHelpFormatter
    p.add_argument("--rubric", "-r", required=True, help="rubric id or path")
    p.add_argument("--csv", action="store_true", help="print the marks table as CSV")
    p.add_argument("--out", "-o", help="write the output to this file")
    p.add_argument("--no-calibration", action="store_true",
                   help="ignore the rubric's stored calibration (show the uncalibrated verdicts)")
    p.add_argument("--jobs", "-j", type=whole_number(1, 64), default=os.cpu_count() or 1, metavar="N",
                   help="mark a large set (200 essays or more) on up to N cores "
                        "(default: all of them, here %(default)s; 1: one process)")
    p.add_argument("inputs", nargs="+", help="CSV (student, essay columns), .txt/.md/.docx/.pdf files, "
                   "folders or .zip archives of them, or - for standard input")
    cli_calibration.add_commands(add)
    cli_classroom.add_commands(add)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; bad input prints one line to stderr and returns 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "csv", False) and getattr(args, "json", False):
        # exits 2, as usage errors do, with the command's own usage (not the top level's)
        getattr(args, "command_parser", parser).error("--json and --csv cannot be used together: choose one")
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    stream = _Watched(out or sys.stdout)
    try:
        with _interrupts_noted(stream):
            code = args.func(args, stream)
        if stream.interrupted and not stream.written:
            raise KeyboardInterrupt  # one that landed in a destructor, which Python swallows
        return code
    except EssaycoachError as exc:
        return _failed(str(exc), 2, args, stream)
    except BrokenPipeError:
        return 0
    except sqlite3.DatabaseError as exc:  # the data folder's database: locked, damaged, or no file at all
        if "readonly" in str(exc):
            from .store import data_dir

            return _failed(f"the database cannot be written ({exc}): check that you may write to the data "
                           f"folder {data_dir()} and the files in it", 2, args, stream)
        return _failed(f"the database could not be used ({exc}): if another essaycoach is busy with it, try "
                       "again in a moment; if it is damaged, bring back a backup with `essaycoach restore "
                       "FILE.zip`", 2, args, stream)
    except OSError as exc:  # a file the command needed, beyond the checks above: still one line
        return _failed(f"{exc.filename or ''} {exc.strerror or exc.__class__.__name__}".strip(), 2, args, stream)
    except KeyboardInterrupt:  # Ctrl+C: one line, as every error (results are written whole or not at all)
        return _failed("interrupted: stopped before the end; nothing more was written", 130, args, stream)


class _Watched:
    """The output stream, noting whether anything was written to it: an error under ``--json``
    is printed there as JSON only when it holds nothing yet (one JSON document, always). Once
    Ctrl+C is pressed nothing more is written, even if its KeyboardInterrupt was lost."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.written, self.interrupted = stream, False, False

    def write(self, text: str) -> int:
        if self.interrupted:
            raise KeyboardInterrupt
        self.written = self.written or bool(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def _interrupts_noted(stream: _Watched) -> Iterator[None]:
    """Ctrl+C noted on ``stream`` as well as raised: a KeyboardInterrupt raised while Python runs a
    destructor (numpy's file closing as the cache loads) is printed as "Exception ignored" and
    lost, and the command went on to exit 0 (a walk, 3 times in 30). Such a lost one prints
    nothing now, and the stream stops the command at its next write."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread (tests may run the CLI elsewhere)
        return

    def on_interrupt(signum: int, frame: object) -> None:
        stream.interrupted = True
        raise KeyboardInterrupt

    def unraisable(info: Any) -> None:
        if not isinstance(info.exc_value, KeyboardInterrupt):
            hook(info)

    previous, hook = signal.signal(signal.SIGINT, on_interrupt), sys.unraisablehook
    sys.unraisablehook = unraisable
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = hook


def _failed(message: str, code: int, args: argparse.Namespace, stream: _Watched) -> int:
    """Say what went wrong in one line on stderr; with ``--json``, also as ``{"error", "exit"}``
    on standard output, so a script reading it gets JSON either way."""
    print(f"essaycoach: {'' if code == 130 else 'error: '}{message}", file=sys.stderr)
    if getattr(args, "json", False) and not stream.written:
        stream.write(json.dumps({"error": message, "exit": code}, ensure_ascii=False) + "\n")
    return code
