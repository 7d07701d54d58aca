"""Compiled theme templates kept for the next build in the same process.

MkDocs makes a new Jinja environment for every build, so each of a build's processes compiled
Material's 45 templates again for every language (a fifth of a small build). Jinja's bytecode
cache is keyed by the template's file name and a checksum of its source, and here also by how
the environment compiles (`_settings`): an edited override, another Material version or a
plugin's other settings are compiled afresh, never served stale. Compiled code is Python
bytecode of this interpreter, kept in memory only.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class Compiled(BytecodeCache):
    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        # Compiled code also depends on how the environment compiles (escaping, extensions,
        # delimiters, the filters and tests it may fold into constants): a plugin that
        # changes them in one build never gets another build's code
        return super().get_bucket(environment, f"{_settings(environment)}\0{name}", filename,
                                  source)

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


def _settings(environment) -> str:
    return repr((environment.autoescape, sorted(environment.extensions),
                 environment.block_start_string, environment.block_end_string,
                 environment.variable_start_string, environment.variable_end_string,
                 environment.comment_start_string, environment.comment_end_string,
                 environment.line_statement_prefix, environment.line_comment_prefix,
                 environment.trim_blocks, environment.lstrip_blocks,
                 environment.newline_sequence, environment.keep_trailing_newline,
                 environment.optimized, environment.is_async, id(environment.finalize),
                 sorted((name, id(f)) for name, f in environment.filters.items()),
                 sorted((name, id(f)) for name, f in environment.tests.items())))


COMPILED = Compiled()  # one per process: the builds of a process share it
