"""The words news pages put around an article (`templates/furniture.yml`), as the patterns the
cleaner reads lines with. A project's own table is used where it has one; the table that
ships with the code fills in what it lacks, so that a word added later still counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex
import yaml

from .read import YAML_LOADER
from .trie import trie_pattern

BUILTIN = Path(__file__).resolve().parent.parent / "templates" / "furniture.yml"
KINDS = ("source", "comments", "updated", "caption", "byline")
_COLON = r"\s*[:：]\s*"


@dataclass(frozen=True)
class Furniture:
    words: tuple[tuple[str, tuple[str, ...]], ...]  # kind -> its words, folded

    def of(self, kind: str) -> tuple[str, ...]:
        return dict(self.words).get(kind, ())

    def _label(self, kind: str) -> str:
        return trie_pattern(sorted(self.of(kind)), space=r"\s+")

    @cached_property
    def source(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{self._label('source')}){_COLON}(?P<value>\S.{{0,300}})$",
                             regex.IGNORECASE)

    @cached_property
    def comments(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{self._label('comments')})\s*[(（]\s*\d+\s*[)）]$",
                             regex.IGNORECASE)

    @cached_property
    def updated(self) -> regex.Pattern[str]:
        """The label and what follows; the cleaner checks that it is a date and no more."""
        return regex.compile(rf"^(?:{self._label('updated')})(?:{_COLON}|\s+)(?P<value>.{{4,60}})$",
                             regex.IGNORECASE)

    @cached_property
    def caption(self) -> regex.Pattern[str]:
        """ "... - Ảnh: VGP/Nhật Bắc", "... (Photo: Reuters)", "…演説を行った - 写真:VGP": the
        label as a whole word, then a colon or a credit that starts like a name."""
        return regex.compile(
            rf"^(?P<text>.*?\S)\s*(?:[-–—]\s*(?P<open>[(（])?|(?P<paren>[(（]))"
            rf"(?P<label>{self._label('caption')})(?![\p{{L}}\p{{N}}](?<![\p{{Han}}\p{{Hangul}}"
            rf"\p{{Hiragana}}\p{{Katakana}}\p{{Thai}}\p{{Lao}}]))"
            rf"\s*(?P<colon>[:：])?\s*(?P<credit>[^\s()（）].{{0,80}}?)(?(open)[)）])(?(paren)[)）])$",
            regex.IGNORECASE)

    @cached_property
    def caption_label(self) -> regex.Pattern[str]:
        """A quick test: most lines hold no label at all."""
        return regex.compile(rf"[-–—(（]\s*[(（]?(?:{self._label('caption')})", regex.IGNORECASE)

    @cached_property
    def byline(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{self._label('byline')})\s+(?P<name>.+)$", regex.IGNORECASE)


def load_furniture(folder: Path | None = None, *, builtin: Path = BUILTIN) -> Furniture:
    """The project's table (`folder/furniture.yml`) with the built-in words added."""
    tables = [_read(builtin)]
    if folder is not None and (folder / "furniture.yml").is_file() and \
            (folder / "furniture.yml").resolve() != builtin.resolve():
        tables.append(_read(folder / "furniture.yml"))
    return Furniture(tuple((kind, tuple(sorted({w for table in tables
                                                 for w in table.get(kind, ())})))
                           for kind in KINDS))


def _read(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return {kind: [str(w).strip().casefold() for w in data.get(kind) or () if str(w).strip()]
            for kind in KINDS}
