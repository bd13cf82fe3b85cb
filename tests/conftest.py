"""Shared fixtures: a valid base on disk, the CLI run in-process, and the broken-base check."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from builders import write_base

from bot.cli import main
from knowledge import check_knowledge
from knowledge.loader import Limits
from knowledge.validate import Problem

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>[1-9][0-9]*): (?P<message>\S.*)$")
SUMMARY_LINE = re.compile(r"^[1-9][0-9]* problems? found$")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    """A minimal valid fact base (see tests/builders.py)."""
    return write_base(tmp_path)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[[Sequence[str]], CliResult]:
    """Run ``factbot ARGS`` in-process; never a traceback, whatever the outcome."""

    def run(argv: Sequence[str]) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in captured.out, captured.err
        return CliResult(code, captured.out, captured.err)

    return run


BrokenCheck = Callable[..., Problem]


@pytest.fixture
def expect_problem(run_cli: Callable[[Sequence[str]], CliResult]) -> BrokenCheck:
    """Assert a base is rejected with a ``file:line: message`` problem, by the API and by the CLI.

    ``expect_problem(root, file, line, *words, only=True, limits=None)``: ``file`` is the
    path of the faulty file (absolute, or relative to ``root``); ``words`` must all
    appear in the message. With ``only`` the problem must be the only one found.
    Returns the matching Problem.
    """

    def check(
        root: Path,
        file: Path | str,
        line: int,
        *words: str,
        only: bool = True,
        limits: Limits | None = None,
    ) -> Problem:
        path = Path(file) if Path(file).is_absolute() else root / file
        base, problems = check_knowledge(root, limits=limits)
        assert base is None, "the broken base was accepted"
        matching = [
            p for p in problems
            if p.file == str(path) and p.line == line and all(w in p.message for w in words)
        ]
        shown = "\n".join(map(str, problems))
        assert matching, f"no problem at {path}:{line} containing {words}; got:\n{shown}"
        if only:
            assert len(problems) == 1, f"expected exactly one problem, got:\n{shown}"
        problem = matching[0]
        assert str(problem) == f"{path}:{line}: {problem.message}"

        if limits is None:  # the CLI uses the default limits
            result = run_cli(["check", str(root)])
            assert result.code == 1
            assert result.out == ""
            lines = result.err.splitlines()
            assert lines, "the CLI printed nothing"
            assert SUMMARY_LINE.match(lines[-1]), lines[-1]
            assert lines[-1].startswith(f"{len(problems)} problem")
            for printed in lines[:-1]:
                assert PROBLEM_LINE.match(printed), f"not a file:line: message line: {printed!r}"
            assert str(problem) in lines[:-1]
        return problem

    return check
