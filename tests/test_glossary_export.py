import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import make_project

from briefings.candidates import quoted_phrases
from briefings.export import termbase_csv, termbase_tbx
from briefings.match import build_matcher
from briefings.model import Concept, Termbase, TermEntry
from briefings.pipeline import generate
from briefings.project import load_project
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


# Short texts of our own, one story in four languages about the same resolution
SEEDS = {
    "zh.txt": "越共中央政治局颁布第68号决议\n\n2025年5月4日，越共中央政治局颁布关于发展民营经济的"
              "第68号决议。该决议与第57、59和66号决议一起被称为四大支柱。民营经济被确定为国民经济"
              "最重要的动力之一，国会将为此完善相关法律。\n",
    "ja.txt": "政治局が決議68号を公布\n\n2025年5月4日、ベトナム共産党政治局は民間経済の発展に関する"
              "決議68号を公布した。この決議は第57号決議などとともに四本柱と呼ばれている。民間経済は"
              "国民経済の最も重要な原動力の一つと位置づけられ、国会は関連する法律を整備する。\n",
    "es.txt": "El Buró Político emite la Resolución 68\n\nEl 4 de mayo de 2025, el Buró Político "
              "emitió la Resolución 68 sobre el desarrollo de la economía privada. Junto con las "
              "resoluciones 57, 59 y 66, forma los llamados cuatro pilares. La economía privada se "
              "considera uno de los motores más importantes de la economía nacional.\n",
    "de.txt": "Politbüro erlässt Resolution 68\n\nAm 4. Mai 2025 erließ das Politbüro die "
              "Resolution 68 über die Entwicklung der Privatwirtschaft. Zusammen mit den "
              "Resolutionen 57, 59 und 66 bildet sie die sogenannten vier Säulen. Die "
              "Privatwirtschaft gilt als eine der wichtigsten Triebkräfte der Volkswirtschaft.\n",
}


def test_term_pages_in_chinese_japanese_spanish_and_german(tmp_path):
    """Seeds in zh, ja, es and de give each term a page in each of them, linking the term in
    the other three, and their briefings link the terms they use."""
    site = generate(load_project(make_project(tmp_path, SEEDS, samples=False)))
    pages = {page.path.as_posix(): page.text for page in site.pages}
    new = ("zh", "ja", "es", "de")
    for lang in new:
        page = pages[f"{lang}/glossary/resolution-68.md"]
        for other in new:
            if other != lang:
                assert f"{other}/glossary/resolution-68.md" in page, (lang, other)
        assert f"{lang}/glossary/private-economy.md" in pages
    assert "# 第68号决议" in pages["zh/glossary/resolution-68.md"]
    assert "# 決議68号" in pages["ja/glossary/resolution-68.md"]
    briefings = {p: t for p, t in pages.items() if "/briefings/" in p}
    for lang, words in {"zh": ["第68号决议", "民营经济", "四大支柱", "国会"],
                        "ja": ["決議68号", "民間経済", "四本柱", "国会"],
                        "es": ["Resolución 68", "economía privada", "cuatro pilares"],
                        "de": ["Resolution 68", "Privatwirtschaft", "vier Säulen"]}.items():
        text = next(t for p, t in briefings.items() if p.startswith(f"{lang}/"))
        for word in words:
            assert f"[{word}](" in text, (lang, word)
