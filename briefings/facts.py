"""The facts of a text that survive translation, in any script: what grouping and alignment
compare across languages.

- dates (`dates.py`: every notation CLDR knows), with their year where the text gives one;
- numbers (`numbers.py`: every script's digits, CLDR's separators and scale words), years
  apart, small counts left out (they are as often spelled out as written);
- document numbers (`1812/QĐ-TTg`) and codes with letters and digits (`VN1`, `A380`,
  `Su-30MK2`), which no translation changes;
- Latin acronyms (`ICAO`, `APEC`), kept by most scripts as they are.

Names are found by `names.py`; each fact knows where it stands in its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex
from anyascii import anyascii

from .dates import find_dates
from .numbers import ascii_digits, numbers_in

SMALL = 10  # integers below this are as often written in words ("three pillars")

_DOC_NUMBER = re.compile(r"(\d(?<!\w\d)\d{0,4})\s?[-/]\s?"
                         r"([A-ZĐ]{1,5}(?:[-/][A-ZĐa-zđ]{1,5}){0,3})\b")
# A code mixes letters of a script with capitals and digits ("VN1", "A380", "Su-30MK2",
# "Ми-17"); an acronym is two to seven Latin capitals ("ICAO", "TTXVN").
_CASED = r"\p{Latin}\p{Cyrillic}\p{Greek}"
# Found from its first digit (digits are rare, letters are not), then read back to its start
_CODE_DIGITS = regex.compile(rf"\d(?<=[{_CASED}]-?\d)[{_CASED}\d]*(?:-[{_CASED}\d]+)*"
                             rf"(?![\p{{L}}\p{{N}}])")
_CODE_LETTERS = regex.compile(rf"(?<![\p{{L}}\p{{N}}])[{_CASED}]{{1,12}}-?$")
# "15:58", "3:58 p.m.", "15h58", "8時20分", "8시 20분", "8点20分"
_TIME = regex.compile(r"(?<![\d:.,])(\d{1,2})\s?(?:[:h]|時|时|시\s?|点|點)\s?(\d{2})(?:分|분)?"
                      r"(?![\d:])(?:\s?(?P<pm>p\.?\s?m\.?|PM)|\s?(?:a\.?\s?m\.?|AM))?")
_ACRONYM = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}(?<=\p{Latin})\p{Lu}{1,6}\d*(?![\p{L}\p{N}])")
_LOWER = regex.compile(r"\p{Ll}")
_CAPS_WORD = regex.compile(r"\p{Lu}{2,}")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class Fact:
    kind: str    # "date", "time", "num", "year", "doc", "code"
    key: str     # "2025-09-02" or "09-02" (no year), "6802", "1812/qd-ttg", "VN1"
    start: int   # where it stands in the text
    end: int

    @property
    def pair(self) -> tuple[str, str]:
        return self.kind, self.key


def facts_of(text: str, lang: str) -> list[Fact]:
    """Every fact of the text in reading order; a number inside a date or a document
    number counts once, as the date or the document."""
    found: list[Fact] = []
    if _DIGIT.search(text):  # every fact but an acronym has a digit
        taken = bytearray(len(text) + 1)
        _digit_facts(text, lang, found, taken)
    else:
        taken = bytearray(len(text) + 1)
    acronyms = [m for m in _ACRONYM.finditer(text) if not taken[m.start()]]
    if acronyms and not _shouting(text):  # in a headline in capitals every word is one
        found += [Fact("code", m.group(0), *m.span()) for m in acronyms]
    found.sort(key=lambda f: (f.start, f.kind))
    return found


def _digit_facts(text: str, lang: str, found: list[Fact], taken: bytearray) -> None:
    def take(start: int, end: int) -> None:
        taken[start:end] = b"\1" * (end - start)

    for m in _TIME.finditer(text):
        hour, minute = int(m[1]), int(m[2])
        if m["pm"] and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            found.append(Fact("time", f"{hour:02d}:{minute:02d}", *m.span()))
            take(*m.span())
    for m in _DOC_NUMBER.finditer(text):
        # `۶۸-NQ/TW` in a Persian copy is the same document as `68-NQ/TW`
        found.append(Fact("doc", f"{ascii_digits(m[1])}/{m[2]}".replace("Đ", "D").casefold(),
                          *m.span()))
        take(*m.span())
    for position, year, month, day, end in find_dates(text, lang, spans=True):
        if taken[position]:
            continue
        key = f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
        found.append(Fact("date", key, position, end))
        take(position, end)
    for number in numbers_in(text, lang):
        if taken[number.start] or _inside_code(text, number.start):
            continue
        value = float(number.value)
        if value < SMALL and value == int(value) and not number.percent:
            continue
        found.append(Fact("year" if number.year else "num", number.value, number.start,
                          number.end))
    for m in _CODE_DIGITS.finditer(text):
        letters = _CODE_LETTERS.search(text, max(0, m.start() - 13), m.start())
        if letters and not taken[letters.start()]:
            found.append(Fact("code", anyascii(text[letters.start():m.end()]).upper(),
                              letters.start(), m.end()))
            take(letters.start(), m.end())


def facts_in(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The facts as (kind, value) pairs in reading order, each once (what the aligner and the
    grouping's inverted index compare)."""
    return tuple(dict.fromkeys(fact.pair for fact in facts_of(text, lang)))


def _inside_code(text: str, start: int) -> bool:
    """The digits of "VN1" or "Su-30MK2" are part of the code."""
    before = text[max(0, start - 2):start]
    return bool(_LATIN_BEFORE.search(before))


_LATIN_BEFORE = regex.compile(rf"[{_CASED}]-?$")


def _shouting(text: str) -> bool:
    """A line in capitals ("ADDRESS BY PARTY GENERAL SECRETARY TO LAM")."""
    return not _LOWER.search(text) and len(_CAPS_WORD.findall(text)) >= 3
