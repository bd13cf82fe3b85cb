"""Inline mode: ``@bot вопрос`` in any chat offers the answer as results to send.

A wrong answer sent into someone else's chat is worse than none, so only an answer
the engine asserts is titled as one; otherwise the results say there is no answer
and offer related questions, each clearly titled as such. Results are cached locally
per engine (a /reload empties the cache) and by Telegram for ``CACHE_TIME`` seconds.

Answers follow the user's /language (and, on "auto", the query's own language, the user's Telegram
language breaking ties). Results that depend on the user — a forced language, or a query whose
language only the user's Telegram language decides — are marked personal so that Telegram keeps them
for that user only. Telegram may still hand the shared results of an "auto" user to someone who
forced a language, for ``CACHE_TIME`` at most: the answer is then in the query's own language.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.error import TelegramError

from handlers.language import engine_language
from handlers.render import answer_html, lang_of, source_html, source_text, split_html
from handlers.services import BotContext, FloodGate, Services, Storage, off_loop, services
from knowledge import Answer, Engine, Fact, detect_language, phrases
from knowledge import short_key as fact_token

log = logging.getLogger(__name__)

MAX_RESULTS = 5
CACHE_TIME = 300  # seconds Telegram may reuse results for the same query (it cannot be told about a /reload)
LOCAL_CACHE_SIZE = 256  # queries kept per engine
MAX_QUERY = 256  # Telegram's own limit for an inline query
MAX_MESSAGE = 4096  # Telegram's limit for the text of a message
MAX_TITLE = 100
MAX_DESCRIPTION = 200
FLOOD_FACTOR = 3  # Telegram sends a query per pause in typing: allow more than for messages
TOP_POOL = 20  # most asked facts read from storage (some may be gone after a reload)

NO_ANSWER_TITLE = "Нет ответа в базе"
NOT_EXACT_TITLE = "Точного ответа в базе нет"
NO_ANSWER_DESCRIPTION = "Бот не нашёл ответа на этот вопрос в справке"
RELATED_DESCRIPTION = "Похожие вопросы — ниже"
NO_ANSWER_MESSAGE = "В базе нет ответа на вопрос «{question}»."
RELATED_TITLE = "Похожий вопрос: {question}"
CUT_MARK = "…"
NO_ANSWER_TITLE_EN = "No answer in the fact base"
NOT_EXACT_TITLE_EN = "No exact answer in the fact base"
# The words of the results per answer language
TEXTS = {
    "ru": {"no_answer": NO_ANSWER_TITLE, "not_exact": NOT_EXACT_TITLE, "no_answer_description": NO_ANSWER_DESCRIPTION,
           "related_description": RELATED_DESCRIPTION, "no_answer_message": NO_ANSWER_MESSAGE,
           "related": RELATED_TITLE},
    "en": {"no_answer": NO_ANSWER_TITLE_EN, "not_exact": NOT_EXACT_TITLE_EN,
           "no_answer_description": "The bot found no answer to this question in its fact base",
           "related_description": "Related questions below",
           "no_answer_message": "The fact base has no answer to “{question}”.",
           "related": "Related question: {question}"},
}


@dataclass
class ResultCache:
    """A small LRU of results by (engine, normalised query); a new engine empties it.

    Only the current engine is referenced, so a reload never pins the old base in memory
    and no result computed from the old base is ever served again."""

    size: int = LOCAL_CACHE_SIZE
    hits: int = 0
    _engine: Engine | None = None
    _entries: OrderedDict[tuple[int, str], tuple[InlineQueryResultArticle, ...]] = field(
        default_factory=OrderedDict)

    def get(self, engine: Engine, query: str) -> tuple[InlineQueryResultArticle, ...] | None:
        """``query``: the normalised query with what decides its language (see ``cache_key``)."""
        if engine is not self._engine:
            self._entries.clear()
            self._engine = engine
            return None
        found = self._entries.get((id(engine), query))
        if found is not None:
            self._entries.move_to_end((id(engine), query))
            self.hits += 1
        return found

    def put(self, engine: Engine, query: str, results: Sequence[InlineQueryResultArticle]) -> None:
        if engine is not self._engine:
            self._entries.clear()
            self._engine = engine
        self._entries[(id(engine), query)] = tuple(results)
        self._entries.move_to_end((id(engine), query))
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


@dataclass
class InlineState:
    """Per application: the result cache, the inline flood gate, the representative facts."""

    cache: ResultCache
    flood: FloodGate
    examples: tuple[Engine | None, tuple[str, ...]] = (None, ())


def _state(context: BotContext, found: Services) -> InlineState:
    state = context.bot_data.inline
    if not isinstance(state, InlineState):
        state = InlineState(ResultCache(), FloodGate(found.flood.limit * FLOOD_FACTOR, found.flood.window))
        context.bot_data.inline = state
    return state


# --------------------------------------------------------------------------- text helpers


def normalise_query(text: str) -> str:
    """White space collapsed, at most ``MAX_QUERY`` characters (Telegram's cap, enforced anyway)."""
    return " ".join(text[: MAX_QUERY * 4].split())[:MAX_QUERY]


def trim(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word with «…»."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:—-")
    return head + CUT_MARK


def _capitalised(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def cache_key(text: str, lang: str, hint: str | None) -> str:
    """The query with what decides the answer's language: a forced one, else the language that
    breaks a tie (the user's Telegram one); empty for an empty query."""
    if not text:
        return ""
    decides = lang if lang in ("ru", "en") else "auto-" + detect_language("", hint=hint)
    return f"{decides}:{text.casefold()}"


def personal(text: str, lang: str) -> bool:
    """Do the results depend on who asks: a forced language, or a query whose language is a tie?"""
    return lang in ("ru", "en") or detect_language(text, hint="ru") != detect_language(text, hint="en")


def fit_message(html: str, answer: Answer | None = None) -> str:
    """At most one message long; a cut body keeps the answer's source at the end."""
    if len(html) <= MAX_MESSAGE:
        return html
    source = source_html(answer.sources, answer.lang) if answer is not None else ""
    body = html[: -len(source)].rstrip() if source and html.endswith(source) else html
    tail = f"\n{CUT_MARK}" + (f"\n\n{source}" if source else "")
    return split_html(body, MAX_MESSAGE - len(tail))[0] + tail


def _article(result_id: str, title: str, description: str, html: str,
             answer: Answer | None = None) -> InlineQueryResultArticle:
    fallback = TEXTS[lang_of(answer.lang) if answer is not None else "ru"]["no_answer"]
    return InlineQueryResultArticle(
        id=result_id,
        title=trim(title, MAX_TITLE) or fallback,
        description=trim(description, MAX_DESCRIPTION) or None,
        input_message_content=InputTextMessageContent(fit_message(html, answer)),  # HTML, no preview: Defaults
    )


# --------------------------------------------------------------------------- results


def _fact_result(engine: Engine, prefix: str, fact_id: str, title: str, description: str,
                 question: str = "", lang: str = "ru") -> InlineQueryResultArticle | None:
    """A result whose message is the fact's own answer (asserted: the fact is what it says), in ``lang``."""
    answer = engine.answer_fact(fact_id, question, lang=lang)
    if answer is None:
        return None
    return _article(f"{prefix}:{fact_token(fact_id)}", title, description, answer_html(answer), answer)


def _related(engine: Engine, answer: Answer, room: int) -> list[InlineQueryResultArticle]:
    """The engine's suggestions, each titled as a related question, never as the answer."""
    out: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    lang = lang_of(answer.lang)
    for suggestion in answer.suggestions:
        if len(out) >= room or suggestion.fact_id in seen:
            continue
        seen.add(suggestion.fact_id)
        result = _fact_result(engine, "s", suggestion.fact_id,
                              TEXTS[lang]["related"].format(question=_capitalised(suggestion.question)),
                              suggestion.text, lang=lang)
        if result is not None:
            out.append(result)
    return out


def _no_answer(engine: Engine, question: str, answer: Answer) -> InlineQueryResultArticle:
    """The first result when the engine does not answer: it says so, in the list and in the message."""
    lang = lang_of(answer.lang)
    texts = TEXTS[lang]
    if answer.kind == "partial" and answer.items:  # the closest fact, introduced as not the answer
        return _article("none", texts["not_exact"], f"{answer.lead} {answer.items[0].text}", answer_html(answer),
                        answer)
    topics = ", ".join(engine.sibling(lang).topics())  # the topics named in the answer's language
    note = answer.note or phrases(lang).note_topics.format(topics=topics)
    html = escape(texts["no_answer_message"].format(question=trim(question, MAX_TITLE))) + f"\n\n<i>{escape(note)}</i>"
    title = texts["not_exact"] if answer.kind in ("suggest", "partial") else texts["no_answer"]
    description = texts["related_description"] if answer.suggestions else texts["no_answer_description"]
    return _article("none", title, description, html, answer)


def answer_results(engine: Engine, question: str, answer: Answer) -> list[InlineQueryResultArticle]:
    """Up to ``MAX_RESULTS`` results for an answer of ``question`` (not small talk)."""
    if not answer.answered:
        return [_no_answer(engine, question, answer), *_related(engine, answer, MAX_RESULTS - 1)]
    html = answer_html(answer)
    if answer.kind == "answer" and len(answer.items) == 1:
        item = answer.items[0]
        source = answer.sources[0] if answer.sources else None
        if answer.lead:
            title, description = answer.lead, item.text
        else:
            title = item.text
            description = source_text(source, answer.lang) if source else item.date
        return [_article(f"a:{fact_token(item.fact_id)}", title, description, html, answer)]
    lead = answer.lead.rstrip(" :") or trim(answer.items[0].text, MAX_TITLE)
    results = [_article("list", lead, "; ".join(item.text for item in answer.items), html, answer)]
    if 1 + len(answer.items) <= MAX_RESULTS:  # each fact on its own too, when all of them fit
        for item in answer.items:
            one = _fact_result(engine, "f", item.fact_id, item.text, item.date, question, lang=lang_of(answer.lang))
            if one is not None:
                results.append(one)
    return results


def representative_facts(engine: Engine) -> tuple[str, ...]:
    """Facts to show before anything was asked: those answering the /start examples, then one per topic."""
    ids: list[str] = []
    for example in engine.examples("ru"):
        found = engine.answer(example)
        if found.answered and found.items:
            ids.append(found.items[0].fact_id)
    for topic, _ in engine.topic_list():
        facts = engine.topic_facts(topic)
        if facts:
            ids.append(facts[0].id)
    return tuple(dict.fromkeys(ids))


def _most_asked(storage: Storage, engine: Engine) -> list[Fact]:
    try:
        ranked = storage.top_facts(TOP_POOL)
    except Exception:  # the store is unreadable: the examples still serve
        log.warning("could not read the most asked facts; showing examples", exc_info=True)
        return []
    facts = [engine.fact(fact_id) for fact_id, _ in ranked]
    return [fact for fact in facts if fact is not None]


def top_results(engine: Engine, storage: Storage, examples: Sequence[str],
                lang: str = "ru") -> list[InlineQueryResultArticle]:
    """For an empty query: the most asked facts, topped up with representative ones, in ``lang``."""
    chosen: list[Fact] = _most_asked(storage, engine)[:MAX_RESULTS]
    for fact_id in examples:
        if len(chosen) >= MAX_RESULTS:
            break
        fact = engine.fact(fact_id)
        if fact is not None and fact not in chosen:
            chosen.append(fact)
    english = lang_of(lang) == "en"
    results = [
        _fact_result(engine, "t", fact.id, _capitalised(fact.shown_question(english)),
                     (fact.text_en or fact.text) if english else fact.text, lang=lang_of(lang))
        for fact in chosen
    ]
    return [result for result in results if result is not None]


# --------------------------------------------------------------------------- the handler


async def _send(update: Update, results: Sequence[InlineQueryResultArticle], *, cache_time: int,
                personal: bool = False) -> bool:
    """Answer the query; a failure (query too old, network) is logged: nobody is waiting for it any more."""
    query = update.inline_query
    assert query is not None
    try:
        await query.answer(results, cache_time=cache_time, is_personal=personal)
    except TelegramError as exc:
        log.warning("could not answer an inline query: %s: %s", type(exc).__name__, exc)
        return False
    return True


async def inline_query(update: Update, context: BotContext) -> None:
    """``@bot вопрос`` → up to five results; an empty query → the most asked facts."""
    query = update.inline_query
    if query is None:
        return
    found = services(context)
    state = _state(context, found)
    if state.flood.check(query.from_user.id, time.monotonic()) != "ok":
        # personal and uncached: the empty list must not reach other users or outlive the window
        await _send(update, [], cache_time=0, personal=True)
        return
    started = time.perf_counter()
    engine = found.holder.engine  # one engine for the whole answer, even if a reload swaps it meanwhile
    text = normalise_query(query.query or "")
    lang, hint = engine_language(context, query.from_user)
    key = cache_key(text, lang, hint)
    results = state.cache.get(engine, key) if key else None
    cached = results is not None
    kind = "cached"
    mine = bool(key) and personal(text, lang)
    if results is None:
        answer = await off_loop(found, engine.answer, text, lang=lang, hint=hint) if key else None
        kind = answer.kind if answer is not None else "top"
        if answer is None or answer.kind == "smalltalk":  # nothing asked: what others asked
            if state.examples[0] is not engine:
                state.examples = (engine, representative_facts(engine))
            shown = lang_of(answer.lang) if answer is not None else (
                lang if lang in ("ru", "en") else detect_language("", hint=hint))
            results = tuple(top_results(engine, found.storage, state.examples[1], lang=shown))
            mine = mine or shown != "ru"  # the shared results of an empty query are the Russian ones
        else:
            results = tuple(answer_results(engine, text, answer))
            state.cache.put(engine, key, results)
    latency = (time.perf_counter() - started) * 1000
    await _send(update, results, cache_time=CACHE_TIME, personal=mine)
    log.info("inline query kind=%s results=%d cached=%s latency=%.1fms", kind, len(results), cached, latency)
