"""Stage 9, publish: MkDocs builds of the generated Markdown, the manifest and the offline zip.

Each language is its own MkDocs build (its own search index and stemmer, Material's interface
in that language, pages that do not grow with the other languages), derived from the project's
`mkdocs.yml` with `INHERIT`, plus a small root build for the landing page. The builds are
independent, so they run two at a time. Everything is built in `.build/` and only moved into
`site/` and `dist/` once every build has succeeded.
"""

from __future__ import annotations

import datetime as dt
import json
import importlib
import logging
import multiprocessing
import os
import re
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml

from . import search
from .feeds import atom_feed
from .engine import use as use_engine
from .export import (TMX_TAIL, termbase_csv, termbase_tbx, tmx_document, tmx_head,
                     translation_memories)
from .manifest import manifest
from .mdtext import attribute
from .model import ZIP_EPOCH, Site
from .project import Project
from .render import load_templates
from .settings import build_settings
from .store import BuildOutputs
from .sitemap import sitemap_xml
from .urls import (LANDING, briefing_path, feed_path, glossary_path, home_path, in_language,
                   parallel_path, relative_url, tmx_path, url_for)

MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates/partials/languages"


@dataclass(frozen=True)
class BuildJob:
    name: str  # "web/en"
    config: Path
    docs: Path | None = None       # the Markdown it builds
    site_dir: Path | None = None   # where it writes
    excluded: tuple[str, ...] = ()  # folders of `docs` it leaves out (the landing: languages)
    theme: Path | None = None      # the project's theme overrides


@dataclass(frozen=True)
class BuildResult:
    name: str
    messages: tuple[tuple[str, str], ...]  # (level, text) of what MkDocs or the hook logged
    failed: bool
    seconds: float = 0.0  # wall time of the build in its worker


@dataclass(frozen=True)
class BuildMessage:
    """A warning or an error of MkDocs or our hook, with the page it is about."""

    level: str  # "WARNING" or "ERROR"
    page: str  # the Markdown file, "site_src/en/index.md"; "" when it names none
    text: str


# MkDocs' validation messages and our hook's start with the page, relative to its build
_DOC_FILE = re.compile(r"^Doc file '([^']+)' ")


def build_messages(results: list[BuildResult], *, docs: str = "site_src") -> list[BuildMessage]:
    """Each message once, the page named from the project's root, sorted by page."""
    found: dict[BuildMessage, None] = {}
    for result in results:
        section = result.name.partition("/")[2]
        folder = f"{docs}/" if section == "landing" else f"{docs}/{section}/"
        for level, text in result.messages:
            doc = _DOC_FILE.match(text)
            page = folder + doc.group(1) if doc else ""
            found.setdefault(BuildMessage(level, page, text[doc.end():] if doc else text))
    return sorted(found, key=lambda m: (m.page, m.level != "ERROR", m.text))


def plan_builds(project: Project, site: Site, *, docs_root: Path,
                out_root: Path, configs: Path) -> list[BuildJob]:
    """One derived configuration per language plus the landing page's."""
    configs.mkdir(parents=True, exist_ok=True)
    templates = load_templates(project.templates)
    settings = build_settings(root=str(docs_root), languages=site.languages,
                              site_url=project.site_url, site_name=project.site_name,
                              templates=templates, termbase=site.termbase,
                              search_part_pages=project.search_pages_per_part)
    jobs = []
    for section in ("", *site.languages):
        lang = section or site.default_language
        build = settings.section(section or None)
        derived: dict[str, Any] = {
            **project.relative_paths,
            "INHERIT": str(project.config_file),
            "docs_dir": str(docs_root / section) if section else str(docs_root),
            "site_dir": str(out_root / section) if section else str(out_root),
            "theme": {**project.relative_paths.get("theme", {}),
                      "language": lang if (MATERIAL_LANGUAGES / f"{lang}.html").exists()
                      else "en",
                      "features": list(project.theme_features)},
            "extra": {"briefings": {"build": build.to_config()}},
            "plugins": {"offline": {"enabled": False}},  # the bundle: briefings.offline
            # A compact navigation: listing every briefing would make each page grow with
            # the archive. Briefings are listed on the home pages instead.
            # Every entry titled here, not from its page: a build that renders only the
            # pages that changed (BuildOutputs.restore_unchanged) does not read the others.
            "nav": compact_nav(templates.words(lang), lang) if section
            else [{attribute(project.site_name): LANDING}],  # as render_landing
        }
        if project.site_url:
            derived["site_url"] = project.site_url + build.prefix
        if not section:  # the landing build holds only the root pages
            derived["exclude_docs"] = "".join(f"/{c}/\n" for c in site.languages)
        path = configs / f"web-{section or 'landing'}.yml"
        path.write_text(yaml.safe_dump(derived, allow_unicode=True, sort_keys=True),
                        encoding="utf-8")
        custom = derived["theme"].get("custom_dir")
        jobs.append(BuildJob(f"web/{section or 'landing'}", path,
                             docs=Path(derived["docs_dir"]), site_dir=Path(derived["site_dir"]),
                             excluded=() if section else tuple(site.languages),
                             theme=Path(custom) if custom else None))
    return jobs


