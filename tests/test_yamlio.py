"""knowledge.base.yamlio: safe YAML with the line of every value, and refusals with their line."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from knowledge.base.yamlio import (
    DEFAULT_MAX_FILE_BYTES,
    MAX_DEPTH,
    LDict,
    LList,
    YamlProblem,
    line_of,
    parse_yaml,
    read_yaml,
)


def problem_of(text: str | bytes) -> YamlProblem:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw)
    assert str(caught.value) == caught.value.message
    return caught.value


def test_lines_of_mappings_keys_and_items() -> None:
    data = parse_yaml(
        "# comment\n"
        "facts:\n"
        "  - id: a\n"
        "    questions:\n"
        "      - первый\n"
        "\n"
        "      - второй\n"
        "  - {id: b, text: x}\n".encode()
    )
    assert isinstance(data, LDict)
    assert data.line == 2
    assert data.key_lines == {"facts": 2}
    facts = data["facts"]
    assert isinstance(facts, LList)
    assert facts.line == 3
    assert facts.item_lines == [3, 8]
    first = facts[0]
    assert isinstance(first, LDict)
    assert first.line == 3
    assert first.key_lines == {"id": 3, "questions": 4}
    assert first["questions"] == ["первый", "второй"]
    assert first["questions"].item_lines == [5, 7]
    assert facts[1].line == 8 and facts[1].key_lines == {"id": 8, "text": 8}
    assert line_of(first) == 3
    assert line_of("plain scalar", 42) == 42
    assert line_of(None) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1992", 1992),
        ("-7", -7),
        ("1_000", 1000),
        ("4.4", 4.4),
        ("1.5e+3", 1500.0),
        ("1e3", "1e3"),  # YAML 1.1 floats need a dot and a signed exponent
        ("true", True),
        ("No", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0x1F", "0x1F"),  # kept as text: the schema refuses it as a number
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("2022-06-29", "2022-06-29"),  # timestamps stay ISO text
        ("2024-04-22 10:00:00", "2024-04-22 10:00:00"),
        ('"2023"', "2023"),
        ("Москва", "Москва"),
        ("!!python/object:os.system ls", "ls"),  # never constructed: unknown tags stay text
    ],
)
def test_scalar_values(text: str, expected: object) -> None:
    value = parse_yaml(f"v: {text}\n".encode())["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_python_tags_build_nothing() -> None:
    data = parse_yaml(b"v: !!python/object/apply:os.system [echo pwned]\n")
    assert data["v"] == ["echo pwned"]


def test_non_string_keys_become_text() -> None:
    data = parse_yaml(b"1: one\ntrue: yes\n")
    assert data == {"1": "one", "True": True}
    assert data.key_lines == {"1": 1, "True": 2}


def test_duplicate_key_line() -> None:
    problem = problem_of("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert problem.line == 4
    assert "duplicate key `c`" in problem.message


def test_duplicate_key_by_value_not_spelling() -> None:
    problem = problem_of("'a': 1\n\"a\": 2\n")
    assert problem.line == 2 and "duplicate key `a`" in problem.message


def test_anchor_refused_at_its_line() -> None:
    problem = problem_of("a: 1\nb: &x [1, 2]\nc: *x\n")
    assert problem.line == 2
    assert problem.message == "YAML anchors are not allowed (&x)"


def test_alias_refused_even_without_an_anchor() -> None:
    problem = problem_of("a: 1\n\nb: *nowhere\n")
    assert problem.line == 3
    assert problem.message == "YAML aliases are not allowed (*nowhere)"


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['l0: &l0 "lol"']
    for level in range(1, 30):
        refs = ",".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    bomb = "\n".join(lines) + "\n"
    started = time.perf_counter()
    problem = problem_of(bomb)
    assert time.perf_counter() - started < 1.0
    assert problem.line == 1 and "anchors are not allowed" in problem.message


def test_merge_key_needs_an_alias_and_is_refused() -> None:
    problem = problem_of("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert "anchors are not allowed" in problem.message and problem.line == 1


def test_depth_limit_boundary() -> None:
    # the top-level mapping is level 1
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert isinstance(parse_yaml(ok.encode()), LDict)
    too_deep = "# deep\na: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    problem = problem_of(too_deep)
    assert problem.line == 2
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels"


def test_block_nesting_counts_too() -> None:
    lines = [f"{'  ' * level}k{level}:" for level in range(MAX_DEPTH + 2)]
    lines[-1] += " leaf"
    problem = problem_of("\n".join(lines) + "\n")
    assert problem.line == MAX_DEPTH + 1
    assert "nesting deeper" in problem.message


def test_absurd_depth_fails_fast_without_recursion_errors() -> None:
    started = time.perf_counter()
    problem = problem_of("a: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert time.perf_counter() - started < 2.0
    assert problem.line == 1


def test_more_than_one_document() -> None:
    problem = problem_of("a: 1\n---\nb: 2\n")
    assert problem.line == 2 and "more than one YAML document" in problem.message


def test_one_explicit_document_is_fine() -> None:
    assert parse_yaml(b"---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3),
        ("a: 1\n\tb: 2\n", 2),
        ("a:\n  - x\n  y: 2\n", 3),
        ("a: 1\nb: c: d\n", 2),
        ("a: 'it''s\nb: 2\n", 1),  # unclosed single quote: the line where it opens
        ('a: 1\nb: "open\nc: 3\nd: 4\n', 2),
    ],
)
def test_syntax_errors_have_their_line(text: str, line: int) -> None:
    problem = problem_of(text)
    assert problem.message.startswith("YAML syntax error: ")
    assert problem.line == line


def test_unclosed_quote_is_named() -> None:
    problem = problem_of('a: 1\nb: "open\n\n\n')
    assert problem.line == 2
    assert "unclosed quote" in problem.message


@pytest.mark.parametrize(
    ("raw", "line", "byte"),
    [
        (b"\xffa: 1\n", 1, "0xff"),
        (b"a: 1\nb: 2\nc: \xd0\n", 3, "0xd0"),  # a truncated Cyrillic letter
        ("a: 1\nb: é\n".encode("latin-1"), 2, "0xe9"),
        ("a: привет\n".encode("cp1251"), 1, "0xef"),
    ],
)
def test_non_utf8_line_and_byte(raw: bytes, line: int, byte: str) -> None:
    problem = problem_of(raw)
    assert problem.line == line
    assert problem.message == f"not UTF-8 text (byte {byte})"


def test_nul_byte_line() -> None:
    problem = problem_of(b"a: 1\nb: 2\x00\n")
    assert problem.line == 2 and "NUL" in problem.message


def test_utf8_bom_is_accepted() -> None:
    assert parse_yaml("\ufeffa: Москва\n".encode()) == {"a": "Москва"}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "# only\n#  comments\n", "  # indented\n\n# more\n"])
def test_empty_and_comment_only(text: str) -> None:
    problem = problem_of(text)
    assert problem.line == 1 and problem.message.startswith("empty file")


def test_read_yaml_keeps_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("a: Москва\n".encode())
    document = read_yaml(path)
    assert document.data == {"a": "Москва"}
    assert document.raw == "a: Москва\n".encode()


def test_read_yaml_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * 100 + b"\n")
    size = path.stat().st_size
    assert read_yaml(path, max_bytes=size).data == {"a": 1}
    with pytest.raises(YamlProblem) as caught:
        read_yaml(path, max_bytes=size - 1)
    assert caught.value.line == 1
    assert caught.value.message == f"file is too large: {size} bytes (limit {size - 1})"


def test_read_yaml_default_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: 1\n")
    os.truncate(path, DEFAULT_MAX_FILE_BYTES + 1)
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        read_yaml(path)
    assert time.perf_counter() - started < 1.0
    assert "file is too large" in caught.value.message


def test_read_yaml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as caught:
        read_yaml(tmp_path / "nope.yaml")
    assert caught.value.line == 1 and caught.value.message.startswith("cannot read file")
