"""Russian words the engine treats specially: fillers, question words, synonyms, time words.

Language knowledge, not facts: it holds for any fact base in Russian. Every
entry is a dictionary form (lemma), lowercase, with «е» for «ё».
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.text.morphology import WordInfo

# Greetings, politeness and chat filler: never part of what is asked.
FILLERS = frozenset(
    ["привет", "приветствовать", "здравствуйте", "здравствуй", "здорово", "добрый", "день", "утро", "вечер", "ночь", "хай", "салют", "пожалуйста", "плиз", "плз", "пж", "пжл", "пжлст", "спс", "спасибо", "благодарить", "ребята", "ребят", "народ", "друг", "коллега", "бот", "ботик", "знать", "кто-нибудь", "кто-то", "кто-либо", "интересно", "интересовать", "вопрос", "ответ", "можно", "мочь", "хотеть", "хотеться", "узнать", "помнить", "вспомнить", "вообще", "короче", "кстати", "блин", "слушать", "слушай", "ну", "вот", "ладно", "типа", "как-то", "вроде", "просто", "еще", "уже", "ли", "же", "бы", "а", "и", "или", "но", "да", "нет", "не", "ни", "это", "этот", "тот", "такой", "там", "тут", "здесь", "всё", "все", "весь", "быть", "являться", "иметься", "происходить", "случиться", "случаться", "произойти", "событие", "действие", "год", "раз", "сделать", "делать", "заниматься", "состояться", "проходить", "пройти", "нибудь", "либо", "сейчас", "сегодня", "нынче", "вообще-то", "время", "нужно", "нужный", "надо", "необходимо", "связанный", "связать", "касаться", "касающийся", "относящийся", "лично", "очно", "вживую", "предел", "запомниться", "запоминаться", "памятный", "вместе", "сторона", "датироваться", "датировать",
     # hearsay framing a claim («говорят, …», «я слышал, что …»): who says it, not what is said
     "говорят", "утверждают", "слышать", "слыхать"]
)

# A request to the bot in the imperative («назови», «перечислите», «покажи»): the frame of the question, never
# what is asked. Surface forms, so that the same verbs in a statement («назвал агрессией») keep their meaning.
# So are the verbs of telling asked of the bot, in the forms a request takes (the imperative, the infinitive
# after «можешь», the second person): «что ответил министр» keeps its verb, «ответь, когда …» does not.
REQUEST_IMPERATIVES = frozenset(
    ["назови", "назовите", "перечисли", "перечислите", "покажи", "покажите", "напиши", "напишите", "дай", "дайте",
     "приведи", "приведите", "выдай", "выдайте", "опиши", "опишите", "скинь", "скиньте", "выведи", "выведите",
     *(f"{stem}{ending}" for stem, endings in (
         ("скаж", ("и", "ите", "ешь", "ете")), ("подскаж", ("и", "ите", "ешь", "ете")),
         ("расскаж", ("и", "ите", "ешь", "ете")), ("напомн", ("и", "ите", "ишь")), ("уточн", ("и", "ите", "ишь")),
         ("поясн", ("и", "ите", "ишь")), ("объясн", ("и", "ите", "ишь")), ("ответ", ("ь", "ьте", "ишь", "ите")))
       for ending in endings),
     "сказать", "подсказать", "рассказать", "напомнить", "уточнить", "пояснить", "объяснить", "ответить"])

# Words that announce what kind of answer is wanted.
QUESTION_WORDS: dict[str, str] = {
    "когда": "date",
    "где": "place",
    "куда": "place",
    "откуда": "place",
    "сколько": "figure",
    "насколько": "what",  # «насколько вырос», «насколько крупный»: a measure or a degree, asked of the fact
    "скольких": "figure",
    "почем": "figure",  # «почём»: how much money
    "кто": "person",
    "кого": "person",
    "кем": "person",
    "кому": "person",
    "что": "what",
    "какой": "what",
    "каков": "what",
    "который": "what",
    "чей": "person",
    "почему": "reason",
    "зачем": "reason",
    "как": "how",
}

# Words that ask for a list of everything that matches.
LIST_WORDS = frozenset(["все", "всё", "весь", "перечислить", "список", "перечень", "какие", "каких", "какими", "хронология", "история",
                        "поименно"])  # «назови поименно»: each by its name

# «сколько гостей», «жителей», «граждан» of a country: people counted by any name for who they are; a fact
# counting people by one of them tells how many by another (dictionary forms, Russian and English)
PEOPLE_COUNTED = frozenset({"человек", "гражданин", "житель", "гость", "приезжий", "посетитель", "выходец",
                            "people", "person", "citizen", "resident", "visitor", "guest", "national"})

# Parts of a year: «в начале 2019-го» (used only when no month is named).
YEAR_PARTS: dict[str, tuple[int, ...]] = {"конец": (10, 11, 12), "начало": (1, 2, 3), "середина": (5, 6, 7, 8)}

# Asking for numbers without a question word: «какие цифры по коридору», «много ли школ».
FIGURE_WORDS = frozenset(["цифра", "показатель", "статистика", "много", "мало", "объем", "количество", "данные",
                          "оцениваться"])  # «во что оценивается»: how much

# Asking about money: the answer must be a sum, not any number.
MONEY_WORDS = frozenset(["стоить", "стоимость", "цена", "сумма", "деньга", "деньги", "обойтись", "стоимостью", "почем"])
MONEY_UNITS = frozenset(["доллар", "рубль", "евро", "манат"])

# Words in a fact's text that state an amount without a number («несколько сотен компаний»).
QUANTITY_WORDS = frozenset(["несколько", "сотня", "десяток", "тысяча", "пятерка", "десятка", "много", "около", "более", "свыше"])

# Talking to the bot itself rather than asking about the subject.
SECOND_PERSON = frozenset(["ты", "тебя", "тебе", "тобой", "твой", "вы", "вас"])

# Asking for an overview of everything about something: a list when no narrower question is asked.
OVERVIEW_WORDS = frozenset(["известно", "известный", "рассказать", "расскажи", "обзор", "подробно"])

# Ordinal questions: the latest or the earliest of the matching facts.
LATEST_WORDS = frozenset(["последний", "недавний", "крайний", "последне", "новый", "свежий"])
EARLIEST_WORDS = frozenset(["первый", "впервые", "первое"])
# Comparisons the base cannot rank ("the second partner", "the most", "except"): never answered from one fact.
COMPARISON_WORDS = frozenset(["второй", "кроме", "помимо", "предшественник", "преемник", "сравнительно",
                              "наибольше", "наименьше", "наичаще", "наиреже"])
# A preposition that, before a person, asks about someone else («до Асадова»).
RELATIVE_PREPOSITIONS = frozenset(["до", "после"])

# Prepositions that put the following place in the role of "where".
PLACE_PREPOSITIONS = frozenset(["в", "во"])

# Words asking how something ended: an announced (planned) event has no outcome yet.
OUTCOME_WORDS = frozenset(["итог", "итоговый", "результат", "закончиться", "завершиться", "кончиться", "окончиться", "договориться", "решить", "подписать", "завершить", "закончить", "решение"])

# Words asking for a detail with a stated precision.
DAY_WORDS = frozenset(["число", "числа", "какого"])  # «какого числа»
NAME_WORDS = frozenset(["звать", "имя", "фамилия"])

# Lemmas merged into one term, so that a question and a fact written with
# different words for the same thing still meet. The first word names the group.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("встреча", "встречаться", "встретиться", "видеться", "увидеться", "переговоры", "беседа",
     "беседовать", "переговорить", "пересечься", "пересекаться", "общаться", "пообщаться", "общение", "говорить", "поговорить", "встречать", "принимать", "принять",
     # a visit, a meeting and taking part are all contacts: questions mix them freely
     "визит", "посетить", "посещать", "посещение", "побывать", "приезжать", "приехать", "ездить",     "съездить", "прилететь", "прилетать", "визитировать", "поездка", "ехать", "поехать", "наведаться", "бывать", "въехать", "въезжать", "участие", "участвовать", "поучаствовать",
     "гостить", "погостить", "наведываться", "заглянуть", "заглядывать", "летать", "лететь", "слетать", "полететь",
     "вылететь", "вылетать", "контакт"),
    ("товарооборот", "торговля", "оборот", "товарный", "торговый", "торговать", "товар", "наторговать", "экспорт",
     "импорт", "экспортировать", "импортировать", "внешнеторговый"),
    # saying something: «что X сказал» is answered by what X stated, stressed or expressed («заявил»,
    # «подчеркнул», «выразил соболезнования»), never by a meeting X was at
    ("заявить", "сказать", "заявлять", "сообщить", "отметить", "подчеркнуть", "выразить", "высказаться", "заявление"),
    # whose initiative: «по чьей инициативе», «кто инициатор», «чья идея», «кто инициировал»
    ("инициатива", "инициатор", "инициировать", "идея"),
    ("инвестиция", "инвестировать", "проинвестировать", "вложить", "вложение", "вкладывать", "капиталовложение",
     "инвестиционный", "инвестор", "вложиться", "влить", "вливать", "вливание", "вбухать", "вкачать", "вкладываться"),
    ("вуз", "университет", "институт", "вузовский"),
    ("школа", "школьный", "общеобразовательный"),
    ("студент", "студенческий", "студентка", "учащийся"),
    ("учиться", "обучаться", "обучение", "преподавание", "преподавать", "учеба", "обучать", "учить", "лекция",
     "урок", "преподаваться"),
    ("турист", "туризм", "туристический", "путешественник", "турпоток", "отдыхать", "отдых", "отдыхающий",
     "отпускник"),
    ("компания", "фирма", "предприятие", "бизнес"),
    ("завод", "фабрика", "производство", "автозавод"),
    ("разговор", "звонок", "позвонить", "созвониться", "телефонный", "телефон", "созвон"),
    ("утвердить", "одобрить", "одобрять", "одобрение"),  # not «утверждать»: also to claim
    ("подписать", "подписание", "подписывать", "заключить", "скрепить", "скреплять", "подмахнуть", "подмахивать"),
    ("открыть", "открытие", "открываться", "открыться", "запустить", "открытый"),
    ("рост", "вырасти", "расти", "увеличиться", "увеличение", "прирост", "прибавить", "прибавиться", "подскочить",
     "взлететь", "увеличить", "подрасти", "подрастать", "вырастать", "возрасти", "возрастать"),
    ("снижение", "снизиться", "снижаться", "сократиться", "сокращаться", "сокращение", "уменьшиться", "уменьшаться",
     "уменьшение", "упасть", "падать", "падение", "понизиться", "просесть", "обвалиться", "рухнуть"),
    ("поставлять", "поставка", "поставить", "продавать", "продать", "везти", "завозить", "ввозить"),
    ("основа", "основать", "держаться", "основываться", "строиться", "фундамент"),
    ("протяженность", "длина", "длинный", "протяжение"),
    ("предусматривать", "рассчитать", "охватывать", "включать", "предполагать", "войти", "входить", "затрагивать",
     "затронуть"),
    ("начать", "начаться", "затеять", "развязать", "предпринять", "стартовать", "приступить"),
    ("предоставлять", "выделять", "давать", "предоставить", "выделить", "дать"),
    ("перевозка", "возить", "перевозить", "транзит", "грузоперевозка"),
    ("оценка", "оценить", "охарактеризовать", "характеризовать", "назвать", "реакция", "отреагировать", "реагировать", "расценить", "квалифицировать"),
    ("регион", "субъект", "область"),
    ("цель", "причина", "задача"),
    ("популярный", "популярность", "востребованный", "востребовать", "любимый"),
    ("сервис", "сервисный", "техобслуживание", "обслуживание", "ремонтный"),
    ("аттестованный", "сертифицированный", "аттестовать", "сертифицировать", "аккредитовать"),
    ("энергетический", "энергетика", "энергокомпания", "нефтегазовый", "нефтяной", "топливно-энергетический"),
    # a company «присутствует», «функционирует», «трудится» in a country: it works there
    ("работать", "присутствовать", "функционировать", "действовать", "трудиться"),
    ("премьер", "премьер-министр", "премьерминистр"),
    ("договоренность", "договориться", "соглашение", "договор"),
    ("отношение", "отношения", "связь"),  # «дипломатические связи»
    ("документ", "бумага"),  # «какую бумагу подписали»
    ("экономика", "хозяйство", "экономический"),
    ("бюджет", "казна", "бюджетный"),
    ("метро", "метрополитен", "подземка"),
    ("гость", "пригласить", "приглашенный", "приглашение"),
    ("военный", "военнослужащий", "боец", "солдат", "армия", "войско", "войска", "военные"),
    ("дипломатический", "дипломатия", "дипломат"),
    ("русский", "русскоязычный"),
    ("установить", "установление", "устанавливать", "наладить", "налаживать", "завязать", "завязывать"),
    ("сотрудничество", "кооперация", "сотрудничать", "кооперироваться"),
    ("союзнический", "союз", "альянс", "союзный", "союзник"),
    ("стабильность", "спокойствие", "стабильный", "спокойный"),
)

# Colloquial tokens spelled out before lemmas are taken.
REWRITES: dict[str, str] = {
    "дипотношения": "дипломатические отношения",
    "дипотношений": "дипломатических отношений",
    "дипотношениях": "дипломатических отношениях",
    "млрд": "миллиард",
    "млн": "миллион",
    "тыс": "тысяча",
    "км": "километр",
    "жд": "железная дорога",
    "железка": "железная дорога",
    # money and study slang
    "ярд": "миллиард", "ярда": "миллиарда", "ярдов": "миллиардов", "ярдами": "миллиардами",
    "стипуха": "стипендия", "стипухи": "стипендии", "стипух": "стипендий", "стипуху": "стипендию",
    "универ": "университет", "универа": "университета", "универы": "университеты", "универов": "университетов",
    "универе": "университете", "универах": "университетах", "универам": "университетам",
    "нефтянка": "нефтяная компания", "нефтянки": "нефтяные компании", "нефтянок": "нефтяных компаний",
    "нефтянку": "нефтяную компанию", "нефтянках": "нефтяных компаниях",
    "железку": "железную дорогу",
    "железке": "железной дороге",
    "железки": "железной дороги",
    "ржд": "железная дорога",
    "мид": "мид",
    "премьерминистр": "премьер министр",
    "скока": "сколько",
    "скоко": "сколько",
    "скок": "сколько",
    "сколко": "сколько",
    "сколка": "сколько",
    "скольк": "сколько",
    "када": "когда",
    "кагда": "когда",
    "чо": "что",
    "шо": "что",
    "че": "что",
    "щас": "сейчас",
    "гос": "государственный",
    # abbreviations of chat and notes
    "проц": "процентов", "прц": "процентов", "тов": "товарный", "дек": "декабрь", "янв": "январь", "фев": "февраль",
    "сент": "сентябрь", "окт": "октябрь", "нояб": "ноябрь", "авг": "август",
}

# Prefixes of Russian compounds, spelled out when a compound is unknown to the base
# («энергокомпании» → «энергетический компании», «госстипендии» → «государственный стипендии»).
COMPOUND_PREFIXES: dict[str, str] = {
    "энерго": "энергетический",
    "гос": "государственный",
    "кап": "капитальный",
    "нефте": "нефть",
    "газо": "газ",
    "авто": "автомобиль",
    "погран": "пограничный",
    "мин": "министерство",
    "турпоток": "турист",
    "внешнеторговый": "торговля",
    "межправ": "межправительственный",
}

MONTHS: dict[str, int] = {
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
    "июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    # «во время августовского визита»: a month's adjective names it too
    "январский": 1, "февральский": 2, "мартовский": 3, "апрельский": 4, "майский": 5, "июньский": 6,
    "июльский": 7, "августовский": 8, "сентябрьский": 9, "октябрьский": 10, "ноябрьский": 11, "декабрьский": 12,
}
SEASONS: dict[str, tuple[int, ...]] = {
    "зима": (12, 1, 2), "весна": (3, 4, 5), "лето": (6, 7, 8), "осень": (9, 10, 11),
    "зимой": (12, 1, 2), "весной": (3, 4, 5), "летом": (6, 7, 8), "осенью": (9, 10, 11),
}

# Words that only strengthen small talk («спасибо большое», «огромное спасибо»).
INTENSIFIERS = frozenset(["большой", "огромный", "очень", "всем", "вам", "тебе", "еще", "раз"])
GREETINGS = frozenset(["привет", "здравствуйте", "здравствуй", "здорово", "добрый", "хай", "салют", "приветствовать", "доброе"])
THANKS = frozenset(["спасибо", "благодарить", "благодарю", "спс", "сенкс", "мерси"])
FAREWELLS = frozenset(["пока", "свидание", "прощай", "бывай"])
SMALLTALK = frozenset(["дела", "делаешь", "жизнь", "зовут", "настроение", "бот", "ты", "тебя", "тебе", "себя"])


def synonym_map(groups: tuple[tuple[str, ...], ...] | None = None) -> dict[str, str]:
    """Each synonym lemma mapped to its group's first word (the Russian groups by default)."""
    mapping: dict[str, str] = {}
    for group in SYNONYM_GROUPS if groups is None else groups:
        for word in group:
            mapping.setdefault(word, group[0])
    return mapping

