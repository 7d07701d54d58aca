"""Stage 4, describe: title, lead and date of a cleaned article."""

from __future__ import annotations

import datetime as dt
import re

from .dates import dateline, find_dates
from .model import Article, BlockKind, Briefing

TITLE_MAX = 90
LEAD_MAX = 300
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"“«„]?[^\W\d_])")
_CLAUSE = re.compile(r"(?:,|;| [-–—] |: )\s*")


def describe(article: Article, lang: str, lang_evidence: str, *,
             reading: str | None = None) -> Briefing:
    """`reading`: how the article writes numeric dates (`dates.date_reading`)."""
    front = article.front_matter
    reading = reading or lang
    lead_text = _lead_paragraph(article)
    title = front.get("title") or headline(lead_text)
    if not any(ch.isalnum() for ch in title):  # a lead of "..." is no headline
        title = next((headline(b.text) for b in article.blocks
                      if any(ch.isalnum() for ch in b.text)), article.seed.rsplit("/", 1)[-1])
    date = front.get("date") or _updated_date(article, reading) or dateline(
        lead_text, article.body_text, reading)
    original = front.get("original")
    return Briefing(article=article, lang=lang, lang_evidence=lang_evidence, title=title,
                    lead=shorten(lead_text, LEAD_MAX), date=date,
                    original=original if isinstance(original, bool) else None)


def _lead_paragraph(article: Article) -> str:
    for block in article.blocks:
        if block.kind is BlockKind.PARAGRAPH:
            return block.text
    return article.blocks[0].text if article.blocks else ""


def _updated_date(article: Article, lang: str) -> dt.date | None:
    if not article.updated:
        return None
    # "Updated 8/26/2025" sits on an English page even in a translated seed: try both orders.
    for reading in (lang, "en"):
        for _, year, month, day in find_dates(article.updated, reading):
            if year:
                return dt.date(year, month, day)
    return None


def headline(lead: str) -> str:
    """The lead's first sentence, cut to headline length at a clause or word boundary."""
    sentence = _SENTENCE.split(lead.strip(), maxsplit=1)[0].rstrip(" .")
    if len(sentence) <= TITLE_MAX:
        return sentence
    clause_ends = [m.start() for m in _CLAUSE.finditer(sentence) if 40 <= m.start() <= TITLE_MAX]
    if clause_ends:
        return sentence[:clause_ends[-1]].rstrip() + "…"
    return shorten(sentence, TITLE_MAX)


def shorten(text: str, limit: int) -> str:
    """Cut at the last word boundary before `limit`, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"
