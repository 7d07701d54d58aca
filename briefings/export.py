"""What translators' tools import: the termbase as TBX (ISO 30042) and CSV, the aligned
stories as a translation memory (TMX 1.4b)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
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
_TAIL = "  </body>\n</tmx>\n"


# Characters XML 1.0 cannot hold that the reader keeps (it drops the control characters)
_NOT_XML = ("\ufffe", "\uffff")


def xml_text(text: str) -> str:
    """`text` without the characters an XML document cannot hold."""
    for character in _NOT_XML:  # (str.translate is slow on non-ASCII text)
        text = text.replace(character, "")
    return text


def translation_memories(site: Site) -> tuple[dict[str, bytes], bytes]:
    """A memory per aligned story (its original's language as the source language) and one
    of the whole site, whose header says `*all*`: each unit names its source language."""
    per_story, everything = {}, []
    for story in site.stories:
        if story.id in site.alignments:
            units = tmx_units(story, site.alignments[story.id])
            per_story[story.id] = _document(story.original, units)
            everything += units
    return per_story, _document("*all*", everything)


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


def _document(source: str, units: list[str]) -> bytes:
    head = _HEAD.format(version=quoteattr(_version()), source=quoteattr(source))
    return (head + "".join(units) + _TAIL).encode("utf-8")


def _version() -> str:
    try:
        return metadata.version("briefings")
    except metadata.PackageNotFoundError:
        return "0"
