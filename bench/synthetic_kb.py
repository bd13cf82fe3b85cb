"""Generate a large, valid, SYNTHETIC fact base for load and scale tests.

Why this exists: the real fact base has a few dozen facts from one article, so
it cannot tell us how the loader, the validator (`factbot check`), the index
and the answer engine behave with 10k or 100k facts, thousands of entities and
dozens of source texts. This script writes a base in exactly the production
YAML format (see /work/notes/fact_schema.md) that passes `factbot check`, with
realistic Russian wording, so timings and memory measured on it mean something.

Everything it writes is invented: people, companies, figures and dates are
random. Sources are labelled «Синтетическая лента» with example.invalid URLs so
no generated fact can be mistaken for a real one. The real places, universities
and international organisations appear only as backdrop.

    python bench/synthetic_kb.py --facts 100000 --out /tmp/kb100k [--seed 1] [--english]
    factbot check /tmp/kb100k

--english adds the English fields the real base has (text_en and questions_en per fact, unit_en and
what_en per figure, name_en/aliases_en/role_en per entity, publisher_en/title_en/language per source), so
that the engine's second, English index can be measured too. The English is derived from values already
drawn (its questions are picked with a separate RNG), so the Russian output is byte for byte the same with
and without it, apart from the added lines and figure keys.

Layout of OUT (created if missing; an existing OUT/facts and OUT/texts are deleted first):
    sources.yaml              one source per --facts-per-source facts (default 2000)
    texts/synth-XXXX.txt      each source text = the quote sentences of its facts
    entities.yaml             countries, places, regions, organisations, companies, people
    facts/part-XXXX.yaml      1000 facts per file

The output is a pure function of (--facts, --seed, --persons, --facts-per-source, --english).
"""

# ruff: noqa: E501  -- the word-form tables below are one record per line by design

from __future__ import annotations

import argparse
import calendar
import gc
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

FACTS_PER_FILE = 1000
MAX_SOURCE_BYTES = 5 * 1024 * 1024  # the loader's limit per source text
LAST_DONE = (2024, 4, 30)  # facts up to this day are "done"; later ones are announced ("planned")
PUBLISHED = "2024-05-15"  # every synthetic source is dated after the last done fact

N, G, D, A, P, I = range(6)  # noqa: E741  # grammatical cases used below: nom, gen, dat, acc, prep, instr

# ---------------------------------------------------------------------------------------------------------------
# Russian word forms
# ---------------------------------------------------------------------------------------------------------------

MONTHS_G = ("января", "февраля", "марта", "апреля", "мая", "июня",
            "июля", "августа", "сентября", "октября", "ноября", "декабря")
MONTHS_P = ("январе", "феврале", "марте", "апреле", "мае", "июне",
            "июле", "августе", "сентябре", "октябре", "ноябре", "декабре")


def plural(n: float, one: str, few: str, many: str) -> str:
    """Russian noun form after a number: 1 тысяча, 2 тысячи, 5 тысяч, 2,5 тысячи."""
    if n != int(n):
        return few
    n = int(n) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    return one if n == 1 else few if 2 <= n <= 4 else many


def num(v: float) -> str:
    """Russian number: 152,2 / 4500 / 12 400."""
    if v != int(v):
        return f"{v:.1f}".replace(".", ",")
    n = int(v)
    return f"{n:,}".replace(",", " ") if n >= 10000 else str(n)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


Forms = tuple[str, str, str, str, str, str]  # indexed by N, G, D, A, P, I


def male_first(nom: str) -> Forms:
    special = {"Павел": "Павл", "Петр": "Петр", "Лев": "Льв"}
    if nom in special:
        s = special[nom]
        return nom, s + "а", s + "у", s + "а", s + "е", s + "ом"
    if nom.endswith("ий"):  # Дмитрий, Юрий, Григорий
        s = nom[:-1]
        return nom, s + "я", s + "ю", s + "я", s + "и", s + "ем"
    if nom.endswith(("й", "ь")):
        s = nom[:-1]
        return nom, s + "я", s + "ю", s + "я", s + "е", s + "ем"
    if nom.endswith("я"):  # Илья
        s = nom[:-1]
        return nom, s + "и", s + "е", s + "ю", s + "е", s + "ей"
    return nom, nom + "а", nom + "у", nom + "а", nom + "е", nom + "ом"


def female_first(nom: str) -> Forms:
    if nom.endswith("ия"):
        s = nom[:-1]
        return nom, s + "и", s + "и", s + "ю", s + "и", s + "ей"
    if nom.endswith("ья"):
        s = nom[:-1]
        return nom, s + "и", s + "е", s + "ю", s + "е", s + "ей"
    s = nom[:-1]
    gen = s + ("и" if s[-1] in "гкхжшчщ" else "ы")
    return nom, gen, s + "е", s + "у", s + "е", s + "ой"


def surname(stem: str, female: bool) -> Forms:
    """Stems end in -ов/-ев/-ин/-ский; the forms follow the regular surname declension."""
    if stem.endswith("ский"):
        s = stem[:-2]
        if female:
            return s + "ая", s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"
        return stem, s + "ого", s + "ому", s + "ого", s + "ом", s + "им"
    if female:
        return stem + "а", stem + "ой", stem + "ой", stem + "у", stem + "ой", stem + "ой"
    return stem, stem + "а", stem + "у", stem + "а", stem + "е", stem + "ым"


TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))


def slug(text: str) -> str:
    out = "".join(TRANSLIT.get(ch, ch) for ch in text.lower())
    out = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in out)
    return "-".join(part for part in out.split("-") if part)


# ---------------------------------------------------------------------------------------------------------------
# English (--english): word forms and helpers
# ---------------------------------------------------------------------------------------------------------------

MONTHS_EN = ("January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December")
HEDGES_EN = {"": "", "почти": "almost", "около": "about", "более": "more than", "свыше": "more than"}


def latin(text: str) -> str:
    """A Russian word in Latin letters, keeping capitals: Воробьев -> Vorobyev, Ковальский -> Kovalsky."""
    out = []
    for k, ch in enumerate(text):
        low = ch.lower()
        if low == "ь":  # a soft sign before е/и is heard as "y": Ильин -> Ilyin, Соловьев -> Solovyev
            out.append("y" if text[k + 1:k + 2] in ("е", "и") else "")
            continue
        lat = TRANSLIT.get(low, ch)
        out.append(lat.capitalize() if ch != low else lat)
    word = "".join(out)
    return word[:-4] + "sky" if word.endswith("skiy") else word


def num_en(v: float) -> str:
    """English number with the digits of `num`: 152.2 / 4500 / 12,400."""
    if v != int(v):
        return f"{v:.1f}"
    n = int(v)
    return f"{n:,}" if n >= 10000 else str(n)


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---------------------------------------------------------------------------------------------------------------
# Backdrop data (cases: N|G|A|P|I for places; N|G|P for organisations)
# ---------------------------------------------------------------------------------------------------------------

COUNTRIES = """\
russia|Россия|России|Россию|России|Россией|РФ;Российская Федерация;российский
azerbaijan|Азербайджан|Азербайджана|Азербайджан|Азербайджане|Азербайджаном|АР;Азербайджанская Республика;азербайджанский
armenia|Армения|Армении|Армению|Армении|Арменией|армянский
iran|Иран|Ирана|Иран|Иране|Ираном|иранский
turkey|Турция|Турции|Турцию|Турции|Турцией|турецкий
kazakhstan|Казахстан|Казахстана|Казахстан|Казахстане|Казахстаном|казахстанский
uzbekistan|Узбекистан|Узбекистана|Узбекистан|Узбекистане|Узбекистаном|узбекский
turkmenistan|Туркмения|Туркмении|Туркмению|Туркмении|Туркменией|Туркменистан
kyrgyzstan|Киргизия|Киргизии|Киргизию|Киргизии|Киргизией|Кыргызстан
tajikistan|Таджикистан|Таджикистана|Таджикистан|Таджикистане|Таджикистаном|таджикский
belarus|Белоруссия|Белоруссии|Белоруссию|Белоруссии|Белоруссией|Беларусь
georgia|Грузия|Грузии|Грузию|Грузии|Грузией|грузинский
china|Китай|Китая|Китай|Китае|Китаем|КНР
"""

CITIES = """\
moscow|russia|Москва|Москвы|Москву|Москве|Москвой|московский
st-petersburg|russia|Санкт-Петербург|Санкт-Петербурга|Санкт-Петербург|Санкт-Петербурге|Санкт-Петербургом|Петербург;Питер;СПб
kazan|russia|Казань|Казани|Казань|Казани|Казанью|казанский
astrakhan|russia|Астрахань|Астрахани|Астрахань|Астрахани|Астраханью|астраханский
makhachkala|russia|Махачкала|Махачкалы|Махачкалу|Махачкале|Махачкалой|
derbent|russia|Дербент|Дербента|Дербент|Дербенте|Дербентом|дербентский
sochi|russia|Сочи|Сочи|Сочи|Сочи|Сочи|
yekaterinburg|russia|Екатеринбург|Екатеринбурга|Екатеринбург|Екатеринбурге|Екатеринбургом|Екб
novosibirsk|russia|Новосибирск|Новосибирска|Новосибирск|Новосибирске|Новосибирском|
nizhny-novgorod|russia|Нижний Новгород|Нижнего Новгорода|Нижний Новгород|Нижнем Новгороде|Нижним Новгородом|Нижний
samara|russia|Самара|Самары|Самару|Самаре|Самарой|
rostov-on-don|russia|Ростов-на-Дону|Ростова-на-Дону|Ростов-на-Дону|Ростове-на-Дону|Ростовом-на-Дону|Ростов
krasnodar|russia|Краснодар|Краснодара|Краснодар|Краснодаре|Краснодаром|
volgograd|russia|Волгоград|Волгограда|Волгоград|Волгограде|Волгоградом|
ufa|russia|Уфа|Уфы|Уфу|Уфе|Уфой|
perm|russia|Пермь|Перми|Пермь|Перми|Пермью|
stavropol|russia|Ставрополь|Ставрополя|Ставрополь|Ставрополе|Ставрополем|
saratov|russia|Саратов|Саратова|Саратов|Саратове|Саратовом|
voronezh|russia|Воронеж|Воронежа|Воронеж|Воронеже|Воронежем|
chelyabinsk|russia|Челябинск|Челябинска|Челябинск|Челябинске|Челябинском|
omsk|russia|Омск|Омска|Омск|Омске|Омском|
tyumen|russia|Тюмень|Тюмени|Тюмень|Тюмени|Тюменью|
kaliningrad|russia|Калининград|Калининграда|Калининград|Калининграде|Калининградом|
yaroslavl|russia|Ярославль|Ярославля|Ярославль|Ярославле|Ярославлем|
tula|russia|Тула|Тулы|Тулу|Туле|Тулой|
vladikavkaz|russia|Владикавказ|Владикавказа|Владикавказ|Владикавказе|Владикавказом|
grozny|russia|Грозный|Грозного|Грозный|Грозном|Грозным|
pyatigorsk|russia|Пятигорск|Пятигорска|Пятигорск|Пятигорске|Пятигорском|
irkutsk|russia|Иркутск|Иркутска|Иркутск|Иркутске|Иркутском|
krasnoyarsk|russia|Красноярск|Красноярска|Красноярск|Красноярске|Красноярском|
orenburg|russia|Оренбург|Оренбурга|Оренбург|Оренбурге|Оренбургом|
lipetsk|russia|Липецк|Липецка|Липецк|Липецке|Липецком|
belgorod|russia|Белгород|Белгорода|Белгород|Белгороде|Белгородом|
penza|russia|Пенза|Пензы|Пензу|Пензе|Пензой|
baku|azerbaijan|Баку|Баку|Баку|Баку|Баку|бакинский
ganja|azerbaijan|Гянджа|Гянджи|Гянджу|Гяндже|Гянджой|Гянджа;гянджинский
sumgait|azerbaijan|Сумгаит|Сумгаита|Сумгаит|Сумгаите|Сумгаитом|Сумгайыт
mingachevir|azerbaijan|Мингечевир|Мингечевира|Мингечевир|Мингечевире|Мингечевиром|Мингечаур
shirvan|azerbaijan|Ширван|Ширвана|Ширван|Ширване|Ширваном|
lankaran|azerbaijan|Ленкорань|Ленкорани|Ленкорань|Ленкорани|Ленкоранью|Лянкяран
sheki|azerbaijan|Шеки|Шеки|Шеки|Шеки|Шеки|Шаки
gabala|azerbaijan|Габала|Габалы|Габалу|Габале|Габалой|Кабала
guba|azerbaijan|Губа|Губы|Губу|Губе|Губой|Куба
shamakhi|azerbaijan|Шамахы|Шамахы|Шамахы|Шамахы|Шамахы|Шемаха
nakhchivan|azerbaijan|Нахичевань|Нахичевани|Нахичевань|Нахичевани|Нахичеванью|Нахчыван
yevlakh|azerbaijan|Евлах|Евлаха|Евлах|Евлахе|Евлахом|
astara|azerbaijan|Астара|Астары|Астару|Астаре|Астарой|
zagatala|azerbaijan|Загатала|Загаталы|Загаталу|Загатале|Загаталой|Закаталы
ismayilli|azerbaijan|Исмаиллы|Исмаиллы|Исмаиллы|Исмаиллы|Исмаиллы|
naftalan|azerbaijan|Нафталан|Нафталана|Нафталан|Нафталане|Нафталаном|
khachmaz|azerbaijan|Хачмаз|Хачмаза|Хачмаз|Хачмазе|Хачмазом|
gusar|azerbaijan|Гусар|Гусара|Гусар|Гусаре|Гусаром|Кусары
sabirabad|azerbaijan|Сабирабад|Сабирабада|Сабирабад|Сабирабаде|Сабирабадом|
ashgabat|turkmenistan|Ашхабад|Ашхабада|Ашхабад|Ашхабаде|Ашхабадом|Ашгабат
samarkand|uzbekistan|Самарканд|Самарканда|Самарканд|Самарканде|Самаркандом|
tashkent|uzbekistan|Ташкент|Ташкента|Ташкент|Ташкенте|Ташкентом|
astana|kazakhstan|Астана|Астаны|Астану|Астане|Астаной|Нур-Султан
almaty|kazakhstan|Алма-Ата|Алма-Аты|Алма-Ату|Алма-Ате|Алма-Атой|Алматы
bishkek|kyrgyzstan|Бишкек|Бишкека|Бишкек|Бишкеке|Бишкеком|
dushanbe|tajikistan|Душанбе|Душанбе|Душанбе|Душанбе|Душанбе|
minsk|belarus|Минск|Минска|Минск|Минске|Минском|
tehran|iran|Тегеран|Тегерана|Тегеран|Тегеране|Тегераном|
antalya|turkey|Анталья|Антальи|Анталью|Анталье|Антальей|Анталия
istanbul|turkey|Стамбул|Стамбула|Стамбул|Стамбуле|Стамбулом|
tbilisi|georgia|Тбилиси|Тбилиси|Тбилиси|Тбилиси|Тбилиси|
"""

