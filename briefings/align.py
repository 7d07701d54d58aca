"""Stage 6b, align: which paragraphs of a story's versions say the same thing.

For two versions, Gale and Church's dynamic programme over the two lists of blocks, with
units 1-1, 1-0, 0-1, 2-1 and 1-2, scored by what survives translation: the facts of
`facts.facts_in` (numbers, dates in any notation, document numbers, acronyms), names and
cognates, the glossary concepts found in both, and relative length. The length ratio of the
pair of languages is learnt from the blocks that share the most facts, so that no table of
ratios is needed. For a story, every pair is
aligned and the pairs that fit best are kept (`align_story`), then the blocks they join make
the story's units (`story_units`), which the side-by-side page, the coverage of each
translation and the translation memory (TMX) read. Nothing here reads a file.
"""

from __future__ import annotations

import heapq
import math
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import regex
from threadpoolctl import threadpool_limits

from .analyse import available_cores
from .facts import facts_in
from .names import plain
from .model import Block, BlockKind, Occurrence, Story, StoryAlignment

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
# An uppercase letter (Unicode's Lu, which Python's `re` cannot name), then letters
_CAPITALISED = r"\p{Lu}[^\W\d_]*"
# A run of capitalised words, each after one space or hyphen, starting where a word starts
_NAME_RUN = regex.compile(rf"(?<![^\W\d_]){_CAPITALISED}(?:[ -]{_CAPITALISED})+(?![^\W\d_])")


def names_in(text: str) -> set[tuple[str, str]]:
    found = set()
    for run in _NAME_RUN.findall(text):
        words = [plain(word) for word in _WORD.findall(run)]
        for size in range(2, min(len(words), 4) + 1):  # "Prime Minister Pham Minh Chinh"
            for first in range(len(words) - size + 1):  # holds "Pham Minh Chinh"
                found.add(("name", " ".join(words[first:first + size])))
    return found


def stems_in(text: str) -> set[tuple[str, str]]:
    """Word beginnings without accents: cognates of two Latin-script languages
    ("intégration", "integration") and names share them; other scripts share none."""
    return {_stem(word) for word in set(_LONG_WORD.findall(text))}


_LONG_WORD = re.compile(rf"[^\W\d_]{{{STEM + 1},}}")  # whole words longer than a stem


@lru_cache(maxsize=65_536)
def _stem(word: str) -> tuple[str, str]:
    return ("stem", plain(word)[:STEM])


def sides(blocks: Sequence[Block], occurrences: Sequence[Sequence[Occurrence]],
          lang: str, block_facts: Sequence[Sequence[tuple[str, str]]] | None = None
          ) -> list[Side]:
    """What the aligner compares of each block. `block_facts`: each block's `facts_in`,
    when the grouping evidence has them already."""
    if block_facts is None:
        block_facts = [facts_in(block.text, lang) for block in blocks]
    return [Side(len(block.text), frozenset(block_facts[i]) | names_in(block.text)
                 | stems_in(block.text),
                 frozenset(o.concept for o in (occurrences[i] if i < len(occurrences) else ())),
                 block.kind is BlockKind.CAPTION, block.kind is BlockKind.HEADING)
            for i, block in enumerate(blocks)]


def align(left: Sequence[Side], right: Sequence[Side]) -> list[Unit]:
    """The cheapest monotone sequence of units covering both lists."""
    prepared = _prepare({"left": left, "right": right})
    return _align(prepared["left"], prepared["right"])[0]


MOVES = ((1, 1), (1, 0), (2, 1), (1, 2), (0, 1))
_FROM_LEFT = 4
# -log of the two-sided normal tail, tabulated: numpy has no erfc, and past 3 the cap applies
_GRID = np.linspace(0.0, 3.0, 3001)
_TAIL = np.array([min(-math.log(max(math.erfc(x / math.sqrt(2)), 1e-12)), LENGTH_CAP)
                  for x in _GRID])


