"""Read essays from what teachers and students hand over: CSV, .txt/.md, .docx, folders, stdin."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .decoding import decode_text
from .errors import EssayInputError

TEXT_SUFFIXES = (".txt", ".md")
ESSAY_SUFFIXES = (".txt", ".md", ".docx")
MAX_FILE_BYTES = 5_000_000
STUDENT_COLUMNS = ("student", "name", "student_name", "pupil", "candidate")
ESSAY_COLUMNS = ("essay", "text", "answer", "response")


@dataclass(frozen=True)
class EssayInput:
    """One essay to mark, or the reason it could not be read (``error``)."""

    student: str
    text: str
    origin: str          # file name (and row) it came from
    error: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # other CSV columns, e.g. teacher marks


def docx_text(data: bytes, origin: str) -> str:
    """The paragraphs of a .docx file (python-docx), one per line."""
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise EssayInputError(f"{origin}: is not a readable .docx file ({exc.__class__.__name__})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and XML errors
        raise EssayInputError(f"{origin}: is not a readable .docx file ({exc.__class__.__name__})") from None
    return "\n".join(p.text for p in document.paragraphs)


def _pick(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns if c}
    return next((lowered[w] for w in wanted if w in lowered), None)


def essays_from_csv(text: str, origin: str = "csv") -> list[EssayInput]:
    """Essays from CSV text with an essay column and a student column (names are matched loosely)."""
    text = text.lstrip("\ufeff")
    # The header line decides the delimiter: sniffing a sample of multi-line quoted essays
    # guesses wrong (a quote or an apostrophe looks like a delimiter).
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter if header.count(delimiter) else ",")
    try:
        columns = list(reader.fieldnames or [])
    except csv.Error as exc:
        raise EssayInputError(f"{origin}: is not valid CSV ({exc})") from None
    essay_col, student_col = _pick(columns, ESSAY_COLUMNS), _pick(columns, STUDENT_COLUMNS)
    if essay_col is None or student_col is None:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise EssayInputError(f"{origin}: needs an 'essay' column and a 'student' column; "
                              f"columns found: {found}")
    out = []
    try:
        for n, row in enumerate(reader, start=2):
            student = (row.get(student_col) or "").strip() or f"row {n}"
            essay = row.get(essay_col) or ""
            extra = tuple((k, str(v)) for k, v in row.items()
                          if k not in (essay_col, student_col) and k is not None and v is not None)
            error = None if essay.strip() else "empty essay"
            out.append(EssayInput(student, essay, f"{origin}:{n}", error, extra))
    except csv.Error as exc:
        raise EssayInputError(f"{origin}: is not valid CSV ({exc})") from None
    if not out:
        raise EssayInputError(f"{origin}: has a header but no essays")
    return out


def essay_from_bytes(name: str, data: bytes) -> EssayInput:
    """One uploaded essay file (.txt, .md or .docx); a bad file comes back with ``error`` set."""
    student = Path(name).stem
    try:
        if len(data) > MAX_FILE_BYTES:
            raise EssayInputError(f"{name}: is {len(data) / 1e6:.1f} MB; an essay file should be "
                                  f"under {MAX_FILE_BYTES // 1_000_000} MB")
        suffix = Path(name).suffix.lower()
        if suffix == ".docx":
            text = docx_text(data, name)
        elif suffix in TEXT_SUFFIXES:
            text = decode_text(data, name)
        else:
            raise EssayInputError(f"{name}: unsupported file type {suffix or '(none)'}; "
                                  f"use {', '.join(ESSAY_SUFFIXES)} or .csv")
    except EssayInputError as exc:
        return EssayInput(student, "", name, str(exc))
    return EssayInput(student, text, name, None if text.strip() else "empty essay")


def essays_from_paths(paths: Iterable[str | Path], stdin: TextIO | None = None) -> list[EssayInput]:
    """Essays from CSV files, essay files, folders of them, or ``-`` for standard input.

    Raises
    ------
    EssayInputError
        A path does not exist, or a CSV cannot be used at all (its rows are not marked).
    """
    out: list[EssayInput] = []
    for raw in paths:
        raw = str(raw)
        if raw == "-":
            text = (stdin.read() if stdin is not None else "")
            out.append(EssayInput("stdin", text, "stdin", None if text.strip() else "empty essay"))
            continue
        path = Path(raw)
        if not path.exists():
            raise EssayInputError(f"{raw}: no such file or folder")
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in ESSAY_SUFFIXES + (".csv",))
            if not files:
                raise EssayInputError(f"{raw}: folder holds no .txt, .md, .docx or .csv files")
            out.extend(essays_from_paths(files))
            continue
        if path.suffix.lower() == ".csv":
            out.extend(essays_from_csv(decode_text(path.read_bytes(), raw), raw))
        else:
            out.append(essay_from_bytes(raw, path.read_bytes()))
    return out


MAX_PASTE_CHARS = 2_000_000  # a class set's CSV is a few hundred KB; more is a mistake


def essays_from_uploads(files: Iterable[tuple[str, bytes]], pasted: str = "") -> tuple[list[EssayInput], list[str]]:
    """Essays from uploaded files (CSV or essay files) and/or pasted CSV text, for the app.

    Returns the essays (unreadable ones carry ``error``, so the rest are still marked) and
    problems with whole uploads (a CSV without the columns, a paste too large), each naming
    the upload."""
    out: list[EssayInput] = []
    problems: list[str] = []
    for name, data in files:
        if Path(name).suffix.lower() == ".csv":
            try:
                if len(data) > MAX_FILE_BYTES:
                    raise EssayInputError(f"{name}: is {len(data) / 1e6:.1f} MB; the limit for a CSV is "
                                          f"{MAX_FILE_BYTES // 1_000_000} MB")
                out.extend(essays_from_csv(decode_text(data, name), name))
            except EssayInputError as exc:
                problems.append(str(exc))
        else:
            out.append(essay_from_bytes(name, data))
    if pasted.strip():
        if len(pasted) > MAX_PASTE_CHARS:
            problems.append(f"pasted text: is {len(pasted) / 1e6:.1f} million characters; paste at most "
                            f"{MAX_PASTE_CHARS / 1e6:.0f} million (or upload the CSV file)")
        else:
            try:
                out.extend(essays_from_csv(pasted, "pasted CSV"))
            except EssayInputError as exc:
                problems.append(str(exc))
    return out, problems
