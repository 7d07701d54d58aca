"""What translators' tools import: the termbase as TBX (ISO 30042) and CSV, the aligned
stories as a translation memory (TMX 1.4b)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from importlib import metadata

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
# unit of a story, one variant per language with text there.
TMX_DOCTYPE = b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
# Characters XML 1.0 cannot hold that the reader keeps (it drops the control characters)
_NOT_XML = {0xFFFE: None, 0xFFFF: None}


def story_tmx(story: Story, alignment: StoryAlignment) -> bytes:
    """The story's aligned units; its original's language is the source language."""
    root, body = _tmx(story.original)
    _add_units(body, story, alignment, with_source=False)
    return _serialise(root)


def site_tmx(site: Site) -> bytes:
    """Every story's aligned units in one memory. Originals differ from story to story, so
    the header says `*all*` and each unit names its source language."""
    root, body = _tmx("*all*")
    for story in site.stories:
        if story.id in site.alignments:
            _add_units(body, story, site.alignments[story.id], with_source=True)
    return _serialise(root)


def _tmx(source: str) -> tuple[ET.Element, ET.Element]:
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "briefings", "creationtoolversion": _version(),
        "segtype": "paragraph", "o-tmf": "briefings", "adminlang": "en",
        "srclang": source, "datatype": "plaintext"})
    return root, ET.SubElement(root, "body")


def _add_units(body: ET.Element, story: Story, alignment: StoryAlignment, *,
               with_source: bool) -> None:
    number = 0
    for unit in alignment.units:
        if len(unit) < 2:
            continue  # a paragraph no other version has: nothing to remember
        number += 1
        tu = ET.SubElement(body, "tu", {"tuid": f"{story.id}-{number}",
                                        **({"srclang": story.original} if with_source else {})})
        ET.SubElement(tu, "prop", type="x-story").text = story.id
        for lang in sorted(unit):
            blocks = story.versions[lang].article.blocks
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            text = " ".join(" ".join(blocks[i].text.split()) for i in unit[lang])
            ET.SubElement(tuv, "seg").text = text.translate(_NOT_XML)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    declaration, _, rest = ET.tostring(root, encoding="UTF-8",
                                       xml_declaration=True).partition(b"\n")
    return declaration + b"\n" + TMX_DOCTYPE + rest + b"\n"


def _version() -> str:
    try:
        return metadata.version("briefings")
    except metadata.PackageNotFoundError:
        return "0"
