"""The engine's thresholds and reply sizes: plain data the bot's config fills in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Thresholds on the 0–100 score and reply sizes; the bot's config sets them."""

    answer_threshold: float = 60.0
    suggest_threshold: float = 35.0
    max_list: int = 30  # facts in one list reply («все встречи…» lists every one; Telegram splits long replies)
    max_tied: int = 10  # facts answered together when several explain the question equally
    max_suggestions: int = 3
    tie_margin: float = 3.0  # facts this close to the best are answered together
    tie_coverage: float = 0.05  # ... and so are facts explaining as much of the question
    list_coverage: float = 0.6  # a list keeps facts that explain this share of the question
    list_margin: float = 5.0  # a list question («какие…», «все…») may be answered this far below the threshold
    complete_margin: float = 15.0  # how much closer a fact lacking the asked detail must be to win
    ordinal_margin: float = 12.0  # «последний раз»: facts this close to the best compete on date
    cover_margin: float = 10.0  # a fact joining a multi-part answer may score this much under the threshold
    cover_gain: float = 0.2  # ... if it answers at least this share of the question the others do not
    decision: Literal["model", "rules"] = "model"  # who has the last word: the fitted model or the thresholds above
    decision_threshold: float | None = None  # P(right) from which the model answers; None: its fitted point
    decision_weights: str = ""  # the model's weights file; "": knowledge/decision/weights.yaml
    # meaning beyond shared words (knowledge/search/semantic.py; needs the `semantic` extra)
    semantic: bool = False  # load the sentence encoder and the fact vectors at start
    semantic_floor: float = 0.6  # cosine from which a fact allowed by the question's names gains points ...
    semantic_weight: float = 0.3  # ... up to this share of 100 at cosine 1
    semantic_nominate: int = 5  # the closest facts scored even when they share no word with the question
    semantic_may_answer: bool = False  # may closeness carry a fact over answer_threshold (more OOS answered)
    semantic_confident: float = 60.0  # a question whose words already give a fact this score is not encoded
    semantic_max_facts: int = 20_000  # a larger base is answered on words alone (its first encoding is too long)
