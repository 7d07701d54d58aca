"""Typed values passed from one pipeline stage to the next.

Every stage takes frozen values and returns new ones; nothing here touches the file system.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePosixPath
from typing import Any, Mapping


ZIP_EPOCH = 315532800  # 1980-01-01, the oldest moment a zip entry can have


@dataclass(frozen=True)
class Problem:
    """Something an editor must know about, tied to a file (and a line where there is one)."""

    file: str
    reason: str
    line: int | None = None
    fatal: bool = True  # fatal: the seed is rejected; otherwise a warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class RawSeed:
    """A seed file decoded to text, front matter split off."""

    path: str  # relative to the project, POSIX form: "seeds/x.txt"
    text: str  # body text, NFC, "\n" line ends, front matter removed
    front_matter: Mapping[str, Any]
    encoding: str
    body_line: int  # 1-based line number in the file where the body starts
    digest: str  # sha256 of the normalised body, to spot exact duplicates


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    credit: str | None = None  # captions: "VGP/Nhật Bắc"


@dataclass(frozen=True)
class Article:
    """A seed cleaned of page furniture: body blocks plus what was turned into metadata."""

    seed: str
    blocks: tuple[Block, ...]
    source: str | None
    updated: str | None  # the raw "Updated 8/26/2025" value; read as a date once the language is known
    byline: str | None
    removed: tuple[str, ...]  # lines dropped as page furniture, for the report
    front_matter: Mapping[str, Any] = field(default_factory=dict)

    @property
    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.PARAGRAPH)


@dataclass(frozen=True)
class Briefing:
    """An article with its language, title, lead and date decided."""

    article: Article
    lang: str
    lang_evidence: str  # "front matter" or "detected (0.98)"
    title: str
    lead: str
    date: dt.date | None
    original: bool | None  # from front matter; None when unknown
    headline: int | None = None  # the block that is the page's headline, when it has one
    lead_block: int = 0  # the block the lead is

    @property
    def seed(self) -> str:
        return self.article.seed


@dataclass(frozen=True)
class Story:
    """Versions of one article in several languages."""

    id: str  # stable ASCII slug shared by every version's page
    versions: Mapping[str, Briefing]  # lang -> the version shown on the story's page
    alternatives: tuple[Briefing, ...]  # further versions in a language the story already has
    original: str  # language of the original
    reason: str  # why these seeds were grouped, for the summary
    formerly: tuple[str, ...] = ()  # older ids, oldest first: their addresses redirect here

    @property
    def first_id(self) -> str:
        """The id the story was first published under (its feed entries keep it)."""
        return self.formerly[0] if self.formerly else self.id

    @property
    def date(self) -> dt.date | None:
        dates = [b.date for b in self.versions.values() if b.date]
        return max(dates) if dates else None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.versions))


@dataclass(frozen=True)
class TermEntry:
    term: str
    definition: str
    variants: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    id: str
    terms: Mapping[str, TermEntry]  # lang -> entry
    number: str | None = None


@dataclass(frozen=True)
class Termbase:
    concepts: tuple[Concept, ...]

    def concept(self, concept_id: str) -> Concept:
        return next(c for c in self.concepts if c.id == concept_id)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A glossary term found in a text: [start, end) character offsets."""

    start: int
    end: int
    concept: str


@dataclass(frozen=True)
class StoryAlignment:
    """Which blocks of a story's versions say the same thing."""

    # In reading order; each unit maps a language to the indices of its version's blocks
    # there (a language without text there is absent). Every block of every version is in
    # exactly one unit: a block no other version has is a unit of its own.
    units: tuple[Mapping[str, tuple[int, ...]], ...]
    coverage: Mapping[str, float]  # translation's language -> share of the original's
    #                                paragraphs that it has


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, path relative to site_src."""

    path: PurePosixPath
    text: str


@dataclass(frozen=True)
class Site:
    """Everything the pipeline decided, before anything is written."""

    languages: tuple[str, ...]
    default_language: str
    stories: tuple[Story, ...]
    termbase: Termbase
    pages: tuple[Page, ...]
    problems: tuple[Problem, ...]
    seeds_read: int
    candidates: tuple = ()  # candidates.Candidate: quoted phrases not in the termbase
    alignments: Mapping[str, StoryAlignment] = field(default_factory=dict)  # by story id
    status: Any = None  # status.Status: what the editors' page and `--report` show
    suggestions: tuple = ()  # group.Suggestion: pairs an editor should confirm or separate
    book: Any = None  # address.Book: the story addresses to keep in the project
    title_notes: tuple = ()  # titles.TitleNote: versions an editor should give a title

    @property
    def newest_date(self) -> dt.date | None:
        """The newest article's date: what a build carries instead of the clock's."""
        return max((story.date for story in self.stories if story.date), default=None)

    @property
    def epoch(self) -> int:
        """The build's moment as SOURCE_DATE_EPOCH says it: the newest article's day, else
        1 January 1980 (zip cannot store an earlier one), never the clock."""
        newest = self.newest_date
        return calendar.timegm(newest.timetuple()) if newest else ZIP_EPOCH
