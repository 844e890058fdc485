"""What the notebooks teach about Keras itself, pinned down so that a Keras upgrade that changes
it fails here first: the masking notebook depends on the mask tests, and every training notebook
on the tracing test at the end. What differs between the backends (a stateful layer's state in
`fit`, for the stateful notebook) is pinned down in tests/test_backends.py."""

import keras
import numpy as np
import pytest

from helpers.reproducibility import seed_everything

PADDED = np.array([[[0.5], [0.2], [0.0], [0.0]]], dtype="float32")  # two real steps, two pads


@pytest.fixture(autouse=True)
def seeded():
    seed_everything(0)


def test_masking_alone_returns_its_input():
    np.testing.assert_array_equal(keras.layers.Masking(0.0)(PADDED).numpy(), PADDED)


@pytest.mark.parametrize("cell", [keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU])
def test_masked_steps_carry_the_state_over(cell):
    layer = cell(3, return_sequences=True)
    out = layer(keras.layers.Masking(0.0)(PADDED)).numpy()
    np.testing.assert_allclose(out[0, 2], out[0, 1], atol=1e-7)
    np.testing.assert_allclose(out[0, 3], out[0, 1], atol=1e-7)
    unmasked = layer(PADDED).numpy()
    assert not np.allclose(unmasked[0, 3], unmasked[0, 1], atol=1e-4)


def test_mask_propagates_out_of_a_recurrent_layer():
    inputs = keras.Input(shape=(4, 1))
    masked = keras.layers.Masking(0.0)(inputs)
    sequence = keras.layers.SimpleRNN(3, return_sequences=True)(masked)
    outputs = keras.layers.Dense(1)(sequence)
    model = keras.Model(inputs, outputs)
    layer = model.layers[2]
    mask = np.array([[True, True, False, False]])
    np.testing.assert_array_equal(layer.compute_mask(PADDED, mask), mask)
    # The loss skips masked steps: huge targets on the padding must not change it.
    model.compile(loss="mse")
    y = np.zeros((1, 4, 1), dtype="float32")
    y_bad_padding = y.copy()
    y_bad_padding[0, 2:] = 1000.0
    assert model.evaluate(PADDED, y, verbose=0) == pytest.approx(
        model.evaluate(PADDED, y_bad_padding, verbose=0), rel=1e-6
    )


def count_traces(build_first: bool, metrics=None) -> int:
    """Fit one step and return how many times TensorFlow traced the training step.

    The loss is a Python function, so it runs once per trace and never in the compiled graph.
    """
    traces = []

    def mse(y_true, y_pred):
        traces.append(1)
        return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=mse, metrics=metrics)
    x, y = np.ones((4, 3), dtype="float32"), np.ones((4, 1), dtype="float32")
    if build_first:  # what the training notebooks do
        model.optimizer.build(model.trainable_variables)
        if metrics:
            model.compute_metrics(x, y, model(x))
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    return len(traces)


@pytest.mark.parametrize("metrics", [None, ["mae"]])
def test_building_the_optimizer_first_saves_a_trace(metrics):
    """Left to fit, Keras 3 on TensorFlow creates Adam's variables (and the metrics') inside the
    first traced step, so TensorFlow traces that step twice; built beforehand, it traces once."""
    assert count_traces(build_first=False, metrics=metrics) == 2
    assert count_traces(build_first=True, metrics=metrics) == 1
