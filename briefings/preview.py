"""The live preview (`mkdocs serve`): the pipeline run by the hook, and what it keeps.

The hook runs the whole pipeline before each build. Between two runs the process keeps each
unchanged seed's analysis and each unchanged briefing's page (`pipeline.Cache`), so a one-seed
edit costs one seed's work; the first run takes the analyses and alignments the last
`make site` kept in `.build/cache/` (`briefings.store`) instead of making them again. With
`mkdocs serve --dirty` (what `make serve` runs) MkDocs rebuilds only the pages whose Markdown
changed. Pagefind then indexes the whole preview in the background (`PreviewSearch`): it has
no partial update, and the edited page need not wait for it.
"""

from __future__ import annotations

import gc
import os
import subprocess
import threading
import time
from pathlib import Path

from . import search
from .analyse import Inputs, warm_up
from .furniture import load_furniture
from .pipeline import Cache, generate
from .project import load_project
from .render import load_templates
from .settings import BuildSettings, build_settings
from .store import project_stores
from .write import sync_tree


class PreviewSearch:
    """The preview's Pagefind index, made beside the served site after each build: the edited
    page shows at once and search catches up seconds later. A newer build stops an indexing
    still running (its pages are about to change) and indexes again when it is done."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._stopping = False

    def stop(self) -> None:
        with self._lock:
            self._stopping = True  # an index made in parts: no further part starts
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._stopping = False

    def start(self, site_dir: Path, log, part_pages: int) -> None:
        self.stop()
        self._thread = threading.Thread(target=self._index, args=(site_dir, log, part_pages),
                                        name="briefings-preview-search", daemon=True)
        self._thread.start()

    def _started(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._process = process
            if self._stopping:
                process.kill()

    def _index(self, site_dir: Path, log, part_pages: int) -> None:
        started = time.monotonic()
        try:
            search.index_site(site_dir, offline=False, started=self._started,
                              part_pages=part_pages, stopped=lambda: self._stopping)
        except search.SearchIndexCancelled:
            return
        except (search.SearchIndexError, OSError) as error:
            log.warning(f"briefings: the preview's search index was not updated: {error}")
            return
        log.info(f"briefings: search index updated ({time.monotonic() - started:.1f}s)")


class Preview:
    """What one `mkdocs serve` process keeps between its rebuilds. MkDocs loads the hook
    again with each configuration, so the hook keeps nothing itself: it asks `session()`."""

    def __init__(self) -> None:
        self.cache = Cache()   # each unchanged seed's analysis and briefing's page
        self.written: dict = {}  # what was last written in each Markdown file (sync_tree)
        self.search = PreviewSearch()
        self.dirty = False     # `mkdocs serve --dirty`: a rebuild renders the changed pages
        self.frozen = False    # the first run's objects are out of the collector's way

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
        self.search.stop()  # the pages it reads are about to change, and the pipeline may fork
        project = load_project(project_root)
        store, aligned = project_stores(project.work)
        try:
            site = generate(project, cache=self.cache, store=store, aligned=aligned)
            report = sync_tree(site.pages, docs_dir, self.written)
            templates = load_templates(project.templates)
        except Exception as error:  # the preview must survive any bad input: keep the last
            log.error(f"briefings: the Markdown was not regenerated, the preview shows the "
                      f"last good version: {type(error).__name__}: {error}")
            return build_settings(root=str(docs_dir), languages=_languages_on_disk(docs_dir),
                                  site_url=project.site_url, site_name=project.site_name,
                                  preview=True,
                                  search_part_pages=project.search_pages_per_part)
        warm_up(Inputs(site.termbase, load_furniture(project.templates)),  # once: the first
                list(site.languages))                                    # edit is then fast
        if not self.frozen:
            # The archive's analyses and pages live as long as the preview: without this, a
            # full collection walks them all again during a rebuild (1.4 s at 4,000 seeds)
            gc.collect()
            gc.freeze()
            self.frozen = True
        for problem in site.problems:
            (log.error if problem.fatal else log.warning)(f"Seed problem: {problem}")
        if report.written or report.removed:
            log.info(f"briefings: {len(report.written)} Markdown files written, "
                     f"{len(report.removed)} removed, {report.unchanged} unchanged")
        return build_settings(root=str(docs_dir), languages=site.languages,
                              site_url=project.site_url, site_name=project.site_name,
                              templates=templates, termbase=site.termbase, preview=True,
                              search_part_pages=project.search_pages_per_part)

    def after_build(self, site_dir: Path, log, part_pages: int) -> None:
        self.search.start(site_dir, log, part_pages)


POLL = "BRIEFINGS_WATCH"  # set to "poll": MkDocs' own watcher, for a network or VM folder


def watch(server, folders: list[Path], log) -> str:
    """Watch `folders` (the seeds, templates and termbase) for the live preview; say how.

    MkDocs polls what it watches every half second: at 4,000 seeds that is a quarter of a
    core spent listing files, taken from the rebuild it is waiting for, and up to half a
    second before an edit is seen. The folders are watched with the system's file events
    instead (inotify, FSEvents, ReadDirectoryChangesW: watchdog's native observer, which
    MkDocs stops as its own); what MkDocs watched already (mkdocs.yml) keeps its polling.
    Where events are not available, or with BRIEFINGS_WATCH=poll (a folder on a network
    share or in a virtual machine, whose changes may send no events), MkDocs polls."""
    if os.environ.get(POLL, "").strip().lower() != "poll":
        polling = server.observer
        try:
            native = _native_observer()
            server.observer = native
            for folder in folders:
                server.watch(str(folder))
            native.start()  # here, so that a watch it cannot make is known now
        except (ImportError, OSError) as error:
            log.info(f"briefings: watching by polling ({type(error).__name__}: {error})")
            for folder in folders:
                server._watched_paths.pop(os.path.abspath(folder), None)
                server._watch_refs.pop(os.path.abspath(folder), None)
            server.observer = polling
        else:
            if polling.emitters:
                polling.start()  # a daemon thread: it ends with the process
            return "file events"
    for folder in folders:
        server.watch(str(folder))
    return "polling"


# What a change to a file is. Reading one is an event too (opened, closed unwritten): each
# rebuild reads every seed, and would start the next.
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


def _native_observer():
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Changes(FileSystemEventHandler):
        def __init__(self, handler) -> None:
            self.handler = handler

        def dispatch(self, event) -> None:
            if event.event_type in CHANGES:
                self.handler.dispatch(event)

    class Started(Observer):  # type: ignore[misc, valid-type]
        """Started by `watch`; MkDocs' serve starts it again, which is then nothing. It
        passes on the changes only."""

        def start(self) -> None:
            if not self.is_alive():
                super().start()

        def schedule(self, handler, path, **options):
            return super().schedule(Changes(handler), path, **options)

    return Started()


_SESSION = Preview()


def session() -> Preview:
    """The preview of this process (one `mkdocs serve`)."""
    return _SESSION


def _languages_on_disk(docs_dir: Path) -> list[str]:
    return [p.name for p in sorted(docs_dir.iterdir()) if (p / "index.md").is_file()] \
        if docs_dir.is_dir() else []
