from briefings.clean import clean
from briefings.describe import describe
from briefings.group import group_seeds
from briefings.model import RawSeed
from briefings.pipeline import group_stories as stories_and_grouping
from conftest import SAMPLES


def briefing(name: str, text: str, lang: str, front: dict | None = None):
    seed = RawSeed(path=f"seeds/{name}", text=text, front_matter=front or {}, encoding="utf-8",
                   body_line=1, digest=name)
    return describe(clean(seed, lang), lang, "test")


def group_stories(briefings):
    return stories_and_grouping(briefings)[0]


def samples():
    langs = {"000": "fr", "001": "fr", "002": "ru", "003": "en", "004": "vi"}
    return [briefing(p.name, p.read_text(encoding="utf-8"), langs[p.name[:3]]) for p in SAMPLES]


def seeds_of(story):
    return sorted(b.seed[6:9] for b in story.versions.values())


def test_the_samples_form_the_meeting_story_and_a_separate_article():
    stories = group_stories(samples())
    assert sorted(seeds_of(s) for s in stories) == [["000", "002", "003", "004"], ["001"]]
    meeting = next(s for s in stories if len(s.versions) == 4)
    assert meeting.original == "vi"
    assert "1812/qd-ttg" in meeting.reason and "2025-08-25" in meeting.reason


EN = ("On August 26, 2025 the Prime Minister chaired the meeting. Decision No. 1812/QD-TTg of "
      "August 25, 2025 consolidated the committee. GDP grew 7.52% in the first 6 months; exports "
      "reached 514 billion USD and FDI 24.1 billion USD. The plan covers 2026-2030 and 117 "
      "tasks; 38 partners; 22 targets.")
FR_EXCERPT = ("Le 25 août 2025, la décision n° 1812/QD-TTg a consolidé le comité. Le PIB a "
              "progressé de 7,52 % ; les exportations ont atteint 514 milliards USD.")
RU_OTHER = ("Газета пишет: 26 августа 2025 года премьер-министр провёл заседание, на котором "
            "обсуждалось Решение № 1812/QD-TTg. Комитет насчитывает 45 членов, а в 2024 году "
            "провёл 12 заседаний и 3 конференции; бюджет 300 млн долларов; 17 провинций; "
            "план на 2026-2030 годы; 64 проекта; 81 % выполнения.")


def test_a_short_abridged_translation_joins_its_story():
    stories = group_stories([briefing("en.txt", EN, "en"), briefing("fr.txt", FR_EXCERPT, "fr")])
    assert len(stories) == 1 and sorted(stories[0].versions) == ["en", "fr"]


def test_a_different_article_about_the_same_event_stays_apart_and_is_suggested():
    found = [briefing("en.txt", EN, "en"), briefing("ru.txt", RU_OTHER, "ru")]
    grouping = group_seeds(found)
    assert len(grouping.groups) == 2
    [suggestion] = grouping.suggestions
    assert {suggestion.a, suggestion.b} == {"seeds/en.txt", "seeds/ru.txt"}
    assert "1812/qd-ttg" in suggestion.evidence
    assert suggestion.confirm_line() == "translation-of: en.txt"


def test_two_articles_in_one_language_are_not_merged_as_translations():
    stories = group_stories([briefing("a.txt", EN, "en"),
                             briefing("b.txt", EN.replace("117", "118") + " More.", "en"),
                             briefing("fr.txt", FR_EXCERPT, "fr")])
    for story in stories:
        assert len(story.versions) == len({b.lang for b in story.versions.values()})
    assert sorted(len(s.versions) + len(s.alternatives) for s in stories) in ([1, 2], [3])


def test_front_matter_story_overrides_the_evidence():
    stories = group_stories([
        briefing("a.txt", "Un texte sans aucun chiffre.", "fr", {"story": "Same Story"}),
        briefing("b.txt", "A text with no numbers at all.", "en", {"story": "Same Story"})])
    assert len(stories) == 1 and stories[0].id == "same-story"


def test_an_editors_confirmation_links_two_seeds_without_evidence():
    stories = group_stories([
        briefing("a.txt", "Un texte sans aucun chiffre.", "fr"),
        briefing("b.txt", "A text with no numbers at all.", "en", {"translation-of": "a.txt"})])
    assert len(stories) == 1 and sorted(stories[0].versions) == ["en", "fr"]


def test_an_editors_separation_wins_over_strong_evidence():
    grouping = group_seeds([briefing("en.txt", EN, "en"),
                            briefing("fr.txt", FR_EXCERPT, "fr",
                                     {"not-translation-of": ["en.txt"]})])
    assert len(grouping.groups) == 2
    assert grouping.suggestions == ()  # the editor has decided: nothing to suggest


