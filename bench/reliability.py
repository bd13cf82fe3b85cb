"""Reliability and security, in one run: the fault, load, authorization, secrets and shutdown
tests, the hostile input and hostile base tests, and the hostile input soak.

    python bench/reliability.py [--soak-seconds 60] [--no-soak] [--out-dir bench/out]

Runs with pytest (``-q``, a JUnit XML in ``OUT_DIR/reliability-junit.xml``):

* tests/test_reliability_faults.py   — Bot API faults injected by the fake server
* tests/test_reload_under_load.py    — /reload while 100 chats ask 1000 questions
* tests/test_authorization.py        — admin commands and the bot token
* tests/test_shutdown.py             — SIGTERM / SIGINT with an answer in flight
* tests/test_delivery.py             — kill -9 in a burst, duplicates, concurrency, per-chat order, a stuck stop
* tests/test_safe_storage.py         — a full, locked or broken store
* tests/test_safe_reads.py           — FIFOs, devices and symlinks leaving the base
* tests/test_hostile_input.py, tests/test_hostile_bases.py — if present

then ``bench/soak.py`` (if present) for ``--soak-seconds``, its report in
``OUT_DIR/reliability-soak.md``. Prints a Markdown section «Reliability» — what was
tried (inputs, faults, load) and what held (tests passed per area, the soak's
numbers) — on stdout and into ``OUT_DIR/reliability.md``; pytest's own output goes
to stderr. Exit status 1 when any test failed or errored, the soak failed, or one of
the reliability test files is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Area:
    name: str
    file: str  # relative to the repository root
    tried: str
    held: str
    required: bool = True  # a reliability file of this issue (the hostile ones are optional)
    only: Callable[[str], bool] = lambda name: True  # which test names of the file belong to the area


AREAS = (
    Area("Bot API faults", "tests/test_reliability_faults.py",
         "sendMessage 500, 502, a dropped connection, a reply held past a 0.3 s client timeout, 429 with "
         "retry_after=1; sendChatAction 500 / dropped / timed out; a chat that blocked the bot (403); "
         "editMessageText 400 «message is not modified»; sendMessage 400 «can't parse entities»; getUpdates "
         "500, 502, 500 in a row; 6 updates around two getUpdates 502s, a sendMessage 500 and a drop",
         "every answer delivered exactly once: 5xx and drops retried after the back-off, a timed-out send "
         "neither resent nor apologised for, a 429 resent after ≥ retry_after; a failed «typing…» never costs "
         "the answer; a blocked chat costs only its own answer; «not modified» is no error; unparsable HTML "
         "is resent as plain text with the same buttons; polling backs off (1 s, 1.5 s, 2.25 s) and "
         "recovers; no update lost or answered twice"),
    Area("Reload under load", "tests/test_reload_under_load.py",
         "1000 questions from 100 chats (10 each) while an admin runs /reload 20 times, alternating two good "
         "bases (one fact's text differs) and a base with a YAML syntax error; 3 threads answering while "
         "another reloads 20 times",
         "one reply per question, equal to the rendering of the base serving at that point (A's or B's, "
         "never a mix), never the apology, no error logged; the reload replies alternate «Загружено…» / "
         "«База не загружена…»; under 60 s"),
    Area("Authorization", "tests/test_authorization.py",
         "/reload, /stats, /unanswered from a non-admin in private and in groups (also /cmd@thisbot, upper "
         "case), from an anonymous group admin (also carrying the admin's id), a linked channel, a forward of "
         "an admin's message, an edit, a photo or document caption, /cmd@otherbot (also by the admin), a "
         "channel post",
         "none of them ran (holder.reload, storage.stats and storage.unanswered never called; the engine "
         "and loaded_at unchanged); a refusal is one fixed sentence, no digits, paths or problem text; the "
         "admin's /reload@thisbot works",
         only=lambda name: "token" not in name),
    Area("Secrets", "tests/test_authorization.py",
         "a whole conversation logged at DEBUG (httpx and httpcore too): answers, buttons, a send failing "
         "with the token in Telegram's error, a handler exception carrying the token, a failing poll, "
         "/stats, /unanswered, a rejected /reload",
         "the token, plain or URL-encoded, in no log line (the URLs were logged, redacted), no message sent, "
         "no /stats output, no error shown to a user",
         only=lambda name: "token" in name),
    Area("Shutdown", "tests/test_shutdown.py",
         "`python -m bot run` as a process; SIGTERM, and SIGINT, while one answer is held 1 s in flight and "
         "another chat's question arrives",
         "both answers delivered (the other chat's not held behind the slow one), exit 0 within 10 s, the "
         "updates confirmed, SQLite closed cleanly (no -wal with content, integrity_check ok, both questions "
         "recorded)"),
    Area("Delivery", "tests/test_delivery.py",
         "`factbot run` killed with SIGKILL after 15 of 90 answers once every update was confirmed, then "
         "restarted; an update delivered twice, and two copies in one batch; an admin's /reload stuck for "
         "seconds while another user asks; a question and its follow-up with the first answer slow; a stop "
         "while a handler hangs; a journal left by a crash",
         "every question answered exactly once after the restart; duplicates skipped; the other user "
         "answered at once; the follow-up answered after, and continuing, the first; the stop done within "
         "the grace and the hung update kept for the next start; the crashed run's update answered at start"),
    Area("Store failures", "tests/test_safe_storage.py",
         "the SQLite store full (SQLITE_FULL), locked by another connection (BEGIN EXCLUSIVE), or raising "
         "on every call; 20 writes against a slow store with a backlog of 3",
         "every answer delivered, no apology, /language applied at once, answers not delayed by the 5 s "
         "lock wait, one warning a minute at most, /stats says the store is down, the backlog bounded"),
    Area("Safe reads", "tests/test_safe_reads.py",
         "FIFOs, sockets and device nodes in the base, a base file and a source text linked to /dev/zero, "
         "a symlink to a secret file outside the base, /proc files reporting size 0, non-UTF-8 and binary "
         "files, symlinks inside the base",
         "refused by name within seconds and bounded memory, never opened in blocking mode, never quoted; "
         "links inside the base load; the content hash and a /reload refuse too, the old base serving"),
    Area("Hostile input", "tests/test_hostile_input.py",
         "hypothesis over arbitrary Unicode (control, RTL, zero-width, combining, emoji, lone surrogates), "
         "HTML/Markdown injection, SQL and template text, punctuation, numbers, the base's words, texts up "
         "to 100 000 characters; hostile bytes through `factbot ask -`",
         "the engine never raises; the HTML is valid Telegram HTML, every part ≤ 4096 characters; callback "
         "data ≤ 64 bytes; one JSON line per input line",
         required=False),
    Area("Hostile bases", "tests/test_hostile_bases.py",
         "YAML alias bombs, a 100 MB file, deep nesting, binary and unreadable files, symlink loops, a file "
         "deleted while read, 10 000 files, duplicate ids, missing sources — through the API, `factbot "
         "check`, /reload's holder and its cached variant",
         "rejected with `file:line: message`, in bounded time and memory; the serving engine kept",
         required=False),
)


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped


def module_of(file: str) -> str:
    return file.removesuffix(".py").replace("/", ".")


def read_junit(path: Path, areas: list[Area]) -> tuple[dict[str, Tally], float]:
    """Tests passed / failed / skipped per area, and pytest's total time."""
    tallies = {area.name: Tally() for area in areas}
    root = ET.parse(path).getroot()
    seconds = sum(float(suite.get("time", 0)) for suite in root.iter("testsuite"))
    for case in root.iter("testcase"):
        classname, name = case.get("classname", ""), case.get("name", "")
        area = next((a for a in areas if classname.endswith(module_of(a.file)) and a.only(name)), None)
        if area is None:
            continue
        tally = tallies[area.name]
        if case.find("failure") is not None or case.find("error") is not None:
            tally.failed += 1
            tally.failures.append(f"{area.file}::{name}")
        elif case.find("skipped") is not None:
            tally.skipped += 1
        else:
            tally.passed += 1
    return tallies, seconds


