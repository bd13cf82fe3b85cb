"""The calibrated decision (knowledge/decision): its weights file, its probabilities, and how the engine uses them.

Engine tests use the small base of tests/builders.py and weights written here, so they test the mechanism
(demote a doubtful rule answer, promote a trusted declined lookup), not the fitted numbers.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from builders import write_base

from knowledge.decision.features import Features, reading_of
from knowledge.decision.model import DecisionModelError, load_model, parse_model
from knowledge.engine import Engine
from knowledge.search.query import parse_query
from knowledge.settings import EngineSettings

NEUTRAL = Features(score=0.5, margin=0.1, coverage=0.5, complete=1.0, closeness=0.5, unexplained=0.5, unknown=0.0,
                   unknown_names=0.0, constraints=1.0, ranked_first=1.0, strong=0.2, rules_answer=1.0,
                   list_reading=0.0, special_reading=0.0)


def weights(tmp_path: Path, intercept: float, **coefficients: float) -> str:
    """A weights file whose probability is the intercept's (plus the given coefficients on raw features)."""
    coefficients = coefficients or {"score": 0.0}
    data = {"threshold": 0.5, "keep_threshold": 0.5, "intercept": intercept, "coefficients": coefficients,
            "scaling": {name: {"mean": 0.0, "scale": 1.0} for name in coefficients}}
    path = tmp_path / f"weights-{intercept}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_base(tmp_path)


def engine_with(base: Path, weights_file: str, **settings: object) -> Engine:
    return Engine.from_path(base, EngineSettings(decision="model", decision_weights=weights_file,
                                                 **settings))  # type: ignore[arg-type]


