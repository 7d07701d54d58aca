"""What a build keeps for the next one: each seed's analysis and each story's alignment, in
`.build/cache/`, each MkDocs build's output, and the lock that keeps two builds of one project
from running at once.

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
import json
import os
import pickle
import shutil
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
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


def project_stores(work: Path) -> tuple["AnalysisStore", "AnalysisStore"]:
    """The analyses and the stories' alignments a project keeps under `.build/`, for the
    build and the preview alike."""
    return AnalysisStore(work / "cache" / "analysis"), AnalysisStore(work / "cache" / "alignment")


def entry_path(folder: Path, key: str) -> Path:
    return folder / key[:2] / f"{key}.analysis"


def write_entry(folder: Path, key: str, value) -> Path:
    """One entry of a store, written aside and renamed into place: a reader never finds half
    of it. Any process may write one (the workers that analyse the seeds do)."""
    path = entry_path(folder, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))
    os.replace(temporary, path)
    return path


class AnalysisStore:
    """Analyses on disk, one file each, by key (the stories' alignments too, in a folder of
    their own, keyed by their versions' seeds and contents)."""

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
        return entry_path(self.folder, key)

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
        self.used.add(write_entry(self.folder, key, value))

    def written(self, key: str) -> None:
        """The entry `write_entry` wrote in another process for this build."""
        self.used.add(self._path(key))

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


# What a MkDocs build's output depends on beyond our code (code_version)
BUILD_LIBRARIES = ("mkdocs", "mkdocs-material", "properdocs", "markdown", "pymdown-extensions",
                   "jinja2", "pygments")


class BuildOutputs:
    """Each MkDocs build's output, as it left MkDocs, in `.build/cache/mkdocs/<build>/`, with
    the key of everything it was made from: its derived configuration, the project's
    `mkdocs.yml`, the theme overrides, every Markdown file and asset it reads, the epoch, the
    engine, our code and the libraries' versions. When a seed changes, only the languages
    whose pages changed are built again; the others are hard links to the kept output. A
    language whose files are the same ones, with only some changed, renders only these
    into its kept output (`restore_unchanged`). One output per build is kept (the last), so
    the cache stays the size of one site."""

    def __init__(self, folder: Path, *, project_config: Path, version: str | None = None):
        self.folder = folder
        self.project_config = project_config
        self.version = version or code_version()
        for name in BUILD_LIBRARIES:
            try:
                self.version += f"|{name}={metadata.version(name)}"
            except metadata.PackageNotFoundError:
                pass

    def key(self, job, *, strict: bool, epoch: int, engine: str) -> BuildKey | None:
        if job.docs is None or job.site_dir is None:
            return None
        frame = hashlib.sha256("\0".join((self.version, engine, str(strict), str(epoch))
                                         ).encode())
        for path in (job.config, self.project_config):
            frame.update(b"\1" + path.read_bytes())
        if job.theme is not None:
            _digest_tree(frame, job.theme, ())
        pages = _digest_tree(frame, job.docs, job.excluded, pages={})
        whole = frame.copy()
        for name, digest in sorted(pages.items()):
            whole.update(f"\3{name}\0{digest}".encode())
        return BuildKey(whole.hexdigest(), frame.hexdigest(), pages)

    def _place(self, job) -> Path:
        return self.folder / job.name.replace("/", "-")

    def _record(self, job) -> dict:
        return json.loads((self._place(job) / "key.json").read_text(encoding="utf-8"))

    def restore(self, job, key: BuildKey | None) -> tuple[tuple[str, str], ...] | None:
        """The kept output linked into the job's folder, and its messages; None when there
        is none for this key (or it cannot be read: the build then runs)."""
        try:
            record = self._record(job)
            if key is None or record["key"] != key.whole:
                return None
            _link_tree(self._place(job) / "output", job.site_dir)
            return tuple((level, text) for level, text in record["messages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def restore_unchanged(self, job, key: BuildKey | None, page_of
                          ) -> tuple[frozenset[str], tuple[tuple[str, str], ...]] | None:
        """For a build that renders only the Markdown pages changed since the last one
        (MkDocs' dirty build): when nothing but some pages' text changed (the same files,
        configuration, theme, code and epoch: `BuildKey.frame`), the last output is linked
        into the job's folder without those pages' HTML (or, for a script or an image of the
        docs, its copy). Gives the changed pages (paths in
        the docs folder) and the last build's messages about the other pages. A page's HTML
        is made from its Markdown and the frame only: the navigation is the configuration's
        (compact), the links' targets are the same files. None, and nothing linked, when
        more changed, or when a message of the last build names no page (`page_of` gives
        the page a message is about): that build then runs whole."""
        try:
            record = self._record(job)
            if key is None or record.get("frame") != key.frame:
                return None
            before = record["pages"]
            messages = [(level, text) for level, text in record["messages"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if set(before) != set(key.pages) or any(page_of(text) is None for _, text in messages):
            return None
        changed = frozenset(name for name, digest in key.pages.items() if before[name] != digest)
        place = self._place(job)
        try:
            # MkDocs writes some files over (404.html, the sitemap): through a hard link
            # they would change the kept output, which is no longer this record's then
            (place / "key.json").unlink()
            _link_tree(place / "output", job.site_dir)
            for name in changed:
                (job.site_dir / _output_file(name)).unlink(missing_ok=True)
        except OSError:
            shutil.rmtree(job.site_dir, ignore_errors=True)
            return None
        return changed, tuple(m for m in messages if page_of(m[1]) not in changed)

    def keep(self, job, key: BuildKey | None, messages) -> None:
        if key is None:
            return
        place = self._place(job)
        shutil.rmtree(place, ignore_errors=True)
        try:
            _link_tree(job.site_dir, place / "output",
                       skip={job.site_dir / name for name in job.excluded})
            (place / "key.json").write_text(json.dumps(
                {"key": key.whole, "frame": key.frame, "pages": key.pages,
                 "messages": [list(m) for m in messages]}, sort_keys=True), encoding="utf-8")
        except OSError:
            shutil.rmtree(place, ignore_errors=True)  # next time the build simply runs


@dataclass(frozen=True)
class BuildKey:
    """What a MkDocs build is made from: `whole`, everything; `frame`, everything but the
    bytes of the files in its docs folder (their names are in it); `pages`, each of these
    files' digest by its path there."""

    whole: str
    frame: str
    pages: dict[str, str]


def _output_file(page: str) -> str:
    """The file MkDocs writes for a file of its docs: the HTML of a Markdown page (pretty
    URLs: `x/index.html`), any other file copied as it is."""
    if not page.endswith(".md"):
        return page
    stem = page[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _digest_tree(digest, root: Path, excluded: tuple[str, ...],
                 pages: dict[str, str] | None = None) -> dict[str, str] | None:
    """Every file's path and bytes into `digest`; with `pages`, the files' bytes go there
    instead (their digests, by path), and only their paths into `digest`."""
    skip = {root / name for name in excluded}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if here / d not in skip)
        for name in sorted(files):
            relative = (here / name).relative_to(root).as_posix()
            data = (here / name).read_bytes()
            if pages is not None:
                pages[relative] = hashlib.sha256(data).hexdigest()
                digest.update(b"\4" + relative.encode())
            else:
                digest.update(b"\2" + relative.encode() + b"\0" + data)
    return pages


def _link_tree(source: Path, target: Path, *, skip: set[Path] = frozenset()) -> None:
    """`target` gets every file of `source` as a hard link (the same bytes, no copy)."""
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if here / d not in skip)
        (target / here.relative_to(source)).mkdir(parents=True, exist_ok=True)
        for name in files:
            os.link(here / name, target / here.relative_to(source) / name)
