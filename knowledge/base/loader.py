"""Loading a fact base from a YAML file or a directory of them, all or nothing.

A base is either fully valid or rejected with every problem found, each as
``file:line: message``; callers keep serving the previous base on failure.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from knowledge.base.model import BaseLexicon, Entity, Fact, KnowledgeBase, Location, Pending, Source
from knowledge.base.safe_files import FileTooLargeError, UnsafeFileError, base_directory, kind_of, safe_read_bytes
from knowledge.base.validate import (
    ENTITY_FIELDS,
    LEXICON_FILE,
    PENDING_FACT_FIELDS,
    REVIEW_PENDING,
    SOURCE_FIELDS,
    Problem,
    Reporter,
    build_entity,
    build_fact,
    build_lexicon,
    build_source,
    check_fields,
)
from knowledge.base.yamlio import DEFAULT_MAX_FILE_BYTES, LDict, LList, YamlProblem, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_FILES = 2000
MAX_SOURCE_TEXT_BYTES = 5 * 1024 * 1024
SECTIONS = ("sources", "entities", "facts")
_REF_FIELDS = ("participants", "places", "organisations", "related")


@dataclass
class _Review:
    """What a base holds pending review: listed, validated, never served."""

    items: list[Pending]
    entities: dict[str, Entity]


class KnowledgeError(Exception):
    """The fact base is invalid; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else "unknown problem"
        super().__init__(f"{len(problems)} problem(s) in the fact base, first: {first}")


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_files: int = DEFAULT_MAX_FILES


def bundled_path() -> Path:
    """The fact base shipped inside the package."""
    return Path(str(resources.files("knowledge") / "data"))


def find_files(root: Path, limits: Limits) -> tuple[list[Path], list[Problem]]:
    """YAML files under ``root`` in a stable order; symlinked directories are not followed.

    A FIFO, device or socket with a YAML name is a problem named here, never opened; a symlink
    is listed, and ``safe_read_bytes`` refuses it when it leads outside the base or to such a file.
    """
    try:
        mode = os.stat(root).st_mode  # the root is named by the admin: a symlink to it is followed
    except FileNotFoundError:
        return [], [Problem(str(root), 1, "no such file or directory")]
    except OSError as exc:
        return [], [Problem(str(root), 1, f"cannot read: {exc.strerror or exc}")]
    if stat.S_ISREG(mode):
        return [root], []
    if not stat.S_ISDIR(mode):
        return [], [Problem(str(root), 1, f"not a regular file or a directory ({kind_of(mode)})")]
    found: list[Path] = []
    problems: list[Problem] = []

    def on_error(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or root), 1, f"cannot read directory: {exc.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                path = Path(folder) / name
                try:
                    mode = os.lstat(path).st_mode
                except OSError:
                    mode = stat.S_IFREG  # vanished since the listing: reading it reports that
                if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # a symlink is checked when it is read
                    problems.append(Problem(str(path), 1, f"cannot read file: not a regular file ({kind_of(mode)})"))
                    continue
                found.append(path)
                if len(found) > limits.max_files:
                    return [], [Problem(str(root), 1, f"more than {limits.max_files} YAML files")]
    if not found and not problems:
        problems.append(Problem(str(root), 1, "no YAML files (*.yaml, *.yml) found"))
    return found, problems


def load_knowledge(path: Path | str | None = None, *, limits: Limits | None = None) -> KnowledgeBase:
    """Load and fully validate a fact base; raise KnowledgeError listing every problem."""
    base, problems = check_knowledge(path, limits=limits)
    if base is None:
        raise KnowledgeError(problems)
    return base


