#!/usr/bin/env python3
"""`notesite links` for this checkout: its docs/notes and link cache by default (contract 6)."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from notesite.cli.links import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=REPO, prog="check_links"))
