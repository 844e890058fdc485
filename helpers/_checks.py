"""Argument checks shared by the helpers: each raises a ValueError or TypeError that names the
argument and says what was expected, so a student sees at once which call was wrong."""

from __future__ import annotations

import numbers

import numpy as np


def positive_int(value, name: str) -> int:
    """Return ``value`` as an int, or raise if it is not a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def array_of_rank(values, rank: int, name: str, what: str = "") -> np.ndarray:
    """Return ``values`` as a float array, or raise if it does not have ``rank`` dimensions
    or holds no elements. ``what`` names the axes, e.g. ``"(timesteps,)"``."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be numeric, got {type(values).__name__}") from error
    if array.ndim != rank:
        axes = f" {what}" if what else ""
        raise ValueError(f"{name} must have rank {rank}{axes}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array
