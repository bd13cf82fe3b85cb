"""The answer engine: one entry point, ``Engine.answer``, for every front end.

An Engine is built once from a fact base and never changes, so a reload can
build a new one beside it and swap a single reference.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from knowledge.answer import Answer, AnswerKind, Item, SourceRef, Suggestion
from knowledge.cache import load_compiled
from knowledge.context import Context
from knowledge.dates import MONTHS_NOMINATIVE
from knowledge.followup import read_follow_up
from knowledge.index import Index, build_index
from knowledge.lexicon import EVENT_NOUNS
from knowledge.loader import Limits, load_knowledge
from knowledge.model import Fact, KnowledgeBase, short_key
from knowledge.morphology import analyse
from knowledge.normalize import MAX_QUERY_CHARS, words
from knowledge.query import Query, parse_query
from knowledge.replies import (
    EXAMPLES,
    LEAD_AFTER_BASE,
    LEAD_ANNOUNCED_ONLY,
    LEAD_COUNT,
    LEAD_DECLINE,
    LEAD_DETAIL,
    LEAD_EXTREME,
    LEAD_FREQUENT,
    LEAD_LIST,
    LEAD_LIST_CAPPED,
    LEAD_PARTIAL,
    LEAD_SERIES,
    LEAD_SERIES_ONE,
    LEAD_SOURCE,
    LEAD_SUGGEST,
    LEAD_TIMELINE,
    LEAD_TIMELINE_EMPTY,
    LEAST,
    MOST,
    NOTE_BASE_ENDS,
    NOTE_QUOTE,
    NOTE_TOPICS,
    SMALLTALK,
    as_of_note,
    human_day,
    partial_lead,
    plural,
    render_text,
    times,
    typed_lead,
)
from knowledge.scoring import Scored, complete_for, rank
from knowledge.series import GROWTH_WORDS, figure_series
from knowledge.timeframe import find_timeframe
from knowledge.timeline import Timeline, build_timeline, request_token
from knowledge.topics import TOPICS


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Thresholds on the 0–100 score and reply sizes; the bot's config sets them."""

    answer_threshold: float = 60.0
    suggest_threshold: float = 35.0
    max_list: int = 30  # facts in one list reply («все встречи…» lists every one; Telegram splits long replies)
    max_tied: int = 10  # facts answered together when several explain the question equally
    max_suggestions: int = 3
    tie_margin: float = 3.0  # facts this close to the best are answered together
    tie_coverage: float = 0.05  # ... and so are facts explaining as much of the question
    list_coverage: float = 0.6  # a list keeps facts that explain this share of the question
    list_margin: float = 5.0  # a list question («какие…», «все…») may be answered this far below the threshold
    complete_margin: float = 15.0  # how much closer a fact lacking the asked detail must be to win
    ordinal_margin: float = 12.0  # «последний раз»: facts this close to the best compete on date
    cover_margin: float = 10.0  # a fact joining a multi-part answer may score this much under the threshold
    cover_gain: float = 0.2  # ... if it answers at least this share of the question the others do not


