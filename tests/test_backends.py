"""The helpers work the same on both of the course's Keras backends, TensorFlow and JAX, and
the one difference the course teaches around is pinned down.

Keras picks its backend once per process (``KERAS_BACKEND``), so each backend gets a fresh
Python that seeds with ``seed_everything``, builds and trains a tiny model twice with a
``LossPlot`` attached, trains a stateful layer with ``fit``, and prints what it saw. The
notebooks themselves run on JAX in tests/test_other_seed.py.
"""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from install_kernel import kernel_env  # noqa: E402

SCRIPT = """
import json
import os

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


def stateful_model():
    model = keras.Sequential([keras.Input(batch_shape=(2, 3, 1)), keras.layers.LSTM(2, stateful=True)])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")  # steps that change nothing
    return model, np.ones((2, 3, 1), "float32"), np.zeros((2, 2), "float32")


def stateful_state_after(train):
    # whether a call, or fit, leaves a state that is not zero
    model, x, y = stateful_model()
    model.layers[0].reset_state()
    if train:
        model.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
    else:
        model(x)
    return bool(np.any(model.layers[0].states[0].numpy() != 0))


def training_step_reads_the_state():
    # whether train_on_batch's loss changes when the state is set to other values
    model, x, y = stateful_model()
    model.layers[0].reset_state()
    from_zeros = float(model.train_on_batch(x, y))  # compiles the step, with the state at zero
    for state in model.layers[0].states:
        state.assign(np.full(state.shape, 0.5, "float32"))
    return float(model.train_on_batch(x, y)) != from_zeros


first, second = run(), run()
print(json.dumps({
    "backend": keras.backend.backend(), "first": first, "second": second,
    "state_after_call": stateful_state_after(train=False),
    "state_after_fit": stateful_state_after(train=True),
    "step_reads_state": training_step_reads_the_state(),
}), flush=True)
os._exit(0)  # the answer is out: skip Python's unloading of TensorFlow or JAX (most of a second)
"""


@functools.cache
def seen_on(backend: str) -> dict:
    """Run SCRIPT on ``backend`` once per test session, in the environment of that backend's
    kernel (on JAX, with its cache of compiled programs); return what it printed."""
    env = {**os.environ, **kernel_env(backend), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_seed_everything_and_loss_plot_on_each_backend(backend):
    seen = seen_on(backend)
    assert seen["backend"] == backend
    losses, prediction = seen["first"]
    assert len(losses) == 3, "one loss per epoch"
    assert losses[-1] < losses[0], "the tiny model learns"
    assert seen["first"] == seen["second"], "the same seed gives the same run, bit for bit"
    assert len(prediction) == 2


@pytest.mark.parametrize("backend", ["tensorflow", "jax"])
def test_training_steps_read_and_write_a_stateful_layers_state_on_tensorflow_only(backend):
    """Notebook 10 hands the state over itself because of this: a direct call writes a stateful
    layer's state on every backend, but on JAX the compiled training step of Keras 3.15 neither
    reads nor writes it (the state variables are not among the model's variables)."""
    seen = seen_on(backend)
    assert seen["state_after_call"], "a direct call leaves the state of its last step"
    assert seen["state_after_fit"] == (backend == "tensorflow"), "fit writes the state"
    assert seen["step_reads_state"] == (backend == "tensorflow"), "a training step reads it"
