"""Stage 5, group: translations of one article into a story.

Metadata cannot do it (translations carry other or no source addresses), so the evidence is
what survives translation: document numbers, dates in any notation, percentages, other numbers
and Latin acronyms. Two versions match when most of the smaller one's facts are in the other
(an abridged translation still matches) and appear in the same order (independent articles
about the same event share facts but not their sequence). Candidate pairs come from an inverted
index of facts, so the cost follows the number of shared facts, not the square of the seeds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import combinations
from typing import Mapping, Sequence

from slugify import slugify

from .dates import find_dates
from .model import BlockKind, Briefing, Story

MATCH_SCORE = 0.6
ALTERNATIVE_SCORE = 0.9
MIN_SHARED_WEIGHT = 4.0
MIN_COMMON, COMMON_SHARE = 12, 0.02  # facts in more seeds than this do not propose pairs
# Each pattern starts with the character class of its first character and checks what
# precedes it just after (`\d(?<!\w\d)` is `\b\d`): `re` then skips ahead to the next digit
# or capital instead of trying the whole pattern at every position of the text.
_DOC_NUMBER = re.compile(r"(\d(?<!\w\d)\d{0,4})\s?[-/]\s?"
                         r"([A-ZĐ]{1,5}(?:[-/][A-ZĐa-zđ]{1,5}){0,3})\b")
_NUMBER = re.compile(r"(\d(?<![\w.,]\d)"
                     r"(?:\d{0,2}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)|\d*(?:[.,]\d+)?))(?:\s?(%))?")
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9]{1,6}\b")
_WEIGHTS = {"doc": 4.0, "date": 3.0, "pct": 2.0, "num": 1.0, "year": 0.5, "acr": 0.5}


@dataclass(frozen=True)
class Evidence:
    facts: tuple[tuple[str, str], ...]  # (kind, value) in reading order, repeats removed

    # Computed once per seed, not once per candidate pair.
    @cached_property
    def weights(self) -> dict[tuple[str, str], float]:
        return {fact: _WEIGHTS[fact[0]] for fact in self.facts}

    @cached_property
    def total(self) -> float:
        return sum(self.weights.values())


def evidence(briefing: Briefing, block_facts: Sequence[Sequence[tuple[str, str]]] | None = None
             ) -> Evidence:
    """The facts of the article's text (not of its photo captions), in reading order, each
    once. `block_facts`: the facts of each block, when they are known already."""
    blocks = briefing.article.blocks
    if block_facts is None:
        block_facts = [facts_in(b.text, briefing.lang) for b in blocks]
    return Evidence(tuple(dict.fromkeys(
        fact for block, facts in zip(blocks, block_facts) if block.kind is not BlockKind.CAPTION
        for fact in facts)))


def facts_in(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """The facts that survive translation, in reading order, each once: document numbers,
    dates in any notation, percentages, numbers and Latin acronyms."""
    found: list[tuple[int, tuple[str, str]]] = []
    taken: set[int] = set()  # a number inside a date or document number counts once
    for m in _DOC_NUMBER.finditer(text):
        found.append((m.start(), ("doc", f"{m[1]}/{m[2]}".replace("Đ", "D").casefold())))
        taken.update(range(*m.span()))
    for position, year, month, day, end in find_dates(text, lang, spans=True):
        value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        found.append((position, ("date", value)))
        taken.update(range(position, end))
    for m in _NUMBER.finditer(text):
        if m.start() not in taken:
            fact = _number_fact(m[1], bool(m[2]))
            if fact:
                found.append((m.start(), fact))
    for m in _ACRONYM.finditer(text):
        if m.start() not in taken:
            found.append((m.start(), ("acr", m[0])))
    return tuple(dict.fromkeys(fact for _, fact in sorted(found)))


def _number_fact(raw: str, percent: bool) -> tuple[str, str] | None:
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+", raw):
        value = re.sub(r"\D", "", raw)  # 5 000, 1,000, 5.000: thousands
    else:
        value = raw.replace(",", ".")
    if percent:
        return ("pct", value)
    number = float(value)
    if number < 10 and not percent:
        return None  # small counts are as often spelled out ("three pillars") as written
    if value.isdigit() and 1900 <= number <= 2100:
        return ("year", value)
    return ("num", value)


@lru_cache(maxsize=100_000)  # the live preview groups the same unchanged seeds again
def similarity(a: Evidence, b: Evidence) -> tuple[float, list[tuple[str, str]]]:
    """Score in [0, 1] and the shared facts, strongest first."""
    wa, wb = a.weights, b.weights
    shared = [f for f in a.facts if f in wb]
    shared_weight = sum(wa[f] for f in shared)
    if shared_weight < MIN_SHARED_WEIGHT:
        return 0.0, shared
    containment = shared_weight / min(a.total, b.total)
    order = _lcs(shared, [f for f in b.facts if f in wa])
    order_ratio = order / len(shared)
    # shared is in a's reading order: a stable sort by weight keeps that order within a weight
    strongest = sorted(shared, key=lambda f: -_WEIGHTS[f[0]])
    # Most of the smaller version's facts must be in the other; facts out of order (shared
    # background figures of independent articles) lower the score.
    return containment * (0.5 + 0.5 * order_ratio), strongest


def _lcs(x: list, y: list) -> int:
    previous = [0] * (len(y) + 1)
    for item in x:
        current = [0]
        for j, other in enumerate(y):
            current.append(previous[j] + 1 if item == other else max(previous[j + 1],
                                                                      current[j]))
        previous = current
    return previous[-1]


def group_stories(briefings: list[Briefing],
                  facts: Mapping[str, Evidence] | None = None) -> list[Story]:
    """Stories, each with one version per language (plus alternatives), in a fixed order.
    `facts`: each seed's evidence where it was already found (in the analysis workers)."""
    briefings = sorted(briefings, key=lambda b: b.seed)
    explicit: dict[str, list[Briefing]] = defaultdict(list)
    automatic: list[Briefing] = []
    for briefing in briefings:
        story = briefing.article.front_matter.get("story")
        (explicit[slugify(story)] if story else automatic).append(briefing)
    groups = [(members, f"front matter story: {key}") for key, members in explicit.items()]
    groups += _cluster(automatic, facts or {})
    stories = [_story(members, reason) for members, reason in groups]
    return _unique_ids(sorted(stories, key=lambda s: (s.date is None, s.date, s.id),
                              reverse=False))


