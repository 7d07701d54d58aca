"""End to end: the samples built as `make site` builds them, read as a browser would."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from briefings.termbase import load_termbase
from conftest import SAMPLES, read_page

STORY = "chieu-26-8-thu-tuong-pham-minh-chinh-truong-ban-chi-dao-quoc"
MEETING = {"vi": "004", "en": "003", "fr": "000", "ru": "002"}
CONCEPTS = ["four-pillars", "6-clear", "resolution-59", "resolution-57", "resolution-66",
            "resolution-68", "politburo", "apec-2027"]


@pytest.fixture(scope="module", params=["mkdocs", "properdocs"])
def built_samples(request, built_samples):
    """Every end-to-end check of this module runs on the site built by MkDocs and on the same
    site built by ProperDocs, so that the project can leave MkDocs without a change."""
    if request.param == "mkdocs":
        return built_samples
    return request.getfixturevalue("built_with_properdocs")


def test_the_engine_that_built_it_says_so(built_samples):
    generator = re.search(r'<meta name="generator" content="([^"]+)"',
                          briefing(built_samples, "en").read_text(encoding="utf-8"))[1]
    assert generator.startswith("mkdocs-ProperDocs" if "properdocs" in built_samples.name
                                else "mkdocs-1.")


def test_both_engines_build_the_same_pages(built_samples, built_with_properdocs):
    def pages(root):
        return sorted(p.relative_to(root).as_posix() for p in (root / "site").rglob("*.html"))
    assert pages(built_samples) == pages(built_with_properdocs)


def briefing(root: Path, lang: str, story: str = STORY) -> Path:
    return root / "site" / lang / "briefings" / story / "index.html"


def manifest(root: Path) -> dict:
    return json.loads((root / "site" / "briefings.json").read_text(encoding="utf-8"))


def test_each_article_has_its_page_in_its_language_linked_to_its_translations(built_samples):
    for lang in MEETING:
        page = read_page(briefing(built_samples, lang))
        assert page.lang == lang
        for other in MEETING:
            if other != lang:
                target = f"../../../{other}/briefings/{STORY}/"
                assert any(link["href"] == target for link in page.links), (lang, other)
        hreflangs = {h["hreflang"]: h["href"] for h in page.heads if h.get("hreflang")}
        assert set(hreflangs) == {*MEETING, "x-default"}
        assert hreflangs["fr"] == f"https://example.github.io/briefings/fr/briefings/{STORY}/"
        canonical = next(h["href"] for h in page.heads if h.get("rel") == "canonical")
        assert canonical == f"https://example.github.io/briefings/{lang}/briefings/{STORY}/"
    lone = manifest(built_samples)["stories"]
    single = next(s for s in lone if list(s["translations"]) == ["fr"])
    assert single["translations"]["fr"]["seed"] == "seeds/001_a926607a31ca426c.txt"
    assert read_page(built_samples / "site" / single["translations"]["fr"]["url"] /
                     "index.html").lang == "fr"


def test_also_in_line_names_languages_in_their_own_language_and_marks_the_original(
        built_samples):
    text = read_page(briefing(built_samples, "en")).text
    assert "Also in: Français · Русский · Tiếng Việt (original)" in text


def test_language_switcher_keeps_the_story_or_falls_back_to_the_home(built_samples):
    def switcher(path: Path) -> dict[str, str]:
        html = path.read_text(encoding="utf-8")
        return dict(re.findall(r'<a href="([^"]*)" lang="(\w+)" class="md-select__link"',
                               html)[i][::-1] for i in range(4))

    story = switcher(briefing(built_samples, "ru"))
    assert story["vi"] == f"../../../vi/briefings/{STORY}/"
    single = next(s for s in manifest(built_samples)["stories"] if list(s["translations"]) == ["fr"])
    lone = switcher(built_samples / "site" / single["translations"]["fr"]["url"] / "index.html")
    assert lone["en"] == "../../../en/" and lone["vi"] == "../../../vi/"


def test_glossary_pages_exist_for_every_concept_and_language_and_cross_link(built_samples):
    for concept in CONCEPTS:
        for lang in MEETING:
            page = read_page(built_samples / "site" / lang / "glossary" / concept / "index.html")
            assert page.lang == lang
            hrefs = {link["href"] for link in page.links}
            for other in MEETING:
                if other != lang:
                    assert f"../../../{other}/glossary/{concept}/" in hrefs, (concept, lang)


def test_meeting_story_links_four_pillars_and_6_clear_in_all_four_languages(built_samples):
    for lang in MEETING:
        links = read_page(briefing(built_samples, lang)).links
        glossary = {l["href"]: l for l in links if "glossary" in l.get("class", "")}
        assert "../../glossary/four-pillars/" in glossary, lang
        assert "../../glossary/6-clear/" in glossary, lang
        # the tooltip is the term's definition in the page's language, quotes and all
        definition = next(c for c in load_termbase(built_samples / "glossary" / "termbase.yml",
                                                   root=built_samples)[0].concepts
                          if c.id == "6-clear").terms[lang].definition
        assert glossary["../../glossary/6-clear/"]["title"] == definition


def test_term_page_lists_the_briefings_that_use_it_with_context(built_samples):
    page = read_page(built_samples / "site" / "en" / "glossary" / "6-clear" / "index.html")
    assert f"../../briefings/{STORY}/" in {l["href"] for l in page.links}
    assert "Clear people, clear work" in page.text


def test_no_page_furniture_left_and_no_paragraph_lost(built_samples):
    for sample in SAMPLES:
        lines = [" ".join(l.split()) for l in sample.read_text(encoding="utf-8").splitlines()]
        entry = next(s for s in manifest(built_samples)["stories"]
                     for v in s["translations"].values() if v["seed"].endswith(sample.name))
        lang = next(l for l, v in entry["translations"].items() if v["seed"].endswith(sample.name))
        text = read_page(built_samples / "site" / entry["translations"][lang]["url"] /
                         "index.html").text
        assert "Comment (0)" not in text and "Комментарий (0)" not in text
        assert not re.search(r"(?<![\w·] )Français [A-Z]", text)
        for line in lines:
            if not line or re.match(r"^(Source|Источник|Comment|Комментарий|Updated)\b", line):
                continue
            line = re.sub(r"^Français ", "", line)
            body = re.split(r"\s[-–]\s(?:Ảnh|Photo)", line)[0]
            assert body.rstrip(".") in text, (sample.name, body[:80])


def test_homes_list_briefings_newest_first_and_landing_offers_languages(built_samples):
    fr_home = read_page(built_samples / "site" / "fr" / "index.html")
    titles = [l["text"].strip() for l in fr_home.links if l["href"].startswith("briefings/")]
    dated = manifest(built_samples)["stories"][0]
    assert titles[0] == dated["translations"]["fr"]["title"]  # the dated story comes first
    landing = read_page(built_samples / "site" / "index.html")
    assert {"vi/", "en/", "fr/", "ru/"} <= {l["href"] for l in landing.links}
    assert "Tiếng Việt" in landing.text and "Русский" in landing.text


def test_manifest_describes_stories_languages_and_glossary(built_samples):
    data = manifest(built_samples)
    assert [l["code"] for l in data["languages"]] == ["vi", "en", "fr", "ru"]
    meeting = next(s for s in data["stories"] if len(s["translations"]) == 4)
    assert meeting["original"] == "vi"
    assert meeting["translations"]["vi"]["date"] == "2025-08-26"
    assert meeting["translations"]["en"]["url"] == f"en/briefings/{STORY}/"
    assert {g["id"] for g in data["glossary"]} >= set(CONCEPTS)
    assert data["rejected"] == []
    with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as bundle:
        offline = json.loads(bundle.read("briefings-offline/briefings.json"))
    assert offline["stories"][0]["translations"]["en"]["url"].endswith(".html")


def _internal_links(root: Path):
    for page in sorted(root.rglob("*.html")):
        if page.name == "404.html":  # served for any missing path: links by absolute path
            continue
        parsed = read_page(page)
        for link in parsed.links:
            href = link["href"]
            if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
                continue
            yield page, href


@pytest.mark.parametrize("mode", ["web", "offline"])
def test_every_internal_link_leads_to_a_file_that_exists(built_samples, tmp_path, mode):
    if mode == "web":
        root = built_samples / "site"
    else:
        with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as bundle:
            bundle.extractall(tmp_path)
        root = tmp_path / "briefings-offline"
        assert (root / "index.html").is_file()
        assert not list(root.rglob("404.html"))
    broken = []
    for page, href in _internal_links(root):
        target = Path(unquote(urljoin(page.as_uri(), href.split("#")[0])[len("file://"):]))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page.relative_to(root)} -> {href}")
    assert broken == []


def test_nothing_is_requested_from_another_host(built_samples):
    for page in (built_samples / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html
        # Links a reader may follow are fine; nothing may be loaded from elsewhere.
        assert not re.findall(r'(?:<script|<link rel="stylesheet")[^>]+https?://', html), page


def test_every_term_page_links_back_to_each_briefing_that_uses_it(built_samples):
    site = built_samples / "site"
    checked = 0
    for page_path in sorted(site.glob("*/briefings/*/index.html")):
        story = page_path.parent.name
        lang = page_path.parts[-4]
        used = {l["href"].split("/")[-2] for l in read_page(page_path).links
                if "glossary" in l.get("class", "")}
        for concept in used:
            term = read_page(site / lang / "glossary" / concept / "index.html")
            assert f"../../briefings/{story}/" in {l["href"] for l in term.links}, (lang, concept)
            checked += 1
    assert checked > 40


def test_glossary_exports_and_candidate_report_are_published(built_samples):
    assert (built_samples / "site" / "glossary.tbx").read_bytes().startswith(b"<?xml")
    with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as bundle:
        assert "briefings-offline/glossary.tbx" in bundle.namelist()
    report = (built_samples / "dist" / "candidate-terms.csv").read_text(encoding="utf-8")
    assert "coordonner les opérations" in report and "hiệp đồng tác chiến" in report


def test_sitemap_lists_every_page_with_its_language_alternates(built_samples):
    import xml.etree.ElementTree as ET

    root = ET.parse(built_samples / "site" / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    base = "https://example.github.io/briefings/"
    for lang in MEETING:
        entry = entries[f"{base}{lang}/briefings/{STORY}/"]
        alternates = {l.get("hreflang"): l.get("href") for l in entry.findall("x:link", ns)}
        assert alternates == {other: f"{base}{other}/briefings/{STORY}/" for other in MEETING}
    # not the side-by-side pages (the briefings' text again) nor the editors' status page
    pages = [p for p in (built_samples / "site").glob("*/**/index.html")
             if "parallel" not in p.parts and "status" not in p.parts]
    assert len(entries) == len(pages) + 1  # every other page, the landing included
    assert not [url for url in entries if "/parallel/" in url or url.endswith("/status/")]


def test_search_index_is_pagefind_per_language_and_lunr_is_left_empty(built_samples):
    """Each language's own Pagefind index on the web; the same, inside one script, in the
    bundle; Material's lunr index, which every page would download, holds no documents."""
    web = built_samples / "site" / "vi"
    entry = json.loads((web / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["vi"] and entry["languages"]["vi"]["page_count"] > 5
    assert json.loads((web / "search" / "search_index.json").read_text("utf-8"))["docs"] == []
    with zipfile.ZipFile(built_samples / "dist" / "briefings-offline.zip") as bundle:
        names = bundle.namelist()
        script = bundle.read("briefings-offline/ru/pagefind/files.js").decode("utf-8")
        lunr = bundle.read("briefings-offline/ru/search/search_index.js").decode("utf-8")
    assert not [n for n in names if "/pagefind/" in n and not n.endswith("/files.js")]
    files = json.loads(script[len("window.__briefingsPagefind = "):-len(";\n")])
    assert "pagefind.js" in files and "wasm.ru.pagefind" in files
    assert json.loads(lunr[len("var __index = "):])["docs"] == []
