"""Stage 8, write: the generated Markdown into `site_src/`, the other edge of the pipeline.

Only files whose bytes changed are rewritten, each through a temporary file and a rename, and
files no longer generated are removed. Under `mkdocs serve` this matters: its watcher rebuilds
on every write, so rewriting unchanged files would make it rebuild forever.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from stat import S_ISLNK
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Collection, Iterable

from .model import Page


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def safe_target(root: Path, relative: PurePosixPath, *, resolved_root: Path | None = None
                ) -> Path:
    """The path under `root` whose folder is checked to stay inside it, refusing anything
    that would land outside (`TreeWriter` calls it once per folder, since resolving every file
    of a tree is slow, and refuses a link in the file's place itself)."""
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"refusing to write outside {root}: {relative}")
    resolved_root = resolved_root or root.resolve()
    folder = (root / relative.parent).resolve()
    if not folder.is_relative_to(resolved_root):
        raise ValueError(f"refusing to write outside {root}: {relative}")
    return folder / relative.name  # a name: no separator, and ".." was refused


class TreeWriter:
    """Writes pages under `root` one at a time, as they come (a build's 10,000 stories'
    pages never wait in memory together), then `finish` removes what was not written.

    `state` (the preview's): what this process last wrote or found in each file, as size,
    modification time and text, so that an unchanged file is neither read nor encoded again
    (at every rebuild, for thousands of pages)."""

    def __init__(self, root: Path, state: dict[str, tuple[int, int, str]] | None = None):
        root.mkdir(parents=True, exist_ok=True)
        self.root, self.state = root, state
        self.resolved_root = root.resolve()
        self.paths: list[PurePosixPath] = []  # every page's path, in the order they came
        self.seconds = 0.0  # the time spent writing and comparing
        self._checked: dict[str, str] = {}  # each folder of the pages, as a string, once
        self._wanted: set[str] = set()
        self._written: list[str] = []
        self._unchanged = 0

    def place(self, page: Page) -> str:
        """Where `page` goes, as a string; refused if outside the root or taken already."""
        relative = str(page.path)
        folder, _, name = relative.rpartition("/")
        place = self._checked.get(folder)  # a folder seen first, or an odd path: checked
        if place is None or relative.startswith("/") or ".." in relative:
            target = safe_target(self.root, page.path, resolved_root=self.resolved_root)
            place = self._checked[folder] = str(target.parent)
        key = f"{place}/{name}"
        if key in self._wanted:
            raise ValueError(f"two pages would be written to {page.path}")
        self._wanted.add(key)
        self.paths.append(page.path)
        return key

    def write(self, key: str, text: str) -> None:
        """The text into the file at `key` (from `place`), unless it holds it already."""
        started = time.perf_counter()
        if _unchanged(key, text, self.state, self.root):
            self._unchanged += 1
        else:
            target = Path(key)
            atomic_write(target, text.encode("utf-8"))
            _remember(self.state, key, text)
            self._written.append(target.relative_to(self.resolved_root).as_posix())
        self.seconds += time.perf_counter() - started

    def add(self, page: Page) -> None:
        self.write(self.place(page), page.text)

    def finish(self) -> WriteReport:
        started = time.perf_counter()
        removed = _remove_others(self.resolved_root, self._wanted)
        self.seconds += time.perf_counter() - started
        return WriteReport(tuple(sorted(self._written)), removed, self._unchanged)


def sync_tree(pages: Iterable[Page], root: Path,
              state: dict[str, tuple[int, int, str]] | None = None) -> WriteReport:
    """Every page under `root`, all paths checked before any file is written (the preview
    writes into the live `site_src/`: a refused path leaves it as it was)."""
    writer = TreeWriter(root, state)
    placed = sorted((writer.place(page), page.text) for page in pages)
    for key, text in placed:
        writer.write(key, text)
    return writer.finish()


def _remove_others(root: Path, wanted: Collection[str]) -> tuple[str, ...]:
    """Remove what is no longer generated, and the folders that leaves empty. A name starting
    with a dot is kept (.gitkeep: site_src/ exists in a fresh clone, so `mkdocs serve`
    starts); a link is removed, never followed."""
    removed = []
    for folder, dirs, files in os.walk(root, topdown=False):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            if not name.startswith(".") and path not in wanted:
                os.unlink(path)
                removed.append(os.path.relpath(path, root).replace(os.sep, "/"))
        if folder != str(root) and not os.path.basename(folder).startswith(".") \
                and not os.listdir(folder):
            os.rmdir(folder)
    return tuple(sorted(removed))


def _unchanged(key: str, text: str, state: dict | None, root: Path) -> bool:
    """Whether the file holds `text` already; a link in its place is refused (one `lstat`
    for both: this runs for every page of the site at every rebuild of the preview)."""
    try:
        stat = os.lstat(key)
    except FileNotFoundError:
        return False
    if S_ISLNK(stat.st_mode):
        raise ValueError(f"refusing to write outside {root}: {key}")
    known = state.get(key) if state is not None else None
    if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2] == text  # the same string object for an unchanged page: instant
    data = text.encode("utf-8")
    if stat.st_size != len(data):
        return False
    with open(key, "rb") as handle:
        same = handle.read() == data
    if same:
        _remember(state, key, text)
    return same


def _remember(state: dict | None, key: str, text: str) -> None:
    if state is not None:
        stat = os.stat(key)
        state[key] = (stat.st_size, stat.st_mtime_ns, text)


def staged_writer(current: Path, staged: Path) -> TreeWriter:
    """A writer of the new tree beside the current one, swapped in later by the caller.

    Unchanged files are hard links to the current ones (same bytes, same modification time,
    no copying); changed files are new files, so the current tree stays intact until the swap.
    """
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    if current.is_dir():
        for path in sorted(current.rglob("*")):
            target = staged / path.relative_to(current)
            if path.is_dir():
                target.mkdir(exist_ok=True)
            else:
                os.link(path, target)
    return TreeWriter(staged)


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so readers never see half of
    it (a site, its Markdown, a search index) and the old one is deleted only after."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
