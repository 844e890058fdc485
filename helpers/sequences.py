"""Toy sequences for the lessons, and the reshaping that each RNN topology expects.

Keras recurrent layers read a 3-D tensor of shape ``(samples, timesteps, features)``. Most of
what goes wrong in a first RNN notebook is a shape, so every function here says in its
docstring which shape it returns, and refuses input it cannot shape sensibly.
"""

from __future__ import annotations

import string

import numpy as np

from helpers._checks import (
    array_of_rank,
    describe,
    not_too_many,
    positive_int,
    real_array,
    real_number,
)

ALPHABET = string.ascii_lowercase


# --- the echo sequence -----------------------------------------------------------------------


def echo_sequence(length: int = 5) -> np.ndarray:
    """Return the echo sequence 0.0, 1/length, ..., (length-1)/length, shape (T,) with T = length.

    With the default ``length=5`` this is ``[0.0, 0.2, 0.4, 0.6, 0.8]``: the toy task of the
    topology notebooks is to give each value back.

    Raises TypeError if ``length`` is not an int (a float, a bool, a string, None), ValueError
    if it is below 1 or above 100 million.
    """
    length = positive_int(length, "length")
    not_too_many(length, "length")
    return np.arange(length, dtype="float32") / length


def as_one_to_one(sequence) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` of shapes (T, 1, 1) and (T, 1): each of the T values is a sample of one
    step.

    Raises TypeError if ``sequence`` is not numbers (None, strings, booleans), ValueError if it
    is ragged, not of shape (T,), empty, or holds NaN or infinity.
    """
    values = array_of_rank(sequence, 1, "sequence", "(timesteps,)").astype("float32")
    return values.reshape(-1, 1, 1), values.reshape(-1, 1)


def as_many_to_one(sequence) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` of shapes (1, T, 1) and (1, T): the whole sequence in, one vector out.

    Raises TypeError if ``sequence`` is not numbers (None, strings, booleans), ValueError if it
    is ragged, not of shape (T,), empty, or holds NaN or infinity.
    """
    values = array_of_rank(sequence, 1, "sequence", "(timesteps,)").astype("float32")
    return values.reshape(1, -1, 1), values.reshape(1, -1)


def as_many_to_many(sequence) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` of shapes (1, T, 1) and (1, T, 1): one output for every input step.

    Raises TypeError if ``sequence`` is not numbers (None, strings, booleans), ValueError if it
    is ragged, not of shape (T,), empty, or holds NaN or infinity.
    """
    values = array_of_rank(sequence, 1, "sequence", "(timesteps,)").astype("float32")
    return values.reshape(1, -1, 1), values.reshape(1, -1, 1)


