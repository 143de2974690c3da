"""Attribution: who stands behind each statement of a sentence, by which cue, and through
whom it reached the page ("X said, as translated by Y", "citing Z").

Per sentence, a fixed cascade of rules finds the attribution relations (source, cue,
content) on the spaCy parse of that sentence alone:

1. reporting verbs: the subject of a cue verb (or the agent of a passive one, or the
   subject it shares with a verb it is coordinated with or subordinate to) is the source;
   its clause, quote or, for a few verbs, object is the content. The content is also found
   when en_core_web_sm hangs the verb from the content clause instead of the other way
   round ("..., the agency said" parsed as parataxis or advcl), a common mis-parse;
2. "according to X", "by X's estimate", "X's estimate of N", "X's claim that ...", "in a
   poll released Monday, ...", speaker labels ("NAME: ...") and a name after a dash that
   closes a quote;
3. intermediaries: "citing X" makes X the source and the citer an intermediary; "as
   translated by Y", "told state television Y", "in an interview with Y" and "as reported
   by Y" add Y; a cue inside another cue's content inherits that cue's chain ("Y reported
   that X said ...");
4. quotes are found by scanning the document's text, so a sentence that only continues a
   quote gets the speaker of that quote, named before it or right after it closes.

Verbs of stance and intention ("wants", "criticised", "backed") are attributions too, but
only a clause they govern is content: an intention or a judgement is not a claim of figures.
Every source is an agent: a person, a body, an outlet, a document or a data set, never an
abstraction ("the evidence shows"), a heading ("Background:") or a mass noun.

Sources are then named once per document: pronouns, roles ("the spokeswoman", or the
nearest person named without one), short forms ("the directorate") and acronyms resolve to
the entity they stand for, whose name has its determiner, possessive, title and appositive
role removed; its type comes from the name, the role and the entity label through the
curated patterns of ``lexicons``. ``DocumentSources.merges`` shows the forms merged.
``claimledger.link.sources.canonical_sources`` then merges names across a corpus.

The modules, in the order a sentence meets them: ``relations`` (one sentence's relations),
``subjects`` and ``contents`` (who speaks and what is said, on the parse), ``syntax`` (the
helpers both share), ``intermediaries`` (chains), ``quotes``, then the naming of sources:
``phrases`` (reading a source phrase), ``resolve`` (a phrase to an entity), ``registry``
(the entities of a document), ``names`` and ``source_types``; ``document`` holds the
per-document state behind ``DocumentSources``; ``resolution`` names how each source was
reached, as the counters and the explain trace say it.
"""

from claimledger.extract.attribution.document import DocumentSources, covering
from claimledger.extract.attribution.quotes import quote_regions
from claimledger.extract.attribution.records import AttributionMention
from claimledger.extract.attribution.relations import find_relations
from claimledger.extract.attribution.resolution import RESOLUTIONS, resolution_rule

__all__ = ["RESOLUTIONS", "AttributionMention", "DocumentSources", "covering", "find_relations",
           "quote_regions", "resolution_rule"]
