"""Answers beyond a single lookup: ranks over dates and figures, the nearest occasion to a named event,
figures across periods, who holds a role, and periods after the base ends.

A part of ``Engine``: each method reads the question already parsed and composes its answer with the
engine's reply builders (``compose.py``), so every kind of answer is worded, dated and sourced the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from knowledge.answers.answer import Answer
from knowledge.answers.compose import Composer
from knowledge.answers.replies import human_day, times
from knowledge.base.dates import MONTHS_EN, MONTHS_NOMINATIVE, human_en
from knowledge.base.figures import figure_en, period_name
from knowledge.search.index import FactEntry
from knowledge.search.query import Query, split_relative
from knowledge.search.rankings import (
    busiest_period,
    busiest_places,
    extreme_figure,
    nearest_occasion,
    nth_occasion,
    occasion_groups,
    occasions,
)
from knowledge.search.roles import holders
from knowledge.search.scoring import Scored, rank
from knowledge.search.series import GROWTH_WORDS, figure_series
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.normalize import words

LATEST_EVENTS = 3  # what a question about a period after the base is offered instead


class SpecialAnswers:
    """The answer kinds that rank, compare or place facts in time (see the module docstring)."""

    def __init__(self, compose: Composer, parse: Callable[[str, dt.date], Query], *,
                 today: Callable[[], dt.date], base_end: dt.date) -> None:
        self.compose = compose  # the reply builders every answer is made with
        self._parse = parse  # a question read against the index, with a relative period resolved
        self.base, self.index, self.settings, self.say = compose.base, compose.index, compose.settings, compose.say
        self.lang, self.reply = compose.lang, compose.reply
        self.today, self.base_end = today, base_end
        self._kinds: dict[str, tuple[str, str]] = {
            ref: (entity.kind, entity.country) for ref, entity in self.base.entities.items()}
        self._entries: dict[str, FactEntry] = {entry.fact.id: entry for entry in self.index.entries}

    def after_base(self, question: str, query: Query) -> Answer:
        """A period after the base ends: say so, and offer the latest fact it has on the subject."""
        span = query.scope.span
        label = query.scope.span_label if self.reply == "ru" or span is None else _span_en(*span)
        lead = self.say.lead_after_base.format(period=label, end=human_day(self.base_end, self.reply))
        if not (query.words.terms or query.scope.named):  # nothing but the period asked: the last events it has
            events = sorted((f for f in self.base.facts if f.status == "done" and not f.as_of
                             and f.date.end <= self.base_end),  # not a plan running past the source's date
                            key=lambda f: (f.date.end, f.date.start))[-LATEST_EVENTS:]
            return self.compose.build(question, "partial", False, lead, events, 0.0)
        wider = query.changed(span=None, list_intent=False, count_intent=False, ordinal="latest")
        ranked = [s for s in rank(wider, self.index) if s.allowed and s.score >= self.settings.suggest_threshold]
        if not ranked:
            return self.compose.build(question, "decline", False, lead, [], 0.0)
        top = ranked[0]
        pool = [s for s in ranked if s.score >= top.score - self.settings.ordinal_margin]
        latest = max(pool, key=lambda s: (s.entry.fact.date.end, s.score))
        return self.compose.build(question, "partial", False, lead, [latest.entry.fact], latest.score,
                                  suggestions=self.compose.suggestions(ranked, exclude={latest.entry.fact.id}))

    def who_holds(self, question: str, people: tuple[str, ...], ranked: list[Scored],
                  roles: dict[str, frozenset[str]] | None) -> Answer:
        """The people holding the role asked about, each with the latest fact naming them; dated, as roles change."""
        found = holders(people, self.index, roles or {})
        if not found:  # «кто президент Армении»: nobody in the base — not someone else's president
            return self.compose.decline(question, [s for s in ranked if s.allowed], score=0.0)
        lines = [holder.line(self.reply) for holder in found]
        lead = lines[0] + "." if len(lines) == 1 else "\n".join(f"• {line}" for line in lines)
        facts = list(dict.fromkeys(holder.entry.fact for holder in found))
        ref = self.compose.source_ref(facts[-1].source)
        publisher = (ref.publisher_en or ref.publisher) if self.reply == "en" else ref.publisher
        note = self.say.note_role.format(publisher=publisher, day=ref.day())
        return self.compose.build(question, "answer" if len(found) == 1 else "list", True, lead, facts, 100.0,
                                  note=note)

    def relative(self, question: str, query: Query) -> Answer | None:
        """«какой визит прошёл перед саммитом ШОС», «кто позвонил после гибели военных»: the nearest
        occasion of what is asked, before or after the event named; None when the question is no such one."""
        found = split_relative(question, lexicon_for(self.lang), analyser_for(self.lang), names=self.index.aliases)
        if found is None or query.intent.nth or query.intent.ordinal or query.intent.list_intent:
            return None
        asked, direction, about = found
        today = query.scope.until or self.today()
        anchor_query = self._parse(about, today)
        people = {ref for ref in anchor_query.scope.entities if self._kinds[ref][0] == "person"}
        opening = self._parse(about.split()[0], today).scope.entities
        if (not anchor_query.words.terms and anchor_query.scope.named <= people) or (opening and opening <= people):
            return None  # «после Асадова», «извинился перед Путиным»: a person, not an event
        cfg = self.settings
        anchors = [s for s in rank(anchor_query, self.index) if s.allowed and s.entry.fact.status == "done"
                   and not s.entry.fact.as_of and s.score >= cfg.answer_threshold]
        if not anchors:
            return None
        anchor = anchors[0].entry.fact
        rivals = [s for s in anchors if s.score >= anchors[0].score - cfg.tie_margin]
        main = self._parse(asked, today)
        if not {ref for ref in main.scope.entities if self._kinds[ref][0] == "person"} and people:
            # «после визита X, когда они встретились»: the people of the event, unless others are named
            main = main.changed(entities=main.scope.entities | people,
                                       entity_order=main.scope.entity_order + tuple(sorted(people)))
        ranked = rank(main, self.index) if main.has_content else []
        lx = lexicon_for(self.lang)
        occasion_asked = any(set(t.lemmas) & lx.event_nouns for t in main.words.terms)  # «когда встретились после …»
        named = {r.entry.fact for r in anchors}
        if direction == "after" and main.has_content and any(  # «что подписали после переговоров»: a fact on
                s.entry.fact in named and s.score >= cfg.answer_threshold  # the event itself answers it —
                and not (occasion_asked and len(occasion_groups([s.entry.fact, anchor])) == 1)  # not a meeting asked
                for s in ranked if s.allowed):  # after a meeting: that is the next one
            return None
        if len(occasion_groups([s.entry.fact for s in rivals])) > 1:  # «после встречи в Сочи»: which of them?
            return self.compose.build(question, "suggest", False, self.say.lead_which_event, [], anchors[0].score,
                                      suggestions=self.compose.suggestions(rivals))
        if main.has_content:
            pool = self._events_of(main, [s for s in ranked if s.allowed], done=True)
        else:  # «что было после встречи в Сочи»: any event
            pool = [Scored(self._entries[f.id], 100.0, 1.0, frozenset(), True, True) for f in self.base.facts
                    if f.status == "done" and not f.as_of and f.id in self._entries]
        day = anchor.date.human_en() if self.reply == "en" else anchor.date.human()
        pick = nearest_occasion(occasions(pool), anchor, direction)
        if pick is None:
            return self.compose.build(question, "partial", False, self.say.lead_no_relative[direction].format(day=day),
                                      [anchor], anchors[0].score)
        fact = pick.entry.fact
        lead = "\n".join(filter(None, (self.say.lead_relative[direction].format(day=day), self.compose.lead(main,
                                                                                                            fact))))
        return self.compose.build(question, "answer", True, lead, [fact], min(pick.score, anchors[0].score))

    def _events(self, query: Query, allowed: list[Scored]) -> list[Scored]:
        """Occasions of what is asked (meetings of two named people): done, dated, holding every thing named."""
        return self._events_of(query, allowed, done=True)

    def _events_of(self, query: Query, allowed: list[Scored], *, done: bool) -> list[Scored]:
        things = frozenset(i for i, t in enumerate(query.words.terms) if t.noun and t.known)
        floor = self.settings.answer_threshold - self.settings.list_margin
        return [s for s in allowed if s.complete and things <= s.matched and s.score >= floor
                and not (done and (s.entry.fact.status != "done" or s.entry.fact.as_of))]

    def ranking(self, question: str, query: Query, allowed: list[Scored]) -> Answer | None:
        """«вторая встреча», «самый большой рост», «чаще всего»: ranks the dates and figures can give."""
        lx = lexicon_for(self.lang)
        intent, terms = query.intent, query.words.terms
        if (intent.extreme and not intent.frequent) or (intent.extreme and terms and not any(
                set(t.lemmas) & lx.event_nouns for t in terms)):
            subject = {lemma for term in query.words.terms if term.noun for lemma in term.lemmas}
            points = figure_series([s.entry.fact for s in allowed if s.score >= self.settings.suggest_threshold],
                                   subject, lang=self.lang)
            growth = bool(subject & (GROWTH_WORDS | lx.growth_words))
            found = extreme_figure(points, growth=growth, largest=query.intent.extreme == "max")
            if found is None:
                return None
            figure, point, compared = found
            if self.reply == "en":
                shown = figure_en(figure) or ""
                said = f"growth {shown}" if growth and shown else shown
                period = period_name(figure.period, "en")
            else:
                said = f"рост {figure.display()}" if growth else figure.display()
                period = point.period
            which = self.say.most if query.intent.extreme == "max" else self.say.least
            lead = self.say.lead_extreme.format(which=which,
                                                period=period, figure=said, count=compared)
            score = max(s.score for s in allowed if s.entry.fact is point.fact)
            return self.compose.build(question, "answer", True, lead, [point.fact], score)
        events = self._events(query, allowed)
        days = occasions(events)
        if query.intent.nth:
            best = nth_occasion(days, query.intent.nth)
            if best is None:
                return None
            return self.compose.build(question, "answer", True, self.compose.lead(query, best.entry.fact),
                                      [best.entry.fact],
                                      best.score)
        monthly = bool(set(words(question)) & lx.month_words)
        # the period with the most occasions answers «когда чаще всего»; the place with the most «где»
        when = query.intent.answer_type in ("", "what", "date")
        if query.intent.frequent and query.intent.answer_type == "place" and any(
                self.compose.base.entities[r].kind == "person" for r in query.scope.entities):
            return self._busiest_place(question, query, days, events)  # «где чаще всего встречались Иванов и …»
        busiest = busiest_period(days, monthly=monthly) if query.intent.frequent and when else None
        if busiest is None:
            return None
        year, month, chosen = busiest
        if self.reply == "en":
            period = f"{MONTHS_EN[month - 1]} {year}" if monthly else str(year)
        else:
            period = f"{MONTHS_NOMINATIVE[month - 1]} {year} года" if monthly else f"{year} год"
        lead = self.say.lead_frequent.format(period=period, count=len(chosen), times=times(len(chosen), self.reply))
        return self.compose.build(question, "list", True, lead, [day[0].entry.fact for day in chosen],
                                  max(s.score for s in events))

    def _busiest_place(self, question: str, query: Query, days: list[list[Scored]], events: list[Scored]
                       ) -> Answer | None:
        found = busiest_places(days, besides=self.compose.index.about | query.scope.place_refs)
        if found is None:
            return None
        refs, count, chosen = found
        entities = self.compose.base.entities
        names = [(entities[r].name_en or entities[r].name) if self.reply == "en" else entities[r].name for r in refs]
        place = (" and " if self.reply == "en" else " и ").join(names)
        lead = self.say.lead_frequent.format(period=place, count=count, times=times(count, self.reply))
        return self.compose.build(question, "list", True, lead, [day[0].entry.fact for day in chosen],
                                  max(s.score for s in events))

    def series(self, question: str, query: Query, allowed: list[Scored]) -> Answer | None:
        """«как менялся товарооборот»: every period's figure of the subject, as the source gives it."""
        subject = {lemma for term in query.words.terms if term.noun for lemma in term.lemmas}
        pool = [s.entry.fact for s in allowed if s.score >= self.settings.suggest_threshold]
        points = figure_series(pool, subject, lang=self.lang)
        if not points and self.lang == "en":  # figures without English descriptions: those of the facts asked about
            points = figure_series([s.entry.fact for s in self._events_of(query, allowed, done=False)], None)
        if not points:
            return None
        head = self.say.lead_series if len(points) > 1 else self.say.lead_series_one
        lines = [point.line(self.reply) for point in points]
        # a line in English needs English units; without them the facts' own English texts say the figures
        lead = head + "\n" + "\n".join(f"• {line}" for line in lines) if all(lines) else head
        facts = list(dict.fromkeys(point.fact for point in points))
        score = max(s.score for s in allowed if s.entry.fact in facts)
        if len(points) == 1 and not any(f.unit.strip() == "%" for fact in facts for f in fact.figures):
            # a change asked, one figure known and no change stated: the closest, not the answer
            return self.compose.build(question, "partial", False, lead, facts, score)
        return self.compose.build(question, "list", True, lead, facts, score)

    def ordinal(self, question: str, query: Query, complete: list[Scored], top: Scored) -> Answer:
        """«последний раз…», «впервые…»: the latest (or earliest) of the facts that answer equally well."""
        pool = [s for s in complete if s.score >= top.score - self.settings.ordinal_margin
                and s.entry.fact.status == "done" and not s.entry.fact.as_of]
        if not pool:
            pool = [top]
        if query.intent.ordinal == "latest":
            pick = max(pool, key=lambda s: (s.entry.fact.date.end, s.score))
        else:  # the earliest date; on that date, still the best match
            pick = min(pool, key=lambda s: (s.entry.fact.date.start, -s.score))
        return self.compose.build(question, "answer", True, self.compose.lead(query, pick.entry.fact),
                                  [pick.entry.fact],
                                  pick.score)


def _span_en(start: dt.date, end: dt.date) -> str:
    """An English name for a resolved period: "2025", "December 2024 – February 2025", "5 March 2026"."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        first = human_en(start.isoformat()[:7])
        last = human_en(end.isoformat()[:7])
        return first if first == last else f"{first} – {last}"
    first, last = human_en(start.isoformat()), human_en(end.isoformat())
    return first if first == last else f"{first} – {last}"
