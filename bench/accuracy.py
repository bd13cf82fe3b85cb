"""Accuracy of the answer engine on a labelled set, per kind, with every failure listed.

    python bench/accuracy.py [--questions tests/data/questions.jsonl] [--kb PATH] [--failures]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from knowledge.engine import Engine
from knowledge.evaluation import evaluate, load_labels

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "questions.jsonl")
    parser.add_argument("--kb", type=Path, default=None)
    parser.add_argument("--failures", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    engine = Engine.from_path(args.kb)
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
