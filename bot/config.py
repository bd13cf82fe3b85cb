"""The bot's configuration: one YAML file, every key known, every mistake named.

Unknown keys are errors (a misspelt key silently ignored is a setting that
never takes effect). The token may come from the environment instead of the file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge import EngineSettings

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
CONFIG_ENV = "FACTBOT_CONFIG"
TOKEN_PATTERN = re.compile(r"^\d{5,20}:[A-Za-z0-9_-]{30,64}$")
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line for the user."""


WEBHOOK_PORT_ENV = "FACTBOT_WEBHOOK_PORT"


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    url: str
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = "telegram"
    secret_token: str = ""


@dataclass(frozen=True, slots=True)
class Config:
    token: str = ""
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    admins: frozenset[int] = frozenset()
    knowledge_path: Path | None = None
    edits_path: Path | None = None  # staging and versions of changes made from Telegram (None: no editing)
    max_file_bytes: int = 20 * 1024 * 1024
    storage_path: Path = Path("factbot.sqlite3")
    storage_url: str = ""  # postgresql://…: one store shared by replicas instead of the SQLite file
    log_level: str = "INFO"
    engine: EngineSettings = field(default_factory=lambda: EngineSettings(semantic=True))  # meaning when installed
    flood_messages: int = 20
    flood_seconds: float = 60.0
    context_minutes: float = 10.0
    concurrent_updates: int = 32
    workers: int = 4  # answers computed at once, in a bounded pool of threads off the event loop
    webhook: WebhookConfig | None = None


_DEFAULT = Config()


def _storage_url(url: str | None) -> str:
    if not url:
        return ""
    if not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("config: `storage.url` must be a postgresql:// address (or null for the SQLite file)")
    return url


def _edits_path(base_dir: Path, kb_path: str | None, edits: str | None) -> Path | None:
    """Where changes from Telegram are staged and versioned: ``knowledge.edits``, by default a directory
    beside the base; none for the bundled base (package data is not edited)."""
    if not kb_path:
        if edits:
            raise ConfigError("config: `knowledge.edits` needs `knowledge.path` (the bundled base is not edited)")
        return None
    if edits:
        return base_dir / edits
    base = base_dir / kb_path
    return base.parent / f"{base.name}.edits"

_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "telegram": {"token": str, "base_url": str, "base_file_url": str},
    "admins": {},
    "knowledge": {"path": (str, type(None)), "max_file_bytes": int, "edits": (str, type(None))},
    "storage": {"path": str, "url": (str, type(None))},
    "logging": {"level": str},
    "engine": {"answer_threshold": (int, float), "suggest_threshold": (int, float), "max_list": int,
               "max_suggestions": int, "decision": str, "semantic": bool},
    "limits": {"flood_messages": int, "flood_seconds": (int, float), "context_minutes": (int, float),
               "concurrent_updates": int, "workers": int},
    "webhook": {"url": str, "listen": str, "port": int, "path": str, "secret_token": str},
}


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"config: `{name}` must be a mapping")
    for key, item in value.items():
        allowed = _SCHEMA[name]
        if key not in allowed:
            raise ConfigError(f"config: unknown key `{name}.{key}` (known: {', '.join(allowed)})")
        if item is not None and ((isinstance(item, bool) and allowed[key] is not bool)
                                 or not isinstance(item, allowed[key])):
            raise ConfigError(f"config: `{name}.{key}` has the wrong type")
    return value


def _value(section: dict[str, Any], key: str, default: Any) -> Any:
    """A key's value, or the default when it is missing or left empty (``key:`` is null in YAML)."""
    value = section.get(key)
    return default if value is None else value


