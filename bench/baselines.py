"""Retrieval baselines over the article's sentences, graded on the labelled question set.

Why this exists: before trusting our own engine's accuracy numbers we need to
know what a "dumb" system gets on the same questions. Two baselines pick the
single best source sentence for a question and answer with it when the score
clears a threshold, else decline:

  rapidfuzz  process.extractOne(question, sentences, scorer=fuzz.token_set_ratio,
             processor=utils.default_process); score 0–100
  bm25       bm25s (Lucene BM25, k1=1.5, b=0.75) over tokens stemmed with the Russian
             Snowball stemmer (PyStemmer) minus NLTK Russian stop words; score ≥ 0

Sentences: every source text of the fact base, split into sentences, minus the
dateline prefix ("МОСКВА, 22 апр - РИА Новости."), the reprint notice and
«Комментарии отключены.».

Grading (one JSON object per line: question, kind, facts, [match], [contains]):
  * out of scope = kind "out_of_scope" or no expected facts (small talk too):
    correct when the system declines;
  * answerable, sentence systems (the baselines): correct when the returned
    sentence is contained in the `quote` of at least one expected fact (quotes
    are whole sentences, whitespace-collapsed). `match: all` is NOT enforced for
    sentences: one sentence cannot carry several facts unless they share it;
  * answerable, fact systems (our engine): answered, the expected facts are in
    the reply (`match`: any / all) and every `contains` substring is in the
    reply text — the same rule as knowledge/evaluation.py.

Threshold: unless fixed with --threshold NAME=VALUE, each baseline's threshold
is scanned over every score it produced and the one maximising

    objective = answerable accuracy − 2 × out-of-scope false-answer rate

is kept (ties: fewer false answers, then the lower threshold). A wrong answer
to an out-of-scope question costs twice a missed answerable one, because the
bot asserting something the source does not say is worse than saying "не знаю".
The threshold is tuned on the very set it is scored on, so the baseline rows
are an optimistic upper bound for these methods.

Adding a system is one class with `name` and `answer(question) -> Reply` (see
`System` and `FactbotSystem`); `--factbot` adds our engine as a row.

    python bench/baselines.py [--questions tests/data/questions.jsonl] [--kb DIR] [--markdown] [--factbot]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from knowledge.evaluation import Label, load_labels  # the labels and their loading the tests use

REPO = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = REPO / "tests" / "data" / "questions.jsonl"
FALSE_ANSWER_WEIGHT = 2.0

# ---------------------------------------------------------------------------------------------------------------
# Data: labels, facts, sentences
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Corpus:
    quotes: dict[str, str]  # fact id -> whitespace-collapsed quote
    texts: dict[str, str]  # source id -> full text
    lenient: bool = False  # loaded without validation (the base did not pass `factbot check`)


def collapse(text: str) -> str:
    return " ".join(text.split())


def load_corpus(kb: Path | None) -> Corpus:
    """Facts and source texts through the real loader; if the base is invalid, read the YAML leniently."""
    from knowledge import KnowledgeError, bundled_path, load_knowledge

    try:
        base = load_knowledge(kb)
    except KnowledgeError as exc:
        print(f"warning: the fact base does not validate ({len(exc.problems)} problem(s), first: "
              f"{exc.problems[0]}); reading facts and sources without validation", file=sys.stderr)
        return _lenient_corpus(kb or bundled_path())
    return Corpus({f.id: f.quote for f in base.facts}, {s.id: s.text for s in base.sources.values()})


def _lenient_corpus(root: Path) -> Corpus:
    import yaml

    files = [root] if root.is_file() else sorted(root.rglob("*.y*ml"))
    quotes: dict[str, str] = {}
    texts: dict[str, str] = {}
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for fact in data.get("facts") or ():
            if isinstance(fact, dict) and isinstance(fact.get("quote"), str):
                quotes[str(fact.get("id"))] = collapse(fact["quote"])
        for source in data.get("sources") or ():
            if isinstance(source, dict) and source.get("text_file"):
                path = file.parent / source["text_file"]
                if path.is_file():
                    texts[str(source.get("id"))] = path.read_text(encoding="utf-8")
    return Corpus(quotes, texts, lenient=True)


DATELINE = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Z\- ]*, \d{1,2} [а-яё]+\.? ?[-–—] [^.]+\.\s*")
BOILERPLATE = re.compile(r"^(При перепечатке|При цитировании|Комментарии отключены|Текст сгенерирован)")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a source text, minus dateline, reprint notice and «Комментарии отключены.»."""
    out: list[str] = []
    for number, line in enumerate(text.splitlines()):
        line = line.strip()
        if number == 0:
            line = DATELINE.sub("", line)
        for sentence in SENTENCE_END.split(line):
            sentence = collapse(sentence)
            if sentence and not BOILERPLATE.match(sentence):
                out.append(sentence)
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------------------------------------------------------
# Systems
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reply:
    """What a system said. Sentence systems set `sentence`; fact systems set `fact_ids` (and `text`)."""

    answered: bool
    sentence: str | None = None
    fact_ids: tuple[str, ...] = ()
    text: str = ""
    score: float = 0.0


