"""How well `factbot draft` reproduces a careful editor's facts (issue #15.4), with a report.

    python bench/drafting.py [--out bench/out/drafting.md]

1. **The seed article against the curated base.** The bundled article is drafted into a base holding only the
   bundled `entities.yaml` and `lexicon.yaml` (no sources, no facts). Each curated fact is paired with the draft
   fact whose quote overlaps its own most; it is *reproduced* when the draft has its date (the same ISO
   value), its figures (the same values and qualifiers) and its entities (every curated one among the draft's,
   or among the draft source's `about`: the countries the article names most, which every fact concerns).
   A date is *wrong* when the draft gives one and it differs (an empty date, left for the reviewer, is not).
2. **Fixture articles** (tests/fixtures/articles, with `expected.jsonl` written by a helper who saw none of
   the drafter's code; a regression set since its first run): dates, figures, and the names each statement
   mentions — by natasha's recogniser and by the rules.
3. **Questions answered from the drafted base alone**, every draft accepted (facts without a date or topic
   cannot be, and stay unserved): the labelled sets' answerable share and out-of-scope answers.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from knowledge import Answer, accept, bundled_path, draft_into, load_knowledge
from knowledge.base.loader import collapse_spaces
from knowledge.drafting.entities import has_recogniser
from knowledge.engine import Engine
from knowledge.evaluation import evaluate, load_labels
from knowledge.text.morphology import analyse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
QUESTION_SETS = ("questions", "heldout3", "dev")


def _draft_facts(base_dir: Path, source_id: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((base_dir / "facts" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    return list(data.get("facts") or [])


def _figures(items: list[Any]) -> Counter[tuple[float, str]]:
    return Counter((round(float(f["value"]), 3), str(f.get("qualifier") or "")) for f in items)


def _refs(fact: dict[str, Any]) -> set[str]:
    return {ref for name in ("participants", "places", "organisations", "related") for ref in fact.get(name) or ()}


def _best(quote: str, drafted: list[dict[str, Any]], entities: set[str] = frozenset(),
          used: set[str] = frozenset(), values: set[float] = frozenset()) -> dict[str, Any] | None:
    """The draft fact whose quote overlaps ``quote`` (one holds the other): of several (the sentences of a
    curated quote, the clauses of one list sentence), one not paired yet, then the one sharing most figure
    ``values``, then the one naming most of ``entities``, then the earlier one (the clauses of a list
    sentence in order, as the curated facts are)."""
    quote = collapse_spaces(quote)
    found = []
    for d in drafted:
        mine = collapse_spaces(d["quote"])
        if mine.rstrip(".") in quote or quote.rstrip(".") in mine:
            shared = len(values & {round(float(f["value"]), 3) for f in d.get("figures") or []})
            found.append(((d["id"] not in used, shared, len(entities & _refs(d)), -quote.find(mine.rstrip("."))), d))
    return max(found, key=lambda pair: pair[0])[1] if found else None


def seed(scratch: Path) -> tuple[dict[str, Any], Path]:
    base_dir = scratch / "seed"
    base_dir.mkdir()
    for name in ("entities.yaml", "lexicon.yaml"):
        shutil.copy(bundled_path() / name, base_dir / name)
    curated = load_knowledge()
    source = next(iter(curated.sources.values()))
    draft_into(base_dir, source.text, source_id=source.id, publisher=source.publisher, published=source.published,
               url=source.url, title=source.title, lang=source.language or "ru")
    drafted = _draft_facts(base_dir, source.id)
    about = set(load_knowledge(base_dir).sources[source.id].about)  # what every fact concerns implicitly
    text = collapse_spaces(source.text)
    tally: Counter[str] = Counter()
    misses: list[str] = []
    pairs: dict[str, list[str]] = {}  # draft fact id -> the curated facts paired with it
    exact = {collapse_spaces(d["quote"]).rstrip("."): d for d in drafted}
    order = sorted(curated.facts, key=lambda f: collapse_spaces(f.quote).rstrip(".") not in exact)  # exact first
    for fact in order:
        tally["curated"] += 1
        match = _best(fact.quote, drafted, set(fact.entity_ids), set(pairs),
                      {round(f.value, 3) for f in fact.figures})
        if match is None:
            misses.append(f"no draft fact for `{fact.id}`")
            continue
        tally["paired"] += 1
        pairs.setdefault(match["id"], []).append(fact.id)
        date_ok = str(match["date"]) == fact.date.iso
        wrong = bool(match["date"]) and not date_ok
        figures_ok = _figures(list(match.get("figures") or [])) == _figures(
            [{"value": f.value, "qualifier": f.qualifier} for f in fact.figures])
        mine = _refs(match) | about
        entities_ok = set(fact.entity_ids) <= mine
        tally["date"] += date_ok
        tally["date_wrong"] += wrong
        tally["figures"] += figures_ok
        tally["entities"] += entities_ok
        tally["reproduced"] += date_ok and figures_ok and entities_ok
        if not (date_ok and figures_ok and entities_ok):
            what = [w for w, ok in (("date", date_ok), ("figures", figures_ok), ("entities", entities_ok)) if not ok]
            missing = "" if entities_ok else "; missing " + ", ".join(sorted(set(fact.entity_ids) - mine))
            misses.append(f"`{fact.id}`: {', '.join(what)} (draft {match['date'] or '—'} vs {fact.date.iso}{missing})")
    tally["drafted"] = len(drafted)
    tally["not_verbatim"] = sum(1 for d in drafted if collapse_spaces(d["quote"]) not in text)
    tally["undated"] = sum(1 for d in drafted if not d["date"])
    return {"tally": tally, "misses": misses, "pairs": pairs}, base_dir


def fixtures(scratch: Path, *, ner: bool | None = None) -> dict[str, Any]:
    expected: dict[str, list[dict[str, Any]]] = {}
    for line in (FIXTURES / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            expected.setdefault(item["article"], []).append(item)
    tally: Counter[str] = Counter()
    misses: list[str] = []
    for article, items in sorted(expected.items()):
        base_dir = scratch / f"fixture-{article}-{ner}"
        base_dir.mkdir()
        shutil.copy(bundled_path() / "entities.yaml", base_dir / "entities.yaml")
        source_id = Path(article).stem
        published = dt.date.fromisoformat(source_id.split("-", 1)[1])
        draft_into(base_dir, (FIXTURES / article).read_text(encoding="utf-8"), source_id=source_id,
                   publisher="РИА Новости", published=published, ner=ner)
        data = yaml.safe_load((base_dir / "facts" / f"{source_id}.yaml").read_text(encoding="utf-8"))
        drafted = list(data.get("facts") or [])
        names = {e["id"]: e["name"] for e in data.get("entities") or []}
        known = load_knowledge(base_dir).entities
        for item in items:
            tally["statements"] += 1
            match = _best(item["quote"], drafted)
            if match is None:
                misses.append(f"{article}: no draft fact for «{item['quote'][:60]}»")
                continue
            tally["paired"] += 1
            date_ok = str(match["date"]) == item["date"] and bool(match.get("as_of")) == bool(item.get("as_of"))
            tally["date"] += date_ok
            tally["date_wrong"] += bool(match["date"]) and str(match["date"]) != item["date"]
            tally["figures"] += _figures(list(match.get("figures") or [])) == _figures(item.get("figures") or [])
            mine = {_stem(names.get(ref) or (known[ref].name if ref in known else ref))
                    for name in ("participants", "places", "organisations", "related") for ref in match.get(name) or ()}
            want = {_stem(n) for n in item.get("entities") or []}
            tally["names_wanted"] += len(want)
            tally["names_found"] += len(want & mine)
            tally["names_extra"] += len(mine - want)
            if not date_ok:
                misses.append(f"{article}: «{item['quote'][:50]}…» date {match['date'] or '—'}"
                              f"{' as_of' if match.get('as_of') else ''} vs {item['date']}"
                              f"{' as_of' if item.get('as_of') else ''}")
    return {"tally": tally, "misses": misses}


def _stem(name: str) -> str:
    """A name compared by the dictionary form of its last word («Касым-Жомарт Токаев» ~ «Токаев»)."""
    last = name.replace("«", "").replace("»", "").replace('"', "").split()[-1].lower() if name.split() else ""
    return analyse(last).forms[0] if last else ""


def questions(base_dir: Path, pairs: dict[str, list[str]]) -> dict[str, Any]:
    """The labelled sets asked of the drafted base; a draft fact counts as the curated facts paired with it."""
    report = accept(base_dir, everything=True)
    engine = Engine.from_path(base_dir)

    def ask(question: str, **options: Any) -> Answer:
        answer = engine.answer(question, **options)
        items = tuple(dataclasses.replace(item, fact_id=curated) for item in answer.items
                      for curated in pairs.get(item.fact_id, [item.fact_id]))
        suggestions = tuple(dataclasses.replace(s, fact_id=curated) for s in answer.suggestions
                            for curated in pairs.get(s.fact_id, [s.fact_id]))
        return dataclasses.replace(answer, items=items, suggestions=suggestions)

    rows = {}
    for name in QUESTION_SETS:
        result = evaluate(load_labels(ROOT / "tests" / "data" / f"{name}.jsonl"), ask)
        rows[name] = (result.answerable_correct, result.answerable, result.out_of_scope_answered, result.out_of_scope)
    return {"accepted": len(report.accepted), "left": report.left, "rows": rows}


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "drafting.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        seeded, base_dir = seed(scratch)
        fixed = fixtures(scratch)
        by_rules = fixtures(scratch, ner=False)
        by_ner = fixtures(scratch, ner=True) if has_recogniser() else None
        asked = questions(base_dir, seeded["pairs"])
    s, f = seeded["tally"], fixed["tally"]
    lines = [
        "# Drafting facts from an article (bench/drafting.py)", "",
        f"Measured {dt.date.today().isoformat()}. Targets (issue #15.4): ≥ 90 % of curated facts reproduced, "
        "0 dates wrong, 0 quotes not verbatim.", "",
        "## The seed article against the curated base", "",
        "| measure | value |", "|---|---|",
        f"| curated facts paired with a draft fact | {_share(s['paired'], s['curated'])} |",
        f"| — same date | {_share(s['date'], s['curated'])} |",
        f"| — dates wrong (a date given, not the curated one) | {s['date_wrong']} |",
        f"| — same figures | {_share(s['figures'], s['curated'])} |",
        f"| — every curated entity found | {_share(s['entities'], s['curated'])} |",
        f"| **reproduced (date, figures and entities)** | **{_share(s['reproduced'], s['curated'])}** |",
        f"| draft facts / left without a date | {s['drafted']} / {s['undated']} |",
        f"| quotes not verbatim | {s['not_verbatim']} |", "",
        "## Fixture articles (tests/fixtures/articles, written by a helper who saw no drafter code)", "",
        "First run: dates 46/48 with 1 wrong, names 70/86; two rules were made on seeing those misses, so these "
        "figures are a regression set now, not an independent measurement (their README).", "",
        "| measure | value |", "|---|---|",
        f"| statements paired | {_share(f['paired'], f['statements'])} |",
        f"| same date (and `as_of`) | {_share(f['date'], f['statements'])} |",
        f"| dates wrong | {f['date_wrong']} |",
        f"| same figures | {_share(f['figures'], f['statements'])} |",
        f"| names found | {_share(f['names_found'], f['names_wanted'])} |", "",
        "New names: natasha's recogniser against the rules (entities linked to the base alike; *extra*: names "
        "a draft gives that the statement's expected names do not include):", "",
        "| new names by | names found | extra names |", "|---|---|---|",
        *[f"| {label} | {_share(t['names_found'], t['names_wanted'])} | {t['names_extra']} |"
          for label, t in (("rules", by_rules["tally"]), ("natasha NER", by_ner["tally"] if by_ner else None))
          if t is not None], "",
        "## Questions answered from the drafted base alone", "",
        f"Every draft accepted that could be ({asked['accepted']}; {asked['left']} left pending: no date or topic).",
        "", "| set | answerable right | out of scope answered |", "|---|---|---|",
        *[f"| {name} | {_share(r, a)} | {_share(o, n)} |" for name, (r, a, o, n) in asked["rows"].items()],
        "", "(heldout3 is a spent held-out set, a regression set now: the engine was not tuned on these runs.)", "",
        "## Where the seed draft differs", "", *[f"- {m}" for m in seeded["misses"]], "",
        "## Where the fixture drafts differ in date", "", *[f"- {m}" for m in fixed["misses"]], "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
