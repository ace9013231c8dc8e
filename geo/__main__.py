"""`python -m geo`: the command line."""

from geo.cli import main

# Guarded: the processes that validate a large import's chunks (geo.readers) import this module again.
if __name__ == "__main__":
    raise SystemExit(main())