def test_contradicting_editor_lines_name_both_files_and_keep_the_seeds_apart():
    grouping = group_seeds([briefing("en.txt", EN, "en", {"translation-of": "fr.txt"}),
                            briefing("fr.txt", FR_EXCERPT, "fr",
                                     {"not-translation-of": "en.txt"})])
    assert len(grouping.groups) == 2
    [problem] = grouping.problems
    assert "seeds/en.txt" in str(problem) and "seeds/fr.txt" in str(problem)
    assert "contradict" in problem.reason and not problem.fatal


def test_a_confirmation_naming_no_seed_is_reported():
    grouping = group_seeds([briefing("en.txt", EN, "en", {"translation-of": "gone.txt"})])
    [problem] = grouping.problems
    assert problem.file == "seeds/en.txt" and "gone.txt" in problem.reason


def test_the_same_page_in_two_editions_of_a_site_is_one_article():
    text_fr = "Un texte sans chiffre.\nSource: https://www.example.vn/fr/thu-tuong-tiep-dai-su-nhat"
    text_es = "Un texto sin cifras.\nSource: https://www.example.vn/es/thu-tuong-tiep-dai-su-nhat"
    stories = group_stories([briefing("fr.txt", text_fr, "fr"), briefing("es.txt", text_es, "es")])
    assert len(stories) == 1


def test_of_two_versions_in_one_language_the_one_that_fits_the_story_stays():
    """A rewrite in English shares the original's facts, but the English translation also
    matches the French one: the rewrite is not linked; it is suggested."""
    vi = ("Sáng 19/12, chuyến bay VN1 hạ cánh với 100 hành khách. Ngày 15/12 có chuyến bay kỹ "
          "thuật. Sân bay có 2 đường băng, 25 triệu khách mỗi năm, 1,2 triệu tấn hàng hóa.")
    en = ("On December 19, flight VN1 landed with 100 passengers. On December 15 a technical "
          "flight took place. The airport has 2 runways, 25 million passengers a year, 1.2 "
          "million tonnes of cargo.")
    fr = ("Le 19 décembre, le vol VN1 a atterri avec 100 passagers. Le 15 décembre, un vol "
          "technique a eu lieu. L'aéroport compte 2 pistes, 25 millions de passagers par an.")
    rewrite = ("Friday's flight VN1 touched down on December 19 with nearly 100 passengers, "
               "days after the technical flight of December 15. Officials hailed it. It can take "
               "25 million passengers and 1.2 million tonnes of cargo.")
    grouping = group_seeds([briefing("vi.txt", vi, "vi"), briefing("en.txt", en, "en"),
                            briefing("fr.txt", fr, "fr"), briefing("zz.txt", rewrite, "en")])
    members = sorted(sorted(b.seed for b in g.members) for g in grouping.groups)
    assert members == [["seeds/en.txt", "seeds/fr.txt", "seeds/vi.txt"], ["seeds/zz.txt"]]
    assert any("seeds/zz.txt" in (s.a, s.b) for s in grouping.suggestions)


def test_the_same_wording_with_other_numbers_is_another_article():
    """A recurring announcement: the same sentences, another decision and another day."""
    one = EN + "\nThe committee will meet again next month to review progress."
    other = one.replace("1812", "1977").replace("August 25", "September 30")
    assert len(group_seeds([briefing("a.txt", one, "en"),
                            briefing("b.txt", other, "en")]).groups) == 2


def test_a_source_line_copied_into_another_article_links_nothing():
    """The same page's address on two texts whose facts contradict each other."""
    source = "\nSource: https://www.example.vn/{}/thu-tuong-tiep-dai-su-nhat-ban-tai-ha-noi"
    found = [briefing("en.txt", EN + source.format("en"), "en"),
             briefing("ru.txt", RU_OTHER + source.format("ru"), "ru")]
    assert len(group_seeds(found).groups) == 2


def test_a_rarity_taken_after_the_last_one_gives_the_signatures_a_fresh_one_gives(
        monkeypatch):
    """The preview reuses the last grouping's signature of each seed whose facts' rareness
    did not move (Rarity.after): after an edit and after a new seed every signature is the
    one a fresh count gives, including those of unchanged seeds whose facts' counts moved.
    The archive is counted as small as it is, so that a new seed changes its size."""
    from briefings import compare
    from briefings.compare import Rarity
    from briefings.evidence import evidence

    monkeypatch.setattr(compare, "SMALL_ARCHIVE", 2)

    evs = [evidence(b) for b in samples()]
    first = Rarity.of(evs)
    before = [first.signature(e) for e in evs]
    edited = evidence(briefing("003_edited.txt", EN, "en"))
    for changed in (evs[:3] + [edited] + evs[4:], evs + [edited]):  # an edit, a new seed
        fresh = Rarity.of(changed)
        kept = Rarity.of(changed).after(first)
        assert [kept.signature(e) for e in changed] == [fresh.signature(e) for e in changed]
        assert any(fresh.signature(e) != old for e, old in zip(evs, before) if e in changed)
