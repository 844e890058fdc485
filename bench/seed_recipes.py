"""The training recipes of the original course notebooks, run on Keras 3 for comparison.

Each recipe trains the model the old notebooks trained, with their epochs, batch size and
optimizer (one sample a batch, thousands of epochs), and returns how long the training took
and the error it reached, measured the way our notebooks measure it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras
import numpy as np

from helpers import encoding, sequences
from helpers.reproducibility import seed_everything


@dataclass
class RecipeResult:
    topology: str
    recipe: str
    seconds: float
    metric: str
    value: float


def _fit_and_time(model, X, y, **fit_args) -> float:
    start = time.perf_counter()
    model.fit(X, y, verbose=0, shuffle=False, **fit_args)
    return time.perf_counter() - start


def _echo_recipe(topology, shaper, layers, epochs, batch_size) -> RecipeResult:
    """Train ``layers`` on the echo sequence shaped by ``shaper`` with default Adam."""
    seed_everything(42)
    X, y = shaper(sequences.echo_sequence(5))
    model = keras.Sequential([keras.Input(X.shape[1:]), *layers])
    model.compile(optimizer="adam", loss="mse")
    seconds = _fit_and_time(model, X, y, epochs=epochs, batch_size=batch_size)
    error = float(np.abs(model(X).numpy() - y).max())
    recipe = f"SimpleRNN(2), {epochs} epochs, batch {batch_size}, Adam"
    return RecipeResult(topology, recipe, seconds, "max |error|", error)


def one_to_one() -> RecipeResult:
    """SimpleRNN(2) + Dense(1) on 5 one-step samples, 2000 epochs of batch 5."""
    layers = [keras.layers.SimpleRNN(2), keras.layers.Dense(1)]
    return _echo_recipe("one-to-one", sequences.as_one_to_one, layers, 2000, 5)


def many_to_one() -> RecipeResult:
    """SimpleRNN(2) + Dense(5) on one 5-step sample, 1000 epochs of batch 1."""
    layers = [keras.layers.SimpleRNN(2), keras.layers.Dense(5)]
    return _echo_recipe("many-to-one", sequences.as_many_to_one, layers, 1000, 1)


def many_to_many() -> RecipeResult:
    """SimpleRNN(2, return_sequences) + TimeDistributed(Dense(1)), 2000 epochs of batch 1."""
    layers = [
        keras.layers.SimpleRNN(2, return_sequences=True),
        keras.layers.TimeDistributed(keras.layers.Dense(1)),
    ]
    return _echo_recipe("many-to-many", sequences.as_many_to_many, layers, 2000, 1)


def alphabet() -> RecipeResult:
    """LSTM(8) + softmax on 5-letter windows of the alphabet repeated 100 times, 50 epochs of
    batch 32 with RMSprop; accuracy measured on the 26 distinct windows."""
    seed_everything(42)
    encoder = encoding.SymbolEncoder(sequences.ALPHABET)
    text = sequences.alphabet_series(100)
    windows = [text[i : i + 5] for i in range(len(text) - 5)]
    X = encoder.one_hot(windows)
    y = encoder.one_hot(text[5:])
    model = keras.Sequential(
        [keras.Input((5, 26)), keras.layers.LSTM(8), keras.layers.Dense(26, activation="softmax")]
    )
    model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
    seconds = _fit_and_time(model, X, y, epochs=50, batch_size=32)
    inputs, targets = sequences.alphabet_windows(5)
    predicted = encoder.decode_softmax(model(encoder.one_hot(inputs)).numpy())
    right = sum(p == t for p, t in zip(predicted, targets, strict=True))
    return RecipeResult(
        "alphabet",
        "LSTM(8), 50 epochs, batch 32, RMSprop",
        seconds,
        "windows right of 26",
        float(right),
    )


RECIPES = {
    "one-to-one": one_to_one,
    "many-to-one": many_to_one,
    "many-to-many": many_to_many,
    "alphabet": alphabet,
}
