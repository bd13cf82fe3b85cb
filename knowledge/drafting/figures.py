"""Figures a statement gives: value, unit, qualifier («почти», «более», «около»), and the period they are for.

«почти 2,7 миллиарда долларов» → 2.7 «млрд долларов», qualifier «почти»; «более 1 миллиарда 300 миллионов
долларов» → 1.3 млрд; «12%» → 12 «%»; «в 14 городских школах» → 14 «школ». Numbers inside dates, ordinals
(«15-й») and model names («Ил-96») are no figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.drafting.dates import Mention
from knowledge.text.morphology import analyzer

_SCALES = (  # (pattern, short form, size)
    (r"трлн\.?|триллион(?:а|ов)?", "трлн", 1e12),
    (r"млрд\.?|миллиард(?:а|ов)?", "млрд", 1e9),
    (r"млн\.?|миллион(?:а|ов)?", "млн", 1e6),
    (r"тыс\.|тысяч[аиу]?", "тысяч", 1e3),
)
_SCALE = "|".join(pattern for pattern, _, _ in _SCALES)
_NUMBER = r"\d+(?:[  ]\d{3})*(?:[.,]\d+)?"
QUALIFIERS = ("почти", "более", "около", "свыше", "порядка", "менее", "примерно", "не менее", "не более",
              "более чем")
_FIGURE = re.compile(
    rf"(?:(?P<q>{'|'.join(sorted(QUALIFIERS, key=len, reverse=True))})\s+)?"
    rf"(?<![\w\-–.,])(?P<n>{_NUMBER})(?:\s*(?P<s>{_SCALE})(?:\s+(?P<n2>{_NUMBER})\s*(?P<s2>{_SCALE}))?)?"
    rf"(?P<pct>\s*(?:%|процент(?:а|ов)?))?(?![\w\-–])",
    re.IGNORECASE)
_WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*")
_CURRENCY = {"доллар": "долларов", "рубль": "рублей", "евро": "евро", "манат": "манатов"}


@dataclass(frozen=True, slots=True)
class FoundFigure:
    value: float
    unit: str  # «млрд долларов», «%», «вузов», «тысяч студентов»
    qualifier: str
    start: int
    end: int
    noun: str  # what is counted, in its dictionary form («вуз», «доллар»), "" for a percentage


def _scale(word: str | None) -> tuple[str, float]:
    if not word:
        return "", 1.0
    for pattern, short, size in _SCALES:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return short, size
    return "", 1.0


def _number(text: str) -> float:
    return float(re.sub(r"[  ]", "", text).replace(",", "."))


def _counted(after: str) -> tuple[str, str]:
    """The noun right after a number (adjectives skipped): (its genitive plural as a unit, its lemma)."""
    morph = analyzer()
    for word in _WORD.findall(after)[:3]:
        parse = morph.parse(word.lower())[0]
        if parse.tag.POS in ("ADJF", "PRTF", "NUMR"):
            continue
        if parse.tag.POS != "NOUN":
            return "", ""
        lemma = parse.normal_form
        if lemma in _CURRENCY:
            return _CURRENCY[lemma], lemma
        plural = parse.inflect({"plur", "gent"})
        return (plural.word if plural else word.lower()), lemma
    return "", ""


def find_figures(text: str, dates: Sequence[Mention] = ()) -> list[FoundFigure]:
    """Every figure of ``text`` outside its date expressions (``dates``: from dates.find_mentions)."""
    found: list[FoundFigure] = []
    for m in _FIGURE.finditer(text):
        start = m.start("n")
        if any(d.start <= start < d.end for d in dates):
            continue
        if re.match(r"(?:19|20)\d\d$", m.group("n")) and not m.group("s") and not m.group("pct"):
            continue  # a year outside a date expression («2023-го»)
        value = _number(m.group("n"))
        short, size = _scale(m.group("s"))
        if m.group("n2") and m.group("s2"):  # «1 миллиарда 100 миллионов» = 1.1 миллиарда
            _, size2 = _scale(m.group("s2"))
            value += _number(m.group("n2")) * size2 / size
        if m.group("pct"):
            unit, noun = "%", ""
        else:
            unit, noun = _counted(text[m.end():])
            if not unit and not short:
                continue  # a bare number: a count of nothing named («в 2 раза» is a ratio, not a figure)
            unit = f"{short} {unit}".strip()
        found.append(FoundFigure(round(value, 6), unit, (m.group("q") or "").lower(), m.start(), m.end(), noun))
    return found + _word_figures(text, dates, found)


# numbers written as words; «один» is left out: «одна из» is no count
_WORD_VALUES = {"два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
                "десять": 10, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "сто": 100,
                "тысяча": 1000, "тройка": 3, "пятерка": 5, "десятка": 10, "сотня": 100}
_COUNTING_CASES = ("nomn", "accs")  # «два центра», «в десятку», not «двух стран»: an oblique case names, not counts


def _word_figures(text: str, dates: Sequence[Mention], digits: Sequence[FoundFigure]) -> list[FoundFigure]:
    """Counts written as words («действует два центра», «тысяча — за счет бюджета», «входит в десятку»):
    a number word or a collective noun, singular where it is a noun, in a counting case."""
    morph = analyzer()
    found: list[FoundFigure] = []
    for m in _WORD.finditer(text):
        if any(d.start <= m.start() < d.end for d in dates) or any(f.start <= m.start() < f.end for f in digits):
            continue
        for parse in morph.parse(m.group().lower())[:1]:  # the likeliest reading only: «двух» is «of two»
            value = _WORD_VALUES.get(parse.normal_form.replace("ё", "е"))
            if value is None or parse.tag.case not in _COUNTING_CASES or parse.tag.POS not in ("NUMR", "NOUN"):
                continue
            if parse.tag.POS == "NOUN" and parse.tag.number != "sing":
                continue  # «тысячи», «сотни»: many, no figure
            qualifier = re.search(rf"({'|'.join(sorted(QUALIFIERS, key=len, reverse=True))})\s+$",
                                  text[:m.start()], re.IGNORECASE)
            unit, noun = _counted(text[m.end():])
            if not unit and parse.tag.POS == "NUMR":
                break  # a count of nothing named, as with digits
            unit = unit or parse.normal_form.replace("ё", "е")  # «в десятку», «тысяча»: the word names the count
            found.append(FoundFigure(float(value), unit, qualifier.group(1).lower() if qualifier else "",
                                     m.start(), m.end(), noun))
            break
    return found
