"""The offline bundle is the web site's pages rewritten for reading from disk (briefings.offline):
each rule on a page of our own. The browser tests open the real bundle (0 requests, search)."""

import base64
import gzip
import json
import shutil
from pathlib import Path

from briefings import search
from briefings.offline import PageMap, offline_html, offline_search_index, write_offline
from briefings.search import derive_index

PAGES = PageMap.of(["index.md", "status.md", "en/index.md", "en/briefings/x.md",
                    "en/glossary/index.md", "en/glossary/four-pillars.md", "fr/briefings/x.md",
                    "en/archive/2025-08.md"])

CONFIG = {"base": "../..", "features": ["navigation.instant", "navigation.top"],
          "search": "../../assets/javascripts/workers/search.min.js", "translations": {
              "search.result.none": "Aucun document trouvé <b>"}}

PAGE = f"""<html><head>
<link rel="canonical" href="https://example.org/en/briefings/x/">
<link rel="alternate" hreflang="fr" href="https://example.org/fr/briefings/x/">
<link rel="alternate" type="application/atom+xml" title="Feed" href="https://example.org/en/feed.xml">
<link rel="stylesheet" href="../../assets/briefings.css">
<script src="../../assets/alternate-sitemaps.js"></script>
<script src="../../assets/search.js"></script>
<script>__md_scope=new URL("../..",location)</script>
</head><body>
<div class="md-header__source"><a href="https://github.com/x/y" title="Go to repository" class="md-source"><div class="md-source__icon"></div></a></div>
<a href="../.." class="md-logo">logo</a>
<a href="./">this page</a> <a href="#lead">lead</a>
<a href="../../glossary/four-pillars/" title="d">four pillars</a>
<a href="../../glossary/">glossary</a>
<a href="../../../fr/briefings/x/#p-2">Français</a>
<a href="../../../status/">status</a> <a href="../../../">landing</a>
<a href="../../archive/2025-08/">August</a>
<a href="https://example.org/other/">elsewhere</a> <a href="mailto:desk@example.org">mail</a>
<a href="https://github.com/x/y/edit/main/seeds/a.txt" title="Edit this page" class="md-content__button md-icon">edit</a>
<div data-src="../../../parallel/x.js"></div>
<script id="__config" type="application/json">{json.dumps(CONFIG)}</script>
</body></html>"""


def test_links_point_at_the_bundles_html_files():
    html = offline_html(PAGE, "en/briefings/x/index.html", "en/briefings/x.html", PAGES)
    assert 'href="../glossary/four-pillars.html" title="d"' in html
    assert 'href="../glossary/index.html"' in html
    assert 'href="../../fr/briefings/x.html#p-2"' in html      # another language's build
    assert 'href="../../status.html"' in html and 'href="../../index.html">landing' in html
    assert 'href="../index.html" class="md-logo"' in html         # the language's home
    assert 'href="x.html">this page' in html and 'href="#lead"' in html
    assert 'href="../archive/2025-08.html"' in html
    assert 'href="../assets/briefings.css"' in html               # files keep their names
    assert 'data-src="../../parallel/x.js"' in html
    assert 'href="https://example.org/other/"' in html and 'href="mailto:desk@example.org"' in html


def test_material_reads_its_base_from_the_bundles_folder_without_instant_navigation():
    html = offline_html(PAGE, "en/briefings/x/index.html", "en/briefings/x.html", PAGES)
    assert '__md_scope=new URL("..",location)' in html
    config = json.loads(html.split('<script id="__config" type="application/json">')[1]
                        .split("</script>")[0])
    assert config["base"] == ".."
    assert config["search"] == "../assets/javascripts/workers/search.min.js"
    assert config["features"] == ["navigation.top"]  # instant navigation fetches sitemap.xml
    assert config["translations"]["search.result.none"] == "Aucun document trouvé <b>"
    assert "<b>" not in html.split("__config")[1]  # still safe inside the script


def test_nothing_that_needs_the_network_or_a_server_is_left():
    html = offline_html(PAGE, "en/briefings/x/index.html", "en/briefings/x.html", PAGES)
    for gone in ('hreflang=', "application/atom+xml", "Edit this page", "md-header__source",
                 "github.com", "alternate-sitemaps.js"):
        assert gone not in html, gone
    assert 'src="../assets/search.js"' in html  # the same search, from the bundle's index


def test_a_home_and_the_landing_keep_their_depth():
    home = offline_html('<a href="briefings/x/">x</a><a href="../">up</a>'
                        '<script>__md_scope=new URL(".",location)</script>',
                        "en/index.html", "en/index.html", PAGES)
    assert 'href="briefings/x.html"' in home and 'href="../index.html">up' in home
    assert '__md_scope=new URL(".",location)' in home
    landing = offline_html('<a href="en/">English</a><a href="status/">s</a>', "index.html",
                           "index.html", PAGES)
    assert 'href="en/index.html"' in landing and 'href="status.html"' in landing


def test_a_link_above_the_site_is_left_as_it_is():
    html = offline_html('<a href="../../../../x/">x</a>', "en/briefings/x/index.html",
                        "en/briefings/x.html", PAGES)
    assert 'href="../../../../x/"' in html


