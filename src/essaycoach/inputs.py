"""Read essays from what teachers and students hand over: CSV, .txt/.md, .docx, .pdf, folders, stdin.

Nothing here stops a batch: a file that cannot be read becomes an :class:`EssayInput` with
``error`` set (its own row in every output), and the other essays are still marked.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import IO

from .documents import decode_text, docx_text, pdf_text
from .errors import EssayInputError, UnreadableFileError
from .markup import CONTROL_CHARACTERS, without_bidi_controls
from .safeio import read_bounded, read_stream, size_text

__all__ = ["EssayInput", "decode_text", "docx_text", "essay_from_bytes", "essays_from_csv", "essays_from_paths",
           "essays_from_uploads", "essays_from_zip", "tidy_name"]

TEXT_SUFFIXES = (".txt", ".md")
ESSAY_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MAX_FILE_BYTES = 5_000_000  # one essay or CSV file, read or uploaded
UPLOAD_LIMIT_MB = MAX_FILE_BYTES // 1_000_000  # the app's uploader (.streamlit/config.toml maxUploadSize)
MAX_PASTE_CHARS = 2_000_000  # a class set's CSV is a few hundred KB; more is a mistake
# A CSV field may hold a whole essay file: raise Python's 131,072-character default to the
# largest CSV we accept, so one long essay cannot make the whole file unreadable.
CSV_FIELD_LIMIT = max(MAX_FILE_BYTES, MAX_PASTE_CHARS)
MAX_NAME_CHARS = 80  # a student's name, typed or read from a file
STUDENT_COLUMNS = ("student", "name", "student_name", "pupil", "candidate")
# Columns of the marks table the app and ``essaycoach mark --csv`` export (:mod:`exports`): a
# teacher who hands it back has the marks but none of the essays they came from.
MARKS_TABLE_COLUMNS = ("engine_mark", "final_mark")
ESSAY_COLUMNS = ("essay", "text", "answer", "response")


@dataclass(frozen=True)
class EssayInput:
    """One essay to mark, or the reason it could not be read (``error``)."""

    student: str
    text: str
    origin: str          # file name (and row) it came from
    error: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # other CSV columns, e.g. teacher marks

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 (a zip unpacked from Windows) reaches Python with its
        # bytes as lone surrogates, which no output can encode; a name or file name holding a
        # control character ("\x1b[2J") would act on the teacher's terminal: both as U+FFFD.
        for name in ("student", "origin", "error"):
            value = getattr(self, name)
            if value is not None and _UNPRINTABLE.search(value):
                object.__setattr__(self, name, printable(value))


def printable(text: str) -> str:
    """``text`` with each undecodable byte of a file name (a lone surrogate) and each control
    character as U+FFFD (line breaks and tabs as spaces)."""
    return _UNPRINTABLE.sub("\ufffd", text.replace("\n", " ").replace("\t", " "))


_UNPRINTABLE = re.compile(f"[{CONTROL_CHARACTERS}\n\t\ud800-\udfff]")


def tidy_name(name: str | None) -> str:
    """A student's name with spaces tidied and a length cap, without characters that turn the
    direction of what follows; ``""`` when nothing usable was given, nothing visible included (a
    zero-width space alone had been kept as a name that showed blank everywhere)."""
    tidy = _spaced_name(name)[:MAX_NAME_CHARS]
    return tidy if any(unicodedata.category(ch) != "Cf" for ch in tidy) else ""


def name_cut(name: str | None) -> bool:
    """Whether :func:`tidy_name` cuts ``name`` to the length cap."""
    return len(_spaced_name(name)) > MAX_NAME_CHARS


def _spaced_name(name: str | None) -> str:
    return " ".join(without_bidi_controls(name or "").split())


def _failed(origin: str, error: str, student: str | None = None) -> EssayInput:
    return EssayInput(student if student is not None else Path(origin).stem or origin, "", origin, error)


def _words(column: str) -> tuple[str, ...]:
    return tuple("".join(ch if ch.isalnum() else " " for ch in column.lower()).split())


def _pick(columns: list[str], wanted: tuple[str, ...], taken: str | None = None) -> str | None:
    """The column named one of ``wanted`` (case, spaces and punctuation aside), else the first
    whose name ends with one of them ("Student Name", "Your essay": the last word names what a
    column holds, so "Essay title" is a title), else the first whose name holds one as a word;
    never ``taken``."""
    named = [(c, _words(c)) for c in columns if c and c != taken]
    exact = {" ".join(words): c for c, words in named}
    found = next((exact[" ".join(_words(w))] for w in wanted if " ".join(_words(w)) in exact), None)
    return found or next((c for w in wanted for c, words in named if words and words[-1] == w), None) or next(
        (c for w in wanted for c, words in named if w in words), None)


EMPTY_ESSAY = "empty essay"  # the error of an essay handed in with no text (the student's to fix)
MAX_RESYNC = 500  # lines after a broken quote searched for the row where reading can start again
MAX_NAME_WORDS = 8  # a row starts with a name, not a sentence of an essay
RESYNC_ROWS = 3     # clean rows in a row that show reading is back in step (an essay's lines seldom are)


def _records(lines: list[str], first: int, delimiter: str) -> Iterator[tuple[int, list[str] | None, int]]:
    """(first line, fields, last line) of each CSV record from physical line ``first`` (from 1)
    on, ending with a record whose quotes are broken (``None`` fields), if there is one."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    # strict: a quote that is never closed, or text after a closing quote, is an error here
    # instead of silently swallowing the rows below it.
    # Line by line, not the rest joined: a broken quote tries many starting lines.
    reader = csv.reader((lines[i] + "\n" for i in range(first - 1, len(lines))), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield first - 1 + start, None, first - 1 + reader.line_num
            return
        if fields:
            yield first - 1 + start, fields, first - 1 + reader.line_num


def _fits(fields: list[str], width: int, needed: int) -> bool:
    """A row of the header's width (extra cells empty), or cut short after its first ``needed``
    cells (the student's and the essay's): a row leaving its last cells out is read as usual."""
    return len(fields) >= needed and not any(f.strip() for f in fields[width:])


def _resync(lines: list[str], broken: int, delimiter: str, width: int, at_student: int,
            at_essay: int) -> int | None:
    """The first line after the start of a broken record where the next row begins: the next
    ``RESYNC_ROWS`` records read from there (or all that are left) are rows that fit the header
    (:func:`_fits`) and start with a name. ``None`` when no line in ``MAX_RESYNC`` does."""
    for first in range(broken + 1, min(len(lines), broken + MAX_RESYNC) + 1):
        rows = list(islice(_records(lines, first, delimiter), RESYNC_ROWS))
        # The first row may be wider (unquoted commas in its essay): it gets its own error rather
        # than being counted among the broken row's spoilt lines.
        if all(fields is not None and (_fits(fields, width, max(at_student, at_essay) + 1)
                                       or (n == 0 and len(fields) > width))
               for n, (_, fields, _) in enumerate(rows)) and (
                not rows or len((rows[0][1] or [""])[at_student].split()) <= MAX_NAME_WORDS):
            return first
    return None


def _broken_quote(start: int, end: int | None = None) -> str:
    """The error of a record whose quote breaks at line ``start``; ``end``: the line the quote
    was read to, said when past ``start``."""
    runs = f" (the quote runs on to line {end})" if end is not None and end > start else ""
    return (f"line {start}: a quoted field is not closed properly{runs}; check the quotes around that essay: "
            'a quote inside an essay must be doubled ("")')


def _unnamed(n: int) -> str:
    """The label of the ``n``-th essay of a file, given without a name (its line number would read
    as a count when an essay before it runs over many lines)."""
    return f"essay {n} (no name)"


def _row(n: int, line: int, fields: list[str], columns: list[str], origin: str, at_essay: int, at_student: int,
         essay_col: str, student_col: str) -> EssayInput:
    """The ``n``-th essay, CSV record at ``line``, as an essay, or as an error row naming its line."""
    student = tidy_name(fields[at_student] if at_student < len(fields) else "") or _unnamed(n)
    where = f"{origin}:{line}"
    if len(fields) > len(columns) and any(f.strip() for f in fields[len(columns):]):
        return _failed(where, f"line {line} has {len(fields)} fields but the header has {len(columns)}: "
                       "put an essay that contains commas in double quotes", student)
    essay = fields[at_essay] if at_essay < len(fields) else ""
    extra = tuple((k, v) for k, v in zip(columns, fields) if k not in (essay_col, student_col))
    return EssayInput(student, essay, where, None if essay.strip() else EMPTY_ESSAY, extra)


def header_delimiter(header: str) -> str:
    """The delimiter a CSV's header line uses most (comma, semicolon or tab; comma if none).
    The header decides: sniffing a sample of multi-line quoted essays guesses wrong (a quote or
    an apostrophe looks like a delimiter)."""
    delimiter = max((",", ";", "\t"), key=header.count)
    return delimiter if header.count(delimiter) else ","


def essays_from_csv(text: str, origin: str = "csv") -> list[EssayInput]:
    """Essays from CSV text with an essay column and a student column (names are matched loosely).

    A row with more fields than the header (unquoted commas in an essay) gets an error naming
    its line; so does a row whose quote is not closed properly, naming the lines it spoilt, when
    the rest of the file reads cleanly from the next row on (those rows are read as usual);
    otherwise the broken quote refuses the file, naming its line."""
    # Every line end as "\n": a carriage return alone ends a line too (Excel for Mac's "CSV
    # (Macintosh)", a stray one pasted in), and inside a quoted essay it is a line break anyway.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EssayInputError(f"{origin}: is empty; a class CSV needs a header line (student, essay) and a row "
                              "for each essay")
    delimiter = header_delimiter(text.split("\n", 1)[0])
    lines = text.split("\n")
    last = len(text.rstrip("\n").split("\n"))   # a quote read to the end ran on to the last line, not past it
    first = next(_records(lines, 1, delimiter), None)
    if first is not None and first[1] is None:
        raise EssayInputError(f"{origin}: {_broken_quote(first[0], min(first[2], last))} (in the header)")
    columns = first[1] or [] if first else []
    essay_col = _pick(columns, ESSAY_COLUMNS)
    student_col = _pick(columns, STUDENT_COLUMNS, taken=essay_col)
    if essay_col is None and all(c in columns for c in MARKS_TABLE_COLUMNS):
        raise EssayInputError(f"{origin}: is a marks table exported by essaycoach, which holds the marks but not "
                              "the essays; give the CSV of student and essay columns the class set was marked "
                              "from (with your 0/1 point columns and/or a mark column, to calibrate)")
    if essay_col is None or student_col is None:
        found = ", ".join(repr(c[:40]) for c in columns[:20]) or "none"
        raise EssayInputError(
            f"{origin}: needs an 'essay' column and a 'student' column; columns found: {found} (a column whose "
            f"name holds one of {', '.join(ESSAY_COLUMNS)} is the essay, and one of "
            f"{', '.join(w for w in STUDENT_COLUMNS if '_' not in w)} the student, e.g. 'Student name', 'Your essay')")
    at_essay, at_student = columns.index(essay_col), columns.index(student_col)
    out: list[EssayInput] = []
    start = first[2] + 1 if first else 1   # the line after the header
    while True:
        broken: tuple[int, int] | None = None   # reading stops at a broken record
        for line, fields, end in _records(lines, start, delimiter):
            if fields is None:
                broken = line, end
            else:
                out.append(_row(len(out) + 1, line, fields, columns, origin, at_essay, at_student, essay_col,
                                student_col))
        if broken is None:
            break
        # The rows after a broken quote read wrongly (their quotes pair up the wrong way): read
        # on from where the next row starts, or refuse the file when none does.
        line, end = broken
        again = _resync(lines, line, delimiter, len(columns), at_student, at_essay)
        if again is None:
            raise EssayInputError(f"{origin}: {_broken_quote(line, min(end, last))}")
        try:
            loose = next(csv.reader([lines[line - 1]], delimiter=delimiter), [])
        except csv.Error:  # the name is read loosely, for the error row: none is fine
            loose = []
        name = (loose[at_student] if at_student < len(loose) else "").strip()
        # Reading starts again at line ``again``: the lines before it are what the quote spoilt.
        spoilt = "this row is not marked" if again - 1 == line else f"lines {line}–{again - 1} not marked"
        out.append(_failed(f"{origin}:{line}", f"{_broken_quote(line)}; {spoilt}",
                           name if 0 < len(name) <= MAX_NAME_CHARS else _unnamed(len(out) + 1)))
        start = again
    if not out:
        raise EssayInputError(f"{origin}: has a header but no essays")
    return out


