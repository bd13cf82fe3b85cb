"""The bundled fact base: every quote is verbatim, every statement is covered, every date resolved.

These tests read the real base (``knowledge.load_knowledge()``) and the real source
text; facts are found by what they quote and when they are dated, not by id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, load_knowledge
from knowledge.base.figures import figure_en
from knowledge.base.model import Fact

SOURCE_ID = "ria-2024-04-22"
SOURCE_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "texts" / f"{SOURCE_ID}.txt"
MIN_FACTS = 70

DATELINE = "МОСКВА, 22 апр - РИА Новости."
NOT_STATEMENTS = (
    DATELINE,
    "Ниже приводится справочная информация о межгосударственных отношениях стран.",
    "Комментарии отключены.",
)
NOT_STATEMENT_PREFIXES = ("При перепечатке", "При цитировании")

# a sentence ends at . ! ? or … (perhaps after a closing quote or bracket) before a capital, digit or opening mark
_BOUNDARY = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][»\")]))\s+(?=[«\"(]?[А-ЯЁA-Z0-9])")


def collapse(text: str) -> str:
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of the source, line by line (a line break always ends a sentence).

    A split needs end punctuation, a space and a capital/digit, so a stray "в."
    before "Так, ..." ends its sentence like any other period and nothing is lost:
    joining the sentences gives back the text.
    """
    sentences: list[str] = []
    for line in text.splitlines():
        line = collapse(line)
        if line:
            sentences.extend(part for part in _BOUNDARY.split(line) if part)
    return sentences


def is_statement(sentence: str) -> bool:
    return sentence not in NOT_STATEMENTS and not sentence.startswith(NOT_STATEMENT_PREFIXES)


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sentences(source_text: str) -> list[str]:
    return split_sentences(source_text)


def quoting(base: KnowledgeBase, needle: str) -> list[Fact]:
    found = [f for f in base.facts if needle in f.quote]
    assert found, f"no fact quotes {needle!r}"
    return found


# ---- the splitter itself -----------------------------------------------------------------


def test_splitter_loses_nothing_and_keeps_the_typo_sentence(source_text: str, sentences: list[str]) -> None:
    assert " ".join(sentences) == collapse(source_text)
    assert all(re.search(r"[.!?…][»\")]*$", s) for s in sentences), [s for s in sentences if s[-1] not in ".!?…"]
    assert sentences[0] == DATELINE
    assert sentences[1].startswith("Переговоры президентов России и Азербайджана")
    assert "Россия также стала популярным направлением у азербайджанцев в." in sentences
    assert any(s.startswith("Так, согласно данным пограничной службы ФСБ России") for s in sentences)
    assert sentences[-1] == "Комментарии отключены."
    assert len(sentences) > 80


def test_splitter_on_small_texts() -> None:
    assert split_sentences("Первое. Второе!\nТретье? 5 марта было.\n\n") == [
        "Первое.", "Второе!", "Третье?", "5 марта было.",
    ]
    assert split_sentences('ПАО "КАМАЗ" и др.\n"Газпром" работает. (63,8%). Ещё в. Так, вот.') == [
        'ПАО "КАМАЗ" и др.', '"Газпром" работает.', "(63,8%).", "Ещё в.", "Так, вот.",
    ]
    assert split_sentences("Т-72, 4,4 млрд и 17,5% в строке.") == ["Т-72, 4,4 млрд и 17,5% в строке."]
    assert split_sentences('Он сказал: "Да." Потом ушел.') == ['Он сказал: "Да."', "Потом ушел."]


def test_every_exclusion_matches_exactly_one_sentence(sentences: list[str]) -> None:
    counts = Counter(s for s in sentences if not is_statement(s))
    assert set(counts) >= set(NOT_STATEMENTS)
    assert all(n == 1 for n in counts.values())
    assert sum(1 for s in counts if s.startswith(NOT_STATEMENT_PREFIXES)) == 2
    assert len(counts) == len(NOT_STATEMENTS) + 2


# ---- quotes ------------------------------------------------------------------------------


def test_the_stored_source_is_the_text_file(base: KnowledgeBase, source_text: str) -> None:
    assert list(base.sources) == [SOURCE_ID]
    source = base.sources[SOURCE_ID]
    assert source.text == source_text
    assert source.published == dt.date(2024, 4, 22)
    assert source.publisher == "РИА Новости"


def test_every_quote_is_verbatim_in_the_source(base: KnowledgeBase, source_text: str) -> None:
    text = source_text.replace("\n", " ")
    missing = [f.id for f in base.facts if f.source != SOURCE_ID or f.quote not in text]
    assert missing == []