@dataclass(frozen=True)
class _Spans:
    """Every span of one or of two consecutive blocks of a version, as a unit would hold
    them: row k is blocks k (and k+1)."""

    items: np.ndarray      # spans x vocabulary, 1.0 where the span holds the item
    length: np.ndarray
    facts: np.ndarray      # holds facts (not only glossary terms)
    furniture: np.ndarray  # a caption or a heading is in it


@dataclass(frozen=True)
class _Version:
    """One version as the dynamic programme reads it."""

    spans: dict[int, _Spans]  # 1: single blocks, 2: two consecutive blocks
    skip: np.ndarray          # the cost of leaving each block out

    def __len__(self) -> int:
        return len(self.skip)


def _prepare(versions: dict[str, Sequence[Side]]) -> dict[str, _Version]:
    """Each version's blocks as rows of one matrix of facts and terms (shared columns)."""
    known = {item: None for side in versions.values() for block in side
             for part in (block.facts, block.terms) for item in part}
    vocabulary = {item: column for column, item in enumerate(known)}
    prepared = {}
    for lang, side in versions.items():
        items = np.zeros((len(side), len(vocabulary)))
        rows, columns = [], []
        for row, block in enumerate(side):
            for part in (block.facts, block.terms):
                rows += [row] * len(part)
                columns += [vocabulary[item] for item in part]
        items[rows, columns] = 1.0
        length = np.array([block.length for block in side], dtype=float)
        facts = np.array([bool(block.facts) for block in side], dtype=bool)
        furniture = np.array([block.caption or block.heading for block in side], dtype=bool)
        # An editor's heading or a photo's caption is often left out of a translation.
        skip = np.where(furniture, SKIP / 2, SKIP)
        prepared[lang] = _Version(
            {1: _Spans(items, length, facts, furniture),
             2: _Spans(np.maximum(items[:-1], items[1:]), length[:-1] + length[1:],
                       facts[:-1] | facts[1:], furniture[:-1] | furniture[1:])}, skip)
    return prepared


