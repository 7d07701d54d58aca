"""Where a project's files are and what its `mkdocs.yml` says about the briefings.

`extra.briefings` in `mkdocs.yml` may fix the order of languages, the default language and the
name of the offline bundle; everything else is discovered from the seeds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .search import PART_PAGES


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (`!ENV`, `!!python/name`)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        return os.environ.get(value) if suffix == "ENV" else value
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        if suffix == "ENV" and items:  # !ENV [NAME, OTHER_NAME, default], as MkDocs reads it
            return next((os.environ[n] for n in items[:-1] if n in os.environ), items[-1])
        return items
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class Project:
    root: Path
    site_name: str
    site_url: str
    bundle_name: str
    language_order: tuple[str, ...]
    default_language: str | None
    relative_paths: dict  # options of mkdocs.yml holding paths, made absolute for derived builds
    theme_features: tuple[str, ...]
    search_pages_per_part: int = PART_PAGES  # pages per Pagefind run (briefings.search)

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def termbase(self) -> Path:
        return self.root / "glossary" / "termbase.yml"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def book(self) -> Path:
        """The story addresses (`address.py`), which the build keeps and editors commit."""
        return self.root / "stories.yml"

    @property
    def work(self) -> Path:
        """Scratch space for builds in progress; swapped into place only when they succeed."""
        return self.root / ".build"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


def load_project(root: Path, *, site_url: str | None = None) -> Project:
    root = root.resolve()
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    extra = (config.get("extra") or {}).get("briefings") or {}
    url = site_url if site_url is not None else str(config.get("site_url") or "")
    return Project(root=root, site_name=str(config.get("site_name") or "Briefings"),
                   site_url=url.rstrip("/") + "/" if url else "",
                   bundle_name=str(extra.get("bundle_name") or "briefings"),
                   language_order=tuple(extra.get("languages") or ()),
                   default_language=extra.get("default_language"),
                   relative_paths=_absolute_paths(root, config),
                   theme_features=tuple((config.get("theme") or {}).get("features") or ()),
                   search_pages_per_part=_positive(extra.get("search_pages_per_part"),
                                                   PART_PAGES))


def _positive(value, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else default


def _absolute_paths(root: Path, config: dict[str, Any]) -> dict[str, Any]:
    """A derived config lives elsewhere; MkDocs resolves paths from the config's folder."""
    paths: dict[str, Any] = {}
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        paths["theme"] = {"custom_dir": str(root / theme["custom_dir"])}
    if config.get("hooks"):
        paths["hooks"] = [str(root / hook) for hook in config["hooks"]]
    return paths