def essay_from_bytes(name: str, data: bytes, suffix: str | None = None) -> EssayInput:
    """One uploaded essay file (.txt, .md, .docx or .pdf; ``suffix`` overrides the name's); a
    bad file comes back with ``error`` set."""
    student = Path(name).stem or name
    try:
        if len(data) > MAX_FILE_BYTES:
            raise EssayInputError(f"{name}: is {len(data) / 1e6:.1f} MB; an essay file should be "
                                  f"under {size_text(MAX_FILE_BYTES)}")
        kind = (suffix or Path(name).suffix).lower()
        if kind in TEXT_SUFFIXES:
            kind = _sniffed(data) or kind  # a Word file or a PDF saved as .txt is read for what it is (a walk)
        if kind == ".docx":
            text = docx_text(data, name)
        elif kind == ".pdf":
            text = pdf_text(data, name)
        elif kind in TEXT_SUFFIXES:
            text = decode_text(data, name)
        else:
            raise EssayInputError(f"{name}: unsupported file type {kind or '(none)'}; "
                                  f"use {', '.join(ESSAY_SUFFIXES)} or .csv")
    except EssayInputError as exc:
        return _failed(name, str(exc), student)
    return EssayInput(student, text, name, None if text.strip() else EMPTY_ESSAY)


