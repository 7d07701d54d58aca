"""The search index of one built language: Pagefind, run on the build's HTML (stage 9's end).

Pagefind reads each page's `<html lang>`, stems the languages it knows (Russian, French,
German, Spanish, English...), ignores diacritics while ranking exact spellings first, and
splits Chinese and Japanese into words (the `extended` binary); the query goes through the same
analysis in the browser (its WebAssembly). Only the part of a page marked `data-pagefind-body`
is indexed: the article, not the navigation (overrides/main.html).

- Web: `pagefind/` beside the pages; a first search downloads its entry, the language's
  WebAssembly and the index chunks of the words typed, never the whole index.
- Offline: a page opened from disk cannot fetch, so the files are written inside one script,
  `pagefind/files.js` (base64, sorted: same input, same bytes), which `assets/search.js` loads
  with a `<script>` tag. They are the web index's, each page's fragment given its address in
  the bundle (`derive_index`): the bundle's pages hold the same text, and Pagefind run again
  on them took 3-4 s per language at 1,000 stories.

Material's lunr index (`search/search_index.json`) has its configuration and no documents (the
hook excludes every page from it): Material still loads it to start its search box, and our
`assets/search.js` answers the box from Pagefind instead.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable, ContextManager

from .write import swap_into_place

OUTPUT = "pagefind"
EMBEDDED = "files.js"
# What Pagefind writes for its own user interfaces: Material's is used instead
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.",
           "pagefind-highlight.")
# One Pagefind at a time: each holds a language's pages in memory (about 560 MB at 1,000
# stories) and uses every core itself, so two at once added a fifth to a build's peak memory
# and nothing to its speed. The MkDocs builders share one lock (`one_at_a_time`).
_indexing: ContextManager = threading.Lock()


def one_at_a_time(lock: ContextManager) -> None:
    """Index under `lock`, shared by the processes that may run Pagefind together."""
    global _indexing
    _indexing = lock


class SearchIndexError(RuntimeError):
    pass


class SearchIndexCancelled(SearchIndexError):
    """Pagefind was stopped (the preview: a newer build will index again)."""


def index_site(site_dir: Path, *, offline: bool, glob: str | None = None,
               started: Callable[[subprocess.Popen], None] | None = None) -> None:
    """Index the built pages of `site_dir` into `site_dir/pagefind/`. `glob`: the pages to
    index (the landing's folder holds the languages' folders too). The index is made aside
    and then put in place, so a page being read meanwhile finds the last whole index.
    `started` is handed Pagefind's process (the preview stops it when a newer build starts)."""
    output, aside = site_dir / OUTPUT, site_dir / f".{OUTPUT}-new"
    shutil.rmtree(aside, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", aside.name, "--quiet", *(["--glob", glob] if glob else [])]
    with _indexing:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        if started is not None:
            started(process)
        out, err = process.communicate()
    if process.returncode < 0:
        shutil.rmtree(aside, ignore_errors=True)
        raise SearchIndexCancelled(f"Pagefind was stopped while indexing {site_dir}")
    if process.returncode != 0 or not (aside / "pagefind.js").is_file():
        shutil.rmtree(aside, ignore_errors=True)
        raise SearchIndexError(f"Pagefind could not index {site_dir}: "
                               f"{(err or out).strip()[-2000:]}")
    for path in sorted(aside.iterdir()):
        if path.name.startswith(_UNUSED):
            path.unlink()
    if offline:
        write_embedded(aside)
    # Not deleted before the new one is in place: deleting the thousands of files of a large
    # index took long enough for a search in the preview to find none
    swap_into_place(aside, output)


def write_embedded(output: Path) -> None:
    """Every file of the index in one script, for a browser that cannot fetch from disk."""
    files = {path.relative_to(output).as_posix(): path.read_bytes()
             for path in sorted(output.rglob("*")) if path.is_file()}
    (output / EMBEDDED).write_text(embedded_script(files), encoding="utf-8")
    for name in files:  # the script holds them: the bundle need not carry them twice
        (output / name).unlink()
    for folder in sorted((p for p in output.rglob("*") if p.is_dir()), reverse=True):
        folder.rmdir()


def embedded_script(files: dict[str, bytes]) -> str:
    encoded = {name: base64.b64encode(data).decode() for name, data in files.items()}
    return ("window.__briefingsPagefind = " + json.dumps(encoded, sort_keys=True, indent=0)
            + ";\n")


# A fragment (one page's text, title and address) is gzipped JSON after this signature
_FRAGMENT = ".pf_fragment"
_SIGNATURE = b"pagefind_dcd"


def derive_index(web_dir: Path, target_dir: Path, address: Callable[[str], str | None]
                 ) -> bool:
    """The bundle's index of `target_dir` made from the web build's index of `web_dir`,
    instead of running Pagefind again on the bundle's pages, which hold the same text: the
    same files, each page's fragment with its address in the bundle (`address` of its web
    address), all inside `pagefind/files.js`. Pagefind finds a fragment by the name its
    meta file gives, never by its address, so the words' index and the ranking are the
    web's. Writes nothing and gives False when a file is not as this Pagefind writes it or a
    page has no place in the bundle: the caller then indexes the bundle's pages."""
    source = web_dir / OUTPUT
    if not (source / "pagefind.js").is_file():
        return False
    files: dict[str, bytes] = {}
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.name.startswith(_UNUSED):
            continue
        data = path.read_bytes()
        if path.name.endswith(_FRAGMENT):
            try:
                text = gzip.decompress(data)
            except (OSError, EOFError):
                return False
            if not text.startswith(_SIGNATURE):
                return False
            try:
                fragment = json.loads(text[len(_SIGNATURE):])
                moved = address(fragment["url"])
            except (ValueError, KeyError, TypeError):
                return False
            if moved is None:
                return False
            fragment["url"] = moved
            data = gzip.compress(_SIGNATURE + json.dumps(
                fragment, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
        files[path.relative_to(source).as_posix()] = data
    output = target_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    (output / EMBEDDED).write_text(embedded_script(files), encoding="utf-8")
    return True
