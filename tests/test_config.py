"""bot.config: every key known, every mistake named in one line, the token never echoed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import (
    TOKEN_ENV,
    Config,
    ConfigError,
    WebhookConfig,
    load_config,
    parse_config,
    validate_token,
)
from knowledge.engine import EngineSettings

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.yaml"
GOOD_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_-x"


def parse(data: Any, **kwargs: Any) -> Config:
    kwargs.setdefault("env", {})
    return parse_config(data, **kwargs)


def error_of(data: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        parse(data)
    message = str(caught.value)
    assert "\n" not in message
    return message


# ---- the example and the defaults --------------------------------------------------------------------


def test_the_example_config_parses(tmp_path: Path) -> None:
    config = load_config(EXAMPLE, env={})
    assert config.token == ""
    assert config.admins == frozenset({123456789})
    assert config.knowledge_path is None
    assert config.engine == EngineSettings(answer_threshold=60.0, suggest_threshold=35.0, max_list=30,
                                           max_suggestions=3, semantic=True)
    assert config.storage_path == EXAMPLE.parent / "factbot.sqlite3"
    assert config.log_level == "INFO"
    assert config.webhook is None
    assert (config.flood_messages, config.flood_seconds, config.context_minutes) == (20, 60.0, 10.0)


def test_the_example_with_its_webhook_uncommented_parses(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# webhook:"))
    enabled = lines[:start] + [line[2:] for line in lines[start:] if line.startswith("# ")]
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(enabled) + "\n", encoding="utf-8")
    config = load_config(path, env={})
    assert config.webhook == WebhookConfig(url="https://bot.example.org/telegram", listen="127.0.0.1", port=8443,
                                           path="telegram", secret_token="")


def test_an_empty_config_is_all_defaults() -> None:
    assert parse(None) == Config()
    assert parse({}) == Config()


def test_values_are_taken_from_the_file() -> None:
    config = parse({
        "telegram": {"token": GOOD_TOKEN, "base_url": "http://127.0.0.1:8081/bot"},
        "admins": [1, 2],
        "engine": {"answer_threshold": 70, "suggest_threshold": 40.5, "max_list": 5, "max_suggestions": 2},
        "limits": {"flood_messages": 3, "flood_seconds": 1.5, "context_minutes": 2},
        "logging": {"level": "debug"},
    })
    assert config.token == GOOD_TOKEN
    assert config.base_url == "http://127.0.0.1:8081/bot"
    assert config.admins == frozenset({1, 2})
    assert config.engine.answer_threshold == 70.0 and config.engine.suggest_threshold == 40.5
    assert (config.engine.max_list, config.engine.max_suggestions) == (5, 2)
    assert (config.flood_messages, config.flood_seconds, config.context_minutes) == (3, 1.5, 2.0)
    assert config.log_level == "DEBUG"


def test_the_decision_is_the_model_or_the_rules() -> None:
    assert parse({}).engine.decision == "model"
    assert parse({"engine": {"decision": "rules"}}).engine.decision == "rules"
    with pytest.raises(ConfigError, match=r"engine\.decision"):
        parse({"engine": {"decision": "coin"}})


# ---- the token ----------------------------------------------------------------------------------------


def test_the_environment_token_wins_over_the_file() -> None:
    other = "987654321:" + "B" * 35
    config = parse({"telegram": {"token": GOOD_TOKEN}}, env={TOKEN_ENV: other})
    assert config.token == other


def test_the_file_token_is_used_when_the_environment_has_none() -> None:
    assert parse({"telegram": {"token": GOOD_TOKEN}}, env={TOKEN_ENV: ""}).token == GOOD_TOKEN
    assert parse({"telegram": {"token": f"  {GOOD_TOKEN}\n"}}).token == GOOD_TOKEN  # stripped


def test_the_process_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, GOOD_TOKEN)
    assert parse_config({"telegram": {"token": "file-token"}}).token == GOOD_TOKEN


def test_a_well_formed_token_is_accepted() -> None:
    validate_token(GOOD_TOKEN)


@pytest.mark.parametrize(
    "token",
    [
        "123456789:short",
        "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "123456789AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw!!",
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n",
        " 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "123456789:" + "A" * 65,
        "secret-password-of-someone",
    ],
)
def test_a_malformed_token_is_rejected_without_echoing_it(token: str) -> None:
    with pytest.raises(ConfigError) as caught:
        validate_token(token)
    message = str(caught.value)
    assert token.strip() not in message
    assert token.split(":")[-1].strip() not in message
    assert "\n" not in message


def test_a_missing_token_is_rejected_naming_the_variable() -> None:
    with pytest.raises(ConfigError, match=TOKEN_ENV):
        validate_token("")


# ---- unknown keys and wrong types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"telegramm": {}}, "telegramm"),
        ({"engine": {"answer_treshold": 50}}, "engine.answer_treshold"),
        ({"telegram": {"tokken": "x"}}, "telegram.tokken"),
        ({"webhook": {"url": "https://x", "prot": 1}}, "webhook.prot"),
        ({"engine": {"tie_margin": 1.0}}, "engine.tie_margin"),  # a setting the config does not expose
    ],
)
def test_unknown_keys_are_rejected_by_name(data: dict[str, Any], key: str) -> None:
    assert f"`{key}`" in error_of(data)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"engine": {"max_list": "ten"}}, "engine.max_list"),
        ({"engine": {"max_list": 2.5}}, "engine.max_list"),
        ({"engine": {"answer_threshold": "high"}}, "engine.answer_threshold"),
        ({"engine": {"max_suggestions": True}}, "engine.max_suggestions"),
        ({"telegram": {"token": 12345}}, "telegram.token"),
        ({"webhook": {"url": "https://x", "port": "8443"}}, "webhook.port"),
        ({"limits": {"flood_messages": [1]}}, "limits.flood_messages"),
        ({"knowledge": {"path": 5}}, "knowledge.path"),
    ],
)
def test_wrong_types_are_rejected_by_name(data: dict[str, Any], key: str) -> None:
    assert f"`{key}`" in error_of(data)


@pytest.mark.parametrize("data", [[1, 2], "text", 5])
def test_the_top_level_must_be_a_mapping(data: Any) -> None:
    assert "mapping" in error_of(data)


@pytest.mark.parametrize("section", ["telegram", "engine", "limits", "knowledge"])
def test_a_section_must_be_a_mapping(section: str) -> None:
    assert f"`{section}`" in error_of({section: ["a", "b"]})


@pytest.mark.parametrize("admins", [["alice"], [True], "123", {"id": 1}])
def test_admins_must_be_numeric_ids(admins: Any) -> None:
    assert "admins" in error_of({"admins": admins})


def test_an_unknown_log_level_is_rejected() -> None:
    assert "logging.level" in error_of({"logging": {"level": "LOUD"}})


# ---- thresholds and the webhook -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "engine",
    [
        {"answer_threshold": 30, "suggest_threshold": 40},
        {"answer_threshold": 101},
        {"suggest_threshold": -1},
        {"answer_threshold": 20},  # below the default suggest threshold (35)
    ],
)
def test_thresholds_must_be_ordered_within_0_and_100(engine: dict[str, Any]) -> None:
    message = error_of({"engine": engine})
    assert "suggest_threshold" in message and "answer_threshold" in message


@pytest.mark.parametrize("engine", [{"answer_threshold": 50, "suggest_threshold": 50},
                                    {"answer_threshold": 100, "suggest_threshold": 0}])
def test_equal_and_extreme_thresholds_are_allowed(engine: dict[str, Any]) -> None:
    settings = parse({"engine": engine}).engine
    assert settings.suggest_threshold <= settings.answer_threshold


def test_the_webhook_section_requires_a_url() -> None:
    assert "webhook.url" in error_of({"webhook": {"port": 8443}})
    assert "webhook.url" in error_of({"webhook": {"url": ""}})
    hook = parse({"webhook": {"url": "https://bot.example.org/hook", "port": 9000}}).webhook
    assert hook == WebhookConfig(url="https://bot.example.org/hook", port=9000)


@pytest.mark.parametrize("data", [{"engine": {"max_list": None}}, {"engine": {"answer_threshold": None}},
                                  {"knowledge": {"max_file_bytes": None}}, {"storage": {"path": None}},
                                  {"limits": {"flood_seconds": None}}])
def test_an_empty_value_is_a_config_error_or_the_default(data: dict[str, Any]) -> None:
    [(section, values)] = data.items()
    [key] = values
    try:
        config = parse(data)
    except ConfigError as exc:  # an error naming the key ...
        message = str(exc)
        assert f"`{section}.{key}`" in message and "\n" not in message, message
    else:  # ... or the default, exactly as if the key were not there: both are fine, nothing else is
        assert config == parse({}), config


@pytest.mark.parametrize("value", [0, -1])
def test_max_list_must_be_positive(value: int) -> None:
    assert "`engine.max_list`" in error_of({"engine": {"max_list": value}})


# ---- files ----------------------------------------------------------------------------------------------


def test_relative_paths_are_resolved_against_the_config_folder(tmp_path: Path) -> None:
    folder = tmp_path / "etc" / "factbot"
    folder.mkdir(parents=True)
    path = folder / "config.yaml"
    path.write_text("knowledge:\n  path: kb\nstorage:\n  path: data/stats.sqlite3\n", encoding="utf-8")
    config = load_config(path, env={})
    assert config.knowledge_path == folder / "kb"
    assert config.storage_path == folder / "data" / "stats.sqlite3"


def test_absolute_paths_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    kb = tmp_path / "elsewhere" / "kb"
    path.write_text(yaml.safe_dump({"knowledge": {"path": str(kb)}}), encoding="utf-8")
    assert load_config(path, env={}).knowledge_path == kb


def test_storage_defaults_beside_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("{}\n", encoding="utf-8")
    assert load_config(path, env={}).storage_path == tmp_path / "factbot.sqlite3"


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found") as caught:
        load_config(tmp_path / "absent.yaml", env={})
    assert "\n" not in str(caught.value)


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("engine:\n  max_list: 3\n  bad: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    message = str(caught.value)
    assert f"{path}:" in message and "invalid YAML" in message
    assert "\n" not in message


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"logging:\n  level: \xff\xfe\n")
    with pytest.raises(ConfigError):
        load_config(path, env={})


def test_the_token_in_a_bad_file_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"telegram:\n  token: {GOOD_TOKEN}\n  extra: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert GOOD_TOKEN not in str(caught.value)
    assert "telegram.extra" in str(caught.value)


# ---- editing from Telegram ----------------------------------------------------------------------------


def test_edits_live_beside_a_base_directory_unless_configured() -> None:
    assert parse({}).edits_path is None  # the bundled base is never edited
    config = parse({"knowledge": {"path": "kb"}})
    assert config.knowledge_path is not None and config.edits_path == config.knowledge_path.parent / "kb.edits"
    assert parse({"knowledge": {"path": "kb", "edits": "state/edits"}}).edits_path.name == "edits"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match=r"knowledge\.edits"):
        parse({"knowledge": {"edits": "state/edits"}})


def test_storage_url_is_postgresql_or_nothing() -> None:
    assert parse({}).storage_url == ""
    assert parse({"storage": {"url": "postgresql://bot@127.0.0.1/factbot"}}).storage_url.startswith("postgresql://")
    with pytest.raises(ConfigError, match=r"storage\.url"):
        parse({"storage": {"url": "mysql://x"}})


def test_each_replica_takes_its_webhook_port_from_the_environment() -> None:
    hook = {"webhook": {"url": "https://bot.example.org/telegram", "port": 8443}}
    assert parse(hook).webhook.port == 8443  # type: ignore[union-attr]
    assert parse(hook, env={"FACTBOT_WEBHOOK_PORT": "8442"}).webhook.port == 8442  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="FACTBOT_WEBHOOK_PORT"):
        parse(hook, env={"FACTBOT_WEBHOOK_PORT": "eighty"})
