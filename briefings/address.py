"""Stage 5b, address: each story's id, which is its address on the site, kept stable.

A story's id is first the slug of its original's title; after that it never moves on its own:
`stories.yml` (in the project, written by the build, committed by the editors) remembers which
seeds each id was given to, by file name and by content. A story keeps its id when its lead
is edited, when a version is added or removed, when another version becomes the original and
when its seed files are renamed (as long as a file is not renamed and edited in one go). An
editor renames a story with `story: new-name` in a seed's front matter: the old id is kept
under `formerly`, its pages redirect to the new ones, and its feed entries keep their ids.
`load_book` reads the file at the start of a build; the CLI writes `book_text` when the
build succeeded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex
import yaml

from .group import Group
from .model import Briefing, Problem, Story
from .read import YAML_LOADER
from .urls import slug

BOOK = "stories.yml"
DIGEST = 16  # hex digits of a seed's sha256 kept in the book
_HEADER = """\
# Story addresses, written by `make site`: commit this file with the seeds.
# Each story keeps its address (its id) when its seeds are edited, renamed, added or removed.
# To rename a story, put `story: new-name` in the front matter of one of its seeds; the old
# address then redirects to the new one. A fresh project without this file builds as well.
"""


@dataclass(frozen=True)
class Entry:
    seeds: dict[str, str]            # seed path -> the start of its content's sha256
    formerly: tuple[str, ...] = ()   # older ids of the story, oldest first


@dataclass(frozen=True)
class Book:
    entries: dict[str, Entry] = field(default_factory=dict)  # story id -> entry


def load_book(path: Path) -> tuple[Book, list[Problem]]:
    """The project's book, or an empty one in a fresh project."""
    if not path.is_file():
        return Book(), []
    return read_book(path.read_text(encoding="utf-8"), path.name)


def read_book(text: str | None, name: str = BOOK) -> tuple[Book, list[Problem]]:
    """The book from its file's text; an unreadable book is reported and ignored."""
    if not text:
        return Book(), []
    try:
        data = yaml.load(text, Loader=YAML_LOADER) or {}
        entries = {}
        for story_id, entry in (data.get("stories") or {}).items():
            entries[str(story_id)] = Entry({str(k): str(v) for k, v in
                                            (entry.get("seeds") or {}).items()},
                                           tuple(str(x) for x in entry.get("formerly") or ()))
        return Book(entries), []
    except (yaml.YAMLError, AttributeError, TypeError) as error:
        return Book(), [Problem(name, f"could not be read ({str(error).splitlines()[0]}); the "
                                      "stories got new addresses and the file is rewritten",
                                fatal=False)]


def book_text(book: Book) -> str:
    data = {"stories": {story_id: {"seeds": dict(sorted(entry.seeds.items())),
                                   **({"formerly": list(entry.formerly)} if entry.formerly
                                      else {})}
                        for story_id, entry in sorted(book.entries.items())}}
    return _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def assign_addresses(groups: tuple[Group, ...], book: Book, digests: dict[str, str],
                     describe) -> tuple[list[Story], Book]:
    """Stories with their ids, newest first, and the book that records them.
    `describe(link)` words a link for the summary."""
    matched = _match(groups, book, digests)
    taken = {g.label for g in groups if g.label}
    reserved = set(book.entries) | {old for e in book.entries.values() for old in e.formerly}
    stories, entries = [], {}
    for index, group in sorted(enumerate(groups), key=lambda ig: _first_seed(ig[1])):
        previous = matched.get(index)
        entry = book.entries.get(previous) if previous else None
        if group.label:
            story_id = group.label
        elif previous and previous not in entries and previous not in taken:
            story_id = previous
        else:
            story_id = _fresh(_slug_of(group), reserved | taken | set(entries))
        formerly = tuple(entry.formerly) if entry else ()
        if previous and previous != story_id:
            formerly += (previous,)
        formerly = tuple(dict.fromkeys(f for f in formerly if f != story_id))
        story = _story(group, story_id, formerly, describe)
        entries[story_id] = Entry({b.seed: digests.get(b.seed, "")[:DIGEST]
                                   for b in group.members}, formerly)
        stories.append(story)
    ordered = sorted(stories, key=lambda s: (s.date is not None, s.date, s.id), reverse=True)
    return ordered, Book(entries)


