"""Same input, same bytes out: two builds, in two different folders, are byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from briefings.cli import main
from conftest import make_project


def digests(root: Path) -> dict[str, str]:
    out = {}
    for folder in ("site_src", "site", "dist"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                out[path.relative_to(root).as_posix()] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    return out


def test_two_builds_give_the_same_bytes(built_samples, tmp_path):
    other = make_project(tmp_path / "other")
    assert main(["--root", str(other), "--quiet"]) == 0
    first, second = digests(built_samples), digests(other)
    assert first == second
    assert "dist/briefings-offline.zip" in first and len(first) > 300
    assert main(["--root", str(other), "--quiet"]) == 0  # and again, in place
    assert digests(other) == second


def test_a_failed_strict_build_leaves_site_src_as_it_was(built_samples, tmp_path):
    root = tmp_path / "p"  # the samples' project as built, copied (its briefings/ a link)
    shutil.copytree(built_samples, root, symlinks=True)
    before = digests(root)
    (root / "seeds" / "000_cc5501d7a0b2d5da.txt").write_text(
        "---\nlang: [\n---\nText.\n", encoding="utf-8")
    assert main(["--root", str(root), "--quiet", "--strict"]) != 0
    assert digests(root) == before
