"""What translators' tools import: the termbase as TBX (ISO 30042) and CSV, the aligned
stories as a translation memory (TMX 1.4b)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import metadata
from xml.sax.saxutils import escape, quoteattr

from .candidates import spreadsheet_safe
from .model import Site, Story, StoryAlignment, Termbase

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def termbase_tbx(termbase: Termbase, *, title: str) -> bytes:
    """TBX-Basic: one conceptEntry per concept (id `c-<concept id>`), one langSec per
    language, the preferred term and its variants as termSecs, our definition as a descrip."""
    ET.register_namespace("", TBX_NAMESPACE)

    def node(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}", attrs)
        element.text = text
        return element

    root = ET.Element(f"{{{TBX_NAMESPACE}}}tbx", {"type": "TBX-Basic", "style": "dca",
                                                 XML_LANG: "en"})
    header = node(root, "tbxHeader")
    node(node(node(header, "fileDesc"), "sourceDesc"), "p", title)
    body = node(node(root, "text"), "body")
    for concept in termbase.concepts:
        # An XML id must start with a letter; "6-clear" does not.
        entry = node(body, "conceptEntry", id=f"c-{concept.id}")
        for lang, term in sorted(concept.terms.items()):
            section = node(entry, "langSec", **{XML_LANG: lang})
            node(section, "descrip", term.definition, type="definition")
            for form, status in [(term.term, "preferredTerm-admn-sts"),
                                 *((v, "admittedTerm-admn-sts") for v in term.variants)]:
                term_section = node(section, "termSec")
                node(term_section, "term", form)
                node(term_section, "termNote", status, type="administrativeStatus")
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def termbase_csv(termbase: Termbase) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["concept", "lang", "term", "variants", "definition"])
    for concept in termbase.concepts:
        for lang, term in sorted(concept.terms.items()):
            writer.writerow([spreadsheet_safe(cell) for cell in (
                concept.id, lang, term.term, "; ".join(term.variants), term.definition)])
    return out.getvalue()


# TMX 1.4b, the translation-memory exchange format (LISA): one translation unit per aligned
# unit of a story, one variant per language with text there. Written as text, not through
# ElementTree: a thousand stories' memory is built ten times faster, and `escape` and
# `quoteattr` make every value text.
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
         '<tmx version="1.4">\n  <header creationtool="briefings" creationtoolversion={version}'
         ' segtype="paragraph" o-tmf="briefings" adminlang="en" srclang={source}'
         ' datatype="plaintext"/>\n  <body>\n')
TMX_TAIL = "  </body>\n</tmx>\n"


# Characters XML 1.0 cannot hold that the reader keeps (it drops the control characters)
_NOT_XML = ("\ufffe", "\uffff")


def xml_text(text: str) -> str:
    """`text` without the characters an XML document cannot hold."""
    for character in _NOT_XML:  # (str.translate is slow on non-ASCII text)
        text = text.replace(character, "")
    return text


def translation_memories(site: Site) -> Iterator[tuple[str, str, str]]:
    """Each aligned story's memory, one story at a time: its id, its original's language
    (the memory's source language) and its units as TMX text. One at a time because a whole
    site's are large: 0.7 GB of UTF-8 at 10,000 stories, three times that held as Python
    strings with the site's memory joined from them."""
    for story in site.stories:
        if story.id in site.alignments:
            yield story.id, story.original, "".join(tmx_units(story,
                                                              site.alignments[story.id]))


def tmx_head(source: str) -> str:
    """The start of a memory whose source language is `source` (`*all*` for the site's,
    where each unit names its own), up to its units; `TMX_TAIL` ends it."""
    return _HEAD.format(version=quoteattr(_version()), source=quoteattr(source))


def tmx_document(source: str, units: str) -> bytes:
    return (tmx_head(source) + units + TMX_TAIL).encode("utf-8")


def tmx_units(story: Story, alignment: StoryAlignment) -> list[str]:
    units, number = [], 0
    for unit in alignment.units:
        if len(unit) < 2:
            continue  # a paragraph no other version has: nothing to remember
        number += 1
        lines = [f"    <tu tuid={quoteattr(f'{story.id}-{number}')} "
                 f"srclang={quoteattr(story.original)}>\n"
                 f"      <prop type=\"x-story\">{escape(story.id)}</prop>\n"]
        for lang in sorted(unit):
            blocks = story.versions[lang].article.blocks
            text = " ".join(" ".join(blocks[i].text.split()) for i in unit[lang])
            lines.append(f"      <tuv xml:lang={quoteattr(lang)}>\n"
                         f"        <seg>{escape(xml_text(text))}</seg>\n"
                         "      </tuv>\n")
        units.append("".join(lines) + "    </tu>\n")
    return units


def _version() -> str:
    try:
        return metadata.version("briefings")
    except metadata.PackageNotFoundError:
        return "0"
