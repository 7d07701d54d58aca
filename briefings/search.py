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

- Large: a language of more pages than a project's `search_pages_per_part` (2,000 unless
  mkdocs.yml says otherwise) is indexed in parts, one Pagefind run each, listed in
  `pagefind/parts.json`, which `assets/search.js` merges into the first in the browser: one
  run over every page of a language held 6 GB at 10,000 stories.

Material's lunr index (`search/search_index.json`) has its configuration and no documents (the
hook excludes every page from it): Material still loads it to start its search box, and our
`assets/search.js` answers the box from Pagefind instead.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable, ContextManager

from .write import swap_into_place

OUTPUT = "pagefind"
EMBEDDED = "files.js"
# The index's parts after the first, each with its languages, which `assets/search.js` merges
# into it (`{}` for an index made in one run)
PARTS = "parts.json"
PART_PAGES = 2000  # pages per Pagefind run (`parts_of`); a project's `search_pages_per_part`
# What a part after the first keeps: its words, pages and fragments, not the program
_PART_FILES = (".json", ".pf_meta")
_MARK = b"data-pagefind-body"
_LANG = re.compile(rb"<html\b[^>]*?\slang=[\"']?([\w-]+)", re.IGNORECASE)
_BODY = re.compile(rb"<[^<>]*\s" + _MARK + rb"[\s>=/]")
# What Pagefind writes for its own user interfaces: Material's is used instead
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.",
           "pagefind-highlight.")
# One Pagefind at a time: each holds the pages of a language, or of a part, in memory (about
# 560 MB at 1,000 stories) and uses every core itself, so two at once added a fifth to a
# build's peak memory and nothing to its speed. The MkDocs builders share one lock
# (`one_at_a_time`).
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
               started: Callable[[subprocess.Popen], None] | None = None,
               part_pages: int = PART_PAGES, stopped: Callable[[], bool] | None = None
               ) -> None:
    """Index the built pages of `site_dir` into `site_dir/pagefind/`. `glob`: the pages to
    index (the landing's folder holds the languages' folders too). The index is made aside
    and then put in place, so a page being read meanwhile finds the last whole index.
    `started` is handed each Pagefind process (the preview stops it when a newer build
    starts). More than `part_pages` pages to index are indexed in parts (`parts_of`)."""
    output, aside = site_dir / OUTPUT, site_dir / f".{OUTPUT}-new"
    staging = site_dir / f".{OUTPUT}-pages"
    shutil.rmtree(aside, ignore_errors=True)
    try:
        with _indexing:
            parts = parts_of(site_dir, glob, part_pages, stopped)
            languages = {}
            if len(parts) == 1:  # the pages where they are: nothing to gather
                _pagefind(["--site", str(site_dir), "--output-subdir", aside.name,
                           *(["--glob", glob] if glob else [])], aside, site_dir, started)
            for number, pages in enumerate(parts if len(parts) > 1 else (), 1):
                # Pagefind reads a folder: the part's pages are linked into one, at the
                # same paths, so that their addresses are the site's
                shutil.rmtree(staging, ignore_errors=True)
                for page in pages:
                    _link(page, staging / page.relative_to(site_dir))
                target = aside if number == 1 else aside / part_folder(number)
                _pagefind(["--site", str(staging), "--output-path", str(target)], target,
                          site_dir, started)
                if number > 1:  # the first part's program and WebAssembly serve them all
                    languages[part_folder(number)] = _languages(target)
                    for path in sorted(target.iterdir()):
                        if path.is_file() and not path.name.endswith(_PART_FILES):
                            path.unlink()
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path in sorted(aside.iterdir()):
        if path.name.startswith(_UNUSED):
            path.unlink()
    (aside / PARTS).write_text(json.dumps(languages, sort_keys=True) + "\n", encoding="utf-8")
    if offline:
        write_embedded(aside)
    # Not deleted before the new one is in place: deleting the thousands of files of a large
    # index took long enough for a search in the preview to find none
    swap_into_place(aside, output)


def part_folder(number: int) -> str:
    return f"part/{number}/"


def parts_of(site_dir: Path, glob: str | None, part_pages: int,
             stopped: Callable[[], bool] | None = None) -> list[list[Path]]:
    """The pages of each Pagefind run: one run (`[[]]`, the site as it is) up to
    `part_pages` pages, else the pages Pagefind would index (those with
    `data-pagefind-body`) in parts of about `part_pages`, each language's pages spread over
    the parts in the order of their paths, its first in the first part. Pagefind holds every
    page it indexes in memory, about 0.55 MB a page (600 MB for a language of 1,000 stories,
    6 GB of 10,000); `assets/search.js` merges the parts that have the reader's language
    into the first (Pagefind's `mergeIndex`), and the first has every language, since a
    Pagefind index without the reader's language answers in another. `stopped`: asked
    between pages (the preview stops an indexing when a newer build starts)."""
    pages = sorted(path for path in site_dir.glob(glob or "**/*.html") if path.is_file()
                   and not path.relative_to(site_dir).parts[0].startswith("."))
    if len(pages) <= part_pages:
        return [[]]
    languages: dict[bytes, list[Path]] = {}
    for page in pages:
        if stopped is not None and stopped():
            raise SearchIndexCancelled(f"the indexing of {site_dir} was stopped")
        html = page.read_bytes()
        if _indexed(html):
            lang = _LANG.search(html, 0, 4096)
            languages.setdefault(lang[1].lower() if lang else b"", []).append(page)
    total = sum(len(group) for group in languages.values())
    if total <= part_pages:
        return [[]]
    count = -(-total // part_pages)
    parts: list[list[Path]] = [[] for _ in range(count)]
    for _, group in sorted(languages.items()):
        for number, page in enumerate(group):
            parts[number * count // len(group)].append(page)
    return [sorted(part) for part in parts if part]


def _languages(index: Path) -> list[str]:
    """The languages of an index, as Pagefind names them in its entry file."""
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sorted(entry.get("languages") or {})


def _indexed(html: bytes) -> bool:
    """Whether Pagefind indexes the page: an element has `data-pagefind-body` (the words in a
    page's text do not count). The tag around each mention is looked at, not the page."""
    at = html.find(_MARK)
    while at >= 0:
        if _BODY.match(html, html.rfind(b"<", 0, at), at + len(_MARK) + 1):
            return True
        at = html.find(_MARK, at + 1)
    return False


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


def _pagefind(arguments: list[str], target: Path, site_dir: Path,
              started: Callable[[subprocess.Popen], None] | None) -> None:
    command = [sys.executable, "-m", "pagefind", "--quiet", *arguments]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    if started is not None:
        started(process)
    out, err = process.communicate()
    if process.returncode < 0:
        raise SearchIndexCancelled(f"Pagefind was stopped while indexing {site_dir}")
    if process.returncode != 0 or not (target / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind could not index {site_dir}: "
                               f"{(err or out).strip()[-2000:]}")


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
