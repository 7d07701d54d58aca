"""Language names from CLDR (Babel) and sorting in a reader's alphabet (Unicode collation)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """The language's name in itself, capitalised as a menu item: "Tiếng Việt", "Русский"."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=1)
def _collator():
    from pyuca import Collator

    return Collator()


def collation_key(text: str) -> tuple:
    """Unicode Collation Algorithm order: đ after d, ё beside е, accents after base letters."""
    return tuple(_collator().sort_key(text))


@lru_cache(maxsize=None)
def text_direction(code: str) -> str:
    """"ltr" or "rtl", from CLDR: an Arabic or Hebrew version reads right to left."""
    try:
        return Locale.parse(code).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"
