"""Names of people and places compared across scripts by how they sound."""

from briefings.names import names_in, same_name, skeleton


def test_one_name_in_seven_scripts_sounds_the_same():
    spellings = ["Phạm Minh Chính", "Pham Minh Chinh", "Фам Минь Чинь", "ファム・ミン・チン",
                 "팜 민 찐", "فام مينه تشينه", "ฟาม มิงห์ ชิ้น"]
    found = [names_in(s)[0] for s in spellings]
    for name in found[1:]:
        assert same_name(found[0], name), name


def test_places_across_scripts():
    assert skeleton("Long Thành".replace(" ", "")) == skeleton("ロンタイン") == skeleton("롱탄")
    assert skeleton("HồChíMinh") == skeleton("ホーチミン") == skeleton("ХоШиМин")


def test_different_names_do_not_sound_the_same():
    [a], [b] = names_in("Nguyễn Hòa Bình"), names_in("Bùi Thanh Sơn")
    assert not same_name(a, b)
    [c] = names_in("Phạm Minh Chính")
    assert not same_name(a, c)


def test_a_sentence_start_is_not_a_name_but_a_capitalised_run_is():
    names = names_in("Today the Deputy Prime Minister Nguyen Hoa Binh arrived.")
    assert [text for text in ("Deputy Prime Minister Nguyen Hoa Binh",)] == [
        "Today the Deputy Prime Minister Nguyen Hoa Binh arrived."[n.start:n.end]
        for n in names]


def test_words_of_a_caseless_script_are_names_only_to_confirm_one():
    [word] = [n for n in names_in("롱탄 공항") if "LNTN" in n.keys]
    assert not word.sure
