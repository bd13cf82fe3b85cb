"""bench/quality.py's bookkeeping: it rewrites only its own block of the README, and the held-out run records it
writes read back as they were written (the README's held-out row comes from them when the set is not run).

The labelled sets are not run here: that is the benchmark itself, not a unit under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

import pytest
from builders import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "quality.py"


@pytest.fixture(scope="module")
def quality() -> ModuleType:
    return load_script(SCRIPT)


def readme(quality: ModuleType, inside: str) -> str:
    return (f"# factbot\n\nintro\n\n## Quality\n\n{quality.BEGIN}\n{inside}\n{quality.END}\n\n"
            "Prose below the table stays.\n\n## Speed\n\nfast\n")


def test_the_block_between_the_markers_is_replaced_and_nothing_else(quality: ModuleType) -> None:
    before = readme(quality, "| old | table |\n| --- | --- |")
    after = quality.replace_block(before, "| new | table |\n")
    assert after == readme(quality, "| new | table |")
    head, tail = before.split(quality.BEGIN)[0], before.split(quality.END)[1]
    assert after.startswith(head + quality.BEGIN) and after.endswith(quality.END + tail)
    assert quality.replace_block(after, "| new | table |") == after  # a second run changes nothing


@pytest.mark.parametrize("text", [
    "## Quality\n\nno markers at all\n",
    "## Quality\n\n<!-- quality:begin -->\nonly the beginning\n",
    "## Quality\n\nonly the end\n<!-- quality:end -->\n",
    "<!-- quality:begin -->\na\n<!-- quality:end -->\n<!-- quality:begin -->\nb\n<!-- quality:end -->\n",
    "<!-- quality:end -->\nreversed\n<!-- quality:begin -->\n",
])
def test_missing_or_broken_markers_are_a_clear_error(quality: ModuleType, text: str) -> None:
    with pytest.raises(ValueError, match="quality:"):
        quality.replace_block(text, "| new |")


def test_the_project_readme_has_one_quality_block(quality: ModuleType) -> None:
    text = quality.README.read_text(encoding="utf-8")
    assert text.count(quality.BEGIN) == 1 and text.count(quality.END) == 1
    assert text.index(quality.BEGIN) > text.index("## Quality")


def test_a_heldout_run_record_round_trips(quality: ModuleType) -> None:
    figures = quality.Figures((70, 211), (9, 66), {"paraphrase": (4, 42), "en-plain": (7, 9), "en-yesno": (1, 6)})
    stripped = quality.Figures((60, 211), (8, 66), {"paraphrase": (2, 42)})
    runs = [
        quality.HeldoutRun(1, dt.date(2026, 12, 6), "before #14", figures),
        quality.HeldoutRun(2, dt.date(2027, 1, 15), "engine of commit abc1234 «с кавычками»", figures, stripped),
    ]
    text = "# Runs\n\n## Run 1\n\n```\nfigures\n```\n" + "\n\nprose\n\n".join(run.to_line() for run in runs) + "\n"
    assert quality.parse_runs(text) == runs
    assert all(line.count("\n") == 0 for line in map(quality.HeldoutRun.to_line, runs))  # one line each


def test_the_recorded_first_run_is_readable(quality: ModuleType) -> None:
    """The README's held-out row is built from this file when the set is not run."""
    runs = quality.parse_runs(quality.HELDOUT_RUNS.read_text(encoding="utf-8"))
    first = runs[0]
    assert (first.number, first.date) == (1, dt.date(2026, 12, 6))
    assert first.figures.answerable == (70, 211) and first.figures.out_of_scope == (9, 66)
    assert sum(total for _, total in first.figures.by_kind.values()) == 211 + 66
    row = quality.heldout_row(first)
    assert "33.2 % (70/211)" in row and "13.6 % (9/66)" in row and "41 % (14/34)" in row  # English: 34 questions
