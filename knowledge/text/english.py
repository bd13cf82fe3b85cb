"""English words for the engine: lemmas compatible with the Russian analysis, and the English lexicon.

``analyse_en`` gives an English word the same ``WordInfo`` that ``knowledge.text.morphology.analyse`` gives a
Russian one, so that one matching pipeline serves both languages. It is a hand-written lemmatiser, not a
dictionary: irregular forms come from tables, regular ones from suffix rules that restore the silent «e»
(produced → produce) and undo doubled consonants (planned → plan). Questions, fact texts and aliases all
pass through it, so a rare wrong guess is harmless as long as it is the same guess on both sides; the
tables only have to get the common words of the subject right. British and American spellings meet
(organisation = organization), and synonyms are merged into one lemma the way ``lexicon.SYNONYM_GROUPS``
merges Russian ones.

``ENGLISH`` mirrors the Russian word lists of ``knowledge.text.lexicon`` for the question parser. Every entry
is a lemma as ``analyse_en`` returns it (``lemmas[0]``, synonyms merged), except where a field says
otherwise: ``outcome_words`` holds ``forms`` (before synonyms, as the Russian ``OUTCOME_WORDS`` does),
``question_pairs``, ``filler_phrases`` and ``rewrites`` hold surface words.

Differences from Russian the parser has to know about:

* "how many"/"how much"/"how long" ask for a figure, but "how" alone asks how. ``question_pairs`` maps
  the word after "how" (its surface form) to the kind; when it matches, the parser takes that kind and
  consumes both words. "how many times" is then a count, as «сколько раз» is: ``count_words``.
* Some words are also function words or verbs: "may" is a month only next to a day or year number
  (``ambiguous_months``); "end" asks for an outcome only as a verb ("how did the talks end",
  ``outcome_verbs``) and is a part of the year as a noun ("at the end of 2023").
* Contractions arrive split by ``normalize`` ("didn't" → "didn t"); ``analyse_en`` knows the stumps
  ("didn", "t", "ll", "ve") as function words, and "putin s" leaves a lone «s», which the parser skips
  as it skips every one-letter word.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from knowledge.text.lexicon import Lexicon
from knowledge.text.lexicon import synonym_map as group_map
from knowledge.text.morphology import WordInfo, analyse

# ---- vocabulary -------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: (lemma, part of speech). Tags follow pymorphy where Russian has the same class.
_FUNCTION: dict[str, tuple[str, str]] = {}


def _function(pos: str, text: str, lemma: str | None = None) -> None:
    for word in text.split():
        _FUNCTION[word] = (lemma or word, pos)


_function("PRCL", "a an the")
_function(
    "PREP",
    "of in on at to from by for with without within about above across after against along alongside amid "
    "amidst among around before behind below beneath beside besides between beyond despite down during except "
    "inside into near off onto opposite out outside over per regarding since through throughout till toward "
    "under underneath unlike until up upon versus via vs",
)
_function("PREP", "towards", "toward")
_function("PREP", "amongst", "among")
_function("CONJ", "and or but nor because although though while whereas if unless whether than as once so yet")
_function("CONJ", "whilst", "while")
_function("CONJ", "however therefore moreover furthermore nevertheless hence thereby")
_function("PREP", "according")  # «according to»: not a form of «accord» (agreement)
_function(
    "NPRO",
    "i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself "
    "we us our ours ourselves they them their theirs themselves this that these those who whom whose which what "
    "whatever whoever whichever anyone anybody anything someone somebody something everyone everybody "
    "everything nobody nothing none each every all any some such both either neither",
)
_function("ADVB", "when where why how whenever wherever whence")
_function("PRCL", "not no only just even also too else ever")
_function("INTJ", "hello hi hey hiya howdy yo bye goodbye ok okay please pls plz yes thanks thx cheers")
_function("VERB", "be am is are was were been being re m", "be")
_function("VERB", "do does did done doing", "do")
_function("VERB", "have has had having ve", "have")
_function("VERB", "will ll", "will")
_function("VERB", "would d", "would")
_function("VERB", "can could shall should may might must ought")
_function("VERB", "cannot", "can")
# stumps of contractions split at the apostrophe: «didn't» → «didn t»
for _stump, _lemma in {
    "didn": "do", "doesn": "do", "don": "do", "isn": "be", "wasn": "be", "aren": "be", "weren": "be",
    "hasn": "have", "haven": "have", "hadn": "have", "couldn": "could", "wouldn": "would", "shouldn": "should",
    "mustn": "must", "needn": "need",
}.items():
    _FUNCTION[_stump] = (_lemma, "VERB")
_FUNCTION["t"] = ("not", "PRCL")
_FUNCTION["s"] = ("s", "PRCL")  # «Putin's» → «putin s»: a possessive or «is», never a search word

# Whole contractions, when the apostrophe survives.
_CONTRACTIONS: dict[str, str] = {
    "don't": "do", "doesn't": "do", "didn't": "do", "isn't": "be", "wasn't": "be", "aren't": "be",
    "weren't": "be", "can't": "can", "won't": "will", "wouldn't": "would", "couldn't": "could",
    "shouldn't": "should", "haven't": "have", "hasn't": "have", "hadn't": "have", "i'm": "i", "i've": "i",
    "i'll": "i", "i'd": "i", "you're": "you", "you've": "you", "you'll": "you", "we're": "we", "we've": "we",
    "they're": "they", "they've": "they", "it's": "it", "that's": "that", "what's": "what", "who's": "who",
    "where's": "where", "when's": "when", "how's": "how", "there's": "there", "let's": "let",
}

# Irregular forms: surface → (lemmas, part of speech, plural).
_IRREGULAR: dict[str, tuple[tuple[str, ...], str, bool]] = {}
# Tense of verb forms that show one, as pymorphy's «past»/«pres»/«futr»: "will" marks the future.
_TENSES: dict[str, str] = dict.fromkeys(["was", "were", "did", "had", "didn", "wasn", "weren", "hadn"], "past")
_TENSES.update(dict.fromkeys(["is", "are", "am", "does", "do", "has", "have", "doesn", "don", "isn", "aren", "hasn",
                              "haven"], "pres"))
_TENSES.update(dict.fromkeys(["will", "shall", "ll", "won't"], "futr"))
_TENSES.update(dict.fromkeys(["didn't", "wasn't", "weren't", "hadn't"], "past"))
_TENSES.update(dict.fromkeys(["don't", "doesn't", "isn't", "aren't", "hasn't", "haven't"], "pres"))


def _irregular_verbs(table: str) -> None:
    """«base: form form …» lines; a form that is also a word of its own lists that word second."""
    for line in table.strip().splitlines():
        base, forms = line.split(":")
        for form in forms.split():
            own, _, other = form.partition("/")
            _IRREGULAR[own] = ((base.strip(), other) if other else (base.strip(),), "VERB", False)
            _TENSES[own] = "pres" if own.endswith("s") else "" if own.endswith("ing") else "past"


_irregular_verbs(
    """
    say: says said
    make: made
    take: took taken
    come: came
    see: saw/saw seen sees
    get: got gotten
    give: gave given
    know: knew known
    think: thought
    tell: told
    become: became
    leave: left/left
    feel: felt
    bring: brought
    begin: began begun
    keep: kept
    hold: held
    write: wrote written
    stand: stood
    hear: heard
    mean: meant
    meet: met
    run: ran
    pay: paid
    sit: sat
    speak: spoke/spoke spoken
    lie: lay/lay lain
    lead: led
    grow: grew grown
    lose: lost
    fall: fell fallen
    send: sent
    build: built
    understand: understood
    draw: drew drawn
    break: broke broken
    spend: spent
    rise: rose/rose risen
    drive: drove driven
    buy: bought
    wear: wore worn
    choose: chose chosen
    seek: sought
    throw: threw thrown
    catch: caught
    deal: dealt
    win: won
    forget: forgot forgotten
    sell: sold
    fight: fought
    teach: taught
    find: found/found
    shoot: shot/shot
    strike: struck stricken
    fly: flew flown flies
    hang: hung
    freeze: froze frozen
    steal: stole stolen
    swear: swore sworn
    shake: shook shaken
    bear: bore/bore borne born/born
    bind: bound/bound
    bite: bit bitten
    bleed: bled
    blow: blew blown
    breed: bred
    burn: burnt
    dig: dug
    dream: dreamt
    eat: ate eaten
    feed: fed
    flee: fled
    forbid: forbade forbidden
    forgive: forgave forgiven
    hide: hid hidden
    kneel: knelt
    lay: laid
    lend: lent
    light: lit
    learn: learnt
    spell: spelt
    spoil: spoilt
    mistake: mistook mistaken
    overcome: overcame
    oversee: oversaw overseen
    prove: proven
    ride: rode ridden
    ring: rang rung
    shine: shone
    shrink: shrank shrunk
    sing: sang sung
    sink: sank sunk
    slide: slid
    spin: spun
    spring: sprang sprung
    stick: stuck
    sting: stung
    strive: strove striven
    swim: swam swum
    swing: swung
    tear: tore torn
    undertake: undertook undertaken
    undergo: underwent undergone
    underlie: underlies underlay underlain underlying
    uphold: upheld
    withdraw: withdrew withdrawn
    withhold: withheld
    wake: woke woken
    weep: wept
    wind: wound/wound
    arise: arose arisen
    overtake: overtook overtaken
    overthrow: overthrew overthrown
    rebuild: rebuilt
    foresee: foresaw foreseen
    slay: slew slain
    go: goes went gone going
    die: dying
    tie: tying
    lie: lying
    """
)


def _irregular_nouns(table: str, *, plural: bool = True) -> None:
    for pair in table.split():
        form, lemmas = pair.split("=")
        _IRREGULAR[form] = (tuple(lemmas.split("/")), "NOUN", plural)


_irregular_nouns(
    "men=man women=woman children=child persons=person feet=foot teeth=tooth mice=mouse geese=goose "
    "lives=life/live wives=wife knives=knife wolves=wolf halves=half shelves=shelf leaves=leave/leaf "
    "thieves=thief loaves=loaf calves=calf selves=self crises=crisis analyses=analysis/analyze "
    "bases=base/basis theses=thesis diagnoses=diagnosis hypotheses=hypothesis emphases=emphasis "
    "criteria=criterion phenomena=phenomenon indices=index appendices=appendix matrices=matrix "
    "memoranda=memorandum curricula=curriculum axes=axis/axe quizzes=quiz oases=oasis paralyses=paralysis "
    "alumni=alumnus nuclei=nucleus stimuli=stimulus"
)
_irregular_nouns("people=people/person")
_irregular_nouns(" ".join(  # servicemen → serviceman; not specimen, omen, yemen
    f"{stem}men={stem}man" for stem in _words(
        "service business chair spokes congress police fisher states sports gun country militia trades work sea "
        "air fire kins noble sales crafts middle horse lay watch marks"
    )
))
_IRREGULAR.update({
    "better": (("good",), "ADJF", False), "best": (("good",), "ADJF", False),
    "worse": (("bad",), "ADJF", False), "worst": (("bad",), "ADJF", False),
    "elder": (("old",), "ADJF", False), "eldest": (("old",), "ADJF", False),
    "more": (("more",), "COMP", False), "less": (("less",), "COMP", False), "fewer": (("few",), "COMP", False),
    # kept apart from «late»/«early», which name parts of a year («in late 2023»)
    "latest": (("latest",), "ADJF", False), "later": (("later",), "ADVB", False),
    "earliest": (("earliest",), "ADJF", False), "earlier": (("earlier",), "ADVB", False),
    "further": (("further",), "ADVB", False), "furthest": (("far",), "ADJF", False),
    "farther": (("far",), "ADJF", False), "farthest": (("far",), "ADJF", False),
})

# Words that look inflected but are not: (part of speech). Plurals only in form, adverbs, names.
_KEEP: dict[str, str] = {}
for _pos, _text in {
    "NOUN": "news series species means headquarters arms goods customs politics geopolitics economics physics "
            "statistics logistics ethics mathematics electronics genetics dynamics mechanics linguistics tactics "
            "analytics diagnostics robotics informatics aeronautics avionics graphics lens diabetes rabies "
            "clothes premises thanks data media evening morning ceiling sibling darling sterling herring pudding "
            "offspring lightning hundred kindred hatred embed gas bus atlas alias bias canvas status virus focus "
            "consensus census bonus campus corpus chaos ethos cosmos kudos pathos thermos process access address "
            "business progress congress success loss boss class glass mass pass press stress analysis basis "
            "crisis thesis emphasis axis tennis iris peacekeeping wellbeing beijing ahmed mohammed muhammad "
            "overseas christmas",
    "ADJF": "sacred naked wicked rugged ragged jagged crooked beloved infrared famous various previous serious "
            "numerous",
    "ADVB": "always perhaps sometimes nowadays afterwards backwards forwards upwards downwards onwards "
            "thus plus minus unless",
}.items():
    _KEEP.update(dict.fromkeys(_text.split(), _pos))

# -ing words that are nouns as well as verb forms: the noun first («the meeting»), then the verb.
_ING_NOUNS = _words(
    "meeting building opening signing funding financing shipping training spending beginning ending hearing "
    "ruling setting holding housing offering warning bombing shelling killing understanding gathering "
    "briefing processing pricing marketing engineering mining banking painting drawing writing wedding "
    "sitting landing crossing filling clothing lending bidding booking recording rating ranking planning "
    "trading keeping teaching learning heating parking fishing farming manufacturing accounting consulting "
    "networking printing packaging rolling firing fighting uprising standing greeting shooting saving earning "
    "finding proceeding surrounding belonging dealing"
)
# -ed words that are adjectives as well as verb forms («armed forces», «the United Nations»).
_ED_ADJECTIVES = _words(
    "armed united limited advanced developed detailed skilled qualified experienced interested concerned "
    "related supposed married alleged certified integrated armored unrecognized"
)

# Verbs whose silent «e» or doubled consonant the rules below would otherwise get wrong.
_NO_E = _words(
    "visit limit edit credit audit exhibit prohibit inhibit inherit merit deposit profit benefit solicit elicit "
    "posit vomit orbit target budget market interpret pilot pivot riot ballot develop redevelop envelop gallop "
    "wallop scallop gossip worship kidnap handicap combat focus refocus bias abandon summon reckon pardon "
    "beckon blossom bottom ransom custom accustom random program diagram happen open listen travel cancel "
    "model label level signal total equal fuel channel tunnel marvel counsel rival dial pedal"
)
_WITH_E = _words(
    "creat recreat procreat persuad dissuad guid misguid complet deplet compet delet concret unit reunit invit "
    "excit cit recit incit ignit expedit writ bit requit sit explor restor ignor stor scor ador implor deplor "
    "bor snor cor shor postpon phon ton hon clon aton condon zon dron dethron enthron telephon interven conven "
    "contraven adher interfer persever rever coher scal exhal inhal regal hal wast tast"
)
_S_NO_E = _words(
    "focus refocus bus bias census canvas chorus nexus gas plus minus atlas alias bonus caucus virus status "
    "consensus campus corpus"
)
_NG_NO_E = _words("bang hang gang clang twang ring wing string king ding ping thing")
_ING_E = _words("hing cring imping infring fring bing ting twing syring sing")  # -inge verbs, -ed forms only
_EE_VERBS = _words("agree disagree guarantee free decree referee")
_OES = _words("hero potato tomato veto echo embargo torpedo cargo tornado mosquito domino")
_IES_IE = _words(
    "movie cookie rookie zombie calorie prairie brownie smoothie goalie genie newbie sortie lingerie auntie "
    "selfie"
)
_CHE = _words("ache headache cache niche cliche avalanche moustache psyche creche quiche")
_AS_KEEP = _words("gas was has as bias alias atlas canvas whereas christmas overseas texas")
_OS_KEEP = _words("chaos ethos cosmos kudos pathos thermos davos")
_DOUBLE_KEEP = _words("add odd err purr butt putt buzz fizz jazz egg inn ebb boycott watt mitt")
_L_DOUBLE = _words(
    "travel cancel model label fuel total signal counsel level channel tunnel marshal dial equal annul enrol "
    "control patrol compel propel expel repel excel rebel dispel fulfil instil distil impel extol marvel "
    "quarrel shovel jewel duel pedal rival initial pencil parcel revel grovel spiral"
)

# Adjectives that take -er/-est; nothing else loses those endings (leader, interest, minister).
_COMPARABLE = _words(
    "large big great high low small long short new old young strong weak close fast quick slow wide broad rich "
    "poor cheap deep near hard easy heavy light early late busy wealthy healthy happy tall huge fine safe tight "
    "firm warm cold hot dry fresh clear bright dark mild vast rare soon smart sharp steep thick thin wise brave "
    "true pure sure simple noble gentle humble able dense fierce nice loud calm cool keen plain proud quiet "
    "rough tough wild costly likely friendly deadly fair grand kind bold few"
)

# Content words of the subject: bare forms decide the part of speech; all of them count as known.
_VERBS = _words(
    "meet sign visit hold grow rise go make become begin say agree open take build buy sell speak come plan "
    "stop produce increase trade establish invest supply deliver export import discuss negotiate attend "
    "participate launch withdraw deploy kill die shoot attack apologize express call phone investigate punish "
    "declare announce state report describe react mediate help assist decide conclude end finish complete start "
    "cease restore resume develop cooperate interact integrate connect transport carry ship study teach learn "
    "train educate fund finance grant provide allocate give receive host welcome travel arrive leave return "
    "reach exceed double triple decrease decline fall drop reduce cut raise approve ratify adopt accept reject "
    "confirm deny propose offer suggest consider talk tell ask answer want know think believe need work "
    "operate manufacture assemble construct create found locate include cover involve envisage contain "
    "comprise stress emphasize note mention underline congratulate thank invite accompany chair lead head "
    "serve appoint elect replace succeed resign observe monitor patrol guard protect defend secure support "
    "strengthen expand extend deepen broaden boost promote encourage enhance improve celebrate mark "
    "commemorate honor award present exchange share pay cost spend earn owe lend borrow amount total account "
    "rank estimate expect forecast predict hope intend aim seek try manage fail continue remain stay keep "
    "maintain happen occur put set run move change turn bring send pass cross enter exit use apply ensure "
    "guarantee implement execute fulfill violate breach accuse blame condemn criticize protest demand require "
    "request urge warn threaten recognize respect compare rate assess evaluate characterize respond reply add "
    "close link unite settle resolve solve broker facilitate shell fire strike bomb invade occupy liberate "
    "capture release free detain arrest sentence convict pardon underlie get see find let seem feel show hear "
    "play live stand lose follow read allow remember appear wait send pull hold connect last result"
)
_VERB_ONLY = _words(
    "meet hold grow go make become begin say agree take build buy sell speak come establish invest deliver "
    "discuss negotiate attend participate withdraw deploy die apologize express investigate punish declare "
    "announce describe react mediate assist decide conclude finish cease restore resume develop cooperate "
    "interact integrate connect carry teach learn educate provide allocate give receive arrive leave exceed "
    "reduce approve ratify adopt accept reject confirm deny propose suggest consider tell ask want know think "
    "believe operate assemble construct create locate include involve envisage contain comprise emphasize "
    "mention underline congratulate thank invite accompany appoint elect replace succeed resign observe "
    "protect defend strengthen expand extend deepen broaden promote encourage enhance improve celebrate "
    "commemorate spend earn owe lend borrow expect predict intend seek try manage fail continue remain keep "
    "maintain happen occur put bring send enter ensure implement execute fulfill violate accuse blame condemn "
    "criticize urge warn threaten recognize compare assess evaluate characterize respond add unite settle "
    "resolve solve facilitate invade occupy liberate detain convict underlie get see find let seem feel show "
    "hear lose follow allow remember appear send"
)
_NOUNS = _words(
    "meeting talk relation relationship tie country state government president leader minister ministry prime "
    "affair defense security council summit session forum conference assembly declaration agreement deal "
    "treaty memorandum roadmap document contract partnership partner ally alliance cooperation interaction "
    "integration trade turnover economy investment investor company firm enterprise business plant factory "
    "production industry sector energy oil gas petroleum metal product commodity export import supply "
    "delivery transport transit freight cargo corridor railway railroad road route port metro car vehicle "
    "truck bus tank helicopter weapon system equipment university college institute school student pupil "
    "teacher scholarship education language culture tourism tourist visitor citizen person soldier serviceman "
    "peacekeeper troop contingent force army operation ceasefire truce conflict war incident attack shelling "
    "death victim condolence apology investigation call phone conversation visit trip year month day date time "
    "week quarter century decade percent percentage share billion million thousand dollar ruble euro manat ton "
    "kilometer length volume amount number figure statistic record growth increase decline region city capital "
    "village territory border area sphere field project program plan initiative goal purpose task role status "
    "principle tradition friendship respect stability peace integrity sovereignty neighborliness center "
    "sideline round format mechanism commission committee body agency service head representative delegation "
    "embassy ambassador consulate diplomat diplomacy source information report statement official spokesman "
    "kremlin parliament election part member observer participant guest host destination post unit item "
    "issue step market dealer kit supplier producer distributor carrier entry quota section holiday budget "
    "disarmament formation aggression dissolution authority observation initiative rank money structure "
    "technology innovation agriculture service spare readiness creation strike fire shell name surname title "
    "end result outcome cost price sum worth value expense event history list timeline chronology overview "
    "detail summary background question answer bot friend colleague guy folk life mood renewal proposal approval "
    "arrival removal survival referral rental trial denial dismissal disposal festival potential terminal signal "
    "total material journal hospital animal criminal rival individual principal manual arsenal tribunal portal "
    "canal medal scandal mineral general admiral memorial editorial chemical interval ritual republic topic "
    "clinic music logic traffic critic rhetoric panic epidemic pandemic fabric group period policy level way "
    "decision development construction participation leadership federation union commonwealth contact"
)
_ADJECTIVES = _words(
    "important strategic bilateral trilateral multilateral mutual economic political military diplomatic "
    "cultural humanitarian international regional national federal foreign domestic russian azerbaijani azeri "
    "armenian turkish iranian georgian kazakh uzbek eurasian caspian european asian american chinese soviet "
    "joint key main major recent informal official annual yearly monthly daily free secondary special technical "
    "agricultural industrial financial commercial electronic promising substantial direct effective active "
    "successful popular thorough territorial other same whole full entire next following current future past "
    "present available possible necessary responsible separate general supreme intergovernmental interregional "
    "rapid expensive difficult real actual several many much few little more most least interesting curious "
    "grateful exact correct good bad far israeli iraqi pakistani saudi emirati independent different "
    "significant efficient sufficient consistent permanent relevant urgent particular similar regular primary "
    "temporary voluntary ordinary extraordinary preliminary unilateral specific certain concrete social western "
    "eastern northern southern islamic automotive"
) | _COMPARABLE
_NUMERALS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_NUMBER_NOUNS = _words("hundred thousand million billion trillion dozen")
_ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth thirtieth "
    "hundredth thousandth"
)
_LY_NOT_ADVERB = _words(
    "italy family supply apply reply rally ally fly july assembly anomaly monopoly bully belly jelly holy ugly "
    "early daily weekly monthly yearly likely friendly elderly costly deadly lonely lovely only"
)

# ---- spelling: British and American forms meet ------------------------------------------------------

_SPELLING: dict[str, str] = {
    "programme": "program", "dialog": "dialogue",
    "catalogue": "catalog", "analogue": "analog", "grey": "gray", "judgement": "judgment",
    "ageing": "aging", "fulfil": "fulfill", "fulfilment": "fulfillment", "enrol": "enroll",
    "enrolment": "enrollment", "instil": "instill", "distil": "distill", "instalment": "installment",
    "skilful": "skillful", "wilful": "willful", "manoeuvre": "maneuver",
    "mould": "mold", "sceptic": "skeptic", "sceptical": "skeptical", "aluminium": "aluminum",
    "rouble": "ruble", "tonne": "ton", "practise": "practice",
    "analyse": "analyze", "paralyse": "paralyze", "catalyse": "catalyze", "traveller": "traveler",
    "counsellor": "counselor", "jewellery": "jewelry", "cheque": "check",
}
_OUR = re.compile(
    r"(neighb|lab|hon|fav|col|behavi|harb|arm|rum|endeav|hum|vig|rig|sav|flav|od|tum|vap|val|clam|cand|splend"
    r"|parl)our"
)
_RE = re.compile(r"(cent|met|kilomet|millimet|centimet|lit|theat|fib|calib|sab|spect|lust|somb|meag)re(s|d)?$")
_ENCE = re.compile(r"(def|off|lic|pret)ence(s)?$")
_YSE = re.compile(r"(anal|paral|catal|dial)ys(e|ed|es|ing)$")
_ISE = re.compile(
    r"(organ|recogn|real|normal|modern|stabil|priorit|final|author|mobil|critic|emphas|util|character|special"
    r"|capital|central|civil|colon|digit|global|harmon|industrial|legal|liberal|maxim|minim|optim|privat"
    r"|standard|subsid|summar|symbol|synchron|apolog|categor|custom|memor|neutral|visual|militar|national"
    r"|rational|sympath|theor|urban|jeopard|hospital|familiar|popular|energ|item|agon|fertil|immun|equal"
    r"|penal|scrutin|terror|western|patron|public|epitom|computer|monopol|polar|local|formal|vital|ideal"
    r"|sanit|steril|random|sensit|moral|commercial|revolution|decentral)is(e|ed|es|ing|ation|ations|er|ers)$"
)


def _spell(word: str) -> str:
    """The American spelling of a British one (either way works: both sides pass through here)."""
    if word in _SPELLING:
        return _SPELLING[word]
    if "our" in word:
        word = _OUR.sub(r"\1or", word)
    if word.endswith(("re", "res", "red")):
        word = _RE.sub(r"\1er\2", word)
    if "ence" in word:
        word = _ENCE.sub(r"\1ense\2", word)
    if "ys" in word:
        word = _YSE.sub(r"\1yz\2", word)
    if "is" in word:
        word = _ISE.sub(r"\1iz\2", word)
    return word


# ---- synonyms -------------------------------------------------------------------------------------

def _phrasal(verb_forms: str, particle: str, meaning: str) -> tuple[tuple[str, str], ...]:
    return tuple((f"{form} {particle}", meaning) for form in verb_forms.split())


# Multiword verbs, in every form, said in the one word the base's texts use: «pulled out of» is «withdrew».
PHRASAL_VERBS: tuple[tuple[str, str], ...] = (
    *_phrasal("set sets setting", "up", "establish"),
    *_phrasal("pull pulls pulled pulling", "out", "withdraw"),
    *_phrasal("take takes took taken taking", "part", "participate"),
    *_phrasal("get gets got gotten getting", "together", "meet"),
    *_phrasal("put puts putting", "together", "assemble"),
    *_phrasal("carry carries carried carrying", "out", "conduct"),
    *_phrasal("step steps stepped stepping", "down", "resign"),
    *_phrasal("sign signs signed signing", "off", "approve"),
    *_phrasal("ramp ramps ramped ramping", "up", "increase"),
    *_phrasal("go goes went gone going", "up", "increase"),
    *_phrasal("go goes went gone going", "down", "decrease"),
    *_phrasal("say says said saying", "sorry", "apologize"),
    *_phrasal("put puts putting", "into", "invest in"),
    *_phrasal("pour pours poured pouring", "into", "invest in"),
    *_phrasal("sit sits sat sitting", "down", "meet"),
    # "the agreement dates from 2003": a verb of when it was made, not "date" asked
    *_phrasal("date dates dated dating", "from", "from"),
    *_phrasal("date dates dated dating", "back to", "from"),
    # adverbial phrases said in one word: "in-person meetings", "met face to face" are personal ones
    ("in person", "personally"), ("face to face", "personally"),
    ("two way", "bilateral"), ("two sided", "bilateral"),  # "a two-way deal" is a bilateral one
    # "three rounds of talks with Paris": talks, counted as they are
    ("rounds of", ""), ("round of", ""),
)

# Lemmas merged into one term, as lexicon.SYNONYM_GROUPS does for Russian. The first word names the group.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("meeting", "meet", "talk", "negotiation", "negotiate", "discuss", "discussion", "encounter"),
    ("initiative", "initiator", "idea"),  # whose initiative: an idea, an initiator, "who proposed it first"
    ("visit", "trip", "travel", "tour", "journey"),
    ("trade", "turnover", "commerce"),  # trade turnover = trade volume = bilateral trade: all say «trade»
    # saying something: "what did X say" is answered by what X stated or stressed, not by a meeting X was at
    ("state", "say", "declare", "stress", "emphasize", "statement"),
    ("investment", "invest", "investor"),
    ("cooperation", "cooperate", "collaboration", "collaborate"),
    ("university", "college", "institute"),
    ("student", "pupil"),
    ("education", "study", "educate", "teach", "teaching", "tuition", "enroll", "enrol", "lecture"),
    ("tourist", "tourism", "traveler", "holidaymaker", "vacationer"),
    ("company", "firm", "enterprise", "business"),
    ("energy", "oil", "gas", "petroleum"),  # an oil or gas company is an energy company
    ("plant", "factory", "production", "manufacturing"),
    ("call", "phone", "telephone", "conversation"),
    ("signing", "sign", "conclude", "ink"),
    ("opening", "open", "launch", "inauguration", "inaugurate"),
    ("growth", "grow", "increase", "rise", "surge", "expand", "expansion"),
    ("decline", "fall", "drop", "decrease", "shrink", "slump"),
    ("supply", "delivery", "deliver", "sell", "sale", "shipment"),
    ("basis", "foundation", "underlie", "underpin"),
    ("length", "long"),
    ("include", "envisage", "comprise", "cover", "involve", "contain", "foresee"),
    ("begin", "initiate", "unleash", "commence"),
    ("provide", "allocate", "give"),
    ("transport", "transportation", "transit", "freight", "haulage", "carriage", "shipping", "cargo"),
    ("assessment", "assess", "evaluate", "evaluation", "characterize", "reaction", "react", "describe"),
    ("region", "province", "oblast", "constituent"),  # «субъекты РФ»: "constituent entities"
    ("share", "percent", "percentage", "proportion"),
    ("purpose", "reason", "goal", "aim", "objective", "task"),
    ("popular", "popularity", "favorite"),
    ("agreement", "deal", "accord", "treaty", "agree", "arrangement", "pact"),
    ("relation", "relationship", "tie"),
    ("diplomacy", "diplomatic", "diplomat"),
    ("president", "leader"),
)


def synonym_map() -> dict[str, str]:
    """Each English synonym lemma mapped to its group's first word."""
    return group_map(SYNONYM_GROUPS)


