from pathlib import Path

import pytest

from briefings.match import build_matcher
from briefings.model import Concept, Termbase, TermEntry
from briefings.termbase import load_termbase, parse_termbase

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def termbase():
    base, problems = load_termbase(REPO / "glossary/termbase.yml", root=REPO)
    assert not [p for p in problems if p.fatal], problems
    return base


def found(termbase, lang: str, text: str) -> list[tuple[str, str]]:
    return [(text[o.start:o.end], o.concept) for o in build_matcher(termbase, lang).find(text)]


def test_numbered_concepts_in_every_notation_but_not_longer_numbers(termbase):
    assert found(termbase, "en", "Resolution No. 59 and Resolution 590") == [
        ("Resolution No. 59", "resolution-59")]
    assert ("Nghị quyết số 59", "resolution-59") in found(termbase, "vi", "theo Nghị quyết số 59.")
    assert found(termbase, "fr", "la résolution n° 59-NQ/TW du Politburo")[0] == (
        "résolution n° 59-NQ/TW", "resolution-59")
    assert ("Резолюции 59", "resolution-59") in found(termbase, "ru", "значимость Резолюции 59")


def test_each_number_of_a_list_links_its_own_resolution(termbase):
    hits = found(termbase, "en", "in Resolutions 57, 66 and 68 in the")
    assert [c for _, c in hits] == ["resolution-57", "resolution-66", "resolution-68"]
    assert [c for _, c in found(termbase, "ru", "в резолюциях 57, 66 и 68")] == [
        "resolution-57", "resolution-66", "resolution-68"]


def test_inflected_russian_and_quoted_forms(termbase):
    assert ("четырех столпов", "four-pillars") in found(termbase, "ru", "резолюциях «четырех столпов»")
    assert ("6 clairs", "6-clear") in found(termbase, "fr", "l'esprit des « 6 clairs » :")
    assert ("6 rõ", "6-clear") in found(termbase, "vi", 'tinh thần "6 rõ": Rõ người')


def test_a_vietnamese_term_does_not_match_inside_a_longer_word(termbase):
    assert not [c for _, c in found(termbase, "vi", "yêu cầu 6 rõ ràng") if c == "6-clear"]


def test_termbase_errors_name_the_problem():
    data = {"concepts": [
        {"id": "a-term", "__line__": 2, "langs": {
            "en": {"term": "A term", "definition": "d", "__line__": 4},
            "fr": {"term": "un terme", "definition": "d", "__line__": 6}}},
        {"id": "other", "__line__": 8, "langs": {
            "en": {"term": "Other", "variants": ["a term"], "definition": "d", "__line__": 10}}},
        {"id": "broken", "__line__": 12, "langs": {"en": {"term": "Broken", "__line__": 13}}},
    ]}
    _, problems = parse_termbase("glossary/termbase.yml", data)
    messages = [(p.line, p.fatal, p.reason) for p in problems]
    assert any(line == 13 and fatal and "definition" in r for line, fatal, r in messages)
    assert any(fatal and "claimed by both" in r for _, fatal, r in messages)
    assert any(not fatal and "has no term in fr" in r for _, fatal, r in messages)


def test_terms_in_thai_and_lao_match_inside_runs_but_not_inside_a_syllable():
    """Thai and Lao write words together: a term is found in a run of letters, but never
    where its first letter carries on a syllable (a vowel written before it, a mark after)."""
    termbase = Termbase((
        Concept("asean", {"th": TermEntry("อาเซียน", "d"), "lo": TermEntry("ອາຊຽນ", "d")}),
        Concept("united-nations", {"th": TermEntry("สหประชาชาติ", "d")}),
        Concept("politburo", {"th": TermEntry("กรมการเมือง", "d")}),
    ))
    thai, lao = build_matcher(termbase, "th"), build_matcher(termbase, "lo")

    def hits(matcher, text):
        return [(text[o.start:o.end], o.concept) for o in matcher.find(text)]

    assert hits(thai, "ประเทศสมาชิกอาเซียนและสหประชาชาติ") == [("อาเซียน", "asean"),
                                                              ("สหประชาชาติ", "united-nations")]
    assert hits(thai, "สมาชิกกรมการเมืองพรรค") == [("กรมการเมือง", "politburo")]
    assert hits(lao, "ປະເທດສະມາຊິກອາຊຽນ") == [("ອາຊຽນ", "asean")]
    # "กรมการเมือง" followed by a vowel sign: the last syllable goes on (เมืองิ is not a word
    # edge); "เ" written before "กรม..." belongs to the term's first consonant
    assert hits(thai, "กรมการเมืองี") == []
    assert hits(thai, "เกรมการเมือง") == []


def test_chinese_and_japanese_terms_do_not_match_across_words(termbase):
    """国会 (the National Assembly) lies inside 全国会议 (a national conference), across the
    words 全国|会议: a segmenter that says so keeps it from linking."""
    assert found(termbase, "zh", "越南国会召开全国会议") == [("国会", "national-assembly")]
    assert found(termbase, "ja", "国会で全国会議を開く") == [("国会", "national-assembly")]
