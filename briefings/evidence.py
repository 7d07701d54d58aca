"""What one seed offers the grouping: the facts and names of its text in reading order, and
where it was published. Computed once per seed (in the analysis workers); `compare.py`
weighs two seeds' evidence against each other.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence
from urllib.parse import unquote, urlsplit

import regex

from .facts import Fact, facts_of
from .model import BlockKind, Briefing
from .names import Name, names_in

_SLUG_PART = re.compile(r"[-_]+")
_OPENING_WORD = regex.compile(r"\p{L}+|\p{N}+")
OPENING_WORDS = 12
_PAGE_ID = re.compile(r"(?:post|p|i|c|a|n|id)?\d{1,}")  # "post163933", "p93961", "i291413"


@dataclass(frozen=True, slots=True)
class Mark:
    """A fact or a name at its place in the article's text."""

    kind: str                # a `Fact` kind, or "name"
    key: str                 # the fact's key; a name's spelling in the text
    position: int
    sounds: tuple[str, ...] = ()  # names: how they sound (`names.skeleton`), sorted
    sure: bool = True        # names: capitalised or katakana, not any word of its script


@dataclass(frozen=True)
class Source:
    """Where a seed says it was published: an edition of a news site in one language
    (`vietnam.vn/fr/chao-xuan-at-ty-2025`) shares the article's slug and number with the
    other editions."""

    host: str
    slug: tuple[str, ...]  # the words of the address's article part, at least four
    number: str | None     # the page's number, six digits or more


@dataclass(frozen=True)
class Evidence:
    marks: tuple[Mark, ...]  # reading order
    length: int              # characters of the text the marks were found in
    cased: bool              # written mostly in a script with capitals
    source: Source | None = None
    opening: int = 0         # a checksum of the first words: copies of one text begin alike

    @cached_property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """The distinct facts, in reading order (for the grouping's index and the summary)."""
        return tuple(dict.fromkeys((m.kind, m.key) for m in self.marks if m.kind != "name"))


def evidence(briefing: Briefing, block_facts: Sequence[Sequence[Fact]] | None = None
             ) -> Evidence:
    """The facts and names of the article's text (not of its photo captions). `block_facts`:
    the facts of each block, when they are known already."""
    blocks = briefing.article.blocks
    if block_facts is None:
        block_facts = [facts_of(b.text, briefing.lang) for b in blocks]
    marks: list[Mark] = []
    offset = 0
    cased = _cased(briefing)
    for block, facts in zip(blocks, block_facts):
        if block.kind is BlockKind.CAPTION:
            continue
        marks += [Mark(f.kind, f.key, offset + f.start) for f in facts]
        marks += [_name_mark(name, block.text, offset)
                  for name in names_in(block.text, caseless=not cased)]
        offset += len(block.text) + 1
    marks.sort(key=lambda m: (m.position, m.kind))
    return Evidence(tuple(marks), offset, cased, source_of(briefing.article.source),
                    _opening(briefing.article.body_text))


def _opening(text: str) -> int:
    words = _OPENING_WORD.findall(text.casefold())[:OPENING_WORDS]
    return zlib.crc32(" ".join(words).encode()) if len(words) == OPENING_WORDS else 0


def _name_mark(name: Name, text: str, offset: int) -> Mark:
    return Mark("name", text[name.start:name.end], offset + name.start,
                tuple(sorted(name.keys)), name.sure)  # a tuple: a third of a set's memory


def _cased(briefing: Briefing) -> bool:
    """Most letters have a capital and a small form (Latin, Cyrillic, Greek, Armenian)."""
    sample = briefing.article.body_text[:2000]
    letters = sum(map(str.isalpha, sample))
    cased = len(sample) - sum(map(str.__eq__, sample, sample.swapcase()))
    return cased * 2 > letters


def source_of(address: str | None) -> Source | None:
    """The host, article slug and page number of a source address, when it has them."""
    if not address or "//" not in address:
        return None
    parts = urlsplit(address.strip())
    host = (parts.hostname or "").removeprefix("www.")
    slug: tuple[str, ...] = ()
    number = None
    for segment in unquote(parts.path).split("/"):
        segment = re.sub(r"\.[A-Za-z]{2,5}$", "", segment)
        words = [w for w in _SLUG_PART.split(segment.casefold()) if w]
        numbers = [w for w in words if w.isdigit() and len(w) >= 6]
        if numbers:
            number = numbers[-1]
        named = [w for w in words if not _PAGE_ID.fullmatch(w)]
        if len(named) >= 4:
            slug = tuple(named)
    if not host or not (slug or number):
        return None
    return Source(host, slug, number)
