"""Accuracy of the answer engine on a labelled set, per kind, with every failure listed.

    python bench/accuracy.py [--questions tests/data/questions.jsonl] [--kb PATH] [--failures] [--strip-questions]
                             [--decision model|rules]

``--strip-questions`` answers from a copy of the base with every fact's hand-written ``questions`` and
``questions_en`` removed: how much the engine leans on them (they are optional since #14).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from knowledge.base.loader import bundled_path
from knowledge.engine import Engine
from knowledge.evaluation import evaluate, load_labels
from knowledge.settings import EngineSettings

ROOT = Path(__file__).resolve().parent.parent


def strip_questions(source: Path, target: Path) -> Path:
    """A copy of the base at ``target`` whose facts have no ``questions`` / ``questions_en``."""
    shutil.copytree(source, target)
    for file in sorted(target.rglob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        facts = data.get("facts") if isinstance(data, dict) else None
        if not isinstance(facts, list):
            continue
        for fact in facts:
            fact.pop("questions", None)
            fact.pop("questions_en", None)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "questions.jsonl")
    parser.add_argument("--kb", type=Path, default=None)
    parser.add_argument("--failures", action="store_true", help="list every wrong answer")
    parser.add_argument("--strip-questions", action="store_true", help="remove every fact's questions first")
    parser.add_argument("--decision", choices=("model", "rules"), default="model",
                        help="who decides answer / suggest / decline: the fitted model or the hand-set thresholds")
    parser.add_argument("--words-only", action="store_true",
                        help="without the semantic signal (the bot uses it when the `semantic` extra is installed)")
    parser.add_argument("--weights", type=Path, default=None,
                        help="the decision model's weights (default: the package's, fitted by bench/calibrate.py)")
    args = parser.parse_args()
    settings = EngineSettings(decision=args.decision, semantic=not args.words_only,
                              decision_weights=str(args.weights or ""))
    if args.strip_questions:
        with tempfile.TemporaryDirectory() as tmp:
            engine = Engine.from_path(strip_questions(args.kb or bundled_path(), Path(tmp) / "kb"), settings)
    else:
        engine = Engine.from_path(args.kb, settings)
    report = evaluate(load_labels(args.questions), engine.answer)
    print(f"answerable: {report.answerable_correct}/{report.answerable} = {report.accuracy:.1%}")
    print(f"out of scope answered: {report.out_of_scope_answered}/{report.out_of_scope}"
          f" = {report.false_answer_rate:.1%}")
    for kind, (ok, total) in sorted(report.by_kind.items()):
        print(f"  {kind:<14} {ok:>3}/{total:<3} {ok / total:.0%}")
    if args.failures:
        for label, answer in report.failures:
            print(f"\n✗ [{label.kind}] {label.question}\n  want {list(label.facts)} ({label.match})"
                  f" contains={list(label.contains)}\n  got  {answer.kind} answered={answer.answered}"
                  f" score={answer.score} facts={list(answer.facts)}"
                  f" sugg={[s.fact_id for s in answer.suggestions]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
