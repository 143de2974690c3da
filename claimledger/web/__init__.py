"""The web app (FastAPI): `claimledger serve`."""

from claimledger.web.server import serve, start_up

__all__ = ["serve", "start_up"]
