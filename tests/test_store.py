"""The analyses a build keeps for the next one (.build/cache), and the lock between builds."""

from __future__ import annotations

import fcntl
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from briefings import search
from briefings.analyse import Inputs
from briefings.furniture import load_furniture
from briefings.pipeline import generate
from briefings.project import load_project
from briefings.store import AnalysisStore
from briefings.termbase import load_termbase
from conftest import REPO, make_project


def built(root, store):
    return generate(load_project(root), store=store)


def test_an_unchanged_seed_is_not_analysed_again_and_a_changed_one_is(tmp_path):
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"
    first = AnalysisStore(folder)
    built(root, first)
    assert (first.hits, first.misses) == (0, 5)
    again = AnalysisStore(folder)
    site = built(root, again)
    assert (again.hits, again.misses) == (0 + 5, 0)
    seed = next((root / "seeds").glob("001_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nUn paragraphe de plus.\n",
                    encoding="utf-8")
    changed = AnalysisStore(folder)
    after = built(root, changed)
    assert (changed.hits, changed.misses) == (4, 1)
    assert [p.path for p in after.pages] == [p.path for p in site.pages]


def test_analyses_made_on_worker_processes_are_kept_for_the_next_build(tmp_path):
    """A large archive's seeds are analysed on every core, and each worker writes what it
    made into the cache: the next build finds all of it, the same as when it was made."""
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"
    first = AnalysisStore(folder, limit=1)
    made = generate(load_project(root), store=first, workers=2)
    assert (first.hits, first.misses) == (0, 5)
    assert len(list(folder.rglob("*.analysis"))) == 5
    # over its limit, the cache drops only what this build did not use: none of the five
    assert first.prune() > 1 and len(list(folder.rglob("*.analysis"))) == 5
    again = AnalysisStore(folder)
    kept = generate(load_project(root), store=again, workers=2)
    assert (again.hits, again.misses) == (5, 0)
    assert kept.pages == made.pages


def test_a_story_whose_versions_did_not_change_is_not_aligned_again(tmp_path):
    """The alignment (and the titles it gives) of each story is kept like an analysis: an
    edited version aligns its story again, the other stories come from the cache, and the
    pages are those of a build without it."""
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"

    def build():
        analyses, aligned = AnalysisStore(folder / "analysis"), AnalysisStore(folder / "aligned")
        return generate(load_project(root), store=analyses, aligned=aligned), aligned

    _, first = build()
    assert (first.hits, first.misses) == (0, 1)  # one story of the samples has versions
    site, again = build()
    assert (again.hits, again.misses) == (1, 0)
    assert [p.text for p in site.pages] == [p.text for p in generate(load_project(root)).pages]
    seed = next((root / "seeds").glob("003_*.txt"))  # a version of that story
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more paragraph at the end.\n",
                    encoding="utf-8")
    changed_site, changed = build()
    assert (changed.hits, changed.misses) == (0, 1)
    assert [p.text for p in changed_site.pages] == [
        p.text for p in generate(load_project(root)).pages]


def test_every_input_of_the_key_changes_it():
    termbase, _ = load_termbase(REPO / "glossary" / "termbase.yml", root=REPO)
    inputs = Inputs(termbase, load_furniture(REPO / "templates"))
    store = AnalysisStore(REPO, version="code 1")
    key = store.key("seeds/a.txt", "digest", inputs.key)
    other_termbase = type(termbase)(termbase.concepts[1:])
    other_words = type(inputs.furniture)(inputs.furniture.words[1:])
    assert len({key,
                store.key("seeds/b.txt", "digest", inputs.key),          # the seed's name
                store.key("seeds/a.txt", "other digest", inputs.key),    # its bytes
                store.key("seeds/a.txt", "digest", Inputs(other_termbase, inputs.furniture).key),
                store.key("seeds/a.txt", "digest", Inputs(termbase, other_words).key),
                AnalysisStore(REPO, version="code 2").key("seeds/a.txt", "digest", inputs.key),
                }) == 6


