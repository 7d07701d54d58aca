"""Titles, leads and dates of a cleaned article, in every script."""

from briefings.clean import clean
from briefings.describe import TITLE_BUDGET, cut_title, describe
from briefings.model import RawSeed


def described(text: str, lang: str):
    seed = RawSeed(path="seeds/t.txt", text=text, front_matter={}, encoding="utf-8",
                   body_line=1, digest="x")
    return describe(clean(seed, lang), lang, "test")


def test_the_headline_line_under_a_section_label_is_the_title():
    briefing = described("消息\n\n越南国会通过关于私营经济发展的决议\n\n记者 阮文安 08:26\n\n"
                         "2025年5月4日上午，越南国会以高票通过了关于私营经济发展的决议。决议提出了多项具体措施。",
                         "zh")
    assert briefing.title == "越南国会通过关于私营经济发展的决议"
    assert briefing.lead.startswith("2025年5月4日上午")
    assert "消息" in briefing.article.removed  # the label is page furniture, listed as such


def test_a_section_name_of_several_words_and_a_date_line_are_not_the_title():
    briefing = described("Kinh tế Chính sách - Phát triển\n\n"
                         "Quốc hội thông qua nghị quyết về phát triển kinh tế tư nhân\n\n"
                         "Thứ ba, 02/09/2025 21:35 (GMT+7)\n\n"
                         "Sáng nay, Quốc hội đã biểu quyết thông qua nghị quyết với đa số đại biểu "
                         "tán thành, mở ra giai đoạn mới cho khu vực kinh tế tư nhân.", "vi")
    assert briefing.title == "Quốc hội thông qua nghị quyết về phát triển kinh tế tư nhân"
    assert briefing.date.isoformat() == "2025-09-02"  # from the date line over the text


def test_a_persian_label_over_its_headline():
    briefing = described("جهان\nسفر ۸۰ ساله خبرگزاری ویتنام در روزنامه‌نگاری\n"
                         "خبرگزاری ویتنام در طول ۸۰ سال فعالیت خود نقش مهمی در روزنامه‌نگاری این "
                         "کشور ایفا کرده است و امروز یکی از بزرگ‌ترین خبرگزاری‌های منطقه است.", "fa")
    assert briefing.title == "سفر ۸۰ ساله خبرگزاری ویتنام در روزنامه‌نگاری"


def test_a_copy_that_starts_with_its_text_takes_its_first_sentence():
    briefing = described("Le 19 décembre, le premier vol commercial a atterri à l'aéroport de "
                         "Long Thành. Il transportait près de 100 passagers.", "fr")
    assert briefing.title == ("Le 19 décembre, le premier vol commercial a atterri à l'aéroport "
                              "de Long Thành")


def test_titles_of_scripts_without_spaces_are_cut_at_their_own_marks():
    text = ("会上，外交部代表宣布成立2027年APEC国家委员会宣传与文化小组委员会，由外交部副部长黎氏秋姮担任组长。"
            "本台副台长范孟雄作为成员参加该小组。")
    title = described(text, "zh").title
    assert title == "会上，外交部代表宣布成立2027年APEC国家委员会宣传与文化小组委员会…"
    assert len(title) <= TITLE_BUDGET["Han"]
    thai = cut_title("นายกรัฐมนตรีเป็นประธานการประชุม คณะกรรมการอำนวยการแห่งชาติว่าด้วยการบูรณาการ"
                     "ระหว่างประเทศ เพื่อทบทวนผลการดำเนินงานในช่วงที่ผ่านมา และกำหนดภารกิจในระยะต่อไป", 0.75)
    assert thai.endswith("…") and len(thai) <= TITLE_BUDGET["Thai"] and " " not in thai[-3:]


def test_the_page_does_not_repeat_its_headline_under_the_title(tmp_path):
    from briefings.pipeline import generate
    from briefings.project import load_project
    from conftest import make_project

    root = make_project(tmp_path / "p", {"k.txt": "Typhoon Kajiki kills three in Vietnam\n"
                                         "At least three people were killed by the typhoon, "
                                         "the government said on Tuesday."}, samples=False)
    [page] = [p for p in generate(load_project(root)).pages
              if p.path.as_posix().startswith("en/briefings/")]
    assert page.text.count("Typhoon Kajiki kills three in Vietnam") == 2  # front matter, h1
    assert "# Typhoon Kajiki kills three in Vietnam" in page.text
    assert "At least three people were killed" in page.text
