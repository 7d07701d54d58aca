"""The orchestrator: seeds, termbase and templates in, a `Site` of Markdown pages out.

The CLI (`build.py`), the MkDocs hook (`mkdocs serve`) and the tests all call `generate`.
It reads like a table of contents; each stage lives in its own module.
"""

from __future__ import annotations

from collections import Counter

from . import read
from .analyse import Analysis, Memo, analyse_all
from .group import group_stories
from .candidates import find_candidates
from .clock import Clock
from .model import Page, Problem, Site, Story
from .project import Project
from .render import (alternative_path, glossary_uses, load_templates, render_briefing, render_glossary,
                     render_home, render_landing, render_assets)
from .termbase import load_termbase


class Cache:
    """What a long-running process (the live preview) keeps between two runs: the analysis of
    each unchanged seed and the page of each unchanged briefing."""

    def __init__(self) -> None:
        self.analyses = Memo()
        self.pages: dict[tuple, Page] = {}


def generate(project: Project, clock: Clock | None = None, *, workers: int | None = None,
             cache: Cache | None = None) -> Site:
    clock = clock or Clock()
    termbase, termbase_problems = load_termbase(project.termbase, root=project.root)
    paths = read.find_seeds(project.seeds)                        # every seeds/*.txt, sorted
    with clock.stage("analyse seeds (wall)"):                     # read, detect, clean, match
        analyses, seconds = analyse_all(paths, root=project.root, termbase=termbase,
                                        workers=workers, memo=cache and cache.analyses)
    for stage, spent in seconds.items():
        clock.add(stage, spent)
    kept, duplicates = drop_duplicates(analyses)                  # the same article twice
    problems = [p for a in analyses for p in a.problems]
    briefings = [a.briefing for a in kept if a.briefing]
    with clock.stage("group"):
        stories = group_stories(briefings, {a.name: a.evidence for a in kept if a.evidence})
        problems += near_duplicates(stories)                      # reported with both names
    with clock.stage("candidates"):                               # quoted, not in termbase
        candidates = find_candidates(stories, {a.name: a.phrases for a in kept if a.briefing})
    occurrences = {a.name: a.occurrences for a in kept if a.briefing}
    digests = {a.name: a.raw.digest for a in kept if a.briefing and a.raw}
    with clock.stage("render"):
        languages = order_languages(stories, project)             # sections, in order
        pages = render_pages(project, stories, languages, termbase, occurrences,
                             cache=cache, digests=digests)
    return Site(languages=tuple(languages),
                default_language=languages[0] if languages else "en",
                stories=tuple(stories), termbase=termbase, pages=pages,
                problems=tuple(problems + duplicates + termbase_problems),
                seeds_read=len(paths), candidates=tuple(candidates))


def render_pages(project: Project, stories: list[Story], languages: list[str],
                 termbase, occurrences, *, cache: Cache | None = None,
                 digests: dict[str, str] | None = None) -> tuple[Page, ...]:
    templates = load_templates(project.templates)
    pages = [render_landing(project.site_name, languages, count_by_language(stories),
                            languages[0] if languages else "en", templates)]
    pages += render_assets(languages, templates)
    uses = glossary_uses(stories, occurrences)                    # for the term pages
    # A briefing's page depends on its seed, its story's id and languages, the termbase and
    # the templates only: with a cache, an unchanged one is not rendered again.
    inputs = (templates.fingerprint, repr(termbase))
    kept: dict[tuple, Page] = {}

    def briefing_page(story: Story, briefing, path: str | None = None) -> Page:
        key = (inputs, story.id, story.original, story.languages,
               (digests or {}).get(briefing.seed), briefing.seed, path)
        page = cache.pages.get(key) if cache and key[4] else None
        if page is None:
            page = render_briefing(story, briefing, occurrences, termbase, templates, path=path)
        kept[key] = page
        return page

    for lang in languages:                                        # one section per language
        in_lang = [s for s in stories if lang in s.versions]
        pages.append(render_home(lang, in_lang, languages, templates))
        pages += [briefing_page(s, s.versions[lang]) for s in in_lang]
        pages += [briefing_page(s, alt, alternative_path(lang, s.id, s.alternatives.index(alt)))
                  for s in in_lang for alt in s.alternatives if alt.lang == lang]
        pages += render_glossary(lang, termbase, languages, uses, templates)
    if cache is not None:
        cache.pages = kept  # the pages of deleted or changed seeds are forgotten
    return tuple(sorted(pages, key=lambda p: p.path))


def drop_duplicates(analyses: list[Analysis]) -> tuple[list[Analysis], list[Problem]]:
    """Keep the first of seeds with the same text; name both files for the others."""
    first: dict[str, Analysis] = {}
    kept, problems = [], []
    for analysis in analyses:
        digest = analysis.raw.digest if analysis.raw else None
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
