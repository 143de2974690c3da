"""Curated lexicons for attribution: reporting cues with their class, the words that give a
source its type, and the small closed sets the attribution rules test against.

Everything here is plain data (dicts, frozensets, tuples of words) so other stages can read
it without importing spaCy. Keys are lower-case lemmas as spaCy's English lemmatizer gives
them; a cue that is not a verb is written as it is matched ("according to", "citing").
"""

from __future__ import annotations

# The class of each reporting cue: reported, claimed, confirmed, estimated or denied. The
# class of one attribution can differ from its cue's default (a "call ... a hoax" is denied,
# "put ... at" is estimated), so AttributionMention.cue_class is the authority for a mention.
_REPORTED = """
say tell report state announce add note explain write show reveal disclose warn mention recall
declare comment remark observe indicate suggest stress emphasize emphasise highlight tweet post
testify inform signal hint respond reply answer ask continue speak talk cite quote find conclude
record detail agree echo repeat reiterate learn describe characterize characterise promise
pledge vow propose call predict caution brief publicize publicise point brand label term
imply assure remind
"""
_CLAIMED = """
claim allege insist contend maintain assert argue charge believe think feel suspect fear worry
hope doubt know understand guess suppose speculate theorize theorise
"""
_CONFIRMED = "confirm verify acknowledge admit concede corroborate affirm certify reaffirm"
_ESTIMATED = "estimate calculate project reckon forecast gauge assess expect put anticipate"
_DENIED = "deny reject dismiss refute rebut dispute contest contradict disavow brush discount"


CUE_CLASSES: dict[str, str] = {
    word: cue_class
    for cue_class, words in (("reported", _REPORTED), ("claimed", _CLAIMED),
                             ("confirmed", _CONFIRMED), ("estimated", _ESTIMATED),
                             ("denied", _DENIED))
    for word in words.split()
} | {"according to": "reported", "citing": "reported"}  # cues that are not a verb's lemma

# Forms en_core_web_sm lemmatises to another verb ("hoping" -> "hop"), with the cue they are.
MISLEMMATISED = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}

# Verbs that attribute a stance, an intention or a judgement rather than a statement ("wants
# to", "criticised", "backed"). Their relation names the source, but only a clause they govern
# ("complained that ...") is content: "plans to hire 400" is an intention, not a claim, and
# "criticised the $4 billion plan" does not make the plan theirs. Their class is "claimed".
STANCE_VERBS = frozenset("""
accuse blame criticize criticise condemn denounce blast slam praise defend question complain
urge demand threaten want plan intend refuse support oppose endorse hail welcome applaud tout
mock ridicule deride compare liken discuss reference refer lament recount express implore
plead decry lambast chide scold rebuke assail fault advocate promote invoke rail brag boast joke
wonder assume recognize recognise admire despise chant shout yell prefer portray deem
recommend apologize apologise thank consider view seek back favor favour challenge attack
ignore focus offer share list press encourage remember congratulate protest
""".split())

# Cues said to someone, whose passive participle names the one addressed, not the speaker
# ("Asked about the deal, Lind said ...": Lind did not ask).
ADDRESSING_VERBS = frozenset("ask question press tell urge challenge".split())

# Cues whose direct object can be the attributed content: "confirmed 31 deaths", "estimates
# the damage at $780 million", "denied reports that ...", "polls show Clinton ahead". Other
# verbs' objects are not claims of their subject ("cannot claim the $500 payment").
OBJECT_CUES = frozenset("""
confirm verify acknowledge admit concede deny reject dismiss refute rebut dispute contest
estimate calculate project forecast put report announce record reveal disclose predict cite
quote detail show brush contradict disavow discount
""".split())

# Cues that report only when they govern a clause or a quote, never through an object or on
# their own ("know the area", "feel tired", "hope for rain", "find the car").
CLAUSE_ONLY_CUES = frozenset("""
know feel understand find hope think believe suspect fear worry doubt guess suppose expect
learn show speak talk point add continue answer post record
""".split())

# Heads of a speaker label before a colon that are not names ("Poll: ...", "Officials: ...").
LABEL_HEADS = frozenset("poll survey study report official officials police".split())
# Words of a label before a colon that introduce no one's words.
NOT_SPEAKERS = frozenset("""
note warning clarification correction update editor source sources photo photos video watch
related exclusive breaking analysis opinion transcript read listen live editorial disclosure
question answer q a name age
""".split())

