"""Stage 1, read: seed files to decoded text with their front matter.

This is one of the two edges where the file system is touched. Bytes are decoded the way the
editor's program saved them (UTF-8 with or without BOM, UTF-16, Windows-1252, ...), line ends
are normalised and the text is put in NFC, so later stages see one form of every letter.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import reprlib
import unicodedata
from pathlib import Path
from typing import Any, Iterable

import yaml
from charset_normalizer import from_bytes

from .model import Problem, RawSeed

FRONT_MATTER_KEYS = {"lang": str, "story": str, "title": str, "date": (str, dt.date),
                     "source": str, "original": bool,
                     # an editor's word on the grouping: seed file names, one or a list
                     "translation-of": (str, list), "not-translation-of": (str, list)}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


# libyaml's parser where PyYAML was built with it (its wheels are): 5x faster than Python's.
# Every YAML file the build reads goes through it (the termbase, strings.yml, the book).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_front_matter(block: str) -> Any:
    """YAML for front matter: no aliases, so a few lines cannot expand into gigabytes."""
    for event in yaml.parse(block, Loader=YAML_LOADER):  # events only: nothing is expanded yet
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              event.start_mark)
    return yaml.load(block, Loader=YAML_LOADER)


def find_seeds(seeds_dir: Path) -> list[Path]:
    """Every `*.txt` in the seeds folder, in a fixed order."""
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


def read_seeds(paths: Iterable[Path], *, root: Path) -> tuple[list[RawSeed], list[Problem]]:
    seeds: list[RawSeed] = []
    problems: list[Problem] = []
    for path in paths:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        result = read_seed(name, path.read_bytes())
        if isinstance(result, RawSeed):
            seeds.append(result)
        else:
            problems.extend(result)
    return seeds, problems


def read_seed(name: str, data: bytes) -> RawSeed | list[Problem]:
    """Decode one seed; a list of problems instead when it cannot be used."""
    decoded = decode(data)
    if decoded is None:
        return [Problem(name, "this is not a text file (binary content); save the article "
                              "as plain text (.txt) and run the build again")]
    text, encoding = decoded
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return [Problem(name, "the file is empty; paste the article text into it or delete it")]
    front, body, body_line, problems = split_front_matter(name, text)
    if any(p.fatal for p in problems):
        return problems
    if not body.strip():
        return [Problem(name, "the file has front matter but no article text after it")]
    digest = hashlib.sha256(" ".join(body.split()).encode()).hexdigest()
    return RawSeed(path=name, text=body, front_matter=front, encoding=encoding,
                   body_line=body_line, digest=digest)


def decode(data: bytes) -> tuple[str, str] | None:
    """Text and the encoding it was read with, or None for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _text_or_none(data.decode(encoding, errors="replace"), encoding)
    try:
        return _text_or_none(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = _likely_charset(data)
    if best is None:
        return None
    return _text_or_none(data.decode(best, errors="replace"), best)


def _likely_charset(data: bytes) -> str | None:
    """charset-normalizer's candidates, read the way a newsroom's files are usually saved.

    On short Latin text several single-byte code pages decode equally well; an office program
    on Windows means Windows-1252, and old Mac code pages are almost never what was used.
    """
    results = [r for r in from_bytes(data) if not r.encoding.startswith("mac_")]
    if not results:
        return None
    best = min(results, key=lambda r: r.chaos)
    close = [r for r in results if r.chaos <= best.chaos + 0.05]
    if any("cp1252" in r.could_be_from_charset for r in close):
        return "cp1252"
    return best.encoding


def _text_or_none(text: str, encoding: str) -> tuple[str, str] | None:
    # A few stray control characters happen in pasted text; many mean it is not text at all.
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 200):
        return None
    return _CONTROL.sub("", text), encoding


def split_front_matter(name: str, text: str
                       ) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """Front matter (a YAML block between `---` lines at the very top) and the body after it."""
    if not text.startswith("---"):
        return {}, text, 1, []
    first_line_end = text.find("\n")
    if first_line_end < 0 or text[:first_line_end].strip() != "---":
        return {}, text, 1, []
    closing = _FENCE.search(text, first_line_end + 1)
    if closing is None:
        return {}, text, 1, [Problem(name, "front matter starts with '---' but is never closed "
                                           "by a second '---' line", line=1)]
    block = text[first_line_end + 1:closing.start()]
    body_line = text.count("\n", 0, closing.end()) + 2
    body = text[closing.end():].lstrip("\n")
    try:
        data = _load_front_matter(block) if block.strip() else {}
    except yaml.YAMLError as err:
        # Where the broken construct starts ("[" never closed) beats where parsing gave up.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        last_line = block.rstrip("\n").count("\n") + 2  # an error "at the end" is on the last
        line = min(mark.line + 2, last_line) if mark is not None else 1
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        return {}, body, body_line, [Problem(name, f"front matter is not valid YAML ({reason})",
                                             line=line)]
    if not isinstance(data, dict):
        return {}, body, body_line, [Problem(name, "front matter must be 'key: value' lines",
                                             line=2)]
    kept, problems = check_front_matter(name, data, block)
    return kept, body, body_line, problems


def check_front_matter(name: str, data: dict[Any, Any], block: str
                       ) -> tuple[dict[str, Any], list[Problem]]:
    """Keep the known keys with the right types; name every wrong one with its line."""
    kept: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        line = _line_of_key(block, str(key))
        expected = FRONT_MATTER_KEYS.get(str(key))
        if expected is None:
            allowed = ", ".join(FRONT_MATTER_KEYS)
            problems.append(Problem(name, f"unknown front matter key '{key}' ignored "
                                          f"(known keys: {allowed})", line=line, fatal=False))
        elif value is None:
            continue
        elif isinstance(value, dt.datetime) and expected == (str, dt.date):
            kept[str(key)] = value.date()  # "2025-08-26 10:00" is a date for us
        elif isinstance(value, list) and isinstance(expected, tuple) and list in expected \
                and all(isinstance(v, str) and v.strip() for v in value):
            kept[str(key)] = tuple(v.strip() for v in value)
        elif not isinstance(value, expected) or isinstance(value, list) or (
                isinstance(value, str) and not value.strip()):
            problems.append(Problem(name, f"front matter '{key}' has a wrong value "
                                          f"{reprlib.repr(value)}", line=line))
        else:
            kept[str(key)] = value.strip() if isinstance(value, str) else value
    if isinstance(kept.get("date"), str):
        try:
            kept["date"] = dt.date.fromisoformat(kept["date"])
        except ValueError:
            problems.append(Problem(name, f"front matter 'date' {kept['date']!r} is not a date "
                                          "like 2025-08-26", line=_line_of_key(block, "date")))
    return kept, problems


def _line_of_key(block: str, key: str) -> int | None:
    for number, line in enumerate(block.split("\n"), start=2):
        if line.split(":", 1)[0].strip() == key:
            return number
    return None
