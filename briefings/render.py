"""Stage 7, render: stories and the termbase to Markdown pages, through the Jinja templates.

Python decides every value; the templates only lay them out. Jinja's `finalize` escapes any
value that is not already Markdown we built (`Markup`), so a seed's text can never become
syntax, and `StrictUndefined` turns a missing value into an error instead of an empty string.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

import jinja2
import yaml
from babel.dates import format_date
from babel.numbers import format_percent
from markupsafe import Markup

from . import mdtext
from .languages import collation_key, language_name, text_direction
from .model import Block, BlockKind, Briefing, Occurrence, Page, Problem, Story, Termbase
from .words import BUILTIN as BUILTIN_WORDS, load_words
from .urls import (ALTERNATE_SITEMAPS, LANDING, PARALLEL_SCRIPT, SEARCH_SCRIPT, STYLESHEET,
                   briefing_path, glossary_path, home_path, relative)

# A term page quotes the newest uses only: it must not grow with the archive (the count of all
# uses is given, and the site's search finds the others).
USES_SHOWN = 30
# What every build copies as it is: the asset's path in a build -> its file in templates/
ASSETS = {STYLESHEET: "briefings.css", SEARCH_SCRIPT: "search.js",
          ALTERNATE_SITEMAPS: "alternate-sitemaps.js", PARALLEL_SCRIPT: "parallel.js"}
Occurrences = Mapping[str, tuple[tuple[Occurrence, ...], ...]]  # seed -> per block


@dataclass(frozen=True)
class Templates:
    env: jinja2.Environment
    strings: Mapping[str, Mapping[str, str]]
    assets: Mapping[str, str]  # path in a build -> text (ASSETS)
    fingerprint: str  # sha256 of every file of the templates folder
    problems: tuple[Problem, ...] = ()  # words strings.yml lacks (briefings.words)

    def words(self, lang: str) -> dict[str, str]:
        return {**self.strings["en"], **self.strings.get(lang, {})}

    def render(self, name: str, **values: Any) -> str:
        text = self.env.get_template(name).render(**values)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def load_templates(folder: Path) -> Templates:
    """The templates folder, loaded once per content in a process: a live preview's rebuild
    reuses the compiled templates while no file of the folder changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    builtin = BUILTIN_WORDS.read_bytes() if BUILTIN_WORDS.is_file() else b""  # fills gaps
    key = (str(folder.resolve()), digest.hexdigest(), hashlib.sha256(builtin).hexdigest())
    known = _LOADED.get(key)
    if known is None:
        _LOADED.clear()  # the last folder's content only
        known = _LOADED[key] = _load_templates(folder, key[1])
    return known


_LOADED: dict[tuple[str, str, str], Templates] = {}


def _load_templates(folder: Path, fingerprint: str) -> Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True, finalize=_finalize,
                             auto_reload=False)  # the fingerprint says when to reload
    strings, problems = load_words(folder / "strings.yml", name=f"{folder.name}/strings.yml")
    assets = {path: (folder / name).read_text(encoding="utf-8") for path, name in ASSETS.items()}
    return Templates(env, strings, assets, fingerprint, problems)


def _finalize(value: Any) -> Any:
    return value if isinstance(value, Markup) else mdtext.escape(str(value))


def front_matter(values: dict[str, Any]) -> Markup:
    """YAML written by the YAML library: no seed text can add or break a key."""
    return Markup(yaml.dump(values, Dumper=_DUMPER, allow_unicode=True, sort_keys=True,
                            default_flow_style=False, width=10_000).strip())