# Nouns that carry a statement for their owner ("Trump's claim that ...", "the ministry's
# statement"), with the class of the statement.
SPEECH_NOUNS = {
    "claim": "claimed", "allegation": "claimed", "assertion": "claimed", "accusation": "claimed",
    "argument": "claimed", "belief": "claimed", "view": "claimed", "complaint": "claimed",
    "insistence": "claimed", "statement": "reported", "comment": "reported", "remark": "reported",
    "announcement": "reported", "warning": "reported", "promise": "reported", "pledge": "reported",
    "testimony": "reported", "suggestion": "reported", "denial": "denied", "rejection": "denied",
    "confirmation": "confirmed", "admission": "confirmed", "prediction": "estimated",
}

# "call X a hoax", "described the report as a forgery": a naming verb turns into a denial when
# its complement says the thing is false.
NAMING_CUES = frozenset("call describe brand label term dismiss characterize characterise".split())
DENIAL_WORDS = frozenset("""
hoax fabrication fabricated forgery forged fake false untrue lie lies baseless groundless
unfounded nonsense propaganda disinformation misinformation misleading inaccurate fiction
fictitious exaggerated exaggeration rumour rumor slander smear provocation absurd ridiculous
""".split())

# Nouns that hold figures or findings for someone: "the ministry's figures show", "figures from
# the NCPD", "a study by Harvard found", "by the directorate's estimate".
DOCUMENT_NOUNS = frozenset("""
figure number statistic data estimate count tally toll report study survey poll analysis
assessment document record census calculation projection forecast research review audit
statement memo note paper briefing account reckoning finding
""".split())
# Those that make an estimate rather than a report.
ESTIMATE_NOUNS = frozenset("estimate count tally calculation projection forecast reckoning".split())

# Phrases that introduce an intermediary that translated the source's words.
TRANSLATION_WORDS = frozenset("translate translation interpreter interpret interpretation".split())

# Plural nouns for people that can hold a stance ("critics say", "voters want").
GROUP_NOUNS = frozenset("""
people voters critics supporters opponents protesters demonstrators citizens residents members
leaders lawmakers legislators democrats republicans conservatives liberals activists advocates
parents families workers analysts experts officials observers economists scientists
""".split())

# Words for a share of a group of people, which can speak for it ("55 percent said", "a
# majority support", "most say").
SHARE_WORDS = frozenset("""
percent % majority majorities minority plurality half third thirds quarter quarters most many
few several
""".split())

# Nouns for people that are no role ("the man shouted", "the crowd chanted").
HUMAN_NOUNS = frozenset("""
man woman guy boy girl person individual mother father son daughter wife husband crowd
audience public electorate
""".split())

# Recipients of "told" that are an audience, not an intermediary ("told reporters").
AUDIENCE_WORDS = frozenset("""
reporter journalist press media conference briefing audience crowd supporter lawmaker
parliament congress senate assembly committee hearing meeting rally gathering crowd voter
""".split())

# Nouns that make a described body a news organisation ("state television VTV").
MEDIA_WORDS = frozenset("""
television tv radio broadcaster broadcasting newspaper paper daily weekly magazine channel news
wire outlet website station programme program podcast tabloid broadsheet newswire
""".split())
# Words in the names of news organisations ("the Kelmar Herald", "Veldania Today").
MEDIA_NAME_WORDS = frozenset("""
times post herald journal telegraph guardian tribune gazette press courier today express mail
observer chronicle examiner news radio tv television broadcasting wire newsweek magazine ledger
mirror bulletin dispatch globe inquirer enquirer sentinel advertiser
""".split())
# Well-known news organisations whose names carry no media word.
MEDIA_NAMES = frozenset("""
cnn bbc npr ap afp reuters bloomberg nbc abc cbs msnbc fox politico axios vox xinhua tass ria
interfax yonhap kcna voa dw nhk kyodo anadolu efe ansa dpa pti itar-tass buzzfeed vice
al-jazeera aljazeera jazeera
""".split())

# Honorifics and titles dropped from a person's canonical name.
HONORIFICS = frozenset("""
mr mrs ms miss dr prof sir dame lord lady rev sen rep gov gen lt col maj capt sgt adm
president minister secretary mayor governor senator representative chancellor premier judge
justice general colonel major captain admiral commander chief ambassador king queen prince
princess pope sheikh
""".split())

