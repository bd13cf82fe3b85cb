"""«Сколько сфер охватывает декларация?»: the things a fact lists, counted, when it states no number of them.

A source often names the members of a set instead of counting them («все ключевые сферы сотрудничества:
политическая компонента, вопросы безопасности, …»). A count question about that set is answered by the list's
length, with the items, and an open list («… и другие») says that the source names that many, not that there
are only that many.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from knowledge.text.morphology import WordInfo, may_be_plural_noun

_WORD = re.compile(r"[^\W\d_][\w-]*")
_OPENER = re.compile(r"(?:\s+[^\W\d_][\w-]*){0,4}?(?:\s*:\s*|\s+[–—-]\s+)")  # «… сферы сотрудничества: …»
_END = re.compile(r"[.;!?](?:\s|$)|$")
_SEPARATORS = re.compile(r",\s*|\s+(?:и|а также|and|as well as)\s+")
_OPEN_ENDS = ("и другие", "и другое", "и др.", "и др", "и т. д.", "и т.д.", "и пр.", "and others", "and other",
              "among others", "etc.", "etc")
MAX_ITEMS = 12
MAX_ITEM_WORDS = 6  # longer «items» are clauses, not the members of a list


@dataclass(frozen=True, slots=True)
class Enumeration:
    items: tuple[str, ...]
    open: bool  # «… и другие»: the source names these, and more exist


def listed(text: str, nouns: Collection[str], analyse: Callable[[str], WordInfo]) -> Enumeration | None:
    """The items ``text`` lists right after a word of ``nouns`` (lemmas) in the plural («сферы: …»), or None
    when it lists none there."""
    wanted = set(nouns)
    for word in _WORD.finditer(text):
        info = analyse(word.group().lower())
        if not (wanted.intersection(info.lemmas) and (info.plural or may_be_plural_noun(info.word))):
            continue
        opener = _OPENER.match(text, word.end())
        if opener is None:
            continue
        end = _END.search(text, opener.end())
        segment = text[opener.end():end.start() if end else len(text)].strip()
        lowered = segment.lower()
        tail = next((e for e in _OPEN_ENDS if lowered.endswith(e)), "")
        if tail:
            segment = segment[: len(segment) - len(tail)].rstrip(" ,")
        items = tuple(item.strip() for item in _SEPARATORS.split(segment) if item.strip())
        if 2 <= len(items) <= MAX_ITEMS and all(len(item.split()) <= MAX_ITEM_WORDS for item in items):
            return Enumeration(items, bool(tail))
    return None
