"""Why the engine answered what it did: the parsed question and the best-scored facts.

    python bench/explain.py "вопрос" ["вопрос" ...]
"""

from __future__ import annotations

import sys

from knowledge.engine import Engine
from knowledge.search.query import parse_query
from knowledge.search.scoring import rank
from knowledge.text.language import detect_language


def main() -> int:
    russian = Engine.from_path()
    for question in sys.argv[1:]:
        engine = russian.sibling(detect_language(question))  # read as the engine reads it: in its own language
        query = parse_query(engine._spell_out(question), engine.index)  # as the engine reads it (base rewrites)
        answer = engine.answer(question)
        print(f"\n=== {question}\n    -> {answer.kind} answered={answer.answered} score={answer.score} {answer.facts}")
        print(f"    terms={[(t.word, t.lemmas, round(t.weight, 2), t.noun) for t in query.words.terms]}")
        print(f"    entities={sorted(query.scope.entities)} soft={sorted(query.scope.soft_entities)}"
              f" about={sorted(query.scope.about_refs)}"
              f" places={sorted(query.scope.place_refs)} years={sorted(query.scope.years)}"
              f" months={sorted(query.scope.months)} days={sorted(query.scope.days)}"
              f" numbers={sorted(query.scope.numbers)} type={query.intent.answer_type}"
              f" list={query.intent.list_intent} unknown={query.words.unknown_names}")
        for scored in rank(query, engine.index)[:4]:
            print(f"    {scored.score:5.1f} cov={scored.coverage:.2f} allowed={scored.allowed}"
                  f" complete={scored.complete} matched={sorted(scored.matched)} {scored.entry.fact.id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
