"""Hostile input end to end: whatever a user types, the engine answers and Telegram can show it.

Properties, checked with hypothesis on the bundled base over arbitrary Unicode
(control characters, RTL and zero-width marks, combining accents, emoji, lone
surrogates), HTML/Markdown injection, SQL- and template-looking text, bare
punctuation and numbers, real question words and names from the base, and a few
texts up to 100 000 characters:

* ``Engine.answer`` never raises and returns an Answer whose ``facts`` are empty
  unless it answers;
* ``answer_html`` is valid Telegram HTML (the fake Bot API's parser *and* a strict
  validator below), every part of ``split_html`` fits in 4096 characters and is
  valid on its own, and no markup from the question reaches the HTML;
* keyboard callback data fits in 64 bytes and points at facts of the base;
* the engine bounds its work: only the first ``MAX_QUERY_CHARS`` characters are
  matched, so 100 000 characters of junk after them change nothing.

Latency is not asserted here (a timed unit test is flaky on a shared machine);
``bench/soak.py`` records it per input size with the same fragments.

The last test feeds a few hundred hostile lines (invalid UTF-8, NULs, ``\\r``
inside lines) as bytes to ``factbot ask --json -`` and expects exactly one JSON
line per input line, in order.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterable
from html import escape
from pathlib import Path

import pytest
from fakebotapi import ApiError, parse_html
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers.render import MAX_CALLBACK_BYTES, MAX_MESSAGE, answer_html, keyboard, split_html
from knowledge import bundled_path, load_knowledge
from knowledge.answers.answer import Answer
from knowledge.engine import Engine
from knowledge.text.normalize import MAX_QUERY_CHARS

SCRIPT = Path(sys.executable).parent / "factbot"
HUGE = 100_000

# ---- hostile fragments (bench/soak.py draws from the same lists) ---------------------------------------

QUESTION_WORDS = [
    "когда", "где", "сколько", "кто", "какой", "какие", "какая", "почему", "зачем", "что", "как", "чем",
    "в каком году", "в последний раз", "впервые", "все", "какие встречи", "сколько раз", "кто в курсе",
    "подскажите пожалуйста", "больше всего", "привет", "спасибо", "пока", "ты бот?",
]
INJECTION = [
    "<b>", "</b>", "<i>", "</i>", "</a>", "<a>", '<a href="javascript:alert(1)">', "<a href='javascript:x'>",
    '<a href="http://evil.example">клик</a>', "<script>alert(1)</script>", "<script>", "</script>",
    "<img src=x onerror=alert(1)>", "<br>", "<p>", "<tg-spoiler>", "<pre><code class=\"language-py\">",
    "<blockquote expandable>", "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "</", "<<>>", "&", "&amp;",
    "&lt;", "&gt;", "&quot;", "&#39;", "&#0;", "&#x110000;", "&nbsp;", "&amp", "&#", '"', "'",
    "*bold*", "_italic_", "__u__", "~s~", "||spoiler||", "`code`", "```py\nx\n```", "[link](javascript:alert(1))",
    "![img](http://x)", "# заголовок", "> цитата", "\\", "\\*", "/start", "/start@factbot_test_bot",
    "@factbot_test_bot", "@admin", "http://ria.ru", "https://example.org/?a=1&b=2", "tg://user?id=1",
    "www.evil.example",
]
SQL_AND_TEMPLATES = [
    "'; DROP TABLE facts; --", "1 OR 1=1", "' OR ''='", "UNION SELECT * FROM users", "admin'--", "%00",
    "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{config.items()}}", "{0}", "{}", "{count}", "{total}",
    "{topics}", "{example}", "%s%s%s%n", "%(x)s", "$(reboot)", "`id`", "../../etc/passwd", "\\x00", "null", "None",
    "NaN", "undefined", "true", "[]", "{}", '{"a": 1}', "\\u0000",
]
PUNCTUATION = [
    "?", "!", ".", ",", ";", ":", "…", "—", "–", "-", "‐", "−", "«", "»", "„", "“", "”", "(", ")", "[", "]", "{",
    "}", "/", "|", "@", "#", "$", "%", "^", "*", "+", "=", "~", "`", "?!?!", "...", "——", "¿", "¡", "・", "。", "،",
]
NUMBERS = [
    "0", "1", "-1", "4", "31", "32", "99", "1992", "2023", "2024", "2100", "2101", "1899", "4,4", "4.4", "1.5.6",
    "1e308", "99999999999999999999999999", "0x1F", "0b101", "١٩٩٢", "٣", "２０２３", "²", "½", "Ⅻ", "①", "፩", "𝟚𝟘𝟚𝟛",
    "22 апреля", "5 марта", "05.03.2024", "2023-й", "23-го", "в 23-м", "2022-2023", "10%", "$100", "100 млрд",
]
CONTROL = [
    "\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x1b]0;title\x07", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c", "\x1c",
    "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u2029",
]
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
    "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad", "\u061c", "\u180e", "\u2060", "\u00a0", "\u3000", "\u2003",
]
COMBINING = [
    "\u0301", "\u0300", "\u0308", "\u0336", "\u20dd", "e\u0301", "и\u0306", "е\u0308", "Е\u0308",
    "З\u0337\u0322а\u0338л\u0336г\u0335о\u0337", "п\u0301у\u0301т\u0301и\u0301н\u0301",
]
EMOJI = ["😀", "🇷🇺", "🇦🇿", "🤝", "👨‍👩‍👧‍👦", "🏳️‍🌈", "1️⃣", "©️", "👍🏽", "\U0001f9ff", "🀄", "\U000e0067"]
SURROGATES = ["\ud800", "\udfff", "\udbff", "\ud83d", "\ude00", "\udc00\ud800", "\ud83d\ude00"]
OTHER_SCRIPTS = [
    "مرحبا", "שלום", "你好", "こんにちは", "한국어", "Əliyev", "İlham", "Azərbaycan", "ş", "ğ", "ß", "ﬁ", "﷽", "㍻",
    "ǅ", "ﾊﾝｶｸ", "Ｆｕｌｌ", "ΑΒΓ", "ʼ", "\ue000", "\uf8ff", "\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\U0001d400",
]

FRAGMENT_GROUPS: dict[str, list[str]] = {
    "question": QUESTION_WORDS,
    "injection": INJECTION,
    "sql_template": SQL_AND_TEMPLATES,
    "punctuation": PUNCTUATION,
    "numbers": NUMBERS,
    "control": CONTROL,
    "invisible": INVISIBLE,
    "combining": COMBINING,
    "emoji": EMOJI,
    "surrogates": SURROGATES,
    "scripts": OTHER_SCRIPTS,
}
SEPARATORS = ["", " ", " ", " ", "  ", "\n", ", ", "?", "\u200b", "\t", "\x00"]


def base_words(engine: Engine) -> list[str]:
    """Names, aliases and the words of the stock questions of a base: what real questions are made of."""
    found: dict[str, None] = {}
    for entity in engine.base.entities.values():
        found[entity.name] = None
        for alias in entity.aliases:
            found[alias] = None
    for fact in engine.base.facts:
        for question in fact.questions:
            found[question] = None
            for word in question.split():
                found[word] = None
    return [w for w in found if w]


def base_questions(engine: Engine) -> list[str]:
    return [q for fact in engine.base.facts for q in fact.questions]


# ---- validating Telegram HTML -----------------------------------------------------------------------------

TELEGRAM_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                           "blockquote", "tg-spoiler"})
_STRICT_TAG = re.compile(r'<(/?)([a-z][a-z-]*)(\s+href="([^"<>]*)")?>')
_STRICT_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_SAFE_SCHEMES = ("http://", "https://", "tg://")


def html_problem(html: str) -> str | None:
    """Why Telegram would reject (or we would not send) this HTML; None when it is fine.

    Two checks: the fake Bot API's parser (what Telegram accepts), then a stricter one
    (what we promise to send): only Telegram's tags, ``href`` only on ``<a>`` and only
    to http(s)/tg links, balanced and properly nested, no bare ``<``, ``>`` or ``&``, and
    only the entities ``&lt; &gt; &amp; &quot;`` and numeric ones."""
    try:
        parse_html(html)
    except ApiError as exc:
        return f"the Bot API parser rejects it: {exc.description}"
    stack: list[str] = []
    at = 0
    while at < len(html):
        char = html[at]
        if char == "<":
            match = _STRICT_TAG.match(html, at)
            if match is None:
                return f"bare or malformed '<' at {at}: {html[at:at + 30]!r}"
            closing, name, attribute, href = match.groups()
            if name not in TELEGRAM_TAGS:
                return f"tag <{name}> at {at} is not a Telegram tag"
            if closing:
                if attribute:
                    return f"attributes on a closing tag at {at}"
                if not stack or stack[-1] != name:
                    return f"</{name}> at {at} does not close {stack[-1] if stack else 'anything'}"
                stack.pop()
            else:
                if name == "a" and (href is None or not href.startswith(_SAFE_SCHEMES)):
                    return f"link without a safe href at {at}: {match.group(0)!r}"
                if name != "a" and attribute:
                    return f"href on <{name}> at {at}"
                stack.append(name)
            at = match.end()
        elif char == "&":
            match = _STRICT_ENTITY.match(html, at)
            if match is None:
                return f"bare or unknown entity at {at}: {html[at:at + 12]!r}"
            at = match.end()
        elif char == ">":
            return f"bare '>' at {at}"
        else:
            at += 1
    if stack:
        return f"unclosed tags: {stack}"
    return None


def tags_of(html: str) -> set[str]:
    return set(re.findall(r"<[^>]*>", html))


# ---- the engine and its renderings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path()


_ENGINE = Engine(load_knowledge())  # for building strategies at import time
BASE_WORDS = base_words(_ENGINE)
SOURCE_URLS = frozenset(s.url for s in _ENGINE.base.sources.values())
# our own markup: plain Telegram tags, and links to the base's sources only
ALLOWED_MARKUP = frozenset({f"<{name}>" for name in TELEGRAM_TAGS - {"a"}} | {f"</{name}>" for name in TELEGRAM_TAGS}
                           | {f'<a href="{escape(url, quote=True)}">' for url in SOURCE_URLS})
FACT_IDS = frozenset(f.id for f in _ENGINE.base.facts)


def check_answer(engine: Engine, text: str, answer: Answer) -> None:
    """Every promise an answer makes about itself and its Telegram rendering."""
    assert isinstance(answer, Answer)
    assert answer.question == text
    assert answer.kind in ("answer", "list", "suggest", "partial", "decline", "smalltalk")
    assert answer.reply.strip()
    if answer.answered:
        assert answer.facts and answer.kind in ("answer", "list")
        assert set(answer.facts) <= FACT_IDS
    else:
        assert answer.facts == ()
    json.dumps(answer.to_dict(), ensure_ascii=False)  # the --json shape always serialises

    html = answer_html(answer)
    problem = html_problem(html)
    assert problem is None, (problem, html)
    # nothing of the question reaches the HTML (were it ever shown, it would have to be escaped)...
    assert html == answer_html(dataclasses.replace(answer, question="")), "the question reached the HTML"
    # ... and the only markup is our own: no tag, attribute or link from the input
    assert tags_of(html) <= ALLOWED_MARKUP, tags_of(html) - ALLOWED_MARKUP
    for part in split_html(html):
        assert len(part) <= MAX_MESSAGE
        problem = html_problem(part)
        assert problem is None, (problem, part)

    markup = keyboard(answer)
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            assert button.text.strip()
            data = button.callback_data
            assert isinstance(data, str) and 0 < len(data.encode()) <= MAX_CALLBACK_BYTES, data
            action, *keys = data.split(":")
            assert action.removesuffix(".en") in ("q", "r", "a") and keys
            for key in keys:
                assert engine.fact_by_key(key) is not None, data


def same_answer(a: Answer, b: Answer) -> bool:
    """Equal in everything but the question they were asked with."""
    return dataclasses.replace(a, question="").to_dict() == dataclasses.replace(b, question="").to_dict()


# ---- strategies -------------------------------------------------------------------------------------------

_any_char = st.characters(exclude_categories=())  # every code point, lone surrogates included
_fragment = st.one_of(
    *(st.sampled_from(group) for group in FRAGMENT_GROUPS.values()),
    st.sampled_from(BASE_WORDS),
    st.sampled_from(BASE_WORDS),
    st.text(_any_char, max_size=12),
)
_separator = st.sampled_from(SEPARATORS)
mixed_text = st.lists(st.tuples(_fragment, _separator), max_size=40).map(
    lambda pairs: "".join(f + s for f, s in pairs))
short_text = st.one_of(
    mixed_text,
    mixed_text,
    st.text(_any_char, max_size=300),
    st.lists(st.sampled_from(PUNCTUATION), max_size=60).map("".join),
    st.lists(st.sampled_from(NUMBERS), max_size=30).map(" ".join),
    st.sampled_from(base_questions(_ENGINE)),
)


def _repeat_to(pattern: str, size: int) -> str:
    return (pattern * (size // max(1, len(pattern)) + 1))[:size] if pattern else " " * size


huge_text = st.builds(
    lambda head, pattern, size: head + _repeat_to(pattern, size - len(head)),
    st.one_of(st.just(""), st.sampled_from(base_questions(_ENGINE))),
    st.one_of(mixed_text.filter(bool), st.text(_any_char, min_size=1, max_size=30)),
    st.one_of(st.integers(MAX_QUERY_CHARS - 4, MAX_QUERY_CHARS + 4), st.integers(MAX_QUERY_CHARS + 1, HUGE)),
)
# mostly short texts, with a few huge ones among them
hostile_text = st.integers(0, 39).flatmap(lambda k: huge_text if k == 0 else short_text)


# ---- properties -------------------------------------------------------------------------------------------


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=hostile_text)
@example(text="")
@example(text="<script>alert(1)</script> когда установлены дипломатические отношения")
@example(text='</a><a href="javascript:alert(1)">когда</a> &amp; путин <b>алиев')
@example(text="'; DROP TABLE facts; -- {{7*7}} ${7*7} {count} %s")
@example(text="\ud800когда\udfff установлены\u200b дипломатические\u202e отношения\x00")
@example(text="?!.,;:…—«»" * 50)
@example(text="1992 2023 4,4 ١٩٩٢ ２０２３ 𝟚𝟘𝟚𝟛")
@example(text="к\u0301огда п\u0301утин и а\u0308лиев 🇷🇺🤝🇦🇿")
@example(text="когда путин и алиев встречались " + "я" * (HUGE - 32))
@example(text="﷽" * MAX_QUERY_CHARS)
def test_any_text_gets_a_valid_answer_and_valid_telegram_html(engine: Engine, text: str) -> None:
    check_answer(engine, text, engine.answer(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=short_text, junk=st.one_of(mixed_text, st.text(_any_char, max_size=40)).filter(bool))
@example(text="когда установлены дипломатические отношения", junk=" путин алиев 2022 самарканд")
@example(text="какие встречи были у путина и алиева в 2022", junk="<b>")
def test_only_the_first_max_query_chars_are_matched(engine: Engine, text: str, junk: str) -> None:
    """A question padded to the input cap answers the same with 100 000 characters of junk after it."""
    padded = text + " " * max(0, MAX_QUERY_CHARS - len(text))
    flooded = padded + _repeat_to(junk, HUGE)
    assert same_answer(engine.answer(padded), engine.answer(flooded))


def test_a_flood_of_prefixes_after_the_cap_is_never_analysed(engine: Engine) -> None:
    """One 100 000-letter «word» of known prefixes once exhausted pymorphy's recursion in the spelling-out step."""
    question = "когда установлены дипломатические отношения"
    padded = question + " " * (MAX_QUERY_CHARS - len(question))
    assert same_answer(engine.answer(padded), engine.answer(padded + "авиа" * 25_000))
    assert engine.answer("авиа" * 25_000).kind in ("decline", "suggest", "smalltalk")


