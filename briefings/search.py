"""The search index of one built language: Pagefind, run on the build's HTML (stage 9's end).

Pagefind reads each page's `<html lang>`, stems the languages it knows (Russian, French,
German, Spanish, English...), ignores diacritics while ranking exact spellings first, and
splits Chinese and Japanese into words (the `extended` binary); the query goes through the same
analysis in the browser (its WebAssembly). Only the part of a page marked `data-pagefind-body`
is indexed: the article, not the navigation (overrides/main.html).

- Web: `pagefind/` beside the pages; a first search downloads its entry, the language's
  WebAssembly and the index chunks of the words typed, never the whole index.
- Offline: a page opened from disk cannot fetch, so the same files are also written inside one
  script, `pagefind/files.js` (base64, sorted: same input, same bytes), which
  `assets/search.js` loads with a `<script>` tag.

Material's lunr index (`search/search_index.json`) is left with its configuration and no
documents: Material still loads it to start its search box, and our `assets/search.js` answers
the box from Pagefind instead.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

OUTPUT = "pagefind"
EMBEDDED = "files.js"
# What Pagefind writes for its own user interfaces: Material's is used instead
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.",
           "pagefind-highlight.")


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path, *, offline: bool, keep_lunr: bool = False,
               glob: str | None = None) -> None:
    """Index the built pages of `site_dir` into `site_dir/pagefind/`. `keep_lunr`: the
    preview's merged lunr index is left as it is. `glob`: the pages to index (the landing's
    folder holds the languages' folders too)."""
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", OUTPUT, "--quiet", *(["--glob", glob] if glob else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind could not index {site_dir}: "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")
    for path in sorted(output.iterdir()):
        if path.name.startswith(_UNUSED):
            path.unlink()
    if offline:
        write_embedded(output)
    if not keep_lunr:
        empty_lunr_index(site_dir / "search" / "search_index.json")


def write_embedded(output: Path) -> None:
    """Every file of the index in one script, for a browser that cannot fetch from disk."""
    files = {path.relative_to(output).as_posix(): base64.b64encode(path.read_bytes()).decode()
             for path in sorted(output.rglob("*")) if path.is_file()}
    (output / EMBEDDED).write_text(
        "window.__briefingsPagefind = " + json.dumps(files, sort_keys=True, indent=0) + ";\n",
        encoding="utf-8")
    for name in files:  # the script holds them: the bundle need not carry them twice
        (output / name).unlink()
    for folder in sorted((p for p in output.rglob("*") if p.is_dir()), reverse=True):
        folder.rmdir()


def empty_lunr_index(path: Path) -> None:
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"config": index.get("config", {}), "docs": []},
                               ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
