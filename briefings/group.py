"""Stage 5, group: the versions of one article in several languages, made one story.

A wrong "Also in" link is worse than none, so two seeds are linked only on evidence that
says translation, not topic (`compare.py`): shared facts in the same order with nothing
contradicting them, or the same page of a news site in two language editions, or the same
text twice (a near copy in one language). Pairs that share an event but not enough are not
linked: they are listed as possible translations, with the line an editor adds to confirm or
to keep them apart (`translation-of:`, `not-translation-of:`), and an editor's line always
wins over the evidence. A story has one version per language; a second one in a language
stays in the story only as an alternative rendering of the same article (a near copy, or a
second translation that shares much of the first one's wording).

Candidate pairs come from an index of rare facts, names and source addresses, so the cost
follows the number of shared facts, not the square of the number of seeds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Mapping

from .compare import NOTHING, Comparison, KeptComparisons, Rarity, compare
from .editors import EditorLines, editor_lines
from .evidence import Evidence, Source, evidence
from .model import Briefing, Problem
from .wording import shared_wording

MIN_WEIGHT = 5.0      # agreeing facts: two dates with their years and a number, or more
MIN_DENSITY = 0.75    # of the facts over the span both hold, the share that agrees
MIN_COVERAGE = 0.15   # the shared span covers this much of each text at least
# An abridged translation leaves out whole paragraphs and their facts, but contradicts none:
# this much agreement with (nearly) no conflict is a translation whatever it lacks.
ABRIDGED_WEIGHT, ABRIDGED_CONFLICT = 15.0, 0.1
POSSIBLE_WEIGHT = 2.5  # less than a link: listed as a possible translation, as are pairs
POSSIBLE_EVIDENCE = 4.0  # whose facts and names together weigh this much
AGREEING_CONFLICT = 0.25  # of the agreeing facts: the most two copies may contradict
COPY_WORDING = 0.5    # three-word sequences shared: a copy of the same text
RENDERING_WORDING = 0.3  # a second translation of the same original shares this much
SUGGESTIONS_PER_SEED = 4
MIN_COMMON, COMMON_SHARE = 12, 0.02  # keys in more seeds than this propose no pairs


@dataclass(frozen=True)
class Link:
    """Why two seeds are versions of one article."""

    a: str
    b: str
    kind: str           # "editor", "same page", "copy", "translation"
    strength: float
    comparison: Comparison = NOTHING

    def describe(self, langs: Mapping[str, str]) -> str:
        where = f"{self.a} ({langs[self.a]}) ~ {self.b} ({langs[self.b]})"
        if self.kind == "editor":
            return f"{where}: an editor's line"
        if self.kind == "same page":
            return f"{where}: the same page of a news site in two editions"
        if self.kind == "copy":
            return f"{where}: the same text"
        c = self.comparison
        return (f"{where}: {len(c.shared)} shared facts and names in order "
                f"({_listed(c.shared)}), weight {c.weight:.1f}, agreement {c.density:.2f}")


@dataclass(frozen=True)
class Suggestion:
    """Two seeds that may be translations: an editor decides."""

    a: str
    b: str
    lang_a: str
    lang_b: str
    evidence: str   # what they share, and why it was not enough
    strength: float

    def confirm_line(self) -> str:
        return f"translation-of: {_file(self.a)}"

    def separate_line(self) -> str:
        return f"not-translation-of: {_file(self.a)}"


@dataclass(frozen=True)
class Group:
    """The seeds of one story and how they were joined."""

    members: tuple[Briefing, ...]
    alternatives: frozenset[str]  # seeds kept as a second version in their language
    links: tuple[Link, ...]
    label: str | None             # the `story:` an editor gave


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]
    suggestions: tuple[Suggestion, ...]
    problems: tuple[Problem, ...]


def group_seeds(briefings: list[Briefing], found: Mapping[str, Evidence] | None = None,
                kept: KeptComparisons | None = None) -> Grouping:
    """The seeds grouped into stories, with the pairs an editor should look at.
    `found`: each seed's evidence where it was computed already (in the analysis workers);
    `kept`: the comparisons of the last grouping in this process (the preview's)."""
    briefings = sorted(briefings, key=lambda b: b.seed)
    by_seed = {b.seed: b for b in briefings}
    found = {b.seed: (found or {}).get(b.seed) or evidence(b) for b in briefings}
    lines, problems = editor_lines(briefings)
    rarity = Rarity.of(found.values()).after(kept.rarity if kept else None)
    links, near = _links(briefings, found, rarity, lines, kept.compare if kept else compare)
    if kept:
        kept.done(rarity)
    clusters = _Clusters(briefings, lines)
    clusters.join(links)
    groups = clusters.groups(by_seed)
    in_story = {b: i for i, g in enumerate(groups) for b in (m.seed for m in g.members)}
    suggestions = _suggestions(near + [l for l in links if in_story[l.a] != in_story[l.b]],
                               by_seed, groups, in_story, lines)
    return Grouping(tuple(groups), tuple(suggestions), tuple(problems))


def _links(briefings: list[Briefing], found: Mapping[str, Evidence], rarity: Rarity,
           lines: EditorLines, compare=compare) -> tuple[list[Link], list[Link]]:
    """The links between seeds, strongest first, and the pairs that came close."""
    links = [Link(a, b, "editor", float("inf")) for a, b in sorted(lines.confirmed)]
    near: list[Link] = []
    wording = shared_wording()
    for a, b in _candidates(briefings, found, rarity):
        if frozenset((a.seed, b.seed)) in lines.apart or lines.labelled_apart(a.seed, b.seed):
            continue
        ea, eb = found[a.seed], found[b.seed]
        c = compare(ea, eb, rarity)
        # Neither the same page nor the same wording makes one article of two texts whose
        # facts contradict each other (a source line copied into the wrong seed, the same
        # announcement on another day)
        agree = c.conflict <= AGREEING_CONFLICT * max(c.weight, 1.0)
        if a.lang != b.lang and agree and _same_page(ea.source, eb.source):
            links.append(Link(a.seed, b.seed, "same page", 1000.0, c))
            continue
        if a.lang == b.lang:
            share = wording(a, b)
            if share >= COPY_WORDING and agree:
                links.append(Link(a.seed, b.seed, "copy", 100.0 + share, c))
            elif c.weight >= POSSIBLE_WEIGHT:
                near.append(Link(a.seed, b.seed, "possible", c.strength, c))
            continue
        if translation(c):
            links.append(Link(a.seed, b.seed, "translation", c.strength, c))
        elif c.weight >= POSSIBLE_WEIGHT or (c.weight > 0
                                              and c.weight + c.names >= POSSIBLE_EVIDENCE):
            near.append(Link(a.seed, b.seed, "possible", c.strength, c))
    links.sort(key=lambda l: (-l.strength, l.a, l.b))
    return links, near


def translation(c: Comparison) -> bool:
    """Whether two versions' facts say translation, not topic."""
    if c.weight < MIN_WEIGHT or c.coverage < MIN_COVERAGE:
        return False
    return c.density >= MIN_DENSITY or (c.weight >= ABRIDGED_WEIGHT
                                        and c.conflict <= ABRIDGED_CONFLICT * c.weight)


def _candidates(briefings: list[Briefing], found: Mapping[str, Evidence], rarity: Rarity
                ) -> list[tuple[Briefing, Briefing]]:
    """Pairs that share a rare fact, a long name or a source page. A fact found in many
    seeds (a year, a round number, a resolution every article cites) says nothing about
    which two are translations, and pairing on it would compare every seed with every
    other."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, b in enumerate(briefings):
        for key in _index_keys(found[b.seed]):
            index[key].append(i)
    common = max(MIN_COMMON, int(len(briefings) * COMMON_SHARE))
    pairs = {pair for ids in index.values() if len(ids) <= common
             for pair in combinations(sorted(set(ids)), 2)}
    return [(briefings[i], briefings[j]) for i, j in sorted(pairs)]


def _index_keys(ev: Evidence) -> set[tuple]:
    """Two seeds are compared when they share one of these: no link or suggestion is made
    without a shared fact, except between copies of one text (which begin alike) and the
    editions of one page."""
    keys: set[tuple] = {fact for fact in ev.facts if fact[0] in ("doc", "date", "num", "code",
                                                                  "time")}
    if ev.opening:
        keys.add(("opening", ev.opening))
    if ev.source:
        if ev.source.number:
            keys.add(("page", ev.source.host, ev.source.number))
        if ev.source.slug:
            keys.add(("slug", ev.source.slug))
    return keys


def _same_page(a: Source | None, b: Source | None) -> bool:
    """The same article in two editions of a site: the same page number on one host, or the
    same long slug (six words or more on different hosts, which republish under the
    original's title)."""
    if not a or not b:
        return False
    if a.number and a.number == b.number and a.host == b.host:
        return True
    if a.slug and a.slug == b.slug:
        return a.host == b.host or len(a.slug) >= 6
    return False


class _Clusters:
    """Union-find of seeds into stories under the editors' lines, then one version per
    language: a second version stays only as an alternative rendering."""

    def __init__(self, briefings: list[Briefing], lines: EditorLines) -> None:
        self.lang = {b.seed: b.lang for b in briefings}
        self.order = [b.seed for b in briefings]
        self.position = {seed: i for i, seed in enumerate(self.order)}
        self.lines = lines
        self.briefings = {b.seed: b for b in briefings}
        self.links: list[Link] = []
        self.wording = shared_wording()
        self._index: dict[str, list[Link]] = {}
        self._index_of: list[Link] | None = None

    def join(self, links: list[Link]) -> None:
        self.links = list(links)
        while True:
            members = self._components(self.links)
            losers = [seed for group in members for seed in self._surplus(group)]
            if not losers:
                self.members = members
                return
            lost = set(losers)  # a version that does not fit keeps only its editor's links
            self.links = [l for l in self.links
                          if l.kind == "editor" or not ({l.a, l.b} & lost)]

    def _components(self, links: list[Link]) -> list[list[str]]:
        parent = {seed: seed for seed in self.order}
        label = {seed: self.lines.label(seed) for seed in self.order}

        def root(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        members = {seed: [seed] for seed in self.order}
        for link in links:
            ra, rb = root(link.a), root(link.b)
            if ra == rb or not self._may_join(members[ra], members[rb], label[ra], label[rb]):
                continue
            parent[rb] = ra
            members[ra] += members.pop(rb)
            label[ra] = label[ra] or label[rb]
        return [sorted(group) for _, group in sorted(members.items())]

    def _may_join(self, x: list[str], y: list[str], lx: str | None, ly: str | None) -> bool:
        if lx and ly and lx != ly:
            return False
        return not any(frozenset((a, b)) in self.lines.apart for a in x for b in y)

    def _surplus(self, group: list[str]) -> list[str]:
        """Second versions in a language that are not alternative renderings."""
        by_lang: dict[str, list[str]] = defaultdict(list)
        for seed in group:
            by_lang[self.lang[seed]].append(seed)
        support = self._support(group)
        surplus = []
        for seeds in by_lang.values():
            if len(seeds) < 2:
                continue
            kept = max(seeds, key=lambda s: (support[s], -self.position[s]))
            surplus += [s for s in seeds if s != kept
                        and not self._alternative(s, kept, support, group)]
        return surplus

    def _support(self, group: list[str]) -> dict[str, float]:
        """How strongly each seed is tied to the story's versions in other languages."""
        inside = set(group)
        support = dict.fromkeys(group, 0.0)
        for seed in group:
            for link in self._by_seed.get(seed, ()):
                other = link.b if link.a == seed else link.a
                if other in inside and self.lang[other] != self.lang[seed]:
                    support[seed] += min(link.strength, 1000.0)
        return support

    @property
    def _by_seed(self) -> dict[str, list[Link]]:
        if self._index_of is not self.links:
            index: dict[str, list[Link]] = defaultdict(list)
            for link in self.links:
                index[link.a].append(link)
                index[link.b].append(link)
            self._index, self._index_of = index, self.links
        return self._index

    def _alternative(self, seed: str, kept: str, support: dict[str, float],
                     group: list[str]) -> bool:
        """An editor put it in the story, or it is a further rendering of the same text."""
        if any(self.lines.confirmed_pair(seed, other) for other in group if other != seed):
            return True
        if any(l.kind == "copy" and {l.a, l.b} == {seed, kept} for l in self.links):
            return True
        share = self.wording(self.briefings[seed], self.briefings[kept])
        return share >= COPY_WORDING or (share >= RENDERING_WORDING and support[seed] > 0)

    def groups(self, by_seed: Mapping[str, Briefing]) -> list[Group]:
        result = []
        for seeds in self.members:
            inside = set(seeds)
            links = tuple(sorted({l for s in seeds for l in self._by_seed.get(s, ())
                                  if l.a in inside and l.b in inside},
                                 key=lambda l: (-l.strength, l.a, l.b)))
            kept = {}
            support = self._support(seeds)
            for seed in sorted(seeds, key=lambda s: (-support[s], self.position[s])):
                kept.setdefault(self.lang[seed], seed)
            alternatives = frozenset(inside - set(kept.values()))
            label = next((self.lines.label(s) for s in seeds if self.lines.label(s)), None)
            result.append(Group(tuple(by_seed[s] for s in seeds), alternatives, links, label))
        return result


def _suggestions(near: list[Link], by_seed: Mapping[str, Briefing], groups: list[Group],
                 in_story: dict[str, int], lines: EditorLines) -> list[Suggestion]:
    """Pairs in two stories that came close, the strongest first, a few per seed."""
    holding = [{m.lang: m.seed for m in reversed(g.members) if m.seed not in g.alternatives}
               for g in groups]
    chosen: list[Suggestion] = []
    per_seed: dict[str, int] = defaultdict(int)
    for link in sorted(near, key=lambda l: (-l.strength, l.a, l.b)):
        if in_story[link.a] == in_story[link.b] or frozenset((link.a, link.b)) in lines.apart:
            continue
        if per_seed[link.a] >= SUGGESTIONS_PER_SEED or per_seed[link.b] >= SUGGESTIONS_PER_SEED:
            continue
        per_seed[link.a] += 1
        per_seed[link.b] += 1
        a, b = by_seed[link.a], by_seed[link.b]
        why = _why_not(link)
        for one, other in ((a, b), (b, a)):  # linking them would put two in one language
            taken = holding[in_story[other.seed]].get(one.lang)
            if taken and taken != one.seed:
                why += f"; the story of {other.seed} has a {one.lang} version already: {taken}"
        chosen.append(Suggestion(link.a, link.b, a.lang, b.lang, why, link.strength))
    return sorted(chosen, key=lambda s: (s.a, s.b))


def _why_not(link: Link) -> str:
    c = link.comparison
    shared = f"share {_listed(c.shared)}" if c.shared else "share little"
    if link.kind == "translation":
        return f"{shared}, but another version in that language fits the story better"
    if link.kind in ("copy", "same page"):
        return f"{shared}; the same text, kept apart by the language rule"
    reasons = []
    if c.weight < MIN_WEIGHT:
        reasons.append(f"few facts in common (weight {c.weight:.1f} of {MIN_WEIGHT:.0f})")
    if c.density < MIN_DENSITY:
        reasons.append(f"facts that differ over the same span ({_listed(c.different)})"
                       if c.different else f"agreement {c.density:.2f}")
    if c.coverage < MIN_COVERAGE:
        reasons.append("a short shared span")
    return f"{shared}; not linked: " + ("; ".join(reasons) or "the same language")


def _listed(items, limit: int = 6) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _file(seed: str) -> str:
    return seed.rsplit("/", 1)[-1]
