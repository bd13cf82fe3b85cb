"""Turning what people type into comparable tokens: case, ё, dashes, numbers, @mentions.

Pure functions; morphology comes after this, in ``knowledge.morphology``.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.dates import MONTHS_GENITIVE
from knowledge.lexicon import REWRITES

MAX_QUERY_CHARS = 4096  # longer input is cut, never rejected

# Format characters that hide inside words («При\u200bвет»): removed, not turned into spaces.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     *range(0x2060, 0x2070), 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB],
    None,
)
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
_SHORT_YEAR = re.compile(r"\b([12]\d)\s*(?:-\s*)?(?:ый|ой|й|го|ого|м|ом|х|ых)(?=\s+год|\b)")
_SHORT_YEAR_WORD = re.compile(r"\b([12]\d)(?=\s+(?:год|году|года|годом|г)\b)")
_FILLER_PHRASES = re.compile(r"\b(?:кто в курсе|в курсе|кто знает|не подскажете|подскажите пожалуйста)\b")
# «чаще всего» → a marker word: a ranking, answered only across periods (lexicon.RANKING_MARKERS)
_SUPERLATIVE = re.compile(r"\b(больше|меньше|чаще|реже) всего\b")
_RANKING = {"больше": "наибольше", "меньше": "наименьше", "чаще": "наичаще", "реже": "наиреже"}
_TOKEN = re.compile(r"[a-zа-я]+|\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")


def normalize(text: str, *, max_chars: int = MAX_QUERY_CHARS) -> str:
    """Lowercase, unify letters and punctuation, spell out year forms; keep words and numbers."""
    text = text[:max_chars]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text).lower().replace("ё", "е")
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub(" ", text)
    if _DIGIT.search(text):  # the number forms below all need a digit
        text = _DECIMAL.sub(".", text)
        text = _YEAR_SUFFIX.sub(r"\1 ", text)
        text = _DAY_SUFFIX.sub(r"\1", text)
        text = _SHORT_YEAR.sub(lambda m: f"20{m.group(1)} ", text)
        text = _SHORT_YEAR_WORD.sub(lambda m: f"20{m.group(1)}", text)
    if "кто" in text or "курс" in text or "подска" in text:
        text = _FILLER_PHRASES.sub(" ", text)
    if "всего" in text:
        text = _SUPERLATIVE.sub(lambda m: f" {_RANKING[m.group(1)]} ", text)
    return _SPACES.sub(" ", text).strip()


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


def strip_mentions(text: str) -> str:
    return _MENTION.sub(" ", text)
