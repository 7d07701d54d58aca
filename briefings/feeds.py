"""An Atom feed per language (`<lang>/feed.xml`): the newest briefings, for feed readers.

Written with feedgen. Links are absolute, from `site_url`, as Atom requires; dates are the
articles' own (never the clock), so the same seeds give the same feed.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .export import xml_text
from .model import Site
from .urls import briefing_path, feed_path, home_path, url_for

FEED_ENTRIES = 50  # the newest briefings; the home page lists them all


def atom_feed(site: Site, lang: str, site_url: str, *, title: str, author: str,
              fallback: dt.date) -> bytes:
    """`fallback`: the date of an undated article (the build's own date, from the newest
    article), since every Atom entry needs one."""
    stories = [story for story in site.stories if lang in story.versions][:FEED_ENTRIES]

    def moment(date: dt.date | None) -> dt.datetime:
        return dt.datetime.combine(date or fallback, dt.time(), tzinfo=dt.timezone.utc)

    feed = FeedGenerator()
    feed.id(site_url + url_for(home_path(lang), directory_urls=True))
    feed.title(xml_text(title))
    feed.author({"name": xml_text(author)})
    feed.link(href=site_url + url_for(home_path(lang), directory_urls=True), rel="alternate")
    feed.link(href=site_url + feed_path(lang), rel="self")
    feed.language(lang)
    dates = [story.versions[lang].date or story.date for story in stories]
    feed.updated(moment(max((d for d in dates if d), default=None)))
    for story in stories:
        briefing = story.versions[lang]
        url = site_url + url_for(briefing_path(lang, story.id), directory_urls=True)
        entry = feed.add_entry(order="append")
        # The address it was first published at: a renamed story is not news again
        entry.id(site_url + url_for(briefing_path(lang, story.first_id), directory_urls=True))
        entry.title(xml_text(briefing.title))
        entry.summary(xml_text(briefing.lead))
        entry.link(href=url, rel="alternate")
        entry.published(moment(briefing.date or story.date))
        entry.updated(moment(briefing.date or story.date))
    return feed.atom_str(pretty=True)
