"""Numbers as each language writes them, with CLDR's symbols and scale words."""

from briefings.numbers import numbers_in


def values(text: str, lang: str) -> list[str]:
    return [n.value for n in numbers_in(text, lang)]


def test_one_value_in_every_notation():
    assert values("6,802 houses and 1.3 million customers", "en") == ["6802", "1300000"]
    assert values("6.802 maisons et 1,3 million de clients", "fr") == ["6802", "1300000"]
    assert values("6 802 дома и 1,3 млн клиентов", "ru") == ["6802", "1300000"]
    assert values("6.802 ngôi nhà, 1,3 triệu khách hàng", "vi") == ["6802", "1300000"]
    assert values("6.802 viviendas y 1,3 millones de clientes", "es") == ["6802", "1300000"]


def test_scale_words_of_scripts_without_spaces():
    assert values("超過160萬人斷電", "zh") == ["1600000"]  # traditional characters
    assert values("年間2500万人の乗客、1億人", "ja") == ["25000000", "100000000"]
    assert values("연간 1억 명의 승객", "ko") == ["100000000"]
    assert values("淹沒2萬8800公頃稻田", "zh") == ["28800"]


def test_digits_of_every_script_are_numbers():
    assert values("۸۰ سال، ۱۹۴۵-۲۰۲۵", "fa") == ["80", "1945", "2025"]
    assert values("١٤ شخصا", "ar") == ["14"]
    assert values("๒๕ คน", "th") == ["25"]
    assert values("３０人", "ja") == ["30"]


def test_a_code_is_not_a_number_but_a_number_after_chinese_text_is():
    assert values("VN1 landed", "en") == []
    assert values("共有30人", "zh") == ["30"]


def test_percent_and_years_are_marked():
    [rate, year] = numbers_in("7,52 % en 2025", "fr")
    assert rate.percent and rate.value == "7.52" and year.year


def test_the_decimal_and_group_marks_of_arabic_script_digits_from_cldr():
    """CLDR's arab/arabext numbering systems: `٫` is the decimal mark, `٬` groups thousands."""
    assert values("۱٬۲۳۴ نفر و ۱۲٫۵ درصد", "fa") == ["1234", "12.5"]
    assert values("١٬٢٣٤ شخصا و ١٢٫٥ ٪", "ar") == ["1234", "12.5"]
    assert values("1,234 شخصا و 12.5 ٪", "ar") == ["1234", "12.5"]  # Latin digits too


def test_digits_of_indic_and_southeast_asian_scripts():
    assert values("१,२३४ लोग और १२.५ प्रतिशत", "hi") == ["1234", "12.5"]
    assert values("໑໒໓໔ ຄົນ ແລະ ໑໒,໕", "lo") == ["1234", "12.5"]  # Lao: comma decimal
    assert values("๑,๒๓๔ คน", "th") == ["1234"]
    assert values("၁၂၃၄ ဦး", "my") == ["1234"]