def _sniffed(data: bytes) -> str | None:
    """".docx" or ".pdf" when ``data`` is one whatever its name says (the zip of a Word file
    holds word/document.xml; a PDF starts "%PDF-"), else None."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return ".docx" if "word/document.xml" in zf.namelist() else None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            return None
    return None


ARCHIVE_SUFFIX = ".zip"     # a class's work as one download from a learning platform
NOT_AN_ESSAY = "skipped, not an essay file"  # an archive's other files: named in a row, no student's


def skipped(error: str | None) -> bool:
    """Whether a row's error says its file was no essay at all (a photo in a class's zip): named
    so that a scan of a handwritten essay is not dropped unseen, but no student's work to mark
    or hand back."""
    return bool(error) and NOT_AN_ESSAY in str(error)
MAX_ARCHIVE_FILES = 500     # essays (and CSVs) read from one archive
MAX_ARCHIVE_BYTES = 100_000_000  # all of them, unpacked


def essays_from_zip(name: str, data: bytes) -> list[EssayInput]:
    """Every essay file (.txt, .md, .docx, .pdf) and CSV in a zip archive, in folders too, each
    read as an uploaded file is. Any other file is a row saying it was skipped (a scan of a
    handwritten essay must not drop a student unseen); hidden files and Word's lock files are
    left out. A file too large is its own row; an archive that cannot be read, holds no essays
    or would unpack too large is one row saying so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            files = [m for m in zf.infolist() if not m.is_dir() and not _is_hidden(m.filename)]
            members = [m for m in files if _is_essay_file(PurePosixPath(m.filename).name)]
            if not members:
                return [_failed(name, f"{name}: holds no {', '.join(ESSAY_SUFFIXES)} or .csv files")]
            if len(members) > MAX_ARCHIVE_FILES or sum(m.file_size for m in members) > MAX_ARCHIVE_BYTES:
                return [_failed(name, f"{name}: holds {len(members):,} essay files, "
                                f"{sum(m.file_size for m in members) / 1e6:,.0f} MB unpacked: more than a class set "
                                f"(at most {MAX_ARCHIVE_FILES:,} files, {MAX_ARCHIVE_BYTES // 1_000_000} MB); "
                                "upload it in parts")]
            out = [_failed(f"{name}/{m.filename}", f"{name}/{m.filename}: {NOT_AN_ESSAY} (accepted: "
                           f"{', '.join(ESSAY_SUFFIXES)} and .csv)", PurePosixPath(m.filename).stem)
                   for m in files if m not in members]
            for member in members:
                origin = f"{name}/{member.filename}"
                if member.file_size > MAX_FILE_BYTES:
                    out.append(_failed(origin, f"{origin}: is {member.file_size / 1e6:.1f} MB; an essay file "
                                       f"should be under {size_text(MAX_FILE_BYTES)}"))
                    continue
                with zf.open(member) as fh:
                    body = fh.read(MAX_FILE_BYTES + 1)  # however large its header says it is
                out.extend(_read_file(origin, body))
            return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return [_failed(name, f"{name}: is not a readable .zip archive (it may be damaged or incomplete); "
                        "unzip it and upload the files inside")]


