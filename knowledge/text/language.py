"""Which language a question is in: Russian or English, so that it is answered in the same one.

Evidence, strongest first:

* function words (either case): «когда», «в», «был» / "when", "did", "the" — a sentence cannot do
  without them, and names never are one, so they decide mixed text: «когда был саммит SCO в Самарканде»
  is Russian, "when did Putin meet Алиев" is English;
* other lowercase words, by script (Cyrillic or Latin letters, whichever the word has more of);
* nothing else: capitalised and all-capital words are usually names and abbreviations («KAMAZ», «ШОС»,
  "Aliyev"), numbers and emoji belong to no language.

When the evidence is even (a message of names, numbers or emoji only, or nothing at all), Telegram's
``language_code`` of the user breaks the tie: Russian for «ru» and the languages of the former USSR
(whose speakers mostly read Russian), English for any other code; without a usable code, a message
with Latin letters and no Cyrillic one is English («Putin Aliyev 7 October»), and anything else Russian,
the bot's own language. A bare code never outweighs the words: many Russian speakers run
Telegram in English.

Pure and linear in the input: the text is cut to ``MAX_CHARS`` first, every regular expression here
either scans a bounded window or cannot backtrack, and no input makes it raise.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from knowledge.text.normalize import strip_invisible

if TYPE_CHECKING:
    from knowledge.text.lexicon import Lexicon
    from knowledge.text.morphology import WordInfo

Language = Literal["ru", "en"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_CHARS = 4096  # like the question parser: what follows is not read
FUNCTION_WEIGHT = 3  # one function word outweighs a few stray words of the other script

_TAG = re.compile(r"<[^<>]{0,200}>")  # bounded: a lone «<» costs at most 200 steps
_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,10};")
_WORD = re.compile(r"[^\W\d_]+")  # letters only: digits, «_» and punctuation separate words

# Cyrillic look-alikes of Latin letters and back, for words that mix scripts («whеn» with a Cyrillic е).
_TO_LATIN = str.maketrans("аесорхуіјԁ", "aecopxyijd")
_TO_CYRILLIC = str.maketrans("aecopxy", "аесорху")

_ENGLISH_FUNCTION = _words(
    "a an the of and or but nor so yet if than then that this these those there here when where who whom "
    "whose which what why how whether while whilst because although though unless until is are was were be "
    "been being am do does did done doing has have had having will would shall should can could may might "
    "must ought cannot didn doesn don isn wasn aren weren hasn haven hadn couldn wouldn shouldn mustn needn "
    "in on at to from by for with without within into onto about above across after against along among "
    "amongst around before behind below beneath beside besides between beyond despite during except inside "
    "near off over per since through throughout toward towards under until upon via i me my mine myself you "
    "your yours yourself we us our ours they them their theirs he him his she her hers it its itself someone "
    "somebody something anyone anybody anything everyone everything nothing not no yes also too only just "
    "even ever very some any all each every both either neither such please hello hi hey thanks thank"
)
_RUSSIAN_FUNCTION = _words(
    "и в во на с со к ко у о об обо от до по за из изо для при про без над под перед между через после около "
    "когда где куда откуда кто кого кому кем что чего чему чем какой какая какое какие каких каким каком "
    "какую который которая которое которые сколько почему зачем как ли же бы не ни да нет или но а это этот "
    "эта эти тот та те то был была было были быть есть будет будут он она оно они его ее их им ему ей мы вы "
    "ты я мне меня нас вас нам вам тебе тебя также тоже уже еще очень только все весь вся чтобы если потому "
    "так там тут здесь ну вот пожалуйста скажи скажите подскажи подскажите расскажи расскажите привет спасибо "
    "і що як коли де хто чи це між"
)
# Russian typed in Latin letters («kogda byl sammit»): still a Russian speaker.
_TRANSLIT_RUSSIAN = _words(
    "kogda gde kuda otkuda kto chto shto skolko skoko pochemu zachem kakoi kakoy kakaya kakie kakih kakom byl "
    "byla bylo byli budet eto etot ili mezhdu dlya uzhe tozhe kogo komu mne menya privet spasibo pozhaluysta "
    "pozhalujsta podskazhite skazhite rasskazhite"
)

# Telegram language codes of users who, on a tie, are better served in Russian; any other code means English.
_RUSSIAN_HINTS = frozenset(["ru", "uk", "be", "kk", "ky", "uz", "tg", "tk", "az", "hy", "ka"])
_HINT_SPLIT = re.compile(r"[-_]")


def detect_language(text: str, *, hint: str | None = None) -> Language:
    """«ru» or «en» for a message; ``hint`` (Telegram's ``language_code``) only breaks a tie."""
    english, russian = _evidence(text if isinstance(text, str) else "")
    if english != russian:
        return "en" if english > russian else "ru"
    return _hint_language(hint) or _script_only(text if isinstance(text, str) else "") or "ru"


def _script_only(text: str) -> Language | None:
    """Names and numbers only, no hint: Latin letters and no Cyrillic one is not a Russian message."""
    letters = [word for word in text[:MAX_CHARS].split() if word.strip(".,;:!?()«»\"'").isalpha()]
    latin = any("a" <= ch.lower() <= "z" for word in letters for ch in word)
    cyrillic = any("\u0400" <= ch <= "\u04ff" for word in letters for ch in word)
    if latin != cyrillic:
        return "en" if latin else "ru"
    return None


def _evidence(text: str) -> tuple[int, int]:
    """Weighted English and Russian evidence in a text."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = strip_invisible(unicodedata.normalize("NFKC", text)[:MAX_CHARS])
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    english = russian = 0
    for chunk in text.split():
        if "://" in chunk or "@" in chunk or chunk.startswith(("www.", "/")):
            continue  # links, mentions, e-mail addresses and bot commands say nothing about the writer
        for match in _WORD.finditer(chunk):
            start = match.start()
            if start and chunk[start - 1].isdigit():
                continue  # a unit or ending glued to a number: «5bn», «10km», «2nd»
            word = match.group()
            script = _script(word)
            if script is None:
                continue
            lower = word.lower()
            if script == "en":
                lower = lower.translate(_TO_LATIN)
                if lower in _ENGLISH_FUNCTION:
                    english += FUNCTION_WEIGHT
                    continue
                if lower in _TRANSLIT_RUSSIAN:
                    russian += FUNCTION_WEIGHT
                    continue
            else:
                lower = lower.translate(_TO_CYRILLIC).replace("ё", "е")
                if lower in _RUSSIAN_FUNCTION:
                    russian += FUNCTION_WEIGHT
                    continue
            if len(word) > 1 and word == word.lower():  # a capital marks a likely name or abbreviation
                if script == "en":
                    english += 1
                else:
                    russian += 1
    return english, russian


def _script(word: str) -> Language | None:
    """The script most of a word's letters are in: Latin («en»), Cyrillic («ru»), or None for others."""
    latin = cyrillic = 0
    for char in word:
        code = ord(char)
        if code < 0x250 and (char.isascii() or code >= 0xC0):
            latin += 1
        elif 0x400 <= code < 0x530:
            cyrillic += 1
        elif 0x1E00 <= code < 0x1F00:
            latin += 1
    if latin == cyrillic:
        return None
    return "en" if latin > cyrillic else "ru"


def _hint_language(hint: object) -> Language | None:
    """The language a Telegram ``language_code`` («en-US», «ru», «uk») leans to, or None."""
    if not isinstance(hint, str):
        return None
    code = _HINT_SPLIT.split(hint.strip()[:35], maxsplit=1)[0].lower()
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        return None
    return "ru" if code in _RUSSIAN_HINTS else "en"


@functools.cache
def lexicon_for(lang: str) -> Lexicon:
    """The parser's word lists for a language ("ru" or "en")."""
    from knowledge.text.english import ENGLISH
    from knowledge.text.lexicon import RUSSIAN

    return ENGLISH if lang == "en" else RUSSIAN


@functools.cache
def analyser_for(lang: str) -> Callable[[str], WordInfo]:
    """The word analysis for a language: pymorphy3 lemmas for Russian, the hand-written lemmatiser for English."""
    from knowledge.text.english import analyse_en
    from knowledge.text.morphology import analyse

    return analyse_en if lang == "en" else analyse