# Head nouns of a description that stand for a person ("the spokeswoman said").
PERSON_ROLES = frozenset("""
spokeswoman spokesman spokesperson minister president mayor governor premier chancellor
secretary senator lawmaker official officer commander general analyst economist engineer
professor researcher scientist expert journalist reporter correspondent editor blogger
director chief head chairman chairwoman chair coordinator manager founder lawyer attorney
doctor witness resident survivor rescuer ambassador diplomat envoy adviser advisor aide
leader candidate nominee representative member agent investigator inspector prosecutor
judge activist campaigner organizer organiser worker farmer owner teacher student
""".split())
# Role heads that say too little about the person to type them ("senior intelligence
# official" is typed by its modifiers, "military expert" by its head).
GENERIC_ROLES = frozenset(
    "official officials officer source spokesman spokeswoman spokesperson".split())
# Person roles that speak for their organisation: the person's type is the organisation's.
VOICE_ROLES = frozenset("""
spokeswoman spokesman spokesperson coordinator director chief head chairman chairwoman chair
manager founder representative member officer aide adviser advisor lawyer attorney
""".split())
# Head nouns of a description that stand for an organisation ("the directorate said").
ORG_HEADS = frozenset("""
agency company firm group organisation organization operator body institution ministry
department directorate network charity bank utility office authority authorities service
government administration council commission committee court party campaign army military
police union association federation institute university foundation corporation
cooperative coalition alliance embassy regime cabinet parliament legislature newspaper
broadcaster channel
""".split())

# Heads that refer back to one organisation named earlier ("the agency", "the company"), as
# opposed to institutions that are sources by themselves ("the government", "the police").
REFERRING_HEADS = frozenset("""
agency company firm group organisation organization operator body institution network
charity utility ministry department directorate office bank union association federation
institute foundation corporation cooperative coalition alliance newspaper broadcaster
channel commission
""".split())

# Nouns whose owner is the source of the figure they hold ("the ministry's estimate of N",
# "raised its count to N").
FIGURE_NOUNS = frozenset("estimate count tally calculation projection forecast reckoning figure "
                         "number statistic data".split())

# Last words of company and organisation names that the entity tagger may take for people.
ORG_NAME_WORDS = frozenset("""
hydro energy power group inc corp corporation company co ltd llc plc holdings bank airlines
airways motors systems technologies partners capital media network foundation institute trust
industries electric utility utilities telecom pharmaceuticals resources authority agency
ministry department directorate council commission service office
""".split())

# Unnamed sources: head nouns that are anonymous by themselves, and words around a
# description that make it so ("who spoke on condition of anonymity").
ANONYMOUS_HEADS = frozenset("source sources insider insiders".split())
PEOPLE_NOUNS = frozenset("person people individual".split())
ANONYMOUS_MODIFIERS = frozenset("anonymous unnamed unidentified".split())
ANONYMOUS_PATTERN = (
    r"anonymity|anonymously|\bnot (?:authori[sz]ed|permitted|allowed|cleared) to\b|"
    r"declined to be (?:named|identified)|asked not to be (?:named|identified)|"
    r"\bfamiliar with\b|\bbriefed on\b|\bwith (?:direct )?knowledge of\b|\bclose to the\b"
)

# Pronouns and the kind of source each can refer to.
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
THING_PRONOUNS = frozenset("it its".split())
GROUP_PRONOUNS = frozenset("they them their".split())
SPEAKER_PRONOUNS = frozenset("i me my we us our".split())
RELATIVE_PRONOUNS = frozenset("who which that whom whose".split())

# Words whose gender a role or honorific gives away.
FEMININE_WORDS = frozenset("she her ms mrs miss spokeswoman chairwoman congresswoman dame lady "
                           "queen princess".split())
MASCULINE_WORDS = frozenset("he him his mr spokesman chairman congressman sir lord king "
                            "prince".split())

