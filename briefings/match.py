"""Stage 6, match: glossary terms in running text, one compiled pattern per language.

Like Python-Markdown's abbr extension, matching is one pass per text with one pattern, longest
forms first, word-bounded; the forms are factored into a trie, so the pattern's cost does not
grow with the number of terms. Text is folded (case, ё/е, apostrophes) without changing its length,
so offsets found in the folded copy are offsets in the original. Numbered concepts
("Resolution No. 59", "Nghị quyết số 59", "résolution n° 59-NQ/TW", "Резолюции 59") are matched
as a head word plus a number that is not part of a longer number; lists such as
"Resolutions 57, 66 and 68" link each number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from babel import Locale, UnknownLocaleError

from .model import Occurrence, Termbase
from .morphology import inflections
from .termbase import fold, surface_forms
from .trie import trie_pattern

_MARKER = r"(?:no\.?|nº|n°|№|số|nr\.?|núm\.?)"
_SUFFIX = r"(?:[-/][a-zđ]{1,5}){0,3}"


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str] | None
    forms: dict[str, str | None]  # folded surface form -> concept id (None: a stop phrase)
    numbered: dict[tuple[str, str], str]  # (folded head, number) -> concept id

    def find(self, text: str) -> list[Occurrence]:
        if self.pattern is None:
            return []
        folded = fold(text)
        found: list[Occurrence] = []
        for match in self.pattern.finditer(folded):
            if match.groupdict().get("head"):
                found.extend(self._numbered(match))
                continue
            concept = self.forms.get(_squash(match.group(0)))
            if concept:
                found.append(Occurrence(match.start(), match.end(), concept))
        return found

    def find_in_blocks(self, texts: Sequence[str]) -> list[list[Occurrence]]:
        """`find` for each text, in one pass over them all: the texts are joined by a
        character no form can contain or span, and the offsets are split back."""
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        found: list[list[Occurrence]] = [[] for _ in texts]
        for occ in self.find(_SEPARATOR.join(texts)):
            index = bisect_right(starts, occ.start) - 1
            offset = starts[index]
            found[index].append(Occurrence(occ.start - offset, occ.end - offset, occ.concept))
        return found

    def _numbered(self, match: re.Match[str]) -> list[Occurrence]:
        head = _squash(match.group("head"))
        found = []
        for index, number in enumerate(re.finditer(r"\d+" + _SUFFIX, match.group("nums"))):
            digits = re.match(r"\d+", number.group(0)).group(0)
            concept = self.numbered.get((head, digits))
            if concept is None:
                continue
            start = match.start("nums") + number.start()
            found.append(Occurrence(match.start() if index == 0 else start,
                                    start + number.end() - number.start(), concept))
        return found


_SEPARATOR = "\x00"  # not a word character, not whitespace: ends a match, never in one


def _squash(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=None)
def _conjunctions(lang: str) -> tuple[str, ...]:
    """The word joining the last two items of a list ("and", "et", "и", "và"), from CLDR."""
    words = {"and"}
    try:
        pattern = Locale.parse(lang).list_patterns["standard"]["end"]
        words.add(pattern.replace("{0}", "").replace("{1}", "").strip(" ,"))
    except (UnknownLocaleError, ValueError, KeyError):
        pass
    return tuple(sorted(w for w in words if w))


def build_matcher(termbase: Termbase, lang: str) -> Matcher:
    forms: dict[str, str | None] = {}
    numbered: dict[tuple[str, str], str] = {}
    for concept in termbase.concepts:
        entry = concept.terms.get(lang)
        if entry is None:
            continue
        if concept.number and entry.heads:
            for head in entry.heads:
                for inflected in inflections(head, lang):
                    numbered[(_squash(fold(inflected)), concept.number)] = concept.id
        else:
            for form in surface_forms(entry):
                for inflected in inflections(form, lang):
                    forms.setdefault(_squash(fold(inflected)), concept.id)
        for stop in entry.stop:
            forms.setdefault(_squash(fold(stop)), None)
    parts = []
    if numbered:
        heads = {h for h, _ in numbered}
        conj = "|".join(re.escape(c) for c in _conjunctions(lang))
        number = rf"\d+{_SUFFIX}(?!\d)"
        parts.append(rf"(?P<head>{trie_pattern(heads)})\s+"
                     rf"(?:{_MARKER}\s*)?(?P<nums>{number}"
                     rf"(?:(?:\s*,\s*|\s+(?:{conj})\s+){number})*)")
    if forms:
        parts.append(trie_pattern(forms))
    if not parts:
        return Matcher(None, forms, numbered)
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])")
    return Matcher(pattern, forms, numbered)
