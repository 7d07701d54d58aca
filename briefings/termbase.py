"""The hand-edited, concept-oriented termbase (modelled on TBX): loading and validation.

Every error names the file and the line, and all of them are collected before the build stops,
so an editor fixes the whole file in one go.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .model import Concept, Problem, Termbase, TermEntry
from .read import YAML_LOADER


class _LineLoader(YAML_LOADER):  # type: ignore[misc, valid-type]
    """Keeps the line of every mapping, for messages that say where to look."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_termbase(path: Path, *, root: Path) -> tuple[Termbase, list[Problem]]:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if not path.exists():
        return Termbase(()), [Problem(name, "termbase not found; the glossary will be empty",
                                      fatal=False)]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return Termbase(()), [Problem(name, f"not valid YAML ({getattr(err, 'problem', err)})",
                                      line=mark.line + 1 if mark else None)]
    return parse_termbase(name, data)


def parse_termbase(name: str, data: Any) -> tuple[Termbase, list[Problem]]:
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        return Termbase(()), [Problem(name, "the termbase must have a 'concepts:' list", line=1)]
    problems: list[Problem] = []
    concepts = []
    for raw in data["concepts"]:
        concept = _concept(name, raw, problems)
        if concept:
            concepts.append(concept)
    problems += _check(name, concepts, data["concepts"])
    concepts.sort(key=lambda c: c.id)
    return Termbase(tuple(concepts)), problems


def _concept(name: str, raw: Any, problems: list[Problem]) -> Concept | None:
    line = raw.get("__line__") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        problems.append(Problem(name, "a concept needs an 'id:' and 'langs:'", line=line))
        return None
    langs = raw.get("langs")
    if not isinstance(langs, dict) or len(langs) <= 1 and "__line__" in (langs or {}):
        problems.append(Problem(name, f"concept '{raw['id']}' has no 'langs:'", line=line))
        return None
    terms = {}
    for lang, entry in sorted((k, v) for k, v in langs.items() if k != "__line__"):
        term = _entry(name, raw["id"], lang, entry, problems)
        if term:
            terms[lang] = term
    number = raw.get("number")
    return Concept(id=raw["id"], terms=terms, number=str(number) if number is not None else None)


def _entry(name: str, concept_id: str, lang: str, entry: Any,
           problems: list[Problem]) -> TermEntry | None:
    line = entry.get("__line__") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) \
            or not isinstance(entry.get("definition"), str):
        problems.append(Problem(name, f"concept '{concept_id}' language '{lang}' needs a "
                                      "'term:' and a 'definition:'", line=line))
        return None
    lists = {}
    for key in ("variants", "heads", "stop"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(Problem(name, f"concept '{concept_id}' language '{lang}': "
                                          f"'{key}' must be a list of words", line=line))
            value = []
        lists[key] = tuple(value)
    return TermEntry(term=entry["term"].strip(), definition=" ".join(entry["definition"].split()),
                     **lists)


def _check(name: str, concepts: list[Concept], raws: list[Any]) -> list[Problem]:
    problems: list[Problem] = []
    lines = {r.get("id"): r.get("__line__") for r in raws if isinstance(r, dict)}
    all_langs = sorted({lang for c in concepts for lang in c.terms})
    claimed: dict[tuple[str, str], str] = {}
    seen_ids: set[str] = set()
    for concept in concepts:
        line = lines.get(concept.id)
        if concept.id in seen_ids:
            problems.append(Problem(name, f"concept id '{concept.id}' is used twice", line=line))
        seen_ids.add(concept.id)
        english = concept.terms.get("en")
        if english and slugify(english.term) != concept.id:
            problems.append(Problem(name, f"concept id '{concept.id}' should be "
                                          f"'{slugify(english.term)}' (the slug of its English "
                                          "term)", line=line))
        missing = [lang for lang in all_langs if lang not in concept.terms]
        if missing:
            problems.append(Problem(name, f"concept '{concept.id}' has no term in "
                                          f"{', '.join(missing)}", line=line, fatal=False))
        for lang, entry in concept.terms.items():
            for form in surface_forms(entry):
                key = (lang, fold(form))
                other = claimed.setdefault(key, concept.id)
                if other != concept.id:
                    problems.append(Problem(name, f"'{form}' ({lang}) is claimed by both "
                                                  f"'{other}' and '{concept.id}'", line=line))
    return problems


def surface_forms(entry: TermEntry) -> tuple[str, ...]:
    return (entry.term, *entry.variants)


def fold(text: str) -> str:
    """Case and spelling variants a reader treats as the same letters; keeps the length.

    Vietnamese writes the tone of "oa", "oe", "uy" on either vowel (hòa/hoà, thủy/thuỷ):
    both placements fold to one, so a term matches whichever the author's keyboard used.
    """
    folded = text.lower()
    if len(folded) != len(text):  # a few letters lower-case to two ("İ"): fold one by one
        folded = "".join(_fold_char(c) for c in text)
    for variant, plain in _SPELLING:  # str.replace: str.translate is slow on non-ASCII text
        if variant in folded:
            folded = folded.replace(variant, plain)
    return _TONE_PAIRS.sub(lambda m: _TONE_PLACEMENT[m.group(0)], folded)


def _tone_placements() -> dict[str, str]:
    marks = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below
    table = {}
    for first, second in ("oa", "oe", "uy"):
        for mark in marks:
            on_second = unicodedata.normalize("NFC", first + second + mark)
            on_first = unicodedata.normalize("NFC", first + mark + second)
            table[on_second] = on_first
    return table


_TONE_PLACEMENT = _tone_placements()
_TONE_PAIRS = re.compile("|".join(_TONE_PLACEMENT))


_SPELLING = (("ё", "е"), ("’", "'"), ("ʼ", "'"), ("‘", "'"))


def _fold_char(char: str) -> str:
    lower = char.lower()
    return char if len(lower) != 1 else lower
