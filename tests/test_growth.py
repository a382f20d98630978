"""The linear-time check itself: it passes linear work and fails quadratic work."""

from __future__ import annotations

import pytest

from .growth import BOUND, assert_linear, growth


def linear(n: int) -> int:
    return sum(range(n))


def quadratic(n: int) -> int:
    return sum(i * j for i in range(n) for j in range(n))


def test_linear_work_passes():
    assert_linear(linear, 20_000)


def test_quadratic_work_grows_past_the_bound_and_fails():
    assert growth(quadratic, 60) > BOUND
    with pytest.raises(AssertionError, match="4 times the input took"):
        assert_linear(quadratic, 60)
