"""An Answer is a value: once built, no code path changes it (not even with ``object.__setattr__``).

A frozen dataclass only stops ``answer.x = ...``; ``object.__setattr__(answer, "x", ...)`` slips past it.
Here every field of ``Answer`` is replaced by a write-once descriptor, so *any* second write — plain or
through ``object.__setattr__`` — raises, and then many questions (conversations, small talk, declines,
"now" after the base's end, timelines, pressed suggestions) are answered and rendered.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.offline import render_quote
from handlers.render import answer_html, keyboard
from knowledge.answers import answer as answer_module
from knowledge.answers.answer import Answer
from knowledge.engine import Engine
from knowledge.evaluation import evaluate, load_labels

DATA = Path(__file__).resolve().parent / "data"
SETS = ("questions.jsonl", "beyond.jsonl", "time.jsonl", "questions_en.jsonl")
AFTER = dt.date(2026, 11, 26)  # long after the bundled base ends: "now" answers get a note added


class MutatedAnswer(AssertionError):
    pass


class _WriteOnce:
    """A field that may be set once (by ``__init__``) and never again."""

    def __init__(self, slot: Any, name: str) -> None:
        self.slot, self.name = slot, name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return self if obj is None else self.slot.__get__(obj, owner)

    def __set__(self, obj: object, value: object) -> None:
        try:
            self.slot.__get__(obj, type(obj))
        except AttributeError:  # not set yet: __init__ is building the value
            self.slot.__set__(obj, value)
            return
        raise MutatedAnswer(f"Answer.{self.name} changed after the answer was built")

    def __delete__(self, obj: object) -> None:
        raise MutatedAnswer(f"Answer.{self.name} deleted")


class GuardedAnswer(Answer):
    __slots__ = ()


for _field in dataclasses.fields(Answer):
    setattr(GuardedAnswer, _field.name, _WriteOnce(Answer.__dict__[_field.name], _field.name))


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every module of the project that builds answers builds GuardedAnswers."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").split(".")[0] in ("knowledge", "handlers", "bot") \
                and getattr(module, "Answer", None) is Answer:
            monkeypatch.setattr(module, "Answer", GuardedAnswer)
    assert answer_module.Answer is GuardedAnswer
    yield


def _sample() -> Answer:
    return GuardedAnswer(question="q", kind="answer", answered=True, lead="", items=(), sources=(), score=1.0)


def test_the_guard_catches_every_kind_of_mutation() -> None:
    answer = _sample()
    with pytest.raises(MutatedAnswer):
        object.__setattr__(answer, "reply", "changed")  # what the frozen dataclass alone lets through
    with pytest.raises(MutatedAnswer):
        object.__setattr__(answer, "context", None)
    with pytest.raises((MutatedAnswer, dataclasses.FrozenInstanceError)):
        answer.note = "changed"  # type: ignore[misc]
    assert answer.reply == "" and answer.note == ""
    assert dataclasses.replace(answer, reply="new").reply == "new"  # building a new value is fine
    assert isinstance(dataclasses.replace(answer, reply="new"), GuardedAnswer)


def test_no_code_path_mutates_an_answer(guarded: None, bundled_engine: Engine) -> None:
    built: list[Answer] = []

    def ask(question: str, context: Any = None, **kwargs: Any) -> Answer:
        answer = bundled_engine.answer(question, context, **kwargs)
        built.append(answer)
        answer_html(answer)
        keyboard(answer)
        render_quote(bundled_engine, answer)
        return answer

    for name in SETS:  # conversations carry the context from turn to turn
        evaluate(load_labels(DATA / name), ask)
    now = ask("какой сейчас товарооборот", today=AFTER)
    ends = "Более новых данных в базе нет: она заканчивается 22 апреля 2024 года."
    assert now.answered and ends in now.note and ends in now.reply  # the note added after the base's end ...
    assert now.reply.rstrip().endswith("http://ria.ru")  # ... and the reply rendered again around it
    assert ask("привет", context=now.context).context is now.context  # small talk keeps the conversation
    assert ask("а подробнее", context=now.context).answered
    assert ask("what is the trade now", today=AFTER).answered
    found = bundled_engine.find_timeline("путин и алиев")
    assert found is not None
    teller, timeline = found
    built.append(teller.timeline_answer(timeline, page=1, per_page=3))
    pressed = bundled_engine.answer_fact(now.facts[0], lang="en")
    assert pressed is not None
    built.append(pressed)

    assert len(built) > 500
    assert all(type(answer) is GuardedAnswer for answer in built), "answers built around the guard"
