"""Figures across periods: «как менялся товарооборот» → each period's figure as the source states it.

Nothing is computed: a period shows its own figures (the level and, when the
source gives it, the growth), so «почти 4,4 млрд» and «рост 17,5 %» stand as given.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.base.dates import parse_fact_date
from knowledge.base.figures import figure_en, period_name
from knowledge.base.model import Fact, Figure
from knowledge.text.language import analyser_for
from knowledge.text.normalize import words

GROWTH_WORDS = frozenset(["рост", "прирост", "увеличение", "снижение", "падение"])
GROWTH_WORDS_EN = frozenset(["growth", "decline", "fall", "drop", "decrease"])


@dataclass(frozen=True, slots=True)
class Point:
    """One period of a series: its label, the figures the source gives for it, and the fact they come from."""

    period: str  # «2022 год»
    level: Figure | None
    growth: Figure | None
    fact: Fact
    key: str = ""  # the period as the data gives it («2022»)

    def line(self, lang: str = "ru") -> str:
        """«2022 год: 4 млрд долларов, рост 24%»; in English "" when a figure has no English unit."""
        if lang == "en":
            level = figure_en(self.level) if self.level else ""
            growth = figure_en(self.growth) if self.growth else ""
            if level is None or growth is None:
                return ""
            parts = [p for p in (level, f"growth {growth}" if growth else "") if p]
            return f"{period_name(self.key, 'en')}: {', '.join(parts)}"
        parts = [p for p in (self.level.display() if self.level else "",
                             f"рост {self.growth.display()}" if self.growth else "") if p]
        return f"{self.period}: {', '.join(parts)}"


def _lemmas(text: str, lang: str = "ru") -> set[str]:
    analyser = analyser_for(lang)
    return {lemma for word in words(text) for lemma in analyser(word).lemmas}


def figure_series(facts: list[Fact], subject: set[str] | None, *, lang: str = "ru") -> list[Point]:
    """The periods of the figures whose «what» (``what_en`` in English) names the subject (lemmas; None:
    every figure), oldest first; one point per period."""
    english = lang == "en"
    growth_words = GROWTH_WORDS_EN if english else GROWTH_WORDS
    points: dict[str, Point] = {}
    for fact in facts:
        for figure in fact.figures:
            if not figure.period or fact.as_of:
                continue
            if subject is not None and english and not figure.what_en:
                continue  # no English description to match the subject against
            named = _lemmas(figure.what_en if english and figure.what_en else figure.what,
                            "en" if english and figure.what_en else "ru")
            if subject is not None and not subject & named:
                continue
            growth = bool(named & (growth_words | GROWTH_WORDS))
            old = points.get(figure.period)
            if old is not None and old.fact.id != fact.id:
                continue  # one fact per period: the source's own statement of it
            level = old.level if old else None
            rise = old.growth if old else None
            if growth and rise is None:
                rise = figure
            elif not growth and level is None:
                level = figure
            points[figure.period] = Point(_human(figure.period), level, rise, fact, figure.period)
    ordered = sorted(points.items(), key=lambda kv: _start(kv[0]))
    return [point for _, point in ordered]


def _human(period: str) -> str:
    try:
        return parse_fact_date(period).human()
    except ValueError:
        return period


def _start(period: str) -> str:
    try:
        return parse_fact_date(period).start.isoformat()
    except ValueError:
        return period
