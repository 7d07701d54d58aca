"""Where a generated page ends up, in the web build (pretty URLs) or the offline bundle."""

from __future__ import annotations

from mkdocs.utils import get_relative_url
from slugify import slugify


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
