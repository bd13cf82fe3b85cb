"""knowledge.base.loader: a whole base from files, all or nothing, with locations and a content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from builders import (
    ENTITIES_YAML,
    FACTS_FILE,
    FACTS_YAML,
    LEXICON_YAML,
    SOURCE_TEXT,
    SOURCES_YAML,
    VALID_ENTITY_COUNT,
    VALID_FACT_COUNT,
    fact_yaml,
    line_no,
    replace_once,
    write_base,
)

from knowledge import KnowledgeError, Limits, bundled_path, check_knowledge, load_knowledge
from knowledge.base.loader import find_files
from knowledge.base.model import Figure, Location


def test_valid_base_is_built_completely(base_dir: Path) -> None:
    base = load_knowledge(base_dir)
    assert [f.id for f in base.facts] == ["relations-1992", "trade-2023", "talks-2024"]  # by date
    assert len(base.entities) == VALID_ENTITY_COUNT and len(base.facts) == VALID_FACT_COUNT

    relations = base.fact("relations-1992")
    assert relations is not None
    assert relations.text == "Дипломатические отношения между Россией и Азербайджаном установлены 4 апреля 1992 года."
    assert relations.quote == "Дипломатические отношения установлены 4 апреля 1992 года."
    assert relations.date.iso == "1992-04-04" and relations.date.precision == "day"
    assert relations.participants == ("russia", "azerbaijan")
    assert relations.status == "done"  # the default
    assert relations.questions == ("когда установили дипотношения", "дата дипломатических отношений")
    assert relations.where == Location(str(base_dir / FACTS_FILE), line_no(FACTS_YAML, "id: relations-1992"))

    trade = base.fact("trade-2023")
    assert trade is not None
    assert trade.figures == (Figure(4.4, "млрд долларов", "товарооборот России и Азербайджана", "2023", "почти"),)
    assert trade.figures[0].display() == "почти 4,4 млрд долларов"
    assert trade.date.precision == "year"

    talks = base.fact("talks-2024")
    assert talks is not None and talks.status == "planned"
    assert talks.entity_ids == ("putin", "aliyev")
    assert base.fact("no-such-fact") is None

    source = base.sources["test-source"]
    assert source.text == SOURCE_TEXT
    assert source.published == dt.date(2024, 4, 22)
    assert source.about == ("russia", "azerbaijan")
    assert source.citation() == "Тест Новости, 22.04.2024 — http://example.org"
    assert base.newest_source_date() == dt.date(2024, 4, 22)

    putin = base.entities["putin"]
    assert putin.kind == "person" and putin.country == "russia" and putin.aliases == ("Путин",)
    assert putin.display() == "Владимир Путин (президент России)"
    assert base.entities["azerbaijan"].display() == "Азербайджан"

    assert base.files == tuple(str(base_dir / f) for f in ("entities.yaml", "sources.yaml", FACTS_FILE))
    assert re.fullmatch(r"[0-9a-f]{64}", base.content_hash)  # a SHA-256 hex digest ...
    assert base.content_hash != hashlib.sha256().hexdigest()  # ... of the files read, not of nothing
    assert load_knowledge(base_dir).content_hash == base.content_hash  # the same files: the same hash


def test_check_and_load_agree_on_a_broken_base(tmp_path: Path) -> None:
    facts = replace_once(FACTS_YAML, "    topic: trade\n", "    topic: weather\n")
    root = write_base(tmp_path, facts=facts, lexicon=LEXICON_YAML)
    base, problems = check_knowledge(root)
    assert base is None and len(problems) == 1
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    assert caught.value.problems == problems
    assert str(problems[0]) in str(caught.value)
    assert str(caught.value).startswith("1 problem(s) in the fact base")


def test_one_bad_file_rejects_the_whole_base(tmp_path: Path) -> None:
    root = write_base(tmp_path, files={"facts/zz_bad.yaml": "facts:\n  - id: broken\n"})
    base, problems = check_knowledge(root)
    assert base is None
    assert {p.file for p in problems} == {str(root / "facts/zz_bad.yaml")}


def test_records_of_any_kind_may_share_one_file(tmp_path: Path) -> None:
    single = tmp_path / "one.yaml"
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts/test.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    single.write_text(SOURCES_YAML + ENTITIES_YAML + FACTS_YAML, encoding="utf-8")
    base = load_knowledge(single)  # a single file is a base too; its text_file is beside it
    assert len(base.facts) == VALID_FACT_COUNT
    assert base.files == (str(single),)
    assert base.fact("trade-2023").where.file == str(single)  # type: ignore[union-attr]


def test_yml_files_nested_folders_and_ignored_files(tmp_path: Path) -> None:
    root = write_base(
        tmp_path,
        files={
            "facts/deeper/more.yml": "facts:\n" + fact_yaml("talks-extra"),
            "facts/.hidden.yaml": "this: is not read: at all\n",
            "facts/notes.txt": "not: yaml: at all\n",
            "facts/backup.yaml~": "neither\n",
        },
    )
    base = load_knowledge(root)
    assert base.fact("talks-extra") is not None
    assert str(root / "facts/deeper/more.yml") in base.files
    assert not any(".hidden" in f or f.endswith((".txt", "~")) for f in base.files)


def test_find_files_is_sorted_and_stable(tmp_path: Path) -> None:
    root = write_base(tmp_path, files={"facts/a.yaml": "facts: []\n", "a_first.yml": "facts: []\n"})
    files, problems = find_files(root, Limits())
    assert problems == []
    relative = [str(f.relative_to(root)) for f in files]
    assert relative == ["a_first.yml", "entities.yaml", "sources.yaml", "facts/a.yaml", "facts/facts.yaml"]


def test_max_files_limit(tmp_path: Path) -> None:
    root = write_base(tmp_path, files={f"facts/extra{i}.yaml": "facts: []\n" for i in range(3)})
    base, problems = check_knowledge(root, limits=Limits(max_files=5))
    assert base is None
    assert [str(p) for p in problems] == [f"{root}:1: more than 5 YAML files"]
    assert check_knowledge(root, limits=Limits(max_files=6))[0] is not None


def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "evil.yaml").write_text("facts:\n  - broken\n", encoding="utf-8")
    root = write_base(tmp_path)
    (root / "link").symlink_to(elsewhere, target_is_directory=True)
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None


def test_content_hash_follows_content_not_location(tmp_path: Path) -> None:
    first = load_knowledge(write_base(tmp_path, name="one")).content_hash
    again = load_knowledge(write_base(tmp_path, name="two")).content_hash
    assert first == again
    changed = write_base(tmp_path, name="three", facts=FACTS_YAML + "# a comment changes the bytes\n")
    assert load_knowledge(changed).content_hash != first
    renamed = write_base(tmp_path, name="four", facts=None, files={"facts/renamed.yaml": FACTS_YAML})
    assert load_knowledge(renamed).content_hash != first


def test_quote_may_span_a_line_break_of_the_source(tmp_path: Path) -> None:
    # in the source the two sentences are on two lines; the folded quote joins them with one space
    facts = replace_once(
        FACTS_YAML,
        '    quote: "Дипломатические отношения установлены 4 апреля 1992 года."\n',
        "    quote: >-\n"
        "      Дипломатические отношения установлены 4 апреля 1992 года.\n"
        "      По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов.\n",
    )
    base = load_knowledge(write_base(tmp_path, facts=facts))
    assert base.fact("relations-1992").quote == (  # type: ignore[union-attr]
        "Дипломатические отношения установлены 4 апреля 1992 года. "
        "По итогам 2023 года товарооборот достиг почти 4,4 миллиарда долларов."
    )


def test_entity_and_fact_ids_share_one_namespace(tmp_path: Path) -> None:
    facts = FACTS_YAML + fact_yaml("putin")
    root = write_base(tmp_path, facts=facts)
    base, problems = check_knowledge(root)
    assert base is None
    assert len(problems) == 1
    assert problems[0].message.startswith("duplicate id `putin` (first defined at ")
    assert f"{root / 'entities.yaml'}:{line_no(ENTITIES_YAML, 'id: putin')}" in problems[0].message


def test_bundled_path_is_the_package_data() -> None:
    path = bundled_path()
    assert (path / "sources.yaml").is_file()
    assert (path / "entities.yaml").is_file()
    assert (path / "texts" / "ria-2024-04-22.txt").is_file()
    assert path.resolve() == (Path(__file__).resolve().parents[1] / "knowledge" / "data")
