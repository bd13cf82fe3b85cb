"""Logging setup: the bot token never reaches the log, whoever logs it and however."""

from __future__ import annotations

import io
import logging
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.logs import REDACTED, RedactingFilter, redact, setup_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawZ"
OTHER_TOKEN = "987654321:ZZZyyyXXXwwwVVVuuuTTTsssRRRqqqPPPoo"
TOKEN_URLENC = TOKEN.replace(":", "%3A")
TOKEN_SECRET_PART = TOKEN.split(":", 1)[1]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put the logging tree back as it was: handlers, levels, warnings capture."""
    root = logging.getLogger()
    saved_handlers = root.handlers[:]
    saved_level = root.level
    names = ["httpx", "httpcore", "telegram", "telegram.ext", "factbot.test", "py.warnings"]
    saved_levels = {name: logging.getLogger(name).level for name in names}
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in saved_handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in saved_handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(saved_level)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)
        logging.captureWarnings(False)


@pytest.fixture
def logged(restore_logging: None) -> Callable[..., io.StringIO]:
    """``logged(level, secrets)`` installs the bot's logging writing into a StringIO and returns it."""

    def install(level: str = "DEBUG", secrets: tuple[str, ...] = (TOKEN,)) -> io.StringIO:
        stream = io.StringIO()
        setup_logging(level, secrets, stream=stream)
        return stream

    return install


