"""`make bench` end to end on a tiny archive: the report a maintainer reads is written."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from briefings import bench


def test_bench_writes_table_csv_and_plot_with_the_reference_ratio(tmp_path):
    out = tmp_path / "bench"
    # one size and one language's search: every column and the report are made per size,
    # the search measured per language in the same way (the real run: make bench)
    assert bench.main(["--stories", "2", "--out", str(out), "--work", str(tmp_path / "w"),
                       "--no-preview", "--search-languages", "ru"]) == 0
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8")))
    assert [int(r["stories"]) for r in rows] == [2]
    for row in rows:
        assert int(row["seeds"]) == 4 * int(row["stories"])
        assert float(row["make_site_s"]) > float(row["python_stages_s"]) > 0
        assert float(row["reference_s"]) > 0 and float(row["ratio_to_reference"]) > 0
        assert int(row["rebuild_unchanged_written"]) == 0  # nothing changed, nothing written
        # only the changed seed's page and its story's side-by-side text
        assert int(row["rebuild_one_seed_written"]) == 2
        assert 0 < float(row["page_bytes"]) < float(row["site_bytes"])
        # where a missed memory target is explained: the build's step and who held what
        assert row["peak_phase"] and "build " in row["peak_holders"]
        if Path(shutil.which("chromium") or "/usr/bin/chromium").exists():  # measured there
            assert row.get("first_search_bytes"), "the search was not measured in chromium"
            # a first search fetches a part of the language's index, with Pagefind's code
            assert 100_000 < int(row["first_search_bytes"]) < 1_000_000
            assert int(row["first_result_ms"]) > 0 and int(row["next_query_ms"]) > 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.count("\n| 2 |") == 1 and "static-i18n" in report
    assert "first search downloads" in report
    assert (out / "scaling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_peak_is_placed_after_the_builds_last_progress_line_before_it():
    progress = ("[  0.1s] reading seeds and generating Markdown\n[ 12.0s] 5 mkdocs builds\n"
                "WARNING - a message of MkDocs\n[ 30.5s] offline bundle: 3 pages rewritten\n")
    assert bench.phase_at(progress, 0.05) == ""
    assert bench.phase_at(progress, 20.0) == "5 mkdocs builds"
    assert bench.phase_at(progress, 30.5) == "offline bundle: 3 pages rewritten"
