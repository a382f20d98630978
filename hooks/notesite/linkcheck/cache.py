"""Results of earlier checks kept in a JSON file, so a build can show link status without network.

The file maps each URL to its last `LinkResult`. It is written atomically and with sorted keys,
one field per line, so a refresh changes only the lines of URLs that were re-checked.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .result import LinkResult, LinkStatus

FORMAT_VERSION = 1
DEFAULT_PATH = Path(".linkcheck/cache.json")
DEFAULT_MAX_AGE = timedelta(days=7)
# Only a server's answer is worth reusing; failures of our side or the network are re-checked.
REUSABLE = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.BROKEN, LinkStatus.BLOCKED})

log = logging.getLogger(__name__)


class LinkCache:
    """URL -> last result, loaded from and saved to one JSON file."""

    def __init__(self, path: Path, max_age: timedelta = DEFAULT_MAX_AGE) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self.problem: str | None = None  # why the file on disk was ignored, if it was
        self._results: dict[str, LinkResult] = {}

    @classmethod
    def load(cls, path: Path, max_age: timedelta = DEFAULT_MAX_AGE) -> LinkCache:
        """Read the cache; a missing file is an empty cache, a corrupt one is ignored with a warning."""
        cache = cls(path, max_age)
        try:
            text = cache.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cache
        except OSError as exc:
            cache._ignore(f"cannot be read ({exc.strerror})")
            return cache
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            cache._ignore(f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})")
            return cache
        except RecursionError:
            # Arrays nested thousands deep (a corrupt or crafted file, restored by CI as it was).
            cache._ignore("nested deeper than a link cache ever is")
            return cache
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            cache._ignore(f"not a version {FORMAT_VERSION} link cache")
            return cache
        try:
            records = data["results"]
            cache._results = {url: LinkResult.from_json(rec) for url, rec in records.items()}
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            cache._ignore(f"malformed entry: {exc}")
        return cache

    def _ignore(self, why: str) -> None:
        self.problem = (
            f"link cache {self.path}: {why}; starting with an empty cache. "
            "It is replaced on the next save; delete it to silence this warning."
        )
        self._results = {}
        log.warning(self.problem)

    def __len__(self) -> int:
        return len(self._results)

    def get(self, url: str) -> LinkResult | None:
        """The last stored result for `url`, however old."""
        return self._results.get(url)

    def fresh(self, url: str, now: datetime | None = None) -> bool:
        """True when `url` has a reusable result checked within `max_age`."""
        result = self._results.get(url)
        if result is None or result.status not in REUSABLE or result.checked_at is None:
            return False
        try:
            checked = datetime.fromisoformat(result.checked_at)
        except ValueError:
            return False
        if checked.tzinfo is None:
            checked = checked.replace(tzinfo=UTC)
        age = (now or datetime.now(UTC)) - checked
        return timedelta(0) <= age <= self.max_age

    def put(self, result: LinkResult) -> None:
        """Store a result; an `unchecked` one teaches nothing and keeps the older entry."""
        if result.status is not LinkStatus.UNCHECKED:
            self._results[result.url] = result

    def save(self) -> None:
        """Write the file atomically: readers see the old or the new file, never half of one."""
        data = {
            "version": FORMAT_VERSION,
            "results": {url: self._results[url].to_json() for url in sorted(self._results)},
        }
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            os.unlink(tmp)
            raise
