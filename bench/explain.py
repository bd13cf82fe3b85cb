"""Why the engine answered what it did: the parsed question and the best-scored facts.

    python bench/explain.py "вопрос" ["вопрос" ...]
"""

from __future__ import annotations

import sys

from knowledge.engine import Engine
from knowledge.search.query import parse_query
from knowledge.search.scoring import rank


def main() -> int:
    engine = Engine.from_path()
    for question in sys.argv[1:]:
        query = parse_query(question, engine.index)
        answer = engine.answer(question)
        print(f"\n=== {question}\n    -> {answer.kind} answered={answer.answered} score={answer.score} {answer.facts}")
        print(f"    terms={[(t.word, t.lemmas, round(t.weight, 2), t.noun) for t in query.terms]}")
        print(f"    entities={sorted(query.entities)} soft={sorted(query.soft_entities)}"
              f" about={sorted(query.about_refs)}"
              f" places={sorted(query.place_refs)} years={sorted(query.years)} months={sorted(query.months)}"
              f" days={sorted(query.days)} numbers={sorted(query.numbers)} type={query.answer_type}"
              f" list={query.list_intent} unknown={query.unknown_names}")
        for scored in rank(query, engine.index)[:4]:
            print(f"    {scored.score:5.1f} cov={scored.coverage:.2f} allowed={scored.allowed}"
                  f" complete={scored.complete} matched={sorted(scored.matched)} {scored.entry.fact.id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
