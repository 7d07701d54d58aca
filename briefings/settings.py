"""What a build tells the MkDocs hook: one frozen value, made by one constructor.

`build.py` runs one MkDocs build per language (and one for the landing page), each in a worker
that reads a derived configuration; the preview (`mkdocs serve`) runs the pipeline inside the
hook. Both say what the hook needs the same way: `build_settings` makes the value, the derived
configuration carries it as plain YAML under `extra.briefings.build` (`to_config`), and the
hook reads it back once per build (`BuildSettings.of`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .languages import language_name
from .model import Termbase
from .search import PART_PAGES
from .urls import glossary_path


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in itself, as the switcher shows it: "Tiếng Việt"


@dataclass(frozen=True, eq=False)
class BuildSettings:
    root: str                 # the generated Markdown (site_src/), for the link checks
    languages: tuple[Language, ...]  # the site's, in the order of its sections
    site_url: str = ""        # where the site is published ("" when not set)
    prefix: str = ""          # this build's folder in the whole site: "en/", "" for the landing
    offline: bool = False     # the bundle read from disk: no feeds, hreflang, edit links
    preview: bool = False     # `mkdocs serve` of the project (briefings.preview)
    tooltips: Mapping[str, str] = field(default_factory=dict)       # term page -> definition
    status_labels: Mapping[str, str] = field(default_factory=dict)  # lang -> footer link
    feed_titles: Mapping[str, str] = field(default_factory=dict)    # lang -> feed's title
    search_part_pages: int = PART_PAGES  # pages per Pagefind run (briefings.search)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def section(self, lang: str | None) -> BuildSettings:
        """The settings of one language's build (`None`: the landing page's)."""
        return replace(self, prefix=f"{lang}/" if lang else "")

    def to_config(self) -> dict[str, Any]:
        """As plain YAML values, for a derived configuration."""
        return {"root": self.root, "site_url": self.site_url, "prefix": self.prefix,
                "offline": self.offline, "preview": self.preview,
                "languages": [{"code": x.code, "name": x.name} for x in self.languages],
                "tooltips": dict(self.tooltips), "status_labels": dict(self.status_labels),
                "feed_titles": dict(self.feed_titles),
                "search_part_pages": self.search_part_pages}

    @classmethod
    def of(cls, value: BuildSettings | Mapping[str, Any]) -> BuildSettings:
        """From a derived configuration's `extra.briefings.build`; a value is kept as it is."""
        if isinstance(value, BuildSettings):
            return value
        return cls(root=str(value["root"]), site_url=str(value.get("site_url") or ""),
                   prefix=str(value.get("prefix") or ""), offline=bool(value.get("offline")),
                   preview=bool(value.get("preview")),
                   languages=tuple(Language(str(x["code"]), str(x["name"]))
                                   for x in value.get("languages") or ()),
                   tooltips=dict(value.get("tooltips") or {}),
                   status_labels=dict(value.get("status_labels") or {}),
                   feed_titles=dict(value.get("feed_titles") or {}),
                   search_part_pages=int(value.get("search_part_pages") or PART_PAGES))


def build_settings(*, root: str, languages: Sequence[str], site_url: str, site_name: str,
                   templates=None, termbase: Termbase | None = None, offline: bool = False,
                   preview: bool = False, search_part_pages: int = PART_PAGES
                   ) -> BuildSettings:
    """The one constructor, for the CLI's builds and the preview alike. Without templates or a
    termbase (a preview whose pipeline failed) the pages go without tooltips and footer
    words, as before the first good build."""
    return BuildSettings(
        root=root, site_url=site_url or "", offline=offline, preview=preview,
        search_part_pages=search_part_pages,
        languages=tuple(Language(code, language_name(code)) for code in languages),
        tooltips=tooltips(termbase) if termbase is not None else {},
        status_labels=status_labels(templates, languages) if templates is not None else {},
        feed_titles=feed_titles(templates, languages, site_name)
        if templates is not None else {})


def tooltips(termbase: Termbase) -> dict[str, str]:
    """Term page -> definition, for the hook to put on every link to the term."""
    return {glossary_path(lang, concept.id): entry.definition
            for concept in termbase.concepts for lang, entry in sorted(concept.terms.items())}


def status_labels(templates, languages: Sequence[str]) -> dict[str, str]:
    """The footer's link to the status page, in each page's language."""
    return {code: templates.words(code)["status_link"] for code in ["en", *languages]}


def feed_titles(templates, languages: Sequence[str], site_name: str) -> dict[str, str]:
    return {code: templates.words(code)["feed_title"].format(site=site_name)
            for code in languages}
