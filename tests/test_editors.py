"""What the people who run the site see: the status page, `build.py --report`, the Atom feeds
and the edit button (issue 8)."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from briefings.cli import main
from conftest import make_project, read_page
from test_site import MEETING, STORY, briefing

SITE_URL = "https://example.github.io/briefings/"


def matrix(root: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Story id -> language -> (state, words) from the status page's table."""
    html = (root / "site" / "status" / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="status-matrix">(.*?)</table>', html, re.S)[1]
    languages = re.findall(r'<th scope="col" lang="([^"]+)"', table)
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        story = re.search(r"<small>([^ ]+) ·", row)[1]
        cells = re.findall(r'<td class="status-(\w+)">(?:<a [^>]*>)?([^<]*)(?:</a>)?</td>', row)
        rows[story] = dict(zip(languages, cells))
    return rows


def test_status_page_shows_each_story_in_each_language(built_samples):
    rows = matrix(built_samples)
    assert rows[STORY] == {"vi": ("original", "original"), "en": ("translation", "97%"),
                           "fr": ("abridged", "73% abridged"), "ru": ("abridged", "73% abridged")}
    lone = next(story for story in rows if story != STORY)
    assert rows[lone] == {"vi": ("missing", "missing"), "en": ("missing", "missing"),
                          "fr": ("original", "original"), "ru": ("missing", "missing")}
    text = read_page(built_samples / "site" / "status" / "index.html").text
    assert "Rejected seeds (0)" in text and "coordonner les opérations" in text
    assert "Possible translations (3)" in text
    assert re.search(r"seeds/001_\w+\.txt \(fr\) and seeds/003_\w+\.txt \(en\): share .*; "
                     r"to link them, add translation-of: 001_\w+\.txt to the front matter of "
                     r"seeds/003_\w+\.txt; to keep them apart, add not-translation-of: "
                     r"001_\w+\.txt", text)
    # why en and vi were grouped: their shared facts, and that none contradicts another
    assert re.search(r"seeds/003_\w+\.txt \(en\) ~ seeds/004_\w+\.txt \(vi\): \d+ shared facts "
                     r"and names in order \(.*1812/qd-ttg.*\), weight [\d.]+, agreement 0\.99", text)


def test_status_page_is_in_the_footer_not_in_the_readers_navigation(built_samples):
    page = read_page(briefing(built_samples, "fr"))
    footer = [link for link in page.links if "briefings-status" in link.get("class", "")]
    assert [(link["href"], link["text"].strip()) for link in footer] == [
        ("../../../status/", "État pour les rédacteurs")]
    for html in (built_samples / "site").rglob("*.html"):
        nav = re.findall(r'<nav class="md-nav.*?</nav>', html.read_text(encoding="utf-8"), re.S)
        assert not [n for n in nav if "status/" in n], html
    # Search indexes the article of a page marked for it (briefings.search): not this one
    status = (built_samples / "site" / "status" / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in status
    assert "data-pagefind-body" in briefing(built_samples, "fr").read_text("utf-8")


def test_report_prints_the_matrix_and_the_problems_without_building(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"photo.txt": bytes(range(256)) * 20})
    assert main(["--root", str(root), "--report", "--quiet"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith(STORY))
    assert row.split()[1:] == ["2025-08-26", "original", "97%", "73%", "abridged", "73%",
                               "abridged"]
    assert "in each language: vi 1/2, en 1/2, fr 2/2, ru 1/2" in out
    assert re.search(r"Rejected seeds \(1\):\n  seeds/photo.txt: this is not a text file", out)
    assert "\x1b[" not in out  # no colour codes: readable anywhere
    assert not (root / "site").exists() and not (root / "dist").exists()
    assert not (root / "stories.yml").exists()  # nothing written, the addresses neither
    # The lone French article shares Resolution 59 with the meeting story, not enough to be
    # linked: a possible translation, with its evidence and the line an editor adds.
    assert re.search(r"Possible translations \(3\): not linked; an editor decides\n"
                     r"  seeds/001_\w+\.txt \(fr\) and seeds/002_\w+\.txt \(ru\): share .*59.*"
                     r"not linked: .*\n    to link them, add `translation-of: 001_\w+\.txt` to "
                     r"the front matter of `seeds/002_\w+\.txt`; to keep them apart, add "
                     r"`not-translation-of: 001_\w+\.txt`", out)


@pytest.mark.parametrize("lang", sorted(MEETING))
def test_each_language_has_an_atom_feed_newest_first(built_samples, lang):
    path = built_samples / "site" / lang / "feed.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.updated and feed.feed.author
    assert feed.feed.id == f"{SITE_URL}{lang}/"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == f"{SITE_URL}{lang}/feed.xml"
    home = read_page(built_samples / "site" / lang / "index.html")
    listed = [link["href"] for link in home.links if link["href"].startswith("briefings/")]
    assert listed
    assert [entry.link for entry in feed.entries] == [
        f"{SITE_URL}{lang}/" + href.removeprefix("./") for href in listed]  # the home's order
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:  # no story was renamed: each id is its address
        assert entry.id == entry.link and entry.title and entry.summary
    head = read_page(briefing(built_samples, lang)).heads
    assert {"rel": "alternate", "type": "application/atom+xml",
            "title": feed.feed.title, "href": f"{SITE_URL}{lang}/feed.xml"} in head


def test_offline_pages_point_at_no_feed(built_samples, tmp_path):
    import zipfile

    with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as bundle:
        html = bundle.read(f"briefings-offline/en/briefings/{STORY}.html").decode("utf-8")
    assert "application/atom+xml" not in html


def test_edit_button_opens_the_seed_in_the_repository(tmp_path):
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "# repo_url: https://github.com/USER/REPO\n# edit_uri: edit/main/",
        "repo_url: https://github.com/newsroom/briefings\nedit_uri: edit/main/"),
        encoding="utf-8")
    assert main(["--root", str(root), "--quiet"]) == 0

    def edit_links(path: Path) -> list[str]:
        return re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"',
                          path.read_text(encoding="utf-8"))

    seed = next((root / "seeds").glob(f"{MEETING['en']}_*.txt")).name
    assert edit_links(briefing(root, "en")) == [
        f"https://github.com/newsroom/briefings/edit/main/seeds/{seed}"]
    assert edit_links(root / "site" / "ru" / "glossary" / "four-pillars" / "index.html") == [
        "https://github.com/newsroom/briefings/edit/main/glossary/termbase.yml"]
    assert edit_links(root / "site" / "en" / "index.html") == []  # generated: nothing to edit
    import zipfile

    with zipfile.ZipFile(root / "dist" / "briefings-offline.zip") as bundle:
        offline = bundle.read(f"briefings-offline/en/briefings/{STORY}.html").decode("utf-8")
    assert "md-content__button" not in offline and "github.com/newsroom" not in offline
