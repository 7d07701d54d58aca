"""Whatever an editor pastes: every hostile seed is built as text or rejected with a reason,
the others are built, and nothing in a seed becomes markup, a link or a path."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from briefings.cli import main
from conftest import read_page

MARKUP = """The committee met on 12 March 2026 to review Resolution 59 and 41 other texts.
<script>alert("x")</script> and <img src=x onerror=alert(1)> are quoted here as text.
A link [click](javascript:alert(1)) and {{ config.site_name }} and {% include "x" %} too.
# Not a heading
| not | a | table |
<!-- not a comment -->
---
* not a list item and **not bold**
"""
VI_NFD = unicodedata.normalize(
    "NFD", "Chiều 14/3/2026, Bộ Chính trị họp về Nghị quyết số 59 và tinh thần \"6 rõ\" trong "
           "hội nhập quốc tế, với 117 nhiệm vụ và 22 chỉ tiêu cho các bộ, ngành.\n"
           "Các bộ, ngành báo cáo kết quả trước ngày 30/4/2026.\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from conftest import make_project

    sample = (Path(__file__).resolve().parent.parent / "seeds" / "003_751a3c526faebcab.txt")
    text = sample.read_text(encoding="utf-8")
    filler = ("The archive of the provincial council keeps the minutes of every session, "
              "with the names of those who spoke and what they asked the ministries to do, "
              "so that readers can follow each decision from the first draft to the vote")
    big = "\n".join(f"{filler}; see section {i} (part {i})." for i in range(9000))
    root = make_project(tmp_path_factory.mktemp("hostile"), {
        "Bài Báo Mới 2026.txt": MARKUP,
        "vi-nfd.txt": VI_NFD,
        "whitespace.txt": " \n\t \r\n",
        "near-copy.txt": text.replace("Comment (0)", "") + "\nOne more closing sentence.",
        "escape.txt": "---\nstory: ../../../outside\nlang: en\n---\nA text that tries to "
                      "leave the site folder through its story name, dated 1 May 2026.\n",
        "big.txt": big,
        "crlf-1252.txt": "Le comité s'est réuni le 2 avril 2026 à Hanoï.\r\nDeuxième "
                         "paragraphe de l'article.\r\n".encode("cp1252"),
    })
    code = main(["--root", str(root), "--quiet"])
    return root, code


def test_hostile_seeds_do_not_stop_the_build(hostile):
    root, code = hostile
    assert code == 0
    data = json.loads((root / "site" / "briefings.json").read_text(encoding="utf-8"))
    assert [r["seed"] for r in data["rejected"]] == ["seeds/whitespace.txt"]
    seeds = {v["seed"] for s in data["stories"] for v in s["translations"].values()}
    assert {"seeds/Bài Báo Mới 2026.txt", "seeds/vi-nfd.txt", "seeds/big.txt",
            "seeds/crlf-1252.txt", "seeds/escape.txt"} <= seeds
    assert any("nearly the same article" in w and "seeds/near-copy.txt" in w
               and "seeds/003_751a3c526faebcab.txt" in w for w in data["warnings"])


def _page_of(root: Path, seed: str) -> Path:
    data = json.loads((root / "site" / "briefings.json").read_text(encoding="utf-8"))
    for story in data["stories"]:
        for version in [*story["translations"].values(), *story["alternatives"]]:
            if version["seed"] == seed:
                return root / "site" / version["url"] / "index.html"
    raise AssertionError(seed)


def test_markup_in_a_seed_is_shown_as_text(hostile):
    root, _ = hostile
    page_path = _page_of(root, "seeds/Bài Báo Mới 2026.txt")
    html = page_path.read_text(encoding="utf-8")
    article = html[html.index('<article'):html.index('</article>')]
    assert "<script" not in article and "<img" not in article and "<table" not in article
    assert 'href="javascript' not in html and "onerror=" not in article.replace("onerror=alert", "")
    text = read_page(page_path).text
    for shown in ('<script>alert("x")</script>', "[click](javascript:alert(1))",
                  "{{ config.site_name }}", '{% include "x" %}', "# Not a heading",
                  "| not | a | table |", "<!-- not a comment -->", "**not bold**"):
        assert shown in text, shown


def test_nfd_vietnamese_is_normalised_and_terms_still_link(hostile):
    root, _ = hostile
    page = read_page(_page_of(root, "seeds/vi-nfd.txt"))
    assert "Bộ Chính trị" in page.text  # NFC on the page
    linked = {l["href"] for l in page.links if "glossary" in l.get("class", "")}
    assert {"../../glossary/politburo/", "../../glossary/resolution-59/",
            "../../glossary/6-clear/"} <= linked


def test_story_names_cannot_leave_the_site(hostile):
    root, _ = hostile
    assert not (root.parent / "outside").exists()
    assert _page_of(root, "seeds/escape.txt").is_relative_to(root / "site" / "en" / "briefings")


def test_a_4_mb_article_keeps_every_paragraph(hostile):
    root, _ = hostile
    text = read_page(_page_of(root, "seeds/big.txt")).text
    assert "(part 0)" in text and "(part 8999)" in text
    assert len(set(re.findall(r"\(part \d+\)", text))) == 9000


def test_windows_1252_with_crlf_reads_right(hostile):
    root, _ = hostile
    text = read_page(_page_of(root, "seeds/crlf-1252.txt")).text
    assert "Le comité s'est réuni le 2 avril 2026 à Hanoï." in text


def test_a_link_where_a_page_goes_is_refused_not_followed(tmp_path):
    """A link planted in site_src/ in a page's place must not make the build write outside
    the folder, whether or not the page is unchanged."""
    from pathlib import PurePosixPath

    from briefings.model import Page
    from briefings.write import sync_tree

    outside = tmp_path / "outside.md"
    outside.write_text("kept\n", encoding="utf-8")
    docs = tmp_path / "site_src"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "index.md").symlink_to(outside)
    for text in ("new\n", "kept\n"):
        with pytest.raises(ValueError, match="refusing to write outside"):
            sync_tree([Page(PurePosixPath("en/index.md"), text)], docs)
        assert outside.read_text(encoding="utf-8") == "kept\n"


def test_a_page_path_that_leaves_the_folder_is_refused_after_pages_that_do_not(tmp_path):
    """The folders of the pages are checked once each (sync_tree): a path going up, an
    absolute one or a folder that is a link outside is still refused when pages of a checked
    folder came first, and nothing is written outside."""
    from pathlib import PurePosixPath

    from briefings.model import Page
    from briefings.write import sync_tree

    docs, elsewhere = tmp_path / "site_src", tmp_path / "elsewhere"
    elsewhere.mkdir()
    docs.mkdir()
    (docs / "fr").symlink_to(elsewhere, target_is_directory=True)
    first = [Page(PurePosixPath("index.md"), "a\n"), Page(PurePosixPath("en/index.md"), "b\n")]
    for bad in ("en/../../escaped.md", "/escaped.md", "fr/index.md"):
        with pytest.raises(ValueError, match="refusing to write outside"):
            sync_tree([*first, Page(PurePosixPath(bad), "c\n")], docs)
    assert not (tmp_path / "escaped.md").exists() and not list(elsewhere.iterdir())
    assert sync_tree(first, docs).written == ("en/index.md", "index.md")
