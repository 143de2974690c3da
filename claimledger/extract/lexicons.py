"""The attribution vocabulary: reporting cues with their class, the words that give a source
its type, and the small closed sets the attribution rules test against.

The words live in ``vocab/reporting.toml`` and ``vocab/sources.toml``; this module gives them
names. Everything here is plain data (dicts, frozensets, tuples), so other stages can read
it without importing spaCy.
"""

from __future__ import annotations

from claimledger.extract.vocab import table, vocabulary, words

_CUES = table("reporting", "cues")
CUE_CLASSES: dict[str, str] = {
    word: cue_class for cue_class, cues in _CUES.items() for word in cues.split()
} | table("reporting", "phrase_cues")
MISLEMMATISED: dict[str, str] = table("reporting", "mislemmatised")
QUOTE_TAIL_VERBS: dict[str, str] = table("reporting", "quote_tail_verbs")
SPEECH_NOUNS: dict[str, str] = table("reporting", "speech_nouns")


STANCE_VERBS = words("reporting", "stance_verbs")
ADDRESSING_VERBS = words("reporting", "addressing_verbs")
OBJECT_CUES = words("reporting", "object_cues")
CLAUSE_ONLY_CUES = words("reporting", "clause_only_cues")
NAMING_CUES = words("reporting", "naming_cues")
DENIAL_WORDS = words("reporting", "denial_words")
DOCUMENT_NOUNS = words("reporting", "document_nouns")
ESTIMATE_NOUNS = words("reporting", "estimate_nouns")
QUANTIFIER_NOUNS = words("reporting", "quantifier_nouns")
ISSUING_VERBS = words("reporting", "issuing_verbs")
FIGURE_NOUNS = words("reporting", "figure_nouns")
TRANSLATION_WORDS = words("reporting", "translation_words")
LABEL_HEADS = words("reporting", "label_heads")
NOT_SPEAKERS = words("reporting", "not_speakers")
AUDIENCE_WORDS = words("reporting", "audience_words")

GROUP_NOUNS = words("sources", "group_nouns")
SHARE_WORDS = words("sources", "share_words")
HUMAN_NOUNS = words("sources", "human_nouns")
MEDIA_WORDS = words("sources", "media_words")
MEDIA_NAME_WORDS = words("sources", "media_name_words")
HONORIFICS = words("sources", "honorifics")
PERSON_ROLES = words("sources", "person_roles")
GENERIC_ROLES = words("sources", "generic_roles")
VOICE_ROLES = words("sources", "voice_roles")
ORG_HEADS = words("sources", "org_heads")
REFERRING_HEADS = words("sources", "referring_heads")
ORG_NAME_WORDS = words("sources", "org_name_words")
ANONYMOUS_HEADS = words("sources", "anonymous_heads")
PEOPLE_NOUNS = words("sources", "people_nouns")
ANONYMOUS_MODIFIERS = words("sources", "anonymous_modifiers")
THING_PRONOUNS = words("sources", "thing_pronouns")
GROUP_PRONOUNS = words("sources", "group_pronouns")
SPEAKER_PRONOUNS = words("sources", "speaker_pronouns")
RELATIVE_PRONOUNS = words("sources", "relative_pronouns")
FEMININE_WORDS = words("sources", "feminine_words")
MASCULINE_WORDS = words("sources", "masculine_words")
TITLE_WORDS = words("sources", "title_words")
STOP_CAPITALS = words("sources", "stop_capitals")
FUNCTION_WORDS = words("sources", "function_words")
PERSON_PRONOUNS: dict[str, str] = table("sources", "person_pronouns")

# A regular expression over the sentence: phrases that make a source anonymous.
ANONYMOUS_PATTERN: str = "|".join(table("sources", "patterns")["anonymous"])
# (type, regular expression over the lower-cased description), tried in order.
SOURCE_TYPE_PATTERNS: tuple[tuple[str, str], ...] = tuple(
    (entry["type"], "|".join(entry["patterns"])) for entry in vocabulary("sources")["source_types"]
)
