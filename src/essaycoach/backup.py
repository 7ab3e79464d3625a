"""Backup and restore: the database and the rubrics in one zip, safe while the app is running.

The database is copied with SQLite's online backup API (``Connection.backup``), which gives a
consistent snapshot even while other connections write; rubric files are saved atomically by
the editor, so each is read whole. A manifest (``essaycoach-backup.json``) marks the zip as
ours and records the schema version, so :func:`restore` refuses anything else. Restoring
first backs up what it replaces, then copies the saved database into the live one (the backup
API again, so a running app sees the restored data on its next query) and swaps the rubrics.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import migrations, store
from ._version import __version__
from .errors import EssaycoachError, clip
from .paths import rubrics_dir

MANIFEST = "essaycoach-backup.json"
FORMAT = "essaycoach-backup"
DB_NAME = "essaycoach.sqlite3"
RUBRICS = "rubrics"
MAX_UNPACKED_BYTES = 4 * 1024**3  # a zip that would unpack larger than this is refused
MAX_MANIFEST_BYTES = 64 * 1024  # ours is a few lines; a huge one is not read into memory


class BackupError(EssaycoachError):
    """A backup that cannot be written, or a file that is not an essaycoach backup."""


class DamagedDatabaseError(BackupError):
    """The database to back up fails SQLite's integrity check, so a backup of it could not be restored."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds: where it is, its schema version and how many rubric files."""

    path: Path
    schema_version: int
    rubric_files: int
    created_at: float


def default_backup_path(stem: str = "essaycoach-backup") -> Path:
    """``<data>/backups/<stem>-YYYYmmdd-HHMMSS.zip``, created empty to hold the name (the folder
    is created too); :func:`backup` writes the zip over it."""
    folder = store.backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{stamp}.zip"
    n = 1
    while True:  # the name is taken by creating it (empty), so two backups in one second get two
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return path
        except FileExistsError:
            n += 1
            path = folder / f"{stem}-{stamp}-{n}.zip"


def _integrity_problem(db: sqlite3.Connection) -> str:
    """SQLite's first complaint about the database, or "" when it passes the integrity check."""
    verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
    return "" if verdict == "ok" else str(verdict)


def _snapshot(source: sqlite3.Connection, target: Path, check: bool = True) -> int:
    """Copy the open database to ``target`` with the online backup API; its schema version.

    The copy is checked as :func:`restore` checks it: a backup that restore would refuse is not
    written (found out on the day it is needed, every daily backup would be useless)."""
    with closing(sqlite3.connect(str(target))) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        problem = _integrity_problem(copy) if check else ""
        if problem:
            raise DamagedDatabaseError(
                f"the database fails SQLite's integrity check ({clip(problem, 120)}), so no backup was written: "
                "`essaycoach restore` would refuse it. Keep the backups you have, and bring back the latest "
                "good one with `essaycoach restore FILE.zip` (it keeps a copy of this database)")
        return migrations.schema_version(copy)


def backup(out: Path | None = None, db_path: Path | None = None, rubrics: Path | None = None) -> BackupInfo:
    """Write a zip of the database and the rubric folder to ``out`` (default: under
    ``<data>/backups``); the zip appears only when complete."""
    if out is None:
        return _into_reserved(default_backup_path(), db_path, rubrics)
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise BackupError(f"{out}: the backup file name must end in .zip")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent}: no such folder for the backup")
    if out.exists() or out.is_symlink():
        raise BackupError(f"{out}: already exists; give another file name, or move it first")
    return _write_backup(out, db_path, rubrics)


def _into_reserved(path: Path, db_path: Path | None, rubrics: Path | None, check: bool = True) -> BackupInfo:
    """A backup written over the empty file :func:`default_backup_path` made, removed on failure."""
    try:
        return _write_backup(path, db_path, rubrics, check)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _write_backup(out: Path, db_path: Path | None, rubrics: Path | None, check: bool = True) -> BackupInfo:
    rubric_root = Path(rubrics or rubrics_dir())
    created = time.time()
    with tempfile.TemporaryDirectory(prefix="essaycoach-backup-") as tmp:
        db_copy = Path(tmp) / DB_NAME
        with closing(store.connect(db_path)) as live:
            version = _snapshot(live, db_copy, check)
        files = sorted(p for p in rubric_root.rglob("*") if p.is_file()) if rubric_root.is_dir() else []
        manifest = {"format": FORMAT, "schema_version": version, "created_at": created,
                    "essaycoach": __version__, "rubric_files": len(files)}
        # A name of its own: backups written at once must not share (and corrupt) one file.
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        os.close(fd)
        partial = Path(name)
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
                zf.write(db_copy, DB_NAME)
                for f in files:
                    zf.write(f, str(PurePosixPath(RUBRICS, *f.relative_to(rubric_root).parts)))
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    return BackupInfo(out, version, len(files), created)


