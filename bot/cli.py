"""The ``factbot`` command line: one subcommand per job, all on the same fact base code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import __version__
from knowledge import Fact, KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge

EXAMPLES = """\
examples:
  factbot check                       validate the bundled fact base
  factbot check my_facts/             validate a directory of YAML files
  factbot facts --json | head -3      every fact as one JSON object per line
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
    return parser


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


def summary(base: KnowledgeBase) -> str:
    sources = len(base.sources)
    return (f"{len(base.facts)} facts, {sources} source{'s' if sources != 1 else ''}, "
            f"{len(base.entities)} entities: OK")


def run_check(args: argparse.Namespace) -> int:
    base, problems = check_knowledge(args.path)
    if base is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)
        return 1
    print(summary(base))
    return 0


def load_or_report(path: Path | None, err: TextIO = sys.stderr) -> KnowledgeBase | None:
    """Load a base for a command; on failure print its problems and return None."""
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
            {"value": f.value, "unit": f.unit, "what": f.what, "period": f.period, "qualifier": f.qualifier}
            for f in fact.figures
        ],
        "questions": list(fact.questions),
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
