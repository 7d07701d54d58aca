"""The orchestrator: seeds, termbase and templates in, a `Site` of Markdown pages out.

The CLI (`build.py`), the MkDocs hook (`mkdocs serve`) and the tests all call `generate`.
It reads like a table of contents; each stage lives in its own module.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from . import read
from .address import Book, assign_addresses, load_book
from .align import Found, align_one, align_stories
from .analyse import Analysis, Inputs, Memo, analyse_all
from .furniture import load_furniture
from .evidence import Evidence
from .group import Grouping, group_seeds
from .candidates import find_candidates
from .clock import Clock
from .compare import KeptComparisons
from .model import Briefing, Page, Problem, Site, Story, StoryAlignment
from .parallel import render_parallel_data, render_parallel_page
from .homes import Months, render_homes
from .project import Project
from .render import (Templates, Uses, glossary_uses, load_templates, render_assets,
                     render_briefing, render_glossary, render_landing)
from .status import Status, render_status, site_status
from .store import AnalysisStore
from .termbase import load_termbase
from .titles import TitleNote, titles_of, with_titles
from .urls import alternative_path, parallel_path


class Cache:
    """What a long-running process (the live preview) keeps between two runs: the analysis of
    each unchanged seed and the page of each unchanged briefing."""

    def __init__(self) -> None:
        self.analyses = Memo()
        self.pages: dict[tuple, Page] = {}
        self.alignments: dict[tuple, tuple] = {}  # (alignment, titles, title notes)
        self.comparisons = KeptComparisons()  # each pair of seeds the grouping compared
        self.files: dict[str, tuple[bytes | None, object]] = {}  # see `read_once`
        self.uses: dict[int, tuple] = {}  # each unchanged seed's glossary uses, tallied


def read_once(cache: Cache | None, path: Path, read):
    """`read(path)`; with the preview's cache, again only when the file's bytes changed (the
    book of a large archive takes a tenth of a second to parse)."""
    if cache is None:
        return read(path)
    data = path.read_bytes() if path.is_file() else None
    known = cache.files.get(str(path))
    if known is None or known[0] != data:
        known = cache.files[str(path)] = (data, read(path))
    return known[1]


def generate(project: Project, clock: Clock | None = None, *, workers: int | None = None,
             cache: Cache | None = None, store: AnalysisStore | None = None,
             aligned: AnalysisStore | None = None,
             sink: Callable[[Page], None] | None = None) -> Site:
    """`cache`: what the preview keeps in memory; `store` and `aligned`: the analyses and
    the stories' alignments a build keeps on disk for the next (`store.py`). `sink`: where
    each page goes as soon as it is rendered, in place of the `Site`'s pages (a build writes
    it to disk, and 10,000 stories' pages never wait in memory together)."""
    clock = clock or Clock()
    termbase, termbase_problems = read_once(
        cache, project.termbase, lambda path: load_termbase(path, root=project.root))
    book, book_problems = read_once(cache, project.book, load_book)  # the stories' addresses
    paths = read.find_seeds(project.seeds)                        # every seeds/*.txt, sorted
    with clock.stage("analyse seeds (wall)"):                     # read, detect, clean, match
        inputs = Inputs(termbase, load_furniture(project.templates))
        analyses, seconds = analyse_all(paths, root=project.root, inputs=inputs,
                                        workers=workers, memo=cache and cache.analyses,
                                        store=store)
    for stage, spent in seconds.items():
        clock.add(stage, spent)
    kept, duplicates = drop_duplicates(analyses)                  # the same article twice
    problems = [p for a in analyses for p in a.problems]
    briefings = [a.briefing for a in kept if a.briefing]
    digests = {a.name: a.digest for a in kept if a.briefing and a.digest}
    with clock.stage("group"):                                    # translations, addresses
        stories, grouping, book = group_stories(
            briefings, {a.name: a.evidence for a in kept if a.evidence}, book, digests,
            cache.comparisons if cache else None)
        problems += near_duplicates(stories) + list(grouping.problems)  # with both names
    with clock.stage("candidates"):                               # quoted, not in termbase
        candidates = find_candidates(stories, {a.name: a.phrases for a in kept if a.briefing})
    occurrences = {a.name: a.occurrences for a in kept if a.briefing}
    found = {a.name: Found(a.occurrences, a.block_facts) for a in kept if a.briefing}
    del analyses, kept  # their raw text and evidence: what is needed from them is taken
    with clock.stage("align"):                                    # paragraphs across versions
        # and titles not taken from a paragraph that only continues the story
        stories, alignments, title_notes = align_all(stories, found, digests, inputs.key,
                                                     cache, aligned)
    problems += duplicates + termbase_problems + book_problems
    templates = load_templates(project.templates)
    problems += templates.problems                                # words strings.yml lacks
    with clock.stage("render"):
        languages = order_languages(stories, project)             # sections, in order
        uses = glossary_uses(stories, occurrences, cache)         # for the term pages
        status = site_status(stories, languages, alignments, problems, termbase, uses.count,
                             candidates, grouping.suggestions, title_notes)  # for editors
        each = render_pages(project, stories, languages, termbase, occurrences, alignments,
                            uses, status, templates, cache=cache, digests=digests)
        if sink is None:
            pages = tuple(sorted(each, key=lambda p: p.path.parts))  # a path's order
        else:
            pages = ()
            for page in each:
                sink(page)
    return Site(languages=tuple(languages),
                default_language=languages[0] if languages else "en",
                stories=tuple(stories), termbase=termbase, pages=pages,
                problems=tuple(problems), seeds_read=len(paths),
                candidates=tuple(candidates), alignments=alignments, status=status,
                suggestions=grouping.suggestions, book=book, title_notes=tuple(title_notes))