# -- the weights file ----------------------------------------------------------------------------------------
def test_the_bundled_weights_load_and_say_how_they_were_fitted() -> None:
    model = load_model()
    assert set(model.names) <= set(Features.names())
    assert 0 < model.threshold < 1 and 0 <= model.keep_threshold <= 1
    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "knowledge" / "decision" / "weights.yaml")
                          .read_text(encoding="utf-8"))
    assert data["cross_validation"]["grouped_by"] == "fact"
    assert "questions" in data["fitted_on"]["sets"]


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("intercept"), "missing intercept"),
    (lambda d: d["coefficients"].update(bogus=1.0), "unknown features ['bogus']"),
    (lambda d: d["coefficients"].update(score="high"), "coefficients.score: expected a finite number"),
    (lambda d: d["scaling"]["score"].update(scale=0), "scaling.score.scale must be positive"),
    (lambda d: d["scaling"].pop("score"), "scaling.score must be a mapping"),
    (lambda d: d.update(threshold=1.5), "threshold must be a probability"),
    (lambda d: d.update(keep_threshold=True), "keep_threshold: expected a finite number"),
])
def test_a_malformed_weights_file_is_a_clear_error(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(Path(weights(tmp_path, 0.0, score=1.0)).read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DecisionModelError, match=message.replace("[", r"\[").replace("]", r"\]")) as error:
        load_model(path)
    assert str(path) in str(error.value)


def test_a_weights_file_that_is_no_yaml_mapping_or_missing_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("coefficients: [unclosed\n", encoding="utf-8")
    with pytest.raises(DecisionModelError, match="not valid YAML"):
        load_model(bad)
    with pytest.raises(DecisionModelError, match="expected a mapping"):
        parse_model(["a", "list"])
    with pytest.raises(DecisionModelError, match="cannot read"):
        load_model(tmp_path / "absent.yaml")


# -- probabilities -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [n for n in Features.names() if n != "semantic"])
def test_the_probability_moves_with_the_sign_of_each_weight(name: str) -> None:
    model = load_model()
    weight = dict(zip(model.names, model.coefficients, strict=True)).get(name, 0.0)
    low, high = (model.probability(dataclasses.replace(NEUTRAL, **{name: value})) for value in (0.0, 1.0))
    if weight > 0:
        assert high > low
    elif weight < 0:
        assert high < low
    else:
        assert high == low


def test_a_positive_weight_raises_the_probability_step_by_step(tmp_path: Path) -> None:
    model = load_model(weights(tmp_path, -1.0, coverage=4.0, strong=-2.0))
    ladder = [model.probability(dataclasses.replace(NEUTRAL, coverage=c / 10)) for c in range(11)]
    assert ladder == sorted(ladder) and ladder[0] < 0.5 < ladder[-1]
    assert model.probability(dataclasses.replace(NEUTRAL, strong=1.0)) < model.probability(NEUTRAL)
    assert 0.0 <= load_model(weights(tmp_path, -1000.0)).probability(NEUTRAL) < 1e-9  # no overflow far out


def test_the_bars_differ_for_a_rule_answer_and_a_declined_lookup(tmp_path: Path) -> None:
    data = yaml.safe_load(Path(weights(tmp_path, 0.0)).read_text(encoding="utf-8"))  # P = 0.5 everywhere
    model = parse_model({**data, "threshold": 0.6, "keep_threshold": 0.4})
    assert model.confident(NEUTRAL)  # a rule answer is kept from 0.4
    assert not model.confident(dataclasses.replace(NEUTRAL, rules_answer=0.0))  # a decline is answered from 0.6
    assert model.confident(dataclasses.replace(NEUTRAL, rules_answer=0.0), threshold=0.5)


# -- the engine ----------------------------------------------------------------------------------------------
def test_a_doubtful_rule_answer_is_demoted_with_its_fact_offered_first(base: Path, tmp_path: Path) -> None:
    rules = Engine.from_path(base, EngineSettings(decision="rules"))
    kept = rules.answer("когда установили дипотношения")
    assert kept.answered and kept.facts == ("relations-1992",)
    doubtful = engine_with(base, weights(tmp_path, -5.0)).answer("когда установили дипотношения")
    assert not doubtful.answered and doubtful.kind == "suggest"
    assert doubtful.suggestions[0].fact_id == "relations-1992"
    trusted = engine_with(base, weights(tmp_path, 5.0)).answer("когда установили дипотношения")
    assert trusted.answered and trusted.facts == ("relations-1992",)


def test_a_trusted_declined_lookup_is_promoted(base: Path, tmp_path: Path) -> None:
    strict = {"answer_threshold": 99.0}  # the rules answer nothing: they suggest
    declined = Engine.from_path(base, EngineSettings(decision="rules", **strict)).answer("товарооборот 2023")  # type: ignore[arg-type]
    assert not declined.answered and declined.suggestions[0].fact_id == "trade-2023"
    promoted = engine_with(base, weights(tmp_path, 5.0), **strict).answer("товарооборот 2023")
    assert promoted.answered and promoted.kind == "answer" and promoted.facts == ("trade-2023",)
    assert "4,4" in promoted.reply
    doubted = engine_with(base, weights(tmp_path, -5.0), **strict).answer("товарооборот 2023")
    assert not doubted.answered and doubted.suggestions[0].fact_id == "trade-2023"


def test_a_list_told_by_one_fact_is_promoted_unless_it_names_other_things(base: Path, tmp_path: Path) -> None:
    strict = {"answer_threshold": 99.0}  # the rules answer nothing: they suggest
    question = "какие миллиарды долларов принес товарооборот в 2023 году"
    assert reading_of(parse_query(question, Engine.from_path(base).index)) == "list"
    eager = engine_with(base, weights(tmp_path, 5.0), **strict)
    assert eager.answer(question).facts == ("trade-2023",)  # the one fact naming what is to be listed
    assert not eager.answer("какие банки принесли товарооборот в 2023 году").answered  # it names no bank
    doubted = engine_with(base, weights(tmp_path, -5.0), **strict).answer(question)
    assert not doubted.answered


def test_an_announced_event_or_a_mismatched_constraint_is_never_promoted(base: Path, tmp_path: Path) -> None:
    eager = engine_with(base, weights(tmp_path, 5.0), answer_threshold=99.0)
    assert not eager.answer("переговоры путина и алиева в понедельник").answered  # planned: not a plain lookup
    assert not eager.answer("товарооборот 2019").answered  # the year disagrees: never asserted


def test_the_rules_setting_ignores_the_model(base: Path, tmp_path: Path) -> None:
    rules = Engine.from_path(base, EngineSettings(decision="rules", decision_weights=weights(tmp_path, -5.0)))
    assert rules.answer("когда установили дипотношения").answered


def test_a_decline_offers_the_best_fact_first(base: Path, tmp_path: Path) -> None:
    engine = engine_with(base, weights(tmp_path, -5.0), answer_threshold=99.0)
    declined = engine.answer("дата дипломатических отношений россии")
    assert not declined.answered
    assert declined.suggestions and declined.suggestions[0].fact_id == "relations-1992"


def test_a_list_question_is_read_as_a_list_and_a_ranking_as_special(base: Path) -> None:
    engine = Engine.from_path(base)
    assert reading_of(parse_query("когда установили дипотношения", engine.index)) == "lookup"
    assert reading_of(parse_query("все встречи путина и алиева", engine.index)) == "list"
    assert reading_of(parse_query("последняя встреча путина и алиева", engine.index)) == "special"


def test_meaning_agreeing_with_the_words_is_a_feature(base: Path) -> None:
    """The chosen fact closest in meaning among the allowed ones: semantic_first 1 and a positive margin."""
    import dataclasses

    from knowledge.decision.features import compute
    from knowledge.search.scoring import rank

    engine = Engine.from_path(base)
    query = engine._parse("когда установлены дипломатические отношения и товарооборот", engine.today())
    ranked = [dataclasses.replace(s, allowed=True) for s in rank(query, engine.index)[:2]]
    assert len(ranked) == 2
    first, second = dataclasses.replace(ranked[0], semantic=0.8), dataclasses.replace(ranked[1], semantic=0.6)
    agreeing = compute(query, [first, second], first, reading="lookup", rules_answer=True)
    assert agreeing.semantic_first == 1.0 and abs(agreeing.semantic_margin - 0.2) < 1e-9
    other = dataclasses.replace(second, semantic=0.9)
    disagreeing = compute(query, [first, other], first, reading="lookup", rules_answer=True)
    assert disagreeing.semantic_first == 0.0 and disagreeing.semantic_margin < 0
    unmeasured = compute(query, [ranked[0], ranked[1]], ranked[0], reading="lookup", rules_answer=True)
    assert (unmeasured.semantic, unmeasured.semantic_first, unmeasured.semantic_margin) == (0.0, 0.0, 0.0)
