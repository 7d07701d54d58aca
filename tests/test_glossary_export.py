import xml.etree.ElementTree as ET
from pathlib import Path

from briefings.candidates import quoted_phrases
from briefings.export import termbase_csv, termbase_tbx
from briefings.match import build_matcher
from briefings.model import Concept, Termbase, TermEntry
from briefings.termbase import load_termbase

REPO = Path(__file__).resolve().parent.parent
TBX = "{urn:iso:std:iso:30042:ed-2}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = {"de", "en", "es", "fr", "ja", "ru", "vi", "zh"}


def test_tbx_holds_every_concept_in_every_language():
    termbase, _ = load_termbase(REPO / "glossary/termbase.yml", root=REPO)
    assert len(termbase.concepts) >= 20
    root = ET.fromstring(termbase_tbx(termbase, title="t"))
    entries = root.findall(f".//{TBX}conceptEntry")
    assert [e.get("id") for e in entries] == [f"c-{c.id}" for c in termbase.concepts]
    for entry in entries:
        sections = {s.get(LANG): s for s in entry.findall(f"{TBX}langSec")}
        assert set(sections) == LANGS, entry.get("id")
        for section in sections.values():
            assert section.find(f"{TBX}descrip[@type='definition']").text
            assert section.find(f"{TBX}termSec/{TBX}term").text
    rows = termbase_csv(termbase).splitlines()
    assert rows[0] == "concept,lang,term,variants,definition"
    assert len(rows) == 1 + len(LANGS) * len(termbase.concepts)
    assert any(row.startswith("private-economy,zh,民营经济,") for row in rows)
    assert root.find(f".//{TBX}conceptEntry[@id='c-resolution-68']/{TBX}langSec[@{LANG}='ja']"
                     f"/{TBX}termSec/{TBX}term").text == "決議68号"


def test_vietnamese_terms_match_both_tone_placements():
    termbase = Termbase((Concept("peace", {"vi": TermEntry("hòa bình", "d")}),))
    matcher = build_matcher(termbase, "vi")
    for text in ("vì hòa bình", "vì hoà bình", "VÌ HOÀ BÌNH"):
        assert [(o.start, o.end) for o in matcher.find(text)] == [(3, 11)], text


def test_quoted_phrases_in_every_quotation_style():
    text = ('«quatre piliers» et “breakthrough decision”, „четыре столпа“ or "6 rõ", '
            'not "a very long sentence that goes on and on and on and on"')
    assert quoted_phrases(text) == ["quatre piliers", "breakthrough decision", "четыре столпа",
                                    "6 rõ"]
