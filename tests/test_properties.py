"""Arbitrary text through the reader, the cleaner and the Markdown boundary (hypothesis)."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefings import mdtext
from briefings.clean import clean
from briefings.model import RawSeed
from briefings.read import read_seed

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
LINES = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                         min_size=1, max_size=120), min_size=1, max_size=12)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_rejected_with_a_reason(data):
    result = read_seed("seeds/x.txt", data)
    if isinstance(result, list):
        assert result and all(p.file == "seeds/x.txt" and p.reason for p in result)
    else:
        assert result.text.strip() and "\r" not in result.text


@SETTINGS
@given(LINES)
def test_no_paragraph_is_lost_by_the_cleaner(lines):
    text = "\n".join(lines)
    seed = RawSeed(path="seeds/x.txt", text=text, front_matter={}, encoding="utf-8",
                   body_line=1, digest="x")
    article = clean(seed, "en")
    shown = " ".join(b.text + " " + (b.credit or "") for b in article.blocks)
    kept_or_reported = shown + " " + " ".join(article.removed) + " " + (article.source or "") \
        + " " + (article.updated or "")
    for line in lines:
        words = line.split()
        for word in words:
            assert word.rstrip(".") in kept_or_reported, (word, line)


# Where the templates put seed text: a paragraph of its own, after a word, a heading, a list
# item, a link label. Only the template's own element may appear.
CONTEXTS = [("{}", {"p"}), ("Word {}", {"p"}), ("## {}", {"h2"}), ("- {}", {"ul", "li"}),
            ("[{}](x.md)", {"p", "a"}), ("{}\n{{: .briefing-caption }}", {"p"})]


@SETTINGS
@given(TEXT, st.sampled_from(CONTEXTS))
def test_escaped_text_renders_as_itself_and_adds_no_markup(text, context):
    template, elements = context
    assume(template == "{}" or mdtext.escape(text).strip())  # no block is ever empty
    source = template.format(mdtext.escape(text))
    rendered = markdown.markdown(source, extensions=["attr_list", "toc"])
    tags = {tag.lstrip("/") for tag in re.findall(r"<(/?\w+)", rendered)}
    assert tags <= elements, source
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    printable = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", " ".join(text.split()))
    expected = template.split("{}")[0].lstrip("#-[ ") + printable
    assert " ".join(visible.split()) == " ".join(expected.split()), source
