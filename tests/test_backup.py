"""Backup and restore of the database and rubrics, including while another connection writes."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from essaycoach import attempts as att
from essaycoach import backup as bk
from essaycoach import migrations, store
from essaycoach.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    """A data folder and a copy of the shipped rubrics, both private to the test."""
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path / "data"))
    shutil.copytree(ROOT / "rubrics", tmp_path / "rubrics", ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(tmp_path / "rubrics"))
    return tmp_path


def _drafts(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT student, text FROM drafts"))


def _db_in(archive: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extract(bk.DB_NAME, tmp)
    return tmp / bk.DB_NAME


def test_a_backup_holds_the_database_the_rubrics_and_a_manifest(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "Trotsky missed the funeral.", 1.0)
    info = bk.backup(home / "b.zip")
    with zipfile.ZipFile(info.path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read(bk.MANIFEST))
    assert {bk.MANIFEST, bk.DB_NAME, "rubrics/trotsky-errors.yaml"} <= names
    assert manifest["format"] == bk.FORMAT and manifest["schema_version"] == migrations.LATEST
    assert info.rubric_files == len(list((home / "rubrics").glob("*.yaml"))) > 10
    assert _drafts(_db_in(info.path, home / "x")) == {"Ada": "Trotsky missed the funeral."}


def test_a_backup_taken_while_a_writer_writes_is_consistent(home):
    """Every draft committed before the backup started is in it, and the copy passes SQLite's check."""
    with closing(att.open_db()) as db:
        for i in range(50):
            att.save_draft(db, f"early {i}", "trotsky-errors", "x " * 200, 1.0)
    stop, written = threading.Event(), []

    def writer() -> None:
        with closing(att.open_db()) as db:
            n = 0
            while not stop.is_set():
                att.save_draft(db, f"during {n % 40}", "trotsky-errors", f"version {n} " + "y " * 300, 2.0)
                written.append(n)
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            threading.Event().wait(0.01)
        infos = [bk.backup(home / f"b{i}.zip") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    assert len(written) > 20
    for i, info in enumerate(infos):
        copy = _db_in(info.path, home / f"x{i}")
        with closing(sqlite3.connect(copy)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = _drafts(copy)
        assert all(saved[f"early {i}"] == "x " * 200 for i in range(50))
        assert all(text.startswith("version ") for name, text in saved.items() if name.startswith("during"))


def test_restore_brings_back_the_data_and_keeps_what_it_replaced(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "before", 1.0)
    info = bk.backup(home / "b.zip")
    with closing(att.open_db()) as live:  # the app keeps a connection open across the restore
        att.save_draft(live, "Ada", "trotsky-errors", "after", 1.0)
        att.save_draft(live, "Ben", "trotsky-errors", "only after", 1.0)
        (home / "rubrics" / "trotsky-errors.yaml").unlink()
        restored, replaced = bk.restore(info.path)
        assert att.load_draft(live, "Ada", "trotsky-errors").text == "before"
        assert att.load_draft(live, "Ben", "trotsky-errors") is None
    assert restored.rubric_files == info.rubric_files
    assert (home / "rubrics" / "trotsky-errors.yaml").is_file()
    assert _drafts(_db_in(replaced, home / "r")) == {"Ada": "after", "Ben": "only after"}
    with zipfile.ZipFile(replaced) as zf:
        assert "rubrics/trotsky-errors.yaml" not in zf.namelist()


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


MANIFEST = json.dumps({"format": bk.FORMAT}).encode()
# Crafted manifests that json.loads fails on with RecursionError and ValueError, not JSONDecodeError.
DEEP_MANIFEST = b"[" * 20_000 + b"]" * 20_000  # under the size cap, over the recursion limit
LONG_NUMBER_MANIFEST = b'{"format": "essaycoach-backup", "created_at": ' + b"9" * 5000 + b"}"


def _sqlite(*statements: str) -> bytes:
    """A small SQLite database made by ``statements``, as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.sqlite3"
        with closing(sqlite3.connect(path)) as db:
            for statement in statements:
                db.execute(statement)
            db.commit()
        return path.read_bytes()


# Another program's database, with tables named like ours; and one claiming a version of ours
# but missing what that version has (its migration to the latest fails).
FOREIGN_DB = _sqlite("CREATE TABLE accounts (x)", "CREATE TABLE attempts (y)")
HOLLOW_DB = _sqlite("CREATE TABLE attempts (y)", "PRAGMA user_version = 1")


@pytest.mark.parametrize("files, message", [
    (None, "not a zip file"),
    ({"notes.txt": b"hello"}, "not an essaycoach backup"),
    ({bk.MANIFEST: b'{"format": "other"}', bk.DB_NAME: b""}, "does not say format"),
    ({bk.MANIFEST: b"{", bk.DB_NAME: b""}, "damaged"),
    ({bk.MANIFEST: b"\xff{}", bk.DB_NAME: b""}, r"damaged \(not UTF-8 text\)"),
    ({bk.MANIFEST: DEEP_MANIFEST, bk.DB_NAME: b""}, r"damaged \(nested too deep\); not an essaycoach backup"),
    ({bk.MANIFEST: LONG_NUMBER_MANIFEST, bk.DB_NAME: b""}, r"damaged \(a number too long\); not an"),
    ({bk.MANIFEST: b" " * 70_000 + MANIFEST, bk.DB_NAME: b""}, r"damaged \(over 64 KB"),
    ({bk.MANIFEST: MANIFEST, bk.DB_NAME: b"SQLite format 3\x00" + b"\x00" * 200}, "database"),
    ({bk.MANIFEST: MANIFEST, bk.DB_NAME: b"", "../evil.txt": b"x"}, "unsafe file name"),
    ({bk.MANIFEST: MANIFEST, bk.DB_NAME: FOREIGN_DB}, "not an essaycoach database"),
    ({bk.MANIFEST: MANIFEST, bk.DB_NAME: HOLLOW_DB}, "not one essaycoach can use"),
])
def test_restore_refuses_what_is_not_one_of_ours_and_changes_nothing(home, files, message):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "keep me", 1.0)
    bad = home / "bad.zip"
    if files is None:
        bad.write_bytes(b"PK not really")
    else:
        _zip(bad, files)
    with pytest.raises(bk.BackupError, match=message):
        bk.restore(bad)
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "keep me"
    assert not (home / "data" / "backups").exists()  # nothing was replaced, so no copy was needed


@pytest.mark.parametrize("manifest", [DEEP_MANIFEST, LONG_NUMBER_MANIFEST])
def test_the_cli_names_a_crafted_manifest_damaged_without_a_traceback(home, capsys, manifest):
    good = bk.backup(home / "good.zip").path
    with zipfile.ZipFile(good) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    crafted = _zip(home / "crafted.zip", {**files, bk.MANIFEST: manifest})
    assert main(["restore", str(crafted)]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "not an essaycoach backup" in err and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_restore_refuses_a_backup_from_a_newer_version(home):
    future = home / "future.sqlite3"
    with closing(sqlite3.connect(future)) as db:
        db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    archive = _zip(home / "future.zip", {bk.MANIFEST: MANIFEST, bk.DB_NAME: future.read_bytes()})
    with pytest.raises(migrations.SchemaError, match="newer essaycoach"):
        bk.restore(archive)


def test_the_cli_backs_up_and_restores(home, capsys):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "from the cli", 1.0)
    out = io.StringIO()
    assert main(["backup", "--out", str(home / "cli.zip"), "--json"], out=out) == 0
    assert json.loads(out.getvalue())["path"] == str(home / "cli.zip")
    out = io.StringIO()
    assert main(["restore", str(home / "cli.zip")], out=out) == 0
    assert "what it replaced is kept in" in out.getvalue()
    assert main(["restore", str(home / "missing.zip")]) == 2
    assert "missing.zip: no such file" in capsys.readouterr().err
    assert main(["backup", "--out", str(home / "backup.tar")]) == 2


def test_backups_taken_at_once_are_each_whole_and_each_kept(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "twice", 1.0)
    made: list[Path] = []
    threads = [threading.Thread(target=lambda: made.append(bk.backup().path)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(made)) == 4  # four names, though they share a second
    for path in made:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
    assert not list((home / "data" / "backups").glob(".*.part"))


def test_a_backup_never_replaces_a_file(home):
    there = home / "homework.zip"
    there.write_bytes(b"keep me")
    with pytest.raises(bk.BackupError, match="already exists"):
        bk.backup(there)
    assert there.read_bytes() == b"keep me"


def test_a_damaged_backup_is_named_damaged_and_restores_nothing(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "keep me", 1.0)
    good = bk.backup(home / "good.zip").path
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        member = zf.getinfo(bk.DB_NAME)
    at = member.header_offset + 30 + len(member.filename) + len(member.extra) + 10  # inside its data
    data[at] ^= 0xFF
    flipped = home / "flipped.zip"
    flipped.write_bytes(bytes(data))
    with pytest.raises(bk.BackupError, match="the zip is damaged"):
        bk.restore(flipped)
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "keep me"


def test_restore_mends_a_live_database_too_damaged_to_read(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "saved before the damage", 1.0)
    good = bk.backup(home / "good.zip").path
    live = home / "data" / "essaycoach.sqlite3"
    live.write_bytes(b"PK\x03\x04 this is a zip now, not a database")
    _, replaced = bk.restore(good)
    assert replaced.read_bytes().startswith(b"PK")  # the damaged file, kept aside
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "saved before the damage"


def _damage_an_index(db_file: Path) -> None:
    """Flip one letter of a key in the drafts' primary-key index: every row still reads, but
    SQLite's integrity check finds the row missing from the index."""
    with closing(sqlite3.connect(db_file)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_drafts_1'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db_file.read_bytes())
    at = root * size - 1  # keys are written from the end of their page
    while not (ord("A") <= data[at] <= ord("z")):
        at -= 1
    data[at] ^= 1
    db_file.write_bytes(bytes(data))
    with closing(sqlite3.connect(db_file)) as db:
        assert "missing from index" in db.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_database_failing_the_integrity_check_is_not_backed_up(home, capsys):
    """restore refuses such a backup, so one made daily would be found useless on the day it is needed."""
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "damaged later", 1.0)
    _damage_an_index(home / "data" / "essaycoach.sqlite3")
    with pytest.raises(bk.BackupError, match=r"integrity check \(row 1 missing from index.*no backup was written"):
        bk.backup(home / "b.zip")
    assert not (home / "b.zip").exists()
    assert main(["backup"]) == 2
    err = capsys.readouterr().err
    assert "fails SQLite's integrity check" in err and "essaycoach restore FILE.zip" in err
    assert len(err.splitlines()) == 1
    assert not list((home / "data" / "backups").iterdir())  # the reserved name is removed too


def test_restore_mends_a_live_database_failing_the_integrity_check(home):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "from the backup", 1.0)
    good = bk.backup(home / "good.zip").path
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "after the backup", 1.0)
    live = home / "data" / "essaycoach.sqlite3"
    _damage_an_index(live)
    _, replaced = bk.restore(good)
    assert replaced.name.startswith("before-restore-damaged-")  # kept as it was, named for what it is
    assert _drafts(_db_in(replaced, home / "r")) == {"Ada": "after the backup"}
    with closing(sqlite3.connect(live)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "from the backup"


@pytest.fixture()
def scratch(home, monkeypatch) -> Path:
    """A temporary folder of the test's own, to see what a restore leaves in it."""
    folder = home / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_restore_gives_up_on_a_database_kept_locked_and_leaves_nothing_behind(home, scratch, monkeypatch, capsys):
    """Connection.backup retries a locked database for ever: restore waited as long as the lock was held."""
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.5)
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "in the backup", 1.0)
    good = bk.backup(home / "good.zip").path
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "kept", 1.0)
    exit_codes: list[int] = []
    thread = threading.Thread(target=lambda: exit_codes.append(main(["restore", str(good)])), daemon=True)
    with closing(sqlite3.connect(home / "data" / "essaycoach.sqlite3", isolation_level=None)) as locker:
        locker.execute("BEGIN EXCLUSIVE")
        thread.start()
        thread.join(timeout=10)
        locker.execute("ROLLBACK")  # lets a restore still waiting (the old code) finish
    thread.join()
    assert exit_codes == [2] and "database is locked" in capsys.readouterr().err
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "kept"
    assert not list(scratch.iterdir())
    assert not list((home / "data" / "backups").glob("before-restore-*"))  # nothing replaced, no copy kept