_SYNONYMS = synonym_map()

# ---- the lemmatiser -------------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")
_CONSONANT_DOUBLES = frozenset("bdgmnprtvz")
_E_ENDINGS = frozenset(  # a single vowel and consonant before -ed/-ing: a silent «e» was dropped (traded)
    ["at", "ut", "ot", "ad", "id", "od", "ud", "ed", "ar", "ir", "ur", "in", "un", "an", "am", "im", "um", "em",
     "om", "ab", "ib", "ob", "ub", "ak", "ik", "ok", "uk", "ek", "il", "ul", "ol", "ap", "ip", "op", "up", "yp",
     "yl"]
)
_MAX_WORD = 64  # longer tokens are no English word: left as they are


@dataclass(frozen=True, slots=True)
class _Guess:
    forms: tuple[str, ...]
    pos: str
    plural: bool = False
    ruled: bool = False  # a suffix rule, not a table, gave the lemma
    sure: bool = True  # ... and it has no doubt about it
    table: bool = False  # a table of this module knows the word
    tense: str = ""


@functools.lru_cache(maxsize=200_000)
def analyse_en(word: str) -> WordInfo:
    """Lemmas and part of speech of a lowercase English word, as ``morphology.analyse`` gives them."""
    if not isinstance(word, str) or not word:
        return _info("", ("",), ("",), "", known=False)
    first = word[0]
    if "а" <= first.lower() <= "я" or first.lower() == "ё":
        russian = analyse(word.lower())  # a Cyrillic name inside an English question: Russian rules
        return russian if russian.word == word else dataclasses.replace(russian, word=word)
    if first.isdigit():
        return _info(word, (word,), (word,), "NUMB", known=True)
    lower = word.lower().replace("’", "'")
    case = ""
    if lower.endswith(("'s", "s'")) and lower not in _CONTRACTIONS:
        lower = lower[:-2] if lower.endswith("'s") else lower[:-1]
        case = "gent"  # «Baku's position»: a possessive, as a Russian genitive
    if lower in _CONTRACTIONS:
        lemma = _CONTRACTIONS[lower]
        pos = _FUNCTION.get(lemma, (lemma, "VERB"))[1]
        return _info(word, (lemma,), (lemma,), pos, known=True, function=True, case=case, tense=_TENSES.get(lower, ""))
    if not lower.isalpha() or len(lower) > _MAX_WORD:
        return _info(word, (lower or word,), (lower or word,), "", known=False, case=case)
    guess = _guess(lower)
    forms = tuple(dict.fromkeys(_SPELLING.get(f, f) for f in guess.forms))
    known = guess.table or guess.ruled or any(_is_known(f) for f in forms)
    if not guess.sure and not any(_is_known(f) for f in forms) and lower not in forms:
        forms = (*forms, lower)  # an unsure guess («davos» → «davo»): let the surface form meet itself
    lemmas = tuple(dict.fromkeys(_SYNONYMS.get(f, f) for f in forms))
    function = lower in _FUNCTION or guess.pos in ("PREP", "CONJ", "PRCL", "NPRO", "INTJ")
    tense = _TENSES.get(lower) or guess.tense
    return _info(word, lemmas, forms, guess.pos, known=known, function=function, plural=guess.plural, case=case,
                 tense=tense)


