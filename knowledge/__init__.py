"""The fact base and the answer engine; knows nothing about Telegram."""

from knowledge.loader import KnowledgeError, Limits, bundled_path, check_knowledge, load_knowledge
from knowledge.model import Entity, Fact, Figure, KnowledgeBase, Source

__all__ = [
    "Entity",
    "Fact",
    "Figure",
    "KnowledgeBase",
    "KnowledgeError",
    "Limits",
    "Source",
    "bundled_path",
    "check_knowledge",
    "load_knowledge",
]
