"""Classroom accounts: the switch, passwords (argon2), sessions that expire, slowed-down guessing."""
from __future__ import annotations

import io
import sqlite3
from contextlib import closing

import pytest

from essaycoach import accounts as acc
from essaycoach import store
from essaycoach.cli import main
from essaycoach.cli_classroom import reach, serve_command
from essaycoach.errors import EssaycoachError

NOW = 1_800_000_000.0


@pytest.fixture()
def db(tmp_path):
    with closing(store.connect(tmp_path / "db.sqlite3")) as conn:
        yield conn


def _student(db, name: str = "Ada Lovelace", code: str = "ABCDEFGH23") -> int:
    """A student row as the classes module makes it (a join code, no password yet)."""
    with db:
        cur = db.execute("INSERT INTO accounts (role, name, name_key, join_code, created_at) VALUES (?, ?, ?, ?, ?)",
                         (acc.STUDENT, name, acc.name_key(name), code, NOW))
    return int(cur.lastrowid)


@pytest.mark.parametrize("env, toml, expected", [
    (None, None, False),
    (None, "classroom = true\n", True),
    (None, "classroom = false\n", False),
    ("1", None, True),
    ("yes", "classroom = false\n", True),
    ("0", "classroom = true\n", False),
    ("", "classroom = true\n", False),
])
def test_classroom_mode_from_the_environment_then_the_settings_file(tmp_path, monkeypatch, env, toml, expected):
    settings = tmp_path / "essaycoach.toml"
    monkeypatch.setenv("ESSAYCOACH_SETTINGS", str(settings))
    if toml is not None:
        settings.write_text(toml, encoding="utf-8")
    if env is None:
        monkeypatch.delenv("ESSAYCOACH_CLASSROOM", raising=False)
    else:
        monkeypatch.setenv("ESSAYCOACH_CLASSROOM", env)
    assert acc.classroom_mode() is expected


@pytest.mark.parametrize("env, toml, message", [
    ("maybe", None, "ESSAYCOACH_CLASSROOM must be 1 or 0"),
    (None, 'classroom = "yes"\n', "'classroom' must be true or false"),
])
def test_a_bad_switch_names_itself(tmp_path, monkeypatch, env, toml, message):
    settings = tmp_path / "essaycoach.toml"
    monkeypatch.setenv("ESSAYCOACH_SETTINGS", str(settings))
    if toml:
        settings.write_text(toml, encoding="utf-8")
    if env is None:
        monkeypatch.delenv("ESSAYCOACH_CLASSROOM", raising=False)
    else:
        monkeypatch.setenv("ESSAYCOACH_CLASSROOM", env)
    with pytest.raises(EssaycoachError, match=message):
        acc.classroom_mode()


def test_the_teacher_password_is_stored_as_an_argon2_hash(db):
    assert acc.teacher(db) is None
    teacher = acc.set_teacher_password(db, "correct horse")
    stored = db.execute("SELECT password_hash FROM accounts WHERE id = ?", (teacher.id,)).fetchone()[0]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    session = acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW)
    assert acc.session_account(db, session.token, now=NOW + 1) == teacher


@pytest.mark.parametrize("password, message", [("short", "at least 8"), ("x" * 300, "at most 256"), ("", "at least")])
def test_a_weak_password_is_refused(db, password, message):
    with pytest.raises(acc.AuthError, match=message):
        acc.set_teacher_password(db, password)
    assert acc.teacher(db) is None


def test_sessions_expire_and_sign_out_ends_them(db):
    acc.set_teacher_password(db, "correct horse")
    session = acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW)
    assert acc.session_account(db, session.token, now=NOW + acc.SESSION_SECONDS - 1) is not None
    assert acc.session_account(db, session.token, now=NOW + acc.SESSION_SECONDS) is None
    again = acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW)
    acc.sign_out(db, again.token)
    assert acc.session_account(db, again.token, now=NOW) is None
    assert acc.session_account(db, "made-up", now=NOW) is None
    stored = [r[0] for r in db.execute("SELECT token_hash FROM sessions")]
    assert session.token not in stored  # only the token's hash is kept


def test_changing_the_teacher_password_signs_the_teacher_out_everywhere(db):
    acc.set_teacher_password(db, "correct horse")
    session = acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW)
    acc.set_teacher_password(db, "battery staple")
    assert acc.session_account(db, session.token, now=NOW) is None
    with pytest.raises(acc.AuthError, match="wrong password"):
        acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW)


