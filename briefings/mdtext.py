"""The boundary where seed text enters Markdown: escape everything, build links ourselves.

Seed text is data. Every character Python-Markdown could read as syntax is backslash-escaped,
and the characters HTML could read as markup become entities, so `<script>`, `[x](javascript:)`,
`# heading`, `| table |`, `{: attr }` or `{{ jinja }}` in a seed reach the page as the
characters the author wrote. Only this module writes link syntax.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from markupsafe import Markup

from .model import Occurrence

# Characters Python-Markdown reads as inline syntax anywhere in a line (code, emphasis, links,
# attribute lists, a heading's closing hashes) are backslash-escaped; the backslash first, so
# that the backslashes added after it are not escaped again. A few more only mean something at
# the start of a line (lists, quotes, rules: "- ", "+ ", "1. "), so they are escaped there.
# Escaping every punctuation mark instead made MkDocs' Markdown conversion a third slower.
# Characters HTML or Markdown extensions could read become entities ("&" first); brackets too:
# a reference definition ("[x]: url") is recognised even when its bracket is backslash-escaped.
# (Chained str.replace: str.translate is an order of magnitude slower on non-ASCII text.)
_BACKSLASH = "\\`*_{}#"
_LEADING = re.compile(r"^(?:[-+!().]|\d+(?=[.)]))")
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("~", "&#126;"),
             ("^", "&#94;"), ("=", "&#61;"), ("[", "&#91;"), ("]", "&#93;"))
# Control characters are dropped: Python-Markdown uses \x02 and \x03 as placeholders.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape(text: str) -> Markup:
    """Markdown that renders as exactly `text`, on one line, wherever the line starts."""
    text = " ".join(text.split())
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    for char in _BACKSLASH:
        if char in text:
            text = text.replace(char, "\\" + char)
    for char, entity in _ENTITIES:
        if char in text:
            text = text.replace(char, entity)
    if text and (text[0] in "-+!()." or text[0].isdigit()):
        text = _LEADING.sub(_escape_leading, text, count=1)
    return Markup(text)


def in_language(text: str, lang: str, direction: str) -> Markup:
    """`text` escaped, marked as written in `lang`: an Arabic title in an English list keeps
    its own direction (`dir="rtl"`) and is read out in its own language."""
    return Markup(f'<span lang="{html.escape(lang)}" dir="{direction}">{escape(text)}</span>')


def _escape_leading(match: re.Match[str]) -> str:
    found = match.group(0)
    return found + "\\" if found[0].isdigit() else "\\" + found


def attribute(text: str) -> str:
    """Text for an HTML attribute or a YAML value the theme prints without escaping."""
    return html.escape(" ".join(text.split()), quote=True)


def link(label: str, target: str, *, css_class: str | None = None) -> Markup:
    """A Markdown link; `target` is ours (a page path or `site:` address), never seed text.
    No title: Python-Markdown reads a link title one character at a time, which made the
    conversion of a briefing, with its hundred glossary links, twice as slow. The hook puts
    the definition on each link to a term page instead (`site_links.rewrite_site_links`)."""
    attrs = f"{{ .{css_class} }}" if css_class else ""
    return Markup(f"[{escape(label)}]({target}){attrs}")


def linked_text(text: str, occurrences: Iterable[Occurrence],
                targets: dict[str, str]) -> Markup:
    """`text` escaped, with each occurrence linked to its concept's page."""
    out = []
    position = 0
    for occ in sorted(occurrences, key=lambda o: o.start):
        if occ.start < position or occ.concept not in targets:
            continue
        out.append(escape_inline(text[position:occ.start]))
        out.append(link(text[occ.start:occ.end], targets[occ.concept], css_class="glossary"))
        position = occ.end
    out.append(escape_inline(text[position:]))
    return Markup("".join(out))


def escape_inline(text: str) -> str:
    """Like `escape`, but keeps the spaces at the ends of a fragment of a sentence."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and len(text) > 1 else ""
    core = escape(text)
    return f"{lead}{core}{tail}" if core else " "
