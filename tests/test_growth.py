"""The linear-time check itself: it passes linear work and fails quadratic work."""

from __future__ import annotations

import pytest

from .growth import SLACK, assert_linear, growth

pytestmark = pytest.mark.slow


def linear(n: int) -> int:
    return sum(range(n))


def quadratic(n: int) -> int:
    return sum(i * j for i in range(n) for j in range(n))


def test_linear_work_passes():
    assert_linear(linear, 20_000)


def test_quadratic_work_grows_past_the_bound_and_fails():
    # Eight times the input: 64 times the time, far past the bound of 20.
    assert growth(quadratic, 40, factor=8) > 2 * SLACK * 8
    with pytest.raises(AssertionError, match="8 times the input took"):
        assert_linear(quadratic, 40, factor=8)