@pytest.mark.parametrize("failures, wait", [(1, 0), (3, 0), (4, 2), (5, 4), (8, 32), (30, acc.MAX_WAIT)])
def test_backoff_doubles_after_a_few_failures(failures, wait):
    assert acc.backoff(failures) == wait


def test_wrong_passwords_slow_the_account_down_and_the_wait_is_kept_in_the_database(db, tmp_path):
    acc.set_teacher_password(db, "correct horse")
    for _ in range(acc.FREE_FAILURES):
        with pytest.raises(acc.AuthError, match=r"wrong password$"):
            acc.sign_in(db, acc.TEACHER, "", "guess", now=NOW)
    with pytest.raises(acc.AuthError, match="wait 2 s"):
        acc.sign_in(db, acc.TEACHER, "", "guess", now=NOW)
    with closing(store.connect(tmp_path / "db.sqlite3")) as other, \
            pytest.raises(acc.AuthError, match="too many wrong passwords"):  # another tab, another connection
        acc.sign_in(other, acc.TEACHER, "", "correct horse", now=NOW + 1)
    session = acc.sign_in(db, acc.TEACHER, "", "correct horse", now=NOW + 2.5)
    assert session.account.role == acc.TEACHER
    assert db.execute("SELECT failures FROM accounts WHERE role = 'teacher'").fetchone()[0] == 0


def test_a_student_joins_once_with_the_code_then_signs_in_by_name(db):
    _student(db)
    with pytest.raises(acc.AuthError, match="not set a password yet"):
        acc.sign_in(db, acc.STUDENT, "Ada Lovelace", "anything", now=NOW)
    session = acc.join(db, " abcd-efgh 23 ", "my secret pw", now=NOW)
    assert session.account.name == "Ada Lovelace" and session.account.join_code is None
    with pytest.raises(acc.AuthError, match="not known"):
        acc.join(db, "ABCDEFGH23", "another pw!", now=NOW)  # one time only
    again = acc.sign_in(db, acc.STUDENT, "  ada   LOVELACE ", "my secret pw", now=NOW)
    assert again.account.id == session.account.id


def test_students_cannot_sign_in_as_the_teacher_or_each_other(db):
    acc.set_teacher_password(db, "correct horse")
    _student(db, "Ben", "BBBBBBBBBB")
    acc.join(db, "BBBBBBBBBB", "ben's password", now=NOW)
    with pytest.raises(acc.AuthError):
        acc.sign_in(db, acc.STUDENT, "Teacher", "correct horse", now=NOW)
    with pytest.raises(acc.AuthError, match="do not match"):
        acc.sign_in(db, acc.STUDENT, "Nobody", "ben's password", now=NOW)
    with pytest.raises(acc.AuthError):
        acc.sign_in(db, acc.TEACHER, "Ben", "ben's password", now=NOW)


def test_join_codes_are_long_and_unambiguous():
    codes = {acc.new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == acc.JOIN_LENGTH and set(c) <= set(acc.JOIN_ALPHABET) for c in codes)
    assert not set("01IO") & set(acc.JOIN_ALPHABET)


def test_the_cli_sets_the_teacher_password_from_standard_input(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    out = io.StringIO()
    assert main(["teacher-password"], out=out) == 0 and "set" in out.getvalue()
    with closing(store.connect()) as db:
        assert acc.sign_in(db, acc.TEACHER, "", "correct horse").account.role == acc.TEACHER
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["teacher-password"]) == 2


@pytest.mark.parametrize("classroom, address, host", [(True, None, "0.0.0.0"), (False, None, "127.0.0.1"),
                                                      (True, "192.168.1.5", "192.168.1.5")])
def test_serve_runs_streamlit_on_the_network_only_in_classroom_mode(tmp_path, classroom, address, host):
    cmd = serve_command(tmp_path / "app.py", 8600, classroom, address)
    assert cmd[1:4] == ["-m", "streamlit", "run"]
    assert cmd[cmd.index("--server.address") + 1] == host and cmd[cmd.index("--server.port") + 1] == "8600"
    assert cmd[cmd.index("--browser.gatherUsageStats") + 1] == "false"
    assert ("--client.toolbarMode" in cmd) is classroom