def test_an_edited_termbase_or_furniture_table_is_never_served_stale(tmp_path):
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"
    built(root, AnalysisStore(folder))
    words = root / "templates" / "furniture.yml"
    words.write_text(words.read_text(encoding="utf-8").replace("  [ảnh, photo,",
                                                              "  [légende, ảnh, photo,"),
                     encoding="utf-8")
    store = AnalysisStore(folder)
    built(root, store)
    assert store.hits == 0 and store.misses == 5
    termbase = root / "glossary" / "termbase.yml"
    text = termbase.read_text(encoding="utf-8")
    termbase.write_text(text.replace("definition: ", "definition: (edited) ", 1),
                        encoding="utf-8")
    store = AnalysisStore(folder)
    built(root, store)
    assert store.hits == 0 and store.misses == 5


def test_a_damaged_cache_is_made_again_and_the_build_succeeds(tmp_path):
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"
    site = built(root, AnalysisStore(folder))
    for entry in folder.glob("*/*.analysis"):
        entry.write_bytes(b"\x00 not an analysis")
    store = AnalysisStore(folder)
    again = built(root, store)
    assert store.misses == 5 and [p.text for p in again.pages] == [p.text for p in site.pages]


def test_the_cache_keeps_under_its_limit_dropping_what_the_last_build_did_not_use(tmp_path):
    root = make_project(tmp_path / "p")
    folder = root / ".build" / "cache"
    built(root, AnalysisStore(folder))
    seed = next((root / "seeds").glob("001_*.txt"))
    seed.write_text("Un tout autre article, assez long pour être lu comme un article.\n",
                    encoding="utf-8")
    store = AnalysisStore(folder, limit=1)
    built(root, store)
    assert store.prune() > 1  # what this build uses stays, even over the limit
    assert len(list(folder.glob("*/*.analysis"))) == 5  # the old 001 is gone


def one_page_site(where: Path) -> Path:
    """A built site of one page, for Pagefind to index."""
    site = where / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><p>Quarterly pillars report</p>'
        "</main></body></html>", encoding="utf-8")
    return site


def test_pagefind_waits_while_another_builder_indexes(tmp_path, monkeypatch):
    """Each Pagefind holds a language's pages in memory: the MkDocs builders share one lock so
    that two never index at once (a fifth of a cold build's peak memory at 1,000 stories)."""
    site = one_page_site(tmp_path)
    monkeypatch.setattr(search, "_indexing", search._indexing)  # put back after the test
    other_builder = threading.Lock()
    search.one_at_a_time(other_builder)
    started = threading.Event()
    other_builder.acquire()  # another builder is indexing
    indexing = threading.Thread(target=search.index_site, args=(site,),
                                kwargs={"offline": False, "started": lambda _: started.set()})
    indexing.start()
    try:
        assert not started.wait(1.0), "Pagefind started while another one was indexing"
    finally:
        other_builder.release()
    indexing.join(60)
    assert started.is_set() and (site / "pagefind" / "pagefind.js").is_file()


def test_an_index_is_in_place_while_the_last_one_is_deleted(tmp_path, monkeypatch):
    """The preview indexes again after each rebuild while a reader may be searching: the old
    index is deleted only once the new one is in place (deleting a large one takes seconds)."""
    site = one_page_site(tmp_path)
    search.index_site(site, offline=False)
    (site / "pagefind" / "from-the-last-build").write_text("old", encoding="utf-8")
    deleting, rmtree = [], search.shutil.rmtree

    def watched(path, *args, **kwargs):
        existed = Path(path).exists()
        rmtree(path, *args, **kwargs)
        if existed:  # what a reader finds the moment a deletion ends
            deleting.append((Path(path).name, (site / "pagefind" / "pagefind.js").is_file()))

    monkeypatch.setattr(search.shutil, "rmtree", watched)
    search.index_site(site, offline=False)
    assert deleting and all(in_place for _, in_place in deleting), deleting
    assert not (site / "pagefind" / "from-the-last-build").exists()  # the new index, whole
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "pagefind"]


