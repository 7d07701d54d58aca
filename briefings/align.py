"""Paragraph alignment of two versions of a story (issue 7, its first part).

Gale and Church's dynamic programme over the two lists of blocks, with units 1-1, 1-0, 0-1,
2-1 and 1-2, scored by what survives translation: the facts of `group.facts_in` (numbers,
dates in any notation, document numbers, acronyms), the glossary concepts found in both, and
relative length. The length ratio of the pair of languages is learnt from the blocks that
share the most facts, so that no table of ratios is needed. Nothing here reads a file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from .group import facts_in
from .model import Block, BlockKind, Occurrence

SKIP = 4.6          # -log P(1-0 or 0-1), Gale and Church's prior
MERGE = 2.4         # -log P(2-1 or 1-2)
VARIANCE = 6.8      # of the length of a translation per character of the original
EVIDENCE = 25.0     # what a block pair sharing all its facts and terms saves
CONFLICT = 3.0      # two blocks with facts of their own and none in common
STEM = 5            # characters of a word compared as a cognate
LENGTH_CAP = 4.0    # the most a length mismatch costs


@dataclass(frozen=True)
class Unit:
    """Block indices of the left and of the right version that say the same thing."""

    left: tuple[int, ...]
    right: tuple[int, ...]


@dataclass(frozen=True)
class Side:
    """What the aligner knows of one block."""

    length: int
    facts: frozenset[tuple[str, str]]
    terms: frozenset[str]
    caption: bool
    heading: bool = False


# Two or more capitalised words in a row: a person's or a place's name, which Latin-script
# translations keep ("Phạm Minh Chính", "Pham Minh Chinh"); compared without accents.
_WORD = re.compile(r"[^\W\d_]+")


def names_in(text: str) -> set[tuple[str, str]]:
    found, run, end = set(), [], -1
    for match in (*_WORD.finditer(text), None):
        joined = match is not None and match.start() == end + 1 and text[end] in " -"
        if match is not None and match.group(0)[0].isupper() and (joined or not run):
            run.append(match.group(0))
        else:
            words = [_plain(word) for word in run]
            for size in range(2, min(len(words), 4) + 1):  # "Prime Minister Pham Minh Chinh"
                for first in range(len(words) - size + 1):  # holds "Pham Minh Chinh"
                    found.add(("name", " ".join(words[first:first + size])))
            run = [match.group(0)] if match is not None and match.group(0)[0].isupper() else []
        if match is not None:
            end = match.end()
    return found


def _plain(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def stems_in(text: str) -> set[tuple[str, str]]:
    """Word beginnings without accents: cognates of two Latin-script languages
    ("intégration", "integration") and names share them; other scripts share none."""
    return {("stem", _plain(word)[:STEM]) for word in _WORD.findall(text) if len(word) > STEM}


def sides(blocks: Sequence[Block], occurrences: Sequence[Sequence[Occurrence]],
          lang: str) -> list[Side]:
    return [Side(len(block.text), frozenset(facts_in(block.text, lang)) | names_in(block.text)
                 | stems_in(block.text),
                 frozenset(o.concept for o in (occurrences[i] if i < len(occurrences) else ())),
                 block.kind is BlockKind.CAPTION, block.kind is BlockKind.HEADING)
            for i, block in enumerate(blocks)]


def align(left: Sequence[Side], right: Sequence[Side]) -> list[Unit]:
    """The cheapest monotone sequence of units covering both lists."""
    return _align(left, right)[0]


@dataclass(frozen=True)
class _Span:
    """One block, or two consecutive blocks, of a version, as a unit would hold them."""

    length: int
    items: frozenset
    total: float       # weight of the items
    facts: bool        # holds facts (not only glossary terms)
    furniture: bool    # a caption or a heading is in it


def _spans(side: Sequence[Side], weight: dict) -> dict[tuple[int, int], _Span]:
    spans = {}
    for start in range(len(side)):
        for end in (start + 1, start + 2):
            if end > len(side):
                continue
            blocks = side[start:end]
            items = frozenset().union(*(b.facts | b.terms for b in blocks))
            spans[(start, end)] = _Span(sum(b.length for b in blocks), items,
                                        sum(weight[item] for item in items),
                                        any(b.facts for b in blocks),
                                        any(b.caption or b.heading for b in blocks))
    return spans


def _align(left: Sequence[Side], right: Sequence[Side]) -> tuple[list[Unit], float]:
    """The units, and their cost per block (lower: the two versions fit better)."""
    weight = _rarity(left, right)
    spans_left, spans_right = _spans(left, weight), _spans(right, weight)
    ratio = _length_ratio(left, right, spans_left, spans_right, weight)
    n, m = len(left), len(right)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            best, chosen = math.inf, (0, 0)
            for di, dj in moves:
                if di > i or dj > j or cost[i - di][j - dj] == math.inf:
                    continue
                total = cost[i - di][j - dj] + _unit_cost(
                    spans_left.get((i - di, i)), spans_right.get((j - dj, j)), di + dj,
                    ratio, weight)
                if total < best:
                    best, chosen = total, (di, dj)
            cost[i][j], step[i][j] = best, chosen
    units = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        units.append(Unit(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return units[::-1], cost[n][m] / max(1, n + m)


def align_story(versions: dict[str, Sequence[Side]]) -> dict[tuple[str, str], set[tuple[int, int]]]:
    """Aligned block pairs for every two versions of a story, `(a, b)` with a < b.

    Versions in two scripts share only numbers and glossary terms, too little to align on.
    So every pair is aligned, the pairs that fit best form a spanning tree, and each other
    pair is derived through the tree: Russian through French, French through English, and so
    on, wherever the evidence is."""
    langs = sorted(versions)
    direct = {}
    for a_index, a in enumerate(langs):
        for b in langs[a_index + 1:]:
            units, cost = _align(versions[a], versions[b])
            direct[(a, b)] = (aligned_pairs(units), cost)
    tree: dict[str, list[str]] = {lang: [] for lang in langs}
    joined = {langs[0]} if langs else set()
    while len(joined) < len(langs):  # Prim's algorithm on the cost per block
        a, b = min(((a, b) for (a, b) in direct if (a in joined) != (b in joined)),
                   key=lambda edge: (direct[edge][1], edge))
        tree[a].append(b)
        tree[b].append(a)
        joined |= {a, b}
    result = {}
    for a_index, a in enumerate(langs):
        for b in langs[a_index + 1:]:
            path = _path(tree, a, b)
            pairs = _pairs(direct, path[0], path[1])
            for x, y in zip(path[1:], path[2:]):
                step = _pairs(direct, x, y)
                pairs = {(i, k) for i, j in pairs for j2, k in step if j == j2}
            result[(a, b)] = pairs
    return result


def _pairs(direct, a: str, b: str) -> set[tuple[int, int]]:
    if (a, b) in direct:
        return direct[(a, b)][0]
    return {(j, i) for i, j in direct[(b, a)][0]}


def _path(tree: dict[str, list[str]], start: str, goal: str) -> list[str]:
    paths = [[start]]
    while paths:
        path = paths.pop()
        if path[-1] == goal:
            return path
        paths += [path + [n] for n in tree[path[-1]] if n not in path]
    raise ValueError(f"{goal} is not joined to {start}")


def _unit_cost(a: _Span | None, b: _Span | None, blocks: int, ratio: float,
               weight: dict) -> float:
    if a is None or b is None:  # an editor's heading or a photo's caption is often left out
        return SKIP / 2 if (a or b).furniture else SKIP
    if blocks == 3 and (a.furniture or b.furniture):
        return math.inf  # a caption is its own unit: it sits beside its photo, not in a text
    prior = MERGE if blocks == 3 else 0.0
    return prior + _length_cost(a.length, b.length, ratio) - _evidence(a, b, weight)


def _length_cost(la: int, lb: int, ratio: float) -> float:
    """-log P(these lengths | translations), Gale and Church's normal model."""
    if la + lb == 0:
        return 0.0
    mean = (la + lb / ratio) / 2
    delta = (lb - la * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # two-sided P(|Z| >= |delta|)
    # Capped: an abridged translation shortens paragraphs too, so a length that does not fit
    # must not outweigh the facts two paragraphs share.
    return min(-math.log(max(tail, 1e-12)), LENGTH_CAP)


def _rarity(left: Sequence[Side], right: Sequence[Side]) -> dict:
    """An item's weight: log(blocks / blocks holding it). "Resolution 59" in every paragraph
    says little about which two paragraphs are translations; a date found twice says a lot."""
    count: dict[object, int] = {}
    for side in (*left, *right):
        for item in (*side.facts, *side.terms):
            count[item] = count.get(item, 0) + 1
    blocks = len(left) + len(right)
    return {item: math.log((blocks + 1) / found) for item, found in count.items()}


def _evidence(a: _Span, b: _Span, weight: dict) -> float:
    if not a.items and not b.items:
        return 0.0
    shared = sum(weight[item] for item in a.items & b.items)
    if shared:
        return EVIDENCE * 2 * shared / (a.total + b.total)
    return -CONFLICT if a.facts and b.facts else 0.0


def _length_ratio(left: Sequence[Side], right: Sequence[Side], spans_left: dict,
                  spans_right: dict, weight: dict) -> float:
    """Characters of the right language per character of the left, from the block pairs that
    are each other's best match by evidence (the totals are wrong for abridged versions)."""

    def best(span: _Span, others: list[_Span]) -> int | None:
        scores = [_evidence(span, other, weight) for other in others]
        top = max(scores, default=0.0)
        return scores.index(top) if top > EVIDENCE / 4 else None

    ones_left = [spans_left[(i, i + 1)] for i in range(len(left))]
    ones_right = [spans_right[(j, j + 1)] for j in range(len(right))]
    pairs = []
    for i, span in enumerate(ones_left):
        j = best(span, ones_right)
        if j is not None and best(ones_right[j], ones_left) == i:
            pairs.append((span.length, ones_right[j].length))
    if len(pairs) >= 3:
        return sum(b for _, b in pairs) / max(1, sum(a for a, _ in pairs))
    total_left, total_right = sum(s.length for s in left), sum(s.length for s in right)
    return total_right / total_left if total_left and total_right else 1.0


def aligned_pairs(units: Sequence[Unit]) -> set[tuple[int, int]]:
    """Every (left, right) block pair a unit puts side by side: what precision and recall of
    an alignment are measured on."""
    return {(i, j) for unit in units for i in unit.left for j in unit.right}
