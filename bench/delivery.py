"""Delivery under crashes, reloads and load: the real ``factbot run`` against the local fake Bot API.

    python bench/delivery.py [--code DIR] [--only crash,reload,rate] [--out bench/out/delivery.md]

Three measurements, each with a fresh bot process (rate limiter on, as in production) talking to
tests/fakebotapi.py on 127.0.0.1:

* **crash** — 200 users ask at once; ``kill -9`` once 40 answers have arrived and every update has been
  confirmed to the fake; restart; count the questions never answered and those answered twice.
* **reload** — 10 users ask one question a second each for 12 s against a 16 000-fact base (made by
  bench/synthetic_kb.py): once with nothing else going on, once while an admin's /reload rebuilds the
  whole base (a file was edited, so nothing comes from the cache). Reply latency = the fake's time of the
  sendMessage minus the time the update was queued (long polling adds a few ms).
* **rate** — 300 users ask at once; answers per second between the 50th and the 250th answer.

``--code DIR`` runs the bot from another checkout (e.g. a ``git worktree`` of an older commit), to
compare. Prints a Markdown report and writes it to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakebotapi import FakeBotApi  # noqa: E402

QUESTION = "Какой товарооборот был в 2023 году?"
ADMIN = 424242
FIRST_USER = 600_000_000


def write_config(api: FakeBotApi, work: Path, kb: Path | None = None) -> Path:
    config = work / "config.yaml"
    knowledge = f"knowledge:\n  path: {kb}\n" if kb else ""
    config.write_text(
        f'telegram:\n  token: "{api.token}"\n  base_url: "{api.base_url}"\n  base_file_url: "{api.base_file_url}"\n'
        f"admins: [{ADMIN}]\nstorage:\n  path: state/s.sqlite3\nlogging:\n  level: WARNING\n{knowledge}",
        encoding="utf-8")
    config.chmod(0o600)
    return config


@contextmanager
def bot_process(code: Path, work: Path, config: Path, name: str) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "FACTBOT_CONFIG")}
    env.update(PYTHONPATH=str(code), XDG_CACHE_HOME=str(work / "cache"), NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost")
    with (work / f"{name}.stderr").open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)], cwd=work,
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def answers(api: FakeBotApi) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in api.calls("sendMessage") if c.ok)


# --------------------------------------------------------------------------- crash


def crash_once(code: Path, *, wait_confirmed: bool) -> str:
    """One kill -9 and restart; a table row."""
    users = [FIRST_USER + n for n in range(200)]
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi(long_poll_cap=0.5) as api:
        work = Path(tmp)
        config = write_config(api, work)
        with bot_process(code, work, config, "crash1") as first:
            api.wait_for("getUpdates", timeout=60)
            api.push_updates(api.private_message(QUESTION, user_id=user) for user in users)
            wait_until(lambda: len(api.calls("sendMessage")) >= 40, 60)
            if wait_confirmed:
                wait_until(lambda: not api.pending_updates(), 20)
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        at_kill = answers(api)
        pending = {int(u["message"]["chat"]["id"]) for u in api.pending_updates()}
        with bot_process(code, work, config, "crash2"):
            wait_until(lambda: len(answers(api)) >= len(users), 60)
            time.sleep(1.0)  # anything answered twice has arrived by now
        final = answers(api)
    journal_only = sum(1 for u in users if not at_kill[u] and u not in pending)
    never = sum(1 for u in users if final[u] == 0)
    twice = sum(1 for u in users if final[u] > 1)
    when = "once all 200 were confirmed" if wait_confirmed else "at once"
    return (f"| {when} | {sum(at_kill.values())} | {journal_only} | {len(pending)} | **{never}** | **{twice}** |")


def crash(code: Path) -> list[str]:
    return [
        "### kill -9 after 40 of 200 answers, then restart",
        "",
        "| killed | answered before the kill | confirmed to Telegram, unanswered (only the journal has them) | "
        "not yet confirmed (Telegram sends them again) | never answered | answered twice |",
        "|---|---:|---:|---:|---:|---:|",
        crash_once(code, wait_confirmed=False),
        crash_once(code, wait_confirmed=True),
    ]


# --------------------------------------------------------------------------- reload


def latencies(api: FakeBotApi, pushed: dict[int, float]) -> list[float]:
    sent = {int(c.params["chat_id"]): c.time for c in api.calls("sendMessage") if c.ok}
    return [(sent[chat] - at) * 1000 for chat, at in pushed.items() if chat in sent]


def steady_questions(api: FakeBotApi, first_user: int, seconds: float, per_second: int) -> dict[int, float]:
    """``per_second`` questions a second, each from a new user (no flood gate), for ``seconds``."""
    pushed: dict[int, float] = {}
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        due = start + n / per_second
        if due > time.monotonic():
            time.sleep(due - time.monotonic())
        user = first_user + n
        api.push_update(api.private_message(QUESTION, user_id=user))
        pushed[user] = time.monotonic()
        n += 1
    return pushed


def describe(values: list[float]) -> str:
    if not values:
        return "— | — | —"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):.0f} | {p95:.0f} | {ordered[-1]:.0f}"


def reload_wait(code: Path) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kb = work / "kb"
        subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_kb.py"), "--facts", "16000", "--out", str(kb)],
                       check=True, stdout=subprocess.DEVNULL)
        with FakeBotApi(long_poll_cap=0.5) as api:
            config = write_config(api, work, kb)
            with bot_process(code, work, config, "reload"):
                api.wait_for("getUpdates", timeout=300)  # the first start builds and caches the index
                quiet = steady_questions(api, FIRST_USER, 12, 10)
                wait_until(lambda: len(latencies(api, quiet)) >= len(quiet), 30)
                calm = latencies(api, quiet)
                part = sorted((kb / "facts").glob("*.yaml"))[0]
                part.write_text(part.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
                api.push_update(api.private_message("/reload", user_id=ADMIN))
                asked = time.monotonic()
                busy = steady_questions(api, FIRST_USER + 10_000, 12, 10)
                done = wait_until(lambda: any(c.params.get("chat_id") == ADMIN for c in api.calls("sendMessage")),
                                  120)
                took = next((c.time for c in api.calls("sendMessage") if c.params.get("chat_id") == ADMIN),
                            time.monotonic()) - asked
                wait_until(lambda: len(latencies(api, busy)) >= len(busy), 30)
                during = latencies(api, busy)
        rows = [
            "### Other users while a 16 000-fact /reload runs",
            "",
            f"The /reload took {took:.1f} s{'' if done else ' (no reply within 120 s)'}; 10 questions a second "
            "from new users, reply latency in ms:",
            "",
            "| | answered | p50 | p95 | max |",
            "|---|---:|---:|---:|---:|",
            f"| nothing else running | {len(calm)}/{len(quiet)} | {describe(calm)} |",
            f"| during the /reload | {len(during)}/{len(busy)} | {describe(during)} |",
        ]
    return rows


# --------------------------------------------------------------------------- rate


def rate(code: Path) -> list[str]:
    users = [FIRST_USER + n for n in range(300)]
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi(long_poll_cap=0.5) as api:
        work = Path(tmp)
        config = write_config(api, work)
        with bot_process(code, work, config, "rate"):
            api.wait_for("getUpdates", timeout=60)
            api.push_updates(api.private_message(QUESTION, user_id=user) for user in users)
            wait_until(lambda: len(api.calls("sendMessage")) >= 250, 120)
            sent = sorted(c.time for c in api.calls("sendMessage") if c.ok)
            actions = len(api.calls("sendChatAction"))
    if len(sent) < 250:
        return ["### Answers per second", "", f"only {len(sent)} of 300 answered within 120 s"]
    per_second = 200 / (sent[249] - sent[49])
    return [
        "### Answers per second through the rate limiter",
        "",
        "| answers/s (50th → 250th) | the limiter's rate | typing actions sent |",
        "|---:|---:|---:|",
        f"| **{per_second:.1f}** | 30 | {actions} |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose bot to run")
    parser.add_argument("--only", default="crash,reload,rate")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "delivery.md")
    args = parser.parse_args()
    for name in ("NO_PROXY", "no_proxy"):
        os.environ[name] = "127.0.0.1,localhost"
    chosen = [part.strip() for part in args.only.split(",") if part.strip()]
    lines = ["## Delivery", "", f"Code: `{args.code}`; {os.cpu_count()} cores; Python {sys.version.split()[0]}.", ""]
    for name, measure in (("crash", crash), ("reload", reload_wait), ("rate", rate)):
        if name in chosen:
            started = time.monotonic()
            lines += measure(args.code.resolve())
            lines += ["", f"({time.monotonic() - started:.0f} s)", ""]
            print("\n".join(lines[-2:]), file=sys.stderr)
    report = "\n".join(lines)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
