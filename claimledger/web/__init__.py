"""The web app (FastAPI): `claimledger serve`."""
