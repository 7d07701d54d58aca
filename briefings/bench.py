"""`make bench`: how the build scales with the archive, against the tool a user would pick.

For each size N it writes a synthetic archive of N stories x 4 languages
(`briefings.synthetic`), runs `build.py` on it from scratch, again with nothing changed, and
again with one seed changed, and renders the same Markdown with mkdocs-static-i18n in its
default layout as the reference. Times, memory and output sizes go to `bench/results.csv`,
`bench/report.md` and `bench/scaling.png`; the table is printed too.

Memory is the peak of the summed proportional set size (PSS) of the build and all its worker
processes, sampled every 100 ms: what the build occupies, pages shared between processes
counted once.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from .synthetic import LANGUAGES, load_samples, story_text, write_corpus

REPO = Path(__file__).resolve().parent.parent
SIZES = (100, 400, 1000)
PYTHON_STAGES = ("analyse seeds (wall)", "group", "candidates", "render", "write")
STAGE_COLUMNS = ("read", "detect", "clean", "evidence", "match", "group", "candidates",
                 "align", "render", "write", "mkdocs (wall)", "offline bundle", "manifest",
                 "zip")


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    timings: dict = field(default_factory=dict)
    peak_phase: str = ""  # the build's last progress line before its peak
    peak_holders: str = ""  # what each process held at the peak, largest first


_PROGRESS = re.compile(r"^\[\s*([\d.]+)s\] (.*)$", re.MULTILINE)


def phase_at(progress: str, seconds: float) -> str:
    """The last of the build's progress lines (`[ 12.3s] message`) at or before `seconds`."""
    phase = ""
    for line in _PROGRESS.finditer(progress):
        if float(line[1]) > seconds:
            break
        phase = line[2].strip()
    return phase


def _kind(member: psutil.Process, root: psutil.Process) -> str:
    if member.pid == root.pid:
        return "build"
    try:
        return "Pagefind" if "pagefind" in " ".join(member.cmdline()) else "worker"
    except psutil.Error:
        return "worker"


def measured(command: list[str], *, cwd: Path, env: dict | None = None) -> Run:
    """Run `command`, sampling the memory of its process tree."""
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, peak_at, holders = 0, 0.0, []
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_at, holders
        while not done.is_set():
            held = []
            for member in [process, *_children(process)]:
                try:  # proportional share: pages shared between processes count once
                    held.append((member.memory_full_info().pss, _kind(member, process)))
                except (psutil.Error, AttributeError):
                    try:
                        held.append((member.memory_info().rss, _kind(member, process)))
                    except psutil.Error:
                        pass
            total = sum(size for size, _ in held)
            if total > peak:
                peak, peak_at, holders = total, time.perf_counter() - started, held
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                         f"{errors.decode(errors='replace')[-3000:]}")
    progress = errors.decode(errors="replace")
    return Run(time.perf_counter() - started, peak, peak_phase=phase_at(progress, peak_at),
               peak_holders=", ".join(f"{kind} {size / 2**20:,.0f} MB" for size, kind
                                      in sorted(holders, reverse=True) if size >= 2**25))


def _children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def build(project: Path) -> Run:
    timings = project / ".build" / "timings.json"
    run = measured([sys.executable, str(REPO / "build.py"), "--root", str(project),
                    "--timings-json", str(timings)], cwd=project)  # its progress: peak_phase
    run.timings = json.loads(timings.read_text(encoding="utf-8"))
    return run


