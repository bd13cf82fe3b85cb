"""Accuracy of the engine on the labelled question sets (graded by knowledge.evaluation).

tests/data/questions.jsonl is the tuning set: the engine was calibrated on it,
so it must stay at the calibrated level. tests/data/questions_holdout.jsonl was
written as a held-out set and is a regression set since #14 (the engine's comments
quoted it). tests/data/heldout.jsonl, the held-out set of #14, is deliberately not
run here: it is run twice only (tests/data/heldout_runs.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.engine import Engine
from knowledge.evaluation import Label, Report, evaluate, load_labels

DATA = Path(__file__).resolve().parent / "data"
TUNING_SET = DATA / "questions.jsonl"
HOLDOUT_SET = DATA / "questions_holdout.jsonl"

MIN_ACCURACY = 0.95
MAX_FALSE_ANSWERS = 0.03
HOLDOUT_MIN_ACCURACY = 0.70  # measured 0.72: a regression guard, not a target (README: Quality)
HOLDOUT_MAX_FALSE_ANSWERS = 0.06  # measured 0.05


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path()


def describe(report: Report, name: str) -> str:
    lines = [
        f"{name}: answerable {report.answerable_correct}/{report.answerable} = {report.accuracy:.1%}; "
        f"out of scope answered {report.out_of_scope_answered}/{report.out_of_scope} = {report.false_answer_rate:.1%}",
        "by kind: " + ", ".join(f"{kind} {ok}/{total}" for kind, (ok, total) in sorted(report.by_kind.items())),
    ]
    for label, answer in report.failures:
        wanted = ",".join(label.facts) or "(not answered)"
        lines.append(f"  FAIL [{label.kind}] {label.question!r}: want {wanted}; got {answer.kind} "
                     f"{','.join(answer.facts) or '-'} (score {answer.score})")
    return "\n".join(lines)


def test_the_labelled_set_is_well_formed(engine: Engine) -> None:
    labels = load_labels(TUNING_SET)
    assert len(labels) >= 100
    assert any(label.answerable for label in labels) and any(not label.answerable for label in labels)
    for label in labels:
        assert label.match in ("any", "all"), label
        for fact_id in label.facts:
            assert engine.fact(fact_id) is not None, f"{label.question!r} names an unknown fact {fact_id!r}"


def test_accuracy_on_the_labelled_set(engine: Engine) -> None:
    report = evaluate(load_labels(TUNING_SET), engine.answer)
    summary = describe(report, TUNING_SET.name)
    print(summary)
    assert report.accuracy >= MIN_ACCURACY, "accuracy below the floor; the failing questions are printed above"
    assert report.false_answer_rate <= MAX_FALSE_ANSWERS, "too many out-of-scope answers; see the questions above"


def test_accuracy_on_the_held_out_set(engine: Engine) -> None:
    """HELD-OUT set: reported, and held to a looser floor. Never tune the engine on these questions;
    a question that fails here is a finding about generalisation, not a label to fit."""
    if not HOLDOUT_SET.is_file():
        pytest.skip(f"{HOLDOUT_SET.name} is not there (yet)")
    labels = load_labels(HOLDOUT_SET)
    if not labels:
        pytest.skip(f"{HOLDOUT_SET.name} is empty")
    for label in labels:
        for fact_id in label.facts:
            assert engine.fact(fact_id) is not None, f"{label.question!r} names an unknown fact {fact_id!r}"
    report = evaluate(labels, engine.answer)
    summary = describe(report, HOLDOUT_SET.name)
    print(summary)
    assert report.accuracy >= HOLDOUT_MIN_ACCURACY, "held-out accuracy below the floor; failures printed above"
    assert report.false_answer_rate <= HOLDOUT_MAX_FALSE_ANSWERS, "too many held-out out-of-scope answers; see above"



def graded(engine: Engine, path: Path, *, min_accuracy: float, max_false_answers: float) -> list[Label]:
    """Check a set's labels name real facts, grade it, print the report, hold it to its floors."""
    labels = load_labels(path)
    for label in labels:
        assert label.match in ("any", "all", "exact"), label
        for turn in label.turns or (label,):
            for fact_id in (*turn.facts, *turn.suggests):
                assert engine.fact(fact_id) is not None, f"{turn.question!r} names an unknown fact {fact_id!r}"
    report = evaluate(labels, engine.answer)
    print(describe(report, path.name))
    assert report.accuracy >= min_accuracy, "below the floor; the failing cases are printed above"
    assert report.false_answer_rate <= max_false_answers, "too many must-decline cases answered; see above"
    return labels


def test_accuracy_on_lists_counts_and_follow_up_conversations(engine: Engine) -> None:
    """Issue #6: tests/data/beyond.jsonl, labelled from the data independently of the engine; a
    conversation counts as correct only if every one of its turns is. 1 of its 7 must-decline
    questions is answered (a 2010–2019 period fact for «в 2019 году»; see the README)."""
    labels = graded(engine, DATA / "beyond.jsonl", min_accuracy=0.90, max_false_answers=0.15)
    assert len(labels) >= 80 and sum(1 for label in labels if label.turns) >= 30


def test_accuracy_on_time_questions_with_a_fixed_today(engine: Engine) -> None:
    """Issue #8: tests/data/time.jsonl; every label carries its own "today", so the figures never drift."""
    labels = graded(engine, DATA / "time.jsonl", min_accuracy=0.90, max_false_answers=0.10)
    assert len(labels) >= 40 and all(label.today is not None for label in labels)


def test_accuracy_on_english_questions(engine: Engine) -> None:
    """Issue #7: tests/data/questions_en.jsonl, asked with language detection ("auto", no Telegram
    hint): the answers must come in English."""
    labels = graded(engine, DATA / "questions_en.jsonl", min_accuracy=0.90, max_false_answers=0.03)
    assert len(labels) >= 80 and sum(1 for label in labels if not label.answerable) >= 20
    for label in labels[:40]:
        assert engine.answer(label.question).lang == "en", label.question


def test_accuracy_on_the_fresh_held_out_set(engine: Engine) -> None:
    """tests/data/fresh.jsonl: written after #6–#8 were built, across all of them, without running the engine.
    First run 64.6 % (51/79), 4/36 must-decline answered; general fixes for its confident wrong answers
    brought it to 78.5 %, 1/36 (README: Quality). A regression guard for generalisation, not a target:
    never fit a label of it."""
    graded(engine, DATA / "fresh.jsonl", min_accuracy=0.65, max_false_answers=0.08)


def test_accuracy_on_yes_no_questions_claims_and_counts(engine: Engine) -> None:
    """tests/data/yesno.jsonl (#14): yes/no questions and claims graded on «Да»/«Нет» (a «Нет» must say the true
    value), claims the article does not settle that must not be answered, and counts graded on the number
    said first. A dev set the verdicts were tuned on (README_labels.md): a regression guard."""
    labels = graded(engine, DATA / "yesno.jsonl", min_accuracy=0.90, max_false_answers=0.0)
    assert sum(1 for label in labels if label.verdict or not label.answerable) >= 40
    assert sum(1 for label in labels if label.count is not None) >= 15
