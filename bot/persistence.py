"""Users' settings through python-telegram-bot's persistence interface, kept in the bot's own store.

Handlers read and set a user's answer language as ``context.user_data["language"]`` (handlers/language.py);
this ``BasePersistence`` backs ``user_data`` with the store (SQLite or the PostgreSQL shared by replicas):
before each update PTB refreshes the user's data from the store, so a choice made through another replica
applies here at once; a change is written back when the handler asks for it. Nothing else is persisted
through PTB: statistics, conversations and the update journal have their own tables (bot/storage.py).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.safe_storage import SafeStorage
from bot.storage import LANGUAGES
from handlers.language import LANGUAGE_KEY as LANGUAGE  # the key of the answer language in user_data

log = logging.getLogger(__name__)


class StorePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], Any]):
    """``user_data`` backed by the store; chat data, bot data and callback data are not persisted."""

    def __init__(self, store: SafeStorage) -> None:
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True,
                                                     callback_data=False), update_interval=60)
        self.store = store
        self.reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-settings")

    def close(self) -> None:
        self.reads.shutdown(wait=False, cancel_futures=True)

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {}  # nothing loaded up front: each user's data is refreshed when they write

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """Before each update: the store's word. A store that fails costs the setting ("auto"), never the
        answer."""
        try:  # a choice remembered here on the loop; a read of the store (a lock, a round trip) in a thread
            known, found = self.store.remembered_language(user_id)
            if not known:
                found = await asyncio.get_running_loop().run_in_executor(self.reads, self.store.get_language,
                                                                         user_id)
        except Exception:
            log.warning("could not read a user's language; using auto", exc_info=True)
            found = None
        if found in LANGUAGES:
            user_data[LANGUAGE] = found
        else:
            user_data.pop(LANGUAGE, None)

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        chosen = data.get(LANGUAGE)
        if chosen in LANGUAGES:
            self.store.set_language(user_id, chosen)  # applies at once; written in the background

    async def drop_user_data(self, user_id: int) -> None:
        return None

    # -- what is not persisted through PTB -----------------------------------------------------------------

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> Any:
        return None

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> dict[Any, Any]:
        return {}

    async def update_conversation(self, name: str, key: Any, new_state: object | None) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: Any) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Any) -> None:
        return None

    async def flush(self) -> None:
        return None