# Source types, tried in this order on the words describing a source; the first that
# matches wins, so "military officials" are military and "state television" is state media.
# Each entry is a regular expression over the lower-cased description.
SOURCE_TYPE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("state_media", r"\bstate[- ](?:run |owned |controlled )?(?:news|media|television|tv|"
                    r"radio|broadcaster|newspaper|press|agency|channel|outlet)"),
    ("intelligence", r"\bintelligence\b|\bspy\b|\bspies\b|\bcounterintelligence\b"),
    ("military", r"\barmy\b|\bmilitary\b|\bdefen[cs]e forces\b|\barmed forces\b|\bpentagon\b|"
                 r"(?<!attorney )(?<!secretary )(?<!inspector )(?<!surgeon )\bgeneral\b"
                 r"(?! manager| counsel| assembly| election| public)|\bcommanders?\b|\bnavy\b|"
                 r"\bair force\b|\bmarines?\b|\btroops\b|\bsoldiers?\b|\bjoint chiefs\b|\bnato\b"),
    ("journalist", r"\bjournalists?\b|\breporters?\b|\bcorrespondents?\b|\bbloggers?\b|"
                   r"\bcolumnists?\b|\beditors?\b|\bcommentators?\b|\bwriters?\b"),
    ("media", r"\bnews ?(?:papers?|agency|agencies|sites?|outlets?|organi[sz]ations?|"
              r"channels?|networks?|websites?)\b|\bnewspapers?\b|\bbroadcasters?\b|"
              r"\boutlets?\b|\btelevision\b|\btv\b|\bradio\b|\bmagazines?\b|\bmedia\b|"
              r"\bdaily\b|\btabloids?\b|\bwire service\b"),
    ("expert", r"\banalysts?\b|\beconomists?\b|\bengineers?\b|\bprofessors?\b|"
               r"\bresearchers?\b|\bscientists?\b|\bexperts?\b|\bacademics?\b|\bscholars?\b|"
               r"\bhistorians?\b|\buniversity\b|\bthink tank\b|\bstatisticians?\b|"
               r"\bepidemiologists?\b|\bphysicians?\b|\bdoctors?\b|\bstudy\b|\bstudies\b"),
    ("government", r"\bministr(?:y|ies)\b|\bministers?\b|\bgovernments?\b|\bpresidents?\b|"
                   r"\bprime minister\b|\bpremier\b|\bmayors?\b|\bgovernors?\b|"
                   r"\bcouncils?\b|\bdirectorate\b|\bdepartments?\b|\bofficials?\b|"
                   r"\bpolice\b|\bauthorit(?:y|ies)\b|\bcabinet\b|\bparliament\b|"
                   r"\bsenators?\b|\blawmakers?\b|\bcongress(?:man|woman)?\b|\bembass(?:y|ies)\b|"
                   r"\bambassadors?\b|\bdiplomats?\b|\bsecretary\b|\bchancellor\b|"
                   r"\badministration\b|\bwhite house\b|\bkremlin\b|\bstate department\b|"
                   r"\bagency\b|\bcommission\b|\bregulators?\b|\bprosecutors?\b|"
                   r"\bcivil protection\b|\bprovincial\b|\bfederal\b|\bmunicipal\b|"
                   r"\bstate (?:office|agency)\b|\bgov\b|\battorney general\b|\bbureau\b"),
    ("other", r"\bcompan(?:y|ies)\b|\bfirms?\b|\bcorporation\b|\binc\b|\bltd\b|\bgroup\b|"
              r"\bcharit(?:y|ies)\b|\bngos?\b|\bnetwork\b|\bresidents?\b|\bwitness(?:es)?\b|"
              r"\bsurvivors?\b|\bbank\b|\bunion\b|\bassociation\b|\bfoundation\b|"
              r"\boperator\b|\butility\b|\bchamber of commerce\b|\bcampaign\b|\bparty\b"),
)

# Forms of the verbs that name a speaker right after a closing quote, with their lemma.
QUOTE_TAIL_VERBS = {
    "said": "say", "says": "say", "told": "tell", "tells": "tell", "added": "add", "adds": "add",
    "explained": "explain", "explains": "explain", "wrote": "write", "writes": "write",
    "continued": "continue", "insisted": "insist", "noted": "note", "warned": "warn",
    "recalled": "recall", "declared": "declare", "stated": "state", "claimed": "claim",
    "asked": "ask", "argued": "argue", "replied": "reply", "remarked": "remark",
}

# Words of a title written before a name ("Prime Minister", "Interior Minister", "Deputy
# Mayor"), which are the person's role, not their name.
TITLE_WORDS = frozenset("""
prime vice deputy acting former interim interior foreign defence defense finance health
justice education transport provincial regional federal state chief senior lead top
""".split())

# Capitalised words that start a sentence or a title rather than a first name
# ("Governor Kornholm", "Said Marrek").
STOP_CAPITALS = frozenset("""
the a an and but or in on at of for to by from with as said says told added according
governor mayor minister president spokeswoman spokesman secretary senator general chief
director professor prime interior provincial deputy former acting
""".split())

# Words that do not distinguish one organisation's name from another's.
FUNCTION_WORDS = frozenset("the a an of for and on in at to de du des la le".split())
