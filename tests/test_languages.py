"""Every language a seed may bring gets a page in that language and direction: `<html lang>`,
`<body dir>`, our own interface words, down to the side-by-side view, the switcher and the
status page. The real corpus (`../shared/corpus/`, read from there) and two versions of our
own of the sample story (Arabic, right to left; Lao, which Material does not translate)."""

from __future__ import annotations

import json
import re
import string
import zipfile
from html.parser import HTMLParser

import pytest
import yaml

from briefings.languages import text_direction
from briefings.render import load_templates
from conftest import CORPUS, REPO, STORY

RIGHT_TO_LEFT = {"ar", "fa", "he"}


def corpus_languages() -> set[str]:
    if not (CORPUS / "gold.json").is_file():
        return set()
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    return {entry["lang"] for entry in gold["files"].values()}


class Tags(HTMLParser):
    """The attributes of <html> and <body>, and every element that names a language."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html: dict[str, str] = {}
        self.body: dict[str, str] = {}
        self.marked: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html = attributes
        elif tag == "body":
            self.body = attributes
        elif "lang" in attributes:
            self.marked.append((tag, attributes))


def tags(path) -> Tags:
    return Tags(path.read_text(encoding="utf-8"))


def test_our_interface_words_exist_in_every_language_of_the_corpus():
    """Each language of the real corpus (and Thai and Lao) has every key English has, with
    the same placeholders; nothing falls back to English."""
    words = yaml.safe_load((REPO / "templates" / "strings.yml").read_text(encoding="utf-8"))
    english = words["en"]
    for lang in sorted(corpus_languages() | {"th", "lo", "ar", "fa", "he"}):
        assert lang in words, f"templates/strings.yml has no {lang}"
        assert set(words[lang]) == set(english), lang
        for key, text in english.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert {f for _, f, _, _ in string.Formatter().parse(words[lang][key]) if f} \
                == fields, (lang, key)
    templates = load_templates(REPO / "templates")
    assert templates.words("ar")["back_to_briefing"] == "العودة إلى النشرة"
    assert templates.words("xx")["glossary"] == "Glossary"  # a language we lack: English


def test_every_page_of_the_real_corpus_has_its_language_and_direction(built_corpus):
    """A build of the real corpus: every page of each language's section, web and offline,
    is `<html lang>` that language and `<body dir>` its script's direction; right-to-left
    languages read right to left; the navigation carries our word for "Glossary"."""
    templates = load_templates(REPO / "templates")
    languages = corpus_languages()
    assert RIGHT_TO_LEFT <= languages
    bundle = built_corpus / "unzipped"
    with zipfile.ZipFile(built_corpus / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(bundle)
    for folder in (built_corpus / "site", bundle / "briefings-offline"):
        for lang in sorted(languages):
            pages = sorted((folder / lang).rglob("*.html"))
            assert pages, (folder, lang)
            direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
            assert text_direction(lang) == direction
            for page in pages:
                found = tags(page)
                assert (found.html.get("lang"), found.body.get("dir")) == (lang, direction), \
                    page
            home = (folder / lang / "index.html").read_text(encoding="utf-8")
            assert templates.words(lang)["glossary"] in home, lang


def test_the_status_page_marks_each_title_with_its_language_and_direction(built_corpus):
    """The status page is English; the title of an Arabic, Persian or Hebrew original in its
    matrix reads right to left."""
    found = tags(built_corpus / "site" / "status" / "index.html")
    assert (found.html["lang"], found.body["dir"]) == ("en", "ltr")
    titles = [a for tag, a in found.marked if tag == "a" and "status" not in a.get("class", "")
              and a.get("lang") in RIGHT_TO_LEFT]
    assert titles and all(a["dir"] == "rtl" for a in titles)
    assert {a["lang"] for a in titles} == RIGHT_TO_LEFT


def test_a_language_material_does_not_translate_keeps_its_own_lang(rtl_site):
    """Lao: Material has no interface translation, so its words (search) are English, but
    the page is `lang="lo"` and our own words are Lao."""
    root, _ = rtl_site
    page = root / "site" / "lo" / "parallel" / STORY / "index.html"
    found = tags(page)
    assert (found.html["lang"], found.body["dir"]) == ("lo", "ltr")
    html = page.read_text(encoding="utf-8")
    assert "ກັບໄປທີ່ສະຫຼຸບຂ່າວ" in html  # "Back to the briefing"
    assert 'placeholder="Search"' in html  # Material's own word, in English
    arabic = tags(root / "site" / "ar" / "briefings" / STORY / "index.html")
    assert (arabic.html["lang"], arabic.body["dir"]) == ("ar", "rtl")
    # The switcher: each language's name in its own language and direction
    switcher = {a["lang"]: a["dir"] for tag, a in arabic.marked
                if "md-select__link" in a.get("class", "")}
    assert switcher == {"ar": "rtl", "en": "ltr", "fr": "ltr", "lo": "ltr", "ru": "ltr",
                        "vi": "ltr"}


def columns(page) -> list[dict]:
    """The side-by-side view's first row of text, as the browser lays it out."""
    page.wait_for_selector(".parallel-row:not(.parallel-head) .parallel-cell p")
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.parallel-row:not(.parallel-head)')).slice(0, 1).flatMap(row =>
        Array.from(row.children).map(cell => {
          const text = cell.querySelector('p');
          const range = document.createRange();
          range.selectNodeContents(text);
          const line = range.getClientRects()[0], box = cell.getBoundingClientRect();
          return {lang: cell.lang, dir: getComputedStyle(cell).direction,
                  align: getComputedStyle(text).textAlign,
                  fromLeft: line.left - box.left, fromRight: box.right - line.right};
        }))""")


def check_side_by_side(page) -> None:
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    arabic, vietnamese = columns(page)
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    assert (vietnamese["lang"], vietnamese["dir"]) == ("vi", "ltr")
    # The Arabic line starts at the cell's right edge, the Vietnamese one at its left
    assert arabic["fromRight"] < 24 < arabic["fromLeft"]
    assert vietnamese["fromLeft"] < 24
    options = page.locator(".parallel-left option").evaluate_all(
        "os => os.map(o => [o.value, o.lang, o.dir])")
    assert ["ar", "ar", "rtl"] in options and ["vi", "vi", "ltr"] in options


def test_side_by_side_reads_an_arabic_column_right_to_left_on_the_web(browser, rtl_site):
    _, base = rtl_site
    page = browser.new_page()
    page.goto(f"{base}ar/parallel/{STORY}/")
    check_side_by_side(page)
    page.close()


def test_side_by_side_reads_an_arabic_column_right_to_left_offline(offline_page, rtl_site,
                                                                     tmp_path):
    root, _ = rtl_site
    with zipfile.ZipFile(root / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(tmp_path)
    page = offline_page
    page.goto((tmp_path / "briefings-offline" / "ar" / "parallel" / f"{STORY}.html").as_uri())
    check_side_by_side(page)
    assert page.errors == [] and page.outside == []


def test_rtl_samples_are_grouped_with_the_sample_story(rtl_site):
    root, _ = rtl_site
    manifest = json.loads((root / "site" / "briefings.json").read_text(encoding="utf-8"))
    story = next(s for s in manifest["stories"] if s["id"] == STORY)
    assert {"ar", "lo"} <= set(story["translations"])
    assert re.search(r"dir=\"rtl\"", (root / "site" / "vi" / "briefings" / STORY /
                                      "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", sorted(RIGHT_TO_LEFT))
def test_right_to_left_languages_from_cldr(lang):
    assert text_direction(lang) == "rtl" and text_direction("lo") == "ltr"
