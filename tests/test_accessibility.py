"""What a reader using a screen reader, a keyboard or a printer gets. axe-core (bundled by
axe-playwright-python) checks one page of every type in every language of the samples, web
and offline, in Debian's chromium; the side-by-side menus and the status table are used from
the keyboard; a briefing and a side-by-side view are printed to PDF and read back."""

from __future__ import annotations

import io
import json
import re

import pytest

from briefings.render import load_templates
from conftest import REPO, STORY

LANGUAGES = ("vi", "en", "fr", "ru")
WORDS = load_templates(REPO / "templates").words
# Each page type: its address in the web build and in the offline bundle ({lang}: each
# language; None: not in that build). The offline bundle has no 404 page (no server shows it).
PAGES = {
    "landing": ("", "index.html"),
    "home": ("{lang}/", "{lang}/index.html"),
    "briefing": (f"{{lang}}/briefings/{STORY}/", f"{{lang}}/briefings/{STORY}.html"),
    "side-by-side": (f"{{lang}}/parallel/{STORY}/", f"{{lang}}/parallel/{STORY}.html"),
    "term": ("{lang}/glossary/four-pillars/", "{lang}/glossary/four-pillars.html"),
    "glossary index": ("{lang}/glossary/", "{lang}/glossary/index.html"),
    "status": ("status/", "status.html"),
    # The host answers an address that does not exist with the site's 404 page
    "404": ("en/briefings/no-such-story/", None),
    "404 of a language": ("{lang}/404.html", None),
}


def addresses(kind: str, mode: str) -> list[str]:
    pattern = PAGES[kind][mode == "offline"]
    if pattern is None:
        return []
    return sorted({pattern.format(lang=lang) for lang in LANGUAGES})


def address(kind: str, mode: str, lang: str = "en") -> str:
    return PAGES[kind][mode == "offline"].format(lang=lang)


@pytest.fixture
def web_page(browser):
    page = browser.new_page()
    yield page
    page.close()


def open_site(request, mode: str):
    """The base address and a fresh page: the web build served on 127.0.0.1, or the offline
    bundle opened from disk with the network refused."""
    if mode == "web":
        return request.getfixturevalue("web_site"), request.getfixturevalue("web_page")
    return (request.getfixturevalue("bundle").as_uri() + "/",
            request.getfixturevalue("offline_page"))


BOTH = pytest.mark.parametrize("mode", ["web", "offline"])


def serious_violations(page) -> list[str]:
    """axe-core's default rules (WCAG 2.x A and AA, and best practices) on the page as it is
    shown; the serious and critical ones."""
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [f"{violation['id']} ({violation['impact']}) at {', '.join(node['target'])}: "
            f"{node['failureSummary'].splitlines()[-1].strip()}"
            for violation in results["violations"] if violation["impact"] in
            ("serious", "critical") for node in violation["nodes"]]


@pytest.mark.parametrize("kind, mode", [(kind, mode) for kind in PAGES
                                        for mode in ("web", "offline") if addresses(kind, mode)])
def test_no_serious_or_critical_axe_violations(request, kind, mode):
    from axe_playwright_python.base import AXE_SCRIPT

    base, page = open_site(request, mode)

    page.add_init_script(AXE_SCRIPT)  # in every page it opens, before the page's own scripts
    found = {}
    for address in addresses(kind, mode):
        page.goto(base + address)
        if kind == "side-by-side":  # the columns are laid out by a script
            page.wait_for_selector(".parallel-row:not(.parallel-head)")
        found[address] = serious_violations(page)
    assert {address: v for address, v in found.items() if v} == {}


def focus_by_tab(page, selector: str, tabs: int = 80) -> None:
    """Press Tab, as a reader does, until the element matching `selector` has the focus."""
    for _ in range(tabs):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached with Tab")


@BOTH
def test_side_by_side_menus_are_labelled_and_work_from_the_keyboard(request, mode):
    base, page = open_site(request, mode)
    for lang in LANGUAGES:  # each menu is named by its label, in the page's language
        page.goto(base + address("side-by-side", mode, lang))
        page.wait_for_selector(".parallel-row:not(.parallel-head)")
        for side in ("left", "right"):
            menu = page.get_by_role("combobox", name=WORDS(lang)[f"{side}_language"])
            assert menu.evaluate("m => m.className") == f"parallel-{side}", lang
    page.goto(base + address("side-by-side", mode))
    page.wait_for_selector(".parallel-row:not(.parallel-head)")
    focus_by_tab(page, ".parallel-left")
    page.keyboard.press("ArrowDown")  # English -> Français, in the site's order of languages
    focus_by_tab(page, ".parallel-right", tabs=1)
    page.keyboard.press("ArrowDown")  # Tiếng Việt -> English
    assert page.url.endswith("#fr+en")
    heads = page.locator(".parallel-head .parallel-cell").evaluate_all(
        "cells => cells.map(c => c.lang)")
    assert heads == ["fr", "en"]
    assert page.locator(".parallel-row:not(.parallel-head) .parallel-cell[lang=fr]").count() > 1


@BOTH
def test_status_table_works_from_the_keyboard(request, mode):
    base, page = open_site(request, mode)
    page.goto(base + address("status", mode))
    cells = page.locator(".status-matrix td").all_inner_texts()
    assert cells and all(re.fullmatch(r"original|missing|\d+%( abridged)?", c) for c in cells)
    focus_by_tab(page, ".status-matrix td a")  # the first version's cell: the original
    assert page.evaluate("document.activeElement.textContent") == "original"
    # Its seed file, without a mouse: Material's tooltip, which describes the link
    page.locator(".md-tooltip2").filter(has_text="seeds/004_d5f91ed440d0c427.txt").wait_for(
        state="visible", timeout=5000)
    assert page.evaluate("""document.getElementById(
        document.activeElement.getAttribute('aria-describedby')).textContent.trim()""") \
        == "seeds/004_d5f91ed440d0c427.txt"
    page.keyboard.press("Enter")
    page.wait_for_url(base + address("briefing", mode, "vi"))


def printed_text(page) -> str:
    """The page printed to PDF by chromium, as text."""
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(sheet.extract_text() for sheet in pdf.pages)


def story_data(bundle) -> dict:
    script = (bundle / "parallel" / f"{STORY}.js").read_text(encoding="utf-8")
    return json.loads(script[len("briefingsParallel("):-len(");\n")])


def navigation_words(lang: str) -> list[str]:
    """What the header, the navigation, the footer and the links to the other versions say."""
    words = WORDS(lang)
    return ["Search", "Made with", words["briefings"], words["glossary"], words["status_link"],
            words["also_in"], words["side_by_side"], words["left_language"],
            words["right_language"], words["back_to_briefing"]]


@BOTH
def test_a_briefing_and_a_side_by_side_view_print_clean_with_their_sources(request, mode,
                                                                           bundle):
    base, page = open_site(request, mode)
    versions = story_data(bundle)["versions"]  # both builds are made from the samples
    page.goto(base + address("briefing", mode))
    briefing = printed_text(page)
    page.goto(base + address("side-by-side", mode) + "#en+fr")
    page.wait_for_selector(".parallel-row:not(.parallel-head)")
    side_by_side = printed_text(page)
    for printed, languages in ((briefing, ["en"]), (side_by_side, ["en", "fr"])):
        flat = "".join(printed.split())  # a long address is cut across lines
        for lang in languages:
            assert versions[lang]["source"] in flat, lang
            assert "".join(versions[lang]["blocks"][0][1].split())[:60] in flat, lang
        assert [word for word in navigation_words("en") if word in printed] == []