class System(Protocol):
    name: str

    def answer(self, question: str) -> Reply: ...


@runtime_checkable
class Thresholded(Protocol):
    """A system that returns its best candidate with a score; the harness may tune `threshold`."""

    name: str
    threshold: float

    def best(self, question: str) -> tuple[str | None, float]: ...


class RapidfuzzBaseline:
    name = "rapidfuzz"

    def __init__(self, sentences: Sequence[str], threshold: float = 70.0) -> None:
        from rapidfuzz import fuzz, process, utils

        self.sentences = list(sentences)
        self.threshold = threshold
        self._extract = process.extractOne
        self._scorer = fuzz.token_set_ratio
        self._processor = utils.default_process

    def best(self, question: str) -> tuple[str | None, float]:
        hit = self._extract(question, self.sentences, scorer=self._scorer, processor=self._processor)
        return (hit[0], float(hit[1])) if hit else (None, 0.0)

    def answer(self, question: str) -> Reply:
        sentence, score = self.best(question)
        return Reply(sentence is not None and score >= self.threshold, sentence, score=score)


class BM25Baseline:
    name = "bm25"

    def __init__(self, sentences: Sequence[str], threshold: float = 5.0) -> None:
        import bm25s
        import Stemmer

        self.sentences = list(sentences)
        self.threshold = threshold
        self.tokenizer = bm25s.tokenization.Tokenizer(stopwords="ru", stemmer=Stemmer.Stemmer("russian"))
        corpus = self.tokenizer.tokenize(self.sentences, show_progress=False, return_as="tuple")
        self.retriever = bm25s.BM25()  # Lucene variant, k1=1.5, b=0.75
        self.retriever.index(corpus, show_progress=False)
        self._empty_id = self.tokenizer.word_to_id.get("")

    def best(self, question: str) -> tuple[str | None, float]:
        ids = self.tokenizer.tokenize([question], update_vocab=False, show_progress=False, return_as="ids")[0]
        ids = [i for i in ids if i != self._empty_id]
        if not ids:
            return None, 0.0  # no word of the question occurs in the article
        # get_scores is BM25 over all sentences; retrieve(k=1) ranks the same but adds ~0.5 ms of top-k overhead
        scores = self.retriever.get_scores(ids)
        best = int(scores.argmax())
        score = float(scores[best])
        return (self.sentences[best], score) if score > 0 else (None, 0.0)

    def answer(self, question: str) -> Reply:
        sentence, score = self.best(question)
        return Reply(sentence is not None and score >= self.threshold, sentence, score=score)


