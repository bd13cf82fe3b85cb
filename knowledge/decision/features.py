"""The numbers the decision model reads: how well the chosen fact explains the question, and how clearly.

Computed from the parsed question, the ranked candidates and the reading the engine chose, so the same
features describe a rule answer (is it sure enough to keep?) and a declined lookup (is it sure enough to give?).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.search.query import Query
from knowledge.search.scoring import Scored

STRONG_MARGIN = 10.0  # other facts scoring this close to the chosen one compete with it
STRONG_CAP = 5  # ... counted up to this many
READINGS = ("lookup", "list", "special")


@dataclass(frozen=True, slots=True)
class Features:
    """One question's features, each a number in 0–1 (a flag is 0 or 1; the margin may be negative)."""

    score: float  # the chosen fact's score / 100
    margin: float  # its lead over the best other fact / 100 (negative when another scores higher)
    coverage: float  # share of the question's weight the fact explains
    complete: float  # the fact holds the kind of detail asked (a date, a figure, a place, a person)
    closeness: float  # fuzzy likeness of the question to the fact's phrasings
    unexplained: float  # share of the question's content words the fact does not hold
    unknown: float  # share of the question's words the base never uses
    unknown_names: float  # the question names someone the base does not know
    constraints: float  # the question names people, places, periods or numbers the fact had to agree with
    ranked_first: float  # the chosen fact is the best-scoring one overall (no constraint had to overrule a better one)
    strong: float  # other facts scoring close to it, as a share of STRONG_CAP
    rules_answer: float  # the hand-set rules asserted it
    list_reading: float  # the reading is a list or a count
    special_reading: float  # the reading is a ranking, a series, an ordinal, a planned event …
    semantic: float = 0.0  # cosine of question and fact in the sentence encoder's space (0: not encoded)
    semantic_first: float = 0.0  # meaning agrees with the words: no other allowed fact is closer in meaning
    semantic_margin: float = 0.0  # its closeness minus the closest other allowed fact's (0: not encoded)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    def vector(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in self.names())


def reading_of(query: Query) -> str:
    """The kind of reading: a plain lookup of one fact, a list, or a special one (whose rules know best)."""
    asks = query.intent
    if (asks.nth or asks.extreme or asks.frequent or asks.trend or asks.now or asks.ordinal
            or asks.upcoming or asks.future or asks.asks_happened or asks.comparison or asks.asks_outcome):
        return "special"
    if query.intent.list_intent or query.intent.count_intent:
        return "list"
    return "lookup"


def compute(query: Query, ranked: Sequence[Scored], chosen: Scored, *, reading: str,
            rules_answer: bool, semantic: float | None = None) -> Features:
    """The features of asserting ``chosen`` (one of ``ranked``) as the answer to ``query``."""
    fact_id = chosen.entry.fact.id
    others = [s.score for s in ranked if s.entry.fact.id != fact_id]
    weights = [t.weight for t in query.words.terms]
    total = sum(weights)
    unexplained = sum(w for i, w in enumerate(weights) if i not in chosen.matched) / total if total else 0.0
    unknown = sum(1 for t in query.words.terms if not t.known) / len(query.words.terms) if query.words.terms else 0.0
    scope = query.scope
    named = bool(scope.named or scope.place_refs or scope.timed or scope.numbers)
    strong = sum(1 for score in others if score >= chosen.score - STRONG_MARGIN)
    closeness = chosen.semantic if semantic is None else semantic  # 0: the question was not encoded
    rivals = [s.semantic for s in ranked if s.allowed and s.entry.fact.id != fact_id]
    return Features(
        score=chosen.score / 100,
        margin=(chosen.score - max(others, default=0.0)) / 100,
        coverage=chosen.coverage,
        complete=float(chosen.complete),
        closeness=chosen.closeness,
        unexplained=unexplained,
        unknown=unknown,
        unknown_names=float(bool(query.words.unknown_names)),
        constraints=float(named),
        ranked_first=float(bool(ranked) and ranked[0].entry.fact.id == fact_id),
        strong=min(strong, STRONG_CAP) / STRONG_CAP,
        rules_answer=float(rules_answer),
        list_reading=float(reading == "list"),
        special_reading=float(reading == "special"),
        semantic=closeness,
        semantic_first=float(closeness > 0 and closeness >= max(rivals, default=0.0)),
        semantic_margin=closeness - max(rivals, default=0.0) if closeness > 0 else 0.0,
    )