def group_stories(briefings: list[Briefing], found: dict[str, Evidence] | None = None,
                  book: Book | None = None, digests: dict[str, str] | None = None,
                  kept: KeptComparisons | None = None) -> tuple[list[Story], Grouping, Book]:
    """The stories with their addresses, how they were grouped, and the addresses to keep."""
    grouping = group_seeds(briefings, found, kept)
    languages = {b.seed: b.lang for b in briefings}
    stories, book = assign_addresses(grouping.groups, book or Book(), digests or {},
                                     lambda link: link.describe(languages))
    return stories, grouping, book


def align_all(stories: list[Story], found: dict[str, Found], digests: dict[str, str],
              inputs_key: str, cache: Cache | None, store: AnalysisStore | None
              ) -> tuple[list[Story], dict[str, StoryAlignment], list[TitleNote]]:
    """Each story of two or more versions aligned and its continuing versions retitled. A
    story whose versions did not change is taken from the preview's memory or the build's
    store: its key is each version's seed and content, the termbase and furniture (what the
    analyses were made with) and, in the store, the code."""
    todo = [story for story in stories if len(story.versions) > 1]
    keys = {story.id: (inputs_key, story.original, versions_key(story, digests))
            for story in todo}
    done: dict[str, tuple] = {}
    for story in todo:
        key = keys[story.id]
        known = cache.alignments.get(key) if cache is not None else None
        if known is None and store is not None:
            known = store.get(store.key(*map(repr, key)))
        if known is not None:
            done[story.id] = known
    missing = [story for story in todo if story.id not in done]
    for story_id, result in align_stories(missing, found, one=align_and_title).items():
        done[story_id] = result
        if store is not None:
            store.put(store.key(*map(repr, keys[story_id])), result)
    if cache is not None:
        cache.alignments = {keys[story_id]: result for story_id, result in done.items()}
    notes: list[TitleNote] = []
    for story in todo:
        notes += done[story.id][2]
    return ([with_titles(story, done[story.id][1]) if story.id in done else story
             for story in stories],
            {story.id: done[story.id][0] for story in todo}, notes)


def align_and_title(story: Story, found: dict[str, Found]
                    ) -> tuple[StoryAlignment, dict[str, str], list[TitleNote]]:
    aligned = align_one(story, found)
    titles, notes = titles_of(story, aligned, found)
    return aligned, titles, notes


def versions_key(story: Story, digests: dict[str, str]) -> tuple:
    """What a story's versions are made of, for a cache key: each language's seed and its
    content."""
    return tuple((lang, b.seed, digests.get(b.seed)) for lang, b in sorted(
        story.versions.items()))