# -- follow-ups («а в 2022?», «подробнее», «а источник?») ----------------------------------------
# A first word that marks a question as continuing the previous one.
FOLLOW_UP_STARTS = frozenset(["а", "и", "ну", "еще", "ещё", "также", "тоже"])
# Words that point back at what was just answered («когда это было», «кто там был»).
BACK_REFERENCES = frozenset(["это", "этот", "эта", "эти", "этом", "этого", "этой", "тогда", "там", "тот", "та", "те",
                             "он", "она", "они", "его", "ее", "её", "их", "оно"])
# «подробнее», «детали»: the same fact(s) again, with the source's own words.
DETAIL_WORDS = frozenset(["подробнее", "подробно", "подробности", "детали", "деталь", "детальнее", "поподробнее",
                          "больше", "цитата", "цитату", "дословно", "точнее"])
# «а источник?», «откуда это?»: where the last answer comes from.
SOURCE_WORDS = frozenset(["источник", "источники", "источника", "откуда", "ссылка", "ссылку", "первоисточник",
                          "пруф", "пруфы"])
# Verbs that add nothing to an elliptical follow-up («а кто участвовал?», «а где это было?»).
EMPTY_VERBS = frozenset(["участвовать", "быть", "проходить", "пройти", "состояться", "присутствовать", "случиться",
                         "произойти", "находиться", "являться", "происходить", "бывать"])