def test_words_past_the_cap_never_match(engine: Engine) -> None:
    question = "когда установлены дипломатические отношения"
    assert engine.answer(question).answered
    late = " " * MAX_QUERY_CHARS + question
    assert not engine.answer(late).answered
    assert same_answer(engine.answer(late), engine.answer(""))


# ---- invisible characters and Latin letters with marks read as the plain question ---------------------

SPACED_QUESTIONS = [
    "когда было подписано соглашение о втс",
    "когда была первая встреча путина и алиева",
    "когда путин встречался с алиевым в самарканде",
    "сколько раз встречались путин и алиев в 2023 году",
    "where did putin and aliyev meet in 2022",
]


@pytest.mark.parametrize("question", SPACED_QUESTIONS)
def test_zero_width_spaces_in_place_of_spaces_are_read_as_spaces(engine: Engine, question: str) -> None:
    spaced = engine.answer(question)
    assert spaced.answered
    glued = engine.answer(question.replace(" ", "\u200b"))
    assert (glued.answered, glued.facts) == (spaced.answered, spaced.facts)
    assert same_answer(glued, spaced)


@pytest.mark.parametrize(("hidden", "plain"), [
    ("ко\u200bгда было под\u200bпи\u200bсано со\u200bглашение о втс", "когда было подписано соглашение о втс"),
    ("когда\u200bбыло\u200bпод\u200bписано\u200bсоглашение\u200bо\u200bвтс", "когда было подписано соглашение о втс"),
    ("когда путин встре\u200eчался с али\u00adевым в самар\u2060канде",
     "когда путин встречался с алиевым в самарканде"),
])
def test_invisible_characters_inside_words_keep_the_words(engine: Engine, hidden: str, plain: str) -> None:
    assert engine.answer(plain).answered
    assert same_answer(engine.answer(hidden), engine.answer(plain))


