"""The NumPy re-computations in helpers.reference agree with Keras, and reject bad input."""

import keras
import numpy as np
import pytest

from helpers import reference as ref

SEEDS = [0, 1, 2]
ATOL = 1e-5


def _random_case(seed):
    """Return a seeded generator, a float32 input of random size and a random unit count."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    batch, steps, features, units = (int(n) for n in rng.integers(1, [5, 8, 6, 7]))
    x = rng.normal(size=(batch, steps, features)).astype("float32")
    return rng, x, units


def _build(layer, x, rng):
    """Build layer for x and replace every weight (biases too) by random values."""
    layer.build((None,) + x.shape[1:])
    layer.set_weights([rng.normal(scale=0.5, size=w.shape) for w in layer.get_weights()])
    return layer


# name: (layer factory, reference from x and the layer's get_weights() list)
CASES = {
    "simple_rnn_tanh": (
        lambda units, **kw: keras.layers.SimpleRNN(units, **kw),
        lambda x, w: ref.simple_rnn_forward(x, *w),
    ),
    "simple_rnn_linear": (
        lambda units, **kw: keras.layers.SimpleRNN(units, activation="linear", **kw),
        lambda x, w: ref.simple_rnn_forward(x, *w, activation="linear"),
    ),
    "lstm": (
        lambda units, **kw: keras.layers.LSTM(units, **kw),
        lambda x, w: ref.lstm_forward(x, *w)[0],
    ),
    "gru_reset_after": (
        lambda units, **kw: keras.layers.GRU(units, **kw),
        lambda x, w: ref.gru_forward(x, *w),
    ),
    "gru_reset_before": (
        lambda units, **kw: keras.layers.GRU(units, reset_after=False, **kw),
        lambda x, w: ref.gru_forward(x, *w, reset_after=False),
    ),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("return_sequences", [True, False])
@pytest.mark.parametrize("case", list(CASES))
def test_reference_matches_keras(case, return_sequences, seed):
    make_layer, reference = CASES[case]
    rng, x, units = _random_case(seed)
    layer = _build(make_layer(units, return_sequences=return_sequences), x, rng)
    expected = reference(x, layer.get_weights())
    assert expected.shape == x.shape[:2] + (units,) and expected.dtype == np.float64
    got = keras.ops.convert_to_numpy(layer(x))
    want = expected if return_sequences else expected[:, -1]
    np.testing.assert_allclose(got, want, rtol=0, atol=ATOL)


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_cell_state_matches_keras(seed):
    rng, x, units = _random_case(seed)
    layer = _build(keras.layers.LSTM(units, return_sequences=True, return_state=True), x, rng)
    outputs, h_last, c_last = (keras.ops.convert_to_numpy(t) for t in layer(x))
    h, c = ref.lstm_forward(x, *layer.get_weights())
    np.testing.assert_allclose(outputs, h, rtol=0, atol=ATOL)
    np.testing.assert_allclose(h_last, h[:, -1], rtol=0, atol=ATOL)
    np.testing.assert_allclose(c_last, c[:, -1], rtol=0, atol=ATOL)


def test_initial_states_match_keras():
    rng, x, units = _random_case(3)
    h0, c0 = rng.normal(size=(2, x.shape[0], units)).astype("float32")
    layers_and_refs = [
        (keras.layers.SimpleRNN(units, return_sequences=True), [h0],
         lambda w: ref.simple_rnn_forward(x, *w, h0=h0)),
        (keras.layers.LSTM(units, return_sequences=True), [h0, c0],
         lambda w: ref.lstm_forward(x, *w, h0=h0, c0=c0)[0]),
        (keras.layers.GRU(units, return_sequences=True), [h0],
         lambda w: ref.gru_forward(x, *w, h0=h0)),
    ]  # fmt: skip
    for layer, states, reference in layers_and_refs:
        _build(layer, x, rng)
        got = keras.ops.convert_to_numpy(layer(x, initial_state=states))
        np.testing.assert_allclose(got, reference(layer.get_weights()), rtol=0, atol=ATOL)


def test_simple_rnn_by_hand():
    # h_t = h_{t-1} / 2 + x_t with x = 1, 1, 1 gives 1, 1.5, 1.75.
    h = ref.simple_rnn_forward(np.ones((1, 3, 1)), [[1.0]], [[0.5]], activation=None)
    np.testing.assert_array_equal(h.ravel(), [1.0, 1.5, 1.75])


FROM_LAYER = {
    "simple_rnn_default": lambda u: keras.layers.SimpleRNN(u, return_sequences=True),
    "simple_rnn_none": lambda u: keras.layers.SimpleRNN(u, activation=None, return_sequences=True),
    "simple_rnn_relu": lambda u: keras.layers.SimpleRNN(u, "relu", return_sequences=True),
    "simple_rnn_sigmoid": lambda u: keras.layers.SimpleRNN(
        u, activation="sigmoid", use_bias=False, return_sequences=True
    ),
    "lstm_no_bias": lambda u: keras.layers.LSTM(u, use_bias=False, return_sequences=True),
    "gru_backwards": lambda u: keras.layers.GRU(u, go_backwards=True, return_sequences=True),
    "gru_before_no_bias": lambda u: keras.layers.GRU(
        u, reset_after=False, use_bias=False, return_sequences=True
    ),
}


@pytest.mark.parametrize("case", list(FROM_LAYER))
def test_forward_from_layer_matches_keras(case):
    rng, x, units = _random_case(4)
    layer = _build(FROM_LAYER[case](units), x, rng)
    expected = ref.forward_from_layer(layer, x)
    if isinstance(layer, keras.layers.LSTM):
        expected = expected[0]
    got = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL)


def test_forward_from_layer_rejects_other_layers():
    layer = keras.layers.Dense(3)
    layer.build((None, 2))
    with pytest.raises(TypeError, match="layer must be a keras.layers.SimpleRNN, LSTM or GRU"):
        ref.forward_from_layer(layer, np.zeros((1, 2, 2)))


def test_forward_from_layer_rejects_unbuilt_layer():
    with pytest.raises(ValueError, match="is not built"):
        ref.forward_from_layer(keras.layers.LSTM(3), np.zeros((1, 2, 2)))


def test_forward_from_layer_rejects_wrong_feature_count():
    layer = keras.layers.GRU(3)
    layer.build((None, 2, 4))
    with pytest.raises(ValueError, match="x has 2 features but layer .* was built for 4"):
        ref.forward_from_layer(layer, np.zeros((1, 2, 2)))


def test_forward_from_layer_rejects_non_default_gate_activations():
    layer = keras.layers.LSTM(3, activation="relu")
    layer.build((None, 2, 2))
    with pytest.raises(ValueError, match="must use the default activation='tanh'"):
        ref.forward_from_layer(layer, np.zeros((1, 2, 2)))


GRID = [(f, u) for f in (1, 2, 5) for u in (1, 3, 8)]


@pytest.mark.parametrize(("features", "units"), GRID)
def test_param_counts_match_keras(features, units):
    shape = (None, 4, features)
    for layer, count in [
        (keras.layers.SimpleRNN(units), ref.simple_rnn_params(features, units)),
        (keras.layers.LSTM(units), ref.lstm_params(features, units)),
        (keras.layers.GRU(units), ref.gru_params(features, units)),
        (keras.layers.GRU(units, reset_after=False), ref.gru_params(features, units, False)),
    ]:
        layer.build(shape)
        assert layer.count_params() == count, layer.name
    dense = keras.layers.Dense(units)
    dense.build((None, features))
    assert dense.count_params() == ref.dense_params(features, units)


# Bad input. Sizes used below: batch 2, timesteps 3, features 4, units 5.
X = np.zeros((2, 3, 4))
W1, U1, B1 = np.zeros((4, 5)), np.zeros((5, 5)), np.zeros(5)
W4, U4, B4 = np.zeros((4, 20)), np.zeros((5, 20)), np.zeros(20)
W3, U3 = np.zeros((4, 15)), np.zeros((5, 15))
H0 = np.zeros((2, 5))

BAD_INPUT = {
    "x_rank_2": (
        lambda: ref.simple_rnn_forward(np.zeros((5, 1)), W1, U1),
        ValueError, r"x must have rank 3 \(batch, timesteps, features\), got shape \(5, 1\)",
    ),
    "x_zero_batch": (
        lambda: ref.lstm_forward(np.zeros((0, 3, 4)), W4, U4),
        ValueError, r"x must have at least one sequence and one timestep, got shape \(0, 3, 4\)",
    ),
    "x_zero_timesteps": (
        lambda: ref.gru_forward(np.zeros((2, 0, 4)), W3, U3),
        ValueError, r"x must have at least one sequence and one timestep, got shape \(2, 0, 4\)",
    ),
    "x_not_numbers": (
        lambda: ref.simple_rnn_forward([["a"]], W1, U1),
        TypeError, "x must be an array of numbers",
    ),
    "kernel_wrong_features": (
        lambda: ref.simple_rnn_forward(X, np.zeros((3, 5)), U1),
        ValueError, r"kernel must have shape \(features, units\) = \(4, 5\).*got shape \(3, 5\)",
    ),
    "kernel_wrong_gates": (
        lambda: ref.lstm_forward(X, np.zeros((4, 15)), U4),
        ValueError, r"kernel must have shape \(features, 4\*units\) = \(4, 20\).*\(4, 15\)",
    ),
    "recurrent_kernel_not_square": (
        lambda: ref.simple_rnn_forward(X, W1, np.zeros((5, 4))),
        ValueError, r"recurrent_kernel must have shape \(units, units\).*got shape \(5, 4\)",
    ),
    "recurrent_kernel_wrong_gates": (
        lambda: ref.gru_forward(X, W3, np.zeros((5, 20))),
        ValueError, r"recurrent_kernel must have shape \(units, 3\*units\).*\(5, 20\)",
    ),
    "bias_simple_rnn": (
        lambda: ref.simple_rnn_forward(X, W1, U1, bias=np.zeros(6)),
        ValueError, r"bias must have shape \(units,\) = \(5,\), got shape \(6,\)",
    ),
    "bias_lstm": (
        lambda: ref.lstm_forward(X, W4, U4, bias=B1),
        ValueError, r"bias must have shape \(4\*units,\) = \(20,\), got shape \(5,\)",
    ),
    "bias_gru_reset_after": (
        lambda: ref.gru_forward(X, W3, U3, bias=np.zeros(15)),
        ValueError, r"bias must have shape \(2, 3\*units\) for reset_after=True = \(2, 15\)",
    ),
    "bias_gru_reset_before": (
        lambda: ref.gru_forward(X, W3, U3, bias=np.zeros((2, 15)), reset_after=False),
        ValueError, r"bias must have shape \(3\*units,\) for reset_after=False = \(15,\)",
    ),
    "h0_simple_rnn": (
        lambda: ref.simple_rnn_forward(X, W1, U1, B1, h0=np.zeros((1, 5))),
        ValueError, r"h0 must have shape \(batch, units\) = \(2, 5\), got shape \(1, 5\)",
    ),
    "h0_lstm": (
        lambda: ref.lstm_forward(X, W4, U4, B4, h0=np.zeros(5), c0=H0),
        ValueError, r"h0 must have shape \(batch, units\) = \(2, 5\), got shape \(5,\)",
    ),
    "c0_lstm": (
        lambda: ref.lstm_forward(X, W4, U4, B4, h0=H0, c0=np.zeros((2, 4))),
        ValueError, r"c0 must have shape \(batch, units\) = \(2, 5\), got shape \(2, 4\)",
    ),
    "h0_gru": (
        lambda: ref.gru_forward(X, W3, U3, h0=np.zeros((2, 6))),
        ValueError, r"h0 must have shape \(batch, units\) = \(2, 5\), got shape \(2, 6\)",
    ),
    "activation_unknown": (
        lambda: ref.simple_rnn_forward(X, W1, U1, activation="softplus"),
        ValueError, r"activation must be one of .*got 'softplus'",
    ),
    "activation_not_string": (
        lambda: ref.simple_rnn_forward(X, W1, U1, activation=np.tanh),
        TypeError, "activation must be a string or None",
    ),
    "reset_after_not_bool": (
        lambda: ref.gru_forward(X, W3, U3, reset_after="yes"),
        TypeError, "reset_after must be True or False",
    ),
    "count_zero": (
        lambda: ref.simple_rnn_params(0, 3),
        ValueError, "n_features must be a positive integer, got 0",
    ),
    "count_negative": (
        lambda: ref.lstm_params(2, -1),
        ValueError, "n_units must be a positive integer, got -1",
    ),
    "count_float": (
        lambda: ref.gru_params(2.0, 3),
        TypeError, "n_features must be a positive integer, got 2.0",
    ),
    "count_bool": (
        lambda: ref.dense_params(True, 3),
        TypeError, "n_inputs must be a positive integer, got True",
    ),
    "count_string": (
        lambda: ref.dense_params(3, "4"),
        TypeError, "n_units must be a positive integer, got '4'",
    ),
    "count_reset_after_not_bool": (
        lambda: ref.gru_params(2, 3, reset_after=1),
        TypeError, "reset_after must be True or False, got 1",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_rejected(case):
    call, error, message = BAD_INPUT[case]
    with pytest.raises(error, match=message):
        call()


def test_counts_accept_numpy_integers():
    assert ref.lstm_params(np.int64(2), np.int32(3)) == 4 * 3 * (2 + 3 + 1)
