"""Logging for the bot: one stderr handler, and the bot token never written out.

The token is part of every Bot API URL, so it turns up in library logs (httpx logs
each request URL at INFO), in exception messages and in tracebacks. The
``RedactingFilter`` sits on the handler, so every record that is written — from
any logger, at any level — is redacted after it is fully formatted.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import TextIO
from urllib.parse import quote

REDACTED = "[REDACTED]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LOGGERS = ("httpx", "httpcore")  # they log request URLs, token included, at INFO/DEBUG

# A Telegram bot token, also with the colon URL-encoded, even if nobody said it was a secret.
TOKEN_SHAPE = r"\d{5,20}(?::|%3[Aa])[A-Za-z0-9_-]{30,64}"

_HANDLER_MARK = "_factbot_handler"


@lru_cache(maxsize=32)
def _pattern(secrets: tuple[str, ...]) -> re.Pattern[str]:
    variants: set[str] = set()
    for secret in secrets:
        if not secret:
            continue
        encoded = quote(secret, safe="")
        variants.update({secret, encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)})
    # Longest first, so a secret is never half-replaced by a shorter one it contains.
    parts = [re.escape(v) for v in sorted(variants, key=len, reverse=True)]
    parts.append(TOKEN_SHAPE)
    return re.compile("|".join(parts))


def _secrets_key(secrets: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({s.strip() for s in secrets if isinstance(s, str) and s.strip()}))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret (plain or URL-encoded) and every token-shaped string replaced."""
    return _pattern(_secrets_key(secrets)).sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Redacts secrets in the message, the traceback and the stack of every record; never drops one."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = _secrets_key(secrets)
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        return _pattern(self._secrets).sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            self._redact_record(record)
        except Exception:  # a filter that raises loses the record; never do that
            try:
                record.msg, record.args = "<log record could not be redacted>", None
                record.exc_info, record.exc_text, record.stack_info = None, None, None
            except Exception:
                pass
        return True

    def _redact_record(self, record: logging.LogRecord) -> None:
        record.msg = self.redact(self._message(record))
        record.args = None
        try:
            if record.exc_info and not record.exc_text:
                record.exc_text = self._formatter.formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = self.redact(str(record.exc_text))
        except Exception:
            record.exc_info, record.exc_text = None, "<exception could not be formatted>"
        try:
            if record.stack_info:
                record.stack_info = self.redact(str(record.stack_info))
        except Exception:
            record.stack_info = None

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        try:
            return record.getMessage()
        except Exception:
            pass  # bad %-args: keep what can be shown rather than lose the record
        try:
            msg = str(record.msg)
        except Exception:
            msg = f"<unprintable {type(record.msg).__name__}>"
        try:
            args = repr(record.args)
        except Exception:
            args = "<unprintable args>"
        return f"{msg} (bad log arguments: {args})"


def setup_logging(level: str, secrets: Iterable[str], *, stream: TextIO | None = None) -> logging.Handler:
    """Send every log record to ``stream`` (stderr) through a ``RedactingFilter``.

    Replaces a handler installed by an earlier call (so calling it twice does not
    double the output) and leaves other handlers alone. Returns the handler.
    """
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        raise ValueError(f"unknown log level {level!r}")
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    setattr(handler, _HANDLER_MARK, True)
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings go through the handler too, and so are redacted
    return handler