# «как менялся товарооборот», «динамика»: each period's figure, as the source gives it.
TREND_WORDS = frozenset(["меняться", "измениться", "изменяться", "изменение", "динамика", "тенденция", "тренд",
                         "эволюция", "сравнить", "сравнение", "сопоставить"])

# «сколько встреч», «сколько визитов»: counting occasions, like «сколько раз».
EVENT_NOUNS = frozenset(["встреча", "переговоры", "переговор", "визит", "саммит", "контакт", "поездка", "раз",
                         "разговор", "заседание"])

# «вторая встреча»: the n-th occasion, when an ordinal stands before an event noun.
# Cardinals in the nominative/accusative only: «двух стран» (genitive) is how people say "both", not a figure.
CARDINAL_WORDS = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
                  "девять": 9, "десять": 10}
ORDINAL_NUMBERS = {"предпоследний": -2, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7, "восьмой": 8,
                   "девятый": 9, "десятый": 10}
# «самый большой рост», «наименьший»: the extreme of the figures the base has for each period.
SUPERLATIVE_PREFIX = frozenset(["самый"])
LARGE_WORDS = frozenset(["большой", "крупный", "высокий", "значительный", "сильный", "быстрый"])
SMALL_WORDS = frozenset(["маленький", "малый", "низкий", "небольшой", "слабый", "медленный"])
LARGEST_FORMS = frozenset(["максимальный", "наибольший", "больший", "наивысший"])
SMALLEST_FORMS = frozenset(["минимальный", "наименьший", "меньший", "наинизший"])
# «чаще всего», «больше всего встреч»: the period with the most occasions.
FREQUENT_WORDS = frozenset(["наичаще", "наибольше"])  # markers normalize() writes for «чаще/больше всего»
# The words normalize() writes for «больше/меньше/чаще/реже всего»: a ranking, never a word to match.
RANKING_MARKERS = frozenset(["наибольше", "наименьше", "наичаще", "наиреже"])


