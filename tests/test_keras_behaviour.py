"""What the notebooks teach about Keras itself, pinned down so that a Keras upgrade that changes
it fails here first (the masking notebook depends on every one of these)."""

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
