"""The engine's cache on disk: what fitting each rubric's matcher produced, so that the next run
loads a few arrays instead of importing scikit-learn, rank-bm25 and NLTK and fitting again
(``essaycoach mark`` of one essay: about two seconds cold, a third of that warm).

Where: ``$ESSAYCOACH_CACHE``, else ``$XDG_CACHE_HOME/essaycoach``, else ``~/.cache/essaycoach``;
``ESSAYCOACH_NO_CACHE=1`` switches it off. Deleting the folder clears it. Two kinds of file:

* ``matcher-KEY.npz``: one rubric's :class:`~essaycoach.matchstate.MatcherState`. The key is a
  hash of everything the fit reads: this code (every module's text and the version), the
  libraries' installed files, the seed notes, the rubric, the other rubrics and the config.
* ``lexicon-KEY.npz``: NLTK's stem and pyspellchecker's count of every word of the spelling
  dictionary (key: those two libraries as installed), so that the words of an essay are stemmed
  from a table and the dictionary loads in a fraction of the time.

Nothing here is trusted: a file that cannot be read, does not parse or does not fit (see
``matchstate.from_arrays``) is ignored and the matcher fitted as if there were no cache; a
folder that cannot be written is no error either. Files are written atomically and plain
(``.npz`` without pickle, JSON): loading one imports no fitting library.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from . import analyze
from ._version import __version__
from .engine import Engine
from .errors import UnreadableFileError
from .match import MatchConfig, Matcher
from .matchstate import FORMAT, from_arrays, to_arrays
from .rubric import Rubric
from .safeio import atomic_write, read_bounded
from .spelling import add_frequency, english_frequency
from .thresholds import Thresholds

LIBRARIES = ("sklearn", "rank_bm25", "nltk", "snowballstemmer", "spellchecker", "numpy", "scipy", "rapidfuzz")
MAX_FILE_BYTES = 50_000_000
KEEP_MATCHERS = 200  # the most recent; older files go when a new one is written
# What reading a damaged or foreign file can raise (BadMatcherState is a ValueError).
_UNREADABLE = (UnreadableFileError, OSError, ValueError, KeyError, IndexError, TypeError, EOFError,
               zipfile.BadZipFile)


def cache_dir() -> Path | None:
    """The cache folder, or None when ``ESSAYCOACH_NO_CACHE`` switches the cache off."""
    if os.environ.get("ESSAYCOACH_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if os.environ.get("ESSAYCOACH_CACHE"):
        return Path(os.environ["ESSAYCOACH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "essaycoach"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of what shapes a fit besides its inputs: the package's version and every module's
    text, and each library's installed files (found without importing them)."""
    h = hashlib.sha256(f"{__version__} {FORMAT}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + path.read_bytes())
    h.update(_installed(LIBRARIES))
    return h.hexdigest()[:32]


def _installed(libraries: Sequence[str]) -> bytes:
    """Where each library is installed and when its files were written (found without importing it)."""
    out = []
    for name in libraries:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin:
            st = os.stat(origin)
            out.append(f"{name} {origin} {st.st_mtime_ns} {st.st_size}")
    return "\n".join(out).encode()


def matcher_key(seeds: Mapping[str, str], rubric: Rubric, peers: Sequence[Rubric], config: MatchConfig) -> str:
    """The file name key of a matcher fitted on these inputs by this code."""
    h = hashlib.sha256(code_version().encode())
    for name in sorted(seeds):
        h.update(f"\0seed {name}\0{seeds[name]}".encode())
    for part in (rubric, *peers, config):
        h.update(f"\0{part!r}".encode())
    return h.hexdigest()[:40]


class CachedEngine(Engine):
    """An :class:`Engine` whose matchers come from the cache folder when it holds them, and go
    there when they are fitted."""

    def __init__(self, seeds: Mapping[str, str], folder: Path, peers: Sequence[Rubric] = (),
                 config: MatchConfig | None = None, thresholds: Thresholds | None = None) -> None:
        super().__init__(seeds, peers, config, thresholds)
        self.folder = folder
        self._seeds = dict(seeds)

    def build_matcher(self, rubric: Rubric) -> Matcher:
        path = self.folder / f"matcher-{matcher_key(self._seeds, rubric, self.peers, self.config)}.npz"
        try:
            with np.load(io.BytesIO(read_bounded(path, MAX_FILE_BYTES)), allow_pickle=False) as npz:
                state = from_arrays({name: npz[name] for name in npz.files})
            matcher = Matcher.from_state(rubric, state, self.index.passages, self.config)
            load_lexicon(self.folder)
            return matcher
        except _UNREADABLE:
            pass  # not there yet, or not to be trusted: fit as if there were no cache
        matcher = super().build_matcher(rubric)
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, _npz(to_arrays(matcher.state())))
            save_lexicon(self.folder)
            _prune(self.folder, keep=path)
        return matcher


@lru_cache(maxsize=1)
def lexicon_version() -> str:
    """A hash of what the lexicon file holds: NLTK's stemmer and pyspellchecker's dictionary, as
    installed (code edits leave it be: it is two seconds to build again)."""
    h = hashlib.sha256(f"lexicon {FORMAT}".encode())
    h.update(_installed(("nltk", "spellchecker")))
    return h.hexdigest()[:32]


def _lexicon_path(folder: Path) -> Path:
    return folder / f"lexicon-{lexicon_version()}.npz"


def load_lexicon(folder: Path) -> bool:
    """Give the analyzer the stored stems and counts of the dictionary's words; False when there
    are none to trust (the words are then looked up as without a cache)."""
    try:
        with np.load(io.BytesIO(read_bounded(_lexicon_path(folder), MAX_FILE_BYTES)), allow_pickle=False) as npz:
            words, stems = (_text(npz[name]).split("\n") for name in ("words", "stems"))
            counts = npz["counts"]
    except _UNREADABLE:
        return False
    if not len(words) == len(stems) == len(counts) or counts.dtype != np.int64:
        return False
    analyze.add_stems(dict(zip(words, stems)))
    add_frequency(dict(zip(words, counts.tolist())))
    return True


def save_lexicon(folder: Path) -> None:
    """Store the stem and count of every word of the spelling dictionary, unless they are stored
    (about two seconds of NLTK, once for each version of NLTK and pyspellchecker)."""
    path = _lexicon_path(folder)
    if path.exists():
        return
    frequency = english_frequency()  # in its own order: ties among counts are broken by it
    words = list(frequency)
    stems = analyze.stems_of(words)
    atomic_write(path, _npz({"words": _blob("\n".join(words)), "stems": _blob("\n".join(stems[w] for w in words)),
                             "counts": np.array([frequency[w] for w in words], dtype=np.int64)}))


def _npz(arrays: Mapping[str, Any]) -> bytes:
    """Named arrays as the bytes of an ``.npz`` file (no pickles: none of them is an object array)."""
    buffer = io.BytesIO()
    np.savez(buffer, **dict(arrays))
    return buffer.getvalue()


def _blob(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(blob: np.ndarray) -> str:
    if blob.dtype != np.uint8 or blob.ndim != 1:
        raise ValueError("not text")
    return bytes(blob).decode("utf-8")


def _prune(folder: Path, keep: Path) -> None:
    """Remove lexicons of other versions, and all but the ``KEEP_MATCHERS`` newest matchers."""
    lexicon = _lexicon_path(folder)
    for old in folder.glob("lexicon-*.npz"):
        if old != lexicon:
            old.unlink(missing_ok=True)
    matchers = sorted(folder.glob("matcher-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in matchers[KEEP_MATCHERS:]:
        if old != keep:
            old.unlink(missing_ok=True)
