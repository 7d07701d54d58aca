"""Search as a reader uses it: the query set of tests/data/search_queries.yml typed into
Material's search box of each language, on the web build served over http and on the offline
bundle opened from disk with every non-file request refused (issue 15)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_project, served_build

QUERIES = yaml.safe_load((REPO / "tests/data/search_queries.yml").read_text(encoding="utf-8"))
LANGUAGES = [lang for lang in QUERIES if lang != "story"]
OUR_SEEDS = sorted((REPO / "tests/data/search_seeds").glob("*.txt"))
PART = 8  # pages per part of a language's search index (briefings.search.parts_of)
SHOWN = int(re.search(r"var SHOWN = (\d+);", (REPO / "templates/search.js").read_text(
    encoding="utf-8"))[1])  # results whose excerpt search.js loads and hands Material


@pytest.fixture(scope="session")
def search_build(tmp_path_factory):
    """The samples and our short zh, ja, es, de and th seeds, built once, web and offline;
    the web build served on 127.0.0.1 at the address it was built for. Each language's
    index is made in parts of at most PART pages, as a large archive's is (the other
    builds of the tests have one part each)."""
    seeds = {f"search_{p.name}": p.read_text(encoding="utf-8") for p in OUR_SEEDS}
    root = make_project(tmp_path_factory.mktemp("search"), seeds)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  briefings:\n", f"  briefings:\n    search_pages_per_part: {PART}\n", 1),
        encoding="utf-8")
    with served_build(root) as base:
        yield root, base


@pytest.fixture(scope="session")
def search_web(search_build) -> str:
    return search_build[1]


@pytest.fixture(scope="session")
def search_bundle(search_build, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search-unzipped")
    with zipfile.ZipFile(search_build[0] / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(folder)
    return folder / "briefings-offline"


def results_for(page, query: str) -> list[str]:
    """Type the query in the search box and return the addresses of the results shown.
    Playwright enters text that a US keyboard lacks (Cyrillic, CJK, Thai, Vietnamese letters)
    without key events, as an input method or a paste does: no key is pressed after it, so the
    search must run on the text's change alone (Material listens for keyup only)."""
    page.fill(".md-search__input", "")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length == 0")
    page.keyboard.type(query, delay=5)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15000)
    except Exception:  # noqa: BLE001 - no result is the answer to report
        return []
    # Material shows ten at a time, the next ten as the reader scrolls; its count says how
    # many results were found (search.js hands it the first SHOWN), which may be more than
    # the items shown, since results of one page are grouped in one item
    wanted = page.evaluate(f"""() => {{
        const meta = document.querySelector('.md-search-result__meta');
        const found = meta && meta.textContent.match(/\\d+/);
        return found ? Math.min(Number(found[0]), {SHOWN}) : 0; }}""")
    count = "document.querySelectorAll('.md-search-result__item').length"
    shown = page.evaluate(count)
    while shown < wanted and shown % 10 == 0:  # a full ten: more may come on scrolling
        page.evaluate("""() => { const list = document.querySelector('.md-search__scrollwrap');
                                 if (list) list.scrollTop = list.scrollHeight; }""")
        try:
            page.wait_for_function(f"{count} > {shown}", timeout=1000)
        except Exception:  # noqa: BLE001 - what is shown is the answer to report
            break
        shown = page.evaluate(count)
    return page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.map(a => a.href.split('?')[0])")


def open_search(page, url: str) -> None:
    page.goto(url)
    page.locator(".md-search__input").click()


