"""Dates written in any of the seeds' notations, read with CLDR's patterns from Babel.

`25/8/2025`, `8/26/2025`, `August 25, 2025`, `25 août 2025`, `25 августа 2025`,
`26 de agosto de 2025`, `20. Dezember`, `2025年5月4日`, `12月20日`, `5월 18일`, `tháng 8`...
Each language's date patterns (long, medium, full and the month-day skeletons) and month names
come from CLDR through Babel, so a language we never saw works without a table of ours.
Numeric dates are read day first or month first as the text shows (a `25/8` settles it), else
as the source's country writes them (`en` from a `.uk` site: day first), else as the
language's short pattern says.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

import regex
from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names

from .numbers import script_variants, unspaced
from .trie import trie_pattern

# `\d(?<![\d/.]\d)`: what precedes the first digit is checked after it, so that the engine
# can skip ahead to the next digit.
_NUMERIC = re.compile(r"(\d(?<![\d/.]\d)\d{0,3})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d/]|\.\d)")
_SKELETONS = ("yMMMMd", "yMMMd", "MMMMd", "MMMd")
_TOKEN = re.compile(r"'((?:[^']|'')*)'|([A-Za-z])\2*|(.)", re.DOTALL)
_LINK = r"(?:\s*[,.]?\s*|\s+[^\W\d_]{1,4}\.?\s+)"  # "26 de agosto de 2025", "tháng 8 năm 2025"
_ORDINAL = r"(?:st|nd|rd|th|er|ᵉ|e(?![^\W\d_]))?"
_DAY, _MONTH, _YEAR = r"(?P<day>\d{1,2})", r"(?P<month>\d{1,2})", r"(?P<year>\d{4})"
BUDDHIST_ERA = 543  # Thai and Lao years are often counted from 543 BC


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=None)
def _month_names(lang: str) -> tuple[dict[str, int], tuple[str, ...]]:
    """Month names without digits (folded, "août": 8) and, for names that are a number with a
    word ("tháng 8", "8月", "8월"), patterns that read the number."""
    names: dict[str, int] = {}
    numbered: set[str] = set()
    for locale in script_variants(lang):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, locale).items():
                    key = _fold(name).rstrip(".")
                    if any(c.isdigit() for c in key):
                        numbered.add(r"\s*".join(
                            _MONTH if part.isdigit() else re.escape(part).replace(r"\ ", r"\s*")
                            for part in re.split(r"(\d+)", key) if part))
                    elif len(key) >= 2:
                        names.setdefault(key, number)
    return names, tuple(sorted(numbered, key=lambda p: (-len(p), p)))


def _cldr_patterns(lang: str) -> list[str]:
    patterns: list[str] = []
    for locale in script_variants(lang):
        for width in ("full", "long", "medium", "short"):
            patterns.append(str(locale.date_formats[width].pattern))
        for skeleton in _SKELETONS:
            if skeleton in locale.datetime_skeletons:
                patterns.append(str(locale.datetime_skeletons[skeleton].pattern))
    return list(dict.fromkeys(patterns))


def _compile(pattern: str, month_field: str) -> str | None:
    """A CLDR date pattern as a regular expression, weekday and era left out; None for a
    pattern that numeric dates already read (`d/M/y`) or that is not a day of a month."""
    parts: list[tuple[str, str]] = []  # ("field", regex) or ("literal", text)
    for token in _TOKEN.finditer(pattern):
        quoted, letter, other = token.groups()
        if letter:
            field = _field(letter, len(token.group(0)), month_field)
            parts.append(("field", field) if field else ("skip", ""))
        else:
            parts.append(("literal", quoted.replace("''", "'") if quoted is not None
                          else other))
    fields = [value for kind, value in parts if kind == "field"]
    if _DAY + _ORDINAL not in fields or not (_MONTH in fields or month_field in fields):
        return None
    literals = "".join(value for kind, value in parts if kind == "literal")
    written = month_field in fields or any(c.isalpha() for c in literals) \
        or " " in literals.strip()
    if not written:
        return None
    return _join(parts)


def _field(letter: str, width: int, month_field: str) -> str | None:
    if letter == "d":
        return _DAY + _ORDINAL
    if letter in "ML":
        return _MONTH if width <= 2 else month_field
    if letter == "y":
        return _YEAR
    return None  # weekday, era: left out of the date


def _join(parts: list[tuple[str, str]]) -> str:
    """Fields in order; what stands between two of them is flexible, a word of a script
    without spaces (年, 월) is required."""
    out: list[str] = []
    pending = ""
    seen_field = False
    for kind, value in parts + [("end", "")]:
        if kind == "literal":
            pending += value
            continue
        if kind == "skip":
            pending = ""
            continue
        letters = "".join(c for c in pending if c.isalpha())
        if seen_field and kind in ("field", "end"):
            if letters and all(unspaced(c) for c in letters):
                out.append(rf"\s*{re.escape(letters)}\s*" if kind == "field"
                           else rf"\s*{re.escape(letters)}")
            elif kind == "field":
                word = rf"|\s*{re.escape(letters)}\.?\s*" if letters else ""
                out.append(rf"(?:{_LINK}{word})")
            elif letters:
                out.append(rf"(?:\s*{re.escape(letters)}\.?)?")
        elif not seen_field and letters and kind == "field" and pending.strip():
            out.append(rf"(?:{re.escape(letters)})?")  # Hebrew "ב" glued before the month
        if kind == "field":
            out.append(value)
            seen_field = True
        pending = ""
    return "".join(out)


@lru_cache(maxsize=None)
def _written(lang: str) -> tuple[regex.Pattern[str], ...]:
    """Patterns for every date the language writes with words or signs ("25 août 2025",
    "2025年5月4日"), the most complete forms first: one for the dates that begin with a
    digit, one for those that begin with a month's name ("August 25")."""
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return ()
    names, numbered = _month_names(lang)
    # A name ends where its word ends, unless its script has no spaces ("九月二日")
    spaced = trie_pattern([n for n in names if not unspaced(n[-1])], space=r"\s+")
    glued = trie_pattern([n for n in names if unspaced(n[-1])], space=r"\s+")
    choices = [rf"(?P<mname>{spaced}(?:\.|(?![^\W\d_]))|{glued})"] if names else []
    choices += numbered
    if not choices:
        return ()
    month_field = "(?:" + "|".join(choices) + ")"
    compiled = {_compile(p, month_field) for p in _cldr_patterns(lang)} - {None}
    ordered = sorted(compiled, key=lambda p: ("year" not in p, -len(p), p))
    digit_led = [p for p in ordered if not p.startswith(month_field)]
    name_led = [p for p in ordered if p.startswith(month_field)]
    # Testing the first character before anything else lets the engine pass over every
    # other character at once. A date does not start inside a word of a spaced script, nor
    # inside a longer number.
    firsts = sorted({c for name in names for c in (name[0], name[0].upper())}
                    | {c for p in numbered for c in (p[0], p[0].upper()) if c.isalpha()})
    outside = r"(?<![^\W\d_](?<![\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]))(?<!\d)"
    led_by_digits = any(p.startswith(_MONTH) for p in numbered)  # "5월 18일", "12月20日"
    patterns = []
    for start, alternatives in ((r"\d", digit_led),
                                ("[" + regex.escape("".join(firsts)) +
                                 (r"\d" if led_by_digits else "") + "]", name_led)):
        if alternatives and start != "[]":
            patterns.append(regex.compile(rf"(?={start}){outside}(?:" + "|".join(alternatives)
                                          + r")(?!\d)", regex.IGNORECASE | regex.VERSION0))
    return tuple(patterns)


