"""Addresses that do not move (`stories.yml`), and the redirect when an editor renames a story."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import feedparser

from briefings.address import book_text, read_book
from briefings.cli import keep_book, main
from briefings.pipeline import generate
from briefings.project import load_project
from conftest import make_project, read_page
from test_site import MEETING, STORY

SITE_URL = "https://example.github.io/briefings/"


def ids(root: Path) -> dict[str, str]:
    """Seed -> the id of its story, as a build of the project gives them."""
    project = load_project(root)
    site = generate(project)
    keep_book(project, site)
    return {b.seed: s.id for s in site.stories for b in (*s.versions.values(), *s.alternatives)}


def seed(root: Path, number: str) -> Path:
    return next((root / "seeds").glob(f"{number}_*.txt"))


def test_edits_new_versions_and_renamed_files_keep_every_address(tmp_path):
    root = make_project(tmp_path / "p")
    before = ids(root)
    assert before[f"seeds/{seed(root, MEETING['vi']).name}"] == STORY
    assert (root / "stories.yml").is_file()  # the build keeps the addresses for the editors

    vi = seed(root, MEETING["vi"])  # a typo fixed in the original's lead: a new title
    vi.write_text(vi.read_text(encoding="utf-8").replace("Chiều 26/8", "Chiều ngày 26/8", 1),
                  encoding="utf-8")
    en = seed(root, MEETING["en"])  # the English version made longer than the original
    en.write_text(en.read_text(encoding="utf-8") + "\n\nA further paragraph.\n\nAnd one more.\n"
                  * 12, encoding="utf-8")
    fr = seed(root, MEETING["fr"])  # a seed file renamed
    fr.rename(fr.with_name("renamed-french-version.txt"))
    (seed(root, MEETING["ru"])).unlink()  # a version removed
    after = ids(root)
    assert set(after.values()) == set(before.values())
    assert after["seeds/renamed-french-version.txt"] == STORY
    assert after[f"seeds/{en.name}"] == STORY


def test_a_fresh_project_without_the_file_builds_the_same_ids(tmp_path):
    first = ids(make_project(tmp_path / "a"))
    assert ids(make_project(tmp_path / "b")) == first


def test_an_unreadable_file_is_reported_and_rewritten(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "stories.yml").write_text("stories: [unclosed", encoding="utf-8")
    project = load_project(root)
    site = generate(project)
    assert any(p.file == "stories.yml" and "could not be read" in p.reason
               for p in site.problems)
    assert STORY in {s.id for s in site.stories}


def test_the_book_reads_back_what_it_wrote():
    text = ("stories:\n  a-story:\n    seeds:\n      seeds/x.txt: 0123456789abcdef\n"
            "    formerly: [older]\n")
    book, problems = read_book(text)
    assert problems == [] and book.entries["a-story"].formerly == ("older",)
    assert read_book(book_text(book))[0] == book


EN = ("On August 26, 2025 the Prime Minister chaired the meeting. Decision No. 1812/QD-TTg of "
      "August 25, 2025 consolidated the committee. GDP grew 7.52% in the first 6 months; exports "
      "reached 514 billion USD and FDI 24.1 billion USD.")
FR = ("Le 26 août 2025, le Premier ministre a présidé la réunion. La décision n° 1812/QD-TTg du "
      "25 août 2025 a consolidé le comité. Le PIB a progressé de 7,52 % ; les exportations ont "
      "atteint 514 milliards USD et les IDE 24,1 milliards USD.")


def test_a_renamed_story_redirects_from_its_old_address_and_keeps_its_feed_id(tmp_path):
    root = make_project(tmp_path / "p", {"en.txt": EN, "fr.txt": FR}, samples=False)
    assert main(["--root", str(root), "--quiet", "--site-url", SITE_URL]) == 0
    old = re.search(r"^  ([\w-]+):$", (root / "stories.yml").read_text(), re.M)[1]
    (root / "seeds" / "fr.txt").write_text("---\nstory: Committee meeting\n---\n" + FR,
                                           encoding="utf-8")
    assert main(["--root", str(root), "--quiet", "--site-url", SITE_URL]) == 0
    book = (root / "stories.yml").read_text(encoding="utf-8")
    assert "committee-meeting:" in book and f"formerly:\n    - {old}" in book

    for lang in ("en", "fr"):  # the web site: the old address sends the reader on
        page = root / "site" / lang / "briefings" / old / "index.html"
        assert [link["href"] for link in read_page(page).links] == ["../committee-meeting/"]
        assert 'http-equiv="refresh" content="0; url=../committee-meeting/"' in page.read_text()
        assert (root / "site" / lang / "briefings" / "committee-meeting" / "index.html").is_file()
    with zipfile.ZipFile(root / "dist" / "briefings-offline.zip") as bundle:  # and offline
        html = bundle.read(f"briefings-offline/en/briefings/{old}.html").decode()
        assert 'url=committee-meeting.html"' in html
        assert "briefings-offline/en/briefings/committee-meeting.html" in bundle.namelist()

    feed = feedparser.parse((root / "site" / "en" / "feed.xml").read_bytes())
    [entry] = feed.entries
    assert entry.id == f"{SITE_URL}en/briefings/{old}/"  # a feed reader does not show it again
    assert entry.link == f"{SITE_URL}en/briefings/committee-meeting/"


AR = ("رئيس الوزراء يترأس اجتماع اللجنة الوطنية للتكامل الدولي\n"
      "ترأس رئيس الوزراء بعد ظهر يوم 26 أغسطس 2025 اجتماع اللجنة الوطنية التوجيهية للتكامل "
      "الدولي، وأصدر القرار رقم 1812/QD-TTg بتاريخ 25 أغسطس 2025 بشأن تعزيز اللجنة.")


def test_a_story_in_arabic_takes_the_readable_slug_of_another_version(tmp_path):
    from briefings.pipeline import group_stories
    from test_group import briefing

    arabic = briefing("ar.txt", AR, "ar", {"original": True})
    english = briefing("en.txt", "Prime Minister chairs the committee's meeting\n" + EN, "en",
                       {"translation-of": "ar.txt"})
    [story] = group_stories([arabic, english])[0]
    assert story.original == "ar" and story.id == "prime-minister-chairs-the-committee-s-meeting"
    [alone] = group_stories([briefing("ar.txt", AR, "ar")])[0]
    assert alone.id.startswith("رئيس-الوزراء-يترأس")  # its own words, not "rys-lwzr"


def test_a_story_with_unicode_words_in_its_address_is_built_and_linked(tmp_path):
    root = make_project(tmp_path / "p", {"ar.txt": AR}, samples=False)
    assert main(["--root", str(root), "--quiet"]) == 0
    pages = list((root / "site" / "ar" / "briefings").glob("*/index.html"))
    assert [p.parent.name for p in pages] == [ids(root)["seeds/ar.txt"]]
    home = read_page(root / "site" / "ar" / "index.html")
    assert any(link["href"].startswith("briefings/%D8%B1") or
               link["href"].startswith("briefings/رئيس") for link in home.links)
