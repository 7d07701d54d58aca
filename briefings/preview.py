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
from .pipeline import Cache, generate
from .project import load_project
from .render import load_templates
from .settings import BuildSettings, build_settings
from .site_links import write_search_index
from .write import sync_tree


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


class Preview:
    """What one `mkdocs serve` process keeps between its rebuilds. MkDocs loads the hook
    again with each configuration, so the hook keeps nothing itself: it asks `session()`."""

    def __init__(self) -> None:
        self.cache = Cache()   # each unchanged seed's analysis and briefing's page
        self.written: dict = {}  # what was last written in each Markdown file (sync_tree)
        self.search = SearchIndex()
        self.dirty = False     # `mkdocs serve --dirty`: a rebuild renders the changed pages

    def start(self, command: str, *, dirty: bool) -> str | None:
        """What to tell an editor who typed a plain `mkdocs serve`."""
        self.dirty = dirty
        if command == "serve" and not dirty:
            return ("briefings: every edit rebuilds every page of the site; for a preview that "
                    "rebuilds only the pages an edit changes (seconds in a large archive), "
                    "stop this and run `make serve` (mkdocs serve --dirty)")
        return None

    def generate(self, project_root: Path, docs_dir: Path, log) -> BuildSettings:
        """Run the pipeline for a plain `mkdocs serve`/`mkdocs build`; report, never
        crash."""
        project = load_project(project_root)
        try:
            site = generate(project, cache=self.cache)
            report = sync_tree(site.pages, docs_dir, self.written)
            templates = load_templates(project.templates)
        except Exception as error:  # the preview must survive any bad input: keep the last
            log.error(f"briefings: the Markdown was not regenerated, the preview shows the "
                      f"last good version: {type(error).__name__}: {error}")
            return build_settings(root=str(docs_dir), languages=_languages_on_disk(docs_dir),
                                  site_url=project.site_url, site_name=project.site_name,
                                  preview=True)
        warm_up(Inputs(site.termbase, load_furniture(project.templates)),  # once: the first
                list(site.languages))                                    # edit is then fast
        for problem in site.problems:
            (log.error if problem.fatal else log.warning)(f"Seed problem: {problem}")
        if report.written or report.removed:
            log.info(f"briefings: {len(report.written)} Markdown files written, "
                     f"{len(report.removed)} removed, {report.unchanged} unchanged")
        return build_settings(root=str(docs_dir), languages=site.languages,
                              site_url=project.site_url, site_name=project.site_name,
                              templates=templates, termbase=site.termbase, preview=True)

    def before_build(self, plugins) -> None:
        if self.dirty:
            self.search.forget_previous(plugins)

    def page_rendered(self, url: str) -> None:
        self.search.page_rendered(url)

    def after_build(self, site_dir: Path) -> None:
        self.search.merge(site_dir, dirty=self.dirty)


_SESSION = Preview()


def session() -> Preview:
    """The preview of this process (one `mkdocs serve`)."""
    return _SESSION


def _languages_on_disk(docs_dir: Path) -> list[str]:
    return [p.name for p in sorted(docs_dir.iterdir()) if (p / "index.md").is_file()] \
        if docs_dir.is_dir() else []
