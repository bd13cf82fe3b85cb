"""Composing replies: every answer of one base, in one reply language, is worded, dated and sourced here.

One ``Composer`` per engine (a reading language and a reply language); the engine and its special readings and
verdicts (``special.py``, ``verdict.py``) hand it the facts they chose, and it builds the ``Answer``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Collection

from knowledge.answers.answer import Answer, AnswerKind, Item, SourceRef, Suggestion
from knowledge.answers.enumeration import listed
from knowledge.answers.replies import Phrases, as_of_note, counted, render_text, typed_lead
from knowledge.answers.sources import source_view
from knowledge.base.figures import figure_en
from knowledge.base.model import Fact, KnowledgeBase
from knowledge.search.anchors import anchored
from knowledge.search.index import Index
from knowledge.search.query import Query
from knowledge.search.rankings import count_occasions
from knowledge.search.scoring import Scored
from knowledge.settings import EngineSettings
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.normalize import MAX_QUERY_CHARS, words


class Composer:
    """The reply builders of one engine: items, leads, lists, suggestions, declines, small talk."""

    def __init__(self, base: KnowledgeBase, index: Index, settings: EngineSettings, say: Phrases, *,
                 lang: str, reply: str, topic_names: tuple[str, ...]) -> None:
        self.base, self.index, self.settings, self.say = base, index, settings, say
        self.lang = lang  # the language questions are read in (their lemmas)
        self.reply = reply  # the language answers are written in
        self.topic_names = topic_names  # what a decline lists as the base's topics
        self.sources = source_view(base)  # several sources: disagreeing figures, restated states
        self._entries = {entry.fact.id: entry for entry in index.entries}

    def source_ref(self, source_id: str) -> SourceRef:
        s = self.base.sources[source_id]
        return SourceRef(s.id, s.publisher, s.title, s.published.isoformat(), s.url,
                         publisher_en=s.publisher_en, title_en=s.title_en, language=s.language)

    def item(self, fact: Fact, *, cited: bool = False) -> Item:
        """``cited``: the reply rests on several sources, so each line names its own."""
        label = f"{self.say.as_of} {fact.date.label()}" if fact.as_of else fact.date.label()
        if fact.status == "planned":
            label += f", {self.say.announced}"  # announced by the source, not reported as done
        return Item(fact.id, self.text(fact), label, fact.status, self._cite(fact.source) if cited else "")

    def _cite(self, source_id: str) -> str:
        ref = self.source_ref(source_id)
        english = self.reply == "en"
        publisher = (ref.publisher_en or ref.publisher) if english else ref.publisher
        return f"{publisher}, {ref.day_en() if english else ref.day()}"

    def _across_sources(self, kind: AnswerKind, lead: str, facts: list[Fact], note: str
                        ) -> tuple[AnswerKind, str, list[Fact], str]:
        """A state a newer source restates is answered from it; figures another source gives differently
        for the same thing are shown beside, each with its source."""
        kept, older = self.sources.newest_states(facts)
        notes = [note] if note else []
        if older and kept:
            facts = kept
            notes.append(self.say.note_restated.format(
                sources="; ".join(dict.fromkeys(self._cite(f.source) for f in older))))
            if len(facts) == 1:
                kind = "answer"
                lead = "" if lead == self.say.lead_list.format(count=len(facts) + len(older)) else lead
        disagreeing = self.sources.conflicts(facts)
        if disagreeing:
            english = self.reply == "en"
            values = [f"{(figure_en(g) or g.display()) if english else g.display()} — {self._cite(f.source)}"
                      for f, g in disagreeing]
            notes.append(self.say.note_sources_differ.format(values="; ".join(dict.fromkeys(values))))
            added = [f for f in dict.fromkeys(f for f, _ in disagreeing) if f not in facts]
            if added:
                facts = facts + added
                kind, lead = "list", self.say.lead_sources_differ
        return kind, lead, facts, "\n".join(notes)

    def text(self, fact: Fact) -> str:
        """The fact as said in this engine's language (the Russian text when there is no translation)."""
        return fact.text_en or fact.text if self.reply == "en" else fact.text

    def question_of(self, fact: Fact) -> str:
        return fact.shown_question(self.reply == "en")

    def build(
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
        verdict: str = "",
    ) -> Answer:
        if answered and self.sources.several and kind in ("answer", "list"):
            kind, lead, facts, note = self._across_sources(kind, lead, facts, note)
        source_ids = list(dict.fromkeys(f.source for f in facts))
        if kind in ("answer", "partial") and len(facts) == 1:  # a figure or a state of affairs: as of when
            dated = as_of_note(facts[0], self.source_ref(facts[0].source), self.reply)
            announced = self.say.note_announced if facts[0].status == "planned" else ""
            note = "\n".join(filter(None, (announced, dated, note)))
        return rendered(Answer(
            question=question,
            kind=kind,
            answered=answered,
            lead=lead,
            items=tuple(self.item(f, cited=len(source_ids) > 1) for f in facts),
            sources=tuple(self.source_ref(s) for s in source_ids),
            score=round(score, 1),
            suggestions=suggestions,
            note=note,
            total=total or len(facts),
            lang=self.reply,
            verdict=verdict,
        ))

    def lead(self, query: Query, fact: Fact) -> str:
        """The asked detail first («когда» → the date, «сколько» → the figure of the thing counted)."""
        figure = None
        if query.intent.answer_type == "figure" and fact.figures and query.words.figure_nouns:
            nouns = {lemma for noun in query.words.figure_nouns for lemma in noun}
            english = self.lang == "en"  # the question's lemmas are in the language it was read in
            analyser = analyser_for(self.lang)
            for candidate in fact.figures:
                text = f"{candidate.unit_en} {candidate.what_en}" if english else f"{candidate.unit} {candidate.what}"
                counted = {lemma for word in words(text) for lemma in analyser(word).lemmas}
                if nouns & counted:
                    figure = candidate
                    break
        entry = self._entries.get(fact.id)
        whose: list[str] = []
        if query.intent.answer_type == "person":  # «кто был инициатором»: the name the fact puts beside that noun
            text = (fact.text_en or fact.text) if self.lang == "en" else fact.text
            beside = anchored(text, self.index)
            roles = {lemma for held in self.index.roles.values() for lemma in (held[0] if held else ())}
            whose = [ref for term in query.words.terms for lemma in term.lemmas if lemma not in roles
                     for ref, _ in beside.get(lemma, ())
                     if self.base.entities[ref].kind != "term" and ref not in query.scope.named]
        return typed_lead(query.intent.answer_type, fact, self.base.entities, figure=figure, about=self.index.about,
                          lang=self.reply, named=query.scope.entities | query.scope.place_refs,
                          facilities=sorted(entry.facilities) if entry else (), whose=whose)

    def listing(self, question: str, members: list[Scored], *, counting: bool = False, kind: str = "",
                counted_as: Collection[str] = (), asked: Query | None = None) -> Answer:
        """A list of facts; for a count, the number of occasions (or of things of ``kind``) first, said with
        the noun the question counted (``counted_as``: its lemmas, as the parser found them)."""
        cap = max(1, self.settings.max_list)  # a list answer always shows at least one fact
        facts = sorted((s.entry.fact for s in members), key=lambda f: (f.date.start, f.date.end))
        if counting:  # an announced meeting has not happened: it is not counted
            facts = [f for f in facts if f.status == "done"] or facts
        shown = facts[:cap]
        lead = (self.say.lead_list.format(count=len(facts)) if len(facts) <= cap
                else self.say.lead_list_capped.format(count=cap, total=len(facts)))
        if counting:  # «сколько раз встречались»: the number of events first, in words, then what was counted
            # occasions, or the distinct things of a kind the facts name («сколько документов»)
            # (a place is where it happened: the country of a summit's city is no state that took part)
            noun, one = counted_noun(question, self.lang, counted_as)
            talks = analyser_for(self.lang)(noun).forms[0] in lexicon_for(self.lang).talk_nouns if noun else False
            events = len({r for f in facts for r in f.participants + f.organisations + f.related
                          if self.base.entities[r].kind == kind}) if kind else count_occasions(facts, by_day=talks)
            if not events:  # «сколько государств участвовало»: the facts name none that did; no count to give
                return self.build(question, "partial", False, self.say.partial("figure"), shown, max(
                    s.score for s in members))
            if self.lang != self.reply:
                noun, one = "", ""  # the noun is in the question's language, not the reply's
            lead = self.say.lead_count.format(counted=counted(events, noun, self.reply, one=one), count=events)
        score = max(s.score for s in members)
        if len(shown) == 1 and not counting:
            return self.build(question, "answer", True, "", shown, score)
        if asked is not None and asked.intent.answer_type in ("date", "duration") and count_occasions(facts) == 1:
            # «когда Иванов был в Париже»: facts of one occasion, its dates (or how long it lasted) first
            widest = max(facts, key=lambda f: f.date.end - f.date.start)
            said = self.lead(asked, widest)
            if said:
                lead = said.rstrip(".") + ":"
        return self.build(question, "list", True, lead, shown, score, total=len(facts))

    def enumeration(self, question: str, query: Query, found: Scored) -> Answer | None:
        """«Сколько сфер охватывает декларация?»: the items the fact lists after the word counted, counted
        (None when it lists none there)."""
        fact = found.entry.fact
        english = self.reply == "en"
        text = fact.text_en if english and fact.text_en else fact.text
        nouns = {lemma for noun in query.words.figure_nouns[:1] for lemma in noun}
        listed_here = listed(text, nouns, analyser_for("en" if english and fact.text_en else "ru"))
        noun, one = counted_noun(question, self.lang, nouns) if self.lang == self.reply else ("", "")
        if listed_here is None or not noun or query.intent.wants_money:
            return None  # «сколько раз», «сколько стоит»: no list of things answers it
        count = len(listed_here.items)
        said = counted(count, noun, self.reply, one=one)
        lead = (self.say.lead_enumerated_open if listed_here.open else self.say.lead_enumerated).format(
            counted=said, counted_lower=said[:1].lower() + said[1:], count=count, items=", ".join(listed_here.items))
        return self.build(question, "answer", True, lead, [fact], found.score)

    def suggestions(self, ranked: list[Scored], *, exclude: set[str] | None = None,
                     everyone: bool = False) -> tuple[Suggestion, ...]:
        """The best facts to offer, each once; ``everyone``: the first ones whatever their score (a demoted
        answer's fact is offered first)."""
        floor = self.settings.suggest_threshold / 2
        out: list[Suggestion] = []
        seen = set(exclude or ())
        for s in ranked:
            if len(out) >= self.settings.max_suggestions:
                break
            fact = s.entry.fact
            if fact.id in seen or (s.score < floor and not (everyone and not out)):
                continue
            seen.add(fact.id)
            out.append(Suggestion(fact.id, self.question_of(fact), self.text(fact)))
        return tuple(out)

    def decline(self, question: str, ranked: list[Scored], *, score: float) -> Answer:
        note = self.say.note_topics.format(topics=", ".join(self.topic_names))
        return self.build(question, "decline", False, self.say.lead_decline, [], score,
                           suggestions=self.suggestions(ranked), note=note)

    def smalltalk(self, question: str, kind: str) -> Answer:
        example = next(iter(self.say.examples), "") or next(
            (q for fact in self.base.facts for q in (fact.questions_en if self.reply == "en" else fact.questions)), "")
        lexicon, lang = self.base.lexicon, self.reply
        subject = lexicon.subject.get(lang) or self.say.no_subject
        greeting = f" {lexicon.greeting[lang]}" if lang in lexicon.greeting else ""
        text = self.say.smalltalk.get(kind, self.say.smalltalk["chat"]).format(
            example=example, subject=subject, greeting=greeting)
        return self.build(question, "smalltalk", False, text, [], 0.0)


