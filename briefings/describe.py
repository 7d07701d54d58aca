"""Stage 4, describe: title, lead and date of a cleaned article.

A copy of a news page often begins with its headline, sometimes under a section label
("Politics & Law", "消息"), a date line or a byline. The headline is the title, in every
script; without one the title is the lead's first sentence. Titles are cut to a length
budget of their script (a line of Chinese says in 36 characters what English says in 90) at a
sentence or clause mark of that script (`。`, `，`, `、`, a Thai space...).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace

import regex

from .dates import dateline, find_dates
from .model import Article, Block, BlockKind, Briefing

LEAD_MAX = 300
TOP_LINES = 8  # a headline is among the first lines of a copy, or there is none
LABEL_MAX = 35  # characters of a section label (in a script of TITLE_MAX)
# The most characters a title takes in each script, for about the same number of words: a
# headline line is kept whole up to this; a title made from the lead is cut at 3/4 of it.
TITLE_BUDGET = {"Han": 48, "Hiragana": 48, "Katakana": 48, "Hangul": 64, "Thai": 96,
                "Lao": 96, "Khmer": 96, "Myanmar": 96}
TITLE_MAX = 120  # every other script
FROM_LEAD = 0.75
_SENTENCE = regex.compile(r"(?<=[.!?…])\s+(?=[\"“«„]?[^\W\d_])|(?<=[。！？])")
_CLAUSE = regex.compile(r"(?:,|;| [-–—] |: |[，、；：]|(?<=[\p{Thai}\p{Lao}\p{Khmer}]) )\s*")
_FINAL = re.compile(r"[.。．!！?？…;；:：]$")
_TRAILING = "\"'”’»)]）」』 "
_TIME = regex.compile(r"\d{1,2}[:h時时시]\d{2}")
_CAPITALISED = regex.compile(r"\p{Lu}")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_SCRIPTS = tuple(TITLE_BUDGET)


def describe(article: Article, lang: str, lang_evidence: str, *,
             reading: str | None = None) -> Briefing:
    """`reading`: how the article writes numeric dates (`dates.date_reading`)."""
    front = article.front_matter
    reading = reading or lang
    top, body = top_lines(article.blocks)
    chosen = headline_line(article.blocks, top)
    lead_block = _lead_paragraph(article, body)
    lead_text = article.blocks[lead_block].text if article.blocks else ""
    title = front.get("title") or (cut_title(article.blocks[chosen].text) if chosen is not None
                                   else headline(lead_text))
    if not any(ch.isalnum() for ch in title):  # a lead of "..." is no headline
        title = next((headline(b.text) for b in article.blocks
                      if any(ch.isalnum() for ch in b.text)), article.seed.rsplit("/", 1)[-1])
    date = front.get("date") or _updated_date(article, reading) or _top_date(
        article.blocks, top, reading) or dateline(lead_text, article.body_text, reading)
    original = front.get("original")
    if chosen:  # what stands above the headline is the page's: section labels, dates
        above = article.blocks[:chosen]
        article = replace(article, blocks=article.blocks[chosen:],
                          removed=article.removed + tuple(b.text for b in above))
        lead_block, chosen = max(0, lead_block - len(above)), 0
    return Briefing(article=article, lang=lang, lang_evidence=lang_evidence, title=title,
                    lead=shorten(lead_text, LEAD_MAX), date=date,
                    original=original if isinstance(original, bool) else None,
                    headline=chosen, lead_block=lead_block)


def top_lines(blocks: tuple[Block, ...]) -> tuple[list[int], int]:
    """The lines above the article's text (headline, section labels, date lines, bylines)
    and the index of the first block of the text: the first that ends a sentence or is too
    long for a headline."""
    top = []
    for index, block in enumerate(blocks[:TOP_LINES]):
        if block.kind is BlockKind.CAPTION:
            continue
        text = block.text.rstrip(_TRAILING)
        if _FINAL.search(text) or len(block.text) > 2 * title_budget(block.text):
            return top, index
        top.append(index)
    return top, min(len(blocks), TOP_LINES)


def headline_line(blocks: tuple[Block, ...], top: list[int]) -> int | None:
    """The first of the top lines that says something: not a section label, not a date
    line, not a byline, and not the only line of the copy."""
    if len(top) == len(blocks):
        return None
    candidates = [i for i in top if _says_something(blocks[i].text)]
    while len(candidates) > 1 and _label(blocks[candidates[0]].text,
                                         blocks[candidates[1]].text):
        candidates.pop(0)
    return candidates[0] if candidates else None


def _label(line: str, following: str) -> bool:
    """A section's name over the headline ("Kinh tế Chính sách - Phát triển"): short, no
    figure in it, and the next line much longer."""
    return (len(line) <= LABEL_MAX * title_budget(line) // TITLE_MAX
            and not any(c.isdigit() for c in line) and len(following) >= 1.5 * len(line))


def _says_something(line: str) -> bool:
    if _TIME.search(line) or find_dates(line, "en") and len(_WORD.findall(line)) <= 8:
        return False  # "Thứ ba, 02/09/2025 21:35 (GMT+7)", "秘书长苏林 08:26"
    words = _WORD.findall(line)
    if _unspaced(line):
        return sum(len(w) for w in words) >= 8
    if len(words) < 3:
        return False
    capitalised = sum(bool(_CAPITALISED.match(w)) for w in words)
    return not (len(words) <= 4 and capitalised == len(words))  # a byline, a label


def _lead_paragraph(article: Article, body: int) -> int:
    """The index of the lead: the first paragraph of the text, else any first paragraph."""
    for index, block in enumerate(article.blocks):
        if index >= body and block.kind is BlockKind.PARAGRAPH:
            return index
    return next((i for i, b in enumerate(article.blocks) if b.kind is BlockKind.PARAGRAPH), 0)


def _top_date(blocks: tuple[Block, ...], top: list[int], reading: str) -> dt.date | None:
    """A date line above the text ("Thứ ba, 02/09/2025 21:35", "January 29, 2025 - 09:50")."""
    for index in top:
        for _, year, month, day in find_dates(blocks[index].text, reading):
            if year and not _says_something(blocks[index].text):
                return dt.date(year, month, day)
    return None


def _updated_date(article: Article, lang: str) -> dt.date | None:
    if not article.updated:
        return None
    # "Updated 8/26/2025" sits on an English page even in a translated seed: try both orders.
    for reading in (lang, "en"):
        for _, year, month, day in find_dates(article.updated, reading):
            if year:
                return dt.date(year, month, day)
    return None


def title_budget(text: str) -> int:
    """How many characters a headline of this text's script takes."""
    script = _main_script(text)
    return TITLE_BUDGET.get(script, TITLE_MAX)


