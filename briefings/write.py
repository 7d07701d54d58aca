"""Stage 8, write: the generated Markdown into `site_src/`, the other edge of the pipeline.

Only files whose bytes changed are rewritten, each through a temporary file and a rename, and
files no longer generated are removed. Under `mkdocs serve` this matters: its watcher rebuilds
on every write, so rewriting unchanged files would make it rebuild forever.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from .model import Page


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def safe_target(root: Path, relative: PurePosixPath, *, resolved_root: Path | None = None,
                folders: dict[PurePosixPath, Path] | None = None) -> Path:
    """The path under `root`, refusing anything that would land outside it. (`folders`
    caches the resolved folders of a tree: resolving every file of it is slow.)"""
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"refusing to write outside {root}: {relative}")
    resolved_root = resolved_root or root.resolve()
    folders = {} if folders is None else folders
    if relative.parent not in folders:
        folders[relative.parent] = (root / relative.parent).resolve()
    target = folders[relative.parent] / relative.name
    if not target.is_relative_to(resolved_root) or target.is_symlink():
        raise ValueError(f"refusing to write outside {root}: {relative}")
    return target


def _unchanged(target: Path, data: bytes, state: dict | None) -> bool:
    try:
        stat = target.stat()
    except FileNotFoundError:
        return False
    if stat.st_size != len(data):
        return False
    known = state.get(target) if state is not None else None
    if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2] == hashlib.sha1(data).hexdigest()
    same = target.read_bytes() == data
    if same:
        _remember(state, target, data)
    return same


def _remember(state: dict | None, target: Path, data: bytes) -> None:
    if state is not None:
        stat = target.stat()
        state[target] = (stat.st_size, stat.st_mtime_ns, hashlib.sha1(data).hexdigest())


def sync_tree(pages: Iterable[Page], root: Path,
              state: dict[Path, tuple[int, int, str]] | None = None) -> WriteReport:
    """`state` (the preview's): what this process last wrote or found in each file, as size,
    modification time and sha1, so that an unchanged file is not read again."""
    root.mkdir(parents=True, exist_ok=True)
    resolved_root = root.resolve()
    folders: dict[PurePosixPath, Path] = {}
    wanted: dict[Path, bytes] = {}
    for page in pages:
        target = safe_target(root, page.path, resolved_root=resolved_root, folders=folders)
        if target in wanted:
            raise ValueError(f"two pages would be written to {page.path}")
        wanted[target] = page.text.encode("utf-8")
    written, unchanged = [], 0
    for target, data in sorted(wanted.items()):
        if _unchanged(target, data, state):
            unchanged += 1
            continue
        atomic_write(target, data)
        _remember(state, target, data)
        written.append(target.relative_to(resolved_root).as_posix())
    removed = []
    for existing in sorted(resolved_root.rglob("*"), reverse=True):
        if existing.name.startswith("."):
            continue  # .gitkeep: site_src/ exists in a fresh clone, so `mkdocs serve` starts
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            removed.append(existing.relative_to(root.resolve()).as_posix())
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return WriteReport(tuple(written), tuple(sorted(removed)), unchanged)


def stage_tree(pages: Iterable[Page], current: Path, staged: Path) -> WriteReport:
    """The new tree beside the current one, swapped in later by the caller.

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
    return sync_tree(pages, staged)


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