def _is_hidden(path: str) -> bool:
    """A file no teacher put in an archive: hidden (".DS_Store", a "__MACOSX" folder) or Word's lock file."""
    return any(part.startswith((".", "~$", "__MACOSX")) for part in PurePosixPath(path).parts)


def _is_essay_file(name: str) -> bool:
    """Whether a file so named is read as essays: other files, hidden files and Word's lock files are not."""
    return PurePosixPath(name).suffix.lower() in ESSAY_SUFFIXES + (".csv",) and not name.startswith((".", "~$"))


def _read_file(origin: str, data: bytes) -> list[EssayInput]:
    """The essays of one file's bytes, named by ``origin`` (its path, or the archive's and its
    own): several for a CSV, one for an essay file, or one row saying why it cannot be read."""
    if PurePosixPath(origin).suffix.lower() != ".csv":
        return [essay_from_bytes(origin, data)]
    try:
        return essays_from_csv(decode_text(data, origin, stray_nuls=True), origin)
    except EssayInputError as exc:
        return [_failed(origin, str(exc))]


def _from_file(path: Path, origin: str) -> list[EssayInput]:
    """The essays of one file (several for a CSV), or one row saying why it cannot be read."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableFileError as exc:
        return [_failed(origin, f"{origin}: {exc}")]
    if path.suffix.lower() == ARCHIVE_SUFFIX:
        return essays_from_zip(origin, data)
    return _read_file(origin, data)


def _from_folder(folder: Path, origin: str) -> list[EssayInput]:
    """Every essay and CSV file directly in ``folder``. A link is followed only to a file inside
    the folder: anything else is a skipped row (a link once had /etc/shadow marked)."""
    inside = folder.resolve()
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        return [_failed(origin, f"{origin}: cannot list the folder ({exc.strerror or exc.__class__.__name__})")]
    out: list[EssayInput] = []
    for entry in entries:
        if not _is_essay_file(entry.name):
            continue
        name = str(entry)
        if entry.is_symlink():
            target = Path(os.path.realpath(entry))
            if not target.exists():
                # realpath stops where links go round in a circle (a.txt -> b.txt -> a.txt): there the
                # target is itself a link, and following it raises ELOOP.
                what = "a link that leads round in a circle" if target.is_symlink() else "a link to nothing"
                out.append(_failed(name, f"{name}: is {what} (skipped)"))
                continue
            if not target.is_relative_to(inside) or not target.is_file():
                out.append(_failed(name, f"{name}: is a link to something outside the folder or not a "
                                   "regular file (skipped)"))
                continue
        out.extend(_from_file(entry, name))
    return out or [_failed(origin, f"{origin}: folder holds no .txt, .md, .docx, .pdf or .csv files")]


def _from_stdin(stdin: IO[str] | IO[bytes] | None, csv_text: bool) -> list[EssayInput]:
    """Standard input as one essay (or, ``csv_text``, as a class CSV), through the same size
    limit, decoding and checks as a file."""
    if stdin is None:
        return [_failed("stdin", "stdin: no standard input", "stdin")]
    stream = getattr(stdin, "buffer", stdin)  # the bytes under sys.stdin; a test may hand text
    try:
        data = read_stream(stream, MAX_FILE_BYTES)
    except UnreadableFileError as exc:
        return [_failed("stdin", f"stdin: {exc}", "stdin")]
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not csv_text:
        # A document piped in is read as one (its first bytes say which): as text, a damaged PDF
        # was marked as the two-word essay "%PDF-1.4 broken" (a re-check's finding).
        kind = ".pdf" if raw.startswith(b"%PDF-") else ".docx" if raw.startswith(b"PK\x03\x04") else ".txt"
        return [essay_from_bytes("stdin", raw, suffix=kind)]
    try:
        return essays_from_csv(decode_text(raw, "stdin", stray_nuls=True), "stdin")
    except EssayInputError as exc:
        return [_failed("stdin", str(exc), "stdin")]


def essays_from_paths(paths: Iterable[str | Path], stdin: IO[str] | IO[bytes] | None = None,
                      stdin_csv: bool = False) -> list[EssayInput]:
    """Essays from CSV files, essay files, folders of them, or ``-`` for standard input (one
    essay, or with ``stdin_csv`` a CSV of them).

    Never raises for a bad item: a missing file, a folder where a file should be, a device, a
    file too large, an unreadable CSV... each comes back as a row with ``error`` set."""
    out: list[EssayInput] = []
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name == "-":
            out.extend(_from_stdin(stdin, stdin_csv))
        elif not os.path.lexists(path):
            out.append(_failed(name, f"{name}: no such file or folder"))
        elif path.is_dir():
            out.extend(_from_folder(path, name))
        else:
            out.extend(_from_file(path, name))
    return out


# A browser sends an uploaded file's name with '"', LF and CR as %22, %0A and %0D (the HTML
# standard's multipart/form-data encoding) and nothing else escaped, so only those come back.
_FORM_ESCAPES = (("%22", '"'), ("%0A", "\n"), ("%0D", "\r"))


def uploaded_name(name: str) -> str:
    """An uploaded file's name as the teacher's computer spells it: ``Zoë "O'Neil".txt``, not
    ``Zoë %22O'Neil%22.txt``."""
    for sent, meant in _FORM_ESCAPES:
        name = name.replace(sent, meant)
    return name


