"""Russian lemmas via pymorphy3: one analyzer per process, each word analysed once.

A word can have several dictionary forms («стали» → сталь / стать, «Алиева» →
Алиев / Алиева); the engine keeps all of them and lets the fact base decide
which one is meant, instead of trusting the first guess.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pymorphy3

from knowledge.text.lexicon import synonym_map

_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
_NAME_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn")
_MAX_FORMS = 4
MAX_WORD_CHARS = 64  # longer "words" (a flood of letters) are not analysed, only kept as they are


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the engine needs to know about one surface word."""

    word: str
    lemmas: tuple[str, ...]  # candidate dictionary forms, most likely first, synonyms merged
    forms: tuple[str, ...]  # the same before synonyms are merged
    pos: str  # part of speech of the likeliest parse ("" when unknown)
    known: bool  # the dictionary knows the word (not a guess)
    proper: bool  # likeliest parse is a name of a person, place or organisation
    function: bool  # preposition, conjunction, particle, interjection or pronoun
    plural: bool
    case: str = ""  # grammatical case of the likeliest parse: nomn, gent, accs, loct…
    tense: str = ""  # of a verb: past, pres or futr («приедет»: an announced event, not a done one)
    superlative: bool = False  # «крупнейший», «лучший»: the lemma («крупный») loses it
    inanimate: bool = False  # a thing, not a being («место», «площадка»): no one takes it up as a role


class _BoundedAnalyzer(pymorphy3.MorphAnalyzer):  # type: ignore[misc]
    """pymorphy's analyzer, reading at most the last MAX_WORD_CHARS letters of a word: it guesses an unknown word
    by stripping a known prefix and guessing the rest again, so a flood of prefixes («авиаавиа…») would recurse
    once per prefix and exhaust the stack. No Russian word is that long; a flood's ending is as good a guess."""

    def parse(self, word: str) -> list[Any]:
        return super().parse(word if len(word) <= MAX_WORD_CHARS else word[-MAX_WORD_CHARS:])  # type: ignore[no-any-return]