def make_record(msg: Any, args: Any = None, **extra: Any) -> logging.LogRecord:
    record = logging.LogRecord("telegram.ext", logging.DEBUG, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def assert_clean(text: str, *secrets: str) -> None:
    for secret in (TOKEN, TOKEN_URLENC, TOKEN_SECRET_PART, *secrets):
        assert secret not in text
    assert REDACTED in text


# -- setup_logging ----------------------------------------------------------------------------------


def test_one_handler_with_format_and_level(logged: Callable[..., io.StringIO]) -> None:
    before = len(logging.getLogger().handlers)
    stream = logged("INFO")
    logged("INFO")  # a second call replaces the first handler rather than adding one
    stream = logged("INFO")
    root = logging.getLogger()
    assert len(root.handlers) == before + 1
    assert root.level == logging.INFO
    logging.getLogger("factbot.test").info("hello %s", "world")
    logging.getLogger("factbot.test").debug("not at INFO")
    line = stream.getvalue().strip()
    assert line.endswith(" INFO factbot.test: hello world")
    assert "not at INFO" not in stream.getvalue()


def test_default_stream_is_stderr(restore_logging: None) -> None:
    handler = setup_logging("WARNING", [TOKEN])
    assert isinstance(handler, logging.StreamHandler)
    assert handler.stream is sys.stderr
    assert any(isinstance(f, RedactingFilter) for f in handler.filters)


def test_unknown_level_refused(restore_logging: None) -> None:
    with pytest.raises(ValueError):
        setup_logging("LOUD", [TOKEN])


def test_httpx_silenced_at_info(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("DEBUG")
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    logging.getLogger("httpx").info('HTTP Request: POST %s "HTTP/1.1 200 OK"', url)
    logging.getLogger("httpcore").debug("send_request_headers.started request=<Request [b'POST']> %s", url)
    assert stream.getvalue() == ""
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    logging.getLogger("httpx").warning("Request failed: %s", url)  # still logged at WARNING, redacted
    out = stream.getvalue()
    assert "Request failed" in out
    assert_clean(out)


def test_token_redacted_from_telegram_debug(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("DEBUG")
    log = logging.getLogger("telegram.ext")
    log.debug("Calling Bot API endpoint `getMe` with url https://api.telegram.org/bot" + TOKEN + "/getMe")
    log.debug("token=%s, again %r", TOKEN, {"url": f"https://x/bot{TOKEN}/"})
    log.info("encoded: https://x/?token=%s", TOKEN_URLENC)
    out = stream.getvalue()
    assert_clean(out)
    assert out.count(REDACTED) == 4
    assert "Calling Bot API endpoint `getMe`" in out


def test_token_redacted_from_logged_traceback(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("INFO")
    try:
        raise RuntimeError(f"Invalid token https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        logging.getLogger("telegram.ext").exception("request for %s failed", TOKEN)
    out = stream.getvalue()
    assert "Traceback (most recent call last)" in out
    assert "RuntimeError: Invalid token https://api.telegram.org/bot[REDACTED]/getMe" in out
    assert_clean(out)


def test_token_redacted_from_stack_info(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("DEBUG")
    log = logging.getLogger("factbot.test")
    log.debug("where am I", stack_info=True, extra={"t": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawZ"})
    out = stream.getvalue()
    assert "Stack (most recent call last)" in out
    assert 'extra={"t": "[REDACTED]"}' in out  # the stack shows the source line, token included
    assert_clean(out)


def test_unregistered_token_shape_redacted(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("DEBUG", ())  # no secrets given at all
    logging.getLogger("telegram").warning("other bot %s and %s", OTHER_TOKEN, OTHER_TOKEN.replace(":", "%3a"))
    out = stream.getvalue()
    assert OTHER_TOKEN not in out
    assert OTHER_TOKEN.split(":")[1] not in out
    assert out.count(REDACTED) == 2


def test_warnings_are_redacted(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("INFO")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"something about {TOKEN}", UserWarning, stacklevel=1)
    out = stream.getvalue()
    assert "something about" in out
    assert_clean(out)


# -- redact ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        TOKEN,
        f"https://api.telegram.org/bot{TOKEN}/sendMessage",
        f"https://api.telegram.org/bot{TOKEN_URLENC}/sendMessage",
        f"lower {TOKEN.replace(':', '%3a')} case",
        f"'{TOKEN}' in quotes, twice: {TOKEN}",
    ],
)
def test_redact_forms(text: str) -> None:
    result = redact(text, [TOKEN])
    assert_clean(result)


def test_redact_explicit_non_token_secret() -> None:
    assert redact("webhook secret s3cr3t/val&ue here", ["s3cr3t/val&ue"]) == "webhook secret [REDACTED] here"
    assert redact("encoded s3cr3t%2Fval%26ue", ["s3cr3t/val&ue"]) == "encoded [REDACTED]"


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "В 2024 году товарооборот составил 4,8 млрд долларов; time 12:30:00, id 1234:abc"
    assert redact(text, [TOKEN]) == text
    assert redact(text, ["", "  "]) == text  # empty secrets do not redact everything


# -- RedactingFilter on odd records ------------------------------------------------------------------


def test_filter_formats_args_then_clears_them() -> None:
    record = make_record("url=%s n=%d", (f"https://x/bot{TOKEN}/", 5))
    assert RedactingFilter([TOKEN]).filter(record) is True
    assert record.args is None
    assert record.msg == "url=https://x/bot[REDACTED]/ n=5"
    assert record.getMessage() == record.msg


def test_filter_mapping_args() -> None:
    record = make_record("%(token)s!", ({"token": TOKEN},))
    RedactingFilter([TOKEN]).filter(record)
    assert record.getMessage() == "[REDACTED]!"


def test_filter_non_string_msg() -> None:
    class Carrier:
        def __str__(self) -> str:
            return f"object holding {TOKEN}"

    record = make_record(Carrier())
    assert RedactingFilter([TOKEN]).filter(record) is True
    assert record.getMessage() == "object holding [REDACTED]"
    exc = ValueError(TOKEN)
    record = make_record(exc)
    RedactingFilter([TOKEN]).filter(record)
    assert record.getMessage() == REDACTED


def test_filter_bad_args_keeps_record() -> None:
    record = make_record("needs two %s %s", (TOKEN,))
    assert RedactingFilter([TOKEN]).filter(record) is True
    message = record.getMessage()
    assert "needs two" in message
    assert "bad log arguments" in message
    assert TOKEN not in message and REDACTED in message


def test_filter_unprintable_msg_and_args() -> None:
    class Hostile:
        def __str__(self) -> str:
            raise RuntimeError("no str")

        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    record = make_record(Hostile(), (Hostile(),))
    assert RedactingFilter([TOKEN]).filter(record) is True
    assert isinstance(record.getMessage(), str)


def test_filter_survives_broken_exc_info() -> None:
    record = make_record("boom", None, exc_info=("not", "an", "exc_info"))
    assert RedactingFilter([TOKEN]).filter(record) is True
    assert record.getMessage() == "boom"
    assert "boom" in logging.Formatter().format(record)  # the record can still be written


def test_filter_redacts_precomputed_exc_text_and_stack() -> None:
    record = make_record("x", None, exc_text=f"Traceback...\nError: {TOKEN}", stack_info=f"Stack: {TOKEN}")
    RedactingFilter([TOKEN]).filter(record)
    assert record.exc_text == "Traceback...\nError: [REDACTED]"
    assert record.stack_info == "Stack: [REDACTED]"


def test_filter_on_handler_catches_every_logger(logged: Callable[..., io.StringIO]) -> None:
    stream = logged("DEBUG")
    for name in ("telegram.ext.Updater", "apscheduler", "asyncio", "factbot.test", ""):
        logging.getLogger(name).debug("from %s: %s", name or "root", TOKEN)
    out = stream.getvalue()
    assert out.count(REDACTED) == 5
    assert_clean(out)