# -- one language's word lists, as the parser reads them --------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    """The word lists the question parser needs for one language (see ``knowledge.text.lexicon`` for Russian)."""

    fillers: frozenset[str]  # politeness and chat filler: never part of what is asked
    filler_phrases: tuple[str, ...]  # surface phrases dropped before words are read («tell me», «do you know»)
    question_words: Mapping[str, str]  # lemma → kind: date, place, figure, person, what, reason, how
    question_pairs: Mapping[str, Mapping[str, str]]  # «how» + next surface word → kind («how many» → figure)
    list_words: frozenset[str]
    year_parts: Mapping[str, tuple[int, ...]]  # nouns and adjectives only: "ended" is no part of a year
    figure_words: frozenset[str]
    count_words: frozenset[str]  # after a figure question, ask for a count («how many times»)
    money_words: frozenset[str]
    money_units: frozenset[str]
    quantity_words: frozenset[str]
    second_person: frozenset[str]
    overview_words: frozenset[str]
    latest_words: frozenset[str]
    earliest_words: frozenset[str]
    comparison_words: frozenset[str]
    relative_prepositions: frozenset[str]
    place_prepositions: frozenset[str]  # surface words
    outcome_words: frozenset[str]  # matched against ``WordInfo.forms`` (before synonyms)
    outcome_verbs: frozenset[str]  # outcome words only when used as verbs ("how did it end")
    # «по итогам года»: an outcome word after its preposition names the period a figure is of, asks nothing
    results_of: Mapping[str, frozenset[str]]  # surface preposition → lemmas
    number_of: frozenset[str]  # surface: «число граждан» asks how many («какого числа» asks the day)
    before_year: frozenset[str]  # surface, before a year: «до 2010 года» is the years before it
    day_words: frozenset[str]
    name_words: frozenset[str]
    meta_words: frozenset[str]  # «what year» asks for a date
    place_words: frozenset[str]  # «which city» asks for a place
    facility_words: frozenset[str]  # a plant, a centre, a port: an answer to «where»
    months: Mapping[str, int]
    ambiguous_months: frozenset[str]  # months only next to a day or a year number ("may")
    seasons: Mapping[str, tuple[int, ...]]
    intensifiers: frozenset[str]
    greetings: frozenset[str]
    thanks: frozenset[str]
    farewells: frozenset[str]
    smalltalk: frozenset[str]
    rewrites: Mapping[str, str]  # surface token → words, before lemmas are taken («fm» → «foreign minister»)
    compound_prefixes: Mapping[str, str] = field(default_factory=dict)  # English writes compounds apart
    synonym_groups: tuple[tuple[str, ...], ...] = ()
    # follow-ups, rankings and trends (the later additions to knowledge.text.lexicon)
    follow_up_starts: frozenset[str] = frozenset()  # surface first words: «and in 2022?»
    follow_up_phrases: tuple[str, ...] = ()  # surface openings: «what about 2022?»
    back_references: frozenset[str] = frozenset()  # surface words pointing at the last answer
    detail_words: frozenset[str] = frozenset()
    source_words: frozenset[str] = frozenset()
    empty_verbs: frozenset[str] = frozenset()
    trend_words: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()  # «how many meetings»: counting occasions
    ordinal_numbers: Mapping[str, int] = field(default_factory=dict)  # «the second meeting»
    cardinal_words: Mapping[str, int] = field(default_factory=dict)  # «три центра» in a claim: the number 3
    superlative_prefix: frozenset[str] = frozenset()  # «the most significant growth»
    large_words: frozenset[str] = frozenset()
    small_words: frozenset[str] = frozenset()
    largest_forms: frozenset[str] = frozenset()  # surface words: «largest» has the lemma «large»
    smallest_forms: frozenset[str] = frozenset()  # surface words
    frequent_words: frozenset[str] = frozenset()  # after «most»: «most often»
    # the rest of what the parser and the engine read per language
    which_words: frozenset[str] = frozenset()  # «какой год» / "which year": asks for the year itself
    topic_prepositions: frozenset[str] = frozenset()  # «о», "about": the noun after them is what a thing is about
    # surface forms of a request to the bot («назови», «скажите»): dropped as fillers are, but only in these forms
    request_forms: frozenset[str] = frozenset()
    # «какая компания», "which maker": the question asks for an organisation, which a fact must name
    organisation_nouns: frozenset[str] = frozenset()
    # «что обсуждали», «о чём говорили», "what did they discuss" (surface forms of the verb's lemma): the content of
    # talks is asked, which a fact answers only when it reports what was said (one of ``said_forms``)
    content_verbs: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()  # «какие темы», "which issues": what was said is asked, as above
    # «сколько длился визит», "how long did it last": the number of days its dates span is asked (forms)
    duration_verbs: frozenset[str] = frozenset()
    # «кем является / приходится / считается Италия для Франции»: with «кем» of no person, a status is asked
    status_verbs: frozenset[str] = frozenset()
    said_forms: frozenset[str] = frozenset()
    # verbs that say little beside their object («вести дела», «оказывать помощь», "conduct talks"): weigh little
    light_verbs: frozenset[str] = frozenset()
    # «на каком мероприятии», «какие сферы», "at which event": the kind of thing asked (an occasion, an area), not
    # a word a fact must hold
    occasion_nouns: frozenset[str] = frozenset()
    span_openers: frozenset[str] = frozenset()  # «с 2015 по 2017» / "from 2015 to 2017"
    span_closers: frozenset[str] = frozenset()
    by_period: tuple[tuple[str, str], ...] = ()  # «по годам» / "by year": a figure across periods
    yes_no_words: frozenset[str] = frozenset()  # «ли» / "did": whether something happened
    negations: frozenset[str] = frozenset()  # «не в России» / "not in Russia"
    growth_words: frozenset[str] = frozenset()  # a figure that is a change, not a level
    month_words: frozenset[str] = frozenset()  # «в каком месяце» / "which month"
    generic_counted: frozenset[str] = frozenset()  # «сколько человек»: any count of people
    visit_verbs: frozenset[str] = frozenset()  # «посетил Азербайджан»: the object is where, as after «в»
    becoming_verbs: frozenset[str] = frozenset()  # «стал президентом»: only a fact saying so answers it
    event_relatives: Mapping[str, str] = field(default_factory=dict)  # surface: «перед форумом» → "before"
    year_fractions: Mapping[str, int] = field(default_factory=dict)  # «полугодие» → 6 months
    fraction_ordinals: Mapping[str, int] = field(default_factory=dict)  # «первое полугодие» → the first
    count_fillers: frozenset[str] = frozenset()  # surface: «вторая по счёту поездка»
    phrase_rewrites: tuple[tuple[str, str], ...] = ()  # surface multiword verbs → one word («pulled out» → …)
    separable_particles: frozenset[str] = frozenset()  # "pulled its troops out": the object may stand between
    outside_words: frozenset[str] = frozenset()  # surface: «вне России», «за пределами России»: not there
    place_frames: frozenset[tuple[str, str]] = frozenset()  # surface: «на территории России»: the place after
    # surface: «кроме», «помимо», "besides": before a place it is left out («в каких странах, кроме Франции»);
    # before anything else someone or something else is asked (a comparison)
    except_words: frozenset[str] = frozenset()
    else_words: frozenset[str] = frozenset()  # surface: «кто ещё был», "who else": people besides those asked about
    number_modifiers: frozenset[str] = frozenset()  # surface: «всего 5 тысяч», "only 5": how much, not «все»
    origin_prepositions: frozenset[str] = frozenset()  # surface: «студенты из Франции», "from France": whose they are
    behalf_prepositions: frozenset[str] = frozenset()  # surface: «кто подписал от Франции»: someone of that country
    market_nouns: frozenset[str] = frozenset()  # «на французском рынке», "the French market": in that country
    size_words: frozenset[str] = frozenset()  # «размер стипендии»: how big one thing is, not how many
    source_prepositions: frozenset[str] = frozenset()  # surface: «по данным», "according to the data": whose word
    talk_nouns: frozenset[str] = frozenset()  # «сколько переговоров»: talks on two days of one visit are two
    venue_words: frozenset[str] = frozenset()  # «в каком месте»: an occasion answers it; «в каком городе» not
    rank_verbs: frozenset[str] = frozenset()  # «какое место занимает»: a rank, not a place
    relation_nouns: frozenset[str] = frozenset()  # «расскажи про связи с X»: all about X
    capital_words: frozenset[str] = frozenset()  # «столица Франции»: the capital a base names, by its country
    upcoming_words: frozenset[str] = frozenset()  # «следующая встреча»: what is to come, which only a plan says
    planned_words: frozenset[str] = frozenset()  # «запланированные переговоры»: announced, not held
    # dictionary forms: «руководители Франции», «итальянские чиновники», "officials": anyone of that country the
    # base names, besides the people the question names; no word a fact must hold
    official_nouns: frozenset[str] = frozenset()
    day_of_words: frozenset[str] = frozenset()  # «в пятый день поездки Иванова»: a day of an occasion, counted from its first
    status_nouns: frozenset[str] = frozenset()  # «кем Франция приходится Италии» asks its status: found by these
    # dictionary forms: «упоминается», «названо», "are named": said of the source itself when passive, so no word
    # a fact must hold («сколько встреч упомянуто»); active («Иванов упомянул …») they report what was said
    mention_verbs: frozenset[str] = frozenset()
    except_phrases: frozenset[str] = frozenset()  # surface: «не считая», "not counting": what is left out follows
    kind_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # an entity kind → words naming it
    # dictionary forms: «принять» a document is to adopt it (a fact says «утвердить»), a visitor to receive him
    adopting: Mapping[str, str] = field(default_factory=dict)
    heading_verbs: frozenset[str] = frozenset()  # dictionary forms: «кто возглавляет …» asks who holds an office
    indefinite_particles: frozenset[str] = frozenset()  # «когда-нибудь», «где-то»: a question word made indefinite
    # «лидеры», «главы государств»: how people name a role by another word (lemmas → the role's first word)
    role_names: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    # «двух стран», «обеих сторон»: the countries the source is about, together (surface word pairs)
    both_sides: frozenset[tuple[str, str]] = frozenset()
    per_words: frozenset[str] = frozenset()  # surface: «в год», "per year" after a number — a rate
    done_words: frozenset[str] = frozenset()  # surface: «уже», "already": what has been reached, not what is aimed at
    group_ranks: frozenset[str] = frozenset()  # «пятёрка», "top": among the first few, not the first
    one_of: frozenset[tuple[str, str]] = frozenset()  # «один из крупнейших», "one of the largest": a group
    # terms that say the opposite of each other («вырос» / «упал»): a fact saying one denies a claim of the other
    opposites: tuple[tuple[str, str], ...] = ()
    copulas: frozenset[str] = frozenset()  # «быть», "be": «каким будет X» names X after «какой» all the same
    precise_words: frozenset[str] = frozenset()  # surface: «именно», "exactly": a name or a number, not a description
    # «самый», «наиболее», "best" (words or dictionary forms): one ranked above the rest (Russian also by the
    # superlative's ending)
    superlative_words: frozenset[str] = frozenset()
    code: str = "ru"  # the language these lists are for

    def synonym_map(self) -> dict[str, str]:
        return synonym_map(self.synonym_groups)

    def without_indefinites(self, tokens: list[str]) -> list[str]:
        """The words without indefinite pronouns («когда-нибудь» ever, «где-то» somewhere), which ask nothing."""
        if not self.indefinite_particles:
            return tokens
        out: list[str] = []
        for token in tokens:
            if token in self.indefinite_particles and out and out[-1] in self.question_words:
                out.pop()
            else:
                out.append(token)
        return out

    def drop_filler_phrases(self, text: str) -> str:
        """A normalised (lowercase) text without the filler phrases, which would read as content."""
        return _filler_pattern(self.filler_phrases).sub(" ", text)

    def rewrite_phrases(self, text: str) -> str:
        """A normalised text with its multiword verbs said in one word («set up» → «establish»)."""
        if not self.phrase_rewrites:
            return text
        found = dict(self.phrase_rewrites)
        text = _filler_pattern(tuple(found)).sub(lambda m: found[m.group(0)], text)
        if not self.separable_particles:
            return text

        def joined(m: re.Match[str]) -> str:  # "pulling its force out" → "withdraw its force"
            meaning = found.get(f"{m.group(1)} {m.group(3)}")
            return f"{meaning} {m.group(2).strip()}" if meaning else m.group(0)
        return _separable_pattern(tuple(found), self.separable_particles).sub(joined, text)


