"""Names beside the noun that gives them their part: «по инициативе Парижа», «гражданам Франции», "at Paris's
initiative". The noun fixes whose it is — whose initiative, whose citizens — so a fact that puts another
country's name beside the same noun says the opposite of what is asked, though it names every thing asked."""

from __future__ import annotations

import re

from knowledge.base.model import KnowledgeBase
from knowledge.search.index import Index
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.lexicon import PEOPLE_COUNTED
from knowledge.text.normalize import MAX_QUERY_CHARS, words

PEOPLE = "people"  # the key of every noun for people («граждане», «гости», «студенты»): whose they are is one thing
PEOPLE_NOUNS = PEOPLE_COUNTED | {"студент", "учащийся", "student"}


def mentions(text: str, index: Index, refs: frozenset[str] | None = None) -> list[tuple[int, str, str]]:
    """(position, entity, grammatical case) of each word of a text naming one of ``refs`` (any entity when
    None) by a one-word alias (a surname, a city)."""
    analyse = analyser_for(index.lang)
    out: list[tuple[int, str, str]] = []
    for at, token in enumerate(words(text, max_chars=MAX_QUERY_CHARS)):
        info = analyse(token)
        for lemma in info.lemmas:
            found = [a.entity for a in index.aliases.get(lemma, ()) if len(a.tokens) == 1
                     and (refs is None or a.entity in refs)]
            if found:
                out.append((at, found[0], info.case))
                break
    return out


def anchored(text: str, index: Index) -> dict[str, list[tuple[str, str]]]:
    """The names a text puts right beside a noun, by that noun's lemma: «по инициативе Парижа», "at Paris's
    initiative", "the initiative of Paris" → инициатива: [(paris, the words that say it)]."""
    analyse = analyser_for(index.lang)
    entities = index.base.entities
    tokens = words(text, max_chars=MAX_QUERY_CHARS)
    english = index.lang == "en"
    origins = lexicon_for(index.lang).origin_prepositions
    out: dict[str, list[tuple[str, str]]] = {}
    last: tuple[int, str] | None = None  # the position of the last name anchored, and its noun's lemma
    for at, ref, case in mentions(text, index):
        if ref not in entities or entities[ref].kind == "term":
            continue
        info = analyse(tokens[at])
        if info.pos != "NOUN" or (not english and case != "gent"):
            continue  # «азербайджанских студентов», «Москва выделяет»: no name of whose
        if last is not None and (at == last[0] + 1 or (at == last[0] + 2 and tokens[at - 1] in ("и", "and"))):
            out[last[1]].append((ref, tokens[at]))  # «министры России и Франции»: each one's
            last = (at, last[1])
            continue
        if english and tokens[at + 1:at + 2] == ["s"] and at + 2 < len(tokens):
            noun, start, end = at + 2, at, at + 3  # "Paris's initiative"
        elif english:  # "the initiative of Paris"
            if at < 2 or tokens[at - 1] != "of":
                continue
            noun, start, end = at - 2, at - 2, at + 1
        else:
            noun, start, end = at - 1, at - 1, at + 1
            if noun >= 1 and tokens[noun] in origins:  # «гости из Франции»: whose guests, as «граждане Франции»
                noun = start = noun - 1
        if not 0 <= noun < len(tokens):
            continue
        head = analyse(tokens[noun])
        if head.pos != "NOUN" or head.proper or head.function:
            continue
        if start == noun and noun >= 1 and analyse(tokens[noun - 1]).pos == "PREP":
            start -= 1
        key = PEOPLE if PEOPLE_NOUNS.intersection(head.lemmas) else head.lemmas[0]  # guests, citizens: people
        out.setdefault(key, []).append((ref, " ".join(tokens[start:end])))
        last = (at, key)
    return out


def acted(text: str, index: Index) -> Anchors:
    """The names a text makes the subject of a verb one in meaning with a noun («Париж инициировал» is
    «инициатива» of Paris), by that noun's lemma: who did it is whose it is (Russian)."""
    if index.lang == "en":
        return {}
    analyse = analyser_for(index.lang)
    tokens = words(text, max_chars=MAX_QUERY_CHARS)
    out: Anchors = {}
    for at, ref, case in mentions(text, index):
        if case != "nomn" or analyse(tokens[at]).pos != "NOUN":
            continue
        for near in (at - 1, at + 1):
            verb = analyse(tokens[near]) if 0 <= near < len(tokens) else None
            if verb is not None and verb.pos == "VERB" and verb.lemmas[0] != verb.forms[0] \
                    and analyse(verb.lemmas[0]).pos == "NOUN":
                out.setdefault(verb.lemmas[0], []).append((ref, tokens[at]))
                break
    return out


def _adjective_sides(text: str, lemma: str, index: Index) -> set[str]:
    """The sides named by an adjective right before the noun ``lemma`` («российскую экономику»): evidence for
    a side, never against one (a compound such as «российско-французских» splits into such pairs too)."""
    analyse = analyser_for(index.lang)
    tokens = words(text, max_chars=MAX_QUERY_CHARS)
    return {side(ref, index.base) for at, ref, _ in mentions(text, index)
            if at + 1 < len(tokens) and analyse(tokens[at]).pos == "ADJF"
            and lemma in analyse(tokens[at + 1]).lemmas}


def side(ref: str, base: KnowledgeBase) -> str:
    """The country a name speaks for: itself, a capital's («Баку заявил»), a person's; "" for others."""
    entity = base.entities.get(ref)
    if entity is None:
        return ""
    return ref if entity.kind == "country" else entity.stands_for or (
        entity.country if entity.kind == "person" else "")


Anchors = dict[str, list[tuple[str, str]]]


def other_side(text: str, asked: str, lemma: str, index: Index, *, stated_all: Anchors | None = None
               ) -> tuple[str, str]:
    """("agree" | "differ" | "unknown", the text's words when it differs): whose it is by ``text``, against
    ``asked`` put beside the noun ``lemma``. Another country's name there differs; no such noun with a name,
    or names of several sides, say nothing. ``stated_all``: ``anchored(text)``, when already known."""
    key = PEOPLE if lemma in PEOPLE_NOUNS else lemma
    stated = (anchored(text, index) if stated_all is None else stated_all).get(key, [])
    mine, sides = side(asked, index.base), {side(ref, index.base) for ref, _ in stated}
    if mine in sides or (mine and mine in _adjective_sides(text, lemma, index)):
        return "agree", ""  # «в экономику России» said as «в российскую экономику»
    if not mine or not stated or "" in sides or len(sides) > 1:
        return "unknown", ""
    said = stated[0][1]
    found = re.search(r"\W+".join(map(re.escape, said.split())), text, re.IGNORECASE)
    return "differ", found.group(0) if found else said


def contradicts(question: str, text: str, index: Index, *, asked: Anchors | None = None,
                stated: Anchors | None = None) -> bool:
    """A name the question puts beside a noun, another side's beside the same noun in ``text`` (``asked``,
    ``stated``: their anchors, when already known — an engine asks this of several facts per question)."""
    asked = anchored(question, index) if asked is None else asked
    if not asked:
        return False
    stated = anchored(text, index) if stated is None else stated
    return any(other_side(text, ref, lemma, index, stated_all=stated)[0] == "differ"
               for lemma, named in asked.items() for ref, _ in named)
