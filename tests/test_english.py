"""knowledge.text.english: English lemmas in the Russian WordInfo shape, spelling variants, synonyms, the lexicon."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.text.english import ENGLISH, SYNONYM_GROUPS, Lexicon, analyse_en, synonym_map
from knowledge.text.morphology import WordInfo

# ---- lemmas (before synonyms are merged: ``forms``) ---------------------------------------------


@pytest.mark.parametrize(
    ("word", "form"),
    [
        # plurals
        ("meetings", "meeting"), ("countries", "country"), ("companies", "company"), ("buses", "bus"),
        ("relations", "relation"), ("talks", "talk"), ("taxes", "tax"), ("approaches", "approach"),
        ("businesses", "business"), ("gases", "gas"), ("heroes", "hero"), ("ties", "tie"), ("movies", "movie"),
        ("states", "state"), ("areas", "area"), ("universities", "university"), ("azerbaijanis", "azerbaijani"),
        ("servicemen", "serviceman"), ("women", "woman"), ("crises", "crisis"), ("niches", "niche"),
        ("peacekeepers", "peacekeeper"), ("topics", "topic"), ("days", "day"), ("lives", "life"),
        # irregular verbs
        ("met", "meet"), ("held", "hold"), ("grew", "grow"), ("grown", "grow"), ("rose", "rise"), ("went", "go"),
        ("made", "make"), ("became", "become"), ("began", "begin"), ("said", "say"), ("took", "take"),
        ("built", "build"), ("bought", "buy"), ("sold", "sell"), ("spoke", "speak"), ("came", "come"),
        ("withdrew", "withdraw"), ("paid", "pay"), ("led", "lead"), ("fell", "fall"), ("says", "say"),
        ("learnt", "learn"),
        # regular verbs: silent «e», doubled consonants, -ied
        ("signed", "sign"), ("signing", "sign"), ("visited", "visit"), ("visiting", "visit"), ("agreed", "agree"),
        ("agreeing", "agree"), ("opened", "open"), ("produced", "produce"), ("increased", "increase"),
        ("traded", "trade"), ("making", "make"), ("planned", "plan"), ("stopped", "stop"), ("studied", "study"),
        ("studying", "study"), ("created", "create"), ("negotiated", "negotiate"), ("treated", "treat"),
        ("decided", "decide"), ("changed", "change"), ("belonged", "belong"), ("hoped", "hope"),
        ("developed", "develop"), ("welcomed", "welcome"), ("called", "call"), ("controlled", "control"),
        ("travelled", "travel"), ("traveled", "travel"), ("declared", "declare"), ("explored", "explore"),
        ("required", "require"), ("continued", "continue"), ("died", "die"), ("dying", "die"), ("used", "use"),
        ("focused", "focus"), ("passed", "pass"), ("organized", "organize"), ("examined", "examine"),
        ("mentioned", "mention"), ("postponed", "postpone"), ("typed", "type"), ("assembled", "assemble"),
        ("quoted", "quote"), ("acquired", "acquire"), ("invested", "invest"), ("launched", "launch"),
        ("carried", "carry"), ("shipped", "ship"), ("bringing", "bring"), ("changing", "change"),
        ("beginning", "begin"), ("running", "run"), ("meets", "meet"), ("provides", "provide"),
        # comparison
        ("largest", "large"), ("biggest", "big"), ("larger", "large"), ("easiest", "easy"), ("closest", "close"),
        ("highest", "high"), ("better", "good"), ("worst", "bad"),
        # possessives
        ("putin's", "putin"), ("russia’s", "russia"), ("countries'", "country"),
    ],
)
def test_a_form_has_its_dictionary_form(word: str, form: str) -> None:
    info = analyse_en(word)
    assert form in info.forms, info


@pytest.mark.parametrize(
    "word",
    ["news", "was", "is", "has", "gas", "bus", "series", "species", "analysis", "basis", "crisis", "status",
     "always", "perhaps", "thanks", "politics", "economics", "statistics", "arms", "goods", "customs", "business",
     "process", "success", "this", "us", "its", "chaos", "davos", "red", "need", "speed", "exceed", "hundred",
     "king", "thing", "spring", "string", "during", "evening", "morning", "leader", "minister", "interest",
     "summer", "number", "west", "forest", "latest", "earliest", "later", "earlier", "data", "media"],
)
def test_a_word_that_only_looks_inflected_keeps_its_ending(word: str) -> None:
    expected = {"was": "be", "is": "be", "has": "have"}.get(word, word)
    assert analyse_en(word).forms[0] == expected, analyse_en(word)


def test_meeting_is_both_the_noun_and_the_verb_and_meet_merges_them() -> None:
    info = analyse_en("meeting")
    assert info.forms == ("meeting", "meet")
    assert info.lemmas == ("meeting",)
    assert info.pos == "NOUN"
    assert analyse_en("met").lemmas == analyse_en("meets").lemmas == analyse_en("meetings").lemmas == ("meeting",)


@pytest.mark.parametrize("word", ["building", "opening", "signing", "funding", "shelling", "training"])
def test_an_ing_noun_keeps_the_noun_first(word: str) -> None:
    info = analyse_en(word)
    assert info.forms[0] == word
    assert len(info.forms) == 2 and info.forms[1] != word
    assert info.pos == "NOUN"


@pytest.mark.parametrize("word", ["armed", "united", "limited", "developed"])
def test_an_ed_adjective_keeps_the_adjective_first(word: str) -> None:
    info = analyse_en(word)
    assert info.forms[0] == word and info.pos == "ADJF"


# ---- British and American spelling ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("organisation", "organization"), ("organisations", "organizations"), ("organised", "organized"),
        ("programme", "program"), ("programmes", "programs"), ("centre", "center"), ("centres", "centers"),
        ("defence", "defense"), ("labour", "labor"), ("neighbourliness", "neighborliness"),
        ("armoured", "armored"), ("kilometres", "kilometers"), ("roubles", "rubles"), ("tonnes", "tons"),
        ("apologised", "apologized"), ("unrecognised", "unrecognized"), ("travelled", "traveled"),
        ("cancelled", "canceled"), ("travellers", "travelers"), ("analyse", "analyze"), ("dialogue", "dialog"),
        ("licence", "license"), ("fulfilled", "fulfilled"), ("fulfil", "fulfill"), ("modernising", "modernizing"),
    ],
)
def test_british_and_american_spellings_share_their_lemmas(british: str, american: str) -> None:
    assert analyse_en(british).lemmas[0] == analyse_en(american).lemmas[0]


@pytest.mark.parametrize("word", ["exercise", "enterprise", "compromise", "promise", "surprise", "advertise",
                                  "rise", "wise", "expertise", "emphasis", "hour", "four", "tour", "your"])
def test_words_that_merely_end_like_british_spellings_are_left_alone(word: str) -> None:
    assert analyse_en(word).forms[0] == word, analyse_en(word)


# ---- synonyms ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("trade", "turnover", "traded", "commerce"),
        ("meet", "meeting", "met", "talks", "negotiations", "negotiated"),
        ("visit", "visits", "visited", "trip", "trips"),
        ("president", "leader", "leaders", "presidents"),
        ("deal", "deals", "agreement", "agreements", "agreed", "treaty"),
        ("relations", "ties", "relationship"),
        ("invest", "investment", "investors", "invested"),
        ("company", "companies", "firms", "enterprise"),
        ("university", "universities", "college"),
        ("phone", "call", "conversation", "telephone"),
        ("grew", "growth", "increased", "rose"),
    ],
)
def test_synonyms_meet_in_one_lemma(words: tuple[str, ...]) -> None:
    heads = {analyse_en(w).lemmas[0] for w in words}
    assert len(heads) == 1, {w: analyse_en(w).lemmas for w in words}


def test_a_synonym_keeps_its_own_form() -> None:
    info = analyse_en("turnover")
    assert info.lemmas == ("trade",)
    assert info.forms == ("turnover",)


def test_no_word_belongs_to_two_synonym_groups() -> None:
    seen: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            assert word not in seen, f"{word} is in the groups of {seen[word]} and {group[0]}"
            seen[word] = group[0]
    assert synonym_map() == seen
    assert ENGLISH.synonym_map() == seen


@pytest.mark.parametrize("group", SYNONYM_GROUPS, ids=lambda g: g[0])
def test_every_synonym_analyses_to_its_group(group: tuple[str, ...]) -> None:
    for word in group:
        assert analyse_en(word).lemmas[0] == group[0], (word, analyse_en(word))


def test_abbreviations_are_spelled_out_before_lemmas() -> None:
    assert ENGLISH.rewrites["fm"] == "foreign minister"
    assert ENGLISH.rewrites["pm"] == "prime minister"
    assert ENGLISH.rewrites["bn"] == "billion"
    assert all(token.isalpha() and token.islower() for token in ENGLISH.rewrites)


# ---- parts of speech and flags ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "pos"),
    [
        ("meeting", "NOUN"), ("meetings", "NOUN"), ("signed", "VERB"), ("met", "VERB"), ("meets", "VERB"),
        ("largest", "ADJF"), ("larger", "COMP"), ("russian", "ADJF"), ("azerbaijani", "ADJF"),
        ("bilateral", "ADJF"), ("quickly", "ADVB"), ("recently", "ADVB"), ("two", "NUMR"), ("2023", "NUMB"),
        ("4", "NUMB"), ("billion", "NOUN"), ("the", "PRCL"), ("of", "PREP"), ("between", "PREP"),
        ("and", "CONJ"), ("it", "NPRO"), ("who", "NPRO"), ("when", "ADVB"), ("hello", "INTJ"), ("not", "PRCL"),
        ("trade", "NOUN"), ("economy", "NOUN"), ("cooperation", "NOUN"), ("first", "ADJF"),
    ],
)
def test_part_of_speech(word: str, pos: str) -> None:
    assert analyse_en(word).pos == pos


@pytest.mark.parametrize(
    "word",
    ["the", "a", "an", "of", "in", "between", "and", "or", "because", "it", "they", "who", "which", "what",
     "is", "was", "be", "been", "do", "did", "does", "have", "has", "had", "will", "would", "can", "could",
     "not", "to", "with", "didn", "t", "ll", "s", "please", "according"],
)
def test_function_words_are_marked(word: str) -> None:
    assert analyse_en(word).function


@pytest.mark.parametrize("word", ["meeting", "trade", "signed", "russia", "aliyev", "largest", "two", "2023",
                                  "many", "first", "quickly", "may"])
def test_content_words_are_not_function_words(word: str) -> None:
    assert analyse_en(word).function is (word == "may")  # the modal; the month is the parser's call


def test_proper_is_left_to_the_caller() -> None:
    for word in ("aliyev", "baku", "Moscow", "KAMAZ", "putin's"):
        assert analyse_en(word).proper is False


def test_a_possessive_reads_as_a_genitive() -> None:
    info = analyse_en("baku's")
    assert info.lemmas == ("baku",) and info.case == "gent"
    assert analyse_en("baku").case == ""


@pytest.mark.parametrize(
    ("word", "known"),
    [("meeting", True), ("met", True), ("countries", True), ("signed", True), ("the", True),
     ("organisation", True), ("largest", True), ("2023", True), ("kamaz", False), ("aliyev", False),
     ("samarkand", False), ("zzzq", False)],
)
def test_known_means_a_table_or_a_regular_form(word: str, known: bool) -> None:
    assert analyse_en(word).known is known


@pytest.mark.parametrize(
    ("word", "tense"),
    [("met", "past"), ("signed", "past"), ("was", "past"), ("did", "past"), ("meets", "pres"), ("is", "pres"),
     ("does", "pres"), ("will", "futr"), ("ll", "futr"), ("won't", "futr"), ("didn't", "past"), ("isn't", "pres"),
     ("meeting", ""), ("meet", ""),
     ("meetings", ""), ("talks", "")],
)
def test_tense_of_verb_forms(word: str, tense: str) -> None:
    assert analyse_en(word).tense == tense


def test_plural_is_set_for_plural_nouns_only() -> None:
    assert analyse_en("meetings").plural
    assert analyse_en("men").plural
    assert not analyse_en("meeting").plural
    assert not analyse_en("meets").plural
    assert not analyse_en("news").plural


def test_an_unsure_guess_keeps_the_surface_form_as_a_candidate() -> None:
    assert analyse_en("ideas").forms[0] == "idea"
    assert "photos" in analyse_en("photos").forms
    assert analyse_en("countries").forms == ("country",)  # -ies → -y is sure


def test_a_cyrillic_word_gets_the_russian_analysis() -> None:
    assert "алиев" in analyse_en("алиевым").lemmas
    assert analyse_en("Алиевым").lemmas == analyse_en("алиевым").lemmas


def test_the_result_is_a_morphology_word_info_and_cached() -> None:
    first = analyse_en("negotiations")
    assert isinstance(first, WordInfo)
    assert analyse_en("negotiations") is first


def test_capital_letters_are_lowered() -> None:
    assert analyse_en("Meetings").lemmas == analyse_en("meetings").lemmas
    assert analyse_en("Meetings").word == "Meetings"


# ---- the lexicon ---------------------------------------------------------------------------------------

SURFACE_FIELDS = {"rewrites", "phrase_rewrites", "request_forms", "topic_prepositions", "kind_words", "per_words",
                  "question_pairs", "filler_phrases", "follow_up_phrases", "place_prepositions",
                  "follow_up_starts", "back_references", "largest_forms", "smallest_forms", "second_person",
                  "synonym_groups", "compound_prefixes", "outcome_words", "yes_no_words", "by_period",
                  "span_openers", "span_closers", "negations", "which_words", "event_relatives", "outside_words",
                  "count_fillers", "both_sides", "indefinite_particles", "role_names", "results_of", "number_of",
                  "before_year", "except_words", "content_verbs", "said_forms", "done_words", "precise_words",
                  "superlative_words", "group_ranks", "opposites", "place_frames", "one_of", "else_words",
                  "source_prepositions", "number_modifiers", "origin_prepositions",
                  "except_phrases", "behalf_prepositions"}


FORM_FIELDS = {"talk_nouns"}  # dictionary forms before synonyms are merged ("talk" is read as a meeting)


def lemma_entries() -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for item in dataclasses.fields(Lexicon):
        if item.name in SURFACE_FIELDS | FORM_FIELDS:
            continue
        value = getattr(ENGLISH, item.name)
        entries.extend((item.name, word) for word in value)
    return entries


@pytest.mark.parametrize(("field", "word"), lemma_entries())
def test_every_lexicon_entry_is_a_lemma_as_analyse_en_gives_it(field: str, word: str) -> None:
    assert analyse_en(word).lemmas[0] == word, (field, analyse_en(word))


@pytest.mark.parametrize("word", sorted(ENGLISH.outcome_words | ENGLISH.outcome_verbs | ENGLISH.talk_nouns))
def test_outcome_words_are_forms_before_synonyms(word: str) -> None:
    assert analyse_en(word).forms[0] == word


def test_the_lexicon_mirrors_the_russian_one() -> None:
    from knowledge.text import lexicon as russian

    pairs = {
        "fillers": russian.FILLERS, "question_words": russian.QUESTION_WORDS, "list_words": russian.LIST_WORDS,
        "year_parts": russian.YEAR_PARTS, "figure_words": russian.FIGURE_WORDS, "money_words": russian.MONEY_WORDS,
        "money_units": russian.MONEY_UNITS, "quantity_words": russian.QUANTITY_WORDS,
        "second_person": russian.SECOND_PERSON, "overview_words": russian.OVERVIEW_WORDS,
        "latest_words": russian.LATEST_WORDS, "earliest_words": russian.EARLIEST_WORDS,
        "comparison_words": russian.COMPARISON_WORDS, "relative_prepositions": russian.RELATIVE_PREPOSITIONS,
        "place_prepositions": russian.PLACE_PREPOSITIONS, "outcome_words": russian.OUTCOME_WORDS,
        "day_words": russian.DAY_WORDS, "name_words": russian.NAME_WORDS, "months": russian.MONTHS,
        "seasons": russian.SEASONS, "intensifiers": russian.INTENSIFIERS, "greetings": russian.GREETINGS,
        "thanks": russian.THANKS, "farewells": russian.FAREWELLS, "smalltalk": russian.SMALLTALK,
    }
    for name, russian_words in pairs.items():
        english = getattr(ENGLISH, name)
        assert english, name
        assert isinstance(english, frozenset) == isinstance(russian_words, frozenset), name
    pair_kinds = {kind for pairs in ENGLISH.question_pairs.values() for kind in pairs.values()}
    assert set(ENGLISH.question_words.values()) | pair_kinds >= set(russian.QUESTION_WORDS.values())
    assert set(ENGLISH.months.values()) == set(range(1, 13))
    assert {m for m in ENGLISH.seasons.values()} == {m for m in russian.SEASONS.values()}
    assert set(ENGLISH.year_parts.values()) == set(russian.YEAR_PARTS.values())


def test_how_many_asks_for_a_figure_and_how_alone_asks_how() -> None:
    assert ENGLISH.question_words["how"] == "how"
    assert ENGLISH.question_pairs["how"]["many"] == "figure"
    assert ENGLISH.question_pairs["how"]["much"] == "figure"
    assert "time" in ENGLISH.count_words  # «how many times»
    assert analyse_en("times").lemmas[0] == "time"


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ("could you tell me when putin met aliyev", "when putin met aliyev"),
        ("do you know where the summit took place", "where the summit"),
        ("tell me about kamaz", "about kamaz"),
        ("i would like to know how many students", "how many students"),
        ("hotel media in baku", "hotel media in baku"),  # «tell me» needs word boundaries
    ],
)
def test_filler_phrases_are_dropped(question: str, rest: str) -> None:
    assert " ".join(ENGLISH.drop_filler_phrases(question).split()) == rest


def test_the_lexicon_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ENGLISH.fillers = frozenset()  # type: ignore[misc]


def test_a_lexicon_without_phrases_drops_nothing() -> None:
    empty = dataclasses.replace(ENGLISH, filler_phrases=())
    assert empty.drop_filler_phrases("tell me now") == "tell me now"


# ---- hostile input and properties ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["", " ", "'", "'s", "s'", "’", "-", "a" * 10_000, "s" * 10_000, "ed" * 5_000, "ing" * 3_000, "ies" * 3_000,
     "'s" * 5_000, "😀", "😀" * 1000, "\x00", "\ud800", "ﬁ", "ǅ", "ß", "İstanbul", "x\u0301", "١٢٣", "²",
     "<b>", "&amp;", "putin's's", "don't", "o'clock", "co-chaired"],
)
def test_hostile_words_never_raise(word: str) -> None:
    started = time.perf_counter()
    info = analyse_en(word)
    assert time.perf_counter() - started < 0.5
    assert info.lemmas and info.forms
    assert isinstance(info.pos, str) and isinstance(info.known, bool)


ALLOWED_POS = {"NOUN", "VERB", "ADJF", "COMP", "ADVB", "NUMB", "NUMR", "PREP", "CONJ", "PRCL", "NPRO", "INTJ", ""}


@settings(max_examples=400, deadline=None)
@given(word=st.text(min_size=1, max_size=40))
@example(word="ё")
@example(word="'")
def test_any_word_gets_some_lemmas(word: str) -> None:
    info = analyse_en(word)
    assert info.lemmas and all(isinstance(lemma, str) and lemma for lemma in info.lemmas)
    assert info.forms
    assert info.word == word


@settings(max_examples=400, deadline=None)
@given(word=st.from_regex(r"[a-z]{1,24}", fullmatch=True))
def test_an_english_looking_word_gets_english_lemmas(word: str) -> None:
    info = analyse_en(word)
    assert all(lemma.isalpha() and lemma.isascii() for lemma in info.lemmas)
    assert info.pos in ALLOWED_POS and info.pos
    assert info.proper is False
    assert analyse_en(word.upper()).lemmas == info.lemmas


NOUNS = ["meeting", "country", "company", "bus", "church", "tax", "visit", "agreement", "summit", "corridor",
         "student", "university", "investment", "plant", "helicopter", "delegation", "peacekeeper", "border",
         "ministry", "economy", "policy", "territory", "partner", "region", "project", "vehicle", "truck"]


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


@pytest.mark.parametrize("noun", NOUNS)
def test_a_regular_plural_shares_the_lemma_of_its_singular(noun: str) -> None:
    assert analyse_en(plural(noun)).lemmas[0] == analyse_en(noun).lemmas[0]
    assert analyse_en(plural(noun)).plural


VERBS = ["sign", "visit", "open", "plan", "stop", "trade", "produce", "increase", "agree", "study", "decide",
         "develop", "create", "supply", "deliver", "launch", "discuss", "negotiate", "invest", "approve",
         "announce", "establish", "declare", "mediate", "withdraw", "restore", "cooperate", "integrate", "express"]


def past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in ("plan", "stop"):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def gerund(verb: str) -> str:
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if verb in ("plan", "stop"):
        return verb + verb[-1] + "ing"
    return verb + "ing"


@pytest.mark.parametrize("verb", VERBS)
def test_every_regular_form_of_a_verb_shares_its_lemma(verb: str) -> None:
    lemma = analyse_en(verb).lemmas[0]
    for form in (past(verb), gerund(verb), verb + ("es" if verb.endswith(("sh", "ss", "ch")) else "s")
                 if not verb.endswith("y") else verb[:-1] + "ies"):
        assert lemma in analyse_en(form).lemmas, (form, analyse_en(form))


def test_the_words_naming_entity_kinds_are_lemmas() -> None:
    for kind, names in ENGLISH.kind_words.items():
        for word in names:
            assert analyse_en(word).lemmas[0] == word, (kind, word)


def test_a_country_is_a_name_even_in_lowercase() -> None:
    assert analyse_en("moldova").proper and analyse_en("Tajikistan").proper
    assert not analyse_en("trade").proper and not analyse_en("georgian").proper  # only the country's own name


def test_multiword_verbs_in_any_form_become_the_one_word_the_texts_use() -> None:
    assert ENGLISH.rewrite_phrases("when did they set up relations") == "when did they establish relations"
    assert ENGLISH.rewrite_phrases("troops pulling out of the region") == "troops withdraw of the region"
    assert ENGLISH.rewrite_phrases("they took part in the summit") == "they participate in the summit"
    assert ENGLISH.rewrite_phrases("a setup of outposts") == "a setup of outposts"  # whole words only


def test_a_multiword_verb_is_found_around_its_object() -> None:
    assert ENGLISH.rewrite_phrases("did paris pull its whole force out") == "did paris withdraw its whole force"
    assert ENGLISH.rewrite_phrases("they set relations up") == "they establish relations"
    assert ENGLISH.rewrite_phrases("set the record straight up to now") == "set the record straight up to now"
    assert ENGLISH.rewrite_phrases("pull the first of many more troops out") == "pull the first of many more troops out"


def test_a_correction_never_only_adds_or_drops_a_prefix() -> None:
    from knowledge.engine import Engine
    from knowledge.search.query import resolve_word
    english = Engine.from_path().sibling("en").index
    assert [info.word for info in resolve_word("formal", english)] == ["formal"]  # not «informal»
    assert [info.word for info in resolve_word("abroad", english)] == ["abroad"]  # not «road»


@pytest.mark.parametrize(("one", "other"), [("oil", "energy"), ("enroll", "study"), ("lecture", "teach")])
def test_general_english_synonyms_are_one_lemma(one: str, other: str) -> None:
    assert analyse_en(one).lemmas == analyse_en(other).lemmas


def test_putting_money_into_is_investing() -> None:
    assert ENGLISH.rewrite_phrases("investors put into russia") == "investors invest in russia"
