"""Speed and memory of the answer engine, as a Markdown report.

    python bench/speed.py [--sizes 10000 100000] [--english] [--out bench/out/speed.md]

For the bundled base and synthetic bases of the given sizes (written by
bench/synthetic_kb.py into bench/out/kb-N, reused when present) it measures:
load + validation time, index build time, the compiled-index cache (cold and
warm), latency per question (p50/p99) and peak memory, each in a fresh process,
and the time from process start to the first answer of `factbot ask`. With the `semantic` extra installed the
engine answers as the bot does, with the encoder and the base's fact vectors (built and cached here).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

# Runs in a child process so that cold caches belong to one base only. Peak memory includes the
# first build (YAML parsing); `serving_rss_mb` is measured in the `factbot ask` process, cache warm.
PROBE = r"""
import json, resource, statistics, sys, time
from pathlib import Path
path = None if sys.argv[1] == "-" else sys.argv[1]
questions_file, cache_dir = sys.argv[2], Path(sys.argv[3])
t0 = time.perf_counter()
from knowledge.base.loader import load_knowledge
from knowledge.search.index import build_indexes
from knowledge.engine import Engine
from knowledge.search.cache import FORMAT, _private_dir, _store, content_key, load_compiled
t1 = time.perf_counter()
base = load_knowledge(path)
t2 = time.perf_counter()
indexes = build_indexes(base)  # Russian, and English when the base has English texts
t3 = time.perf_counter()
_private_dir(cache_dir)
_store(cache_dir / f"{content_key(path)}.pickle", (FORMAT, base, indexes))  # what a first start writes
del base, indexes
import gc; gc.collect()
t4 = time.perf_counter()
base, indexes = load_compiled(path, cache_dir=cache_dir)  # what every later start reads
t5 = time.perf_counter()
from knowledge.engine import EngineSettings
from knowledge.search.semantic import available, load_semantic
t6 = time.perf_counter()
semantic = load_semantic(path, base, cache_dir=cache_dir) if available() else None  # what the bot loads at start
t7 = time.perf_counter()
engine = Engine(base, EngineSettings(semantic=semantic is not None), index=indexes["ru"], semantic=semantic)
for lang, index in indexes.items():
    engine.sibling(lang, index=index)
questions = [q for q in Path(questions_file).read_text(encoding="utf-8").splitlines() if q.strip()]
for q in questions[:20]:
    engine.answer(q)  # warm the per-word caches, as a running bot has
times = []
for q in questions:
    s = time.perf_counter(); engine.answer(q); times.append((time.perf_counter() - s) * 1000)
times.sort()
print(json.dumps({
    "facts": len(engine.base.facts), "languages": len(indexes), "import_s": t1 - t0, "load_s": t2 - t1,
    "index_s": t3 - t2,
    "cache_read_s": t5 - t4, "questions": len(times), "semantic_s": t7 - t6 if semantic else -1.0,
    "p50_ms": statistics.median(times), "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
    "mean_ms": statistics.fmean(times), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _questions_for(kb: Path | None, target: Path) -> Path:
    """Questions to time: the labelled set for the bundled base; the facts' own and altered ones otherwise."""
    if kb is None:
        labelled = ROOT / "tests" / "data" / "questions.jsonl"
        lines = [json.loads(line)["question"] for line in labelled.read_text(encoding="utf-8").splitlines() if line]
    else:
        from knowledge.base.loader import load_knowledge

        base = load_knowledge(kb)
        step = max(1, len(base.facts) // 300)
        lines = []
        for fact in base.facts[::step][:300]:
            lines.append(fact.questions[0])
            lines.append(fact.questions[-1] + " в 2019 году")  # a constraint most facts fail
            if fact.questions_en:  # English questions are timed too when the base has them
                lines.append(fact.questions_en[0])
        lines += ["какая погода в баку", "курс доллара", "привет", ""] * 5
    target.write_text("\n".join(q.replace("\n", " ") for q in lines) + "\n", encoding="utf-8")
    return target


def _first_answer(kb: Path | None, cache_dir: Path) -> tuple[float, float]:
    """`factbot ask` from process start to its answer with the cache warm: (seconds, peak RSS in MB)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_dir.parent))
    wrapper = ("import resource, sys; from bot.cli import main; code = main(sys.argv[1:]); "
               "print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")
    command = [sys.executable, "-c", wrapper, "ask", "когда установлены дипломатические отношения"]
    if kb is not None:
        command[4:4] = ["--kb", str(kb)]
    subprocess.run(command, capture_output=True, env=env, check=True, cwd=ROOT)  # fills the cache if needed
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    rss = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS"))
    return seconds, rss / 1024


def measure(kb: Path | None, workdir: Path) -> dict[str, float]:
    questions = _questions_for(kb, workdir / "questions.txt")
    cache_dir = workdir / "cache" / "factbot"
    shutil.rmtree(cache_dir.parent, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(kb) if kb else "-", str(questions), str(cache_dir)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    row: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    row["first_answer_s"], row["serving_rss_mb"] = _first_answer(kb, cache_dir)
    return row


def _semantic(row: dict[str, float]) -> str:
    """The encoder load and the base's encoding (the `semantic` extra; off above `semantic_max_facts`)."""
    return f"{row['semantic_s']:.2f} s" if row.get("semantic_s", -1.0) >= 0 else "off"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=OUT / "speed.md")
    parser.add_argument("--english", action="store_true",
                        help="synthetic bases with English texts too (an English index beside the Russian one)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("bundled", measure(None, Path(tmp))))
        print("bundled done", file=sys.stderr)
        for size in args.sizes:
            kb = OUT / (f"kb-{size}-en" if args.english else f"kb-{size}")
            if not (kb / "sources.yaml").exists():
                subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_kb.py"), "--facts", str(size),
                                "--out", str(kb), *(["--english"] if args.english else [])], check=True)
            name = f"synthetic {size:,}" + (" + English" if args.english else "")
            rows.append((name, measure(kb, Path(tmp))))
            print(f"{size} done", file=sys.stderr)
    header = ("| base | facts | load + validate | index build (every language) | cache read |"
              " encoder + fact vectors (first build) |"
              " start → first answer (cached) | p50 | p99 | memory serving (cached) | peak memory of a first build |"
              "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [header]
    for name, r in rows:
        lines.append(f"| {name} | {int(r['facts']):,} | {r['load_s']:.2f} s | {r['index_s']:.2f} s |"
                     f" {r['cache_read_s']:.2f} s | {_semantic(r)} | {r['first_answer_s']:.2f} s |"
                     f" {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms | {r['serving_rss_mb']:.0f} MB |"
                     f" {r['peak_rss_mb']:.0f} MB |")
    report = "\n".join(lines) + "\n"
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