def ramp_sequences(starts, n_steps: int, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` for one-to-many: X of shape (samples, 1), y of shape (samples, n_steps, 1).

    Sample ``i`` maps the start value ``starts[i]`` to the ramp
    ``starts[i], starts[i] + step, ..., starts[i] + (n_steps - 1) * step``.

    Raises TypeError if ``starts`` is not numbers, ``n_steps`` not an int or ``step`` not a
    number; ValueError if ``starts`` is not of shape (samples,), is empty or holds NaN or
    infinity, if ``n_steps`` is below 1 (or samples * n_steps above 100 million) or ``step``
    is NaN or infinite.
    """
    start_values = array_of_rank(starts, 1, "starts", "(samples,)").astype("float32")
    n_steps = positive_int(n_steps, "n_steps")
    not_too_many(len(start_values) * n_steps, "n_steps * len(starts)")
    real_number(step, "step")
    offsets = np.arange(n_steps, dtype="float32") * np.float32(step)
    ramps = start_values[:, None] + offsets[None, :]
    return start_values.reshape(-1, 1), ramps[..., None]


# --- windows over a series -------------------------------------------------------------------


def sliding_windows(series, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` of shapes (samples, window, 1) and (samples, 1) from a 1-D series.

    Sample ``i`` holds ``series[i : i + window]`` as input and the next value
    ``series[i + window]`` as target, so there are ``len(series) - window`` samples.

    Raises TypeError if ``series`` is not numbers or ``window`` not an int; ValueError if
    ``series`` is not of shape (T,), is empty or holds NaN or infinity, or if ``window`` is
    below 1, leaves no value over as a target or makes more than 100 million values.
    """
    values = array_of_rank(series, 1, "series", "(timesteps,)").astype("float32")
    window = positive_int(window, "window")
    if window >= len(values):
        raise ValueError(
            f"window ({window}) must be shorter than the series ({len(values)} values): "
            "at least one value must be left over as a target"
        )
    not_too_many((len(values) - window) * window, "window * (len(series) - window)")
    starts = np.arange(len(values) - window)
    inputs = values[starts[:, None] + np.arange(window)[None, :]]
    return inputs[..., None], values[starts + window].reshape(-1, 1)


def split_in_time(X, y, train_fraction: float = 0.67) -> tuple[np.ndarray, ...]:
    """Return ``(X_train, y_train, X_test, y_test)``: the first samples train, the rest test.

    Time series are split in time, never shuffled, so the test set is the future. X and y keep
    their dtypes.

    Raises TypeError if X or y is not numbers, or ``train_fraction`` not a number; ValueError
    if X or y is ragged, a scalar, empty or holds NaN or infinity, if they differ in length,
    or if ``train_fraction`` is not strictly between 0 and 1 or leaves no train or no test set.
    """
    for name, values in (("X", X), ("y", y)):
        checked = real_array(values, name, "an array of numbers")
        if checked.ndim == 0 or len(checked) == 0:
            raise ValueError(
                f"{name} must hold at least one sample (first axis), got shape {checked.shape}"
            )
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same number of samples, got {len(X)} and {len(y)}")
    real_number(train_fraction, "train_fraction")
    if not 0.0 < train_fraction < 1.0:
        raise ValueError(f"train_fraction must be between 0 and 1, got {train_fraction}")
    n_train = int(round(len(X) * train_fraction))
    if n_train == 0 or n_train == len(X):
        raise ValueError(
            f"train_fraction={train_fraction} leaves no train or no test set of {len(X)} samples"
        )
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


# --- the alphabet ----------------------------------------------------------------------------


def alphabet_series(n_repeats: int = 1) -> str:
    """Return the string "abc...z" repeated ``n_repeats`` times, length 26 * n_repeats.

    Raises TypeError if ``n_repeats`` is not an int, ValueError if it is below 1 (or 26 *
    n_repeats above 100 million).
    """
    n_repeats = positive_int(n_repeats, "n_repeats")
    not_too_many(len(ALPHABET) * n_repeats, "n_repeats * 26")
    return ALPHABET * n_repeats


def alphabet_windows(window: int = 5) -> tuple[list[str], list[str]]:
    """Return ``(inputs, targets)``: the 26 windows of ``window`` letters and the letter after each.

    The alphabet wraps around, so the windows run from "abcde" -> "f" to "zabcd" -> "e"
    (with ``window=5``; "vwxyz" -> "a" is among them).

    Raises TypeError if ``window`` is not an int, ValueError if it is not in 1..25.
    """
    window = positive_int(window, "window")
    if window >= len(ALPHABET):
        raise ValueError(f"window must be shorter than the alphabet (26), got {window}")
    letters = alphabet_series(2 + window // len(ALPHABET))
    inputs = [letters[i : i + window] for i in range(len(ALPHABET))]
    targets = [letters[i + window] for i in range(len(ALPHABET))]
    return inputs, targets


# --- variable-length sequences ---------------------------------------------------------------


def pad_sequences(sequences, maxlen: int | None = None, value: float = 0.0) -> np.ndarray:
    """Return the sequences padded at the end with ``value``, shape (samples, maxlen, 1).

    ``sequences`` is a list of 1-D sequences of different lengths. Padding goes *after* the
    data ("post"), so a masked RNN reads the real steps first and then carries its state
    over the padding. Sequences longer than ``maxlen`` are refused rather than cut.

    Raises TypeError if ``sequences`` is not a list (or tuple, or array) of sequences, if one
    of them is not numbers, if ``maxlen`` is not an int or ``value`` not a number; ValueError
    if there are no sequences, if one is not of shape (T,), is empty or holds NaN or infinity,
    if ``maxlen`` is below 1, shorter than the longest sequence or gives more than 100 million
    values, or if ``value`` is not finite.
    """
    if not isinstance(sequences, (list, tuple, np.ndarray)):
        raise TypeError(
            f"sequences must be a list of 1-D sequences of numbers, got {describe(sequences)}"
        )
    if len(sequences) == 0:
        raise ValueError("sequences must hold at least one sequence")
    arrays = [
        array_of_rank(s, 1, f"sequences[{i}]", "(timesteps,)") for i, s in enumerate(sequences)
    ]
    longest = max(len(a) for a in arrays)
    maxlen = longest if maxlen is None else positive_int(maxlen, "maxlen")
    if longest > maxlen:
        raise ValueError(f"maxlen ({maxlen}) is shorter than the longest sequence ({longest})")
    not_too_many(len(arrays) * maxlen, "maxlen * len(sequences)")
    real_number(value, "value")
    padded = np.full((len(arrays), maxlen, 1), value, dtype="float32")
    for row, array in zip(padded, arrays, strict=True):
        row[: len(array), 0] = array
    return padded


# --- a long-term dependency ------------------------------------------------------------------


def flagged_coin_sequences(
    n_samples: int, lag: int, rng: np.random.Generator, n_before: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)`` of shapes (samples, n_before + lag, 2) and (samples, 1) for a memory task.

    Feature 0 of every step is a coin flip, -1.0 or +1.0. Feature 1 is a flag: 1.0 on exactly
    one of the first ``n_before`` steps, 0.0 elsewhere. The target is 1.0 where the flagged coin
    is +1.0, else 0.0, so at least ``lag`` coin flips follow the one that matters. The samples
    come from ``rng`` (a ``numpy.random.Generator``), so the same generator state gives the same
    data.

    Raises TypeError if ``n_samples``, ``lag`` or ``n_before`` is not an int or ``rng`` is not
    a ``numpy.random.Generator``; ValueError if a count is below 1 or the data would hold more
    than 100 million values.
    """
    n_samples = positive_int(n_samples, "n_samples")
    lag = positive_int(lag, "lag")
    n_before = positive_int(n_before, "n_before")
    not_too_many(n_samples * (n_before + lag) * 2, "n_samples * (n_before + lag) * 2")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    n_steps = n_before + lag
    X = np.zeros((n_samples, n_steps, 2), dtype="float32")
    X[:, :, 0] = rng.choice([-1.0, 1.0], size=(n_samples, n_steps))
    rows = np.arange(n_samples)
    flagged = rng.integers(0, n_before, size=n_samples)  # (samples,): where the flag sits
    X[rows, flagged, 1] = 1.0
    y = (X[rows, flagged, 0] > 0).astype("float32")[:, None]
    return X, y
