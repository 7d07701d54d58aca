"""Inputs that once crashed the build, lost a paragraph or misplaced a link."""

from __future__ import annotations

import datetime as dt

from briefings.candidates import Candidate, candidates_csv
from briefings.clean import clean
from briefings.dates import full_dates
from briefings.describe import describe
from briefings.pipeline import group_stories
from briefings.model import BlockKind, RawSeed
from briefings.project import load_project
from briefings.read import read_seed
from briefings.detect import detect_language
from conftest import make_project


def raw(text: str, front: dict | None = None, name: str = "t.txt") -> RawSeed:
    return RawSeed(path=f"seeds/{name}", text=text, front_matter=front or {}, encoding="utf-8",
                   body_line=1, digest=name)


def test_yaml_aliases_in_front_matter_are_refused_before_they_expand():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\ntitle: *b\n---\nText.\n"
    problems = read_seed("seeds/bomb.txt", bomb.encode())
    assert "aliases" in problems[0].reason and problems[0].line == 3


def test_a_date_with_a_time_in_front_matter_is_a_date():
    seed = read_seed("seeds/t.txt", b"---\ndate: 2025-08-26 10:00:00\n---\nText here.\n")
    assert seed.front_matter["date"] == dt.date(2025, 8, 26)


def test_a_paragraph_starting_with_updated_is_kept():
    article = clean(raw("Lead paragraph of the article.\nUpdated 12/2025 figures show that "
                        "exports grew 15% in the first eleven months.\nUpdated 8/26/2025"), "en")
    assert [b.text[:7] for b in article.blocks] == ["Lead pa", "Updated"]
    assert article.updated == "8/26/2025"


def test_prose_with_photo_words_is_not_a_caption():
    lines = ["Lead paragraph of the article about the city.",
             "The campaign will improve the city's image - images of clean streets will be shared.",
             "Museum shows - photographs from the war years are on display.",
             "The minister spoke to the press - Photo: Reuters (file)"]
    blocks = clean(raw("\n".join(lines)), "en").blocks
    assert [b.kind for b in blocks[1:3]] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert blocks[3].kind is BlockKind.CAPTION and blocks[3].credit == "Reuters (file)"


def test_front_matter_source_is_used():
    article = clean(raw("Text of the article.", {"source": "https://example.org/a"}), "en")
    assert article.source == "https://example.org/a"


def test_stories_with_the_same_title_never_share_a_page(tmp_path):
    briefings = [describe(clean(raw(text, name=name), "en"), "en", "t") for name, text in
                 [("a.txt", "Weekly briefing"), ("b.txt", "Weekly briefing"),
                  ("c.txt", "Weekly briefing 2")]]
    ids = [s.id for s in group_stories(briefings)[0]]
    assert len(set(ids)) == 3


def test_a_lead_without_words_still_gives_a_title_and_year_zero_is_no_date():
    briefing = describe(clean(raw("...\nThe real first sentence of the article."), "en"), "en", "t")
    assert briefing.title == "The real first sentence of the article"
    assert full_dates("On 0000/08/26 the committee met", "en") == []


def test_pseudo_languages_are_not_languages():
    seed = read_seed("seeds/t.txt", b"---\nlang: root\n---\nText of the article here.\n")
    assert "not a language code" in detect_language(seed).reason


def test_site_url_comes_from_the_environment(tmp_path, monkeypatch):
    root = make_project(tmp_path, samples=False)
    monkeypatch.setenv("SITE_URL", "https://news.example/briefs")
    assert load_project(root).site_url == "https://news.example/briefs/"


def test_csv_cells_cannot_become_spreadsheet_formulas():
    import csv
    import io

    out = candidates_csv([Candidate("s", 1, (("en", '=HYPERLINK("http://x","y")'),))], ["en"])
    cell = list(csv.reader(io.StringIO(out)))[1][2]
    assert cell == "'=HYPERLINK(\"http://x\",\"y\")"
