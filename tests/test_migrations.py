"""Schema migrations: a database made before migrations upgrades in place and keeps every row."""
from __future__ import annotations

import shutil
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from essaycoach import attempts as att
from essaycoach import classes as cls
from essaycoach import migrations, store

# Made by the code of commit 348c548 (before migrations): two attempts, a draft, and a class set
# of three essays with a mark override and a reviewed essay. See tests/data/db/README.md.
V0 = Path(__file__).parent / "data" / "db" / "personal-v0.sqlite3"


@pytest.fixture()
def old_db(tmp_path) -> Path:
    path = tmp_path / "essaycoach.sqlite3"
    shutil.copy(V0, path)
    return path


TABLES = ("attempts", "drafts", "class_sets", "class_essays", "class_overrides")


def _columns(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as db:
        return {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in TABLES}


def _rows(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table the old schema had, read with plain sqlite3 (no migration): its
    columns then (``columns``, by table), or all it has now. A later migration may add a column."""
    columns = columns or _columns(path)
    with closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def test_the_fixture_is_from_before_migrations():
    with closing(sqlite3.connect(V0)) as db:
        assert migrations.schema_version(db) == 0
        assert "accounts" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}


def test_an_old_database_upgrades_in_place_and_loses_nothing(old_db):
    old_columns = _columns(old_db)
    before = _rows(old_db)
    assert before["attempts"] and before["drafts"] and before["class_essays"] and before["class_overrides"]
    with closing(store.connect(old_db)) as db:
        assert migrations.schema_version(db) == migrations.LATEST
        tables = {r["name"] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"accounts", "sessions", "classrooms", "assignments", "submissions"} <= tables
    assert _rows(old_db, old_columns) == before


def test_the_upgraded_database_reads_through_the_feature_modules(old_db):
    with closing(att.open_db(old_db)) as db:
        amy = att.list_attempts(db, "amy")
        assert [a.student for a in amy] == ["Amy"] and amy[0].report().mark == amy[0].mark
        assert att.load_draft(db, "Amy", "purge-necessary").text.startswith("The purges were necessary")
    with closing(cls.open_db(old_db)) as db:
        (only,) = cls.list_sets(db)
        assert (only.name, only.essays) == ("Year 13 mock", 3)
        assert cls.overrides(db, only.id)[0][cls.MARK].value == "12"
        assert [e.reviewed for e in cls.essays(db, only.id)] == [False, True, False]


def test_migrating_twice_changes_nothing(old_db):
    with closing(store.connect(old_db)) as db:
        assert migrations.migrate(db) == migrations.LATEST
        assert migrations.schema_version(db) == migrations.LATEST


def test_a_new_database_starts_at_the_latest_version(tmp_path):
    with closing(store.connect(tmp_path / "new.sqlite3")) as db:
        assert migrations.schema_version(db) == migrations.LATEST
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(migrations.SchemaError, match=r"newer essaycoach.*upgrade"):
        store.connect(path)
    with closing(sqlite3.connect(path)) as db:
        assert migrations.schema_version(db) == migrations.LATEST + 1
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_openers_racing_on_an_old_database_upgrade_it_once(old_db):
    old_columns = _columns(old_db)
    before, errors = _rows(old_db), []

    def open_it() -> None:
        try:
            store.connect(old_db).close()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _rows(old_db, old_columns) == before


def test_migrations_are_numbered_one_by_one():
    assert [m.version for m in migrations.MIGRATIONS] == list(range(1, len(migrations.MIGRATIONS) + 1))
    assert all(m.statements and m.name for m in migrations.MIGRATIONS)


def _at_version(db: sqlite3.Connection, version: int) -> None:
    """Make ``db`` a database as migrations up to ``version`` left it."""
    for step in migrations.MIGRATIONS[:version]:
        for statement in step.statements:
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {int(version)}")


def test_the_sign_in_times_come_from_the_sessions_a_database_already_holds(tmp_path):
    """Migration 6 records when each account last signed in; a database from before it takes
    that from the sessions it still holds (an account with none has no sign-in recorded)."""
    with closing(sqlite3.connect(tmp_path / "v5.sqlite3")) as db:
        _at_version(db, 5)
        db.executemany("INSERT INTO accounts (id, role, name, name_key, password_hash, created_at) "
                       "VALUES (?, 'student', ?, ?, 'hash', 0)", [(1, "Ada", "ada"), (2, "Ben", "ben")])
        db.executemany("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, 1, ?, ?)",
                       [("a", 100.0, 900.0), ("b", 300.0, 900.0)])
        db.commit()
        db.row_factory = sqlite3.Row
        assert migrations.migrate(db) == 5
        times = dict(db.execute("SELECT name, signed_in_at FROM accounts").fetchall())
    assert times == {"Ada": 300.0, "Ben": None}


def test_names_stored_before_migration_7_match_whichever_apostrophe_is_typed(tmp_path):
    """Migration 7 folds stored name keys' apostrophes as accounts.name_key does now; a key two
    accounts would then share is left as it was, not a failed upgrade."""
    with closing(sqlite3.connect(tmp_path / "v6.sqlite3")) as db:
        _at_version(db, 6)
        db.executemany("INSERT INTO accounts (id, role, name, name_key, password_hash, created_at) "
                       "VALUES (?, 'student', ?, ?, 'hash', 0)",
                       [(1, "Zoë O\u2019Brien", "zoë o\u2019brien"), (2, "Al D\u2019Arcy", "al d\u2019arcy"),
                        (3, "Al D'Arcy", "al d'arcy")])
        db.commit()
        db.row_factory = sqlite3.Row
        assert migrations.migrate(db) == 6
        keys = dict(db.execute("SELECT id, name_key FROM accounts").fetchall())
    assert keys == {1: "zoë o'brien", 2: "al d\u2019arcy", 3: "al d'arcy"}
    from essaycoach.accounts import name_key
    assert name_key("Zoë O\u2019Brien") == keys[1]


def test_essays_in_a_set_released_before_migration_9_stay_released(tmp_path):
    """Migration 9 releases marking essay by essay (an essay joining a released set waits for the
    teacher); the essays of a set released before it stay released, and no other."""
    with closing(sqlite3.connect(tmp_path / "v8.sqlite3")) as db:
        _at_version(db, 8)
        db.executemany("INSERT INTO assignments (id, class_id, rubric_id, title, minutes, opens_at, closes_at, "
                       "feedback, set_id, released_at, created_at) VALUES (?, 1, 'trotsky-errors', ?, 45, 0, 9, "
                       "'release', ?, ?, 0)", [(1, "Released", 7, 500.0), (2, "Held", 8, None)])
        db.executemany("INSERT INTO submissions (assignment_id, account_id, text, started_at, saved_at, "
                       "submitted_at, set_row) VALUES (?, ?, 'x', 0, 0, 1, ?)",
                       [(1, 1, 0), (1, 2, None), (2, 1, 0)])
        db.commit()
        assert migrations.migrate(db) == 8
        released = {(a, s): r for a, s, r in db.execute("SELECT assignment_id, account_id, released_at "
                                                        "FROM submissions")}
    assert released == {(1, 1): 500.0, (1, 2): None, (2, 1): None}


def test_practice_kept_before_migration_10_is_a_students_when_it_bore_their_name(tmp_path):
    """Migration 10 keeps practice by account in classroom mode; rows kept before were read by
    the account's name, so they stay that account's; others (a personal app's names) belong to
    no account, and a draft of each survives the drafts table's rebuild."""
    with closing(sqlite3.connect(tmp_path / "v9.sqlite3")) as db:
        _at_version(db, 9)
        db.executemany("INSERT INTO accounts (id, role, name, name_key, password_hash, created_at) "
                       "VALUES (?, ?, ?, ?, 'hash', 0)",
                       [(1, "teacher", "Teacher", "teacher"), (2, "student", "Ada Lovelace", "ada lovelace")])
        db.executemany("INSERT INTO attempts (student, rubric_id, essay, report_json, mark, max_mark, level, "
                       "words, started_at, submitted_at) VALUES (?, 'trotsky-errors', ?, '{}', 1, 25, 1, 1, 0, 1)",
                       [("ada lovelace", "hers"), ("Sam", "a personal app's"), ("Teacher", "the teacher's try")])
        db.executemany("INSERT INTO drafts (student, rubric_id, text, started_at, saved_at) VALUES (?, ?, ?, 0, 1)",
                       [("Ada Lovelace", "trotsky-errors", "her draft"), ("Sam", "trotsky-errors", "Sam's draft")])
        db.commit()
        assert migrations.migrate(db) == 9
        attempts = dict(db.execute("SELECT essay, account_id FROM attempts").fetchall())
        drafts = dict(db.execute("SELECT text, account_id FROM drafts").fetchall())
    assert attempts == {"hers": 2, "a personal app's": 0, "the teacher's try": 0}
    assert drafts == {"her draft": 2, "Sam's draft": 0}


def test_a_classroom_students_practice_and_a_typed_name_are_apart(tmp_path):
    """The same name typed in the personal app and a classroom account's practice: neither sees
    the other's attempts or drafts (walk 44 found them joined)."""
    from essaycoach import attempts as att
    from essaycoach.loaders import load_rubric
    from essaycoach.project import default_engine

    report = default_engine().grade("Trotsky missed Lenin's funeral.", load_rubric("trotsky-errors"), "Ada")
    with closing(store.connect(tmp_path / "db.sqlite3")) as db:
        att.save_attempt(db, "Ada", report, "classroom", 0, account=7)
        att.save_attempt(db, "Ada", report, "personal", 0)
        att.save_draft(db, "Ada", "trotsky-errors", "classroom draft", 0, account=7)
        att.save_draft(db, "ada", "trotsky-errors", "personal draft", 0)
        assert [a.essay for a in att.list_attempts(db, "Ada", account=7)] == ["classroom"]
        assert [a.essay for a in att.list_attempts(db, "ADA")] == ["personal"]
        assert att.load_draft(db, "Ada", "trotsky-errors", account=7).text == "classroom draft"
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "personal draft"
        assert att.autosave_draft(db, "Ada", "trotsky-errors", "typed on", 0, account=7)
        assert att.submit_draft(db, "Ada", report, "sent", 0, account=7) is not None
        assert att.load_draft(db, "Ada", "trotsky-errors").text == "personal draft"
        assert [m.attempts for m in att.missed_points(db, "Ada", "trotsky-errors", account=7)][:1] == [2]
