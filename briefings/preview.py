"""The live preview (`mkdocs serve`): the pipeline run by the hook, and what it keeps.

The hook runs the whole pipeline before each build. Between two runs the process keeps each
unchanged seed's analysis and each unchanged briefing's page (`pipeline.Cache`), so a one-seed
edit costs one seed's work. With `mkdocs serve --dirty` (what `make serve` runs) MkDocs
rebuilds only the pages whose Markdown changed; its search index then holds those pages only,
so the hook merges it into the index of the full build (`SearchIndex.merge`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .analyse import Inputs, warm_up
from .furniture import load_furniture
from .languages import language_name
from .pipeline import Cache, generate
from .project import load_project
from .publish import page_words
from .render import load_templates, tooltips
from .site_links import write_search_index
from .write import sync_tree

_CACHE = Cache()
_WRITTEN: dict = {}  # what the preview last wrote in each Markdown file (write.sync_tree)
DIRTY = False  # set by the hook's on_startup


class SearchIndex:
    """The preview's full search index, updated with the pages each dirty build renders."""

    def __init__(self) -> None:
        self.docs: list[dict[str, Any]] | None = None
        self.rendered: set[str] = set()  # page URLs rendered by the current build

    def page_rendered(self, url: str) -> None:
        self.rendered.add(url)

    @staticmethod
    def forget_previous(plugins) -> None:
        """Material keeps the last index and merges a dirty build's entries into it by the
        first rebuilt page's URL prefix, which keeps stale entries of the other rebuilt
        pages: make it write this build's entries only, and merge them here."""
        for name in ("material/search", "search"):
            plugin = plugins.get(name) if hasattr(plugins, "get") else None
            if plugin is not None and hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None

    def merge(self, site_dir: Path, *, dirty: bool) -> None:
        path = site_dir / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        if dirty and self.docs is not None:
            # The index holds the rebuilt pages only (`forget_previous`): the others' entries
            # come from the last full index.
            kept = [doc for doc in self.docs if _page(doc) not in self.rendered]
            index["docs"] = kept + [doc for doc in index["docs"] if _page(doc) in self.rendered]
            write_search_index(path, index)
        self.docs = index["docs"]
        self.rendered = set()


def _page(doc: dict[str, Any]) -> str:
    return doc["location"].split("#", 1)[0]  # a page's entry, then one per section


SEARCH = SearchIndex()


def _languages_on_disk(docs_dir: Path) -> list[dict[str, str]]:
    return [{"code": p.name, "name": language_name(p.name)}
            for p in sorted(docs_dir.iterdir()) if (p / "index.md").is_file()] \
        if docs_dir.is_dir() else []


def generate_for_preview(project_root: Path, docs_dir: Path, log) -> dict[str, Any]:
    """Run the pipeline for a plain `mkdocs serve`/`mkdocs build`; report, never crash."""
    project = load_project(project_root)
    try:
        site = generate(project, cache=_CACHE)
        report = sync_tree(site.pages, docs_dir, _WRITTEN)
    except Exception as error:  # the preview must survive any bad input; keep the last pages
        log.error(f"briefings: the Markdown was not regenerated, the preview shows the last "
                  f"good version: {type(error).__name__}: {error}")
        return {"prefix": "", "root": str(docs_dir), "offline": False, "preview": True,
                "site_url": project.site_url, "languages": _languages_on_disk(docs_dir)}
    warm_up(Inputs(site.termbase, load_furniture(project.templates)),  # once: the first
            list(site.languages))                                    # edit is then as fast
    for problem in site.problems:
        (log.error if problem.fatal else log.warning)(f"Seed problem: {problem}")
    if report.written or report.removed:
        log.info(f"briefings: {len(report.written)} Markdown files written, "
                 f"{len(report.removed)} removed, {report.unchanged} unchanged")
    return {"prefix": "", "root": str(docs_dir), "offline": False,
            "site_url": project.site_url, "tooltips": tooltips(site.termbase), "preview": True,
            "languages": [{"code": c, "name": language_name(c)} for c in site.languages],
            **page_words(load_templates(project.templates), list(site.languages),
                         project.site_name)}
