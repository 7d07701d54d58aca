"""A regular expression for many literal words, factored into a trie.

Python's `re` tries the branches of an alternation one after the other at every position, so
`(?:one|two|...|two hundred)` costs as much as its number of branches. Factored by common
prefixes, a failed position costs a few character tests. A longer word is tried before any
word that is its prefix, as in an alternation sorted longest first, so the longest one wins.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

_END = ""


def trie_pattern(words: Iterable[str], *, space: str = r"\s+",
                 escape: Callable[[str], str] = re.escape, after_first: str = "") -> str:
    """A non-capturing pattern matching any of `words`; a space in a word matches `space`.

    `after_first` is put after the first character: `(?<!\\w.)` there is a word boundary
    before the word that still lets `re` skip to the positions of possible first letters."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(root, space, escape, after_first) if root else r"(?!)"


def _emit(node: dict, space: str, escape: Callable[[str], str], after: str = "") -> str:
    branches = []
    for char in sorted(c for c in node if c != _END):
        piece = (space if char == " " else escape(char)) + after
        rest = node[char]
        branches.append(piece + (_emit(rest, space, escape) if set(rest) != {_END} else ""))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if _END in node else body
