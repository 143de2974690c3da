"""Why the ledger says what it says: a trace, per sentence, of which trigger let it
through, its parse, each number kept or dropped (with the rule that dropped it), the
attribution path, and each claim's status cause, counted thing and measure key.

Built over the extraction's public pieces without changing them: ``run`` (the trace of a
text or a stored claim), ``trigger``, ``figures`` and ``sources`` (one stage each),
``trace`` (the records, and their JSON form) and ``render`` (plain text for the CLI).
"""

from claimledger.explain.render import render
from claimledger.explain.run import explain_document, explain_text, trace_for_claim
from claimledger.explain.trace import Trace, as_dict, as_json

__all__ = ["Trace", "as_dict", "as_json", "explain_document", "explain_text", "render",
           "trace_for_claim"]
