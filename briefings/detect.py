"""Stage 2, detect: each seed's language, from front matter or a language identifier.

py3langid (a maintained fork of langid.py) ships its model inside the package, so it needs no
network and gives the same answer on every machine.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from .model import Problem, RawSeed

MIN_CONFIDENCE = 0.6
MIN_LETTERS = 40
SHORT_SAMPLE, LONG_SAMPLE = 1_000, 4_000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Load the model now (before a worker starts on its seeds), not on the first seed."""
    _identifier()


def known_language(code: str) -> bool:
    if code in {"root", "und", "mul", "zxx", "mis"}:  # CLDR pseudo-locales, not languages
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def detect_language(seed: RawSeed) -> tuple[str, str] | Problem:
    """(language code, how it was decided), or why it could not be decided."""
    declared = seed.front_matter.get("lang")
    if declared:
        code = declared.replace("_", "-").split("-")[0].lower()
        if not known_language(code):
            return Problem(seed.path, f"front matter lang '{declared}' is not a language code "
                                      "(use a code like en, fr, ru, vi, es)")
        return code, "front matter"
    letters = sum(map(str.isalpha, seed.text[:LONG_SAMPLE]))
    if letters < MIN_LETTERS:
        return Problem(seed.path, f"too little text to tell its language ({letters} letters); "
                                  "add 'lang: xx' front matter")
    # The model's confidence drifts on very long texts (numbers pile up as features), and its
    # cost grows with the length (it was a third of the Python stages at 4,000 characters):
    # the opening of an article tells its language, and a longer one is read only when the
    # opening is unclear (a source line, a caption in another language).
    for size in (SHORT_SAMPLE, LONG_SAMPLE):
        code, confidence = _identifier().classify(seed.text[:size])
        if confidence >= MIN_CONFIDENCE and known_language(code):
            return code, f"detected ({confidence:.2f})"
        if len(seed.text) <= size:
            break
    return Problem(seed.path, f"language unclear (best guess '{code}' at {confidence:.0%}); "
                              "add 'lang: xx' front matter")
