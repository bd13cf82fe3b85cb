"""A local fake Telegram Bot API server for end-to-end tests of the bot.

It speaks the HTTP protocol python-telegram-bot (PTB) uses — ``POST
{base_url}{token}/{method}`` with form-encoded, multipart or JSON parameters,
answered by ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
"description": "...", "parameters": {...}}`` — binds only 127.0.0.1 on an
ephemeral port and never touches the network. It runs in background threads, so
it serves a PTB ``Application`` running in the test's own event loop as well as a
bot started as a subprocess (``factbot run``) configured with :attr:`FakeBotApi.base_url`.

Usage, in process (the bot in the test's event loop)::

    with FakeBotApi() as api:                      # or api.start() ... api.stop()
        app = (ApplicationBuilder().token(api.token).base_url(api.base_url)
               .base_file_url(api.base_file_url).build())
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            api.push_update(api.private_message("/start"))
            [call] = await api.wait_for_async("sendMessage")
            assert call.params["chat_id"] == DEFAULT_USER_ID and call.ok
            await app.updater.stop()
            await app.stop()

or with the bot as a subprocess (``telegram.token: api.token``, ``telegram.base_url:
api.base_url`` in its config), from a plain (sync) test::

    api.wait_for("getUpdates", timeout=15)         # the bot is polling
    api.push_update(api.group_message("@factbot_test_bot вопрос", chat_type="supergroup"))
    [reply] = api.wait_for("sendMessage")

:meth:`FakeBotApi.wait_for` blocks (refused inside a running event loop);
:meth:`FakeBotApi.wait_for_async` does not. Both count a call once it has been
answered, except ``getUpdates`` (counted on arrival).

What it models, beyond echoing requests:

* ``getUpdates``: ``offset`` confirms (forgets) older updates, negative offsets,
  ``limit``, long polling (``timeout``, capped at ``long_poll_cap`` seconds), 409
  Conflict for a concurrent ``getUpdates`` or one made while a webhook is set.
* Messages the bot sends are stored, so ``editMessageText`` answers "message is not
  modified" / "message to edit not found" like Telegram, replies must name an
  existing message, and ``parse_mode`` HTML / MarkdownV2 text is parsed into
  entities — malformed markup is rejected with Telegram's "can't parse entities".
* Updates carry realistic entities (``bot_command``, ``mention``) with offsets
  and lengths in UTF-16 code units.
* Fault injection: :meth:`FakeBotApi.fail_next`, :meth:`FakeBotApi.delay_next`,
  :meth:`FakeBotApi.drop_next`; blocked chats: :meth:`FakeBotApi.block_chat`.
* Recording of every request (:class:`Call`) with sync and async waiting.

Parameter decoding: PTB 22 sends ``application/x-www-form-urlencoded`` bodies
(``multipart/form-data`` when uploading files) in which strings are sent as they
are and every other value JSON-encoded; the fake decodes them back, so
``Call.params`` holds the values the bot passed (``chat_id`` an ``int``,
``reply_markup`` a ``dict``, ``text`` a ``str``...). Uploaded files appear as
:class:`UploadedFile`. JSON bodies and GET query strings are accepted too.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "DEFAULT_BOT_ID",
    "DEFAULT_BOT_USERNAME",
    "DEFAULT_TOKEN",
    "DEFAULT_USER_ID",
    "ApiError",
    "Call",
    "FakeBotApi",
    "UploadedFile",
    "compute_entities",
    "local_request",
    "parse_html",
    "parse_markdown_v2",
    "utf16_len",
]

JSONDict = dict[str, Any]

DEFAULT_BOT_ID = 7000000001
DEFAULT_BOT_USERNAME = "factbot_test_bot"
DEFAULT_BOT_FIRST_NAME = "Factbot Test"
#: Matches the format Telegram issues (and ``bot.config.TOKEN_PATTERN``); the prefix is the bot id.
DEFAULT_TOKEN = f"{DEFAULT_BOT_ID}:AAFakeTokenForLocalTestsOnly-0123456789"
DEFAULT_USER_ID = 111111111
DEFAULT_GROUP_ID = -4000000001
DEFAULT_SUPERGROUP_ID = -1001000000001
DEFAULT_CHANNEL_ID = -1002000000002
ANONYMOUS_ADMIN_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
TELEGRAM_SERVICE_USER = {"id": 777000, "is_bot": False, "first_name": "Telegram"}

MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})

# Parameters that are strings even when they look like JSON ("123", "true", "[x]").
_STRING_PARAMS = frozenset({
    "text", "caption", "query", "data", "callback_query_id", "inline_query_id", "next_offset",
    "parse_mode", "action", "url", "secret_token", "ip_address", "title", "description",
    "short_description", "name", "language_code", "file_id", "inline_message_id", "emoji",
    "business_connection_id", "message_effect_id", "switch_pm_text", "switch_pm_parameter",
    "question", "explanation", "custom_title", "first_name", "last_name", "phone_number", "vcard",
    "address", "payload", "start_parameter", "provider_token", "currency", "sticker", "document",
    "photo", "audio", "video", "voice", "animation", "thumbnail", "error_message",
})


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    """One request the server received, recorded on arrival.

    ``time`` is :func:`time.monotonic` at arrival. ``status`` is the HTTP status
    answered (``None`` while still being processed, e.g. a long poll or an
    injected delay; ``0`` for a dropped connection) and ``result`` the ``result``
    (or, for an error, the whole error body) sent back.
    """

    method: str
    params: JSONDict
    token: str
    time: float
    status: int | None = None
    result: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    def __str__(self) -> str:
        shown = {k: v for k, v in self.params.items() if k not in ("timeout", "allowed_updates")}
        return f"{self.method}({json.dumps(shown, ensure_ascii=False, default=str)[:200]}) -> {self.status}"


class ApiError(Exception):
    """Raised by a method implementation: answered as ``{"ok": false, ...}``."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


@dataclass
class _Fault:
    kind: Literal["fail", "delay", "drop"]
    remaining: int
    status: int = 500
    description: str = ""
    parameters: JSONDict | None = None
    seconds: float = 0.0


# --------------------------------------------------------------------------- text helpers


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _utf16_offsets(text: str) -> list[int]:
    """``offsets[i]`` = UTF-16 offset of ``text[i]``; one extra entry for the end."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


_COMMAND_RE = re.compile(r"(?<![\w/<>])/([A-Za-z0-9_]{1,64})(@[A-Za-z0-9_]{3,32})?(?![\w/])")
_MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z][A-Za-z0-9_]{2,31})(?![\w@])")


def compute_entities(text: str) -> list[JSONDict]:
    """``bot_command`` and ``mention`` entities Telegram would attach to ``text``.

    Offsets and lengths are in UTF-16 code units (a Cyrillic letter is 1, an emoji
    outside the BMP is 2). Commands are recognised anywhere after a non-word
    character, as Telegram does; the ``@bot`` suffix of a command is part of the
    command, not a mention.
    """
    off = _utf16_offsets(text)
    entities: list[JSONDict] = []
    taken: list[tuple[int, int]] = []
    for m in _COMMAND_RE.finditer(text):
        entities.append({"offset": off[m.start()], "length": off[m.end()] - off[m.start()], "type": "bot_command"})
        taken.append((m.start(), m.end()))
    for m in _MENTION_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        entities.append({"offset": off[m.start()], "length": off[m.end()] - off[m.start()], "type": "mention"})
    entities.sort(key=lambda e: e["offset"])
    return entities


def _bytes_at(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_TAG_NAME_RE = re.compile(r"[A-Za-z0-9-]+")
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ATTR_RE = re.compile(r"""\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _html_unescape(value: str) -> str:
    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _HTML_NAMED:
            return _HTML_NAMED[name]
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 < code <= 0x10FFFF else m.group(0)

    return _HTML_ENTITY_RE.sub(repl, value)