@pytest.mark.parametrize(("azerbaijani", "english"), [
    ("when did Əliyev visit Moscow", "when did Aliyev visit Moscow"),
    ("when did İlham Əliyev visit Moscow", "when did Ilham Aliyev visit Moscow"),
    ("when was the Bakı declaration signed", "when was the Baku declaration signed"),
])
def test_azerbaijani_spellings_find_the_english_names(engine: Engine, azerbaijani: str, english: str) -> None:
    assert engine.answer(english).answered
    assert engine.answer(azerbaijani).facts == engine.answer(english).facts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=short_text, limit=st.integers(120, MAX_MESSAGE))
def test_answers_split_into_valid_parts_at_any_limit(engine: Engine, text: str, limit: int) -> None:
    """Answers are short on the bundled base, so split them with smaller limits too."""
    html = answer_html(engine.answer(text))
    parts = split_html(html, limit)
    for part in parts:
        assert len(part) <= limit
        problem = html_problem(part)
        assert problem is None, (problem, part)
    assert "".join("".join(parse_html(p)[0].split()) for p in parts) == "".join(parse_html(html)[0].split())


@pytest.mark.parametrize("html", [
    "<b>x</b>", '<a href="http://ria.ru">x</a>', "a &lt; b &amp; c &#39; &#x27; &quot;", "<i><b>x</b></i>",
])
def test_the_strict_validator_accepts_telegram_html(html: str) -> None:
    assert html_problem(html) is None