SEPARATED_MAX = 3  # words between a verb and its particle ("pulled all its troops out")


@functools.lru_cache(maxsize=8)
def _separable_pattern(phrases: tuple[str, ...], particles: frozenset[str]) -> re.Pattern[str]:
    verbs = sorted({p.split()[0] for p in phrases if len(p.split()) == 2 and p.split()[1] in particles})
    if not verbs:
        return re.compile(r"(?!x)x")
    return re.compile(rf"\b({'|'.join(map(re.escape, verbs))}) ((?:[a-z]+ ){{1,{SEPARATED_MAX}}}?)"
                      rf"({'|'.join(map(re.escape, sorted(particles)))})\b(?! to\b)")  # not "up to now"


@functools.lru_cache(maxsize=8)
def _filler_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # literal alternatives between word boundaries: no backtracking beyond one phrase's length
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b") if alternatives else re.compile(r"(?!x)x")




# Idioms said in several words for what one word says («сели за стол переговоров»: held talks); surface forms.
_SAT_DOWN = ("сел", "села", "сели", "садился", "садилась", "садились", "сядут", "сядет", "сесть", "садиться",
             "садятся", "садится")
_SAT = ("сидел", "сидела", "сидели", "сидеть", "сидят", "сидит")
_GET = ("получают", "получает", "получали", "получал", "получил", "получили", "получать", "получить", "получат")
# the endings of «высшее», «учебное», «заведение» and of «вуз» in each case, singular then plural
_CASES_ADJ_NOUN = (("ее", "ое", "е", ""), ("его", "ого", "я", "а"), ("ему", "ому", "ю", "у"), ("им", "ым", "ем", "ом"),
                   ("ем", "ом", "и", "е"), ("ие", "ые", "я", "ы"), ("их", "ых", "й", "ов"), ("им", "ым", "ям", "ам"),
                   ("ими", "ыми", "ями", "ами"), ("их", "ых", "ях", "ах"))
