"""What a build keeps for the next one: each seed's analysis, in `.build/cache/`, and the lock
that keeps two builds of one project from running at once.

An analysis is found again by a key made of everything it was made from: the seed's name and
bytes, the inputs of the analysis (the termbase, the furniture words), the package's code and
the versions of the libraries it reads text with. An edited termbase, a changed line of code
or an upgraded library gives another key, so a stale analysis is never used. Entries are
written whole or not at all, an unreadable one is dropped and made again, and the cache is
kept under a size: the entries the last build did not use go first.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import sys
import zlib
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterator

LIMIT = 1 << 30  # bytes the cache may take; a thousand stories in four languages take ~150 MB
# The libraries an analysis depends on: another version may read a text otherwise
LIBRARIES = ("babel", "charset-normalizer", "py3langid", "pymorphy3", "pymorphy3-dicts-ru",
             "regex", "anyascii", "pyyaml", "python-slugify", "jieba", "janome")
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package's code and the versions of Python and of the libraries it uses."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


class AnalysisStore:
    """Analyses on disk, one file each, by key."""

    def __init__(self, folder: Path, *, limit: int = LIMIT, version: str | None = None):
        self.folder = folder
        self.limit = limit
        self.version = version or code_version()
        self.used: set[Path] = set()
        self.hits = self.misses = 0

    def key(self, name: str, digest: str, inputs: str) -> str:
        return hashlib.sha256("\0".join((name, digest, inputs, self.version)).encode()
                              ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.analysis"

    def get(self, key: str):
        path = self._path(key)
        try:
            value = pickle.loads(zlib.decompress(path.read_bytes()))
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # half written by a killed build, or damaged: made again
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.used.add(path)
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))
        os.replace(temporary, path)
        self.used.add(path)

    def prune(self) -> int:
        """Keep the cache under its limit, dropping first what this build did not use, the
        oldest first. Returns the bytes it takes."""
        entries = []
        for path in self.folder.glob("*/*.analysis") if self.folder.is_dir() else ():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            entries.append((path in self.used, stat.st_mtime, path, stat.st_size))
        total = sum(size for *_, size in entries)
        for used, _, path, size in sorted(entries):
            if total <= self.limit:
                break
            if not used:
                path.unlink(missing_ok=True)
                total -= size
        return total


@contextmanager
def build_lock(work: Path, waiting) -> Iterator[None]:
    """One build of a project at a time: a second one waits for the first (`waiting` is told
    once) instead of writing into the same folders."""
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting("another build of this project is running; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