@pytest.mark.parametrize("html", [
    "<script>x</script>", "<b>x", "x</b>", "<b><i>x</b></i>", "a < b", "a > b", "a & b", "&nbsp;", "<br>",
    '<a href="javascript:alert(1)">x</a>', "<a>x</a>", '<b href="http://x">x</b>', "&#39",
])
def test_the_strict_validator_rejects_what_we_must_not_send(html: str) -> None:
    assert html_problem(html) is not None


# ---- `factbot ask --json -` on a hostile corpus -------------------------------------------------------------


def hostile_lines(seed: int, count: int) -> list[bytes]:
    """Lines of bytes (no b"\\n" inside): text fragments, invalid UTF-8, NULs, CRs, a few long lines."""
    rnd = random.Random(seed)
    groups = [*FRAGMENT_GROUPS.values(), BASE_WORDS]
    raw_bytes = [b"\xff", b"\xfe\xff", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                 b"\xc0\xaf", b"\x80\x80", b"\x00", b"\r", b"\x1b[2J", b"\xef\xbb\xbf"]
    lines: list[bytes] = [b"", b"\r", b"\x00", b"\x00" * 100, b"\xff\xfe", "когда\rустановлены\x00отношения".encode()]
    while len(lines) < count:
        parts: list[bytes] = []
        for _ in range(rnd.randint(0, 25)):
            if rnd.random() < 0.2:
                parts.append(rnd.choice(raw_bytes))
            else:
                text = rnd.choice(rnd.choice(groups))
                parts.append(text.encode("utf-8", "surrogatepass"))  # lone surrogates: invalid UTF-8 bytes
            parts.append(rnd.choice(SEPARATORS).encode())
        line = b"".join(parts)
        if rnd.random() < 0.02:
            line *= 5000 // max(1, len(line)) + 1  # a few long lines
        lines.append(line.replace(b"\n", b"\r"))
    return lines


