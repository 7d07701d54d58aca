"""A larger archive, as the benchmark builds it: what an editor notices as it grows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefings.pipeline import Cache, generate
from briefings.project import load_project
from briefings.render import USES_SHOWN
from briefings.synthetic import LANGUAGES, write_corpus
from briefings.write import staged_writer, sync_tree

REPO = Path(__file__).resolve().parent.parent
STORIES = USES_SHOWN + 5


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("archive") / "project", STORIES, repo=REPO)


@pytest.fixture(scope="module")
def sites(archive):
    """The archive generated in this process and in worker processes, as at scale; read
    only by the tests that share them."""
    project = load_project(archive)
    return generate(project, workers=1), generate(project, workers=2)


@pytest.fixture(scope="module")
def site(sites):
    return sites[0]


def test_every_synthetic_story_groups_as_one_story_in_four_languages(sites):
    site = sites[1]  # the worker processes, as at scale
    assert len(site.stories) == STORIES
    assert all(sorted(s.versions) == sorted(LANGUAGES) and s.original == "vi"
               for s in site.stories)
    assert len({s.id for s in site.stories}) == STORIES
    assert not [p for p in site.problems if p.fatal]


def test_analysis_in_worker_processes_gives_the_same_pages(sites):
    one, two = sites
    assert [(p.path, p.text) for p in one.pages] == [(p.path, p.text) for p in two.pages]


def test_term_page_quotes_the_newest_uses_and_counts_the_rest(site):
    page = next(p.text for p in site.pages if p.path.as_posix() == "en/glossary/resolution-59.md")
    quoted = re.findall(r"^- \[.*\]\(\.\./briefings/(.+)\.md\)", page, re.MULTILINE)
    assert len(quoted) == USES_SHOWN
    assert quoted[0] == site.stories[0].id  # the newest story first
    assert f"… and {STORIES - USES_SHOWN} more" in page


def test_one_changed_seed_rewrites_only_its_own_page_and_its_storys_aligned_text(tmp_path):
    archive = write_corpus(tmp_path / "project", 12, repo=REPO)
    project = load_project(archive)
    docs = tmp_path / "site_src"
    sync_tree(generate(project).pages, docs)
    seed = archive / "seeds" / "00007_fr.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nUn paragraphe de plus.\n",
                    encoding="utf-8")
    report = sync_tree(generate(project).pages, docs)
    story = next(s.id for s in generate(project).stories
                 if s.versions["fr"].seed == "seeds/00007_fr.txt")
    assert sorted(report.written) == [f"fr/briefings/{story}.md", f"parallel/{story}.js"]
    assert not report.removed


def test_a_build_writes_each_page_as_it_is_made_into_the_same_tree(archive, site, tmp_path):
    """A build hands each page to the writer as soon as it is rendered (it keeps none): the
    staged tree is the one the pages would give, unchanged files kept, a stale one removed."""
    current, staged = tmp_path / "site_src", tmp_path / "staged"
    sync_tree(site.pages, current)
    (current / "en" / "stale.md").write_text("an old page\n", encoding="utf-8")
    writer = staged_writer(current, staged)
    streamed = generate(load_project(archive), workers=1, sink=writer.add)
    report = writer.finish()
    assert streamed.pages == () and len(streamed.stories) == STORIES
    files = {path.relative_to(staged).as_posix(): path.read_bytes().decode("utf-8")
             for path in staged.rglob("*") if path.is_file()}
    assert files == {str(page.path): page.text for page in site.pages}
    assert report.removed == ("en/stale.md",) and not report.written
    assert report.unchanged == len(site.pages)
    assert (current / "en" / "stale.md").exists()  # the current tree is left for the swap


def test_summary_of_a_large_archive_names_a_few_stories_and_every_problem(site):
    from briefings.cli import SHOWN, summary

    text = summary(site, [], 1.0)
    assert text.count("\n  story ") == SHOWN
    assert f"... and {STORIES - SHOWN} older stories" in text
    assert len(text.splitlines()) < 4 * SHOWN + 20


def test_the_previews_kept_work_gives_the_pages_a_fresh_build_gives(tmp_path):
    """The live preview keeps comparisons, alignments and pages between rebuilds: after an
    edit and a new seed its pages are those of a build from nothing."""
    archive = write_corpus(tmp_path / "project", 12, repo=REPO)
    project = load_project(archive)
    cache = Cache()
    first = generate(project, cache=cache)
    seed = archive / "seeds" / "00003_en.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nSaved at 1764700000 in a preview.\n",
                    encoding="utf-8")
    (archive / "seeds" / "00099_ru.txt").write_text(
        (archive / "seeds" / "00005_ru.txt").read_text(encoding="utf-8").replace("2025", "2019"),
        encoding="utf-8")
    kept = generate(project, cache=cache)
    fresh = generate(project)
    assert [(p.path, p.text) for p in kept.pages] == [(p.path, p.text) for p in fresh.pages]
    assert [(p.path, p.text) for p in kept.pages] != [(p.path, p.text) for p in first.pages]


def test_status_page_lists_a_slogan_quoted_story_after_story_once(site):
    """Every synthetic story quotes the same phrases: the editor sees each row once, with how
    many stories quote it, and every story's reason for its grouping, linked."""
    page = next(p.text for p in site.pages if p.path.as_posix() == "status.md")
    candidates = page.split("## Candidate terms")[1].split("## Why versions")[0]
    rows = [line for line in candidates.splitlines() if line.startswith("- ")]
    assert rows and len(rows) == len(set(rows)) < len(site.candidates)
    assert f"({STORIES} stories)" in rows[0]
    reasons = page.split("## Why versions were grouped")[1]
    assert reasons.count('<li><a href="site:') == STORIES
    assert all(f">{story.id}</a>: " in reasons for story in site.stories)
