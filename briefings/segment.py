"""Word edges in scripts written without spaces, for the glossary matcher.

Chinese and Japanese run words together, and so do Thai and Lao: a term found inside a run of
letters is a word of the text only where a segmenter does not say its characters belong to
other words. Chinese is segmented by jieba, Japanese by Janome (a pure-Python morphological
analyser with its own IPADIC dictionary). Thai and Lao have no segmenter kept on PyPI for both,
so their edges are the edges of Thai/Lao character clusters: a word never starts on a
following vowel or a combining mark, nor right after a leading vowel, and never ends before
one; glossary terms in these scripts are long enough that this is what keeps a match honest.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import regex

# Languages whose words are not separated by spaces (ISO 639-1/3 codes py3langid gives)
UNSPACED = frozenset({"zh", "yue", "wuu", "ja", "th", "lo", "km", "my", "bo"})

# A stretch of text segmented at once: it ends at spaces, punctuation and the separator, so
# the segmenter sees the clause around a match and not the whole article.
_CLAUSE = regex.compile(r"[^\s\p{P}\p{S}\x00]+")
_LEADING = frozenset("เแโใไເແໂໃໄ")  # Thai and Lao vowels written before their consonant
_FOLLOWING = regex.compile(r"[\p{M}ะาำๅະາຳ]")


def is_word(text: str, start: int, end: int, lang: str) -> bool:
    """Whether text[start:end] is not a piece cut out of other words.

    A match stands when at least one of its ends is a word edge: "政治局" in "政治局員" (the
    analyser reads 政治|局員) or in "中央政治局" is the Politburo; "国会" in "全国会议"
    (全国|会议), whose two ends are both inside other words, is not the National Assembly."""
    if start >= end:
        return False
    if lang not in UNSPACED:
        return True
    if lang in ("th", "lo", "km", "my", "bo"):
        return _cluster_edge(text, start) and _cluster_edge(text, end)
    clause = _clause_at(text, start, end)
    if clause is None:
        return True  # the match runs over punctuation or space: those are edges already
    offset, words = clause
    edges = _edges(words, lang)
    return (start - offset) in edges or (end - offset) in edges


def _clause_at(text: str, start: int, end: int) -> tuple[int, str] | None:
    left = start
    while left > 0 and _CLAUSE.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and _CLAUSE.match(text[right]):
        right += 1
    if any(not _CLAUSE.match(c) for c in text[start:end]):
        return None
    return left, text[left:right]


def _cluster_edge(text: str, index: int) -> bool:
    if index > 0 and text[index - 1] in _LEADING:
        return False
    return index >= len(text) or not _FOLLOWING.match(text[index])


@lru_cache(maxsize=65_536)
def _edges(words: str, lang: str) -> frozenset[int]:
    pieces = _chinese().cut(words) if lang != "ja" else _japanese().tokenize(words, wakati=True)
    edges, position = {0}, 0
    for piece in pieces:
        position += len(piece)
        edges.add(position)
    return frozenset(edges)


@lru_cache(maxsize=1)
def _chinese():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


@lru_cache(maxsize=1)
def _japanese():
    from janome.tokenizer import Tokenizer

    return Tokenizer(wakati=True)
