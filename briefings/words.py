"""The words of our own pages: a project's `templates/strings.yml`, completed from the words
that ship with the code.

A project keeps its own copy of the templates. When the code later adds a word (a new label,
a new page), that copy lacks it: the page then uses the built-in word, and the build warns,
naming the key and the file, instead of stopping with a KeyError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import yaml

from .model import Problem
from .read import YAML_LOADER

# The templates folder next to the package, the one the code was written with.
BUILTIN = Path(__file__).resolve().parent.parent / "templates" / "strings.yml"

Words = Mapping[str, Mapping[str, str]]  # language -> key -> word


def load_words(path: Path, *, builtin: Path = BUILTIN, name: str = "templates/strings.yml"
               ) -> tuple[Words, tuple[Problem, ...]]:
    own = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    shipped = own if not builtin.is_file() or builtin.resolve() == path.resolve() else \
        yaml.load(builtin.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return complete(own, shipped, name=name)


def complete(own: Words, builtin: Words, *, name: str) -> tuple[Words, tuple[Problem, ...]]:
    """Each language of the project's words, with the keys it lacks taken from the built-in
    words of that language. English always: a language without a word falls back to it.
    A language the project does not list keeps falling back to English, as documented."""
    words: dict[str, dict[str, str]] = {}
    missing: dict[str, list[str]] = {}
    for lang in dict.fromkeys(["en", *own]):
        theirs = own.get(lang) or {}
        ours = builtin.get(lang) or {}
        for key in ours:
            if key not in theirs:
                missing.setdefault(key, []).append(lang)
        words[lang] = {**ours, **theirs}
    problems = tuple(Problem(name, f"no '{key}' for {', '.join(langs)}: the built-in words "
                                   f"are used (\"{builtin[langs[0]][key]}\"); add the key to "
                                   "translate it your way", fatal=False)
                     for key, langs in missing.items())
    return words, problems
