"""/reload under load: 1000 questions from 100 chats while an admin reloads 20 times.

The reloads alternate between a good base and a broken one (a YAML syntax error in an
extra file). The two good bases, A (the bundled base) and B, differ in the text of one
fact. Updates of different chats are handled concurrently (bot/delivery.py), so a
question pushed after a /reload may still be answered by the base before it while the
reload runs: every question must get exactly one reply, equal to one base's rendering of
the answer — A's or B's, never a mix — and never the apology; the reload replies
alternate «Загружено…» / «База не загружена…».

The second test makes answers and reloads overlap in threads directly: threads answering
(as ``answer_question`` does: read ``holder.engine`` once, answer, render) while another
thread reloads the same 20 times.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import StartBot
from fakebotapi import Call

from handlers.guards import APOLOGY
from handlers.render import answer_html
from knowledge.engine import Engine
from knowledge.holder import EngineHolder

CHATS = 100
PER_CHAT = 10
RELOADS = 20
DEVELOPING = "Как развивается торгово-экономическое сотрудничество России и Азербайджана?"
OLD_WORDS, NEW_WORDS = "успешно развивается", "успешно и динамично развивается"
QUESTIONS = [
    DEVELOPING,
    "Какой товарооборот был в 2023 году?",
    "Когда установлены дипломатические отношения?",
    DEVELOPING,
    "На сколько вырос товарооборот в 2022 году?",
    "привет",
    "Какая погода будет завтра в Москве?",
    "где встречались путин и алиев",
    DEVELOPING,
    "какие соглашения подписаны",
]
FIRST_CHAT = 500_000_001
BROKEN_YAML = "facts:\n  - id: broken\n    text: [this list is never closed\n"


def set_text(kb: Path, words: str) -> None:
    """Base A (OLD_WORDS) or base B (NEW_WORDS): one fact's text differs."""
    path = kb / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8")
    other = OLD_WORDS if words == NEW_WORDS else NEW_WORDS
    text = text.replace(f"Азербайджаном {other}.", f"Азербайджаном {words}.")
    assert f"Азербайджаном {words}." in text
    path.write_text(text, encoding="utf-8")


