"""Stage 3, clean: a raw copy of a news page to body blocks plus metadata.

Page furniture (source line, comment counters, "Updated" lines, bylines, a translation tool's
language-name prefixes), recognised by the words of `templates/furniture.yml` in any language,
becomes metadata or is dropped and reported; photo captions are kept as
captions; short heading-like lines become headings. Every other line is a body paragraph, so
no paragraph of the article is ever lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex
from babel import Locale, UnknownLocaleError

from .dates import find_dates
from .furniture import Furniture, load_furniture
from .model import Article, Block, BlockKind, RawSeed

_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
_SENTENCE_END = ".!?…:;"


def clean(seed: RawSeed, lang: str, furniture: Furniture | None = None) -> Article:
    """`furniture`: the words of page furniture (`templates/furniture.yml`); the built-in
    table when not given."""
    words = furniture or _builtin()
    lines = split_paragraphs(seed.text)
    source = updated = byline = None
    removed: list[str] = []
    kept: list[str] = []
    for line in lines:
        if (match := words.source.match(line)) and (source is None):
            source = match.group("value").strip()
        elif words.comments.match(line):
            pass
        elif updated is None and (value := _updated(line, lang, words)):
            updated = value
        else:
            kept.append(line)
            continue
        removed.append(line)
    byline, kept = _split_byline(kept, words)
    if byline:
        removed.append(byline)
    prefixes = tuple(p for p in language_prefixes(lang) if _repeated_prefix(kept, p))
    for line in kept:
        if strip_language_prefix(line, prefixes) != line:
            removed.append(line.split(" ", 1)[0])
    blocks = tuple(_blocks(kept, prefixes, words))
    source = seed.front_matter.get("source") or source
    return Article(seed=seed.path, blocks=blocks, source=source, updated=updated, byline=byline,
                   removed=tuple(removed), front_matter=seed.front_matter)


def _repeated_prefix(lines: list[str], prefix: str) -> bool:
    """A translation tool glues its language name in front of several paragraphs; one
    paragraph starting "English Channel ..." is prose."""
    return sum(strip_language_prefix(line, (prefix,)) != line for line in lines) >= 2


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines are paragraphs, except hard-wrapped blocks, which are joined."""
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    # An e-mail or a terminal wraps at a fixed width: every line but the last is of similar,
    # medium length and most do not end a sentence.
    # Two lines are one paragraph only when the second goes on with the first's sentence: a
    # headline over its lead, or over an article number, is two.
    if len(lines) < 2 or (len(lines) == 2 and not lines[1][:1].islower()):
        return False
    body = lines[:-1]
    widths_ok = all(45 <= len(line) <= 100 for line in body) and len(lines[-1]) <= 100
    open_ends = sum(1 for line in body if line[-1] not in _SENTENCE_END)
    return widths_ok and open_ends * 2 > len(body)


@lru_cache(maxsize=1)
def _builtin() -> Furniture:
    return load_furniture()


def _updated(line: str, lang: str, words: Furniture) -> str | None:
    """Only a short line that is the label and a date (and a time): "Updated 12/2025 figures
    show..." is a paragraph."""
    match = words.updated.match(line)
    if not match:
        return None
    value = match.group("value").strip()
    dates = find_dates(value, lang, spans=True) or find_dates(value, "en", spans=True)
    if not dates or dates[0][0] > 3:
        return None
    rest = value[dates[0][4]:]
    return value if _CLOCK_REST.fullmatch(rest) else None


_CLOCK_REST = regex.compile(  # ", 10:30 AM (GMT+7)", " à 10:30", " lúc 10h30"
    r"[\s,|\-–]*(?:[^\W\d_]{1,3}\s+)?(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?:\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?)?\s*")


def _split_byline(lines: list[str], words: Furniture) -> tuple[str | None, list[str]]:
    """A signature at the end ("Hai Lien") or a "By ..." line at the start."""
    if lines and (match := words.byline.match(lines[0])) and _looks_like_name(match["name"]):
        return lines[0], lines[1:]
    if len(lines) > 2 and _looks_like_name(lines[-1]):
        return lines[-1], lines[:-1]
    return None, lines


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (1 <= len(words) <= 4 and all(_NAME_WORD.match(w) and w[0].isupper() for w in words)
            and line[-1] not in _SENTENCE_END)


def _blocks(lines: list[str], prefixes: tuple[str, ...], words: Furniture):
    for index, line in enumerate(lines):
        line = strip_language_prefix(line, prefixes)
        if words.caption_label.search(line) and (match := words.caption.match(line)) \
                and _credit_like(match):
            yield Block(BlockKind.CAPTION, match.group("text"), credit=match.group("credit"))
        elif index > 0 and _is_heading(line, lines[index + 1:index + 2]):
            yield Block(BlockKind.HEADING, line.rstrip("."))
        else:
            yield Block(BlockKind.PARAGRAPH, line)


def _credit_like(match: re.Match[str]) -> bool:
    credit = match.group("credit")
    return bool(match.group("colon")) or credit[:1].isupper() or "/" in credit


def _is_heading(line: str, following: list[str]) -> bool:
    words = line.split()
    return (2 <= len(words) <= 14 and len(line) <= 100 and line[-1] not in ":;,"
            and line[0].isupper() and bool(following) and len(following[0]) > 1.5 * len(line))


@lru_cache(maxsize=None)
def language_prefixes(lang: str) -> tuple[str, ...]:
    """Names of the language a translation tool may glue in front of a paragraph."""
    names = set()
    for display in (lang, "en"):
        try:
            name = Locale.parse(display).languages.get(lang)
        except (UnknownLocaleError, ValueError):
            name = None
        if name:
            names.add(name[0].upper() + name[1:])
    return tuple(sorted(names, key=len, reverse=True))


def strip_language_prefix(line: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        rest = line[len(prefix):]
        if line.startswith(prefix + " ") and rest.strip()[:1].isupper():
            return rest.strip()
    return line
