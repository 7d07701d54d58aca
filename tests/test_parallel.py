"""Side-by-side reading, coverage and the translation memory, on the built samples (issue 7).
The browser half is in test_browser.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from briefings.align import story_units
from briefings.pipeline import generate
from briefings.project import load_project
from conftest import read_page
from test_site import MEETING, STORY, briefing, manifest

REPO = Path(__file__).resolve().parent.parent
TRUTH = yaml.safe_load((REPO / "tests" / "data" / "alignment.yml").read_text(encoding="utf-8"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def gold(pair: str) -> set[tuple[int, int]]:
    return {(i, j) for a, b in TRUTH[pair] for i in a for j in b}


def story_data(root: Path) -> dict:
    script = (root / "site" / "parallel" / f"{STORY}.js").read_text(encoding="utf-8")
    assert script.startswith("briefingsParallel(") and script.endswith(");\n")
    return json.loads(script[len("briefingsParallel("):-len(");\n")])


@pytest.fixture(scope="module")
def site():
    return generate(load_project(REPO))


def test_coverage_is_the_share_of_the_originals_paragraphs_the_hand_alignment_gives(site):
    story = next(s for s in site.stories if s.id == STORY)
    paragraphs = {i for i, b in enumerate(story.versions["vi"].article.blocks)
                  if b.kind.value == "paragraph"}
    vi_fr = {(i, f) for i, e in gold("vi-en") for f, e2 in gold("fr-en") if e == e2}
    vi_ru = {(i, r) for i, f in vi_fr for f2, r in gold("fr-ru") if f == f2}
    for lang, pairs in (("en", gold("vi-en")), ("fr", vi_fr), ("ru", vi_ru)):
        expected = len({i for i, _ in pairs} & paragraphs) / len(paragraphs)
        assert site.alignments[STORY].coverage[lang] == pytest.approx(expected, abs=1e-4), lang
    assert site.alignments[STORY].coverage["fr"] < 0.8  # abridged from another edition


def test_story_units_hold_every_block_once_in_each_versions_order(site):
    story = next(s for s in site.stories if s.id == STORY)
    units = site.alignments[STORY].units
    for lang, version in story.versions.items():
        order = [i for unit in units for i in unit.get(lang, ())]
        assert order == list(range(len(version.article.blocks))), lang
    # the units, seen from one pair of languages, are the hand alignment of that pair
    for pair in ("vi-en", "fr-ru", "fr-en"):
        left, right = pair.split("-")
        found = {(i, j) for unit in units for i in unit.get(left, ())
                 for j in unit.get(right, ())}
        hit = len(found & gold(pair))
        assert hit / len(found) >= 0.9 and hit / len(gold(pair)) >= 0.9, pair


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["vi", "en", "fr", "ru"]), st.integers(1, 8),
                       min_size=2).flatmap(lambda sizes: st.tuples(st.just(sizes), st.lists(
    st.sampled_from(sorted((a, b, i, j) for a in sizes for b in sizes if a < b
                           for i in range(sizes[a]) for j in range(sizes[b]))), max_size=12))))
def test_story_units_keep_every_block_once_in_order_whatever_the_pairs(case):
    """Pairs that cross (directly, or through a third version) cannot keep every order as
    they are: the units grow until they can, and no block is lost or repeated."""
    sizes, chosen = case
    pairs: dict = {}
    for a, b, i, j in chosen:
        pairs.setdefault((a, b), set()).add((i, j))
    units = story_units(pairs, sizes, sorted(sizes))
    for lang, size in sizes.items():
        assert [i for unit in units for i in unit.get(lang, ())] == list(range(size))
    for (a, b), found in pairs.items():
        for i, j in found:
            assert any(i in unit.get(a, ()) and j in unit.get(b, ()) for unit in units)


def test_each_translation_shows_its_coverage_and_links_the_side_by_side_page(built_samples):
    texts = {lang: read_page(briefing(built_samples, lang)).text for lang in MEETING}
    assert "Covers 97% of the original's paragraphs" in texts["en"]
    # (Babel's French and Russian percent signs follow a no-break space; the text read here
    # has its spaces collapsed)
    assert "Version abrégée : couvre 73 % des paragraphes de l'original" in texts["fr"]
    assert "Сокращённый перевод: охватывает 73 % абзацев оригинала" in texts["ru"]
    assert "bản gốc" not in texts["vi"].split("Các ngôn ngữ khác")[1][:200]  # the original
    for lang in MEETING:
        links = read_page(briefing(built_samples, lang)).links
        assert any(link["href"] == f"../../parallel/{STORY}/" for link in links), lang
    coverage = {lang: entry.get("coverage") for lang, entry in next(
        s for s in manifest(built_samples)["stories"] if s["id"] == STORY
    )["translations"].items()}
    assert coverage == {"vi": None, "en": 0.9667, "fr": 0.7333, "ru": 0.7333}


def test_side_by_side_page_defaults_to_the_pages_language_and_the_original(built_samples):
    for lang, right in (("en", "vi"), ("fr", "vi"), ("vi", "en")):  # vi: the first other
        html = (built_samples / "site" / lang / "parallel" / STORY / "index.html").read_text(
            encoding="utf-8")
        assert f'data-left="{lang}" data-right="{right}"' in html
        assert f'data-src="../../../parallel/{STORY}.js"' in html
        assert '<meta name="robots" content="noindex">' in html
        assert "data-pagefind-body" not in html  # not in search: it repeats the briefings


def test_side_by_side_text_holds_every_block_of_every_version(built_samples, site):
    data = story_data(built_samples)
    story = next(s for s in site.stories if s.id == STORY)
    for lang, version in story.versions.items():
        texts = [text for _, text in data["versions"][lang]["blocks"]]
        assert len(texts) == len(version.article.blocks)
        for text, block in zip(texts, version.article.blocks):
            assert text.startswith(" ".join(block.text.split()))
    assert data["units"] == [{lang: list(blocks) for lang, blocks in unit.items()}
                             for unit in site.alignments[STORY].units]
    with __import__("zipfile").ZipFile(built_samples / "dist" / "briefings-offline.zip") as z:
        assert f"briefings-offline/parallel/{STORY}.js" in z.namelist()  # works offline


def test_translation_memory_has_one_unit_per_aligned_unit(built_samples, site):
    units = [u for u in site.alignments[STORY].units if len(u) > 1]
    story = next(s for s in site.stories if s.id == STORY)
    root = ET.parse(built_samples / "site" / "tmx" / f"{STORY}.tmx").getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for required in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                     "srclang", "datatype"):
        assert header.get(required), required
    assert header.get("srclang") == "vi"
    tus = root.findall("body/tu")
    assert len(tus) == len(units)
    for tu, unit in zip(tus, units):
        segs = {tuv.get(XML_LANG): tuv.find("seg").text for tuv in tu.findall("tuv")}
        assert set(segs) == set(unit)
        for lang, indices in unit.items():
            blocks = story.versions[lang].article.blocks
            assert segs[lang] == " ".join(" ".join(blocks[i].text.split()) for i in indices)
    assert (built_samples / "site" / "tmx" / f"{STORY}.tmx").read_bytes().count(b"<!DOCTYPE") == 1
    whole = ET.parse(built_samples / "site" / "briefings.tmx").getroot()
    assert whole.find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in whole.findall("body/tu")] == ["vi"] * len(units)
    # a story in one language has nothing to align: no side-by-side page, no memory
    lone = next(s.id for s in site.stories if len(s.versions) == 1)
    assert not (built_samples / "site" / "tmx" / f"{lone}.tmx").exists()
    assert not (built_samples / "site" / "fr" / "parallel" / lone).exists()


def test_translation_memory_keeps_markup_in_a_seed_as_text(tmp_path):
    """Markup in a seed stays text, and a character XML 1.0 cannot hold is left out."""
    from conftest import make_project
    from briefings.export import tmx_document, translation_memories

    root = make_project(tmp_path / "p")
    en = next((root / "seeds").glob("003_*.txt"))
    text = en.read_text(encoding="utf-8")
    assert "Previously, on August 25, 2025," in text
    en.write_text(text.replace("Previously, on August 25, 2025,",
                               "Previously <b>bold</b> ]]> &amp; \uffff, on August 25, 2025,"),
                  encoding="utf-8")
    site = generate(load_project(root))
    data = next(tmx_document(source, units) for story, source, units
                in translation_memories(site) if story == STORY)
    segs = [seg.text for seg in ET.fromstring(data).iter("seg")]
    assert any(seg.startswith("Previously <b>bold</b> ]]> &amp; , on August 25") for seg in segs)
