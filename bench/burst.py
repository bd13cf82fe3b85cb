"""How the real bot holds up under load, through the fake Bot API on 127.0.0.1 (issue #16.2 and #16.7).

    python bench/burst.py [--workers 4] [--out bench/out/burst.md]

The real ``Application`` (long polling, SQLite storage, the bundled base) against tests/fakebotapi.py, with
PTB's rate limiter off (it would hold the bot to Telegram's own ~30 messages/s, which is what a real bot
gets; here the bot's own capacity is measured). Three runs:

1. **Burst**: 200 users ask at once, then a new user sends /start: every reply's latency (update pushed →
   sendMessage received), and the /start's.
2. **Steady 30 messages/s** (Telegram's limit per bot) for 10 s: p50 / p99 reply latency.
3. **Throughput**: 2 000 users ask at once: replies per second until the last one.

Latency includes long polling (the fake answers a poll as soon as an update arrives) and the HTTP round
trips of getUpdates and sendMessage on loopback. The bot runs in a process of its own (as ``factbot run``
does), the fake server in this one: on this machine's 2 cores they still share the CPU. A profile (py-spy)
of the bot shows its event loop busy all along, over half of it in PTB's and httpx's work for each
sendMessage; computing the answers (in the worker pool) is a small share.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotApi  # noqa: E402  (tests/fakebotapi.py)

from bot.app import build_application, post_shutdown  # noqa: E402
from bot.config import Config  # noqa: E402
from knowledge import Engine  # noqa: E402

QUESTIONS = ("Какой товарооборот был в 2023 году?", "Когда установлены дипломатические отношения?",
             "Где встречались Путин и Алиев в 2022 году?", "Сколько азербайджанских студентов учится в России?")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _replies(api: FakeBotApi, chats: set[int], timeout: float) -> dict[int, float]:
    """chat id -> time of the first sendMessage to it, once every chat has one (or the timeout passed).
    Looks every 50 ms, at the calls not seen yet: the watching must not load the loop it measures."""
    deadline = time.monotonic() + timeout
    seen: dict[int, float] = {}
    done = 0
    while True:
        calls = api.calls()
        for call in calls[done:]:
            chat = call.params.get("chat_id") if call.method.lower() == "sendmessage" else None
            if isinstance(chat, int) and chat in chats and chat not in seen:
                seen[chat] = call.time
        done = len(calls)
        if len(seen) == len(chats) or time.monotonic() > deadline:
            return seen
        await asyncio.sleep(0.05)


async def _serve(config: Config, stop: Any) -> None:
    """The bot, in this (child) process, until ``stop`` is set."""
    engine = Engine.from_path(None).prepare()
    app = build_application(config, engine=engine, rate_limit=False)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        while not stop.is_set():
            await asyncio.sleep(0.1)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)


def serve(config: Config, stop: Any) -> None:
    asyncio.run(_serve(config, stop))


async def run(workers: int, concurrent: int, storage_url: str = "") -> dict[str, Any]:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    results: dict[str, Any] = {}
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi(long_poll_cap=0.3) as api:
        config = Config(token=api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                        storage_path=Path(tmp) / "s.sqlite3", workers=workers, flood_messages=1000,
                        concurrent_updates=concurrent, storage_url=storage_url)
        stop = spawn.Event()
        bot = spawn.Process(target=serve, args=(config, stop), daemon=True)
        bot.start()
        try:
            await api.wait_for_async("getUpdates", timeout=60)  # the bot is up and polling
            # 1. a burst of 200, then a newcomer's /start
            users = list(range(1_000_001, 1_000_201))
            pushed = {}
            for n, user in enumerate(users):
                api.push_update(api.private_message(QUESTIONS[n % len(QUESTIONS)], user_id=user))
                pushed[user] = time.monotonic()
            api.push_update(api.private_message("/start", user_id=1_000_999))
            pushed[1_000_999] = time.monotonic()
            seen = await _replies(api, set(pushed), 120)
            latencies = [(seen[u] - pushed[u]) * 1000 for u in users if u in seen]
            results["burst"] = {"answered": len(latencies), "p50": percentile(latencies, 0.5),
                                "p99": percentile(latencies, 0.99), "max": max(latencies),
                                "start": (seen[1_000_999] - pushed[1_000_999]) * 1000 if 1_000_999 in seen else None}
            # 2. steady 30 messages a second for 10 s
            steady: dict[int, float] = {}
            begin = time.monotonic()
            for n in range(300):
                user = 2_000_001 + n
                await asyncio.sleep(max(0.0, begin + n / 30 - time.monotonic()))
                api.push_update(api.private_message(QUESTIONS[n % len(QUESTIONS)], user_id=user))
                steady[user] = time.monotonic()
            seen = await _replies(api, set(steady), 60)
            latencies = [(seen[u] - steady[u]) * 1000 for u in steady if u in seen]
            results["steady"] = {"answered": len(latencies), "p50": percentile(latencies, 0.5),
                                 "p99": percentile(latencies, 0.99), "mean": statistics.fmean(latencies)}
            # 3. throughput: 2 000 at once
            many = list(range(3_000_001, 3_002_001))
            start = time.monotonic()
            api.push_updates([api.private_message(QUESTIONS[n % len(QUESTIONS)], user_id=u)
                              for n, u in enumerate(many)])
            seen = await _replies(api, set(many), 300)
            elapsed = max(seen.values()) - start if seen else float("nan")
            results["throughput"] = {"answered": len(seen), "seconds": elapsed, "per_second": len(seen) / elapsed}
        finally:
            stop.set()
            bot.join(30)
    return results


def report(results: dict[str, Any], workers: int, concurrent: int, store: str) -> str:
    b, s, t = results["burst"], results["steady"], results["throughput"]
    start = f"{b['start']:.0f} ms" if b["start"] is not None else "not answered"
    return "\n".join([
        "# The bot under load (bench/burst.py)", "",
        f"Measured {dt.date.today().isoformat()} on this machine ({os.cpu_count()} cores), {store} storage, the "
        f"bundled base, `limits.workers: {workers}`, `limits.concurrent_updates: {concurrent}`, PTB's rate "
        "limiter off, through the fake Bot API on "
        "127.0.0.1.", "",
        "| run | answered | p50 | p99 | other |", "|---|---|---|---|---|",
        f"| burst: 200 users at once | {b['answered']}/200 | {b['p50']:.0f} ms | {b['p99']:.0f} ms | "
        f"a newcomer's /start meanwhile: {start}; slowest {b['max']:.0f} ms |",
        f"| steady 30 messages/s for 10 s | {s['answered']}/300 | {s['p50']:.1f} ms | {s['p99']:.1f} ms | "
        f"mean {s['mean']:.1f} ms |",
        f"| throughput: 2 000 users at once | {t['answered']}/2000 | | | {t['per_second']:.0f} replies/s "
        f"({t['seconds']:.1f} s) |", "",
        "Targets (issue #16): /start within 1 s during the burst; p99 ≤ 50 ms at 30 messages/s; ≥ 3 000 replies/s "
        "(100 × Telegram's ~30 messages/s per bot).", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=Config().workers)
    parser.add_argument("--concurrent", type=int, default=Config().concurrent_updates,
                        help="limits.concurrent_updates: updates in flight at once")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "burst.md")
    args = parser.parse_args()
    results = asyncio.run(run(args.workers, args.concurrent))
    text = report(results, args.workers, args.concurrent, "SQLite")
    try:  # the same with PostgreSQL (tests/pgserver.py starts a throwaway server)
        from pgserver import TempPostgres

        server = TempPostgres()
        server.start()
    except (RuntimeError, OSError) as exc:
        text += f"\nPostgreSQL: not measured ({exc}).\n"
    else:
        try:
            results = asyncio.run(run(args.workers, args.concurrent, server.url))
            text += "\n" + report(results, args.workers, args.concurrent, "PostgreSQL").split("\n", 2)[2]
        finally:
            server.remove()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
