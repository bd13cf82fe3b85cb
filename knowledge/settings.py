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
