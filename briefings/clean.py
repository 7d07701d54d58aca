"""Stage 3, clean: a raw copy of a news page to body blocks plus metadata.

Page furniture (source line, comment counters, "Updated" lines, bylines, a translation tool's
language-name prefixes) becomes metadata or is dropped and reported; photo captions are kept as
captions; short heading-like lines become headings. Every other line is a body paragraph, so
no paragraph of the article is ever lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from .model import Article, Block, BlockKind, RawSeed

# Labels a news page puts before its source, in the languages seen so far and a few more.
_SOURCE = re.compile(r"^(?:source|sources|nguồn|источник|fuente|quelle|fonte|bron|źródło)"
                     r"\s*:\s*(?P<value>\S.{0,300})$", re.IGNORECASE)
_COMMENTS = re.compile(r"^(?:comments?|commentaires?|комментари[йия]|bình luận|ý kiến|"
                       r"comentarios?|kommentare?)\s*\(\s*\d+\s*\)$", re.IGNORECASE)
# Only a short line that is nothing but the label and a date: "Updated 12/2025 figures show..."
# is a paragraph.
_UPDATED = re.compile(r"^(?:updated|last updated|cập nhật|mis à jour|обновлено|actualizado|"
                      r"aktualisiert)\s*:?\s*(?P<value>\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
                      r"(?:[ ,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?)$", re.IGNORECASE)
# "... - Ảnh: VGP/Nhật Bắc", "... - Photo : VGP/Nhat Bac", "... (Photo: Reuters)": the label
# as a whole word, then a colon or a credit that starts like a name.
_CAPTION = re.compile(r"^(?P<text>.*?\S)\s*(?:[-–—]\s*(?P<open>\()?|(?P<paren>\())"
                      r"(?P<label>ảnh|photo|фото|foto|image|crédit photo|photo credit)(?!\w)"
                      r"\s*(?P<colon>:)?\s*(?P<credit>[^\s()].{0,80}?)(?(open)\))(?(paren)\))$",
                      re.IGNORECASE)
# The caption pattern tries every position of a line; most lines hold no label at all.
_CAPTION_LABEL = re.compile(r"[-–—(]\s*\(?(?:ảnh|photo|фото|foto|image|crédit)",
                            re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^(?:by|par|по материалам|bài|theo)\s+(?P<name>.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
_SENTENCE_END = ".!?…:;"


def clean(seed: RawSeed, lang: str) -> Article:
    lines = split_paragraphs(seed.text)
    source = updated = byline = None
    removed: list[str] = []
    kept: list[str] = []
    for line in lines:
        if (match := _SOURCE.match(line)) and (source is None):
            source = match.group("value").strip()
        elif _COMMENTS.match(line):
            pass
        elif (match := _UPDATED.match(line)) and updated is None:
            updated = match.group("value").strip()
        else:
            kept.append(line)
            continue
        removed.append(line)
    byline, kept = _split_byline(kept)
    if byline:
        removed.append(byline)
    prefixes = tuple(p for p in language_prefixes(lang) if _repeated_prefix(kept, p))
    for line in kept:
        if strip_language_prefix(line, prefixes) != line:
            removed.append(line.split(" ", 1)[0])
    blocks = tuple(_blocks(kept, prefixes))
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
    if len(lines) < 2:
        return False
    body = lines[:-1]
    widths_ok = all(45 <= len(line) <= 100 for line in body)
    open_ends = sum(1 for line in body if line[-1] not in _SENTENCE_END)
    return widths_ok and open_ends * 2 > len(body)


def _split_byline(lines: list[str]) -> tuple[str | None, list[str]]:
    """A signature at the end ("Hai Lien") or a "By ..." line at the start."""
    if lines and (match := _BYLINE_PREFIX.match(lines[0])) and _looks_like_name(match["name"]):
        return lines[0], lines[1:]
    if len(lines) > 2 and _looks_like_name(lines[-1]):
        return lines[-1], lines[:-1]
    return None, lines


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (1 <= len(words) <= 4 and all(_NAME_WORD.match(w) and w[0].isupper() for w in words)
            and line[-1] not in _SENTENCE_END)


def _blocks(lines: list[str], prefixes: tuple[str, ...]):
    for index, line in enumerate(lines):
        line = strip_language_prefix(line, prefixes)
        if _CAPTION_LABEL.search(line) and (match := _CAPTION.match(line)) \
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
