"""`factbot ask`: one question, --json, --quote, the stdin batch, and its failures."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import FACTS_FILE, FACTS_YAML, line_no, replace_once, write_base
from conftest import PROBLEM_LINE

from bot.config import CONFIG_ENV
from knowledge import bundled_path

SOURCE_LINE = "Источник: РИА Новости, 22.04.2024 — http://ria.ru"
JSON_KEYS = {"question", "answered", "kind", "reply", "facts", "sources", "score", "suggestions", "lang"}
SCRIPT = Path(sys.executable).parent / "factbot"
QUESTION = "когда путин с алиевым виделись в самарканде?"


def bundled_text() -> str:
    return (bundled_path() / "texts" / "ria-2024-04-22.txt").read_text(encoding="utf-8")


# ---- one question ----------------------------------------------------------------------------------


def test_ask_prints_the_answer_with_its_source_line(run_cli) -> None:
    result = run_cli(["ask", "когда", "установлены", "дипломатические", "отношения"])
    assert result.code == 0 and result.err == ""
    assert "1992" in result.out
    assert result.out.rstrip("\n").endswith(SOURCE_LINE)


def test_ask_of_an_unanswerable_question_says_so_without_a_source(run_cli) -> None:
    result = run_cli(["ask", "товарооборот с грузией в 2020"])
    assert result.code == 0
    assert "В базе нет ответа" in result.out
    assert SOURCE_LINE not in result.out


def test_ask_json_prints_one_object_with_the_documented_keys(run_cli) -> None:
    result = run_cli(["ask", "--json", QUESTION])
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == JSON_KEYS
    assert record["question"] == QUESTION
    assert record["answered"] is True and record["facts"]
    assert record["reply"].endswith(SOURCE_LINE)
    assert record["sources"][0]["url"] == "http://ria.ru"
    assert "Самарканд" in lines[0]  # not \\u-escaped


def test_ask_quote_prints_the_verbatim_source_sentence(run_cli) -> None:
    result = run_cli(["ask", "--quote", QUESTION])
    assert result.code == 0
    answer, _, quote_part = result.out.partition("Цитата из источника:")
    assert SOURCE_LINE in answer
    quotes = [line.strip() for line in quote_part.strip().splitlines()]
    assert quotes
    for line in quotes:
        assert line.startswith("«") and line.endswith("»")
        assert line[1:-1] in bundled_text()


def test_ask_json_quote_adds_the_quotes(run_cli) -> None:
    record = json.loads(run_cli(["ask", "--json", "--quote", QUESTION]).out)
    assert len(record["quotes"]) == len(record["facts"]) >= 1
    assert all(quote in bundled_text() for quote in record["quotes"])


def test_ask_quote_of_an_unanswered_question_prints_no_quote(run_cli) -> None:
    result = run_cli(["ask", "--quote", "кхмпф щзыв"])
    assert result.code == 0
    assert "Цитата из источника" not in result.out


# ---- the stdin batch ---------------------------------------------------------------------------------


def test_batch_answers_every_stdin_line_with_exactly_one_json_line() -> None:
    long_line = "товарооборот в 2023 году " + "кхмпф " * 5000
    inputs: list[bytes] = [
        "когда установлены дипломатические отношения".encode(),
        b"",
        b"\xff\xfe\xc3( \x80\x81",
        long_line.encode(),
        "😀🇷🇺🤝🇦🇿".encode(),
        b"<b>hi</b><script>alert(1)</script>",
        "какой товарооборот был в 2023 году".encode(),
        "привет\r".encode(),  # a CRLF line
        "товарооборот с грузией".encode(),
    ]
    stdin = b"\n".join(inputs) + b"\n"
    completed = subprocess.run([str(SCRIPT), "ask", "--json", "-"], input=stdin, capture_output=True,
                               timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in completed.stderr
    out_lines = completed.stdout.decode("utf-8").split("\n")
    assert out_lines[-1] == ""  # every record ends with a newline
    records = [json.loads(line) for line in out_lines[:-1]]
    assert len(records) == len(inputs)
    for raw, record in zip(inputs, records, strict=True):
        assert set(record) == JSON_KEYS
        assert record["question"] == raw.decode("utf-8", "replace").rstrip("\r")
        assert record["answered"] == bool(record["facts"])
        if record["answered"]:
            assert record["reply"].endswith(SOURCE_LINE)
    assert records[0]["answered"] and records[6]["answered"]
    assert not any(records[i]["answered"] for i in (1, 2, 4, 5, 7, 8))
    assert len(records[3]["question"]) == len(long_line)  # echoed whole, not cut
    assert records[7]["kind"] == "smalltalk"


def test_batch_answers_a_last_line_without_a_newline() -> None:
    completed = subprocess.run([str(SCRIPT), "ask", "-"], input="привет\nкогда установлены дипотношения".encode(),
                               capture_output=True, timeout=120, check=False)
    assert completed.returncode == 0
    records = [json.loads(line) for line in completed.stdout.decode("utf-8").splitlines()]
    assert [r["question"] for r in records] == ["привет", "когда установлены дипотношения"]
    assert records[1]["answered"]


def test_batch_of_empty_stdin_prints_nothing() -> None:
    completed = subprocess.run([str(SCRIPT), "ask", "--json", "-"], input=b"", capture_output=True, timeout=120,
                               check=False)
    assert (completed.returncode, completed.stdout) == (0, b"")


# ---- failures ----------------------------------------------------------------------------------------


def test_ask_with_a_broken_base_exits_1_with_file_and_line(tmp_path: Path, run_cli) -> None:
    broken = replace_once(FACTS_YAML, "participants: [putin, aliyev]", "participants: [putin, nobody]")
    root = write_base(tmp_path, facts=broken)
    result = run_cli(["ask", "--kb", str(root), "когда переговоры"])
    assert result.code == 1
    assert result.out == ""
    problems = [line for line in result.err.splitlines() if PROBLEM_LINE.match(line)]
    expected = f"{root / FACTS_FILE}:{line_no(broken, 'nobody')}:"
    assert any(line.startswith(expected) and "nobody" in line for line in problems), result.err
    assert "factbot check" in result.err.splitlines()[-1]


def test_ask_with_a_missing_base_exits_1(tmp_path: Path, run_cli) -> None:
    result = run_cli(["ask", "--kb", str(tmp_path / "nowhere"), "когда"])
    assert result.code == 1
    assert result.out == ""
    assert result.err.strip()


@pytest.mark.parametrize(
    ("config", "key"),
    [("bogus: 1\n", "bogus"), ("engine:\n  max_lists: 3\n", "engine.max_lists"),
     ("telegram:\n  tokn: x\n", "telegram.tokn")],
)
def test_ask_with_an_unknown_config_key_is_a_one_line_error(tmp_path: Path, run_cli, config: str, key: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(config, encoding="utf-8")
    result = run_cli(["ask", "--config", str(path), "когда установлены дипломатические отношения"])
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert f"`{key}`" in lines[0]


def test_config_from_the_environment_is_used(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("nonsense_key: true\n", encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(path))
    result = run_cli(["ask", "привет"])
    assert result.code == 1 and "nonsense_key" in result.err


def test_config_sets_the_base_relative_to_itself_and_kb_wins(tmp_path: Path, run_cli) -> None:
    write_base(tmp_path)  # tmp_path/kb
    config = tmp_path / "config.yaml"
    config.write_text("knowledge:\n  path: kb\nengine:\n  max_suggestions: 1\n", encoding="utf-8")
    own = json.loads(run_cli(["ask", "--json", "--config", str(config), "когда установили дипотношения"]).out)
    assert own["answered"] and own["facts"] == ["relations-1992"]
    assert own["sources"][0]["publisher"] == "Тест Новости"

    declined = json.loads(run_cli(["ask", "--json", "--config", str(config), "товарооборот в 2020"]).out)
    assert not declined["answered"] and len(declined["suggestions"]) <= 1

    bundled = json.loads(run_cli(["ask", "--json", "--config", str(config), "--kb", str(bundled_path()),
                                  QUESTION]).out)
    assert bundled["answered"] and bundled["sources"][0]["publisher"] == "РИА Новости"


# ---- --lang (ask, chat and timeline) ------------------------------------------------------------------

EN_QUESTION = "when did Putin and Aliyev meet in Samarkand?"
EN_SOURCE_LINE = "Source: RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)"


def test_ask_answers_in_the_questions_language_by_default(run_cli) -> None:
    record = json.loads(run_cli(["ask", "--json", EN_QUESTION]).out)
    assert record["lang"] == "en" and record["answered"]
    assert record["reply"].endswith(EN_SOURCE_LINE)
    assert "Samarkand" in record["reply"]
    assert json.loads(run_cli(["ask", "--json", QUESTION]).out)["lang"] == "ru"
    assert run_cli(["ask", "--lang", "auto", EN_QUESTION]).out.rstrip("\n").endswith(EN_SOURCE_LINE)


@pytest.mark.parametrize(("lang", "question"), [("en", QUESTION), ("ru", EN_QUESTION)])
def test_ask_lang_forces_the_language(run_cli, lang: str, question: str) -> None:
    result = run_cli(["ask", "--json", "--lang", lang, question])
    assert result.code == 0 and result.err == ""
    record = json.loads(result.out)
    assert record["lang"] == lang
    assert ("Source:" in record["reply"] or "The base" in record["reply"]) == (lang == "en")


def test_ask_quote_of_an_english_answer_says_the_quote_is_in_russian(run_cli) -> None:
    result = run_cli(["ask", "--quote", EN_QUESTION])
    answer, _, quote_part = result.out.partition("Quote from the source (in Russian):")
    assert EN_SOURCE_LINE in answer
    quotes = [line.strip() for line in quote_part.strip().splitlines()]
    assert quotes and all(line[1:-1] in bundled_text() for line in quotes)


def test_an_unknown_lang_is_a_usage_error(run_cli, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["ask", "--lang", "de", QUESTION], ["chat", "--lang", "fr"], ["timeline", "--lang", "xx"]):
        with pytest.raises(SystemExit) as caught:
            run_cli(command)
        assert caught.value.code == 2
        assert "invalid choice" in capsys.readouterr().err


def test_batch_passes_the_language_to_every_line() -> None:
    stdin = f"{QUESTION}\n{EN_QUESTION}\n".encode()
    runs = {}
    for lang in ("auto", "en", "ru"):
        completed = subprocess.run([str(SCRIPT), "ask", "--lang", lang, "-"], input=stdin, capture_output=True,
                                   timeout=120, check=False)
        assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
        runs[lang] = [json.loads(line)["lang"] for line in completed.stdout.decode("utf-8").splitlines()]
    assert runs == {"auto": ["ru", "en"], "en": ["en", "en"], "ru": ["ru", "ru"]}


def test_chat_lang_en_greets_and_answers_in_english(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{EN_QUESTION}\n/quit\n"))
    result = run_cli(["chat", "--lang", "en"])
    assert result.code == 0
    assert result.out.startswith("factbot — questions about Russia–Azerbaijan relations.")
    assert EN_SOURCE_LINE in result.out


def test_timeline_lang_tells_the_events_in_that_language(run_cli) -> None:
    english = run_cli(["timeline", "--lang", "en", "2022"])
    assert english.code == 0 and english.out.startswith("Timeline: ")
    assert "Source: RIA Novosti" in english.out
    russian = run_cli(["timeline", "--lang", "ru", "2022"])
    assert russian.code == 0 and russian.out.startswith("Хронология: 2022 год")
    by_name = run_cli(["timeline", "Lavrov"])  # auto: the Latin name is found by the English reading
    assert by_name.code == 0 and "Sergey Lavrov" in by_name.out
    assert run_cli(["timeline", "--lang", "ru", "Lavrov"]).code == 1
    records = [json.loads(line) for line in run_cli(["timeline", "--json", "--lang", "en", "2022"]).out.splitlines()]
    assert records == [json.loads(line) for line in run_cli(["timeline", "--json", "2022"]).out.splitlines()]