class FactbotSystem:
    """Our engine as a row: answers with fact ids and a reply text, graded like knowledge/evaluation.py."""

    name = "factbot"

    def __init__(self, kb: Path | None) -> None:
        from knowledge.engine import Engine

        self.engine = Engine.from_path(kb)

    def answer(self, question: str) -> Reply:
        a = self.engine.answer(question)
        return Reply(a.answered, fact_ids=tuple(a.facts), text=a.reply, score=float(a.score))


# ---------------------------------------------------------------------------------------------------------------
# Grading and threshold tuning
# ---------------------------------------------------------------------------------------------------------------


def is_correct(label: Label, reply: Reply, quotes: dict[str, str]) -> bool:
    if not label.answerable:
        return not reply.answered
    if not reply.answered:
        return False
    if reply.sentence is not None:
        return any(reply.sentence in quotes.get(fid, "") for fid in label.facts)
    got, wanted = set(reply.fact_ids), set(label.facts)
    if not (wanted <= got if label.match == "all" else wanted & got):
        return False
    text = reply.text.lower()
    return all(s.lower() in text for s in label.contains)


@dataclass
class Run:
    name: str
    replies: list[Reply]
    latencies_ms: list[float]
    threshold: float | None = None
    tuned: bool = False
    correct: list[bool] = field(default_factory=list)
    top1: list[bool] | None = None  # thresholded systems: would the best sentence be right if always given?


def rates(labels: Sequence[Label], correct: Sequence[bool], replies: Sequence[Reply]) -> tuple[float, float]:
    """(answerable accuracy, out-of-scope false-answer rate); NaN when there are no such items."""
    ans = [ok for label, ok in zip(labels, correct, strict=True) if label.answerable]
    oos = [r.answered for label, r in zip(labels, replies, strict=True) if not label.answerable]
    nan = float("nan")
    return (sum(ans) / len(ans) if ans else nan, sum(oos) / len(oos) if oos else nan)


def objective(acc: float, fa: float) -> float:
    return (0.0 if acc != acc else acc) - FALSE_ANSWER_WEIGHT * (0.0 if fa != fa else fa)


def set_false_answer_weight(weight: float) -> None:
    global FALSE_ANSWER_WEIGHT
    FALSE_ANSWER_WEIGHT = weight


def tune(labels: Sequence[Label], candidates: Sequence[tuple[str | None, float]],
         quotes: dict[str, str]) -> tuple[float, float]:
    """The threshold with the best objective over every observed score (and 'never answer')."""
    # correctness of each candidate sentence does not depend on the threshold: compute once
    hit = [c[0] is not None and is_correct(label, Reply(True, c[0]), quotes) if label.answerable else False
           for label, c in zip(labels, candidates, strict=True)]
    n_ans = sum(label.answerable for label in labels)
    n_oos = len(labels) - n_ans
    best: tuple[float, float, float] | None = None  # (objective, -fa, -threshold)
    chosen = float("inf")
    observed = sorted({score for sentence, score in candidates if sentence is not None})
    for t in [*observed, float("inf")]:
        correct = sum(h and c[1] >= t for h, c in zip(hit, candidates, strict=True))
        false = sum(not label.answerable and c[0] is not None and c[1] >= t
                    for label, c in zip(labels, candidates, strict=True))
        acc = correct / n_ans if n_ans else 0.0
        fa = false / n_oos if n_oos else 0.0
        key = (objective(acc, fa), -fa, -t)
        if best is None or key > best:
            best, chosen = key, t
    assert best is not None
    # report the middle of the gap below the chosen score: same decisions here, a margin for new questions
    lower = [s for s in observed if s < chosen]
    if lower and chosen != float("inf"):
        middle = round((chosen + lower[-1]) / 2, 2)
        if lower[-1] < middle <= chosen:
            chosen = middle
    return chosen, best[0]