def expected_question(line: bytes) -> str:
    return line.decode("utf-8", errors="replace").rstrip("\r\n")


def run_batch(lines: Iterable[bytes], tmp_path: Path, *, trailing_newline: bool) -> tuple[list[bytes], bytes]:
    data = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    env = {k: v for k, v in os.environ.items() if k != "FACTBOT_CONFIG"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    completed = subprocess.run([str(SCRIPT), "ask", "--json", "--kb", str(bundled_path()), "-"], input=data,
                               capture_output=True, timeout=300, env=env, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr.decode(errors="replace")
    assert b"Traceback" not in completed.stderr, completed.stderr.decode(errors="replace")
    out = completed.stdout
    assert out.endswith(b"\n")
    return out[:-1].split(b"\n"), completed.stderr


@pytest.mark.parametrize("trailing_newline", [True, False])
def test_ask_json_answers_every_hostile_line_once_in_order(tmp_path: Path, trailing_newline: bool) -> None:
    lines = hostile_lines(seed=20240422 + trailing_newline, count=300)
    if not trailing_newline:
        lines.append("последняя строка без перевода\x00".encode())
    out, _ = run_batch(lines, tmp_path, trailing_newline=trailing_newline)
    assert len(out) == len(lines)
    for line, raw in zip(lines, out, strict=True):
        record = json.loads(raw.decode("utf-8"))  # strict UTF-8: the output is always valid
        assert record["question"] == expected_question(line)
        assert record["kind"] != "error", record
        assert isinstance(record["reply"], str) and record["reply"].strip()
        assert record["answered"] or record["facts"] == []
