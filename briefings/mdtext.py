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

# Python-Markdown's ESCAPED_CHARS (core, plus attr_list's braces); others become entities.
# The backslash itself first, so that the backslashes added after it are not escaped again,
# and "&" before the entities that contain it. (Chained str.replace: str.translate is an order
# of magnitude slower on non-ASCII text.)
_BACKSLASH = "\\`*_{}[]()#+-.!"
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("~", "&#126;"),
             ("^", "&#94;"), ("=", "&#61;"))
# Control characters are dropped: Python-Markdown uses \x02 and \x03 as placeholders.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape(text: str) -> Markup:
    """Markdown that renders as exactly `text`, on one line."""
    text = " ".join(text.split())
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    for char in _BACKSLASH:
        if char in text:
            text = text.replace(char, "\\" + char)
    for char, entity in _ENTITIES:
        if char in text:
            text = text.replace(char, entity)
    return Markup(text)


def attribute(text: str) -> str:
    """Text for an HTML attribute or a YAML value the theme prints without escaping."""
    return html.escape(" ".join(text.split()), quote=True)


def link(label: str, target: str, *, title: str | None = None,
         css_class: str | None = None) -> Markup:
    """A Markdown link; `target` is ours (a page path or `site:` address), never seed text."""
    # Python-Markdown escapes the title when it writes the attribute; only '"' would end it.
    title_part = ' "{}"'.format(" ".join(title.replace('"', "'").split())) if title else ""
    attrs = f"{{ .{css_class} }}" if css_class else ""
    return Markup(f"[{escape(label)}]({target}{title_part}){attrs}")


def linked_text(text: str, occurrences: Iterable[Occurrence],
                targets: dict[str, tuple[str, str]]) -> Markup:
    """`text` escaped, with each occurrence linked to (page path, tooltip) of its concept."""
    out = []
    position = 0
    for occ in sorted(occurrences, key=lambda o: o.start):
        if occ.start < position or occ.concept not in targets:
            continue
        target, tooltip = targets[occ.concept]
        out.append(escape_inline(text[position:occ.start]))
        out.append(link(text[occ.start:occ.end], target, title=tooltip, css_class="glossary"))
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
