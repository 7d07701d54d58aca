"""Compiled theme templates kept for the next build in the same process.

MkDocs makes a new Jinja environment for every build, so each of a build's processes compiled
Material's 45 templates again for every language (a fifth of a small build). Jinja's bytecode
cache is keyed by the template's file name and a checksum of its source: an edited override or
another Material version is compiled afresh, never served stale. Compiled code is Python
bytecode of this interpreter, kept in memory only.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class Compiled(BytecodeCache):
    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._kept.clear()


COMPILED = Compiled()  # one per process: the builds of a process share it
