"""The ``factbot`` command line: check, facts --json, --version, --help."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import FACTS_FILE, FACTS_YAML, LEXICON_YAML, SOURCES_YAML, VALID_FACT_COUNT, replace_once, write_base
from conftest import PROBLEM_LINE

from bot import __version__
from bot.cli import main
from knowledge import bundled_path, check_knowledge, load_knowledge
from knowledge.base.loader import knowledge_warnings

SUMMARY = re.compile(r"^(?P<facts>[1-9][0-9]*) facts, 1 source, (?P<entities>[1-9][0-9]*) entities: OK$")
SUMMARY_WITH_WARNINGS = re.compile(
    r"^(?P<facts>[1-9][0-9]*) facts, 1 source, (?P<entities>[1-9][0-9]*) entities: OK, "
    r"(?P<warnings>1 warning|(?:[2-9]|[1-9][0-9]+) warnings)$"
)
FACT_FIELDS = {"id", "topic", "date", "text", "quote", "participants", "places", "figures", "source"}
SOURCE_FIELDS = {"publisher", "title", "published", "url"}


# ---- check -----------------------------------------------------------------------------


def test_bundled_base_passes_with_a_one_line_summary(run_cli) -> None:
    result = run_cli(["check"])
    assert result.err == ""
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    base = load_knowledge()
    assert int(match["facts"]) == len(base.facts)
    assert int(match["entities"]) == len(base.entities)


def test_factbot_script_checks_the_bundled_base() -> None:
    script = Path(sys.executable).parent / "factbot"
    assert script.is_file(), "the project is installed with its `factbot` script"
    completed = subprocess.run([str(script), "check"], capture_output=True, text=True, encoding="utf-8",
                               timeout=120, check=False)
    assert "Traceback" not in completed.stderr
    assert completed.returncode == 0, completed.stderr
    assert SUMMARY.match(completed.stdout.strip())
    assert completed.stdout.count("\n") == 1


def test_check_of_a_valid_directory_and_of_a_single_file(tmp_path: Path, run_cli) -> None:
    root = write_base(tmp_path)
    result = run_cli(["check", str(root)])
    assert result.code == 0
    assert result.err.count(": warning: ") == VALID_FACT_COUNT  # the builder base has no English
    assert result.out == f"{VALID_FACT_COUNT} facts, 1 source, 4 entities: OK, {VALID_FACT_COUNT} warnings\n"

    alone = write_base(tmp_path, name="alone", entities=None, facts=None)
    only_sources = run_cli(["check", str(alone / "sources.yaml")])
    assert only_sources.code == 1  # `about` names entities the file does not have
    assert f"{alone / 'sources.yaml'}:" in only_sources.err


def test_summary_pluralises_sources(tmp_path: Path, run_cli) -> None:
    second = replace_once(SOURCES_YAML, "  - id: test-source\n", "  - id: test-source-2\n")
    root = write_base(tmp_path, files={"more-sources.yaml": second})
    result = run_cli(["check", str(root)])
    assert result.code == 0, result.err
    assert result.out == f"{VALID_FACT_COUNT} facts, 2 sources, 4 entities: OK, {VALID_FACT_COUNT} warnings\n"


def test_check_reports_every_problem_then_a_count(tmp_path: Path, run_cli) -> None:
    facts = replace_once(FACTS_YAML, "    topic: trade\n", "    topic: weather\n")
    root = write_base(tmp_path, facts=facts, files={"facts/empty.yaml": ""}, lexicon=LEXICON_YAML)
    result = run_cli(["check", str(root)])
    assert result.code == 1 and result.out == ""
    lines = result.err.splitlines()
    assert lines[-1] == "2 problems found"
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1])
    assert {PROBLEM_LINE.match(line)["file"] for line in lines[:-1]} == {  # type: ignore[index]
        str(root / FACTS_FILE), str(root / "facts/empty.yaml")
    }


def test_check_one_problem_is_singular(tmp_path: Path, run_cli) -> None:
    result = run_cli(["check", str(tmp_path / "missing")])
    assert result.code == 1
    assert result.err.splitlines() == [f"{tmp_path / 'missing'}:1: no such file or directory", "1 problem found"]


def without_text_en(text: str, fact_id: str) -> str:
    """``text`` with the folded ``text_en`` of one fact removed (its other lines kept)."""
    start = text.index(f"  - id: {fact_id}\n")
    at = text.index("    text_en: >-\n", start)
    end = at + len("    text_en: >-\n")
    while text.startswith("      ", end):  # the folded lines of the value
        end = text.index("\n", end) + 1
    return text[:at] + text[end:]


def test_a_missing_english_text_is_a_warning_with_its_line(tmp_path: Path, run_cli) -> None:
    root = Path(shutil.copytree(bundled_path(), tmp_path / "kb"))
    politics = root / "facts" / "politics.yaml"
    fact_id = "summit-2022-10-13-astana"
    text = without_text_en(politics.read_text(encoding="utf-8"), fact_id)
    politics.write_text(text, encoding="utf-8")
    base = load_knowledge(root)
    removed = base.fact(fact_id)
    assert removed is not None and removed.text_en == "" and removed.questions_en  # only the text is gone
    assert sum(1 for f in base.facts if not f.text_en) == 1

    line = text[:text.index(f"  - id: {fact_id}\n")].count("\n") + 1
    result = run_cli(["check", str(root)])
    assert result.code == 0  # a missing translation is not a broken base
    assert result.err.splitlines() == [f"{politics}:{line}: warning: fact `{fact_id}` has no text_en"]
    assert PROBLEM_LINE.match(result.err.strip())
    match = SUMMARY_WITH_WARNINGS.match(result.out.strip())
    assert match and match["warnings"] == "1 warning", result.out
    assert int(match["facts"]) == len(base.facts) and result.out.count("\n") == 1
    assert [str(w) for w in knowledge_warnings(base)] == result.err.splitlines()


def test_a_figure_without_an_english_description_is_a_warning(tmp_path: Path, run_cli) -> None:
    root = Path(shutil.copytree(bundled_path(), tmp_path / "kb"))
    economy = root / "facts" / "economy.yaml"
    text = economy.read_text(encoding="utf-8")
    fact_id = "investment-russia-2023"
    start = text.index(f"  - id: {fact_id}\n")
    at = text.index("        what_en: ", start)
    text = text[:at] + text[text.index("\n", at) + 1:]
    economy.write_text(text, encoding="utf-8")
    line = text[:start].count("\n") + 1
    result = run_cli(["check", str(root)])
    assert result.code == 0
    assert result.err.splitlines() == [f"{economy}:{line}: warning: fact `{fact_id}` has a figure without what_en"]


def test_warnings_keep_their_own_channel(tmp_path: Path, run_cli) -> None:
    """A broken base lists only its problems; warnings never count as problems."""
    base, problems = check_knowledge(write_base(tmp_path, name="valid"))
    assert base is not None and problems == []
    assert [w.severity for w in knowledge_warnings(base)] == ["warning"] * VALID_FACT_COUNT
    assert knowledge_warnings(load_knowledge()) == []  # the bundled base is fully translated

    facts = replace_once(FACTS_YAML, "    topic: trade\n", "    topic: weather\n")
    root = write_base(tmp_path, facts=facts, lexicon=LEXICON_YAML)
    result = run_cli(["check", str(root)])
    assert result.code == 1 and result.out == ""
    assert ": warning: " not in result.err
    assert result.err.splitlines()[-1] == "1 problem found"


# ---- facts -----------------------------------------------------------------------------


def json_lines(out: str) -> list[dict]:
    lines = out.splitlines()
    assert lines, "nothing printed"
    records = [json.loads(line) for line in lines]  # one complete JSON object per line
    assert all(isinstance(r, dict) for r in records)
    return records


def test_facts_json_of_a_small_base(tmp_path: Path, run_cli) -> None:
    root = write_base(tmp_path)
    result = run_cli(["facts", "--json", "--kb", str(root)])
    assert (result.code, result.err) == (0, "")
    assert "\\u04" not in result.out  # Russian is printed as is, not escaped
    records = json_lines(result.out)
    assert [r["id"] for r in records] == ["relations-1992", "trade-2023", "talks-2024"]
    for record in records:
        assert record.keys() >= FACT_FIELDS
        assert record["source"].keys() >= SOURCE_FIELDS
        assert record["source"] == {
            "id": "test-source", "publisher": "Тест Новости", "title": "Тестовая справка",
            "published": "2024-04-22", "url": "http://example.org",
        }
    trade = records[1]
    assert trade["topic"] == "trade" and trade["date"] == "2023" and trade["status"] == "done"
    assert trade["text"] == "По итогам 2023 года товарооборот России и Азербайджана достиг почти 4,4 млрд долларов."
    assert trade["quote"] == "По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов."
    assert trade["figures"] == [{"value": 4.4, "unit": "млрд долларов", "what": "товарооборот России и Азербайджана",
                                 "period": "2023", "qualifier": "почти", "unit_en": "", "what_en": ""}]
    assert trade["participants"] == [] and trade["places"] == []
    talks = records[2]
    assert talks["status"] == "planned"
    assert talks["participants"] == [
        {"id": "putin", "name": "Владимир Путин", "kind": "person"},
        {"id": "aliyev", "name": "Ильхам Алиев", "kind": "person"},
    ]
    assert talks["questions"] == ["когда переговоры путина и алиева", "переговоры в понедельник"]


def test_facts_json_of_the_bundled_base(run_cli) -> None:
    result = run_cli(["facts", "--json"])
    assert (result.code, result.err) == (0, "")
    records = json_lines(result.out)
    base = load_knowledge()
    assert [r["id"] for r in records] == [f.id for f in base.facts]
    for record in records:
        assert record.keys() >= FACT_FIELDS, record["id"]
        assert record["source"].keys() >= SOURCE_FIELDS
        assert record["source"]["published"] == "2024-04-22"
        assert record["source"]["publisher"] == "РИА Новости"
        assert isinstance(record["participants"], list) and isinstance(record["places"], list)
        assert all(set(p) == {"id", "name", "kind"} for p in record["participants"] + record["places"])
        assert isinstance(record["figures"], list)
        assert all(isinstance(f["value"], int | float) for f in record["figures"])
        assert record["text"] and record["quote"] and record["date"]


def test_facts_plain_listing(tmp_path: Path, run_cli) -> None:
    result = run_cli(["facts", "--kb", str(write_base(tmp_path))])
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == VALID_FACT_COUNT
    assert lines[0].startswith("1992-04-04") and "relations-1992" in lines[0]
    assert lines[2].split()[:2] == ["2024-04-22", "talks-2024"]


def test_facts_of_a_broken_base_fails_cleanly(tmp_path: Path, run_cli) -> None:
    facts = replace_once(FACTS_YAML, "    topic: trade\n", "    topic: weather\n")
    root = write_base(tmp_path, facts=facts, lexicon=LEXICON_YAML)
    result = run_cli(["facts", "--json", "--kb", str(root)])
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert PROBLEM_LINE.match(lines[0]) and "weather" in lines[0]
    assert "run `factbot check`" in lines[-1]


# ---- --version, --help, usage errors ----------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"factbot {__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: factbot")
    assert "examples:" in out
    for example in ("factbot check ", "factbot check my_facts/", "factbot facts --json"):
        assert example in out
    assert "check" in out and "facts" in out


def test_check_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "usage: factbot check" in out and "exit 0 when it is valid, 1 otherwise" in out


def test_no_command_prints_help_and_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: factbot" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
