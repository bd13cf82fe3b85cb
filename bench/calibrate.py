"""Fit the answer / suggest / decline model (issue #14.6) and write it into the package.

    python bench/calibrate.py [--folds 5] [--max-oos 0.02] [--without-stripped] [--dry-run] [--sets A,B,…]
                              [--features NAME,…] [--examples CACHE.pkl]

``--features`` fits on some of the features only (an experiment: does a feature earn its place?);
``--examples`` keeps the asked questions in a pickle, so the next experiment on the same engine asks none
(asking every set twice takes minutes; delete the file when the engine changes).

1. Every single question of the labelled sets is asked once with the model forced to assert whatever it is
   asked about (threshold 0): a rule answer, or the best complete fact of a declined plain lookup. The features
   of that reading are recorded with whether asserting it is right (an out-of-scope question: never).
2. A logistic regression over the standardised features is fitted with cross-validation grouped by fact
   (the first fact a question's label names — any of them is a right answer — and each out-of-scope question
   its own group), so no fact's own questions grade it. (Joining every label sharing a fact makes one group of
   most questions: the lists name a dozen facts each.)
3. The operating point is two bars: a declined lookup is answered from P(right) ≥ ``threshold``, a rule answer
   is kept from P ≥ ``keep_threshold`` (below it, demoted to a suggestion). The pair answering the most right
   out-of-fold is chosen among those where at most ``--max-oos`` of all out-of-scope questions are answered (the
   rules' own special readings counted too) and no set loses more than ``--max-loss`` against the rules, both
   out-of-fold and with the refitted model that ships.
4. The model refitted on everything, the point and the CV figures go to knowledge/decision/weights.yaml; the
   precision–recall curve to bench/out/decision_pr.png; per-set figures to bench/out/decision.md.

The questions are asked twice: of the bundled base, and of a copy whose facts have no hand-written
``questions`` (as ``bench/accuracy.py --strip-questions``): there every question is one nobody wrote a phrasing
for, which is what a new user's questions are. A fact's questions share one group in both copies.

Conversations are not fitted on (each turn depends on the last answer); bench/accuracy.py grades them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from accuracy import strip_questions  # bench/accuracy.py
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from knowledge import bundled_path
from knowledge.answers.answer import Answer
from knowledge.decision.features import Features
from knowledge.decision.model import WEIGHTS
from knowledge.engine import Engine
from knowledge.evaluation import Label, is_correct, load_labels
from knowledge.search.query import Query
from knowledge.search.scoring import Scored
from knowledge.settings import EngineSettings

ROOT = Path(__file__).resolve().parent.parent
STRIPPED = ":no-questions"  # the sets asked again of the base without hand-written questions
SETS = ("questions", "questions_holdout", "beyond", "time", "questions_en", "fresh", "yesno", "dev", "dev2")
OUT = ROOT / "bench" / "out"
TRACE: list[tuple[Features, tuple[str, ...]]] = []  # (features, facts the reading asserts), per decision


class Recorder(Engine):
    """The engine asserting every reading the model is asked about, recording its features."""

    _pending: list[Features]

    def _weigh(self, features: Features) -> bool:
        self._pending = [features]
        return True

    def _decide(self, question: str, query: Query, ranked: list[Scored], answer: Answer) -> Answer:
        self._pending = []
        result = super()._decide(question, query, ranked, answer)
        if self._pending:
            TRACE.append((self._pending[0], result.facts))
        return result


@dataclass
class Example:
    """One labelled question: how the rules did, and (when the model decides it) its features and label."""

    set: str
    question: str
    answerable: bool
    group: str
    rules_ok: bool  # right under the hand-set rules
    rules_answered: bool
    fixed_ok: bool  # right whatever the model says (it decides nothing here), as under «always assert»
    fixed_answered: bool
    features: Features | None = None  # None: the model decides nothing for this question
    right: bool = False  # asserting the reading is right


def ask(engine: Engine, label: Label) -> Answer:
    return engine.answer(label.question, today=label.today) if label.today else engine.answer(label.question)


def collect(sets: Sequence[str], *, base: Path | None = None, suffix: str = "") -> list[Example]:
    """Ask every single question under the rules and under «always assert»; keep the decided reading.

    ``base``: another fact base to ask (the bundled one by default); ``suffix`` marks its sets' names."""
    rules = Engine.from_path(base, settings=EngineSettings(decision="rules", semantic=True))
    always = Recorder.from_path(base, settings=EngineSettings(decision="model", decision_threshold=0.0, semantic=True))
    examples: list[Example] = []
    for name in sets:
        for label in load_labels(ROOT / "tests" / "data" / f"{name}.jsonl"):
            if label.turns:
                continue
            plain = ask(rules, label)
            TRACE.clear()
            result = ask(always, label)
            ok = is_correct(label, result)
            example = Example(name + suffix, label.question, label.answerable, "", is_correct(label, plain),
                              plain.answered, ok, result.answered)
            decided = [f for f, facts in TRACE if result.answered and facts == result.facts]
            if decided:
                example.features, example.right = decided[-1], ok and label.answerable
            example.group = min(label.facts) if label.facts else f"oos:{name}:{len(examples)}"  # a fact's questions
            # against the base without hand-written questions share its group: they never grade it either
            examples.append(example)
    return examples


