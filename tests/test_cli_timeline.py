"""`factbot timeline`: the bot's /timeline in the terminal."""

from __future__ import annotations

import json

from knowledge.engine import Engine


def test_timeline_of_a_year_in_order_with_dates(run_cli, bundled_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(["timeline", "2022"])
    assert result.code == 0
    assert result.out.startswith("Хронология: 2022 год — ")
    found = bundled_engine.timeline("2022")
    assert found is not None
    positions = [result.out.index(f"• {f.date.label()} — {f.text}") for f in found.facts]
    assert positions == sorted(positions)
    assert "Источник: РИА Новости" in result.out


def test_timeline_json_one_object_per_event(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(["timeline", "--json", "Лавров", "2023"])
    assert result.code == 0
    records = [json.loads(line) for line in result.out.splitlines()]
    assert records and all("lavrov" in {p["id"] for p in r["participants"]} for r in records)
    assert all(r["date"].startswith("2023") for r in records)
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)


def test_an_unclear_request_exits_1_with_a_hint(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(["timeline", "абракадабра"])
    assert result.code == 1 and "try a year" in result.err and result.out == ""
