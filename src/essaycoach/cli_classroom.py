"""Command-line subcommands for classroom mode and the data: ``backup``, ``restore``, ``serve``,
``export-student``. Each is one function; :func:`add_commands` adds their parsers to the CLI."""
from __future__ import annotations

import argparse
import errno
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TextIO

from .cli_common import AddCommand, emit, refuse_overwriting_app_files
from .errors import EssaycoachError
from .safeio import atomic_write


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from .backup import backup

    info = backup(Path(args.out) if args.out else None)
    emit({"path": str(info.path), "schema_version": info.schema_version, "rubric_files": info.rubric_files},
          args.json, f"wrote {info.path} (database at schema version {info.schema_version}, "
          f"{info.rubric_files} rubric files)", out)
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from .backup import restore

    with _stopped_cleanly_by_sigterm():
        info, replaced = restore(Path(args.archive))
    restored = (f"restored the database and {info.rubric_files} rubric files from {info.path}" if info.rubric_files
                else f"restored the database from {info.path}; it holds no rubric files, so the rubrics folder "
                     "was left as it was")
    emit({"restored": str(info.path), "schema_version": info.schema_version, "rubric_files": info.rubric_files,
           "rubrics_restored": info.rubric_files > 0, "replaced_copy": str(replaced)}, args.json,
          f"{restored}\nwhat it replaced is kept in {replaced}", out)
    return 0


@contextmanager
def _stopped_cleanly_by_sigterm() -> Iterator[None]:
    """Turn SIGTERM (``timeout``, a service manager stopping it) into SystemExit(143) while this runs,
    so cleanup runs: killed outright, a restore left a whole copy of the data in the temporary folder."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _read_password(prompt: str) -> str:
    """From the terminal without echo; from standard input's next line when it is not a terminal."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def cmd_teacher_password(args: argparse.Namespace, out: TextIO) -> int:
    from . import accounts, store

    first = _read_password("Teacher's password: ")
    if sys.stdin.isatty() and _read_password("The same password again: ") != first:
        raise EssaycoachError("the two passwords differ; nothing was changed")
    with closing(store.connect()) as db:
        existed = accounts.teacher(db) is not None
        accounts.set_teacher_password(db, first)
    text = "teacher's password changed (signed out everywhere)" if existed else "teacher's password set"
    emit({"changed": existed, "set": True}, args.json, text, out)
    return 0