def test_a_second_build_of_the_project_waits_for_the_first(tmp_path):
    root = make_project(tmp_path / "p")
    (root / ".build").mkdir()
    with open(root / ".build" / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a build is running
        second = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root),
                                   "--markdown-only"], stderr=subprocess.PIPE, text=True)
        # what it tells the editor once it found the lock (a build that never said it would
        # leave this test waiting: at most a minute)
        assert select.select([second.stderr], [], [], 60)[0], "the second build said nothing"
        said = second.stderr.readline()
        time.sleep(0.5)
        assert second.poll() is None  # it waits
        assert "another build of this project is running" in said
        assert not (root / "site_src" / "en").exists()  # and has written nothing
        fcntl.flock(lock, fcntl.LOCK_UN)
    second.communicate(timeout=120)
    assert second.returncode == 0 and (root / "site_src" / "en" / "index.md").is_file()


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_changed_seed_rebuilds_only_its_language_and_the_site_is_as_a_full_build(
        tmp_path, capsys):
    from briefings.cli import main

    root = make_project(tmp_path / "p")
    assert main(["--root", str(root)]) == 0
    seed = next(p for p in (root / "seeds").glob("*.txt")
                if "Prime Minister" in p.read_text(encoding="utf-8"))  # the English version
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more paragraph, added later.\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root)]) == 0
    said = "".join(capsys.readouterr())
    assert "built web/en" in said and "built web/landing" in said  # its page, the side text
    for lang in ("vi", "fr", "ru"):
        assert f"reused web/{lang}" in said
    # only what the edit changed is rendered again, into the last output (MkDocs' dirty build)
    changed = int(re.search(r"web/en: (\d+) files changed, only they are built", said)[1])
    assert 0 < changed < 10
    rewritten, linked = map(int, re.search(r"offline bundle: (\d+) pages rewritten, (\d+) as",
                                           said).groups())
    assert 0 < rewritten < 20 < linked  # the pages the edit changed, of 140
    assert "One more paragraph, added later." in (
        root / "site" / "en" / "briefings").joinpath(
        next((root / "site" / "en" / "briefings").iterdir()).name, "index.html").read_text()
    site, bundle = _tree(root / "site"), (root / "dist" / "briefings-offline.zip").read_bytes()
    assert main(["--root", str(root), "--no-cache"]) == 0  # everything built again
    assert _tree(root / "site") == site
    assert (root / "dist" / "briefings-offline.zip").read_bytes() == bundle


def test_a_new_seed_renders_its_language_whole_and_the_site_is_as_a_full_build(tmp_path,
                                                                               capsys):
    from briefings.cli import main

    root = make_project(tmp_path / "p")
    assert main(["--root", str(root)]) == 0
    english = next(p for p in (root / "seeds").glob("*.txt")
                   if "Prime Minister" in p.read_text(encoding="utf-8"))
    (root / "seeds" / "009_en.txt").write_text(
        "A second story\n\nOn 3 March 2026 the ministry published its yearly report on "
        "ports, with figures for 2025.\n\nSource: https://example.org/ports\n",
        encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root)]) == 0
    said = "".join(capsys.readouterr())
    # English has a page more: rendered whole; the others' homes changed (their pages too)
    assert "built web/en" in said and "web/en: " not in said
    assert "web/fr: " in said
    site = _tree(root / "site")
    assert main(["--root", str(root), "--no-cache"]) == 0
    assert _tree(root / "site") == site
    assert english.is_file()


def test_an_edited_termbase_rebuilds_every_language(tmp_path, capsys):
    from briefings.cli import main

    root = make_project(tmp_path / "p")
    assert main(["--root", str(root)]) == 0
    termbase = root / "glossary" / "termbase.yml"
    termbase.write_text(termbase.read_text(encoding="utf-8").replace(
        "four Politburo resolutions", "four resolutions of the Politburo", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root)]) == 0
    said = "".join(capsys.readouterr())
    assert "reused" not in said  # the tooltips of every language come from it