# Russian regions and Azerbaijani districts: id|country|N|G|P|short alias
REGIONS = """\
astrakhan-oblast|russia|Астраханская область|Астраханской области|Астраханской области|Астраханская
dagestan|russia|Республика Дагестан|Республики Дагестан|Республике Дагестан|Дагестан
tatarstan|russia|Республика Татарстан|Республики Татарстан|Республике Татарстан|Татарстан
bashkortostan|russia|Республика Башкортостан|Республики Башкортостан|Республике Башкортостан|Башкирия
chechnya|russia|Чеченская Республика|Чеченской Республики|Чеченской Республике|Чечня
north-ossetia|russia|Республика Северная Осетия – Алания|Республики Северная Осетия – Алания|Республике Северная Осетия – Алания|Северная Осетия
krasnodar-krai|russia|Краснодарский край|Краснодарского края|Краснодарском крае|Кубань
stavropol-krai|russia|Ставропольский край|Ставропольского края|Ставропольском крае|Ставрополье
perm-krai|russia|Пермский край|Пермского края|Пермском крае|Прикамье
krasnoyarsk-krai|russia|Красноярский край|Красноярского края|Красноярском крае|Красноярский
volgograd-oblast|russia|Волгоградская область|Волгоградской области|Волгоградской области|Волгоградская
rostov-oblast|russia|Ростовская область|Ростовской области|Ростовской области|Ростовская
sverdlovsk-oblast|russia|Свердловская область|Свердловской области|Свердловской области|Свердловская
moscow-oblast|russia|Московская область|Московской области|Московской области|Подмосковье
leningrad-oblast|russia|Ленинградская область|Ленинградской области|Ленинградской области|Ленобласть
samara-oblast|russia|Самарская область|Самарской области|Самарской области|Самарская
nizhny-novgorod-oblast|russia|Нижегородская область|Нижегородской области|Нижегородской области|Нижегородская
chelyabinsk-oblast|russia|Челябинская область|Челябинской области|Челябинской области|Челябинская
tyumen-oblast|russia|Тюменская область|Тюменской области|Тюменской области|Тюменская
kaluga-oblast|russia|Калужская область|Калужской области|Калужской области|Калужская
voronezh-oblast|russia|Воронежская область|Воронежской области|Воронежской области|Воронежская
penza-oblast|russia|Пензенская область|Пензенской области|Пензенской области|Пензенская
tula-oblast|russia|Тульская область|Тульской области|Тульской области|Тульская
saratov-oblast|russia|Саратовская область|Саратовской области|Саратовской области|Саратовская
omsk-oblast|russia|Омская область|Омской области|Омской области|Омская
novosibirsk-oblast|russia|Новосибирская область|Новосибирской области|Новосибирской области|Новосибирская
lipetsk-oblast|russia|Липецкая область|Липецкой области|Липецкой области|Липецкая
belgorod-oblast|russia|Белгородская область|Белгородской области|Белгородской области|Белгородская
yaroslavl-oblast|russia|Ярославская область|Ярославской области|Ярославской области|Ярославская
orenburg-oblast|russia|Оренбургская область|Оренбургской области|Оренбургской области|Оренбуржье
gabala-district|azerbaijan|Габалинский район|Габалинского района|Габалинском районе|Габалинский
sheki-district|azerbaijan|Шекинский район|Шекинского района|Шекинском районе|Шекинский
guba-district|azerbaijan|Губинский район|Губинского района|Губинском районе|Губинский
ismayilli-district|azerbaijan|Исмаиллинский район|Исмаиллинского района|Исмаиллинском районе|Исмаиллинский
khachmaz-district|azerbaijan|Хачмазский район|Хачмазского района|Хачмазском районе|Хачмазский
shamkir-district|azerbaijan|Шамкирский район|Шамкирского района|Шамкирском районе|Шамкирский
agstafa-district|azerbaijan|Агстафинский район|Агстафинского района|Агстафинском районе|Агстафинский
goygol-district|azerbaijan|Гёйгёльский район|Гёйгёльского района|Гёйгёльском районе|Гейгельский
absheron-district|azerbaijan|Апшеронский район|Апшеронского района|Апшеронском районе|Абшерон
lankaran-district|azerbaijan|Ленкоранский район|Ленкоранского района|Ленкоранском районе|Ленкоранский
"""

# id|country|N|G|P|short alias
UNIVERSITIES = """\
msu|russia|Московский государственный университет имени М. В. Ломоносова|Московского государственного университета имени М. В. Ломоносова|Московском государственном университете имени М. В. Ломоносова|МГУ
spbu|russia|Санкт-Петербургский государственный университет|Санкт-Петербургского государственного университета|Санкт-Петербургском государственном университете|СПбГУ
mgimo|russia|Московский государственный институт международных отношений|Московского государственного института международных отношений|Московском государственном институте международных отношений|МГИМО
rudn|russia|Российский университет дружбы народов|Российского университета дружбы народов|Российском университете дружбы народов|РУДН
kfu|russia|Казанский федеральный университет|Казанского федерального университета|Казанском федеральном университете|КФУ
hse|russia|Высшая школа экономики|Высшей школы экономики|Высшей школе экономики|ВШЭ
gubkin|russia|Российский государственный университет нефти и газа имени И. М. Губкина|Российского государственного университета нефти и газа имени И. М. Губкина|Российском государственном университете нефти и газа имени И. М. Губкина|Губкинский университет
sechenov|russia|Первый Московский государственный медицинский университет имени И. М. Сеченова|Первого Московского государственного медицинского университета имени И. М. Сеченова|Первом Московском государственном медицинском университете имени И. М. Сеченова|Сеченовский университет
asu|russia|Астраханский государственный университет|Астраханского государственного университета|Астраханском государственном университете|АГУ
dgu|russia|Дагестанский государственный университет|Дагестанского государственного университета|Дагестанском государственном университете|ДГУ
sfedu|russia|Южный федеральный университет|Южного федерального университета|Южном федеральном университете|ЮФУ
urfu|russia|Уральский федеральный университет|Уральского федерального университета|Уральском федеральном университете|УрФУ
bmstu|russia|Московский государственный технический университет имени Н. Э. Баумана|Московского государственного технического университета имени Н. Э. Баумана|Московском государственном техническом университете имени Н. Э. Баумана|МГТУ имени Баумана
msu-baku|azerbaijan|Филиал МГУ имени М. В. Ломоносова в Баку|Филиала МГУ имени М. В. Ломоносова в Баку|Филиале МГУ имени М. В. Ломоносова в Баку|филиал МГУ в Баку
sechenov-baku|azerbaijan|Бакинский филиал Сеченовского университета|Бакинского филиала Сеченовского университета|Бакинском филиале Сеченовского университета|филиал Сеченовского университета
bsu-slavic|azerbaijan|Бакинский славянский университет|Бакинского славянского университета|Бакинском славянском университете|БСУ
bsu|azerbaijan|Бакинский государственный университет|Бакинского государственного университета|Бакинском государственном университете|БГУ
adnsu|azerbaijan|Азербайджанский государственный университет нефти и промышленности|Азербайджанского государственного университета нефти и промышленности|Азербайджанском государственном университете нефти и промышленности|АГУНП
azul|azerbaijan|Азербайджанский университет языков|Азербайджанского университета языков|Азербайджанском университете языков|АУЯ
unec|azerbaijan|Азербайджанский государственный экономический университет|Азербайджанского государственного экономического университета|Азербайджанском государственном экономическом университете|UNEC
"""

# Multilateral events and agencies: id|N|G|P|short alias
ORGANISATIONS = """\
cis-summit|Саммит СНГ|саммита СНГ|саммите СНГ|СНГ
sco-summit|Саммит ШОС|саммита ШОС|саммите ШОС|ШОС
caspian-summit|Каспийский саммит|Каспийского саммита|Каспийском саммите|каспийская пятерка
cica-summit|Саммит СВМДА|саммита СВМДА|саммите СВМДА|СВМДА
eaeu-council|Высший Евразийский экономический совет|Высшего Евразийского экономического совета|Высшем Евразийском экономическом совете|ВЕЭС
cis-heads-of-government|Совет глав правительств СНГ|Совета глав правительств СНГ|Совете глав правительств СНГ|СГП СНГ
spief|Петербургский международный экономический форум|Петербургского международного экономического форума|Петербургском международном экономическом форуме|ПМЭФ
baku-energy-forum|Бакинский энергетический форум|Бакинского энергетического форума|Бакинском энергетическом форуме|Baku Energy Week
caspian-fm-council|Совет министров иностранных дел прикаспийских государств|Совета министров иностранных дел прикаспийских государств|Совете министров иностранных дел прикаспийских государств|СМИД
antalya-forum|Анталийский дипломатический форум|Анталийского дипломатического форума|Анталийском дипломатическом форуме|АДФ
interregional-forum|Российско-азербайджанский межрегиональный форум|Российско-азербайджанского межрегионального форума|Российско-азербайджанском межрегиональном форуме|межрегиональный форум
igc-economy|Межправительственная комиссия по экономическому сотрудничеству|Межправительственной комиссии по экономическому сотрудничеству|Межправительственной комиссии по экономическому сотрудничеству|межправкомиссия
igc-mtc|Межправительственная комиссия по военно-техническому сотрудничеству|Межправительственной комиссии по военно-техническому сотрудничеству|Межправительственной комиссии по военно-техническому сотрудничеству|комиссия по ВТС
rosstat|Росстат|Росстата|Росстате|Федеральная служба государственной статистики
rostourism|Ростуризм|Ростуризма|Ростуризме|Федеральное агентство по туризму
az-tourism-agency|Государственное агентство по туризму Азербайджана|Государственного агентства по туризму Азербайджана|Государственном агентстве по туризму Азербайджана|Госагентство по туризму
fsb-border-service|Пограничная служба ФСБ России|Пограничной службы ФСБ России|Пограничной службе ФСБ России|погранслужба ФСБ
mod-russia|Министерство обороны России|Министерства обороны России|Министерстве обороны России|Минобороны
peacekeepers|Российский миротворческий контингент|российского миротворческого контингента|российском миротворческом контингенте|миротворцы
azerbaijan-railways|Азербайджанские железные дороги|Азербайджанских железных дорог|Азербайджанских железных дорогах|АЖД
baku-metro|Бакинский метрополитен|Бакинского метрополитена|Бакинском метрополитене|бакинское метро
"""

SUMMITS = {  # event -> (first year, host cities)
    "cis-summit": (1995, ("minsk", "moscow", "astana", "dushanbe", "bishkek", "ashgabat", "tashkent", "st-petersburg",
                          "baku")),
    "sco-summit": (2005, ("samarkand", "astana", "tashkent", "bishkek", "dushanbe", "ufa")),
    "caspian-summit": (2002, ("ashgabat", "tehran", "baku", "astrakhan", "astana")),
    "cica-summit": (2002, ("astana", "almaty", "istanbul", "dushanbe")),
    "eaeu-council": (2015, ("moscow", "minsk", "astana", "st-petersburg", "bishkek", "sochi")),
    "cis-heads-of-government": (1995, ("minsk", "moscow", "ashgabat", "dushanbe", "sochi", "kazan", "tashkent")),
    "spief": (1997, ("st-petersburg",)),
    "antalya-forum": (2021, ("antalya",)),
}

COMPANY_PREFIXES = ("Каспий", "Волга", "Урал", "Абшерон", "Кавказ", "Ширван", "Дон", "Кура", "Север", "Евразия",
                    "Гранит", "Меридиан", "Арктика", "Сибирь", "Нева", "Карат", "Бастион", "Азимут", "Горизонт",
                    "Зенит", "Вектор", "Интер", "Прогресс", "Гилан")
COMPANY_KINDS = {  # suffix -> domain
    "нефтесервис": "energy", "энергомаш": "energy", "газсервис": "energy", "энерго": "energy",
    "трансстрой": "transport", "логистик": "transport", "вагон": "transport",
    "агро": "agro", "агропром": "agro", "продукт": "agro",
    "маш": "industry", "металл": "industry", "химпром": "industry", "цемент": "industry", "пласт": "industry",
    "фарм": "industry", "стройинвест": "investment", "девелопмент": "investment", "тур": "tourism",
}
AIRLINES = ("«Каспийские авиалинии»", "«Волга-Авиа»", "«Абшерон Эйр»", "«Северный ветер»", "«Евразия Авиа»",
            "«Уральская звезда»", "«Кавказские крылья»", "«Шелковый путь Эйр»")

MALE_RU = ("Иван", "Сергей", "Алексей", "Андрей", "Дмитрий", "Михаил", "Николай", "Павел", "Александр", "Максим",
           "Олег", "Игорь", "Виктор", "Юрий", "Евгений", "Владимир", "Константин", "Роман", "Антон", "Денис",
           "Артем", "Кирилл", "Георгий", "Вадим", "Борис", "Петр", "Григорий", "Станислав", "Илья", "Лев")
FEMALE_RU = ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина", "Юлия",
             "Валентина", "Марина", "Дарья", "Ксения", "Вероника", "Людмила")
STEMS_RU = ("Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов",
            "Волков", "Алексеев", "Федоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов",
            "Киселев", "Макаров", "Андреев", "Ковалев", "Ильин", "Гусев", "Титов", "Кудрявцев", "Баранов",
            "Куликов", "Семенов", "Голубев", "Виноградов", "Богданов", "Воробьев", "Зайцев", "Павлов", "Захаров",
            "Сорокин", "Никитин", "Калинин", "Фомин", "Карпов", "Шубин", "Ершов", "Медведев", "Журавлев",
            "Щербаков", "Поляков", "Гаврилов", "Данилов", "Жуков", "Тихонов", "Осипов", "Крылов", "Громов",
            "Ковальский", "Вишневский", "Островский", "Березовский", "Соловьев", "Гончаров", "Пономарев",
            "Рябов", "Савельев", "Мартынов", "Ефимов", "Воронин", "Фролов", "Лукин", "Горбунов", "Калашников")
MALE_AZ = ("Эльчин", "Рашад", "Фуад", "Анар", "Эльдар", "Самир", "Тофиг", "Вугар", "Камран", "Рамиз", "Ильгар",
           "Азер", "Мурад", "Орхан", "Теймур", "Шахин", "Рауф", "Джавид", "Зияд", "Фарид", "Акиф", "Натиг",
           "Рустам", "Эмин", "Ниджат", "Ильхам", "Мубариз", "Сахиб", "Гусейн", "Тариэль")
FEMALE_AZ = ("Лейла", "Эльмира", "Самира", "Фарида", "Зарина", "Севда", "Эльнара", "Гюльнара", "Нармина",
             "Ульвия", "Кямаля", "Айнура")
STEMS_AZ = ("Гулиев", "Мамедов", "Гасанов", "Гусейнов", "Исмаилов", "Керимов", "Рзаев", "Джафаров", "Аббасов",
            "Бабаев", "Велиев", "Садыхов", "Ахмедов", "Наджафов", "Мусаев", "Султанов", "Агаев", "Нагиев",
            "Гаджиев", "Расулов", "Сафаров", "Халилов", "Юсифов", "Мехтиев", "Пашаев", "Зейналов", "Алескеров",
            "Намазов", "Гарибов", "Шахбазов", "Мирзоев", "Эфендиев", "Караев", "Ибрагимов",
            "Абдуллаев", "Азизов", "Рагимов", "Таиров", "Гамидов", "Усубов")

ROLE_HEADS: dict[str, Forms] = {  # N, G, D, A, P, I
    "министр": ("министр", "министра", "министру", "министра", "министре", "министром"),
    "заместитель": ("заместитель", "заместителя", "заместителю", "заместителя", "заместителе", "заместителем"),
    "посол": ("посол", "посла", "послу", "посла", "после", "послом"),
    "губернатор": ("губернатор", "губернатора", "губернатору", "губернатора", "губернаторе", "губернатором"),
    "глава": ("глава", "главы", "главе", "главу", "главе", "главой"),
    "ректор": ("ректор", "ректора", "ректору", "ректора", "ректоре", "ректором"),
    "директор": ("директор", "директора", "директору", "директора", "директоре", "директором"),
    "гендиректор": ("генеральный директор", "генерального директора", "генеральному директору",
                    "генерального директора", "генеральном директоре", "генеральным директором"),
    "председатель": ("председатель", "председателя", "председателю", "председателя", "председателе",
                     "председателем"),
    "президент": ("президент", "президента", "президенту", "президента", "президенте", "президентом"),
    "руководитель": ("руководитель", "руководителя", "руководителю", "руководителя", "руководителе",
                     "руководителем"),
    "торгпред": ("торговый представитель", "торгового представителя", "торговому представителю",
                 "торгового представителя", "торговом представителе", "торговым представителем"),
}

