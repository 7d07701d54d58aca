"""Which engine builds the site: MkDocs 1.6, or ProperDocs, its maintained drop-in fork.

ProperDocs redirects every `mkdocs.*` import to itself once `properdocs.replacement` is
imported, so Material, our hook and the build code run on it unchanged. That import must come
before anything imports MkDocs, so this module imports nothing of ours: a build worker runs
`use` first (briefings.publish imports MkDocs).
"""

from __future__ import annotations

import importlib

ENGINES = ("mkdocs", "properdocs")


def use(engine: str) -> None:
    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # build.py checked it is installed
    elif engine != "mkdocs":
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
