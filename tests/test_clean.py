from briefings.clean import clean, split_paragraphs
from briefings.describe import describe, headline
from briefings.model import BlockKind, RawSeed


def seed(text: str) -> RawSeed:
    return RawSeed(path="seeds/t.txt", text=text, front_matter={}, encoding="utf-8",
                   body_line=1, digest="x")


PAGE = """The Prime Minister chaired the meeting on international integration in Hanoi today.
Prime Minister Pham Minh Chinh chaired the meeting - Photo : VGP/Nhat Bac
Français Combiner la force de la nation avec la force de l'époque ; coordonner les opérations.
New thinking, new approach
The Prime Minister requested ministries to continue promoting the dissemination and study of Resolution 59 in the new situation.
Hai Lien
Updated 8/26/2025
Source : https://example.vn/article-1.html
Comment (0)"""


def test_page_furniture_becomes_metadata_and_nothing_else_is_dropped():
    article = clean(seed(PAGE), "en")
    assert article.source == "https://example.vn/article-1.html"
    assert article.updated == "8/26/2025"
    assert article.byline == "Hai Lien"
    texts = [b.text for b in article.blocks]
    assert not any("Comment (0)" in t or "Source" in t for t in texts)
    assert len(article.blocks) == 5  # every other line is kept


def test_captions_keep_their_credit_and_headings_are_recognised():
    article = clean(seed(PAGE), "en")
    caption = [b for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert caption[0].text == "Prime Minister Pham Minh Chinh chaired the meeting"
    assert caption[0].credit == "VGP/Nhat Bac"
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["New thinking, new approach"]


def test_translation_tool_language_prefix_is_removed_only_before_a_sentence():
    text = ("Premier paragraphe assez long pour être le chapeau de l'article du jour.\n"
            "Français Combiner la force de la nation avec la force de l'époque.\n"
            "Français En particulier, le Premier ministre a souligné la nécessité.\n"
            "Français et Anglais sont les langues de travail de la conférence.")
    blocks = [b.text for b in clean(seed(text), "fr").blocks]
    assert blocks[1] == "Combiner la force de la nation avec la force de l'époque."
    assert blocks[2].startswith("En particulier")
    assert blocks[3].startswith("Français et Anglais")
    # Once is prose, not a tool's artefact: the first word stays.
    prose = clean(seed("A lead paragraph about the ferry traffic of the week.\n"
                       "English Channel crossings rose by 20% this year."), "en")
    assert prose.blocks[1].text.startswith("English Channel")


def test_hard_wrapped_text_is_joined_but_one_line_paragraphs_are_not():
    wrapped = ("This paragraph was wrapped by an e-mail program at a fixed width so\n"
               "that every line but the last one ends in the middle of a sentence and\n"
               "must be joined.\n\nSecond paragraph.")
    assert split_paragraphs(wrapped) == [
        "This paragraph was wrapped by an e-mail program at a fixed width so that every line "
        "but the last one ends in the middle of a sentence and must be joined.",
        "Second paragraph."]
    assert split_paragraphs("One.\nTwo.\n") == ["One.", "Two."]


def test_title_and_date_come_from_the_text():
    briefing = describe(clean(seed(PAGE), "en"), "en", "test")
    assert briefing.title == ("The Prime Minister chaired the meeting on international "
                              "integration in Hanoi today")
    assert str(briefing.date) == "2025-08-26"
    long = ("Chiều 26/8, Thủ tướng Phạm Minh Chính, Trưởng Ban Chỉ đạo quốc gia về hội nhập "
            "quốc tế đã chủ trì cuộc họp của Ban Chỉ đạo, nhằm tiếp tục triển khai Nghị quyết")
    title = headline(long)
    assert len(title) <= 91 and title.endswith("…")
    assert long.startswith(title[:-1])  # cut at a boundary, nothing rewritten
    assert title[-2] != " "


def test_captions_credits_and_furniture_in_other_scripts():
    text = ("首相は式典に出席し、国家の発展について演説を行った。これは長い段落です。\n"
            "ファム・ミン・チン首相が式典で演説を行った - 写真:VGP/Nhat Bac\n"
            "越南总理在会上讲话（图片：越通社）\n"
            "총리가 연설하고 있다 - 사진: VGP\n"
            "رئيس الوزراء يلقي كلمة - صورة: VNA\n"
            "更新日：2025年8月26日 10:30\n"
            "来源：新华社\n"
            "评论 (3)")
    article = clean(seed(text), "ja")
    captions = [(b.text, b.credit) for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == [("ファム・ミン・チン首相が式典で演説を行った", "VGP/Nhat Bac"),
                        ("越南总理在会上讲话", "越通社"), ("총리가 연설하고 있다", "VGP"),
                        ("رئيس الوزراء يلقي كلمة", "VNA")]
    assert article.source == "新华社" and article.updated == "2025年8月26日 10:30"
    assert len(article.blocks) == 5  # the paragraph and the four captions: nothing else lost


def test_a_projects_own_furniture_words_are_recognised(tmp_path):
    from briefings.furniture import load_furniture
    (tmp_path / "furniture.yml").write_text("source: [Origine du texte]\ncaption: [Illustr.]\n",
                                            encoding="utf-8")
    words = load_furniture(tmp_path)
    article = clean(seed("Une phrase assez longue pour être un paragraphe de l'article.\n"
                         "Le ministre en visite - Illustr. : AFP\n"
                         "Origine du texte : https://example.org/x\nSource: https://a.b/c"),
                    "fr", words)
    assert article.source == "https://example.org/x"  # the first source line counts
    assert [b.kind for b in article.blocks][:2] == [BlockKind.PARAGRAPH, BlockKind.CAPTION]
    assert words.of("source")[:1] and "source" in words.of("source")  # built-in words stay


def test_a_headline_over_its_lead_is_not_joined_to_it():
    blocks = split_paragraphs("Prime Minister chairs conference on the consequences of storm No. 3\n"
                              "On the morning of September 8, at the Government headquarters, the "
                              "Prime Minister chaired a conference to assess the damage situation.")
    assert len(blocks) == 2


def test_updated_lines_in_the_notation_of_their_language():
    assert clean(seed("Une phrase assez longue pour être un paragraphe.\n"
                      "Mis à jour le 26 août 2025 à 10:30"), "fr").updated == \
        "le 26 août 2025 à 10:30"
    assert clean(seed("Một câu đủ dài để làm một đoạn văn của bài báo.\n"
                      "Cập nhật: 26/08/2025 10:30 (GMT+7)"), "vi").updated == \
        "26/08/2025 10:30 (GMT+7)"
    kept = clean(seed("A sentence long enough to be a paragraph of the article.\n"
                      "Updated 12/2025 figures show a rise in exports"), "en")
    assert kept.updated is None and len(kept.blocks) == 2
