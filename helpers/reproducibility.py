"""One call that makes a notebook give the same numbers every time it runs on the same machine."""

from __future__ import annotations

import numbers
import os
import random

import numpy as np

DEFAULT_SEED = 42
SEED_VARIABLE = "RNN_TOPOLOGIES_SEED"
MAX_SEED = 2**32 - 1  # NumPy's legacy seeding takes 0 .. 2**32 - 1


def _check_seed(seed, name: str) -> None:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {seed!r}")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"{name} must be >= 0 and <= 2**32 - 1, got {seed}")


def seed_from_environment(default: int = DEFAULT_SEED) -> int:
    """Return the seed named by ``RNN_TOPOLOGIES_SEED`` when it is set, else ``default``.

    ``RNN_TOPOLOGIES_SEED=7 jupyter lab`` (or ``make robustness``) re-runs every notebook with
    seed 7 without editing it: a claim a notebook makes should hold for any seed.

    Raises TypeError if ``default`` is not an int; ValueError if it or the variable is not a
    whole number in 0..2**32 - 1.
    """
    _check_seed(default, "default")
    text = os.environ.get(SEED_VARIABLE, "").strip()
    if not text:
        return default
    try:
        seed = int(text)
    except ValueError as error:
        raise ValueError(
            f"{SEED_VARIABLE} must be a whole number >= 0, got {text!r}"
        ) from error
    _check_seed(seed, SEED_VARIABLE)
    return seed


def seed_everything(seed: int = DEFAULT_SEED) -> int:
    """Seed Python, NumPy and Keras, make the backend's ops deterministic; return the seed used.

    The seed used is ``seed``, unless the environment variable ``RNN_TOPOLOGIES_SEED`` is set:
    then its value wins, so that any notebook can be re-run under another seed unchanged
    (the notebooks print the seed they used in their setup line).

    Keras' ``keras.utils.set_random_seed`` seeds Python's ``random``, NumPy and the backend in
    one go. On TensorFlow, op determinism then makes ops such as reductions give identical
    results run after run (at a small cost in speed that tiny models never notice); JAX's CPU
    ops are deterministic already, so on JAX there is nothing more to switch on.
    Python's hash seed cannot be set from inside a running interpreter: the project's kernel
    sets ``PYTHONHASHSEED`` before Python starts (tools/install_kernel.py).

    Raises TypeError if ``seed`` is not an int (None, a string, a float, a bool); ValueError
    if it, or ``RNN_TOPOLOGIES_SEED``, is not in 0..2**32 - 1.
    """
    _check_seed(seed, "seed")
    seed = seed_from_environment(int(seed))
    random.seed(seed)
    np.random.seed(seed)

    import keras

    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    return seed