def test_the_search_index_names_the_bundles_pages_and_is_inlined():
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Home"}, {"location": "briefings/x/#lead", "title": "x"},
        {"location": "glossary/four-pillars/", "title": "Bốn trụ cột"}]}
    data, script = offline_search_index(json.dumps(index), "en/", PAGES)
    docs = json.loads(data)["docs"]
    assert [d["location"] for d in docs] == ["index.html", "briefings/x.html#lead",
                                            "glossary/four-pillars.html"]
    assert script == f"var __index = {data}" and "Bốn trụ cột" in script


def test_the_tree_leaves_out_what_needs_a_server(tmp_path):
    web = tmp_path / "web"
    (web / "en" / "briefings" / "x").mkdir(parents=True)
    (web / "en" / "briefings" / "x" / "index.html").write_text(
        '<a href="../../">home</a>', encoding="utf-8")
    (web / "en" / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (web / "en" / "404.html").write_text("<p>404</p>", encoding="utf-8")
    (web / "en" / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (web / "en" / "assets").mkdir()
    (web / "en" / "assets" / "a.css").write_text("p{}", encoding="utf-8")
    count = write_offline(web, tmp_path / "offline", PAGES)
    files = sorted(p.relative_to(tmp_path / "offline").as_posix()
                   for p in (tmp_path / "offline").rglob("*") if p.is_file())
    assert count == 2
    assert files == ["en/assets/a.css", "en/briefings/x.html", "en/index.html"]
    assert (tmp_path / "offline/en/briefings/x.html").read_text() == '<a href="../index.html">home</a>'


def test_pages_rewritten_on_several_processes_are_the_same_bytes(tmp_path):
    web = tmp_path / "web"
    for name in ("x", "y", "z"):
        (web / "en" / "briefings" / name).mkdir(parents=True)
        (web / "en" / "briefings" / name / "index.html").write_text(
            f'<a href="../../glossary/four-pillars/">{name}</a><a href="../../">home</a>',
            encoding="utf-8")
    pages = PageMap.of(["en/index.md", "en/glossary/four-pillars.md",
                        *(f"en/briefings/{n}.md" for n in "xyz")])
    write_offline(web, tmp_path / "one", pages)
    write_offline(web, tmp_path / "two", pages, workers=2, parallel_from=0)
    for name in ("x", "y", "z"):
        one = (tmp_path / "one" / "en" / "briefings" / f"{name}.html").read_text()
        assert one == (tmp_path / "two" / "en" / "briefings" / f"{name}.html").read_text()
        assert one == f'<a href="../glossary/four-pillars.html">{name}</a><a href="../index.html">home</a>'


def _fragments(files: dict[str, bytes]) -> dict[str, dict]:
    """Each page Pagefind's index holds, by its address: text, title and word count."""
    pages = {}
    for name, data in files.items():
        if name.endswith(".pf_fragment"):
            fragment = json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])
            pages[fragment.pop("url")] = fragment
    return pages


def _embedded(folder: Path) -> dict[str, bytes]:
    text = (folder / "pagefind" / "files.js").read_text(encoding="utf-8")
    encoded = json.loads(text.partition("=")[2].strip().rstrip(";"))
    return {name: base64.b64decode(data) for name, data in encoded.items()}


def test_the_bundles_search_finds_what_pagefind_finds_on_the_bundles_pages(bundle, tmp_path):
    # The bundle's index is the web's with the bundle's addresses (search.derive_index), not
    # Pagefind run again: it must hold the pages a run on the bundle's own pages finds, with
    # the same text, and every address must open a page of the bundle
    for section in ("", "en", "ru"):
        folder = bundle / section if section else bundle
        ours = _fragments(_embedded(folder))
        assert ours, section
        for address in ours:
            assert (folder / address.lstrip("/")).is_file(), (section, address)
        copy = tmp_path / (section or "landing")
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("pagefind"))
        search.index_site(copy, offline=False, glob=None if section else "*.html")
        theirs = {  # Pagefind drops "index.html" from an address, which on disk is a folder
            (url + "index.html" if url.endswith("/") else url): fragment
            for url, fragment in _fragments({
                p.relative_to(copy).as_posix(): p.read_bytes()
                for p in (copy / "pagefind").rglob("*.pf_fragment")}).items()}
        assert ours == theirs, section


def test_the_404_page_is_not_a_search_result(built_samples):
    for section in ("", "en"):
        folder = built_samples / "site" / section
        addresses = _fragments({p.name: p.read_bytes()
                                for p in (folder / "pagefind").rglob("*.pf_fragment")})
        assert addresses and not [a for a in addresses if "404" in a], section


def test_an_index_it_cannot_read_is_made_again_from_the_bundles_pages(built_samples, tmp_path):
    web = built_samples / "site" / "en"
    assert derive_index(web, tmp_path / "a", lambda url: None) is False  # a page unknown
    assert not (tmp_path / "a").exists()
    damaged = tmp_path / "web"
    shutil.copytree(web / "pagefind", damaged / "pagefind")
    next(damaged.rglob("*.pf_fragment")).write_bytes(b"not gzip")
    assert derive_index(damaged, tmp_path / "b", lambda url: url) is False
    assert derive_index(web, tmp_path / "c", lambda url: url) is True
    assert _fragments(_embedded(tmp_path / "c"))
