"""A logistic model of «this answer is right», read from ``weights.yaml`` (fitted by ``bench/calibrate.py``).

Pure Python at run time: the weights are data in the package, so a refit changes no code, and the bot needs
no numerical library. P(right) = 1 / (1 + e^-(intercept + Σ coefficient · (feature − mean) / scale)).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.decision.features import Features

WEIGHTS = Path(__file__).resolve().parent / "weights.yaml"


class DecisionModelError(ValueError):
    """The weights file is missing, malformed or does not fit the features the engine computes."""


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Coefficients over standardised features, and the probability from which an answer is asserted."""

    names: tuple[str, ...]
    coefficients: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    intercept: float
    threshold: float  # a declined lookup is answered from this probability
    keep_threshold: float  # a rule answer is kept from this one (the rules' reading is evidence too)

    def probability(self, features: Features) -> float:
        """P(asserting this reading answers the question right)."""
        values = dict(zip(Features.names(), features.vector(), strict=True))
        z = self.intercept + sum(c * (values[n] - m) / s for n, c, m, s in
                                 zip(self.names, self.coefficients, self.means, self.scales, strict=True))
        if z < -60:  # math.exp overflows far out; the probability is 0 to any precision that matters
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def confident(self, features: Features, threshold: float | None = None) -> bool:
        """Sure enough to assert, at the fitted operating point (or ``threshold`` for both of its bars)."""
        if threshold is None:
            threshold = self.keep_threshold if features.rules_answer else self.threshold
        return self.probability(features) >= threshold


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DecisionModelError(f"{where}: expected a finite number, got {value!r}")
    return float(value)


def parse_model(data: Any, where: str = "weights") -> DecisionModel:
    """Validate the parsed YAML: every coefficient names a known feature and has a mean and a positive scale."""
    if not isinstance(data, Mapping):
        raise DecisionModelError(f"{where}: expected a mapping at the top")
    missing = [key for key in ("coefficients", "intercept", "scaling", "threshold") if key not in data]
    if missing:
        raise DecisionModelError(f"{where}: missing {', '.join(missing)}")
    coefficients, scaling = data["coefficients"], data["scaling"]
    if not isinstance(coefficients, Mapping) or not coefficients or not isinstance(scaling, Mapping):
        raise DecisionModelError(f"{where}: coefficients and scaling must be mappings of feature names")
    known = set(Features.names())
    names = tuple(str(name) for name in coefficients)
    unknown = sorted(set(names) - known)
    if unknown:
        raise DecisionModelError(f"{where}: unknown features {unknown}; the engine computes {sorted(known)}")
    means, scales = [], []
    for name in names:
        entry = scaling.get(name)
        if not isinstance(entry, Mapping):
            raise DecisionModelError(f"{where}: scaling.{name} must be a mapping with mean and scale")
        means.append(_number(entry.get("mean"), f"{where}: scaling.{name}.mean"))
        scale = _number(entry.get("scale"), f"{where}: scaling.{name}.scale")
        if scale <= 0:
            raise DecisionModelError(f"{where}: scaling.{name}.scale must be positive")
        scales.append(scale)
    bars = []
    for key in ("threshold", "keep_threshold"):
        bar = _number(data.get(key, data["threshold"]), f"{where}: {key}")
        if not 0 <= bar <= 1:
            raise DecisionModelError(f"{where}: {key} must be a probability (0–1), got {bar}")
        bars.append(bar)
    return DecisionModel(names, tuple(_number(coefficients[n], f"{where}: coefficients.{n}") for n in names),
                         tuple(means), tuple(scales), _number(data["intercept"], f"{where}: intercept"), *bars)


def load_model(path: Path | str | None = None) -> DecisionModel:
    """The model in ``path`` (default: the package's weights.yaml); a DecisionModelError says what is wrong."""
    file = Path(path) if path is not None else WEIGHTS
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise DecisionModelError(f"{file}: cannot read the decision weights ({error})") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DecisionModelError(f"{file}: not valid YAML ({error})") from error
    return parse_model(data, str(file))


@functools.lru_cache(maxsize=4)
def bundled_model(path: str = "") -> DecisionModel:
    """The model loaded once per path (engines share it; it never changes)."""
    return load_model(path or None)
