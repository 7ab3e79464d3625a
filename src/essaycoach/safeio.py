"""Careful file I/O for everything a user hands over: bounded reads of regular files only,
YAML without anchors or aliases, and atomic writes that leave no temporary file behind.

Every rubric, calibration, essay and CSV read goes through :func:`read_bounded` (or
:func:`read_stream` for standard input); every YAML text through :func:`load_yaml_text`.
"""
from __future__ import annotations

import errno
import math
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import UnreadableFileError, YamlError

MAX_YAML_DEPTH = 40      # a rubric nests four deep; 20,000 brackets once blew the stack
MAX_YAML_NUMBER = 30     # digits: a 5,000-digit integer once crashed int()
TMP_SUFFIX = ".tmp"


def size_text(n: int) -> str:
    """``5 MB``, ``300 kB``: a byte limit as people say it."""
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1e3:g} kB"


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``limit`` bytes.

    At most ``limit + 1`` bytes are read, whatever the file claims, and the file is opened
    without blocking, so a FIFO, ``/dev/zero`` or a folder is refused at once.

    Raises
    ------
    UnreadableFileError
        The message (without the file name) says what is wrong: no such file, a folder, not
        a regular file, too large, or the error the system gave.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UnreadableFileError("file not found (or a link to nothing)") from None
    except IsADirectoryError:
        raise UnreadableFileError("is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot be opened ({exc.strerror or exc.__class__.__name__})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFileError("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UnreadableFileError("is not a regular file (a device, pipe or socket); save the text to a file")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        return _read_at_most(fh, limit)


def read_stream(stream: IO[Any], limit: int) -> bytes | str:
    """At most ``limit`` bytes (or characters, from a text stream) of a stream such as standard
    input; more raises ``UnreadableFileError``."""
    return _read_at_most(stream, limit)


def _read_at_most(fh: IO[Any], limit: int) -> Any:
    try:
        data = fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > limit:
        raise UnreadableFileError(f"is larger than {size_text(limit)}, the limit")
    return data


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses anchors and aliases (an alias bomb of a few hundred
    bytes expands to gigabytes), nesting deeper than ``MAX_YAML_DEPTH`` and numbers longer
    than ``MAX_YAML_NUMBER`` digits."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (& and *) are not allowed; "
                                              "write the value out in full", event.start_mark)
        if self._depth >= MAX_YAML_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep",
                                              event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _short_number(self, node: Any) -> None:
        if len(node.value) > MAX_YAML_NUMBER:
            raise yaml.constructor.ConstructorError(None, None, f"a number of {len(node.value)} characters "
                                                    f"is too long (at most {MAX_YAML_NUMBER})", node.start_mark)

    def construct_yaml_int(self, node: Any) -> Any:
        self._short_number(node)
        return yaml.constructor.SafeConstructor.construct_yaml_int(self, node)

    def construct_yaml_float(self, node: Any) -> Any:
        """A finite number: JSON (``show --json``, the app's state) has no NaN or infinity."""
        self._short_number(node)
        value = yaml.constructor.SafeConstructor.construct_yaml_float(self, node)
        if not math.isfinite(value):
            raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a number that can be used; "
                                                    "write a finite number, or quote it as text", node.start_mark)
        return value

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        """A mapping, refusing a key given twice: PyYAML keeps the last, so a second ``points:``
        list had silently replaced the first."""
        if isinstance(node, yaml.MappingNode):
            first: dict[str, Any] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in first:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"the key {key.value!r} is given twice (first at line "
                            f"{first[key.value].line + 1}); keep one", key.start_mark)
                    first[key.value] = key.start_mark
        mapping = yaml.constructor.SafeConstructor.construct_mapping(self, node, deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) < len(node.value) and not any(
                k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value):
            # Spelt apart, read as one: "1" and "true" are both the key 1 (True == 1), and the
            # second had silently replaced the first.
            seen: dict[Any, Any] = {}
            for key, _ in node.value:
                value = self.construct_object(key, deep=True)
                if value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the keys {seen[value].value!r} and {key.value!r} are read as the same "
                        f"key (first at line {seen[value].start_mark.line + 1}); keep one", key.start_mark)
                seen[value] = key
        return mapping

    def construct_refused(self, node: Any) -> Any:
        """Values no rubric or data file needs, and JSON cannot hold: binary data and sets."""
        raise yaml.constructor.ConstructorError(None, None, f"a value tagged {node.tag.rsplit(':', 1)[-1]!r} is "
                                                "not allowed; write it as text or a list", node.start_mark)