# category, country, head, tail, English role ({region}/{city}/{uni}/{company} filled per person)
ROLES = """\
gov|russia|заместитель|председателя правительства России|Deputy Prime Minister of Russia
gov|russia|министр|экономического развития России|Minister of Economic Development of Russia
gov|russia|министр|промышленности и торговли России|Minister of Industry and Trade of Russia
gov|russia|министр|сельского хозяйства России|Minister of Agriculture of Russia
gov|russia|министр|финансов России|Minister of Finance of Russia
gov|azerbaijan|заместитель|премьер-министра Азербайджана|Deputy Prime Minister of Azerbaijan
gov|azerbaijan|министр|экономики Азербайджана|Minister of Economy of Azerbaijan
gov|azerbaijan|министр|сельского хозяйства Азербайджана|Minister of Agriculture of Azerbaijan
gov|azerbaijan|министр|финансов Азербайджана|Minister of Finance of Azerbaijan
mfa|russia|заместитель|министра иностранных дел России|Deputy Minister of Foreign Affairs of Russia
mfa|russia|директор|Четвертого департамента стран СНГ МИД России|Director of the Fourth CIS Department of the Russian Foreign Ministry
mfa|azerbaijan|заместитель|министра иностранных дел Азербайджана|Deputy Minister of Foreign Affairs of Azerbaijan
mfa|azerbaijan|директор|департамента стран СНГ МИД Азербайджана|Director of the CIS Department of the Azerbaijani Foreign Ministry
ambassador|russia|посол|России в Азербайджане|Ambassador of Russia to Azerbaijan
ambassador|russia|торгпред|России в Азербайджане|Trade Representative of Russia in Azerbaijan
ambassador|azerbaijan|посол|Азербайджана в России|Ambassador of Azerbaijan to Russia
energy|russia|министр|энергетики России|Minister of Energy of Russia
energy|russia|заместитель|министра энергетики России|Deputy Minister of Energy of Russia
energy|azerbaijan|министр|энергетики Азербайджана|Minister of Energy of Azerbaijan
energy|azerbaijan|заместитель|министра энергетики Азербайджана|Deputy Minister of Energy of Azerbaijan
transport|russia|министр|транспорта России|Minister of Transport of Russia
transport|russia|заместитель|министра транспорта России|Deputy Minister of Transport of Russia
transport|azerbaijan|министр|цифрового развития и транспорта Азербайджана|Minister of Digital Development and Transport of Azerbaijan
transport|azerbaijan|председатель|ЗАО «Азербайджанские железные дороги»|Chairman of Azerbaijan Railways CJSC
edu|russia|министр|науки и высшего образования России|Minister of Science and Higher Education of Russia
edu|russia|министр|просвещения России|Minister of Education of Russia
edu|russia|ректор|{uni}|Rector of {uni}
edu|azerbaijan|министр|науки и образования Азербайджана|Minister of Science and Education of Azerbaijan
edu|azerbaijan|ректор|{uni}|Rector of {uni}
defence|russia|заместитель|министра обороны России|Deputy Minister of Defence of Russia
defence|russia|директор|Федеральной службы по военно-техническому сотрудничеству|Director of the Federal Service for Military-Technical Cooperation
defence|azerbaijan|заместитель|министра обороны Азербайджана|Deputy Minister of Defence of Azerbaijan
defence|azerbaijan|министр|оборонной промышленности Азербайджана|Minister of Defence Industry of Azerbaijan
region|russia|губернатор|{region}|Governor of {region}
region|azerbaijan|глава|исполнительной власти {city}|Head of the Executive Power of {city}
tourism|russia|руководитель|Федерального агентства по туризму|Head of the Federal Agency for Tourism
tourism|azerbaijan|председатель|Государственного агентства по туризму Азербайджана|Chairman of the State Tourism Agency of Azerbaijan
company|russia|гендиректор|компании {company}|Director General of {company}
company|azerbaijan|президент|компании {company}|President of {company}
"""

CATEGORY_TOPIC = {"gov": "government", "mfa": "foreign_ministries", "ambassador": "diplomacy", "energy": "energy",
                  "transport": "transport", "edu": "education", "defence": "military", "region": "business",
                  "tourism": "tourism", "company": "business"}

# documents signed per category: (N with {field}, past passive verb)
DOCS = (("соглашение о сотрудничестве в области {f}", "подписано"),
        ("меморандум о взаимопонимании в сфере {f}", "подписан"),
        ("программу сотрудничества в области {f} на {y1}–{y2} годы", "подписана"),
        ("протокол о намерениях в сфере {f}", "подписан"),
        ("план совместных действий в области {f} на {y1}–{y2} годы", "подписан"))
DOC_FIELDS = {
    "gov": ("сельского хозяйства", "таможенного администрирования", "взаимных инвестиций", "промышленной кооперации",
            "цифровой экономики", "фитосанитарного контроля", "статистики"),
    "mfa": ("консульских вопросов", "архивного дела", "межмидовских консультаций"),
    "ambassador": ("культуры", "гуманитарных связей"),
    "energy": ("возобновляемой энергетики", "энергоэффективности", "поставок электроэнергии", "нефтепереработки"),
    "transport": ("железнодорожных перевозок", "морского транспорта", "автомобильных перевозок",
                  "развития коридора «Север–Юг»"),
    "edu": ("высшего образования", "подготовки кадров", "изучения русского языка", "научных исследований"),
    "defence": ("военного образования", "военно-технического сотрудничества"),
    "region": ("межрегионального сотрудничества", "торгово-экономических связей", "туризма"),
    "tourism": ("туризма", "продвижения туристических маршрутов"),
    "company": ("поставок оборудования", "локализации производства"),
}

PRODUCTS = (  # genitive, capacity unit
    ("сельскохозяйственной техники", "единиц техники"), ("грузовых автомобилей", "автомобилей"),
    ("автобусов", "автобусов"), ("лифтов", "лифтов"), ("кабельной продукции", "тысяч км"),
    ("строительных материалов", "тысяч тонн"), ("стальных труб", "тысяч тонн"),
    ("полимерной упаковки", "тысяч тонн"), ("лекарственных препаратов", "млн упаковок"),
    ("минеральных удобрений", "тысяч тонн"), ("бытовой техники", "тысяч единиц"),
    ("железнодорожных вагонов", "вагонов"), ("трансформаторов", "единиц"), ("алюминиевых профилей", "тысяч тонн"),
    ("плодоовощных консервов", "млн банок"), ("фанеры", "тысяч кубометров"), ("шин", "тысяч штук"),
    ("тракторов", "тракторов"), ("медицинских изделий", "млн штук"), ("лакокрасочных материалов", "тысяч тонн"),
)
EXPORTS_RU = ("пшеницы", "подсолнечного масла", "пиломатериалов", "сахара", "металлопроката", "мяса птицы",
              "кондитерских изделий", "минеральных удобрений", "ячменя", "бумаги и картона")
EXPORTS_AZ = ("томатов", "хурмы", "фундука", "гранатов", "картофеля", "яблок", "винограда", "огурцов",
              "цитрусовых", "черешни")
AGENDA = ("перспективы сотрудничества", "реализацию совместных проектов", "вопросы двусторонней повестки",
          "подготовку к заседанию межправкомиссии")
OBJECTS = ("логистического центра", "тепличного комплекса", "гостиничного комплекса", "торгового центра",
           "складского комплекса", "завода по переработке фруктов", "агропарка", "бизнес-центра",
           "солнечной электростанции", "хлебозавода", "распределительного центра", "жилого комплекса")
RAIL_ITEMS = (  # forms after 1 / 2-4 / 5+, genitive plural, operator
    (("пассажирский вагон", "пассажирских вагона", "пассажирских вагонов"), "azerbaijan-railways"),
    (("локомотив", "локомотива", "локомотивов"), "azerbaijan-railways"),
    (("вагон метро", "вагона метро", "вагонов метро"), "baku-metro"),
    (("грузовой вагон", "грузовых вагона", "грузовых вагонов"), "azerbaijan-railways"),
)

# ---------------------------------------------------------------------------------------------------------------
# English backdrop (--english): the names the English index matches, keyed by the Russian tables above
# ---------------------------------------------------------------------------------------------------------------

# id|name_en|aliases_en (;-separated)|form inside a sentence when it needs an article (default: name_en)
NAMES_EN = """\
russia|Russia|Russian Federation;RF;Russian
azerbaijan|Azerbaijan|Republic of Azerbaijan;Azerbaijani;Azeri
armenia|Armenia|Armenian
iran|Iran|Islamic Republic of Iran;Iranian
turkey|Turkey|Türkiye;Turkish
kazakhstan|Kazakhstan|Kazakh
uzbekistan|Uzbekistan|Uzbek
turkmenistan|Turkmenistan|Turkmenia;Turkmen
kyrgyzstan|Kyrgyzstan|Kirghizia;Kyrgyz
tajikistan|Tajikistan|Tajik
belarus|Belarus|Byelorussia;Belarusian
georgia|Georgia|Georgian
china|China|PRC;People's Republic of China;Chinese
moscow|Moscow|Moskva
st-petersburg|Saint Petersburg|St Petersburg;St. Petersburg;Petersburg;SPb
kazan|Kazan|
astrakhan|Astrakhan|
makhachkala|Makhachkala|
derbent|Derbent|
sochi|Sochi|
yekaterinburg|Yekaterinburg|Ekaterinburg
novosibirsk|Novosibirsk|
nizhny-novgorod|Nizhny Novgorod|Nizhniy Novgorod
samara|Samara|
rostov-on-don|Rostov-on-Don|Rostov
krasnodar|Krasnodar|
volgograd|Volgograd|
ufa|Ufa|
perm|Perm|
stavropol|Stavropol|
saratov|Saratov|
voronezh|Voronezh|
chelyabinsk|Chelyabinsk|
omsk|Omsk|
tyumen|Tyumen|
kaliningrad|Kaliningrad|
yaroslavl|Yaroslavl|
tula|Tula|
vladikavkaz|Vladikavkaz|
grozny|Grozny|
pyatigorsk|Pyatigorsk|
irkutsk|Irkutsk|
krasnoyarsk|Krasnoyarsk|
orenburg|Orenburg|
lipetsk|Lipetsk|
belgorod|Belgorod|
penza|Penza|
baku|Baku|Baki
ganja|Ganja|Gyandzha;Ganca
sumgait|Sumgait|Sumqayit
mingachevir|Mingachevir|Mingechaur
shirvan|Shirvan|
lankaran|Lankaran|Lenkoran
sheki|Sheki|Shaki
gabala|Gabala|Qabala
guba|Guba|Quba
shamakhi|Shamakhi|Shemakha
nakhchivan|Nakhchivan|Nakhichevan
yevlakh|Yevlakh|
astara|Astara|
zagatala|Zagatala|Zaqatala
ismayilli|Ismayilli|
naftalan|Naftalan|
khachmaz|Khachmaz|Xacmaz
gusar|Gusar|Qusar
sabirabad|Sabirabad|
ashgabat|Ashgabat|Ashkhabad
samarkand|Samarkand|Samarqand
tashkent|Tashkent|Toshkent
astana|Astana|Nur-Sultan
almaty|Almaty|Alma-Ata
bishkek|Bishkek|
dushanbe|Dushanbe|
minsk|Minsk|
tehran|Tehran|Teheran
antalya|Antalya|
istanbul|Istanbul|
tbilisi|Tbilisi|
astrakhan-oblast|Astrakhan Oblast|Astrakhan region
dagestan|Republic of Dagestan|Dagestan|the Republic of Dagestan
tatarstan|Republic of Tatarstan|Tatarstan|the Republic of Tatarstan
bashkortostan|Republic of Bashkortostan|Bashkortostan;Bashkiria|the Republic of Bashkortostan
chechnya|Chechen Republic|Chechnya|the Chechen Republic
north-ossetia|Republic of North Ossetia–Alania|North Ossetia|the Republic of North Ossetia–Alania
krasnodar-krai|Krasnodar Krai|Krasnodar Territory;Kuban
stavropol-krai|Stavropol Krai|Stavropol Territory
perm-krai|Perm Krai|Perm Territory
krasnoyarsk-krai|Krasnoyarsk Krai|Krasnoyarsk Territory
volgograd-oblast|Volgograd Oblast|Volgograd region
rostov-oblast|Rostov Oblast|Rostov region
sverdlovsk-oblast|Sverdlovsk Oblast|Sverdlovsk region
moscow-oblast|Moscow Oblast|Moscow region
leningrad-oblast|Leningrad Oblast|Leningrad region
samara-oblast|Samara Oblast|Samara region
nizhny-novgorod-oblast|Nizhny Novgorod Oblast|Nizhny Novgorod region
chelyabinsk-oblast|Chelyabinsk Oblast|Chelyabinsk region
tyumen-oblast|Tyumen Oblast|Tyumen region
kaluga-oblast|Kaluga Oblast|Kaluga region
voronezh-oblast|Voronezh Oblast|Voronezh region
penza-oblast|Penza Oblast|Penza region
tula-oblast|Tula Oblast|Tula region
saratov-oblast|Saratov Oblast|Saratov region
omsk-oblast|Omsk Oblast|Omsk region
novosibirsk-oblast|Novosibirsk Oblast|Novosibirsk region
lipetsk-oblast|Lipetsk Oblast|Lipetsk region
belgorod-oblast|Belgorod Oblast|Belgorod region
yaroslavl-oblast|Yaroslavl Oblast|Yaroslavl region
orenburg-oblast|Orenburg Oblast|Orenburg region
gabala-district|Gabala District|Qabala District
sheki-district|Sheki District|Shaki District
guba-district|Guba District|Quba District
ismayilli-district|Ismayilli District|Ismailli District
khachmaz-district|Khachmaz District|Xacmaz District
shamkir-district|Shamkir District|Shamkir region
agstafa-district|Agstafa District|Aghstafa District
goygol-district|Goygol District|Göygöl District
absheron-district|Absheron District|Absheron
lankaran-district|Lankaran District|Lenkoran District
karabakh|Karabakh|Nagorno-Karabakh
msu|Lomonosov Moscow State University|MSU;Moscow State University
spbu|Saint Petersburg State University|SPbU;St Petersburg State University
mgimo|MGIMO University|MGIMO;Moscow State Institute of International Relations
rudn|RUDN University|RUDN;Peoples' Friendship University of Russia
kfu|Kazan Federal University|KFU
hse|HSE University|HSE;Higher School of Economics
gubkin|Gubkin University|Gubkin Russian State University of Oil and Gas
sechenov|Sechenov University|Sechenov First Moscow State Medical University
asu|Astrakhan State University|ASU
dgu|Dagestan State University|DSU
sfedu|Southern Federal University|SFedU
urfu|Ural Federal University|UrFU
bmstu|Bauman Moscow State Technical University|BMSTU;Bauman University
msu-baku|Baku Branch of Lomonosov Moscow State University|MSU Baku;MSU branch in Baku|the Baku Branch of Lomonosov Moscow State University
sechenov-baku|Baku Branch of Sechenov University|Sechenov University Baku|the Baku Branch of Sechenov University
bsu-slavic|Baku Slavic University|Slavic University
bsu|Baku State University|BSU
adnsu|Azerbaijan State Oil and Industry University|ASOIU
azul|Azerbaijan University of Languages|AUL
unec|Azerbaijan State University of Economics|UNEC
cis-summit|CIS summit|CIS;Commonwealth of Independent States summit|the CIS summit
sco-summit|SCO summit|SCO;Shanghai Cooperation Organisation summit|the SCO summit
caspian-summit|Caspian Summit|Caspian Five;summit of the Caspian states|the Caspian Summit
cica-summit|CICA summit|CICA|the CICA summit
eaeu-council|Supreme Eurasian Economic Council|SEEC;Supreme Council of the EAEU|the Supreme Eurasian Economic Council
cis-heads-of-government|CIS Council of Heads of Government|CIS heads of government|the CIS Council of Heads of Government
spief|St. Petersburg International Economic Forum|SPIEF|the St. Petersburg International Economic Forum
baku-energy-forum|Baku Energy Forum|Baku Energy Week|the Baku Energy Forum
caspian-fm-council|Council of Foreign Ministers of the Caspian States|Caspian foreign ministers|the Council of Foreign Ministers of the Caspian States
antalya-forum|Antalya Diplomacy Forum|ADF;Antalya forum|the Antalya Diplomacy Forum
interregional-forum|Russian-Azerbaijani Interregional Forum|interregional forum|the Russian-Azerbaijani Interregional Forum
igc-economy|Intergovernmental Commission on Economic Cooperation|intergovernmental commission;IGC|the Intergovernmental Commission on Economic Cooperation
igc-mtc|Intergovernmental Commission on Military-Technical Cooperation|military-technical commission|the Intergovernmental Commission on Military-Technical Cooperation
rosstat|Rosstat|Federal State Statistics Service
rostourism|Rostourism|Federal Agency for Tourism
az-tourism-agency|State Tourism Agency of Azerbaijan|State Tourism Agency|the State Tourism Agency of Azerbaijan
fsb-border-service|Border Service of the FSB of Russia|FSB Border Service|the Border Service of the FSB of Russia
mod-russia|Ministry of Defence of Russia|Russian Ministry of Defence;Russian Defence Ministry|the Ministry of Defence of Russia
peacekeepers|Russian peacekeeping contingent|Russian peacekeepers;peacekeepers|the Russian peacekeeping contingent
azerbaijan-railways|Azerbaijan Railways|ADY;Azerbaijani Railways
baku-metro|Baku Metro|Baku Metropolitan|the Baku Metro
north-south|International North–South Transport Corridor|North-South corridor;North–South corridor;INSTC|the International North–South Transport Corridor
"""

