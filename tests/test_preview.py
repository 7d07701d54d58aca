"""`mkdocs serve` from the project root: the hook regenerates the Markdown and a seed edit
reaches the page in the browser, with at most two rebuilds."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import make_project

STORY = "chieu-26-8-thu-tuong-pham-minh-chinh-truong-ban-chi-dao-quoc"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    root = make_project(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
                               f"127.0.0.1:{port}"],  # as `make serve` runs it
                              cwd=root, stdout=log, stderr=subprocess.STDOUT,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                   "HOME": str(tmp_path)})
    base = f"http://127.0.0.1:{port}/briefings/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("mkdocs serve did not start: " + (tmp_path / "serve.log").read_text())
    yield root, base, tmp_path / "serve.log"
    server.terminate()
    server.wait(timeout=10)


def test_a_seed_edit_reaches_the_served_page(browser, preview):  # noqa: F811
    root, base, log = preview
    page = browser.new_page()
    page.goto(f"{base}fr/briefings/{STORY}/")
    builds_before = log.read_text().count("Documentation built")
    seed = next((root / "seeds").glob("000_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nUne phrase ajoutée pendant l'aperçu.\n",
                    encoding="utf-8")
    edited = time.monotonic()
    page.wait_for_selector("text=Une phrase ajoutée pendant l'aperçu.", timeout=20000)
    print(f"\n  preview: seed edit visible in the browser after {time.monotonic() - edited:.1f}s")
    time.sleep(3)  # let any further rebuild happen before counting
    assert log.read_text().count("Documentation built") - builds_before <= 2


def test_search_still_finds_every_page_after_a_dirty_rebuild(preview):
    root, base, log = preview
    index_url = f"{base}search/search_index.json"

    def pages() -> dict[str, str]:
        found: dict[str, str] = {}
        docs = json.load(urllib.request.urlopen(index_url, timeout=5))["docs"]
        assert len({d["location"] for d in docs}) == len(docs)  # each section once
        for doc in docs:
            page = doc["location"].split("#")[0]  # a page, then its sections
            found[page] = found.get(page, "") + " " + doc["text"]
        return found

    before = pages()
    # A new first paragraph: the new lead changes the English home page too, and the new
    # alignment the coverage shown on the French and Russian pages, so the dirty build
    # renders several pages, one of them the home whose URL is every English page's prefix.
    seed = next((root / "seeds").glob("003_*.txt"))
    seed.write_text("A sentence added while previewing.\n" + seed.read_text(encoding="utf-8"),
                    encoding="utf-8")
    deadline = time.monotonic() + 30
    while "added while previewing" not in " ".join(pages().values()):
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.5)
    after = pages()
    assert set(after) == set(before)  # the dirty build rendered a few pages, search has all
    assert f"en/briefings/{STORY}/" in after


def test_a_broken_seed_is_reported_and_the_server_keeps_serving(preview):
    root, base, log = preview
    (root / "seeds" / "broken.txt").write_bytes(bytes(range(256)) * 10)
    deadline = time.monotonic() + 20
    while "seeds/broken.txt" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert re.search(r"seeds/broken.txt: this is not a text file", log.read_text())
    assert urllib.request.urlopen(f"{base}en/", timeout=5).status == 200


def test_a_plain_mkdocs_serve_says_how_to_get_the_fast_preview():
    from briefings.preview import Preview

    hint = Preview().start("serve", dirty=False)
    assert "make serve" in hint and "--dirty" in hint
    assert Preview().start("serve", dirty=True) is None  # what `make serve` runs
    assert Preview().start("build", dirty=False) is None