def _cant_parse(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML (``parse_mode="HTML"``) into text and entities.

    Raises :class:`ApiError` (400 "can't parse entities") for what Telegram
    rejects: unsupported tags (``<br>``, ``<p>``...), a bare ``<``, unclosed or
    mismatched tags. A bare ``&`` or ``>`` is accepted, as Telegram does.
    """
    out: list[str] = []
    out_len = 0  # UTF-16 units in ``out``
    stack: list[tuple[str, int, dict[str, str], int]] = []  # tag, start, attrs, byte offset
    entities: list[JSONDict] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "&":
            m = _HTML_ENTITY_RE.match(source, i)
            piece = _html_unescape(m.group(0)) if m else "&"
            i = m.end() if m else i + 1
        elif ch == "<":
            closing = source.startswith("</", i)
            j = i + (2 if closing else 1)
            m = _TAG_NAME_RE.match(source, j)
            if not m:
                raise _cant_parse(f"Unexpected end of name token at byte offset {_bytes_at(source, i)}")
            name = m.group(0).lower()
            end = source.find(">", m.end())
            if end < 0:
                raise _cant_parse(f"Unclosed start tag at byte offset {_bytes_at(source, i)}")
            if closing:
                if source[m.end():end].strip():
                    raise _cant_parse(f"Unclosed end tag at byte offset {_bytes_at(source, i)}")
                if not stack:
                    raise _cant_parse(f'Unexpected end tag at byte offset {_bytes_at(source, i)}')
                tag, start, open_attrs, _ = stack.pop()
                if tag != name:
                    raise _cant_parse(f'Unmatched end tag at byte offset {_bytes_at(source, i)}, '
                                      f'expected "</{tag}>", found "</{name}>"')
                entity = _html_entity(tag, open_attrs, start, out_len - start, entities)
                if entity is not None:
                    entities.append(entity)
            else:
                if name not in _HTML_TAGS:
                    raise _cant_parse(f'Unsupported start tag "{name}" at byte offset {_bytes_at(source, i)}')
                attrs: dict[str, str] = {}
                rest = source[m.end():end].rstrip("/")
                pos = 0
                while pos < len(rest) and rest[pos:].strip():
                    am = _ATTR_RE.match(rest, pos)
                    if not am or am.end() == pos:
                        raise _cant_parse(f"Unexpected character in start tag at byte offset {_bytes_at(source, i)}")
                    value = next((g for g in am.groups()[1:] if g is not None), "")
                    attrs[am.group(1).lower()] = _html_unescape(value)
                    pos = am.end()
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise _cant_parse('Tag "span" must have class "tg-spoiler"')
                stack.append((name, out_len, attrs, _bytes_at(source, i)))
            i = end + 1
            continue
        else:
            piece = ch
            i += 1
        out.append(piece)
        out_len += utf16_len(piece)
    if stack:
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # a language is kept only for <pre><code class="language-x">
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _html_entity(tag: str, attrs: dict[str, str], offset: int, length: int, done: list[JSONDict]) -> JSONDict | None:
    if length <= 0:
        return None
    kind = _HTML_TAGS[tag]
    entity: JSONDict = {"offset": offset, "length": length, "type": kind}
    if kind == "text_link":
        if not attrs.get("href"):
            return None
        entity["url"] = attrs["href"]
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    elif kind == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif kind == "code":
        lang = attrs.get("class", "")
        if lang.startswith("language-"):
            entity["language"] = lang[len("language-"):]
    elif kind == "pre":
        # <pre><code class="language-x">...</code></pre>: the inner code becomes the language
        for inner in list(done):
            if inner["type"] == "code" and inner["offset"] == offset and inner["length"] == length:
                done.remove(inner)
                if "language" in inner:
                    entity["language"] = inner["language"]
    return entity


_MD_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MD_NAMES = {"bold": "Bold", "italic": "Italic", "underline": "Underline", "strikethrough": "Strikethrough",
             "spoiler": "Spoiler", "text_link": "TextUrl"}


def parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Parse ``parse_mode="MarkdownV2"`` text into text and entities.

    Supports ``*bold*``, ``_italic_``, ``__underline__``, ``~strike~``,
    ``||spoiler||``, ``[text](url)``, ```` `code` ````, ```` ```lang\\npre``` ```` and
    ``>`` blockquote lines. Raises :class:`ApiError` like Telegram for an
    unescaped reserved character (``Character '.' is reserved...``) or an
    unclosed entity.
    """
    out: list[str] = []
    out_len = 0
    entities: list[JSONDict] = []
    stack: list[tuple[str, int, int]] = []  # type, start, byte offset
    quote_start: int | None = None
    i, n = 0, len(source)

    def emit(piece: str) -> None:
        nonlocal out_len
        out.append(piece)
        out_len += utf16_len(piece)

    def close_quote() -> None:
        nonlocal quote_start
        end = out_len - (1 if out and out[-1].endswith("\n") else 0)
        if quote_start is not None and end > quote_start:
            entities.append({"offset": quote_start, "length": end - quote_start, "type": "blockquote"})
        quote_start = None

    def toggle(kind: str) -> None:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                _, start, _ = stack.pop(k)
                if out_len > start:
                    entities.append({"offset": start, "length": out_len - start, "type": kind})
                return
        stack.append((kind, out_len, _bytes_at(source, i)))

    while i < n:
        ch = source[i]
        at_line_start = i == 0 or source[i - 1] == "\n"
        if at_line_start:
            if ch == ">":
                if quote_start is None:
                    quote_start = out_len
                i += 1
                continue
            close_quote()
        if ch == "\\" and i + 1 < n and 0 < ord(source[i + 1]) < 127:
            emit(source[i + 1])
            i += 2
        elif ch == "`":
            fence = source.startswith("```", i)
            j = i + (3 if fence else 1)
            language = ""
            if fence:
                nl = source.find("\n", j)
                head = source[j:nl] if nl >= 0 else ""
                if nl >= 0 and re.fullmatch(r"[A-Za-z0-9_+#-]*", head):
                    language, j = head, nl + 1
            start, buf = out_len, []
            closed = False
            while j < n:
                if source[j] == "\\" and j + 1 < n and source[j + 1] in "`\\":
                    buf.append(source[j + 1])
                    j += 2
                    continue
                if (fence and source.startswith("```", j)) or (not fence and source[j] == "`"):
                    closed = True
                    break
                buf.append(source[j])
                j += 1
            if not closed:
                kind = "Pre" if fence else "Code"
                raise _cant_parse(f"Can't find end of {kind} entity at byte offset {_bytes_at(source, i)}")
            emit("".join(buf))
            if out_len > start:
                entity: JSONDict = {"offset": start, "length": out_len - start, "type": "pre" if fence else "code"}
                if language:
                    entity["language"] = language
                entities.append(entity)
            i = j + (3 if fence else 1)
        elif ch == "*":
            toggle("bold")
            i += 1
        elif ch == "_":
            if source.startswith("__", i):
                toggle("underline")
                i += 2
            else:
                toggle("italic")
                i += 1
        elif ch == "~":
            toggle("strikethrough")
            i += 1
        elif ch == "|" and source.startswith("||", i):
            toggle("spoiler")
            i += 2
        elif ch == "[":
            stack.append(("text_link", out_len, _bytes_at(source, i)))
            i += 1
        elif ch == "]" and any(s[0] == "text_link" for s in stack):
            k = max(idx for idx, s in enumerate(stack) if s[0] == "text_link")
            _, start, _ = stack.pop(k)
            i += 1
            if i < n and source[i] == "(":
                j, url = i + 1, []
                while j < n and source[j] != ")":
                    if source[j] == "\\" and j + 1 < n:
                        j += 1
                    url.append(source[j])
                    j += 1
                if j >= n:
                    raise _cant_parse(f"Can't find end of a URL at byte offset {_bytes_at(source, i)}")
                if out_len > start and url:
                    entities.append({"offset": start, "length": out_len - start, "type": "text_link",
                                     "url": "".join(url)})
                i = j + 1
        elif ch in _MD_RESERVED:
            raise _cant_parse(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
        else:
            emit(ch)
            i += 1
    close_quote()
    if stack:
        kind, _, byte = stack[-1]
        raise _cant_parse(f"Can't find end of {_MD_NAMES.get(kind, kind)} entity at byte offset {byte}")
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


# --------------------------------------------------------------------------- HTTP plumbing


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    block_on_close = False

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.connections: dict[threading.Thread, socket.socket] = {}
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn(), a possible DNS lookup: skip it.
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection, args=(request, client_address), daemon=True,
            name=f"fakebotapi-{self.server_address[1]}-conn-{client_address[1]}",
        )
        with self.connections_lock:
            self.connections[thread] = request
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            pass  # a client going away mid-request is not our concern
        finally:
            self.shutdown_request(request)
            with self.connections_lock:
                self.connections.pop(threading.current_thread(), None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms delayed-ACK stalls
    server: _Server

    def do_POST(self) -> None:
        self.server.api._handle(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _decode_value(key: str, raw: str) -> Any:
    if key in _STRING_PARAMS:
        return raw
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return raw if isinstance(value, str) else value


def _parse_multipart(body: bytes, content_type: str) -> JSONDict:
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if not m:
        raise ApiError(400, "Bad Request: multipart boundary is missing")
    params: JSONDict = {}
    for part in body.split(b"--" + m.group(1).encode("latin-1"))[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name_m = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        file_m = re.search(r'(?:^|;)\s*filename="([^"]*)"', disposition)
        if not name_m:
            continue
        name = name_m.group(1)
        if file_m:
            params[name] = UploadedFile(name, file_m.group(1), headers.get("content-type", ""), content)
        else:
            params[name] = _decode_value(name, content.decode("utf-8", "replace"))
    return params


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def local_request(**kwargs: Any) -> Any:
    """A PTB ``HTTPXRequest`` for talking to the fake: same as the default one, but without
    loading the CA bundle (~0.05 s per client; plain HTTP needs none) and ignoring proxy
    environment variables (``HTTP_PROXY`` must not divert 127.0.0.1). Pass it as ``request=`` /
    ``get_updates_request=`` to ``telegram.Bot`` or ``ApplicationBuilder``; ``kwargs`` go to
    ``HTTPXRequest`` (e.g. ``read_timeout=0.2``).
    """
    from telegram.request import HTTPXRequest

    httpx_kwargs = {"verify": False, "trust_env": False, **kwargs.pop("httpx_kwargs", {})}
    return HTTPXRequest(httpx_kwargs=httpx_kwargs, **kwargs)


_API_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z0-9_]+)/?$")
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")


# --------------------------------------------------------------------------- the fake


class FakeBotApi:
    """A fake Telegram Bot API server on ``127.0.0.1:<ephemeral port>``.

    Args:
        token: the only token accepted; others get 401 "Unauthorized".
        bot_id, bot_username, bot_first_name, can_join_groups: the identity ``getMe`` returns
            (``can_read_all_group_messages`` is False, ``supports_inline_queries`` True).
        long_poll_cap: longest time a ``getUpdates`` waits for updates, whatever its ``timeout``.
        strict_chats: if True, sending to a chat never seen in an update fails like Telegram
            (403 "bot can't initiate conversation with a user" / 400 "chat not found");
            by default such chats are invented (positive id = private chat, negative = group).
        strict_callback_ids: if True (default), answering an unknown or already answered
            callback/inline query fails with "query is too old ... or query ID is invalid".
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_id: int | None = None,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_first_name: str = DEFAULT_BOT_FIRST_NAME,
        can_join_groups: bool = True,
        long_poll_cap: float = 1.0,
        strict_chats: bool = False,
        strict_callback_ids: bool = True,
    ) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_id = bot_id if bot_id is not None else (int(prefix) if prefix.isdigit() else DEFAULT_BOT_ID)
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.can_join_groups = can_join_groups
        self.long_poll_cap = long_poll_cap
        self.strict_chats = strict_chats
        self.strict_callback_ids = strict_callback_ids

        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._updates: list[JSONDict] = []
        self._next_update_id = 100_000_001
        self._faults: dict[str, list[_Fault]] = {}
        self._messages: dict[tuple[int | str, int], JSONDict] = {}
        self._message_ids: dict[int | str, int] = {}
        self._chats: dict[int | str, JSONDict] = {}
        self._blocked: dict[int | str, tuple[int, str]] = {}
        self._open_queries: set[str] = set()
        self._inline_answers: dict[str, JSONDict] = {}  # inline query id -> the answer Telegram accepted
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._files: dict[str, tuple[JSONDict, bytes]] = {}
        self._file_ids = itertools.count(1)
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._menu_buttons: dict[int | None, JSONDict] = {}
        self._webhook: JSONDict = {}
        self._poll_generation = 0
        self._closing = False
        self.tokens_seen: list[str] = []
        self.unknown_methods: list[str] = []
        self.internal_errors: list[str] = []

        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        #: Threads of this server still alive after :meth:`stop` (should stay empty).
        self.leftover_threads: list[threading.Thread] = []
        self.base_url = ""
        self.base_file_url = ""
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotApi:
        """Bind 127.0.0.1 on an ephemeral port and serve in a background thread."""
        if self._server is not None:
            return self
        self._closing = False
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.base_file_url = f"http://127.0.0.1:{self.port}/file/bot"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
            name=f"fakebotapi-{self.port}-serve",
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        """Stop serving: wake long polls and delays, close every connection, join the threads."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        server.shutdown()
        with server.connections_lock:
            conns = dict(server.connections)
        for sock in conns.values():
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for conn_thread in conns:
            conn_thread.join(max(0.0, deadline - time.monotonic()))
        server.server_close()
        if thread is not None:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.leftover_threads = [t for t in [*conns, thread] if t is not None and t.is_alive()]
        self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> FakeBotApi:
        return self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)

    # ------------------------------------------------------------------ identity

    @property
    def bot_user(self) -> JSONDict:
        """The bot as a ``User`` (as it appears in ``from`` of its messages)."""
        return {"id": self.bot_id, "is_bot": True, "first_name": self.bot_first_name, "username": self.bot_username}

    def get_me_result(self) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # ------------------------------------------------------------------ updates

    def push_update(self, update: Mapping[str, Any]) -> JSONDict:
        """Queue an update for ``getUpdates``; assigns ``update_id`` if missing.

        Messages in the update are remembered (so the bot can reply to or edit
        them), chats are registered, callback/inline query ids become answerable.
        Returns the queued update (a copy).
        """
        upd = copy.deepcopy(dict(update))
        with self._cond:
            if "update_id" not in upd:
                upd["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, int(upd["update_id"]) + 1)
            self._remember_update(upd)
            self._updates.append(upd)
            self._updates.sort(key=lambda u: u["update_id"])
            self._cond.notify_all()
        return copy.deepcopy(upd)

    def push_updates(self, updates: Iterable[Mapping[str, Any]]) -> list[JSONDict]:
        return [self.push_update(u) for u in updates]

    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by a ``getUpdates`` offset."""
        with self._lock:
            return copy.deepcopy(self._updates)

    def _remember_update(self, upd: JSONDict) -> None:
        for key in ("message", "edited_message", "channel_post", "edited_channel_post", "business_message"):
            msg = upd.get(key)
            if isinstance(msg, dict) and "chat" in msg and "message_id" in msg:
                self._store_message(msg)
        cq = upd.get("callback_query")
        if isinstance(cq, dict):
            self._open_queries.add(str(cq.get("id")))
            if isinstance(cq.get("message"), dict) and "chat" in cq["message"]:
                self._store_message(cq["message"], overwrite=False)
        iq = upd.get("inline_query")
        if isinstance(iq, dict):
            self._open_queries.add(str(iq.get("id")))

    def _store_message(self, msg: JSONDict, *, overwrite: bool = True) -> None:
        chat = msg["chat"]
        if overwrite or chat["id"] not in self._chats:
            self._chats[chat["id"]] = chat
            if chat.get("username"):
                self._chats["@" + chat["username"].lower()] = chat
        key = (chat["id"], int(msg["message_id"]))
        if overwrite or key not in self._messages:
            self._messages[key] = copy.deepcopy(msg)
        self._message_ids[chat["id"]] = max(self._message_ids.get(chat["id"], 0), int(msg["message_id"]))
        if isinstance(msg.get("reply_to_message"), dict) and "chat" in msg["reply_to_message"]:
            self._store_message(msg["reply_to_message"], overwrite=False)

    def _new_message_id(self, chat_id: int | str) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    # ------------------------------------------------------------------ builders

    def user(self, user_id: int = DEFAULT_USER_ID, *, first_name: str = "Ivan", last_name: str | None = None,
             username: str | None = "ivan_tester", language_code: str | None = "ru", is_bot: bool = False) -> JSONDict:
        """A ``User`` dict."""
        user: JSONDict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _as_user(self, from_user: JSONDict | int | None) -> JSONDict:
        if isinstance(from_user, dict):
            return copy.deepcopy(from_user)
        return self.user(from_user if from_user is not None else DEFAULT_USER_ID)

    @staticmethod
    def _as_message(message: Mapping[str, Any] | None) -> JSONDict | None:
        """Accept a message dict or an update dict holding one."""
        if message is None:
            return None
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            inner = message.get(key)
            if isinstance(inner, dict):
                return copy.deepcopy(inner)
        return copy.deepcopy(dict(message))

    def _reply_target(self, reply_to: Mapping[str, Any] | int | None, chat_id: int | str) -> JSONDict | None:
        if reply_to is None:
            return None
        if isinstance(reply_to, int):
            with self._lock:
                found = self._messages.get((chat_id, reply_to))
            if found is None:
                raise ValueError(f"no message {reply_to} known in chat {chat_id}")
            target = copy.deepcopy(found)
        else:
            target = self._as_message(reply_to) or {}
        target.pop("reply_to_message", None)  # Telegram never nests replies
        return target

    def _message(self, chat: JSONDict, text: str | None, *, from_user: JSONDict | None, message_id: int | None,
                 entities: list[JSONDict] | None, reply_to: Mapping[str, Any] | int | None, date: int | None,
                 extra: JSONDict | None = None) -> JSONDict:
        with self._lock:
            self._chats.setdefault(chat["id"], chat)
            mid = message_id if message_id is not None else self._new_message_id(chat["id"])
            self._message_ids[chat["id"]] = max(self._message_ids.get(chat["id"], 0), mid)
        msg: JSONDict = {"message_id": mid}
        if from_user is not None:
            msg["from"] = from_user
        msg["chat"] = chat
        msg["date"] = date if date is not None else int(time.time())
        if extra:
            msg.update(extra)
        target = self._reply_target(reply_to, chat["id"])
        if target is not None:
            msg["reply_to_message"] = target
        if text is not None:
            msg["text"] = text
            ents = compute_entities(text) if entities is None else entities
            if ents:
                msg["entities"] = ents
        return msg

    def private_chat(self, user: JSONDict) -> JSONDict:
        chat: JSONDict = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if user.get(key):
                chat[key] = user[key]
        return chat

    def private_message(self, text: str, *, user_id: int = DEFAULT_USER_ID, chat_id: int | None = None,
                        message_id: int | None = None, entities: list[JSONDict] | None = None,
                        reply_to: Mapping[str, Any] | int | None = None, from_user: JSONDict | None = None,
                        date: int | None = None) -> JSONDict:
        """A ``{"message": ...}`` update from a user in their private chat with the bot.

        ``entities`` default to :func:`compute_entities` (commands, mentions);
        ``reply_to`` is a message dict (or an update holding one) or a message id in this chat.
        """
        user = from_user or self.user(user_id)
        chat = self.private_chat(user)
        if chat_id is not None:
            chat["id"] = chat_id
        return {"message": self._message(chat, text, from_user=user, message_id=message_id, entities=entities,
                                         reply_to=reply_to, date=date)}

    def group_chat(self, chat_id: int | None = None, *, chat_type: Literal["group", "supergroup"] = "group",
                   title: str = "Test group", username: str | None = None, is_forum: bool = False) -> JSONDict:
        if chat_id is None:
            chat_id = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
        chat: JSONDict = {"id": chat_id, "title": title, "type": chat_type}
        if username:
            chat["username"] = username
        if is_forum:
            chat["is_forum"] = True
        return chat

    def group_message(self, text: str, *, chat_type: Literal["group", "supergroup"] = "group",
                      chat_id: int | None = None, user_id: int = DEFAULT_USER_ID, title: str = "Test group",
                      message_id: int | None = None, message_thread_id: int | None = None,
                      is_topic_message: bool = False, reply_to_message: Mapping[str, Any] | int | None = None,
                      reply_to: Mapping[str, Any] | int | None = None, sender_chat: JSONDict | None = None,
                      entities: list[JSONDict] | None = None, from_user: JSONDict | None = None,
                      date: int | None = None) -> JSONDict:
        """A ``{"message": ...}`` update in a group or supergroup.

        ``is_topic_message`` makes the chat a forum (``is_forum``) and needs
        ``message_thread_id``. ``sender_chat`` posts on behalf of a chat: the group
        itself (anonymous admin, ``from`` = GroupAnonymousBot) or a linked channel
        (``from`` = Telegram, 777000).
        """
        if is_topic_message and message_thread_id is None:
            raise ValueError("is_topic_message needs message_thread_id")
        chat = self.group_chat(chat_id, chat_type=chat_type, title=title, is_forum=is_topic_message)
        user = from_user or self.user(user_id)
        if sender_chat is not None:
            user = copy.deepcopy(ANONYMOUS_ADMIN_BOT if sender_chat.get("id") == chat["id"] else TELEGRAM_SERVICE_USER)
        extra: JSONDict = {}
        if message_thread_id is not None:
            extra["message_thread_id"] = message_thread_id
        if is_topic_message:
            extra["is_topic_message"] = True
        if sender_chat is not None:
            extra["sender_chat"] = copy.deepcopy(sender_chat)
        return {"message": self._message(chat, text, from_user=user, message_id=message_id, entities=entities,
                                         reply_to=reply_to_message if reply_to_message is not None else reply_to,
                                         date=date, extra=extra)}

    def channel_post(self, text: str, *, chat_id: int = DEFAULT_CHANNEL_ID, title: str = "Test channel",
                     username: str | None = None, message_id: int | None = None,
                     entities: list[JSONDict] | None = None, date: int | None = None) -> JSONDict:
        """A ``{"channel_post": ...}`` update (no ``from``; ``sender_chat`` is the channel)."""
        chat: JSONDict = {"id": chat_id, "title": title, "type": "channel"}
        if username:
            chat["username"] = username
        msg = self._message(chat, text, from_user=None, message_id=message_id, entities=entities, reply_to=None,
                            date=date, extra={"sender_chat": dict(chat)})
        return {"channel_post": msg}

    def edited_message(self, text: str, *, message: Mapping[str, Any] | None = None,
                       entities: list[JSONDict] | None = None, edit_date: int | None = None,
                       **private_kwargs: Any) -> JSONDict:
        """An ``{"edited_message": ...}`` (or ``edited_channel_post``) update.

        ``message`` is the original (a message dict or an update holding one; its
        ``message_id`` is kept). Without it a private message is built from
        ``private_kwargs`` (see :meth:`private_message`) and marked edited.
        """
        key = "edited_message"
        if message is not None:
            if "channel_post" in message:
                key = "edited_channel_post"
            msg = self._as_message(message) or {}
        else:
            msg = self.private_message(text, **private_kwargs)["message"]
        msg["text"] = text
        ents = compute_entities(text) if entities is None else entities
        msg.pop("entities", None)
        if ents:
            msg["entities"] = ents
        msg["edit_date"] = edit_date if edit_date is not None else int(time.time())
        return {key: msg}

    def bot_message(self, chat_id: int = DEFAULT_USER_ID, text: str = "…", *,
                    reply_markup: JSONDict | None = None) -> JSONDict:
        """A message as if the bot had sent it earlier, remembered so it can be edited."""
        with self._lock:
            chat = self._chat_for(chat_id)
        msg = self._message(chat, text, from_user=self.bot_user, message_id=None, entities=None, reply_to=None,
                            date=None)
        if reply_markup is not None:
            msg["reply_markup"] = reply_markup
        with self._lock:
            self._store_message(msg)
        return copy.deepcopy(msg)

    def callback_query(self, data: str, *, from_user: JSONDict | int | None = None,
                       message: Mapping[str, Any] | None = None, inline_message_id: str | None = None,
                       query_id: str | None = None, chat_instance: str = "-1234567890123456789") -> JSONDict:
        """A ``{"callback_query": ...}`` update for a button of the bot's ``message``.

        ``message`` is the bot's message (e.g. :meth:`last_bot_message` or
        ``Call.result`` of a ``sendMessage``); by default a fresh bot message in the
        user's private chat. With ``inline_message_id`` there is no message.
        """
        user = self._as_user(from_user)
        with self._lock:
            self._chats.setdefault(user["id"], self.private_chat(user))
        cq: JSONDict = {"id": query_id or str(next(self._query_ids)), "from": user, "chat_instance": chat_instance}
        if inline_message_id is not None:
            cq["inline_message_id"] = inline_message_id
        else:
            cq["message"] = self._as_message(message) if message is not None else self.bot_message(user["id"])
        cq["data"] = data
        return {"callback_query": cq}

    def inline_query(self, query: str, *, from_user: JSONDict | int | None = None, offset: str = "",
                     chat_type: str | None = "sender", query_id: str | None = None) -> JSONDict:
        """An ``{"inline_query": ...}`` update."""
        iq: JSONDict = {"id": query_id or str(next(self._query_ids)), "from": self._as_user(from_user),
                        "query": query, "offset": offset}
        if chat_type:
            iq["chat_type"] = chat_type
        return {"inline_query": iq}

    def push_inline_query(self, query: str, **kwargs: Any) -> str:
        """Queue an ``inline_query`` update (see :meth:`inline_query`); returns its id."""
        update = self.inline_query(query, **kwargs)
        self.push_update(update)
        return str(update["inline_query"]["id"])

    def inline_answer(self, query_id: str) -> JSONDict | None:
        """The accepted ``answerInlineQuery`` of a query: ``results``, ``cache_time``, ``is_personal``...

        Each result of type article with an ``input_message_content`` also holds ``"sent"``: the
        message a user choosing it would send, as Telegram shows it (``text`` and ``entities``)."""
        with self._lock:
            found = self._inline_answers.get(str(query_id))
            return copy.deepcopy(found) if found is not None else None

    def add_file(self, content: bytes, *, file_path: str | None = None, file_id: str | None = None) -> JSONDict:
        """Make a file downloadable (``getFile`` + ``base_file_url``); returns its ``File`` dict."""
        with self._lock:
            n = next(self._file_ids)
            file_id = file_id or f"BQACAgIAAxkBAAI{n:08d}FakeFileId"
            info = {"file_id": file_id, "file_unique_id": f"AgAD{n:08d}", "file_size": len(content),
                    "file_path": file_path or f"documents/file_{n}"}
            self._files[file_id] = (info, content)
        return dict(info)

    def document_message(self, content: bytes, *, file_name: str = "facts.yaml", mime_type: str = "application/x-yaml",
                         caption: str | None = None, **private_kwargs: Any) -> JSONDict:
        """A private ``{"message": ...}`` with a downloadable ``document`` (see :meth:`add_file`)."""
        info = self.add_file(content, file_path=f"documents/{file_name}")
        update = self.private_message("", **private_kwargs)
        msg = update["message"]
        msg.pop("text", None)
        msg.pop("entities", None)
        msg["document"] = {"file_name": file_name, "mime_type": mime_type, "file_id": info["file_id"],
                           "file_unique_id": info["file_unique_id"], "file_size": len(content)}
        if caption is not None:
            msg["caption"] = caption
            if ents := compute_entities(caption):
                msg["caption_entities"] = ents
        return update

    # ------------------------------------------------------------------ state for assertions

    def block_chat(self, chat_id: int | str, *, status: int = 403,
                   description: str = "Forbidden: bot was blocked by the user") -> None:
        """Every later send/edit to this chat fails (until :meth:`unblock_chat`)."""
        with self._lock:
            self._blocked[chat_id] = (status, description)

    def unblock_chat(self, chat_id: int | str) -> None:
        with self._lock:
            self._blocked.pop(chat_id, None)

    def messages_in(self, chat_id: int | str) -> list[JSONDict]:
        """Current state of every known message in a chat (users' and the bot's), by id."""
        with self._lock:
            return [copy.deepcopy(m) for (c, _), m in sorted(self._messages.items(), key=lambda kv: kv[0][1])
                    if c == chat_id]

    def last_bot_message(self, chat_id: int | str | None = None) -> JSONDict:
        """The bot's most recent message (optionally in one chat); raises LookupError if none."""
        with self._lock:
            for call in reversed(self._calls):
                sent = call.result if call.ok and call.method.lower() in ("sendmessage", "senddocument") else None
                if isinstance(sent, dict) and (chat_id is None or sent["chat"]["id"] == chat_id):
                    return copy.deepcopy(self._messages.get((sent["chat"]["id"], sent["message_id"]), sent))
        raise LookupError(f"the bot sent no message{'' if chat_id is None else f' to {chat_id}'}")

    @property
    def webhook(self) -> JSONDict:
        """The webhook settings (``url``, ``secret_token``, ...); empty when none is set."""
        with self._lock:
            return dict(self._webhook)

    def commands(self, *, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set by ``setMyCommands`` for a scope and language."""
        with self._lock:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    # ------------------------------------------------------------------ recording

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded requests, in arrival order (all of them, or one method's; case-insensitive)."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | str | None = None, *, include_failed: bool = False) -> list[JSONDict]:
        """The parameters of the ``sendMessage`` calls that succeeded (all of them with ``include_failed``),
        optionally only those to ``chat_id``."""
        return [c.params for c in self.calls("sendMessage")
                if (include_failed or (c.ok and c.token == self.token))
                and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def clear(self) -> None:
        """Forget the recorded calls (updates, messages and pending faults are kept)."""
        with self._lock:
            self._calls.clear()
            self.tokens_seen.clear()
            self.unknown_methods.clear()

    def _matching(self, method: str, where: Callable[[Call], bool] | None, answered: bool | None) -> list[Call]:
        if answered is None:
            answered = method.lower() != "getupdates"
        return [c for c in self._calls
                if c.method.lower() == method.lower() and (not answered or c.status is not None)
                and (where is None or where(c))]

    def _timeout_message(self, method: str, count: int, timeout: float, found: int) -> str:
        seen: list[str] = []
        for is_poll, group in itertools.groupby(self._calls, key=lambda c: c.method == "getUpdates"):
            if is_poll:
                seen.append(f"getUpdates ×{len(list(group))}")
            else:
                seen.extend(str(c) for c in group)
        shown = "\n  ".join(seen) or "(no requests at all)"
        return (f"timed out after {timeout} s waiting for {count} {method} call(s); saw {found}. "
                f"Requests so far:\n  {shown}")

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0, *,
                 where: Callable[[Call], bool] | None = None, answered: bool | None = None) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` (matching ``where``) were made.

        Returns all matching calls, in order. By default a call counts once it has
        been answered (so ``status`` and ``result`` are set) — except ``getUpdates``,
        which counts on arrival (``wait_for("getUpdates")`` = "the bot is polling");
        ``answered=True/False`` overrides. Raises :class:`TimeoutError` listing the
        requests seen. Not from the event loop the bot runs in (it would block the
        bot): use :meth:`wait_for_async` there.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("FakeBotApi.wait_for() would block the running event loop; use wait_for_async()")
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._matching(method, where, answered)) >= count, timeout):
                found = len(self._matching(method, where, answered))
                raise TimeoutError(self._timeout_message(method, count, timeout, found))
            return self._matching(method, where, answered)

    async def wait_for_async(self, method: str, count: int = 1, timeout: float = 5.0, *,
                             where: Callable[[Call], bool] | None = None,
                             answered: bool | None = None) -> list[Call]:
        """Like :meth:`wait_for`, without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                found = self._matching(method, where, answered)
                if len(found) >= count:
                    return found
                if time.monotonic() >= deadline:
                    raise TimeoutError(self._timeout_message(method, count, timeout, len(found)))
            await asyncio.sleep(0.005)

    # ------------------------------------------------------------------ fault injection

    def _add_fault(self, method: str, fault: _Fault) -> None:
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.setdefault(method.lower(), []).append(fault)

    def fail_next(self, method: str, *, status: int = 500, description: str | None = None,
                  retry_after: int | None = None, parameters: JSONDict | None = None, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with an error.

        ``status`` 429 implies a ``retry_after`` (default 1 s) and Telegram's
        "Too Many Requests: retry after N" description. PTB maps 400 → BadRequest,
        401/404 → InvalidToken, 403 → Forbidden, 409 → Conflict, others → NetworkError,
        a ``retry_after`` → RetryAfter, ``parameters={"migrate_to_chat_id": id}`` → ChatMigrated.
        """
        params = dict(parameters or {})
        if status == 429 and retry_after is None:
            retry_after = 1
        if retry_after is not None:
            params["retry_after"] = retry_after
        if description is None:
            description = (f"Too Many Requests: retry after {retry_after}" if status == 429
                           else _DEFAULT_DESCRIPTIONS.get(status, HTTPStatus(status).phrase))
        self._add_fault(method, _Fault("fail", times, status=status, description=description,
                                       parameters=params or None))

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds`` before processing them.

        The call is recorded on arrival and then processed normally, so its effect
        happens even if the client gave up (TimedOut) meanwhile — as with Telegram.
        """
        self._add_fault(method, _Fault("delay", times, seconds=seconds))

    def drop_next(self, method: str, *, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without answering."""
        self._add_fault(method, _Fault("drop", times))

    def pending_faults(self) -> dict[str, int]:
        with self._lock:
            return {m: sum(f.remaining for f in fs) for m, fs in self._faults.items() if fs}

    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method.lower())
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.pop(0)
        return fault

    # ------------------------------------------------------------------ webhook delivery

    def deliver_webhook(self, update: Mapping[str, Any], timeout: float = 5.0) -> tuple[int, bytes]:
        """POST an update to the webhook set by the bot (loopback URLs only), like Telegram does.

        Sends ``X-Telegram-Bot-Api-Secret-Token`` when a secret was set. Returns
        (status, body) of the bot's answer.
        """
        hook = self.webhook
        if not hook.get("url"):
            raise RuntimeError("no webhook is set")
        host = urlsplit(hook["url"]).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"refusing to deliver to a non-loopback webhook {hook['url']!r}")
        upd = copy.deepcopy(dict(update))
        with self._lock:
            if "update_id" not in upd:
                upd["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, int(upd["update_id"]) + 1)
            self._remember_update(upd)
        headers = {"Content-Type": "application/json"}
        if hook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
        req = urllib.request.Request(hook["url"], json.dumps(upd).encode(), headers, method="POST")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    # ------------------------------------------------------------------ request handling

    def _handle(self, h: _Handler) -> None:
        try:
            body = _read_body(h)
        except (OSError, ValueError):
            h.close_connection = True
            return
        url = urlsplit(h.path)
        path = unquote(url.path)  # PTB percent-encodes file URLs (the token's ':' becomes %3A)
        file_m = _FILE_PATH.match(path)
        if file_m and h.command == "GET":
            self._serve_file(h, file_m.group("token"), file_m.group("path"))
            return
        m = _API_PATH.match(path)
        if not m:
            self._respond(h, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, method = m.group("token"), m.group("method")
        parse_error: ApiError | None = None
        try:
            params = self._parse_params(h, body, url.query)
        except ApiError as exc:
            params, parse_error = {}, exc

        with self._cond:
            call = Call(method, params, token, time.monotonic())
            self._calls.append(call)
            self.tokens_seen.append(token)
            self._cond.notify_all()
            fault = self._take_fault(method) if token == self.token else None

        if token != self.token:
            self._finish(h, call, ApiError(401, "Unauthorized"))
            return
        if parse_error is not None:
            self._finish(h, call, parse_error)
            return
        if fault is not None and fault.kind == "drop":
            with self._cond:
                call.status = 0
                self._cond.notify_all()
            h.close_connection = True
            with contextlib.suppress(OSError):
                h.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault is not None and fault.kind == "fail":
            self._finish(h, call, ApiError(fault.status, fault.description, fault.parameters))
            return
        if fault is not None and fault.kind == "delay":
            with self._cond:
                self._cond.wait_for(lambda: self._closing, fault.seconds)
        try:
            result: Any = self._dispatch(method, params)
        except ApiError as exc:
            self._finish(h, call, exc)
            return
        except Exception as exc:  # a bug in the fake: answer 500 and keep it for the test to see
            with self._lock:
                self.internal_errors.append(f"{method}: {exc!r}")
            self._finish(h, call, ApiError(500, f"Internal Server Error: fake failed: {exc!r}"))
            return
        self._finish(h, call, result)

    def _finish(self, h: _Handler, call: Call, outcome: Any) -> None:
        if isinstance(outcome, ApiError):
            status = outcome.status
            payload: JSONDict = {"ok": False, "error_code": status, "description": outcome.description}
            if outcome.parameters:
                payload["parameters"] = outcome.parameters
            recorded: Any = payload
        else:
            status, payload, recorded = 200, {"ok": True, "result": outcome}, outcome
        with self._cond:
            call.status, call.result = status, copy.deepcopy(recorded)
            self._cond.notify_all()
        self._respond(h, status, payload)

    @staticmethod
    def _respond(h: _Handler, status: int, payload: JSONDict | bytes, content_type: str = "application/json") -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        try:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            h.wfile.flush()
        except OSError:
            h.close_connection = True

    def _parse_params(self, h: _Handler, body: bytes, query: str) -> JSONDict:
        params: JSONDict = {k: _decode_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
        ctype = h.headers.get("Content-Type", "")
        kind = ctype.split(";")[0].strip().lower()
        if not body:
            return params
        if kind == "application/json":
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise ApiError(400, "Bad Request: can't parse JSON object") from exc
            if not isinstance(data, dict):
                raise ApiError(400, "Bad Request: JSON object expected")
            params.update(data)
        elif kind == "multipart/form-data":
            params.update(_parse_multipart(body, ctype))
        else:
            params.update({k: _decode_value(k, v)
                           for k, v in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)})
        return params

    def _serve_file(self, h: _Handler, token: str, path: str) -> None:
        with self._lock:
            found = next((data for info, data in self._files.values() if info["file_path"] == path), None)
        if token != self.token or found is None:
            self._respond(h, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self._respond(h, 200, found, "application/octet-stream")

    # ------------------------------------------------------------------ methods

    def _dispatch(self, method: str, params: JSONDict) -> Any:
        handler = _METHODS.get(method.lower())
        if handler is None:
            with self._lock:
                self.unknown_methods.append(method)
            return True
        if method.lower() == "getupdates":
            return self._get_updates(params)
        with self._lock:
            return handler(self, params)

    def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        offset = _int(params.get("offset"), "offset", 0)
        limit = min(max(_int(params.get("limit"), "limit", 100), 1), 100)
        timeout = max(_int(params.get("timeout"), "timeout", 0), 0)
        deadline = time.monotonic() + min(timeout, self.long_poll_cap)
        with self._cond:
            if self._webhook.get("url"):
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                    "use deleteWebhook to delete the webhook first")
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                batch = self._updates[offset:] if offset < 0 else self._updates
                if batch or self._closing:
                    return copy.deepcopy(batch[:limit])
                if self._poll_generation != generation:
                    raise ApiError(409, _DEFAULT_DESCRIPTIONS[409])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._cond.wait(remaining)

    def _m_get_me(self, params: JSONDict) -> JSONDict:
        return self.get_me_result()

    def _m_delete_webhook(self, params: JSONDict) -> bool:
        self._webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_set_webhook(self, params: JSONDict) -> bool:
        url = params.get("url", "")
        if url and not str(url).startswith(("https://", "http://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook = {k: v for k, v in params.items() if not isinstance(v, UploadedFile)} if url else {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_get_webhook_info(self, params: JSONDict) -> JSONDict:
        info: JSONDict = {"url": self._webhook.get("url", ""), "has_custom_certificate": False,
                          "pending_update_count": len(self._updates)}
        if self._webhook.get("url"):
            info["max_connections"] = self._webhook.get("max_connections", 40)
            if self._webhook.get("ip_address"):
                info["ip_address"] = self._webhook["ip_address"]
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    def _chat_for(self, chat_id: Any) -> JSONDict:
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        key: int | str = chat_id
        if isinstance(chat_id, str):
            if chat_id.lstrip("-").isdigit():
                key = int(chat_id)
            elif chat_id.startswith("@"):
                key = chat_id.lower()
            else:
                raise ApiError(400, "Bad Request: chat not found")
        if key in self._chats:
            return self._chats[key]
        if self.strict_chats or isinstance(key, str):
            if isinstance(key, int) and key > 0:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise ApiError(400, "Bad Request: chat not found")
        assert isinstance(key, int)
        if key > 0:
            chat = {"id": key, "type": "private", "first_name": "User"}
        elif str(key).startswith("-100"):
            chat = {"id": key, "type": "supergroup", "title": "Chat"}
        else:
            chat = {"id": key, "type": "group", "title": "Chat"}
        self._chats[key] = chat
        return chat

    def _check_blocked(self, chat: JSONDict) -> None:
        blocked = self._blocked.get(chat["id"])
        if blocked is None and chat.get("username"):
            blocked = self._blocked.get("@" + chat["username"])
        if blocked is not None:
            raise ApiError(*blocked)

    def _rich_text(self, params: JSONDict, text_key: str, entities_key: str) -> tuple[str, list[JSONDict]]:
        raw = params.get(text_key)
        text = "" if raw is None else str(raw)
        explicit = params.get(entities_key)
        mode = str(params.get("parse_mode") or "")
        if isinstance(explicit, list):
            entities = explicit
        elif mode.lower() == "html":
            text, entities = parse_html(text)
        elif mode == "MarkdownV2":
            text, entities = parse_markdown_v2(text)
        else:
            entities = []
        if not isinstance(explicit, list):
            blocked = [(e["offset"], e["offset"] + e["length"]) for e in entities
                       if e["type"] in ("code", "pre", "text_link")]
            entities = entities + [e for e in compute_entities(text)
                                   if not any(a <= e["offset"] < b for a, b in blocked)]
            entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return text, entities

    def _check_markup(self, markup: Any) -> JSONDict | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
        return markup if "inline_keyboard" in markup else None  # only inline keyboards are echoed

    def _outgoing(self, params: JSONDict, chat: JSONDict) -> JSONDict:
        """A new bot message in ``chat`` (without content), honouring replies and threads."""
        msg: JSONDict = {"message_id": self._new_message_id(chat["id"])}
        if chat["type"] == "channel":
            msg["sender_chat"] = chat
        else:
            msg["from"] = self.bot_user
        msg["chat"] = chat
        msg["date"] = int(time.time())
        thread = params.get("message_thread_id")
        if thread is not None:
            msg["message_thread_id"] = thread
            if chat.get("is_forum"):
                msg["is_topic_message"] = True
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict) and params.get("reply_to_message_id") is not None:
            reply = {"message_id": params["reply_to_message_id"],
                     "allow_sending_without_reply": params.get("allow_sending_without_reply", False)}
        if isinstance(reply, dict) and reply.get("message_id") is not None:
            reply_chat = self._chat_for(reply["chat_id"])["id"] if reply.get("chat_id") is not None else chat["id"]
            target = self._messages.get((reply_chat, int(reply["message_id"])))
            if target is not None:
                quoted = copy.deepcopy(target)
                quoted.pop("reply_to_message", None)
                msg["reply_to_message"] = quoted
            elif not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
        return msg

    def _m_send_message(self, params: JSONDict) -> JSONDict:
        chat = self._chat_for(params.get("chat_id"))
        self._check_blocked(chat)
        text, entities = self._rich_text(params, "text", "entities")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._outgoing(params, chat)
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        if isinstance(params.get("link_preview_options"), dict):
            msg["link_preview_options"] = params["link_preview_options"]
        if markup is not None:
            msg["reply_markup"] = markup
        self._store_message(msg)
        return copy.deepcopy(msg)

    def _m_send_document(self, params: JSONDict) -> JSONDict:
        chat = self._chat_for(params.get("chat_id"))
        self._check_blocked(chat)
        doc = params.get("document")
        if doc is None:
            raise ApiError(400, "Bad Request: there is no document in the request")
        msg = self._outgoing(params, chat)
        if isinstance(doc, UploadedFile):
            n = next(self._file_ids)
            file_id = f"BQACAgIAAxkBAAI{n:08d}FakeFileId"
            info = {"file_id": file_id, "file_unique_id": f"AgAD{n:08d}", "file_size": len(doc.data),
                    "file_path": f"documents/{doc.filename}"}
            self._files[file_id] = (info, doc.data)
            msg["document"] = {"file_name": doc.filename, "mime_type": doc.content_type or "application/octet-stream",
                               "file_id": file_id, "file_unique_id": info["file_unique_id"],
                               "file_size": len(doc.data)}
        else:
            known = self._files.get(str(doc))
            if known is None:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            msg["document"] = {"file_id": known[0]["file_id"], "file_unique_id": known[0]["file_unique_id"],
                               "file_size": known[0]["file_size"]}
        if params.get("caption"):
            caption, entities = self._rich_text(params, "caption", "caption_entities")
            msg["caption"] = caption
            if entities:
                msg["caption_entities"] = entities
        markup = self._check_markup(params.get("reply_markup"))
        if markup is not None:
            msg["reply_markup"] = markup
        self._store_message(msg)
        return copy.deepcopy(msg)

    def _edit_target(self, params: JSONDict) -> JSONDict | None:
        """The stored message an edit addresses; None for an inline message."""
        if params.get("inline_message_id"):
            return None
        chat = self._chat_for(params.get("chat_id"))
        self._check_blocked(chat)
        if params.get("message_id") is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        msg = self._messages.get((chat["id"], int(params["message_id"])))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id and chat["type"] != "channel":
            raise ApiError(400, "Bad Request: message can't be edited")
        return msg

    def _m_edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text, entities = self._rich_text(params, "text", "entities")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._edit_target(params)
        if msg is None:
            return True
        if "text" not in msg:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if msg["text"] == text and msg.get("entities", []) == entities and msg.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        msg["text"] = text
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        msg.pop("reply_markup", None)
        if markup is not None:
            msg["reply_markup"] = markup
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _m_edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._edit_target(params)
        if msg is None:
            return True
        if msg.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        msg.pop("reply_markup", None)
        if markup is not None:
            msg["reply_markup"] = markup
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _m_delete_message(self, params: JSONDict) -> bool:
        chat = self._chat_for(params.get("chat_id"))
        if self._messages.pop((chat["id"], int(params.get("message_id") or 0)), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_send_chat_action(self, params: JSONDict) -> bool:
        chat = self._chat_for(params.get("chat_id"))
        self._check_blocked(chat)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _answer_query(self, params: JSONDict, key: str) -> None:
        query_id = str(params.get(key, ""))
        if query_id in self._open_queries:
            self._open_queries.discard(query_id)
        elif self.strict_callback_ids:
            raise ApiError(400, QUERY_TOO_OLD)

    def _m_answer_callback_query(self, params: JSONDict) -> bool:
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._answer_query(params, "callback_query_id")
        return True

    def _m_answer_inline_query(self, params: JSONDict) -> bool:
        results = params.get("results")
        if not isinstance(results, list):
            raise ApiError(400, "Bad Request: can't parse inline query results JSON object")
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id") for r in results if isinstance(r, dict)]
        if len(set(ids)) != len(ids) or any(not i for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE" if len(set(ids)) != len(ids)
                           else "Bad Request: RESULT_ID_EMPTY")
        accepted = [self._check_inline_result(r) for r in results]
        self._answer_query(params, "inline_query_id")
        self._inline_answers[str(params.get("inline_query_id", ""))] = {
            "results": accepted,
            "cache_time": params.get("cache_time"),
            "is_personal": params.get("is_personal"),
            "next_offset": params.get("next_offset"),
            "button": params.get("button"),
        }
        return True

    def _check_inline_result(self, result: Any) -> JSONDict:
        """What Telegram checks of one result (ids of 1-64 bytes, article title and message text);
        returns a copy with the message a user choosing it would send under ``"sent"``."""
        if not isinstance(result, dict) or not result.get("type"):
            raise ApiError(400, "Bad Request: can't parse inline query result")
        if len(str(result.get("id", "")).encode()) > MAX_INLINE_RESULT_ID_BYTES:
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        accepted = copy.deepcopy(result)
        if result["type"] == "article" and not str(result.get("title") or "").strip():
            raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
        content = result.get("input_message_content")
        if result["type"] == "article" and not isinstance(content, dict):
            raise ApiError(400, "Bad Request: can't parse input message content")
        if isinstance(content, dict) and "message_text" in content:
            text, entities = self._rich_text(content, "message_text", "entities")
            if not text.strip():
                raise ApiError(400, "Bad Request: MESSAGE_EMPTY")
            if len(text) > MAX_MESSAGE_LENGTH:
                raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
            accepted["sent"] = {"text": text, "entities": entities}
        return accepted

    def _m_set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for cmd in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(cmd.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description must be non-empty")
        self._commands[(_scope_key(params.get("scope")), str(params.get("language_code") or ""))] = commands
        return True

    def _m_delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop((_scope_key(params.get("scope")), str(params.get("language_code") or "")), None)
        return True

    def _m_get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        scope, lang = _scope_key(params.get("scope")), str(params.get("language_code") or "")
        return copy.deepcopy(self._commands.get((scope, lang), self._commands.get((scope, ""), [])))

    def _m_set_chat_menu_button(self, params: JSONDict) -> bool:
        chat_id = params.get("chat_id")
        self._menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
        return True

    def _m_get_chat_menu_button(self, params: JSONDict) -> JSONDict:
        default = self._menu_buttons.get(None, {"type": "commands"})
        return copy.deepcopy(self._menu_buttons.get(params.get("chat_id"), default))

    def _m_get_file(self, params: JSONDict) -> JSONDict:
        found = self._files.get(str(params.get("file_id", "")))
        if found is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if found[0]["file_size"] > MAX_DOWNLOAD_BYTES:
            raise ApiError(400, "Bad Request: file is too big")
        return dict(found[0])

    def _m_true(self, params: JSONDict) -> bool:
        return True


def _scope_key(scope: Any) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _int(value: Any, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ApiError(400, f"Bad Request: wrong parameter {name}") from exc


_METHODS: dict[str, Callable[[FakeBotApi, JSONDict], Any]] = {
    "getme": FakeBotApi._m_get_me,
    "getupdates": FakeBotApi._m_true,  # handled by _get_updates (needs to wait without the lock)
    "deletewebhook": FakeBotApi._m_delete_webhook,
    "setwebhook": FakeBotApi._m_set_webhook,
    "getwebhookinfo": FakeBotApi._m_get_webhook_info,
    "sendmessage": FakeBotApi._m_send_message,
    "senddocument": FakeBotApi._m_send_document,
    "editmessagetext": FakeBotApi._m_edit_message_text,
    "editmessagereplymarkup": FakeBotApi._m_edit_message_reply_markup,
    "deletemessage": FakeBotApi._m_delete_message,
    "sendchataction": FakeBotApi._m_send_chat_action,
    "answercallbackquery": FakeBotApi._m_answer_callback_query,
    "answerinlinequery": FakeBotApi._m_answer_inline_query,
    "setmycommands": FakeBotApi._m_set_my_commands,
    "deletemycommands": FakeBotApi._m_delete_my_commands,
    "getmycommands": FakeBotApi._m_get_my_commands,
    "setchatmenubutton": FakeBotApi._m_set_chat_menu_button,
    "getchatmenubutton": FakeBotApi._m_get_chat_menu_button,
    "getfile": FakeBotApi._m_get_file,
    "setmydescription": FakeBotApi._m_true,
    "setmyshortdescription": FakeBotApi._m_true,
    "setmyname": FakeBotApi._m_true,
    "close": FakeBotApi._m_true,
    "logout": FakeBotApi._m_true,
}
