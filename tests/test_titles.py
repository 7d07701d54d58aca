"""A translation that lacks the original's lead is not titled by a paragraph that only
continues the story."""

from dataclasses import replace

from briefings.align import Found
from briefings.model import Story, StoryAlignment
from briefings.titles import titles_of, with_titles
from test_describe import described

VI = ("Chiều 26/8, Thủ tướng Phạm Minh Chính chủ trì cuộc họp về Quyết định 1812/QĐ-TTg.\n\n"
      "Cùng tham dự có Phó Thủ tướng Bùi Thanh Sơn.\n\n"
      "Thủ tướng yêu cầu các bộ khẩn trương triển khai Quyết định 1812/QĐ-TTg.")
EN = ("Also attending were Deputy Prime Minister Bui Thanh Son and other leaders.\n\n"
      "The Prime Minister Pham Minh Chinh asked ministries to implement Decision 1812/QD-TTg "
      "without delay.")
EN_NOTHING = ("Also attending were other leaders of the ministries.\n\n"
              "The ministries were asked to act without delay.")


def retitled(made, aligned, found):
    """The story as the pipeline titles it (`pipeline.align_and_title`), and its notes."""
    titles, notes = titles_of(made, aligned, found)
    return with_titles(made, titles), notes


def story(en_text: str):
    vi, en = described(VI, "vi"), described(en_text, "en")
    vi = replace(vi, article=replace(vi.article, seed="seeds/vi.txt"))
    found = {b.seed: Found([()] * len(b.article.blocks), [()] * len(b.article.blocks))
             for b in (vi, en)}
    aligned = StoryAlignment(units=({"vi": (0,)}, {"vi": (1,), "en": (0,)},
                                    {"vi": (2,), "en": (1,)}), coverage={"en": 0.67})
    return Story("s", {"vi": vi, "en": en}, (), "vi", ""), aligned, found


def test_a_continuing_first_paragraph_gives_way_to_the_sentence_with_the_leads_facts():
    made, aligned, found = story(EN)
    assert made.versions["en"].title.startswith("Also attending")
    titled, notes = retitled(made, aligned, found)
    assert titled.versions["en"].title.startswith("The Prime Minister Pham Minh Chinh asked")
    assert notes == [] and titled.versions["vi"] is made.versions["vi"]


def test_a_version_sharing_nothing_with_the_lead_is_left_to_the_editors():
    made, aligned, found = story(EN_NOTHING)
    titled, [note] = retitled(made, aligned, found)
    assert titled.versions["en"].title == made.versions["en"].title
    assert note.seed == made.versions["en"].seed and note.candidates == (
        "The ministries were asked to act without delay",)
    assert note.line() == "title: The ministries were asked to act without delay"
