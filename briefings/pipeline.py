"""The orchestrator: seeds, termbase and templates in, a `Site` of Markdown pages out.

The CLI (`build.py`), the MkDocs hook (`mkdocs serve`) and the tests all call `generate`.
It reads like a table of contents; each stage lives in its own module.
"""

from __future__ import annotations

from collections import Counter

from . import read
from .clean import clean
from .describe import describe
from .detect import detect_language
from .group import group_stories
from .candidates import find_candidates
from .match import Matcher, build_matcher
from .model import Briefing, Problem, RawSeed, Site, Story
from .project import Project
from .render import (alternative_path, glossary_uses, load_templates, render_briefing, render_glossary,
                     render_home, render_landing, render_assets)
from .termbase import load_termbase


def generate(project: Project) -> Site:
    paths = read.find_seeds(project.seeds)                        # every seeds/*.txt, sorted
    raw, problems = read.read_seeds(paths, root=project.root)     # decode, split front matter
    raw, duplicates = drop_duplicates(raw)                        # the same article twice
    briefings, rejected = prepare(raw)                            # detect, clean, describe
    stories = group_stories(briefings)                            # translations -> stories
    problems += near_duplicates(stories)                          # reported with both names
    termbase, termbase_problems = load_termbase(project.termbase, root=project.root)
    matchers = {lang: build_matcher(termbase, lang)               # one pattern per language
                for lang in sorted({b.lang for b in briefings})}
    occurrences = find_terms(stories, matchers)                   # glossary terms in the text
    candidates = find_candidates(stories, matchers)               # quoted, not yet in termbase
    languages = order_languages(stories, project)                 # sections, in order
    templates = load_templates(project.templates)
    pages = [render_landing(project.site_name, languages, count_by_language(stories),
                            languages[0] if languages else "en", templates)]
    pages += render_assets(languages, templates)
    uses = glossary_uses(stories, occurrences)                    # for the term pages
    for lang in languages:                                        # one section per language
        in_lang = [s for s in stories if lang in s.versions]
        pages.append(render_home(lang, in_lang, languages, templates))
        pages += [render_briefing(s, s.versions[lang], occurrences, termbase, templates)
                  for s in in_lang]
        pages += [render_briefing(s, alt, occurrences, termbase, templates,
                                  path=alternative_path(lang, s.id, s.alternatives.index(alt)))
                  for s in in_lang for alt in s.alternatives if alt.lang == lang]
        pages += render_glossary(lang, termbase, languages, uses, templates)
    return Site(languages=tuple(languages),
                default_language=languages[0] if languages else "en",
                stories=tuple(stories), termbase=termbase,
                pages=tuple(sorted(pages, key=lambda p: p.path)),
                problems=tuple(problems + duplicates + rejected + termbase_problems),
                seeds_read=len(paths), candidates=tuple(candidates))


def drop_duplicates(seeds: list[RawSeed]) -> tuple[list[RawSeed], list[Problem]]:
    """Keep the first of seeds with the same text; name both files for the others."""
    first: dict[str, RawSeed] = {}
    kept, problems = [], []
    for seed in seeds:
        if seed.digest in first:
            problems.append(Problem(seed.path, f"same text as {first[seed.digest].path}; "
                                               "delete one of the two files"))
        else:
            first[seed.digest] = seed
            kept.append(seed)
    return kept, problems


def near_duplicates(stories: list[Story]) -> list[Problem]:
    """A second version in a language the story has is kept with its own page, and named."""
    return [Problem(alt.seed, f"nearly the same article as {story.versions[alt.lang].seed} "
                              f"({alt.lang}); kept as another version of story '{story.id}' - "
                              "delete one of the two files if it is a copy", fatal=False)
            for story in stories for alt in story.alternatives]


def prepare(seeds: list[RawSeed]) -> tuple[list[Briefing], list[Problem]]:
    briefings, problems = [], []
    for seed in seeds:
        detected = detect_language(seed)
        if isinstance(detected, Problem):
            problems.append(detected)
            continue
        lang, evidence = detected
        article = clean(seed, lang)
        if not article.paragraphs:
            problems.append(Problem(seed.path, "no article text left after removing the "
                                               "source, counters and captions"))
            continue
        briefings.append(describe(article, lang, evidence))
    return briefings, problems


def find_terms(stories: list[Story], matchers: dict[str, Matcher]) -> dict[str, tuple]:
    found = {}
    for story in stories:
        for briefing in (*story.versions.values(), *story.alternatives):
            matcher = matchers[briefing.lang]
            found[briefing.seed] = tuple(
                tuple(matcher.find(block.text)) if block.kind.value != "heading" else ()
                for block in briefing.article.blocks)
    return found


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
