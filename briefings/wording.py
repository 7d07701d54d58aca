"""How much of their wording two seeds in one language share: three-word sequences,
compared without accents or case. A copy of the same text shares most of them; a second
translation of the same original shares many; another article on the same event fewer.
"""

from __future__ import annotations

import zlib
from typing import Callable

import regex

from .names import plain
from .model import Briefing

_WORD = regex.compile(r"\p{L}+|\p{N}+")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}]")


def trigrams(text: str) -> frozenset[int]:
    """The text's three-word sequences (three characters in a script without spaces), as
    checksums: small to keep, the same on every machine."""
    if len(_UNSPACED.findall(text[:500])) > 100:
        words = [c for c in plain.__wrapped__(text) if not c.isspace()]
    else:
        words = [plain(w) for w in _WORD.findall(text)]
    return frozenset(zlib.crc32(" ".join(words[i:i + 3]).encode())
                     for i in range(len(words) - 2))


def shared_wording() -> Callable[[Briefing, Briefing], float]:
    """The share of the shorter text's three-word sequences the other holds, with each
    seed's sequences computed once."""
    kept: dict[str, frozenset[int]] = {}

    def of(briefing: Briefing) -> frozenset[int]:
        if briefing.seed not in kept:
            kept[briefing.seed] = trigrams(briefing.article.body_text)
        return kept[briefing.seed]

    def share(a: Briefing, b: Briefing) -> float:
        ta, tb = of(a), of(b)
        return len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0

    return share
