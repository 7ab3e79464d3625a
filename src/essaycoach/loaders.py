"""Everything that touches disk for seeds and rubrics: find, read, validate, save."""
from __future__ import annotations

import os
import tempfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import CalibrationError, RubricError, SeedError, UnknownRubricError
from .paths import rubrics_dir, seeds_dir
from .rubric import ID_PATTERN, Rubric, parse_rubric, rubric_to_dict
from .thresholds import Calibration, calibration_from_dict, calibration_to_dict

MAX_RUBRIC_BYTES = 1_000_000
# libyaml's safe parser when PyYAML has it (its wheels do): the same data, read 4x faster, which
# is most of the time ``essaycoach prompts`` takes. A file it rejects is read again by the pure
# Python one, whose messages are the more precise (they name the bad character).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _yaml_data(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises again, with the more precise message


def parse_rubric_yaml(text: str, origin: str = "rubric", expected_id: str | None = None,
                      check_citations: bool = True) -> Rubric:
    """Parse and validate rubric YAML text; ``RubricError`` names the problem and the field."""
    if len(text.encode("utf-8", errors="replace")) > MAX_RUBRIC_BYTES:
        raise RubricError(f"file is larger than {MAX_RUBRIC_BYTES // 1000} kB; is it really a rubric?", origin)
    try:
        data = _yaml_data(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(f"YAML syntax error{where}: {problem}", origin) from None
    lines = None
    if check_citations:
        try:
            lines = seed_lines()
        except SeedError:
            lines = None
    rubric = parse_rubric(data, origin, lines)
    if expected_id is not None and rubric.id != expected_id:
        raise RubricError(f"id: {rubric.id!r} must equal the file name stem {expected_id!r}", origin)
    return rubric


def read_rubric_file(path: Path) -> Rubric:
    """Read and validate one rubric file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RubricError("file not found", str(path)) from None
    except IsADirectoryError:
        raise RubricError("is a folder, not a rubric file", str(path)) from None
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL byte")
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RubricError("is not UTF-8 text (a binary file?)", str(path)) from None
    return parse_rubric_yaml(text, str(path), expected_id=path.stem)


def rubric_ids(folder: Path | None = None) -> list[str]:
    """Ids of the rubric files in ``folder``, sorted."""
    folder = Path(folder or rubrics_dir())
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def rubric_path(rubric_id: str, folder: Path | None = None) -> Path:
    """The file for ``rubric_id``; ids are slugs, so no path can escape the rubric folder."""
    if not isinstance(rubric_id, str) or not ID_PATTERN.match(rubric_id):
        raise UnknownRubricError(f"{rubric_id!r} is not a valid rubric id (lower-case letters, "
                                 "digits and hyphens only)")
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
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return read_rubric_file(Path(text))
    ids = rubric_ids(folder)
    if text not in ids:
        raise UnknownRubricError(f"unknown rubric {text!r}; valid ids: {', '.join(ids) or '(none)'}")
    return read_rubric_file(rubric_path(text, folder))


def load_all_rubrics(folder: Path | None = None) -> tuple[list[Rubric], list[RubricError]]:
    """Every valid rubric in the folder, and the errors of the invalid ones."""
    good, bad = [], []
    for rid in rubric_ids(folder):
        try:
            good.append(read_rubric_file(rubric_path(rid, folder)))
        except RubricError as exc:
            bad.append(exc)
    return good, bad


def rubric_yaml(rubric: Rubric) -> str:
    """The rubric as YAML text, in the documented field order."""
    return yaml.safe_dump(rubric_to_dict(rubric), sort_keys=False, allow_unicode=True, width=100)


def save_rubric(rubric: Rubric, folder: Path | None = None) -> Path:
    """Write the rubric atomically; the previous file is kept under ``.history/``.

    The YAML is re-read and validated before it replaces anything, so a save can
    never leave a broken or half-written rubric behind.
    """
    folder = Path(folder or rubrics_dir())
    path = rubric_path(rubric.id, folder)
    text = rubric_yaml(rubric)
    parse_rubric_yaml(text, str(path), expected_id=rubric.id)
    folder.mkdir(parents=True, exist_ok=True)
    if path.exists():
        history = folder / ".history"
        history.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # sorts in save order
        (history / f"{rubric.id}.{stamp}.yaml").write_bytes(path.read_bytes())
    _atomic_write(path, text)
    return path


def _atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: readers see old or new, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def load_calibration(rubric_id: str, folder: Path | None = None) -> Calibration | None:
    """The rubric's stored calibration, or None when it has none.

    A damaged calibration file raises ``CalibrationError`` naming the file."""
    path = calibration_path(rubric_id, folder)
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CalibrationError(f"{path}: not readable calibration YAML ({exc.__class__.__name__})") from exc
    return calibration_from_dict(data, str(path))


def delete_calibration(rubric_id: str, folder: Path | None = None) -> bool:
    """Remove a rubric's calibration; True when there was one."""
    path = calibration_path(rubric_id, folder)
    if path.is_file():
        path.unlink()
        return True
    return False