# libyaml's emitter when PyYAML was built with it (its wheels are): the same YAML, 8x faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def render_briefing(story: Story, briefing: Briefing, occurrences: Occurrences,
                    termbase: Termbase, templates: Templates, *, path: str | None = None,
                    coverage: float | None = None, side_by_side: str | None = None) -> Page:
    """`coverage`: of the original's paragraphs, for a translation; `side_by_side`: the
    source path of the story's side-by-side page in this language."""
    lang = briefing.lang
    path = path or briefing_path(lang, story.id)
    words = templates.words(lang)
    targets = {c.id: f"site:{glossary_path(lang, c.id)}"
               for c in termbase.concepts if lang in c.terms}
    per_block = occurrences.get(briefing.seed, ())
    blocks = [_block(block, per_block[i] if i < len(per_block) else (), targets)
              for i, block in enumerate(briefing.article.blocks)
              if not (i == briefing.headline and block.text == briefing.title)]  # the h1
    meta = {"lang": lang, "story": story.id, "seed": briefing.seed,
            "title": mdtext.attribute(briefing.title), "description":
            mdtext.attribute(briefing.lead), "date": _iso(briefing.date),
            "source": mdtext.attribute(briefing.article.source) if briefing.article.source
            else None, "original": story.original == lang, "page_type": "briefing",
            "translations": {other: briefing_path(other, story.id)
                             for other in story.languages if other != lang}}
    if coverage is not None:
        meta["coverage"] = coverage
    text = templates.render("briefing.md.j2", front_matter=front_matter(meta),
                            title=briefing.title, strings=words, blocks=blocks,
                            meta_line=_meta_line(briefing, words),
                            translations=_translation_links(story, lang, words),
                            coverage=_coverage_line(coverage, lang, words),
                            side_by_side=mdtext.link(words["side_by_side"], f"site:{side_by_side}")
                            if side_by_side else "")
    return Page(PurePosixPath(path), text)


def _block(block: Block, found: tuple[Occurrence, ...], targets) -> dict[str, Any]:
    if block.kind is BlockKind.HEADING:
        return {"kind": block.kind.value, "text": mdtext.escape(block.text)}
    text = mdtext.linked_text(block.text, found, targets)
    if block.credit:
        text = Markup(f"{text} — {mdtext.escape(block.credit)}")
    return {"kind": block.kind.value, "text": text}


def _meta_line(briefing: Briefing, words: Mapping[str, str]) -> Markup:
    parts = [format_date(briefing.date, "long", locale=briefing.lang) if briefing.date
             else words["undated"]]
    if briefing.article.byline:
        parts.append(f"{words['by']} {briefing.article.byline}")
    if briefing.article.source:
        parts.append(f"{words['source']}: {briefing.article.source}")
    return Markup(" · ".join(mdtext.escape(p) for p in parts))


ABRIDGED = 0.9  # a translation with less of the original's paragraphs is called abridged


def _coverage_line(coverage: float | None, lang: str, words: Mapping[str, str]) -> str:
    if coverage is None:
        return ""
    percent = format_percent(coverage, locale=lang)
    return words["coverage_full" if coverage >= ABRIDGED else "coverage_abridged"].format(
        percent=percent)


def _translation_links(story: Story, lang: str, words: Mapping[str, str]) -> Markup:
    links = []
    for other in story.languages:
        if other == lang:
            continue
        label = language_name(other)
        suffix = f" ({words['original']})" if other == story.original else ""
        links.append(mdtext.link(label + suffix, f"site:{briefing_path(other, story.id)}")
                     + in_own_language(other))
    return Markup(" · ".join(links))


def in_own_language(lang: str) -> Markup:
    """Attributes for the link before it: a language's name ("العربية") or a version's
    title written in that language, with its direction."""
    return Markup(f'{{: lang="{lang}" dir="{text_direction(lang)}" }}')


def _iso(date) -> str | None:
    return date.isoformat() if date else None


def render_assets(languages: list[str], templates: Templates) -> list[Page]:
    """Each language is its own MkDocs build, so each needs its copy of our stylesheet and
    scripts (offline search, side-by-side reading)."""
    return [Page(PurePosixPath(folder) / path, text) for folder in ("", *languages)
            for path, text in sorted(templates.assets.items())]


def render_landing(site_name: str, languages: list[str], counts: Mapping[str, int],
                   default_language: str, templates: Templates) -> Page:
    items = [{"link": mdtext.link(language_name(lang), f"site:{home_path(lang)}")
              + in_own_language(lang),
              "count": f"{counts[lang]} {templates.words(lang)['briefing_count']}"}
             for lang in languages]
    meta = {"lang": default_language, "title": mdtext.attribute(site_name),
            "page_type": "landing", "translations": {}}
    return Page(PurePosixPath(LANDING),
                templates.render("landing.md.j2", front_matter=front_matter(meta),
                                 site_name=site_name, languages=items))


@dataclass(frozen=True)
class Uses:
    """Where each concept is used: (lang, concept) -> first use per story, and a count."""

    first: Mapping[tuple[str, str], list[tuple[Story, str, Occurrence]]]  # story, text, use
    count: Mapping[tuple[str, str], int]