_SCHOOL = ("а", "ы", "е", "ой", "е", "ы", "", "ам", "ами", "ах")

PHRASE_REWRITES: tuple[tuple[str, str], ...] = (
    *((f"{verb} за стол переговоров", "переговоры") for verb in _SAT_DOWN),
    *((f"{verb} за стол", "переговоры") for verb in _SAT_DOWN),
    *((f"{verb} за одним столом", "переговоры") for verb in _SAT),
    *((f"{verb} за столом переговоров", "переговоры") for verb in _SAT),
    ("за столом переговоров", "на переговорах"),
    ("раньше срока", "досрочно"), ("ранее срока", "досрочно"), ("до срока", "досрочно"),
    # «замолчали пушки»: the fighting stopped; «набрал номер»: called
    *((f"{a} {b}", "перемирие") for verb in ("замолчали", "умолкли", "смолкли", "затихли")
      for a, b in ((verb, "пушки"), ("пушки", verb))),
    *((f"{verb} номер", "позвонил") for verb in ("набрал", "набрала", "набрали", "набирал", "набрать")),
    # «кабинет министров»: the government
    *((f"кабинет{end} министров", f"правительств{gov}") for end, gov in (
        ("", "о"), ("а", "а"), ("у", "у"), ("ом", "ом"), ("е", "е"),
        ("ы", "а"), ("ов", ""), ("ам", "ам"), ("ами", "ами"), ("ах", "ах"))),
    # «как обстоит дело с Парижем»: how a thing stands («дело» is no word a fact holds)
    *((f"{verb} {noun}", "") for verb, noun in (("обстоят", "дела"), ("обстоит", "дело"), ("обстояли", "дела"),
                                                 ("обстояло", "дело"))),
    # «кто возглавляет министерство»: who is the head of it (the office a role names); not «с какого года Иванов
    # руководит …», which asks when an office was taken up
    *((f"кто {form}", "кто глава") for form in ("возглавляет", "возглавлял", "возглавляла", "руководит",
                                                "руководил", "руководила")),
    # «получают высшее образование»: study at a university
    *((f"{verb} высшее образование", "учатся в вузах") for verb in _GET),
    *((f"{verb} образование", "учатся") for verb in _GET),
    ("в ходе", "во время"),  # a preposition of time, not «ход»
    # «раунд переговоров», «тур переговоров»: a round of talks is talks, counted as they are
    *((f"{unit}{end} переговоров", "переговоров" if end else "переговоры") for unit in ("раунд", "тур")
      for end in ("", "а", "ов", "ам", "ами", "ах", "ы", "е", "у", "ом")),
    # «встреча на высшем уровне»: of the leaders; «на уровне министров»: of the ministers («уровень» is no word
    # a fact holds)
    ("на высшем уровне", "лидеров"), ("на самом высоком уровне", "лидеров"), ("на уровне", ""),
    # «перестали стрелять», «бои утихли»: a ceasefire
    *((f"{a} {b}", "перемирие") for a, b in (
        *(("перестали", verb) for verb in ("стрелять", "воевать")),
        *((noun, verb) for noun in ("бои", "боевые действия") for verb in ("утихли", "стихли", "прекратились")),
        *((verb, noun) for noun in ("бои", "боевые действия") for verb in ("утихли", "стихли", "прекратились")))),
    # «какая часть»: what share
    *((f"{which} {part}", f"{which} {share}") for which, part, share in (
        ("какая", "часть", "доля"), ("какую", "часть", "долю"), ("какой", "частью", "долей"))),
    # «обмен товарами»: trade
    *((f"{verb} товарами", "торговали") for verb in ("обмен", "обмена", "обменом", "обмене", "обменялись",
                                                      "обмениваются", "обменивались")),
    # «голубые каски»: peacekeepers
    *((f"голуб{a} каск{n}", f"миротворц{m}") for a, n, m in (
        ("ые", "и", "ы"), ("ых", "ах", "ах"), ("ых", "", "ев"), ("ым", "ам", "ам"), ("ыми", "ами", "ами"))),
    # «первые лица»: the leaders (no ordinal: «первая встреча» counts, «первое лицо» does not)
    *((f"перв{a} лиц{n}", f"лидер{m}") for a, n, m in (
        ("ое", "о", ""), ("ого", "а", "а"), ("ому", "у", "у"), ("ым", "ом", "ом"), ("ом", "е", "е"),
        ("ые", "а", "ы"), ("ых", "", "ов"), ("ым", "ам", "ам"), ("ыми", "ами", "ами"), ("ых", "ах", "ах"))),
    # «высшие учебные заведения»: universities; «общеобразовательные учреждения»: schools (each case form)
    *((f"высш{a} учебн{a2} заведени{n}", f"вуз{v}") for a, a2, n, v in _CASES_ADJ_NOUN),
    *((f"общеобразовательн{a2} учреждени{n}", f"школ{s}")
      for (_, a2, n, _), s in zip(_CASES_ADJ_NOUN, _SCHOOL, strict=True)),
)


