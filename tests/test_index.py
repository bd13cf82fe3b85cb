"""The compiled index (knowledge/search/index.py): what a fact's entry says about it."""

from __future__ import annotations


def test_several_is_no_amount_but_several_hundred_is() -> None:
    from knowledge.search.index import _states_quantity
    from knowledge.text.language import lexicon_for

    lx = lexicon_for("ru")
    assert not _states_quantity([("несколько",), ("раунд",), ("переговоры",)], lx)
    assert _states_quantity([("несколько",), ("сотня",), ("студент",)], lx)
    assert _states_quantity([("около",), ("800",), ("компания",)], lx)