@lru_cache(maxsize=None)
def month_first(lang: str) -> bool:
    """Whether the language (or `lang_REGION`) writes short numeric dates month first
    (en-US: 8/26/2025; en-GB: 26/08/2025)."""
    try:
        pattern = get_date_format("short", locale=Locale.parse(lang)).pattern
    except (UnknownLocaleError, ValueError):
        return False
    return pattern.find("M") < pattern.find("d")


def date_reading(lang: str, text: str, source: str | None) -> str:
    """How to read the article's numeric dates: `lang`, or `lang_REGION` where the source's
    country writes them otherwise (`en` from a `.uk`, `.au` or `.vn` site is day first).
    A date the text writes unambiguously (`25/8`, `8/26`) decides before the source."""
    orders = {_order(match) for match in _NUMERIC.finditer(text)} - {None}
    if len(orders) == 1:
        first = orders.pop() == "month"
        return lang if month_first(lang) == first else _flipped(lang, first)
    region = _country(source)
    if region:
        candidate = f"{lang}_{region}"
        try:
            Locale.parse(candidate)
            return candidate
        except (UnknownLocaleError, ValueError):
            pass
    return lang


def _order(match: re.Match[str]) -> str | None:
    a, b = int(match.group(1)), int(match.group(2))
    if len(match.group(1)) > 2 or match.group(0).count("/") + match.group(0).count(".") < 1:
        return None
    if a > 12 >= b >= 1 and a <= 31:
        return "day"
    if b > 12 >= a >= 1 and b <= 31:
        return "month"
    return None


