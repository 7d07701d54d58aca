"""Inflected forms of glossary terms, for languages where a dictionary form is not enough.

Russian declines the whole noun phrase: the termbase says «четыре столпа», the articles write
«четырех столпов», «четырём столпам», «четырьмя столпами». pymorphy3 with its Russian
dictionary (from PyPI, no network) inflects the words up to and including the head noun for
every case and number; words after it (a genitive or prepositional complement) stay as they
are. Other languages get their forms from the termbase's variants.
"""

from __future__ import annotations

from functools import lru_cache

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INFLECTED = {"NOUN", "ADJF", "NUMR", "PRTF"}


@lru_cache(maxsize=1)
def _russian():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def inflections(phrase: str, lang: str) -> frozenset[str]:
    """The phrase and every form of it a reader of `lang` would recognise as the same."""
    if lang != "ru":
        return frozenset({phrase})
    return frozenset({phrase, *_russian_forms(tuple(phrase.split()))})


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