# «сколько было встреч», «сколько прошло встреч»: a verb that may stand between «сколько» and what it counts
_HAPPENED = frozenset(["быть", "пройти", "проходить", "состояться", "случиться", "провести", "be", "take", "hold"])


def counted_noun(question: str, lang: str, counted_as: Collection[str] = ()) -> tuple[str, str]:
    """The thing a count question counts, as it names it, and (in English) its singular: «сколько встреч» →
    («встреч», ""), "how many meetings" → ("meetings", "meeting"); ("", "") for times («сколько раз», "how
    often") or when no noun follows. ``counted_as``: the counted noun's lemmas, when the parser found it (a
    name before it is not what is counted: "how many Smith–Jones meetings")."""
    tokens = lexicon_for(lang).rewrite_phrases(" ".join(words(question, max_chars=MAX_QUERY_CHARS)[:60])).split()
    analyse = analyser_for(lang)  # "in-person meetings": "personally meetings", as the parser reads them
    number_of = lexicon_for(lang).number_of  # «какое число стран», "the number of countries"
    starts = [at + 1 for at, token in enumerate(tokens) if token in ("сколько", "скольких") or token in number_of
              ] if lang == "ru" else [at + 2 for at, pair in enumerate(itertools.pairwise(tokens))
                                      if pair == ("how", "many") or (pair[0] in number_of and pair[1] == "of")]
    for start in starts[:1]:
        for token in tokens[start:start + 4]:
            info = analyse(token)
            if info.pos == "NOUN" and not info.function:
                if token in ("раз", "times", "time") or info.proper:
                    return "", ""
                if counted_as and not set(info.lemmas) & set(counted_as):
                    continue
                return token, (info.forms[0] if lang == "en" else "")
            if not (info.function or info.pos in ("ADJF", "PRTF", "ADVB", "NUMR") or token in ("всего", "же")
                    or set(info.forms) & _HAPPENED):
                break
    return "", ""


def rendered(answer: Answer) -> Answer:
    """The answer with its plain-text ``reply`` rendered from its fields (a new value: answers are frozen)."""
    return dataclasses.replace(answer, reply=render_text(answer))