def test_a_second_restore_while_one_runs_is_refused_and_the_first_completes(home, monkeypatch):
    """Two at once had each replaced the database, and one then deleted the other's staged rubrics."""
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "first backup", 1.0)
    first = bk.backup(home / "first.zip").path
    (home / "rubrics" / "trotsky-errors.yaml").unlink()
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "second backup", 1.0)
    second = bk.backup(home / "second.zip").path
    inside, go_on = threading.Event(), threading.Event()
    copy = bk._copy_into_live

    def held_in_the_middle(*args) -> None:
        inside.set()
        go_on.wait(5)
        copy(*args)

    monkeypatch.setattr(bk, "_copy_into_live", held_in_the_middle)
    thread = threading.Thread(target=bk.restore, args=(first,))
    thread.start()
    try:
        assert inside.wait(10)
        with pytest.raises(bk.BackupError, match=r"another restore is running .*nothing was restored"):
            bk.restore(second)
    finally:
        go_on.set()
        thread.join()
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "first backup"
    assert (home / "rubrics" / "trotsky-errors.yaml").is_file()  # the first backup's rubrics, with its database
    assert not list(home.glob(".rubrics*"))
    bk.restore(second)  # the lock is released once a restore is done
    assert not (home / "rubrics" / "trotsky-errors.yaml").exists()