def _lan_address() -> str:
    """This machine's address on the school network, for the URL students type (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            return str(s.getsockname()[0])
    except OSError:
        return socket.gethostname()


WILDCARDS = ("0.0.0.0", "::")  # listen on every address of this machine, the school network's among them


def reach(host: str, port: int) -> tuple[str, str | None]:
    """Where a server listening on ``host`` is opened: from this computer, and from other computers
    (``None`` for a loopback address such as 127.0.0.1 or localhost: this computer only)."""
    if host in WILDCARDS:
        return f"http://localhost:{port}", f"http://{_lan_address()}:{port}"
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name
        loopback = host.lower() == "localhost"
    if loopback:
        return f"http://localhost:{port}", None
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}"  # only that address answers
    return url, url


def serve_command(app: Path, port: int, classroom: bool, address: str | None = None) -> list[str]:
    """The ``streamlit run`` command line: on the network in classroom mode, else this machine only.
    On the network, the address students type is given as the server's, so that Streamlit does not
    ask an outside host (checkip.amazonaws.com) for one."""
    host = address or ("0.0.0.0" if classroom else "127.0.0.1")
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
           "--server.address", host, "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    if host in WILDCARDS:
        cmd += ["--browser.serverAddress", _lan_address()]
    return cmd + ["--client.toolbarMode", "viewer"] if classroom else cmd  # no developer menu for students


def check_listen(host: str, port: int) -> None:
    """Raise ``EssaycoachError`` if the app could not listen on ``host``:``port`` (an address that
    is none of this machine's, or a port in use): said in one line before the server starts,
    not as its traceback."""
    try:
        family, kind, proto, _, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise EssaycoachError(f"--address {host!r} is not an address this machine can listen on "
                              f"({getattr(exc, 'strerror', None) or exc}); leave it out, or give one such as 0.0.0.0"
                              ) from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as exc:
            busy = exc.errno == errno.EADDRINUSE
            raise EssaycoachError(
                f"cannot listen on {host} port {port} ({exc.strerror}): "
                + ("another program (perhaps essaycoach already) is using it; choose another with --port" if busy
                   else "choose another --address or --port")) from None


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from . import accounts, store
    from .paths import ROOT

    app = ROOT / "app.py"
    if not app.is_file():
        raise EssaycoachError(f"{app}: the app is not there; run serve from an essaycoach checkout")
    if not 1 <= args.port <= 65535:
        raise EssaycoachError(f"--port must be from 1 to 65535, not {args.port}")
    env = dict(os.environ)
    classroom = args.classroom or accounts.classroom_mode()
    host = args.address or ("0.0.0.0" if classroom else "127.0.0.1")
    check_listen(host, args.port)
    local, network = reach(host, args.port)
    if classroom:
        env["ESSAYCOACH_CLASSROOM"] = "1"
        with closing(store.connect()) as db:
            needs_teacher = accounts.teacher(db) is None
        if needs_teacher and sys.stdin.isatty():
            out.write("First run in classroom mode: choose the teacher's password.\n")
            cmd_teacher_password(argparse.Namespace(json=False), out)
        where = network or local
        if network is None:  # the LAN address would be printed, and unreachable: say what is
            said = (f"classroom mode, on this computer only: open {local} here; with --address {host} students "
                    "on other computers cannot reach it (leave --address out, or give 0.0.0.0, to serve the "
                    "school network)\n")
        else:
            said = (f"classroom mode: students open {network} (teacher: the same"
                    + (f", or {local})\n" if local != network else ")\n"))
        said += "nothing leaves this machine; press Ctrl+C to stop\n"
    else:
        where = local
        said = f"personal mode: open {where}; press Ctrl+C to stop\n"
    # --json: one line a script can read before the server's own log follows
    out.write(json.dumps({"mode": "classroom" if classroom else "personal", "url": where,
                          "local_url": local}) + "\n" if args.json else said)
    out.flush()
    try:
        # Stopped by SIGTERM (kill, a service manager) as by Ctrl+C, the server goes too:
        # subprocess.call ends its child on the way out (it had been left running, serving on).
        with _stopped_cleanly_by_sigterm():
            return subprocess.call(serve_command(app, args.port, classroom, args.address), env=env)
    except KeyboardInterrupt:
        return 0


def cmd_export_student(args: argparse.Namespace, out: TextIO) -> int:
    from . import classroom, store

    with closing(store.connect()) as db:
        data = classroom.export_student(db, args.name)
        name = classroom.find_student(db, args.name)
    assert name is not None  # export_student raised otherwise
    path = Path(args.out) if args.out else Path.cwd() / (
        "essaycoach-" + "".join(ch if ch.isalnum() else "-" for ch in name.name).strip("-") + ".zip")
    if path.suffix.lower() != ".zip":
        raise EssaycoachError(f"--out {path}: the file name must end in .zip")
    if not path.parent.is_dir():
        raise EssaycoachError(f"{path.parent}: no such folder")
    refuse_overwriting_app_files(path)
    if path.exists() or path.is_symlink():
        raise EssaycoachError(f"{path}: already exists; give another file name with --out, or move it first")
    atomic_write(path, data)
    emit({"student": name.name, "path": str(path)}, args.json, f"wrote {name.name}'s data to {path}", out)
    return 0


def add_commands(add: AddCommand) -> None:
    """Add this module's subcommands through the CLI's ``add(name, help, func)``."""
    p = add("backup", "write a zip of the database and the rubrics (safe while the app is running)", cmd_backup)
    p.add_argument("--out", "-o", help="the zip to write (default: data/backups/essaycoach-backup-<time>.zip)")
    p = add("restore", "bring back the database and rubrics from a backup zip (keeps a copy of what it replaces)",
            cmd_restore)
    p.add_argument("archive", help="a zip made by `essaycoach backup`")
    p = add("serve", "start the app (with --classroom: on the school network, with sign-in)", cmd_serve)
    p.add_argument("--classroom", action="store_true", help="classroom mode (also: classroom = true in "
                   "essaycoach.toml or ESSAYCOACH_CLASSROOM=1)")
    p.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    p.add_argument("--address", help="address to listen on (default: all in classroom mode, else localhost)")
    p = add("export-student", "one student's data as a zip (a data-protection request)", cmd_export_student)
    p.add_argument("name", help="the student's name as the teacher entered it")
    p.add_argument("--out", "-o", help="the zip to write (default: essaycoach-<name>.zip here)")
    add("teacher-password", "set or change the teacher's password for classroom mode (asks for it)",
        cmd_teacher_password)
