"""Facts from several sources in one reply: figures the sources disagree on, and states a newer source
restates.

Two sources that give different figures for the same thing (the same `what`, unit and period) are both
shown, each with its source — never averaged or silently picked. A state (``as_of``) that a newer source
states again (the same topic and entities, nearly the same words) is answered from the newest source; the
older one is named in a note.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from knowledge.base.model import Fact, Figure, KnowledgeBase
from knowledge.text.morphology import analyse
from knowledge.text.normalize import words

_AS_OF_PREFIX = re.compile(r"^\s*(?:по\s+состоянию\s+на|as\s+of)\s+\S+(?:\s+\d{4})?(?:\s+года)?\s*,?", re.IGNORECASE)
SAME_STATE = 0.6  # share of content lemmas two states must share to be the same state


def _figure_key(figure: Figure) -> tuple[str, str, str]:
    what = " ".join(re.findall(r"\w+", figure.what.lower().replace("ё", "е")))
    return figure.unit.strip().lower(), figure.period, what


@dataclass
class SourceView:
    """What the base's sources say together; empty work for a base of one source."""

    base: KnowledgeBase
    _by_key: dict[tuple[str, str, str], list[tuple[Fact, Figure]]] | None = field(default=None, init=False)

    @property
    def several(self) -> bool:
        return len(self.base.sources) > 1

    def conflicts(self, facts: Sequence[Fact]) -> list[tuple[Fact, Figure]]:
        """Every figure, of ``facts`` or of other facts, that disagrees with another source's figure for the
        same thing and period as a figure of ``facts`` (both sides of each disagreement, once each)."""
        if not self.several:
            return []
        if self._by_key is None:
            self._by_key = {}
            for fact in self.base.facts:
                for figure in fact.figures:
                    self._by_key.setdefault(_figure_key(figure), []).append((fact, figure))
        found: list[tuple[Fact, Figure]] = []
        for fact in facts:
            for figure in fact.figures:
                same = self._by_key.get(_figure_key(figure), ())
                others = [(o, g) for o, g in same if o.source != fact.source and g.value != figure.value]
                for pair in ([(fact, figure)] if others else []) + others:
                    if pair not in found:
                        found.append(pair)
        return found

    def newest_states(self, facts: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
        """``facts`` without the states a newer source among them restates; and the ones dropped."""
        if not self.several:
            return list(facts), []
        states = [f for f in facts if f.as_of]
        dropped: list[Fact] = []
        for old in states:
            for new in states:
                if (new is not old and new.source != old.source and new.date.start > old.date.start
                        and new.topic == old.topic and set(new.entity_ids) == set(old.entity_ids)
                        and _same_words(old.text, new.text)):
                    dropped.append(old)
                    break
        return [f for f in facts if f not in dropped], dropped


_VIEWS: dict[int, SourceView] = {}


def source_view(base: KnowledgeBase) -> SourceView:
    """The one view of ``base`` every engine over it shares (its figure index is built once, on first use)."""
    view = _VIEWS.get(id(base))
    if view is None or view.base is not base:
        view = _VIEWS[id(base)] = SourceView(base)
        weakref.finalize(base, _VIEWS.pop, id(base), None)
    return view


@functools.lru_cache(maxsize=8192)
def _content(text: str) -> frozenset[str]:
    """A state's content lemmas (its «по состоянию на …» prefix left out); each text read once."""
    text = _AS_OF_PREFIX.sub("", text)
    found = set()
    for token in words(text, max_chars=len(text) + 1):
        info = analyse(token)
        if not info.function and not token[:1].isdigit():
            found.add(info.lemmas[0])
    return frozenset(found)


def _same_words(a: str, b: str) -> bool:
    first, second = _content(a), _content(b)
    return bool(first and second) and len(first & second) / len(first | second) >= SAME_STATE


def source_ids(facts: Iterable[Fact]) -> list[str]:
    return list(dict.fromkeys(f.source for f in facts))
