"""The fact base and the answer engine; knows nothing about Telegram.

This is the interface front ends use (handlers/, bot/): they import from ``knowledge`` only, never from
its modules, so the engine's inside can be reorganised without touching them (tests/test_public_interface.py).
"""

from knowledge.answers.answer import Answer, Item, SourceRef, Suggestion
from knowledge.answers.replies import Phrases, phrases, plural
from knowledge.base.loader import (
    KnowledgeError,
    Limits,
    bundled_path,
    check_knowledge,
    knowledge_warnings,
    load_knowledge,
)
from knowledge.base.model import LANGUAGE_NAMES_EN, Entity, Fact, Figure, KnowledgeBase, Source, short_key
from knowledge.base.validate import Problem
from knowledge.drafting.review import AcceptError, AcceptReport, accept
from knowledge.drafting.workspace import EditError, Staged, Version, Workspace, caption_arguments, decode_upload
from knowledge.drafting.writer import DraftError, DraftReport, draft_into
from knowledge.engine import Engine, EngineSettings
from knowledge.holder import EngineHolder, ReloadResult
from knowledge.search.context import Context, Conversations
from knowledge.search.timeline import Timeline
from knowledge.text.language import detect_language

__all__ = [
    "LANGUAGE_NAMES_EN",
    "AcceptError",
    "AcceptReport",
    "Answer",
    "Context",
    "Conversations",
    "DraftError",
    "DraftReport",
    "EditError",
    "Engine",
    "EngineHolder",
    "EngineSettings",
    "Entity",
    "Fact",
    "Figure",
    "Item",
    "KnowledgeBase",
    "KnowledgeError",
    "Limits",
    "Phrases",
    "Problem",
    "ReloadResult",
    "Source",
    "SourceRef",
    "Staged",
    "Suggestion",
    "Timeline",
    "Version",
    "Workspace",
    "accept",
    "bundled_path",
    "caption_arguments",
    "check_knowledge",
    "decode_upload",
    "detect_language",
    "draft_into",
    "knowledge_warnings",
    "load_knowledge",
    "phrases",
    "plural",
    "short_key",
]
