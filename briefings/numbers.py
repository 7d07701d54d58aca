"""Numbers as a language writes them, read with CLDR's symbols and scale words (Babel).

`6,802` (en), `6.802` (vi, de, es), `6 802` (fr, ru), `1,3 млн`, `1.3 million`, `130萬`,
`2500万`, `1억`, `۱۴` and `۱۲٫۵` (Persian digits and marks): each is one value, so that two
translations of an article share it whatever their notation. The decimal and group symbols and the words for
thousand, million, 万, 億... come from CLDR for every language Babel knows (its compact
decimal formats), not from a table of ours. Nothing here reads a file.
"""

from __future__ import annotations

import re
import unicodedata

import regex
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from .trie import trie_pattern

# Space-like group separators that any language's text may use: "2 500", "6 802", "1 000"
_SPACES = " \u00a0\u202f\u2009"
_PERCENT = re.compile(r"\s?[%٪％]")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: str      # canonical: "6802", "1300000", "7.5"
    percent: bool
    year: bool      # a four-digit 1900-2100 integer written without separators


def canonical(value: float) -> str:
    """One spelling per value: integers without a fraction, others rounded to 4 digits."""
    if value == int(value):
        return str(int(value))
    return f"{value:.4g}" if value < 1000 else str(round(value))


@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    try:
        locale = Locale.parse(lang)
        return get_decimal_symbol(locale), get_group_symbol(locale)
    except (UnknownLocaleError, ValueError):
        return ".", ","


@lru_cache(maxsize=None)
def _native_symbols(lang: str) -> tuple[str, str]:
    """The decimal and group marks of the language's other digits, from CLDR's numbering
    systems: `۱۲٫۵` and `۱٬۲۳۴` in Persian or Arabic (arab, arabext). Empty where the
    language's own digits take the Latin marks (Devanagari, Thai, Lao...)."""
    decimal, group = _symbols(lang)
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return "", ""
    decimals, groups = set(), set()
    for system in {locale.default_numbering_system, *locale.other_numbering_systems.values()}:
        symbols = locale.number_symbols.get(system) or {}
        decimals.add(symbols.get("decimal") or decimal)
        groups.add(symbols.get("group") or group)
    decimals -= {decimal, group, *groups}  # a mark that could be either is neither
    groups -= {decimal, group, *decimals}
    return "".join(sorted(decimals)), "".join(sorted(groups))


@lru_cache(maxsize=None)
def scale_words(lang: str) -> dict[str, float]:
    """The words and signs after a number that multiply it, from CLDR's compact decimal
    formats: `{"million": 1e6, "млн": 1e6, "万": 1e4, "億": 1e8, ...}`, in each script the
    language is written in (`zh`: 万 and 萬). Single Latin letters ("K", "M") are left out:
    in running text they are as often something else."""
    words: dict[str, float] = {}
    for locale in script_variants(lang):
        _add_scale_words(locale, words)
    return words


@lru_cache(maxsize=None)
def script_variants(lang: str) -> tuple[Locale, ...]:
    """The language's CLDR locale and those of its other scripts (`zh`, `zh_Hant`;
    `sr`, `sr_Latn`): a seed does not say which script it uses."""
    found = []
    for identifier in [lang] + [i for i in localedata_identifiers()
                                if re.fullmatch(rf"{re.escape(lang)}_[A-Z][a-z]{{3}}", i)
                                and i[-4:] not in _NOVELTY_SCRIPTS]:
        try:
            found.append(Locale.parse(identifier))
        except (UnknownLocaleError, ValueError):
            continue
    return tuple(found)


_NOVELTY_SCRIPTS = {"Dsrt", "Shaw"}  # English in Deseret and Shavian: nobody's news


@lru_cache(maxsize=1)
def localedata_identifiers() -> tuple[str, ...]:
    from babel.localedata import locale_identifiers

    return tuple(sorted(locale_identifiers()))


