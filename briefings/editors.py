"""The editors' word on the grouping, from the seeds' front matter.

    story: resolution-59-meeting      # this seed's story (and its address)
    translation-of: 003_report.txt    # is a version of that seed's article
    not-translation-of: 004_other.txt # is not, whatever the evidence says

Each value names a seed file (a list names several). An editor's line always wins over the
evidence; two lines that contradict each other are reported with both files, and the two
seeds are kept apart (a wrong link is worse than a missing one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .model import Briefing, Problem
from .urls import slug

CONFIRM, SEPARATE = "translation-of", "not-translation-of"


@dataclass(frozen=True)
class EditorLines:
    confirmed: frozenset[tuple[str, str]] = frozenset()   # (a, b) with a < b
    apart: frozenset[frozenset[str]] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # seed -> its `story:` slug

    def label(self, seed: str) -> str | None:
        return self.labels.get(seed)

    def labelled_apart(self, a: str, b: str) -> bool:
        """Two seeds an editor put in two different stories."""
        la, lb = self.labels.get(a), self.labels.get(b)
        return bool(la and lb and la != lb)

    def confirmed_pair(self, a: str, b: str) -> bool:
        return tuple(sorted((a, b))) in self.confirmed


def editor_lines(briefings: Iterable[Briefing]) -> tuple[EditorLines, list[Problem]]:
    briefings = list(briefings)
    by_file = {b.seed.rsplit("/", 1)[-1]: b.seed for b in briefings}
    known = {b.seed for b in briefings}
    problems: list[Problem] = []
    labels = {b.seed: slug(b.article.front_matter["story"])
              for b in briefings if b.article.front_matter.get("story")}
    said: dict[str, set[tuple[str, str]]] = {CONFIRM: set(), SEPARATE: set()}
    where: dict[tuple[str, str, str], str] = {}  # (key, a, b) -> the file that says it
    for briefing in briefings:
        for key in (CONFIRM, SEPARATE):
            for target in _values(briefing.article.front_matter.get(key)):
                other = by_file.get(target.rsplit("/", 1)[-1]) if target not in known else target
                if other is None or other == briefing.seed:
                    problems.append(Problem(briefing.seed, f"front matter '{key}: {target}' "
                                            "names no other seed in seeds/; write the file name "
                                            "of the other version", fatal=False))
                    continue
                pair = tuple(sorted((briefing.seed, other)))
                said[key].add(pair)
                where.setdefault((key, *pair), briefing.seed)
    confirmed, apart = set(said[CONFIRM]), {frozenset(p) for p in said[SEPARATE]}
    for pair in sorted(said[CONFIRM]):
        a, b = pair
        if frozenset(pair) in apart:
            problems.append(_contradiction(where[(CONFIRM, a, b)], where[(SEPARATE, a, b)],
                                           a, b, "one says translation-of, the other "
                                                 "not-translation-of"))
            confirmed.discard(pair)
        elif labels.get(a) and labels.get(b) and labels[a] != labels[b]:
            problems.append(_contradiction(a, b, a, b, f"translation-of joins two seeds whose "
                                           f"'story:' differ ({labels[a]}, {labels[b]})"))
            confirmed.discard(pair)
            apart.add(frozenset(pair))
    for pair in sorted(said[SEPARATE]):
        a, b = pair
        if labels.get(a) and labels.get(a) == labels.get(b):
            problems.append(_contradiction(a, b, a, b, f"not-translation-of separates two seeds "
                                           f"with the same 'story: {labels[a]}'"))
    confirmed |= _same_label_pairs(labels)
    confirmed -= {tuple(sorted(p)) for p in apart}
    return EditorLines(frozenset(confirmed), frozenset(apart), labels), problems


def _values(value) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _same_label_pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    """Seeds an editor gave the same `story:` are one story: each joined to the first."""
    first: dict[str, str] = {}
    pairs = set()
    for seed in sorted(labels):
        head = first.setdefault(labels[seed], seed)
        if head != seed:
            pairs.add((head, seed))
    return pairs


def _contradiction(file_a: str, file_b: str, a: str, b: str, what: str) -> Problem:
    other = file_b if file_a != file_b else (b if file_a == a else a)
    return Problem(file_a, f"editor lines contradict each other with {other}: {what}; the two "
                           f"seeds are kept apart until one of the lines is removed",
                   fatal=False)
