"""Reading untrusted YAML safely, keeping the line of every value.

Only PyYAML's safe machinery is used (the C parser when present). Anchors and
aliases are refused before anything is built, which defuses "billion laughs"
bombs; nesting depth, file size and the number of values are bounded so a
hostile file cannot hang or exhaust memory.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.base.safe_files import FileTooLargeError, UnsafeFileError, safe_read_bytes

try:  # the C loader is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
# Values (scalars, lists, mappings) in one file. A real fact base has ~25 000 per MB, so a file at
# the default size limit holds about half of this; «- 1» lines hold 250 000 per MB and would take
# gigabytes as nodes. Checked while streaming, before anything is built.
MAX_NODES = 1_000_000


class YamlProblem(Exception):
    """A file that cannot be read as YAML, with the 1-based line of the fault."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LDict(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LList(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    line: int
    item_lines: list[int]


@dataclass(frozen=True, slots=True)
class YamlDocument:
    data: Any
    raw: bytes


def line_of(value: Any, default: int = 1) -> int:
    return getattr(value, "line", default)


def read_yaml(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES, root: Path | None = None) -> YamlDocument:
    """Read one YAML file into plain values with line numbers; raise YamlProblem.

    The file must be a regular file (inside the directory ``root`` when given) of at most ``max_bytes``
    bytes: anything else is refused before a byte of it is read, so its content is never quoted.
    """
    try:
        raw = safe_read_bytes(path, root, max_bytes)
    except FileTooLargeError as exc:
        size = f"{exc.size} bytes (limit {max_bytes})" if exc.size is not None else f"over {max_bytes} bytes"
        raise YamlProblem(1, f"file is too large: {size}") from None
    except UnsafeFileError as exc:
        raise YamlProblem(1, f"cannot read file: {exc.reason}") from None
    except OSError as exc:
        raise YamlProblem(1, f"cannot read file: {exc.strerror or exc}") from None
    return YamlDocument(parse_yaml(raw), raw)


def parse_yaml(raw: bytes) -> Any:
    """Parse bytes of one YAML document; raise YamlProblem with a line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise YamlProblem(line, "binary content (NUL byte) in a YAML file")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in _lines(text)):
        raise YamlProblem(1, "empty file: expected `sources`, `entities` or `facts`")
    try:
        _screen_events(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context
        if exc.context_mark is not None and (exc.context or "").startswith("while scanning a quoted scalar"):
            mark = exc.context_mark  # the line of the unclosed quote, not the end of the file
            problem = f"unclosed quote ({exc.problem})"
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    if node is None:
        raise YamlProblem(1, "empty file: expected `sources`, `entities` or `facts`")
    return _build(node)


# what str.splitlines() splits on; iterated lazily, as a list of every line of a big file takes 20x its size
_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def _lines(text: str) -> Iterator[str]:
    """The non-empty lines of ``text``, one at a time."""
    return (match.group() for match in _LINE.finditer(text))


def _screen_events(text: str) -> None:
    """Refuse aliases, anchors, multiple documents, deep nesting and too many values before building."""
    depth = 0
    documents = 0
    nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, f"YAML aliases are not allowed (*{event.anchor})")
        anchor = getattr(event, "anchor", None)
        if anchor:
            raise YamlProblem(line, f"YAML anchors are not allowed (&{anchor})")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlProblem(line, "more than one YAML document in a file")
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"nesting deeper than {MAX_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(line, f"more than {MAX_NODES} values in one file: split it")


_INT = re.compile(r"^[-+]?[0-9_]+$")


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":int"):
        if _INT.match(value):
            return int(value.replace("_", ""))
        return value  # hex/octal/sexagesimal: keep text, the schema reports a type error
    if tag.endswith(":float"):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    return value  # str, and timestamps kept as their ISO text


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    line = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_build(item) for item in node.value)
        seq.line = line
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    mapping = LDict()
    mapping.line = line
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = _build(key_node)
        key_text = key if isinstance(key, str) else str(key)
        if key_text in mapping:
            raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key `{key_text}`")
        mapping[key_text] = _build(value_node)
        mapping.key_lines[key_text] = key_node.start_mark.line + 1
    return mapping