FIRST_NAMES_EN = dict(zip(
    MALE_RU + FEMALE_RU + MALE_AZ + FEMALE_AZ,
    ("Ivan", "Sergey", "Alexey", "Andrey", "Dmitry", "Mikhail", "Nikolay", "Pavel", "Alexander", "Maxim",
     "Oleg", "Igor", "Viktor", "Yury", "Evgeny", "Vladimir", "Konstantin", "Roman", "Anton", "Denis",
     "Artem", "Kirill", "Georgy", "Vadim", "Boris", "Pyotr", "Grigory", "Stanislav", "Ilya", "Lev",
     "Anna", "Maria", "Elena", "Olga", "Natalya", "Tatyana", "Irina", "Svetlana", "Ekaterina", "Yulia",
     "Valentina", "Marina", "Darya", "Ksenia", "Veronika", "Lyudmila",
     "Elchin", "Rashad", "Fuad", "Anar", "Eldar", "Samir", "Tofig", "Vugar", "Kamran", "Ramiz", "Ilgar",
     "Azer", "Murad", "Orkhan", "Teymur", "Shahin", "Rauf", "Javid", "Ziyad", "Farid", "Akif", "Natig",
     "Rustam", "Emin", "Nijat", "Ilham", "Mubariz", "Sahib", "Huseyn", "Tariel",
     "Leyla", "Elmira", "Samira", "Farida", "Zarina", "Sevda", "Elnara", "Gulnara", "Narmina",
     "Ulviyya", "Kamala", "Aynura"), strict=True))
# Azerbaijani surnames as Azerbaijan spells them in Latin; the transliteration of the Russian form is an alias
SURNAMES_AZ_EN = dict(zip(STEMS_AZ, (
    "Guliyev", "Mammadov", "Hasanov", "Huseynov", "Ismayilov", "Karimov", "Rzayev", "Jafarov", "Abbasov",
    "Babayev", "Valiyev", "Sadigov", "Ahmadov", "Najafov", "Musayev", "Sultanov", "Agayev", "Nagiyev",
    "Hajiyev", "Rasulov", "Safarov", "Khalilov", "Yusifov", "Mehdiyev", "Pashayev", "Zeynalov", "Alasgarov",
    "Namazov", "Garibov", "Shahbazov", "Mirzoyev", "Efendiyev", "Garayev", "Ibrahimov",
    "Abdullayev", "Azizov", "Rahimov", "Tairov", "Hamidov", "Usubov"), strict=True))

# the same order as DOCS; "kind" names the document in questions
DOCS_EN = (("an agreement on cooperation in {f}", "agreement"),
           ("a memorandum of understanding on {f}", "memorandum"),
           ("a programme of cooperation in {f} for {y1}–{y2}", "programme"),
           ("a protocol of intent on {f}", "protocol"),
           ("a joint action plan in {f} for {y1}–{y2}", "action plan"))
DOC_FIELDS_EN = {
    "сельского хозяйства": "agriculture", "таможенного администрирования": "customs administration",
    "взаимных инвестиций": "mutual investment", "промышленной кооперации": "industrial cooperation",
    "цифровой экономики": "the digital economy", "фитосанитарного контроля": "phytosanitary control",
    "статистики": "statistics", "консульских вопросов": "consular matters", "архивного дела": "archives",
    "межмидовских консультаций": "consultations between the foreign ministries", "культуры": "culture",
    "гуманитарных связей": "humanitarian ties", "возобновляемой энергетики": "renewable energy",
    "энергоэффективности": "energy efficiency", "поставок электроэнергии": "electricity supplies",
    "нефтепереработки": "oil refining", "железнодорожных перевозок": "rail transport",
    "морского транспорта": "maritime transport", "автомобильных перевозок": "road transport",
    "развития коридора «Север–Юг»": "the development of the North–South corridor",
    "высшего образования": "higher education", "подготовки кадров": "personnel training",
    "изучения русского языка": "the study of the Russian language", "научных исследований": "scientific research",
    "военного образования": "military education", "военно-технического сотрудничества": "military-technical cooperation",
    "межрегионального сотрудничества": "interregional cooperation",
    "торгово-экономических связей": "trade and economic ties", "туризма": "tourism",
    "продвижения туристических маршрутов": "the promotion of tourist routes",
    "поставок оборудования": "equipment supplies", "локализации производства": "localisation of production",
}
PRODUCTS_EN = {  # product -> (English, unit_en); the unit's first word is said in text_en
    "сельскохозяйственной техники": ("agricultural machinery", "units of machinery"),
    "грузовых автомобилей": ("trucks", "trucks"), "автобусов": ("buses", "buses"), "лифтов": ("lifts", "lifts"),
    "кабельной продукции": ("cable products", "thousand km"),
    "строительных материалов": ("building materials", "thousand tonnes"),
    "стальных труб": ("steel pipes", "thousand tonnes"), "полимерной упаковки": ("polymer packaging", "thousand tonnes"),
    "лекарственных препаратов": ("medicines", "million packs"),
    "минеральных удобрений": ("mineral fertilisers", "thousand tonnes"),
    "бытовой техники": ("household appliances", "thousand units"),
    "железнодорожных вагонов": ("railway wagons", "wagons"), "трансформаторов": ("transformers", "units"),
    "алюминиевых профилей": ("aluminium profiles", "thousand tonnes"),
    "плодоовощных консервов": ("canned fruit and vegetables", "million cans"),
    "фанеры": ("plywood", "thousand cubic metres"), "шин": ("tyres", "thousand units"),
    "тракторов": ("tractors", "tractors"), "медицинских изделий": ("medical devices", "million units"),
    "лакокрасочных материалов": ("paints and varnishes", "thousand tonnes"),
}
GOODS_EN = {
    "пшеницы": "wheat", "подсолнечного масла": "sunflower oil", "пиломатериалов": "sawn timber", "сахара": "sugar",
    "металлопроката": "rolled metal", "мяса птицы": "poultry meat", "кондитерских изделий": "confectionery",
    "минеральных удобрений": "mineral fertilisers", "ячменя": "barley", "бумаги и картона": "paper and cardboard",
    "томатов": "tomatoes", "хурмы": "persimmons", "фундука": "hazelnuts", "гранатов": "pomegranates",
    "картофеля": "potatoes", "яблок": "apples", "винограда": "grapes", "огурцов": "cucumbers",
    "цитрусовых": "citrus fruit", "черешни": "sweet cherries",
}
OBJECTS_EN = {
    "логистического центра": "a logistics centre", "тепличного комплекса": "a greenhouse complex",
    "гостиничного комплекса": "a hotel complex", "торгового центра": "a shopping centre",
    "складского комплекса": "a warehouse complex", "завода по переработке фруктов": "a fruit processing plant",
    "агропарка": "an agropark", "бизнес-центра": "a business centre", "солнечной электростанции": "a solar power plant",
    "хлебозавода": "a bakery", "распределительного центра": "a distribution centre",
    "жилого комплекса": "a residential complex",
}
RAIL_ITEMS_EN = {"пассажирских вагонов": "passenger cars", "локомотивов": "locomotives",
                 "вагонов метро": "metro cars", "грузовых вагонов": "freight wagons"}
VISIT_EVENTS_EN = {"": "", " с рабочим визитом": " on a working visit", " с официальным визитом": " on an official visit",
                   " для участия в заседании межправкомиссии": " to attend a meeting of the intergovernmental commission",
                   " во главе правительственной делегации": " at the head of a government delegation"}


# ---------------------------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Place:
    id: str
    country: str
    forms: Forms  # N G D A P I (regions: only N G P are real)
    aliases: tuple[str, ...]
    kind: str = "place"
    en: str = ""  # English name (--english), from NAMES_EN
    en_in: str = ""  # the English name inside a sentence: "the Republic of Dagestan"
    aliases_en: tuple[str, ...] = ()


@dataclass
class Org:
    id: str
    forms: tuple[str, str, str]  # N G P
    aliases: tuple[str, ...]
    country: str = ""
    domain: str = ""
    en: str = ""
    en_in: str = ""
    aliases_en: tuple[str, ...] = ()


@dataclass
class Person:
    id: str
    first: Forms
    last: Forms
    female: bool
    country: str
    category: str
    head: Forms
    tail: str
    org: str = ""  # company / university / region id the role is tied to
    first_en: str = ""
    last_en: str = ""
    last_alt: str = ""  # another Latin spelling of the surname people type (Mamedov for Mammadov), or ""
    role_en: str = ""

    def name(self, c: int = N) -> str:
        return f"{self.first[c]} {self.last[c]}"

    def name_en(self) -> str:
        return f"{self.first_en} {self.last_en}"

    def full_en(self) -> str:
        """"Minister of Energy of Russia Ivan Petrov": the role, then the name, as `full` does."""
        return f"{self.role_en} {self.name_en()}"

    def role(self, c: int = N) -> str:
        return f"{self.head[c]} {self.tail}"

    def full(self, c: int = N) -> str:
        return f"{self.role(c)} {self.name(c)}"

    def v(self, masc: str) -> str:
        """Past-tense verb agreeing with the person's gender: посетил / посетила."""
        if not self.female:
            return masc
        if masc.endswith("ся"):
            return masc[:-2] + "ась"
        if masc.endswith("ен"):  # назначен -> назначена
            return masc + "а"
        return masc + "а"


@dataclass
class World:
    countries: dict[str, Place]
    cities: dict[str, Place]
    regions: dict[str, Place]
    unis: dict[str, Org]
    orgs: dict[str, Org]
    companies: list[Org]
    persons: list[Person]
    by_cat: dict[tuple[str, str], list[Person]] = field(default_factory=dict)
    ru_cities: list[Place] = field(default_factory=list)
    az_cities: list[Place] = field(default_factory=list)
    foreign_cities: list[Place] = field(default_factory=list)


def _rows(table: str) -> list[list[str]]:
    return [line.split("|") for line in table.strip().splitlines()]


def _place_forms(cols: list[str]) -> Forms:
    """Tables list N|G|A|P|I; the dative is never written for places, so its slot repeats the prepositional."""
    nom, gen, acc, prep, ins = cols
    return nom, gen, prep, acc, prep, ins


def _alias_list(text: str) -> tuple[str, ...]:
    return tuple(a for a in text.split(";") if a)


def _name_in_english(*tables: dict[str, Place] | dict[str, Org] | list[Org]) -> None:
    """Fill `en`, `en_in` and `aliases_en` of every place and organisation (draws no random numbers)."""
    names = {r[0]: r[1:] for r in _rows(NAMES_EN)}
    for table in tables:
        for item in table.values() if isinstance(table, dict) else table:
            if isinstance(item, Org) and item.id.startswith("co-"):  # «Каспийнефтесервис» -> Kaspiynefteservis
                item.en = item.en_in = latin(item.aliases[0])
                item.aliases_en = (f"JSC {item.en}", f"{item.en} company")
                continue
            en, aliases, *text_form = names[item.id]
            item.en, item.en_in, item.aliases_en = en, (text_form or [en])[0], _alias_list(aliases)


def build_world(rng: random.Random, n_persons: int) -> World:
    countries = {r[0]: Place(r[0], "", _place_forms(r[1:6]), _alias_list(r[6]), "country") for r in _rows(COUNTRIES)}
    cities = {r[0]: Place(r[0], r[1], _place_forms(r[2:7]), _alias_list(r[7])) for r in _rows(CITIES)}
    regions = {r[0]: Place(r[0], r[1], (r[2], r[3], r[3], r[2], r[4], r[2]), (r[5],)) for r in _rows(REGIONS)}
    unis = {r[0]: Org(r[0], (r[2], r[3], r[4]), (r[5],), r[1]) for r in _rows(UNIVERSITIES)}
    orgs = {r[0]: Org(r[0], (r[1], r[2], r[3]), (r[4],)) for r in _rows(ORGANISATIONS)}

    companies: list[Org] = []
    names = [(p, s) for p in COMPANY_PREFIXES for s in COMPANY_KINDS]
    rng.shuffle(names)
    for prefix, suffix in names[:160]:
        base = prefix + suffix
        country = "azerbaijan" if prefix in ("Абшерон", "Ширван", "Кура", "Гилан") or rng.random() < 0.3 else "russia"
        companies.append(Org("co-" + slug(base), (f"«{base}»", f"«{base}»", f"«{base}»"),
                             (base, f"АО «{base}»", f"компания {base}"), country, COMPANY_KINDS[suffix]))
    _name_in_english(countries, cities, regions, unis, orgs, companies)

    world = World(countries, cities, regions, unis, orgs, companies, [])
    world.ru_cities = [c for c in cities.values() if c.country == "russia"]
    world.az_cities = [c for c in cities.values() if c.country == "azerbaijan"]
    world.foreign_cities = [c for c in cities.values() if c.country not in ("russia", "azerbaijan")]

    roles = _rows(ROLES)
    seen_names: set[tuple[str, str]] = set()
    used_ids: set[str] = set()
    for k in range(n_persons):
        category, country, head, tail, role_en = roles[k % len(roles)] if k < len(roles) else rng.choice(roles)
        az = country == "azerbaijan"
        female = rng.random() < 0.18
        for _ in range(1000):
            first_nom = rng.choice((FEMALE_AZ if az else FEMALE_RU) if female else (MALE_AZ if az else MALE_RU))
            stem = rng.choice(STEMS_AZ if az else STEMS_RU)
            if (first_nom, stem) not in seen_names:
                break
        seen_names.add((first_nom, stem))
        first = female_first(first_nom) if female else male_first(first_nom)
        last = surname(stem, female)
        org = ""
        if "{uni}" in tail:
            uni = rng.choice([u for u in unis.values() if u.country == country])
            tail, org, role_en = tail.format(uni=uni.forms[1]), uni.id, role_en.format(uni=uni.en_in)
        elif "{region}" in tail:
            reg = rng.choice([r for r in regions.values() if r.country == country])
            tail, org, role_en = tail.format(region=reg.forms[1]), reg.id, role_en.format(region=reg.en_in)
        elif "{city}" in tail:
            city = rng.choice(world.az_cities)
            tail, org, role_en = tail.format(city=city.forms[G]), city.id, role_en.format(city=city.en_in)
        elif "{company}" in tail:
            co = rng.choice([c for c in companies if c.country == country])
            tail, org, role_en = tail.format(company=co.forms[0]), co.id, role_en.format(company=co.en_in)
        pid = slug(f"{last[0]} {first_nom}")
        while pid in used_ids:
            pid = f"{slug(f'{last[0]} {first_nom}')}-{rng.randrange(2, 100)}"
        used_ids.add(pid)
        if az:  # Azerbaijani spelling first, the transliteration of the Russian form as an alias
            last_en = SURNAMES_AZ_EN[stem] + ("a" if female else "")
            last_alt = latin(last[N]) if latin(last[N]) != last_en else ""
        else:
            last_en, last_alt = latin(last[N]), ""
        person = Person(pid, first, last, female, country, category, ROLE_HEADS[head], tail, org,
                        FIRST_NAMES_EN[first_nom], last_en, last_alt, role_en)
        world.persons.append(person)
        world.by_cat.setdefault((category, country), []).append(person)
    return world