def _flipped(lang: str, first_month: bool) -> str:
    """A locale of the language that reads numeric dates the other way round."""
    for region in ("US", "GB", "CA", "PH") if first_month else ("GB", "AU", "IN", "IE", "FR"):
        candidate = f"{lang}_{region}"
        try:
            Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
        if month_first(candidate) == first_month:
            return candidate
    return lang


def _country(source: str | None) -> str | None:
    """The country of a source address's top-level domain: `bbc.co.uk` is GB."""
    if not source:
        return None
    host = urlsplit(source if "//" in source else f"//{source}").hostname or ""
    top = host.rsplit(".", 1)[-1].upper()
    if len(top) != 2 or not top.isalpha():
        return None
    return "GB" if top == "UK" else top


def _valid(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(2000 if year is None else year, month, day) if 1 <= month <= 12 \
            else None
    except ValueError:
        return None


def find_dates(text: str, lang: str, *, spans: bool = False) -> list[tuple]:
    """Dates in reading order as (position, year or None, month, day[, end position]).
    `lang` may carry a region (`en_GB`), which decides how numeric dates are read."""
    found = _written_dates(text, lang.split("_")[0])
    taken = [(f[0], f[4]) for f in found]
    for match in _NUMERIC.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        date = _numeric(match, lang)
        if date:
            found.append((match.start(), *date, match.end()))
    found.sort()
    return found if spans else [f[:4] for f in found]


def _numeric(match: re.Match[str], lang: str) -> tuple[int | None, int, int] | None:
    a, b, c = match.group(1), match.group(2), match.group(3)
    if len(a) == 4:  # 2025/08/26 or a range like 2011/2025: only the first is a date
        return (int(a), int(b), int(c)) if c and _valid(int(a), int(b), int(c)) else None
    year = _year(c)
    if c is None and (match.group(0).count("/") != 1):
        return None  # "7.52" is a number, not a date
    first, second = int(_ascii(a)), int(_ascii(b))
    day, month = (second, first) if month_first(lang) else (first, second)
    if _valid(year, month, day) is None:  # 8/26/2025 in a day-first language
        day, month = month, day
    return (year, month, day) if _valid(year, month, day) else None


def _written_dates(text: str, lang: str) -> list[tuple[int, int | None, int, int, int]]:
    names = _month_names(lang)[0] if _written(lang) else {}
    found = []
    end = -1
    matches = sorted((m for pattern in _written(lang) for m in pattern.finditer(text)),
                     key=lambda m: (m.start(), -m.end()))
    for match in matches:
        if match.start() < end:  # two patterns read the same date
            continue
        end = match.end()
        groups = match.groupdict()
        month = (names.get(_fold(groups["mname"]).rstrip(".")) if groups.get("mname")
                 else int(_ascii(groups["month"])))
        day, year = int(_ascii(groups["day"])), _year(groups.get("year"))
        if year and year > 2400 and lang in ("th", "lo"):
            year -= BUDDHIST_ERA
        if month and _valid(year, month, day):
            found.append((match.start(), year, month, day, match.end()))
    return found


def _ascii(digits: str) -> str:
    return str(int(digits)) if digits.isdecimal() else digits


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