def glossary_uses(stories: list[Story], occurrences: Occurrences, cache=None) -> Uses:
    """Where each term is used, per language. `cache` (the preview's `Cache`): each seed's
    tally is kept while its article and occurrences are the same objects."""
    first: dict[tuple[str, str], list[tuple[Story, str, Occurrence]]] = defaultdict(list)
    count: dict[tuple[str, str], int] = defaultdict(int)
    kept = cache.uses if cache is not None else {}
    tallies: dict[int, tuple] = {}
    for story in stories:
        for lang, briefing in story.versions.items():
            found = occurrences.get(briefing.seed, ())
            tally = kept.get(id(found))
            if tally is None or tally[0] is not found or tally[1] is not briefing.article:
                tally = (found, briefing.article, *_tally(briefing.article.blocks, found))
            tallies[id(found)] = tally
            for concept, n in tally[2]:
                count[(lang, concept)] += n
            for concept, text, occ in tally[3]:
                first[(lang, concept)].append((story, text, occ))
    if cache is not None:
        cache.uses = tallies  # a deleted or changed seed's tally is forgotten
    return Uses(first, count)


def _tally(blocks, found) -> tuple[tuple, tuple]:
    """How often an article uses each term, and the block of its first use of each."""
    count: dict[str, int] = {}
    first: list[tuple[str, str, Occurrence]] = []
    for block, occurrences in zip(blocks, found):
        for occ in occurrences:
            if occ.concept not in count:
                count[occ.concept] = 0
                first.append((occ.concept, block.text, occ))
            count[occ.concept] += 1
    return tuple(count.items()), tuple(first)


def _context(text: str, occ: Occurrence, width: int = 90) -> str:
    start = max(0, occ.start - width)
    end = min(len(text), occ.end + width)
    left = text[start:occ.start].split(" ", 1)[-1] if start else text[:occ.start]
    right = text[occ.end:end].rsplit(" ", 1)[0] if end < len(text) else text[occ.end:]
    return ("…" if start else "") + left + text[occ.start:occ.end] + right + (
        "…" if end < len(text) else "")


def render_glossary(lang: str, termbase: Termbase, languages: list[str],
                    uses: Uses, templates: Templates) -> list[Page]:
    words = templates.words(lang)
    concepts = sorted((c for c in termbase.concepts if lang in c.terms),
                      key=lambda c: sort_key(c.terms[lang].term))
    pages = []
    for concept in concepts:
        path = glossary_path(lang, concept.id)
        entry = concept.terms[lang]
        others = [{"language": language_name(other),
                   "link": mdtext.link(concept.terms[other].term,
                                       f"site:{glossary_path(other, concept.id)}")}
                  for other in languages if other != lang and other in concept.terms]
        used = uses.first.get((lang, concept.id), [])
        here = [{"link": mdtext.link(story.versions[lang].title,
                                     relative(path, briefing_path(lang, story.id))),
                 "context": _context(text, occ)} for story, text, occ in used[:USES_SHOWN]]
        more = len(used) - USES_SHOWN
        elsewhere = [{"language": language_name(other),
                      "count": uses.count.get((other, concept.id), 0)}
                     for other in languages if other != lang]
        meta = {"lang": lang, "title": mdtext.attribute(entry.term), "page_type": "term",
                "concept": concept.id, "description": mdtext.attribute(entry.definition),
                "translations": {other: glossary_path(other, concept.id)
                                 for other in languages if other != lang
                                 and other in concept.terms}}
        pages.append(Page(PurePosixPath(path), templates.render(
            "term.md.j2", front_matter=front_matter(meta), term=entry.term,
            definition=entry.definition, variants=", ".join(entry.variants), strings=words,
            others=others, uses=here, other_uses=elsewhere,
            more_uses=words["more_uses"].format(count=more) if more > 0 else "")))
    items = [{"link": mdtext.link(c.terms[lang].term, relative(glossary_path(lang),
                                                              glossary_path(lang, c.id))),
              "definition": c.terms[lang].definition} for c in concepts]
    meta = {"lang": lang, "title": mdtext.attribute(words["glossary"]), "page_type": "glossary",
            "translations": {other: glossary_path(other) for other in languages
                             if other != lang}}
    pages.append(Page(PurePosixPath(glossary_path(lang)), templates.render(
        "glossary_index.md.j2", front_matter=front_matter(meta), strings=words, items=items)))
    return pages


def sort_key(term: str) -> tuple:
    return collation_key(term)