def test_every_quote_is_whole_sentences(base: KnowledgeBase, sentences: list[str]) -> None:
    joined = " ".join(sentences)
    starts, ends, offset = set(), set(), 0
    for sentence in sentences:
        starts.add(offset)
        offset += len(sentence)
        ends.add(offset)
        offset += 1
    partial = []
    for fact in base.facts:
        spans = [m.start() for m in re.finditer(re.escape(fact.quote), joined)]
        if not any(s in starts and s + len(fact.quote) in ends for s in spans):
            partial.append(fact.id)
    assert partial == []


def test_every_statement_sentence_is_quoted(base: KnowledgeBase, sentences: list[str]) -> None:
    quotes = [f.quote for f in base.facts]
    uncovered = [s for s in sentences if is_statement(s) and not any(s in q for q in quotes)]
    assert uncovered == []


# ---- the base as a whole ----------------------------------------------------------------


def test_enough_facts_with_unique_ids(base: KnowledgeBase) -> None:
    ids = [f.id for f in base.facts]
    assert len(ids) >= MIN_FACTS
    assert len(set(ids)) == len(ids)
    assert not set(ids) & set(base.entities)
    assert not set(ids) & set(base.sources)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_no_sample_facts_remain(base: KnowledgeBase) -> None:
    assert base.fact("test-fact") is None
    assert not any(Path(f).name.startswith("zz_") for f in base.files)


def test_every_referenced_entity_exists(base: KnowledgeBase) -> None:
    unknown = [(f.id, e) for f in base.facts for e in f.entity_ids if e not in base.entities]
    assert unknown == []
    assert all(e.country in base.entities for e in base.entities.values() if e.country)
    assert all(a in base.entities for s in base.sources.values() for a in s.about)
    assert all(f.topic in base.lexicon.topics for f in base.facts)


def test_organisations_are_organisations(base: KnowledgeBase) -> None:
    wrong = [(f.id, e) for f in base.facts for e in f.organisations if base.entities[e].kind != "organisation"]
    assert wrong == []


def test_every_text_is_a_finished_sentence(base: KnowledgeBase) -> None:
    unfinished = [f.id for f in base.facts if not re.search(r"[.!?…][»\")]*$", f.text)]
    assert unfinished == []


def test_every_text_is_dated_with_its_year(base: KnowledgeBase) -> None:
    undated = [
        f.id for f in base.facts
        if not re.search(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])", f.text)
        or not ({str(f.date.start.year), str(f.date.end.year)} & set(re.findall(r"[0-9]{4}", f.text)))
    ]
    assert undated == []


def test_every_fact_has_two_to_five_distinct_questions(base: KnowledgeBase) -> None:
    wrong = []
    for fact in base.facts:
        questions = [q.strip().lower() for q in fact.questions]
        distinct = len(set(questions)) == len(questions)
        if not (2 <= len(questions) <= 5 and distinct and all(q and q != fact.text.lower() for q in questions)):
            wrong.append(fact.id)
    assert wrong == []


def test_people_are_named_by_first_name_and_surname(base: KnowledgeBase) -> None:
    def stem(word: str) -> str:
        return word[:-1].lower() if len(word) > 4 else word.lower()

    unnamed = []
    for fact in base.facts:
        text = fact.text.lower()
        for person in (base.entities[e] for e in fact.participants if base.entities[e].kind == "person"):
            if not all(stem(word) in text for word in person.name.split()):
                unnamed.append((fact.id, person.id))
    assert unnamed == []


# ---- English ------------------------------------------------------------------------------

NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
# hedges that must survive translation: the count in `text` is the count in `text_en`
HEDGES = (("почти", "almost"), ("около", "about"), ("более|свыше|больше", "more"), ("менее|меньше", "less|fewer"))
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def numbers(text: str) -> list[str]:
    """Every figure of a text, «4,4» and «4.4» alike, in order of size then text."""
    return sorted(n.replace(",", ".") for n in NUMBER.findall(text))


def test_numbers_helper() -> None:
    assert numbers("почти 4,4 млрд долларов в 2023 году, Т-72, 5–6 марта") == ["2023", "4.4", "5", "6", "72"]
    assert numbers("almost 4.4 billion dollars in 2023, T-72, 5–6 March") == numbers("4,4 2023 72 5 6")
    assert numbers("17,5%") != numbers("17%")


