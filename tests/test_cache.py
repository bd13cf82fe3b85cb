"""knowledge.search.cache: the compiled base on disk holds an index per language; a start reads it, not builds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import knowledge.engine
import knowledge.search.cache
from knowledge.engine import Engine
from knowledge.search.cache import FORMAT, content_key, load_compiled


def refuse_to_build(*args: object, **kwargs: object) -> None:
    raise AssertionError("built an index although the cache holds it")


def test_the_cache_holds_both_languages_and_is_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, indexes = load_compiled(cache_dir=tmp_path)
    assert set(indexes) == {"ru", "en"} and indexes["en"].lang == "en"
    assert all(index.base is base for index in indexes.values())
    monkeypatch.setattr(knowledge.search.cache, "build_indexes", refuse_to_build)
    again, cached = load_compiled(cache_dir=tmp_path)
    assert set(cached) == {"ru", "en"} and cached["en"].base is again  # one base shared, as pickled together


def test_an_engine_from_the_cache_answers_english_without_building(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(cache_dir=tmp_path)
    monkeypatch.setattr(knowledge.engine, "build_index", refuse_to_build)
    engine = Engine.from_path(use_cache=True, cache_dir=tmp_path).prepare()
    answer = engine.answer("when were diplomatic relations established?")
    assert answer.answered and answer.lang == "en"


def test_a_cache_file_of_an_older_layout_is_rebuilt(tmp_path: Path) -> None:
    base, indexes = load_compiled(cache_dir=tmp_path)
    target = tmp_path / f"{content_key(None)}.pickle"
    target.write_bytes(pickle.dumps((FORMAT, base, indexes["ru"])))  # one index, as before languages
    _, rebuilt = load_compiled(cache_dir=tmp_path)
    assert set(rebuilt) == {"ru", "en"}
