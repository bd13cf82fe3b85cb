"""A base directory edited with nothing lost: each editor stages a change in a copy of the base, applies it
atomically, and every applied change is kept as a version that can be restored.

Layout of the workspace's state directory::

    staging/<editor>/base/      a full copy of the base with the editor's change
    staging/<editor>/meta.json  what the change is, and the base's content hash it was made against
    versions/<NNNN>/base/       the base after change NNNN (0000: as it was before the first change)
    versions/<NNNN>/meta.json   who, when, what
    lock                        one change at a time, across processes

Editors never overwrite each other: each stages in a directory of their own, and a change made against a
base that has changed since is refused (stage it again). A base changed by hand since the last version is
kept as a version of its own before any change or rollback replaces it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base.loader import check_knowledge
from knowledge.base.model import KnowledgeBase
from knowledge.base.validate import Problem
from knowledge.drafting.article import read_dateline
from knowledge.drafting.entities import slug
from knowledge.drafting.writer import DraftError, draft_into

MAX_UPLOAD_BYTES = 1024 * 1024
YAML_NAMES = (".yaml", ".yml")
_LOCAL = threading.Lock()


class EditError(Exception):
    """A change that cannot be made; ``code`` says which kind (for the front end's wording), ``problems``
    the details as ``file:line: message``."""

    def __init__(self, code: str, detail: str = "", problems: tuple[Problem, ...] = ()) -> None:
        self.code, self.detail, self.problems = code, detail, problems
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class Version:
    number: int
    when: float
    who: str
    what: str


@dataclass(frozen=True)
class Staged:
    """An editor's staged change, summarised."""

    what: str
    facts: int  # facts the staged base serves
    new_facts: int  # facts and pending drafts it adds
    new_entities: int
    pending: int  # items awaiting review in the staged base
    file: Path  # the staged file, to send back
    problems: tuple[Problem, ...] = ()
    notes: list[str] = field(default_factory=list)


def decode_upload(data: bytes) -> str:
    """The text of an upload: at most 1 MB of UTF-8 without NUL bytes; EditError otherwise."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise EditError("too_large", f"{len(data)} bytes")
    if b"\x00" in data:
        raise EditError("binary")
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise EditError("not_utf8", f"byte 0x{data[exc.start]:02x} at {exc.start}") from None


class Workspace:
    """Staging, applying and rolling back changes to the base directory ``base_dir``."""

    def __init__(self, base_dir: Path, state_dir: Path, *, keep: int = 30) -> None:
        self.base_dir = Path(base_dir)
        self.state_dir = Path(state_dir)
        self.keep = keep

    # -- staging --------------------------------------------------------------------------------------------
    def stage_article(self, editor: int, text: str, *, title: str, published: dt.date, url: str = "",
                      file_name: str = "") -> Staged:
        """Draft an article into the editor's staging copy (replacing what they had staged)."""
        live = self._live()
        staging = self._fresh_staging(editor)
        base_copy = staging / "base"
        line = read_dateline(text)
        stem = Path(file_name).stem if file_name else ""
        source_id = slug(f"{stem or 'article'}-{published.isoformat()}", live.sources)
        publisher = line.agency if line and line.agency else (title or "—")
        try:
            report = draft_into(base_copy, text, source_id=source_id, publisher=publisher, published=published,
                                url=url, title=title)
        except DraftError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise EditError("draft_failed", "\n".join(exc.problems)) from None
        if report.already:
            shutil.rmtree(staging, ignore_errors=True)
            raise EditError("already", source_id)
        assert report.facts_file is not None
        what = f"article {file_name or source_id} → {source_id}"
        self._write_meta(staging, what, live, report.facts_file.relative_to(base_copy))
        staged = check_knowledge(base_copy)[0]
        assert staged is not None
        return Staged(what, len(staged.facts), report.facts, report.entities, len(staged.pending),
                      report.facts_file, notes=[f"{report.undated} facts without a date"] if report.undated else [])

    def stage_yaml(self, editor: int, name: str, text: str) -> Staged:
        """A fact file (new, or one of the base's own edited) into the editor's staging copy; EditError with
        its problems when the staged base would not load — nothing is staged then."""
        name = Path(name).name
        if not name.endswith(YAML_NAMES) or name.startswith("."):
            raise EditError("not_yaml", name)
        live = self._live()
        staging = self._fresh_staging(editor)
        base_copy = staging / "base"
        same = [p for p in base_copy.rglob(name) if p.is_file()]
        target = same[0] if len(same) == 1 else base_copy / "facts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        staged, problems = check_knowledge(base_copy)
        if staged is None:
            shutil.rmtree(staging, ignore_errors=True)
            shown = tuple(Problem(os.path.relpath(p.file, base_copy) if p.file.startswith(str(base_copy))
                                  else p.file, p.line, p.message, p.severity) for p in problems)
            raise EditError("invalid", name, shown)
        relative = target.relative_to(base_copy)
        what = f"file {relative.as_posix()}" + (" (replaced)" if same else " (new)")
        self._write_meta(staging, what, live, relative)
        known = {f.id for f in live.facts} | {p.id for p in live.pending if p.kind == "fact"}
        added = [f.id for f in staged.facts if f.id not in known] + [
            p.id for p in staged.pending if p.kind == "fact" and p.id not in known]
        entities = [e for e in staged.entities if e not in live.entities] + [
            p.id for p in staged.pending if p.kind == "entity" and p.id not in live.entities]
        return Staged(what, len(staged.facts), len(added), len(entities), len(staged.pending), target)

    def staged(self, editor: int) -> str | None:
        """What the editor has staged, or None."""
        meta = self._staging(editor) / "meta.json"
        return str(json.loads(meta.read_text(encoding="utf-8"))["what"]) if meta.is_file() else None

    def discard(self, editor: int) -> bool:
        staging = self._staging(editor)
        if not staging.exists():
            return False
        shutil.rmtree(staging)
        return True

    # -- applying and rolling back -------------------------------------------------------------------------
    def apply(self, editor: int, who: str) -> Version:
        """Make the editor's staged base the live one; EditError when nothing is staged, the base changed
        since, or the staged base no longer loads."""
        staging = self._staging(editor)
        with self._locked():
            meta_file = staging / "meta.json"
            if not meta_file.is_file():
                raise EditError("nothing_staged")
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            live = self._live()
            if live.content_hash != meta["from_hash"]:
                raise EditError("base_changed")
            staged, problems = check_knowledge(staging / "base")
            if staged is None:
                raise EditError("invalid", "", tuple(problems))
            self._keep_live_state(live)
            self._swap_in(staging / "base")
            version = self._record(who, str(meta["what"]))
            shutil.rmtree(staging, ignore_errors=True)
            return version

    def rollback(self, who: str) -> Version:
        """Restore the version before the live one (itself kept as a version, so a rollback can be undone)."""
        with self._locked():
            self._keep_live_state(self._live())
            versions = self._versions()
            if len(versions) < 2:
                raise EditError("nothing_to_roll_back")
            previous = versions[-2]
            self._swap_in(self._version_dir(previous.number) / "base")
            return self._record(who, f"rollback to version {previous.number}")

    def history(self, limit: int = 10) -> list[Version]:
        """The applied versions, newest first."""
        return list(reversed(self._versions()))[:limit]

    # -- inside ---------------------------------------------------------------------------------------------
    def _live(self) -> KnowledgeBase:
        base, problems = check_knowledge(self.base_dir)
        if base is None:
            raise EditError("live_invalid", "", tuple(problems))
        return base

    def _staging(self, editor: int) -> Path:
        return self.state_dir / "staging" / str(int(editor))

    def _fresh_staging(self, editor: int) -> Path:
        staging = self._staging(editor)
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        shutil.copytree(self.base_dir, staging / "base", symlinks=True)
        return staging

    def _write_meta(self, staging: Path, what: str, live: KnowledgeBase, file: Path) -> None:
        meta = {"what": what, "from_hash": live.content_hash, "file": file.as_posix(), "when": time.time()}
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with _LOCAL, open(self.state_dir / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _versions(self) -> list[Version]:
        found = []
        for meta in sorted((self.state_dir / "versions").glob("[0-9][0-9][0-9][0-9]/meta.json")):
            data = json.loads(meta.read_text(encoding="utf-8"))
            found.append(Version(int(meta.parent.name), float(data["when"]), str(data["who"]), str(data["what"])))
        return found

    def _version_dir(self, number: int) -> Path:
        return self.state_dir / "versions" / f"{number:04d}"

    def _keep_live_state(self, live: KnowledgeBase) -> None:
        """The live base as a version when no version holds it yet (the first change; an edit by hand)."""
        versions = self._versions()
        if versions:
            last, _ = check_knowledge(self._version_dir(versions[-1].number) / "base")
            if last is not None and last.content_hash == live.content_hash:
                return
        what = "the base before the first change" if not versions else "the base as changed outside the bot"
        self._record("—", what)

    def _record(self, who: str, what: str) -> Version:
        versions = self._versions()
        number = versions[-1].number + 1 if versions else 0
        target = self._version_dir(number)
        target.mkdir(parents=True)
        shutil.copytree(self.base_dir, target / "base", symlinks=True)
        version = Version(number, time.time(), who, what)
        (target / "meta.json").write_text(json.dumps({"who": who, "what": what, "when": version.when},
                                                     ensure_ascii=False), encoding="utf-8")
        for old in versions[:max(0, len(versions) + 1 - self.keep)]:
            shutil.rmtree(self._version_dir(old.number), ignore_errors=True)
        return version

    def _swap_in(self, source: Path) -> None:
        """Replace the live base directory with a copy of ``source``: the copy is made beside it, then two
        renames swap it in (a reader sees the old base or the new one, and the bot serves from memory)."""
        parent = self.base_dir.parent
        fresh = Path(tempfile.mkdtemp(dir=parent, prefix=f".{self.base_dir.name}-new-"))
        shutil.rmtree(fresh)
        shutil.copytree(source, fresh, symlinks=True)
        old = parent / f".{self.base_dir.name}-old-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(self.base_dir, old)
        try:
            os.rename(fresh, self.base_dir)
        except OSError:
            os.rename(old, self.base_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)


def caption_arguments(caption: str) -> tuple[str, dt.date | None, str]:
    """``/draft [TITLE…] YYYY-MM-DD [URL]`` → (title, date, url); the date None when it is missing."""
    words = caption.split()[1:] if caption.split() and caption.split()[0].startswith("/") else caption.split()
    url = next((w for w in words if re.match(r"https?://", w)), "")
    day: dt.date | None = None
    rest = []
    for word in words:
        if word == url:
            continue
        if day is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
            with contextlib.suppress(ValueError):
                day = dt.date.fromisoformat(word)
                continue
        rest.append(word)
    return " ".join(rest), day, url