def essays_from_uploads(files: Iterable[tuple[str, bytes]], pasted: str = "") -> tuple[list[EssayInput], list[str]]:
    """Essays from uploaded files (CSV or essay files) and/or pasted CSV text, for the app.

    Returns the essays (unreadable ones carry ``error``, so the rest are still marked) and
    problems with whole uploads (a CSV without the columns, a paste too large, a file in an
    archive that is no essay), each naming the upload."""
    out: list[EssayInput] = []
    problems: list[str] = []
    for sent, data in files:
        name = uploaded_name(sent)
        if Path(name).suffix.lower() == ARCHIVE_SUFFIX:
            found = essays_from_zip(name, data)
            # a photo in the archive is no student's: named with the uploads left out, not a row
            # of the class set (a walk's marks table had a student "photo", 3 of 5 essays marked)
            problems.extend(str(e.error) for e in found if skipped(e.error))
            out.extend(e for e in found if not skipped(e.error))
        elif Path(name).suffix.lower() == ".csv":
            try:
                if len(data) > MAX_FILE_BYTES:
                    raise EssayInputError(f"{name}: is {len(data) / 1e6:.1f} MB; the limit for a CSV is "
                                          f"{size_text(MAX_FILE_BYTES)}")
                out.extend(essays_from_csv(decode_text(data, name, stray_nuls=True), name))
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
