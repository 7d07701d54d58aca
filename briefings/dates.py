"""Dates written in any of the seeds' notations, found with CLDR month names from Babel.

`25/8/2025`, `8/26/2025`, `August 25, 2025`, `25 août 2025`, `25 августа 2025`, `tháng 8`...
Month names come from Babel for every language it knows, so a Spanish or German seed works
without a table of ours.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names

from .trie import trie_pattern

# `\d(?<![\d/.]\d)`: what precedes the first digit is checked after it, so that `re` can skip
# ahead to the next digit (the same for the first letter of a month name below).
_NUMERIC = re.compile(r"(\d(?<![\d/.]\d)\d{0,3})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d/]|\.\d)")


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=None)
def _month_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]] | None:
    """Patterns for "25 août 2025" and "August 25, 2025" with the language's month names."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, locale).items():
                key = _fold(name).rstrip(".")
                if len(key) >= 3 and not key.isdigit():
                    names.setdefault(key, number)
    if not names:
        return None
    link = r"\s+(?:[^\W\d]{1,3}\s+)?"  # "26 de agosto de 2025", "25 tháng 8 năm 2025"
    day_first = re.compile(
        rf"(?P<day>\d(?<!\w\d)\d?)(?:er|st|nd|rd|th)?{link}"
        rf"(?P<month>{trie_pattern(names, space=' ')})\.?(?:{link}(?P<year>\d{{4}}))?(?!\w)")
    boundary = r"(?<!\w.)"  # after the first letter: no word character before it
    month_first = re.compile(
        rf"(?P<month>{trie_pattern(names, space=' ', after_first=boundary)})\.?"
        rf"\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{{4}}))?(?!\w)")
    return day_first, month_first, names


@lru_cache(maxsize=None)
def month_first(lang: str) -> bool:
    """Whether the language writes short numeric dates month first (en-US: 8/26/2025)."""
    try:
        pattern = get_date_format("short", locale=Locale.parse(lang)).pattern
    except (UnknownLocaleError, ValueError):
        return False
    return pattern.find("M") < pattern.find("d")


def _valid(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(2000 if year is None else year, month, day) if 1 <= month <= 12 \
            else None
    except ValueError:
        return None


def find_dates(text: str, lang: str, *, spans: bool = False) -> list[tuple]:
    """Dates in reading order as (position, year or None, month, day[, end position])."""
    found: list[tuple[int, int | None, int, int]] = []
    for match in _NUMERIC.finditer(text):
        a, b, c = match.group(1), match.group(2), match.group(3)
        if len(a) == 4:  # 2025/08/26 or a range like 2011/2025: only the first is a date
            if c and _valid(int(a), int(b), int(c)):
                found.append((match.start(), int(a), int(b), int(c), match.end()))
            continue
        year = _year(c)
        if c is None and (match.group(0).count("/") != 1):
            continue  # "7.52" is a number, not a date
        first, second = int(a), int(b)
        day, month = (second, first) if month_first(lang) else (first, second)
        if _valid(year, month, day) is None:  # 8/26/2025 in a day-first language
            day, month = month, day
        if _valid(year, month, day):
            found.append((match.start(), year, month, day, match.end()))
    compiled = _month_patterns(lang)
    if compiled:
        day_first, month_led, names = compiled
        folded = _fold(text)
        written = sorted((match.start(), order, match)
                         for order, pattern in enumerate((day_first, month_led))
                         for match in pattern.finditer(folded))
        end = 0
        for start, _, match in written:  # one scan would not let two dates overlap either
            if start < end:
                continue
            day, year = int(match.group("day")), _year(match.group("year"))
            month = names[match.group("month")]
            if _valid(year, month, day):
                found.append((start, year, month, day, match.end()))
            end = match.end()
    return sorted(found) if spans else [f[:4] for f in sorted(found)]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def full_dates(text: str, lang: str) -> list[dt.date]:
    """Only the dates with a year, as date values."""
    return [dt.date(y, m, d) for _, y, m, d in find_dates(text, lang) if y]


def dateline(lead: str, body: str, lang: str) -> dt.date | None:
    """The article's own date: the first date in its lead ("Chiều 26/8, ...").

    A dateline often omits the year; it is then taken from the latest full date in the text
    that is not after it, which is how a reader would understand it.
    """
    dates = find_dates(lead[:200], lang)
    if not dates:
        return None
    _, year, month, day = dates[0]
    if year is None:
        years = sorted({d.year for d in full_dates(body, lang)})
        if not years:
            return None
        year = years[-1]
    return _valid(year, month, day) and dt.date(year, month, day)
