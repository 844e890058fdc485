"""The helpers work the same on both of the course's Keras backends, TensorFlow and JAX.

Keras picks its backend once per process (``KERAS_BACKEND``), so each backend gets a fresh
Python that seeds with ``seed_everything``, builds and trains a tiny model twice with a
``LossPlot`` attached, and prints what it saw. The notebooks themselves run on JAX in
tests/test_other_seed.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
import keras
import numpy as np
from helpers import plots
from helpers.reproducibility import seed_everything


def run():
    seed_everything(7)
    x = np.random.default_rng(0).normal(size=(32, 4, 1)).astype("float32")
    y = x.sum(axis=1)
    model = keras.Sequential([keras.Input((4, 1)), keras.layers.SimpleRNN(3), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    loss_plot = plots.LossPlot("tiny", live=False, steps_per_epoch=4)
    model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0, callbacks=[loss_plot])
    prediction = keras.ops.convert_to_numpy(model(x[:2]))
    return loss_plot.losses["loss"], prediction.tolist()


first, second = run(), run()
print(json.dumps({"backend": keras.backend.backend(), "first": first, "second": second}))
"""


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_seed_everything_and_loss_plot_on_each_backend(backend):
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3", MPLBACKEND="Agg")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["backend"] == backend
    losses, prediction = seen["first"]
    assert len(losses) == 3, "one loss per epoch"
    assert losses[-1] < losses[0], "the tiny model learns"
    assert seen["first"] == seen["second"], "the same seed gives the same run, bit for bit"
    assert len(prediction) == 2
