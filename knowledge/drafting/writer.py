"""Adding a drafted article to a base directory: the source's text under ``texts/``, and its source entry,
proposed entities and draft facts in ``facts/ID.yaml``, every record marked ``review: pending``.

Nothing existing is overwritten or renumbered: a source id the base already has is a no-op when the text is
the same (drafting twice changes nothing) and a refusal when it is not. The base is checked after writing;
a draft that would leave it invalid is removed again, so the base is never left broken.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.base.loader import check_knowledge, collapse_spaces
from knowledge.base.model import KnowledgeBase
from knowledge.base.validate import REVIEW_PENDING
from knowledge.drafting.draft import Draft, DraftEntity, Drafter, DraftFact

_HEADER = """\
# Drafted by `factbot draft` from {text_file} on {today}.
# Every entity and fact below is marked `review: pending`: the bot serves none of them until an editor has
# checked it — `text`, `date` (empty where the article gives none), figures, entities, topic; `review_notes`
# say what the drafter was unsure of — and run `factbot accept BASE_DIR [--all | ID ...]`.
"""


class DraftError(Exception):
    """The draft cannot be added; ``problems`` say why (``file:line: message`` where there is a line)."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("\n".join(self.problems))


@dataclass
class DraftReport:
    source_id: str
    facts_file: Path | None = None
    facts: int = 0
    entities: int = 0
    undated: int = 0
    already: bool = False  # the base already has this source with this text: nothing changed
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already:
            return f"source `{self.source_id}` is already in the base with the same text: nothing changed"
        return (f"{self.facts_file}: {self.facts} new facts, {self.entities} new entities, "
                f"{self.facts + self.entities} pending review ({self.undated} facts without a date)")


def current_base(base_dir: Path) -> KnowledgeBase | None:
    """The base in ``base_dir`` (None for a missing or empty directory); DraftError when it is invalid."""
    if not base_dir.exists() or not any(base_dir.rglob("*.y*ml")):
        return None
    base, problems = check_knowledge(base_dir)
    if base is None:
        raise DraftError(["the base has problems; fix them first:", *problems])
    return base


def draft_into(base_dir: Path, article: str, *, source_id: str, publisher: str, published: dt.date,
               url: str = "", title: str = "", lang: str = "ru", ner: bool | None = None) -> DraftReport:
    """Draft ``article`` into ``base_dir`` as source ``source_id``."""
    article = article.replace("\r\n", "\n").lstrip("\ufeff")
    if not article.strip():
        raise DraftError(["the article is empty"])
    base = current_base(base_dir)
    report = DraftReport(source_id)
    if base is not None and source_id in base.sources:
        if collapse_spaces(base.sources[source_id].text) == collapse_spaces(article):
            report.already = True
            return report
        raise DraftError([f"source `{source_id}` is already in the base with another text: choose another "
                          "--source-id"])
    text_file = Path("texts") / f"{source_id}.txt"
    facts_file = Path("facts") / f"{source_id}.yaml"
    for path in (text_file, facts_file):
        if (base_dir / path).exists():
            raise DraftError([f"{base_dir / path} already exists: it is never overwritten"])
    draft = Drafter(base, ner=ner).draft(article, source_id=source_id, publisher=publisher, published=published,
                                         url=url, title=title, lang=lang, text_file=f"../{text_file.as_posix()}")
    written: list[Path] = []
    try:
        _write(base_dir / text_file, article, written)
        _write(base_dir / facts_file, render(draft, text_file.as_posix()), written)
        _, problems = check_knowledge(base_dir)
        if problems:
            raise DraftError(["the draft would make the base invalid; nothing was added:", *problems])
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    report.facts_file = base_dir / facts_file
    report.facts, report.entities = len(draft.facts), len(draft.entities)
    report.undated = sum(1 for f in draft.facts if not f.date.iso)
    return report


def _write(path: Path, text: str, written: list[Path]) -> None:
    """Create ``path`` atomically, never replacing an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".draft-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.link(tmp, path)  # fails if the file appeared meanwhile
        written.append(path)
    finally:
        os.unlink(tmp)


def render(draft: Draft, text_file: str) -> str:
    """The YAML of a draft: header, source, pending entities, pending facts."""
    parts = [_HEADER.format(text_file=text_file, today=dt.date.today().isoformat())]
    parts.append(_dump({"sources": [draft.source]}))
    if draft.entities:
        parts.append(_dump({"entities": [_entity(e) for e in draft.entities]}))
    parts.append(_dump({"facts": [_fact(f, draft.source["id"]) for f in draft.facts]}))
    return "\n".join(parts)


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)


def _entity(entity: DraftEntity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "review": REVIEW_PENDING,
                              "review_notes": ["a new name found in the article: check kind and name, add aliases"],
                              "kind": entity.kind, "name": entity.name}
    if entity.aliases:
        record["aliases"] = entity.aliases
    return record


def _fact(fact: DraftFact, source_id: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": fact.id, "review": REVIEW_PENDING}
    if fact.notes:
        record["review_notes"] = list(fact.notes)
    record["topic"] = fact.topic
    record["date"] = fact.date.iso
    if fact.date.as_of:
        record["as_of"] = True
    if fact.date.planned:
        record["status"] = "planned"
    for name in ("participants", "places", "organisations", "related"):
        if fact.entities.get(name):
            record[name] = list(dict.fromkeys(fact.entities[name]))
    if fact.figures:
        record["figures"] = fact.figures
    record["text"] = fact.text
    record["quote"] = fact.quote
    record["source"] = source_id
    return record
