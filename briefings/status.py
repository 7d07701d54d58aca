"""Stage 7c, status: what the people who run the site must see at a glance.

`site_status` gathers it (which story exists in which language, how much of the original each
translation covers, rejected seeds, warnings, possible translations for an editor to confirm or
keep apart, glossary concepts nobody uses, candidate terms, why versions were grouped); `render_status` lays it out as the editors' status page, with the
story matrix as a coloured table, and `status_text` as the table `build.py --report` prints,
readable without colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from typing import Mapping, Sequence

from markupsafe import Markup

from . import mdtext
from .candidates import Candidate, candidate_rows
from .group import Suggestion
from .titles import TitleNote
from .languages import language_name, text_direction
from .model import Page, Problem, Story, StoryAlignment, Termbase
from .render import ABRIDGED, Templates, front_matter
from .urls import STATUS_PAGE, briefing_path

CANDIDATES_SHOWN = 100  # candidate rows on the page; the report and the CSV have all


@dataclass(frozen=True)
class Cell:
    """One story in one language."""

    kind: str  # "original", "translation", "abridged" or "missing"
    coverage: float | None = None  # of the original's paragraphs, for a translation
    seed: str | None = None


@dataclass(frozen=True)
class Row:
    story: Story
    cells: tuple[Cell, ...]  # one per language of the site, in its order


@dataclass(frozen=True)
class Status:
    languages: tuple[str, ...]
    rows: tuple[Row, ...]  # newest story first
    rejected: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    unused: tuple[tuple[str, str], ...]  # (concept id, its term) no briefing uses
    candidates: tuple[Candidate, ...]
    suggestions: tuple[Suggestion, ...] = ()  # possible translations, not linked
    titles: tuple[TitleNote, ...] = ()  # versions whose title an editor should set

    def stories_in(self, index: int) -> int:
        """How many stories the language `languages[index]` has."""
        return sum(1 for row in self.rows if row.cells[index].kind != "missing")


def site_status(stories: Sequence[Story], languages: Sequence[str],
                alignments: Mapping[str, StoryAlignment], problems: Sequence[Problem],
                termbase: Termbase, uses: Mapping[tuple[str, str], int],
                candidates: Sequence[Candidate], suggestions: Sequence[Suggestion] = (),
                titles: Sequence[TitleNote] = ()) -> Status:
    rows = []
    for story in stories:
        aligned = alignments.get(story.id)
        cells = []
        for lang in languages:
            briefing = story.versions.get(lang)
            if briefing is None:
                cells.append(Cell("missing"))
            elif lang == story.original:
                cells.append(Cell("original", seed=briefing.seed))
            else:
                coverage = aligned.coverage.get(lang) if aligned else None
                kind = "abridged" if coverage is not None and coverage < ABRIDGED else \
                    "translation"
                cells.append(Cell(kind, coverage, briefing.seed))
        rows.append(Row(story, tuple(cells)))
    used = {concept for (_, concept), count in uses.items() if count}
    unused = tuple((c.id, _term(c.terms)) for c in termbase.concepts if c.id not in used)
    return Status(tuple(languages), tuple(rows), tuple(p for p in problems if p.fatal),
                  tuple(p for p in problems if not p.fatal), unused, tuple(candidates),
                  tuple(suggestions), tuple(titles))


def _term(terms: Mapping) -> str:
    entry = terms.get("en") or next(iter(terms.values()))
    return entry.term


def suggestion_lines(suggestion: Suggestion, code=lambda text: f"`{text}`"
                     ) -> tuple[str, str, str]:
    """The pair, the evidence, and what an editor writes: for the report, and with `code`
    for the page."""
    pair = (f"{suggestion.a} ({suggestion.lang_a}) and {suggestion.b} ({suggestion.lang_b})")
    todo = (f"to link them, add {code(suggestion.confirm_line())} to the front matter of "
            f"{code(suggestion.b)}; to keep them apart, add {code(suggestion.separate_line())}")
    return pair, suggestion.evidence, todo


def _html_code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _cell_text(cell: Cell) -> str:
    if cell.kind == "original":
        return "original"
    if cell.kind == "missing":
        return "-"
    percent = "?" if cell.coverage is None else f"{round(cell.coverage * 100)}%"
    return percent + (" abridged" if cell.kind == "abridged" else "")


def status_text(status: Status) -> str:
    """The report `build.py --report` prints: plain text, columns aligned."""
    lines = [f"Stories x languages ({len(status.rows)} stories; 'original', the share of "
             "the original's paragraphs a translation covers, '-' missing):"]
    width = max([len(row.story.id) for row in status.rows] + [5])
    widths = [max(len("12% abridged"), len(lang)) for lang in status.languages]
    lines.append(("  " + "story".ljust(width) + "  " + "date".ljust(10) + "  "
                  + "  ".join(lang.ljust(w) for lang, w in zip(status.languages, widths))).rstrip())
    for row in status.rows:
        date = row.story.date.isoformat() if row.story.date else "undated"
        lines.append("  " + row.story.id.ljust(width) + "  " + date.ljust(10) + "  " + "  ".join(
            _cell_text(cell).ljust(w) for cell, w in zip(row.cells, widths)).rstrip())
    totals = [f"{lang} {status.stories_in(index)}/{len(status.rows)}"
              for index, lang in enumerate(status.languages)]
    lines.append("  in each language: " + ", ".join(totals))
    lines.append(f"Rejected seeds ({len(status.rejected)}):")
    lines += [f"  {p}" for p in status.rejected] or ["  none"]
    lines.append(f"Warnings ({len(status.warnings)}):")
    lines += [f"  {p}" for p in status.warnings] or ["  none"]
    lines.append(f"Possible translations ({len(status.suggestions)}): not linked; an editor "
                 "decides")
    for suggestion in status.suggestions:
        pair, evidence, todo = suggestion_lines(suggestion)
        lines += [f"  {pair}: {evidence}", f"    {todo}"]
    if not status.suggestions:
        lines.append("  none")
    lines.append(f"Titles to set ({len(status.titles)}): the text starts in mid-story and "
                 "no sentence shares the original's lead")
    for note in status.titles:
        lines.append(f"  {note.seed} ({note.lang}): now {note.title!r}; add to its front "
                     f"matter, for example: {note.line()}")
        lines += [f"    candidate: {c}" for c in note.candidates]
    if not status.titles:
        lines.append("  none")
    lines.append(f"Glossary concepts no briefing uses ({len(status.unused)}):")
    lines += [f"  {concept} ({term})" for concept, term in status.unused] or ["  none"]
    rows = candidate_rows(list(status.candidates))
    lines.append(f"Candidate terms ({len(rows)}): quoted in the articles, not in the glossary")
    lines += ["  " + " | ".join(f"{lang}: {phrase}" for lang, phrase in row.phrases)
              + _quoted_in(row) for row in rows] or ["  none"]
    lines.append("Why the versions of each story were grouped:")
    lines += [f"  {row.story.id}: {row.story.reason}" for row in status.rows]
    return "\n".join(lines)


def _quoted_in(row) -> str:
    return f" ({len(row.stories)} stories)" if len(row.stories) > 1 else ""


def _reasons_html(rows: Sequence[Row]) -> Markup:
    """Why each story's versions were grouped: a list as long as the archive, written as
    HTML (escaped) because Markdown takes three times as long over it in every rebuild."""
    items = "".join(
        f'<li><a href="site:{escape(briefing_path(row.story.original, row.story.id))}">'
        f"{escape(row.story.id)}</a>: {escape(row.story.reason)}</li>" for row in rows)
    return Markup(f'<ul class="status-reasons">{items}</ul>')


def _cell_html(cell: Cell, lang: str, story_id: str) -> str:
    """A version's cell links to its page, so that the keyboard reaches it, with its seed
    file as the link's title; the state is in words, not only in the cell's colour."""
    if cell.kind == "missing":
        return '<td class="status-missing">missing</td>'
    target = escape(briefing_path(lang, story_id))
    return (f'<td class="status-{cell.kind}"><a href="site:{target}" '
            f'title="{escape(cell.seed or "")}">{escape(_cell_text(cell))}</a></td>')


def _in(text: str, lang: str) -> Markup:
    """A version's words on the (English) status page, in their own language and direction."""
    return mdtext.in_language(text, lang, text_direction(lang))


