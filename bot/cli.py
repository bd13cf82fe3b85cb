"""The ``factbot`` command line: one subcommand per job, all on the same fact base code."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import __version__
from bot.config import CONFIG_ENV, Config, ConfigError, load_config
from knowledge import (
    AcceptError,
    DraftError,
    Engine,
    Fact,
    KnowledgeBase,
    KnowledgeError,
    Limits,
    accept,
    check_knowledge,
    draft_into,
    knowledge_warnings,
    load_knowledge,
)

EXAMPLES = """\
examples:
  factbot check                       validate the bundled fact base
  factbot check my_facts/             validate a directory of YAML files
  factbot facts --json | head -3      every fact as one JSON object per line
  factbot ask когда установлены дипломатические отношения
  factbot ask --quote "товарооборот в 2023 году"
  printf 'когда\nгде\n' | factbot ask --json -    one JSON answer per input line
  factbot chat                        talk to the bot in the terminal
  factbot run --config config.yaml    run the Telegram bot
  factbot draft article.txt --into kb/ --source-id ria-2025-11-27 --publisher "РИА Новости" --date 2025-11-27
  factbot accept kb/ --all            serve the reviewed drafts
"""


def _kb_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", metavar="PATH", type=Path, default=None,
                        help="fact base: a YAML file or a directory of them (default: the bundled one)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Answers questions about Russia–Azerbaijan relations from a sourced fact base.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"factbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate a fact base and report problems as file:line",
                                description="Validate a fact base; exit 0 when it is valid, 1 otherwise.")
    check.add_argument("path", nargs="?", type=Path, default=None,
                       help="a YAML file or a directory of them (default: the bundled fact base)")
    check.set_defaults(handler=run_check)

    facts = commands.add_parser("facts", help="list the facts of a fact base",
                                description="List every fact, oldest first.")
    facts.add_argument("--json", action="store_true", help="one JSON object per line")
    _kb_argument(facts)
    facts.set_defaults(handler=run_facts)

    ask = commands.add_parser("ask", help="answer a question (or one per stdin line with `-`)",
                              description="Answer a question with the same engine the bot uses.")
    ask.add_argument("question", nargs="+", metavar="QUESTION",
                     help="the question (several words are joined); `-` reads one question per stdin line")
    ask.add_argument("--json", action="store_true", help="print the answer as one JSON object per line")
    ask.add_argument("--quote", action="store_true", help="also print the verbatim quote from the source")
    _lang_argument(ask)
    _kb_argument(ask)
    _config_argument(ask)
    ask.set_defaults(handler=run_ask)

    run = commands.add_parser("run", help="run the Telegram bot (long polling, or a webhook from the config)",
                              description="Run the Telegram bot. Exit code 2: bad config, token or fact base.")
    run.add_argument("--config", metavar="PATH", type=Path, default=None,
                     help=f"config file (default: ${CONFIG_ENV} or ./config.yaml)")
    run.set_defaults(handler=run_bot)

    chat = commands.add_parser("chat", help="talk to the bot in the terminal (no token needed)",
                               description="An interactive conversation with the answer engine.")
    _lang_argument(chat)
    _kb_argument(chat)
    _config_argument(chat)
    chat.set_defaults(handler=run_chat)

    draft = commands.add_parser(
        "draft", help="draft the facts of an article into a base directory, marked for review",
        description="Add one source to a base directory: its text under texts/, and its source entry, draft "
                    "facts and proposed entities in facts/ID.yaml, every one marked `review: pending` (served "
                    "only after `factbot accept`). Never overwrites; drafting the same article twice changes "
                    "nothing. Exit 1 when it cannot be added.")
    draft.add_argument("article", type=Path, metavar="ARTICLE.txt", help="the article, UTF-8 text")
    draft.add_argument("--into", required=True, type=Path, metavar="BASE_DIR", help="the base directory")
    draft.add_argument("--source-id", required=True, metavar="ID",
                       help="the new source's id (latin, e.g. ria-2025-11-27)")
    draft.add_argument("--publisher", required=True, metavar="NAME")
    draft.add_argument("--date", required=True, metavar="YYYY-MM-DD", type=_iso_day, help="the publication date")
    draft.add_argument("--url", default="", metavar="URL")
    draft.add_argument("--title", default="", metavar="TITLE", help="default: the article's first sentence")
    draft.add_argument("--lang", choices=("ru", "en"), default="ru", help="the article's language")
    draft.set_defaults(handler=run_draft)

    accept = commands.add_parser(
        "accept", help="clear the review marks of drafted facts and entities",
        description="Accept reviewed drafts: the bot serves a fact only after it is accepted. A fact without a "
                    "date or topic is refused; the new entities an accepted fact names are accepted with it.")
    accept.add_argument("base", type=Path, metavar="BASE_DIR")
    chosen = accept.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--all", action="store_true", help="every pending fact and entity")
    chosen.add_argument("ids", nargs="*", default=[], metavar="ID", help="the facts and entities to accept")
    accept.set_defaults(handler=run_accept)

    timeline = commands.add_parser("timeline", help="dated events by year, range, person, organisation or topic",
                                   description="The events of the base in chronological order, each with its "
                                               "date: `factbot timeline 2023`, `factbot timeline 2020-2022`, "
                                               "`factbot timeline Лавров`, `factbot timeline торговля`.")
    timeline.add_argument("request", nargs="*", metavar="FILTER",
                          help="a year or range, a name, a topic, or nothing for every event")
    timeline.add_argument("--json", action="store_true", help="one JSON object per event")
    _lang_argument(timeline)
    _kb_argument(timeline)
    _config_argument(timeline)
    timeline.set_defaults(handler=run_timeline)
    return parser


def _lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("auto", "ru", "en"), default="auto",
                        help="the answer's language: the question's own (auto, the default), ru or en")


def _config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="always rebuild the index instead of reusing the compiled copy in ~/.cache/factbot")
    parser.add_argument("--config", metavar="PATH", type=Path, default=None,
                        help=f"take engine settings and the fact base from a config file (or ${CONFIG_ENV})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    _utf8_stdio()
    try:
        result: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `factbot facts --json | head`
        sys.stdout = open(  # noqa: SIM115 - silence the flush at exit
            "/dev/null", "w", encoding="utf-8"
        )
        return 0
    return result


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def summary(base: KnowledgeBase, warnings: int = 0) -> str:
    sources = len(base.sources)
    line = (f"{len(base.facts)} facts, {sources} source{'s' if sources != 1 else ''}, "
            f"{len(base.entities)} entities: OK")
    if base.pending:
        line += f", {len(base.pending)} pending review"
    return f"{line}, {warnings} warning{'s' if warnings != 1 else ''}" if warnings else line


def _iso_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def run_draft(args: argparse.Namespace) -> int:
    try:
        article = args.article.read_bytes().decode("utf-8")
    except OSError as exc:
        print(f"{args.article}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{args.article}: not UTF-8 text", file=sys.stderr)
        return 1
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", args.source_id):
        print(f"--source-id: expected lowercase latin letters, digits, '-' or '_'; got {args.source_id!r}",
              file=sys.stderr)
        return 1
    try:
        report = draft_into(args.into, article, source_id=args.source_id, publisher=args.publisher,
                            published=args.date, url=args.url, title=args.title, lang=args.lang)
    except DraftError as exc:
        for problem in exc.problems[:30]:
            print(problem, file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def run_accept(args: argparse.Namespace) -> int:
    try:
        report = accept(args.base, args.ids, everything=args.all)
    except AcceptError as exc:
        for problem in exc.problems[:30]:
            print(problem, file=sys.stderr)
        return 1
    print(report.summary())
    return 0 if report.accepted or not report.refused else 1


def run_check(args: argparse.Namespace) -> int:
    """Problems make the base invalid (exit 1); warnings are printed too but keep exit 0."""
    base, problems = check_knowledge(args.path)
    if base is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)
        return 1
    warnings = knowledge_warnings(base)
    for warning in warnings:
        print(warning, file=sys.stderr)
    for item in base.pending:  # reported, never refused: the bot does not serve them until accepted
        notes = f" — {'; '.join(item.notes)}" if item.notes else ""
        undated = "" if item.dated else " (no date yet)"
        print(f"{item.where}: pending review: {item.kind} `{item.id}`{undated}{notes}", file=sys.stderr)
    print(summary(base, len(warnings)))
    return 0


def load_or_report(path: Path | None, err: TextIO | None = None) -> KnowledgeBase | None:
    """Load a base for a command; on failure print its problems and return None."""
    err = err if err is not None else sys.stderr  # looked up now: sys.stderr may have been replaced
    try:
        return load_knowledge(path)
    except KnowledgeError as exc:
        for problem in exc.problems[:20]:
            print(problem, file=err)
        print(f"the fact base is invalid: {len(exc.problems)} problem(s); run `factbot check`", file=err)
        return None


def fact_record(base: KnowledgeBase, fact: Fact) -> dict[str, Any]:
    """A fact with its references expanded, as `factbot facts --json` prints it."""
    source = base.sources[fact.source]

    def refs(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "name": base.entities[i].name, "kind": base.entities[i].kind} for i in ids]

    return {
        "id": fact.id,
        "topic": fact.topic,
        "date": fact.date.iso,
        "status": fact.status,
        "text": fact.text,
        "quote": fact.quote,
        "participants": refs(fact.participants),
        "places": refs(fact.places),
        "organisations": refs(fact.organisations),
        "related": refs(fact.related),
        "figures": [
            {"value": f.value, "unit": f.unit, "what": f.what, "period": f.period, "qualifier": f.qualifier,
             "unit_en": f.unit_en, "what_en": f.what_en}
            for f in fact.figures
        ],
        "questions": list(fact.questions),
        "as_of": fact.as_of,
        "unstated": list(fact.unstated),
        "venue": fact.venue,
        "text_en": fact.text_en,
        "venue_en": fact.venue_en,
        "questions_en": list(fact.questions_en),
        "source": {
            "id": source.id,
            "publisher": source.publisher,
            "title": source.title,
            "published": source.published.isoformat(),
            "url": source.url,
        },
    }


def run_facts(args: argparse.Namespace) -> int:
    base = load_or_report(args.kb)
    if base is None:
        return 1
    for fact in base.facts:
        if args.json:
            print(json.dumps(fact_record(base, fact), ensure_ascii=False))
        else:
            print(f"{fact.date.iso:<23} {fact.id:<40} {fact.text}")
    return 0


def _config(args: argparse.Namespace) -> Config | None:
    """The config named by --config or $FACTBOT_CONFIG (defaults without either); None if it is invalid."""
    config_path = args.config or os.environ.get(CONFIG_ENV)
    if not config_path:
        return Config()
    try:
        return load_config(config_path)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return None


def _engine(args: argparse.Namespace) -> Engine | None:
    """The engine for an offline command: config (if any) for settings, --kb wins for the base."""
    config = _config(args)
    if config is None:
        return None
    path = args.kb if args.kb is not None else config.knowledge_path
    try:
        return Engine.from_path(path, config.engine, limits=Limits(max_file_bytes=config.max_file_bytes),
                                use_cache=not args.no_cache)
    except KnowledgeError as exc:
        for problem in exc.problems[:20]:
            print(problem, file=sys.stderr)
        print(f"the fact base is invalid: {len(exc.problems)} problem(s); run `factbot check`", file=sys.stderr)
        return None


def run_ask(args: argparse.Namespace) -> int:
    from bot.offline import ask_batch, ask_one, stdin_lines

    engine = _engine(args)
    if engine is None:
        return 1
    if args.question == ["-"]:
        return ask_batch(engine, stdin_lines(), sys.stdout, lang=args.lang)
    return ask_one(engine, " ".join(args.question), sys.stdout, as_json=args.json, with_quote=args.quote,
                   lang=args.lang)


def run_timeline(args: argparse.Namespace) -> int:
    """`factbot timeline`: the same timeline the bot's /timeline shows, unpaged."""
    from bot.offline import timeline_for

    engine = _engine(args)
    if engine is None:
        return 1
    told = timeline_for(engine, " ".join(args.request), args.lang)
    if told is None:
        print("factbot: nothing to filter by in that request; try a year (2023), a range (2020-2022), "
              "a name (Лавров) or a topic (торговля)", file=sys.stderr)
        return 1
    teller, found = told
    if args.json:
        for fact in found.facts:
            print(json.dumps({"date": fact.date.iso, "label": fact.date.label(), "status": fact.status,
                              **fact_record(engine.base, fact)}, ensure_ascii=False))
        return 0
    print(teller.timeline_answer(found).reply)
    return 0


