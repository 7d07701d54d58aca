"""`mkdocs serve` from the project root: the hook regenerates the Markdown and a seed edit
reaches the page in the browser, with one rebuild."""

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
    yield from serve(tmp_path)


def serve(tmp_path, settings: str = ""):
    """`mkdocs serve --dirty` of the samples, with `settings` added to `extra.briefings`;
    gives the project, the served address and the server's log."""
    root = make_project(tmp_path)
    if settings:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  briefings:\n", f"  briefings:\n    {settings}\n", 1), encoding="utf-8")
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
    # one rebuild: the Markdown the hook writes does not start another
    assert log.read_text().count("Documentation built") - builds_before == 1


def indexed_pages(base: str) -> int:
    """How many pages the served preview's search index (Pagefind) holds."""
    entry = json.load(urllib.request.urlopen(f"{base}pagefind/pagefind-entry.json", timeout=5))
    return sum(language["page_count"] for language in entry["languages"].values())


def search_in_browser(browser, base: str, query: str) -> list[str]:
    """The addresses the preview's search finds for `query` on its English home, as a reader
    searching there would get them (a new page: the index as it is now). Asked again when the
    preview reloads the page meanwhile (a rebuild ended)."""
    from playwright.sync_api import Error

    for _ in range(5):
        try:
            return _search_once(browser, base, query)
        except Error as error:
            if "context was destroyed" not in str(error) and UNANSWERED not in str(error):
                raise
    raise AssertionError("the preview reloaded the page or swapped the index at every try")


# Playwright's evaluate has no timeout: a search begun while the preview puts a new index in
# place can wait forever on a file of the old one, and hung the whole test run.
UNANSWERED = "the search did not answer within 15 s"


def _search_once(browser, base: str, query: str) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(f"{base}en/")
        return page.evaluate("""async ([index, query, unanswered]) => {
            const search = async () => {
                const pagefind = await import(index);
                const found = await pagefind.search(query);
                return Promise.all(found.results.map(async r => (await r.data()).url));
            };
            const late = new Promise((_, reject) =>
                setTimeout(() => reject(new Error(unanswered)), 15000));
            return Promise.race([search(), late]);
        }""", [f"{base}pagefind/pagefind.js", query, UNANSWERED])
    finally:
        page.close()


def test_search_finds_an_edit_after_a_dirty_rebuild_and_still_every_page(browser, preview):
    """A dirty rebuild renders a few pages; the preview's search index (Pagefind, made
    beside the served site) then finds the edit and holds every other page still."""
    root, base, log = preview
    deadline = time.monotonic() + 60
    while "search index updated" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.3)
    before = indexed_pages(base)
    assert search_in_browser(browser, base, "previewing") == []
    # A new first paragraph: the new lead changes the English home page too, and the new
    # alignment the coverage shown on the French and Russian pages.
    seed = next((root / "seeds").glob("003_*.txt"))
    seed.write_text("A sentence added while previewing.\n" + seed.read_text(encoding="utf-8"),
                    encoding="utf-8")
    deadline = time.monotonic() + 60
    while not any(url.endswith(f"/en/briefings/{STORY}/")
                  for url in search_in_browser(browser, base, "previewing")):
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.5)
    assert indexed_pages(base) == before  # a few pages rebuilt, every page still found


def test_the_previews_search_in_parts_answers_in_the_pages_language(browser, tmp_path):
    """The preview indexes every language in one index; made in parts (as a preview of a
    few hundred stories is), the search box of each language still finds the query set's
    pages, and only pages of its language."""
    from test_search import QUERIES, results_for

    for root, base, log in serve(tmp_path, "search_pages_per_part: 12"):
        deadline = time.monotonic() + 60
        while "search index updated" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.3)
        parts = json.load(urllib.request.urlopen(f"{base}pagefind/parts.json", timeout=5))
        assert len(parts) >= 3 and all(
            languages == ["en", "fr", "ru", "vi"] for languages in parts.values())
        page = browser.new_page()
        wrong = []
        for lang in ("en", "ru"):
            page.goto(f"{base}{lang}/")
            page.locator(".md-search__input").click()
            for item in QUERIES[lang]:
                found = results_for(page, item["query"])
                if not found or any(not url.startswith(f"{base}{lang}/") for url in found) \
                        or not all(f"{base}{lang}/{path}" in found for path in item["find"]):
                    wrong.append(f"{lang} {item['query']!r}: {found[:6]}")
        page.close()
        assert wrong == []


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


def _server(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(),
                            root=str(tmp_path))


def _wants_rebuild(server, folder, timeout: float = 5.0) -> bool:
    """Whether a seed saved in `folder` makes the preview want a rebuild."""
    server._want_rebuild = False
    (folder / "000_new.txt").write_text("A new seed.\n", encoding="utf-8")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not server._want_rebuild:
        time.sleep(0.05)
    return server._want_rebuild


def test_the_seeds_are_watched_by_file_events_and_mkdocs_yml_still_by_polling(tmp_path,
                                                                             monkeypatch):
    import logging

    from watchdog.observers.polling import PollingObserver

    from briefings.preview import POLL, watch

    monkeypatch.delenv(POLL, raising=False)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = _server(tmp_path)
    server.watch(str(tmp_path / "mkdocs.yml"))  # as MkDocs does before the hook's on_serve
    polling = server.observer
    try:
        assert watch(server, [seeds], logging.getLogger("test")) == "file events"
        assert not isinstance(server.observer, PollingObserver)
        server.observer.start()  # what MkDocs' serve does: nothing, it is running
        assert _wants_rebuild(server, seeds)
        time.sleep(0.3)
        server._want_rebuild = False
        for seed in seeds.iterdir():  # what each rebuild does: reading is not a change
            seed.read_bytes()
        time.sleep(1)
        assert not server._want_rebuild
        assert polling.is_alive()  # mkdocs.yml: still polled
    finally:
        server.observer.stop()
        polling.stop()


def test_with_briefings_watch_poll_or_no_file_events_mkdocs_polls(tmp_path, monkeypatch):
    import logging

    from watchdog.observers.polling import PollingObserver

    from briefings import preview

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    monkeypatch.setenv(preview.POLL, "poll")
    server = _server(tmp_path)
    assert preview.watch(server, [seeds], logging.getLogger("test")) == "polling"
    assert isinstance(server.observer, PollingObserver)

    def no_events():
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.delenv(preview.POLL)
    monkeypatch.setattr(preview, "_native_observer", no_events)
    server = _server(tmp_path)
    assert preview.watch(server, [seeds], logging.getLogger("test")) == "polling"
    assert isinstance(server.observer, PollingObserver)
    server.observer.start()
    try:
        assert _wants_rebuild(server, seeds)
    finally:
        server.observer.stop()