RUSSIAN = Lexicon(
    fillers=FILLERS,
    request_forms=REQUEST_IMPERATIVES,
    phrase_rewrites=PHRASE_REWRITES,
    topic_prepositions=frozenset(["о", "об", "обо"]),
    filler_phrases=(),  # normalize() drops the Russian ones
    question_words=QUESTION_WORDS,
    question_pairs={"о": {"чем": "what"}},  # «о чём говорили»: «чём» is read as «чем» once «ё» is «е»
    list_words=LIST_WORDS,
    year_parts=YEAR_PARTS,
    figure_words=FIGURE_WORDS,
    count_words=frozenset(["раз"]),
    money_words=MONEY_WORDS,
    money_units=MONEY_UNITS,
    quantity_words=QUANTITY_WORDS,
    second_person=SECOND_PERSON,
    overview_words=OVERVIEW_WORDS,
    latest_words=LATEST_WORDS,
    earliest_words=EARLIEST_WORDS,
    comparison_words=COMPARISON_WORDS,
    relative_prepositions=RELATIVE_PREPOSITIONS,
    place_prepositions=PLACE_PREPOSITIONS,
    outcome_words=OUTCOME_WORDS,
    outcome_verbs=frozenset(),
    results_of={"по": frozenset(["итог", "результат"])},
    number_of=frozenset(["число", "численность"]),
    before_year=frozenset(["до", "перед"]),
    day_words=DAY_WORDS,
    name_words=NAME_WORDS,
    meta_words=frozenset(["год", "месяц", "число", "дата", "день"]),
    place_words=frozenset(["город", "место", "страна"]),
    facility_words=frozenset(["завод", "фабрика", "центр", "метрополитен", "порт"]),
    kind_words={"document": ("документ",), "project": ("проект",), "organisation": ("организация",),
                "country": ("страна", "государство")},
    per_words=frozenset(["в", "за"]),
    done_words=frozenset(["уже"]),
    adopting={"принять": "утвердить", "принимать": "утвердить"},
    heading_verbs=frozenset(["возглавлять", "возглавить", "руководить", "управлять", "заведовать"]),
    precise_words=frozenset(["именно", "конкретно", "поименно", "точная", "точную", "точный", "точное", "точной",
                             "точного", "точные", "точных"]),
    copulas=frozenset(["быть"]),
    group_ranks=frozenset(["тройка", "пятерка", "десятка", "двадцатка", "топ"]),
    one_of=frozenset((one, "из") for one in ("один", "одна", "одно", "одним", "одной", "одного", "одну", "одними")),
    # «завершился ли вывод» of a fact that it began: a beginning confirms no end
    opposites=(("рост", "снижение"), *(("начать", end) for end in ("завершиться", "закончиться", "завершить",
                                                                   "закончить", "окончиться")),
               ("начало", "завершение"), ("начало", "окончание")),
    superlative_words=frozenset(["самый", "наиболее", "рекордный", "рекорд"]),
    months=MONTHS,
    ambiguous_months=frozenset(),
    seasons=SEASONS,
    intensifiers=INTENSIFIERS,
    greetings=GREETINGS,
    thanks=THANKS,
    farewells=FAREWELLS,
    smalltalk=SMALLTALK,
    rewrites={},
    compound_prefixes=COMPOUND_PREFIXES,
    synonym_groups=tuple(tuple(group) for group in SYNONYM_GROUPS),
    follow_up_starts=FOLLOW_UP_STARTS,
    back_references=BACK_REFERENCES,
    detail_words=DETAIL_WORDS,
    source_words=SOURCE_WORDS,
    empty_verbs=EMPTY_VERBS,
    trend_words=TREND_WORDS,
    event_nouns=EVENT_NOUNS,
    ordinal_numbers=ORDINAL_NUMBERS,
    cardinal_words=CARDINAL_WORDS,
    superlative_prefix=SUPERLATIVE_PREFIX,
    large_words=LARGE_WORDS,
    small_words=SMALL_WORDS,
    largest_forms=LARGEST_FORMS,
    smallest_forms=SMALLEST_FORMS,
    frequent_words=FREQUENT_WORDS,
    which_words=frozenset(["какой", "который", "каков"]),
    occasion_nouns=frozenset(["мероприятие", "событие", "сфера", "направление", "область", "отрасль"]),
    topic_nouns=frozenset(["тема", "вопрос"]),
    duration_verbs=frozenset(["длиться", "продлиться", "продолжаться", "продолжиться"]),
    status_verbs=frozenset(["являться", "приходиться", "считать", "считаться", "называть", "назвать"]),
    content_verbs=frozenset(["обсуждать", "обсуждаться", "обсудить", "обсуждение", "говорить", "поговорить", "сказать",
                             "заявить",
                             "заявлять", "ответить", "рассказать", "беседовать", "высказаться", "договариваться"]),
    said_forms=frozenset(["заявить", "заявлять", "заявление", "сказать", "сообщить", "отметить", "подчеркнуть",
                          "выразить", "высказаться", "обсуждать", "обсудить", "обсуждение", "пообещать", "обещать",
                          "ответить", "охарактеризовать", "назвать", "вопрос", "договориться", "договоренность",
                          "подписать", "извинение"]),
    light_verbs=frozenset(["вести", "проводить", "провести", "осуществлять", "осуществить", "совершать", "совершить",
                           "оказывать", "оказать", "иметь", "делать", "сделать",
                           # «становился площадкой», «документ появился», «пришлись на март»: the nouns say what
                           "стать", "становиться", "появиться", "появляться", "прийтись", "оказаться",
                           "оказываться"]),
    organisation_nouns=frozenset(["компания", "производитель", "организация", "концерн", "корпорация", "холдинг",
                                  "оператор", "дистрибьютор", "поставщик", "изготовитель"]),  # «фирма»: компания
    span_openers=frozenset(["с", "со", "от", "между"]),
    span_closers=frozenset(["по", "до", "и"]),
    by_period=(("по", "годам"), ("по", "годы"), ("по", "периодам")),
    yes_no_words=frozenset(["ли"]),
    negations=frozenset(["не"]),
    growth_words=frozenset(["рост", "прирост", "увеличение", "снижение", "падение"]),
    month_words=frozenset(["месяц", "месяце", "месяца"]),
    generic_counted=frozenset({"человек", "штука", "число", "количество"}),
    visit_verbs=frozenset(["посетить", "посещать", "навестить", "навещать", "объехать"]),
    becoming_verbs=frozenset(["стать", "становиться", "назначить", "назначать", "избрать", "избирать", "избираться"]),
    event_relatives={"перед": "before", "накануне": "before", "после": "after"},  # not «до»: «до какого года»
    venue_words=frozenset(["место", "площадка"]),
    rank_verbs=frozenset(["занимать", "занять"]),
    relation_nouns=frozenset(["сотрудничество", "отношение", "связь", "взаимодействие", "партнерство", "работа"]),
    capital_words=frozenset(["столица"]),
    outside_words=frozenset(["вне", "пределами", "пределов"]),
    place_frames=frozenset([("на", "территории"), ("на", "территорию"), ("в", "пределах")]),
    except_words=frozenset(["кроме", "помимо"]),
    else_words=frozenset(["ещё", "еще"]),
    number_modifiers=frozenset(["всего", "лишь", "только", "целых", "аж"]),
    origin_prepositions=frozenset(["из"]),
    behalf_prepositions=frozenset(["от"]),
    market_nouns=frozenset(["рынок"]),
    size_words=frozenset(["размер", "величина"]),
    source_prepositions=frozenset(["по", "согласно"]),
    talk_nouns=frozenset(["переговоры", "встреча", "беседа", "разговор"]),
    count_fillers=frozenset(["по", "счету", "счёту"]),
    indefinite_particles=frozenset(["нибудь", "либо", "то"]),
    role_names={("лидер",): "президент", ("глава", "государство"): "президент", ("глава", "правительство"): "премьер",
                ("руководитель", "государство"): "президент", ("руководитель", "правительство"): "премьер"},
    both_sides=frozenset((first, second) for first in ("двух", "обеих", "обе", "двумя", "обеими", "двум", "обеим",
                                                       "две", "два", "оба")
                         for second in ("стран", "страны", "странами", "странам", "государств", "государства",
                                        "государствами", "сторон", "стороны", "сторонами", "сторонам")),
    year_fractions={"полугодие": 6, "половина": 6, "квартал": 3},
    fraction_ordinals={"первый": 1, "второй": 2, "третий": 3, "четвертый": 4},
    upcoming_words=frozenset(["следующий", "ближайший", "предстоящий", "грядущий"]),
    mention_verbs=frozenset(["упомянуть", "упоминать", "назвать", "называть", "указать", "указывать", "привести",
                             "приводить", "перечислить", "перечислять", "описать", "описывать", "фигурировать"]),
    status_nouns=frozenset(["статус"]),
    day_of_words=frozenset(["день"]),
    official_nouns=frozenset(["руководитель", "руководство", "чиновник", "деятель", "политик"]),
    except_phrases=frozenset(["не считая", "если не считать", "за исключением", "исключая"]),
    planned_words=frozenset(["запланировать", "запланированный", "намеченный", "наметить", "анонсировать",
                             "анонсированный", "будущий", "назначить", "назначенный"]),
)


def ranks_first(words: Iterable[str], lx: Lexicon, analyse: Callable[[str], WordInfo]) -> bool:
    """Something is said to be first of its kind: «крупнейший», «самый», "best"."""
    for word in words:
        info = analyse(word)
        if info.superlative or word in lx.superlative_words or info.forms[0] in lx.superlative_words:
            return True
    return False