def compact_nav(words: dict[str, str], lang: str) -> list[dict[str, str]]:
    return [{words["briefings"]: in_language(home_path(lang))},
            {words["glossary"]: in_language(glossary_path(lang))}]


def start_builders(engine: str = "mkdocs", workers: int = 2) -> ProcessPoolExecutor:
    """The processes that run the MkDocs builds, started now: they import MkDocs, Material
    and the hook while the caller generates the Markdown (a second or two of every build).
    Spawned, not forked: a forked worker would carry the generator's memory (all the
    articles) through every build."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_builder,
                               initargs=(engine, context.Lock()), mp_context=context)
    for _ in range(workers):  # each submission starts a process while none is idle
        pool.submit(_ready)
    return pool


_KEPT: dict[str, ProcessPoolExecutor] = {}


def kept_builders(engine: str = "mkdocs") -> ProcessPoolExecutor:
    """The builders of this engine, started by the process's first build and kept for its
    next ones: a program that builds again (the tests, a script over several projects) starts
    and imports MkDocs once per process instead of once per build, and the templates its
    processes compiled stay compiled (`briefings.compiled`). A pool whose process died is
    replaced."""
    pool = _KEPT.get(engine)
    if pool is not None:
        try:
            pool.submit(_ready).result()
            return pool
        except (BrokenProcessPool, RuntimeError):  # a worker died, or it was shut down
            forget_builders(engine)
    pool = _KEPT[engine] = start_builders(engine)
    return pool


def forget_builders(engine: str) -> None:
    """After a build that stopped half-way: its queued MkDocs builds are cancelled, the
    running ones finish before the caller goes on (and releases the project's lock: none may
    write into the next build's output), and the next build starts fresh processes."""
    pool = _KEPT.pop(engine, None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_builder(engine: str, indexing) -> None:
    use_engine(engine)  # before anything imports MkDocs (briefings.engine)
    search.one_at_a_time(indexing)  # the builders run Pagefind one at a time
    importlib.import_module("mkdocs.commands.build")
    importlib.import_module("briefings.mkdocs_hooks")  # and with it the pipeline's modules
    try:
        importlib.import_module("material.plugins.search.plugin")
    except ImportError:
        pass


def _ready() -> None:
    pass


def run_builds(jobs: list[BuildJob], *, strict: bool, epoch: int, workers: int = 2,
               progress=None, engine: str = "mkdocs", kept: BuildOutputs | None = None,
               pool: ProcessPoolExecutor | None = None) -> list[BuildResult]:
    """The landing builds first: MkDocs empties a build's folder before writing, and the
    language builds write into subfolders of the landing's. With `kept`, a build whose
    inputs are those of the last one is not run again: its output and messages are reused.
    `pool`: builders started earlier (`start_builders`, `kept_builders`), left running;
    without, builders are started for these builds and shut down after them."""
    results = []
    keys = {job.name: kept.key(job, strict=strict, epoch=epoch, engine=engine)
            for job in jobs} if kept else {}
    landing = [job for job in jobs if job.name.endswith("/landing")]
    sections = [job for job in jobs if job not in landing]
    own = pool is None
    pool = pool or start_builders(engine, workers)
    try:
        for batch in (landing, sections):
            futures = []
            for job in batch:
                reused = kept.restore(job, keys[job.name]) if kept else None
                if reused is not None:
                    results.append(BuildResult(job.name, reused, False, 0.0))
                    if progress:
                        progress(f"reused {job.name} (its pages and settings did not change)")
                    continue
                partial = kept.restore_unchanged(job, keys[job.name], _page_of) if kept \
                    else None
                changed, before = partial or ((), ())
                futures.append((job, before, pool.submit(
                    _build_one, str(job.config), strict, epoch, dirty=partial is not None,
                    environ=dict(os.environ))))
                if progress and partial:
                    progress(f"{job.name}: {len(changed)} files changed, only they are "
                             "built again")
            for job, before, future in futures:
                messages, failed, seconds = future.result()
                messages = [*before, *messages]
                results.append(BuildResult(job.name, tuple(messages), failed, seconds))
                if kept and not failed:
                    kept.keep(job, keys[job.name], messages)
                if progress:
                    progress(f"built {job.name}" + (" (FAILED)" if failed else ""))
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    return results


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelname, record.getMessage()))


def _page_of(message: str) -> str | None:
    """The Markdown file (in its build's docs) a message of MkDocs or the hook is about."""
    doc = _DOC_FILE.match(message)
    return doc.group(1) if doc else None