def _main_script(text: str) -> str:
    counts: dict[str, int] = {}
    for char in text[:200]:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = next((s for s in _SCRIPTS if name.startswith(_NAME_PREFIX[s])), "other")
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else "other"


_NAME_PREFIX = {"Han": "CJK", "Hiragana": "HIRAGANA", "Katakana": "KATAKANA",
                "Hangul": "HANGUL", "Thai": "THAI", "Lao": "LAO", "Khmer": "KHMER",
                "Myanmar": "MYANMAR"}


def _unspaced(text: str) -> bool:
    return _main_script(text) in ("Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer",
                                  "Myanmar")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a text starts and ends."""
    starts = [0] + [m.end() for m in _SENTENCE.finditer(text) if m.end() < len(text)]
    ends = starts[1:] + [len(text)]
    return [(a, b) for a, b in zip(starts, ends) if text[a:b].strip()]


def headline(lead: str) -> str:
    """The lead's first sentence, cut to headline length at a clause or word boundary."""
    sentence = _SENTENCE.split(lead.strip(), maxsplit=1)[0].rstrip(" .。")
    return cut_title(sentence, FROM_LEAD)


def cut_title(text: str, share: float = 1.0) -> str:
    """A title of at most its script's budget (or `share` of it), cut at the last clause
    mark that leaves most of it, else at a word (or, in a script without spaces, a
    character)."""
    text = " ".join(text.split())
    full = title_budget(text)
    budget = int(full * share)
    if len(text) <= budget:
        return text
    # A whole clause may run to the full budget: better than a cut in mid-phrase
    clause_ends = [m.start() for m in _CLAUSE.finditer(text)
                   if budget * 2 // 3 <= m.start() <= full - 1]
    if clause_ends:
        return text[:clause_ends[-1]].rstrip() + "…"
    return shorten(text, budget)


def shorten(text: str, limit: int) -> str:
    """Cut at the last word boundary before `limit`, marking the cut with an ellipsis; a
    text without spaces is cut at the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and cut.rindex(" ") > limit // 2:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—，、；：") + "…"
