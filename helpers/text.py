"""A long text as training windows for next-character prediction, and sampling with temperature.

A character-level language model reads a text as one long sequence of ids (from
:class:`helpers.encoding.SymbolEncoder`) and learns, at every step t, the id at step t + 1.
:func:`next_step_windows` cuts the sequence into windows of T steps for that; the model's
softmax then gives a probability for every character, and :func:`sample_with_temperature`
draws the next one.
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers._checks import describe, positive_int, probability_array, real_number


def next_step_windows(
    ids, n_timesteps: int, stride: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, y)``, both int32 of shape (samples, T): windows of ``ids`` and the same
    windows one step later, so that ``y[:, t] == X[:, t + 1]`` and ``y[:, -1]`` is the id after
    the window.

    ``ids`` is a 1-D sequence of non-negative integer ids, T = ``n_timesteps``; window i starts
    at ``i * stride`` (default ``stride = n_timesteps``: windows side by side, each id read
    once); the last window ends no later than the second-to-last id.

    >>> X, y = next_step_windows([0, 1, 2, 3, 4, 5, 6], n_timesteps=3)
    >>> X.tolist(), y.tolist()
    ([[0, 1, 2], [3, 4, 5]], [[1, 2, 3], [4, 5, 6]])

    Raises TypeError if ``ids`` holds something other than integers or a count is not an int;
    ValueError if ``ids`` is not 1-D, holds a negative id, or is too short for one window
    (it needs ``n_timesteps + 1`` ids), or a count is below 1.
    """
    n_timesteps = positive_int(n_timesteps, "n_timesteps")
    stride = n_timesteps if stride is None else positive_int(stride, "stride")
    if ids is None or isinstance(ids, (str, bytes, numbers.Number)):
        raise TypeError(f"ids must be a 1-D sequence of integer ids, got {describe(ids)}")
    try:
        array = np.asarray(ids)
    except ValueError as error:  # a ragged nested list
        raise ValueError(f"ids must be a 1-D sequence of integer ids: {error}") from None
    if array.ndim != 1:
        raise ValueError(f"ids must be 1-D, got shape {array.shape}")
    if array.size and (array.dtype == bool or not np.issubdtype(array.dtype, np.integer)):
        raise TypeError(f"ids must hold integers, got values of dtype {array.dtype}")
    if array.size and array.min() < 0:
        raise ValueError(f"ids must be >= 0, got {int(array.min())} at index {int(array.argmin())}")
    if len(array) < n_timesteps + 1:
        raise ValueError(
            f"ids must hold at least n_timesteps + 1 = {n_timesteps + 1} ids, got {len(array)}"
        )
    starts = np.arange(0, len(array) - n_timesteps, stride)
    offsets = np.arange(n_timesteps)
    X = array[starts[:, None] + offsets].astype("int32")
    y = array[starts[:, None] + offsets + 1].astype("int32")
    return X, y


def sample_with_temperature(probabilities, temperature: float, rng) -> int:
    """Return one id drawn from ``probabilities`` (shape (vocabulary,), a softmax row) sharpened
    or flattened by ``temperature``: p_i^(1/temperature), renormalised.

    A temperature below 1 favours the likely ids (0.2 almost always picks the most likely one),
    1 draws from the model's own distribution, above 1 gives rare ids more chances.
    ``rng`` is a ``numpy.random.Generator`` (``np.random.default_rng(seed)``).

    Raises TypeError if ``rng`` is not a numpy Generator or ``temperature`` not a number;
    ValueError if ``probabilities`` is not 1-D, holds NaN or a value outside [0, 1], sums to
    0, or if ``temperature`` is not finite and above 0.
    """
    p = probability_array(probabilities, "probabilities", rank=1, what="(vocabulary,)")
    temperature = real_number(temperature, "temperature")
    if temperature <= 0:
        raise ValueError(f"temperature must be above 0, got {temperature}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy Generator (np.random.default_rng(seed)), got {describe(rng)}"
        )
    if p.sum() <= 0:
        raise ValueError("probabilities must not all be 0")
    # In logs, so that a small temperature does not underflow every p_i ** (1 / temperature).
    with np.errstate(divide="ignore"):
        logits = np.log(np.clip(p.astype("float64"), 0.0, None)) / temperature
    weights = np.exp(logits - logits.max())
    return int(rng.choice(len(p), p=weights / weights.sum()))
