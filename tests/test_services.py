"""What handlers are given: flood control (FloodGate) and the reloadable engine (EngineHolder)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from builders import FACTS_YAML, LEXICON_YAML, VALID_FACT_COUNT, fact_yaml, replace_once, write_base

from handlers.services import FloodGate
from knowledge.base.loader import Limits, load_knowledge
from knowledge.engine import Engine, EngineSettings
from knowledge.holder import BaseDiff, EngineHolder, diff_bases

USER, OTHER = 1, 2

# --------------------------------------------------------------------------- FloodGate


def test_flood_gate_allows_the_limit_then_warns_once_then_drops() -> None:
    gate = FloodGate(limit=3, window=60)
    assert [gate.check(USER, 0.0 + n) for n in range(6)] == ["ok", "ok", "ok", "warn", "drop", "drop"]
    assert gate.check(OTHER, 5.0) == "ok"  # per user


def test_flood_gate_opens_again_when_the_window_has_passed() -> None:
    gate = FloodGate(limit=2, window=10)
    assert [gate.check(USER, t) for t in (0.0, 1.0, 2.0)] == ["ok", "ok", "warn"]
    assert gate.check(USER, 12.5) == "ok"  # 0, 1 and 2 are out of the window
    assert gate.check(USER, 13.0) == "ok"
    assert gate.check(USER, 13.5) == "warn"  # a new flood is warned about again
    assert gate.check(USER, 14.0) == "drop"


def test_a_sliding_window_not_fixed_buckets() -> None:
    gate = FloodGate(limit=2, window=10)
    assert gate.check(USER, 9.0) == "ok"
    assert gate.check(USER, 11.0) == "ok"
    assert gate.check(USER, 12.0) == "warn"  # 9, 11, 12 are within ten seconds, across any bucket edge
    assert gate.check(USER, 21.5) == "ok"  # 9 and 11 have left the window; 12 and 21.5 are two


def test_a_dropped_message_does_not_extend_the_window() -> None:
    gate = FloodGate(limit=1, window=10)
    assert gate.check(USER, 0.0) == "ok"
    assert gate.check(USER, 5.0) == "warn"
    assert gate.check(USER, 9.0) == "drop"
    assert gate.check(USER, 10.0) == "ok"  # only the accepted message at 0 counted: it has left the window


def test_a_user_who_never_stops_is_let_through_as_the_window_slides_and_held_in_bounded_memory() -> None:
    gate = FloodGate(limit=3, window=10)
    verdicts = [gate.check(USER, n * 0.5) for n in range(20_000)]  # two messages a second for ~3 hours
    assert verdicts.count("ok") == 3 * (10_000 // 10)  # three per ten seconds, all along
    assert len(gate._seen[USER]) <= 3
    assert verdicts.count("warn") == verdicts.count("ok") // 3  # one notice per flood, not per message


def test_users_whose_window_has_passed_are_forgotten() -> None:
    """A bot seen by a million users once each must not remember them all."""
    gate = FloodGate(limit=2, window=10, sweep_every=100)
    for user in range(1, 100):
        assert gate.check(user, float(user) * 0.01) == "ok"
    assert gate.tracked() == 99
    assert gate.check(USER, 100.0) == "ok"  # the 100th check sweeps: everyone else is long out of the window
    assert gate.tracked() == 1


def test_a_sweep_keeps_who_is_still_in_the_window() -> None:
    gate = FloodGate(limit=1, window=10, sweep_every=3)
    assert [gate.check(USER, t) for t in (0.0, 1.0)] == ["ok", "warn"]
    assert gate.check(OTHER, 2.0) == "ok"  # the third check sweeps, but USER's messages are recent
    assert gate.check(USER, 3.0) == "drop"  # still warned, still within the window


@pytest.mark.parametrize("times", [
    (0.0, 0.0, 0.0, 0.0),
    (0.0, 10.0, 20.0, 30.0),
    (0.0, 50.0, 55.0, 59.0),
    (0.0, 1.0, 2.0, 3.0, 4.0, 5.0),
])
def test_retry_after_is_long_enough_and_not_longer(times: tuple[float, ...]) -> None:
    """The notice says when to come back: a message then is answered, one a second earlier is not."""
    gate = FloodGate(limit=3, window=60)
    verdicts = [gate.check(USER, t) for t in times]
    assert "warn" in verdicts
    now = times[-1]
    wait = gate.retry_after(USER, now)
    assert wait >= 1

    def verdict_at(later: float) -> str:
        probe = FloodGate(limit=3, window=60)
        for t in times:
            probe.check(USER, t)
        return probe.check(USER, later)

    assert verdict_at(now + wait) == "ok"
    assert verdict_at(now + wait - 1.5) != "ok"


# --------------------------------------------------------------------------- EngineHolder and diff_bases


def holder_on(kb: Path) -> EngineHolder:
    return EngineHolder(Engine.from_path(kb), path=kb, settings=EngineSettings(), limits=Limits())


def test_reload_of_a_changed_base_swaps_the_engine_and_counts_changes(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    holder = holder_on(kb)
    old, loaded_at = holder.engine, holder.loaded_at
    facts = kb / "facts" / "facts.yaml"
    text = replace_once(FACTS_YAML, "достиг почти 4,4 млрд долларов.", "достиг почти 4,4 миллиарда долларов.")
    text = text.replace("  - id: talks-2024\n", fact_yaml("talks-2024-more") + "  - id: talks-2024\n")
    facts.write_text(text, encoding="utf-8")

    result = holder.reload()
    assert result.ok and result.problems == ()
    assert result.facts == VALID_FACT_COUNT + 1
    assert result.diff == BaseDiff(added=1, removed=0, changed=1)
    assert holder.engine is not old and len(holder.engine.base.facts) == VALID_FACT_COUNT + 1
    assert holder.loaded_at >= loaded_at
    assert holder.engine.answer("товарооборот 2023").items[0].text.endswith("4,4 миллиарда долларов.")
    assert old.answer("товарооборот 2023").items[0].text.endswith("4,4 млрд долларов.")  # the old one is intact


def test_reload_of_an_unchanged_base_reports_no_changes(tmp_path: Path) -> None:
    holder = holder_on(write_base(tmp_path))
    result = holder.reload()
    assert result.ok and result.diff == BaseDiff(0, 0, 0) and result.facts == VALID_FACT_COUNT


def test_reload_of_a_broken_base_keeps_the_old_engine(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    holder = holder_on(kb)
    old, loaded_at = holder.engine, holder.loaded_at
    facts = kb / "facts" / "facts.yaml"
    facts.write_text(replace_once(FACTS_YAML, "    source: test-source\n    questions: [товарооборот",
                                  "    source: nowhere\n    questions: [товарооборот"), encoding="utf-8")
    result = holder.reload()
    assert not result.ok
    assert result.facts == VALID_FACT_COUNT and result.diff == BaseDiff(0, 0, 0)
    assert result.problems and all(p.file == str(facts) and p.line >= 1 for p in result.problems)
    assert "nowhere" in str(result.problems[0])
    assert holder.engine is old and holder.loaded_at == loaded_at
    assert holder.engine.answer("товарооборот 2023").answered


def test_reload_of_a_vanished_base_keeps_the_old_engine(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    holder = holder_on(kb)
    old = holder.engine
    holder.path = tmp_path / "gone"
    result = holder.reload()
    assert not result.ok and result.problems and holder.engine is old


def test_reload_with_yaml_syntax_errors_reports_file_and_line(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    holder = holder_on(kb)
    (kb / "facts" / "facts.yaml").write_text(FACTS_YAML + "  - id: [unclosed\n", encoding="utf-8")
    result = holder.reload()
    assert not result.ok
    assert any(p.file.endswith("facts.yaml") and p.line > 1 for p in result.problems)


def test_concurrent_reloads_each_see_a_whole_base(tmp_path: Path) -> None:
    kb = write_base(tmp_path)
    holder = holder_on(kb)
    results = []
    threads = [threading.Thread(target=lambda: results.append(holder.reload())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(results) == 4 and all(r.ok and r.facts == VALID_FACT_COUNT for r in results)


def test_diff_bases_counts_added_removed_and_changed(tmp_path: Path) -> None:
    old = load_knowledge(write_base(tmp_path, name="old"))
    text = FACTS_YAML.replace("  - id: relations-1992\n", fact_yaml("new-1") + fact_yaml("new-2")
                              + "  - id: relations-1992\n")
    start = text.index("  - id: talks-2024\n")
    text = text[:start]  # talks-2024 removed
    text = replace_once(text, "Дипломатические отношения между Россией и Азербайджаном",
                        "Дипломатические отношения России и Азербайджана")
    new = load_knowledge(write_base(tmp_path, name="new", facts=text))
    assert diff_bases(old, new) == BaseDiff(added=2, removed=1, changed=1)
    assert diff_bases(new, old) == BaseDiff(added=1, removed=2, changed=1)
    assert diff_bases(old, old) == BaseDiff(0, 0, 0)


def test_an_isolated_reload_parses_in_a_child_and_only_loads_the_compiled_base_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.search.cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kb = write_base(tmp_path, lexicon=LEXICON_YAML)  # declares the topics: «nonsense» below is not one
    holder = EngineHolder(Engine.from_path(kb), path=kb, limits=Limits(), use_cache=True, isolate=True)
    facts = kb / "facts" / "facts.yaml"
    facts.write_text(replace_once(FACTS_YAML, "достиг почти 4,4 млрд долларов.", "достиг почти 4,4 миллиарда."),
                     encoding="utf-8")

    def parsed_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("the base was parsed in the serving process")

    monkeypatch.setattr(knowledge.search.cache, "load_knowledge", parsed_here)
    result = holder.reload()
    assert result.ok and result.diff.changed == 1
    assert any("4,4 миллиарда" in f.text for f in holder.engine.base.facts)

    facts.write_text(replace_once(FACTS_YAML, "topic: trade", "topic: nonsense"), encoding="utf-8")
    serving = holder.engine
    broken = holder.reload()  # the child's problems come back with their file and line
    assert not broken.ok and holder.engine is serving
    assert broken.problems and broken.problems[0].file == str(facts) and broken.problems[0].line > 1


def test_a_reload_child_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.holder import build_in_child

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kb = write_base(tmp_path)
    started = time.monotonic()
    [problem] = build_in_child(kb, Limits(), timeout=0.01)  # far too short for a child to even start
    assert "took longer than" in problem.message and time.monotonic() - started < 10
