"""Stages 1-4 and the per-seed halves of 5 and 6, for one seed at a time, on every core.

Reading, language detection, cleaning, describing, the grouping evidence and the glossary
matches of a seed depend on that seed alone (and on the termbase). They are most of the work,
so `analyse_all` runs them in worker processes, in chunks, and returns the results in the
seeds' order: the output does not depend on the number of workers. A `Memo` keeps the results
of unchanged seeds between two runs in one process (the live preview).
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from contextlib import contextmanager, nullcontext
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import read
from .candidates import new_phrases
from .clean import clean
from .describe import describe
from .detect import detect_language, preload as preload_detector
from .dates import date_reading
from .compare import prepare
from .store import AnalysisStore, write_entry
from .evidence import Evidence, evidence
from .facts import facts_of
from .furniture import Furniture, load_furniture
from .match import Matcher, build_matcher
from .model import BlockKind, Briefing, Occurrence, Problem, RawSeed, Termbase

PARALLEL_FROM = 200  # fewer seeds than this are analysed in the calling process
CHUNK = 64


@dataclass(frozen=True)
class Analysis:
    """What one seed gives on its own: a briefing, or the problems that reject it."""

    name: str                     # "seeds/x.txt"
    digest: str | None            # of the seed's bytes (its text is in the briefing)
    briefing: Briefing | None
    problems: tuple[Problem, ...]
    evidence: Evidence | None
    occurrences: tuple[tuple[Occurrence, ...], ...]  # per block of the briefing
    phrases: tuple[str, ...] = ()  # quoted phrases the glossary does not know (candidates)
    block_facts: tuple[tuple[tuple[str, str], ...], ...] = ()  # per block, for the aligner


@dataclass(frozen=True)
class Inputs:
    """What the analysis of a seed depends on besides the seed itself."""

    termbase: Termbase
    furniture: Furniture = field(default_factory=load_furniture)

    @property
    def key(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()


class _Worker:
    """The state a worker keeps between seeds: the termbase's matchers, built once."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.termbase = inputs.termbase
        self.matchers: dict[str, Matcher] = {}

    def matcher(self, lang: str) -> Matcher:
        if lang not in self.matchers:
            self.matchers[lang] = build_matcher(self.termbase, lang)
        return self.matchers[lang]

    def analyse(self, name: str, data: bytes, seconds: dict[str, float]) -> Analysis:
        tick = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal tick
            now = time.perf_counter()
            seconds[stage] = seconds.get(stage, 0.0) + now - tick
            tick = now

        result = read.read_seed(name, data)
        lap("read")
        if not isinstance(result, RawSeed):
            return Analysis(name, None, None, tuple(result), None, ())
        detected = detect_language(result)
        lap("detect")
        if isinstance(detected, Problem):
            return Analysis(name, result.digest, None, (detected,), None, ())
        lang, how = detected
        article = clean(result, lang, self.inputs.furniture)
        if not article.paragraphs:
            lap("clean")
            return Analysis(name, result.digest, None, (Problem(
                name, "no article text left after removing the source, counters and "
                      "captions"),), None, ())
        reading = date_reading(lang, article.body_text, article.source)
        briefing = describe(article, lang, how, reading=reading)
        article = briefing.article  # without the lines above its headline
        lap("clean")
        found_facts = [facts_of(block.text, reading) for block in article.blocks]
        block_facts = tuple(tuple(dict.fromkeys(f.pair for f in found)) for found in found_facts)
        facts = prepare(evidence(briefing, found_facts))
        lap("evidence")
        texts = ["" if b.kind is BlockKind.HEADING else b.text for b in article.blocks]
        matcher = self.matcher(lang)
        found = tuple(tuple(occs) for occs in matcher.find_in_blocks(texts))
        phrases = new_phrases(briefing, matcher)
        lap("match")
        return Analysis(name, result.digest, briefing, (), facts, found, phrases, block_facts)


class Memo:
    """Analyses by (seed name, content, inputs): a preview re-analyses only what changed."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str, str], Analysis] = {}
        self.digests: dict[str, tuple[int, int, str]] = {}  # name -> size, mtime, sha256

    def digest(self, name: str, path: Path) -> str:
        """The file's sha256, read only when its size or modification time changed."""
        stat = path.stat()
        known = self.digests.get(name)
        if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.digests[name] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest

    def get(self, key: tuple[str, str, str]) -> Analysis | None:
        return self._kept.get(key)

    def keep(self, entries: dict[tuple[str, str, str], Analysis]) -> None:
        self._kept = entries  # only the seeds of the last run: deleted seeds are forgotten