def run_chat(args: argparse.Namespace) -> int:
    from bot.offline import chat
    from knowledge import Conversations

    engine = _engine(args)
    config = _config(args)
    if engine is None or config is None:
        return 1
    return chat(engine, conversations=Conversations(ttl=config.context_minutes * 60), lang=args.lang)


def run_bot(args: argparse.Namespace) -> int:
    """`factbot run`: every start-up failure is one line and exit code 2, never a traceback."""
    from bot.config import validate_token
    from bot.logs import redact, setup_logging

    path = Path(args.config or os.environ.get(CONFIG_ENV) or "config.yaml")
    try:
        config = load_config(path)
        validate_token(config.token)
    except ConfigError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    handler = setup_logging(config.log_level, secrets=[config.token])
    # PTB logs a rejected token with a whole traceback before raising it; the one line below says it all
    handler.addFilter(lambda record: not (record.name.startswith("telegram")
                                          and "Invalid token" in record.getMessage()))
    try:
        from bot.app import run
        from bot.storage import StorageError

        run(config, path)
    except KnowledgeError as exc:
        for problem in exc.problems[:20]:
            print(problem, file=sys.stderr)
        print(f"factbot: the fact base is invalid ({len(exc.problems)} problem(s)); run `factbot check`",
              file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"factbot: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # InvalidToken, network failures at start-up…
        from telegram.error import InvalidToken

        if isinstance(exc, InvalidToken):
            print("factbot: Telegram rejected the bot token", file=sys.stderr)
            return 2
        print(f"factbot: {redact(f'{type(exc).__name__}: {exc}', [config.token])}", file=sys.stderr)
        return 1
    return 0
