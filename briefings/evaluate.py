"""Measure the grouping on a labelled corpus of real articles: `python -m briefings.evaluate DIR`.

DIR holds `articles/*.txt` and `gold.json` (`{"files": {name: {"lang", "story", ...}}}`), as
`../shared/corpus/` does: stories whose id starts with "D" are versions of one article, the
others single articles. Every two seeds the build puts in one story is a link; a link is right
when the gold puts both in the same "D" story. Printed per pair of languages: precision of the
links, recall of the true pairs, and how many of the true pairs left unlinked are among the
possible translations the editors are shown.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .analyse import Inputs, analyse_all
from .model import Briefing
from .pipeline import group_stories
from .termbase import load_termbase


@dataclass(frozen=True)
class Counts:
    linked: int = 0      # pairs the build linked
    right: int = 0       # of which the gold agrees
    true: int = 0        # pairs the gold has
    suggested: int = 0   # true pairs not linked, but suggested

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.linked + other.linked, self.right + other.right,
                      self.true + other.true, self.suggested + other.suggested)

    @property
    def precision(self) -> float:
        return self.right / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.true if self.true else 1.0

    @property
    def suggestions_hold(self) -> float:
        missed = self.true - self.right
        return self.suggested / missed if missed else 1.0


@dataclass(frozen=True)
class Evaluation:
    by_pair: dict[tuple[str, str], Counts]  # (lang, lang), sorted
    wrong: tuple[tuple[str, str], ...]      # linked, not in the gold
    missed: tuple[tuple[str, str], ...]     # in the gold, not linked
    languages_right: int
    files: int
    briefings: dict[str, Briefing] = field(default_factory=dict)  # file name -> briefing
    gold: dict[str, dict] = field(default_factory=dict)

    @property
    def headlines(self) -> tuple[int, int, tuple[tuple[str, str, str], ...]]:
        """Files whose title is the gold headline, files with a headline, and the others
        (file, title, headline)."""
        wrong = tuple((f, b.title, self.gold[f]["headline"]) for f, b in self.briefings.items()
                      if self.gold[f].get("headline") and b.title != self.gold[f]["headline"])
        having = sum(1 for f in self.briefings if self.gold[f].get("headline"))
        return having - len(wrong), having, wrong

    @property
    def total(self) -> Counts:
        return sum(self.by_pair.values(), Counts())


def evaluate(corpus: Path, termbase_file: Path) -> Evaluation:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["files"]
    termbase, _ = load_termbase(termbase_file, root=termbase_file.parent)
    paths = sorted((corpus / "articles").glob("*.txt"))
    analyses, _ = analyse_all(paths, root=corpus, inputs=Inputs(termbase))
    kept = [a for a in analyses if a.briefing]
    stories, grouping, _ = group_stories([a.briefing for a in kept],
                                         {a.name: a.evidence for a in kept})
    name = {a.name: Path(a.name).name for a in kept}
    lang = {name[a.name]: a.briefing.lang for a in kept}
    linked = {tuple(sorted(name[s] for s in pair)) for story in stories
              for pair in combinations([b.seed for b in (*story.versions.values(),
                                                         *story.alternatives)], 2)}
    true = {pair for pair in combinations(sorted(gold), 2)
            if gold[pair[0]]["story"] == gold[pair[1]]["story"]
            and gold[pair[0]]["story"].startswith("D")}
    suggested = {tuple(sorted((name[s.a], name[s.b]))) for s in grouping.suggestions}
    counts: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for pair in linked | true:
        key = tuple(sorted(gold[f]["lang"] for f in pair))
        counts[key] += Counts(int(pair in linked), int(pair in linked and pair in true),
                              int(pair in true),
                              int(pair in true and pair not in linked and pair in suggested))
    right_language = sum(1 for f, code in lang.items() if gold.get(f, {}).get("lang") == code)
    return Evaluation(dict(sorted(counts.items())), tuple(sorted(linked - true)),
                      tuple(sorted(true - linked)), right_language, len(gold),
                      {name[a.name]: a.briefing for a in kept}, gold)


def table(result: Evaluation) -> str:
    lines = ["languages  linked  right  true  precision  recall  suggested (of the unlinked)"]
    rows = [*result.by_pair.items(), (("all", ""), result.total)]
    for (a, b), c in rows:
        pair = f"{a}-{b}" if b else a
        lines.append(f"{pair:<9}  {c.linked:>6}  {c.right:>5}  {c.true:>4}  {c.precision:>9.2f}"
                     f"  {c.recall:>6.2f}  {c.suggested}/{c.true - c.right}")
    lines.append(f"languages detected right: {result.languages_right}/{result.files}")
    right, having, wrong = result.headlines
    lines.append(f"titles that are the page's headline: {right}/{having}")
    lines += [f"title: {f}: {title!r} (headline {headline!r})" for f, title, headline in wrong]
    lines += [f"wrong link: {a} ~ {b}" for a, b in result.wrong]
    lines += [f"missed: {a} ~ {b}" for a, b in result.missed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefings.evaluate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with articles/ and gold.json")
    parser.add_argument("--termbase", type=Path, default=Path("glossary/termbase.yml"))
    args = parser.parse_args(argv)
    print(table(evaluate(args.corpus, args.termbase)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
