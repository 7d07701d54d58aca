"""The offline bundle, made from the web site instead of a second MkDocs build of every page.

The two differ only in what a browser needs to read pages from disk: `.html` files instead of
pretty URLs (`en/briefings/x.html`, not `en/briefings/x/`), so every relative link is rebased;
no instant navigation (it fetches `sitemap.xml`, which a browser refuses on disk); the search
index inlined into a script; and nothing that needs the network or a server: no edit buttons
and repository facts, no feed or hreflang links, no 404 page. Each of these is one rule
below, applied to the HTML MkDocs wrote for the web; the pages are otherwise the same bytes.

`web_to_offline` is the page map (every generated page's file in each build, from
`urls.url_for`); the rest is plain text processing, file system only in `write_offline`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import posixpath
import re
import shutil
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .search import OUTPUT as SEARCH_INDEX
from .urls import ALTERNATE_SITEMAPS, url_for

# Attributes holding a URL MkDocs or our hook wrote relative to the page
_ATTRIBUTE = re.compile(r'(?<=[\s<])(href|src|data-src)="([^"]*)"')
# Material's scope of its local storage, and its configuration's base and search worker
_SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# What needs the network or a server (or, for instant navigation, fetches sitemap.xml)
# (each with a word it cannot match without, looked for first: most pages have few of them)
_DROPPED = [
    ('hreflang="', re.compile(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*">\s*')),
    ("application/atom+xml",
     re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*>\s*')),
    ("md-content__button", re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button '
                                      r'md-icon"[^>]*>.*?</a>', re.S)),  # the edit button
    ("md-header__source",  # the repository's facts, which Material fetches from its host
     re.compile(r'<div class="md-header__source">.*?</a>\s*</div>', re.S)),
    ("md-nav__source", re.compile(r'<div class="md-nav__source">.*?</a>\s*</div>', re.S)),
]
_FEATURE_DROPPED = "navigation.instant"
# Instant navigation's helper, which fetches the other languages' sitemaps
_SITEMAPS_SCRIPT = re.compile(r'\s*<script src="[^"]*/' + re.escape(
    ALTERNATE_SITEMAPS.rpartition("/")[2]) + r'"></script>')
# A 404 page needs a server and links by absolute paths; the sitemaps are for search engines
# and instant navigation, which a bundle read from disk has no use for.
_LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
_KEPT_AS_IS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|$)", re.I)  # absolute, anchor, empty


@dataclass(frozen=True, eq=False)
class PageMap:
    """Where each generated page is, in the web build and in the bundle (site-root paths)."""

    files: Mapping[str, str]  # web file -> offline file: "en/x/index.html" -> "en/x.html"
    urls: Mapping[str, str]   # web URL -> offline file: "en/x/" -> "en/x.html"
    seen: dict[tuple[str, str, str], str | None]  # links already rebased

    def digest(self) -> str:
        """What the rewrite of a page reads beside the page itself (for `Rewritten`)."""
        return hashlib.sha256(json.dumps(sorted(self.urls.items())).encode()).hexdigest()

    @classmethod
    def of(cls, sources: Iterable[str]) -> PageMap:
        files, urls = {}, {}
        for src in sources:
            if not src.endswith(".md"):
                continue
            web = url_for(src, directory_urls=True)
            offline = url_for(src, directory_urls=False)
            files[_file(web)] = offline
            urls[web] = offline
        return cls(files, urls, {})

    def search_address(self, section: str, url: str) -> str | None:
        """Where the page Pagefind indexed at `url` in the web build of `section` ("en",
        "" for the landing) is in the bundle, as Pagefind's address of it there; None for a
        page the bundle does not have."""
        prefix = f"{section}/" if section else ""
        offline = self.files.get(_file(prefix + url.lstrip("/")))
        if offline is None or not offline.startswith(prefix):
            return None
        return "/" + offline[len(prefix):]

    def link(self, value: str, web_dir: str, here: str) -> str:
        """A link of a page of the web folder `web_dir`, from the bundle's folder `here`."""
        if _KEPT_AS_IS.match(value):
            return value
        key = (value, web_dir, here)
        if value.startswith("../") and web_dir.rpartition("/")[0] == here:
            # a web page is a folder deeper than its file in the bundle (`x/index.html`,
            # `x.html`): "../y" from it is "y" from the bundle's folder, for every page there
            key = (value[3:] or "./", here, here)
        known = self.seen.get(key)
        if known is None:  # the pages of one folder link the same targets
            known = self.seen[key] = _rebased(*key, self.urls)
        return value if known is None else known