def run_tests(areas: list[Area], junit: Path) -> int:
    files = sorted({area.file for area in areas})
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", *files]
    print("$ " + " ".join(["python", "-m", "pytest", *command[3:]]), file=sys.stderr, flush=True)
    return subprocess.run(command, cwd=ROOT, stdout=sys.stderr, stderr=sys.stderr, check=False).returncode


@dataclass
class Soak:
    code: int
    seconds: float
    report: str
    command: str


def run_soak(seconds: float, out: Path) -> Soak | None:
    script = ROOT / "bench" / "soak.py"
    if not script.exists():
        return None
    args = ["--seconds", f"{seconds:g}", "--seed", "1", "--out", str(out)]
    print(f"$ python bench/soak.py {' '.join(args)}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    sys.stderr.write(done.stderr)
    return Soak(done.returncode, time.perf_counter() - started, done.stdout,
                f"python bench/soak.py --seconds {seconds:g} --seed 1")


def soak_lines(soak: Soak) -> list[str]:
    """The soak's numbers, read from its Markdown report (shown raw if its format is not recognised)."""
    text = soak.report
    head = re.search(r"(\d+) texts in ([\d.]+) s \((\d+) answered\)", text)
    checks = dict(re.findall(r"^\| (exceptions|invalid HTML|other violations) \(must be 0\) \| (\d+) \|$",
                             text, flags=re.MULTILINE))
    buckets = re.findall(r"^\| ([≤>] \d+ chars) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|", text,
                         flags=re.MULTILINE)
    status = "held" if soak.code == 0 else f"FAILED (exit {soak.code})"
    if head is None or len(checks) != 3:
        return [f"Soak (`{soak.command}`): {status}; its report:", "", *[f"    {line}" for line in
                                                                         text.splitlines()]]
    lines = [
        f"Soak (`{soak.command}`): {head.group(1)} hostile texts in {head.group(2)} s through "
        f"`Engine.answer`, `answer_html`, `split_html` and `keyboard` ({head.group(3)} answered) — {status}: "
        f"exceptions {checks['exceptions']}, invalid HTML {checks['invalid HTML']}, other violations "
        f"{checks['other violations']}.",
        "",
        "| input size | texts | answer p50 ms | answer p99 ms | answer max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {size} | {count} | {p50} | {p99} | {top} |" for size, count, p50, p99, top in buckets]
    return lines


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(areas: list[Area], missing: list[Area], tallies: dict[str, Tally], seconds: float,
             soak: Soak | None, pytest_code: int) -> str:
    total = sum(t.total for t in tallies.values())
    passed = sum(t.passed for t in tallies.values())
    failed = sum(t.failed for t in tallies.values())
    skipped = sum(t.skipped for t in tallies.values())
    today = dt.date.today().isoformat()
    lines = [
        "## Reliability",
        "",
        f"`python bench/reliability.py` ({today}, Python {platform.python_version()}, against the fake Bot API "
        f"on 127.0.0.1): {passed} of {total} tests passed, {failed} failed, {skipped} skipped, in "
        f"{seconds:.1f} s.",
        "",
        "| area | tried (inputs, faults, load) | held | passed |",
        "|---|---|---|---:|",
    ]
    for area in areas:
        tally = tallies[area.name]
        result = f"{tally.passed}/{tally.total}" + (f" ({tally.skipped} skipped)" if tally.skipped else "")
        if tally.failed:
            result += f" — **{tally.failed} failed**"
        lines.append(f"| {area.name} | {cell(area.tried)} | {cell(area.held)} | {result} |")
    for area in missing:
        state = "**missing**" if area.required else "not present"
        lines.append(f"| {area.name} | `{area.file}` {state} | — | — |")
    lines.append("")
    if soak is not None:
        lines += [*soak_lines(soak), ""]
    else:
        lines += ["Soak: bench/soak.py not present.", ""]
    failures = [name for t in tallies.values() for name in t.failures]
    if failures or (pytest_code not in (0, 5) and not failed):
        lines += ["Failed:", ""] + [f"- `{name}`" for name in failures]
        if not failures:
            lines.append(f"- pytest exited with status {pytest_code} (see its output)")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak-seconds", type=float, default=60.0, help="how long the soak runs (default: 60)")
    parser.add_argument("--no-soak", action="store_true", help="skip bench/soak.py")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    out.mkdir(parents=True, exist_ok=True)

    present = [a for a in AREAS if (ROOT / a.file).exists()]
    missing = [a for a in AREAS if not (ROOT / a.file).exists()]
    junit = out / "reliability-junit.xml"
    junit.unlink(missing_ok=True)
    code = run_tests(present, junit)
    if junit.exists():
        tallies, seconds = read_junit(junit, present)
    else:  # pytest could not even start
        tallies, seconds = {a.name: Tally() for a in present}, 0.0
    soak = None if args.no_soak else run_soak(args.soak_seconds, out / "reliability-soak.md")

    text = markdown(present, missing, tallies, seconds, soak, code)
    sys.stdout.write(text)
    (out / "reliability.md").write_text(text, encoding="utf-8")
    failed = (code != 0 or not junit.exists() or any(t.failed for t in tallies.values())
              or any(a.required for a in missing) or (soak is not None and soak.code != 0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