def run_system(system: System, labels: Sequence[Label], quotes: dict[str, str],
               fixed_threshold: float | None) -> Run:
    tunable = isinstance(system, Thresholded)
    call: Callable[[str], object] = system.best if tunable else system.answer  # type: ignore[attr-defined]
    call(labels[0].question if labels else "")  # warm-up: lazy imports, first-call allocations
    raw: list[object] = []
    latencies: list[float] = []
    for label in labels:
        start = time.perf_counter()
        raw.append(call(label.question))
        latencies.append((time.perf_counter() - start) * 1000)
    run = Run(system.name, [], latencies)
    if tunable:
        candidates: list[tuple[str | None, float]] = raw  # type: ignore[assignment]
        if fixed_threshold is None:
            run.threshold, _ = tune(labels, candidates, quotes)
            run.tuned = True
        else:
            run.threshold = fixed_threshold
        system.threshold = run.threshold  # type: ignore[attr-defined]
        run.replies = [Reply(s is not None and sc >= run.threshold, s, score=sc) for s, sc in candidates]
        run.top1 = [s is not None and is_correct(label, Reply(True, s), quotes) if label.answerable else False
                    for label, (s, _) in zip(labels, candidates, strict=True)]
    else:
        run.replies = raw  # type: ignore[assignment]
    run.correct = [is_correct(label, r, quotes) for label, r in zip(labels, run.replies, strict=True)]
    return run


# ---------------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------------

KIND_ORDER = ("paraphrase", "case", "typo", "short", "detail", "group", "list", "out_of_scope", "smalltalk")


def kinds_of(labels: Iterable[Label]) -> list[str]:
    present = list(dict.fromkeys(label.kind for label in labels))
    return [k for k in KIND_ORDER if k in present] + sorted(k for k in present if k not in KIND_ORDER)


def pct(x: float) -> str:
    return "—" if x != x else f"{100 * x:.0f}%"


def rows(labels: Sequence[Label], runs: Sequence[Run]) -> list[list[str]]:
    out = []
    for run in runs:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label.kind].append(i)
        for kind in [*kinds_of(labels), "all"]:
            idx = range(len(labels)) if kind == "all" else groups[kind]
            sub = [labels[i] for i in idx]
            acc, fa = rates(sub, [run.correct[i] for i in idx], [run.replies[i] for i in idx])
            lat = [run.latencies_ms[i] for i in idx]
            n_ans = sum(label.answerable for label in sub)
            top1 = "—"
            if run.top1 is not None and n_ans:
                top1 = pct(sum(run.top1[i] for i in idx) / n_ans)
            out.append([run.name, kind if kind != "all" else "**all**", str(len(sub)), top1,
                        pct(acc) + (f" ({sum(run.correct[i] for i in idx if labels[i].answerable)}/{n_ans})"
                                    if n_ans else ""),
                        pct(fa) + (f" ({sum(run.replies[i].answered for i in idx if not labels[i].answerable)}/"
                                   f"{len(sub) - n_ans})" if len(sub) - n_ans else ""),
                        f"{statistics.fmean(lat):.2f}", f"{statistics.median(lat):.2f}"])
    return out


HEADER = ["System", "Kind", "n", "Top-1 acc", "Answerable acc", "OOS false answers", "mean ms", "p50 ms"]


def summary_lines(labels: Sequence[Label], runs: Sequence[Run]) -> list[str]:
    lines = []
    for run in runs:
        acc, fa = rates(labels, run.correct, run.replies)
        how = "tuned" if run.tuned else "fixed"
        threshold = "" if run.threshold is None else f", threshold {run.threshold:g} ({how})"
        if run.threshold == float("inf"):
            threshold = f", never answers ({how}: no threshold beats declining everything)"
        top1 = ""
        if run.top1 is not None:
            n_ans = sum(label.answerable for label in labels)
            top1 = f" (always answering: top-1 accuracy {pct(sum(run.top1) / n_ans if n_ans else float('nan'))})"
        lines.append(f"{run.name}{threshold}: answerable accuracy {pct(acc)}, out-of-scope false answers "
                     f"{pct(fa)}, objective {objective(acc, fa):+.3f}{top1}")
    return lines


