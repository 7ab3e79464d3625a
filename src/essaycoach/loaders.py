"""Everything that touches disk for seeds and rubrics: find, read, validate, save."""
from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import CalibrationError, RubricError, SeedError, UnknownRubricError, UnreadableFileError, YamlError, short
from .paths import rubrics_dir, seeds_dir
from .roundtrip import keep_layout
from .rubric import Rubric, parse_rubric, rubric_to_dict, valid_id
from .safeio import atomic_write, load_yaml_text, read_bounded, remove_stale_temporaries, size_text
from .thresholds import Calibration, calibration_from_dict, calibration_to_dict

MAX_RUBRIC_BYTES = 1_000_000


@dataclass(frozen=True)
class BrokenRubric:
    """A file in the rubric folder that could not be loaded, and every problem found in it
    (the loader's list of invalid files, and the editor's list of files to mend)."""

    file: str
    problems: tuple[str, ...]

    @property
    def id(self) -> str:
        """The rubric id the file would have: its name without the folder or ``.yaml``."""
        return Path(self.file).stem

    @property
    def message(self) -> str:
        return "; ".join(self.problems)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def load_seeds(folder: Path | None = None) -> dict[str, str]:
    """``{file name: text}`` for every ``.txt`` seed document."""
    folder = Path(folder or seeds_dir())
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        raise SeedError(f"no seed documents (*.txt) found in {folder}")
    return {f.name: f.read_text(encoding="utf-8", errors="replace") for f in files}


@lru_cache(maxsize=4)
def _seed_lines_cached(folder: str) -> dict[str, tuple[str, ...]]:
    return {name: tuple(text.splitlines()) for name, text in load_seeds(Path(folder)).items()}


def seed_lines(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """``{file name: lines}``, used to check rubric citations."""
    return _seed_lines_cached(str(Path(folder or seeds_dir()).resolve()))


def rubric_data(text: str, origin: str = "rubric") -> object:
    """Rubric YAML text as plain data, before validation: size checked first, no anchors or
    aliases, bounded nesting and numbers (see ``safeio.load_yaml_text``); ``RubricError``
    names the problem."""
    if len(text) > MAX_RUBRIC_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_RUBRIC_BYTES:
        raise RubricError(f"file is larger than {size_text(MAX_RUBRIC_BYTES)}; is it really a rubric?", origin)
    try:
        return load_yaml_text(text)
    except YamlError as exc:
        raise RubricError(str(exc), origin) from None


def parse_rubric_yaml(text: str, origin: str = "rubric", expected_id: str | None = None,
                      check_citations: bool = True) -> Rubric:
    """Parse and validate rubric YAML text; ``RubricError`` names the problem and the field."""
    data = rubric_data(text, origin)
    lines = None
    if check_citations:
        try:
            lines = seed_lines()
        except SeedError:
            lines = None
    try:
        rubric = parse_rubric(data, origin, lines)
    except (TypeError, ValueError, RecursionError) as exc:  # a shape no check foresaw: still one message
        raise RubricError(f"cannot be read as a rubric ({exc.__class__.__name__}: {short(str(exc), 120)})",
                          origin) from None
    if expected_id is not None and rubric.id != expected_id:
        raise RubricError(f"id: {short(rubric.id)} must equal the file name stem {short(expected_id)}", origin)
    return rubric


def read_rubric_text(path: str | Path) -> str:
    """The text of a rubric (or calibration) file: a regular file of at most
    ``MAX_RUBRIC_BYTES``, UTF-8; ``RubricError`` says what is wrong."""
    try:
        raw = read_bounded(path, MAX_RUBRIC_BYTES)
    except UnreadableFileError as exc:
        raise RubricError(str(exc), str(path)) from None
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL byte")
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        raise RubricError("is not UTF-8 text (a binary file?)", str(path)) from None


def read_rubric_file(path: Path, expected_id: str | None = None) -> Rubric:
    """Read and validate one rubric file; its id must equal ``expected_id`` (default: the
    file name stem)."""
    path = Path(path)
    return parse_rubric_yaml(read_rubric_text(path), str(path), expected_id=expected_id or path.stem)


def rubric_ids(folder: Path | None = None) -> list[str]:
    """Ids of the rubric files in ``folder``, sorted."""
    folder = Path(folder or rubrics_dir())
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def rubric_path(rubric_id: str, folder: Path | None = None) -> Path:
    """The file for ``rubric_id``; ids are slugs, so no path can escape the rubric folder."""
    if not valid_id(rubric_id):
        raise UnknownRubricError(f"{short(rubric_id)} is not a valid rubric id (lower-case letters, "
                                 "digits and hyphens only, not a device name such as nul)")
    return Path(folder or rubrics_dir()) / f"{rubric_id}.yaml"


def load_rubric(id_or_path: str | Path, folder: Path | None = None) -> Rubric:
    """Load a rubric by id (``trotsky-errors``) or by path to a YAML file.

    Raises
    ------
    UnknownRubricError
        No rubric has that id; the message lists the valid ids.
    RubricError
        The file exists but is invalid.
    """
    text = str(id_or_path)
    if "\x00" in text:  # no file name holds one (the system would refuse it with a ValueError)
        raise UnknownRubricError(f"unknown rubric {short(text.replace(chr(0), '?'))}: a rubric id or file name "
                                 "has no NUL character")
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return read_rubric_file(Path(text))
    ids = rubric_ids(folder)
    if text not in ids and text.strip().lower() in ids:
        text = text.strip().lower()  # ids are lower case: "Constitution-1936" means the one there is
    if text not in ids:
        where = Path(folder or rubrics_dir())
        valid = ", ".join(ids) if ids else f"none: the rubrics folder {where} {folder_state(where, 'rubric')}"
        close = difflib.get_close_matches(text.lower(), ids, n=1, cutoff=0.8)
        meant = f"; did you mean {close[0]!r}? Valid ids: " if close else "; valid ids: "
        raise UnknownRubricError(f"unknown rubric {short(text)}{meant}{valid}")
    return read_rubric_file(rubric_path(text, folder))


def folder_state(where: Path, what: str) -> str:
    """Why a folder gave no ``what``: it does not exist, cannot be read (an unreadable folder had
    been reported as holding none), or holds none."""
    try:
        os.listdir(where)
    except FileNotFoundError:
        return "does not exist"
    except NotADirectoryError:
        return "is a file, not a folder"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc.__class__.__name__}): check its permissions"
    return f"holds no {what}"


