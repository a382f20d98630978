"""What one build made, kept for the next: the bookkeeping every cache of serve's rebuilds and of
the build cache on disk shares. Each entry is keyed by everything it was made from; after each
build only the entries that build used are kept, so what an edit or a deletion left unused goes.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Entries the last build used (`kept`), and those this build uses."""

    def __init__(self) -> None:
        self.kept: dict[K, V] = {}
        self._used: dict[K, V] = {}

    def handed_over(self) -> dict[K, V]:
        """What this build used, for the caller to keep (a build cache on disk); nothing is kept
        here, so the entries go once the caller is done with them."""
        used, self.kept, self._used = self._used, {}, {}
        return used

    def end_build(self) -> None:
        """Keep what this build used, and nothing else."""
        self.kept, self._used = self._used, {}