# the world's countries by their one-word English names (countries_en.txt, general English): a country is a
# name even typed in lowercase («russia georgia trade»), so one the base does not know is no word to match loosely
_COUNTRIES = frozenset(
    line.strip() for line in (Path(__file__).with_name("countries_en.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#"))



def _info(word: str, lemmas: tuple[str, ...], forms: tuple[str, ...], pos: str, *, known: bool,
          function: bool = False, plural: bool = False, case: str = "", tense: str = "") -> WordInfo:
    # proper only for a country: English writes other names with a capital, which only the caller still sees
    return WordInfo(word=word, lemmas=lemmas, forms=forms, pos=pos, known=known, proper=word.lower() in _COUNTRIES,
                    function=function, plural=plural, case=case, tense=tense)


def _is_known(lemma: str) -> bool:
    return lemma in _VOCABULARY


def _guess(word: str, *, spelled: bool = False) -> _Guess:
    """Candidate lemmas of a lowercase alphabetic word, before synonyms."""
    if word in _FUNCTION:
        lemma, pos = _FUNCTION[word]
        return _Guess((lemma,), pos, table=True)
    if word in _IRREGULAR:
        lemmas, pos, plural = _IRREGULAR[word]
        return _Guess(lemmas, pos, plural, table=True)
    if word in _KEEP:
        return _Guess((word,), _KEEP[word], table=True)
    if not spelled:
        american = _spell(word)
        if american != word:  # a British spelling is a known pattern whatever the word
            return dataclasses.replace(_guess(american, spelled=True), table=True)
    if word in _ING_NOUNS:
        stripped = _strip_ing(word)
        return _Guess((word, stripped[0] if stripped else word), "NOUN", table=True)
    if word in _ED_ADJECTIVES:
        stripped = _strip_ed(word)
        return _Guess((word, stripped[0] if stripped else word), "ADJF", table=True)
    if word in _VOCABULARY or len(word) < 4:
        return _Guess((word,), _bare_pos(word), table=word in _VOCABULARY)
    if word.endswith("ing"):
        found = _strip_ing(word)
        if found:
            return _Guess((found[0],), "VERB", ruled=True, sure=found[1])
    elif word.endswith("ed"):
        found = _strip_ed(word)
        if found:
            return _Guess((found[0],), "VERB", ruled=True, sure=found[1], tense="past")
    elif word.endswith("s"):
        found = _strip_s(word)
        if found:
            verb = found[0] in _VERB_ONLY
            pos, tense = ("VERB", "pres") if verb else ("NOUN", "")
            return _Guess((found[0],), pos, plural=not verb, ruled=True, sure=found[1], tense=tense)
    elif word.endswith(("est", "er")):
        stem = _strip_comparison(word)
        if stem:  # «larger» compares, as pymorphy's COMP «больше»; «largest» is an adjective
            return _Guess((stem,), "ADJF" if word.endswith("est") else "COMP", table=True)
    return _Guess((word,), _bare_pos(word))


def _bare_pos(word: str) -> str:
    """Part of speech of an uninflected word: from the tables, else from its ending."""
    if word in _NUMERALS:
        return "NUMR"
    if word in _ORDINALS or word in _ADJECTIVES:
        return "ADJF"
    if word in _VERB_ONLY:
        return "VERB"
    if word in _NOUNS or word in _NUMBER_NOUNS:
        return "NOUN"
    if word in _VERBS:
        return "VERB"
    if word.endswith("ly") and len(word) > 4 and word not in _LY_NOT_ADVERB:
        return "ADVB"
    if word.endswith(("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ist", "ance", "ence", "hood", "dom")):
        return "NOUN"
    if word.endswith(("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ian", "ese", "ish", "ern")):
        return "ADJF"
    if word.endswith(("ize", "ify", "ate")) and len(word) > 5:
        return "VERB"
    return "NOUN"


def _has_vowel(stem: str) -> bool:
    return any(c in "aeiouy" for c in stem)


def _strip_ing(word: str) -> tuple[str, bool] | None:
    """meeting → meet, making → make, planning → plan, dying → die; None when not a verb form.

    The flag says whether the rule is sure of its lemma (see ``_verb_stem``)."""
    stem = word[:-3]
    if len(stem) < 2 or not _has_vowel(stem):
        return None  # king, thing, bring, string
    if stem.endswith("y") and len(stem) == 2:
        return stem[0] + "ie", True  # vying
    return _verb_stem(stem, ing=True)


def _strip_ed(word: str) -> tuple[str, bool] | None:
    """signed → sign, agreed → agree, produced → produce, stopped → stop, studied → study."""
    if word.endswith("eed"):
        return (word[:-1], True) if word[:-1] in _EE_VERBS else None  # need, exceed, speed are no past forms
    if word.endswith("ied"):
        return (word[:-1] if len(word) <= 4 else word[:-3] + "y"), True  # tied → tie, studied → study
    stem = word[:-2]
    if len(stem) < 2 or not _has_vowel(stem):
        return None  # red, bed, shed
    return _verb_stem(stem, ing=False)


def _verb_stem(stem: str, *, ing: bool) -> tuple[str, bool]:
    """The base verb of a stem left by -ed or -ing: undo a doubled consonant, restore a silent «e».

    Also whether that is sure: a single vowel and consonant (hoped or developed?) or an «s» or «ng»
    before the ending (caused or focused?) leave a real doubt, which the tables settle for common verbs."""
    last = stem[-1]
    if len(stem) >= 3 and last == stem[-2] and last not in _VOWELS:
        if stem in _DOUBLE_KEEP:
            return stem, True
        if last == "l":
            return (stem[:-1] if stem[:-1] in _L_DOUBLE else stem), True  # travelled → travel, called → call
        return (stem[:-1] if last in _CONSONANT_DOUBLES else stem), True  # planned → plan, passed → pass
    if stem in _NO_E:
        return stem, True
    if stem in _WITH_E:
        return stem + "e", True
    if last in _VOWELS:
        return (stem + "e" if last == "u" else stem), True  # continued → continue, vetoed → veto, agreeing → agree
    if last in "cv" or (last == "l" and stem[-2] in "bcdfgkptz"):
        return stem + "e", True  # produced, moved, assembled, settled
    if last == "z":
        return (stem if stem[-2] in "tz" else stem + "e"), True  # organized, seized; waltzed
    if last == "s":
        return (stem if stem in _S_NO_E or stem.endswith("ss") else stem + "e"), False  # increased; focused
    if last == "g":
        if not stem.endswith("ng"):
            return stem + "e", True  # managed, merged
        if stem in _NG_NO_E or stem[-3] in "o" or (stem[-3] == "i" and (ing or stem not in _ING_E)):
            return stem, False  # belonged, bringing
        return stem + "e", False  # changed, challenged, plunging
    if last in "wxy":
        return stem, True
    ending = stem[-2:]
    before = stem[-3] if len(stem) >= 3 else ""
    if ending[0] in "aeiouy" and (before not in _VOWELS or stem[-4:-2] == "qu"):
        return (stem + "e" if ending in _E_ENDINGS else stem), False  # traded, voted; opened, offered, visited
    if stem.endswith(("iat", "uat")):
        return stem + "e", True  # negotiated, evaluated
    return stem, True  # signed, helped, treated, explained


def _strip_s(word: str) -> tuple[str, bool] | None:
    """meetings → meeting, countries → country, buses → bus, churches → church; None when no plural.

    Also whether that is sure: «-es» may be an ending or an «e» and an «s» (taxes, states)."""
    if word.endswith("is"):
        return (word[:-1], True) if word[:-1] in _VOCABULARY else None  # azerbaijanis; analysis, axis, this
    if word.endswith(("ss", "us")) or word in _AS_KEEP or word in _OS_KEEP:
        return None
    if word.endswith("ics"):
        return word[:-1], True  # topics → topic; politics, physics are kept as they are
    if word.endswith("ies"):
        if len(word) <= 4:
            return word[:-1], True  # ties → tie
        return (word[:-1] if word[:-1] in _IES_IE else word[:-3] + "y"), True
    if word.endswith("es"):
        base = word[:-2]
        if word.endswith(("sses", "shes", "xes", "zzes", "tzes")):
            return base, True
        if word.endswith("ches"):
            return (word[:-1] if word[:-1] in _CHE else base), True
        if word.endswith("oes"):
            return (base if base in _OES else word[:-1]), False
        if word.endswith(("uses", "ases")) and base in _S_NO_E:
            return base, True  # buses, gases, biases
        return word[:-1], False  # states, increases, sites
    if word.endswith(("as", "os")):
        return word[:-1], False  # ideas, areas, photos
    return word[:-1], True


def _strip_comparison(word: str) -> str | None:
    """largest → large, biggest → big, easier → easy; only for adjectives that compare."""
    stem = word[:-3] if word.endswith("est") else word[:-2]
    if len(stem) < 2:
        return None
    candidates = [stem, stem + "e"]
    if stem.endswith("i"):
        candidates.append(stem[:-1] + "y")
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    return next((c for c in candidates if c in _COMPARABLE), None)


# ---- the English lexicon --------------------------------------------------------------------------


def _months() -> dict[str, int]:
    names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"]
    months = {name: number for number, name in enumerate(names, 1)}
    months.update({name[:3]: number for number, name in enumerate(names, 1)})
    months["sept"] = 9
    return months


_QUARTER_FIRST, _QUARTER_LAST, _MIDDLE = (1, 2, 3), (10, 11, 12), (5, 6, 7, 8)

# The forms of "be" before a participle: the passive ("Smith was received by Jones", "which firms are named").
BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been", "being"])


ENGLISH = Lexicon(
    fillers=_words(
        "hello hi hey please pls plz thanks thank tell know wonder want like need can could would may might right "
        "let me i my question answer bot guy folk friend colleague anyone anybody someone somebody interesting "
        "interest curious learn remind clarify explain well so ok okay anyway actually basically just also "
        "already still really exactly ever even there here this that these those such it be do have happen "
        "occur event action year time now today currently make hold exist necessary kindly maybe perhaps probably "
        "morning afternoon evening bilateral mutual relate related concern concerning regard regarding connect "
        "personally together"
    ),
    filler_phrases=(
        "tell me", "please tell me", "can you tell me", "could you tell me", "do you know", "does anyone know",
        "anyone know", "could you", "can you", "would you", "i wonder", "i would like to know", "i d like to know",
        "let me know", "find out", "any idea", "by the way", "take place", "took place", "takes place",
        "taken place", "taking place",
    ),
    request_forms=frozenset(["name", "give", "show"]),  # first in a request: "name the firms …", "give me …"
    question_words={
        "when": "date", "where": "place", "whence": "place", "who": "person", "whom": "person",
        "whose": "person", "what": "what", "which": "what", "why": "reason", "how": "how",
    },
    question_pairs={"how": {"many": "figure", "much": "figure", "long": "figure", "often": "count"}},
    list_words=_words("all list every enumerate chronology history timeline"),
    year_parts={"end": _QUARTER_LAST, "late": _QUARTER_LAST, "beginning": _QUARTER_FIRST,
                "early": _QUARTER_FIRST, "middle": _MIDDLE, "mid": _MIDDLE},
    figure_words=_words("figure number statistics statistic data volume amount quantity indicator many much few"),
    count_words=_words("time"),
    money_words=_words("cost price money sum worth value spend pay expense"),
    money_units=_words("dollar ruble euro manat"),
    quantity_words=_words(
        "several hundred dozen thousand many about around approximately roughly nearly almost over more numerous"
    ),
    second_person=_words("you your yours yourself yourselves u ya ur"),
    overview_words=_words("know tell overview detail summary summarize background"),
    relation_nouns=_words("cooperation relation partnership work"),
    capital_words=_words("capital"),
    latest_words=_words("latest last recent recently new fresh"),
    earliest_words=_words("first earliest"),
    comparison_words=_words("second except besides apart predecessor successor comparatively"),
    relative_prepositions=_words("before after"),
    place_prepositions=_words("in at into to"),
    place_frames=frozenset([("the", "territory"), ("on", "territory"), ("russian", "soil")]),
    outcome_words=_words("outcome result finish complete conclude agree decide sign resolve culminate"),
    results_of={},  # "for 2023" says it without an outcome word
    number_of=frozenset(),  # "number" is a figure word (its counted noun is not read: "number of businesses")
    before_year=frozenset(["before"]),
    outcome_verbs=_words("end"),
    day_words=_words("day date"),
    name_words=_words("name surname title"),
    meta_words=_words("year month date day"),
    place_words=_words("city place country town location venue"),
    facility_words=_words("plant center metro port"),
    kind_words={"document": ("document",), "project": ("project",), "organisation": ("organization",),
                "country": ("country",)},
    per_words=frozenset(["per", "a"]),
    done_words=frozenset(["already", "so far", "to date", "by now", "up to now"]),
    heading_verbs=frozenset(["head", "lead", "run", "chair"]),
    precise_words=frozenset(["exactly", "specifically", "precisely"]),
    copulas=frozenset(["be"]),
    group_ranks=frozenset(["top"]),
    one_of=frozenset([("one", "of")]),
    opposites=(("growth", "decline"), *((begin, end) for begin in ("begin", "start")
                                        for end in ("end", "complete", "finish"))),
    superlative_words=_words("most best worst largest biggest highest greatest strongest record"),
    months=_months(),
    ambiguous_months=_words("may mar"),
    seasons={"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11)},
    intensifiers=_words("very much so lot big huge great really again indeed all many you"),
    greetings=_words("hello hi hey hiya howdy greeting good yo"),
    thanks=_words("thanks thank thx ty appreciate grateful cheers"),
    farewells=_words("bye goodbye farewell ciao"),
    smalltalk=_words("bot you yourself life mood human robot"),
    rewrites={
        "fm": "foreign minister", "fms": "foreign ministers", "pm": "prime minister", "premier": "prime minister",
        "mfa": "foreign ministry", "bn": "billion", "bln": "billion", "mln": "million", "mn": "million",
        "usd": "dollar", "rub": "ruble", "azn": "manat", "eur": "euro", "govt": "government",
        "gov": "government", "intl": "international",
        "pres": "president", "prez": "president", "info": "information", "wanna": "want to",
        "gonna": "going to", "gimme": "give me", "wat": "what", "wot": "what", "wen": "when", "whn": "when",
        "wher": "where", "abt": "about", "whats": "what is", "whens": "when is", "wheres": "where is",
        "whos": "who is", "hows": "how is", "thats": "that is",
    },
    synonym_groups=SYNONYM_GROUPS,
    phrase_rewrites=PHRASAL_VERBS,
    separable_particles=_words("up out down off together"),
    topic_prepositions=_words("about"),
    follow_up_starts=_words("and also so well too then"),
    follow_up_phrases=("what about", "how about", "and what about", "and how about"),
    back_references=_words("it this that these those then there he she they him her them his its their"),
    detail_words=_words("more detail elaborate quote verbatim precisely exactly further"),
    source_words=_words("source link proof reference citation"),
    empty_verbs=_words("participate be happen occur attend hold take exist locate"),
    trend_words=_words("change trend dynamics evolution evolve tendency compare comparison"),
    event_nouns=_words("meeting visit summit contact call time"),
    cardinal_words={"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                    "ten": 10},
    ordinal_numbers={"penultimate": -2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                     "eighth": 8, "ninth": 9, "tenth": 10},
    superlative_prefix=_words("most"),
    large_words=_words("large big high significant strong fast great major"),
    small_words=_words("small little low weak slow minor"),
    largest_forms=_words("largest biggest highest greatest strongest fastest maximum max"),
    smallest_forms=_words("smallest lowest least weakest slowest minimum min fewest"),
    frequent_words=_words("often frequently"),
    which_words=_words("which what"),
    occasion_nouns=_words("event occasion area sector field sphere"),
    topic_nouns=_words("topic issue"),
    duration_verbs=_words("last"),
    content_verbs=_words("discuss discussion say"),
    said_forms=_words("say state declare stress emphasize statement discuss promise describe call express apology "
                      "answer reply issue agree agreement sign"),
    light_verbs=_words("conduct carry do make have"),
    organisation_nouns=_words("company maker manufacturer producer organization corporation holding operator "
                              "distributor supplier"),  # lemmas: «firm» and «enterprise» read as «company»
    span_openers=_words("from between"),
    span_closers=_words("to till until through and"),
    by_period=(("by", "year"), ("by", "years"), ("per", "year"), ("the", "years")),
    yes_no_words=_words("did has have had was were"),
    negations=_words("not"),
    growth_words=_words("growth decline"),  # «increase», «rise» merge into «growth»; «fall», «drop» into «decline»
    month_words=_words("month"),
    generic_counted=_words("people person number amount"),
    visit_verbs=_words("visit"),
    becoming_verbs=_words("become appoint elect"),
    upcoming_words=_words("next upcoming forthcoming"),
    mention_verbs=_words("mention name list cite record feature"),
    status_nouns=_words("status"),
    day_of_words=_words("day"),
    official_nouns=_words("official leadership politician"),
    except_phrases=frozenset(["not counting", "apart from", "other than", "leaving out", "leaving aside"]),
    planned_words=_words("plan schedule announce future"),
    venue_words=_words("place location venue"),
    outside_words=frozenset(["outside", "abroad"]),
    except_words=frozenset(["except", "besides", "excluding"]),
    else_words=frozenset(["else"]),
    number_modifiers=frozenset(["only", "just", "mere", "total"]),
    origin_prepositions=frozenset(["from"]),
    behalf_prepositions=frozenset(["for"]),
    market_nouns=_words("market"),
    size_words=_words("size"),
    source_prepositions=frozenset(["to"]),
    talk_nouns=_words("talk meeting conversation"),
    count_fillers=frozenset(["in", "a", "row", "ever", "total", "all"]),
    both_sides=frozenset((first, second) for first in ("both", "two") for second in ("countries", "sides", "states")),
    role_names={("leader",): "president", ("head", "state"): "president", ("head", "government"): "prime",
                ("premier",): "prime"},
    year_fractions={"half": 6, "quarter": 3},
    fraction_ordinals={"first": 1, "second": 2, "third": 3, "fourth": 4},
    event_relatives={"before": "before", "after": "after", "prior": "before", "preceding": "before"},
    code="en",
)


_SURFACE_FIELDS = frozenset(["rewrites", "phrase_rewrites", "request_forms", "topic_prepositions", "question_pairs",
                             "place_prepositions", "place_frames",
                             "follow_up_starts",
                             "back_references", "largest_forms", "smallest_forms", "yes_no_words", "by_period",
                             "span_openers", "span_closers", "negations", "which_words", "outside_words",
                             "count_fillers", "event_relatives", "kind_words", "per_words", "done_words",
                             "precise_words", "superlative_words", "group_ranks", "opposites",
                             "both_sides", "one_of",
                             "indefinite_particles", "role_names", "results_of", "number_of", "before_year",
                             "except_words", "else_words", "source_prepositions", "number_modifiers",
                             "origin_prepositions", "except_phrases",
                             "behalf_prepositions"])


def _lexicon_words(lexicon: Lexicon) -> Iterable[str]:
    """The single words of a lexicon's lemma lists (not its surface rewrites and phrases)."""
    for item in fields(lexicon):
        value = getattr(lexicon, item.name)
        if item.name in _SURFACE_FIELDS:
            continue
        if isinstance(value, frozenset | Mapping):
            yield from value


_VOCABULARY = (
    _VERBS | _NOUNS | _ADJECTIVES | _NUMERALS | _NUMBER_NOUNS | _ORDINALS | frozenset(_SYNONYMS)
    | frozenset(_SPELLING.values()) | _ING_NOUNS | _ED_ADJECTIVES | frozenset(_lexicon_words(ENGLISH))
)
