"""A randomized soak of hostile input through the engine and the Telegram rendering.

    python bench/soak.py [--examples N] [--seconds S] [--seed 1] [--kb PATH] [--out bench/out/soak.md]

The same hostile fragments as tests/test_hostile_input.py (control characters,
RTL and zero-width marks, combining accents, emoji, lone surrogates, HTML/Markdown
injection, SQL and template text, punctuation, numbers, the base's own words and
questions), drawn with ``random`` from a seed instead of hypothesis, many more of
them, including texts up to 100 000 characters and digits followed by long runs of
white space. Each text goes through what the bot does with a message:
``Engine.answer``, ``answer_html``, ``split_html`` and ``keyboard``, and every
result is validated (the fake Bot API's HTML parser plus the strict validator of
the tests, only our own markup, nothing of the question in the HTML, parts within
4096 characters, callback data within 64 bytes, no facts unless answered).

Latency (``Engine.answer`` alone, and answer + rendering) is reported per input size
(up to 4096 characters, the part the engine matches; longer) as p50/p99/max, with
the counts of exceptions and invalid HTML, as a Markdown table on stdout and in
``--out``. Stops after ``--examples`` texts or ``--seconds`` (default 60 s), whichever
comes first. Exit status 1 when anything raised or any HTML was invalid.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hostile fragments and the HTML validator of the tests
sys.path.insert(0, str(ROOT))

from test_hostile_input import (  # noqa: E402
    ALLOWED_MARKUP,
    FRAGMENT_GROUPS,
    NUMBERS,
    PUNCTUATION,
    SEPARATORS,
    base_questions,
    base_words,
    html_problem,
    tags_of,
)

from handlers.render import MAX_CALLBACK_BYTES, MAX_MESSAGE, answer_html, keyboard, split_html  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.text.normalize import MAX_QUERY_CHARS  # noqa: E402

HUGE = 100_000
BUCKETS = (f"≤ {MAX_QUERY_CHARS} chars", f"> {MAX_QUERY_CHARS} chars")
MAX_SAMPLES = 5  # failing inputs kept for the report


# ---- generators -----------------------------------------------------------------------------------------


class Generators:
    """Hostile texts from a seeded ``random.Random``; each generator is named in the report."""

    def __init__(self, rnd: random.Random, engine: Engine) -> None:
        self.rnd = rnd
        self.words = base_words(engine)
        self.questions = base_questions(engine)
        self.groups = [*FRAGMENT_GROUPS.values(), self.words, self.words]
        # (name, weight, generator): a few per cent of huge texts among short ones
        self.table: list[tuple[str, int, Callable[[], str]]] = [
            ("mixed", 40, self.mixed),
            ("unicode", 15, self.unicode),
            ("question+noise", 15, self.noisy_question),
            ("punctuation", 4, lambda: "".join(rnd.choices(PUNCTUATION, k=rnd.randint(0, 60)))),
            ("numbers", 4, lambda: " ".join(rnd.choices(NUMBERS, k=rnd.randint(0, 30)))),
            ("white space runs", 5, self.whitespace_runs),
            ("near the cap", 4, self.near_cap),
            ("huge", 3, self.huge),
        ]
        self.names = [name for name, _, _ in self.table]
        self.weights = [weight for _, weight, _ in self.table]

    def draw(self) -> tuple[str, str]:
        index = self.rnd.choices(range(len(self.table)), weights=self.weights)[0]
        name, _, make = self.table[index]
        return name, make()

    def char(self) -> str:
        rnd = self.rnd
        roll = rnd.random()
        if roll < 0.5:
            return chr(rnd.randint(0x20, 0x4FF))  # Latin, Cyrillic and their neighbours
        if roll < 0.6:
            return chr(rnd.randint(0xD800, 0xDFFF))  # a lone surrogate
        if roll < 0.7:
            return chr(rnd.randint(0, 0x1F))
        return chr(rnd.randint(0, 0x10FFFF))

    def fragment(self) -> str:
        if self.rnd.random() < 0.1:
            return "".join(self.char() for _ in range(self.rnd.randint(1, 12)))
        return self.rnd.choice(self.rnd.choice(self.groups))

    def mixed(self, pieces: int | None = None) -> str:
        count = self.rnd.randint(0, 40) if pieces is None else pieces
        return "".join(self.fragment() + self.rnd.choice(SEPARATORS) for _ in range(count))

    def unicode(self) -> str:
        return "".join(self.char() for _ in range(self.rnd.randint(0, 300)))

    def noisy_question(self) -> str:
        """A real question of the base with hostile bits dropped into it."""
        text = list(self.rnd.choice(self.questions))
        for _ in range(self.rnd.randint(1, 6)):
            text.insert(self.rnd.randint(0, len(text)), self.fragment())
        if self.rnd.random() < 0.3:
            return "".join(text).upper()
        return "".join(text)

    def whitespace_runs(self) -> str:
        """Numbers and year forms followed by long runs of white space (catastrophic backtracking bait)."""
        rnd = self.rnd
        parts = []
        for _ in range(rnd.randint(1, 4)):
            parts.append(rnd.choice(["23", "2023", "1992", "19", "4,4", "5"]))
            parts.append(rnd.choice([" ", "\t", "\u00a0", "\n", " - "]) * rnd.randint(100, 4000))
            parts.append(rnd.choice(["", "-", "го", "й", "год", "x"]))
        return "".join(parts)

    def _repeat_to(self, size: int, head: str = "") -> str:
        pattern = self.mixed(self.rnd.randint(1, 10)) or "я"
        body = pattern * ((size - len(head)) // len(pattern) + 1)
        return (head + body)[:size]

    def near_cap(self) -> str:
        head = self.rnd.choice(self.questions) if self.rnd.random() < 0.5 else ""
        return self._repeat_to(self.rnd.randint(MAX_QUERY_CHARS - 8, MAX_QUERY_CHARS + 8), head)

    def huge(self) -> str:
        head = self.rnd.choice(self.questions) + " " if self.rnd.random() < 0.5 else ""
        return self._repeat_to(self.rnd.randint(MAX_QUERY_CHARS + 1, HUGE), head)


# ---- checking one text ---------------------------------------------------------------------------------


@dataclass
class Tally:
    examples: int = 0
    by_generator: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    exceptions: int = 0
    invalid_html: int = 0
    violations: int = 0  # other broken promises: facts without an answer, oversized parts or callback data
    answer_ms: dict[str, list[float]] = field(default_factory=lambda: {b: [] for b in BUCKETS})
    reply_ms: dict[str, list[float]] = field(default_factory=lambda: {b: [] for b in BUCKETS})
    slowest: tuple[float, str, int] = (0.0, "", 0)  # ms, generator, length
    samples: list[str] = field(default_factory=list)

    def fail(self, kind: str, generator: str, text: str, detail: str) -> None:
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append(f"{kind} [{generator}, {len(text)} chars] {text[:200]!r}: {detail[:500]}")


def soak_one(engine: Engine, generator: str, text: str, tally: Tally) -> None:
    tally.examples += 1
    tally.by_generator[generator] = tally.by_generator.get(generator, 0) + 1
    bucket = BUCKETS[len(text) > MAX_QUERY_CHARS]
    try:
        started = time.perf_counter()
        answer = engine.answer(text)
        answered_at = time.perf_counter()
        html = answer_html(answer)
        parts = split_html(html)
        markup = keyboard(answer)
        finished = time.perf_counter()
    except Exception:
        tally.exceptions += 1
        tally.fail("exception", generator, text, traceback.format_exc(limit=-3))
        return
    answer_ms = (answered_at - started) * 1000
    tally.answer_ms[bucket].append(answer_ms)
    tally.reply_ms[bucket].append((finished - started) * 1000)
    if answer_ms > tally.slowest[0]:
        tally.slowest = (answer_ms, generator, len(text))
    tally.answered += answer.answered

    problems = [p for p in (html_problem(h) for h in (html, *parts)) if p]
    problems += [f"a part of {len(p)} characters" for p in parts if len(p) > MAX_MESSAGE]
    problems += [f"markup not our own: {tag}" for tag in sorted(tags_of(html) - ALLOWED_MARKUP)]
    if html != answer_html(dataclasses.replace(answer, question="")):
        problems.append("the question reached the HTML")
    if problems:
        tally.invalid_html += 1
        tally.fail("invalid HTML", generator, text, f"{problems[0]} in {html[:300]!r}")
    broken = []
    if not answer.answered and answer.facts:
        broken.append(f"facts {answer.facts} without an answer")
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            data = button.callback_data
            if not isinstance(data, str) or len(data.encode()) > MAX_CALLBACK_BYTES:
                broken.append(f"callback data {data!r}")
    if broken:
        tally.violations += 1
        tally.fail("violation", generator, text, "; ".join(broken))


# ---- the report ---------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1]


def report(tally: Tally, *, seed: int, seconds: float, kb: str) -> str:
    lines = [
        "# Hostile input soak",
        "",
        f"`python bench/soak.py --seed {seed}` on {kb}: {tally.examples} texts in {seconds:.1f} s "
        f"({tally.answered} answered).",
        "",
        "| input size | texts | answer p50 ms | answer p99 ms | answer max ms | answer+render p50 ms "
        "| answer+render p99 ms | answer+render max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for bucket in BUCKETS:
        answer, reply = tally.answer_ms[bucket], tally.reply_ms[bucket]
        if not answer:
            lines.append(f"| {bucket} | 0 | – | – | – | – | – | – |")
            continue
        lines.append(
            f"| {bucket} | {len(answer)} | {percentile(answer, 0.5):.2f} | {percentile(answer, 0.99):.2f} "
            f"| {max(answer):.2f} | {percentile(reply, 0.5):.2f} | {percentile(reply, 0.99):.2f} | {max(reply):.2f} |")
    lines += [
        "",
        "| check | count |",
        "|---|---:|",
        f"| exceptions (must be 0) | {tally.exceptions} |",
        f"| invalid HTML (must be 0) | {tally.invalid_html} |",
        f"| other violations (must be 0) | {tally.violations} |",
        "",
        "Texts per generator: " + ", ".join(f"{name} {count}" for name, count in sorted(tally.by_generator.items())),
        "",
        f"Slowest answer: {tally.slowest[0]:.2f} ms ({tally.slowest[1]}, {tally.slowest[2]} chars).",
    ]
    if tally.samples:
        lines += ["", "Failures (first few):", ""] + [f"- {sample}" for sample in tally.samples]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=0, help="stop after this many texts (default: no limit)")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this long (default: 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kb", type=Path, default=None, help="fact base (default: the bundled one)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "soak.md")
    args = parser.parse_args(argv)

    engine = Engine.from_path(args.kb)
    generators = Generators(random.Random(args.seed), engine)
    tally = Tally()
    started = time.perf_counter()
    deadline = started + args.seconds if args.seconds > 0 else float("inf")
    while (not args.examples or tally.examples < args.examples) and time.perf_counter() < deadline:
        name, text = generators.draw()
        soak_one(engine, name, text, tally)
    elapsed = time.perf_counter() - started

    text = report(tally, seed=args.seed, seconds=elapsed, kb=str(args.kb or "the bundled base"))
    sys.stdout.write(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 1 if tally.exceptions or tally.invalid_html or tally.violations else 0


if __name__ == "__main__":
    sys.exit(main())
