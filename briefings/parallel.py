"""Stage 7b, render the side-by-side reading: a page per story and language, and the aligned
text it shows.

The aligned text of a story (every version's blocks and the units that join them) is written
once, as a script at the site's root (`parallel/<story>.js`), and each language's page loads
it: a story's text is not copied into every language's build. Scripts load from disk, so
this works in the offline bundle too. `templates/parallel.js` lays out the chosen pair of
languages and sets the seed's text as text, never as HTML.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import PurePosixPath

from markupsafe import Markup

from . import mdtext
from .languages import language_name, text_direction
from .model import BlockKind, Story, StoryAlignment, Page
from .render import Templates, front_matter
from .urls import briefing_path, data_path, parallel_path

_KIND = {BlockKind.PARAGRAPH: "p", BlockKind.HEADING: "h", BlockKind.CAPTION: "c"}


def default_pair(story: Story, lang: str, ordered: list[str]) -> tuple[str, str]:
    """The page's language and the original; on the original's page, the first translation
    in `ordered`, the story's languages in the site's order."""
    if lang != story.original:
        return lang, story.original
    return lang, next(other for other in ordered if other != lang)


def render_parallel_data(story: Story, alignment: StoryAlignment) -> Page:
    versions = {}
    for lang, briefing in sorted(story.versions.items()):
        blocks = []
        for block in briefing.article.blocks:
            text = " ".join(block.text.split())
            if block.credit:
                text = f"{text} — {block.credit}"
            blocks.append([_KIND[block.kind], text])
        versions[lang] = {"name": language_name(lang), "dir": text_direction(lang),
                          "title": briefing.title, "blocks": blocks}
        if briefing.article.source:  # printed under the version's column
            versions[lang]["source"] = briefing.article.source
    data = {"story": story.id, "original": story.original, "versions": versions,
            "units": [dict(unit) for unit in alignment.units]}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # JSON is JavaScript but for these two line ends, which older engines refuse in a string
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Page(PurePosixPath(data_path(story.id)), f"briefingsParallel({text});\n")


def render_parallel_page(story: Story, lang: str, languages: list[str],
                         templates: Templates) -> Page:
    """The page in one language: its words, the chooser and the default pair; the text
    comes from the story's script."""
    words = templates.words(lang)
    path = parallel_path(lang, story.id)
    ordered = [code for code in languages if code in story.versions]
    left, right = default_pair(story, lang, ordered)
    title = f"{story.versions[lang].title} — {words['side_by_side_title']}"
    meta = {"lang": lang, "story": story.id, "page_type": "parallel",
            "title": mdtext.attribute(title), "search": {"exclude": True},
            "hide": ["navigation", "toc"],
            "translations": {other: parallel_path(other, story.id)
                             for other in ordered if other != lang}}

    def options(chosen: str) -> Markup:
        return Markup("".join(
            f'<option value="{code}" lang="{code}" dir="{text_direction(code)}"'
            f'{" selected" if code == chosen else ""}>'
            f"{escape(language_name(code))}</option>" for code in ordered))

    versions = Markup(" · ".join(
        f'<a href="site:{briefing_path(code, story.id)}" lang="{code}" '
        f'dir="{text_direction(code)}">'
        f"{escape(language_name(code))}</a>" for code in ordered))
    return Page(PurePosixPath(path), templates.render(
        "parallel.md.j2", front_matter=front_matter(meta), title=title, strings=words,
        back=mdtext.link(words["back_to_briefing"], f"site:{briefing_path(lang, story.id)}"),
        story=Markup(escape(story.id)), source=Markup(escape(data_path(story.id))),
        left=Markup(escape(left)), right=Markup(escape(right)),
        left_options=options(left), right_options=options(right),
        html={key: Markup(escape(words[key])) for key in (
            "left_language", "right_language", "not_in_version", "needs_script",
            "loading_failed", "source")},
        versions=versions))