def entity_records(world: World) -> list[dict[str, object]]:
    """Entity records; the English keys (name_en, aliases_en, role_en) are written only with --english."""
    out: list[dict[str, object]] = []
    for c in world.countries.values():
        out.append({"id": c.id, "kind": "country", "name": c.forms[N], "aliases": list(c.aliases),
                    "name_en": c.en, "aliases_en": list(c.aliases_en)})
    for c in list(world.cities.values()) + list(world.regions.values()):
        out.append({"id": c.id, "kind": "place", "name": c.forms[N], "country": c.country, "aliases": list(c.aliases),
                    "name_en": c.en, "aliases_en": list(c.aliases_en)})
    for o in list(world.orgs.values()) + list(world.unis.values()):
        rec: dict[str, object] = {"id": o.id, "kind": "organisation", "name": o.forms[0], "aliases": list(o.aliases),
                                  "name_en": o.en, "aliases_en": list(o.aliases_en)}
        out.append(rec)
    for o in world.companies:
        out.append({"id": o.id, "kind": "organisation", "name": f"компания {o.forms[0]}", "aliases": list(o.aliases),
                    "name_en": o.en, "aliases_en": list(o.aliases_en)})
    english = {r[0]: (r[1], _alias_list(r[2])) for r in _rows(NAMES_EN)}
    out.append({"id": "north-south", "kind": "project", "name": "международный транспортный коридор «Север–Юг»",
                "aliases": ["Север-Юг", "МТК Север-Юг", "коридор Север-Юг"],
                "name_en": english["north-south"][0], "aliases_en": list(english["north-south"][1])})
    out.append({"id": "karabakh", "kind": "place", "name": "Карабах", "country": "azerbaijan",
                "aliases": ["Нагорный Карабах", "карабахский"],
                "name_en": english["karabakh"][0], "aliases_en": list(english["karabakh"][1])})
    for p in world.persons:
        out.append({"id": p.id, "kind": "person", "name": p.name(), "role": p.role(), "country": p.country,
                    "aliases": [p.last[N], f"{p.first[N][0]}. {p.last[N]}"],
                    "name_en": p.name_en(), "role_en": p.role_en,
                    "aliases_en": [p.last_en, f"{p.first_en[0]}. {p.last_en}"] + (
                        [p.last_alt, f"{p.first_en} {p.last_alt}"] if p.last_alt else [])})
    return out


# ---------------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class When:
    iso: str
    phrase: str  # "12 мая 2005 года" | "в мае 2005 года" | "в 2005 году" | "5–6 марта 2024 года"
    year: int
    day_month: str = ""  # "12 мая" (no year), for sentences that state the year once
    en: str = ""  # "on 12 May 2005" | "in May 2005" | "in 2005" | "on 5–6 March 2024"


def rand_when(rng: random.Random, lo: int = 1992, hi: tuple[int, int, int] = LAST_DONE,
              precision: tuple[float, float, float] = (0.65, 0.25, 0.10), allow_range: bool = False) -> When:
    year = rng.randint(lo, hi[0])
    month = rng.randint(1, 12 if year < hi[0] else hi[1])
    last_day = calendar.monthrange(year, month)[1]
    if (year, month) == hi[:2]:
        last_day = min(last_day, hi[2])
    r = rng.random()
    if r < precision[0]:
        day = rng.randint(1, last_day)
        if allow_range and day < last_day and rng.random() < 0.2:
            return When(f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{day + 1:02d}",
                        f"{day}–{day + 1} {MONTHS_G[month - 1]} {year} года", year,
                        f"{day}–{day + 1} {MONTHS_G[month - 1]}", f"on {day}–{day + 1} {MONTHS_EN[month - 1]} {year}")
        return When(f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS_G[month - 1]} {year} года", year,
                    f"{day} {MONTHS_G[month - 1]}", f"on {day} {MONTHS_EN[month - 1]} {year}")
    if r < precision[0] + precision[1]:
        return When(f"{year}-{month:02d}", f"в {MONTHS_P[month - 1]} {year} года", year, f"в {MONTHS_P[month - 1]}",
                    f"in {MONTHS_EN[month - 1]} {year}")
    return year_when(year)


def year_when(year: int) -> When:
    return When(str(year), f"в {year} году", year, en=f"in {year}")


# ---------------------------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Draft:
    kind: str
    topic: str
    when: When
    text: str
    quote: str
    questions: list[str]
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    figures: list[dict[str, object]] = field(default_factory=list)
    status: str = "done"
    text_en: str = ""  # --english: `text` in English (same names, dates, figures and hedges)
    questions_en: list[str] = field(default_factory=list)


def q(rng: random.Random, candidates: list[str]) -> list[str]:
    """2–5 distinct lowercase questions picked from the candidates, in a stable random order."""
    uniq = list(dict.fromkeys(c.lower() for c in candidates))
    k = rng.randint(2, min(5, len(uniq)))
    return rng.sample(uniq, k)


def hedge(rng: random.Random) -> str:
    return rng.choice(("", "", "", "почти", "около", "более", "свыше"))


def money(rng: random.Random, lo: float, hi: float) -> float:
    v = rng.uniform(lo, hi)
    return round(v, 1) if rng.random() < 0.6 else float(int(v))


def figure(value: float, unit: str, what: str, period: str = "", qualifier: str = "", *, unit_en: str = "",
           what_en: str = "") -> dict[str, object]:
    out: dict[str, object] = {"value": int(value) if value == int(value) else value, "unit": unit, "what": what}
    if period:
        out["period"] = period
    if qualifier:
        out["qualifier"] = qualifier
    out["unit_en"], out["what_en"] = unit_en, what_en
    return out


def hedged_en(h: str, v: float) -> str:
    """The English of `f"{h} {num(v)}".strip()`: "almost 4.4"."""
    return f"{HEDGES_EN[h]} {num_en(v)}".strip()


