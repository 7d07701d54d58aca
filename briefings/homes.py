"""Stage 7d, render the front doors: each language's home and its month archives.

A home lists the language's newest briefings, then the newest stories not yet in the
language (each linked to a version the reader can open, with its language), then the latest
months of the archive. It holds a fixed number of each, so it stays the same size however
large the archive grows; the month pages list everything. Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import PurePosixPath
from typing import Callable, Mapping, Sequence

from babel.dates import format_date, format_skeleton
from markupsafe import Markup

from . import mdtext
from .describe import sentence_spans
from .languages import language_name, text_direction
from .model import Briefing, Page, Story
from .render import Templates, front_matter
from .urls import archive_path, briefing_path, home_path, relative

NEWEST = 20        # briefings on a home
NOT_YET = 20       # stories not yet in the language, on a home
MONTHS_SHOWN = 12  # months linked from a home (all of them on the archive's index)
UNDATED = "undated"
Cached = Callable[[tuple, Callable[[], Page]], Page]  # a page by key, or rendered


def month_of(story: Story) -> str:
    return story.date.strftime("%Y-%m") if story.date else UNDATED


class Months:
    """The stories by month, newest first, shared by every language's archive."""

    def __init__(self, stories: Sequence[Story]) -> None:
        self.stories: dict[str, list[Story]] = defaultdict(list)
        for story in stories:
            self.stories[month_of(story)].append(story)
        self.order = sorted((m for m in self.stories if m != UNDATED), reverse=True) + (
            [UNDATED] if UNDATED in self.stories else [])
        self._keys: dict[str, tuple] = {}

    def key(self, month: str) -> tuple:
        """What a month page shows of its stories, in any language (`_item`, `_elsewhere`)."""
        known = self._keys.get(month)
        if known is None:
            known = self._keys[month] = _month_key(self.stories[month])
        return known


def render_homes(lang: str, stories: Sequence[Story], languages: Sequence[str],
                 templates: Templates, cached: Cached | None = None,
                 archive: Months | None = None) -> list[Page]:
    """The home of a language and its archive pages. `stories`: all, newest first;
    `archive`: the same by month, when the caller has it. `cached(key, render)`: a month
    page whose key is unchanged is taken from the last run."""
    words = templates.words(lang)
    archive = archive or Months(stories)
    months, order = archive.stories, archive.order
    here = home_path(lang)
    in_lang = [s for s in stories if lang in s.versions]
    meta = {"lang": lang, "title": mdtext.attribute(words["briefings"]), "page_type": "home",
            "translations": {other: home_path(other) for other in languages if other != lang}}
    home = templates.render(
        "home.md.j2", front_matter=front_matter(meta), strings=words,
        items=[_item(s, lang, here) for s in in_lang[:NEWEST]],
        not_yet_title=words["not_yet_in"].format(language=language_name(lang)),
        not_yet=[_elsewhere(s, lang, here) for s in stories if lang not in s.versions][:NOT_YET],
        months=[_month_link(m, months[m], lang, here, words) for m in order[:MONTHS_SHOWN]],
        all_months=mdtext.link(words["all_months"], relative(here, archive_path(lang))))
    pages = [Page(PurePosixPath(here), home), _index(lang, order, months, words, templates)]
    for m in order:
        render = (lambda m=m: _month_page(lang, m, months[m], words, templates))
        pages.append(cached(("month", lang, m, templates.fingerprint, archive.key(m)),
                            render) if cached else render())
    return pages


def _month_key(stories: Sequence[Story]) -> tuple:
    """What a month page shows of its stories (`_item`, `_elsewhere`)."""
    return tuple((s.id, s.original, s.date, tuple(
        (lang, b.title, b.date, b.lead) for lang, b in sorted(s.versions.items())))
        for s in stories)


def _item(story: Story, lang: str, here: str) -> dict:
    briefing = story.versions[lang]
    return {"link": mdtext.link(briefing.title, relative(here, briefing_path(lang, story.id))),
            "date": format_date(briefing.date, "long", locale=lang) if briefing.date else "",
            "lead": lead_after_title(briefing)}


def _elsewhere(story: Story, lang: str, here: str) -> dict:
    """A story not in `lang`: its original, in its language, for the reader to open."""
    version = story.versions[story.original]
    other = version.lang
    # Material sends a click on a link into another language's folder to that language's
    # version of the page the reader is on (its home, here); a link with a target it leaves
    # alone.
    attrs = f'{{: lang="{other}" dir="{text_direction(other)}" target="_self" }}'
    return {"link": mdtext.link(version.title, f"site:{briefing_path(other, story.id)}")
            + Markup(attrs),
            "language": language_name(other),
            "date": format_date(story.date, "long", locale=lang) if story.date else ""}


def lead_after_title(briefing: Briefing) -> str:
    """The lead as a home shows it under the title: where the title is the lead's first
    sentence, the rest of the lead, or nothing."""
    lead = briefing.lead
    spans = sentence_spans(lead)
    if not spans:
        return lead
    first = lead[slice(*spans[0])].strip().rstrip(" .。")
    if briefing.title.rstrip("…") and first.startswith(briefing.title.rstrip("…").rstrip()):
        return lead[spans[0][1]:].strip()
    return lead


def _month_name(month: str, lang: str, words: Mapping[str, str]) -> str:
    if month == UNDATED:
        return words["undated_month"]
    year, number = map(int, month.split("-"))
    return format_skeleton("yMMMM", dt.date(year, number, 1), locale=lang)


def _month_link(month: str, stories: Sequence[Story], lang: str, here: str,
                words: Mapping[str, str]) -> dict:
    return {"link": mdtext.link(_month_name(month, lang, words),
                                relative(here, archive_path(lang, month))),
            "count": len(stories)}


def _index(lang: str, order: Sequence[str], months: Mapping[str, list[Story]],
           words: Mapping[str, str], templates: Templates) -> Page:
    path = archive_path(lang)
    meta = {"lang": lang, "title": mdtext.attribute(words["archive"]), "page_type": "archive",
            "translations": {}}
    return Page(PurePosixPath(path), templates.render(
        "archive.md.j2", front_matter=front_matter(meta), strings=words,
        heading=words["archive"], items=[], elsewhere=[],
        months=[_month_link(m, months[m], lang, path, words) for m in order],
        not_yet_title=words["not_yet_in"].format(language=language_name(lang))))


def _month_page(lang: str, month: str, stories: Sequence[Story], words: Mapping[str, str],
                templates: Templates) -> Page:
    path = archive_path(lang, month)
    name = _month_name(month, lang, words)
    meta = {"lang": lang, "title": mdtext.attribute(name), "page_type": "archive",
            "translations": {}}
    return Page(PurePosixPath(path), templates.render(
        "archive.md.j2", front_matter=front_matter(meta), strings=words, heading=name,
        items=[_item(s, lang, path) for s in stories if lang in s.versions],
        elsewhere=[_elsewhere(s, lang, path) for s in stories if lang not in s.versions],
        months=[], not_yet_title=words["not_yet_in"].format(language=language_name(lang))))