def check_knowledge(
    path: Path | str | None = None, *, limits: Limits | None = None
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Validate a fact base; the base is None whenever there is any problem."""
    limits = limits or Limits()
    root = Path(path) if path is not None else bundled_path()
    files, problems = find_files(root, limits)
    inside = base_directory(root)  # every file read, source texts too, must resolve inside it
    digest = hashlib.sha256()
    sources: dict[str, Source] = {}
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    review = _Review([], {})
    seen: dict[str, Location] = {}
    key_lines: dict[str, dict[str, int]] = {}  # record id -> field -> line, for reference errors
    lexicon, lexicon_file = BaseLexicon(), root / LEXICON_FILE
    for file in files:
        report = Reporter(str(file))
        try:
            # the root file itself is named by the admin; a file found in the base must stay inside it
            document = read_yaml(file, max_bytes=limits.max_file_bytes, root=None if file == root else inside)
        except YamlProblem as exc:
            report.add(exc.line, exc.message)
            problems.extend(report.problems)
            continue
        digest.update(str(file.relative_to(root) if file != root else file.name).encode())
        digest.update(document.raw)
        if file == lexicon_file:  # the base's own words, not records
            lexicon = build_lexicon(document.data, report)
            problems.extend(report.problems)
            continue
        _read_sections(document.data, file, inside, report, limits, sources, entities, facts, seen, review)
        for record_id, lines in _key_lines(document.data).items():
            key_lines.setdefault(record_id, lines)  # the first definition wins, as in `seen`
        problems.extend(report.problems)
    problems.extend(_check_references(sources, entities, facts, key_lines, pending=review.entities))
    problems.extend(_check_pending(review, sources, entities))
    problems.extend(_check_topics(facts, lexicon, key_lines, lexicon_file))
    if problems:
        return None, problems
    facts.sort(key=lambda f: (f.date.start, f.date.end))
    base = KnowledgeBase(
        sources=sources,
        entities=entities,
        facts=tuple(facts),
        files=tuple(str(f) for f in files),
        content_hash=digest.hexdigest(),
        lexicon=lexicon,
        pending=tuple(review.items),
    )
    return base, []


def knowledge_warnings(base: KnowledgeBase) -> list[Problem]:
    """What a valid base still lacks, as ``file:line: warning: ...``: facts without ``text_en``, figures
    without ``what_en``.

    A missing translation leaves English questions about the fact unanswered but breaks
    nothing, so it never makes a base invalid and is kept apart from ``check_knowledge``'s
    problems (whose callers treat any problem as a rejection).
    """
    warnings: list[Problem] = []
    for fact in sorted(base.facts, key=lambda f: (f.where.file, f.where.line) if f.where else ("", 0)):
        if not fact.text_en:
            where = fact.where or Location("?", 1)
            warnings.append(Problem(where.file, where.line, f"fact `{fact.id}` has no text_en", "warning"))
        elif any(not figure.what_en for figure in fact.figures):
            where = fact.where or Location("?", 1)
            warnings.append(Problem(where.file, where.line,
                                    f"fact `{fact.id}` has a figure without what_en", "warning"))
    return warnings


def _read_sections(
    data: Any,
    file: Path,
    inside: Path,
    report: Reporter,
    limits: Limits,
    sources: dict[str, Source],
    entities: dict[str, Entity],
    facts: list[Fact],
    seen: dict[str, Location],
    review: _Review,
) -> None:
    if not isinstance(data, LDict):
        report.add(getattr(data, "line", 1), "expected a mapping with `sources`, `entities` or `facts`")
        return
    for key in data:
        if key not in SECTIONS:
            report.add(data.key_lines[key], f"unknown section `{key}` (known: {', '.join(SECTIONS)})")
    for section in SECTIONS:
        if section not in data:
            continue
        items = data[section]
        if not isinstance(items, LList):
            report.add(data.key_lines[section], f"`{section}` must be a list")
            continue
        for item, line in zip(items, items.item_lines, strict=True):
            if isinstance(item, LDict) and item.get("review") == REVIEW_PENDING and section != "sources":
                _read_pending(section, item, Location(str(file), item.line), report, seen, review)
                continue
            _read_record(section, item, line, file, inside, report, limits, sources, entities, facts, seen)


def _claim_id(record: Any, where: Location, report: Reporter, seen: dict[str, Location]) -> bool:
    record_id = record.get("id") if isinstance(record, LDict) else None
    if not isinstance(record_id, str):
        return True  # the schema check reports it
    first = seen.get(record_id)
    if first is not None:
        report.add(where.line, f"duplicate id `{record_id}` (first defined at {first})")
        return False
    seen[record_id] = where
    return True


def _read_record(
    section: str,
    record: Any,
    line: int,
    file: Path,
    inside: Path,
    report: Reporter,
    limits: Limits,
    sources: dict[str, Source],
    entities: dict[str, Entity],
    facts: list[Fact],
    seen: dict[str, Location],
) -> None:
    where = Location(str(file), getattr(record, "line", line))
    if not _claim_id(record, where, report, seen):
        return
    if section == "facts":
        fact = build_fact(record, where, report)
        if fact is not None:
            facts.append(fact)
    elif section == "entities":
        if check_fields(record, ENTITY_FIELDS, f"entity `{_rid(record)}`", report, line):
            entities[record["id"]] = build_entity(record, where)
    elif check_fields(record, SOURCE_FIELDS, f"source `{_rid(record)}`", report, line):
        text = _read_source_text(file.parent / record["text_file"], inside, record, report)
        if text is not None:
            sources[record["id"]] = build_source(record, where, text)


def _read_pending(section: str, record: LDict, where: Location, report: Reporter, seen: dict[str, Location],
                  review: _Review) -> None:
    """A drafted fact or proposed entity: checked like any other (a fact may still lack its date and topic)."""
    if not _claim_id(record, where, report, seen):
        return
    notes = tuple(str(n).strip() for n in record.get("review_notes") or ())
    if section == "entities":
        if check_fields(record, ENTITY_FIELDS, f"entity `{_rid(record)}`", report, where.line):
            review.entities[record["id"]] = build_entity(record, where)
            review.items.append(Pending("entity", record["id"], where, notes))
        return
    if not check_fields(record, PENDING_FACT_FIELDS, f"fact `{_rid(record)}`", report, where.line):
        return
    refs = tuple((name, ref) for name in _REF_FIELDS for ref in record.get(name) or ())
    review.items.append(Pending("fact", record["id"], where, notes, source=record["source"],
                                quote=collapse_spaces(record["quote"]), refs=refs, dated=record["date"] != "",
                                topic=str(record["topic"])))


def _check_pending(review: _Review, sources: dict[str, Source], entities: dict[str, Entity]) -> list[Problem]:
    """A pending fact's quote is in its source, its entities exist (accepted or pending)."""
    problems: list[Problem] = []
    texts = {sid: collapse_spaces(s.text) for sid, s in sources.items()}
    for item in review.items:
        if item.kind != "fact":
            continue
        where = item.where
        for field_name, ref in item.refs:
            if ref not in entities and ref not in review.entities:
                problems.append(Problem(where.file, where.line,
                                        f"fact `{item.id}`: unknown entity `{ref}` in `{field_name}`"))
        if item.source not in texts:
            problems.append(Problem(where.file, where.line, f"fact `{item.id}`: unknown source `{item.source}`"))
        elif item.quote not in texts[item.source]:
            problems.append(Problem(where.file, where.line,
                                    f"fact `{item.id}`: quote not found verbatim in source `{item.source}`"))
    for entity_id, entity in review.entities.items():
        for field_name, ref in [(name, getattr(entity, name)) for name in ("country", "part_of", "stands_for")] + [
                ("countries", ref) for ref in entity.countries]:
            if ref and ref not in entities and ref not in review.entities:
                where = entity.where or Location("?", 1)
                problems.append(Problem(where.file, where.line,
                                        f"entity `{entity_id}`: unknown entity `{ref}` in `{field_name}`"))
    return problems


def _rid(record: Any) -> str:
    return str(record.get("id", "?")) if isinstance(record, dict) else "?"


def _read_source_text(path: Path, inside: Path, record: LDict, report: Reporter) -> str | None:
    """The text of a source's ``text_file``: a regular file inside the base of at most MAX_SOURCE_TEXT_BYTES."""
    line = record.key_lines["text_file"]
    try:
        raw = safe_read_bytes(path, inside, MAX_SOURCE_TEXT_BYTES)
    except FileNotFoundError:
        report.add(line, f"source text file not found: {path}")
        return None
    except FileTooLargeError:
        report.add(line, f"source text `{path.name}` is larger than {MAX_SOURCE_TEXT_BYTES} bytes")
        return None
    except UnsafeFileError as exc:
        report.add(line, f"cannot read source text {path}: {exc.reason}")
        return None
    except OSError as exc:
        report.add(line, f"cannot read source text {path}: {exc.strerror or exc}")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:  # the line and the offending byte's code, never the text around it
        where = raw.count(b"\n", 0, exc.start) + 1
        report.add(line, f"cannot read source text {path}: not UTF-8 text (line {where}, byte 0x{raw[exc.start]:02x})")
    return None


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _key_lines(data: Any) -> dict[str, dict[str, int]]:
    lines: dict[str, dict[str, int]] = {}
    if isinstance(data, LDict):
        for section in SECTIONS:
            for record in data.get(section) or ():
                if isinstance(record, LDict) and isinstance(record.get("id"), str):
                    lines.setdefault(record["id"], record.key_lines)
    return lines


def _check_references(
    sources: dict[str, Source],
    entities: dict[str, Entity],
    facts: list[Fact],
    key_lines: dict[str, dict[str, int]],
    *,
    pending: dict[str, Entity] | None = None,
) -> list[Problem]:
    problems: list[Problem] = []

    def bad(record: Source | Entity | Fact, field_name: str, message: str) -> None:
        loc = record.where or Location("?", 1)
        line = key_lines.get(record.id, {}).get(field_name, loc.line)
        problems.append(Problem(loc.file, line, message))

    for source in sources.values():
        for ref in source.about:
            if ref not in entities:
                bad(source, "about", f"source `{source.id}`: unknown entity `{ref}` in `about`")
    for entity in entities.values():
        if entity.country and entities.get(entity.country) is None:
            bad(entity, "country", f"entity `{entity.id}`: unknown country `{entity.country}`")
        elif entity.country and entities[entity.country].kind != "country":
            bad(entity, "country", f"entity `{entity.id}`: `{entity.country}` is not a country")
        for ref in entity.countries:
            if entities.get(ref) is None or entities[ref].kind != "country":
                bad(entity, "countries", f"entity `{entity.id}`: `{ref}` in `countries` is not a known country")
        if entity.countries and entity.kind != "place":
            bad(entity, "countries", f"entity `{entity.id}`: only a place (a region) spans `countries`")
        for field_name in ("part_of", "stands_for"):
            ref = getattr(entity, field_name)
            if ref and ref not in entities:
                bad(entity, field_name, f"entity `{entity.id}`: unknown entity `{ref}` in `{field_name}`")
    texts = {sid: collapse_spaces(s.text) for sid, s in sources.items()}
    for fact in facts:
        for field_name in ("participants", "places", "organisations", "related"):
            for ref in getattr(fact, field_name):
                if ref in (pending or {}):
                    bad(fact, field_name, f"fact `{fact.id}`: entity `{ref}` in `{field_name}` is pending review "
                                          "(accept it too: factbot accept BASE ID)")
                elif ref not in entities:
                    bad(fact, field_name, f"fact `{fact.id}`: unknown entity `{ref}` in `{field_name}`")
        if fact.source not in sources:
            bad(fact, "source", f"fact `{fact.id}`: unknown source `{fact.source}`")
        elif fact.quote not in texts[fact.source]:
            bad(fact, "quote", f"fact `{fact.id}`: quote not found verbatim in source `{fact.source}`")
    return problems


def _check_topics(
    facts: list[Fact], lexicon: BaseLexicon, key_lines: dict[str, dict[str, int]], lexicon_file: Path
) -> list[Problem]:
    """Every fact's topic is one the base's lexicon.yaml declares (a base without declared topics: any)."""
    if not lexicon.topics:
        return []
    known = ", ".join(lexicon.topics)
    problems: list[Problem] = []
    for fact in facts:
        if fact.topic not in lexicon.topics:
            loc = fact.where or Location("?", 1)
            line = key_lines.get(fact.id, {}).get("topic", loc.line)
            problems.append(Problem(loc.file, line, f"fact `{fact.id}`: `topic`: expected one of: {known}; "
                                                    f"got {fact.topic!r} (topics are declared in {lexicon_file.name})"))
    return problems
