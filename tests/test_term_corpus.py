"""Glossary matching measured on sentences written for it: precision and recall per language."""

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
