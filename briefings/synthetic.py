"""A synthetic archive for the benchmark: N stories, each in vi, en, fr and ru.

Every story is the sample story's four versions with its own decision number and its own date
(written in each language's notation, in the text and in the lead, so titles and story ids
differ too), so that stories stay distinct and each groups as one. The rest of the text is the
samples' paragraphs, kept as they are: the glossary terms, captions and furniture stay in.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date

from . import read
from .detect import detect_language
from .model import Problem

FIRST_DAY = dt.date(2020, 1, 1)
LANGUAGES = ("vi", "en", "fr", "ru")
_DECISION = "1812"  # the decision number the sample story cites
# The sample story's own dates, as each version writes them.
_SAMPLE_DATES = {
    "vi": [(re.compile(r"25/8/2025"), "d/M/y"), (re.compile(r"Chiều 26/8"), "'Chiều' d/M/y")],
    "en": [(re.compile(r"August 25, 2025"), "MMMM d, y")],
    "fr": [(re.compile(r"25 août 2025"), "d MMMM y")],
    "ru": [(re.compile(r"25 августа 2025"), "d MMMM y")],
}


@dataclass(frozen=True)
class Sample:
    lang: str
    body: str  # decoded text, front matter removed


def load_samples(seeds: Path) -> dict[str, Sample]:
    """The sample story's version in each language: the seeds that cite its decision."""
    raw, _ = read.read_seeds(read.find_seeds(seeds), root=seeds.parent)
    samples: dict[str, Sample] = {}
    for seed in raw:
        detected = detect_language(seed)
        if isinstance(detected, Problem) or _DECISION not in seed.text:
            continue
        lang = detected[0]
        if lang in LANGUAGES and lang not in samples:
            samples[lang] = Sample(lang, seed.text)
    missing = [lang for lang in LANGUAGES if lang not in samples]
    if missing:
        raise SystemExit(f"{seeds}: no sample story version in {', '.join(missing)}")
    return samples


def story_text(sample: Sample, number: int) -> str:
    """Version `sample.lang` of story `number`: its own decision number and date."""
    day = FIRST_DAY + dt.timedelta(days=number)
    text = sample.body.replace(_DECISION, str(2000 + number))
    for pattern, fmt in _SAMPLE_DATES[sample.lang]:
        text = pattern.sub(format_date(day, fmt, locale=sample.lang), text)
    return f"---\ndate: {day.isoformat()}\n---\n{text}"


def write_corpus(target: Path, stories: int, *, repo: Path) -> Path:
    """A project folder like the repository's, with `stories` x 4 seeds in `seeds/`."""
    samples = load_samples(repo / "seeds")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("templates", "glossary", "overrides"):
        shutil.copytree(repo / name, target / name)
    shutil.copy(repo / "mkdocs.yml", target / "mkdocs.yml")
    (target / "briefings").symlink_to((repo / "briefings").resolve())
    (target / "site_src").mkdir()
    seeds = target / "seeds"
    seeds.mkdir()
    for number in range(stories):
        for lang in LANGUAGES:
            (seeds / f"{number:05d}_{lang}.txt").write_text(story_text(samples[lang], number),
                                                          encoding="utf-8")
    return target
