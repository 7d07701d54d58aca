"""Stage 6c, titles: a translation that lacks the original's lead is not titled by a paragraph
that only continues the story.

A version without a headline line takes its title from its lead. But translations often drop
the original's lead, and their first paragraph then continues the story ("Also attending the
meeting were...", "Auparavant, ...", "Ранее, ..."). The alignment tells: a first paragraph
aligned to a later paragraph of the original is not a lead. Such a version is titled by its
sentence that shares the most with the original's lead (glossary concepts, facts, names);
one that shares nothing is left as it was and marked for the editors, with candidates and
the front-matter line that sets a title. Nothing here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from .align import Found
from .describe import FROM_LEAD, cut_title, sentence_spans
from .facts import facts_in
from .model import BlockKind, Briefing, Story, StoryAlignment
from .names import names_in

CANDIDATES = 3


@dataclass(frozen=True)
class TitleNote:
    """A version whose title an editor should set."""

    seed: str
    lang: str
    title: str                     # the title it has now
    candidates: tuple[str, ...]    # sentences that could be its title

    def line(self) -> str:
        return f"title: {self.candidates[0] if self.candidates else self.title}"


def titles_of(story: Story, aligned: StoryAlignment, found: Mapping[str, Found]
              ) -> tuple[dict[str, str], list[TitleNote]]:
    """One story: the new title of each continuing version that has a better sentence, and
    a note for each that has none."""
    titles, notes = {}, []
    original = story.versions[story.original]
    for lang, briefing in story.versions.items():
        if lang == story.original or not _continues(briefing, original, aligned, lang):
            continue
        title, candidates = _best_sentence(briefing, original, found)
        if title:
            titles[lang] = title
        else:
            notes.append(TitleNote(briefing.seed, lang, briefing.title, candidates))
    return titles, notes


def with_titles(story: Story, titles: Mapping[str, str]) -> Story:
    if not titles:
        return story
    return replace(story, versions={lang: replace(briefing, title=titles[lang])
                                    if lang in titles else briefing
                                    for lang, briefing in story.versions.items()})


def _continues(briefing: Briefing, original: Briefing, aligned: StoryAlignment,
               lang: str) -> bool:
    """Whether the version's title comes from a first paragraph that is aligned with a
    later paragraph of the original, not with its lead."""
    if briefing.headline is not None or briefing.article.front_matter.get("title"):
        return False
    lead = briefing.lead_block
    unit = next((u for u in aligned.units if lead in u.get(lang, ())), None)
    theirs = unit.get(original.lang) if unit else None
    return bool(theirs) and min(theirs) > original.lead_block


def _best_sentence(briefing: Briefing, original: Briefing, found: Mapping[str, Found]
                   ) -> tuple[str | None, tuple[str, ...]]:
    """The sentence (after the first paragraph) sharing the most with the original's lead,
    cut as a title; else none, and the first sentences of the first paragraphs."""
    lead = original.article.blocks[original.lead_block].text
    wanted = set().union(*(_evidence(lead, original.lang, found, original.seed,
                                     original.lead_block, span)
                           for span in sentence_spans(lead)))
    best, best_score = None, 0
    paragraphs = [(i, b) for i, b in enumerate(briefing.article.blocks)
                  if b.kind is BlockKind.PARAGRAPH and i != briefing.lead_block]
    for index, block in paragraphs:
        for start, end in sentence_spans(block.text):
            score = len(wanted & _evidence(block.text, briefing.lang, found, briefing.seed,
                                           index, (start, end)))
            if score > best_score:
                best, best_score = block.text[start:end], score
    if best:
        return _as_title(best), ()
    candidates = tuple(_as_title(b.text[slice(*sentence_spans(b.text)[0])])
                       for _, b in paragraphs[:CANDIDATES] if b.text.strip())
    return None, candidates


def _as_title(sentence: str) -> str:
    return cut_title(sentence.strip().rstrip(" .。"), FROM_LEAD)


def _evidence(text: str, lang: str, found: Mapping[str, Found], seed: str, index: int,
              span: tuple[int, int]) -> set[tuple[str, str]]:
    """What survives translation in one sentence of a block: its facts, the sounds of its
    names, its glossary concepts."""
    start, end = span
    sentence = text[start:end]
    facts = {fact for fact in facts_in(sentence, lang) if fact[0] != "year"}
    sounds = {("sound", key) for name in names_in(sentence) if name.sure
              for key in name.keys if len(key) >= 4}
    occurrences = found[seed].occurrences
    concepts = {("concept", o.concept) for o in
                (occurrences[index] if index < len(occurrences) else ())
                if start <= o.start < end}
    return facts | sounds | concepts