def _add_scale_words(locale: Locale, words: dict[str, float]) -> None:
    for width in ("long", "short"):
        for forms in locale.compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in forms.items():
                text = str(getattr(pattern, "pattern", pattern))
                zeros = text.count("0")
                word = text.replace("0", "").replace("'", "").replace("\u200f", "").strip(
                    _SPACES)
                if not zeros or not word or (len(word) == 1 and word.isascii()):
                    continue
                words.setdefault(word.casefold(), int(magnitude) / 10 ** (zeros - 1))


@lru_cache(maxsize=None)
def _pattern(lang: str) -> regex.Pattern[str]:
    decimal, group = _symbols(lang)
    native_decimal, native_group = _native_symbols(lang)
    # Besides its own, a text may group thousands with the mark that is not its decimal
    # mark: "28.814 hectares" in a French copy, "6,802" in a Russian one.
    other = "." if decimal == "," else "," if decimal == "." else ""
    groups = re.escape("".join(sorted(set(_SPACES + group + other + native_group))))
    decimals = re.escape("".join(sorted({decimal, *native_decimal})))
    scales = scale_words(lang)
    # Where words are written without spaces (万人, 億円), no boundary follows the word.
    bounded = [word for word in scales if not unspaced(word[-1])]
    loose = [word for word in scales if unspaced(word[-1])]
    scale = (rf"(?:[{_SPACES}]?(?P<scale>{trie_pattern(bounded)}(?![^\W\d_])"
             rf"|{trie_pattern(loose)}))?(?P<rest>(?<={_UNSPACED_CLASS})\d+(?!\d))?"
             ) if scales else ""
    # `\d` is any script's digit. What precedes the first digit is checked after it, so that
    # the engine skips ahead to the next digit: no digit or decimal mark before it, nor a
    # letter of a script with spaces ("VN1"; but "淹沒2萬" is a number).
    return regex.compile(
        rf"(?P<number>\d(?<![\d.,]\d)(?<![\p{{Latin}}\p{{Cyrillic}}\p{{Greek}}\p{{Arabic}}"
        rf"\p{{Hebrew}}\p{{Armenian}}\p{{Georgian}}]\d)"
        rf"(?:\d{{0,2}}(?:[{groups}]\d{{3}})+(?!\d)|\d*)"
        rf"(?:[{decimals}]\d+(?!\d))?){scale}", regex.IGNORECASE | regex.VERSION0)


def numbers_in(text: str, lang: str) -> list[Number]:
    """Every number of the text in reading order, with the value it stands for."""
    decimal, _ = _symbols(lang)
    native = str.maketrans(dict.fromkeys(_native_symbols(lang)[0], decimal))
    scales = scale_words(lang)
    found = []
    for match in _pattern(lang).finditer(text):
        raw = ascii_digits(match.group("number")).translate(native)
        integer, _, fraction = raw.partition(decimal)
        digits = re.sub(r"\D", "", integer)
        value = float(f"{digits}.{fraction}" if fraction else digits)
        if match.group("scale") if scales else None:
            multiplier = scales[match.group("scale").casefold()]
            value *= multiplier
            rest = match.group("rest")
            if rest and int(ascii_digits(rest)) < multiplier:  # 2萬8800: 28,800
                value += int(ascii_digits(rest))
        end = match.end()
        percent = bool(_PERCENT.match(text, end))
        year = not fraction and digits == integer and len(digits) == 4 \
            and 1900 <= value <= 2100
        found.append(Number(match.start(), end, canonical(value), percent, year))
    return found


def unspaced(char: str) -> bool:
    """A letter of a script written without spaces between words (Chinese, Japanese, Thai,
    Lao, Khmer, Myanmar) or of Korean syllables, whose particles follow without a space."""
    return unicodedata.name(char, "").startswith(_UNSPACED)


_UNSPACED_CLASS = (r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}"
                   r"\p{Myanmar}]")
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR",
             "TIBETAN")


def ascii_digits(text: str) -> str:
    """`۱۴` and `１４` as `14`: every script's digits, as Python's `\\d` finds them."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
