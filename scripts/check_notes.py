#!/usr/bin/env python3
"""`notesite check` for this checkout: its docs/ by default, wherever it is run from."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from notesite.cli.check import main  # noqa: E402
from notesite_mkdocs.site_file import site_settings  # noqa: E402

if __name__ == "__main__":
    docs, site = site_settings(REPO)
    sys.exit(main(docs=docs, prog="check_notes", site=site))