def load_all_rubrics(folder: Path | None = None) -> tuple[list[Rubric], list[BrokenRubric]]:
    """Every valid rubric in the folder, and each file that could not be loaded with its
    problems: one broken file never stops the others."""
    good, bad = [], []
    for rid in rubric_ids(folder):
        try:
            good.append(read_rubric_file(rubric_path(rid, folder)))
        except RubricError as exc:
            bad.append(BrokenRubric(exc.source, tuple(exc.problems)))
        except UnknownRubricError as exc:  # a file name that is no valid id (NUL.yaml, Trotsky.yaml)
            bad.append(BrokenRubric(str(Path(folder or rubrics_dir()) / f"{rid}.yaml"), (str(exc),)))
    return good, bad


def rubric_yaml(rubric: Rubric) -> str:
    """The rubric as YAML text, in the documented field order."""
    return yaml.safe_dump(rubric_to_dict(rubric), sort_keys=False, allow_unicode=True, width=100)


def save_rubric(rubric: Rubric, folder: Path | None = None, layout: str | None = None,
                copied_from: str | None = None) -> Path:
    """Write the rubric atomically; the previous file is kept under ``.history/``.

    The file keeps its layout (see :func:`rubric_text`): ``layout`` is the text whose layout to
    keep; by default that of rubric ``copied_from`` (a rubric saved under a new id keeps the
    layout and comments of the one it was made from), else of the file being replaced. The YAML
    is re-read and validated before it replaces anything, so a save can never leave a broken or
    half-written rubric behind.
    """
    folder = Path(folder or rubrics_dir())
    path = rubric_path(rubric.id, folder)
    original = [rubric_path(copied_from, folder)] if copied_from and valid_id(copied_from) else []
    for source in [*original, path]:
        if layout is not None or not source.is_file():
            continue
        try:
            layout = read_rubric_text(source)
        except RubricError:
            layout = None  # unreadable: the next, or written afresh
    text = rubric_text(rubric, layout)
    parse_rubric_yaml(text, str(path), expected_id=rubric.id)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    if path.is_file():
        history = folder / ".history"
        history.mkdir(exist_ok=True)
        remove_stale_temporaries(history)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # sorts in save order
        try:
            previous = read_bounded(path, MAX_RUBRIC_BYTES)
        except UnreadableFileError:
            previous = None  # nothing a rubric could be: there is no version worth keeping
        if previous is not None:
            atomic_write(history / f"{rubric.id}.{stamp}.yaml", previous)
    _atomic_write(path, text)
    return path


# A rubric file may spell these out with the value the data leaves out ("weight: 1.0"): kept.
_SAME_AS_ABSENT = {"weight": (1.0, 1), "topic": ("", None), "source": ("", None), "aliases": ([], None)}