def test_every_fact_has_an_english_text_and_questions(base: KnowledgeBase) -> None:
    wrong = []
    for fact in base.facts:
        questions = [q.strip().lower() for q in fact.questions_en]
        if (not fact.text_en or CYRILLIC.search(fact.text_en) or not questions
                or len(set(questions)) != len(questions) or fact.text_en.lower() in questions
                or not re.search(r"[.!?…][»\")]*$", fact.text_en)):
            wrong.append(fact.id)
    assert wrong == []


def test_english_texts_keep_every_figure_and_date(base: KnowledgeBase) -> None:
    changed = [(f.id, numbers(f.text), numbers(f.text_en)) for f in base.facts if numbers(f.text) != numbers(f.text_en)]
    assert changed == []


NUMBER_WORDS = {"2": "two", "5": "five", "10": "ten", "1000": "a thousand"}  # "the top five countries"


def test_every_figure_is_described_in_english_as_its_text_says_it(base: KnowledgeBase) -> None:
    """English answers lead with a figure and list series from ``unit_en``/``what_en``: the English text
    must state the same number in that unit."""
    wrong = []
    for fact in base.facts:
        for figure in fact.figures:
            shown = figure_en(figure)
            number = f"{figure.value:g}"
            said = re.search(rf"(?<![\d.])({re.escape(number)}|{NUMBER_WORDS.get(number, number)})(?![\d])",
                             fact.text_en)
            if (not figure.what_en or not figure.unit_en or shown is None or CYRILLIC.search(figure.what_en)
                    or not said or (figure.unit_en != "%" and figure.unit_en.split()[0]
                                                      not in fact.text_en)):
                wrong.append((fact.id, number, figure.unit_en))
    assert wrong == []


def test_english_texts_keep_the_hedges(base: KnowledgeBase) -> None:
    lost = []
    for fact in base.facts:
        for russian, english in HEDGES:
            said = len(re.findall(rf"(?<!\w)(?:{russian})(?!\w)", fact.text, re.IGNORECASE))
            translated = len(re.findall(rf"(?<!\w)(?:{english})(?!\w)", fact.text_en, re.IGNORECASE))
            if said != translated:
                lost.append((fact.id, russian, said, translated))
    assert lost == []
    assert any("almost 4.4 billion" in f.text_en for f in base.facts)  # the record trade figure


def test_planned_facts_stay_planned_in_english(base: KnowledgeBase) -> None:
    planned = [f for f in base.facts if f.status == "planned"]
    assert planned
    wrong = [f.id for f in planned if not re.search(r"\b(will|is to|are to)\b", f.text_en)]
    assert wrong == []


def test_people_are_named_in_english_by_first_name_and_surname(base: KnowledgeBase) -> None:
    unnamed = []
    for fact in base.facts:
        for person in (base.entities[e] for e in fact.participants if base.entities[e].kind == "person"):
            if person.name_en not in fact.text_en:
                unnamed.append((fact.id, person.id))
    assert unnamed == []


def test_every_entity_has_an_english_name(base: KnowledgeBase) -> None:
    wrong = [
        e.id for e in base.entities.values()
        if not e.name_en or bool(e.role) != bool(e.role_en)
        or len(set(e.aliases_en)) != len(e.aliases_en) or e.name_en in e.aliases_en
        or any(CYRILLIC.search(t) for t in (e.name_en, e.role_en, *e.aliases_en))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("entity_id", "name", "aliases"),
    [
        ("aliyev", "Ilham Aliyev", {"Aliyev", "Aliev"}),
        ("bayramov", "Jeyhun Bayramov", {"Bayramov"}),
        ("mishustin", "Mikhail Mishustin", {"Mishustin"}),
        ("ashgabat", "Ashgabat", {"Ashkhabad"}),
        ("astana", "Astana", {"Nur-Sultan"}),
        ("karabakh", "Karabakh", {"Nagorno-Karabakh"}),
        ("north-south", "International North–South Transport Corridor", {"INSTC", "North-South corridor"}),
        ("sco", "Shanghai Cooperation Organisation (SCO)", {"SCO", "Shanghai Cooperation Organization"}),
        ("eaeu", "Eurasian Economic Union (EAEU)", {"EAEU", "EEU", "Eurasian Economic Union"}),
        ("cis", "Commonwealth of Independent States (CIS)", {"CIS", "Commonwealth of Independent States"}),
        ("cica", "Conference on Interaction and Confidence-Building Measures in Asia (CICA)", {"CICA"}),
        ("kamaz", "PJSC KAMAZ", {"KAMAZ", "Kamaz"}),
        ("gaz-group", "GAZ Group", {"GAZ"}),
    ],
)
def test_english_names_and_spellings_people_type(base: KnowledgeBase, entity_id: str, name: str,
                                                 aliases: set[str]) -> None:
    entity = base.entities[entity_id]
    assert entity.name_en == name
    assert aliases <= set(entity.aliases_en)


