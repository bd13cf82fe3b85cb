"""`factbot draft` and `factbot accept` (issue #15.1): an article → reviewed, sourced facts.

The articles here are written for the tests; tests/fixtures/articles holds two longer ones (and the
statements a reader expects of them) that bench/drafting.py measures.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from knowledge import AcceptError, DraftError, Engine, accept, bundled_path, check_knowledge, draft_into
from knowledge.drafting.article import dateline_date, read_dateline, sentences, statements
from knowledge.drafting.dates import DateReader
from knowledge.drafting.draft import tense_of
from knowledge.drafting.figures import find_figures
from knowledge.drafting.review import _without_marks

ARTICLE = """\
ТБИЛИСИ, 3 фев - РИА Новости. Переговоры министров пройдут в пятницу в Тбилиси.
Ниже приводится справочная информация о связях двух стран.
Дипломатические отношения между Россией и Грузией установлены 1 июля 1992 года.
12 марта 2023 года министр Петр Иванов посетил Тбилиси. В ходе визита он провел переговоры. \
На следующий день стороны подписали меморандум.
В дальнейшем министры встречались 4 мая в Москве; 9 сентября – в Батуми.
Россия – важный торговый партнер Грузии.
По итогам 2023 года товарооборот вырос на 12,5% и достиг почти 2,4 миллиарда долларов.
Ранее стороны договорились о работе комиссии.
"""


def _base_with_entities(tmp_path: Path) -> Path:
    base = tmp_path / "kb"
    base.mkdir()
    shutil.copy(bundled_path() / "entities.yaml", base / "entities.yaml")
    return base


def _draft(base: Path, text: str = ARTICLE, source_id: str = "test-2024-02-03") -> object:
    return draft_into(base, text, source_id=source_id, publisher="РИА Новости", published=dt.date(2024, 2, 3),
                      url="https://example.org/a")


# ---- reading the article --------------------------------------------------------------------------------


def test_a_dateline_without_a_year_takes_the_publications() -> None:
    line = read_dateline(ARTICLE)
    assert line is not None and (line.place, line.day, line.month, line.year) == ("Тбилиси", 3, 2, None)
    assert dateline_date(line, dt.date(2024, 2, 3)) == dt.date(2024, 2, 3)
    with_year = read_dateline("БАКУ, 27 ноября 2025 - РИА Новости. Текст.")
    assert with_year is not None and (with_year.place, with_year.year) == ("Баку", 2025)
    assert read_dateline("Просто текст без даты.") is None


def test_sentences_keep_abbreviations_and_initials_whole() -> None:
    found = [s for _, s in sentences("В 2023 г. рост составил 5%. С. Лавров прибыл в Баку. Затем начались переговоры.")]
    assert found == ["В 2023 г. рост составил 5%.", "С. Лавров прибыл в Баку.", "Затем начались переговоры."]


def test_a_list_sentence_is_one_statement_per_clause_with_its_lead() -> None:
    found = [s for s in statements(ARTICLE) if "встречались" in s.sentence]
    assert [s.text for s in found] == ["В дальнейшем министры встречались 4 мая в Москве", "9 сентября – в Батуми"]
    assert found[1].lead == "В дальнейшем министры встречались"
    for statement in statements(ARTICLE):
        assert ARTICLE[statement.start:statement.start + len(statement.text)] == statement.text


# ---- dates ----------------------------------------------------------------------------------------------


def _dates(*sentences_: str, published: dt.date = dt.date(2024, 4, 22)) -> list[tuple[str, bool, bool]]:
    reader = DateReader(published, dateline=published)
    found = []
    for number, text in enumerate(sentences_):
        date = reader.read(text, tense_of(text), opens_paragraph=number == 0)
        found.append((date.iso, date.as_of, date.planned))
    return found


def test_dates_as_a_careful_reader_resolves_them() -> None:
    assert _dates(
        "19 мая 2023 года министр посетил Москву.",
        "25 июля в Москве прошли переговоры.",  # the passage's year
        "В тот же день состоялась встреча.",
        "На следующий день министр вернулся.",
        "5-6 марта 2024 года премьер посетил страну.",
        "В январе 2024 года была утверждена карта.",
        "С 2010 по 2019 год партнером была Россия.",
        "По итогам 2023-го рост составил 17,5%.",
    ) == [("2023-05-19", False, False), ("2023-07-25", False, False), ("2023-07-25", False, False),
          ("2023-07-26", False, False), ("2024-03-05/2024-03-06", False, False), ("2024-01", False, False),
          ("2010/2019", False, False), ("2023", False, False)]


def test_a_statement_without_a_date_continues_an_occasion_only_when_it_says_so() -> None:
    assert _dates("12 марта 2023 года министр посетил Тбилиси.", "В ходе визита он провел переговоры.",
                  "Находившиеся там военные вернулись.") == [
        ("2023-03-12", False, False), ("2023-03-12", False, False), ("", False, False)]


def test_the_source_is_about_the_countries_the_article_names_most(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    text = ("МОСКВА, 3 фев - РИА Новости. Россия и Иран подписали соглашение 1 февраля 2024 года. "
            "Иран и Россия – партнеры. Товарооборот двух стран вырос.\n")
    _draft(base, text)
    loaded, _ = check_knowledge(base)
    assert loaded is not None and sorted(loaded.sources["test-2024-02-03"].about) == ["iran", "russia"]
    trade = next(p for p in loaded.pending if "Товарооборот" in p.quote)
    assert {ref for _, ref in trade.refs} >= {"iran", "russia"}  # «двух стран»


def test_a_goal_year_is_not_the_date() -> None:
    assert _dates("В сентябре 2022 года стороны решили довести перевозки до 30 миллионов тонн к 2030 году.") == [
        ("2022-09", False, False)]


def test_states_and_announcements_are_dated_by_the_publication() -> None:
    assert _dates("Азербайджан – важный стратегический партнер России.",
                  "Общая протяженность коридора составит более 7 тысяч километров.") == [
        ("2024-04-22", True, False), ("2024-04-22", True, True)]
    assert _dates("Переговоры пройдут в четверг.", published=dt.date(2024, 4, 22)) == [
        ("2024-04-25", False, True)]


def test_an_unresolvable_date_is_left_empty_never_guessed() -> None:
    assert _dates("Ранее стороны договорились о работе комиссии.")[0][0] == ""
    # a day that would go back in the account: which year?
    assert _dates("10 октября 2023 года министр прибыл в Баку.", "3 марта состоялись переговоры.")[1][0] == ""


# ---- figures --------------------------------------------------------------------------------------------


def test_figures_with_scale_unit_and_qualifier() -> None:
    text = ("По итогам года рост составил 17,5% и достиг почти 4,4 миллиарда долларов, вложено более "
            "1 миллиарда 100 миллионов долларов.")
    assert [(f.value, f.unit, f.qualifier) for f in find_figures(text)] == [
        (17.5, "%", ""), (4.4, "млрд долларов", "почти"), (1.1, "млрд долларов", "более")]
    assert [(f.value, f.unit) for f in find_figures("В 26 азербайджанских вузах учатся около 8 тысяч студентов.")] == [
        (26, "вузов"), (8, "тысяч студентов")]
    assert find_figures("танки Т-72 и 78-я сессия") == []


# ---- draft into a base ----------------------------------------------------------------------------------


def test_draft_adds_the_source_text_and_pending_facts(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    report = _draft(base)
    assert (base / "texts" / "test-2024-02-03.txt").read_text(encoding="utf-8") == ARTICLE
    loaded, problems = check_knowledge(base)
    assert problems == [] and loaded is not None
    assert loaded.facts == ()  # nothing is served before review
    facts = [p for p in loaded.pending if p.kind == "fact"]
    assert len(facts) == report.facts == 10  # the editorial line is no statement
    assert not any("справочная" in p.quote for p in facts)
    by_quote = {p.quote: p for p in facts}
    assert not by_quote["Ранее стороны договорились о работе комиссии."].dated
    assert report.undated == 1
    yaml_text = (base / "facts" / "test-2024-02-03.yaml").read_text(encoding="utf-8")
    assert "date: '2023-03-13'" in yaml_text  # «На следующий день» after 12 March 2023
    assert "Петр Иванов" in yaml_text  # a new name proposed as an entity
    assert any(p.kind == "entity" for p in loaded.pending)


def test_drafting_the_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    _draft(base)
    before = {p: p.read_bytes() for p in base.rglob("*") if p.is_file()}
    report = _draft(base)
    assert report.already  # type: ignore[attr-defined]
    assert {p: p.read_bytes() for p in base.rglob("*") if p.is_file()} == before


def test_another_text_under_a_used_source_id_is_refused(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    _draft(base)
    with pytest.raises(DraftError, match="another text"):
        _draft(base, ARTICLE.replace("12,5%", "13%"))


def test_an_invalid_base_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    (base / "broken.yaml").write_text("facts: [\n", encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        _draft(base)
    assert any("broken.yaml:" in p for p in caught.value.problems)
    assert not (base / "facts").exists() and not (base / "texts").exists()


# ---- accept ---------------------------------------------------------------------------------------------


def test_accept_serves_the_reviewed_facts_and_refuses_an_undated_one(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    _draft(base)
    report = accept(base, everything=True)
    assert len(report.refused) == 1 and "no date" in report.refused[0]
    loaded, problems = check_knowledge(base)
    assert problems == [] and loaded is not None
    assert len(loaded.facts) == 9 and len(loaded.pending) == 1
    assert any(e.name == "Петр Иванов" for e in loaded.entities.values())  # accepted with the fact naming it
    answer = Engine.from_path(base).answer("когда установлены дипломатические отношения с Грузией")
    assert answer.answered and "1992" in answer.reply


def test_accepting_one_fact_keeps_comments_and_other_marks(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    _draft(base)
    path = base / "facts" / "test-2024-02-03.yaml"
    path.write_text("# the editor's own note\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    report = accept(base, ["test-2024-02-03-02"])
    assert report.accepted == ["gruziya", "test-2024-02-03-02"]  # with the new name it uses
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# the editor's own note\n")
    loaded, _ = check_knowledge(base)
    assert loaded is not None and [f.id for f in loaded.facts] == ["test-2024-02-03-02"]
    with pytest.raises(AcceptError, match="not pending"):
        accept(base, ["test-2024-02-03-02"])


def test_an_accepted_fact_cannot_name_a_pending_entity(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    _draft(base)
    path = base / "facts" / "test-2024-02-03.yaml"
    loaded, _ = check_knowledge(base)
    assert loaded is not None
    fact = next(p for p in loaded.pending if p.kind == "fact" and any(r[1].startswith("petr") for r in p.refs))
    # the editor clears the fact's mark by hand, forgetting the new name it uses
    path.write_text(_without_marks(path, path.read_text(encoding="utf-8"), {fact.id}), encoding="utf-8")
    _, problems = check_knowledge(base)
    assert f"fact `{fact.id}`: entity `petr-ivanov` in `participants` is pending review " \
           "(accept it too: factbot accept BASE ID)" in [p.message for p in problems]
    assert all(p.file == str(path) and p.line > 1 for p in problems)


# ---- the command line -----------------------------------------------------------------------------------


def test_cli_draft_check_accept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = _base_with_entities(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = ["draft", str(article), "--into", str(base), "--source-id", "test-2024-02-03", "--publisher", "РИА",
            "--date", "2024-02-03"]
    assert main(args) == 0
    assert "10 new facts" in capsys.readouterr().out
    assert main(args) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert main(["check", str(base)]) == 0
    out, err = capsys.readouterr()
    assert "pending review" in out and "pending review: fact `test-2024-02-03-10` (no date yet)" in err
    assert main(["accept", str(base), "--all"]) == 0
    assert "accepted" in capsys.readouterr().out
    assert main(["draft", str(article), "--into", str(base), "--source-id", "Bad Id", "--publisher", "x",
                 "--date", "2024-02-03"]) == 1
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert main(["draft", str(binary), "--into", str(base), "--source-id", "other", "--publisher", "x",
                 "--date", "2024-02-03"]) == 1
    assert "not UTF-8" in capsys.readouterr().err


# ---- names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ner", [False, True])
def test_new_names_are_proposed_with_their_kind(ner: bool) -> None:
    from knowledge.drafting.entities import propose
    found = {(p.name, p.kind) for p in propose("12 марта министр Петр Иванов посетил Тбилиси.", [], ner=ner)}
    assert ("Петр Иванов", "person") in found and ("Тбилиси", "place") in found
    linked = [(0, 20)]  # words the base already knows are no new names
    assert all(p.name != "Петр Иванов" for p in propose("Министр Петр Иванов прибыл в город.", linked, ner=ner))


def test_a_person_acting_in_a_role_brings_the_body_of_the_role() -> None:
    from knowledge import load_knowledge
    from knowledge.drafting.entities import EntityMatcher
    matcher = EntityMatcher(load_knowledge().entities)
    ids, _ = matcher.find("Лавров посетил Баку.")
    fields = matcher.with_context(ids)
    assert "mfa-russia" in fields["organisations"] and "russia" in fields["participants"]


def test_a_comma_before_a_clause_with_its_own_date_splits_the_sentence() -> None:
    text = "Россия входит в число крупных инвесторов страны, в 2023 году Россия инвестировала 295 миллионов долларов."
    assert [s.text for s in statements(text)] == [
        "Россия входит в число крупных инвесторов страны", "в 2023 году Россия инвестировала 295 миллионов долларов."]
    assert len(statements("Встреча прошла 5 марта, в Москве, при участии министров.")) == 1


def test_counts_written_as_words_are_figures_and_an_oblique_case_is_none() -> None:
    def figures(text: str) -> list[tuple[float, str]]:
        return [(f.value, f.unit) for f in find_figures(text)]

    assert figures("Действует два аттестованных сервисных центра.") == [(2, "центров")]
    assert figures("Учатся 8 тысяч студентов, из них тысяча – за счет бюджета.") == [(8, "тысяч студентов"),
                                                                                   (1000, "тысяча")]
    assert figures("Страна входит в пятерку крупнейших инвесторов.") == [(5, "инвесторов")]
    for none in ("Встреча двух лидеров.", "По территориям трех стран.", "Работают несколько сотен компаний.",
                 "Приехали тысячи туристов.", "Это одна из главных задач."):
        assert figures(none) == [], none


def test_a_pronoun_or_an_added_also_continues_the_occasion_before() -> None:
    assert _dates("12 марта 2023 года министр посетил Тбилиси.", "Состоялись также переговоры с премьером.",
                  "Он подчеркнул важность визита.", "Находившиеся там военные вернулись.") == [
        ("2023-03-12", False, False), ("2023-03-12", False, False), ("2023-03-12", False, False), ("", False, False)]
    # «также» after a noun adds nothing about the occasion
    assert _dates("12 марта 2023 года министр посетил Тбилиси.", "Россия также стала популярной у туристов.")[1] == (
        "", False, False)


def test_a_body_brings_the_general_term_its_name_uses() -> None:
    from knowledge import load_knowledge
    from knowledge.drafting.entities import EntityMatcher
    entities = load_knowledge().entities
    matcher = EntityMatcher(entities)
    body = next(e for e in entities.values() if e.kind == "organisation" and e.name.startswith("МИД "))
    term = next(e for e in entities.values() if e.kind == "term" and "МИД" in e.aliases)
    ids, _ = matcher.find(f"Заявление опубликовал {body.name}.")
    assert term.id in matcher.with_context(ids)["related"]


def test_an_entity_named_again_by_its_noun_in_the_next_statement_is_linked(tmp_path: Path) -> None:
    base = _base_with_entities(tmp_path)
    article = ("МОСКВА, 3 фев - РИА Новости.\n"
               "В 2022 году стороны договорились о создании коридора «Север–Юг». "
               "Протяженность коридора составит более 7 тысяч километров.\n"
               "Длина коридора в другом абзаце не связана.\n")
    _draft(base, article, source_id="corridor-2024-02-03")
    loaded, problems = check_knowledge(base)
    assert problems == [] and loaded is not None
    by_quote = {p.quote: p for p in loaded.pending if p.kind == "fact"}
    corridor = next(e.id for e in loaded.entities.values() if e.name_en.startswith("International North"))
    data = yaml.safe_load((base / "facts" / "corridor-2024-02-03.yaml").read_text(encoding="utf-8"))

    def named(words: str) -> set[str]:
        fact = next(f for f in data["facts"] if words in f["quote"])
        return {i for name in ("participants", "places", "organisations", "related") for i in fact.get(name) or ()}

    assert corridor in named("Протяженность коридора") and corridor not in named("в другом абзаце")
    assert "Протяженность коридора составит более 7 тысяч километров." in by_quote
