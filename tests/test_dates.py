import datetime as dt

from briefings.dates import dateline, full_dates


def test_the_same_date_in_four_notations():
    expected = [dt.date(2025, 8, 25)]
    assert full_dates("Trước đó, ngày 25/8/2025, Thủ tướng", "vi") == expected
    assert full_dates("Previously, on August 25, 2025, the Prime Minister", "en") == expected
    assert full_dates("Auparavant, le 25 août 2025, le Premier ministre", "fr") == expected
    assert full_dates("Ранее, 25 августа 2025 года, премьер-министр", "ru") == expected


def test_numbers_that_are_not_dates_are_ignored():
    assert full_dates("GDP grew 7.52% in 2011-2025; 24,1 tỷ USD", "vi") == []


def test_a_dateline_without_year_takes_the_year_of_the_text():
    assert dateline("Chiều 26/8, Thủ tướng chủ trì", "ngày 25/8/2025 và 31/5/2025", "vi") == \
        dt.date(2025, 8, 26)
    assert dateline("No date here.", "25/8/2025", "vi") is None


def test_the_same_date_in_the_notations_of_other_scripts_from_cldr():
    """CLDR's patterns and month names (Babel), not a table of ours, for every language."""
    day = [dt.date(2025, 12, 20)]
    assert full_dates("越南政府2025年12月20日表示", "zh") == day
    assert full_dates("2025年12月20日午前、決議68号", "ja") == day
    assert full_dates("2025년 12월 20일 오전", "ko") == day
    assert full_dates("el 20 de diciembre de 2025, el Gobierno", "es") == day
    assert full_dates("am 20. Dezember 2025 hat", "de") == day
    assert full_dates("2025. december 20-án", "hu") == day
    assert full_dates("20 בדצמבר 2025", "he") == day
    assert full_dates("۲۰ دسامبر ۲۰۲۵", "fa") == day  # Persian digits
    assert full_dates("วันที่ 20 ธ.ค. 2568", "th") == day  # the Buddhist era's year


def test_a_date_without_year_in_other_scripts():
    from briefings.dates import find_dates
    assert [d[1:] for d in find_dates("12月20日上午", "zh")] == [(None, 12, 20)]
    assert [d[1:] for d in find_dates("5월 18일 오전", "ko")] == [(None, 5, 18)]
    assert [d[1:] for d in find_dates("am 20. Dezember", "de")] == [(None, 12, 20)]


def test_british_numeric_dates_are_read_day_first():
    from briefings.dates import date_reading
    # The text settles it: 25/8 can only be day first, so 5/8 is 5 August too
    assert full_dates("On 5/8/2025 and 25/8/2025", date_reading("en", "25/8/2025", None)) == [
        dt.date(2025, 8, 5), dt.date(2025, 8, 25)]
    # Else the source's country: a .uk site writes day first, a .com one as US English does
    assert full_dates("On 5/8/2025", date_reading("en", "On 5/8/2025",
                                                  "https://www.bbc.co.uk/news/x")) == [
        dt.date(2025, 8, 5)]
    assert full_dates("On 5/8/2025", date_reading("en", "On 5/8/2025",
                                                  "https://example.com/x")) == [
        dt.date(2025, 5, 8)]