def reference(project: Path, work: Path) -> Run:
    """The same Markdown rendered by mkdocs-static-i18n (folder layout, one language per
    folder, everything else left at its defaults) with the same theme."""
    docs = work / "docs"
    shutil.rmtree(work, ignore_errors=True)
    for lang in LANGUAGES:  # the language folders; our landing page is not theirs
        shutil.copytree(project / "site_src" / lang, docs / lang)
    languages = "\n".join(
        f"        - locale: {lang}\n          name: {lang}\n          build: true"
        + ("\n          default: true" if lang == LANGUAGES[0] else "")
        for lang in LANGUAGES)
    (work / "mkdocs.yml").write_text(
        "site_name: Briefings\nsite_url: https://example.github.io/briefings/\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n"
        f"      languages:\n{languages}\n", encoding="utf-8")
    return measured([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=work,
                    env={"NO_MKDOCS_2_WARNING": "1"})


def sizes(site: Path) -> dict[str, float]:
    """Median bytes of one briefing page, and the search index of one language (all of its
    Pagefind files: a reader downloads a small part of it, `search_latency`)."""
    pages = [p.stat().st_size for lang in LANGUAGES
             for p in (site / lang / "briefings").glob("*/index.html")]
    indexes = [sum(p.stat().st_size for p in (site / lang / "pagefind").rglob("*")
                   if p.is_file()) for lang in LANGUAGES]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    homes = [(site / lang / "index.html").stat().st_size for lang in LANGUAGES]
    return {"page_bytes": statistics.median(pages), "search_index_bytes": max(indexes),
            "site_bytes": total, "home_bytes": max(homes)}


def preview_latency(project: Path, *, port: int = 8799) -> dict[str, float]:
    """`make serve` (mkdocs serve --dirty) on the archive: seconds to the first page, then
    from saving a one-seed edit to the served page showing it, then from adding a seed (a
    new story, the newest) to the language's home listing it."""
    seed = "seeds/00000_en.txt"
    page = next(p for p in (project / "site_src" / "en" / "briefings").glob("*.md")
                if f"seed: {seed}\n" in p.read_text(encoding="utf-8"))
    url = f"http://127.0.0.1:{port}/briefings/en/briefings/{page.stem}/"
    log = (project / ".build" / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
                               f"127.0.0.1:{port}"], cwd=project, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ,
                                                             "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(url, "", timeout=900)
        first = time.perf_counter() - started
        sentence = f"A sentence saved at {time.time():.0f} by the benchmark."
        path = project / seed
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        saved = time.perf_counter()
        _wait_for(url, sentence, timeout=300)
        edit = time.perf_counter() - saved
        title = f"A story added at {time.time():.0f} by the benchmark"
        number = len(list((project / "seeds").glob("*_en.txt")))
        text = story_text(load_samples(REPO / "seeds")["en"], number)
        (project / "seeds" / f"{number:05d}_en.txt").write_text(
            text.replace("---\n", f"---\ntitle: {title}\n", 1), encoding="utf-8")
        added = time.perf_counter()
        _wait_for(f"http://127.0.0.1:{port}/briefings/en/", title, timeout=300)
        return {"preview_first_page_s": round(first, 1),
                "preview_edit_visible_s": round(edit, 2),
                "preview_new_seed_visible_s": round(time.perf_counter() - added, 2)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f}s")


# A word of every page of the synthetic archive, per language: the worst case for a search
# (every page matches, the results' excerpts are loaded for the first twenty).
SEARCH_WORDS = {"vi": ("hội nhập", "nghi quyet"), "en": ("integration", "ministers"),
                "fr": ("intégration", "ministre"), "ru": ("министр", "резолюции")}


def search_latency(site: Path, languages: list[str] | None = None) -> dict[str, float]:
    """The web site served on 127.0.0.1, a language's home opened in Chromium and a word typed
    into the search box, as a reader does: the bytes the search downloads (uncompressed:
    Pagefind's code, WebAssembly, index pieces and excerpts, Material's emptied lunr index),
    the time from the keystroke to the first result shown, and, the index now loaded, the
    time another word takes to show its results. The largest of the languages."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return {}
    handler = functools.partial(_QuietHost, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    rows = []

    def measure_all() -> None:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--no-sandbox", "--disable-gpu"])
            for lang, (first, second) in SEARCH_WORDS.items():
                if languages is not None and lang not in languages:
                    continue
                rows.append(_one_search(browser, base, lang, first, second))
            browser.close()

    try:
        # In a thread of its own: Playwright's sync API refuses to start in a thread whose
        # event loop is running (a caller's own Playwright session, as in the tests)
        worker = threading.Thread(target=measure_all)
        worker.start()
        worker.join()
    finally:
        server.shutdown()
    if not rows:
        return {}
    return {"first_search_bytes": max(r[0] for r in rows),
            "first_result_ms": max(r[1] for r in rows),
            "next_query_ms": max(r[2] for r in rows)}


def _one_search(browser, base: str, lang: str, first: str, second: str
                ) -> tuple[int, float, float]:
    page = browser.new_page()
    downloaded = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
               else route.abort())
    page.on("requestfinished", lambda request: (
        ("/pagefind/" in request.url or "/search/" in request.url
         or request.url.endswith("/assets/search.js"))
        and downloaded.append(request.sizes()["responseBodySize"])))
    page.goto(f"{base}{lang}/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()

    def typed(query: str) -> float:
        page.keyboard.type(query)
        started = time.perf_counter()
        page.keyboard.press("End")  # Material reads the query on keyup
        page.wait_for_selector(".md-search-result__item", timeout=60000)
        return round((time.perf_counter() - started) * 1000)

    first_ms = typed(first)
    page.wait_for_load_state("networkidle")  # the excerpts of the results shown
    size = sum(downloaded)
    page.fill(".md-search__input", "")
    page.keyboard.press("End")
    page.wait_for_function("!document.querySelector('.md-search-result__item')")
    next_ms = typed(second)
    page.close()
    return size, first_ms, next_ms


class _QuietHost(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def change_one_seed(project: Path) -> None:
    seed = sorted((project / "seeds").glob("*_en.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.rstrip("\n") + "\nOne more paragraph, added by the benchmark.\n",
                    encoding="utf-8")


def measure(stories: int, work: Path, *, with_reference: bool, with_preview: bool,
            search_languages: list[str] | None = None) -> dict:
    project = write_corpus(work / f"archive-{stories}", stories, repo=REPO)
    cold = build(project)
    again = build(project)
    change_one_seed(project)
    changed = build(project)
    stages = cold.timings["stages"]
    pages = cold.timings["pages"]
    row = {
        "stories": stories, "seeds": cold.timings["seeds"], "pages": pages,
        "make_site_s": round(cold.seconds, 2),
        "python_stages_s": round(sum(stages.get(s, 0) for s in PYTHON_STAGES), 2),
        **{f"{name}_s": round(stages.get(name, 0.0), 2) for name in STAGE_COLUMNS},
        **{f"mkdocs_{name.replace('mkdocs ', '').replace('/', '_')}_s": round(value, 2)
           for name, value in stages.items() if name.startswith("mkdocs ") and "/" in name},
        "ms_per_page": round(cold.seconds / pages * 1000, 2),
        "peak_memory_mb": round(cold.peak_bytes / 2**20),
        "peak_phase": cold.peak_phase, "peak_holders": cold.peak_holders,
        "rebuild_unchanged_s": round(again.seconds, 2),
        "rebuild_unchanged_written": again.timings["written"],
        "rebuild_one_seed_s": round(changed.seconds, 2),
        "rebuild_one_seed_written": changed.timings["written"],
        **sizes(project / "site"),
        **search_latency(project / "site", search_languages),
    }
    if with_preview:
        row.update(preview_latency(project))
    if with_reference:
        ref = reference(project, work / f"reference-{stories}")
        row["reference_s"] = round(ref.seconds, 2)
        row["reference_peak_memory_mb"] = round(ref.peak_bytes / 2**20)
        row["ratio_to_reference"] = round(cold.seconds / ref.seconds, 2)
    shutil.rmtree(work / f"reference-{stories}", ignore_errors=True)
    return row


def table(rows: list[dict]) -> str:
    columns = [("stories", "Stories"), ("pages", "Pages"), ("make_site_s", "make site (s)"),
               ("ms_per_page", "ms/page"), ("python_stages_s", "Python stages (s)"),
               ("mkdocs (wall)_s", "MkDocs builds (s)"),
               ("offline bundle_s", "offline rewrite (s)"), ("zip_s", "zip (s)"),
               ("rebuild_one_seed_s", "one seed changed (s)"),
               ("preview_edit_visible_s", "serve: edit (s)"),
               ("preview_new_seed_visible_s", "serve: new seed (s)"),
               ("reference_s", "static-i18n (s)"), ("ratio_to_reference", "ours/ref"),
               ("peak_memory_mb", "peak MB"), ("page_bytes", "page bytes"), ("home_bytes", "home bytes"),
               ("search_index_bytes", "search index bytes (1 language)"),
               ("first_search_bytes", "first search downloads (bytes)"),
               ("first_result_ms", "first result (ms)"),
               ("next_query_ms", "next query (ms)"),
               ("rebuild_one_seed_written", "files rewritten, one seed changed")]
    lines = ["| " + " | ".join(title for _, title in columns) + " |",
             "|" + "---:|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key, "")) for key, _ in columns) + " |")
    return "\n".join(lines)


def targets(rows: list[dict]) -> str:
    """The targets of issues 6 and 18, each met or by how much not, from the measured rows."""
    rows = sorted(rows, key=lambda r: float(r["pages"]))
    large = rows[-1]
    lines = []

    def verdict(name: str, met: bool, measured: str, why: str = "") -> None:
        lines.append(f"- **{name}**: {'met' if met else 'not met'}, {measured}."
                     + (f" {why}" if why and not met else ""))

    per_page = [float(r["ms_per_page"]) for r in rows if float(r["pages"]) >= 400]
    if len(per_page) > 1:
        spread = max(per_page) / min(per_page) - 1
        verdict("Cost per page of `make site` flat within 10% from 400 pages up", spread <= 0.10,
                f"{min(per_page):.1f}–{max(per_page):.1f} ms per page ({spread:.0%} apart)")
    sizes = [float(r["page_bytes"]) for r in rows]
    verdict("Size of one briefing page does not grow with the archive",
            max(sizes) <= min(sizes) * 1.02, f"{min(sizes) / 1024:.1f}–{max(sizes) / 1024:.1f} KiB")
    homes = [float(r["home_bytes"]) for r in rows if r.get("home_bytes")]
    if homes:
        verdict("A language's home stays the same size whatever the archive's size",
                max(homes) <= min(homes) * 1.05,
                f"{min(homes) / 1024:.1f}–{max(homes) / 1024:.1f} KiB")
    stories = int(large["stories"])
    python = float(large["python_stages_s"])
    verdict(f"Python stages under 5 s at {stories} stories", python < 5, f"{python:.1f} s",
            f"{python / 5:.1f}x over: reading, language detection, cleaning, the pattern "
            "passes and rendering go over every article's text in CPython, on the cores "
            "available; the stage columns of results.csv say where the time goes.")
    compared = [r for r in rows if r.get("ratio_to_reference")]  # --reference-up-to
    if compared:
        ratio, row = float(compared[-1]["ratio_to_reference"]), compared[-1]
        verdict("Whole `make site` at most half the time of mkdocs-static-i18n", ratio <= 0.5,
                f"{ratio:.2f} of it at {int(row['stories'])} stories ({row['make_site_s']} s "
                f"against {row['reference_s']} s)",
                "Besides the web site we write the offline bundle, the translation memories "
                "and the side-by-side pages (one per story and language), which the reference "
                "has not.")
    rewritten = max(int(r["rebuild_one_seed_written"]) for r in rows)
    verdict("One seed changed rewrites only the Markdown whose content changed (its page and "
            "its story's side-by-side text)", rewritten <= 2, f"{rewritten} files rewritten")
    if large.get("first_search_bytes"):
        first = float(large["first_search_bytes"])
        verdict(f"A first search downloads at most 1 MB at {stories} stories", first <= 2**20,
                f"{first / 1024:.0f} KiB, first result after {large['first_result_ms']} ms "
                f"from the keystroke, the next word's after {large['next_query_ms']} ms")
    lines.append("")
    lines.append("Issue 18 (speed where editors feel it), at 1,000 stories and over:")
    for row in (r for r in rows if int(r["stories"]) >= 1000):
        n = int(row["stories"])
        cold, one = float(row["make_site_s"]), float(row["rebuild_one_seed_s"])
        mkdocs = float(row.get("mkdocs (wall)_s", 0))
        if n == 1000:
            verdict(f"Cold `make site` at most 75 s at {n} stories", cold <= 75,
                    f"{cold:.1f} s", f"{cold / 75 - 1:.1%} over: {mkdocs:.0f} s of it in the "
                    f"MkDocs builds (one per language), {float(row['python_stages_s']):.0f} s "
                    "in the Python stages; the stage columns of results.csv say the rest.")
            verdict(f"`make site` after one seed changed at most 40 s at {n} stories",
                    one <= 40, f"{one:.1f} s", "The analyses come from the cache and MkDocs "
                    "renders only the changed files of the changed language (its dirty "
                    "build); the Markdown of every page is still rendered in Python, and the "
                    "bundle's zip and the translation memories are made whole.")
        if row.get("preview_edit_visible_s") and n == 1000:
            edit = float(row["preview_edit_visible_s"])
            verdict(f"`make serve` shows a one-seed edit within 2 s at {n} stories",
                    edit <= 2, f"{edit:.2f} s from saving to the served page",
                    f"Each rebuild lists the archive's {int(row['pages']):,} generated files "
                    "and makes their navigation in MkDocs, and regroups the stories and "
                    "renders the Markdown of every page in Python (what did not change taken "
                    "from memory), before MkDocs renders the pages that changed.")
        if row.get("preview_new_seed_visible_s") and n == 1000:
            new = float(row["preview_new_seed_visible_s"])
            verdict(f"`make serve` shows a new seed within 4 s at {n} stories", new <= 4,
                    f"{new:.2f} s from saving the seed to the home listing it")
        memory = float(row["peak_memory_mb"])
        limit = 1536 if n <= 1000 else 4096
        verdict(f"Peak memory of `make site` at {n} stories at most {limit / 1024:.1f} GB",
                memory <= limit, f"{memory:.0f} MB",
                f"{memory / limit - 1:.0%} over. The peak came during "
                f"\u201c{row.get('peak_phase') or 'the build'}\u201d, held by "
                f"{row.get('peak_holders') or 'the build'} (the build's own process, "
                "Pagefind, and the workers: those that analyse the seeds and align the "
                "stories, the process that generates the Markdown, the MkDocs builders).")
    base = next((r for r in rows if int(r["stories"]) == 1000), None)
    for row in (r for r in rows if int(r["stories"]) >= 10_000):
        if base:
            ratio = float(row["ms_per_page"]) / float(base["ms_per_page"]) - 1
            verdict(f"Cost per page at {int(row['stories'])} stories within 20% of 1,000",
                    abs(ratio) <= 0.2, f"{row['ms_per_page']} ms against "
                    f"{base['ms_per_page']} ms ({ratio:+.1%})")
    if not any(int(r["stories"]) >= 10_000 for r in rows):
        lines.append("- **10,000 stories**: not measured in this run "
                     "(`make bench BENCH_ARGS='--stories 1000 10000'`).")
    return "\n".join(lines)


def _numbers(row: dict[str, str]) -> dict:
    def value(text: str):
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
        return text
    return {key: value(text) for key, text in row.items() if text != ""}


def write_report(rows: list[dict], out: Path) -> str:
    plot(rows, out / "scaling.png")
    machine = (f"{platform.python_implementation()} {platform.python_version()}, "
               f"{psutil.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB")
    text = table(rows)
    (out / "report.md").write_text(
        f"# Benchmark\n\nMeasured by `make bench` on {machine}. Each archive has N stories in "
        f"{', '.join(LANGUAGES)}. All columns: `results.csv`.\n\n{text}\n\n"
        f"## Targets\n\n{targets(rows)}\n\n"
        "![Time and size per page](scaling.png)\n", encoding="utf-8")
    return text


def plot(rows: list[dict], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pages = [r["pages"] for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(pages, [r["ms_per_page"] for r in rows], "o-", label="make site (ours)")
    if all("reference_s" in r for r in rows):
        left.plot(pages, [r["reference_s"] / r["pages"] * 1000 for r in rows], "s--",
                  label="mkdocs-static-i18n")
    left.set(xlabel="pages", ylabel="ms per page", title="Build time per page")
    left.set_ylim(bottom=0)
    left.legend()
    right.plot(pages, [r["page_bytes"] / 1024 for r in rows], "o-", label="one briefing page")
    right.plot(pages, [r["search_index_bytes"] / 1024 for r in rows], "s-",
               label="search index, one language")
    right.set(xlabel="pages", ylabel="KiB", title="What a reader downloads")
    right.set_yscale("log")
    right.legend()
    figure.tight_layout()
    figure.savefig(target, dpi=100, metadata={"Software": None})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefings.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, nargs="+", default=list(SIZES),
                        help="archive sizes to measure (default: 100 400 1000)")
    parser.add_argument("--out", type=Path, default=REPO / "bench",
                        help="where the report goes (default: bench/)")
    parser.add_argument("--work", type=Path, default=REPO / ".build" / "bench",
                        help="where the archives are built (default: .build/bench/)")
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the mkdocs-static-i18n reference build")
    parser.add_argument("--reference-up-to", type=int, default=1000, metavar="N",
                        help="build the reference only for archives of at most N stories "
                        "(default: 1000; it took 9 minutes at 1,000 and grows faster than "
                        "the archive)")
    parser.add_argument("--no-preview", action="store_true",
                        help="skip timing an edit under mkdocs serve (at 1,000 stories when "
                        "measured, else the largest archive)")
    parser.add_argument("--search-languages", nargs="+", choices=list(SEARCH_WORDS),
                        metavar="LANG", help="languages whose search is timed in Chromium "
                        f"(default: {' '.join(SEARCH_WORDS)}; the report gives the slowest)")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite report.md and scaling.png from the last results.csv")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        with (args.out / "results.csv").open(encoding="utf-8") as handle:
            print(write_report([_numbers(row) for row in csv.DictReader(handle)], args.out))
        return 0
    rows = []
    previewed = 1000 if 1000 in args.stories else max(args.stories)  # the targets
    for stories in args.stories:
        print(f"measuring {stories} stories x {len(LANGUAGES)} languages...", file=sys.stderr,
              flush=True)
        rows.append(measure(stories, args.work, with_reference=not args.no_reference
                            and stories <= args.reference_up_to,
                            with_preview=stories == previewed and not args.no_preview,
                            search_languages=args.search_languages))
        print(table(rows[-1:]), file=sys.stderr, flush=True)
    keys = list(dict.fromkeys(key for row in rows for key in row))
    with (args.out / "results.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)
    text = write_report(rows, args.out)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
