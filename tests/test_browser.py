"""A real browser (Debian's chromium, driven by Playwright) on the offline bundle, opened from
disk with every request that is not file: aborted. Skipped, saying why, where there is no
browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import HOSTILE, STORY

QUERIES = {"en": "pillars", "fr": "piliers", "ru": "столпов", "vi": "trụ cột"}


def search_for(page, query: str) -> None:
    """Type a query as a reader does. Playwright enters non-Latin text without key events,
    and Material reads the query on keyup, so a real key (End) follows. Keystrokes that
    arrive while Material is still building the index are not searched, so type again until
    the index answers (at most 30 s)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(".md-search__input").click()
    for _ in range(6):
        page.fill(".md-search__input", "")
        page.keyboard.type(query, delay=10)
        page.keyboard.press("End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"no search result for {query!r} within 30 s")


@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_offline_search_finds_results_in_each_language(offline_page, bundle, lang):
    page = offline_page
    page.goto((bundle / lang / "index.html").as_uri())
    search_for(page, QUERIES[lang])
    assert page.locator(".md-search-result__item").count() >= 1
    links = page.locator(".md-search-result__link").evaluate_all("l => l.map(a => a.href)")
    assert all(link.startswith((bundle / lang).as_uri()) for link in links)  # own language
    assert page.errors == [] and page.outside == []


def test_offline_language_switcher_keeps_the_story(offline_page, bundle):
    page = offline_page
    page.goto((bundle / "en" / "briefings" / f"{STORY}.html").as_uri())
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[lang="ru"]').click()
    page.wait_for_load_state()
    assert page.url == (bundle / "ru" / "briefings" / f"{STORY}.html").as_uri()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.errors == [] and page.outside == []


def test_web_switcher_keeps_the_story_and_glossary_tooltips_show(browser, web_site):
    page = browser.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: r.url.startswith((web_site, "data:")) or outside.append(r.url))
    page.goto(f"{web_site}en/briefings/{STORY}/")
    hreflang = page.locator('link[rel="alternate"][hreflang="fr"]').get_attribute("href")
    assert hreflang == f"{web_site}fr/briefings/{STORY}/"
    term = page.locator('a.glossary[href$="glossary/four-pillars/"]').first
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Politburo").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert "resolutions" in tooltip.inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[lang="vi"]').click()
    page.wait_for_url(f"{web_site}vi/briefings/{STORY}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.wait_for_timeout(500)
    assert errors == [] and outside == []  # no failed sitemap requests for the alternates
    page.close()


def test_the_404_page_works_under_the_site_prefix(built_samples):
    html = (built_samples / "site" / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"#]+)"', html)
    local = [a for a in assets if not a.startswith("http")]
    assert local and all(a.startswith("/briefings/") for a in local)  # absolute, with prefix


def aligned_rows(root: Path, left: str, right: str) -> list[dict]:
    """The units the side-by-side page should show for a pair of languages."""
    script = (root / "parallel" / f"{STORY}.js").read_text(encoding="utf-8")
    data = json.loads(script[len("briefingsParallel("):-len(");\n")])
    return [(unit.get(left), unit.get(right)) for unit in data["units"]
            if left in unit or right in unit], data


def test_offline_side_by_side_reading(offline_page, bundle):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((bundle / "en" / "briefings" / f"{STORY}.html").as_uri())
    page.get_by_role("link", name="Read side by side").click()
    page.wait_for_selector(".parallel-row:not(.parallel-head)")
    assert page.url == (bundle / "en" / "parallel" / f"{STORY}.html").as_uri()
    rows = page.locator(".parallel-row:not(.parallel-head)")
    expected, data = aligned_rows(bundle, "en", "vi")  # the page's language and the original
    assert rows.count() == len(expected)
    shown = rows.evaluate_all("""rows => rows.map(row => Array.from(row.children).map(cell =>
        [cell.lang, cell.classList.contains('parallel-empty') ? null
         : Array.from(cell.children).map(p => p.textContent)]))""")
    for (en, vi), row in zip(expected, shown):
        for (lang, blocks), (shown_lang, texts) in zip((("en", en), ("vi", vi)), row):
            assert shown_lang == lang
            assert texts == (None if blocks is None else
                             [data["versions"][lang]["blocks"][i][1] for i in blocks])
    assert any(en is None for en, _ in expected)  # the Vietnamese has captions the English lacks
    assert page.locator(".parallel-empty").count() == sum(
        1 for en, vi in expected if en is None or vi is None)

    page.select_option(".parallel-right", "fr")  # the abridged French
    expected, _ = aligned_rows(bundle, "en", "fr")
    assert rows.count() == len(expected)
    assert page.url.endswith("#en+fr")
    assert page.locator(".parallel-row:not(.parallel-head) .parallel-cell[lang=fr]").count() \
        == len(expected)
    page.reload()
    page.wait_for_selector(".parallel-row:not(.parallel-head)")
    assert page.locator(".parallel-right").input_value() == "fr"  # the choice is in the URL

    page.set_viewport_size({"width": 390, "height": 800})  # a phone: each pair stacks
    first = rows.nth(0).locator(".parallel-cell")
    top, bottom = first.nth(0).bounding_box(), first.nth(1).bounding_box()
    assert abs(top["x"] - bottom["x"]) < 1 and bottom["y"] >= top["y"] + top["height"] - 1
    assert page.errors == [] and page.outside == []


def test_offline_side_by_side_ignores_names_every_object_has(offline_page, bundle):
    """The address is the reader's to write: keys every JavaScript object inherits are no
    language; the page shows its default pair."""
    page = offline_page
    for address in ("#constructor+valueOf", "#toString+en", "#en+hasOwnProperty"):
        page.goto("about:blank")
        page.goto((bundle / "en" / "parallel" / f"{STORY}.html").as_uri() + address)
        page.wait_for_selector(".parallel-row:not(.parallel-head)")
        assert page.locator(".parallel-left").input_value() == "en", address
        assert page.locator(".parallel-right").input_value() == "vi", address
        assert page.locator(".parallel-head .parallel-cell").evaluate_all(
            "cells => cells.map(c => c.lang)") == ["en", "vi"]
    assert page.errors == [] and page.outside == []


def test_web_side_by_side_after_instant_navigation_keeps_seed_markup_as_text(browser,
                                                                            web_site):
    page = browser.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: r.url.startswith((web_site, "data:")) or outside.append(r.url))
    page.goto(f"{web_site}fr/briefings/{STORY}/")
    page.get_by_role("link", name="Lire côte à côte").click()  # Material's instant navigation
    page.wait_for_url(f"{web_site}fr/parallel/{STORY}/")
    page.wait_for_selector(".parallel-row:not(.parallel-head)")
    assert page.locator(".parallel-left").input_value() == "fr"
    assert page.locator(".parallel-right").input_value() == "vi"
    page.select_option(".parallel-left", "en")
    hostile = page.locator(".parallel-cell[lang=en] p", has_text="Previously <img src=x")
    assert hostile.count() == 1 and HOSTILE in hostile.inner_text()
    assert page.evaluate("window.hacked") is None
    assert page.locator(".parallel-cell img").count() == 0
    page.select_option(".parallel-left", "vi")  # the same language on both sides: swapped
    assert page.locator(".parallel-right").input_value() == "en"
    assert errors == [] and outside == []
    page.close()