def fit(x: np.ndarray, y: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    scaler.scale_[scaler.scale_ == 0] = 1.0  # a constant feature (the semantic slot) stays 0 after scaling
    model = LogisticRegression(C=1.0, max_iter=2000).fit(scaler.transform(x), y)
    return scaler, model


def matrix(pool: list[Example], names: Sequence[str]) -> np.ndarray:
    """The decided examples' features, the columns ``names``."""
    return np.array([[getattr(e.features, name) for name in names] for e in pool if e.features is not None])


def out_of_fold(pool: list[Example], folds: int, names: Sequence[str]) -> np.ndarray:
    """P(right) of each decided example from a model that never saw its group."""
    x = matrix(pool, names)
    y = np.array([e.right for e in pool])
    groups = np.array([e.group for e in pool])
    probs = np.zeros(len(pool))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        scaler, model = fit(x[train], y[train])
        probs[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return probs


@dataclass(frozen=True)
class Tally:
    right: int
    answerable: int
    oos_answered: int
    oos: int
    wrong: int  # answerable questions answered wrong


@dataclass(frozen=True)
class Point:
    """An operating point: a rule answer is kept from ``keep``, a declined lookup answered from ``answer``."""

    answer: float
    keep: float


class Outcomes:
    """The examples as arrays, so every operating point is graded at once."""

    def __init__(self, examples: list[Example], probs: dict[int, float]) -> None:
        self.sets = np.array([e.set for e in examples])
        self.names = list(dict.fromkeys(e.set for e in examples))  # each set (and its stripped copy) in order
        self.answerable = np.array([e.answerable for e in examples])
        self.decided = np.array([e.features is not None for e in examples])
        self.rules_answer = np.array([bool(e.features and e.features.rules_answer) for e in examples])
        self.right = np.array([e.right for e in examples])
        self.fixed = np.array([[e.fixed_ok, e.fixed_answered] for e in examples]).reshape(-1, 2)
        self.rules = np.array([[e.rules_ok, e.rules_answered] for e in examples]).reshape(-1, 2)
        self.prob = np.array([probs.get(i, 0.0) for i in range(len(examples))])

    def graded(self, point: Point | None) -> tuple[np.ndarray, np.ndarray]:
        """(right, answered) of every example at ``point`` (None: the rules)."""
        if point is None:
            return self.rules[:, 0], self.rules[:, 1]
        bar = np.where(self.rules_answer, point.keep, point.answer)
        asserted = self.decided & (self.prob >= bar)
        ok = np.where(self.decided, np.where(asserted, self.right, ~self.answerable), self.fixed[:, 0])
        answered = np.where(self.decided, asserted, self.fixed[:, 1])
        return ok.astype(bool), answered.astype(bool)

    def tally(self, point: Point | None, name: str = "") -> Tally:
        ok, answered = self.graded(point)
        mine = self.sets == name if name else np.ones(len(ok), dtype=bool)
        a, o = mine & self.answerable, mine & ~self.answerable
        return Tally(int((ok & a).sum()), int(a.sum()), int((answered & o).sum()), int(o.sum()),
                     int((answered & a & ~ok).sum()))


def choose(cv: Outcomes, shipped: Outcomes, max_oos: float, max_loss: float) -> Point:
    """The point answering the most right out-of-fold with at most ``max_oos`` of out-of-scope questions answered
    and no set losing more than ``max_loss`` of its answerable questions against the rules — out-of-fold and
    with the model that ships (refitted on everything) alike; ties: fewer wrong answers."""
    answers = sorted({1.0, *cv.prob[cv.decided & ~cv.rules_answer].tolist()})
    keeps = sorted({0.0, *cv.prob[cv.decided & cv.rules_answer].tolist()})
    best: tuple[tuple[int, int, int], Point] | None = None
    for keep in keeps:
        for answer in answers:
            point = Point(answer, keep)
            if not (_within(cv, point, max_oos, max_loss) and _within(shipped, point, max_oos, max_loss)):
                continue
            total = cv.tally(point)
            key = (total.right, -total.oos_answered, -total.wrong)
            if best is None or key > best[0]:
                best = (key, point)
    return best[1] if best else Point(1.0, 0.0)


def _within(outcomes: Outcomes, point: Point, max_oos: float, max_loss: float) -> bool:
    total = outcomes.tally(point)
    if total.oos_answered > max_oos * total.oos:
        return False
    for name in outcomes.names:
        now, before = outcomes.tally(point, name), outcomes.tally(None, name)
        if before.right - now.right > max_loss * now.answerable:
            return False
    return True


def pr_curve(outcomes: Outcomes, point: Point, path: Path) -> None:
    """Precision (right among answered) against recall (right among answerable) as the answer bar moves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def pr(at: Point | None) -> tuple[float, float, Tally]:
        t = outcomes.tally(at)
        answered = t.right + t.wrong + t.oos_answered
        return t.right / t.answerable, t.right / answered if answered else 1.0, t

    both = [pr(Point(float(x), float(x))) for x in np.linspace(0, 1, 201)]
    promote = [pr(Point(float(x), point.keep)) for x in np.linspace(0, 1, 201)]
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=120)
    ax.plot([r for r, _, _ in both], [p for _, p, _ in both], label="one bar for keeping and answering (0…1)")
    ax.plot([r for r, _, _ in promote], [p for _, p, _ in promote], linestyle="--",
            label=f"answer bar 0…1, rule answers kept from P ≥ {point.keep:.2f}")
    for at, style, text in ((point, dict(color="red", marker="o"), f"chosen: answer from P ≥ {point.answer:.2f}"),
                            (None, dict(color="grey", marker="s"), "hand-set rules")):
        r, p, t = pr(at)
        ax.scatter([r], [p], zorder=3, **style, label=f"{text}: OOS answered {t.oos_answered}/{t.oos}")
    ax.set_xlabel("recall: answered right / answerable")
    ax.set_ylabel("precision: answered right / answered")
    ax.set_title("Answer or not: out-of-fold, CV grouped by fact (labelled sets)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)


def weights_data(scaler: StandardScaler, model: LogisticRegression, point: Point, summary: dict[str, Any],
                 names: Sequence[str]) -> dict[str, Any]:
    return {
        "model": "logistic regression over standardised features: P(right) = 1 / (1 + exp(-(intercept + "
                 "sum(coefficient * (feature - mean) / scale))))",
        "threshold": round(float(point.answer), 4),
        "keep_threshold": round(float(point.keep), 4),
        "intercept": round(float(model.intercept_[0]), 6),
        "coefficients": {n: round(float(c), 6) for n, c in zip(names, model.coef_[0], strict=True)},
        "scaling": {n: {"mean": round(float(m), 6), "scale": round(float(s), 6)}
                    for n, m, s in zip(names, scaler.mean_, scaler.scale_, strict=True)},
        **summary,
    }


def report(cv: Outcomes, fitted: Outcomes, point: Point, summary: dict[str, Any]) -> str:
    """bench/out/decision.md: per set, the rules against the model (out-of-fold and in-sample)."""
    fit_on, folds = summary["fitted_on"], summary["cross_validation"]
    lines = ["# The calibrated decision (bench/calibrate.py)", "",
             f"Fitted {fit_on['date']} on the {fit_on['examples']} questions the model decides, of "
             f"{fit_on['questions']} single questions ({', '.join(fit_on['sets'])}; «{STRIPPED}»: the same asked of "
             f"the base without hand-written questions); {folds['folds']}-fold CV grouped by fact.",
             f"Operating point: a declined lookup is answered from P(right) ≥ {point.answer:.3f}, a rule answer is "
             f"kept from P ≥ {point.keep:.3f} (chosen on the out-of-fold probabilities: ≤ {folds['max_oos']:.0%} "
             f"of out-of-scope questions answered, no set losing more than {folds['max_loss']:.0%} of its "
             "answerable questions).", "",
             "| set | rules: right | rules: OOS answered | model CV: right | model CV: OOS answered "
             "| model in-sample: right | in-sample: OOS answered |", "|---|---|---|---|---|---|---|"]
    for name in [*cv.names, ""]:
        r, c, f = cv.tally(None, name), cv.tally(point, name), fitted.tally(point, name)
        lines.append(f"| {name or 'all'} | {_share(r.right, r.answerable)} | {_share(r.oos_answered, r.oos)} "
                     f"| {_share(c.right, c.answerable)} | {_share(c.oos_answered, c.oos)} "
                     f"| {_share(f.right, f.answerable)} | {_share(f.oos_answered, f.oos)} |")
    lines += ["", "Single questions only (conversations are graded by bench/accuracy.py). «Model CV»: each question "
              "decided by a model that never saw its fact's questions. «In-sample»: the model refitted on every "
              "question, graded on the same questions (what ships; an optimistic figure).", "",
              "![precision–recall](decision_pr.png)", ""]
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-oos", type=float, default=0.02, help="out-of-scope share answered at most")
    parser.add_argument("--max-loss", type=float, default=0.01, help="answerable share a set may lose at most")
    parser.add_argument("--dry-run", action="store_true", help="report only; leave weights.yaml as it is")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated labelled sets to fit on")
    parser.add_argument("--weights", type=Path, default=WEIGHTS, help="where to write the fitted model")
    parser.add_argument("--features", default=",".join(Features.names()),
                        help="comma-separated features to fit on (default: every one the engine computes)")
    parser.add_argument("--examples", type=Path, default=None,
                        help="a pickle of the asked questions: read when it exists (no question asked), else written")
    parser.add_argument("--without-stripped", action="store_true",
                        help="fit on the bundled base only, not also on a copy without hand-written questions")
    args = parser.parse_args()
    sets = tuple(name for name in args.sets.split(",") if name)
    names = tuple(name for name in args.features.split(",") if name)
    unknown = sorted(set(names) - set(Features.names()))
    if unknown:
        parser.error(f"unknown features {unknown}")
    if args.examples is not None and args.examples.exists():
        with args.examples.open("rb") as cached:  # trusted: written by this script on this machine
            examples = pickle.load(cached)
    else:
        examples = collect(sets)
        if not args.without_stripped:
            # the same questions against the base with every fact's questions removed: how a question nobody
            # wrote a phrasing for looks, which is what new questions are (issue #14: within 5 points without them)
            with tempfile.TemporaryDirectory() as scratch:
                stripped = strip_questions(bundled_path(), Path(scratch) / "kb")
                examples += collect(sets, base=stripped, suffix=STRIPPED)
        if args.examples is not None:
            with args.examples.open("wb") as cache:
                pickle.dump(examples, cache)
    decided = [i for i, e in enumerate(examples) if e.features is not None]
    pool = [examples[i] for i in decided]
    cv = Outcomes(examples, dict(zip(decided, out_of_fold(pool, args.folds, names).tolist(), strict=True)))
    x = matrix(pool, names)
    scaler, model = fit(x, np.array([e.right for e in pool]))
    fitted = Outcomes(examples, dict(zip(decided, model.predict_proba(scaler.transform(x))[:, 1].tolist(),
                                         strict=True)))
    point = choose(cv, fitted, args.max_oos, args.max_loss)
    rules, chosen = cv.tally(None), cv.tally(point)
    summary = {
        "fitted_on": {"sets": list(sets), "also_without_questions": not args.without_stripped,
                      "questions": len(examples), "examples": len(pool),
                      "right": int(sum(e.right for e in pool)), "date": dt.date.today().isoformat()},
        "cross_validation": {"folds": args.folds, "grouped_by": "fact", "max_oos": args.max_oos,
                             "max_loss": args.max_loss,
                             "answered_right": f"{chosen.right}/{chosen.answerable}",
                             "oos_answered": f"{chosen.oos_answered}/{chosen.oos}",
                             "rules_answered_right": f"{rules.right}/{rules.answerable}",
                             "rules_oos_answered": f"{rules.oos_answered}/{rules.oos}"},
    }
    pr_curve(cv, point, OUT / "decision_pr.png")
    (OUT / "decision.md").write_text(report(cv, fitted, point, summary), encoding="utf-8")
    print((OUT / "decision.md").read_text(encoding="utf-8"))
    if not args.dry_run:
        data = weights_data(scaler, model, point, summary, names)
        header = "# The decision model, fitted by `python bench/calibrate.py`: data, not code. Do not edit by hand.\n"
        args.weights.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        print(f"wrote {args.weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
