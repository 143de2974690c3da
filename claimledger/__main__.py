"""`python -m claimledger` runs the command line."""

from claimledger.cli import main

main()