def render_status(status: Status, templates: Templates, lang: str) -> Page:
    """The editors' status page, at the site's root. The matrix is an HTML table (colour
    per state, the state also in words); every value in it is HTML-escaped."""
    head = "".join(f'<th scope="col" lang="{escape(code)}">{escape(language_name(code))}</th>'
                   for code in status.languages)
    body = []
    for row in status.rows:
        story = row.story
        original = story.original
        link = (f'<a href="site:{escape(briefing_path(original, story.id))}" '
                f'lang="{escape(original)}" dir="{text_direction(original)}">'
                f"{escape(story.versions[original].title)}</a>")
        date = story.date.isoformat() if story.date else "undated"
        cells = "".join(_cell_html(cell, lang, story.id)
                        for cell, lang in zip(row.cells, status.languages))
        body.append(f'<tr><th scope="row">{link}<br><small>{escape(story.id)} · {date}</small>'
                    f"</th>{cells}</tr>")
    matrix = Markup(f'<table class="status-matrix"><thead><tr><th scope="col">Story</th>{head}'
                    f'</tr></thead><tbody>{"".join(body)}</tbody></table>')
    rows = candidate_rows(list(status.candidates))
    meta = {"lang": lang, "title": "Status for editors", "page_type": "status",
            "search": {"exclude": True}, "hide": ["navigation", "toc"], "translations": {}}
    return Page(PurePosixPath(STATUS_PAGE), templates.render(
        "status.md.j2", front_matter=front_matter(meta), matrix=matrix, status=status,
        reasons=_reasons_html(status.rows),
        evidence=[{"link": mdtext.link(row.story.id, "site:" + briefing_path(  # for the
            row.story.original, row.story.id)), "reason": row.story.reason}  # templates of
            for row in status.rows],                                   # older projects
        candidates=[Markup(" | ".join(f"{escape(lang)}: {_in(phrase, lang)}"
                                      for lang, phrase in row.phrases)
                           + _quoted_in(row))
                    for row in rows[:CANDIDATES_SHOWN]],
        candidates_more=max(0, len(rows) - CANDIDATES_SHOWN), candidates_all=len(rows),
        titles=[{"seed": n.seed, "lang": n.lang, "title": _in(n.title, n.lang),
                 "line": Markup(_html_code(n.line())),
                 "candidates": [_in(c, n.lang) for c in n.candidates]} for n in status.titles],
        suggestions=[{"pair": pair, "evidence": evidence, "todo": Markup(todo)}
                     for pair, evidence, todo in (suggestion_lines(s, _html_code)
                                                  for s in status.suggestions)],
        counts=[{"language": language_name(code), "have": status.stories_in(index)}
                for index, code in enumerate(status.languages)]))
