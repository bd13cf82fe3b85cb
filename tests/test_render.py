"""Telegram HTML rendering (handlers/render.py): escaping, buttons, and splitting long replies.

Validity is checked with the fake Bot API's HTML parser (tests/fakebotapi.py), which
rejects what Telegram rejects: unknown or unbalanced tags, bare ``<`` and ``&``.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from fakebotapi import ApiError, parse_html
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.render import (
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE,
    answer_html,
    callback,
    keyboard,
    quote_html,
    source_html,
    split_html,
)
from knowledge.answers.answer import Answer, AnswerKind, Item, SourceRef, Suggestion
from knowledge.base.model import short_key
from knowledge.engine import Engine

HOSTILE = '<b>x</b> </a> <a href="javascript:alert(1)">y</a> &amp; & < > " \' <script>'
SOURCE = SourceRef("s", "РИА Новости", "Справка", "2024-04-22", "http://ria.ru")


def visible(html: str) -> str:
    """What Telegram shows (raises ApiError for markup Telegram would reject)."""
    return parse_html(html)[0]


def make_answer(kind: AnswerKind = "answer", *, answered: bool = True, lead: str = "", texts: tuple[str, ...] = (),
                suggestions: tuple[Suggestion, ...] = (), note: str = "",
                sources: tuple[SourceRef, ...] = (SOURCE,)) -> Answer:
    items = tuple(Item(f"fact-{n}", text, "2024", "done") for n, text in enumerate(texts))
    return Answer("вопрос", kind, answered, lead, items, sources, 80.0, suggestions, note)


# --------------------------------------------------------------------------- answer_html


def test_a_single_answer_is_its_text_and_the_source_link() -> None:
    html = answer_html(make_answer(texts=("Отношения установлены в 1992 году.",)))
    assert html == ('Отношения установлены в 1992 году.\n\n'
                    'Источник: <a href="http://ria.ru">РИА Новости, 22.04.2024</a>')
    text, entities = parse_html(html)
    assert text.endswith("Источник: РИА Новости, 22.04.2024")
    label = "РИА Новости, 22.04.2024"
    assert entities == [{"offset": len(text) - len(label), "length": len(label), "type": "text_link",
                         "url": "http://ria.ru"}]


def test_every_piece_of_text_is_escaped() -> None:
    hostile_source = SourceRef("s", f"Изд {HOSTILE}", "t", "2024-04-22", 'http://x.org/?a=1&b="2"<')
    answer = make_answer("partial", answered=False, lead=f"Лид {HOSTILE}", texts=(f"Факт {HOSTILE}",),
                         suggestions=(Suggestion("f", f"Вопрос {HOSTILE}", "t"),), note=f"Заметка {HOSTILE}",
                         sources=(hostile_source,))
    html = answer_html(answer)
    text, entities = parse_html(html)  # valid Telegram HTML
    for piece in ("Лид", "Факт", "Вопрос", "Заметка", "Изд"):
        assert f"{piece} {HOSTILE}" in text
    assert html.count("<b>") == 1 and "<script>" not in html and 'href="javascript' not in html  # <b>: the date
    [link] = [e for e in entities if e["type"] == "text_link"]
    assert link["url"] == 'http://x.org/?a=1&b="2"<'
    # the item's date, the note, the source; nothing from users
    assert [e["type"] for e in entities] == ["bold", "italic", "text_link"]


def test_list_answers_are_bullets_and_suggestions_are_listed() -> None:
    html = answer_html(make_answer("list", lead="Вот что есть в базе (2):", texts=("Первый.", "Второй.")))
    assert visible(html).startswith("Вот что есть в базе (2):\n\n• 2024 — Первый.\n• 2024 — Второй.\n\nИсточник:")
    assert "<b>2024</b> — Первый." in html  # each item with its date
    declined = make_answer("decline", answered=False, lead="В базе нет ответа на этот вопрос.",
                           suggestions=(Suggestion("f", "когда установлены отношения", "t"),),
                           note="Я знаю о темах: торговля.", sources=())
    assert visible(answer_html(declined)) == ("В базе нет ответа на этот вопрос.\n\nПохожие вопросы:\n"
                                              "• когда установлены отношения\n\nЯ знаю о темах: торговля.")
    suggest = make_answer("suggest", answered=False, lead="Возможно, вас интересует:",
                          suggestions=(Suggestion("f", "вопрос", "t"),), sources=())
    assert visible(answer_html(suggest)) == "Возможно, вас интересует:"  # the buttons carry the suggestions


def test_several_sources_are_all_linked() -> None:
    other = SourceRef("t", "ТАСС", "t", "2023-01-02", "https://tass.ru/x?a=1&b=2")
    html = source_html((SOURCE, other))
    assert html == ('Источники: <a href="http://ria.ru">РИА Новости, 22.04.2024</a>; '
                    '<a href="https://tass.ru/x?a=1&amp;b=2">ТАСС, 02.01.2023</a>')
    assert [e["url"] for e in parse_html(html)[1]] == ["http://ria.ru", "https://tass.ru/x?a=1&b=2"]
    assert source_html(()) == ""


def test_quote_html_is_a_blockquote_with_the_source() -> None:
    html = quote_html(f"Цитата {HOSTILE}", SOURCE)
    text, entities = parse_html(html)
    assert text.startswith(f"Цитата {HOSTILE}\n\nИсточник:")
    assert entities[0]["type"] == "blockquote"


def test_every_fact_of_the_bundled_base_renders_as_valid_html(bundled_engine: Engine) -> None:
    for fact in bundled_engine.base.facts:
        answer = bundled_engine.answer_fact(fact.id)
        assert answer is not None
        html = answer_html(answer)
        assert visible(html).startswith(fact.text)
        assert fact.quote in visible(quote_html(fact.quote, bundled_engine.source_ref(fact.source)))


# --------------------------------------------------------------------------- buttons


def test_callback_data_over_64_bytes_is_refused() -> None:
    assert callback("t", "foreign_ministries", "12") == "t:foreign_ministries:12"
    assert len(callback("q", *["a" * 12] * 4).encode()) <= MAX_CALLBACK_BYTES
    with pytest.raises(ValueError, match="64 bytes"):
        callback("t", "ж" * 32)  # 64 bytes of Cyrillic plus the action


def test_keyboard_of_an_answer_quotes_up_to_four_facts() -> None:
    answer = make_answer("list", texts=tuple(f"Факт {n}." for n in range(6)))
    markup = keyboard(answer)
    assert markup is not None
    [[quote, related]] = markup.inline_keyboard
    assert (quote.text, related.text) == ("Цитата", "Похожие")
    assert quote.callback_data == "q:" + ":".join(short_key(f"fact-{n}") for n in range(4))
    assert related.callback_data == f"r:{short_key('fact-0')}"
    assert all(len(str(b.callback_data).encode()) <= MAX_CALLBACK_BYTES for b in (quote, related))


def test_keyboard_of_a_partial_answer_and_of_suggestions() -> None:
    long_question = "когда " + "очень " * 20 + "длинный вопрос"
    partial = make_answer("partial", answered=False, texts=("Близкий факт.",),
                          suggestions=(Suggestion("s-1", long_question, "t"), Suggestion("s-2", "короткий", "t")))
    markup = keyboard(partial)
    assert markup is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert rows[0] == [("Цитата", f"q:{short_key('fact-0')}")]
    label, data = rows[1][0]
    assert len(label) <= 60 and label.endswith("…") and long_question.startswith(label[:-1])
    assert data == f"a:{short_key('s-1')}"
    assert rows[2] == [("короткий", f"a:{short_key('s-2')}")]
    assert keyboard(make_answer("decline", answered=False, sources=())) is None
    assert keyboard(make_answer("smalltalk", answered=False, lead="Привет", sources=())) is None


# --------------------------------------------------------------------------- split_html


def test_a_short_text_is_one_message() -> None:
    assert split_html("<b>коротко</b>") == ["<b>коротко</b>"]
    assert split_html("x" * MAX_MESSAGE) == ["x" * MAX_MESSAGE]
    assert split_html("") == [""]
    assert split_html("\n \n") == [""]


def test_cuts_fall_between_lines_when_they_can() -> None:
    lines = [f"• <b>Факт {n}</b>: " + "слово " * 30 for n in range(60)]
    text = "\n".join(lines)
    parts = split_html(text)
    assert len(parts) > 1
    assert all(len(part) <= MAX_MESSAGE for part in parts)
    assert "\n".join(parts) == text  # nothing lost, nothing added: every cut was a line break
    for part in parts:
        visible(part)


def test_a_long_line_is_cut_at_spaces_never_inside_a_tag_or_entity() -> None:
    words = [f'<a href="http://x.org/{n}?a=1&amp;b=2">ссылка&amp;{n}</a> &lt;{n}&gt;' for n in range(400)]
    text = " ".join(words)
    parts = split_html(text, 200)
    assert len(parts) > 10
    for part in parts:
        assert len(part) <= 200
        assert not re.search(r"<[^>]*$|^[^<]*>|&[a-z#0-9]*$", part), part  # no tag or entity cut in two
        visible(part)
    assert " ".join(parts) == text


def test_entities_alone_are_never_split() -> None:
    text = "&amp;" * 2000
    parts = split_html(text)
    assert all(len(p) <= MAX_MESSAGE and set(visible(p)) == {"&"} for p in parts)
    assert "".join(parts) == text


def test_a_word_longer_than_a_message_is_cut_hard() -> None:
    parts = split_html("x" * 10_000)
    assert [len(p) for p in parts] == [4096, 4096, 1808]


def test_an_element_spanning_a_cut_is_closed_and_reopened() -> None:
    quote = "<blockquote>" + "слово " * 2000 + "</blockquote>\n\nИсточник: <a href=\"http://ria.ru\">РИА</a>"
    parts = split_html(quote)
    assert len(parts) == 3
    for part in parts:
        assert part.startswith("<blockquote>") and part.count("</blockquote>") == 1
        assert len(part) <= MAX_MESSAGE
        visible(part)
    assert parts[-1].endswith('<a href="http://ria.ru">РИА</a>')

    problems = "Ошибки:\n<code>" + "\n".join(f"/kb/facts/x.yaml:{n}: fact `f{n}`: " + "плохо " * 10
                                             for n in range(200)) + "</code>"
    parts = split_html(problems)
    assert len(parts) > 1
    for part in parts:
        assert part.count("<code>") == part.count("</code>") == 1
        visible(part)


def test_nested_elements_are_reopened_with_their_attributes() -> None:
    text = '<b>жирный <a href="http://x.org">ссылка ' + "слово " * 50 + "</a> конец</b>"
    parts = split_html(text, 120)
    for part in parts:
        assert len(part) <= 120
        visible(part)
    assert parts[1].startswith('<b><a href="http://x.org">')
    assert parts[-1].endswith("</a> конец</b>")


def test_a_reply_to_the_longest_list_splits_into_valid_messages(bundled_engine: Engine) -> None:
    from knowledge.engine import EngineSettings

    engine = Engine(bundled_engine.base, EngineSettings(max_list=100), index=bundled_engine.index)
    answer = engine.answer("какие встречи были")
    html = answer_html(answer)
    assert len(html) > MAX_MESSAGE
    parts = split_html(html)
    assert len(parts) >= 2
    assert "".join("".join(p.split()) for p in parts) == "".join(html.split())
    for part in parts:
        assert len(part) <= MAX_MESSAGE
        visible(part)


_WORD = st.sampled_from(["слово", "word", "&amp;", "&lt;tag&gt;", "&quot;", "12,5%", "—", "ё"])
_ELEMENT = st.sampled_from(["b", "i", "code", "blockquote", 'a href="http://x.org/?a=1&amp;b=2"', "u", "s"])


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        choice = draw(st.integers(0, 9))
        if choice == 0 and depth < 3:
            tag = draw(_ELEMENT)
            parts.append(f"<{tag}>{draw(_html(depth + 1))}</{tag.split()[0]}>")
        elif choice == 1:
            parts.append("\n")
        else:
            parts.append(draw(_WORD))
    return " ".join(parts)


@settings(max_examples=150, deadline=None)
@given(text=_html(), limit=st.integers(250, 600))  # room for the deepest nesting of opening tags
def test_every_part_is_valid_and_within_the_limit(text: str, limit: int) -> None:
    try:
        visible(text)
    except ApiError:  # pragma: no cover - the strategy writes valid HTML
        raise AssertionError(text) from None
    parts = split_html(text, limit)
    for part in parts:
        assert len(part) <= limit, part
        visible(part)
    # the visible words survive (cuts only drop the space or line break they fall on)
    assert "".join("".join(visible(p).split()) for p in parts) == "".join(visible(text).split())


# --------------------------------------------------------------------------- English answers (Answer.lang == "en")

RIA = SourceRef("s", "РИА Новости", "Справка", "2024-04-22", "http://ria.ru", publisher_en="RIA Novosti",
                language="ru")


def english(answer: Answer) -> Answer:
    return dataclasses.replace(answer, lang="en")


def test_an_english_answer_names_the_source_in_english_with_its_language() -> None:
    answer = english(make_answer(texts=("Relations were established in 1992.",), sources=(RIA,)))
    html = answer_html(answer)
    assert html == ('Relations were established in 1992.\n\n'
                    'Source: <a href="http://ria.ru">RIA Novosti, 22 Apr 2024</a> (in Russian)')
    text, entities = parse_html(html)
    label = "RIA Novosti, 22 Apr 2024"
    assert text.endswith(f"Source: {label} (in Russian)")
    assert entities == [{"offset": text.index(label), "length": len(label), "type": "text_link",
                         "url": "http://ria.ru"}]  # the language note is not part of the link
    # the same reference in a Russian answer: the Russian name and date, no note
    assert answer_html(make_answer(texts=("Т.",), sources=(RIA,))).endswith(
        'Источник: <a href="http://ria.ru">РИА Новости, 22.04.2024</a>')


def test_english_source_lines_with_and_without_a_note() -> None:
    refs = (RIA, SourceRef("t", "Reuters", "x", "2023-01-02", "https://r.com/?a=1&b=2", language="en"),
            SourceRef("u", "РИА", "x", "2023-12-31", "http://u", publisher_en="RIA"))
    assert source_html(refs, "en") == (
        'Sources: <a href="http://ria.ru">RIA Novosti, 22 Apr 2024</a> (in Russian); '
        '<a href="https://r.com/?a=1&amp;b=2">Reuters, 2 Jan 2023</a>; '  # an English source: no note
        '<a href="http://u">RIA, 31 Dec 2023</a>')  # no language stated: no note
    # no English name: the publisher as it is, the date still in English
    assert source_html((SOURCE,), "en") == 'Source: <a href="http://ria.ru">РИА Новости, 22 Apr 2024</a>'
    assert source_html((RIA,), "xx") == source_html((RIA,)) == source_html((RIA,), "ru")  # unknown: Russian


def test_an_english_source_line_is_escaped() -> None:
    odd = SourceRef("s", "x", "t", "2024-04-22", 'http://x.org/?a=1&b="2"<', publisher_en="A & <B>", language="x<y")
    html = source_html((odd,), "en")
    assert html == ('Source: <a href="http://x.org/?a=1&amp;b=&quot;2&quot;&lt;">A &amp; &lt;B&gt;, 22 Apr 2024</a>'
                    ' (in x&lt;y)')
    assert visible(html) == "Source: A & <B>, 22 Apr 2024 (in x<y)"


def test_an_english_answer_heads_its_suggestions_in_english_and_stays_escaped() -> None:
    answer = english(make_answer("partial", answered=False, lead=f"Lead {HOSTILE}", texts=(f"Fact {HOSTILE}",),
                                 suggestions=(Suggestion("f", f"Question {HOSTILE}", "t"),), note="Note",
                                 sources=(RIA,)))
    html = answer_html(answer)
    text, _ = parse_html(html)
    assert f"Related questions:\n• Question {HOSTILE}" in text
    assert "Похожие вопросы" not in text and "Источник" not in text
    assert f"Lead {HOSTILE}" in text and f"Fact {HOSTILE}" in text
    assert "<script>" not in html


def test_english_buttons_are_labelled_in_english_and_marked_for_english_replies() -> None:
    answer = english(make_answer("list", texts=tuple(f"Fact {n}." for n in range(6)),
                                 suggestions=(Suggestion("s-1", "when were relations established", "t"),)))
    markup = keyboard(answer)
    assert markup is not None
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    keys = ":".join(short_key(f"fact-{n}") for n in range(4))
    assert rows == [[("Quote", f"q.en:{keys}"), ("Related", f"r.en:{short_key('fact-0')}")],
                    [("when were relations established", f"a.en:{short_key('s-1')}")]]
    assert all(len(str(data).encode()) <= MAX_CALLBACK_BYTES for row in rows for _, data in row)
    partial = keyboard(english(make_answer("partial", answered=False, texts=("Close fact.",))))
    assert partial is not None
    assert [(b.text, b.callback_data) for b in partial.inline_keyboard[0]] == [("Quote", f"q.en:{short_key('fact-0')}")]


def test_an_english_quote_keeps_the_verbatim_words_and_says_what_they_are_about() -> None:
    html = quote_html(f"Цитата {HOSTILE}", RIA, lang="en", summary=f"Relations {HOSTILE}")
    text, entities = parse_html(html)
    assert text == (f"Цитата {HOSTILE}\n\nIn short: Relations {HOSTILE}\n\n"
                    "Source: RIA Novosti, 22 Apr 2024 (in Russian)")
    assert [e["type"] for e in entities] == ["blockquote", "text_link"]
    # without an English text: the quote and the source only; in Russian the summary is never added
    assert visible(quote_html("Цитата", RIA, lang="en")) == "Цитата\n\nSource: RIA Novosti, 22 Apr 2024 (in Russian)"
    assert visible(quote_html("Цитата", RIA, summary="Relations")) == "Цитата\n\nИсточник: РИА Новости, 22.04.2024"


def test_every_fact_of_the_bundled_base_renders_in_english_as_valid_html(bundled_engine: Engine) -> None:
    for fact in bundled_engine.base.facts:
        answer = bundled_engine.answer_fact(fact.id, lang="en")
        assert answer is not None and answer.lang == "en"
        html = answer_html(answer)
        assert visible(html).startswith(fact.text_en or fact.text)
        assert visible(html).endswith("Source: RIA Novosti, 22 Apr 2024 (in Russian)")
        quote = quote_html(fact.quote, bundled_engine.source_ref(fact.source), lang="en", summary=fact.text_en)
        assert visible(quote).startswith(fact.quote)


def test_whose_initiative_is_answered_by_the_name_beside_it(bundled_engine) -> None:  # type: ignore[no-untyped-def]
    # «по инициативе Баку»: not the two presidents the fact also names
    for question, lead in (("Кто инициировал телефонный разговор Путина и Алиева в сентябре 2023?", "Кто: Баку."),
                           ("Whose initiative was the Putin–Aliyev phone call of 21 September 2023?", "Who: Baku.")):
        answer = bundled_engine.answer(question)
        assert answer.answered and answer.reply.startswith(lead), answer.reply