def _checked_members(zf: zipfile.ZipFile, origin: str) -> list[zipfile.ZipInfo]:
    members = zf.infolist()
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise BackupError(f"{origin}: unpacks to more than {MAX_UNPACKED_BYTES // 1024**3} GB; "
                          "not an essaycoach backup")
    for m in members:
        parts = PurePosixPath(m.filename).parts
        if m.filename.startswith(("/", "\\")) or ".." in parts or ":" in m.filename:
            raise BackupError(f"{origin}: unsafe file name inside the zip ({m.filename!r}); not restored")
    names = {m.filename for m in members}
    if MANIFEST not in names or DB_NAME not in names:
        raise BackupError(f"{origin}: not an essaycoach backup (it has no {MANIFEST} and {DB_NAME}); "
                          "make one with `essaycoach backup`")
    return members


def _read_manifest(zf: zipfile.ZipFile, origin: str) -> dict:
    if zf.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise BackupError(f"{origin}: its {MANIFEST} is damaged (over {MAX_MANIFEST_BYTES // 1024} KB, where "
                          "ours are a few lines); not an essaycoach backup")
    problem = ""
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except UnicodeDecodeError:
        problem = "not UTF-8 text"
    except json.JSONDecodeError as exc:
        problem = str(exc)
    except ValueError:  # Python's limit on the digits of an int (the message is advice for programmers)
        problem = "a number too long"
    except RecursionError:
        problem = "nested too deep"
    if problem:
        raise BackupError(f"{origin}: its {MANIFEST} is damaged ({problem}); not an essaycoach backup")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{origin}: {MANIFEST} does not say format {FORMAT!r}; not an essaycoach backup")
    return manifest


def _check_database(path: Path, origin: str) -> int:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            problem = _integrity_problem(db)
            version = migrations.schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{origin}: its database is not readable ({exc})") from None
    if problem:
        raise BackupError(f"{origin}: its database fails SQLite's integrity check ({clip(problem, 120)})")
    if version == 0:  # every database essaycoach opens is migrated, so at least version 1
        raise BackupError(f"{origin}: its database is not an essaycoach database (it has no schema version); "
                          "nothing was restored")
    migrations.check_version(version, origin)
    return version


def _upgrade(path: Path, origin: str) -> None:
    """Migrate the unpacked copy, before the live database is touched: a database that is not
    one essaycoach can use fails here, and nothing is replaced."""
    try:
        with closing(sqlite3.connect(str(path))) as db:
            migrations.migrate(db)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{origin}: its database is not one essaycoach can use ({exc}); "
                          "nothing was restored") from None


def _created_at(manifest: dict) -> float:
    """When the backup was made, as its manifest says; 0 when it says nothing usable."""
    value = manifest.get("created_at")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e11:
        return 0.0
    return float(value)


def restore(archive: Path, db_path: Path | None = None, rubrics: Path | None = None) -> tuple[BackupInfo, Path]:
    """Bring back the database and rubrics from a zip made by :func:`backup`.

    Returns what was restored and the path of the backup of what it replaced. Nothing is
    touched unless the zip is one of ours with a sound database, and a second restore of the
    same data while one runs is refused. The rubrics are replaced only when the zip holds at
    least one rubric file (``rubric_files`` is 0 when they were left as they were)."""
    archive = Path(archive)
    origin = str(archive)
    if not archive.exists():
        raise BackupError(f"{origin}: no such file; give a backup made by `essaycoach backup`")
    if not archive.is_file() or not zipfile.is_zipfile(archive):
        raise BackupError(f"{origin}: not a zip file; give a backup made by `essaycoach backup`")
    rubric_root = Path(rubrics or rubrics_dir())
    with _only_restore(db_path), tempfile.TemporaryDirectory(prefix="essaycoach-restore-") as tmp:
        unpacked = Path(tmp) / "unpacked"
        try:
            with zipfile.ZipFile(archive) as zf:
                members = _checked_members(zf, origin)
                manifest = _read_manifest(zf, origin)
                zf.extractall(unpacked, members)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise BackupError(f"{origin}: the zip is damaged ({exc}); nothing was restored. Try an "
                              "earlier backup") from None
        version = _check_database(unpacked / DB_NAME, origin)
        _upgrade(unpacked / DB_NAME, origin)
        new_rubrics = unpacked / RUBRICS
        files = sum(1 for p in new_rubrics.rglob("*") if p.is_file()) if new_rubrics.is_dir() else 0
        # Into the folder a link names, keeping the link (a rubrics folder kept elsewhere, on a
        # shared drive, had been replaced by a plain folder beside it, and the real one left as it was).
        target = Path(os.path.realpath(rubric_root))
        # Staged beside the folder before the database is replaced, so the swap after it is two renames.
        # A backup holding no rubric file (its `rubrics` a file, or an empty folder) leaves the folder
        # as it is: an empty folder put in its place had deleted every rubric.
        staged = _stage(new_rubrics, target) if files else None
        try:
            replaced = _keep_what_is_replaced(db_path, rubric_root)
            _replace_database(unpacked / DB_NAME, db_path, replaced)
            if staged:
                _swap_in(staged, target)
        finally:
            if staged:
                shutil.rmtree(staged, ignore_errors=True)  # gone already, unless the restore failed
    info = BackupInfo(archive, version, files, _created_at(manifest))
    return info, replaced


