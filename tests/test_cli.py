"""The command an editor runs: bad seeds reported, others built, --strict keeps the last site."""

from __future__ import annotations

import json

from briefings.cli import main
from briefings.pipeline import generate
from briefings.project import load_project
from conftest import make_project

SPANISH = ("El primer ministro presidió el 26 de agosto de 2025 la reunión del comité nacional "
           "sobre la integración internacional. La Resolución 59 del Politburó fija las tareas "
           "para el período 2026-2030, con 117 tareas específicas para los ministerios.\n"
           "Los ministerios deberán informar de los avances antes de finales de septiembre.\n")


def test_a_spanish_seed_makes_a_spanish_section(tmp_path):
    root = make_project(tmp_path, {"noticia.txt": SPANISH}, samples=False)
    site = generate(load_project(root))
    assert site.languages == ("es",)
    paths = {str(p.path) for p in site.pages}
    assert "es/index.md" in paths and "es/glossary/index.md" in paths
    briefing = next(p for p in site.pages if str(p.path).startswith("es/briefings/"))
    assert "El primer ministro presidió" in briefing.text
    assert "date: '2025-08-26'" in briefing.text


def test_bad_seeds_are_named_and_the_rest_is_built(tmp_path, capsys):
    root = make_project(tmp_path, {"empty.txt": "", "image.txt": bytes(range(256)) * 40,
                                   "copy.txt": (tmp_path / "x").as_posix() and ""})
    (root / "seeds" / "copy.txt").write_bytes(
        next((root / "seeds").glob("003_*.txt")).read_bytes())
    assert main(["--root", str(root), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Rejected (3):" in out
    assert "seeds/empty.txt: the file is empty" in out
    assert "seeds/image.txt: this is not a text file" in out
    assert "seeds/copy.txt: same text as seeds/003_751a3c526faebcab.txt" in out
    data = json.loads((root / "site" / "briefings.json").read_text(encoding="utf-8"))
    assert {r["seed"] for r in data["rejected"]} == {"seeds/empty.txt", "seeds/image.txt",
                                                     "seeds/copy.txt"}
    assert len(data["stories"]) == 2  # the five good seeds still make both stories


def test_strict_fails_on_a_rejected_seed_and_leaves_the_last_site(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["--root", str(root), "--quiet", "--strict"]) == 0
    before = (root / "site" / "index.html").read_bytes()
    (root / "seeds" / "bad.txt").write_text("---\nlang: [\n---\nText.\n", encoding="utf-8")
    assert main(["--root", str(root), "--quiet", "--strict"]) != 0
    assert "seeds/bad.txt:2: front matter is not valid YAML" in capsys.readouterr().out
    assert (root / "site" / "index.html").read_bytes() == before
    # without --strict the rejected seed does not fail the build (the exit code is decided
    # before MkDocs runs: test_bad_seeds_are_named_and_the_rest_is_built builds the site)
    assert main(["--root", str(root), "--quiet", "--markdown-only"]) == 0


def test_markdown_only_writes_site_src_and_no_site(tmp_path):
    root = make_project(tmp_path)
    assert main(["--root", str(root), "--quiet", "--markdown-only"]) == 0
    assert (root / "site_src" / "en" / "index.md").is_file()
    assert not (root / "site").exists()
    page = (root / "site_src" / "vi" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---\n") and "lang: vi" in page


def test_a_project_strings_file_without_a_newer_key_uses_the_built_in_words(tmp_path, capsys):
    """A project's own templates/strings.yml made before `side_by_side` existed."""
    root = make_project(tmp_path)
    strings = root / "templates" / "strings.yml"
    strings.write_text("".join(line for line in strings.read_text(encoding="utf-8")
                               .splitlines(keepends=True)
                               if not line.lstrip().startswith("side_by_side:")),
                       encoding="utf-8")
    assert main(["--root", str(root), "--markdown-only"]) == 0
    out = capsys.readouterr().out
    # every language strings.yml has (en, vi, fr, ru, es, ..., lo) lacks it
    assert "templates/strings.yml: no 'side_by_side' for en, vi, fr, ru, es, " in out
    assert ", lo: the built-in words are used (\"Read side by side\")" in out
    page = root / "site_src" / "fr" / "briefings" / "chieu-26-8-thu-tuong-pham-minh-chinh-" \
        "truong-ban-chi-dao-quoc.md"
    assert "[Lire côte à côte](site:fr/parallel/" in page.read_text(encoding="utf-8")
    assert main(["--root", str(root), "--markdown-only", "--strict"]) == 2  # a warning


def test_warnings_of_mkdocs_and_the_hook_are_printed_once_under_their_page(tmp_path, capsys):
    """A project's templates link to pages that do not exist: MkDocs' link validation warns
    about the Markdown link, our hook about the `site:` link. Each warning is printed once
    (not once per web and offline build), under its page; --strict fails on them."""
    root = make_project(tmp_path, {"noticia.txt": SPANISH}, samples=False)
    home = root / "templates" / "home.md.j2"
    home.write_text(home.read_text(encoding="utf-8") + "\n[About us](about.md)\n",
                    encoding="utf-8")
    landing = root / "templates" / "landing.md.j2"
    landing.write_text(landing.read_text(encoding="utf-8") + "\n[Contact](site:contact.md)\n",
                       encoding="utf-8")
    assert main(["--root", str(root), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Warnings from MkDocs and the hook (2, on 2 pages):\n" in out
    assert ("  site_src/es/index.md:\n    contains a link 'about.md', but the target is not "
            "found among documentation files.\n") in out
    assert "  site_src/index.md:\n    links to 'contact.md', which was not generated" in out
    before = (root / "site" / "index.html").read_bytes()
    assert main(["--root", str(root), "--quiet", "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.count("links to 'contact.md', which was not generated") == 1
    assert "Build failed:" in out
    assert (root / "site" / "index.html").read_bytes() == before


def test_each_build_in_one_process_carries_its_own_articles_date(tmp_path):
    """The epoch is passed to the builds, not left in the environment by the first one."""
    import zipfile

    from briefings.cli import main
    from conftest import make_project

    dates = {}
    for name, day in (("a", "2025-08-26"), ("b", "2024-01-05")):
        root = make_project(tmp_path / name, {"x.txt": f"---\ndate: {day}\n---\nA short text "
                                              "that is long enough to be an article of its own."},
                            samples=False)
        assert main(["--root", str(root), "--quiet"]) == 0
        with zipfile.ZipFile(root / "dist" / "briefings-offline.zip") as bundle:
            dates[name] = {info.date_time[:3] for info in bundle.infolist()}
    assert dates == {"a": {(2025, 8, 26)}, "b": {(2024, 1, 5)}}


def test_a_second_build_in_one_process_reuses_the_builders_and_sees_an_edited_override(
        tmp_path):
    """The MkDocs processes and the templates they compiled are kept for the process's next
    build (briefings.publish.kept_builders, briefings.compiled): an override edited in between
    is compiled again, never served from the first build, and a builder that died is
    replaced."""
    import os
    import signal

    from briefings import publish

    root = make_project(tmp_path, {"x.txt": SPANISH}, samples=False)
    assert main(["--root", str(root), "--quiet"]) == 0
    pids = sorted(publish._KEPT["mkdocs"]._processes)
    override = root / "overrides" / "main.html"
    text = override.read_text(encoding="utf-8")
    assert "{% block footer %}" not in text  # the marker below goes in a block of its own
    override.write_text(text + "\n{% block footer %}<p>edited-override-marker</p>"
                        "{{ super() }}{% endblock %}\n", encoding="utf-8")
    assert main(["--root", str(root), "--quiet"]) == 0
    assert sorted(publish._KEPT["mkdocs"]._processes) == pids  # no MkDocs started again
    assert "edited-override-marker" in (root / "site" / "es" / "index.html").read_text(
        encoding="utf-8")
    os.kill(pids[0], signal.SIGKILL)
    override.write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "--quiet"]) == 0
    assert "edited-override-marker" not in (root / "site" / "es" / "index.html").read_text(
        encoding="utf-8")
    assert pids[0] not in publish._KEPT["mkdocs"]._processes


def test_a_large_archive_generated_in_its_own_process_gives_the_same_markdown_and_summary(
        tmp_path, capsys, monkeypatch):
    """From APART_FROM seeds the Markdown is made in a process that ends before the MkDocs
    builds (its memory with it): what it writes and what the editor reads are the same."""
    import re
    import shutil

    from briefings import cli

    first = make_project(tmp_path / "here", {"empty.txt": ""})
    second = tmp_path / "apart"
    shutil.copytree(first, second)
    outputs = {}
    for root, threshold in ((first, 10**9), (second, 0)):
        monkeypatch.setattr(cli, "APART_FROM", threshold)
        assert main(["--root", str(root), "--quiet", "--markdown-only"]) == 0
        outputs[root] = re.sub(r"\(\d+\.\ds\)", "", capsys.readouterr().out)
    assert "Rejected (1):" in outputs[second] and "seeds/empty.txt" in outputs[second]
    assert outputs[first] == outputs[second]

    def tree(root):
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted((root / "site_src").rglob("*")) if p.is_file()}

    assert len(tree(second)) > 20
    assert tree(first) == tree(second)
