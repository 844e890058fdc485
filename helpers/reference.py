"""NumPy re-computations of Keras recurrent layers, and parameter-count formulas.

The notebooks use this module to open the black box: build a Keras ``SimpleRNN``, ``LSTM``
or ``GRU`` layer, read its weights, and check that a few lines of hand-written maths give
the same numbers as Keras::

    layer = keras.layers.LSTM(4, return_sequences=True)
    y = layer(x)                         # x: float32, shape (batch, T, d)
    h, c = forward_from_layer(layer, x)  # the same maths in NumPy
    np.allclose(y, h, atol=1e-5)         # True

Notation (the course's, shared with the notebooks): T time steps, d features per step, u units.
Keras stores k blocks of weights side by side in the columns: ``kernel`` W has shape (d, k*u),
``recurrent_kernel`` U (u, k*u) and ``bias`` b (k*u,), with k = 1 for SimpleRNN; k = 4 for LSTM,
three gates and a candidate in the order i (input gate), f (forget gate), c~ (candidate),
o (output gate); k = 3 for GRU, two gates and a candidate in the order z (update gate),
r (reset gate), h~ (candidate). A GRU with ``reset_after=True`` (the Keras default) has two
biases, stacked as a (2, 3*u) array: row 0 is added to the input part, row 1 to the recurrent
part. With row vectors, as Keras computes, a SimpleRNN step is h_t = tanh(x_t W + h_{t-1} U + b).

The ``*_params`` functions give the count that ``layer.count_params()`` reports.
Everything is computed in float64, so what differs from Keras (float32) is Keras' rounding.
"""

import numpy as np

from helpers._checks import boolean, positive_int, real_array


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # = 1 / (1 + exp(-a)), without overflow warnings


_ACTIVATIONS = {
    "tanh": np.tanh,
    "linear": lambda a: a,
    "relu": lambda a: np.maximum(a, 0.0),
    "sigmoid": _sigmoid,
}


def _activation(name):
    if name is None:
        name = "linear"
    if not isinstance(name, str):
        raise TypeError(f"activation must be a string or None, got {type(name).__name__}")
    if name not in _ACTIVATIONS:
        raise ValueError(
            f"activation must be one of {sorted(_ACTIVATIONS)} or None (linear), got {name!r}"
        )
    return _ACTIVATIONS[name]


def _array(value, name):
    return real_array(value, name, "an array of numbers")


def _check_x(x):
    x = _array(x, "x")
    if x.ndim != 3:
        raise ValueError(f"x must have rank 3 (batch, timesteps, features), got shape {x.shape}")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must have at least one sequence and one timestep, got shape {x.shape}")
    if x.shape[2] == 0:
        raise ValueError(f"x must have at least one feature, got shape {x.shape}")
    return x


def _check_weights(x, kernel, recurrent_kernel, k):
    """Check x and the two kernels of a layer with k gates; return them as float64 and units."""
    x = _check_x(x)
    gates = "" if k == 1 else f"{k}*"
    rk = _array(recurrent_kernel, "recurrent_kernel")
    if rk.ndim != 2 or rk.shape[0] == 0 or rk.shape[1] != k * rk.shape[0]:
        raise ValueError(
            f"recurrent_kernel must have shape (units, {gates}units) with units >= 1, "
            f"got shape {rk.shape}"
        )
    units = rk.shape[0]
    kernel = _array(kernel, "kernel")
    expected = (x.shape[2], k * units)
    if kernel.shape != expected:
        raise ValueError(
            f"kernel must have shape (features, {gates}units) = {expected} to match x and "
            f"recurrent_kernel, got shape {kernel.shape}"
        )
    return x, kernel, rk, units


def _check_optional(value, name, shape, meaning):
    """Return value as float64 with the given shape, or zeros if it is None."""
    if value is None:
        return np.zeros(shape)
    value = _array(value, name)
    if value.shape != shape:
        raise ValueError(f"{name} must have shape {meaning} = {shape}, got shape {value.shape}")
    return value


def simple_rnn_forward(x, kernel, recurrent_kernel, bias=None, activation="tanh", h0=None):
    """Return every hidden state h_t, shape (batch, T, u).

    For t = 1 .. T, starting from h_0 (zeros unless ``h0`` is given)::

        h_t = activation(x_t @ W + h_{t-1} @ U + b)

    Shapes: x (batch, T, d), kernel W (d, u), recurrent_kernel U (u, u), bias b (u,),
    h0 (batch, u).
    ``activation`` is "tanh", "relu", "sigmoid", "linear" or None (linear).

    Raises TypeError if an array is not numbers (None, strings, booleans) or ``activation`` is
    not a string or None; ValueError if an array is ragged, holds NaN or infinity or has the
    wrong shape (x needs at least one sequence, step and feature), or if ``activation`` is
    not one of the four names.
    """
    act = _activation(activation)
    x, kernel, rk, units = _check_weights(x, kernel, recurrent_kernel, 1)
    b = _check_optional(bias, "bias", (units,), "(units,)")
    h = _check_optional(h0, "h0", (x.shape[0], units), "(batch, units)")
    hs = np.empty(x.shape[:2] + (units,))
    for t in range(x.shape[1]):
        h = act(x[:, t] @ kernel + h @ rk + b)
        hs[:, t] = h
    return hs


