"""Editing a base directory with nothing lost (knowledge/drafting/workspace.py): staging per editor,
applying atomically, versions, rollback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from knowledge import EditError, Workspace, bundled_path, caption_arguments, check_knowledge, decode_upload

ARTICLE = ("ТБИЛИСИ, 3 фев - РИА Новости. 12 марта 2023 года министр Петр Иванов посетил Тбилиси.\n"
           "Россия – важный торговый партнер Грузии.\n")
NEW_FACT = """\
facts:
  - id: test-partner-again
    topic: diplomacy
    date: "2024-04-22"
    as_of: true
    participants: [russia, azerbaijan]
    text: По состоянию на апрель 2024 года Азербайджан – важный стратегический партнер России.
    quote: "Азербайджан – важный стратегический партнер России."
    source: ria-2024-04-22
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    base = Path(shutil.copytree(bundled_path(), tmp_path / "kb"))
    return Workspace(base, tmp_path / "kb.edits")


def _facts(workspace: Workspace) -> set[str]:
    base, problems = check_knowledge(workspace.base_dir)
    assert base is not None, problems
    return {f.id for f in base.facts}


def test_a_fact_file_staged_applied_and_rolled_back(workspace: Workspace) -> None:
    before = _facts(workspace)
    staged = workspace.stage_yaml(1, "new.yaml", NEW_FACT)
    assert (staged.new_facts, staged.facts) == (1, len(before) + 1)
    assert _facts(workspace) == before  # staging changes nothing live
    assert workspace.staged(1) == "file facts/new.yaml (new)"
    version = workspace.apply(1, "admin (1)")
    assert version.number == 1 and _facts(workspace) == before | {"test-partner-again"}
    assert [v.number for v in workspace.history()] == [1, 0]  # 0: the base before the first change
    assert workspace.staged(1) is None
    undone = workspace.rollback("admin (1)")
    assert undone.what == "rollback to version 0" and _facts(workspace) == before
    workspace.rollback("admin (1)")  # a rollback is a version too: it can be undone
    assert _facts(workspace) == before | {"test-partner-again"}


def test_an_article_is_drafted_into_staging_as_pending_facts(workspace: Workspace) -> None:
    staged = workspace.stage_article(7, ARTICLE, title="Справка", published=dt.date(2024, 2, 3),
                                     file_name="справка.txt")
    assert staged.new_facts == 2 and staged.pending >= 2 and staged.file.name.endswith(".yaml")
    assert "review: pending" in staged.file.read_text(encoding="utf-8")
    workspace.apply(7, "editor")
    base, _ = check_knowledge(workspace.base_dir)
    assert base is not None and len(base.sources) == 2 and len(base.pending) >= 2


def test_an_invalid_file_stages_nothing_and_points_at_the_line(workspace: Workspace) -> None:
    broken = NEW_FACT.replace("topic: diplomacy", "topic: nonsense")
    with pytest.raises(EditError) as caught:
        workspace.stage_yaml(1, "new.yaml", broken)
    assert caught.value.code == "invalid"
    assert any(str(p).startswith("facts/new.yaml:3: fact `test-partner-again`: `topic`") for p in caught.value.problems)
    assert workspace.staged(1) is None
    with pytest.raises(EditError, match="nothing_staged"):
        workspace.apply(1, "admin")


def test_two_editors_never_overwrite_each_other(workspace: Workspace) -> None:
    workspace.stage_yaml(1, "one.yaml", NEW_FACT)
    workspace.stage_yaml(2, "two.yaml", NEW_FACT.replace("test-partner-again", "test-partner-other"))
    workspace.apply(1, "first")
    with pytest.raises(EditError, match="base_changed"):  # made against the base before the first change
        workspace.apply(2, "second")
    assert "test-partner-other" not in _facts(workspace)
    assert workspace.staged(2) is not None  # kept until the editor stages again or discards
    assert workspace.discard(2) and not workspace.discard(2)


def test_an_edit_by_hand_is_kept_as_a_version_before_a_change(workspace: Workspace) -> None:
    workspace.stage_yaml(1, "new.yaml", NEW_FACT)
    workspace.apply(1, "admin")
    (workspace.base_dir / "facts" / "new.yaml").unlink()  # by hand, outside the bot
    workspace.rollback("admin")
    whats = [v.what for v in workspace.history()]
    assert whats[:2] == ["rollback to version 1", "the base as changed outside the bot"]
    assert "test-partner-again" in _facts(workspace)


def test_a_fact_file_with_a_known_name_replaces_that_file(workspace: Workspace) -> None:
    path = workspace.base_dir / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8").replace("успешно развивается", "успешно и быстро развивается", 1)
    staged = workspace.stage_yaml(1, "economy.yaml", text)
    assert staged.what == "file facts/economy.yaml (replaced)" and staged.new_facts == 0


def test_uploads_are_checked_before_anything_is_read() -> None:
    assert decode_upload("текст".encode()) == "текст"
    for data, code in ((b"x" * (1024 * 1024 + 1), "too_large"), (b"a\x00b", "binary"),
                       ("текст".encode("cp1251"), "not_utf8")):
        with pytest.raises(EditError) as caught:
            decode_upload(data)
        assert caught.value.code == code


def test_caption_arguments() -> None:
    assert caption_arguments("/draft Справка 2025-11-27 https://ria.ru/x") == (
        "Справка", dt.date(2025, 11, 27), "https://ria.ru/x")
    assert caption_arguments("/draft без даты") == ("без даты", None, "")
