import html
import re

import markdown

from briefings import mdtext
from briefings.model import Occurrence

HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
           '{{ config }} {% include "x" %} # not a heading | a | b | <!-- c --> --- 1. item '
           '*star* _u_ `code` {: .cls } ~~s~~ &amp; ==m== x<y')


def rendered(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "toc"])


def visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def test_seed_text_reaches_the_page_as_the_characters_written():
    out = rendered(mdtext.escape(HOSTILE))
    assert visible(out) == HOSTILE
    assert out.count("<") == 2  # only <p> and </p>: no element came from the text


def test_glossary_links_are_ours_and_the_rest_stays_text():
    text = "See [x](javascript:alert(1)) and the four pillars."
    start = text.index("four pillars")
    md = mdtext.linked_text(text, [Occurrence(start, start + 12, "four-pillars")],
                            {"four-pillars": "site:en/glossary/four-pillars.md"})
    out = rendered(md)
    assert re.findall(r'href="([^"]+)"', out) == ["site:en/glossary/four-pillars.md"]
    assert visible(out) == text