def test_the_source_has_an_english_citation(base: KnowledgeBase) -> None:
    source = base.sources[SOURCE_ID]
    assert source.language == "ru"
    assert source.citation_en() == "RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)"


# ---- implicit dates ----------------------------------------------------------------------

FIVE_MEETINGS = "В последующем Путин и Алиев встречались 29 июня на полях Каспийского саммита"


def test_the_five_meetings_after_february_2022_are_in_2022(base: KnowledgeBase) -> None:
    facts = quoting(base, FIVE_MEETINGS)
    days = {f.date.iso for f in facts if f.date.precision == "day" and not f.date.is_range}
    assert days >= {"2022-06-29", "2022-09-16", "2022-10-07", "2022-10-13", "2022-12-26"}
    assert all(f.date.start.year == f.date.end.year == 2022 for f in facts)
    assert all("2022" in f.text for f in facts)


@pytest.mark.parametrize(
    ("needle", "day"),
    [
        ("16 декабря Асадов посетил Москву", "2023-12-16"),
        ("25 июля в Москве прошли очередные переговоры Лаврова и Байрамова", "2023-07-25"),
        ("В тот же день состоялись трехсторонние переговоры с участием Лаврова, Байрамова и Мирзояна", "2023-07-25"),
        ("22 сентября на полях 78-й сессии Генассамблеи ООН", "2023-09-22"),
        ("5 декабря Байрамов посетил Москву", "2023-12-05"),
        ("20 сентября при посредничестве российских миротворцев была достигнута договоренность о прекращении огня",
         "2023-09-20"),
        ("в районе села Джанятаг автомобиль с российскими военными подвергся обстрелу", "2023-09-20"),
        ("На следующий день по инициативе Баку состоялся телефонный разговор двух лидеров", "2023-09-21"),
        ("В тот же день в Кремле состоялась встреча Алиева с Путиным", "2023-05-25"),
        ("5 марта состоялись его переговоры с Асадовым", "2024-03-05"),
        ("6 марта состоялись переговоры Мишустина и Алиева", "2024-03-06"),
    ],
)
def test_implicit_years_are_resolved(base: KnowledgeBase, needle: str, day: str) -> None:
    facts = quoting(base, needle)
    assert day in {f.date.iso for f in facts}, [(f.id, f.date.iso) for f in facts]
    year = int(day[:4])
    wrong = [(f.id, f.date.iso) for f in facts if not f.date.start.year == f.date.end.year == year]
    assert wrong == []
    exact = next(f for f in facts if f.date.iso == day)
    assert exact.date.precision == "day"
    assert str(year) in exact.text


def test_the_talks_on_monday_are_planned_for_22_april_2024(base: KnowledgeBase) -> None:
    facts = quoting(base, "пройдут в понедельник в Москве")
    for fact in facts:
        assert fact.date.iso == "2024-04-22"
        assert fact.status == "planned"
        assert "22 апреля 2024" in fact.text
        assert not re.search(r"\b(прошли|состоял[иа]сь|провели)\b", fact.text), fact.text


def test_the_ceasefire_shooting_and_call_are_distinct_facts(base: KnowledgeBase) -> None:
    ceasefire = {f.id for f in quoting(base, "договоренность о прекращении огня") if f.date.iso == "2023-09-20"}
    shooting = {f.id for f in quoting(base, "Джанятаг") if f.date.iso == "2023-09-20"}
    call = {f.id for f in quoting(base, "телефонный разговор двух лидеров") if f.date.iso == "2023-09-21"}
    assert ceasefire and shooting and call
    assert not ceasefire & shooting


def test_explicit_dates_are_kept(base: KnowledgeBase) -> None:
    assert "1992-04-04" in {f.date.iso for f in quoting(base, "установлены 4 апреля 1992 года")}
    assert "2022-02-22" in {f.date.iso for f in quoting(base, "22 февраля 2022 года Алиев посетил Москву")}
    assert "2023-10-12" in {f.date.iso for f in quoting(base, "провели встречу в Бишкеке")}
    assert "2024-04-17" in {f.date.iso for f in quoting(base, "начался досрочный вывод российских миротворческих")}
