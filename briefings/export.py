"""The termbase in the exchange formats of translators' tools: TBX (ISO 30042) and CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from .candidates import spreadsheet_safe
from .model import Termbase

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
