"""Candidate glossary terms for editors: phrases the articles put in quotes that the termbase
does not know yet, lined up across the translations of a story."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Mapping

from .match import Matcher
from .model import BlockKind, Briefing, Story

_QUOTED = re.compile(r"«\s*([^«»]{2,80}?)\s*»|“([^“”]{2,80}?)”|„([^„“”]{2,80}?)[“”]"
                     r'|"([^"\n]{2,80}?)"')
MAX_WORDS = 8


@dataclass(frozen=True)
class Candidate:
    story: str
    position: int  # the n-th new quoted phrase of the story's version in that language
    phrases: tuple[tuple[str, str], ...]  # (lang, phrase), one per language where lined up


def quoted_phrases(text: str) -> list[str]:
    found = []
    for match in _QUOTED.finditer(text):
        phrase = next(group for group in match.groups() if group).strip(" ,.;:")
        if 1 <= len(phrase.split()) <= MAX_WORDS and any(c.isalpha() for c in phrase):
            found.append(phrase)
    return found


def new_phrases(briefing: Briefing, matcher: Matcher) -> tuple[str, ...]:
    """A version's quoted phrases that are not a glossary term, in order, each once. It
    depends on the seed alone, so it is found with the seed's other facts, on every core."""
    phrases = []
    for block in briefing.article.blocks:
        if block.kind is BlockKind.HEADING:
            continue
        for phrase in quoted_phrases(block.text):
            known = matcher.find(phrase)
            if not any(o.start == 0 and o.end == len(phrase) for o in known):
                phrases.append(phrase)
    return tuple(dict.fromkeys(phrases))


def find_candidates(stories: list[Story], phrases_of: Mapping[str, tuple[str, ...]]
                    ) -> list[Candidate]:
    """The k-th unknown quoted phrase of each version is lined up with the k-th of the
    others: translations keep the quotes of their original, in the same order."""
    candidates = []
    for story in stories:
        per_language = {lang: phrases_of.get(briefing.seed, ())
                        for lang, briefing in sorted(story.versions.items())}
        longest = max((len(p) for p in per_language.values()), default=0)
        for index in range(longest):
            row = tuple((lang, phrases[index]) for lang, phrases in per_language.items()
                        if index < len(phrases))
            candidates.append(Candidate(story.id, index + 1, row))
    return candidates


@dataclass(frozen=True)
class CandidateRow:
    """One row of phrases, lined up across languages, and the stories that quote it."""

    phrases: tuple[tuple[str, str], ...]
    stories: tuple[str, ...]


def candidate_rows(candidates: list[Candidate]) -> list[CandidateRow]:
    """Each distinct row once: articles that quote the same slogan repeat it story after
    story, and an editor decides on it once. The rows most stories quote come first, then in
    the order the stories give them."""
    stories: dict[tuple, list[str]] = {}
    for candidate in candidates:
        quoting = stories.setdefault(candidate.phrases, [])
        if candidate.story not in quoting:
            quoting.append(candidate.story)
    order = sorted(enumerate(stories.items()), key=lambda item: (-len(item[1][1]), item[0]))
    return [CandidateRow(phrases, tuple(quoting)) for _, (phrases, quoting) in order]


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run: seed text starting with = + - @ is a formula there."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def candidates_csv(candidates: list[Candidate], languages: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["story", "position", *languages])
    for candidate in candidates:
        by_lang = dict(candidate.phrases)
        writer.writerow([candidate.story, candidate.position,
                         *(spreadsheet_safe(by_lang.get(lang, "")) for lang in languages)])
    return out.getvalue()
