from briefings.read import read_seed
from briefings.model import RawSeed

FRENCH = "Le Premier ministre a signé la décision n° 1812 sur l'intégration « été » — à Hà Nội.\n"


def test_utf8_bom_utf16_and_windows_1252_decode_to_the_same_text():
    variants = {
        "utf-8-sig": FRENCH.encode("utf-8-sig"),
        "utf-16": FRENCH.encode("utf-16"),
        "cp1252": FRENCH.replace("Hà Nội", "Hanoi").encode("cp1252"),
    }
    for encoding, data in variants.items():
        seed = read_seed(f"seeds/{encoding}.txt", data)
        assert isinstance(seed, RawSeed), seed
        expected = FRENCH if encoding != "cp1252" else FRENCH.replace("Hà Nội", "Hanoi")
        assert seed.text == expected, encoding
        assert "Ã" not in seed.text and "\ufeff" not in seed.text


def test_crlf_line_ends_and_nfd_letters_are_normalised():
    nfd = "Nghi\u0323 quye\u0302\u0301t so\u0302\u0301 59\r\nDo\u0300ng hai\r\n"
    seed = read_seed("seeds/vi.txt", nfd.encode("utf-8"))
    assert seed.text == "Nghị quyết số 59\nDòng hai\n"


def test_binary_and_empty_files_are_rejected_with_a_reason():
    binary = read_seed("seeds/photo.txt", bytes(range(256)) * 20)
    empty = read_seed("seeds/empty.txt", b" \n\t\n")
    assert "not a text file" in binary[0].reason and binary[0].file == "seeds/photo.txt"
    assert "empty" in empty[0].reason


def test_front_matter_values_override_and_errors_name_the_line():
    good = read_seed("seeds/a.txt", b"---\nlang: fr\nstory: my-story\noriginal: true\n"
                                     b"date: 2025-08-26\n---\nTexte de l'article.\n")
    assert good.front_matter["lang"] == "fr" and good.front_matter["original"] is True
    assert str(good.front_matter["date"]) == "2025-08-26"
    assert good.text == "Texte de l'article.\n"
    broken = read_seed("seeds/b.txt", b"---\nlang: fr\ntitle: [unclosed\n---\nTexte.\n")
    assert broken[0].file == "seeds/b.txt" and broken[0].line == 3
    assert "not valid YAML" in broken[0].reason
    wrong = read_seed("seeds/c.txt", b"---\noriginal: perhaps\n---\nTexte.\n")
    assert "'original'" in wrong[0].reason and wrong[0].line == 2