class _NotDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave other pages' navigation and links stale:
    ours renders again every page whose Markdown changed, when nothing else did
    (`BuildOutputs.restore_unchanged`), so no other page can be stale."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def _build_one(config_path: str, strict: bool, epoch: int, dirty: bool = False,
               environ: dict[str, str] | None = None
               ) -> tuple[list[tuple[str, str]], bool, float]:
    """Runs in a worker process: one MkDocs build, its warnings collected and handed back
    to the CLI, which prints them once for all builds (`build_messages`). `environ`: the
    caller's environment now, for the configuration's `!ENV` values (a kept builder was
    started by an earlier build). MkDocs reads the build's date from SOURCE_DATE_EPOCH: set
    in the worker only, for this build. `dirty`: only the pages whose HTML is missing or
    older than their Markdown are rendered, into the last build's output."""
    if environ is not None:
        os.environ.clear()
        os.environ.update(environ)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the CLI prints them, once for all builds
    quiet = _NotDirtyWarning()
    builder_log = logging.getLogger(build.__module__)
    builder_log.addFilter(quiet)
    try:
        build(load_config(config_file=config_path, strict=strict), dirty=dirty)
        failed = False
    except (MkDocsException, OSError, ValueError) as error:
        collector.messages.append(("ERROR", str(error)))
        failed = True
    finally:
        logger.removeHandler(collector)
        builder_log.removeFilter(quiet)
    return collector.messages, failed, time.perf_counter() - started


def write_manifest(site: Site, out_root: Path, *, offline: bool, title: str) -> None:
    """briefings.json, and the termbase as glossary.tbx and glossary.csv beside it."""
    data = manifest(site, directory_urls=not offline, offline=offline)
    (out_root / "briefings.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    (out_root / "glossary.tbx").write_bytes(termbase_tbx(site.termbase, title=title))
    (out_root / "glossary.csv").write_text(termbase_csv(site.termbase), encoding="utf-8")


def write_translation_memory(site: Site, out_root: Path) -> None:
    """`tmx/<story>.tmx` per aligned story, and `briefings.tmx` with all of them, written
    story by story (the site's whole memory is never held at once)."""
    with (out_root / "briefings.tmx").open("wb") as whole:
        whole.write(tmx_head("*all*").encode("utf-8"))
        for story_id, source, units in translation_memories(site):
            path = out_root / tmx_path(story_id)
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(tmx_document(source, units))
            whole.write(units.encode("utf-8"))
        whole.write(TMX_TAIL.encode("utf-8"))


def write_feeds(site: Site, out_root: Path, site_url: str, titles: dict[str, str],
                site_name: str) -> None:
    """`<lang>/feed.xml` for every language of the web site."""
    newest = site.newest_date or dt.date(1980, 1, 1)  # what Site.epoch falls back to
    for lang in site.languages:
        (out_root / feed_path(lang)).write_bytes(atom_feed(
            site, lang, site_url, title=titles[lang], author=site_name, fallback=newest))


def write_sitemap(site: Site, out_root: Path, site_url: str) -> None:
    """The whole site's sitemap, with language alternates, in place of the landing build's."""
    # A new file, not the landing build's rewritten: that one may be a hard link to the
    # output kept for the next build (store.BuildOutputs)
    (out_root / "sitemap.xml").unlink(missing_ok=True)
    (out_root / "sitemap.xml").write_bytes(sitemap_xml(site, site_url))
    (out_root / "sitemap.xml.gz").unlink(missing_ok=True)  # it would list the landing only


def redirect_pages(site: Site, *, directory_urls: bool) -> dict[str, str]:
    """A page at each address a story had before an editor renamed it, sending the reader
    to its address now: path in the build -> HTML."""
    pages = {}
    for story in site.stories:
        for old in story.formerly:
            for lang in story.versions:
                pairs = [(briefing_path(lang, old), briefing_path(lang, story.id))]
                if story.id in site.alignments:
                    pairs.append((parallel_path(lang, old), parallel_path(lang, story.id)))
                for before, now in pairs:
                    source = url_for(before, directory_urls=directory_urls)
                    target = relative_url(url_for(now, directory_urls=directory_urls), source)
                    path = source + "index.html" if source.endswith("/") else source
                    pages[path] = _redirect_html(target, lang)
    return pages


def _redirect_html(target: str, lang: str) -> str:
    href = escape(target, quote=True)
    return (f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{href}</title>\n<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{href}">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n</head>\n'
            f'<body><p><a href="{href}">{href}</a></p></body>\n</html>\n')


def write_redirects(site: Site, out_root: Path, *, directory_urls: bool) -> None:
    for path, html in sorted(redirect_pages(site, directory_urls=directory_urls).items()):
        target = out_root / path
        if target.exists():  # a page generated there now wins over an old address
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


ZIP_LEVEL = 3


def zip_folder(folder: Path, archive: Path, *, top: str, epoch: int) -> None:
    """A reproducible zip: sorted entries, fixed times (the build's epoch) and permissions.
    Compression level 3: 2.4 times faster than zlib's default, for a bundle 10% larger
    (measured on 3,300 pages of the 1,000-story bench archive)."""
    date_time = time.gmtime(max(epoch, ZIP_EPOCH))[:6]
    archive.parent.mkdir(parents=True, exist_ok=True)
    temporary = archive.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=ZIP_LEVEL)
    os.replace(temporary, archive)