def parse_config(data: Any, *, base_dir: Path = Path("."), env: dict[str, str] | None = None) -> Config:
    """Build a Config from parsed YAML; raise ConfigError naming the first bad key."""
    env = dict(os.environ) if env is None else env
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("config: expected a mapping at the top level")
    for key in data:
        if key not in _SCHEMA:
            raise ConfigError(f"config: unknown key `{key}` (known: {', '.join(_SCHEMA)})")
    telegram = _section(data, "telegram")
    knowledge = _section(data, "knowledge")
    storage = _section(data, "storage")
    logging_ = _section(data, "logging")
    engine = _section(data, "engine")
    limits = _section(data, "limits")
    admins = data.get("admins") or []
    if not isinstance(admins, list) or not all(isinstance(a, int) and not isinstance(a, bool) for a in admins):
        raise ConfigError("config: `admins` must be a list of numeric Telegram user ids")
    token = env.get(TOKEN_ENV) or telegram.get("token") or ""
    kb_path = knowledge.get("path")
    defaults = EngineSettings()
    settings = EngineSettings(
        answer_threshold=float(_value(engine, "answer_threshold", defaults.answer_threshold)),
        suggest_threshold=float(_value(engine, "suggest_threshold", defaults.suggest_threshold)),
        max_list=int(_value(engine, "max_list", defaults.max_list)),
        max_suggestions=int(_value(engine, "max_suggestions", defaults.max_suggestions)),
        semantic=bool(_value(engine, "semantic", True)),  # the bot uses meaning whenever the extra is installed
    )
    decision = _value(engine, "decision", defaults.decision)
    if decision not in ("model", "rules"):
        raise ConfigError("config: `engine.decision` must be \"model\" or \"rules\"")
    settings = dataclasses.replace(settings, decision=decision)
    if not 1 <= settings.max_list <= 100:
        raise ConfigError("config: `engine.max_list` must be between 1 and 100")
    if not 0 <= settings.max_suggestions <= 10:
        raise ConfigError("config: `engine.max_suggestions` must be between 0 and 10")
    if int(_value(limits, "flood_messages", 1)) < 1 or float(_value(limits, "flood_seconds", 1)) <= 0:
        raise ConfigError("config: `limits.flood_messages` must be at least 1 and `limits.flood_seconds` positive")
    if not 1 <= int(_value(limits, "concurrent_updates", 1)) <= 1024:
        raise ConfigError("config: `limits.concurrent_updates` must be between 1 and 1024")
    if not 1 <= int(_value(limits, "workers", 1)) <= 64:
        raise ConfigError("config: `limits.workers` must be between 1 and 64")
    if not 0 <= settings.suggest_threshold <= settings.answer_threshold <= 100:
        raise ConfigError("config: need 0 <= engine.suggest_threshold <= engine.answer_threshold <= 100")
    webhook = None
    if data.get("webhook"):
        hook = _section(data, "webhook")
        if not hook.get("url"):
            raise ConfigError("config: `webhook.url` is required in webhook mode")
        webhook = WebhookConfig(**{k: v for k, v in hook.items() if v is not None})
        port = env.get(WEBHOOK_PORT_ENV)  # one config, each replica its own port (deploy/factbot@.service)
        if port:
            if not port.isdigit() or not 1 <= int(port) <= 65535:
                raise ConfigError(f"config: ${WEBHOOK_PORT_ENV} must be a port number")
            webhook = dataclasses.replace(webhook, port=int(port))
    level = str(_value(logging_, "level", "INFO")).upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ConfigError(f"config: `logging.level` must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
    return Config(
        token=token.strip(),
        base_url=telegram.get("base_url") or _DEFAULT.base_url,
        base_file_url=telegram.get("base_file_url") or _DEFAULT.base_file_url,
        admins=frozenset(admins),
        knowledge_path=(base_dir / kb_path) if kb_path else None,
        edits_path=_edits_path(base_dir, kb_path, knowledge.get("edits")),
        max_file_bytes=int(_value(knowledge, "max_file_bytes", _DEFAULT.max_file_bytes)),
        storage_path=base_dir / _value(storage, "path", "factbot.sqlite3"),
        storage_url=_storage_url(storage.get("url")),
        log_level=level,
        engine=settings,
        flood_messages=int(_value(limits, "flood_messages", _DEFAULT.flood_messages)),
        flood_seconds=float(_value(limits, "flood_seconds", _DEFAULT.flood_seconds)),
        context_minutes=float(_value(limits, "context_minutes", _DEFAULT.context_minutes)),
        concurrent_updates=int(_value(limits, "concurrent_updates", _DEFAULT.concurrent_updates)),
        workers=int(_value(limits, "workers", _DEFAULT.workers)),
        webhook=webhook,
    )


def load_config(path: Path | str, *, env: dict[str, str] | None = None) -> Config:
    """Read and validate a config file; every failure is a one-line ConfigError."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"config: {file} is larger than {MAX_CONFIG_BYTES} bytes")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config: file not found: {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config: cannot read {file}: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{file}:{mark.line + 1}" if mark is not None else str(file)
        raise ConfigError(f"config: {where}: invalid YAML") from None
    return parse_config(data, base_dir=file.parent, env=env)


def validate_token(token: str) -> None:
    """Refuse a missing or malformed token without ever echoing it."""
    if not token:
        raise ConfigError(f"no bot token: set {TOKEN_ENV} or telegram.token in the config")
    if not TOKEN_PATTERN.fullmatch(token):
        raise ConfigError("the bot token is malformed (expected digits, a colon and 30+ characters)")