def check(page, lang: str, address) -> None:
    missed = []
    for item in QUERIES[lang]:
        found = results_for(page, item["query"])
        wanted = [address(path) for path in item["find"]]
        if not all(want in found for want in wanted):
            missed.append(f"{item['query']!r}: wanted {item['find']}, got {found[:8]}")
    assert not missed, f"{lang}: " + "; ".join(missed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_web_search_finds_the_query_set(browser, search_web, lang):
    page = browser.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: r.url.startswith(search_web) or outside.append(r.url))
    open_search(page, f"{search_web}{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    check(page, lang, lambda path: f"{search_web}{lang}/{path}")
    assert errors == [] and outside == []
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_search_finds_the_query_set(offline_page, search_bundle, lang):
    page = offline_page
    open_search(page, (search_bundle / lang / "index.html").as_uri())

    def address(path: str) -> str:
        return (search_bundle / lang / (path.rstrip("/") + ".html")).as_uri()

    check(page, lang, address)
    assert page.errors == [] and page.outside == []


def test_a_languages_index_is_in_parts_and_the_query_set_needs_them(search_build):
    """The query tests above search indexes made in parts (one for a language of at most PART
    pages, as Thai here): in the samples' languages some of the pages the query set must find
    are in a part after the first, which only a part merged in the browser gives."""
    import gzip
    import json

    web = search_build[0] / "site"
    parts_of = {}
    for lang in LANGUAGES:
        index = web / lang / "pagefind"
        parts = json.loads((index / "parts.json").read_text(encoding="utf-8"))
        assert all(languages == [lang] for languages in parts.values()), lang
        part_of = {}
        for number, folder in enumerate(["", *parts]):
            fragments = sorted((index / folder / "fragment").glob("*.pf_fragment"))
            assert 0 < len(fragments) <= PART, (lang, folder)
            for fragment in fragments:
                data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
                part_of[data["url"]] = number
        wanted = {path for item in QUERIES[lang] for path in item["find"]}
        parts_of[lang] = len(parts) + 1, {part_of["/" + path] for path in wanted}
    assert parts_of["th"][0] == 1
    for lang in ("vi", "en", "fr", "ru"):
        count, needed = parts_of[lang]
        assert count >= 3 and max(needed) > 0, (lang, parts_of[lang])


def test_parts_hold_each_page_pagefind_indexes_once_and_none_it_ignores(tmp_path):
    from briefings.search import parts_of

    def page(path: str, body: bool, lang: str = "en") -> None:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        main = "<article data-pagefind-body>" if body else "<article>"
        (tmp_path / path).write_text(f'<html class="no-js" lang="{lang}"><body>{main}<p>'
                                     "data-pagefind-body as words</p></article></body></html>",
                                     encoding="utf-8")

    marked = [f"briefings/{n:02}/index.html" for n in range(7)] + ["glossary/t/index.html"]
    for path in marked:
        page(path, body=True)
    for path in ("parallel/a/index.html", "index.html", "404.html"):
        page(path, body=False)  # its words name the attribute: still not indexed
    page(".pagefind-pages/briefings/00/index.html", body=True)  # a last run's staging
    assert parts_of(tmp_path, None, 11) == [[]]  # few enough pages: one run, as they are
    assert parts_of(tmp_path, None, 8) == [[]]  # few enough indexed
    parts = parts_of(tmp_path, None, 3)
    assert [len(part) for part in parts] == [3, 3, 2]
    assert [p.relative_to(tmp_path).as_posix() for part in parts for p in part] == marked
    assert parts_of(tmp_path, "*.html", 1) == [[]]  # the landing's own pages only
    # Several languages in one site (the preview's): each language's first page is in the
    # first part, which a reader of any language then finds
    page("th/briefings/a/index.html", body=True, lang="th")
    page("th/briefings/b/index.html", body=True, lang="th")
    parts = [[p.relative_to(tmp_path).as_posix() for p in part]
             for part in parts_of(tmp_path, None, 4)]
    assert [len(part) for part in parts] == [4, 4, 2]
    assert {"th/briefings/a/index.html", marked[0]} <= set(parts[0])
    assert sorted(p for part in parts for p in part) == sorted(
        marked + ["th/briefings/a/index.html", "th/briefings/b/index.html"])