class Engine:
    """Answers questions from one fact base."""

    def __init__(
        self, base: KnowledgeBase, settings: EngineSettings | None = None, *, index: Index | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.base = base
        self.today = today  # the clock relative questions («в прошлом году») are resolved against
        newest = base.newest_source_date()
        self.base_end = newest or dt.date.max  # the base knows nothing after its newest source
        self.settings = settings or EngineSettings()
        self.index: Index = index if index is not None and index.base is base else build_index(base)
        self._by_key = {short_key(fact.id): fact for fact in base.facts}
        self._kinds = {ref: (entity.kind, entity.country) for ref, entity in base.entities.items()}
        self._entries = {entry.fact.id: entry for entry in self.index.entries}
        present = {fact.topic for fact in base.facts}
        self._topics = tuple((key, label) for key, label in TOPICS.items() if key in present)

    @classmethod
    def from_path(
        cls,
        path: Path | str | None = None,
        settings: EngineSettings | None = None,
        *,
        limits: Limits | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = False,
    ) -> Engine:
        """Load, validate and index a base; with ``use_cache`` a compiled copy on disk is reused."""
        if use_cache:
            base, index = load_compiled(path, limits=limits, cache_dir=cache_dir)
            return cls(base, settings, index=index)
        return cls(load_knowledge(path, limits=limits), settings)

    # -- public API ---------------------------------------------------------------------------------
    def answer(self, question: str, context: Context | None = None, *, today: dt.date | None = None,
               lang: str = "auto", hint: str | None = None) -> Answer:
        """Answer one question, continuing ``context`` (the last answer's) when it is a follow-up.

        ``today`` (default: the engine's clock) resolves «в прошлом году», «сейчас», «недавно».
        ``lang``: "ru", "en", or "auto" — the question's own language, ``hint`` (a Telegram user's
        ``language_code``) breaking ties. Never raises on any text. The answer carries the context
        for the next question."""
        query = self._parse(question, today or self.today())
        plan = read_follow_up(question, query, context, entity_kinds=self._kinds)
        if context is not None and plan.kind in ("detail", "source", "same"):
            return self._remember(self._about_last(question, plan.query, context, plan.kind), plan.query)
        query = plan.query
        if query.smalltalk or not query.has_content:
            answer = (self._smalltalk(question, query.smalltalk) if query.smalltalk
                      else self._decline(question, [], score=0.0))
            object.__setattr__(answer, "context", context)  # small talk does not end a conversation
            return answer
        return self._remember(self._answer_query(question, query), query)

    def _parse(self, question: str, today: dt.date) -> Query:
        """The question with any relative period resolved against today."""
        until = today if today < self.base_end else None
        frame = find_timeframe(question[:MAX_QUERY_CHARS], today=today)
        if frame is None:
            return parse_query(question, self.index, until=until)
        rest = words(question, max_chars=MAX_QUERY_CHARS)
        for word in frame.words:  # the period is a constraint now, not words to match
            if word in rest:
                rest.remove(word)
        if frame.kind == "now":  # «какой сейчас товарооборот»: what the base knows, dated as of its source
            query = parse_query(" ".join(rest), self.index, until=until)
            return dataclasses.replace(query, span_label=frame.label, now=True)
        return parse_query(" ".join(rest), self.index, span=(frame.start, frame.end), span_label=frame.label,
                           until=until)

    def _remember(self, answer: Answer, query: Query) -> Answer:
        shown = tuple(item.fact_id for item in answer.items)
        object.__setattr__(answer, "context",
                           Context(query, shown if answer.answered else (), answer.answered, shown))
        return answer

    def _answer_query(self, question: str, query: Query) -> Answer:
        if query.span is not None and query.span[0] > self.base_end:
            return self._after_base(question, query)
        answer = self._match(question, query)
        if query.now and answer.answered and self.today() > self.base_end:
            note = NOTE_BASE_ENDS.format(end=human_day(self.base_end))
            object.__setattr__(answer, "note", "\n".join(filter(None, (answer.note, note))))
            object.__setattr__(answer, "reply", render_text(answer))
        return answer

    def _after_base(self, question: str, query: Query) -> Answer:
        """A period after the base ends: say so, and offer the latest fact it has on the subject."""
        lead = LEAD_AFTER_BASE.format(period=query.span_label, end=human_day(self.base_end))
        wider = dataclasses.replace(query, span=None, list_intent=False, count_intent=False, ordinal="latest")
        ranked = [s for s in rank(wider, self.index) if s.allowed and s.score >= self.settings.suggest_threshold]
        if not ranked:
            return self._build(question, "decline", False, lead, [], 0.0)
        top = ranked[0]
        pool = [s for s in ranked if s.score >= top.score - self.settings.ordinal_margin]
        latest = max(pool, key=lambda s: (s.entry.fact.date.end, s.score))
        return self._build(question, "partial", False, lead, [latest.entry.fact], latest.score,
                           suggestions=self._suggestions(ranked, exclude={latest.entry.fact.id}))

    def _match(self, question: str, query: Query) -> Answer:
        ranked = rank(query, self.index)
        allowed = [s for s in ranked if s.allowed]
        cfg = self.settings
        announced = [s for s in allowed if s.entry.fact.status == "planned" and s.complete
                     and s.score >= cfg.answer_threshold]
        if query.future and announced:  # «когда Алиев приедет», «будут ли переговоры»: what the source announces
            allowed = [s for s in allowed if s.entry.fact.status == "planned"]
        if query.asks_happened and allowed and allowed[0].entry.fact.status == "planned":
            fact = allowed[0].entry.fact  # «состоялись ли переговоры»: announced, and nothing more is known
            return self._build(question, "partial", False, LEAD_ANNOUNCED_ONLY, [fact], allowed[0].score,
                               suggestions=self._suggestions(allowed, exclude={fact.id}))
        if query.nth or query.extreme or query.frequent:
            ranked_answer = self._ranking(question, query, allowed)
            if ranked_answer is not None:
                return ranked_answer
            allowed = [s for s in allowed if not s.complete]  # a ranking it cannot make: never one fact instead
        if query.trend:
            found = self._series(question, query, allowed)
            if found is not None:
                return found
        if query.now and not query.list_intent:  # «какой сейчас товарооборот»: the latest period's figure
            subject = {lemma for term in query.terms if term.noun for lemma in term.lemmas}
            points = figure_series([s.entry.fact for s in allowed if s.score >= cfg.suggest_threshold], subject)
            if points:
                latest = points[-1].fact
                score = max(s.score for s in allowed if s.entry.fact is latest)
                return self._build(question, "answer", True, self._lead(query, latest), [latest], score)
        complete = [s for s in allowed if s.complete]
        if query.list_intent:
            # «все встречи …»: a list keeps only facts that hold every thing named (a phone call is no meeting)
            things = frozenset(i for i, t in enumerate(query.terms) if t.noun and t.known)
            members = [s for s in complete if s.coverage >= cfg.list_coverage and s.score >= cfg.suggest_threshold
                       and things <= s.matched]
            if members and members[0].score >= cfg.answer_threshold - cfg.list_margin:
                return self._list(question, members, counting=query.count_intent)
        best = allowed[0] if allowed else None
        top = complete[0] if complete else None
        if (top is not None and top.score >= cfg.answer_threshold
                and (best is None or top.score >= best.score - cfg.complete_margin)):
            if query.ordinal:
                return self._ordinal(question, query, complete, top)
            tied = [s for s in complete if s.score >= max(cfg.answer_threshold, top.score - cfg.tie_margin)
                    or (s.coverage >= top.coverage - cfg.tie_coverage and s.score >= top.score - cfg.tie_margin * 4)]
            tied = self._cover(query, complete, tied)
            if len(tied) > 1:
                return self._list(question, tied)
            return self._build(question, "answer", True, self._lead(query, top.entry.fact), [top.entry.fact],
                               top.score)
        if best is not None and best.score >= cfg.answer_threshold:
            lead = partial_lead(query.answer_type) if not best.complete else LEAD_PARTIAL
            return self._build(question, "partial", False, lead, [best.entry.fact], best.score,
                               suggestions=self._suggestions(allowed, exclude={best.entry.fact.id}))
        if best is not None and best.score >= cfg.suggest_threshold:
            return self._build(question, "suggest", False, LEAD_SUGGEST, [], best.score,
                               suggestions=self._suggestions(allowed))
        return self._decline(question, ranked, score=ranked[0].score if ranked else 0.0)

    def _events(self, query: Query, allowed: list[Scored]) -> list[Scored]:
        """Occasions of what is asked («встречи Путина и Алиева»): done, dated, holding every thing named."""
        things = frozenset(i for i, t in enumerate(query.terms) if t.noun and t.known)
        floor = self.settings.answer_threshold - self.settings.list_margin
        return [s for s in allowed if s.complete and things <= s.matched and s.score >= floor
                and s.entry.fact.status == "done" and not s.entry.fact.as_of]

    def _ranking(self, question: str, query: Query, allowed: list[Scored]) -> Answer | None:
        """«вторая встреча», «самый большой рост», «чаще всего»: ranks the dates and figures can give."""
        if (query.extreme and not query.frequent) or (query.extreme and query.terms and not any(
                set(t.lemmas) & EVENT_NOUNS for t in query.terms)):
            subject = {lemma for term in query.terms if term.noun for lemma in term.lemmas}
            pool = [s.entry.fact for s in allowed if s.score >= self.settings.suggest_threshold]
            points = figure_series(pool, subject)
            growth = bool(subject & GROWTH_WORDS)
            valued = [(p.growth if growth else p.level, p) for p in points]
            ranked = [(f, p) for f, p in valued if f is not None]
            if len(ranked) < 2:
                return None
            pick = (max if query.extreme == "max" else min)(ranked, key=lambda fp: fp[0].value)
            figure, point = pick
            lead = LEAD_EXTREME.format(which=MOST if query.extreme == "max" else LEAST, period=point.period,
                                       figure=(f"рост {figure.display()}" if growth else figure.display()),
                                       count=len(ranked))
            score = max(s.score for s in allowed if s.entry.fact is point.fact)
            return self._build(question, "answer", True, lead, [point.fact], score)
        events = sorted(self._events(query, allowed), key=lambda s: (s.entry.fact.date.start, -s.score))
        by_day: dict[str, list[Scored]] = {}
        for s in events:
            by_day.setdefault(self._event(s.entry.fact), []).append(s)
        days = list(by_day.values())
        if query.nth:
            if len(days) < query.nth:
                return None
            best = max(days[query.nth - 1], key=lambda s: s.score)
            return self._build(question, "answer", True, self._lead(query, best.entry.fact), [best.entry.fact],
                               best.score)
        if not (query.frequent and days):
            return None
        monthly = "месяц" in question.lower()
        groups: dict[tuple[int, int], list[list[Scored]]] = {}
        for day in days:
            start = day[0].entry.fact.date.start
            groups.setdefault((start.year, start.month if monthly else 0), []).append(day)
        counts = sorted(((len(v), k) for k, v in groups.items()), reverse=True)
        if len(counts) > 1 and counts[0][0] == counts[1][0]:
            return None  # a tie: no single period
        (count, (year, month)) = counts[0]
        period = f"{MONTHS_NOMINATIVE[month - 1]} {year} года" if monthly else f"{year} год"
        facts = [day[0].entry.fact for day in groups[(year, month)]]
        lead = LEAD_FREQUENT.format(period=period, count=count, times=times(count))
        return self._build(question, "list", True, lead, facts, max(s.score for s in events))

    def _series(self, question: str, query: Query, allowed: list[Scored]) -> Answer | None:
        """«как менялся товарооборот»: every period's figure of the subject, as the source gives it."""
        subject = {lemma for term in query.terms if term.noun for lemma in term.lemmas}
        pool = [s.entry.fact for s in allowed if s.score >= self.settings.suggest_threshold]
        points = figure_series(pool, subject)
        if not points:
            return None
        head = LEAD_SERIES if len(points) > 1 else LEAD_SERIES_ONE
        lead = head + "\n" + "\n".join(f"• {point.line()}" for point in points)
        facts = list(dict.fromkeys(point.fact for point in points))
        score = max(s.score for s in allowed if s.entry.fact in facts)
        return self._build(question, "list", True, lead, facts, score)

    def _about_last(self, question: str, query: Query, context: Context, kind: str) -> Answer:
        """«подробнее», «а источник?», «а где?»: the facts just shown, with what is asked of them now."""
        ids = context.facts if kind == "same" else context.shown
        facts = [f for f in (self.base.fact(i) for i in ids) if f is not None]
        if not facts:  # the base was reloaded and the facts are gone
            return self._decline(question, [], score=0.0)
        if kind == "detail":
            quotes = "\n".join(f"«{quote}»" for quote in dict.fromkeys(f.quote for f in facts))
            return self._build(question, "answer" if len(facts) == 1 else "list", True, LEAD_DETAIL, facts, 100.0,
                               note=NOTE_QUOTE.format(quotes=quotes))
        if kind == "source":
            refs = [self.source_ref(s) for s in dict.fromkeys(f.source for f in facts)]
            lead = " ".join(LEAD_SOURCE.format(title=r.title, publisher=r.publisher, day=r.day(), url=r.url)
                            for r in refs)
            return self._build(question, "answer" if len(facts) == 1 else "list", True, lead, facts, 100.0)
        if len(facts) > 1:
            lead = LEAD_LIST.format(count=len(facts))
            return self._build(question, "list", True, lead, facts, 100.0)
        entry = self._entries.get(facts[0].id)
        if entry is None or not complete_for(query, entry):  # the fact does not hold what is asked now: say so
            return self._build(question, "partial", False, partial_lead(query.answer_type), facts, 100.0)
        return self._build(question, "answer", True, self._lead(query, facts[0]), facts, 100.0)

    def _ordinal(self, question: str, query: Query, complete: list[Scored], top: Scored) -> Answer:
        """«Когда в последний раз…»: the latest (or earliest) of the facts that answer equally well."""
        pool = [s for s in complete if s.score >= top.score - self.settings.ordinal_margin
                and s.entry.fact.status == "done" and not s.entry.fact.as_of]
        if not pool:
            pool = [top]
        pick = (max if query.ordinal == "latest" else min)(pool, key=lambda s: (s.entry.fact.date.end, s.score))
        return self._build(question, "answer", True, self._lead(query, pick.entry.fact), [pick.entry.fact],
                           pick.score)

    def _cover(self, query: Query, complete: list[Scored], chosen: list[Scored]) -> list[Scored]:
        """Add facts answering what the chosen ones leave out («вузы, студенты, школы»)."""
        weights = [t.weight for t in query.terms]
        total = sum(weights)
        if not total:
            return chosen
        covered = set().union(*(s.matched for s in chosen))
        chosen = list(chosen)
        floor = self.settings.answer_threshold - self.settings.cover_margin
        for other in complete:
            if len(chosen) >= self.settings.max_tied or other.score < floor:
                break
            if other in chosen:
                continue
            gain = sum(weights[i] for i in other.matched - covered)
            if gain >= self.settings.cover_gain * total:
                chosen.append(other)
                covered |= other.matched
        return chosen

    def timeline(self, request: str) -> Timeline | None:
        """The dated events a request («2023», «Лавров», «торговля», «Алиев 2022–2023») filters; None if unclear."""
        token = request_token(request, self.index)
        return build_timeline(token, self.index) if token else None

    def timeline_by_token(self, token: str) -> Timeline | None:
        return build_timeline(token, self.index)

    def timeline_answer(self, timeline: Timeline, *, page: int = 0, per_page: int = 0) -> Answer:
        """One page of a timeline as a list answer (``per_page`` 0: the whole timeline)."""
        facts = list(timeline.facts)
        if not facts:
            return self._build(timeline.title, "decline", False, LEAD_TIMELINE_EMPTY.format(title=timeline.title),
                               [], 0.0)
        size = per_page or len(facts)
        pages = (len(facts) + size - 1) // size
        page = min(max(page, 0), pages - 1)
        shown = facts[page * size:(page + 1) * size]
        lead = LEAD_TIMELINE.format(title=timeline.title, count=len(facts),
                                    events=plural(len(facts), "событие", "события", "событий"))
        if pages > 1:
            lead += f" ({page + 1}/{pages})"
        return self._build(timeline.title, "list", True, lead + ":", shown, 100.0, total=len(facts))

    def answer_fact(self, fact_id: str, question: str = "") -> Answer | None:
        """The answer that asserts one known fact (a pressed suggestion); None for an unknown id."""
        fact = self.base.fact(fact_id)
        if fact is None:
            return None
        asked = question or fact.questions[0]
        return self._remember(self._build(asked, "answer", True, "", [fact], 100.0), parse_query(asked, self.index))

    def topic_facts(self, topic: str) -> list[Fact]:
        """A topic's facts, oldest first."""
        return [fact for fact in self.base.facts if fact.topic == topic]

    def quote(self, fact_id: str) -> str | None:
        """The verbatim sentence(s) of the source a fact rests on."""
        fact = self.base.fact(fact_id)
        return fact.quote if fact else None

    def fact(self, fact_id: str) -> Fact | None:
        return self.base.fact(fact_id)

    def fact_by_key(self, key: str) -> Fact | None:
        """The fact whose ``short_key`` this is; None for a stale or made-up key."""
        return self._by_key.get(key)

    def topics(self) -> list[str]:
        """Russian names of the topics the base covers, in the documented order."""
        return [label for _, label in self._topics]

    def topic_list(self) -> list[tuple[str, str]]:
        """(topic id, Russian name) of the topics the base covers."""
        return list(self._topics)

    def related(self, fact_id: str, *, limit: int = 3) -> list[Fact]:
        """Facts sharing the most entities and the topic with a given one."""
        fact = self.base.fact(fact_id)
        if fact is None:
            return []
        own = set(fact.entity_ids)

        def closeness(other: Fact) -> tuple[int, int]:
            return (len(own & set(other.entity_ids)) + (2 if other.topic == fact.topic else 0),
                    -abs((other.date.start - fact.date.start).days))

        others = [f for f in self.base.facts if f.id != fact_id]
        others.sort(key=closeness, reverse=True)
        return others[:limit]

    def source_ref(self, source_id: str) -> SourceRef:
        s = self.base.sources[source_id]
        return SourceRef(s.id, s.publisher, s.title, s.published.isoformat(), s.url)

    # -- composition --------------------------------------------------------------------------------
    def _item(self, fact: Fact) -> Item:
        label = f"на {fact.date.label()}" if fact.as_of else fact.date.label()
        if fact.status == "planned":
            label += ", анонс"  # announced by the source, not reported as done
        return Item(fact.id, fact.text, label, fact.status)

    def _build(
        self,
        question: str,
        kind: AnswerKind,
        answered: bool,
        lead: str,
        facts: list[Fact],
        score: float,
        *,
        suggestions: tuple[Suggestion, ...] = (),
        note: str = "",
        total: int = 0,
    ) -> Answer:
        source_ids = list(dict.fromkeys(f.source for f in facts))
        if kind in ("answer", "partial") and len(facts) == 1:  # a figure or a state of affairs: as of when
            dated = as_of_note(facts[0], self.source_ref(facts[0].source))
            note = "\n".join(filter(None, (dated, note)))
        answer = Answer(
            question=question,
            kind=kind,
            answered=answered,
            lead=lead,
            items=tuple(self._item(f) for f in facts),
            sources=tuple(self.source_ref(s) for s in source_ids),
            score=round(score, 1),
            suggestions=suggestions,
            note=note,
            total=total or len(facts),
        )
        object.__setattr__(answer, "reply", render_text(answer))
        return answer

    @staticmethod
    def _event(fact: Fact) -> str:
        """Facts of one day are one occasion («встречались 19 мая»: the talks and the trilateral after them)."""
        return fact.date.iso

    def _lead(self, query: Query, fact: Fact) -> str:
        """The asked detail first («когда» → the date, «сколько» → the figure of the thing counted)."""
        figure = None
        if query.answer_type == "figure" and fact.figures and query.figure_nouns:
            nouns = {lemma for noun in query.figure_nouns for lemma in noun}
            for candidate in fact.figures:
                text = f"{candidate.unit} {candidate.what}"
                counted = {lemma for word in words(text) for lemma in analyse(word).lemmas}
                if nouns & counted:
                    figure = candidate
                    break
        return typed_lead(query.answer_type, fact, self.base.entities, figure=figure, about=self.index.about)

    def _list(self, question: str, members: list[Scored], *, counting: bool = False) -> Answer:
        cap = max(1, self.settings.max_list)  # a list answer always shows at least one fact
        facts = sorted((s.entry.fact for s in members), key=lambda f: (f.date.start, f.date.end))
        if counting:  # an announced meeting has not happened: it is not counted
            facts = [f for f in facts if f.status == "done"] or facts
        shown = facts[:cap]
        lead = (LEAD_LIST.format(count=len(facts)) if len(facts) <= cap
                else LEAD_LIST_CAPPED.format(count=cap, total=len(facts)))
        if counting:  # «сколько раз встречались»: the count of events, then what was counted
            events = len({self._event(f) for f in facts})
            lead = LEAD_COUNT.format(count=events, times=times(events))
        score = max(s.score for s in members)
        if len(shown) == 1 and not counting:
            return self._build(question, "answer", True, "", shown, score)
        return self._build(question, "list", True, lead, shown, score, total=len(facts))

    def _suggestions(self, ranked: list[Scored], *, exclude: set[str] | None = None) -> tuple[Suggestion, ...]:
        floor = self.settings.suggest_threshold / 2
        out: list[Suggestion] = []
        for s in ranked:
            if len(out) >= self.settings.max_suggestions:
                break
            fact = s.entry.fact
            if s.score < floor or (exclude and fact.id in exclude):
                continue
            out.append(Suggestion(fact.id, fact.questions[0], fact.text))
        return tuple(out)

    def _decline(self, question: str, ranked: list[Scored], *, score: float) -> Answer:
        note = NOTE_TOPICS.format(topics=", ".join(self.topics()))
        return self._build(question, "decline", False, LEAD_DECLINE, [], score,
                           suggestions=self._suggestions(ranked), note=note)

    def _smalltalk(self, question: str, kind: str) -> Answer:
        text = SMALLTALK.get(kind, SMALLTALK["chat"]).format(example=EXAMPLES[0])
        return self._build(question, "smalltalk", False, text, [], 0.0)