_worker: _Worker | None = None


def _start_worker(inputs: Inputs) -> None:
    global _worker
    preload_detector()
    if _worker is None or _worker.inputs != inputs:  # the preview reuses its matchers
        _worker = _Worker(inputs)


def warm_up(inputs: Inputs, languages: list[str]) -> None:
    """Load the language model and build the matchers in this process now: the preview's
    first run analyses every seed in worker processes, and its first edit should not wait."""
    _start_worker(inputs)
    assert _worker is not None
    for lang in languages:
        _worker.matcher(lang)


def _analyse_chunk(chunk: list[tuple[str, str, str | None]], store: Path | None = None
                   ) -> tuple[list[Analysis], dict[str, float]]:
    """Some seeds (name, path, key in the store), each analysis also written into the
    `store` folder, here, on every worker, instead of one after the other by the caller."""
    assert _worker is not None
    seconds: dict[str, float] = {}
    analyses = []
    for name, path, key in chunk:
        analysis = _worker.analyse(name, Path(path).read_bytes(), seconds)
        if store is not None and key is not None:
            write_entry(store, key, analysis)
        analyses.append(analysis)
    return analyses, seconds


def analyse_all(paths: list[Path], *, root: Path, inputs: Inputs,
                workers: int | None = None, memo: Memo | None = None,
                store: AnalysisStore | None = None
                ) -> tuple[list[Analysis], dict[str, float]]:
    """One `Analysis` per path, in the paths' order, and the seconds spent per stage (summed
    over the workers). With a memo (the preview's, in memory) or a store (the builds', on
    disk), only the seeds they do not hold are analysed."""
    names = [path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
             for path in paths]
    if memo is None and store is None:
        return _analyse([(name, str(path), None) for name, path in zip(names, paths)],
                        inputs, workers)
    inputs_key = inputs.key
    digests = [memo.digest(name, path) if memo else
               hashlib.sha256(path.read_bytes()).hexdigest() for name, path in zip(names, paths)]
    keys = [(name, digest, inputs_key) for name, digest in zip(names, digests)]
    known = {key: memo.get(key) if memo else None for key in keys}
    with _long_lived() if memo is None else nullcontext():  # the preview: preview.py
        if store is not None:
            for key in keys:
                known[key] = known[key] or store.get(store.key(*key))
        missing = [(key[0], str(path), store.key(*key) if store is not None else None)
                   for key, path in zip(keys, paths) if known[key] is None]
        fresh, seconds = _analyse(missing, inputs, workers,
                                  store.folder if store is not None else None)
    found = iter(fresh)
    results = []
    for key in keys:
        result = known[key]
        if result is None:
            result = next(found)
            if store is not None:  # written by the worker that made it
                store.written(store.key(*key))
        results.append(result)
    if memo is not None:
        memo.keep(dict(zip(keys, results)))
    return results, seconds


@contextmanager
def _long_lived() -> Iterator[None]:
    """The analyses are read or received by the thousand and live as long as the build (or
    the preview): Python's collector would walk all of them again each time the heap grew by
    a quarter (a third of the time of reading them from the store). No collection while
    they arrive, and then they are kept out of the collector's walks. Not in the preview,
    which would freeze each rebuild's garbage with them (it freezes its first run's, once)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _analyse(todo: list[tuple[str, str, str | None]], inputs: Inputs, workers: int | None,
             store: Path | None = None) -> tuple[list[Analysis], dict[str, float]]:
    if workers is None:  # a few seeds are done before a pool would have started
        workers = available_cores() if len(todo) >= PARALLEL_FROM else 1
    if workers < 2:
        _start_worker(inputs)
        return _analyse_chunk(todo, store)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    results: list[Analysis] = []
    seconds: dict[str, float] = {}
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(inputs,)) as pool:
        for analyses, spent in pool.map(_analyse_chunk, chunks, [store] * len(chunks)):
            results += analyses
            for stage, value in spent.items():
                seconds[stage] = seconds.get(stage, 0.0) + value
    return results, seconds


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
