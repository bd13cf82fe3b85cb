"""The answer engine: one entry point, ``Engine.answer``, for every front end.

An Engine is built once from a fact base and never changes, so a reload can
build a new one beside it and swap a single reference.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from knowledge.answers.answer import Answer, SourceRef
from knowledge.answers.compose import Composer, rendered
from knowledge.answers.replies import (
    Phrases,
    human_day,
    phrases,
)
from knowledge.answers.special import SpecialAnswers
from knowledge.answers.verdict import Verdicts, doers_ru, overstates, says_first
from knowledge.base.loader import Limits, load_knowledge
from knowledge.base.model import Fact, KnowledgeBase, short_key
from knowledge.decision.features import Features, compute, reading_of
from knowledge.decision.model import bundled_model
from knowledge.search.anchors import Anchors, anchored, contradicts, mentions
from knowledge.search.cache import load_compiled
from knowledge.search.context import Context
from knowledge.search.followup import read_follow_up
from knowledge.search.index import Index, build_index, index_languages, reader
from knowledge.search.query import Query, parse_query
from knowledge.search.rankings import day_of_occasion
from knowledge.search.roles import asks_who_holds, role_lemmas
from knowledge.search.scoring import UNSTATED_BY_TYPE, Scored, complete_for, counts_asked, rank, with_meaning
from knowledge.search.semantic import Semantic, load_semantic
from knowledge.search.series import figure_series
from knowledge.search.timeline import Timeline, build_timeline, request_token
from knowledge.settings import EngineSettings
from knowledge.text.language import analyser_for, detect_language, lexicon_for
from knowledge.text.lexicon import Lexicon
from knowledge.text.morphology import WordInfo
from knowledge.text.normalize import MAX_QUERY_CHARS, spell_out, words
from knowledge.text.timeframe import find_timeframe

__all__ = ["Engine", "EngineSettings"]  # EngineSettings (knowledge.settings) is imported from here by the bot

ANCHOR_MEMO = 256  # recent questions whose anchored names are kept (a question asks it of several facts)


class Engine:
    """Answers questions from one fact base."""

    def __init__(
        self, base: KnowledgeBase, settings: EngineSettings | None = None, *, index: Index | None = None,
        today: Callable[[], dt.date] = dt.date.today, lang: str = "ru", reply: str = "",
        semantic: Semantic | None = None,
    ) -> None:
        self.base = base
        self.lang = lang  # the language it reads questions in: its index, lexicon and lemmas
        self.reply = reply or lang  # the language it answers in (a user may ask in one and read the other)
        self.say: Phrases = dataclasses.replace(phrases(self.reply), examples=self.examples(self.reply))
        self._siblings: dict[tuple[str, str], Engine] = {(lang, self.reply): self}
        self.today = today  # the clock relative questions («в прошлом году») are resolved against
        newest = base.newest_source_date()
        self.base_end = newest or dt.date.max  # the base knows nothing after its newest source
        self.settings = settings or EngineSettings()
        usable = index is not None and index.base is base and index.lang == lang
        self.index: Index = index if usable and index is not None else build_index(base, lang=lang)
        self._by_key = {short_key(fact.id): fact for fact in base.facts}
        self._kinds = {ref: (entity.kind, entity.country) for ref, entity in base.entities.items()}
        self._entries = {entry.fact.id: entry for entry in self.index.entries}
        if semantic is None and self.settings.semantic:  # no compiled vectors: encode the base now
            semantic = load_semantic(None, base, use_cache=False, max_facts=self.settings.semantic_max_facts)
        self.semantic = semantic  # None: words alone (the extra is missing, or `semantic` is off)
        self._semantic_entries = semantic.entries(list(self._entries)) if semantic else None
        self._roles: dict[str, frozenset[str]] | None = None  # built at the first «кто …» question
        # whose names are, by the noun beside them (search/anchors.py): each fact's once, recent questions'
        self._fact_anchors: dict[str, Anchors] = {}
        self._question_anchors: dict[str, Anchors] = {}
        self._first_said: dict[str, bool] = {}  # «крупнейший»: the first of its kind said (verdict.says_first)
        present = {fact.topic for fact in base.facts}
        declared = base.lexicon.topic_names(self.reply)
        names = {**declared, **{key: base.lexicon.topic_name(key) for key in sorted(present - declared.keys())}}
        self._topics = tuple((key, label) for key, label in names.items() if key in present)
        self._rewrites = base.lexicon.rewrites.get(lang, {})
        # the parts it is composed of: the reply builders, the special readings, the yes/no verdicts
        self.compose = Composer(base, self.index, self.settings, self.say, lang=lang, reply=self.reply,
                                topic_names=tuple(label for _, label in self._topics))
        self.special = SpecialAnswers(self.compose, self._parse, today=self.today, base_end=self.base_end)
        self.verdicts = Verdicts(self.compose, self._parse, self._answer_query, base_end=self.base_end)

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
            base, indexes = load_compiled(path, limits=limits, cache_dir=cache_dir)
            semantic = None  # the encoder and the fact vectors, loaded now: never on a user's first question
            if settings is not None and settings.semantic:
                semantic = load_semantic(path, base, limits=limits, cache_dir=cache_dir,
                                         max_facts=settings.semantic_max_facts)
            engine = cls(base, settings, index=indexes["ru"], semantic=semantic)
            for lang, index in indexes.items():
                engine.sibling(lang, index=index)  # the English index from the cache too
            return engine
        return cls(load_knowledge(path, limits=limits), settings)

    # -- public API ---------------------------------------------------------------------------------
    def answer(self, question: str, context: Context | None = None, *, today: dt.date | None = None,
               lang: str = "auto", hint: str | None = None) -> Answer:
        """Answer one question, continuing ``context`` (the last answer's) when it is a follow-up.

        ``today`` (default: the engine's clock) resolves «в прошлом году», «сейчас», «недавно».
        ``lang``: "ru", "en", or "auto" — the question's own language, ``hint`` (a Telegram user's
        ``language_code``) breaking ties. Never raises on any text. The answer carries the context
        for the next question."""
        read = detect_language(question, hint=hint)  # a question is read in its own language ...
        reply = lang if lang in ("ru", "en") else read  # ... and answered in the one asked for
        if (read, reply) != (self.lang, self.reply):
            return self.sibling(read, reply).answer(question, context, today=today, lang=reply, hint=read)
        spelled = self._spell_out(question)  # the base's colloquial names («азер») spelled out
        answer = self._read(spelled, context, today or self.today())
        return answer if spelled == question else dataclasses.replace(answer, question=question)

    def _spell_out(self, text: str) -> str:
        """Only what is read (the first MAX_QUERY_CHARS) is spelled out: a flood after it is never analysed."""
        analyse = analyser_for(self.lang)
        head, tail = text[:MAX_QUERY_CHARS], text[MAX_QUERY_CHARS:]
        return spell_out(head, self._rewrites, lemma=lambda word: analyse(word).forms[0]) + tail

    def _read(self, question: str, context: Context | None, day: dt.date) -> Answer:
        query = self._parse(question, day)
        plan = read_follow_up(question, query, context, entity_kinds=self._kinds, lexicon=lexicon_for(self.lang))
        if plan.kind == "merge" and context is not None and context.lang != self.lang:
            plan = dataclasses.replace(plan, kind="new", query=query)  # the last question was in another language
        if context is not None and plan.kind in ("detail", "source", "same"):
            return self._remember(self._about_last(question, plan.query, context, plan.kind), plan.query)
        asked, query = query, plan.query
        if query.intent.smalltalk or not query.has_content:
            answer = (self.compose.smalltalk(question, query.intent.smalltalk) if query.intent.smalltalk
                      else self.compose.decline(question, [], score=0.0))
            return dataclasses.replace(answer, context=context)  # small talk does not end a conversation
        answer = self._answer_query(question, query, fresh=plan.kind == "new")
        if plan.kind == "new":  # «было ли …», «правда, что …», "did …": «Да», «Нет» or neither (verdict.py)
            answer = self.verdicts.check_claim(question, answer, day) or answer
        carried = query.scope.place_refs - asked.scope.place_refs if plan.kind == "merge" else frozenset()
        if not answer.answered and carried and asked.has_content and not asked.scope.place_refs:
            # a new period after a question about a place: the old place belonged to the old event
            scope = query.scope
            wider = query.changed(place_refs=scope.place_refs - carried, entities=scope.entities - carried,
                                  soft_entities=scope.soft_entities - carried,
                                  entity_order=tuple(r for r in scope.entity_order if r not in carried))
            retry = self._answer_query(question, wider, fresh=True)
            if retry.answered:
                return self._remember(retry, wider)
        return self._remember(answer, query)

    def sibling(self, lang: str, reply: str = "", *, index: Index | None = None) -> Engine:
        """The engine over the same base reading ``lang`` and answering in ``reply`` (default: the same);
        an index per reading language: ``index`` (a compiled one), or built on first use (or by ``prepare``)."""
        key = (lang, reply or lang)
        found = self._siblings.get(key)
        if found is None:
            reader = next((e for (read, _), e in self._siblings.items() if read == lang), None)
            found = type(self)(self.base, self.settings, today=self.today, lang=lang, reply=key[1],
                               index=reader.index if reader else index, semantic=self.semantic)
            found._siblings = self._siblings
            self._siblings[key] = found
        return found

    def prepare(self) -> Engine:
        """Build the sibling of every language the base has texts in, and their role tables, so no question
        waits for an index."""
        for lang in index_languages(self.base):
            engine = self.sibling(lang)
            if engine._roles is None:
                engine._roles = role_lemmas(engine.index)
        return self

    def _parse(self, question: str, today: dt.date) -> Query:
        """The question with any relative period resolved against today."""
        until = today if today < self.base_end else None
        frame = find_timeframe(question[:MAX_QUERY_CHARS], today=today, lang=self.lang)
        if frame is None:
            return parse_query(question, self.index, until=until)
        rest = words(question, max_chars=MAX_QUERY_CHARS)
        for word in frame.words:  # the period is a constraint now, not words to match
            if word in rest:
                rest.remove(word)
        if frame.kind == "now":  # «какой сейчас товарооборот»: what the base knows, dated as of its source
            query = parse_query(" ".join(rest), self.index, until=until)
            return query.changed(span_label=frame.label, now=True)
        return parse_query(" ".join(rest), self.index, span=(frame.start, frame.end), span_label=frame.label,
                           until=until)

    def _remember(self, answer: Answer, query: Query) -> Answer:
        shown = tuple(item.fact_id for item in answer.items)
        return dataclasses.replace(
            answer, context=Context(query, shown if answer.answered else (), answer.answered, shown, self.lang))

    def _answer_query(self, question: str, query: Query, *, fresh: bool = False) -> Answer:
        if query.intent.day_of:  # «в пятый день поездки»: the trip found, that day of it asked about
            day = day_of_occasion(rank(query, self.index), query.intent.day_of)
            query = query.changed(day_of=0) if day is None else query.changed(
                day_of=0, days=frozenset({(day.month, day.day)}), months=frozenset({day.month}),
                years=frozenset({day.year}))
        if query.scope.span is not None and query.scope.span[0] > self.base_end:
            return self.special.after_base(question, query)
        whole = self._whole_match(question, query)
        if whole is not None:  # one fact says all the question says: no special reading explains more
            fact = whole.entry.fact
            answer = self.compose.build(question, "answer", True, self.compose.lead(query, fact), [fact], whole.score)
        else:
            answer = self.special.relative(question, query) or self._match(question, query, fresh=fresh)
        if (query.intent.now or query.intent.upcoming) and answer.answered and self.today() > self.base_end:
            note = self.say.note_base_ends.format(end=human_day(self.base_end, self.reply))
            answer = rendered(dataclasses.replace(answer, note="\n".join(filter(None, (answer.note, note)))))
        return answer

    def _match(self, question: str, query: Query, *, fresh: bool = False) -> Answer:
        ranked = self._with_meaning(question, query, rank(query, self.index)) if fresh else rank(query, self.index)
        if query.intent.answer_type in ("person", "name"):
            if self._roles is None:
                self._roles = role_lemmas(self.index)
            people = asks_who_holds(query, self.index, self._roles)
            if people is not None:  # «кто президент Азербайджана», «who is Lavrov»
                return self.special.who_holds(question, people, ranked, self._roles)
        answer = self._by_rules(question, query, ranked)
        if self.settings.decision != "model":
            return answer
        return self._decide(question, query, ranked, answer)

    def _by_rules(self, question: str, query: Query, ranked: list[Scored]) -> Answer:
        """The hand-set reading: special readings first (announced, rankings, series, «сейчас»), then a lookup."""
        allowed = [s for s in ranked if s.allowed]
        cfg = self.settings
        announced = [s for s in allowed if s.entry.fact.status == "planned" and s.complete
                     and s.score >= cfg.answer_threshold]
        if query.intent.future and announced:  # «когда Алиев приедет», «будут ли переговоры»: what the source announces
            allowed = [s for s in allowed if s.entry.fact.status == "planned"]
        if query.intent.upcoming:  # «следующая встреча»: only what the source announces can be the next one
            if announced:
                allowed = [s for s in allowed if s.entry.fact.status == "planned"]
            else:
                return self.compose.build(question, "suggest", False, self.say.lead_no_upcoming.format(
                    end=human_day(self.base_end, self.reply)), [], allowed[0].score if allowed else 0.0,
                    suggestions=self.compose.suggestions(allowed))
        if query.intent.asks_happened and allowed and allowed[0].entry.fact.status == "planned":
            fact = allowed[0].entry.fact  # «состоялись ли переговоры»: announced, and nothing more is known
            return self.compose.build(question, "partial", False, self.say.lead_announced_only, [fact],
                                      allowed[0].score,
                                      suggestions=self.compose.suggestions(allowed, exclude={fact.id}))
        if query.intent.nth or query.intent.extreme or query.intent.frequent:
            ranked_answer = self.special.ranking(question, query, allowed)
            if ranked_answer is not None:
                return ranked_answer
            allowed = [s for s in allowed if not s.complete]  # a ranking it cannot make: never one fact instead
        if query.intent.trend:
            found = self.special.series(question, query, allowed)
            if found is not None:
                return found
        if query.intent.now and not query.intent.list_intent:  # «какой сейчас товарооборот»: the latest period's figure
            subject = {lemma for term in query.words.terms if term.noun for lemma in term.lemmas}
            points = figure_series([s.entry.fact for s in allowed if s.score >= cfg.suggest_threshold], subject,
                                   lang=self.lang)
            latest = points[-1].fact if points else None
            score = max((s.score for s in allowed if s.entry.fact is latest), default=0.0)
            if latest is not None and score >= allowed[0].score - cfg.complete_margin:
                # the latest figure, unless a fact no series holds matches the question better: the plain reading
                return self.compose.build(question, "answer", True, self.compose.lead(query, latest), [latest], score)
        return self._lookup(question, query, ranked, allowed)

    def _lookup(self, question: str, query: Query, ranked: list[Scored], allowed: list[Scored]) -> Answer:
        """A list, one fact (or several tied), a partial answer, suggestions or a decline, by score thresholds."""
        cfg = self.settings
        complete = [s for s in allowed if s.complete]
        if allowed and counts_asked(query, allowed[0].entry):
            complete = []  # «какие вузы …»: the closest fact counts them, so the base does not say which
        if query.intent.list_intent:
            # «все встречи …»: a list keeps only facts that hold every thing named (a phone call is no meeting)
            things = frozenset(i for i, t in enumerate(query.words.terms) if t.noun and t.known)
            if query.intent.count_intent and not things:  # «сколько раз созванивались»: the verb names what is counted
                things = frozenset(i for i, t in enumerate(query.words.terms) if t.known)
            # «сколько раз был в России»: a fact set nowhere in particular (a phone call) is no time there
            members = [s for s in complete if s.coverage >= cfg.list_coverage and s.score >= cfg.suggest_threshold
                       and things <= s.matched and query.scope.place_refs <= s.entry.places]
            counted = {lemma for i, t in enumerate(query.words.terms) if i in things for lemma in t.lemmas}
            if query.intent.count_intent and any(counted & s.entry.vague for s in members):
                # «сколько раундов переговоров» of a fact saying there were several: no number is known
                return self.compose.build(question, "partial", False, self.say.partial("figure"),
                                          [s.entry.fact for s in members[:cfg.max_list]], members[0].score)
            if members and members[0].score >= cfg.answer_threshold - cfg.list_margin:
                return self.compose.listing(question, members, counting=query.intent.count_intent,
                                            kind=query.intent.counted_kind,
                                            counted_as=next(iter(query.words.figure_nouns), ()))
        best = allowed[0] if allowed else None
        top = complete[0] if complete else None
        if best is not None and best.score >= cfg.answer_threshold and self._untold(query, allowed):
            top = None  # «кто обстрелял …»: the fact about it says the source does not tell — not another's people
        if top is not None and not self._tells(query, top):
            # the next complete fact nearly as close may tell it (not the other side's figure, but this one's)
            top = next((s for s in complete[1:] if s.score >= top.score - cfg.tie_margin and self._tells(query, s)),
                       None)
        if (top is not None and top.score >= cfg.answer_threshold
                and (best is None or top.score >= best.score - cfg.complete_margin)):
            if query.intent.ordinal:
                # an ordinal over facts that share only the names asked is no first or last of anything
                said = [s for s in complete if s.matched or not any(t.known for t in query.words.terms)]
                if said:
                    return self.special.ordinal(question, query, said, said[0])
                return self.compose.build(question, "suggest", False, self.say.lead_suggest, [], top.score,
                                          suggestions=self.compose.suggestions(allowed))
            tied = [s for s in complete if s.score >= max(cfg.answer_threshold, top.score - cfg.tie_margin)
                    or (s.coverage >= top.coverage - cfg.tie_coverage and s.score >= top.score - cfg.tie_margin * 4)]
            tied = [s for s in self._cover(query, complete, tied) if s is top or self._tells(query, s)]
            if len(tied) > 1:
                return self.compose.listing(question, tied, asked=query)
            fact = top.entry.fact
            return self.compose.build(question, "answer", True, self.compose.lead(query, fact), [fact], top.score)
        if (best is not None and best.score >= cfg.answer_threshold and not best.complete
                and query.intent.answer_type == "figure" and query.words.figure_nouns):
            enumerated = self.compose.enumeration(question, query, best)  # the fact lists what is counted
            if enumerated is not None:
                return enumerated
        if best is not None and best.score >= cfg.answer_threshold:
            lead = self.say.partial(query.intent.answer_type) if not best.complete else self.say.lead_partial
            return self.compose.build(question, "partial", False, lead, [best.entry.fact], best.score,
                                      suggestions=self.compose.suggestions(allowed, exclude={best.entry.fact.id}))
        if best is not None and best.score >= cfg.suggest_threshold:
            return self.compose.build(question, "suggest", False, self.say.lead_suggest, [], best.score,
                                      suggestions=self.compose.suggestions(allowed))
        return self.compose.decline(question, _closest_first(ranked), score=ranked[0].score if ranked else 0.0)

    def _whole_match(self, question: str, query: Query) -> Scored | None:
        """The fact that says everything the question says, when a special reading would otherwise take it.

        Readings compete by what they explain: a ranking, an ordinal, a trend or a before/after reading
        is switched on by a word («первый», «сколько раз», «после»); when one fact holds every content word of
        the question, that word included, and no other fact comes close, the plain reading explains more."""
        lx = lexicon_for(self.lang)
        tokens = words(question, max_chars=MAX_QUERY_CHARS)[:60]
        relative = any(t in lx.event_relatives or t in lx.relative_prepositions for t in tokens)
        # (a count or a list reading is no rival: with one fact it says the same, and the number besides)
        asks = query.intent
        special = asks.nth or asks.extreme or asks.frequent or asks.trend or asks.ordinal or asks.upcoming or relative
        if not special or not query.words.terms:
            return None
        ranked = [s for s in rank(query, self.index) if s.allowed]
        cfg = self.settings
        top = ranked[0] if ranked else None
        if (top is None or not top.complete or top.score < cfg.answer_threshold
                or len(top.matched) < len(query.words.terms)
                or any(s.score >= top.score - cfg.tie_margin for s in ranked[1:2])
                or overstates(question, top.entry.fact, self.lang, first=self._says_first(question))):
            # "the largest" of «among the top five»
            return None
        return top if self._said(tokens, lx) <= self._fact_words(top.entry.fact) else None

    def _said(self, tokens: list[str], lx: Lexicon) -> set[str]:
        """The question's words a fact must hold to say the same: content words and the relative ones."""
        analyse, said = reader(self.index), set()
        for token in tokens:
            if token[:1].isdigit() or token in lx.fillers or token in lx.request_forms:
                continue
            if token in lx.event_relatives or token in lx.relative_prepositions:
                said.add(token)
                continue
            info = analyse(token)
            if info.function or info.lemmas[0] in lx.question_words or token in lx.question_words:
                continue
            said.add(info.lemmas[0])
        return said

    def _fact_words(self, fact: Fact) -> set[str]:
        """The surface words and lemmas of a fact's text and its own questions, in the engine's language."""
        english = self.lang == "en"
        texts = [fact.text_en or fact.text, *fact.questions_en] if english else [fact.text, *fact.questions]
        analyse, found = reader(self.index), set()
        for text in texts:
            for token in words(text, max_chars=len(text) + 1):
                found.add(token)
                found.update(analyse(token).lemmas)
        return found

    # -- the calibrated decision (knowledge/decision) ---------------------------------------------------
    def _decide(self, question: str, query: Query, ranked: list[Scored], answer: Answer) -> Answer:
        """Keep, demote or promote the rules' reading by the fitted model's P(right).

        A rule answer the model doubts becomes a suggestion with its fact first; a declined plain lookup (or a
        list one fact may tell) whose best complete fact the model trusts becomes an answer. Special readings
        (rankings, series, planned events, ordinals) keep their rules: their facts are not one lookup's candidates."""
        reading = reading_of(query)
        best = {s.entry.fact.id: s for s in reversed(ranked)}  # each fact's best-scored reading
        if answer.answered:
            held = [best[item.fact_id] for item in answer.items if item.fact_id in best]
            if reading == "special" or answer.kind not in ("answer", "list") or not held:
                return answer
            chosen = max(held, key=lambda s: s.score)
            if self._weigh(compute(query, ranked, chosen, reading=reading, rules_answer=True)):
                return answer
            first = sorted(held, key=lambda s: -s.score)
            return self.compose.build(question, "suggest", False, self.say.lead_suggest, [], answer.score,
                                      suggestions=self.compose.suggestions(first + [s for s in ranked if s.allowed],
                                                                           everyone=True))
        # a list asked («какие компании …») may be told by one fact that names them all; a count never is
        one = reading == "lookup" or (reading == "list" and not query.intent.count_intent)
        candidate = self._promotable(query, ranked) if one else None
        if candidate is not None and reading == "list" and any(
                term.which and i not in candidate.matched for i, term in enumerate(query.words.terms)):
            candidate = None  # «какие банки …»: a fact naming other things than those to list names none of them
        if candidate is None or not self._weigh(compute(query, ranked, candidate, reading=reading,
                                                         rules_answer=False)):
            return answer
        fact = candidate.entry.fact
        return self.compose.build(question, "answer", True, self.compose.lead(query, fact), [fact], candidate.score)

    def _on_behalf(self, query: Query) -> bool:
        """A country is named after a preposition of acting for it («от Чили», "for Chile"): someone of it is asked."""
        behalf = lexicon_for(self.lang).behalf_prepositions
        tokens = words(query.text, max_chars=MAX_QUERY_CHARS)
        return any(at > 0 and tokens[at - 1] in behalf and self._kinds[ref][0] == "country"
                   for at, ref, _ in mentions(query.text, self.index))

    def _other_speaker(self, query: Query, fact: Fact) -> bool:
        """The question names who spoke (a person in the nominative); the fact has others speak (Russian)."""
        if self.lang != "ru":
            return False
        people = frozenset(r for r in query.scope.entities if self._kinds[r][0] == "person")
        speakers = {person for _, person, case in mentions(query.text, self.index, people) if case == "nomn"}
        if not speakers:
            return False
        spoke = doers_ru(fact.text, mentions(fact.text, self.index, people))
        return bool(spoke) and not speakers & spoke

    def _tells(self, query: Query, scored: Scored) -> bool:
        """The fact can be asserted as the answer to what is asked, not only to whom and when it concerns."""
        analyse = reader(self.index)
        if query.intent.answer_type in _TYPED and _misses_action(query, scored, analyse):
            return False  # «когда X сделал Y»: no fact found states that action, so none tells when
        if query.intent.answer_type == "person" and not _holds_person(query, scored, self._kinds):
            return False  # «кто от Чили был на саммите»: the fact names no one of that country
        if query.intent.answer_type == "person" and not scored.entry.people and self._on_behalf(query):
            return False  # «кто подписывал от Чили»: a person of that country, whom a fact naming none does not tell
        if query.intent.answer_type == "person" and not scored.entry.people and self._asks_role_holder(query):
            return False  # «кто был главой ведомства»: a fact naming the office, not the person, does not tell
        if self._other_side(query, scored.entry.fact):
            return False  # «гражданам Франции» of a fact about «гражданам Италии»: the other side's
        if query.intent.asks_said and self._other_speaker(query, scored.entry.fact):
            return False  # «что ответил Иванов Петрову» of a fact in which Петров spoke to Иванов
        if overstates(query.text, scored.entry.fact, self.lang, first=self._says_first(query.text)):
            return False  # «кто крупнейший инвестор»: a fact saying «в пятёрке крупнейших» does not tell who is
        if any(t.topic and i not in scored.matched for i, t in enumerate(query.words.terms)):
            return False  # «соглашение о судоходстве»: a fact about another agreement does not tell
        # «товарооборот Чили с Перу»: facts about Peru that say nothing of trade
        return not _misses_subject(query, scored, analyse, lexicon_for(self.lang).event_nouns)

    def _says_first(self, question: str) -> bool:
        """``says_first`` of a question, memoised as the anchors are (it is asked of several facts)."""
        found = self._first_said.get(question)
        if found is None:
            if len(self._first_said) >= ANCHOR_MEMO:
                self._first_said.clear()
            found = self._first_said[question] = says_first(question, self.lang)
        return found

    def _other_side(self, query: Query, fact: Fact) -> bool:
        """The fact puts another side's name beside a noun the question puts a name beside (anchors, memoised:
        dict reads and writes are atomic, and a value is the same whoever computes it)."""
        asked = self._question_anchors.get(query.text)
        if asked is None:
            if len(self._question_anchors) >= ANCHOR_MEMO:
                self._question_anchors.clear()
            asked = self._question_anchors[query.text] = anchored(query.text, self.index)
        if not asked:
            return False
        text = (fact.text_en or fact.text) if self.lang == "en" else fact.text
        stated = self._fact_anchors.get(fact.id)
        if stated is None:
            stated = self._fact_anchors[fact.id] = anchored(text, self.index)
        return contradicts(query.text, text, self.index, asked=asked, stated=stated)

    def _untold(self, query: Query, allowed: list[Scored]) -> bool:
        """A fact nearly as close as the best (``complete_margin``: closeness in meaning may lift another) says
        the source does not tell the detail asked («кто обстрелял»: not known): then no fact that mentions the
        event in passing, with its own people, answers it."""
        untold = UNSTATED_BY_TYPE.get(query.intent.answer_type)
        near = allowed[0].score - self.settings.complete_margin if allowed else 0.0
        return untold is not None and any(untold in s.entry.fact.unstated for s in allowed if s.score >= near)

    def _asks_role_holder(self, query: Query) -> bool:
        """The question names an office people hold in this base («министр», «президент», «глава»), or asks who
        heads something («кто возглавляет завод»)."""
        lx, analyse = lexicon_for(self.lang), reader(self.index)
        heads = {lemma for role in self.index.roles.values() if role for lemma in role[0]}
        heads |= {key[0] for key in lx.role_names}
        return any(set(t.lemmas) & heads or lx.heading_verbs.intersection(analyse(t.word).forms)
                   for t in query.words.terms)

    def _promotable(self, query: Query, ranked: list[Scored]) -> Scored | None:
        """The fact a declined lookup could assert: the best one that agrees with every constraint and holds
        the detail asked; none where the best match says the source does not tell, or for an announced event."""
        allowed = [s for s in ranked if s.allowed]
        if not allowed or self._untold(query, allowed) or counts_asked(query, allowed[0].entry):
            return None
        top = next((s for s in allowed if s.complete), None)
        if top is None or top.entry.fact.status != "done" or top.score < self.settings.suggest_threshold / 2:
            return None
        return top if self._tells(query, top) else None

    def _weigh(self, features: Features) -> bool:
        """Sure enough to assert: the model's probability at its fitted operating point (or the configured one)."""
        model = bundled_model(self.settings.decision_weights)
        return model.confident(features, self.settings.decision_threshold)

    def _with_meaning(self, question: str, query: Query, ranked: list[Scored]) -> list[Scored]:
        """The ranking of a question of its own (a follow-up's words are not what it means) with its meaning:
        the closest facts become candidates, and a fact the question's names allow gains up to
        ``semantic_weight`` × 100 points for closeness above ``semantic_floor``, but never crosses
        ``answer_threshold`` on closeness alone (near-miss out-of-scope questions are as close as paraphrases).
        Skipped (words alone, no encoding) when the words already explain the question well."""
        cfg = self.settings
        if (self.semantic is None or self._semantic_entries is None
                or any(s.allowed and s.score >= cfg.semantic_confident for s in ranked[:5])):
            return ranked
        meaning = self.semantic.similarities(question, self._semantic_entries)
        floor, below = cfg.semantic_floor, cfg.answer_threshold - 0.1
        lexical = {s.entry.fact.id for s in ranked}
        out = []
        for s in with_meaning(query, self.index, ranked, meaning, nominate=cfg.semantic_nominate, floor=floor):
            score = s.score
            if s.allowed and s.semantic > floor:
                score += cfg.semantic_weight * 100 * (s.semantic - floor) / max(1e-6, 1 - floor)
            own = s.score if s.entry.fact.id in lexical else 0.0  # a fact sharing no word has no score of its own
            # a word the base uses elsewhere but this fact lacks says the question asks about something else
            missed = any(t.known for i, t in enumerate(query.words.terms) if i not in s.matched)
            if score >= cfg.answer_threshold > own and (not cfg.semantic_may_answer or missed):
                score = below  # meaning alone asserts nothing: it ranks and suggests
            out.append(s if score == s.score else dataclasses.replace(s, score=min(100.0, score)))
        out.sort(key=lambda s: (-s.score, s.entry.fact.date.start))
        return out

    def _about_last(self, question: str, query: Query, context: Context, kind: str) -> Answer:
        """«подробнее», «а источник?», «а где?»: the facts just shown, with what is asked of them now."""
        ids = context.facts if kind == "same" else context.shown
        facts = [f for f in (self.base.fact(i) for i in ids) if f is not None]
        if not facts:  # the base was reloaded and the facts are gone
            return self.compose.decline(question, [], score=0.0)
        if kind == "detail":
            quotes = "\n".join(f"«{quote}»" for quote in dict.fromkeys(f.quote for f in facts))
            return self.compose.build(question, "answer" if len(facts) == 1 else "list", True, self.say.lead_detail,
                                      facts,
                                      100.0, note=self.say.note_quote.format(quotes=quotes))
        if kind == "source":
            refs = [self.compose.source_ref(s) for s in dict.fromkeys(f.source for f in facts)]
            english = self.reply == "en"
            lead = " ".join(self.say.lead_source.format(
                title=(r.title_en or r.title) if english else r.title,
                publisher=(r.publisher_en or r.publisher) if english else r.publisher,
                day=r.day_en() if english else r.day(), url=r.url) for r in refs)
            return self.compose.build(question, "answer" if len(facts) == 1 else "list", True, lead, facts, 100.0)
        if len(facts) > 1:  # «а где?» after a list: the detail of each, where the fact holds it
            lines = [f"• {self.compose.item(f).date} — {lead.split(': ', 1)[-1].rstrip('.')}" for f in facts
                     if (lead := self.compose.lead(query, f)) and complete_for(query, self._entries[f.id])]
            asked = query.intent.answer_type
            if asked and asked != "what" and not lines:
                return self.compose.build(question, "partial", False, self.say.partial(asked), facts, 100.0)
            lead = "\n".join(lines) if lines else self.say.lead_list.format(count=len(facts))
            return self.compose.build(question, "list", True, lead, facts, 100.0)
        entry = self._entries.get(facts[0].id)
        if entry is None or not complete_for(query, entry):  # the fact does not hold what is asked now: say so
            lead = self.say.partial(query.intent.answer_type)
            return self.compose.build(question, "partial", False, lead, facts, 100.0)
        return self.compose.build(question, "answer", True, self.compose.lead(query, facts[0]), facts, 100.0)

    def _cover(self, query: Query, complete: list[Scored], chosen: list[Scored]) -> list[Scored]:
        """Add facts answering what the chosen ones leave out («вузы, студенты, школы»)."""
        weights = [t.weight for t in query.words.terms]
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
        token = request_token(self._spell_out(request), self.index)
        return build_timeline(token, self.index, lang=self.reply) if token else None

    def find_timeline(self, request: str, *, lang: str = "auto", hint: str | None = None
                      ) -> tuple[Engine, Timeline] | None:
        """The timeline a request asks for, and the engine (Russian or English) to tell it with.

        "auto" reads the request in its own language and, when that finds nothing (a bare «Lavrov» has
        no words to tell the language by), in the other one; "ru" and "en" force the language."""
        if lang in ("ru", "en"):
            tries = [lang]
        else:
            first = detect_language(request, hint=hint)
            tries = [first, "en" if first == "ru" else "ru"]
        for code in tries:
            teller = self.sibling(code)
            found = teller.timeline(request)
            if found is not None:
                return teller, found
        return None

    def timeline_by_token(self, token: str) -> Timeline | None:
        return build_timeline(token, self.index, lang=self.reply)

    def timeline_answer(self, timeline: Timeline, *, page: int = 0, per_page: int = 0) -> Answer:
        """One page of a timeline as a list answer (``per_page`` 0: the whole timeline)."""
        facts = list(timeline.facts)
        if not facts:
            empty = self.say.lead_timeline_empty.format(title=timeline.title)
            return self.compose.build(timeline.title, "decline", False, empty, [], 0.0)
        size = per_page or len(facts)
        pages = (len(facts) + size - 1) // size
        page = min(max(page, 0), pages - 1)
        shown = facts[page * size:(page + 1) * size]
        lead = self.say.lead_timeline.format(title=timeline.title, count=len(facts), events=self.say.events(len(facts)))
        if pages > 1:
            lead += f" ({page + 1}/{pages})"
        return self.compose.build(timeline.title, "list", True, lead + ":", shown, 100.0, total=len(facts))

    def answer_fact(self, fact_id: str, question: str = "", *, lang: str = "") -> Answer | None:
        """The answer that asserts one known fact (a pressed suggestion); None for an unknown id.

        ``lang`` ("ru"/"en", default this engine's): the language to say it in."""
        if lang and lang != self.reply:
            return self.sibling(self.lang, lang).answer_fact(fact_id, question)
        fact = self.base.fact(fact_id)
        if fact is None:
            return None
        asked = question or self.compose.question_of(fact)
        return self._remember(self.compose.build(asked, "answer", True, "", [fact], 100.0), parse_query(asked,
                                                 self.index))

    def source_ref(self, source_id: str) -> SourceRef:
        """How a source is cited (a front end's «Источник» line)."""
        return self.compose.source_ref(source_id)

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










    def examples(self, lang: str = "ru") -> tuple[str, ...]:
        """The example questions the base offers in ``lang`` (its lexicon.yaml); none without one."""
        return self.base.lexicon.examples.get(lang, ())


_TYPED = frozenset(["date", "place", "person"])  # a detail of an action: when, where, who did it


def _misses_action(query: Query, scored: Scored, analyse: Callable[[str], WordInfo]) -> bool:
    """Every word the fact matches is a name, and a verb the base uses elsewhere is left unmatched: the fact
    is about the names asked, not about what they did."""
    verbs = [i for i, t in enumerate(query.words.terms)
             if not t.noun and analyse(t.word).pos in ("VERB", "INFN", "PRTS", "GRND")
             and (t.known or analyse(t.word).known)]  # «введены»: a verb the base never uses is another action
    return bool(verbs) and not scored.matched


def _holds_person(query: Query, scored: Scored, kinds: Mapping[str, tuple[str, str]]) -> bool:
    """When a «who» question names countries (not as the place), the person answering it is of one of them
    («кто из чилийских министров …»): a fact naming only people of other countries does not answer it."""
    named = query.scope.entities | query.scope.soft_entities
    others = [ref for ref in scored.entry.people if ref not in named]
    countries = {ref for ref in named | query.scope.about_refs
                 if kinds.get(ref, ("", ""))[0] == "country" and ref not in query.scope.place_refs}
    if not others or not countries:
        return True  # «кто такой X»: the person asked about is the answer
    return any(kinds.get(ref, ("", ""))[1] in countries for ref in others)


def _misses_subject(query: Query, scored: Scored, analyse: Callable[[str], WordInfo], events: frozenset[str]) -> bool:
    """The question names a thing the base knows (a noun, said as a noun: «договорились» may be the fact's
    declaration; not an event word such as «контакты», which any meeting is), and the fact matches none of the
    question's words — only its names, dates or places: it is about who and when, not about what is asked."""
    return not scored.matched and any(t.known and analyse(t.word).pos == "NOUN" and not set(t.lemmas) & events
                                      for t in query.words.terms)


def _closest_first(ranked: list[Scored]) -> list[Scored]:
    """A decline's candidates with the allowed fact closest in meaning first (when meaning was measured)."""
    closest = max((s for s in ranked if s.allowed and s.semantic > 0), key=lambda s: s.semantic, default=None)
    return ranked if closest is None else [closest, *(s for s in ranked if s is not closest)]