@functools.cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyzer: loading the dictionaries costs ~0.2 s and ~15 MB, so do it once."""
    return _BoundedAnalyzer()


_SYNONYMS = synonym_map()


def _tense(parses: list[Any]) -> str:
    """The likeliest parse's tense, but a future only when no parse of the word is a present or a command:
    «финансирует», «перечислите» (either aspect, or an imperative) say nothing of what is to come."""
    tense = str(parses[0].tag.tense or "")
    if tense == "futr" and any(p.tag.POS == "VERB" and (p.tag.tense == "pres" or p.tag.mood == "impr")
                               for p in parses[1:]):
        return "pres"
    return tense


_VOWELS = "аоеиыуяюэ"
SPELLING_MIN = 6  # letters a word needs to be taken for a misspelt dictionary word (short names look like typos)


@functools.lru_cache(maxsize=20_000)
def dictionary_spelling(word: str) -> str | None:
    """The dictionary word one slip away from a word the dictionary does not know: a vowel typed for another
    («гораде»), two letters swapped, a letter doubled. A common word only (a name one slip from an unknown one is
    no safer a guess than the name), and only when a single one is that close."""
    morph = analyzer()
    if len(word) < SPELLING_MIN or morph.word_is_known(word):
        return None
    slips = (  # the likeliest slip first: a vowel heard for another, then two letters swapped, then one doubled
        {word[:i] + v + word[i + 1:] for i, ch in enumerate(word) if ch in _VOWELS for v in _VOWELS if v != ch},
        {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)},
        {word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1]},
    )
    for tries in slips:
        found = {w for w in tries if morph.word_is_known(w) and not _is_proper(morph.parse(w)[0].tag)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


@functools.lru_cache(maxsize=20_000)
def slip_to(word: str, lemmas: frozenset[str]) -> str | None:
    """A short word the dictionary does not know, one letter left out, added or mistyped from a form of one of
    ``lemmas`` («каом», «каие»: «какой»): short words are too many to guess among, so only those are tried."""
    morph = analyzer()
    if len(word) < 3 or morph.word_is_known(word):
        return None
    slips = (  # a letter left out first, then one mistyped, then one added
        {word[:i] + ch + word[i:] for i in range(len(word) + 1) for ch in _LETTERS},
        {word[:i] + ch + word[i + 1:] for i in range(len(word)) for ch in _LETTERS},
        {word[:i] + word[i + 1:] for i in range(len(word))},
    )
    for tries in slips:
        found = {w for w in tries if morph.word_is_known(w) and morph.parse(w)[0].normal_form in lemmas}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


@functools.lru_cache(maxsize=200_000)
def analyse(word: str) -> WordInfo:
    """Lemmas and tags of a lowercase word; numbers and latin words stay as they are."""
    if not word or not ("а" <= word[0] <= "я" or word[0] == "ё"):
        return WordInfo(word, (word,), (word,), "NUMB" if word[:1].isdigit() else "LATN", True, False, False, False)
    if len(word) > MAX_WORD_CHARS:  # no Russian word is this long; pymorphy's guessing recurses on its prefixes
        return WordInfo(word, (word,), (word,), "NOUN", False, False, False, False)
    morph = analyzer()
    parses = morph.parse(word)
    lemmas: list[str] = []
    forms: list[str] = []
    for parse in parses:
        form = parse.normal_form.replace("ё", "е")
        if form not in forms:
            forms.append(form)
        lemma = _SYNONYMS.get(form, form)
        if lemma not in lemmas:
            lemmas.append(lemma)
        if len(lemmas) >= _MAX_FORMS:
            break
    known = morph.word_is_known(word)
    if word not in lemmas and (not known or any(_is_proper(p.tag) for p in parses)):
        lemmas.append(word)  # names decline unpredictably: let the surface form meet itself
    best = parses[0]
    tag = best.tag
    pos = str(tag.POS or "")
    return WordInfo(
        word=word,
        lemmas=tuple(lemmas) or (word,),
        forms=tuple(forms[:_MAX_FORMS]) or (word,),
        pos=pos,
        known=known,
        proper=_is_proper(tag),
        # «наш», «этот», «самый»: pronouns in the form of adjectives; «один» counts («один на один»)
        function=pos in _FUNCTION_POS or ("Apro" in tag and best.normal_form != "один"),
        plural=tag.number == "plur",
        case=str(tag.case or ""),
        tense=_tense(parses),
        superlative="Supr" in tag,
        inanimate="inan" in tag,
    )


def _is_proper(tag: object) -> bool:
    return any(t in tag for t in _NAME_TAGS)  # type: ignore[operator]


def lemma_of(word: str) -> str:
    """The likeliest dictionary form, synonyms merged."""
    return analyse(word).lemmas[0]


@functools.lru_cache(maxsize=4096)
def fractional_unit(unit: str) -> str:
    """The unit after a decimal number: its first word in the genitive singular («2,5 тысячи человек»,
    «4,4 миллиарда долларов»), as Russian says a fraction; the unit unchanged when it cannot be inflected."""
    first, _, rest = unit.partition(" ")
    parse = analyzer().parse(first)[0] if first.isalpha() else None
    if parse is None or parse.tag.POS != "NOUN" or "gent" not in parse.tag or "plur" not in parse.tag:
        return unit
    inflected = parse.inflect({"gent", "sing"})
    return f"{inflected.word} {rest}".rstrip() if inflected is not None else unit



# the consonant of a perfective stem and what it becomes in the imperfective: обсудить → обсуждать
_ALTERNATIONS = (("д", "жд"), ("т", "щ"), ("т", "ч"), ("ст", "щ"), ("з", "ж"), ("с", "ш"), ("в", "вл"), ("б", "бл"),
                 ("п", "пл"), ("м", "мл"), ("ф", "фл"), ("к", "ч"), ("", ""))


@functools.lru_cache(maxsize=8192)
def aspect_partners(lemma: str) -> tuple[str, ...]:
    """Infinitives that may be the other aspect of a verb («проводить» ↔ «провести», «обсуждать» ↔ «обсудить»,
    «подписывать» ↔ «подписать»), made by the regular suffix rules; unchecked: a caller keeps those it knows."""
    reflexive = lemma[-2:] if lemma.endswith(("ся", "сь")) else ""
    verb = lemma[: len(lemma) - len(reflexive)]
    out: list[str] = []

    def add(stem: str, suffix: str) -> None:
        if len(stem) >= 2:
            out.append(stem + suffix + ("ся" if reflexive else ""))

    for imperfective, perfective in (("ывать", "ать"), ("ивать", "ать"), ("ивать", "ить"), ("одить", "ести"),
                                     ("осить", "ести"), ("озить", "езти")):
        if verb.endswith(imperfective):  # подписывать → подписать, проводить → провести
            add(verb[: -len(imperfective)], perfective)
        if verb.endswith(perfective):  # the other way
            add(verb[: -len(perfective)], imperfective)
    for ending in ("ать", "ять"):  # обсуждать → обсудить, поставлять → поставить, получать → получить
        if verb.endswith(ending):
            stem = verb[: -len(ending)]
            for plain, altered in _ALTERNATIONS:
                if stem.endswith(altered):
                    add(stem[: len(stem) - len(altered)] + plain, "ить")
    if verb.endswith("ить"):  # посетить → посещать, объявить → объявлять
        stem = verb[:-3]
        for plain, altered in _ALTERNATIONS:
            if stem.endswith(plain):
                root = stem[: len(stem) - len(plain)] + altered
                add(root, "ать")
                add(root, "ять")
    return tuple(dict.fromkeys(p for p in out if p != lemma))


@functools.lru_cache(maxsize=8192)
def may_be_plural_noun(word: str, *, person: bool = False) -> bool:
    """Some reading of the word is a plural noun («премьеры», read first as the singular of «премьера»);
    ``person``: a plural noun naming people («главы», not «министерства»)."""
    return any(parse.tag.POS == "NOUN" and "plur" in parse.tag and (not person or "anim" in parse.tag)
               for parse in analyzer().parse(word))
