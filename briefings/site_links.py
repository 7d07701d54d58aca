"""Links between languages, which are separate MkDocs builds: switcher, hreflang, `site:`.

A page's front matter names its translations by their source path (`fr/briefings/x.md`);
everything here turns such paths into URLs relative to the page being rendered, for pretty
URLs on the web or `.html` files in the offline bundle. `build` is what the build tells the
hook (`settings.BuildSettings`).
"""

from __future__ import annotations

import re
from html import escape as escape_html
from pathlib import Path
from typing import Any

from .languages import text_direction
from .settings import BuildSettings
from .urls import STATUS_PAGE, feed_path, home_path, relative_url, url_for

_SITE_LINK = re.compile(r'(href|data-src)="site:([^"#]*)(#[^"]*)?"')


def page_url(page, build: BuildSettings) -> str:
    """The page's URL relative to the whole site's root (not to its language's build)."""
    return build.prefix + page.url


def page_src(page, build: BuildSettings) -> str:
    return build.prefix + page.file.src_uri


def switcher(page, build: BuildSettings, directory_urls: bool) -> list[dict[str, Any]]:
    """One entry per language: the same story there, or that language's home."""
    meta = page.meta or {}
    translations = meta.get("translations") or {}
    own_lang = meta.get("lang")
    current = page_url(page, build)
    entries = []
    for language in build.languages:
        code = language.code
        if code == own_lang:
            target = page_src(page, build)
        else:
            target = translations.get(code) or home_path(code)
        entries.append({"lang": code, "dir": text_direction(code), "name": language.name,
                        "current": code == own_lang,
                        "link": relative_url(url_for(target, directory_urls=directory_urls),
                                             current)})
    return entries


def page_language(page) -> dict[str, str] | None:
    """`<html lang>` and `<body dir>` of the page: its own language, whether or not Material
    translates its interface (None: Material's, for a page without a language)."""
    lang = (page.meta or {}).get("lang")
    return {"language": lang, "direction": text_direction(lang)} if lang else None


def hreflang(page, build: BuildSettings, directory_urls: bool) -> list[dict[str, str]]:
    """Absolute alternates for search engines; none offline, where they could not be used."""
    site_url = build.site_url
    meta = page.meta or {}
    if not site_url or build.offline or not meta.get("lang"):
        return []
    versions = {meta["lang"]: page_src(page, build), **(meta.get("translations") or {})}
    links = [{"lang": code, "href": site_url + url_for(src, directory_urls=directory_urls)}
             for code, src in sorted(versions.items())]
    links.append({"lang": "x-default", "href": site_url})
    return links


class Targets:
    """Which generated files exist: one look per target and build, not per link."""

    def __init__(self, root: str) -> None:
        self._root = Path(root)
        self._known: dict[str, bool] = {}

    def exist(self, target: str) -> bool:
        known = self._known.get(target)
        if known is None:
            known = self._known[target] = (self._root / target).is_file()
        return known


def rewrite_site_links(html: str, page, build: BuildSettings, targets: Targets,
                       directory_urls: bool) -> tuple[str, list[str]]:
    """`href="site:fr/briefings/x.md"` -> a relative URL, with the definition as the title of
    a link to a term; names the targets that do not exist. `data-src="site:..."` too: a
    script a page loads (the side-by-side text)."""
    current = page_url(page, build)
    missing: list[str] = []
    urls: dict[str, str] = {}  # a page links each of its glossary terms many times
    tips = build.tooltips  # links to a term page show the term's definition

    def replace(match: re.Match[str]) -> str:
        attribute, target = match.group(1), match.group(2)
        if not targets.exist(target):
            missing.append(target)
        if target not in urls:
            urls[target] = relative_url(url_for(target, directory_urls=directory_urls),
                                        current)
        tooltip = tips.get(target)
        title = f' title="{escape_html(tooltip, quote=True)}"' if tooltip else ""
        return f'{attribute}="{urls[target]}{match.group(3) or ""}"{title}'

    return _SITE_LINK.sub(replace, html), missing


def status_link(page, build: BuildSettings, directory_urls: bool) -> dict[str, str] | None:
    """The footer's link to the editors' status page, in the page's language."""
    labels = build.status_labels
    lang = (page.meta or {}).get("lang")
    label = labels.get(lang) or labels.get("en")
    if not label:
        return None
    target = url_for(STATUS_PAGE, directory_urls=directory_urls)
    return {"link": relative_url(target, page_url(page, build)), "label": label}


def edit_url(page, repo_url: str | None, edit_uri: str | None) -> str | None:
    """Material's edit button on a briefing opens its seed file in the repository, on a term
    page the termbase; generated pages have nothing an editor should edit."""
    meta = page.meta or {}
    if not repo_url:
        return None
    source = meta.get("seed") or ("glossary/termbase.yml" if meta.get("page_type") == "term"
                                  else None)
    if not source:
        return None
    return repo_url.rstrip("/") + "/" + (edit_uri or "edit/main/").strip("/") + "/" + source


def feed_link(page, build: BuildSettings) -> dict[str, str] | None:
    """`<link rel="alternate" type="application/atom+xml">` to the page's language's feed;
    none offline, where a feed reader could not follow it."""
    lang = (page.meta or {}).get("lang")
    site_url = build.site_url
    if build.offline or not site_url or not lang or lang not in build.codes:
        return None
    title = build.feed_titles.get(lang, lang)
    return {"href": site_url + feed_path(lang), "title": title}