def set_broken(kb: Path, broken: bool) -> None:
    path = kb / "facts" / "zz-broken.yaml"
    if broken:
        path.write_text(BROKEN_YAML, encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


async def test_a_thousand_questions_while_reloading_twenty_times(
        start_bot: StartBot, kb_copy: Path, bundled_engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    started = time.monotonic()
    engine_a = bundled_engine
    set_text(kb_copy, NEW_WORDS)
    engine_b = Engine.from_path(kb_copy)
    set_text(kb_copy, OLD_WORDS)
    expected = {name: {q: answer_html(engine.answer(q)) for q in set(QUESTIONS)}
                for name, engine in (("A", engine_a), ("B", engine_b))}
    assert OLD_WORDS in expected["A"][DEVELOPING] and NEW_WORDS not in expected["A"][DEVELOPING]
    assert NEW_WORDS in expected["B"][DEVELOPING] and OLD_WORDS not in expected["B"][DEVELOPING]
    facts = len(engine_a.base.facts)
    assert len(engine_b.base.facts) == facts

    bot = await start_bot(flood_messages=50)  # the admin sends 20 commands; the chats 10 questions each
    admin = bot.admin_id
    chats = [FIRST_CHAT + n for n in range(CHATS)]
    # question j of every chat before question j + 1 of any: each chat's questions spread over the run
    stream = [(chat, QUESTIONS[(n + j) % len(QUESTIONS)]) for j in range(PER_CHAT) for n, chat in enumerate(chats)]
    chunks = [stream[k * len(stream) // (RELOADS + 1):(k + 1) * len(stream) // (RELOADS + 1)]
              for k in range(RELOADS + 1)]
    pushed: list[tuple[int, int, str]] = []  # (update_id, chat, question)
    reload_ids: list[int] = []

    def push_chunk(k: int) -> None:
        for chat, question in chunks[k]:
            update = bot.api.push_update(bot.api.private_message(question, user_id=chat))
            pushed.append((update["update_id"], chat, question))

    def admin_replies() -> list[Call]:
        return [c for c in bot.api.calls("sendMessage") if c.params.get("chat_id") == admin and c.status is not None]

    push_chunk(0)
    for k in range(RELOADS):
        # reload k reads: B, broken, A, broken, B, broken, …; the files change only after reload k-1 replied
        good = k % 2 == 0
        if good:
            set_text(kb_copy, NEW_WORDS if k % 4 == 0 else OLD_WORDS)
        set_broken(kb_copy, not good)
        reload_ids.append(bot.api.push_update(bot.api.private_message("/reload", user_id=admin))["update_id"])
        push_chunk(k + 1)  # questions queue up behind the reload while it runs
        await bot.api.wait_for_async("sendMessage", k + 1, 20, where=lambda c: c.params.get("chat_id") == admin)
    total = CHATS * PER_CHAT
    await bot.api.wait_for_async("sendMessage", total, 40, where=lambda c: c.params.get("chat_id") in set(chats))
    await bot.barrier()

    # the reload replies alternate, and say what happened
    replies = admin_replies()
    assert len(replies) == RELOADS and all(c.ok for c in replies)
    for k, reply in enumerate(replies):
        text = reply.result["text"]
        if k % 2 == 0:
            assert text == f"Загружено {facts} фактов (+0 −0 ~1)", (k, text)
        else:
            assert text.startswith(f"База не загружена, работает прежняя ({facts} фактов). Ошибки:"), (k, text)
            assert "zz-broken.yaml" in text

    # which base serves each question: the last good reload pushed before it, or (still running) the one before
    def serving(update_id: int) -> set[str]:
        done = [k for k, rid in enumerate(reload_ids) if rid < update_id and k % 2 == 0]
        now = "A" if not done or done[-1] % 4 == 2 else "B"
        return {now} if len(done) < 1 else {"A", "B"}

    by_chat: dict[int, list[Call]] = {chat: [] for chat in chats}
    for call in bot.api.calls("sendMessage"):
        if call.params.get("chat_id") in by_chat:
            by_chat[call.params["chat_id"]].append(call)
    asked: dict[int, list[tuple[int, str]]] = {chat: [] for chat in chats}
    for update_id, chat, question in pushed:
        asked[chat].append((update_id, question))
    mixed: list[Any] = []
    served = {"A": 0, "B": 0}
    for chat in chats:
        calls = by_chat[chat]
        assert len(calls) == PER_CHAT, (chat, [c.params["text"][:40] for c in calls])  # one reply per question
        for call, (update_id, question) in zip(calls, asked[chat], strict=True):
            assert call.ok, call.result
            text = call.params["text"]
            assert text != APOLOGY
            bases = [b for b in sorted(serving(update_id)) if text == expected[b][question]]
            assert bases, (chat, question, text[:200])  # wholly one base's answer
            served[bases[0]] += question == DEVELOPING
            if question == DEVELOPING and (OLD_WORDS in text) == (NEW_WORDS in text):
                mixed.append(text)
    assert not mixed
    last_good = max(k for k in range(RELOADS) if k % 2 == 0)
    last = expected["A" if last_good % 4 == 2 else "B"][DEVELOPING]
    assert answer_html(bot.services.holder.engine.answer(DEVELOPING)) == last  # the last good reload serves
    assert served["A"] > 50 and served["B"] > 50  # both bases really served the changing question
    assert bot.services.storage.stats()["overall"]["questions"] == total

    assert not bot.handler_errors()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    # the update journal waits JOURNAL_BUSY_MS for the store and then lets the answer go on without it, by design:
    # on a loaded machine that may happen here (every answer was checked above); any other warning may not
    journal_ops = ("journal", "journal_many", "is_handled", "mark_handled")  # every write with JOURNAL_BUSY_MS
    journal_busy = [w for w in warnings if w.startswith(tuple(f"storage failed ({op}:" for op in journal_ops))
                    and "busy" in w]
    others = [w for w in warnings if w not in journal_busy]
    assert others == ["reload rejected: 1 problem(s)"] * (RELOADS // 2), warnings
    assert time.monotonic() - started < 60



def test_reloads_racing_answering_threads_never_mix_two_bases(
        kb_copy: Path, bundled_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    set_text(kb_copy, NEW_WORDS)
    expected_b = answer_html(Engine.from_path(kb_copy).answer(DEVELOPING))
    set_text(kb_copy, OLD_WORDS)
    expected_a = answer_html(bundled_engine.answer(DEVELOPING))
    holder = EngineHolder(bundled_engine, path=kb_copy, use_cache=True)
    stop = threading.Event()
    seen: Counter[str] = Counter()
    wrong: list[str] = []

    def answer_all_the_time() -> None:
        while not stop.is_set():
            html = answer_html(holder.engine.answer(DEVELOPING))  # one engine per answer, as the bot does
            if html == expected_a:
                seen["A"] += 1
            elif html == expected_b:
                seen["B"] += 1
            else:
                wrong.append(html)
            time.sleep(0.001)  # leave the reloading thread a share of the GIL

    readers = [threading.Thread(target=answer_all_the_time, daemon=True) for _ in range(3)]
    for reader in readers:
        reader.start()
    results = []
    try:
        for k in range(RELOADS):
            good = k % 2 == 0
            if good:
                set_text(kb_copy, NEW_WORDS if k % 4 == 0 else OLD_WORDS)
            set_broken(kb_copy, not good)
            results.append(holder.reload())
            time.sleep(0.02)  # let the readers answer with what is now serving
    finally:
        stop.set()
        for reader in readers:
            reader.join(5)
    assert [r.ok for r in results] == [True, False] * (RELOADS // 2)
    assert all(r.problems and "zz-broken.yaml" in str(r.problems[0]) for r in results[1::2])
    assert not wrong, wrong[0]
    assert seen["A"] > 0 and seen["B"] > 0, seen
    assert answer_html(holder.engine.answer(DEVELOPING)) == expected_a  # reload 18, the last good one, read A
