"""Helpers: temporary projects built from the real templates, termbase and samples."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "seeds").glob("*.txt"))


def make_project(where: Path, seeds: dict[str, str | bytes] | None = None,
                 *, samples: bool = True) -> Path:
    """A project folder like the repository's, with the given extra seeds."""
    for name in ("templates", "glossary", "overrides"):
        shutil.copytree(REPO / name, where / name)
    shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")
    (where / "briefings").symlink_to(REPO / "briefings")
    (where / "site_src").mkdir()  # as in a fresh clone: only its .gitkeep
    (where / "site_src" / ".gitkeep").touch()
    (where / "seeds").mkdir()
    if samples:
        for sample in SAMPLES:
            shutil.copy(sample, where / "seeds" / sample.name)
    for name, content in (seeds or {}).items():
        path = where / "seeds" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return where


class Page(HTMLParser):
    """What a browser would show and follow: visible text, links, the html lang."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.heads: list[dict[str, str]] = []
        self.lang = ""
        self.texts: list[str] = []
        self._skip = 0
        self._open_link: dict[str, str] | None = None
        self.feed(html)

    BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td",
              "th", "tr", "nav", "header", "footer", "section", "article", "label", "button"}

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag in self.BLOCKS:
            self.texts.append(" ")
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and "href" in attributes:
            self._open_link = {**attributes, "text": ""}
            self.links.append(self._open_link)
        if tag == "link":
            self.heads.append(attributes)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.texts.append(" ")
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a":
            self._open_link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.texts.append(data)
        if self._open_link is not None:
            self._open_link["text"] += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory) -> Path:
    """The sample seeds built once, web and offline, as `make site` does."""
    from briefings.cli import main

    root = make_project(tmp_path_factory.mktemp("samples"))
    assert main(["--root", str(root), "--quiet"]) == 0
    return root


@pytest.fixture(scope="session")
def built_with_properdocs(tmp_path_factory) -> Path:
    """The samples built with ProperDocs, the maintained fork of MkDocs (`make properdocs`)."""
    from briefings.cli import main

    pytest.importorskip("properdocs", reason="ProperDocs is not installed (make properdocs)")
    root = make_project(tmp_path_factory.mktemp("properdocs"))
    assert main(["--root", str(root), "--quiet", "--engine", "properdocs"]) == 0
    return root
