"""Grading answers against a labelled question set (tests/data/*.jsonl).

Shared by the accuracy test and the benchmarks, so both count the same way.
A label: {"question", "kind", "facts": [ids], "match": "any"|"all"|"exact", "contains": [substrings],
"suggests": [ids], "today": "YYYY-MM-DD", "verdict": "yes"|"no", "count": N}; no facts means the
question is out of scope (or small talk) and must not be answered (and, with "suggests", must offer
those facts instead). A conversation is {"kind", "turns": [label, ...]}: every turn is asked with the
context of the one before, and the conversation counts as correct only if every turn is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.answers.answer import Answer


@dataclass(frozen=True, slots=True)
class Label:
    question: str
    kind: str
    facts: tuple[str, ...]
    match: str = "any"
    contains: tuple[str, ...] = ()
    suggests: tuple[str, ...] = ()
    today: dt.date | None = None
    turns: tuple[Label, ...] = ()  # a conversation: graded turn by turn
    verdict: str | None = None  # "yes" / "no": how the reply must begin (a yes/no question, a claim)
    count: int | None = None  # the number a count must state in its first line

    @property
    def answerable(self) -> bool:
        return bool(self.facts)


def _label(record: dict[str, Any], kind: str = "") -> Label:
    today = record.get("today")
    turns = tuple(_label(turn, record.get("kind", kind)) for turn in record.get("turns") or ())
    return Label(
        question=record.get("question") or " / ".join(t.question for t in turns),
        kind=record.get("kind", kind),
        facts=tuple(record.get("facts") or ()) if not turns else tuple(f for t in turns for f in t.facts),
        match=record.get("match", "any"),
        contains=tuple(record.get("contains") or ()),
        suggests=tuple(record.get("suggests") or ()),
        today=dt.date.fromisoformat(today) if today else None,
        turns=turns,
        verdict=record.get("verdict"),
        count=record.get("count"),
    )


def load_labels(path: Path | str) -> list[Label]:
    return [_label(json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


_VERDICT_WORDS = {"yes": ("да", "yes"), "no": ("нет", "no")}
# how a count may be said: the digits, or the number in words in any case form (first line only)
_NUMBER_WORDS: dict[int, tuple[str, ...]] = {
    0: ("ноль", "ни", "none", "zero", "no"),
    1: ("один", "одна", "одно", "одну", "одного", "одной", "однажды", "once", "one"),
    2: ("два", "две", "двух", "дважды", "twice", "two"),
    3: ("три", "трёх", "трех", "трижды", "three"),
    4: ("четыре", "четырёх", "четырех", "четырежды", "four"),
    5: ("пять", "пяти", "five"),
    6: ("шесть", "шести", "six"),
    7: ("семь", "семи", "seven"),
    8: ("восемь", "восьми", "eight"),
    9: ("девять", "девяти", "nine"),
    10: ("десять", "десяти", "ten"),
    11: ("одиннадцать", "eleven"),
    12: ("двенадцать", "twelve"),
}


def states_verdict(reply: str, verdict: str) -> bool:
    """The reply begins by affirming («Да», "Yes") or denying («Нет», "No")."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>", " ", reply).lower())
    return bool(words) and words[0] in _VERDICT_WORDS.get(verdict, ())


def states_count(reply: str, count: int) -> bool:
    """The first line says the number, in digits or in words."""
    first = reply.strip().split("\n", 1)[0].lower().replace("ё", "е")
    if re.search(rf"(?<![\d.,]){count}(?![\d.,]\d)", first):
        return True
    words = set(re.findall(r"[^\W\d_]+", first))
    return any(form.replace("ё", "е") in words for form in _NUMBER_WORDS.get(count, ()))


def is_correct(label: Label, answer: Answer) -> bool:
    """Answerable: answered, with the expected fact(s) and substrings (and the verdict or count a
    yes/no question or a count must state). Otherwise: not answered."""
    reply = answer.reply.lower()
    if not all(s.lower() in reply for s in label.contains):
        return False
    if label.answerable and label.verdict is not None and not states_verdict(answer.reply, label.verdict):
        return False
    if label.answerable and label.count is not None and not states_count(answer.reply, label.count):
        return False
    if not label.answerable:
        offered = {s.fact_id for s in answer.suggestions} | {item.fact_id for item in answer.items}
        return not answer.answered and set(label.suggests) <= offered
    if not answer.answered:
        return False
    got = set(answer.facts)
    wanted = set(label.facts)
    if label.match == "exact":
        return got == wanted
    if label.match == "all":
        return wanted <= got
    return bool(wanted & got)


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


Asker = Callable[..., Answer]  # (question, context=None, today=None) -> Answer, like Engine.answer


def grade(label: Label, ask: Asker) -> tuple[bool, Answer]:
    """Ask one label (every turn of a conversation, carrying the context) and grade it."""
    if not label.turns:
        result = ask(label.question, today=label.today) if label.today else ask(label.question)
        return is_correct(label, result), result
    context = None
    for turn in label.turns:
        result = ask(turn.question, context=context)
        if not is_correct(turn, result):
            return False, result
        context = result.context
    return True, result


def evaluate(labels: Iterable[Label], answer: Asker) -> Report:
    answerable = correct = oos = oos_answered = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[Label, Answer]] = []
    for label in labels:
        ok, result = grade(label, answer)
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
