"""The facts of a text that survive translation, in any script."""

from briefings.facts import facts_of


def facts(text: str, lang: str) -> list[tuple[str, str]]:
    return [f.pair for f in facts_of(text, lang)]


def test_times_in_four_notations_are_one_fact():
    assert facts("à 15h58, le vol", "fr") == facts("at 3:58 p.m., the flight", "en") \
        == [("time", "15:58")]
    assert facts("午前8時20分頃", "ja") == facts("오전 8시 20분경", "ko") == [("time", "08:20")]


def test_codes_keep_their_letters_in_any_script():
    assert facts("Ми-17 и Су-30МК2", "ru") == facts("Mi-17 and Su-30MK2", "en") == [
        ("code", "MI-17"), ("code", "SU-30MK2")]
    assert facts("The flight VN1 and ICAO", "en") == [("code", "VN1"), ("code", "ICAO")]


def test_a_headline_in_capitals_gives_no_acronyms():
    assert facts("ADDRESS BY PARTY GENERAL SECRETARY TO LAM", "en") == []


def test_a_number_inside_a_date_or_a_document_counts_once():
    assert facts("Quyết định 1812/QĐ-TTg ngày 25/8/2025 với 117 nhiệm vụ", "vi") == [
        ("doc", "1812/qd-ttg"), ("date", "2025-08-25"), ("num", "117")]


def test_small_counts_are_left_out_as_they_are_often_spelled_out():
    assert facts("3 people and three others, 13 injured", "en") == [("num", "13")]


def test_latin_acronyms_in_a_script_without_capitals_are_facts():
    assert facts("خبرگزاری VNA گزارش داد", "fa") == [("code", "VNA")]


def test_facts_in_persian_digits_are_those_of_the_latin_copy():
    """Grouping compares facts: a Persian copy's `۶۸-NQ/TW`, `۳۵۰` and `۱۵:۳۰` are the
    Vietnamese original's `68-NQ/TW`, `350` and `15:30`."""
    persian = facts("قطعنامه ۶۸-NQ/TW، ۳۵۰ نفر، ساعت ۱۵:۳۰، سال ۲۰۲۵", "fa")
    vietnamese = facts("Nghị quyết 68-NQ/TW, 350 người, lúc 15:30, năm 2025", "vi")
    assert sorted(persian) == sorted(vietnamese) == sorted(
        [("doc", "68/nq/tw"), ("num", "350"), ("time", "15:30"), ("year", "2025")])


def test_dates_in_arabic_indic_devanagari_and_thai_digits_are_facts():
    assert facts("في ٢٠/١٢/٢٠٢٥ أعلنت", "ar") == [("date", "2025-12-20")]
    assert facts("२० दिसंबर २०२५ को", "hi") == [("date", "2025-12-20")]
    assert facts("วันที่ ๒๐ ธันวาคม ๒๕๖๘", "th") == [("date", "2025-12-20")]