TERMINATED_AFTER_THE_SAFETY_COPY = """
import os, signal, sys
from essaycoach import backup as bk
from essaycoach.cli import main

keep = bk._keep_what_is_replaced

def then_terminated(*args, **kwargs):
    replaced = keep(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGTERM)  # as `timeout` or a service manager would
    return replaced

bk._keep_what_is_replaced = then_terminated
sys.exit(main(["restore", sys.argv[1]]))
"""


def test_a_restore_stopped_by_sigterm_cleans_up_its_temporary_folder(home, scratch):
    good = bk.backup(home / "good.zip").path
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", TERMINATED_AFTER_THE_SAFETY_COPY, str(good)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + signal.SIGTERM and "Traceback" not in done.stderr
    assert not list(scratch.iterdir())


def test_restore_into_a_linked_rubrics_folder_restores_the_folder_it_names(home, monkeypatch):
    real = home / "shared" / "rubrics"
    real.parent.mkdir()
    (home / "rubrics").rename(real)
    (home / "rubrics").symlink_to(real, target_is_directory=True)
    good = bk.backup(home / "good.zip").path
    (real / "trotsky-errors.yaml").write_text("edited after the backup\n", encoding="utf-8")
    bk.restore(good)
    assert (home / "rubrics").is_symlink() and (home / "rubrics").resolve() == real.resolve()
    assert (real / "trotsky-errors.yaml").read_text(encoding="utf-8") != "edited after the backup\n"
    assert not list(home.glob(".rubrics*"))  # no stray link or folder left beside it


