"""The grouping measured on real articles: `../shared/corpus/` (beginnings of public news pages in
many languages and scripts, with gold labels). It is not in the repository: where it is absent
(a user's clone) these tests skip and say so."""

from __future__ import annotations


import pytest

from briefings.evaluate import evaluate, table
from conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def measured():
    if not (CORPUS / "gold.json").is_file():
        pytest.skip(f"no real corpus at {CORPUS}: the grouping is measured where it is present")
    return evaluate(CORPUS, REPO / "glossary" / "termbase.yml")


def test_links_between_versions_are_right_and_find_most_true_pairs(measured, capsys):
    with capsys.disabled():  # the figures per language pair, in the output of make test
        print("\n  grouping on the real corpus:\n" + "\n".join(
            "    " + line for line in table(measured).splitlines()))
    total = measured.total
    assert total.precision >= 0.98, measured.wrong
    assert total.recall >= 0.85, measured.missed


def test_possible_translations_hold_the_true_pairs_left_unlinked(measured):
    assert measured.total.suggestions_hold >= 0.95


def test_every_page_with_a_headline_gets_it_as_title(measured):
    right, having, wrong = measured.headlines
    assert wrong == () and right == having


def test_titles_keep_their_scripts_budget_and_are_never_a_caption(measured):
    from briefings.describe import title_budget
    from briefings.model import BlockKind

    for name, briefing in measured.briefings.items():
        assert len(briefing.title) <= title_budget(briefing.title), name
        captions = {b.text for b in briefing.article.blocks if b.kind is BlockKind.CAPTION}
        assert briefing.title.rstrip("…") not in captions, name
