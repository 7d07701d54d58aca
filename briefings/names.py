"""Names of people and places, compared across scripts by how they sound.

A translation keeps the names of its original, written in its own script: "Phạm Minh Chính",
"Pham Minh Chinh", "Фам Минь Чинь", "ファム・ミン・チン", "팜 민 찐", "فام مينه تشينه". Each is
romanised with anyascii (a kept transliteration library) and reduced to a consonant
skeleton, in which sounds that scripts render differently fall together (p/b/f/v, t/d,
k/g/c/q, s/sh/ch/tr/j/x/z, l/r) and vowels, which Arabic and Hebrew often leave unwritten,
are dropped: every spelling above is `PMNSN`. Han characters are read in Mandarin, which
does not follow another language's names, so they give none.

In scripts with capitals a name is a run of capitalised words; in Japanese a run of katakana;
in scripts without capitals (Korean, Arabic, Hebrew, Thai, Lao...) any word may be one, so
such words only ever confirm a name the other version has (`Name.sure` is False for them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex
from anyascii import anyascii

MIN_SKELETON = 3   # "To Lam" (TLM): shorter skeletons match too many words
MAX_WORDS = 4      # "Prime Minister Pham Minh Chinh" holds "Pham Minh Chinh"

_CAPITALISED_RUN = regex.compile(
    r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’]*(?:[ \-‐]\p{Lu}[\p{L}\p{M}'’]*)*")
_KATAKANA_RUN = regex.compile(r"[\p{Katakana}ー・゠]{2,}")
_CASELESS_WORD = regex.compile(
    r"[\p{Hangul}\p{Arabic}\p{Hebrew}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Devanagari}"
    r"\p{Bengali}\p{Georgian}\p{Armenian}\p{Ethiopic}\p{Sinhala}\p{Tamil}\p{Mn}\p{Mc}"
    r"\u05f3\u05f4]+")
_SENTENCE_START = regex.compile(r"(?:^|[.!?…:;\"“«„]\s*)$")
_SEPARATOR = regex.compile(r"[ \-‐]")

# Longest first: "tsh" before "ts" before "t".
_SOUNDS = (
    ("tch", "S"), ("tsh", "S"), ("tkh", "T"), ("ngh", "N"), ("kh", ""), ("ph", "P"),
    ("th", "T"), ("ch", "S"), ("sh", "S"), ("zh", "S"), ("tr", "S"), ("ts", "S"),
    ("tz", "S"), ("jj", "S"), ("gh", "K"), ("nh", "N"), ("ng", "N"), ("ny", "N"),
    ("ck", "K"), ("qu", "K"),
)
_LETTERS = {**dict.fromkeys("pbfv", "P"), **dict.fromkeys("td", "T"),
            **dict.fromkeys("kgcq", "K"), **dict.fromkeys("sjxz", "S"),
            **dict.fromkeys("lr", "L"), "m": "M", "n": "N"}


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    keys: frozenset[str]  # the skeletons of the name and of its runs of words
    sure: bool            # capitalised or katakana: surely a name, not any word


@lru_cache(maxsize=65_536)
def skeleton(word: str) -> str:
    """The consonants of a word as they sound, in classes: "Chính", "Чинь", "チン" -> "SN"."""
    text = "".join(c for c in anyascii(word).lower() if c.isalpha())
    out: list[str] = []
    i = 0
    while i < len(text):
        for letters, sound in _SOUNDS:
            if text.startswith(letters, i):
                i += len(letters)
                break
        else:
            sound = _LETTERS.get(text[i], "")
            i += 1
        if sound and (not out or out[-1] != sound):
            out.append(sound)
    return "".join(out)


@lru_cache(maxsize=65_536)  # the same words come back in every article
def plain(word: str) -> str:
    """A spelling without accents or case: "Phạm" and "Pham" are "pham"."""
    folded = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def names_in(text: str, *, caseless: bool = True) -> list[Name]:
    """The names of a text in reading order. `caseless=False`: the text is in a script with
    capitals, and its words in other scripts need not be looked at."""
    found = [_run(text, m) for m in _CAPITALISED_RUN.finditer(text)]
    found += [_single(m, sure=True) for m in _KATAKANA_RUN.finditer(text)]
    if caseless:
        found += _caseless(text)
    return sorted((n for n in found if n and n.keys), key=lambda n: n.start)


def _caseless(text: str) -> list[Name]:
    """In a script without capitals, each word and each run of up to four words separated
    by single spaces ("팜 민 찐") may be a name."""
    words = list(_CASELESS_WORD.finditer(text))
    found = []
    for i, first in enumerate(words):
        keys = set()
        sounds = []
        end = first.end()
        for word in words[i:i + MAX_WORDS]:
            if sounds and text[end:word.start()] != " ":
                break
            sounds.append(skeleton(word.group(0)))
            end = word.end()
            key = _joined(sounds)
            if len(key) >= MIN_SKELETON:
                keys.add(key)
        if keys:
            found.append(Name(first.start(), end, frozenset(keys), False))
    return found


def _run(text: str, match: regex.Match) -> Name | None:
    words = _SEPARATOR.split(match.group(0))
    # One capitalised word after a full stop is any sentence's first word
    if len(words) == 1 and _SENTENCE_START.search(text, max(0, match.start() - 3),
                                                  match.start()):
        return None
    sounds = [skeleton(word) for word in words]
    keys = set()
    for size in range(1, min(len(words), MAX_WORDS) + 1):
        for first in range(len(words) - size + 1):
            key = _joined(sounds[first:first + size])
            if len(key) >= MIN_SKELETON:
                keys.add(key)
    return Name(match.start(), match.end(), frozenset(keys), True)


def _single(match: regex.Match, *, sure: bool) -> Name | None:
    key = skeleton(match.group(0))
    if len(key) < MIN_SKELETON:
        return None
    return Name(match.start(), match.end(), frozenset({key}), sure)


def _joined(sounds: list[str]) -> str:
    out = ""
    for sound in sounds:
        out += sound[1:] if out and sound and out[-1] == sound[0] else sound
    return out


def same_name(a: Name, b: Name) -> bool:
    """Whether two names sound alike: a skeleton in common, or for long ones (six sounds
    and more) one sound apart ("グエン" is gu-en where "Nguyễn" is ng-uyen)."""
    if a.keys & b.keys:
        return True
    return any(len(x) >= 6 and abs(len(x) - len(y)) <= 1 and _one_apart(x, y)
               for x in a.keys for y in b.keys)


def _one_apart(x: str, y: str) -> bool:
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) <= 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
