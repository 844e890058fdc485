"""How much of notebook 11's result is luck: its lag race, trained from many seeds.

Notebook 11 trains a SimpleRNN, a GRU, a GRU with an update-gate bias of 1 and an LSTM on the
same flagged-coin batches, from one seed. This script repeats that race (same data recipe,
same model, same budget) from other seeds and counts, per cell and lag, how many runs learned
the task (test accuracy >= 0.95). Not part of the tests; the table goes to
bench/lag_race_seeds.md and the notebook quotes it.

Usage: python bench/lag_race_seeds.py --seeds 0-11 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAGS = (5, 10, 15, 20)
CELL_NAMES = ("SimpleRNN", "GRU", "GRU_keep", "LSTM")
LEARNED = 0.95


def keep_bias(shape, dtype=None):
    """A GRU bias of shape (2, 3 * units) with 1 on the update gate of the input row."""
    import numpy as np

    bias = np.zeros(shape, dtype="float32")
    bias[0, : shape[-1] // 3] = 1.0
    return bias


def race_accuracies(seed: int, n_units=8, n_train=512, n_test=512, epochs=15, batch_size=32):
    """Return {lag: {cell: test accuracy}} for the race of notebook 11 trained from ``seed``."""
    from functools import partial

    import keras
    import numpy as np

    from helpers.reproducibility import seed_everything
    from helpers.sequences import flagged_coin_sequences

    seed_everything(seed)
    rng = np.random.default_rng(seed)
    data = {
        lag: (flagged_coin_sequences(n_train, lag, rng), flagged_coin_sequences(n_test, lag, rng))
        for lag in LAGS
    }
    cells = {
        "SimpleRNN": keras.layers.SimpleRNN,
        "GRU": keras.layers.GRU,
        "GRU_keep": partial(keras.layers.GRU, bias_initializer=keep_bias),
        "LSTM": keras.layers.LSTM,
    }
    keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=(None, 2))
    outputs = {}
    for name, cell in cells.items():  # the cell before its Dense, as in the notebook
        state = cell(n_units, name=f"{name}_cell")(inputs)
        outputs[name] = keras.layers.Dense(1, name=name)(state)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss={name: keras.losses.BinaryCrossentropy(from_logits=True) for name in cells},
    )
    model.optimizer.build(model.trainable_variables)
    start_weights = model.get_weights()
    start_adam = [variable.numpy() for variable in model.optimizer.variables]
    accuracies = {}
    for lag in LAGS:
        model.set_weights(start_weights)
        for variable, value in zip(model.optimizer.variables, start_adam, strict=True):
            variable.assign(value)
        (X_train, y_train), (X_test, y_test) = data[lag]
        model.fit(X_train, {name: y_train for name in cells}, batch_size=batch_size,
                  epochs=epochs, shuffle=False, verbose=0)
        logits = model(X_test)
        accuracies[lag] = {
            name: float(np.mean((logits[name].numpy() > 0) == (y_test > 0.5))) for name in cells
        }
    return accuracies


def tensorflow_setup() -> None:
    """Quiet TensorFlow, turn oneDNN off as the notebooks' kernel does, and import `helpers`."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    sys.path.insert(0, str(ROOT))


def parse_seeds(text: str) -> list[int]:
    """'0-3,42' -> [0, 1, 2, 3, 42]."""
    seeds = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def table(results: dict[int, dict]) -> str:
    """Markdown: per seed the accuracies at the longest lag, then learned counts per lag."""
    longest = LAGS[-1]
    lines = [f"| seed | {' | '.join(CELL_NAMES)} |", "|--:|" + "--:|" * len(CELL_NAMES)]
    for seed, accuracies in sorted(results.items()):
        row = " | ".join(f"{accuracies[longest][name]:.2f}" for name in CELL_NAMES)
        lines.append(f"| {seed} | {row} |")
    lines += ["", f"Runs that learned (test accuracy >= {LEARNED}) of {len(results)}:", "",
              f"| lag | {' | '.join(CELL_NAMES)} |", "|--:|" + "--:|" * len(CELL_NAMES)]
    for lag in LAGS:
        counts = [sum(r[lag][name] >= LEARNED for r in results.values()) for name in CELL_NAMES]
        lines.append(f"| {lag} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-11", help="e.g. 0-11 or 0-5,42")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench" / "lag_race_seeds.md"))
    args = parser.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, mp_context=get_context("spawn"),
                             initializer=tensorflow_setup) as pool:
        results = dict(zip(seeds, pool.map(race_accuracies, seeds), strict=True))
    text = (f"# Notebook 11's lag race from {len(seeds)} seeds\n\n"
            f"Test accuracy at lag {LAGS[-1]} (8 units, 240 Adam steps at 0.01, "
            f"as in the notebook):\n\n{table(results)}\n")
    Path(args.out).write_text(text)
    print(text)
    print(f"{len(seeds)} seeds in {time.perf_counter() - start:.0f} s; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
