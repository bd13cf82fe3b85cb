"""The fact base schema: turns located YAML values into records, or into problems.

Each record kind is described by a table of fields, so the checks read like
the format documentation and every message can name the line it is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from knowledge.base.dates import parse_fact_date
from knowledge.base.model import ENTITY_KINDS, BaseLexicon, Entity, Fact, Figure, Location, Source
from knowledge.base.yamlio import LDict, LList, line_of

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 or 639-2/3: "ru", "az", "en"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD_PATTERN = re.compile(r"[a-zа-яё0-9]+(?:-[a-zа-яё0-9]+)*")  # one lowercase word, as questions are read
MIN_QUESTIONS, MAX_QUESTIONS = 0, 5  # optional: an editor may add a fact without writing any
MIN_QUESTIONS_EN = 1  # English is optional: one good question is better than none
MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class Problem:
    """A fault at ``file:line``; a ``warning`` is worth fixing but does not make the base invalid."""

    file: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {label}{self.message}"


class Reporter:
    """Collects problems for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))


Check = Callable[[Any], str | None]  # returns an error message or None


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "expected non-empty text"
    if len(value) > MAX_TEXT:
        return f"text longer than {MAX_TEXT} characters"
    return None


def _english(value: Any) -> str | None:
    """English text: a Cyrillic letter means a field was left untranslated or pasted by mistake."""
    problem = _text(value)
    if problem:
        return problem
    found = CYRILLIC.search(value)
    if found:
        return f"expected English text, found the Cyrillic letter {found.group()!r}"
    return None


def _english_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return "expected a list of texts"
    for item in value:
        problem = _english(item)
        if problem:
            return f"expected a list of English texts: {problem}"
    return None


def _language(value: Any) -> str | None:
    if not isinstance(value, str) or not LANGUAGE_PATTERN.match(value):
        return f"expected a lowercase ISO 639 language code such as ru, az or en; got {value!r}"
    return None


def _ident(value: Any) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        return "expected an id of lowercase latin letters, digits, '-' or '_'"
    return None


def _topic_key(value: Any) -> str | None:
    if _ident(value) is not None:
        return f"expected a topic id (lowercase latin letters, digits, '-' or '_'); got {value!r}"
    return None


def _text_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return "expected a list of texts"
    for item in value:
        if _text(item):
            return "expected a list of non-empty texts"
    return None


def _id_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return "expected a list of ids"
    for item in value:
        if _ident(item):
            return f"expected a list of ids, got {item!r}"
    return None


def _iso_day(value: Any) -> str | None:
    if not isinstance(value, str):
        return "expected a date YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"invalid date {value!r} (expected YYYY-MM-DD)"
    return None


