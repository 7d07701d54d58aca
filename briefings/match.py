"""Stage 6, match: glossary terms in running text, one compiled pattern per language.

Like Python-Markdown's abbr extension, matching is one pass per text with one pattern, longest
forms first, word-bounded; the forms are factored into a trie, so the pattern's cost does not
grow with the number of terms. Text is folded (case, ё/е, apostrophes) without changing its length,
so offsets found in the folded copy are offsets in the original. Numbered concepts
("Resolution No. 59", "Nghị quyết số 59", "résolution n° 59-NQ/TW", "Резолюции 59") are matched
as a head word plus a number that is not part of a longer number; lists such as
"Resolutions 57, 66 and 68" link each number. A head with "{n}" says where the number goes
("第{n}号决议", "決議{n}号"), for languages that write the number inside the name.

Languages written without spaces (Chinese, Japanese, Thai, Lao) have no word boundaries to
require: a match there is kept where `segment.is_word` says it is not cut out of other words.
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
from .segment import UNSPACED, is_word
from .termbase import fold, surface_forms
from .trie import trie_pattern

_MARKER = r"(?:no\.?|nº|n°|№|số|nr\.?|núm\.?)"
_SUFFIX = r"(?:[-/][a-zđ]{1,5}){0,3}"


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str] | None
    forms: dict[str, str | None]  # folded surface form -> concept id (None: a stop phrase)
    numbered: dict[tuple[str, str], str]  # (folded head, number) -> concept id
    lang: str = ""

    def find(self, text: str) -> list[Occurrence]:
        if self.pattern is None:
            return []
        folded = fold(text)
        found: list[Occurrence] = []
        unspaced = self.lang in UNSPACED
        for match in self.pattern.finditer(folded):
            if unspaced and not is_word(folded, match.start(), match.end(), self.lang):
                continue
            groups = match.groupdict()
            if groups.get("head") or groups.get("tnums") or groups.get("bnums"):
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
        groups = match.groupdict()
        if groups.get("head"):
            head, nums, post = _squash(match.group("head")), "nums", None
        elif groups.get("tnums"):
            nums, post = "tnums", "tpost"
            head = _template(match.group("pre"), match.group("tpost") or "")
        else:
            nums, post = "bnums", "bpost"
            head = _template("", match.group("bpost"))
        numbers = list(re.finditer(r"\d+" + _SUFFIX, match.group(nums)))
        found = []
        for index, number in enumerate(numbers):
            digits = re.match(r"\d+", number.group(0)).group(0)
            concept = self.numbered.get((head, digits))
            if concept is None:
                continue
            start = match.start(nums) + number.start()
            end = start + number.end() - number.start()
            if index == len(numbers) - 1 and post and match.group(post):
                end = match.end(post)  # "第68号决议": the words after the number are the name's
            found.append(Occurrence(match.start() if index == 0 else start, end, concept))
        return found


_SEPARATOR = "\x00"  # not a word character, not whitespace: ends a match, never in one


def _squash(text: str) -> str:
    return " ".join(text.split())


def _template(before: str, after: str) -> str:
    """The key of a head written around its number: "第" and "号决议" -> "第{n}号决议"."""
    return "".join(before.split()) + "{n}" + "".join(after.split())


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
    templates: set[tuple[str, str]] = set()  # (before, after) the number, folded
    for concept in termbase.concepts:
        entry = concept.terms.get(lang)
        if entry is None:
            continue
        if concept.number and entry.heads:
            for head in entry.heads:
                if "{n}" in head:
                    before, _, after = (fold(part.strip()) for part in head.partition("{n}"))
                    templates.add((before, after))
                    numbered[(_template(before, after), concept.number)] = concept.id
                    continue
                for inflected in inflections(head, lang):
                    numbered[(_squash(fold(inflected)), concept.number)] = concept.id
        else:
            for form in surface_forms(entry):
                for inflected in inflections(form, lang):
                    forms.setdefault(_squash(fold(inflected)), concept.id)
        for stop in entry.stop:
            forms.setdefault(_squash(fold(stop)), None)
    parts = []
    conj = "|".join(re.escape(c) for c in _conjunctions(lang))
    number = rf"(?<!\d)\d+{_SUFFIX}(?!\d)"
    numbers = rf"{number}(?:(?:\s*[,，、]\s*|\s*(?:{conj})\s*){number})*"
    heads = {h for h, _ in numbered if "{n}" not in h}
    if heads:
        parts.append(rf"(?P<head>{trie_pattern(heads)})\s+"
                     rf"(?:{_MARKER}\s*)?(?P<nums>{numbers})")
    if any(before for before, _ in templates):
        after = trie_pattern({a for b, a in templates if b and a}, space=r"\s*")
        parts.append(rf"(?P<pre>{trie_pattern({b for b, _ in templates if b})})\s*"
                     rf"(?:{_MARKER}\s*)?(?P<tnums>{numbers})(?:\s*(?P<tpost>{after}))?")
    if any(not before for before, _ in templates):
        after = trie_pattern({a for b, a in templates if not b}, space=r"\s*")
        parts.append(rf"(?P<bnums>{numbers})\s*(?P<bpost>{after})")
    if forms:
        parts.append(trie_pattern(forms))
    if not parts:
        return Matcher(None, forms, numbered, lang)
    # Without spaces between words, only Latin letters and digits next to a match say that
    # it is part of a longer word; the segmenter judges the rest.
    left, right = (r"(?<![a-z0-9])", r"(?![a-z0-9])") if lang in UNSPACED \
        else (r"(?<![\w-])", r"(?![\w])")
    pattern = re.compile(rf"{left}(?:{'|'.join(parts)}){right}")
    return Matcher(pattern, forms, numbered, lang)
