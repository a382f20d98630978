"""Serve's rebuilds leave the garbage of earlier builds to the idle server, frozen meanwhile, so
no full pass of the collector over a big vault lands in the middle of an edit's rebuild."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from notesite_mkdocs.serve import UNSWEPT_REBUILDS, ServeState, collect_garbage


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def serving() -> Iterator[ServeState]:
    state = ServeState()
    state.start("serve", dirty=True)
    gc.disable()  # no pass of the collector but the ones the test makes
    try:
        yield state
    finally:
        gc.enable()
        state.close()


def _garbage() -> weakref.ref[_Cycle]:
    return weakref.ref(_Cycle())


def test_a_rebuild_leaves_earlier_garbage_to_the_idle_server(serving):
    gone = _garbage()
    serving.before_build()
    gc.collect()  # a pass during the rebuild
    assert gone() is not None
    collect_garbage()  # the server is idle
    assert gone() is None


def test_many_rebuilds_without_a_wait_collect_it_themselves(serving):
    gone = _garbage()
    for _ in range(UNSWEPT_REBUILDS):
        serving.before_build()
    assert gone() is not None
    serving.before_build()
    assert gone() is None


def test_a_stopped_server_freezes_nothing(serving):
    serving.before_build()
    assert gc.get_freeze_count() > 0
    serving.close()
    assert gc.get_freeze_count() == 0


def test_a_one_off_build_freezes_nothing():
    gc.unfreeze()  # whatever an earlier test left
    state = ServeState()
    state.before_build()
    assert gc.get_freeze_count() == 0
