"""Two seeds' evidence weighed against each other: translation, or only the same topic?

Different articles about one event share some facts (its date, the resolution it concerns,
the names of who was there); a translation shares nearly all of them, in the same order, and
over the part of the article both copies hold it has no facts of its own where the other has
different ones. So two versions are compared by:

- the facts and names they share in the same order (a weighted longest common subsequence),
  each fact weighted by its kind and by how rare it is in the archive;
- between two shared facts, the facts each holds that the other lacks: where both hold
  facts of their own at the same place they say different things (a conflict, which
  different articles have); where only one does, the other left something out (an
  abridged translation, which costs less);
- how much of each text the shared span covers.

Nothing here reads a file.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Iterable

from .evidence import Evidence, Mark

KIND_WEIGHT = {"date": 4.0, "day": 2.0, "doc": 4.0, "code": 2.5, "num": 2.5, "time": 2.0,
               "year": 0.7}
NAME_WEIGHT, UNSURE_NAME_WEIGHT = 1.0, 0.7
LACK_COST = 0.3           # what an unmatched fact costs where the other text has none there
SMALL_ARCHIVE = 50        # in fewer seeds, how many share a fact says little about it
NEGLIGIBLE = 0.1          # a fact or name this common (in most seeds) is not compared
MIN_UNSURE_SOUNDS = 4     # a word of a caseless script confirms a name of four sounds or more
RARENESS_STEPS = 100      # a fact's rareness is counted in hundredths


@dataclass(frozen=True)
class Rarity:
    """In how many seeds of the archive each fact occurs: a fact every article of an event
    cites (its date, "Resolution 59") says little about which two are translations."""

    seeds: int
    found: dict[tuple[str, str], int]  # facts, and ("sound", skeleton) of names

    @classmethod
    def of(cls, evidences: Iterable[Evidence]) -> "Rarity":
        found: Counter = Counter()
        count = 0
        for ev in evidences:
            count += 1
            lookups = _lookups(ev)
            found.update(lookups.facts.keys())
            found.update(("sound", s) for s in _all_sounds(ev))
        return cls(count, dict(found))

    def after(self, previous: "Rarity | None") -> "Rarity":
        """This rarity, taking from `previous` (the last grouping's, in the preview) the
        signature of each seed none of whose facts' rareness moved since: an edit moves the
        counts of one seed's facts only, and most of them not by a hundredth."""
        if previous is None:
            return self
        size, old_size, new, old = self._size, previous._size, self.found, previous.found
        keys = (new.keys() | old.keys()) if size != old_size else \
            {key for key, _ in new.items() ^ old.items()}  # counts that changed
        moved = {key for key in keys
                 if _rareness(size, new.get(key, 1)) != _rareness(old_size, old.get(key, 1))}
        self.__dict__["_moved"] = ({key for key in moved if key[0] != "sound"},
                                   {key[1] for key in moved if key[0] == "sound"})
        self.__dict__["_inherited"] = previous._signatures
        return self

    @cached_property
    def _size(self) -> int:
        return max(self.seeds, SMALL_ARCHIVE) + 1

    def weight(self, key: tuple[str, str]) -> float:
        """The kind's weight, less for a fact many seeds share (1 for a fact of two seeds)."""
        return KIND_WEIGHT[key[0]] * self.rareness(key)


    def lack_weight(self, key: tuple[str, str]) -> float:
        """What a version's lacking the fact weighs: a translation drops sentences, and a
        fact many articles repeat says even less when one of them lacks it."""
        return KIND_WEIGHT[key[0]] * self.rareness(key) ** 2

    def rareness(self, key: tuple[str, str]) -> float:
        """1 for a fact or name of two seeds, 0 for one of every seed, in steps of
        1/RARENESS_STEPS: one seed more in the archive then leaves most facts' weights as
        they were, so the live preview compares again only the pairs whose weights moved."""
        return _rareness(self._size, self.found.get(key, 1))

    def signature(self, ev: Evidence) -> tuple:
        """What a comparison with `ev` takes from the archive: the rareness of each of its
        facts and names."""
        known = self._signatures.get(id(ev))
        if known is None or known[0] is not ev:
            lookups, found, size = _lookups(ev), self.found.get, self._size
            inherited = self.__dict__.get("_inherited", {}).get(id(ev))
            if inherited is not None and inherited[0] is ev:
                facts, sounds = self.__dict__["_moved"]
                if lookups.facts.keys().isdisjoint(facts) and \
                        sounds.isdisjoint(_all_sounds(ev)):
                    self._signatures[id(ev)] = inherited
                    return inherited[1]
            weights = tuple(_rareness(size, found(key, 1)) for key in lookups.facts) + tuple(
                _rareness(size, found(("sound", s), 1)) for s in _all_sounds(ev))
            known = self._signatures[id(ev)] = (ev, weights)
        return known[1]

    @cached_property
    def _signatures(self) -> dict[int, tuple]:
        return {}

    def notable(self, key: tuple[str, str]) -> bool:
        """Whether the fact weighs enough to be aligned: what nearly every seed has weighs
        nothing, and would only make the alignment slow."""
        return self.rareness(key) >= NEGLIGIBLE


@lru_cache(maxsize=65_536)
def _rareness(size: int, count: int) -> float:
    share = math.log(size / max(count, 1)) / math.log(size / 2)
    return round(max(0.0, min(1.0, share)) * RARENESS_STEPS) / RARENESS_STEPS


def _keys(mark: Mark) -> tuple[tuple[str, str], ...]:
    """A dated fact also counts as its day: "2 September 1945" shares "2 September"."""
    return _fact_keys(mark.kind, mark.key)


@lru_cache(maxsize=65_536)
def _fact_keys(kind: str, key: str) -> tuple[tuple[str, str], ...]:
    if kind == "date" and len(key) == 10:
        return (("date", key), ("day", key[5:]))
    if kind == "date":
        return (("day", key),)
    return ((kind, key),)


@dataclass(frozen=True)
class Comparison:
    weight: float        # the shared facts (not names), by kind and rarity
    names: float         # the shared names
    conflict: float      # facts both hold at the same place, not the same ones
    lack: float          # facts one holds where the other has none
    coverage: float      # the smaller share of either text between its first and last match
    shared: tuple[str, ...]     # the shared facts and names, in the order of the first text
    different: tuple[str, ...]  # the facts of the conflicts

    @property
    def density(self) -> float:
        """The share of the evidence that agrees, 1.0 when nothing disagrees."""
        total = self.weight + self.conflict + LACK_COST * self.lack
        return self.weight / total if total else 0.0

    @property
    def strength(self) -> float:
        """One number to rank links by: agreeing facts, plus names as far as facts agree."""
        return self.weight * self.density + 0.3 * min(self.names, self.weight)


NOTHING = Comparison(0.0, 0.0, 0.0, 0.0, 0.0, (), ())


def compare(a: Evidence, b: Evidence, rarity: Rarity) -> Comparison:
    """How two seeds' facts and names line up."""
    (left, compared_a), (right, compared_b) = _shared(a, b, rarity), _shared(b, a, rarity)
    pairs = _aligned(compared_a, compared_b, rarity)
    if not pairs:
        return NOTHING
    counted: dict[tuple[str, str], float] = {}
    names: dict[str, float] = {}
    for x, y, w in pairs:
        if x.kind == "name":
            names.setdefault(min(set(x.sounds).intersection(y.sounds) or x.sounds), w)
        else:
            counted.setdefault(_match_key(x, y), w)
    conflict, lack, different = _gaps(a, b, pairs, rarity)
    # What both texts hold spans from their first to their last shared mark, common or not
    span_a = left[-1].position - left[0].position
    span_b = right[-1].position - right[0].position
    coverage = min(span_a / max(a.length, 1), span_b / max(b.length, 1))
    return Comparison(sum(counted.values()), sum(names.values()), conflict, lack, coverage,
                      tuple(x.key for x, _, _ in pairs), tuple(different))


class KeptComparisons:
    """The comparisons of one grouping, kept for the next in the same process (the live
    preview): a pair is compared again only where one of its seeds' evidence changed, or how
    many seeds share one of their facts or names (`Rarity.signature`)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, int], tuple] = {}
        self._used: dict[tuple[int, int], tuple] = {}
        self.rarity: Rarity | None = None  # the last grouping's (`Rarity.after`)

    def compare(self, a: Evidence, b: Evidence, rarity: Rarity) -> Comparison:
        key = (id(a), id(b))
        signature = (rarity.signature(a), rarity.signature(b))
        known = self._kept.get(key)
        if known is None or known[0] is not a or known[1] is not b or known[2] != signature:
            known = (a, b, signature, compare(a, b, rarity))  # the evidence kept: ids stay
        self._used[key] = known
        return known[3]

    def done(self, rarity: Rarity | None = None) -> None:
        """The grouping is over: what it did not use is forgotten, its rarity kept for the
        next (`Rarity.after`)."""
        self._kept, self._used = self._used, {}
        self.rarity = rarity


def _shared(a: Evidence, b: Evidence, rarity: Rarity) -> tuple[list[Mark], list[Mark]]:
    """The marks of `a` that may match a mark of `b`, and of those the ones to align: the
    alignment leaves out what nearly every seed has (it weighs nothing, and would only make
    the alignment slow)."""
    own, other = _lookups(a), _lookups(b)
    notable = rarity.notable
    aligned: list[int] = []
    compared: list[int] = []
    for table, keys, fact in ((own.facts, other.facts.keys(), _same),
                              (own.sure, other.every, _sound),  # a sure name: any name
                              (own.unsure, other.sure.keys(), _sound)):  # a word: a sure name
        for key in table.keys() & keys:
            (aligned if notable(fact(key)) else compared).extend(table[key])
    marks, kept = a.marks, set(aligned)
    order = sorted(kept.union(compared))
    return [marks[i] for i in order], [marks[i] for i in order if i in kept]


def _same(key: tuple[str, str]) -> tuple[str, str]:
    return key


def _sound(sound: str) -> tuple[str, str]:
    return ("sound", sound)


@dataclass(frozen=True)
class _Lookups:
    """Where each fact key and name sound of a seed occurs (indices of its marks)."""

    facts: dict[tuple[str, str], tuple[int, ...]]
    sure: dict[str, tuple[int, ...]]    # sounds of capitalised or katakana names
    unsure: dict[str, tuple[int, ...]]  # sounds of words of caseless scripts, long enough
    every: set[str]               # every sound a name of the other seed may match


def prepare(ev: Evidence) -> Evidence:
    """What comparing the seed with others needs, computed now (in the analysis workers,
    on every core) rather than in the grouping."""
    _lookups(ev)
    return ev


def _lookups(ev: Evidence) -> _Lookups:
    """Computed once per seed, not once per pair."""
    found = ev.__dict__.get("_lookups")
    if found is None:
        facts: dict[tuple[str, str], list[int]] = defaultdict(list)
        sure: dict[str, list[int]] = defaultdict(list)
        unsure: dict[str, list[int]] = defaultdict(list)
        for index, mark in enumerate(ev.marks):
            if mark.kind != "name":
                for key in _keys(mark):
                    facts[key].append(index)
            else:
                for sound in mark.sounds:
                    if mark.sure:
                        sure[sound].append(index)
                    elif len(sound) >= MIN_UNSURE_SOUNDS:
                        unsure[sound].append(index)
        found = _Lookups(_tuples(facts), _tuples(sure), _tuples(unsure),
                         set(sure) | set(unsure))
        ev.__dict__["_lookups"] = found
    return found


def _tuples(found: dict) -> dict:
    """Tuples in place of lists: kept for every seed of the archive, a third smaller."""
    return {key: tuple(indices) for key, indices in found.items()}


def _all_sounds(ev: Evidence) -> dict[str, None]:
    """Every sound of the seed's names, in reading order, for the archive's counts."""
    return dict.fromkeys(s for m in ev.marks if m.kind == "name" for s in m.sounds)


def _match_weight(x: Mark, y: Mark, rarity: Rarity) -> float:
    if x.kind == "name" or y.kind == "name":
        if x.kind != y.kind or not (x.sure or y.sure):
            return 0.0
        common = set(x.sounds).intersection(y.sounds)
        if x.sure and y.sure:
            return NAME_WEIGHT if common else 0.0
        return UNSURE_NAME_WEIGHT if any(len(s) >= MIN_UNSURE_SOUNDS for s in common) \
            else 0.0
    key = _match_key(x, y)
    return rarity.weight(key) if key else 0.0


def _match_key(x: Mark, y: Mark) -> tuple[str, str] | None:
    """The fact two marks share: the same fact, or the same day of two dates."""
    if x.kind != y.kind:
        return None
    if x.key == y.key:
        return _keys(x)[0]
    if x.kind == "date" and x.key[-5:] == y.key[-5:]:
        return ("day", x.key[-5:])
    return None


def _aligned(left: list[Mark], right: list[Mark], rarity: Rarity
             ) -> list[tuple[Mark, Mark, float]]:
    """The heaviest sequence of marks matched in the same order in both texts (a weighted
    longest common subsequence). Each row of the table is a running maximum, computed at
    C speed; only the cells where two marks match are looked at one by one."""
    n, m = len(left), len(right)
    if not n or not m:
        return []
    where: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, y in enumerate(right):
        for key in (_keys(y) if y.kind != "name" else (("sound", s) for s in y.sounds)):
            where[key].append(j)
    best = [[0.0] * (m + 1)]
    matched: list[dict[int, float]] = []
    for x in left:
        above = best[-1]
        options = above[1:]
        found: dict[int, float] = {}
        keys = _keys(x) if x.kind != "name" else [("sound", s) for s in x.sounds]
        for j in {j for key in keys for j in where.get(key, ())}:
            w = _match_weight(x, right[j], rarity)
            if w > 0:
                found[j] = w
                if above[j] + w > options[j]:
                    options[j] = above[j] + w
        best.append([0.0, *accumulate(options, max)])
        matched.append(found)
    pairs = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((left[i - 1], right[j - 1], matched[i - 1][j - 1]))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _gaps(a: Evidence, b: Evidence, pairs: list[tuple[Mark, Mark, float]], rarity: Rarity
          ) -> tuple[float, float, list[str]]:
    """Between each two consecutive shared marks, the facts of each text that the other
    does not share: a conflict where both hold some, a lack where one does."""
    matched_a = {key for x, _, _ in pairs if x.kind != "name" for key in _keys(x)}
    matched_b = {key for _, y, _ in pairs if y.kind != "name" for key in _keys(y)}
    facts_a = [m for m in a.marks if m.kind != "name"]
    facts_b = [m for m in b.marks if m.kind != "name"]
    places_a = [m.position for m in facts_a]
    places_b = [m.position for m in facts_b]
    conflict = lack = 0.0
    different: list[str] = []
    for (x0, y0, _), (x1, y1, _) in zip(pairs, pairs[1:]):
        own_a = _own(facts_a, places_a, x0.position, x1.position, matched_a)
        own_b = _own(facts_b, places_b, y0.position, y1.position, matched_b)
        weight_a = sum(rarity.weight(_keys(mark)[0]) for mark in own_a)
        weight_b = sum(rarity.weight(_keys(mark)[0]) for mark in own_b)
        conflict += min(weight_a, weight_b)
        lacking = own_a if weight_a > weight_b else own_b
        lack += abs(weight_a - weight_b) * _lack_share(lacking, rarity)
        if own_a and own_b:
            different += [mark.key for mark in own_a + own_b]
    return conflict, lack, different


def _lack_share(marks: list[Mark], rarity: Rarity) -> float:
    full = sum(rarity.weight(_keys(mark)[0]) for mark in marks)
    return sum(rarity.lack_weight(_keys(mark)[0]) for mark in marks) / full if full else 0.0


def _own(facts: list[Mark], places: list[int], start: int, end: int,
         matched: set[tuple[str, str]]) -> list[Mark]:
    """The facts strictly between two places that are not shared, each key once."""
    seen: dict[tuple[str, str], Mark] = {}
    for mark in facts[bisect_right(places, start):bisect_left(places, end)]:
        key = _keys(mark)[0]
        if not any(k in matched for k in _keys(mark)):
            seen.setdefault(key, mark)
    return list(seen.values())
