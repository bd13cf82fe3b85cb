"""Turning what people type into comparable tokens: case, ё, dashes, numbers, @mentions.

Pure functions; morphology comes after this, in ``knowledge.text.morphology`` (which ``strip_invisible`` asks,
lazily, only whether letters joined by a zero-width space are one word or two).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping

from knowledge.base.dates import MONTHS_EN, MONTHS_GENITIVE
from knowledge.text.lexicon import REWRITES

MAX_QUERY_CHARS = 4096  # longer input is cut, never rejected

# ---- invisible characters: one table and one function for every reader of a question ---------------
# (``normalize`` here, ``language.detect_language`` and ``timeframe.find_timeframe``), so that they agree.

ZERO_WIDTH_SPACE = "\u200b"
# Format and other invisible characters: soft hyphen, joiners, bidi marks and isolates, word joiner and the
# invisible operators, variation selectors, BOM, tags, fillers. All but the zero-width space hide inside
# words («про\u200eшлом») and are removed; the zero-width space is decided by ``strip_invisible``.
INVISIBLE: dict[int, None] = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), *range(0x200B, 0x2010),
     *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0x3164, *range(0xFE00, 0xFE10), 0xFEFF, 0xFFA0,
     0xFFF9, 0xFFFA, 0xFFFB, *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), 0xE0001, *range(0xE0020, 0xE0080),
     *range(0xE0100, 0xE01F0)],
    None,
)
_HIDDEN = {code: None for code in INVISIBLE if code != ord(ZERO_WIDTH_SPACE)}
_LETTER = r"[^\W\d_]"
# letters joined by zero-width spaces; the look-behind starts it only at a word's start, so it is linear
_ZW_RUN = re.compile(rf"(?<!{_LETTER}){_LETTER}++(?:\u200b++{_LETTER}++)++")
_ZW_SPLIT = re.compile("\u200b+")
_LONGEST_WORD = 40  # nothing longer is in a dictionary: not looked up


def strip_invisible(text: str) -> str:
    """Remove invisible characters; a zero-width space between letters becomes a space when it parts words.

    It parts words when the letters on its two sides are not one dictionary word glued together but at
    least one side is a word of its own (and a one-letter side is a function word: «в», «и», "a"):
    «когда\u200bбыла» is two words, «ко\u200bгда» and «Ali\u200byev» one. Several in a row are tried
    glued whole first, then left to right. Anywhere else (beside a space, a digit, punctuation) it goes.
    The dictionary (pymorphy3, the English lexicon) is only consulted when such a space is there.
    """
    if text.isascii():
        return text
    text = text.translate(_HIDDEN)
    if ZERO_WIDTH_SPACE not in text:
        return text
    return _ZW_RUN.sub(_part_words, text).replace(ZERO_WIDTH_SPACE, "")


def _part_words(match: re.Match[str]) -> str:
    parts = _ZW_SPLIT.split(match.group())
    if _known("".join(parts)):
        return "".join(parts)
    out: list[list[str]] = [[parts[0]]]  # words so far, each as its pieces: no quadratic gluing
    size = len(parts[0])
    for part in parts[1:]:
        left = "".join(out[-1]) if size <= _LONGEST_WORD else ""  # "": too long to be a word
        if not (left and _known(left + part)) and (_known(left) or _known(part)) \
                and (len(left) != 1 or _known(left)) and (len(part) > 1 or _known(part)):
            out.append([part])
            size = len(part)
        else:
            out[-1].append(part)
            size += len(part)
    return " ".join("".join(pieces) for pieces in out)


def _known(word: str) -> bool:
    """A word the dictionary knows (pymorphy3 for Cyrillic, the English lexicon for Latin); of one letter,
    only a function word («в», «и», "a", not «п»)."""
    return 0 < len(word) <= _LONGEST_WORD and _dictionary_word(word.lower())


@functools.lru_cache(maxsize=4096)
def _dictionary_word(word: str) -> bool:
    if all("а" <= char <= "я" or char == "ё" for char in word):
        from knowledge.text.morphology import analyse, analyzer  # loaded only when a zero-width space parts letters

        return analyse(word).function if len(word) == 1 else bool(analyzer().word_is_known(word))
    if word.isascii() and word.isalpha():
        from knowledge.text.english import analyse_en

        info = analyse_en(word)
        if len(word) == 1:
            return info.function
        # its endings are guessed («twoyears» → «twoyear»): the lemma has to be a known word by itself
        return info.known and any(analyse_en(form).known and form in analyse_en(form).forms for form in info.forms)
    return False


# ---- Latin letters with marks: folded to their English spelling, so that «Əliyev» meets "Aliyev" --------

# Letters without a decomposition, as names are spelled in English (Azerbaijani and Turkish first:
# Əliyev → Aliyev, Bakı → Baki, Şuşa → Shusha, Çingiz → Chingiz); the rest lose their marks (ğ ö ü é → g o u e).
_TRANSLITERATION = {"Ə": "A", "ə": "a", "ı": "i", "Ş": "Sh", "ş": "sh", "Ç": "Ch", "ç": "ch", "ß": "ss",
                    "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
                    "Ð": "D", "ð": "d", "Ł": "L", "ł": "l", "Þ": "Th", "þ": "th", "Ħ": "H", "ħ": "h"}


def _latin_folds() -> dict[int, str]:
    folds: dict[int, str] = {}
    for code in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B: no Cyrillic «й» here
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            folds[code] = base
    folds.update((ord(letter), spelling) for letter, spelling in _TRANSLITERATION.items())
    return folds


_LATIN = _latin_folds()

# Control characters, lone surrogates and private-use code points separate words.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufff0-\uffff]")
_DIGIT = re.compile(r"\d")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = re.compile(r"[«»„“”‟\"'`´‘’‚‹›]")
_MENTION = re.compile(r"(?<![\w@])@[a-z0-9_]{3,64}\b")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_DECIMAL = re.compile(r"(?<=\d)[,](?=\d)")
# «\s*(?:-\s*)?», not «\s*-?\s*»: the two runs of spaces could split a long run in n² ways (a ReDoS)
_YEAR_SUFFIX = re.compile(r"\b((?:19|20)\d\d)\s*(?:-\s*)?(?:ый|ий|ой|й|го|ого|м|ом|ем|е|х|ых|г|гг)\b\.?")
# «12-го октября», «5го марта», «21-го числа»: a day of a month, never a short year («22-го» ≠ 2022)
_DAY_SUFFIX = re.compile(r"\b([1-9]|[12]\d|3[01])\s*(?:-\s*)?(?:го|ого|е|ое|м|ом|й)"
                         rf"(?=\s+(?:{'|'.join(MONTHS_GENITIVE)}|числа)\b)")
# «2024-26», "2022-23": a range of years whose end keeps only its last two digits
_SHORT_RANGE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)\b")
# a date in digits: «20.09.2023», «22.04.24», "9/20/2023", "2023-09-20" — the day, the month's name, the year,
# as the month words are read (in the question's own script: Russian names for Cyrillic text, English for ASCII)
_DIGIT_DATE = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d|\d\d)\b(?![.,]\d)")
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def _date_words(day: int, month: int, year: str, english: bool) -> str | None:
    if len(year) == 2:
        year = f"20{year}"
    if english and not 1 <= month <= 12 and 1 <= day <= 12:
        day, month = month, day  # "9/20/2023": an American month first
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    name = MONTHS_EN[month - 1].lower() if english else MONTHS_GENITIVE[month - 1]
    return f" {day} {name} {year} "


def _digit_date(match: re.Match[str], *, english: bool) -> str:
    day, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
    return _date_words(day, month, year, english) or match.group(0)


def _iso_date(match: re.Match[str], *, english: bool) -> str:
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    return _date_words(day, month, year, english) or match.group(0)


def _full_range(match: re.Match[str]) -> str:
    first, end = match.group(1), match.group(2)
    return f"{first}-{first[:2]}{end}" if int(end) > int(first[2:]) else match.group(0)


# «программа на 24-26»: two two-digit numbers after «на/в/за/с» with no month after them are years (a span of
# days has a month: «24-26 марта»)
_SHORT_YEAR_RANGE = re.compile(r"\b(на|в|во|за|с|со|до)\s+([12]\d)-([12]\d)\b"
                               r"(?!\s*(?:-?[а-я]*\s+)?(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек))")
_SHORT_YEAR = re.compile(r"\b([12]\d)\s*(?:-\s*)?(?:ый|ой|й|го|ого|м|ом|х|ых)(?=\s+год|\b)")
_SHORT_YEAR_WORD = re.compile(r"\b([12]\d)(?=\s+(?:год|году|года|годом|г)\b)")
# «сколько туристов съездило в 23»: a two-digit number after «в/за/до/с» that ends the question is a year
_SHORT_YEAR_LAST = re.compile(r"\b(в|во|за|до|с|со|к|in|since|by)\s+([12]\d)\s*[?!.]*\s*$")
# «в дек 23», «в марте 24»: two digits right after a month are its year (a day comes before the month)
_MONTH_SHORT_YEAR = re.compile(r"\b(янв\w*|фев\w*|март\w*|апр\w*|ма[йяе]|июн\w*|июл\w*|авг\w*|сент\w*|окт\w*|"
                               r"нояб\w*|дек\w*)\s+([12]\d)\b(?!\s*(?:-|числ|год|г\b|\d))")
_FILLER_PHRASES = re.compile(r"\b(?:кто в курсе|в курсе|кто знает|не подскажете|подскажите пожалуйста"
                             r"|в общей сложности|в целом|итого)\b")
# «визиты, о которых известно», «…, которые имеются в справке»: what the bot knows, said of what is asked
_KNOWN_CLAUSE = re.compile(r"\b(?:(?:о|об|про) (?:которых|котором|которой)|которые) (?:(?:тебе|вам|ты|вы) )?"
                           r"(?:есть|имеются|имеется|известно|известны|знаешь|знаете)"
                           r"(?: (?:у тебя|у вас|данные|информация|сведения|в базе|в справке))*(?=\W|$)")
# «упоминается в справке», «по данным базы», "listed in the database": the source itself, no word to find
_SOURCE_CLAUSE = re.compile(
    r"\b(?:(?:упомина\w*|упомян\w*|привод\w*|приведен\w*|указан\w*|указыва\w*|перечислен\w*|описан\w*|"
    r"фигурир\w*|говорится|сказано|отмечен\w*|есть|имеются|имеется) )?"
    r"(?:в|во|по|из|согласно) (?:данным )?(?:справк[аеиуо]\w*|баз[аеыу]|базой)\b"
    r"|\b(?:(?:mentioned|listed|given|cited|named|recorded|covered) )?(?:in|according to|from|by) (?:the |your |this )?"
    r"(?:fact ?sheet|database|data ?base|knowledge base|base|background note)\b")
# «до сих пор», «по-прежнему» are one adverb, «ещё» (still): not «пора» and «прежний», content words
_STILL = re.compile(r"\b(?:до сих пор|по-прежнему)\b")
# «чаще всего» → a marker word: a ranking, answered only across periods (lexicon.RANKING_MARKERS)
_SUPERLATIVE = re.compile(r"\b(больше|меньше|чаще|реже) всего\b")
_RANKING = {"больше": "наибольше", "меньше": "наименьше", "чаще": "наичаще", "реже": "наиреже"}
_TOKEN = re.compile(r"[a-zа-я]+|\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")


def normalize(text: str, *, max_chars: int = MAX_QUERY_CHARS) -> str:
    """Lowercase, unify letters and punctuation, spell out year forms; keep words and numbers."""
    text = text[:max_chars]
    if not text.isascii():
        text = strip_invisible(unicodedata.normalize("NFKC", text)).translate(_LATIN)
    text = _CONTROL.sub(" ", text).lower().replace("ё", "е")
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub(" ", text)
    if _DIGIT.search(text):  # the number forms below all need a digit
        english = text.isascii()
        text = _ISO_DATE.sub(functools.partial(_iso_date, english=english), text)
        text = _DIGIT_DATE.sub(functools.partial(_digit_date, english=english), text)
        text = _SHORT_YEAR_RANGE.sub(lambda m: f"{m.group(1)} 20{m.group(2)}-20{m.group(3)}"
                                     if m.group(2) < m.group(3) else m.group(0), text)
        text = _SHORT_RANGE.sub(_full_range, text)
        text = _DECIMAL.sub(".", text)
        text = _YEAR_SUFFIX.sub(r"\1 ", text)
        text = _DAY_SUFFIX.sub(r"\1", text)
        text = _SHORT_YEAR.sub(lambda m: f"20{m.group(1)} ", text)
        text = _SHORT_YEAR_WORD.sub(lambda m: f"20{m.group(1)}", text)
        text = _SHORT_YEAR_LAST.sub(lambda m: f"{m.group(1)} 20{m.group(2)}", text)
        text = _MONTH_SHORT_YEAR.sub(lambda m: f"{m.group(1)} 20{m.group(2)}", text)
    if "кто" in text or "курс" in text or "подска" in text or "сложност" in text or "целом" in text or "итог" in text:
        text = _FILLER_PHRASES.sub(" ", text)
    if "котор" in text:
        text = _KNOWN_CLAUSE.sub(" ", text)
    if "справк" in text or "баз" in text or "sheet" in text or "base" in text or "note" in text:
        text = _SOURCE_CLAUSE.sub(" ", text)
    if " пор" in text or "прежнему" in text:
        text = _STILL.sub(" еще ", text)
    if "всего" in text:
        text = _SUPERLATIVE.sub(lambda m: f" {_RANKING[m.group(1)]} ", text)
    return _SPACES.sub(" ", text).strip()


# how a Russian word sounds, for typos that spell it as it is said: unstressed «о» as «а», «е» / «я» / «э» as «и»
# («тавароабарот», «инвистиции»), signs dropped («обьем»), «й» as «и», a doubled letter once («расийский»)
_SOUND = str.maketrans({"о": "а", "е": "и", "ё": "и", "я": "и", "э": "и", "й": "и", "ь": None, "ъ": None})
_DOUBLED = re.compile(r"(.)\1+")


def sound_key(word: str) -> str:
    """A Russian word as it sounds: two spellings with one key are one word mistyped by ear."""
    return _DOUBLED.sub(r"\1", word.translate(_SOUND))


def tokenize(text: str) -> list[str]:
    """Words and numbers of an already normalised text, with colloquial forms spelled out."""
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        rewrite = REWRITES.get(token)
        if rewrite is None:
            tokens.append(token)
        else:
            tokens.extend(rewrite.split())
    return tokens


def words(text: str, *, max_chars: int = MAX_QUERY_CHARS) -> list[str]:
    return tokenize(normalize(text, max_chars=max_chars))


def spell_out(text: str, rewrites: Mapping[str, str], *, lemma: Callable[[str], str] | None = None) -> str:
    """The text with a base's colloquial words (its lexicon.yaml ``rewrites``: «азер», "rf") replaced, as
    whole words in any letter case, by what they stand for — before any stage reads it. With ``lemma``, an
    inflected form of a rewritten word is replaced too («трехсторонки» as «трехсторонка»)."""
    if not rewrites or not text:
        return text

    def one(word: str) -> str | None:
        word = word.lower().replace("ё", "е")
        found = rewrites.get(word)
        if found is None and lemma is not None and len(word) > 2:
            found = rewrites.get(lemma(word))
        return found

    def replace(match: re.Match[str]) -> str:
        whole = match.group(0)
        found = one(whole)
        if found is None and "-" in whole and all(part.isalpha() and len(part) > 2 for part in whole.split("-")):
            # «студентов-азеров»: each word of a compound of words (not «азер-2», a name, nor «наш-то»)
            parts = whole.split("-")
            spelled = [one(part) or part for part in parts]
            return " ".join(spelled) if spelled != parts else whole
        return whole if found is None else found

    return _WORD.sub(replace, text)


_WORD = re.compile(r"(?<![\w-])\w+(?:-\w+)*")


def strip_mentions(text: str) -> str:
    return _MENTION.sub(" ", text)
