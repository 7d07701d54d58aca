"""`python build.py`: seeds to Markdown to web site and offline bundle, with a summary."""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .address import book_text
from .candidates import candidate_rows, candidates_csv
from .clock import Clock
from .engine import ENGINES
from .model import Site
from .pipeline import generate
from .project import load_project
from .status import status_text, suggestion_lines
from .store import BuildOutputs, build_lock, code_version, project_stores
from .publish import (BuildMessage, build_messages, forget_builders, kept_builders,
                      plan_builds, run_builds, write_feeds, write_manifest, write_redirects,
                      write_sitemap, write_translation_memory, zip_folder)
from . import search
from .offline import PageMap, Rewritten, write_offline
from .settings import feed_titles
from .render import load_templates
from .read import find_seeds
from .write import WriteReport, staged_writer, swap_into_place

DESCRIPTION = """Build the briefing site from the articles in seeds/.

Regenerates the Markdown in site_src/ from seeds/, glossary/termbase.yml and templates/,
renders the web site into site/ and the offline bundle into dist/<name>-offline.zip.
A rejected seed is reported and the others are built; --strict turns any rejected seed or
warning into a failure that leaves the last good site/ in place."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown-only", action="store_true",
                        help="stop after writing the Markdown into site_src/")
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero on any rejected seed or warning; keep the last good "
                             "site/ and zip untouched")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: the current folder)")
    parser.add_argument("--site-url", default=None,
                        help="address the site is published at (default: site_url in "
                             "mkdocs.yml or the SITE_URL environment variable)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs",
                        help="build with MkDocs (default) or ProperDocs, its maintained "
                             "drop-in fork (make properdocs)")
    parser.add_argument("--report", action="store_true",
                        help="print the editors' status (stories x languages, rejected seeds, "
                             "warnings, unused glossary concepts, candidate terms) and stop; "
                             "nothing is written")
    parser.add_argument("--no-cache", action="store_true",
                        help="analyse every seed and run every MkDocs build again instead of "
                             "taking what did not change from .build/cache")
    parser.add_argument("--timings", action="store_true",
                        help="print the time each stage took after the summary")
    parser.add_argument("--timings-json", type=Path, metavar="FILE",
                        help="write the time per stage and the counts of pages written to FILE "
                             "(used by the benchmark)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"[{time.monotonic() - started:5.1f}s] {message}", file=sys.stderr, flush=True)

    if args.engine == "properdocs" and importlib.util.find_spec("properdocs") is None:
        print("ProperDocs is not installed: `make properdocs` installs it and builds the site "
              "with it (or: pip install properdocs).", file=sys.stderr)
        return 2
    project = load_project(args.root, site_url=args.site_url)
    if args.report:  # reads everything, writes nothing: no cache, no lock
        print(status_text(generate(project).status))
        return 0
    with build_lock(project.work, progress):
        return build(project, args, progress, started)


def build(project, args: argparse.Namespace, progress, started: float) -> int:
    """Seeds to Markdown to the site and the bundle; the exit code. The MkDocs builders start
    first, so that they are ready when the Markdown is, and stay for the process's next
    build (`kept_builders`)."""
    builders = None if args.markdown_only else kept_builders(args.engine)
    try:
        return _build(project, args, progress, started, builders)
    except BaseException:
        if builders is not None:  # no MkDocs build of this one may run on into the next
            forget_builders(args.engine)
        raise


def _build(project, args: argparse.Namespace, progress, started: float, builders) -> int:
    progress("reading seeds and generating Markdown")
    clock = Clock()
    staged = project.work / "site_src"
    apart = len(find_seeds(project.seeds)) >= APART_FROM
    made = write_markdown_apart(project, staged, cache=not args.no_cache) if apart \
        else write_markdown(project, staged, cache=not args.no_cache)
    site, report = made.site, made.report
    for stage, seconds in made.seconds.items():
        clock.add(stage, seconds)
    for note in made.notes:
        progress(note)
    progress(f"site_src/: {len(report.written)} written, {len(report.removed)} removed, "
             f"{report.unchanged} unchanged")
    failures: list[str] = []
    messages: list[BuildMessage] = []
    if args.strict and site.problems and not args.markdown_only:  # MkDocs would change nothing
        failures = ["--strict: seeds were rejected or warned about (see above); site/ left as "
                    "it was"]
    elif not args.markdown_only:
        failures, messages = build_outputs(project, site, made.pages, docs=staged,
                                           strict=args.strict,
                                           cache=not args.no_cache, progress=progress,
                                           clock=clock, engine=args.engine, builders=builders)
    if not failures:  # a failed build leaves the last good site_src/ as well
        swap_into_place(staged, project.site_src)
        keep_book(project, site)
    print(summary(site, failures, time.monotonic() - started, messages,
                  pages=len(made.pages)))
    if args.timings:
        print("Time per stage (MkDocs builds run two at a time):\n" + clock.table())
    if args.timings_json:
        args.timings_json.write_text(json.dumps({
            "stages": clock.seconds, "pages": len(made.pages), "seeds": site.seeds_read,
            "stories": len(site.stories), "written": len(report.written),
            "removed": len(report.removed), "unchanged": report.unchanged,
            "failed": bool(failures)}, indent=2) + "\n", encoding="utf-8")
    warned = any(not p.fatal for p in site.problems)
    rejected = any(p.fatal for p in site.problems)
    if failures:
        return 1
    if args.strict and (warned or rejected):
        return 2
    return 0


# From this many seeds the Markdown is generated in a process of its own, which leaves the
# site without its pages' text for this one and ends: the analyses' memory goes with it
# instead of staying, scattered between what lives on, through the MkDocs builds and
# Pagefind (at 1,000 stories x 4 the build's process held 970 MB while waiting for them,
# 200 MB with this). Below, the second process costs more than it saves (at 400 seeds the
# peak was 540 MB against 450 MB).
APART_FROM = 1000


@dataclass(frozen=True)
class Markdown:
    """What generating and writing the Markdown hands to the rest of the build."""

    site: Site  # without its pages: they are written, and their text need not wait in memory
    pages: tuple[str, ...]  # each page's path in site_src/
    report: WriteReport
    seconds: dict[str, float]  # per stage
    notes: tuple[str, ...]  # for the progress lines


def write_markdown(project, staged: Path, *, cache: bool) -> Markdown:
    """Seeds to the Markdown tree in `staged` (swapped into site_src/ after the builds)."""
    clock = Clock()
    store = aligned = None
    if cache:
        store, aligned = project_stores(project.work)
    writer = staged_writer(project.site_src, staged)  # each page as soon as it is made
    site = generate(project, clock, store=store, aligned=aligned, sink=writer.add)
    notes = []
    if store is not None and aligned is not None:
        store.prune()
        aligned.prune()
        notes.append(f"analyses: {store.hits} from the cache, {store.misses} made; "
                     f"alignments: {aligned.hits} from the cache, {aligned.misses} made")
    report = writer.finish()
    clock.add("render", -writer.seconds)  # the pages were written while they were rendered
    clock.add("write", writer.seconds)
    paths = tuple(str(path) for path in sorted(writer.paths, key=lambda p: p.parts))
    return Markdown(site, paths, report, clock.seconds, tuple(notes))


def write_markdown_apart(project, staged: Path, *, cache: bool) -> Markdown:
    """`write_markdown` in a process started for it (spawned: a fork would start with the
    kept builders' threads). It leaves what it made in a file and ends before this process
    reads it, so that the two are never in memory at once."""
    handed = project.work / "markdown.pickle"
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            pool.submit(_write_markdown_into, handed, project, staged, cache).result()
        with handed.open("rb") as file:  # written by this build, a moment ago
            return pickle.load(file)
    finally:
        handed.unlink(missing_ok=True)


def _write_markdown_into(handed: Path, project, staged: Path, cache: bool) -> None:
    made = write_markdown(project, staged, cache=cache)
    with handed.open("wb") as file:
        pickle.dump(made, file, protocol=pickle.HIGHEST_PROTOCOL)


def build_outputs(project, site: Site, page_paths: tuple[str, ...], *, docs: Path,
                  strict: bool, progress, clock: Clock, engine: str = "mkdocs",
                  cache: bool = True, builders=None) -> tuple[list[str], list[BuildMessage]]:
    """Web site and offline bundle, built aside and swapped in only when all succeeded
    (`page_paths`: every generated page's path in site_src/). Returns why it failed
    (nothing when it did not) and what MkDocs and the hook logged."""
    work = project.work
    shutil.rmtree(work / "out", ignore_errors=True)
    web, offline = work / "out" / "web", work / "out" / "offline"
    jobs = plan_builds(project, site, docs_root=docs, out_root=web,
                       configs=work / "configs")
    progress(f"{len(jobs)} {engine} builds (one per language, and the landing page)")
    kept = BuildOutputs(work / "cache" / "mkdocs",
                        project_config=project.config_file) if cache else None
    with clock.stage("mkdocs (wall)"):
        try:
            results = run_builds(jobs, strict=strict, epoch=site.epoch, progress=progress,
                                 engine=engine, kept=kept, pool=builders)
        except BrokenProcessPool:  # a kept builder died since the last build: once more
            if builders is None:
                raise
            forget_builders(engine)
            results = run_builds(jobs, strict=strict, epoch=site.epoch, progress=progress,
                                 engine=engine, kept=kept, pool=kept_builders(engine))
    for result in results:
        clock.add(f"mkdocs {result.name}", result.seconds)
    messages = build_messages(results, docs=project.site_src.name)
    failed = [r.name for r in results if r.failed]
    if failed:
        return [f"{', '.join(failed)}: MkDocs stopped (see its messages above); site/ left "
                "as it was"], messages
    if strict and messages:
        return ["--strict: MkDocs or the hook warned; site/ left as it was"], messages
    with clock.stage("offline bundle"):  # the web pages, rewritten for reading from disk
        pages = PageMap.of(page_paths)
        rewritten = Rewritten(work / "cache" / "offline", pages, code_version()) \
            if cache else None
        write_offline(web, offline, pages, workers=2, kept=rewritten)
        if rewritten is not None:
            progress(f"offline bundle: {rewritten.rewritten} pages rewritten, "
                     f"{rewritten.reused} as the last build rewrote them")
        try:  # each search index: the web's, naming the bundle's .html pages
            for section in ("", *site.languages):
                if not search.derive_index(web / section, offline / section,
                                           functools.partial(pages.search_address, section)):
                    search.index_site(offline / section, offline=True,
                                      glob=None if section else "*.html",
                                      part_pages=project.search_pages_per_part)
        except search.SearchIndexError as error:
            return [f"the offline bundle's search index: {error}; site/ left as it was"], \
                messages
    title = f"{project.site_name}: glossary"
    with clock.stage("manifest"):
        write_manifest(site, web, offline=False, title=title)
        write_manifest(site, offline, offline=True, title=title)
    write_redirects(site, web, directory_urls=True)  # the old addresses of renamed stories
    write_redirects(site, offline, directory_urls=False)
    with clock.stage("translation memory"):  # for translators: on the web site only
        write_translation_memory(site, web)
        if project.site_url:
            write_sitemap(site, web, project.site_url)
            titles = feed_titles(load_templates(project.templates), site.languages,
                                 project.site_name)
            write_feeds(site, web, project.site_url, titles, project.site_name)
    name = f"{project.bundle_name}-offline"
    with clock.stage("zip"):
        zip_folder(offline, work / "out" / f"{name}.zip", top=name, epoch=site.epoch)
    swap_into_place(web, project.site)
    project.dist.mkdir(exist_ok=True)
    os.replace(work / "out" / f"{name}.zip", project.dist / f"{name}.zip")
    (project.dist / "candidate-terms.csv").write_text(
        candidates_csv(list(site.candidates), list(site.languages)), encoding="utf-8")
    progress(f"site/ and dist/{name}.zip updated")
    return [], messages


def keep_book(project, site: Site) -> None:
    """The story addresses, for the editors to commit; rewritten only when they changed."""
    text = book_text(site.book)
    path = project.book
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


SHOWN = 20  # stories and seeds listed by name in the summary; problems are always all listed


def summary(site: Site, failures: list[str], seconds: float,
            messages: list[BuildMessage] = (), *, pages: int | None = None) -> str:
    """`pages`: how many were written, for a site handed on without them (`Markdown`)."""
    count = len(site.pages) if pages is None else pages
    lines = [f"Seeds read: {site.seeds_read}   stories: {len(site.stories)}   "
             f"languages: {', '.join(site.languages) or 'none'}   "
             f"pages: {count}   ({seconds:.1f}s)"]
    # Every story and why its versions were grouped, when an editor can read them all; an
    # archive's grouping is in site/briefings.json, and only the stories built from seeds
    # changed since the last build would be news (not tracked yet).
    for story in site.stories[:SHOWN]:
        versions = ", ".join(f"{lang}{'*' if lang == story.original else ''}={b.seed}"
                             for lang, b in sorted(story.versions.items()))
        lines.append(f"  story {story.id}: {versions}")
        lines.append(f"    why: {story.reason}")
        for alt in story.alternatives:
            lines.append(f"    also: {alt.lang}={alt.seed} (another version in that language)")
    if len(site.stories) > SHOWN:
        lines.append(f"  ... and {len(site.stories) - SHOWN} older stories "
                     "(all with their versions in site/briefings.json)")
    furniture = {b.seed: b.article.removed for s in site.stories
                 for b in (*s.versions.values(), *s.alternatives) if b.article.removed}
    if furniture:  # shown so that an editor sees what did not become a paragraph
        count = sum(len(removed) for removed in furniture.values())
        lines.append(f"Taken as page furniture, not shown as paragraphs ({count}):")
        for seed, removed in list(furniture.items())[:SHOWN]:
            lines.append(f"  {seed}: {' · '.join(line[:40] for line in removed)}")
        if len(furniture) > SHOWN:
            lines.append(f"  ... and in {len(furniture) - SHOWN} more seeds")
    rejected = [p for p in site.problems if p.fatal]
    warnings = [p for p in site.problems if not p.fatal]
    if rejected:
        lines.append(f"Rejected ({len(rejected)}):")
        lines += [f"  {p}" for p in rejected]
    if warnings:
        lines.append(f"Warnings ({len(warnings)}):")
        lines += [f"  {p}" for p in warnings]
    if site.suggestions:  # the editor's decision, a line in a seed's front matter
        lines.append(f"Possible translations ({len(site.suggestions)}, not linked; all on the "
                     "status page and in --report):")
        for suggestion in site.suggestions[:SHOWN]:
            pair, evidence, todo = suggestion_lines(suggestion)
            lines += [f"  {pair}: {evidence}", f"    {todo}"]
    if site.candidates:
        rows = candidate_rows(list(site.candidates))
        lines.append(f"Candidate terms ({len(rows)}, all in dist/candidate-terms.csv): quoted "
                     "in the articles, not in the glossary")
        for row in rows[:8]:
            lines.append("  " + " | ".join(f"{lang}: {phrase}" for lang, phrase in row.phrases))
    lines += build_message_lines(messages)
    if failures:
        lines.append("Build failed:")
        lines += [f"  {f}" for f in failures]
    return "\n".join(lines)


def build_message_lines(messages: list[BuildMessage]) -> list[str]:
    """What MkDocs and the hook logged, once, under the page each message is about."""
    if not messages:
        return []
    pages = {m.page for m in messages}
    lines = [f"Warnings from MkDocs and the hook ({len(messages)}, on "
             f"{len(pages - {''})} pages):"]
    for page in sorted(pages, key=lambda page: (not page, page)):  # the site's own last
        lines.append(f"  {page or 'the site'}:")
        lines += [f"    {'ERROR: ' if m.level == 'ERROR' else ''}{m.text}"
                  for m in messages if m.page == page]
    return lines