def _match(groups: tuple[Group, ...], book: Book, digests: dict[str, str]) -> dict[int, str]:
    """Which book entry each group continues: the one holding most of its seeds, by name or
    by content; each entry goes to one group at most."""
    by_name: dict[str, set[str]] = defaultdict(set)
    by_content: dict[str, set[str]] = defaultdict(set)
    for story_id, entry in book.entries.items():
        for seed, digest in entry.seeds.items():
            by_name[seed].add(story_id)
            if digest:
                by_content[digest].add(story_id)
    scores: list[tuple[int, str, int]] = []
    for index, group in enumerate(groups):
        counts: dict[str, int] = defaultdict(int)
        for briefing in group.members:
            digest = digests.get(briefing.seed, "")[:DIGEST]
            for story_id in by_name[briefing.seed] | by_content.get(digest, set()):
                counts[story_id] += 1
        scores += [(count, story_id, index) for story_id, count in counts.items()]
    matched: dict[int, str] = {}
    used: set[str] = set()
    for count, story_id, index in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if index not in matched and story_id not in used:
            matched[index] = story_id
            used.add(story_id)
    return matched


def _first_seed(group: Group) -> str:
    return min(b.seed for b in group.members)


def _slug_of(group: Group) -> str:
    """The slug of the original's title. Arabic, Hebrew and the other scripts that leave
    vowels unwritten romanise into consonants nobody can read (`ryys-lwzr-fm-mynh`): their
    stories take the slug of a version in another script, or else keep their own words."""
    versions = _versions(group)
    original = versions[_original(group)]
    if not _unvowelled(original.title):
        return _slug(original.title)
    other = next((b for _, b in sorted(versions.items()) if not _unvowelled(b.title)), None)
    if other:
        return _slug(other.title)
    return slug(original.title, max_length=60, word_boundary=True, allow_unicode=True)


_ABJAD = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}]")
_LETTER = regex.compile(r"\p{L}")


def _unvowelled(title: str) -> bool:
    return len(_ABJAD.findall(title)) * 2 > len(_LETTER.findall(title))


def _slug(title: str) -> str:
    return slug(title, max_length=60, word_boundary=True)


def _fresh(base: str, taken: set[str]) -> str:
    base = base or "story"
    story_id, count = base, 1
    while story_id in taken:
        count += 1
        story_id = f"{base}--{count}"  # slugify never writes "--": no other slug is like it
    return story_id


def _versions(group: Group) -> dict[str, Briefing]:
    kept = [b for b in group.members if b.seed not in group.alternatives]
    return {b.lang: b for b in sorted(kept, key=lambda b: b.lang)}


def _original(group: Group) -> str:
    """The version marked original, else the most complete one (originals keep every
    caption and paragraph; translations are often abridged)."""
    versions = list(_versions(group).values())
    marked = [b for b in versions if b.original]
    chosen = marked[0] if marked else max(versions, key=lambda b: (len(b.article.blocks),
                                                                    b.lang))
    return chosen.lang


def _story(group: Group, story_id: str, formerly: tuple[str, ...], describe) -> Story:
    versions = _versions(group)
    alternatives = tuple(b for b in group.members if b.seed in group.alternatives)
    reason = "; ".join(describe(link) for link in group.links) or (
        f"front matter story: {group.label}" if group.label else "no other version found")
    return Story(id=story_id, versions=versions, alternatives=alternatives,
                 original=_original(group), reason=reason, formerly=formerly)

