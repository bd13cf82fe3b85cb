"""The fake Bot API server (tests/fakebotapi.py), driven by a real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socketserver
import threading
import time
import urllib.request
import warnings
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from fakebotapi import (
    DEFAULT_USER_ID,
    NOT_MODIFIED,
    FakeBotApi,
    compute_entities,
    local_request,
    parse_html,
    parse_markdown_v2,
)
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, MessageEntity, Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes


@pytest.fixture(autouse=True)
def _no_proxy_for_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours HTTP(S)_PROXY: make sure 127.0.0.1 is never sent through a proxy."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(long_poll_cap=0.5) as server:
        yield server
    assert not server.leftover_threads, "server threads left behind"
    assert not [t for t in threading.enumerate() if t.name.startswith(f"fakebotapi-{server.port}-")]


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                   request=local_request(), get_updates_request=local_request()) as client:
        yield client


def _seconds(value: int | float | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# --------------------------------------------------------------------------- identity and recording


async def test_get_me_returns_the_configured_identity(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == api.bot_id == int(api.token.split(":")[0])
    assert me.is_bot and me.username == "factbot_test_bot"
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is True
    assert api.base_url.startswith("http://127.0.0.1:") and api.base_url.endswith("/bot")
    calls = api.calls("getMe")
    assert len(calls) == 2  # Bot.initialize() and ours
    assert all(c.token == api.token and c.ok and c.params == {} for c in calls)


async def test_send_message_is_recorded_with_the_exact_params(api: FakeBotApi, bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ещё", callback_data="more:1")]])
    sent = await bot.send_message(DEFAULT_USER_ID, "Привет 👋", reply_markup=markup, disable_notification=True)

    [params] = api.sent_messages()
    assert params == {
        "chat_id": DEFAULT_USER_ID,
        "text": "Привет 👋",
        "disable_notification": True,
        "reply_markup": {"inline_keyboard": [[{"text": "Ещё", "callback_data": "more:1"}]]},
    }
    assert sent.from_user is not None and sent.from_user.id == api.bot_id
    assert sent.chat.id == DEFAULT_USER_ID and sent.chat.type == "private"
    assert sent.text == "Привет 👋" and sent.reply_markup == markup
    second = await bot.send_message(DEFAULT_USER_ID, "123")  # a numeric-looking text stays a string
    assert second.message_id == sent.message_id + 1
    assert api.sent_messages()[1]["text"] == "123"
    assert api.last_bot_message(DEFAULT_USER_ID)["message_id"] == second.message_id


async def test_replies_and_threads_are_echoed(api: FakeBotApi, bot: Bot) -> None:
    question = api.push_update(api.group_message("вопрос", chat_type="supergroup", message_thread_id=7,
                                                 is_topic_message=True))["message"]
    answer = await bot.send_message(question["chat"]["id"], "ответ", message_thread_id=7,
                                    reply_to_message_id=question["message_id"])
    assert answer.message_thread_id == 7 and answer.is_topic_message
    assert answer.reply_to_message is not None and answer.reply_to_message.text == "вопрос"
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(question["chat"]["id"], "x", reply_to_message_id=999)


# --------------------------------------------------------------------------- getUpdates


async def test_get_updates_honours_offset_limit_and_long_polling(api: FakeBotApi, bot: Bot) -> None:
    first, second, third = api.push_updates(api.private_message(f"q{i}") for i in range(3))
    assert [first["update_id"] + 1, first["update_id"] + 2] == [second["update_id"], third["update_id"]]

    got = await bot.get_updates(timeout=0)
    assert [u.update_id for u in got] == [first["update_id"], second["update_id"], third["update_id"]]
    assert (await bot.get_updates(limit=1))[0].update_id == first["update_id"]

    got = await bot.get_updates(offset=second["update_id"])  # confirms the first
    assert [u.message.text for u in got if u.message] == ["q1", "q2"]
    assert [u["update_id"] for u in api.pending_updates()] == [second["update_id"], third["update_id"]]

    assert [u.update_id for u in await bot.get_updates(offset=-1)] == [third["update_id"]]

    started = time.monotonic()
    assert await bot.get_updates(offset=third["update_id"] + 1, timeout=30) == ()
    assert 0.4 <= time.monotonic() - started < 2  # waited the cap (0.5 s), not 30 s
    assert api.pending_updates() == []

    asyncio.get_running_loop().call_later(0.1, api.push_update, api.private_message("late"))
    started = time.monotonic()
    got = await bot.get_updates(offset=third["update_id"] + 1, timeout=30)
    assert [u.message.text for u in got if u.message] == ["late"]
    assert time.monotonic() - started < 0.45  # woken by the update, not by the cap
    assert api.calls("getUpdates")[-1].params == {"offset": third["update_id"] + 1, "timeout": 30}


async def test_a_second_poller_terminates_the_first_with_conflict(api: FakeBotApi, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await api.wait_for_async("getUpdates")
    async with Bot(api.token, base_url=api.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


# --------------------------------------------------------------------------- errors and faults


async def test_429_raises_retry_after(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", status=429, retry_after=7)
    with warnings.catch_warnings():  # PTB 22 warns that retry_after will become a timedelta
        warnings.simplefilter("ignore")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(DEFAULT_USER_ID, "hi")
        assert _seconds(caught.value.retry_after) == 7
    [call] = api.calls("sendMessage")
    assert call.status == 429
    assert call.result == {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
                           "parameters": {"retry_after": 7}}
    await bot.send_message(DEFAULT_USER_ID, "hi")  # the fault was consumed
    assert len(api.sent_messages()) == 1 and len(api.sent_messages(include_failed=True)) == 2


async def test_403_raises_forbidden(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(DEFAULT_USER_ID, "hi")
    api.block_chat(42)
    with pytest.raises(Forbidden):
        await bot.send_chat_action(42, "typing")


async def test_not_modified_raises_bad_request(api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(DEFAULT_USER_ID, "тот же текст")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("тот же текст", chat_id=DEFAULT_USER_ID, message_id=sent.message_id)
    edited = await bot.edit_message_text("новый текст", chat_id=DEFAULT_USER_ID, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.text == "новый текст" and edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=DEFAULT_USER_ID, message_id=10_000)

    api.fail_next("editMessageText", status=400, description="Bad Request: message is not modified")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("другой", chat_id=DEFAULT_USER_ID, message_id=sent.message_id)
    assert NOT_MODIFIED.startswith("Bad Request: message is not modified")


async def test_faults_are_consumed_in_order(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", status=502, times=2)
    api.drop_next("sendMessage")
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(DEFAULT_USER_ID, "x")
    with pytest.raises(NetworkError):
        await bot.send_message(DEFAULT_USER_ID, "x")
    assert api.pending_faults() == {}
    await bot.send_message(DEFAULT_USER_ID, "x")
    assert [c.status for c in api.calls("sendMessage")] == [502, 502, 0, 200]


async def test_drop_next_causes_network_error(api: FakeBotApi, bot: Bot) -> None:
    api.drop_next("getMe")
    with pytest.raises(NetworkError) as caught:
        await bot.get_me()
    assert not isinstance(caught.value, TimedOut)
    assert (await bot.get_me()).username == api.bot_username


async def test_delay_next_provokes_a_client_timeout_but_the_message_is_sent(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url, request=local_request(read_timeout=0.2)) as client:
        api.delay_next("sendMessage", 0.5)
        with pytest.raises(TimedOut):
            await client.send_message(DEFAULT_USER_ID, "slow")
        [arrived] = await api.wait_for_async("sendMessage", answered=False)
        assert arrived.status is None  # recorded on arrival, still held by the server
        [call] = await api.wait_for_async("sendMessage", where=lambda c: c.ok)
        assert call.result["text"] == "slow"  # as with Telegram: timed out, yet delivered


async def test_wrong_token_is_rejected(api: FakeBotApi) -> None:
    wrong = "123456:AAwrongwrongwrongwrongwrongwrongwrong"
    with pytest.raises(InvalidToken):
        async with Bot(wrong, base_url=api.base_url):
            pass
    [call] = api.calls("getMe")
    assert call.token == wrong and call.status == 401 and call.result["description"] == "Unauthorized"
    assert api.tokens_seen == [wrong]


async def test_parse_modes_produce_entities_or_telegram_errors(api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(DEFAULT_USER_ID, "<b>Жирный</b> &amp; <a href='https://x.org'>ссылка</a> 👍",
                                  parse_mode="HTML")
    assert sent.text == "Жирный & ссылка 👍"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 6), ("text_link", 9, 6)]
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unexpected end of name token"):
        await bot.send_message(DEFAULT_USER_ID, "1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "br"'):
        await bot.send_message(DEFAULT_USER_ID, "a<br>b", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)character '.' is reserved"):
        await bot.send_message(DEFAULT_USER_ID, "Итог: 4.4 млрд", parse_mode="MarkdownV2")
    sent = await bot.send_message(DEFAULT_USER_ID, r"*Итог:* 4\.4 млрд", parse_mode="MarkdownV2")
    assert sent.text == "Итог: 4.4 млрд" and sent.entities[0].type == "bold" and sent.entities[0].length == 5


def test_markup_parsers() -> None:
    assert parse_html("<pre><code class=\"language-python\">x</code></pre>") == (
        "x", [{"offset": 0, "length": 1, "type": "pre", "language": "python"}])
    assert parse_markdown_v2("__u__ ||s|| [t](http://a.b/\\)) `c\\`d`")[1] == [
        {"offset": 0, "length": 1, "type": "underline"},
        {"offset": 2, "length": 1, "type": "spoiler"},
        {"offset": 4, "length": 1, "type": "text_link", "url": "http://a.b/)"},
        {"offset": 6, "length": 3, "type": "code"},
    ]


# --------------------------------------------------------------------------- update builders


async def test_entities_use_utf16_offsets(api: FakeBotApi, bot: Bot) -> None:
    text = "👋 Привет, /help@factbot_test_bot и @some_user 🇷🇺!"
    update = api.push_update(api.private_message(text))
    assert update["message"]["entities"] == [
        {"offset": 11, "length": 22, "type": "bot_command"},  # 👋 is 2 units, Cyrillic 1 each
        {"offset": 36, "length": 10, "type": "mention"},
    ]
    [received] = await bot.get_updates()
    assert received.message is not None
    assert list(received.message.parse_entities().values()) == ["/help@factbot_test_bot", "@some_user"]
    assert compute_entities("/start") == [{"offset": 0, "length": 6, "type": "bot_command"}]
    assert compute_entities("путь/к/файлу email@x.org") == []


def test_builders_produce_realistic_updates(api: FakeBotApi) -> None:
    bot = Bot(api.token)
    channel = {"id": -1001234, "type": "channel", "title": "Канал"}
    group = api.group_message("@factbot_test_bot что нового?", chat_type="supergroup", sender_chat=channel)
    msg = Update.de_json({"update_id": 1, **group}, bot).effective_message
    assert msg is not None and msg.chat.type == "supergroup" and msg.sender_chat is not None
    assert msg.from_user is not None and msg.from_user.id == 777000
    assert msg.entities == (MessageEntity("mention", 0, 17),)

    post = Update.de_json({"update_id": 2, **api.channel_post("новости")}, bot)
    assert post.channel_post is not None and post.channel_post.chat.type == "channel"

    original = api.private_message("первый")
    edited = Update.de_json({"update_id": 3, **api.edited_message("второй", message=original)}, bot)
    assert edited.edited_message is not None and edited.edited_message.text == "второй"
    assert edited.edited_message.message_id == original["message"]["message_id"]

    inline = Update.de_json({"update_id": 4, **api.inline_query("торговля", from_user=5)}, bot)
    assert inline.inline_query is not None and inline.inline_query.from_user.id == 5


async def test_callback_queries_can_be_answered_once(api: FakeBotApi, bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ещё", callback_data="more")]])
    await bot.send_message(DEFAULT_USER_ID, "ответ", reply_markup=markup)
    update = api.push_update(api.callback_query("more", message=api.last_bot_message()))
    [received] = await bot.get_updates()
    query = received.callback_query
    assert query is not None and query.data == "more" and query.message is not None
    assert await query.answer()
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(update["callback_query"]["id"])
    assert await query.edit_message_reply_markup(None)


async def test_files_round_trip(api: FakeBotApi, bot: Bot) -> None:
    payload = b"facts:\r\n  - id: x\n\x00\xff"
    update = api.push_update(api.document_message(payload, file_name="facts.yaml"))
    file = await bot.get_file(update["message"]["document"]["file_id"])
    assert bytes(await file.download_as_bytearray()) == payload

    await bot.send_document(DEFAULT_USER_ID, InputFile(payload, filename="export.yaml"), caption="выгрузка")
    [call] = api.calls("sendDocument")
    upload = call.params["document"]
    assert (upload.filename, upload.data) == ("export.yaml", payload)
    assert call.params["caption"] == "выгрузка" and call.params["chat_id"] == DEFAULT_USER_ID


def test_plain_json_clients_and_sync_waiting(api: FakeBotApi) -> None:
    body = json.dumps({"chat_id": 5, "text": "из подпроцесса"}).encode()
    request = urllib.request.Request(f"{api.base_url}{api.token}/sendMessage", body,
                                     {"Content-Type": "application/json"})
    threading.Timer(0.1, lambda: urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request)).start()
    [call] = api.wait_for("sendMessage", timeout=3)
    assert call.params == {"chat_id": 5, "text": "из подпроцесса"}
    with pytest.raises(TimeoutError, match=r"(?s)waiting for 1 getMe call\(s\); saw 0.*sendMessage"):
        api.wait_for("getMe", timeout=0.1)


async def test_sync_wait_inside_the_event_loop_is_refused(api: FakeBotApi) -> None:
    with pytest.raises(RuntimeError, match="wait_for_async"):
        api.wait_for("sendMessage", timeout=0.1)
    with pytest.raises(TimeoutError, match="no requests at all"):
        await api.wait_for_async("sendMessage", timeout=0.05)


async def test_stop_is_quick_during_a_long_poll() -> None:
    server = FakeBotApi(long_poll_cap=30).start()
    async with Bot(server.token, base_url=server.base_url) as client:
        poll = asyncio.create_task(client.get_updates(timeout=30))
        await server.wait_for_async("getUpdates")
        started = time.monotonic()
        await asyncio.to_thread(server.stop)
        assert time.monotonic() - started < 1.5
        assert await poll == ()  # woken with no updates as the server went away
    assert not server.running and not server.leftover_threads


# --------------------------------------------------------------------------- end to end


async def test_application_end_to_end(api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Здравствуйте!", do_quote=True)

    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder().token(api.token).base_url(api.base_url).base_file_url(api.base_file_url).build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            update = api.push_update(api.private_message("/start"))
            [call] = await api.wait_for_async("sendMessage")
            assert call.params["chat_id"] == DEFAULT_USER_ID
            assert call.params["text"] == "Здравствуйте!"
            assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
            assert call.ok and call.result["reply_to_message"]["text"] == "/start"
        finally:
            await app.updater.stop()
            await app.stop()
    assert [c.method for c in api.calls()][:2] == ["getMe", "deleteWebhook"]
    assert api.pending_updates() == []  # the final getUpdates confirmed the /start update
    assert not api.internal_errors and not api.unknown_methods


async def test_webhook_mode(api: FakeBotApi, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with socketserver.TCPServer(("127.0.0.1", 0), Receiver) as receiver:  # no getfqdn() lookup
        thread = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            url = f"http://127.0.0.1:{receiver.server_address[1]}/telegram"
            assert await bot.set_webhook(url, secret_token="s3cret")
            assert (await bot.get_webhook_info()).url == url
            with pytest.raises(Conflict, match="webhook is active"):
                await bot.get_updates()
            status, _ = await asyncio.to_thread(api.deliver_webhook, api.private_message("/start"))
            assert status == 200
            [(secret, update)] = received
            assert secret == "s3cret" and update["message"]["text"] == "/start"  # type: ignore[index]
            assert await bot.delete_webhook()
            assert api.webhook == {}
        finally:
            receiver.shutdown()
            thread.join()
