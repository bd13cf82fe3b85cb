"""Ablation of the engine's semantic signal: every labelled set answered without and with it, and its cost.

    python bench/semantic_ablation.py [--out bench/out/semantic.md]

Configurations (the bundled base, graded by knowledge.evaluation as tests/test_accuracy.py grades):
- `words`: the engine as it answers without the `semantic` extra;
- `use` (the shipped default when installed): USE similarity ranks the facts the question's names allow,
  nominates the closest facts as candidates and puts the closest allowed fact first in a decline; it may
  not carry a fact over `answer_threshold` by itself (`semantic_may_answer` off);
- `use+answer`: the same, but closeness may carry a fact over the threshold.
Per set: answerable answered right, out-of-scope answered, and on the declined answerable questions how
often a label fact is the first suggestion. Then speed: p50/p99 per answer over every labelled question,
start to first answer of `factbot ask` (a fresh process, caches warm) and its peak memory, each with and
without. navec is compared by retrieval only (bench/semantic.py --model navec): the engine uses USE.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.base.loader import load_knowledge  # noqa: E402
from knowledge.engine import Engine, EngineSettings  # noqa: E402
from knowledge.evaluation import Label, grade, load_labels  # noqa: E402
from knowledge.search.semantic import available, load_semantic  # noqa: E402

SETS = ("questions", "questions_holdout", "beyond", "time", "questions_en", "fresh", "yesno")  # never heldout
CONFIGS = {
    "words": EngineSettings(),
    "use": EngineSettings(semantic=True),
    "use+answer": EngineSettings(semantic=True, semantic_may_answer=True),
}


@dataclasses.dataclass
class Tally:
    right: int = 0
    answerable: int = 0
    oos_answered: int = 0
    oos: int = 0
    declined: int = 0
    first_suggestion: int = 0  # declined answerable questions whose first suggestion is a label fact


def tally(engine: Engine, labels: list[Label], kinds: dict[str, Tally]) -> Tally:
    total = Tally()
    for label in labels:
        ok, answer = grade(label, engine.answer)
        for into in (total, kinds.setdefault(label.kind, Tally())):
            if label.answerable:
                into.answerable += 1
                into.right += ok
                if not answer.answered and not label.turns:
                    into.declined += 1
                    into.first_suggestion += bool(answer.suggestions) and answer.suggestions[0].fact_id in label.facts
            else:
                into.oos += 1
                into.oos_answered += answer.answered
    return total


def accuracy(labels: dict[str, list[Label]]) -> tuple[list[str], list[str]]:
    base = load_knowledge(None)
    semantic = load_semantic(None, base, use_cache=False)
    results: dict[str, dict[str, Tally]] = {}
    kinds: dict[str, dict[str, Tally]] = {}
    for name, settings in CONFIGS.items():
        engine = Engine(base, settings, semantic=semantic if settings.semantic else None)
        kinds[name] = {}
        results[name] = {s: tally(engine, labels[s], kinds[name]) for s in SETS}
    head = "| set | " + " | ".join(f"{c}: right / OOS answered / 1st suggestion on declines" for c in CONFIGS) + " |"
    lines = [head, "|---|" + "---|" * len(CONFIGS)]
    for s in SETS:
        cells = []
        for name in CONFIGS:
            t = results[name][s]
            cells.append(f"{t.right}/{t.answerable} = {t.right / max(1, t.answerable):.1%} / "
                         f"{t.oos_answered}/{t.oos} / {t.first_suggestion}/{t.declined}")
        lines.append(f"| {s} | " + " | ".join(cells) + " |")
    by_kind = ["| kind | " + " | ".join(f"{c}: right / 1st suggestion on declines" for c in CONFIGS) + " |",
               "|---|" + "---|" * len(CONFIGS)]
    for kind in sorted(kinds["words"]):
        cells = [f"{k.right}/{k.answerable} / {k.first_suggestion}/{k.declined}"
                 for k in (kinds[name][kind] for name in CONFIGS)]
        if kinds["words"][kind].answerable:
            by_kind.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines, by_kind


def latency(labels: dict[str, list[Label]]) -> dict[str, tuple[float, float]]:
    """p50 / p99 ms per answer over every single labelled question, one engine per configuration."""
    questions = [label.question for s in SETS for label in labels[s] if not label.turns]
    base = load_knowledge(None)
    out = {}
    for name in ("words", "use"):
        settings = CONFIGS[name]
        engine = Engine(base, settings, semantic=load_semantic(None, base, use_cache=False) if settings.semantic
                        else None).prepare()
        for question in questions[:50]:
            engine.answer(question)  # per-word caches warm, as in a running bot
        times = []
        for question in questions:
            started = time.perf_counter()
            engine.answer(question)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[name] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    return out


def first_answer(semantic: bool) -> tuple[float, float]:
    """`factbot ask` from process start to its answer, caches warm: (seconds, peak RSS MB), median of 3."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.yaml"
        config.write_text(f"engine:\n  semantic: {'true' if semantic else 'false'}\n", encoding="utf-8")
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak (this process holds the encoder)
        wrapper = ("import sys; from bot.cli import main; code = main(sys.argv[1:]); "
                   "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
                   "print('RSS', hwm, file=sys.stderr); sys.exit(code)")
        command = [sys.executable, "-c", wrapper, "ask", "--config", str(config), "когда установлены отношения"]
        subprocess.run(command, capture_output=True, env=env, check=True, cwd=ROOT)  # fills the caches
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=ROOT)
            rss = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS"))
            runs.append((time.perf_counter() - started, rss / 1024))
        runs.sort()
        return runs[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "semantic.md")
    args = parser.parse_args()
    if not available():
        print("the semantic extra is missing: pip install -e '.[semantic]'", file=sys.stderr)
        return 2
    labels = {s: load_labels(ROOT / "tests" / "data" / f"{s}.jsonl") for s in SETS}
    table, by_kind = accuracy(labels)
    speed = latency(labels)
    start = {flag: first_answer(flag) for flag in (False, True)}
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    d = EngineSettings()
    out = ["# Semantic signal: ablation", "",
           f"Bundled base; settings: floor {d.semantic_floor}, weight {d.semantic_weight}, nominate "
           f"{d.semantic_nominate}, skipped when words give a fact ≥ {d.semantic_confident}. "
           "Conversations count as one item (right only if every turn is).", "", *table, "",
           "## Per kind (all sets pooled)", "", *by_kind, "",
           f"## Speed ({os.cpu_count()} cores, load average {load})", "",
           "| | p50 / p99 per answer | start → first answer (`factbot ask`, caches warm) | peak memory |",
           "|---|---|---|---|"]
    for name, flag in (("words", False), ("use", True)):
        p50, p99 = speed[name]
        seconds, rss = start[flag]
        out.append(f"| {name} | {p50:.2f} / {p99:.2f} ms | {seconds:.2f} s | {rss:.0f} MB |")
    report = "\n".join(out) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(json.dumps({"written": str(args.out)}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