def _align(left: _Version, right: _Version) -> tuple[list[Unit], float]:
    """The units, and their cost per block (lower: the two versions fit better).

    Every unit's cost is computed at once as a matrix (numpy), and the dynamic programme
    runs a row at a time: a row's 0-1 moves are a running minimum."""
    n, m = len(left), len(right)
    if not n or not m:
        units = [Unit((i,), ()) for i in range(n)] + [Unit((), (j,)) for j in range(m)]
        return units, (SKIP if n + m else 0.0)
    costs = _unit_costs(left, right)
    skip_left, skip_right = left.skip, right.skip
    before = np.concatenate(([0.0], np.cumsum(skip_right)))  # 0-1 moves up to each column
    cost = np.full((n + 1, m + 1), np.inf)
    step = np.zeros((n + 1, m + 1), dtype=np.int8)  # index into MOVES
    cost[0] = before
    step[0, 1:] = _FROM_LEFT
    for i in range(1, n + 1):
        options = np.full((4, m + 1), np.inf)
        options[0, 1:] = cost[i - 1, :-1] + costs[(1, 1)][i - 1]
        options[1] = cost[i - 1] + skip_left[i - 1]
        if i >= 2:
            options[2, 1:] = cost[i - 2, :-1] + costs[(2, 1)][i - 2]
        if m >= 2:
            options[3, 2:] = cost[i - 1, :-2] + costs[(1, 2)][i - 1]
        chosen = options.argmin(axis=0)
        base = options[chosen, np.arange(m + 1)]
        # cost[i, j] = min(base[j], cost[i, j-1] + skip_right[j-1]), for every j at once
        running = np.minimum.accumulate(base - before)
        cost[i] = running + before
        step[i] = np.where(running < base - before, _FROM_LEFT, chosen)
    units = []
    i, j = n, m
    while i or j:
        di, dj = MOVES[step[i, j]]
        units.append(Unit(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return units[::-1], float(cost[n, m]) / (n + m)


def _unit_costs(left: _Version, right: _Version) -> dict[tuple[int, int], np.ndarray]:
    """The cost of every 1-1, 2-1 and 1-2 unit: `[(2, 1)][i, j]` is left blocks i, i+1
    against right block j."""
    spans_a, spans_b = left.spans, right.spans
    # An item's weight: log(blocks / blocks holding it). "Resolution 59" in every paragraph
    # says little about which two paragraphs are translations; a date found twice says a lot.
    found = spans_a[1].items.sum(axis=0) + spans_b[1].items.sum(axis=0)
    weight = np.log((len(left) + len(right) + 1) / np.maximum(found, 1))
    # In steps of 2^-20: every sum of weights is then exact, whatever the order of the items
    # (a set's order changes from run to run), so the same input gives the same alignment.
    weight = np.round(weight * 2.0 ** 20) / 2.0 ** 20
    evidence = {(sa, sb): _evidence(spans_a[sa], spans_b[sb], weight)
                for sa, sb in ((1, 1), (2, 1), (1, 2))}
    ratio = _length_ratio(evidence[(1, 1)], spans_a[1].length, spans_b[1].length)
    costs = {}
    for (sa, sb) in ((1, 1), (2, 1), (1, 2)):
        span_a, span_b = spans_a[sa], spans_b[sb]
        cost = _length_cost(span_a.length[:, None], span_b.length[None, :], ratio)
        cost = cost - evidence[(sa, sb)]
        if sa + sb == 3:  # a caption is its own unit: it sits beside its photo, not in a text
            cost = cost + MERGE
            cost[span_a.furniture[:, None] | span_b.furniture[None, :]] = np.inf
        costs[(sa, sb)] = cost
    return costs


def _evidence(a: _Spans, b: _Spans, weight: np.ndarray) -> np.ndarray:
    """What sharing facts and terms saves each pair of spans: up to EVIDENCE when they share
    all their items; two spans with facts of their own and none in common cost CONFLICT."""
    shared = (a.items * weight) @ b.items.T
    totals = (a.items @ weight)[:, None] + (b.items @ weight)[None, :]
    conflict = np.where(a.facts[:, None] & b.facts[None, :], -CONFLICT, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(shared > 0, EVIDENCE * 2 * shared / totals, conflict)


def _length_cost(la: np.ndarray, lb: np.ndarray, ratio: float) -> np.ndarray:
    """-log P(these lengths | translations), Gale and Church's normal model, capped: an
    abridged translation shortens paragraphs too, so a length that does not fit must not
    outweigh the facts two paragraphs share."""
    mean = (la + lb / ratio) / 2
    delta = np.abs(lb - la * ratio) / np.sqrt(np.maximum(mean, 1.0) * VARIANCE)
    cost = np.interp(delta, _GRID, _TAIL, right=LENGTH_CAP)
    return np.where(la + lb == 0, 0.0, cost)


def _length_ratio(evidence: np.ndarray, la: np.ndarray, lb: np.ndarray) -> float:
    """Characters of the right language per character of the left, from the block pairs that
    are each other's best match by evidence (the totals are wrong for abridged versions)."""
    best_right, best_left = evidence.argmax(axis=1), evidence.argmax(axis=0)
    rows = [i for i, j in enumerate(best_right)
            if evidence[i, j] > EVIDENCE / 4 and best_left[j] == i]
    if len(rows) >= 3:
        return float(lb[best_right[rows]].sum() / max(1.0, la[rows].sum()))
    total_left, total_right = la.sum(), lb.sum()
    return float(total_right / total_left) if total_left and total_right else 1.0


def align_story(versions: dict[str, Sequence[Side]]) -> dict[tuple[str, str], set[tuple[int, int]]]:
    """Aligned block pairs for every two versions of a story, `(a, b)` with a < b.

    Versions in two scripts share only numbers and glossary terms, too little to align on.
    So every pair is aligned, the pairs that fit best form a spanning tree, and each other
    pair is derived through the tree: Russian through French, French through English, and so
    on, wherever the evidence is."""
    langs = sorted(versions)
    prepared = _prepare(versions)
    direct = {}
    for a_index, a in enumerate(langs):
        for b in langs[a_index + 1:]:
            units, cost = _align(prepared[a], prepared[b])
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


def aligned_pairs(units: Sequence[Unit]) -> set[tuple[int, int]]:
    """Every (left, right) block pair a unit puts side by side: what precision and recall of
    an alignment are measured on."""
    return {(i, j) for unit in units for i in unit.left for j in unit.right}


def story_units(pairs: Mapping[tuple[str, str], set[tuple[int, int]]],
                sizes: Mapping[str, int], order: Sequence[str]
                ) -> list[dict[str, tuple[int, ...]]]:
    """The story's units across all its versions, in reading order: every block of every
    version in exactly one unit, each version's blocks in their order.

    Blocks joined by an aligned pair are one unit (a 2-1 in one pair and a 1-2 in another
    make one unit of five blocks). A unit must hold a run of consecutive blocks of each
    version, so what lies between two of its blocks joins it, and units that no order can
    keep (pairs that cross through a third version) become one. Ties in the order go to the
    languages of `order` (the original first)."""
    parent = {(lang, i): (lang, i) for lang, size in sizes.items() for i in range(size)}

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a, b) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_a] = root_b

    for (a, b), found in sorted(pairs.items()):
        for i, j in sorted(found):
            join((a, i), (b, j))
    while True:
        joined = True
        while joined:  # a unit holds consecutive blocks of each version
            joined = False
            for lang, size in sizes.items():
                spans: dict[tuple[str, int], tuple[int, int]] = {}
                for i in range(size):
                    low, _ = spans.get(find((lang, i)), (i, i))
                    spans[find((lang, i))] = (low, i)
                for low, high in spans.values():
                    for k in range(low, high):
                        if find((lang, k)) != find((lang, high)):
                            join((lang, k), (lang, high))
                            joined = True
        members: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for node in sorted(parent, key=lambda node: (order.index(node[0]), node[1])):
            members.setdefault(find(node), []).append(node)
        units = list(members.values())
        done, cycle = _reading_order(units, sizes, order)
        if not cycle:
            break
        for number in cycle[1:]:
            join(units[cycle[0]][0], units[number][0])
    return [{lang: tuple(i for other, i in units[n] if other == lang)
             for lang in order if any(other == lang for other, _ in units[n])}
            for n in done]


def _reading_order(units: list[list[tuple[str, int]]], sizes: Mapping[str, int],
                   order: Sequence[str]) -> tuple[list[int], list[int]]:
    """Units in an order that keeps each version's chain of blocks (Kahn), the one earliest
    in the languages of `order` first; or, when the chains cross, units that form a cycle."""
    unit_of = {node: number for number, unit in enumerate(units) for node in unit}
    after: dict[int, set[int]] = {n: set() for n in range(len(units))}
    before: dict[int, set[int]] = {n: set() for n in range(len(units))}
    for lang, size in sizes.items():
        for i in range(size - 1):
            first, then = unit_of[(lang, i)], unit_of[(lang, i + 1)]
            if first != then:
                after[first].add(then)
                before[then].add(first)
    waiting = [len(before[n]) for n in range(len(units))]
    rank = [(order.index(unit[0][0]), unit[0][1]) for unit in units]
    ready = [(rank[n], n) for n in range(len(units)) if not waiting[n]]
    heapq.heapify(ready)
    done: list[int] = []
    while ready:
        _, n = heapq.heappop(ready)
        done.append(n)
        for then in sorted(after[n]):
            waiting[then] -= 1
            if not waiting[then]:
                heapq.heappush(ready, (rank[then], then))
    if len(done) == len(units):
        return done, []
    # Every unit left waits for another unit left: walking back from one must come round.
    left = set(range(len(units))) - set(done)
    path, node = [], min(left)
    while node not in path:
        path.append(node)
        node = min(n for n in before[node] if n in left)
    return [], path[path.index(node):]


def coverage(units: Sequence[Mapping[str, tuple[int, ...]]], original: str,
             paragraphs: set[int]) -> dict[str, float]:
    """Per translation, the share of the original's paragraphs (not its headings or
    captions) that sit in a unit where the translation has text."""
    languages = sorted({lang for unit in units for lang in unit} - {original})
    total = len(paragraphs)
    return {lang: round(sum(1 for unit in units if lang in unit
                            for i in unit.get(original, ()) if i in paragraphs)
                        / total, 4) if total else 0.0 for lang in languages}


PARALLEL_FROM = 100  # stories; fewer are aligned in the calling process
CHUNK = 25


@dataclass(frozen=True)
class Found:
    """What the per-seed stages found in each block of a seed: glossary concepts (match)
    and facts (`facts.facts_in`)."""

    occurrences: Sequence[Sequence[Occurrence]]
    facts: Sequence[Sequence[tuple[str, str]]]


def align_stories(stories: Sequence[Story], found: Mapping[str, Found], *,
                  workers: int | None = None, one: Callable | None = None) -> dict[str, Any]:
    """The alignment stage: every story with two or more versions (their alternatives, a
    second version in one language, are not aligned). Many stories are shared out among
    spawned worker processes, each sent its chunk of stories and what was found in their
    seeds only (a forked worker inherits the whole build and, as the collector and the
    reference counts touch its pages, copies it: at 10,000 stories two workers held 3.3 GB
    each); the result does not depend on the number of workers. `one(story, found)` is what
    is done for each story (default: `align_one`; the pipeline also titles the story there),
    a function of a module, so that a worker can import it."""
    one = one or align_one
    todo = [story for story in stories if len(story.versions) > 1]
    if workers is None:
        workers = available_cores() if len(todo) >= PARALLEL_FROM else 1
    if workers < 2:
        return {story.id: one(story, found) for story in todo}
    chunks = [(todo[start:start + CHUNK], _found_for(todo[start:start + CHUNK], found), one)
              for start in range(0, len(todo), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_one_thread,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        aligned = [a for part in pool.map(_align_chunk, chunks) for a in part]
    return {story.id: alignment for story, alignment in zip(todo, aligned)}


def _found_for(stories: Sequence[Story], found: Mapping[str, Found]) -> dict[str, Found]:
    return {briefing.seed: found[briefing.seed]
            for story in stories for briefing in story.versions.values()}


def _one_thread() -> None:
    """One BLAS thread per worker: the workers already fill the cores, and OpenBLAS threads
    that wait for work on a busy core made two workers four times slower than one."""
    threadpool_limits(limits=1)


def _align_chunk(chunk: tuple[list[Story], dict[str, Found], Callable]) -> list:
    stories, found, one = chunk
    return [one(story, found) for story in stories]


def align_one(story: Story, found: Mapping[str, Found]) -> StoryAlignment:
    versions = {lang: sides(briefing.article.blocks, found[briefing.seed].occurrences, lang,
                            found[briefing.seed].facts)
                for lang, briefing in story.versions.items()}
    order = [story.original] + sorted(lang for lang in versions if lang != story.original)
    units = story_units(align_story(versions), {lang: len(side) for lang, side in
                                                versions.items()}, order)
    paragraphs = {i for i, side in enumerate(versions[story.original])
                  if not side.caption and not side.heading}
    return StoryAlignment(tuple(units), coverage(units, story.original, paragraphs))