def _strict_constructors(loader: Any) -> None:
    loader.add_constructor("tag:yaml.org,2002:int", loader.construct_yaml_int)
    loader.add_constructor("tag:yaml.org,2002:float", loader.construct_yaml_float)
    # A date stays the text it was written as (a datetime cannot be shown as JSON, or saved back).
    loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
    for tag in ("binary", "set"):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", loader.construct_refused)


_strict_constructors(_StrictLoader)


class _FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (4x faster, most of what ``essaycoach prompts`` spends), with the
    same bound on numbers; anchors, aliases and depth are checked on its events first."""

    construct_yaml_int = _StrictLoader.construct_yaml_int
    construct_yaml_float = _StrictLoader.construct_yaml_float
    _short_number = _StrictLoader._short_number
    construct_mapping = _StrictLoader.construct_mapping
    construct_refused = _StrictLoader.construct_refused


_strict_constructors(_FastStrictLoader)


def _plain_events(text: str) -> bool:
    """True when the YAML has no anchor or alias and nests at most ``MAX_YAML_DEPTH`` deep
    (read as events by libyaml, before anything is built)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastStrictLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


def yaml_problem(exc: yaml.YAMLError, text: str = "") -> str:
    """What PyYAML stopped at, with its line and column: a syntax error, or a value refused (a
    number too long, a key given twice, a tag), which is well-formed YAML: "syntax error" beside
    it sent a walk's teacher looking for a typo that was not there. Given the ``text`` read, a
    value that goes on after its closing quote is named as such wherever the parser stopped
    ('question: "How far ...?" [20 marks]' had been told to line up with the lines above it)."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
    what = "YAML value refused" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
    context, start = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    line = text.splitlines()[mark.line] if mark and text and mark.line < len(text.splitlines()) else ""
    quoted = _AFTER_QUOTE.match(line)
    if what == "YAML syntax error" and quoted and quoted.group(1).startswith('"'):  # '...': see _PLAIN_YAML
        return f"{what}{where}: {_TEXT_AFTER_QUOTE} (YAML: {problem})"
    # a quote or bracket left open is found where the file ends: say where it was opened
    opened = (f"; it was opened at line {start.line + 1}" if start and mark and start.line < mark.line
              and ("quoted" in context or "flow" in context) else "")
    return f"{what}{where}: {plain_yaml_problem(problem, context)}{opened}"


# "field: "quoted value" more text" (or "- 'item' more"): the quote ends the value, so what follows is an error
_AFTER_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[\w-]+:\s+)?("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*[^\s#]""")
_TEXT_AFTER_QUOTE = ("text after a closing quote: a value in quotes ends at its closing quote; put the "
                     "whole value inside the quotes, or leave the quotes out")


