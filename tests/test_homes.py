"""The reader's front door (issue 16), read in a real browser on the web site and the offline
bundle: titles a reader understands, the stories not yet in the reader's language, months."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefings.homes import NEWEST, NOT_YET, lead_after_title
from conftest import STORY

# How a paragraph that only continues the story begins, in the samples' translations
CONTINUATIONS = ("Also attending", "Étaient également", "На встрече также", "Cùng tham dự",
                 "Previously", "Auparavant", "Ранее", "Trước đó")


def open_home(browser, base: str, lang: str, offline: bool):
    page = browser.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", base)) else route.abort())
    page.goto(f"{base}{lang}/index.html" if offline else f"{base}{lang}/")
    return page


@pytest.fixture(params=["web", "offline"])
def site(request, web_site, bundle):
    return (web_site, False) if request.param == "web" else (bundle.as_uri() + "/", True)


def test_the_english_home_shows_the_meeting_under_a_title_that_is_not_a_continuation(
        browser, site):
    base, offline = site
    page = open_home(browser, base, "en", offline)
    link = page.locator(f'a[href*="{STORY}"]').first
    title = link.inner_text().strip()
    assert title and not title.startswith(CONTINUATIONS)
    assert "Resolution No. 59" in title  # the sentence that carries the story's main facts
    page.close()


def test_the_vietnamese_home_shows_the_french_only_story_as_not_yet_in_vietnamese(
        browser, site):
    base, offline = site
    page = open_home(browser, base, "vi", offline)
    heading = page.locator("h2", has_text="Chưa có bằng Tiếng Việt")
    assert heading.count() == 1
    item = page.locator("h2:has-text('Chưa có bằng Tiếng Việt') + ul li").first
    assert "Français" in item.inner_text()
    link = item.locator("a")
    assert link.get_attribute("lang") == "fr"
    link.click()
    page.wait_for_load_state()
    assert "/fr/briefings/" in page.url and page.locator("html").get_attribute("lang") == "fr"
    page.close()


def test_a_month_archive_lists_its_stories_and_every_link_on_it_resolves(browser, site):
    base, offline = site
    page = open_home(browser, base, "en", offline)
    page.locator("a", has_text="August 2025").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "August 2025"
    assert page.locator(f'article a[href*="{STORY}"]').count() == 1
    for href in page.locator("article a").evaluate_all("l => l.map(a => a.href)"):
        response = page.request.get(href) if not offline else None
        assert offline or response.ok, href
    page.close()


def test_the_lead_under_a_title_that_is_its_first_sentence_is_the_rest_of_it():
    from dataclasses import replace

    from test_describe import described
    briefing = described("Le Premier ministre a présidé la réunion. Il a salué les progrès "
                         "accomplis depuis janvier.", "fr")
    assert lead_after_title(briefing) == "Il a salué les progrès accomplis depuis janvier."
    assert lead_after_title(replace(briefing, lead="Le Premier ministre a présidé la réunion.")) \
        == ""
    assert lead_after_title(replace(briefing, title="Un autre titre")) == briefing.lead


def test_a_home_stays_the_same_size_however_large_the_archive(tmp_path):
    from briefings.homes import render_homes
    from briefings.render import load_templates
    from conftest import REPO
    from test_group import briefing as made
    from briefings.pipeline import group_stories

    def home(count: int) -> str:
        briefings = [made(f"{n:03d}.txt", f"Article {n} du jour, avec {n + 10} faits.\n"
                          f"Un texte de l'article {n} sur le {n % 28 + 1}/{n % 12 + 1}/2025.",
                          "fr", {"story": f"s{n}", "date": dt.date(2025, n % 12 + 1, 1)})
                     for n in range(count)]
        stories = group_stories(briefings)[0]
        pages = render_homes("en", stories, ["en", "fr"], load_templates(REPO / "templates"))
        return pages[0].text

    small, large = home(NEWEST + NOT_YET + 5), home(4 * (NEWEST + NOT_YET))
    assert len(re.findall(r"^- ", large, re.M)) == len(re.findall(r"^- ", small, re.M))
