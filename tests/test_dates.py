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
