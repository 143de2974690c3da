"""The ledger store (SQLite by default, PostgreSQL for teams)."""

from claimledger.store.ledger import Ledger, database_url, hashed_key, outlet_group

__all__ = ["Ledger", "database_url", "hashed_key", "outlet_group"]
