"""Every generated path and URL: where each page, feed, script and file of the site is, and
how one page links another. The other modules ask here; none writes a path of its own.

A path is relative to the whole site's root and names the Markdown source (`en/briefings/x.md`)
or the file (`en/feed.xml`); `url_for` turns a source into the URL it has in the web build
(pretty URLs, `en/briefings/x/`) or in the offline bundle (`en/briefings/x.html`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url
from slugify import slugify

# The scripts and the stylesheet every build copies from templates/ (render.ASSETS)
STYLESHEET = "assets/briefings.css"
SEARCH_SCRIPT = "assets/search.js"  # Pagefind behind Material's search box (briefings.search)
ALTERNATE_SITEMAPS = "assets/alternate-sitemaps.js"
PARALLEL_SCRIPT = "assets/parallel.js"

LANDING = "index.md"  # the site's front page, which lists the languages
STATUS_PAGE = "status.md"  # the editors' status page, at the site's root


def home_path(lang: str) -> str:
    return f"{lang}/index.md"


def briefing_path(lang: str, story_id: str) -> str:
    return f"{lang}/briefings/{story_id}.md"


def alternative_path(lang: str, story_id: str, number: int) -> str:
    """A further rendering of a story in a language it already has keeps its own page."""
    return f"{lang}/briefings/{story_id}--alt-{number + 1}.md"  # "--": never in a slug


def parallel_path(lang: str, story_id: str) -> str:
    """The side-by-side reading page of a story, in the language of its interface."""
    return f"{lang}/parallel/{story_id}.md"


def data_path(story_id: str) -> str:
    """The side-by-side text of a story, a script every language's page loads."""
    return f"parallel/{story_id}.js"


def glossary_path(lang: str, concept_id: str = "index") -> str:
    return f"{lang}/glossary/{concept_id}.md"


def archive_path(lang: str, month: str = "index") -> str:
    """`month`: "2025-08", "undated", or "index" for the list of months."""
    return f"{lang}/archive/{month}.md"


def feed_path(lang: str) -> str:
    return f"{lang}/feed.xml"


def tmx_path(story_id: str) -> str:
    """Where a story's translation memory is, from the web site's root."""
    return f"tmx/{story_id}.tmx"


def in_language(path: str) -> str:
    """The path inside its language's own MkDocs build: `en/glossary/index.md` ->
    `glossary/index.md`."""
    return path.split("/", 1)[1]


def slug(text: str, **options) -> str:
    """A story's or label's slug. The romanisation is named, not left to whichever library
    happens to be installed: with Unidecode present, python-slugify would switch to it and
    write other addresses for the same titles."""
    return slugify(text, backend="text-unidecode", **options)


def url_for(src: str, *, directory_urls: bool) -> str:
    """Site-root-relative URL of a Markdown source: `en/briefings/x.md` -> `en/briefings/x/`
    on the web, `en/briefings/x.html` in the offline bundle; any other file keeps its path."""
    if not src.endswith(".md"):
        return src  # a file MkDocs copies as it is (a script, an image)
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """Link from the page at `current` to `target`, both site-root-relative URLs."""
    link = get_relative_url(target, current)
    if (target == "" or target.endswith("/")) and not link.endswith("/"):
        link += "/"
    return link


def relative(source: str, target: str) -> str:
    """A Markdown link from one source to another inside one language's folder (one MkDocs
    build), which MkDocs then turns into the URL of either build."""
    folder, _, _ = source.rpartition("/")
    return _relative_from(folder, target)


@lru_cache(maxsize=65_536)  # every briefing of a language links the same glossary pages
def _relative_from(folder: str, target: str) -> str:
    start = PurePosixPath(folder)
    up = len(start.parts) - len(PurePosixPath(*start.parts[:1]).parts)
    return "../" * up + str(PurePosixPath(target).relative_to(start.parts[0]))
