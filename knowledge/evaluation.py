"""Grading answers against a labelled question set (tests/data/*.jsonl).

Shared by the accuracy test and the benchmarks, so both count the same way.
A label: {"question", "kind", "facts": [ids], "match": "any"|"all", "contains": [substrings]};
no facts means the question is out of scope (or small talk) and must not be answered.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.answer import Answer


@dataclass(frozen=True, slots=True)
class Label:
    question: str
    kind: str
    facts: tuple[str, ...]
    match: str = "any"
    contains: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return bool(self.facts)


def load_labels(path: Path | str) -> list[Label]:
    labels: list[Label] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record: dict[str, Any] = json.loads(line)
        labels.append(
            Label(
                question=record["question"],
                kind=record.get("kind", ""),
                facts=tuple(record.get("facts") or ()),
                match=record.get("match", "any"),
                contains=tuple(record.get("contains") or ()),
            )
        )
    return labels


def is_correct(label: Label, answer: Answer) -> bool:
    """Answerable: answered, with the expected fact(s) and substrings. Otherwise: not answered."""
    if not label.answerable:
        return not answer.answered
    if not answer.answered:
        return False
    got = set(answer.facts)
    wanted = set(label.facts)
    if label.match == "all" and not wanted <= got:
        return False
    if label.match != "all" and not wanted & got:
        return False
    reply = answer.reply.lower()
    return all(s.lower() in reply for s in label.contains)


@dataclass(frozen=True, slots=True)
class Report:
    answerable: int
    answerable_correct: int
    out_of_scope: int
    out_of_scope_answered: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (correct, total)
    failures: list[tuple[Label, Answer]]

    @property
    def accuracy(self) -> float:
        return self.answerable_correct / self.answerable if self.answerable else 1.0

    @property
    def false_answer_rate(self) -> float:
        return self.out_of_scope_answered / self.out_of_scope if self.out_of_scope else 0.0


def evaluate(labels: Iterable[Label], answer: Callable[[str], Answer]) -> Report:
    answerable = correct = oos = oos_answered = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[Label, Answer]] = []
    for label in labels:
        result = answer(label.question)
        ok = is_correct(label, result)
        if label.answerable:
            answerable += 1
            correct += ok
        else:
            oos += 1
            oos_answered += result.answered
        by_kind[label.kind][0] += ok
        by_kind[label.kind][1] += 1
        if not ok:
            failures.append((label, result))
    return Report(answerable, correct, oos, oos_answered, {k: (v[0], v[1]) for k, v in by_kind.items()}, failures)
