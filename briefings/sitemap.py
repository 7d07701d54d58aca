"""The site's sitemap.xml: every page of every language with its language alternates.

Each language build writes a sitemap of its own pages; search engines learn from this one
which pages are translations of each other (`xhtml:link rel="alternate" hreflang`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .homes import month_of
from .model import Site
from .urls import (LANDING, alternative_path, archive_path, briefing_path, glossary_path,
                   home_path, url_for)

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def page_groups(site: Site) -> list[dict[str, str]]:
    """Sets of pages that are the same page in several languages: {lang: source path}."""
    languages = list(site.languages)
    groups = [{"x-default": LANDING}]
    groups += [{lang: home_path(lang) for lang in languages},
               {lang: glossary_path(lang) for lang in languages},
               {lang: archive_path(lang) for lang in languages}]
    groups += [{lang: archive_path(lang, month) for lang in languages}
               for month in sorted({month_of(story) for story in site.stories})]
    for story in site.stories:
        groups.append({lang: briefing_path(lang, story.id) for lang in story.versions})
        groups += [{alt.lang: alternative_path(alt.lang, story.id, i)}
                   for i, alt in enumerate(story.alternatives)]
    for concept in site.termbase.concepts:
        groups.append({lang: glossary_path(lang, concept.id) for lang in languages
                       if lang in concept.terms})
    return groups


def sitemap_xml(site: Site, site_url: str) -> bytes:
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for group in page_groups(site):
        for _, src in sorted(group.items()):
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = site_url + url_for(
                src, directory_urls=True)
            if len(group) < 2:
                continue
            for other, other_src in sorted(group.items()):
                ET.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=other,
                              href=site_url + url_for(other_src, directory_urls=True))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