# What the parser's words mean to someone writing a rubric, and what to do (a walk's teacher read
# "expected <block end>, but found '<block mapping start>'"). The parser's words stay, last, for
# whoever knows YAML; one matched by none is given as it is.
_PLAIN_YAML = (
    (r"mapping values are not allowed", "a colon where YAML does not expect one: this line is indented further "
     "than the one above it, or a value holds a colon and space (': '; put that value in double quotes)"),
    (r"character '\\t'", "a tab; indent with spaces only"),
    (r"found '<scalar>'", "text after a closing quote: an apostrophe inside '...' ends it early; "
     "put text with an apostrophe in double quotes"),
    (r"block end|expected key|expected '-' indicator", "this line does not line up with the lines above it; "
     "each field of a point starts under the first letter after its '- '"),
    (r"end of stream.*quoted|quoted.*end of stream", "a quote that is opened and never closed"),
    (r"expected ',' or '\]'", "a list in [ ] not closed with ], or an item in it holding a colon (quote it)"),
    (r"expected ',' or '\}'", "a { that is not closed with }; put a value that starts with { in quotes"),
    (r"unknown escape character", "a backslash inside double quotes; use single quotes, or write \\\\"),
    (r"could not find expected ':'", "a line that is neither 'field: value' nor '- item', or a value "
     "going on to the next line; look at this line and the one above"),
    (r"character '(.)' that cannot start|but found '(\*)'", "a value that starts with '{0}', which YAML "
     "keeps for itself; put the value in quotes"),
    (r"expected the node content|end of stream", "the file ends before a value is finished: is a bracket "
     "or a quote left open?"),
)


def plain_yaml_problem(problem: str, context: str = "") -> str:
    """The parser's ``problem`` (and the ``context`` it found it in) said in plain words, with
    the parser's own after them; as it is when no plain wording fits."""
    said = f"{context} {problem}"
    for pattern, plain in _PLAIN_YAML:
        found = re.search(pattern, said, re.S)
        if found:
            char = next((g for g in found.groups() if g), "")
            return f"{plain.replace('{0}', char)} (YAML: {problem})"
    return problem


def load_yaml_text(text: str) -> Any:
    """Parse YAML text safely (see ``_StrictLoader``): libyaml when the text passes the event
    check, else the pure-Python strict loader, whose messages name the line and the problem.

    Raises
    ------
    YamlError
        Naming the line and column and what is wrong.
    """
    try:
        if _plain_events(text):
            return yaml.load(text, Loader=_FastStrictLoader)  # a SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        pass  # read again below, for the precise message
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise YamlError(yaml_problem(exc, text)) from None
    except RecursionError:  # the depth check runs first; this is the last line of defence
        raise YamlError(f"YAML syntax error: nested more than {MAX_YAML_DEPTH} levels deep") from None


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``:
    readers see the old file or the new one, never half of one, and on any failure the
    temporary file is removed and the error raised (``OSError``). A file replaced keeps its
    permissions."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    except OSError as exc:  # said of the folder: "/proc/version: No such file" named a file that exists
        raise OSError(exc.errno, f"no file can be made in its folder {path.parent} to write it safely "
                      f"({exc.strerror or exc.__class__.__name__})", str(path)) from None
    try:
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        except OSError:
            os.chmod(tmp, 0o644)  # a new file: readable like any other the user makes
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | Path, text: str) -> None:
    """Write a command's output to ``path``: atomically for a regular (or new) file, straight
    through for a device or pipe such as ``/dev/stdout``, which must not be replaced by a file.

    Raises ``OSError`` (``IsADirectoryError`` for a folder, ``FileNotFoundError`` for a missing
    folder, ``ENOSPC`` for a full disk...)."""
    given = Path(path)
    real = Path(os.path.realpath(given))  # through a link to the file it names, not over the link
    if real.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(real))
    if given.exists() and not given.is_file():
        # Opened by the name given: /dev/stdout resolves to "pipe:[...]" when it is a pipe. Without
        # waiting: a named pipe nothing reads from would hold the command forever.
        try:
            fd = os.open(given, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "a named pipe that nothing reads from", str(given)) from None
            raise
        os.set_blocking(fd, True)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return
    atomic_write(real, text)


def remove_stale_temporaries(folder: str | Path, max_age_s: float = 3600.0) -> int:
    """Delete ``.*.tmp`` files older than ``max_age_s`` left in ``folder`` by a crash (a write in
    progress is younger); returns how many were removed."""
    import time

    removed = 0
    cutoff = time.time() - max_age_s
    for tmp in Path(folder).glob(f".*{TMP_SUFFIX}"):
        try:
            if tmp.is_file() and not tmp.is_symlink() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed += 1
        except OSError:
            continue  # another process removed it, or it is not ours to remove
    return removed
