"""Argument checks shared by the helpers: each raises a ValueError or TypeError that names the
argument and says what was expected ("<argument> must be <expected>, got <what>"), so a student
sees at once which call was wrong."""

from __future__ import annotations

import math
import numbers
import os
from pathlib import Path

import numpy as np

MAX_VALUES = 10**8  # the most values a helper builds: 400 MB of float32, far beyond a lesson's data

_DTYPE_KINDS = {
    "b": "booleans",
    "c": "complex numbers",
    "U": "strings",
    "S": "bytes",
    "M": "dates",
    "m": "time spans",
    "V": "raw records",
}


def describe(value) -> str:
    """Return a short description of ``value`` for an error message: the repr of a small value,
    the shape and dtype of an array, the type of anything else."""
    if value is None or isinstance(value, (bool, numbers.Number, str, bytes)):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."
    shape = getattr(value, "shape", None)
    if shape is not None and getattr(value, "dtype", None) is not None:
        return f"{type(value).__name__} of shape {tuple(shape)} and dtype {value.dtype}"
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiouAEIOU' else 'a'} {kind}"


def _at(index: tuple) -> str:
    if not index:
        return ""
    return f" at index {index[0] if len(index) == 1 else index}"


def _float(number) -> float:
    try:
        return float(number)
    except OverflowError:  # a Python int too large for a float
        return math.inf


def _finite(array: np.ndarray, name: str) -> None:
    bad = ~np.isfinite(array)
    if bad.any():
        index = tuple(int(i) for i in np.unravel_index(np.flatnonzero(bad)[0], array.shape))
        raise ValueError(
            f"{name} must hold finite numbers (no NaN or infinity), got {array[index]}{_at(index)}"
        )


def positive_int(value, name: str) -> int:
    """Return ``value`` as an int, or raise if it is not a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def not_too_many(n_values: int, what: str) -> None:
    """Raise ValueError if an array of ``n_values`` values is more than :data:`MAX_VALUES`;
    ``what`` names the arguments that set the size, e.g. ``"n_samples * (n_before + lag)"``."""
    if n_values > MAX_VALUES:
        raise ValueError(f"{what} must give at most {MAX_VALUES:,} values, got {n_values:,}")


def non_negative_int(value, name: str) -> int:
    """Return ``value`` as an int, or raise if it is not a whole number >= 0."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= 0, got {describe(value)}")
    if value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value}")
    return int(value)


def boolean(value, name: str) -> bool:
    """Return ``value`` as a bool, or raise if it is not True or False."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def string(value, name: str, non_empty: bool = False) -> str:
    """Return ``value``, or raise if it is not a string (or, with ``non_empty``, is blank)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {describe(value)}")
    if non_empty and not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value


def real_number(value, name: str, finite: bool = True) -> float:
    """Return ``value`` as a float, or raise if it is not one real number (a bool, a string, None
    or an array of several numbers is refused), or, with ``finite``, if it is NaN or infinite."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    if isinstance(value, numbers.Real):
        number = value
    elif hasattr(value, "__array__") and not isinstance(value, (str, bytes)):
        array = np.asarray(value)  # a 0-d array or a scalar tensor
        if array.ndim != 0 or array.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be a single real number, got {describe(value)}")
        number = array
    else:
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    number = _float(number)
    if finite and not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {describe(value)}")
    return number


def real_array(values, name: str, expected: str = "numeric", finite: bool = True) -> np.ndarray:
    """Return ``values`` as a float64 array, or raise if they are not real numbers (None, strings,
    booleans, objects and ragged nested lists are refused) or, with ``finite``, if one of them
    is NaN or infinite. ``expected`` says what was wanted, e.g. ``"an array of numbers"``."""
    if values is None or isinstance(values, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be {expected}, got {describe(values)}")
    try:
        array = np.asarray(values)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"{name} must be {expected} in rows of one length, got a ragged "
            f"{type(values).__name__}"
        ) from error
    if array.dtype.kind == "O":
        for index, item in np.ndenumerate(array):
            if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
                raise TypeError(f"{name} must be {expected}, got {describe(item)}{_at(index)}")
        array = np.array([_float(item) for item in array.flat]).reshape(array.shape)
    elif array.dtype.kind not in "iuf":
        what = _DTYPE_KINDS.get(array.dtype.kind, f"dtype {array.dtype}")
        raise TypeError(f"{name} must be {expected}, got {what}")
    array = np.asarray(array, dtype=float)
    if finite:
        _finite(array, name)
    return array


def array_of_rank(values, rank: int, name: str, what: str = "", finite: bool = True) -> np.ndarray:
    """Return ``values`` as a float array, or raise if it does not have ``rank`` dimensions,
    holds no elements, or (with ``finite``) holds NaN or infinity. ``what`` names the axes,
    e.g. ``"(timesteps,)"``."""
    array = real_array(values, name, finite=False)
    if array.ndim != rank:
        axes = f" {what}" if what else ""
        raise ValueError(f"{name} must have rank {rank}{axes}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if finite:
        _finite(array, name)
    return array


def probability_array(values, name: str, rank: int | None = None, what: str = "") -> np.ndarray:
    """Return ``values`` as a float array of probabilities, or raise if they are not finite
    numbers in [0, 1] (a rounding error of 1e-6 is let through), or, given ``rank``, if the
    array does not have that rank or is empty."""
    if rank is None:
        array = real_array(values, name, "numbers in [0, 1]")
    else:
        array = array_of_rank(values, rank, name, what)
    if array.size and (array.min() < -1e-6 or array.max() > 1 + 1e-6):
        raise ValueError(
            f"{name} must hold probabilities in [0, 1], got values from {array.min():g} "
            f"to {array.max():g}"
        )
    return array


def existing_file(path, name: str = "path") -> Path:
    """Return ``path`` as a Path, or raise TypeError if it is not a path, FileNotFoundError if
    nothing is there and ValueError if it is a folder."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a file path (a str or pathlib.Path), got {describe(path)}")
    file_path = Path(path)
    if not file_path.exists():
        raise FileNotFoundError(f"{name} must be an existing file, got {str(path)!r}")
    if not file_path.is_file():
        raise ValueError(f"{name} must be a file, got the folder {str(path)!r}")
    return file_path


def axes(value, name: str = "ax"):
    """Return ``value``, or raise TypeError if it is not a matplotlib Axes."""
    from matplotlib.axes import Axes

    if not isinstance(value, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes (from plt.subplots), got "
                        f"{describe(value)}")
    return value
