"""claimledger: a ledger of claims across many news reports of one story."""

__version__ = "0.1.0"