@pytest.mark.parametrize("rubrics_entry", [
    {"rubrics": b"not a folder"},  # a file where the folder should be
    {"rubrics/": b""},  # an empty folder: put in place, it had deleted every rubric
    {},  # no rubrics at all
])
def test_a_backup_holding_no_rubric_file_leaves_the_rubrics_and_says_so(home, rubrics_entry):
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "from the backup", 1.0)
    info = bk.backup(home / "b.zip")
    with zipfile.ZipFile(info.path) as zf:
        files = {name: zf.read(name) for name in zf.namelist() if not name.startswith("rubrics/")}
    archive = _zip(home / "no-rubrics.zip", {**files, **rubrics_entry})
    kept = home / "rubrics" / "trotsky-errors.yaml"
    kept.write_text(kept.read_text(encoding="utf-8") + "# edited after the backup\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["restore", str(archive)], out=out) == 0
    assert "holds no rubric files, so the rubrics folder was left as it was" in out.getvalue()
    assert kept.read_text(encoding="utf-8").endswith("# edited after the backup\n")
    assert len(list((home / "rubrics").glob("*.yaml"))) == info.rubric_files
    with closing(att.open_db()) as db:
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "from the backup"


@pytest.mark.parametrize("created_at", ["yesterday", [1], {"a": 1}, True, -5, 1e300])
def test_a_manifest_with_a_strange_date_still_restores(home, created_at):
    info = bk.backup(home / "b.zip")
    with zipfile.ZipFile(info.path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    manifest = json.loads(files[bk.MANIFEST])
    files[bk.MANIFEST] = json.dumps({**manifest, "created_at": created_at}).encode()
    restored, _ = bk.restore(_zip(home / "odd.zip", files))
    assert restored.created_at == 0.0 and restored.rubric_files == info.rubric_files
