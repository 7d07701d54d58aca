"""Glossary matching measured on sentences written for it: precision and recall per language."""

import json
import re
from pathlib import Path

import pytest
import yaml

from briefings.match import build_matcher
from briefings.termbase import load_termbase

REPO = Path(__file__).resolve().parent.parent
CORPUS = yaml.safe_load((Path(__file__).parent / "data/term_corpus.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def termbase():
    return load_termbase(REPO / "glossary/termbase.yml", root=REPO)[0]


@pytest.mark.parametrize("lang", sorted(CORPUS))
def test_precision_and_recall_are_perfect_on_the_corpus(termbase, lang, capsys):
    matcher = build_matcher(termbase, lang)
    true_positive = false_positive = false_negative = 0
    misses = []
    for case in CORPUS[lang]:
        text = case["text"]
        found = {(text[o.start:o.end], o.concept) for o in matcher.find(text)}
        expected = {tuple(pair) for pair in case["expect"]}
        true_positive += len(found & expected)
        false_positive += len(found - expected)
        false_negative += len(expected - found)
        misses += [("extra", f) for f in found - expected] + [("missed", e)
                                                               for e in expected - found]
    precision = true_positive / ((true_positive + false_positive) or 1)
    recall = true_positive / ((true_positive + false_negative) or 1)
    with capsys.disabled():
        print(f"\n  glossary matching {lang}: precision {precision:.2f}, recall {recall:.2f} "
              f"({true_positive} found)")
    assert misses == []
    assert precision == recall == 1.0


CORPUS_DIR = REPO.parent / "shared" / "corpus"
CORPUS_TERMS = yaml.safe_load((Path(__file__).parent / "data/corpus_terms.yml")
                              .read_text("utf-8"))
UNSPACED_OR_NEW = ("zh", "ja", "es", "de")


def test_real_articles_link_the_expected_terms_and_nothing_else(termbase, capsys):
    """Every article of the real corpus in a language of the termbase, matched as a briefing
    is: what it links is what a reader expects (tests/data/corpus_terms.yml), no more."""
    if not (CORPUS_DIR / "gold.json").exists():
        pytest.skip(f"the real corpus is not at {CORPUS_DIR}")
    gold = json.loads((CORPUS_DIR / "gold.json").read_text("utf-8"))["files"]
    langs = {lang for concept in termbase.concepts for lang in concept.terms}
    assert set(UNSPACED_OR_NEW) <= langs
    assert set(UNSPACED_OR_NEW) <= {info["lang"] for info in gold.values()}
    matchers = {lang: build_matcher(termbase, lang) for lang in langs}
    tallies: dict[str, list[int]] = {}
    wrong, missed = [], []
    for name, info in sorted(gold.items()):
        if info["lang"] not in langs:
            continue
        # The corpus adds a last line "Source: <url>" to each page; a briefing has no such line
        text = re.sub(r"\nSource: \S+\s*$", "", (CORPUS_DIR / "articles" / name)
                      .read_text("utf-8"))
        found = [(text[o.start:o.end], o.concept)
                 for o in matchers[info["lang"]].find(text)]
        expected = [tuple(pair) for pair in CORPUS_TERMS.get(name, [])]
        tally = tallies.setdefault(info["lang"], [0, 0, 0])
        for pair in set(found) | set(expected):
            right = min(found.count(pair), expected.count(pair))
            tally[0] += right
            tally[1] += found.count(pair) - right
            tally[2] += expected.count(pair) - right
            wrong += [(name, pair)] * (found.count(pair) - right)
            missed += [(name, pair)] * (expected.count(pair) - right)
    with capsys.disabled():
        for lang, (right, extra, lacking) in sorted(tallies.items()):
            precision = f"{right / (right + extra):.2f}" if right + extra else "n/a"
            print(f"\n  real corpus {lang}: {right} right, {extra} wrong, {lacking} missed, "
                  f"precision {precision}")
    assert wrong == [] and missed == []
    # the Japanese article's 政治局員 (a member of the Politburo) links the Politburo, and
    # the Spanish and German articles link their national assembly
    assert tallies["ja"][0] >= 1 and tallies["es"][0] >= 1 and tallies["de"][0] >= 1