def rubric_text(rubric: Rubric, layout: str | None = None) -> str:
    """The rubric as YAML in the layout of ``layout`` (an earlier version of its file): only the
    lines whose values changed differ, and comments stay (``roundtrip.keep_layout``). Without
    a layout, or when the text cannot be kept (not a rubric-like mapping, refused by the strict
    reader, or not reading back as this rubric), the rubric is written afresh (:func:`rubric_yaml`)."""
    if layout:
        kept = keep_layout(layout, rubric_to_dict(rubric), _SAME_AS_ABSENT)
        if kept is not None and len(kept) <= MAX_RUBRIC_BYTES and _reads_back(kept, rubric):
            return kept
    return rubric_yaml(rubric)


def _reads_back(text: str, rubric: Rubric) -> bool:
    try:
        again = parse_rubric(rubric_data(text, rubric.id), rubric.id)
    except (RubricError, TypeError, ValueError, RecursionError):
        return False
    return again == rubric and again.extra == rubric.extra


def _atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: readers see old or new, never half."""
    atomic_write(path, text)


def rubric_versions(rubric_id: str, folder: Path | None = None) -> list[Path]:
    """Earlier versions of a rubric kept by :func:`save_rubric`, newest first."""
    folder = Path(folder or rubrics_dir())
    rubric_path(rubric_id, folder)
    return sorted((folder / ".history").glob(f"{rubric_id}.*.yaml"), reverse=True)


def calibration_path(rubric_id: str, folder: Path | None = None) -> Path:
    """Where a rubric's calibration lives: ``rubrics/.calibration/<id>.yaml``."""
    base = rubric_path(rubric_id, folder).parent
    return base / ".calibration" / f"{rubric_id}.yaml"


def save_calibration(calibration: Calibration, folder: Path | None = None) -> Path:
    """Write a calibration beside its rubric (atomically)."""
    path = calibration_path(calibration.rubric, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, yaml.safe_dump(calibration_to_dict(calibration), sort_keys=False))
    return path


@contextmanager
def _calibration_lock(rubric_id: str, folder: Path | None = None) -> Iterator[None]:
    """Hold the rubric's calibration for one process (a lock file beside it; none where the
    system has no ``fcntl``): a second tab or command changing it waits until this one is done."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    path = calibration_path(rubric_id, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "a", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # released when the file closes
        yield


def update_calibration(rubric_id: str, change: Callable[[Calibration], Calibration],
                       folder: Path | None = None) -> Calibration | None:
    """Read, change and write a rubric's calibration as one step, ``change`` given the calibration
    as it is now; the calibration written, or None when the rubric has none. Two changes at
    once (two tabs, two commands) each see the other's: neither is lost."""
    with _calibration_lock(rubric_id, folder):
        current = load_calibration(rubric_id, folder)
        if current is None:
            return None
        changed = change(current)
        if changed is not current:  # unchanged: not written again
            save_calibration(changed, folder)
        return changed


def load_calibration(rubric_id: str, folder: Path | None = None) -> Calibration | None:
    """The rubric's stored calibration, or None when it has none.

    A damaged calibration file raises ``CalibrationError`` naming the file."""
    path = calibration_path(rubric_id, folder)
    if not path.is_file():
        return None
    try:
        data = load_yaml_text(read_rubric_text(path))
    except RubricError as exc:
        raise CalibrationError(f"{path}: not a readable calibration file ({'; '.join(exc.problems)})") from None
    except YamlError as exc:
        raise CalibrationError(f"{path}: not readable calibration YAML ({exc})") from None
    return calibration_from_dict(data, str(path))


def delete_calibration(rubric_id: str, folder: Path | None = None) -> bool:
    """Remove a rubric's calibration; True when there was one."""
    path = calibration_path(rubric_id, folder)
    if path.is_file():
        path.unlink()
        return True
    return False


def forget_student(student: str, folder: Path | None = None) -> int:
    """Remove every wording learnt from ``student``'s essays from every rubric's calibration
    (deleting a student deletes their sentences too); the number removed. A damaged
    calibration file is left as it is: it cannot be read, so nothing of it is used."""
    removed = 0

    def without_student(cal: Calibration) -> Calibration:
        nonlocal removed
        kept = tuple(e for e in cal.exemplars if e.student != student)
        removed += len(cal.exemplars) - len(kept)
        return replace(cal, exemplars=kept) if len(kept) < len(cal.exemplars) else cal

    base = Path(folder or rubrics_dir()) / ".calibration"
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else []:
        try:
            update_calibration(path.stem, without_student, folder)
        except (CalibrationError, UnknownRubricError):
            continue
    return removed