def _fact_date(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return "expected a date: YYYY, YYYY-MM, YYYY-MM-DD or a range A/B"
    try:
        parse_fact_date(value)
    except ValueError as exc:
        return f"invalid date: {exc}"
    return None


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        if value not in allowed:
            return f"expected one of: {', '.join(allowed)}; got {value!r}"
        return None

    return check


UNSTATED = ("who", "where", "when")


def _unstated(value: Any) -> str | None:
    if not isinstance(value, list) or any(item not in UNSTATED for item in value):
        return f"expected a list of: {', '.join(UNSTATED)}; got {value!r}"
    return None


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "expected a number"
    return None


def _period(value: Any) -> str | None:
    return None if value in (None, "") else _fact_date(value)


def _questions(value: Any) -> str | None:
    problem = _text_list(value)
    if problem:
        return problem
    if not MIN_QUESTIONS <= len(value) <= MAX_QUESTIONS:
        return f"expected {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, got {len(value)}"
    return None


def _questions_en(value: Any) -> str | None:
    problem = _english_list(value)
    if problem:
        return problem
    if not MIN_QUESTIONS_EN <= len(value) <= MAX_QUESTIONS:
        return f"expected {MIN_QUESTIONS_EN} to {MAX_QUESTIONS} questions, got {len(value)}"
    return None


REVIEW_PENDING = "pending"  # `review: pending`: drafted, not yet accepted — never served
_REVIEW_FIELDS: dict[str, tuple[bool, Check]] = {
    "review": (False, _one_of(REVIEW_PENDING)),
    "review_notes": (False, _text_list),  # what the reviewer should check
}


def _pending_date(value: Any) -> str | None:
    return None if value == "" else _fact_date(value)


def _pending_topic(value: Any) -> str | None:
    return None if value == "" else _topic_key(value)


# field name -> (required, check)
SOURCE_FIELDS: dict[str, tuple[bool, Check]] = {
    "id": (True, _ident),
    "publisher": (True, _text),
    "title": (True, _text),
    "published": (True, _iso_day),
    "url": (False, _text),  # optional: a drafted source may have no address
    "place": (False, _text),
    "text_file": (True, _text),
    "about": (False, _id_list),
    "publisher_en": (False, _english),
    "title_en": (False, _english),
    "language": (False, _language),
}
ENTITY_FIELDS: dict[str, tuple[bool, Check]] = {
    "id": (True, _ident),
    "kind": (True, _one_of(*ENTITY_KINDS)),
    "name": (True, _text),
    "role": (False, _text),
    "country": (False, _ident),
    "part_of": (False, _ident),
    "countries": (False, _id_list),
    "stands_for": (False, _ident),
    "type": (False, _text),
    "aliases": (False, _text_list),
    "name_en": (False, _english),
    "role_en": (False, _english),
    "aliases_en": (False, _english_list),
    **_REVIEW_FIELDS,
}
FIGURE_FIELDS: dict[str, tuple[bool, Check]] = {
    "value": (True, _number),
    "unit": (True, _text),
    "what": (True, _text),
    "period": (False, _period),
    "qualifier": (False, _text),
    "unit_en": (False, _english),
    "what_en": (False, _english),
}
FACT_FIELDS: dict[str, tuple[bool, Check]] = {
    "id": (True, _ident),
    "topic": (True, _topic_key),  # declared in the base's lexicon.yaml: checked with the references
    "date": (True, _fact_date),
    "status": (False, _one_of("done", "planned")),
    "as_of": (False, lambda v: None if isinstance(v, bool) else "expected true or false"),
    "unstated": (False, _unstated),
    "participants": (False, _id_list),
    "places": (False, _id_list),
    "organisations": (False, _id_list),
    "related": (False, _id_list),
    "figures": (False, lambda v: None if isinstance(v, list) else "expected a list of figures"),
    "text": (True, _text),
    "quote": (True, _text),
    "source": (True, _ident),
    "questions": (False, _questions),
    "text_en": (False, _english),
    "venue": (False, _text),
    "venue_en": (False, _english),
    "questions_en": (False, _questions_en),
    **_REVIEW_FIELDS,
}
# a fact pending review may still lack its date (the drafter never guesses one) and its topic
PENDING_FACT_FIELDS: dict[str, tuple[bool, Check]] = {
    **FACT_FIELDS, "date": (True, _pending_date), "topic": (True, _pending_topic),
}


def check_fields(
    record: Any, fields: dict[str, tuple[bool, Check]], what: str, report: Reporter, line: int = 1
) -> bool:
    """Report unknown, missing and mistyped fields; True when the record is usable.

    ``line`` is where the record sits in its list, for records that are not mappings
    (a bare scalar or an empty item carries no line of its own).
    """
    if not isinstance(record, LDict):
        report.add(line_of(record, line), f"{what}: expected a mapping of fields")
        return False
    ok = True
    for key in record:
        if key not in fields:
            known = ", ".join(fields)
            report.add(record.key_lines[key], f"{what}: unknown key `{key}` (known: {known})")
            ok = False
    for name, (required, check) in fields.items():
        if name not in record or record[name] is None:
            if required:
                report.add(record.line, f"{what}: missing required field `{name}`")
                ok = False
            continue
        message = check(record[name])
        if message:
            report.add(record.key_lines[name], f"{what}: `{name}`: {message}")
            ok = False
    return ok


def _tuple(record: LDict, name: str) -> tuple[str, ...]:
    return tuple(record.get(name) or ())


def _stripped(record: LDict, name: str) -> str:
    return str(record.get(name) or "").strip()


def build_source(record: LDict, where: Location, text: str) -> Source:
    return Source(
        id=record["id"],
        publisher=record["publisher"].strip(),
        title=record["title"].strip(),
        published=dt.date.fromisoformat(record["published"]),
        url=(record.get("url") or "").strip(),
        place=(record.get("place") or "").strip(),
        text=text,
        about=_tuple(record, "about"),
        publisher_en=_stripped(record, "publisher_en"),
        title_en=_stripped(record, "title_en"),
        language=record.get("language") or "",
        where=where,
    )


def build_entity(record: LDict, where: Location) -> Entity:
    return Entity(
        id=record["id"],
        kind=record["kind"],
        name=record["name"].strip(),
        aliases=tuple(a.strip() for a in record.get("aliases") or ()),
        role=(record.get("role") or "").strip(),
        country=record.get("country") or "",
        part_of=record.get("part_of") or "",
        countries=tuple(record.get("countries") or ()),
        stands_for=record.get("stands_for") or "",
        type=(record.get("type") or "").strip(),
        name_en=_stripped(record, "name_en"),
        aliases_en=tuple(a.strip() for a in record.get("aliases_en") or ()),
        role_en=_stripped(record, "role_en"),
        where=where,
    )


def build_figures(value: Any, report: Reporter) -> tuple[Figure, ...] | None:
    figures: list[Figure] = []
    ok = True
    items = value if isinstance(value, LList) else LList()
    for item, line in zip(items, getattr(items, "item_lines", ()), strict=False):
        if not check_fields(item, FIGURE_FIELDS, "figure", report, line):
            ok = False
            continue
        figures.append(
            Figure(
                value=float(item["value"]),
                unit=item["unit"].strip(),
                what=item["what"].strip(),
                period=str(item.get("period") or ""),
                qualifier=(item.get("qualifier") or "").strip(),
                unit_en=" ".join(str(item.get("unit_en") or "").split()),
                what_en=" ".join(str(item.get("what_en") or "").split()),
            )
        )
    return tuple(figures) if ok else None


def build_fact(record: LDict, where: Location, report: Reporter) -> Fact | None:
    what = f"fact `{record.get('id', '?')}`" if isinstance(record, LDict) else "fact"
    if not check_fields(record, FACT_FIELDS, what, report, where.line):
        return None
    figures = build_figures(record.get("figures") or LList(), report)
    if figures is None:
        return None
    return Fact(
        id=record["id"],
        topic=record["topic"],
        date=parse_fact_date(str(record["date"])),
        text=" ".join(record["text"].split()),
        quote=" ".join(record["quote"].split()),
        source=record["source"],
        questions=tuple(q.strip() for q in record.get("questions") or ()),
        participants=_tuple(record, "participants"),
        places=_tuple(record, "places"),
        organisations=_tuple(record, "organisations"),
        related=_tuple(record, "related"),
        figures=figures,
        status=record.get("status") or "done",
        as_of=bool(record.get("as_of", False)),
        unstated=tuple(record.get("unstated") or ()),
        text_en=" ".join(str(record.get("text_en") or "").split()),
        venue=" ".join(str(record.get("venue") or "").split()),
        venue_en=" ".join(str(record.get("venue_en") or "").split()),
        questions_en=tuple(q.strip() for q in record.get("questions_en") or ()),
        where=where,
    )


LEXICON_FILE = "lexicon.yaml"  # beside the base's other files: its own topic names and example questions
LEXICON_SECTIONS = ("topics", "examples", "subject", "greeting", "rewrites", "synonyms")
LANGUAGES = ("ru", "en")


def build_lexicon(data: Any, report: Reporter) -> BaseLexicon:
    """A base's ``lexicon.yaml``: ``topics`` (key -> {ru, en}), ``examples`` ({ru: [...], en: [...]}),
    ``subject`` and ``greeting`` ({ru, en} texts), ``rewrites`` ({ru: {word: words}}), ``synonyms``
    ({ru: [[word, ...], ...]})."""
    if data is None:
        return BaseLexicon()
    if not isinstance(data, LDict):
        report.add(line_of(data), f"expected a mapping of sections ({', '.join(LEXICON_SECTIONS)})")
        return BaseLexicon()
    for key in data:
        if key not in LEXICON_SECTIONS:
            report.add(data.key_lines[key], f"unknown section `{key}` (known: {', '.join(LEXICON_SECTIONS)})")
    return BaseLexicon(
        topics=_lexicon_topics(data, report), examples=_lexicon_examples(data, report),
        subject=_lexicon_texts(data, "subject", report), greeting=_lexicon_texts(data, "greeting", report),
        rewrites=_lexicon_rewrites(data, report), synonyms=_lexicon_synonyms(data, report))


def _by_language(data: LDict, section: str, expected: str, report: Reporter) -> list[tuple[str, Any, int]]:
    """(language, value, line) of a section keyed by language; wrong keys reported."""
    value = data.get(section)
    if value is None:
        return []
    if not isinstance(value, LDict):
        report.add(data.key_lines[section], f"`{section}` must be a mapping of `ru` and `en` to {expected}")
        return []
    found = []
    for lang, item in value.items():
        if lang not in LANGUAGES:
            report.add(value.key_lines[lang], f"unknown language `{lang}` in `{section}` (known: ru, en)")
            continue
        found.append((lang, item, value.key_lines[lang]))
    return found


def _lexicon_texts(data: LDict, section: str, report: Reporter) -> dict[str, str]:
    texts: dict[str, str] = {}
    for lang, value, line in _by_language(data, section, "texts", report):
        problem = _text(value)
        if problem is not None:
            report.add(line, f"`{section}`: `{lang}`: {problem}")
            continue
        texts[lang] = value.strip()
    return texts


def _single_word(value: Any) -> bool:
    return isinstance(value, str) and bool(WORD_PATTERN.fullmatch(value))


def _lexicon_rewrites(data: LDict, report: Reporter) -> dict[str, dict[str, str]]:
    rewrites: dict[str, dict[str, str]] = {}
    for lang, table, line in _by_language(data, "rewrites", "mappings of a typed word to its words", report):
        if not isinstance(table, LDict):
            report.add(line, f"`rewrites`: `{lang}`: expected a mapping of a typed word to the words it stands for")
            continue
        own: dict[str, str] = {}
        for word, words in table.items():
            where = table.key_lines[word]
            if not _single_word(word):
                report.add(where, f"`rewrites`: `{lang}`: {word!r} must be one lowercase word")
            elif _text(words) is not None:
                report.add(where, f"`rewrites`: `{lang}`: `{word}`: {_text(words)}")
            else:
                own[word] = " ".join(words.lower().replace("ё", "е").split())
        rewrites[lang] = own
    return rewrites


def _lexicon_synonyms(data: LDict, report: Reporter) -> dict[str, tuple[tuple[str, ...], ...]]:
    synonyms: dict[str, tuple[tuple[str, ...], ...]] = {}
    for lang, groups, line in _by_language(data, "synonyms", "lists of word groups", report):
        if not isinstance(groups, list):
            report.add(line, f"`synonyms`: `{lang}`: expected a list of groups such as [word, word, ...]")
            continue
        own: list[tuple[str, ...]] = []
        for group in groups:
            where = line_of(group, line)
            if not isinstance(group, list) or len(group) < 2 or not all(_single_word(w) for w in group):
                report.add(where, f"`synonyms`: `{lang}`: a group is a list of two or more lowercase words")
                continue
            own.append(tuple(w.replace("ё", "е") for w in group))
        synonyms[lang] = tuple(own)
    return synonyms


def _lexicon_topics(data: LDict, report: Reporter) -> dict[str, tuple[str, str]]:
    topics: dict[str, tuple[str, str]] = {}
    value = data.get("topics")
    if value is None:
        return topics
    if not isinstance(value, LDict):
        report.add(data.key_lines["topics"], "`topics` must be a mapping of topic keys to {ru, en} names")
        return topics
    for key, names in value.items():
        line = value.key_lines[key]
        problem = _ident(key)
        if problem is not None:
            report.add(line, f"topic `{key}`: {problem}")
            continue
        topics[key] = ("", "")  # declared even when faulty: its facts are not reported again (the base is refused)
        if not isinstance(names, LDict):
            report.add(line, f"topic `{key}`: expected a mapping with `ru` and `en`")
            continue
        bad = False
        for name_key in names:
            if name_key not in LANGUAGES:
                report.add(names.key_lines[name_key], f"topic `{key}`: unknown key `{name_key}` (known: ru, en)")
                bad = True
        for lang in LANGUAGES:
            if lang not in names:
                report.add(line, f"topic `{key}`: missing `{lang}`")
                bad = True
                continue
            problem = _text(names[lang])
            if problem is not None:
                report.add(names.key_lines[lang], f"topic `{key}`: `{lang}`: {problem}")
                bad = True
        if not bad:
            topics[key] = (names["ru"].strip(), names["en"].strip())
    return topics


def _lexicon_examples(data: LDict, report: Reporter) -> dict[str, tuple[str, ...]]:
    examples: dict[str, tuple[str, ...]] = {}
    value = data.get("examples")
    if value is None:
        return examples
    if not isinstance(value, LDict):
        report.add(data.key_lines["examples"], "`examples` must be a mapping of `ru` and `en` to lists of questions")
        return examples
    for lang, questions in value.items():
        line = value.key_lines[lang]
        if lang not in LANGUAGES:
            report.add(line, f"unknown language `{lang}` in `examples` (known: ru, en)")
            continue
        problem = _text_list(questions)
        if problem is None and not questions:
            problem = "expected a non-empty list of questions"
        if problem is not None:
            report.add(line, f"`examples`: `{lang}`: {problem}")
            continue
        examples[lang] = tuple(q.strip() for q in questions)
    return examples