def _file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def offline_html(html: str, web_file: str, offline_file: str, pages: PageMap) -> str:
    """One web page as the bundle needs it, at `offline_file`."""
    web_dir = web_file.rpartition("/")[0]
    here = offline_file.rpartition("/")[0]
    for needle, pattern in _DROPPED:
        if needle in html:
            html = pattern.sub("", html)

    def attribute(match: re.Match[str]) -> str:
        return f'{match.group(1)}="{pages.link(match.group(2), web_dir, here)}"'

    def scope(match: re.Match[str]) -> str:
        return f'__md_scope=new URL("{_folder(match.group(1), web_dir, here)}",location)'

    def config(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        data["base"] = _folder(data["base"], web_dir, here)
        if data.get("search"):
            data["search"] = pages.link(data["search"], web_dir, here)
        data["features"] = [f for f in data.get("features", []) if f != _FEATURE_DROPPED]
        return match.group(1) + _script_json(data) + match.group(3)

    html = _ATTRIBUTE.sub(attribute, html)
    html = _SCOPE.sub(scope, html, count=1)
    html = _CONFIG.sub(config, html, count=1)
    return _SITEMAPS_SCRIPT.sub("", html)


def _script_json(data) -> str:
    """JSON inside a <script>, as Jinja's `tojson` writes it (Material's template)."""
    return (json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


def _rebased(value: str, web_dir: str, here: str, urls: Mapping[str, str]) -> str | None:
    path, mark, rest = _split(value)
    target = _resolve(web_dir, path)
    if target is None:
        return None  # above the site's root: not a link MkDocs writes; left as it is
    if target in urls:
        target = urls[target]
    elif target == "" or target.endswith("/"):
        target += "index.html"  # a folder of the site: its index page
    return _relative(target, here) + mark + rest


def _folder(value: str, web_dir: str, here: str) -> str:
    """A URL naming a folder (Material's base): the same folder, seen from `here`."""
    target = _resolve(web_dir, value.rstrip("/") + "/")
    if target is None:
        return value
    return "/".join(_steps(target.rstrip("/").split("/") if target else [], here)) or "."


def _split(value: str) -> tuple[str, str, str]:
    for mark in "?#":
        if mark in value:
            path, _, rest = value.partition(mark)
            return path, mark, rest
    return value, "", ""


def _resolve(directory: str, path: str) -> str | None:
    """Site-root path of `path` read from a page in `directory` ("" for the root); a path
    ending in "/" keeps it."""
    joined = posixpath.normpath(posixpath.join(directory, path)) if path else directory
    if joined in (".", ""):
        return ""
    if joined.startswith(".."):
        return None
    return joined + "/" if path.endswith("/") or path in (".", "..") or path.endswith(
        "/.") or path.endswith("/..") else joined


def _relative(target: str, here: str) -> str:
    """The link to the file `target` from the folder `here`, both site-root paths."""
    *folder, name = target.split("/")
    return "/".join([*_steps(folder, here), name])


def _steps(folder: list[str], here: str) -> list[str]:
    """From the folder `here` to `folder`: up, then down."""
    start = here.split("/") if here else []
    common = 0
    while common < min(len(folder), len(start)) and folder[common] == start[common]:
        common += 1
    return [".."] * (len(start) - common) + folder[common:]


def offline_search_index(text: str, prefix: str, pages: PageMap) -> tuple[str, str]:
    """A language's search index with the bundle's page addresses, inlined into the script
    Material's search reads from disk (`search_index.js`, as its offline plugin writes it)."""
    index = json.loads(text)
    for doc in index.get("docs", []):
        path, mark, rest = _split(doc["location"])
        page = pages.urls.get(prefix + path)
        if page is not None:
            doc["location"] = page[len(prefix):] + mark + rest
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return data, f"var __index = {data}"


class Rewritten:
    """The pages the last bundle rewrote, in `.build/cache/offline/`, by a key of what the
    rewrite reads: the web page's bytes and place, the page map and the code. A page whose
    key is known is hard-linked instead of rewritten (most pages, when one seed changed);
    what the build did not use is then removed, so the cache stays one bundle's pages."""

    def __init__(self, folder: Path, pages: PageMap, version: str) -> None:
        self.folder = folder
        self.salt = f"{version}\0{pages.digest()}\0".encode()
        self.used: set[Path] = set()
        self.reused = self.rewritten = 0

    def entry(self, web_file: str, offline_file: str, html: bytes) -> Path:
        digest = hashlib.sha256(self.salt + f"{web_file}\0{offline_file}\0".encode())
        digest.update(html)
        key = digest.hexdigest()
        path = self.folder / key[:2] / f"{key}.html"
        self.used.add(path)
        return path

    def keep(self, page: Path, entry: Path) -> None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, entry)
        except FileExistsError:
            pass
        except OSError:  # no cache, no harm: the page is rewritten next time
            self.used.discard(entry)

    def prune(self) -> None:
        for path in self.folder.glob("*/*.html") if self.folder.is_dir() else ():
            if path not in self.used:
                path.unlink(missing_ok=True)


def write_offline(web: Path, target: Path, pages: PageMap, *, workers: int = 1,
                  parallel_from: int = 500, kept: Rewritten | None = None) -> int:
    """The bundle's tree from the web site's: the pages rewritten (on `workers` processes),
    each language's search index inlined, the 404 pages and sitemaps left out, every other
    file hard-linked (the same bytes). With `kept`, a page rewritten by the last build from
    the same web page is linked from there. Returns the number of pages."""
    shutil.rmtree(target, ignore_errors=True)
    rewritten: list[tuple[str, str]] = []
    entries: dict[str, Path] = {}
    reused = 0
    for path in sorted(web.rglob("*")):
        if not path.is_file() or path.name in _LEFT_OUT:
            continue
        relative = path.relative_to(web).as_posix()
        if f"/{SEARCH_INDEX}/" in f"/{relative}":
            continue  # the web pages' addresses: the bundle's index is made from its own
        if relative.endswith(".html") and relative in pages.files:
            offline = pages.files[relative]
            if kept is not None:
                entry = entries[offline] = kept.entry(relative, offline, path.read_bytes())
                if entry.is_file():
                    (target / offline).parent.mkdir(parents=True, exist_ok=True)
                    os.link(entry, target / offline)
                    reused += 1
                    continue
            rewritten.append((relative, offline))
        elif relative.endswith("search/search_index.json"):
            prefix = relative[:-len("search/search_index.json")]
            data, script = offline_search_index(path.read_text(encoding="utf-8"), prefix,
                                                pages)
            _write(target / relative, data)
            _write(target / (relative[:-len("json")] + "js"), script)
        else:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target / relative)
    for folder in sorted({(target / offline).parent for _, offline in rewritten}):
        folder.mkdir(parents=True, exist_ok=True)
    if workers > 1 and len(rewritten) >= parallel_from:  # a small site: in this process
        chunks = [rewritten[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            for future in [pool.submit(_rewrite, str(web), str(target), chunk,
                                       (pages.files, pages.urls)) for chunk in chunks]:
                future.result()
    else:
        _rewrite(str(web), str(target), rewritten, pages)
    if kept is not None:
        for _, offline in rewritten:
            kept.keep(target / offline, entries[offline])
        kept.prune()
        kept.reused, kept.rewritten = reused, len(rewritten)
    return len(rewritten) + reused


def _rewrite(web: str, target: str, files: list[tuple[str, str]],
             pages: PageMap | tuple[Mapping[str, str], Mapping[str, str]]) -> None:
    """Runs in a worker: some of the pages, each read, rewritten and written."""
    if not isinstance(pages, PageMap):
        pages = PageMap(*pages, {})
    for web_file, offline_file in files:
        html = (Path(web) / web_file).read_text(encoding="utf-8")
        (Path(target) / offline_file).write_text(
            offline_html(html, web_file, offline_file, pages), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