def _cluster(briefings: list[Briefing], known: Mapping[str, Evidence]
             ) -> list[tuple[list[Briefing], str]]:
    facts = [known.get(b.seed) or evidence(b) for b in briefings]
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(facts):
        for fact in ev.facts:
            if fact[0] in ("doc", "date", "pct", "num"):
                index[fact].append(i)
    # A fact found in many seeds (a year, a round number, a resolution every article cites)
    # says nothing about which two are translations, and pairing on it would compare every
    # seed with every other: only the rarer facts propose candidate pairs.
    common = max(MIN_COMMON, int(len(briefings) * COMMON_SHARE))
    candidates = {pair for ids in index.values() if len(ids) <= common
                  for pair in combinations(ids, 2)}
    scored = []
    for i, j in sorted(candidates):
        score, shared = similarity(facts[i], facts[j])
        if score >= MATCH_SCORE:
            scored.append((-score, i, j, shared))
    parent = list(range(len(briefings)))
    langs = [{b.lang} for b in briefings]
    reasons: dict[int, list[str]] = defaultdict(list)
    alternatives: set[int] = set()

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for negative, i, j, shared in sorted(scored, key=lambda s: (s[0], s[1], s[2])):
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        same_language = briefings[i].lang == briefings[j].lang
        if langs[ri] & langs[rj] and not (same_language and -negative >= ALTERNATIVE_SCORE
                                          and len(langs[rj]) == 1 and j not in alternatives):
            continue
        if langs[ri] & langs[rj]:
            alternatives.add(j)
        parent[rj] = ri
        langs[ri] |= langs[rj]
        reasons[ri] += reasons.pop(rj, [])
        reasons[ri].append(_reason(briefings[i], briefings[j], -negative, shared))
    clusters: dict[int, list[Briefing]] = defaultdict(list)
    for i, briefing in enumerate(briefings):
        clusters[root(i)].append(briefing)
    return [(members, "; ".join(reasons[r]) or "no other version found")
            for r, members in sorted(clusters.items())]


def _reason(a: Briefing, b: Briefing, score: float, shared: list[tuple[str, str]]) -> str:
    shown = ", ".join(value for _, value in shared[:6])
    more = f" and {len(shared) - 6} more" if len(shared) > 6 else ""
    return (f"{a.seed} ({a.lang}) ~ {b.seed} ({b.lang}): score {score:.2f}, "
            f"{len(shared)} shared facts in order ({shown}{more})")


def _story(members: list[Briefing], reason: str) -> Story:
    by_lang: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in members:
        by_lang[briefing.lang].append(briefing)
    versions = {lang: _preferred(found) for lang, found in sorted(by_lang.items())}
    alternatives = tuple(b for b in members if versions[b.lang] is not b)
    original = _original(list(versions.values()))
    title_source = versions[original]
    story_id = members[0].article.front_matter.get("story") or title_source.title
    return Story(id=slugify(story_id, max_length=60, word_boundary=True) or "story",
                 versions=versions, alternatives=alternatives, original=original,
                 reason=reason)


def _preferred(found: list[Briefing]) -> Briefing:
    marked = [b for b in found if b.original]
    return marked[0] if marked else max(found, key=lambda b: (len(b.article.blocks),
                                                              -found.index(b)))


def _original(versions: list[Briefing]) -> str:
    """The version marked original, else the most complete one (originals keep every
    caption and paragraph; translations are often abridged)."""
    marked = [b for b in versions if b.original]
    chosen = marked[0] if marked else max(versions, key=lambda b: (len(b.article.blocks),
                                                                    b.lang))
    return chosen.lang


def _unique_ids(stories: list[Story]) -> list[Story]:
    seen: dict[str, int] = {}
    unique = []
    for story in sorted(stories, key=lambda s: (min(b.seed for b in s.versions.values()))):
        count = seen.get(story.id, 0) + 1
        seen[story.id] = count
        # slugify never writes "--", so a suffix like this cannot equal another story's id
        unique.append(story if count == 1 else _renamed(story, f"{story.id}--{count}"))
    return sorted(unique, key=lambda s: (s.date is not None, s.date, s.id), reverse=True)


def _renamed(story: Story, new_id: str) -> Story:
    return replace(story, id=new_id)