def render(labels: Sequence[Label], runs: Sequence[Run], markdown: bool, n_sentences: int, source: str) -> str:
    n_ans = sum(label.answerable for label in labels)
    head = (f"{len(labels)} questions ({n_ans} answerable, {len(labels) - n_ans} out of scope) from {source}; "
            f"{n_sentences} source sentences; objective = answerable accuracy − {FALSE_ANSWER_WEIGHT:g} × "
            f"false-answer rate")
    table = rows(labels, runs)
    if markdown:
        out = [head, ""] + [f"- {line}" for line in summary_lines(labels, runs)] + [""]
        out.append("| " + " | ".join(HEADER) + " |")
        out.append("|" + "|".join(["---", "---"] + ["---:"] * (len(HEADER) - 2)) + "|")
        out += ["| " + " | ".join(r) + " |" for r in table]
        return "\n".join(out)
    widths = [max(len(h), *(len(r[i].replace("**", "")) for r in table)) for i, h in enumerate(HEADER)]
    out = [head, *summary_lines(labels, runs), ""]
    out.append("  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)))
    previous = None
    for r in table:
        if previous is not None and r[0] != previous:
            out.append("")
        previous = r[0]
        out.append("  ".join(c.replace("**", "").ljust(w) for c, w in zip(r, widths, strict=True)))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="labelled JSONL question set")
    parser.add_argument("--kb", type=Path, default=None, help="fact base (default: the bundled one)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables for the README")
    parser.add_argument("--threshold", action="append", default=[], metavar="NAME=VALUE",
                        help="fix a baseline's threshold instead of tuning it, e.g. rapidfuzz=70 bm25=6.5")
    parser.add_argument("--factbot", action="store_true", help="add our engine (knowledge.engine) as a row")
    parser.add_argument("--false-answer-weight", type=float, default=FALSE_ANSWER_WEIGHT, metavar="W",
                        help=f"objective = accuracy − W × false-answer rate (default {FALSE_ANSWER_WEIGHT:g})")
    args = parser.parse_args(argv)
    set_false_answer_weight(args.false_answer_weight)
    fixed: dict[str, float] = {}
    for item in args.threshold:
        name, _, value = item.partition("=")
        try:
            fixed[name.strip()] = float(value)
        except ValueError:
            parser.error(f"--threshold expects NAME=VALUE, got {item!r}")

    labels = load_labels(args.questions)
    if not labels:
        parser.error(f"no questions in {args.questions}")
    corpus = load_corpus(args.kb)
    unknown = sorted({fid for label in labels for fid in label.facts if fid not in corpus.quotes})
    if unknown:
        print(f"warning: {len(unknown)} fact id(s) in the labels are not in the base (items naming only them "
              f"cannot be answered correctly): {', '.join(unknown[:8])}{' …' if len(unknown) > 8 else ''}",
              file=sys.stderr)
    sentences = [s for text in corpus.texts.values() for s in split_sentences(text)]
    if not sentences:
        parser.error("the fact base has no source text to split into sentences")

    systems: list[System] = [RapidfuzzBaseline(sentences), BM25Baseline(sentences)]
    if args.factbot:
        try:
            systems.append(FactbotSystem(args.kb))
        except Exception as exc:  # the engine or the base may be mid-change: report, keep the baselines
            print(f"warning: factbot engine unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
    runs = [run_system(s, labels, corpus.quotes, fixed.get(s.name)) for s in systems]
    try:
        source = str(args.questions.resolve().relative_to(REPO))
    except ValueError:
        source = str(args.questions)
    print(render(labels, runs, args.markdown, len(sentences), source))
    if corpus.lenient:
        print("\n(note: the fact base did not validate; facts were read without validation)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `... | head`
        sys.stdout = open("/dev/null", "w", encoding="utf-8")  # noqa: SIM115 - silence the flush at exit
        sys.exit(0)