@contextmanager
def _only_restore(db_path: Path | None) -> Iterator[None]:
    """Hold the data folder's restore lock (a file beside the database; none where the system has
    no ``fcntl``), or refuse: two restores at once had each replaced the database, one then
    deleting the other's staged rubrics, leaving one backup's database beside another's rubrics."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    live = Path(db_path or store.database_path())
    with open(live.with_name(f".{live.name}.restore.lock"), "a", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the file closes
        except BlockingIOError:
            raise BackupError(f"another restore is running on {live.parent}, so nothing was restored: wait for "
                              "it to finish, then run this one again if this is the backup you want") from None
        yield


def _replace_database(saved: Path, db_path: Path | None, replaced: Path) -> None:
    """Copy ``saved`` (upgraded already, like any database from an older version) over the live one."""
    try:
        _copy_into_live(saved, db_path)
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        if replaced.suffix == ".zip":  # the live database is untouched: its copy is not needed
            replaced.unlink(missing_ok=True)
        raise BackupError(f"the database is locked: something else (the app, or another essaycoach command) "
                          f"kept it busy for {store.BUSY_SECONDS:g} s, so nothing was restored; "
                          "try again in a moment") from None


def _copy_into_live(saved: Path, db_path: Path | None) -> None:
    """Copy ``saved`` over the live database with the backup API, so a running app sees the restored
    data on its next query. ``Connection.backup`` retries a busy database for ever: here it gives
    up as other commands do, after ``store.BUSY_SECONDS``, with sqlite3's "database is locked"."""
    deadline = time.monotonic() + store.BUSY_SECONDS

    def give_up_when_busy_too_long(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")  # aborts the copy: the live one is as it was

    with closing(sqlite3.connect(str(saved))) as source, closing(store.connect(db_path)) as live:
        source.backup(live, progress=give_up_when_busy_too_long)


def _keep_what_is_replaced(db_path: Path | None, rubric_root: Path) -> Path:
    """Back up the live database and rubrics before a restore replaces them; where they are.
    Restore is how a damaged database gets mended, so damage does not stop it: a live database
    that fails the integrity check is kept as it is, in a zip named ``before-restore-damaged``,
    and one too damaged to read is moved aside whole, beside where it was (and the rubrics
    backed up as usual)."""
    try:
        return _into_reserved(default_backup_path("before-restore"), db_path, rubric_root).path
    except DamagedDatabaseError:
        return _into_reserved(default_backup_path("before-restore-damaged"), db_path, rubric_root, check=False).path
    except sqlite3.DatabaseError:
        live = Path(db_path or store.database_path())
        aside = live.with_name(f"{live.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(live, aside)
        for journal in ("-wal", "-shm", "-journal"):
            live.with_name(live.name + journal).unlink(missing_ok=True)
        _into_reserved(default_backup_path("before-restore"), db_path, rubric_root)  # the rubrics still
        return aside


def _stage(new: Path, target: Path) -> Path:
    """A copy of ``new`` beside ``target``, under a name of its own (two restores sharing one fixed
    name had each deleted the other's)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.restoring-", dir=target.parent))
    shutil.copytree(new, staged, dirs_exist_ok=True)  # the folder's permissions too, not mkdtemp's 0700
    return staged


def _swap_in(staged: Path, target: Path) -> None:
    """Put ``staged`` where ``target`` is; the old folder is removed only once the new one is in
    place (its contents are in the before-restore backup), and put back if that fails."""
    old = staged.with_name(staged.name.replace(".restoring-", ".replaced-", 1))
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(staged, target)
    except BaseException:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