class Generator:
    def __init__(self, rng: random.Random, world: World, en_rng: random.Random | None = None) -> None:
        self.rng = rng
        self.en_rng = en_rng  # picks the English questions (None: no --english); never touches `rng`
        self.w = world
        self.keys: set[tuple[object, ...]] = set()
        self.templates = [
            (self.meeting, 18), (self.visit, 12), (self.summit, 6), (self.agreement, 10),
            (self.trade_region, 6), (self.commodity, 6), (self.investment, 7), (self.plant, 6),
            (self.students, 5), (self.scholarships, 1), (self.school, 2), (self.tourism, 6), (self.flight, 3),
            (self.cargo, 1), (self.rolling_stock, 2), (self.energy_supply, 4), (self.military, 3),
            (self.karabakh, 1), (self.forum, 2), (self.companies_count, 1), (self.appointment, 2),
            (self.consulate, 1), (self.commission, 1),
        ]
        self.funcs = [t for t, _ in self.templates]
        self.weights = [w for _, w in self.templates]

    def claim(self, *key: object) -> bool:
        """One fact per (template, subject): a base never states two values for the same thing."""
        if key in self.keys:
            return False
        self.keys.add(key)
        return True

    def next(self) -> list[Draft]:
        for _ in range(50):
            func = self.rng.choices(self.funcs, self.weights)[0]
            drafts = func()
            if drafts and self.claim("quote", drafts[0].quote):  # no two unrelated facts share a sentence
                return drafts
        raise RuntimeError("the templates are exhausted")  # never: meetings have millions of combinations

    # -- helpers -------------------------------------------------------------------------------------------------
    def qe(self, candidates: list[str]) -> list[str]:
        """2–3 distinct English questions from the candidates, picked with the English RNG."""
        if self.en_rng is None:
            return []
        seen: dict[str, str] = {}
        for c in candidates:
            seen.setdefault(c.lower(), c)
        uniq = list(seen.values())
        return self.en_rng.sample(uniq, self.en_rng.randint(2, min(3, len(uniq))))

    def pair(self, categories: tuple[str, ...]) -> tuple[Person, Person, str]:
        cat = self.rng.choice(categories)
        ru = self.rng.choice(self.w.by_cat[(cat, "russia")])
        az = self.rng.choice(self.w.by_cat[(cat, "azerbaijan")])
        return (ru, az, cat) if self.rng.random() < 0.5 else (az, ru, cat)

    def host_city(self, a: Person, b: Person) -> Place:
        return self.rng.choice(self.w.ru_cities[:12] if self.rng.random() < 0.5 else self.w.az_cities[:8])

    def company(self, country: str | None = None, domain: str | None = None) -> Org:
        pool = [c for c in self.w.companies
                if (country is None or c.country == country) and (domain is None or c.domain == domain)]
        return self.rng.choice(pool or self.w.companies)

    # -- templates -----------------------------------------------------------------------------------------------
    def meeting(self) -> list[Draft]:
        rng = self.rng
        a, b, cat = self.pair(("gov", "mfa", "energy", "transport", "edu", "region", "defence", "tourism", "company"))
        topic = CATEGORY_TOPIC[cat]
        if rng.random() < 0.08:  # one source sentence listing two meetings -> two facts, one quote
            w1 = rand_when(rng, precision=(1, 0, 0))
            w2 = rand_when(rng, lo=w1.year, hi=(w1.year, 12, 31) if w1.year < LAST_DONE[0] else LAST_DONE,
                           precision=(1, 0, 0))
            if w2.iso <= w1.iso:
                return []
            c1, c2 = self.host_city(a, b), self.host_city(a, b)
            quote = (f"{cap(a.role())} {a.name()} и {b.role()} {b.name()} встречались {w1.day_month} в "
                     f"{c1.forms[P]} и {w2.day_month} {w2.year} года в {c2.forms[P]}.")
            out = []
            for when, city in ((w1, c1), (w2, c2)):
                text = (f"{cap(when.phrase)} в {city.forms[P]} {a.full()} {a.v('встретился')} с "
                        f"{b.role(I)} {b.name(I)}.")
                out.append(Draft("meeting", topic, when, text, quote, q(rng, [
                    f"когда встречались {a.last[N]} и {b.last[N]}",
                    f"встреча {a.last[G]} и {b.last[G]} в {city.forms[P]}",
                    f"{a.last[N]} {b.last[N]} {when.year}",
                    f"с кем {a.v('встречался')} {a.last[N]} в {when.year} году",
                    f"где {a.v('встречался')} {a.last[N]} с {b.last[I]}",
                ]), [a.id, b.id], [city.id],
                    text_en=f"{cap(when.en)}, {a.full_en()} met {b.full_en()} in {city.en_in}.",
                    questions_en=self.qe([
                        f"When did {a.last_en} and {b.last_en} meet?",
                        f"Meeting of {a.last_en} and {b.last_en} in {city.en_in}",
                        f"{a.last_en} {b.last_en} {when.year}",
                        f"Who did {a.last_en} meet in {when.year}?",
                        f"Where did {a.last_en} meet {b.last_en}?",
                    ])))
            return out
        when = rand_when(rng)
        city = self.host_city(a, b)
        quote = rng.choice((
            f"{cap(when.phrase)} в {city.forms[P]} состоялась встреча {a.role(G)} {a.name(G)} и {b.role(G)} "
            f"{b.name(G)}.",
            f"{cap(when.phrase)} {a.last[N]} и {b.last[N]} провели переговоры в {city.forms[P]}.",
            f"{cap(when.phrase)} {a.full()} {a.v('провел')} в {city.forms[P]} переговоры с {b.role(I)} "
            f"{b.name(I)}.",
            f"{cap(when.phrase)} в {city.forms[P]} прошли переговоры {a.last[G]} и {b.last[G]}, стороны обсудили "
            f"{rng.choice(AGENDA)}.",
        ))
        verb = rng.choice(("встретились", "провели переговоры"))
        text = f"{cap(when.phrase)} {a.full()} и {b.full()} {verb} в {city.forms[P]}."
        verb_en = "met" if verb == "встретились" else "held talks"
        return [Draft("meeting", topic, when, text, quote, q(rng, [
            f"когда встречались {a.last[N]} и {b.last[N]}",
            f"где прошла встреча {a.last[G]} и {b.last[G]}",
            f"переговоры {a.last[G]} и {b.last[G]} {when.year}",
            f"с кем {a.v('встречался')} {a.last[N]} в {city.forms[P]}",
            f"{a.role()} встреча с {b.role(I)}",
            f"{a.last[N]} {b.last[N]} {city.forms[N]}",
        ]), [a.id, b.id], [city.id],
            text_en=f"{cap(when.en)}, {a.full_en()} and {b.full_en()} {verb_en} in {city.en_in}.",
            questions_en=self.qe([
                f"When did {a.last_en} and {b.last_en} meet?",
                f"Where did {a.last_en} and {b.last_en} meet?",
                f"Talks between {a.last_en} and {b.last_en} in {when.year}",
                f"Who did {a.last_en} meet in {city.en_in}?",
                f"{a.role_en} meeting with the {b.role_en}",
                f"{a.last_en} {b.last_en} {city.en_in}",
            ]))]

    def visit(self) -> list[Draft]:
        rng = self.rng
        cat = rng.choice(("gov", "mfa", "energy", "transport", "edu", "region", "defence", "tourism", "ambassador"))
        country = rng.choice(("russia", "azerbaijan"))
        a = rng.choice(self.w.by_cat[(cat, country)])
        city = rng.choice(self.w.az_cities if country == "russia" else self.w.ru_cities)
        host = "azerbaijan" if country == "russia" else "russia"
        event = rng.choice(("", "", " с рабочим визитом", " с официальным визитом",
                            " для участия в заседании межправкомиссии", " во главе правительственной делегации"))
        if rng.random() < 0.04:  # announced, not yet happened
            when = rand_when(rng, lo=2024, hi=(2024, 12, 31), precision=(0.6, 0.4, 0))
            if when.iso[:7] <= "2024-05":
                return []
            quote = f"{cap(a.full())} {rng.choice(('планирует посетить', 'посетит'))} {city.forms[A]} {when.phrase}."
            text = f"{cap(a.full())} планирует посетить {city.forms[A]}{event} {when.phrase}."
            return [Draft("visit", CATEGORY_TOPIC[cat], when, text, quote, q(rng, [
                f"когда {a.last[N]} поедет в {city.forms[A]}",
                f"визит {a.last[G]} в {city.forms[A]}",
                f"планируется ли визит {a.last[G]} в {city.forms[A]}",
                f"{a.last[N]} {city.forms[N]} визит",
            ]), [a.id], [city.id, host], status="planned",
                text_en=f"{a.full_en()} is to visit {city.en_in}{VISIT_EVENTS_EN[event]} {when.en}.",
                questions_en=self.qe([
                    f"When will {a.last_en} go to {city.en_in}?",
                    f"Visit of {a.last_en} to {city.en_in}",
                    f"Is {a.last_en} planning to visit {city.en_in}?",
                    f"{a.last_en} {city.en_in} visit",
                ]))]
        when = rand_when(rng, allow_range=True)
        quote = rng.choice((
            f"{cap(when.phrase)} {a.last[N]} {a.v('посетил')} {city.forms[A]}{event}.",
            f"{cap(when.phrase)}{event} {city.forms[A]} {a.v('посетил')} {a.role()} {a.name()}.",
            f"{cap(when.phrase)} {a.full()} {a.v('находился')} в {city.forms[P]}{event}.",
        ))
        text = f"{cap(when.phrase)} {a.full()} {a.v('посетил')} {city.forms[A]}{event}."
        return [Draft("visit", CATEGORY_TOPIC[cat], when, text, quote, q(rng, [
            f"когда {a.last[N]} {a.v('приезжал')} в {city.forms[A]}",
            f"визит {a.last[G]} в {city.forms[A]}",
            f"{a.v('был')} ли {a.last[N]} в {city.forms[P]}",
            f"{a.last[N]} {city.forms[N]} {when.year}",
            f"куда {a.v('ездил')} {a.role()} в {when.year} году",
        ]), [a.id], [city.id, host],
            text_en=f"{cap(when.en)}, {a.full_en()} visited {city.en_in}{VISIT_EVENTS_EN[event]}.",
            questions_en=self.qe([
                f"When did {a.last_en} visit {city.en_in}?",
                f"Visit of {a.last_en} to {city.en_in}",
                f"Has {a.last_en} been to {city.en_in}?",
                f"{a.last_en} {city.en_in} {when.year}",
                f"Where did the {a.role_en} travel in {when.year}?",
            ]))]

    def summit(self) -> list[Draft]:
        rng = self.rng
        a, b, _ = self.pair(("gov", "mfa"))
        org_id = rng.choice(list(SUMMITS))
        first_year, hosts = SUMMITS[org_id]
        org = self.w.orgs[org_id]
        city = self.w.cities[rng.choice(hosts)]
        when = rand_when(rng, lo=first_year, precision=(0.8, 0.2, 0))
        quote = rng.choice((
            f"{cap(when.phrase)} на полях {org.forms[1]} в {city.forms[P]} состоялась встреча {a.last[G]} и "
            f"{b.last[G]}.",
            f"{cap(when.phrase)} {a.last[N]} и {b.last[N]} провели переговоры на полях {org.forms[1]} в "
            f"{city.forms[P]}.",
        ))
        country = self.w.countries[city.country].forms[N]
        text = (f"{cap(when.phrase)} на полях {org.forms[1]} в {city.forms[P]} ({country}) "
                f"{a.full()} {a.v('встретился')} с {b.role(I)} {b.name(I)}.")
        country_en = self.w.countries[city.country].en
        return [Draft("summit", "summits", when, text, quote, q(rng, [
            f"встреча {a.last[G]} и {b.last[G]} на {org.aliases[0].lower()}",
            f"когда {a.last[N]} и {b.last[N]} встречались в {city.forms[P]}",
            f"{org.aliases[0]} {city.forms[N]} {when.year} встреча",
            f"что было на полях {org.forms[1]} в {when.year} году",
        ]), [a.id, b.id], [city.id, city.country], [org.id],
            text_en=(f"{cap(when.en)}, on the sidelines of {org.en_in} in {city.en_in} ({country_en}), "
                     f"{a.full_en()} met {b.full_en()}."),
            questions_en=self.qe([
                f"Meeting of {a.last_en} and {b.last_en} at {org.en_in}",
                f"When did {a.last_en} and {b.last_en} meet in {city.en_in}?",
                f"{org.aliases_en[0]} {city.en_in} {when.year} meeting",
                f"What happened on the sidelines of {org.en_in} in {when.year}?",
            ]))]

    def agreement(self) -> list[Draft]:
        rng = self.rng
        a, b, cat = self.pair(("gov", "energy", "transport", "edu", "region", "tourism", "defence", "mfa"))
        when = rand_when(rng)
        city = self.host_city(a, b)
        f = rng.choice(DOC_FIELDS[cat])
        doc, passive = rng.choice(DOCS)
        doc_en, doc_kind = DOCS_EN[DOCS.index((doc, passive))]
        f_en = DOC_FIELDS_EN[f]
        doc_en = doc_en.format(f=f_en, y1=when.year + 1, y2=when.year + 3)
        doc = doc.format(f=f, y1=when.year + 1, y2=when.year + 3)
        doc_nom = doc.replace("программу", "программа")
        topic = {"gov": "economy", "region": "business"}.get(cat, CATEGORY_TOPIC[cat])
        quote = rng.choice((
            f"{cap(when.phrase)} в {city.forms[P]} {passive} {doc_nom}.",
            f"{cap(when.phrase)} {a.last[N]} и {b.last[N]} подписали {doc}.",
            f"По итогам переговоров {a.last[G]} и {b.last[G]} {when.phrase} {passive} {doc_nom}.",
        ))
        text = f"{cap(when.phrase)} в {city.forms[P]} {a.full()} и {b.full()} подписали {doc}."
        return [Draft("agreement", topic, when, text, quote, q(rng, [
            f"какие документы подписали {a.last[N]} и {b.last[N]}",
            f"{doc_nom.split(' ')[0]} в области {f} когда подписали",
            f"сотрудничество в сфере {f} соглашение",
            f"что подписали в {city.forms[P]} в {when.year} году",
            f"{a.last[N]} {b.last[N]} подписание {when.year}",
        ]), [a.id, b.id], [city.id],
            text_en=f"{cap(when.en)}, in {city.en_in}, {a.full_en()} and {b.full_en()} signed {doc_en}.",
            questions_en=self.qe([
                f"What documents did {a.last_en} and {b.last_en} sign?",
                f"When was the {doc_kind} on {f_en} signed?",
                f"Agreement on cooperation in {f_en}",
                f"What was signed in {city.en_in} in {when.year}?",
                f"{a.last_en} {b.last_en} signing {when.year}",
            ]))]

    def trade_region(self) -> list[Draft]:
        rng = self.rng
        reg = rng.choice([r for r in self.w.regions.values() if r.country == "russia"])
        year = rng.randint(1995, 2023)
        if not self.claim("trade", reg.id, year):
            return []
        v, h = money(rng, 5, 900), hedge(rng)
        hv = f"{h} {num(v)}".strip()
        when = year_when(year)
        growth = round(rng.uniform(-30, 60), 1)
        between = f"between {reg.en_in} and Azerbaijan"
        figs = [figure(v, "млн долларов", f"товарооборот {reg.forms[G]} с Азербайджаном", str(year), h,
                       unit_en="million dollars", what_en=f"trade turnover {between}")]
        tail = tail_en = ""
        if rng.random() < 0.5 and growth:
            sign = "вырос" if growth > 0 else "снизился"
            tail = f" и {sign} на {num(abs(growth))}%"
            tail_en = f" and {'grew' if growth > 0 else 'fell'} by {num_en(abs(growth))}%"
            figs.append(figure(abs(growth), "%", f"{'рост' if growth > 0 else 'снижение'} товарооборота "
                                                  f"{reg.forms[G]} с Азербайджаном", str(year), unit_en="%",
                               what_en=f"{'growth' if growth > 0 else 'decline'} of trade turnover {between}"))
        quote = rng.choice((
            f"По итогам {year} года товарооборот {reg.forms[G]} с Азербайджаном составил {hv} "
            f"{plural(v, 'миллион', 'миллиона', 'миллионов')} долларов{tail}.",
            f"В {year} году объем торговли {reg.forms[G]} и Азербайджана {'составил' if h else 'достиг'} {hv} млн "
            f"долларов{tail}.",
        ))
        text = f"По итогам {year} года товарооборот {reg.forms[G]} с Азербайджаном составил {hv} млн долларов{tail}."
        return [Draft("trade", "trade", when, text, quote, q(rng, [
            f"товарооборот {reg.aliases[0]} с азербайджаном в {year}",
            f"сколько составил товарооборот {reg.forms[G]} и азербайджана в {year} году",
            f"торговля {reg.forms[G]} с азербайджаном {year}",
            f"объем торговли {reg.aliases[0]} азербайджан {year} год",
        ]), [], [reg.id], [], [], figs,
            text_en=(f"In {year}, trade turnover {between} amounted to {hedged_en(h, v)} million dollars"
                     f"{tail_en}."),
            questions_en=self.qe([
                f"Trade between {reg.aliases_en[0]} and Azerbaijan in {year}",
                f"What was the trade turnover {between} in {year}?",
                f"How much did {reg.en_in} trade with Azerbaijan in {year}?",
                f"{reg.aliases_en[0]} Azerbaijan trade volume {year}",
            ]))]

    def commodity(self) -> list[Draft]:
        rng = self.rng
        to_az = rng.random() < 0.5
        good = rng.choice(EXPORTS_RU if to_az else EXPORTS_AZ)
        year = rng.randint(1998, 2023)
        if not self.claim("commodity", to_az, good, year):
            return []
        v, h = money(rng, 1, 1500), hedge(rng)
        hv = f"{h} {num(v)}".strip()
        thousand = plural(v, "тысяча", "тысячи", "тысяч")
        good_en, hv_en = GOODS_EN[good], hedged_en(h, v)
        if to_az:
            text_en = f"In {year}, Russia supplied {hv_en} thousand tonnes of {good_en} to Azerbaijan."
            what_en, qs_en = f"supplies of {good_en} from Russia to Azerbaijan", [
                f"How many tonnes of {good_en} did Russia supply to Azerbaijan in {year}?",
                f"Exports of {good_en} to Azerbaijan in {year}",
                f"Russian supplies of {good_en} to Azerbaijan",
                f"{good_en} from Russia to Azerbaijan {year}"]
        else:
            text_en = f"In {year}, Azerbaijan exported {hv_en} thousand tonnes of {good_en} to Russia."
            what_en, qs_en = f"exports of {good_en} from Azerbaijan to Russia", [
                f"How many tonnes of {good_en} did Azerbaijan export to Russia in {year}?",
                f"Imports of {good_en} from Azerbaijan in {year}",
                f"Azerbaijani exports of {good_en} to Russia",
                f"{good_en} from Azerbaijan to Russia {year}"]
        if to_az:
            quote = f"В {year} году Россия поставила в Азербайджан {hv} {thousand} тонн {good}."
            text = f"В {year} году Россия поставила в Азербайджан {hv} {thousand} тонн {good}."
            what, qs = f"поставки {good} из России в Азербайджан", [
                f"сколько {good} россия поставила в азербайджан в {year}",
                f"экспорт {good} в азербайджан {year}",
                f"поставки {good} из россии {year} год",
                f"российский экспорт {good} азербайджан"]
        else:
            quote = f"Азербайджан в {year} году экспортировал в Россию {hv} {thousand} тонн {good}."
            text = f"В {year} году Азербайджан экспортировал в Россию {hv} {thousand} тонн {good}."
            what, qs = f"экспорт {good} из Азербайджана в Россию", [
                f"сколько {good} азербайджан поставил в россию в {year}",
                f"импорт {good} из азербайджана {year}",
                f"азербайджанский экспорт {good} в россию {year} год",
                f"поставки {good} в россию из азербайджана"]
        return [Draft("commodity", "trade", year_when(year), text, quote, q(rng, qs),
                      [], [], [], [], [figure(v, "тысяч тонн", what, str(year), h, unit_en="thousand tonnes",
                                              what_en=what_en)],
                      text_en=text_en, questions_en=self.qe(qs_en))]

    def investment(self) -> list[Draft]:
        rng = self.rng
        country = rng.choice(("russia", "azerbaijan"))
        co = self.company(country)
        obj = rng.choice(OBJECTS)
        city = rng.choice(self.w.az_cities if country == "russia" else self.w.ru_cities)
        if not self.claim("invest", co.id, obj, city.id):
            return []
        when = rand_when(rng, lo=2000, precision=(0.2, 0.3, 0.5))
        v, h = money(rng, 2, 600), hedge(rng)
        hv = f"{h} {num(v)}".strip()
        quote = rng.choice((
            f"{cap(when.phrase)} компания {co.forms[0]} вложила {hv} "
            f"{plural(v, 'миллион', 'миллиона', 'миллионов')} долларов в строительство {obj} в {city.forms[P]}.",
            f"Объем инвестиций компании {co.forms[0]} в строительство {obj} в {city.forms[P]} {when.phrase} "
            f"составил {hv} млн долларов.",
        ))
        text = (f"{cap(when.phrase)} компания {co.forms[0]} инвестировала {hv} млн долларов в строительство {obj} в "
                f"{city.forms[P]}.")
        obj_en = OBJECTS_EN[obj]
        bare = obj_en.split(" ", 1)[1]  # "a logistics centre" -> "logistics centre"
        return [Draft("investment", "investment", when, text, quote, q(rng, [
            f"сколько вложила {co.aliases[0]} в {city.forms[A]}",
            f"инвестиции {co.aliases[0]} {obj}",
            f"кто инвестировал в строительство {obj} в {city.forms[P]}",
            f"{co.aliases[0]} {city.forms[N]} инвестиции",
            f"объем инвестиций в строительство {obj} в {city.forms[P]}",
        ]), [co.id], [city.id], [co.id], [],
            [figure(v, "млн долларов", f"инвестиции компании {co.forms[0]} в строительство {obj} в {city.forms[P]}",
                    when.iso, h, unit_en="million dollars",
                    what_en=f"investment by {co.en} in the construction of {obj_en} in {city.en_in}")],
            text_en=(f"{cap(when.en)}, the company {co.en} invested {hedged_en(h, v)} million dollars in the "
                     f"construction of {obj_en} in {city.en_in}."),
            questions_en=self.qe([
                f"How much did {co.en} invest in {city.en_in}?",
                f"{co.en} investment in {obj_en}",
                f"Who invested in the construction of {obj_en} in {city.en_in}?",
                f"{co.en} {city.en_in} investment",
                f"How much was invested in the {bare} in {city.en_in}?",
            ]))]

    def plant(self) -> list[Draft]:
        rng = self.rng
        product, unit = rng.choice(PRODUCTS)
        city = rng.choice(self.w.az_cities + self.w.ru_cities[:15])
        if not self.claim("plant", product, city.id):
            return []
        c1 = self.company("russia")
        c2 = self.company("azerbaijan")
        when = rand_when(rng, lo=1998)
        cap_v = float(rng.choice((50, 100, 120, 200, 250, 300, 500, 1000, 1500, 2000, 3000, 5000)))
        figs = []
        tail = tail_en = ""
        product_en, unit_en = PRODUCTS_EN[product]
        if rng.random() < 0.6:
            tail = f" мощностью {num(cap_v)} {unit} в год"
            tail_en = f" with a capacity of {num_en(cap_v)} {unit_en} per year"
            figs.append(figure(cap_v, unit, f"мощность завода по производству {product} в {city.forms[P]}",
                               unit_en=unit_en, what_en=f"capacity of the {product_en} plant in {city.en_in}"))
        quote = rng.choice((
            f"{cap(when.phrase)} в {city.forms[P]} открылся совместный завод компаний {c1.forms[0]} и {c2.forms[0]} "
            f"по производству {product}{tail}.",
            f"{cap(when.phrase)} {c1.forms[0]} и {c2.forms[0]} запустили в {city.forms[P]} производство {product}"
            f"{tail}.",
        ))
        text = (f"{cap(when.phrase)} в {city.forms[P]} открылся совместный завод российской компании {c1.forms[0]} "
                f"и азербайджанской компании {c2.forms[0]} по производству {product}{tail}.")
        return [Draft("plant", "industry", when, text, quote, q(rng, [
            f"какой завод открыли в {city.forms[P]}",
            f"когда открыли завод {c1.aliases[0]} и {c2.aliases[0]}",
            f"завод по производству {product} в {city.forms[P]}",
            f"совместное производство {product} россия азербайджан",
            f"{c1.aliases[0]} {c2.aliases[0]} завод",
        ]), [c1.id, c2.id], [city.id], [c1.id, c2.id], [], figs,
            text_en=(f"{cap(when.en)}, a joint plant of the Russian company {c1.en} and the Azerbaijani company "
                     f"{c2.en} producing {product_en}{tail_en} opened in {city.en_in}."),
            questions_en=self.qe([
                f"What plant was opened in {city.en_in}?",
                f"When did {c1.en} and {c2.en} open their plant?",
                f"Plant producing {product_en} in {city.en_in}",
                f"Joint production of {product_en} by Russia and Azerbaijan",
                f"{c1.en} {c2.en} plant",
            ]))]

    def students(self) -> list[Draft]:
        rng = self.rng
        uni = rng.choice(list(self.w.unis.values()))
        year = rng.randint(1995, 2023)
        if not self.claim("students", uni.id, year):
            return []
        n = float(rng.randint(30, 3000))
        word = plural(n, "студент", "студента", "студентов")
        verb = "обучался" if word == "студент" else "обучались"
        when = When(f"{year}-09/{year + 1}-06", f"в {year}/{year + 1} учебном году", year,
                    en=f"in the {year}/{year + 1} academic year")
        short = min((uni.en, *uni.aliases_en), key=len)  # "MSU", "Gubkin University"
        if uni.country == "russia":
            text_en = f"In the {year}/{year + 1} academic year, {num_en(n)} students from Azerbaijan studied at {uni.en_in}."
            what_en = f"number of students from Azerbaijan at {uni.en_in}"
            qs_en = [f"How many Azerbaijani students study at {short}?",
                     f"Students from Azerbaijan at {short} in {year}",
                     f"How many students from Azerbaijan are there at {uni.en_in}?"]
        else:
            text_en = (f"In the {year}/{year + 1} academic year, {num_en(n)} students studied in the Russian section of "
                       f"{uni.en_in}.")
            what_en = f"number of students in the Russian section of {uni.en_in}"
            qs_en = [f"How many students study in Russian at {short}?",
                     f"Russian section of {short} in {year}",
                     f"Students of the Russian section of {uni.en_in}"]
        if uni.country == "russia":
            quote = f"В {year}/{year + 1} учебном году в {uni.forms[2]} {verb} {num(n)} {word} из Азербайджана."
            what = f"число студентов из Азербайджана в {uni.forms[2]}"
            qs = [f"сколько азербайджанских студентов учится в {uni.aliases[0]}",
                  f"студенты из азербайджана {uni.aliases[0]} {year}",
                  f"сколько студентов из азербайджана в {uni.forms[2]}",
                  f"азербайджанцы в {uni.aliases[0]} {year} учебный год"]
        else:
            quote = f"В {year}/{year + 1} учебном году на русском секторе {uni.forms[1]} {verb} {num(n)} {word}."
            what = f"число студентов русского сектора {uni.forms[1]}"
            qs = [f"сколько студентов учится на русском в {uni.aliases[0]}",
                  f"русский сектор {uni.aliases[0]} {year}",
                  f"обучение на русском языке в {uni.forms[2]}",
                  f"студенты русского сектора {uni.forms[1]}"]
        text = quote
        period = f"{year}-09/{year + 1}-06"
        return [Draft("students", "education", when, text, quote, q(rng, qs), [], [uni.country], [uni.id], [],
                      [figure(n, "студентов", what, period, unit_en="students", what_en=what_en)],
                      text_en=text_en, questions_en=self.qe(qs_en))]

    def scholarships(self) -> list[Draft]:
        rng = self.rng
        year = rng.randint(1995, 2024)
        if not self.claim("scholarships", year):
            return []
        n = float(rng.randint(40, 400))
        word = plural(n, "государственную стипендию", "государственные стипендии", "государственных стипендий")
        quote = (f"В {year} году Россия выделила гражданам Азербайджана {num(n)} {word} для обучения в российских "
                 f"вузах.")
        return [Draft("scholarships", "education", year_when(year), quote, quote, q(rng, [
            f"сколько стипендий россия дала азербайджану в {year}",
            f"квота на обучение граждан азербайджана {year}",
            f"бюджетные места для азербайджанцев {year} год",
            f"государственные стипендии для граждан азербайджана в {year} году",
        ]), ["russia"], [], [], [], [figure(n, "стипендий", "государственные стипендии для граждан Азербайджана",
                                            str(year), unit_en="scholarships",
                                            what_en="state scholarships for citizens of Azerbaijan")],
            text_en=(f"In {year}, Russia allocated {num_en(n)} state scholarships to citizens of Azerbaijan for study at "
                     f"Russian universities."),
            questions_en=self.qe([
                f"How many scholarships did Russia give Azerbaijan in {year}?",
                f"Quota for the education of citizens of Azerbaijan in {year}",
                f"State scholarships for Azerbaijani citizens in {year}",
            ]))]

    def school(self) -> list[Draft]:
        rng = self.rng
        city = rng.choice(self.w.az_cities)
        when = rand_when(rng, lo=2000, precision=(0.6, 0.3, 0.1))
        if not self.claim("school", city.id, when.year):
            return []
        n = float(rng.choice((220, 300, 360, 420, 500, 600, 720, 800, 960, 1200)))
        quote = rng.choice((
            f"{cap(when.phrase)} в {city.forms[P]} открылась школа с обучением на русском языке на {num(n)} "
            f"{plural(n, 'место', 'места', 'мест')}.",
            f"{cap(when.phrase)} в {city.forms[P]} при поддержке России построена школа на {num(n)} "
            f"{plural(n, 'ученика', 'учеников', 'учеников')} с преподаванием на русском языке.",
        ))
        text = (f"{cap(when.phrase)} в {city.forms[P]} (Азербайджан) открылась школа с обучением на русском языке на "
                f"{num(n)} {plural(n, 'место', 'места', 'мест')}.")
        return [Draft("school", "education", when, text, quote, q(rng, [
            f"русская школа в {city.forms[P]}",
            f"когда открыли школу в {city.forms[P]}",
            f"школа с обучением на русском {city.forms[N]}",
            f"сколько мест в русской школе в {city.forms[P]}",
        ]), [], [city.id, "azerbaijan"], [], [], [figure(n, "мест", f"вместимость школы в {city.forms[P]}",
                                                          unit_en="places",
                                                          what_en=f"capacity of the school in {city.en_in}")],
            text_en=(f"{cap(when.en)}, a school with {num_en(n)} places and teaching in Russian opened in {city.en_in} "
                     f"(Azerbaijan)."),
            questions_en=self.qe([
                f"Russian school in {city.en_in}",
                f"When did the school in {city.en_in} open?",
                f"School with teaching in Russian in {city.en_in}",
                f"How many places are there in the Russian school in {city.en_in}?",
            ]))]

    def tourism(self) -> list[Draft]:
        rng = self.rng
        to_az = rng.random() < 0.6
        city = rng.choice(self.w.az_cities if to_az else self.w.ru_cities)
        year = rng.randint(2000, 2023)
        if not self.claim("tourism", city.id, year):
            return []
        v = money(rng, 1, 250)
        h = hedge(rng)
        hv = f"{h} {num(v)}".strip()
        if v == int(v) and plural(v, "1", "2", "5") == "1":  # "посетили 21 тысяча" would need a singular verb
            v += 1
            hv = f"{h} {num(v)}".strip()
        org = self.w.orgs[rng.choice(("rosstat", "az-tourism-agency") if to_az
                                     else ("rostourism", "fsb-border-service"))]
        src = "России" if to_az else "Азербайджана"
        quote = (f"По данным {org.forms[1]}, в {year} году {city.forms[A]} посетили {hv} "
                 f"{plural(v, 'тысяча', 'тысячи', 'тысяч')} туристов из {src}.")
        text = (f"В {year} году {city.forms[A]} посетили {hv} {plural(v, 'тысяча', 'тысячи', 'тысяч')} туристов из "
                f"{src} (данные {org.forms[1]}).")
        who = "российских" if to_az else "азербайджанских"
        src_en, who_en = ("Russia", "Russian") if to_az else ("Azerbaijan", "Azerbaijani")
        return [Draft("tourism", "tourism", year_when(year), text, quote, q(rng, [
            f"сколько {who} туристов было в {city.forms[P]} в {year}",
            f"туристы из {src.lower()} {city.forms[N]} {year}",
            f"турпоток в {city.forms[A]} {year} год",
            f"сколько туристов из {src.lower()} посетили {city.forms[A]}",
        ]), [], [city.id], [org.id], [], [figure(v, "тысяч человек", f"туристы из {src} в {city.forms[P]}",
                                                   str(year), h, unit_en="thousand people",
                                                   what_en=f"tourists from {src_en} in {city.en_in}")],
            text_en=(f"In {year}, {city.en_in} was visited by {hedged_en(h, v)} thousand tourists from {src_en} "
                     f"(data from {org.en_in})."),
            questions_en=self.qe([
                f"How many {who_en} tourists were there in {city.en_in} in {year}?",
                f"Tourists from {src_en} in {city.en_in} in {year}",
                f"Tourist flow to {city.en_in} in {year}",
                f"How many tourists from {src_en} visited {city.en_in}?",
            ]))]

    def flight(self) -> list[Draft]:
        rng = self.rng
        airline = rng.choice(AIRLINES)
        c1, c2 = rng.choice(self.w.ru_cities), rng.choice(self.w.az_cities)
        if not self.claim("flight", c1.id, c2.id):
            return []
        when = rand_when(rng, lo=1995, precision=(0.5, 0.4, 0.1))
        per_week = rng.randint(1, 14)
        quote = rng.choice((
            f"{cap(when.phrase)} авиакомпания {airline} открыла прямые рейсы по маршруту {c1.forms[N]} – "
            f"{c2.forms[N]}.",
            f"{cap(when.phrase)} начались регулярные полеты между {c1.forms[I]} и {c2.forms[I]}, рейсы выполняются "
            f"{per_week} {plural(per_week, 'раз', 'раза', 'раз')} в неделю.",
        ))
        text = f"{cap(when.phrase)} открылось прямое авиасообщение между {c1.forms[I]} и {c2.forms[I]}."
        figs = [figure(float(per_week), "рейсов в неделю", f"частота рейсов {c1.forms[N]} – {c2.forms[N]}",
                       unit_en="flights per week", what_en=f"frequency of flights {c1.en} – {c2.en}")] \
            if "неделю" in quote else []
        return [Draft("flight", "transport", when, text, quote, q(rng, [
            f"есть ли прямой рейс {c1.forms[N]} {c2.forms[N]}",
            f"когда открыли рейсы из {c1.forms[G]} в {c2.forms[A]}",
            f"авиасообщение {c1.forms[N]} {c2.forms[N]}",
            f"прямые рейсы между {c1.forms[I]} и {c2.forms[I]}",
        ]), [], [c1.id, c2.id], [], [], figs,
            text_en=f"{cap(when.en)}, direct air service opened between {c1.en} and {c2.en}.",
            questions_en=self.qe([
                f"Is there a direct flight {c1.en} {c2.en}?",
                f"When did flights from {c1.en} to {c2.en} start?",
                f"Air service {c1.en} {c2.en}",
                f"Direct flights between {c1.en} and {c2.en}",
            ]))]

    def cargo(self) -> list[Draft]:
        rng = self.rng
        year = rng.randint(2005, 2023)
        if not self.claim("cargo", year):
            return []
        v, h = round(rng.uniform(0.5, 25), 1), hedge(rng)
        hv = f"{h} {num(v)}".strip()
        quote = (f"В {year} году по азербайджанскому участку коридора «Север–Юг» перевезено {hv} "
                 f"{plural(v, 'миллион', 'миллиона', 'миллионов')} тонн грузов.")
        text = (f"В {year} году по азербайджанскому участку транспортного коридора «Север–Юг» перевезли {hv} млн "
                f"тонн грузов.")
        return [Draft("cargo", "transport", year_when(year), text, quote, q(rng, [
            f"сколько грузов перевезли по коридору север-юг в {year}",
            f"грузооборот север юг азербайджан {year}",
            f"перевозки по коридору север–юг {year} год",
        ]), [], ["azerbaijan"], [], ["north-south"], [figure(v, "млн тонн", "перевозки грузов по азербайджанскому "
                                                           "участку коридора «Север–Юг»", str(year), h,
                                                           unit_en="million tonnes",
                                                           what_en="cargo carried along the Azerbaijani section "
                                                                   "of the North–South corridor")],
            text_en=(f"In {year}, {hedged_en(h, v)} million tonnes of cargo were carried along the Azerbaijani section "
                     f"of the North–South transport corridor."),
            questions_en=self.qe([
                f"How much cargo was carried along the North-South corridor in {year}?",
                f"North-South corridor cargo in Azerbaijan in {year}",
                f"Freight on the North–South corridor in {year}",
            ]))]

    def rolling_stock(self) -> list[Draft]:
        rng = self.rng
        forms, org_id = rng.choice(RAIL_ITEMS)
        item = forms[2]
        year = rng.randint(1998, 2023)
        if not self.claim("rail", item, year):
            return []
        n = float(rng.randint(2, 120))
        org = self.w.orgs[org_id]
        quote = f"В {year} году российские предприятия поставили {num(n)} {plural(n, *forms)} для нужд {org.forms[1]}."
        text = f"В {year} году российские производители поставили для {org.forms[1]} {num(n)} {plural(n, *forms)}."
        item_en = RAIL_ITEMS_EN[item]
        return [Draft("rail", "transport", year_when(year), text, quote, q(rng, [
            f"сколько {item} россия поставила для {org.aliases[0]} в {year}",
            f"поставки {item} в азербайджан {year}",
            f"обновление подвижного состава {org.aliases[0]} {year}",
        ]), ["russia"], ["azerbaijan"], [org.id], [], [figure(n, "единиц", f"поставки {item} для {org.forms[1]}",
                                                               str(year), unit_en=item_en,
                                                               what_en=f"supplies of {item_en} to {org.en_in}")],
            text_en=f"In {year}, Russian manufacturers supplied {num_en(n)} {item_en} to {org.en_in}.",
            questions_en=self.qe([
                f"How many {item_en} did Russia supply to {org.en_in} in {year}?",
                f"Supplies of {item_en} to Azerbaijan in {year}",
                f"Renewal of the rolling stock of {org.en_in} in {year}",
            ]))]

    def energy_supply(self) -> list[Draft]:
        rng = self.rng
        co = self.company("russia", "energy")
        year = rng.randint(2000, 2023)
        if not self.claim("energy", co.id, year):
            return []
        gas = rng.random() < 0.5
        v, h = (round(rng.uniform(0.1, 5), 1) if gas else money(rng, 20, 900)), hedge(rng)
        hv = f"{h} {num(v)}".strip()
        unit_en, what_en = ("billion cubic metres", "gas") if gas else ("million kWh", "electricity")
        if gas:
            unit, what_q = "млрд кубометров", "газа"
            quote = (f"В {year} году компания {co.forms[0]} поставила в Азербайджан {hv} "
                     f"{plural(v, 'миллиард', 'миллиарда', 'миллиардов')} кубометров газа.")
        else:
            unit, what_q = "млн кВт·ч", "электроэнергии"
            quote = f"В {year} году компания {co.forms[0]} экспортировала в Азербайджан {hv} млн кВт·ч электроэнергии."
        text = f"В {year} году компания {co.forms[0]} поставила в Азербайджан {hv} {unit} {what_q}."
        return [Draft("energy", "energy", year_when(year), text, quote, q(rng, [
            f"сколько {what_q} {co.aliases[0]} поставила в азербайджан в {year}",
            f"поставки {what_q} в азербайджан {year}",
            f"{co.aliases[0]} азербайджан {what_q}",
            f"экспорт {what_q} из россии в азербайджан {year} год",
        ]), [co.id], ["azerbaijan"], [co.id], [], [figure(v, unit, f"поставки {what_q} компанией {co.forms[0]} в "
                                                                     "Азербайджан", str(year), h, unit_en=unit_en,
                                                          what_en=f"supplies of {what_en} by {co.en} to Azerbaijan")],
            text_en=(f"In {year}, the company {co.en} supplied {hedged_en(h, v)} {unit_en} of {what_en} to "
                     f"Azerbaijan."),
            questions_en=self.qe([
                f"How much {what_en} did {co.en} supply to Azerbaijan in {year}?",
                f"Supplies of {what_en} to Azerbaijan in {year}",
                f"{co.en} Azerbaijan {what_en}",
                f"Exports of {what_en} from Russia to Azerbaijan in {year}",
            ]))]

    def military(self) -> list[Draft]:
        rng = self.rng
        a, b, _ = self.pair(("defence",))
        year = rng.randint(2015, 2022)
        if rng.random() < 0.5 and self.claim("army-forum", a.id, year):
            when = rand_when(rng, lo=year, hi=(year, 8, 31), precision=(0.7, 0.3, 0))
            if when.iso[5:7] < "08":
                return []
            quote = (f"{cap(when.phrase)} {a.full()} {a.v('посетил')} международный военно-технический форум "
                     f"«Армия-{year}».")
            return [Draft("army-forum", "military", when, quote, quote, q(rng, [
                f"{a.v('был')} ли {a.last[N]} на форуме армия-{year}",
                f"форум армия {year} азербайджан",
                f"кто посетил форум армия-{year}",
            ]), [a.id], [], [], [],
                text_en=(f"{cap(when.en)}, {a.full_en()} visited the international military-technical forum "
                         f"Army-{year}."),
                questions_en=self.qe([
                    f"Was {a.last_en} at the Army-{year} forum?",
                    f"Army {year} forum Azerbaijan",
                    f"Who visited the Army-{year} forum?",
                ]))]
        when = rand_when(rng, lo=2004)
        if not self.claim("igc-mtc", when.year):
            return []
        n = when.year - 2003
        city = self.host_city(a, b)
        org = self.w.orgs["igc-mtc"]
        quote = (f"{cap(when.phrase)} в {city.forms[P]} прошло {n}-е заседание межправительственной комиссии по "
                 f"военно-техническому сотрудничеству.")
        text = (f"{cap(when.phrase)} в {city.forms[P]} прошло {n}-е заседание российско-азербайджанской "
                f"межправительственной комиссии по военно-техническому сотрудничеству; делегации возглавили "
                f"{a.full()} и {b.full()}.")
        return [Draft("igc-mtc", "military", when, text, quote, q(rng, [
            f"заседание комиссии по втс в {when.year}",
            f"где прошла комиссия по военно-техническому сотрудничеству в {when.year} году",
            f"{n}-е заседание межправкомиссии по втс",
        ]), [a.id, b.id], [city.id], [org.id],
            text_en=(f"{cap(when.en)}, the {ordinal(n)} meeting of the Russian-Azerbaijani intergovernmental commission "
                     f"on military-technical cooperation was held in {city.en_in}; the delegations were led by "
                     f"{a.full_en()} and {b.full_en()}."),
            questions_en=self.qe([
                f"Meeting of the military-technical cooperation commission in {when.year}",
                f"Where did the commission on military-technical cooperation meet in {when.year}?",
                f"{ordinal(n)} meeting of the intergovernmental commission on military-technical cooperation",
            ]))]

    def karabakh(self) -> list[Draft]:
        rng = self.rng
        when = rand_when(rng, lo=2021, hi=(2023, 8, 31), precision=(1, 0, 0))
        if not self.claim("karabakh", when.iso):
            return []
        v = float(rng.randint(5, 120))
        quote = (f"{cap(when.phrase)} российские миротворцы доставили {num(v)} {plural(v, 'тонну', 'тонны', 'тонн')} "
                 "гуманитарного груза жителям Карабаха.")
        return [Draft("karabakh", "karabakh", when, quote, quote, q(rng, [
            f"гуманитарный груз миротворцы {when.day_month} {when.year}",
            f"сколько гуманитарного груза доставили миротворцы {when.day_month} {when.year}",
            "миротворцы доставили гуманитарку в карабах",
        ]), ["peacekeepers"], ["karabakh"], ["peacekeepers"], [],
            [figure(v, "тонн", "гуманитарный груз, доставленный жителям Карабаха", unit_en="tonnes",
                    what_en="humanitarian cargo delivered to residents of Karabakh")],
            text_en=(f"{cap(when.en)}, Russian peacekeepers delivered {num_en(v)} tonnes of humanitarian cargo to "
                     f"residents of Karabakh."),
            questions_en=self.qe([
                f"Humanitarian cargo delivered by peacekeepers {when.en}",
                f"How much humanitarian cargo did the peacekeepers deliver {when.en}?",
                "Peacekeepers delivered humanitarian aid to Karabakh",
            ]))]

    def forum(self) -> list[Draft]:
        rng = self.rng
        year = rng.randint(2010, 2023)
        if not self.claim("forum", year):
            return []
        n = year - 2009
        when = rand_when(rng, lo=year, hi=(year, 12, 31), precision=(0.6, 0.4, 0), allow_range=True)
        city = rng.choice(self.w.ru_cities[:10] if year % 2 else self.w.az_cities[:5])
        k = float(rng.randint(20, 70))
        org = self.w.orgs["interregional-forum"]
        quote = (f"{cap(when.phrase)} в {city.forms[P]} прошел {n}-й Российско-азербайджанский межрегиональный форум, "
                 f"в котором приняли участие представители {num(k)} {plural(k, 'региона', 'регионов', 'регионов')}.")
        return [Draft("forum", "business", when, quote, quote, q(rng, [
            f"где прошел межрегиональный форум в {year}",
            f"{n}-й межрегиональный форум россия азербайджан",
            f"сколько регионов участвовало в межрегиональном форуме {year}",
        ]), [], [city.id], [org.id], [], [figure(k, "регионов", f"участники {n}-го межрегионального форума",
                                                 unit_en="regions",
                                                 what_en=f"participants of the {ordinal(n)} Interregional Forum")],
            text_en=(f"{cap(when.en)}, the {ordinal(n)} Russian-Azerbaijani Interregional Forum was held in {city.en_in}; "
                     f"representatives of {num_en(k)} regions took part in it."),
            questions_en=self.qe([
                f"Where was the interregional forum held in {year}?",
                f"{ordinal(n)} Russian-Azerbaijani interregional forum",
                f"How many regions took part in the interregional forum in {year}?",
            ]))]

    def companies_count(self) -> list[Draft]:
        rng = self.rng
        year = rng.randint(2000, 2023)
        if not self.claim("companies", year):
            return []
        n = float(rng.randint(200, 1200))
        h = hedge(rng)
        hv = f"{h} {num(n)}".strip()
        quote = (f"В {year} году в Азербайджане работали {hv} {plural(n, 'компания', 'компании', 'компаний')} с "
                 f"участием российского капитала.")
        return [Draft("companies", "business", year_when(year), quote, quote, q(rng, [
            f"сколько российских компаний работало в азербайджане в {year}",
            f"компании с российским капиталом в азербайджане {year}",
            f"число российских фирм в азербайджане {year} год",
        ]), [], ["azerbaijan"], [], [], [figure(n, "компаний", "компании с участием российского капитала в "
                                                 "Азербайджане", str(year), h, unit_en="companies",
                                                 what_en="companies with Russian capital in Azerbaijan")],
            text_en=f"In {year}, {hedged_en(h, n)} companies with Russian capital operated in Azerbaijan.",
            questions_en=self.qe([
                f"How many Russian companies operated in Azerbaijan in {year}?",
                f"Companies with Russian capital in Azerbaijan in {year}",
                f"Number of Russian firms in Azerbaijan in {year}",
            ]))]

    def appointment(self) -> list[Draft]:
        rng = self.rng
        a = rng.choice(self.w.by_cat[("ambassador", rng.choice(("russia", "azerbaijan")))])
        if not self.claim("appointment", a.id):
            return []
        when = rand_when(rng, precision=(0.8, 0.2, 0))
        quote = rng.choice((
            f"{cap(when.phrase)} {a.name()} {a.v('назначен')} {a.role(I)}.",
            f"{cap(a.name())} {a.v('вступил')} в должность {a.role(G)} {when.phrase}.",
        ))
        text = f"{cap(when.phrase)} {a.name()} {a.v('назначен')} {a.role(I)}."
        head_en = a.role_en.split(" of ")[0]  # "Ambassador", "Trade Representative"
        return [Draft("appointment", "diplomacy", when, text, quote, q(rng, [
            f"когда {a.last[N]} {a.v('стал')} {a.head[I]}",
            f"кто был {a.role(I)} в {when.year} году",
            f"назначение {a.last[G]}",
            f"{a.role()} {when.year}",
        ]), [a.id], [], [], [],
            text_en=f"{cap(when.en)}, {a.name_en()} was appointed {a.role_en}.",
            questions_en=self.qe([
                f"When did {a.last_en} become {head_en.lower()}?",
                f"Who was the {a.role_en} in {when.year}?",
                f"Appointment of {a.last_en}",
                f"{a.role_en} {when.year}",
            ]))]

    def consulate(self) -> list[Draft]:
        rng = self.rng
        ru = rng.random() < 0.5
        city = rng.choice(self.w.az_cities[1:] if ru else self.w.ru_cities[1:])
        if not self.claim("consulate", city.id):
            return []
        when = rand_when(rng, precision=(0.7, 0.2, 0.1))
        country = self.w.countries["russia" if ru else "azerbaijan"]
        quote = f"{cap(when.phrase)} в {city.forms[P]} открылось генеральное консульство {country.forms[G]}."
        return [Draft("consulate", "diplomacy", when, quote, quote, q(rng, [
            f"есть ли консульство {country.forms[G]} в {city.forms[P]}",
            f"когда открыли генконсульство в {city.forms[P]}",
            f"генеральное консульство {country.forms[G]} {city.forms[N]}",
        ]), [country.id], [city.id], [], [],
            text_en=f"{cap(when.en)}, a Consulate General of {country.en} opened in {city.en_in}.",
            questions_en=self.qe([
                f"Is there a consulate of {country.en} in {city.en_in}?",
                f"When did the consulate general in {city.en_in} open?",
                f"Consulate General of {country.en} in {city.en_in}",
            ]))]

    def commission(self) -> list[Draft]:
        rng = self.rng
        when = rand_when(rng, lo=1997, precision=(0.8, 0.2, 0))
        if not self.claim("igc-economy", when.year):
            return []
        a, b, _ = self.pair(("gov",))
        n = when.year - 1996
        city = self.host_city(a, b)
        org = self.w.orgs["igc-economy"]
        quote = (f"{cap(when.phrase)} в {city.forms[P]} прошло {n}-е заседание межправительственной комиссии по "
                 f"экономическому сотрудничеству под председательством {a.last[G]} и {b.last[G]}.")
        text = (f"{cap(when.phrase)} в {city.forms[P]} прошло {n}-е заседание российско-азербайджанской "
                f"межправительственной комиссии по экономическому сотрудничеству; сопредседатели — {a.full()} и "
                f"{b.full()}.")
        return [Draft("igc-economy", "economy", when, text, quote, q(rng, [
            f"заседание межправкомиссии в {when.year} году",
            f"кто возглавлял межправкомиссию в {when.year}",
            f"где прошло {n}-е заседание межправительственной комиссии",
        ]), [a.id, b.id], [city.id], [org.id],
            text_en=(f"{cap(when.en)}, the {ordinal(n)} meeting of the Russian-Azerbaijani intergovernmental commission "
                     f"on economic cooperation was held in {city.en_in}; its co-chairs were {a.full_en()} and "
                     f"{b.full_en()}."),
            questions_en=self.qe([
                f"Meeting of the intergovernmental commission in {when.year}",
                f"Who chaired the intergovernmental commission in {when.year}?",
                f"Where was the {ordinal(n)} meeting of the intergovernmental commission held?",
            ]))]


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