def render_pages(project: Project, stories: list[Story], languages: list[str],
                 termbase, occurrences, alignments: dict[str, StoryAlignment], uses: Uses,
                 status: Status, templates: Templates, *, cache: Cache | None = None,
                 digests: dict[str, str] | None = None) -> Iterator[Page]:
    """Every page of the site, one at a time, in no particular order."""
    default = languages[0] if languages else "en"
    yield render_landing(project.site_name, languages, count_by_language(stories), default,
                         templates)
    yield render_status(status, templates, "en")
    yield from render_assets(languages, templates)
    # A briefing's page depends on its seed, its story's id, languages and alignment, the
    # termbase and the templates only: with a cache, an unchanged one is not rendered again.
    inputs = (templates.fingerprint, repr(termbase))
    kept: dict[tuple, Page] = {}
    digests = digests or {}
    made_of = {s.id: versions_key(s, digests) for s in stories if s.id in alignments}

    def cached(key: tuple, render) -> Page:
        page = cache.pages.get(key) if cache else None
        if page is None:
            page = render()
        if cache is not None:
            kept[key] = page
        return page

    def briefing_page(story: Story, briefing, path: str | None = None) -> Page:
        aligned = alignments.get(story.id) if path is None else None
        coverage = aligned.coverage.get(briefing.lang) if aligned else None
        side_by_side = parallel_path(briefing.lang, story.id) if aligned else None
        key = ("briefing", inputs, story.id, story.original, story.languages, briefing.title,
               digests.get(briefing.seed), briefing.seed, path, coverage)
        return cached(key, lambda: render_briefing(
            story, briefing, occurrences, termbase, templates, path=path, coverage=coverage,
            side_by_side=side_by_side))

    for story in stories:                                         # side by side: the text
        if story.id in alignments:
            yield cached(("data", inputs, story.id, story.original, made_of[story.id]),
                         lambda: render_parallel_data(story, alignments[story.id]))
    months = Months(stories)
    for lang in languages:                                        # one section per language
        in_lang = [s for s in stories if lang in s.versions]
        yield from render_homes(lang, stories, languages, templates,  # and month archives
                                cached if cache else None, months)
        for s in in_lang:
            yield briefing_page(s, s.versions[lang])
        for s in in_lang:
            for alt in s.alternatives:
                if alt.lang == lang:
                    yield briefing_page(s, alt, alternative_path(lang, s.id,
                                                                 s.alternatives.index(alt)))
        for s in in_lang:
            if s.id in alignments:
                yield cached(("parallel", inputs, s.id, lang, s.original, made_of[s.id],
                              tuple(languages)),
                             lambda s=s: render_parallel_page(s, lang, languages, templates))
        yield from render_glossary(lang, termbase, languages, uses, templates)
    if cache is not None:
        cache.pages = kept  # the pages of deleted or changed seeds are forgotten


def drop_duplicates(analyses: list[Analysis]) -> tuple[list[Analysis], list[Problem]]:
    """Keep the first of seeds with the same text; name both files for the others."""
    first: dict[str, Analysis] = {}
    kept, problems = [], []
    for analysis in analyses:
        digest = analysis.digest
        if digest in first:
            problems.append(Problem(analysis.name, f"same text as {first[digest].name}; "
                                                   "delete one of the two files"))
        else:
            if digest:
                first[digest] = analysis
            kept.append(analysis)
    return kept, problems


def near_duplicates(stories: list[Story]) -> list[Problem]:
    """A second version in a language the story has is kept with its own page, and named."""
    return [Problem(alt.seed, f"nearly the same article as {story.versions[alt.lang].seed} "
                              f"({alt.lang}); kept as another version of story '{story.id}' - "
                              "delete one of the two files if it is a copy", fatal=False)
            for story in stories for alt in story.alternatives]


def count_by_language(stories: list[Story]) -> Counter:
    return Counter(lang for story in stories for lang in story.versions)


def order_languages(stories: list[Story], project: Project) -> list[str]:
    """Configured order first, then the others by how many briefings they have."""
    counts = count_by_language(stories)
    configured = [lang for lang in project.language_order if lang in counts]
    rest = sorted((lang for lang in counts if lang not in configured),
                  key=lambda lang: (-counts[lang], lang))
    ordered = configured + rest
    default = project.default_language
    if default in ordered:
        ordered.remove(default)
        ordered.insert(0, default)
    return ordered
