"""Inflected forms of glossary terms, for languages where a dictionary form is not enough.

Russian declines the whole noun phrase: the termbase says «четыре столпа», the articles write
«четырех столпов», «четырём столпам», «четырьмя столпами». pymorphy3 with its Russian
dictionary (from PyPI, no network) inflects the words up to and including the head noun for
every case and number; words after it (a genitive or prepositional complement) stay as they
are. Spanish terms get their plural (each word up to the first preposition: «economía privada»,
«economías privadas»; «resolución», «resoluciones»), German ones the genitive -s of their last
noun («Politbüro», «des Politbüros»); a German compound written with a hyphen
(«Politbüro-Mitglied») already ends the term at a word boundary. Other languages, and every
irregular form, get their forms from the termbase's variants.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INFLECTED = {"NOUN", "ADJF", "NUMR", "PRTF"}


@lru_cache(maxsize=1)
def _russian():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def inflections(phrase: str, lang: str) -> frozenset[str]:
    """The phrase and every form of it a reader of `lang` would recognise as the same."""
    if lang == "es":
        return frozenset({phrase, _spanish_plural(phrase)})
    if lang == "de":
        return frozenset({phrase, _german_genitive(phrase)})
    if lang != "ru":
        return frozenset({phrase})
    return frozenset({phrase, *_russian_forms(tuple(phrase.split()))})


_SPANISH_PREPOSITIONS = frozenset({"de", "del", "para", "por", "sobre", "en", "con", "a", "al"})


def _spanish_plural(phrase: str) -> str:
    words = phrase.split()
    head = next((i for i, w in enumerate(words) if w.lower() in _SPANISH_PREPOSITIONS),
                len(words))
    if any(w[-1].lower() in "sx" for w in words[:head]):
        return phrase  # already plural («cuatro pilares»), or the same in both («crisis»)
    return " ".join([_spanish_word_plural(w) for w in words[:head]] + words[head:])


def _spanish_word_plural(word: str) -> str:
    if not word.isalpha() or word.isupper():
        return word  # numbers, acronyms
    last = word[-1].lower()
    if last in "aeiouáéó":
        return word + "s"
    if last == "z":
        return word[:-1] + "ces"
    # «resolución» -> «resoluciones»: the written accent of the last syllable goes
    stem = word[:-2] + _unaccented(word[-2]) + word[-1] if word[-2] in "áéíóú" else word
    return stem + "es"


def _unaccented(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


def _german_genitive(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if not last[:1].isupper() or last.isupper() or not last.isalpha() or last[-1] in "sßxz":
        return phrase
    return " ".join(words[:-1] + [last + "s"])


@lru_cache(maxsize=4096)
def _russian_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    analyzer = _russian()
    parses = [analyzer.parse(word)[0] for word in words]
    head = next((i for i, p in enumerate(parses) if p.tag.POS == "NOUN"), len(words) - 1)
    forms = set()
    for number in ("sing", "plur"):
        for case in _CASES:
            inflected = []
            for index, (word, parse) in enumerate(zip(words, parses)):
                changed = None
                if index <= head and parse.tag.POS in _INFLECTED:
                    changed = parse.inflect({case, number}) or parse.inflect({case})
                inflected.append(_keep_case(word, changed.word) if changed else word)
            forms.add(" ".join(inflected))
    return tuple(sorted(forms))


def _keep_case(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form
