"""Accepting reviewed drafts: ``factbot accept BASE_DIR [--all | ID ...]`` clears the ``review`` marks.

The marks are removed line by line, so the editor's comments and layout stay as they are. A fact is accepted
only when it is complete (a date and a topic); the pending entities it names are accepted with it. Every
file is replaced atomically, and when the base would not load afterwards every file is restored.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base.loader import check_knowledge
from knowledge.base.model import Pending
from knowledge.base.yamlio import LDict, read_yaml


class AcceptError(Exception):
    def __init__(self, problems: Iterable[object]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("\n".join(self.problems))


@dataclass
class AcceptReport:
    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # «file:line: fact `x` has no date …»
    left: int = 0  # still pending afterwards

    def summary(self) -> str:
        lines = [f"accepted {len(self.accepted)}, refused {len(self.refused)}, still pending {self.left}"]
        return "\n".join([*lines, *self.refused])


def accept(base_dir: Path, ids: Iterable[str] = (), *, everything: bool = False) -> AcceptReport:
    """Clear the review marks of ``ids`` (or of every pending item); AcceptError when nothing can be done."""
    base, problems = check_knowledge(base_dir)
    if base is None:
        raise AcceptError(["the base has problems; fix them first:", *problems])
    pending = {item.id: item for item in base.pending}
    wanted = list(pending) if everything else list(dict.fromkeys(ids))
    unknown = [i for i in wanted if i not in pending]
    if unknown:
        raise AcceptError([f"not pending review: {', '.join(unknown)}"])
    report = AcceptReport()
    chosen: dict[str, Pending] = {}
    for item_id in wanted:
        item = pending[item_id]
        reason = _incomplete(item)
        if reason:
            report.refused.append(f"{item.where}: {item.kind} `{item.id}`: {reason}")
            continue
        chosen[item_id] = item
        for _field, ref in item.refs:  # the new names a fact uses are accepted with it
            if ref in pending and pending[ref].kind == "entity":
                chosen.setdefault(ref, pending[ref])
    by_file: dict[str, list[Pending]] = {}
    for item in chosen.values():
        by_file.setdefault(item.where.file, []).append(item)
    originals: dict[Path, str] = {}
    try:
        for file, items in by_file.items():
            path = Path(file)
            originals[path] = path.read_text(encoding="utf-8")
            _replace(path, _without_marks(path, originals[path], {i.id for i in items}))
        after, problems = check_knowledge(base_dir)
        if after is None:
            raise AcceptError(["accepting would make the base invalid; nothing was changed:", *problems])
    except BaseException:
        for path, text in originals.items():
            _replace(path, text)
        raise
    report.accepted = sorted(chosen)
    report.left = len(after.pending)
    return report


def _incomplete(item: Pending) -> str:
    if item.kind == "fact" and not item.dated:
        return "has no date: fill in `date` first"
    if item.kind == "fact" and not item.topic:
        return "has no topic: fill in `topic` first"
    return ""


def _without_marks(path: Path, text: str, ids: set[str]) -> str:
    """``text`` without the ``review`` and ``review_notes`` entries of the records ``ids``."""
    document = read_yaml(path, max_bytes=max(len(text.encode()) + 1, 1), root=None)
    drop: set[int] = set()
    lines = text.split("\n")
    data = document.data
    for section in ("entities", "facts"):
        for record in (data.get(section) or ()) if isinstance(data, LDict) else ():
            if not isinstance(record, LDict) or record.get("id") not in ids:
                continue
            for key in ("review", "review_notes"):
                if key in record.key_lines:
                    drop.update(_entry_lines(lines, record.key_lines[key] - 1))
    return "\n".join(line for number, line in enumerate(lines) if number not in drop)


def _entry_lines(lines: list[str], first: int) -> range:
    """The lines of one mapping entry starting at ``first``: its key line, then what is indented deeper
    (or a block list at the key's own indentation)."""
    indent = len(lines[first]) - len(lines[first].lstrip())
    end = first + 1
    while end < len(lines):
        line = lines[end]
        depth = len(line) - len(line.lstrip())
        if line.strip() and not (depth > indent or (depth == indent and line.lstrip().startswith("- "))):
            break
        if not line.strip() and end + 1 < len(lines) and lines[end + 1].strip() and (
                len(lines[end + 1]) - len(lines[end + 1].lstrip())) <= indent:
            break
        end += 1
    return range(first, end)


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".accept-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
