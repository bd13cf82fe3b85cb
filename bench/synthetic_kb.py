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

    python bench/synthetic_kb.py --facts 100000 --out /tmp/kb100k [--seed 1]
    factbot check /tmp/kb100k

Layout of OUT (created if missing; an existing OUT/facts and OUT/texts are deleted first):
    sources.yaml              one source per --facts-per-source facts (default 2000)
    texts/synth-XXXX.txt      each source text = the quote sentences of its facts
    entities.yaml             countries, places, regions, organisations, companies, people
    facts/part-XXXX.yaml      1000 facts per file

The output is a pure function of (--facts, --seed, --persons, --facts-per-source).
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

# category, country, head, tail ({region}/{city}/{uni}/{company} filled per person)
ROLES = """\
gov|russia|заместитель|председателя правительства России
gov|russia|министр|экономического развития России
gov|russia|министр|промышленности и торговли России
gov|russia|министр|сельского хозяйства России
gov|russia|министр|финансов России
gov|azerbaijan|заместитель|премьер-министра Азербайджана
gov|azerbaijan|министр|экономики Азербайджана
gov|azerbaijan|министр|сельского хозяйства Азербайджана
gov|azerbaijan|министр|финансов Азербайджана
mfa|russia|заместитель|министра иностранных дел России
mfa|russia|директор|Четвертого департамента стран СНГ МИД России
mfa|azerbaijan|заместитель|министра иностранных дел Азербайджана
mfa|azerbaijan|директор|департамента стран СНГ МИД Азербайджана
ambassador|russia|посол|России в Азербайджане
ambassador|russia|торгпред|России в Азербайджане
ambassador|azerbaijan|посол|Азербайджана в России
energy|russia|министр|энергетики России
energy|russia|заместитель|министра энергетики России
energy|azerbaijan|министр|энергетики Азербайджана
energy|azerbaijan|заместитель|министра энергетики Азербайджана
transport|russia|министр|транспорта России
transport|russia|заместитель|министра транспорта России
transport|azerbaijan|министр|цифрового развития и транспорта Азербайджана
transport|azerbaijan|председатель|ЗАО «Азербайджанские железные дороги»
edu|russia|министр|науки и высшего образования России
edu|russia|министр|просвещения России
edu|russia|ректор|{uni}
edu|azerbaijan|министр|науки и образования Азербайджана
edu|azerbaijan|ректор|{uni}
defence|russia|заместитель|министра обороны России
defence|russia|директор|Федеральной службы по военно-техническому сотрудничеству
defence|azerbaijan|заместитель|министра обороны Азербайджана
defence|azerbaijan|министр|оборонной промышленности Азербайджана
region|russia|губернатор|{region}
region|azerbaijan|глава|исполнительной власти {city}
tourism|russia|руководитель|Федерального агентства по туризму
tourism|azerbaijan|председатель|Государственного агентства по туризму Азербайджана
company|russia|гендиректор|компании {company}
company|azerbaijan|президент|компании {company}
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
# Entities
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Place:
    id: str
    country: str
    forms: Forms  # N G D A P I (regions: only N G P are real)
    aliases: tuple[str, ...]
    kind: str = "place"


@dataclass
class Org:
    id: str
    forms: tuple[str, str, str]  # N G P
    aliases: tuple[str, ...]
    country: str = ""
    domain: str = ""


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

    def name(self, c: int = N) -> str:
        return f"{self.first[c]} {self.last[c]}"

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

    world = World(countries, cities, regions, unis, orgs, companies, [])
    world.ru_cities = [c for c in cities.values() if c.country == "russia"]
    world.az_cities = [c for c in cities.values() if c.country == "azerbaijan"]
    world.foreign_cities = [c for c in cities.values() if c.country not in ("russia", "azerbaijan")]

    roles = _rows(ROLES)
    seen_names: set[tuple[str, str]] = set()
    used_ids: set[str] = set()
    for k in range(n_persons):
        category, country, head, tail = roles[k % len(roles)] if k < len(roles) else rng.choice(roles)
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
            tail, org = tail.format(uni=uni.forms[1]), uni.id
        elif "{region}" in tail:
            reg = rng.choice([r for r in regions.values() if r.country == country])
            tail, org = tail.format(region=reg.forms[1]), reg.id
        elif "{city}" in tail:
            city = rng.choice(world.az_cities)
            tail, org = tail.format(city=city.forms[G]), city.id
        elif "{company}" in tail:
            co = rng.choice([c for c in companies if c.country == country])
            tail, org = tail.format(company=co.forms[0]), co.id
        pid = slug(f"{last[0]} {first_nom}")
        while pid in used_ids:
            pid = f"{slug(f'{last[0]} {first_nom}')}-{rng.randrange(2, 100)}"
        used_ids.add(pid)
        person = Person(pid, first, last, female, country, category, ROLE_HEADS[head], tail, org)
        world.persons.append(person)
        world.by_cat.setdefault((category, country), []).append(person)
    return world


def entity_records(world: World) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for c in world.countries.values():
        out.append({"id": c.id, "kind": "country", "name": c.forms[N], "aliases": list(c.aliases)})
    for c in list(world.cities.values()) + list(world.regions.values()):
        out.append({"id": c.id, "kind": "place", "name": c.forms[N], "country": c.country, "aliases": list(c.aliases)})
    for o in list(world.orgs.values()) + list(world.unis.values()):
        rec: dict[str, object] = {"id": o.id, "kind": "organisation", "name": o.forms[0], "aliases": list(o.aliases)}
        out.append(rec)
    for o in world.companies:
        out.append({"id": o.id, "kind": "organisation", "name": f"компания {o.forms[0]}", "aliases": list(o.aliases)})
    out.append({"id": "north-south", "kind": "project", "name": "международный транспортный коридор «Север–Юг»",
                "aliases": ["Север-Юг", "МТК Север-Юг", "коридор Север-Юг"]})
    out.append({"id": "karabakh", "kind": "place", "name": "Карабах", "country": "azerbaijan",
                "aliases": ["Нагорный Карабах", "карабахский"]})
    for p in world.persons:
        out.append({"id": p.id, "kind": "person", "name": p.name(), "role": p.role(), "country": p.country,
                    "aliases": [p.last[N], f"{p.first[N][0]}. {p.last[N]}"]})
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
                        f"{day}–{day + 1} {MONTHS_G[month - 1]}")
        return When(f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS_G[month - 1]} {year} года", year,
                    f"{day} {MONTHS_G[month - 1]}")
    if r < precision[0] + precision[1]:
        return When(f"{year}-{month:02d}", f"в {MONTHS_P[month - 1]} {year} года", year, f"в {MONTHS_P[month - 1]}")
    return When(str(year), f"в {year} году", year)


def year_when(year: int) -> When:
    return When(str(year), f"в {year} году", year)


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


def figure(value: float, unit: str, what: str, period: str = "", qualifier: str = "") -> dict[str, object]:
    out: dict[str, object] = {"value": int(value) if value == int(value) else value, "unit": unit, "what": what}
    if period:
        out["period"] = period
    if qualifier:
        out["qualifier"] = qualifier
    return out


class Generator:
    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
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
                ]), [a.id, b.id], [city.id]))
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
        return [Draft("meeting", topic, when, text, quote, q(rng, [
            f"когда встречались {a.last[N]} и {b.last[N]}",
            f"где прошла встреча {a.last[G]} и {b.last[G]}",
            f"переговоры {a.last[G]} и {b.last[G]} {when.year}",
            f"с кем {a.v('встречался')} {a.last[N]} в {city.forms[P]}",
            f"{a.role()} встреча с {b.role(I)}",
            f"{a.last[N]} {b.last[N]} {city.forms[N]}",
        ]), [a.id, b.id], [city.id])]

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
            ]), [a.id], [city.id, host], status="planned")]
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
        ]), [a.id], [city.id, host])]

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
        return [Draft("summit", "summits", when, text, quote, q(rng, [
            f"встреча {a.last[G]} и {b.last[G]} на {org.aliases[0].lower()}",
            f"когда {a.last[N]} и {b.last[N]} встречались в {city.forms[P]}",
            f"{org.aliases[0]} {city.forms[N]} {when.year} встреча",
            f"что было на полях {org.forms[1]} в {when.year} году",
        ]), [a.id, b.id], [city.id, city.country], [org.id])]

    def agreement(self) -> list[Draft]:
        rng = self.rng
        a, b, cat = self.pair(("gov", "energy", "transport", "edu", "region", "tourism", "defence", "mfa"))
        when = rand_when(rng)
        city = self.host_city(a, b)
        f = rng.choice(DOC_FIELDS[cat])
        doc, passive = rng.choice(DOCS)
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
        ]), [a.id, b.id], [city.id])]

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
        figs = [figure(v, "млн долларов", f"товарооборот {reg.forms[G]} с Азербайджаном", str(year), h)]
        tail = ""
        if rng.random() < 0.5 and growth:
            sign = "вырос" if growth > 0 else "снизился"
            tail = f" и {sign} на {num(abs(growth))}%"
            figs.append(figure(abs(growth), "%", f"{'рост' if growth > 0 else 'снижение'} товарооборота "
                                                  f"{reg.forms[G]} с Азербайджаном", str(year)))
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
        ]), [], [reg.id], [], [], figs)]

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
                      [], [], [], [], [figure(v, "тысяч тонн", what, str(year), h)])]

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
        return [Draft("investment", "investment", when, text, quote, q(rng, [
            f"сколько вложила {co.aliases[0]} в {city.forms[A]}",
            f"инвестиции {co.aliases[0]} {obj}",
            f"кто инвестировал в строительство {obj} в {city.forms[P]}",
            f"{co.aliases[0]} {city.forms[N]} инвестиции",
            f"объем инвестиций в строительство {obj} в {city.forms[P]}",
        ]), [co.id], [city.id], [co.id], [],
            [figure(v, "млн долларов", f"инвестиции компании {co.forms[0]} в строительство {obj} в {city.forms[P]}",
                    when.iso, h)])]

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
        tail = ""
        if rng.random() < 0.6:
            tail = f" мощностью {num(cap_v)} {unit} в год"
            figs.append(figure(cap_v, unit, f"мощность завода по производству {product} в {city.forms[P]}"))
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
        ]), [c1.id, c2.id], [city.id], [c1.id, c2.id], [], figs)]

    def students(self) -> list[Draft]:
        rng = self.rng
        uni = rng.choice(list(self.w.unis.values()))
        year = rng.randint(1995, 2023)
        if not self.claim("students", uni.id, year):
            return []
        n = float(rng.randint(30, 3000))
        word = plural(n, "студент", "студента", "студентов")
        verb = "обучался" if word == "студент" else "обучались"
        when = When(f"{year}-09/{year + 1}-06", f"в {year}/{year + 1} учебном году", year)
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
                      [figure(n, "студентов", what, period)])]

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
                                            str(year))])]

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
        ]), [], [city.id, "azerbaijan"], [], [], [figure(n, "мест", f"вместимость школы в {city.forms[P]}")])]

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
        return [Draft("tourism", "tourism", year_when(year), text, quote, q(rng, [
            f"сколько {who} туристов было в {city.forms[P]} в {year}",
            f"туристы из {src.lower()} {city.forms[N]} {year}",
            f"турпоток в {city.forms[A]} {year} год",
            f"сколько туристов из {src.lower()} посетили {city.forms[A]}",
        ]), [], [city.id], [org.id], [], [figure(v, "тысяч человек", f"туристы из {src} в {city.forms[P]}",
                                                   str(year), h)])]

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
        figs = [figure(float(per_week), "рейсов в неделю", f"частота рейсов {c1.forms[N]} – {c2.forms[N]}")] \
            if "неделю" in quote else []
        return [Draft("flight", "transport", when, text, quote, q(rng, [
            f"есть ли прямой рейс {c1.forms[N]} {c2.forms[N]}",
            f"когда открыли рейсы из {c1.forms[G]} в {c2.forms[A]}",
            f"авиасообщение {c1.forms[N]} {c2.forms[N]}",
            f"прямые рейсы между {c1.forms[I]} и {c2.forms[I]}",
        ]), [], [c1.id, c2.id], [], [], figs)]

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
                                                           "участку коридора «Север–Юг»", str(year), h)])]

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
        return [Draft("rail", "transport", year_when(year), text, quote, q(rng, [
            f"сколько {item} россия поставила для {org.aliases[0]} в {year}",
            f"поставки {item} в азербайджан {year}",
            f"обновление подвижного состава {org.aliases[0]} {year}",
        ]), ["russia"], ["azerbaijan"], [org.id], [], [figure(n, "единиц", f"поставки {item} для {org.forms[1]}",
                                                               str(year))])]

    def energy_supply(self) -> list[Draft]:
        rng = self.rng
        co = self.company("russia", "energy")
        year = rng.randint(2000, 2023)
        if not self.claim("energy", co.id, year):
            return []
        gas = rng.random() < 0.5
        v, h = (round(rng.uniform(0.1, 5), 1) if gas else money(rng, 20, 900)), hedge(rng)
        hv = f"{h} {num(v)}".strip()
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
                                                                     "Азербайджан", str(year), h)])]

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
            ]), [a.id], [], [], [])]
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
        ]), [a.id, b.id], [city.id], [org.id])]

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
            [figure(v, "тонн", "гуманитарный груз, доставленный жителям Карабаха")])]

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
        ]), [], [city.id], [org.id], [], [figure(k, "регионов", f"участники {n}-го межрегионального форума")])]

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
                                                 "Азербайджане", str(year), h)])]

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
        return [Draft("appointment", "diplomacy", when, text, quote, q(rng, [
            f"когда {a.last[N]} {a.v('стал')} {a.head[I]}",
            f"кто был {a.role(I)} в {when.year} году",
            f"назначение {a.last[G]}",
            f"{a.role()} {when.year}",
        ]), [a.id], [], [], [])]

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
        ]), [country.id], [city.id], [], [])]

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
        ]), [a.id, b.id], [city.id], [org.id])]


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

def s(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def fact_yaml(fid: str, d: Draft, source: str) -> str:
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
            lines.append("      - {" + ", ".join(parts) + "}")
    lines += [f"    text: {s(d.text)}", f"    quote: {s(d.quote)}", f"    source: {source}",
              "    questions: [" + ", ".join(s(x) for x in d.questions) + "]"]
    return "\n".join(lines) + "\n"


def entity_yaml(e: dict[str, object]) -> str:
    lines = [f"  - id: {e['id']}", f"    kind: {e['kind']}", f"    name: {s(str(e['name']))}"]
    if e.get("role"):
        lines.append(f"    role: {s(str(e['role']))}")
    if e.get("country"):
        lines.append(f"    country: {e['country']}")
    aliases = [str(a) for a in e.get("aliases") or [] if a]  # type: ignore[attr-defined]
    if aliases:
        lines.append("    aliases: [" + ", ".join(s(a) for a in aliases) + "]")
    return "\n".join(lines) + "\n"


HEADER = "# SYNTHETIC fact base written by bench/synthetic_kb.py (seed {seed}); every fact here is invented.\n"


def generate(n_facts: int, out: Path, seed: int, n_persons: int, per_source: int) -> dict[str, float]:
    rng = random.Random(seed)
    world = build_world(rng, n_persons)
    gen = Generator(rng, world)

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
        src_lines.append(
            f"  - id: {sid}\n    publisher: \"Синтетическая лента\"\n"
            f"    title: {s(f'Синтетическая сводка №{k + 1} о российско-азербайджанских отношениях')}\n"
            f"    place: Москва\n    published: \"{PUBLISHED}\"\n"
            f"    url: \"https://example.invalid/synthetic/{sid}\"\n"
            f"    text_file: texts/{sid}.txt\n    about: [russia, azerbaijan]\n")
    (out / "sources.yaml").write_text("".join(src_lines), encoding="utf-8")

    entities = entity_records(world)
    (out / "entities.yaml").write_text(
        HEADER.format(seed=seed) + "entities:\n" + "".join(entity_yaml(e) for e in entities), encoding="utf-8")

    yaml_bytes = 0
    for part, start in enumerate(range(0, n_facts, FACTS_PER_FILE)):
        chunk: list[str] = []
        for i in range(start, min(start + FACTS_PER_FILE, n_facts)):
            d = drafts[i]
            fid = f"{d.kind}-{d.when.iso.replace('/', '-')}-{i + 1:06d}"
            chunk.append(fact_yaml(fid, d, source_ids[i // per_source]))
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
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be positive")
    if -(-args.facts // FACTS_PER_FILE) + 2 > 2000:
        parser.error("too many facts for the loader's 2000-file limit")
    persons = args.persons or min(3000, max(300, args.facts // 40))
    t0 = time.perf_counter()
    gc.disable()  # only acyclic strings and records are built; the cyclic collector just slows large runs down
    stats = generate(args.facts, args.out, args.seed, persons, args.facts_per_source)
    print(f"wrote {args.facts} facts in {stats['files']} files ({stats['yaml_mb']:.1f} MB YAML), "
          f"{stats['entities']} entities, {stats['sources']} source(s) ({stats['text_mb']:.1f} MB text) "
          f"to {args.out} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