def lstm_forward(x, kernel, recurrent_kernel, bias=None, h0=None, c0=None):
    """Return (h, c): every hidden state h_t and every cell state c_t, each (batch, T, u).

    The 4*u columns of kernel, recurrent_kernel and bias hold three gates and a candidate in
    the Keras order i (input gate), f (forget gate), c~ (candidate), o (output gate)::

        i_t  = sigmoid(x_t @ W_i + h_{t-1} @ U_i + b_i)
        f_t  = sigmoid(x_t @ W_f + h_{t-1} @ U_f + b_f)
        c~_t = tanh(x_t @ W_c + h_{t-1} @ U_c + b_c)
        o_t  = sigmoid(x_t @ W_o + h_{t-1} @ U_o + b_o)
        c_t  = f_t * c_{t-1} + i_t * c~_t
        h_t  = o_t * tanh(c_t)

    Shapes: x (batch, T, d), kernel (d, 4*u), recurrent_kernel (u, 4*u), bias (4*u,),
    h0 and c0 (batch, u).

    Raises TypeError if an array is not numbers (None, strings, booleans); ValueError if one
    is ragged, holds NaN or infinity or has the wrong shape (x needs at least one sequence,
    step and feature).
    """
    x, kernel, rk, units = _check_weights(x, kernel, recurrent_kernel, 4)
    b = _check_optional(bias, "bias", (4 * units,), "(4*units,)")
    h = _check_optional(h0, "h0", (x.shape[0], units), "(batch, units)")
    c = _check_optional(c0, "c0", (x.shape[0], units), "(batch, units)")
    hs = np.empty(x.shape[:2] + (units,))
    cs = np.empty_like(hs)
    for t in range(x.shape[1]):
        i, f, candidate, o = np.split(x[:, t] @ kernel + h @ rk + b, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(candidate)
        h = _sigmoid(o) * np.tanh(c)
        hs[:, t], cs[:, t] = h, c
    return hs, cs


def gru_forward(x, kernel, recurrent_kernel, bias=None, reset_after=True, h0=None):
    """Return every hidden state h_t, shape (batch, T, u).

    The 3*u columns hold two gates and a candidate in the Keras order z (update gate),
    r (reset gate), h~ (candidate). With input bias b and recurrent bias b' (b' = 0 if
    reset_after=False)::

        z_t = sigmoid(x_t @ W_z + b_z + h_{t-1} @ U_z + b'_z)
        r_t = sigmoid(x_t @ W_r + b_r + h_{t-1} @ U_r + b'_r)
        reset_after=True:   h~_t = tanh(x_t @ W_h + b_h + r_t * (h_{t-1} @ U_h + b'_h))
        reset_after=False:  h~_t = tanh(x_t @ W_h + b_h + (r_t * h_{t-1}) @ U_h)
        h_t = z_t * h_{t-1} + (1 - z_t) * h~_t

    Note the Keras convention in the last line: z_t close to 1 keeps the old state.
    Shapes: x (batch, T, d), kernel (d, 3*u), recurrent_kernel (u, 3*u), h0 (batch, u);
    bias (2, 3*u) holding rows (b, b') if reset_after=True, else (3*u,) holding b.

    Raises TypeError if an array is not numbers (None, strings, booleans) or ``reset_after``
    is not a bool; ValueError if an array is ragged, holds NaN or infinity or has the wrong
    shape (x needs at least one sequence, step and feature).
    """
    boolean(reset_after, "reset_after")
    x, kernel, rk, units = _check_weights(x, kernel, recurrent_kernel, 3)
    if reset_after:
        b = _check_optional(bias, "bias", (2, 3 * units), "(2, 3*units) for reset_after=True")
    else:
        b = _check_optional(bias, "bias", (3 * units,), "(3*units,) for reset_after=False")
        b = np.stack([b, np.zeros(3 * units)])
    h = _check_optional(h0, "h0", (x.shape[0], units), "(batch, units)")
    W_z, W_r, W_h = np.split(kernel, 3, axis=1)
    U_z, U_r, U_h = np.split(rk, 3, axis=1)
    (b_z, b_r, b_h), (bb_z, bb_r, bb_h) = np.split(b[0], 3), np.split(b[1], 3)
    hs = np.empty(x.shape[:2] + (units,))
    for t in range(x.shape[1]):
        xt = x[:, t]
        z = _sigmoid(xt @ W_z + b_z + h @ U_z + bb_z)
        r = _sigmoid(xt @ W_r + b_r + h @ U_r + bb_r)
        if reset_after:
            n = np.tanh(xt @ W_h + b_h + r * (h @ U_h + bb_h))
        else:
            n = np.tanh(xt @ W_h + b_h + (r * h) @ U_h)
        h = z * h + (1 - z) * n
        hs[:, t] = h
    return hs


def forward_from_layer(layer, x):
    """Return every hidden state h_t of a built layer on x of shape (batch, T, d): (batch, T, u).

    For an LSTM, return (h, c) as :func:`lstm_forward` does. These are the layer's outputs
    with ``return_sequences=True`` (without it, Keras returns the last step only). The weights
    and the config (activation, use_bias, reset_after, go_backwards) are read from the
    SimpleRNN, LSTM or GRU layer, and the equations are those of the matching function.

    Raises TypeError if ``layer`` is not a SimpleRNN, LSTM or GRU or ``x`` is not numbers;
    ValueError if the layer is not built or uses other activations, or if ``x`` is ragged,
    holds NaN or infinity, is not of rank 3, is empty or has another d than the layer.
    """
    import keras  # here, so that the NumPy functions above work without a Keras backend

    kinds = (keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU)
    if not isinstance(layer, kinds):
        raise TypeError(
            f"layer must be a keras.layers.SimpleRNN, LSTM or GRU, got {type(layer).__name__}"
        )
    if not layer.built:
        raise ValueError(
            f"layer {layer.name!r} is not built: call it on data or call "
            "layer.build((None, timesteps, features)) first"
        )
    x = _check_x(x)
    config, cell = layer.get_config(), layer.cell
    kernel, rk = cell.kernel.numpy(), cell.recurrent_kernel.numpy()
    bias = cell.bias.numpy() if config["use_bias"] else None
    if x.shape[2] != kernel.shape[0]:
        raise ValueError(
            f"x has {x.shape[2]} features but layer {layer.name!r} was built for "
            f"{kernel.shape[0]}"
        )
    if config["go_backwards"]:
        x = x[:, ::-1]
    if isinstance(layer, keras.layers.SimpleRNN):
        return simple_rnn_forward(x, kernel, rk, bias, activation=config["activation"])
    if config["activation"] != "tanh" or config["recurrent_activation"] != "sigmoid":
        raise ValueError(
            f"layer {layer.name!r} must use the default activation='tanh' and "
            f"recurrent_activation='sigmoid', got {config['activation']!r} and "
            f"{config['recurrent_activation']!r}"
        )
    if isinstance(layer, keras.layers.LSTM):
        return lstm_forward(x, kernel, rk, bias)
    return gru_forward(x, kernel, rk, bias, reset_after=config["reset_after"])


def simple_rnn_params(n_features, n_units):
    """Return the parameter count of a SimpleRNN with d = n_features, u = n_units: u(d + u + 1).

    Raises TypeError if a count is not an int (a float, a bool, a string, None); ValueError
    if it is below 1.
    """
    d, u = positive_int(n_features, "n_features"), positive_int(n_units, "n_units")
    return u * (d + u + 1)


def lstm_params(n_features, n_units):
    """Return the parameter count of an LSTM: 4u(d + u + 1), three gates and a candidate.

    Raises TypeError if a count is not an int (a float, a bool, a string, None); ValueError
    if it is below 1.
    """
    return 4 * simple_rnn_params(n_features, n_units)


def gru_params(n_features, n_units, reset_after=True):
    """Return the parameter count of a GRU: 3u(d + u + 2), or 3u(d + u + 1) without reset_after.

    Two gates and a candidate make the 3 blocks; the extra 3u are the recurrent bias that only
    ``reset_after=True`` (the default) has.

    Raises TypeError if a count is not an int (a float, a bool, a string, None) or
    ``reset_after`` is not a bool; ValueError if a count is below 1.
    """
    boolean(reset_after, "reset_after")
    count = 3 * simple_rnn_params(n_features, n_units)
    return count + (3 * n_units if reset_after else 0)


def dense_params(n_inputs, n_units):
    """Return the parameter count of a Dense layer: units * (inputs + 1).

    Raises TypeError if a count is not an int (a float, a bool, a string, None); ValueError
    if it is below 1.
    """
    n_inputs, n_units = positive_int(n_inputs, "n_inputs"), positive_int(n_units, "n_units")
    return n_units * (n_inputs + 1)
