from briefings.clean import clean
from briefings.describe import describe
from briefings.group import group_stories
from briefings.model import RawSeed
from conftest import SAMPLES


def briefing(name: str, text: str, lang: str, front: dict | None = None):
    seed = RawSeed(path=f"seeds/{name}", text=text, front_matter=front or {}, encoding="utf-8",
                   body_line=1, digest=name)
    return describe(clean(seed, lang), lang, "test")


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


def test_a_different_article_about_the_same_event_stays_apart():
    stories = group_stories([briefing("en.txt", EN, "en"), briefing("ru.txt", RU_OTHER, "ru")])
    assert len(stories) == 2


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