def test_serve_says_in_one_line_when_it_cannot_listen(tmp_path, monkeypatch, capsys):
    """A bad --address had been Streamlit's socket.gaierror traceback, a busy port exit 1."""
    import socket

    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    monkeypatch.setattr("subprocess.call", lambda *a, **k: pytest.fail("the server must not start"))
    assert main(["serve", "--address", "not an address!"]) == 2
    assert "--address 'not an address!' is not an address this machine can listen on" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in capsys.readouterr().err


def test_serve_json_says_where_to_open_as_one_json_line(tmp_path, monkeypatch):
    import io
    import json
    import socket

    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    started = []
    monkeypatch.setattr("subprocess.call", lambda cmd, **k: started.append(cmd) or 0)
    with socket.socket() as probe:   # a port free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = io.StringIO()
    assert main(["serve", "--json", "--port", str(port)], out=out) == 0 and started
    assert json.loads(out.getvalue()) == {"mode": "personal", "url": f"http://localhost:{port}",
                                          "local_url": f"http://localhost:{port}"}


@pytest.mark.parametrize("address, says, lan", [
    ("127.0.0.1", "on this computer only: open http://localhost:{port} here; with --address 127.0.0.1 students "
                  "on other computers cannot reach it", False),
    ("localhost", "on this computer only", False),
    ("0.0.0.0", "students open http://192.0.2.2:{port} (teacher: the same, or http://localhost:{port})", True),
    (None, "students open http://192.0.2.2:{port}", True),
])
def test_serve_in_classroom_mode_prints_an_address_students_can_reach(tmp_path, monkeypatch, address, says, lan):
    """A walk's finding: `serve --classroom --address 127.0.0.1` printed "students open
    http://192.0.2.2:8633", an address the server did not listen on."""
    import io
    import socket

    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    monkeypatch.setattr("essaycoach.cli_classroom._lan_address", lambda: "192.0.2.2")
    monkeypatch.setattr("subprocess.call", lambda cmd, **k: 0)
    with socket.socket() as probe:   # a port free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = io.StringIO()
    assert main(["serve", "--classroom", "--port", str(port)] + (["--address", address] if address else []),
                out=out) == 0
    assert says.format(port=port) in out.getvalue()
    assert ("192.0.2.2" in out.getvalue()) is lan


def test_a_server_on_one_address_is_opened_at_that_address():
    assert reach("192.168.1.5", 8633) == ("http://192.168.1.5:8633", "http://192.168.1.5:8633")
    assert reach("::1", 8633) == ("http://localhost:8633", None)
    assert reach("fe80::1", 8633)[1] == "http://[fe80::1]:8633"


def test_database_column_types_are_plain(db):
    """New tables use portable types only (INTEGER, TEXT, REAL), no collations."""
    for table in ("accounts", "sessions", "classrooms", "assignments", "submissions"):
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "COLLATE" not in sql.upper()
        types = {r[2] for r in db.execute(f"PRAGMA table_info({table})")}
        assert types <= {"INTEGER", "TEXT", "REAL"}, (table, types)
    assert isinstance(db, sqlite3.Connection)


@pytest.mark.parametrize("typed", [
    "Zo\u00eb O\u2019Brien",          # a tablet's curly apostrophe
    "Zoe\u0308 O'Brien",              # the accent as a separate mark
    "zo\u00eb o\u02bcbrien",
])
def test_a_name_signs_in_whichever_apostrophe_or_accent_encoding_is_typed(db, typed):
    """The teacher typed "Zoë O'Brien"; her iPad types a curly apostrophe (a walk's finding)."""
    _student(db, "Zo\u00eb O'Brien")
    session = acc.join(db, "ABCDEFGH23", "my secret pw", now=NOW)
    assert acc.sign_in(db, acc.STUDENT, typed, "my secret pw", now=NOW).account.id == session.account.id


def test_serve_stopped_by_sigterm_stops_the_server_too(tmp_path):
    """`kill` of `essaycoach serve --classroom` left its Streamlit child serving on (a walk)."""
    import contextlib
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:   # a port free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "ESSAYCOACH_DATA": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "essaycoach", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def children() -> list[str]:
        return subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()

    try:
        deadline = time.monotonic() + 60
        while not children() and time.monotonic() < deadline:
            time.sleep(0.1)
        [server] = children()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 143
        deadline = time.monotonic() + 15
        while os.path.exists(f"/proc/{server}") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not os.path.exists(f"/proc/{server}"), "the Streamlit server outlived essaycoach serve"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)   # whatever is left of its group, the server included
        proc.wait()