def s(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def fact_yaml(fid: str, d: Draft, source: str, english: bool = False) -> str:
    lines = [f"  - id: {fid}", f"    topic: {d.topic}", f"    date: {s(d.when.iso)}"]
    if d.status != "done":
        lines.append(f"    status: {d.status}")
    for name in ("participants", "places", "organisations", "related"):
        values = list(dict.fromkeys(getattr(d, name)))
        if values:
            lines.append(f"    {name}: {ids(values)}")
    if d.figures:
        lines.append("    figures:")
        for fig in d.figures:
            parts = [f"value: {fig['value']!r}"] + [f"{k}: {s(str(fig[k]))}" for k in
                                                     ("unit", "what", "period", "qualifier") if k in fig]
            if english:
                parts += [f"{k}: {s(str(fig[k]))}" for k in ("unit_en", "what_en") if fig.get(k)]
            lines.append("      - {" + ", ".join(parts) + "}")
    lines.append(f"    text: {s(d.text)}")
    if english:
        lines.append(f"    text_en: {s(d.text_en)}")
    lines += [f"    quote: {s(d.quote)}", f"    source: {source}",
              "    questions: [" + ", ".join(s(x) for x in d.questions) + "]"]
    if english:
        lines.append("    questions_en: [" + ", ".join(s(x) for x in d.questions_en) + "]")
    return "\n".join(lines) + "\n"


def entity_yaml(e: dict[str, object], english: bool = False) -> str:
    lines = [f"  - id: {e['id']}", f"    kind: {e['kind']}", f"    name: {s(str(e['name']))}"]
    if english:
        lines.append(f"    name_en: {s(str(e['name_en']))}")
    if e.get("role"):
        lines.append(f"    role: {s(str(e['role']))}")
        if english:
            lines.append(f"    role_en: {s(str(e['role_en']))}")
    if e.get("country"):
        lines.append(f"    country: {e['country']}")
    aliases = [str(a) for a in e.get("aliases") or [] if a]  # type: ignore[attr-defined]
    if aliases:
        lines.append("    aliases: [" + ", ".join(s(a) for a in aliases) + "]")
    aliases_en = [str(a) for a in e.get("aliases_en") or [] if a]  # type: ignore[attr-defined]
    if english and aliases_en:
        lines.append("    aliases_en: [" + ", ".join(s(a) for a in aliases_en) + "]")
    return "\n".join(lines) + "\n"


HEADER = "# SYNTHETIC fact base written by bench/synthetic_kb.py (seed {seed}); every fact here is invented.\n"


def generate(n_facts: int, out: Path, seed: int, n_persons: int, per_source: int,
             english: bool = False) -> dict[str, float]:
    """Write the base to `out`; with `english`, also the English fields (the Russian ones stay the same)."""
    rng = random.Random(seed)
    world = build_world(rng, n_persons)
    en_rng = random.Random(f"english-{seed}") if english else None  # a str seed is independent of PYTHONHASHSEED
    gen = Generator(rng, world, en_rng)

    drafts: list[Draft] = []
    while len(drafts) < n_facts:
        drafts.extend(gen.next())
    del drafts[n_facts:]

    if out.exists():
        for sub in ("facts", "texts"):
            shutil.rmtree(out / sub, ignore_errors=True)
    (out / "facts").mkdir(parents=True, exist_ok=True)
    (out / "texts").mkdir(parents=True, exist_ok=True)

    n_sources = max(1, -(-n_facts // per_source))
    source_ids = [f"synth-{k + 1:04d}" for k in range(n_sources)]

    # source texts: the quotes of each source's facts, in order, a paragraph every few sentences
    text_bytes = 0
    for k, sid in enumerate(source_ids):
        quotes = list(dict.fromkeys(d.quote for d in drafts[k * per_source:(k + 1) * per_source]))
        paragraphs = [" ".join(quotes[i:i + 4]) for i in range(0, len(quotes), 4)]
        body = (f"СИНТЕТИКА, 15 мая - Синтетическая лента. Выпуск {k + 1}: сводка событий российско-"
                f"азербайджанских отношений.\n" + "\n".join(paragraphs) +
                "\nТекст сгенерирован автоматически для нагрузочного тестирования, все факты вымышлены.\n")
        data = body.encode("utf-8")
        if len(data) > MAX_SOURCE_BYTES:
            raise SystemExit(f"source {sid} is {len(data)} bytes; lower --facts-per-source")
        (out / "texts" / f"{sid}.txt").write_bytes(data)
        text_bytes += len(data)

    src_lines = [HEADER.format(seed=seed), "sources:\n"]
    for k, sid in enumerate(source_ids):
        english_lines = (f"    publisher_en: \"Synthetic Feed\"\n"
                         f"    title_en: \"Synthetic digest No. {k + 1} on Russian-Azerbaijani relations\"\n"
                         f"    language: ru\n") if english else ""
        src_lines.append(
            f"  - id: {sid}\n    publisher: \"Синтетическая лента\"\n"
            f"    title: {s(f'Синтетическая сводка №{k + 1} о российско-азербайджанских отношениях')}\n"
            f"{english_lines}"
            f"    place: Москва\n    published: \"{PUBLISHED}\"\n"
            f"    url: \"https://example.invalid/synthetic/{sid}\"\n"
            f"    text_file: texts/{sid}.txt\n    about: [russia, azerbaijan]\n")
    (out / "sources.yaml").write_text("".join(src_lines), encoding="utf-8")

    entities = entity_records(world)
    (out / "entities.yaml").write_text(
        HEADER.format(seed=seed) + "entities:\n" + "".join(entity_yaml(e, english) for e in entities), encoding="utf-8")

    yaml_bytes = 0
    for part, start in enumerate(range(0, n_facts, FACTS_PER_FILE)):
        chunk: list[str] = []
        for i in range(start, min(start + FACTS_PER_FILE, n_facts)):
            d = drafts[i]
            fid = f"{d.kind}-{d.when.iso.replace('/', '-')}-{i + 1:06d}"
            chunk.append(fact_yaml(fid, d, source_ids[i // per_source], english))
        data = (HEADER.format(seed=seed) + "facts:\n" + "".join(chunk)).encode("utf-8")
        (out / "facts" / f"part-{part + 1:04d}.yaml").write_bytes(data)
        yaml_bytes += len(data)
    return {"entities": len(entities), "sources": n_sources, "files": -(-n_facts // FACTS_PER_FILE),
            "yaml_mb": yaml_bytes / 1e6, "text_mb": text_bytes / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=int, required=True, help="number of facts to write")
    parser.add_argument("--out", type=Path, required=True, help="output directory (created)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--persons", type=int, default=None,
                        help="synthetic people (default: facts/40, clamped to 300..3000)")
    parser.add_argument("--facts-per-source", type=int, default=2000,
                        help="facts per source text (default 2000, keeps each text far below 5 MB)")
    parser.add_argument("--english", action="store_true",
                        help="also write the English fields (text_en, questions_en, name_en, ...)")
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be positive")
    if -(-args.facts // FACTS_PER_FILE) + 2 > 2000:
        parser.error("too many facts for the loader's 2000-file limit")
    persons = args.persons or min(3000, max(300, args.facts // 40))
    t0 = time.perf_counter()
    gc.disable()  # only acyclic strings and records are built; the cyclic collector just slows large runs down
    stats = generate(args.facts, args.out, args.seed, persons, args.facts_per_source, args.english)
    print(f"wrote {args.facts} facts in {stats['files']} files ({stats['yaml_mb']:.1f} MB YAML), "
          f"{stats['entities']} entities, {stats['sources']} source(s) ({stats['text_mb']:.1f} MB text) "
          f"to {args.out} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
