import numpy as np
import pytest

from helpers import sequences


def test_echo_sequence_values_and_shape():
    echo = sequences.echo_sequence(5)
    assert echo.shape == (5,)
    np.testing.assert_allclose(echo, [0.0, 0.2, 0.4, 0.6, 0.8], atol=1e-7)


@pytest.mark.parametrize(
    ("shaper", "x_shape", "y_shape"),
    [
        (sequences.as_one_to_one, (5, 1, 1), (5, 1)),
        (sequences.as_many_to_one, (1, 5, 1), (1, 5)),
        (sequences.as_many_to_many, (1, 5, 1), (1, 5, 1)),
    ],
)
def test_topology_shapes(shaper, x_shape, y_shape):
    X, y = shaper(sequences.echo_sequence(5))
    assert X.shape == x_shape and y.shape == y_shape
    assert X.dtype == np.float32
    np.testing.assert_allclose(X.ravel(), y.ravel())


def test_ramp_sequences():
    X, y = sequences.ramp_sequences([0.0, 0.5], n_steps=4, step=0.1)
    assert X.shape == (2, 1) and y.shape == (2, 4, 1)
    np.testing.assert_allclose(y[1, :, 0], [0.5, 0.6, 0.7, 0.8], atol=1e-6)


def test_sliding_windows_targets_follow_windows():
    X, y = sequences.sliding_windows(np.arange(10), window=3)
    assert X.shape == (7, 3, 1) and y.shape == (7, 1)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    assert y[0, 0] == 3 and y[-1, 0] == 9


def test_split_in_time_keeps_order():
    X, y = sequences.sliding_windows(np.arange(12), window=2)
    X_train, y_train, X_test, y_test = sequences.split_in_time(X, y, 0.8)
    assert len(X_train) == 8 and len(X_test) == 2
    assert y_train[-1, 0] < y_test[0, 0]


def test_alphabet_windows_wrap_around():
    inputs, targets = sequences.alphabet_windows(5)
    assert len(inputs) == len(targets) == 26
    assert (inputs[0], targets[0]) == ("abcde", "f")
    assert dict(zip(inputs, targets, strict=True))["vwxyz"] == "a"
    assert (inputs[-1], targets[-1]) == ("zabcd", "e")
    assert sequences.alphabet_series(2) == sequences.ALPHABET * 2


def test_flagged_coin_sequences_target_is_the_flagged_coin():
    X, y = sequences.flagged_coin_sequences(200, lag=7, rng=np.random.default_rng(0), n_before=3)
    assert X.shape == (200, 10, 2) and y.shape == (200, 1) and X.dtype == np.float32
    assert set(np.unique(X[:, :, 0])) == {-1.0, 1.0}
    np.testing.assert_array_equal(X[:, :, 1].sum(axis=1), 1.0)  # one flag per sequence
    assert not X[:, 3:, 1].any()  # only in the first n_before steps, so `lag` steps follow it
    flagged = X[:, :, 1].argmax(axis=1)
    np.testing.assert_array_equal(y[:, 0], X[np.arange(200), flagged, 0] > 0)
    assert 0.3 < y.mean() < 0.7 and len(set(flagged)) == 3


def test_flagged_coin_sequences_repeat_with_the_generator():
    first = sequences.flagged_coin_sequences(5, 4, np.random.default_rng(1))
    second = sequences.flagged_coin_sequences(5, 4, np.random.default_rng(1))
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_pad_sequences_pads_after_the_data():
    padded = sequences.pad_sequences([[1, 2], [3, 4, 5]], value=0.0)
    assert padded.shape == (2, 3, 1)
    np.testing.assert_array_equal(padded[0, :, 0], [1, 2, 0])
    assert sequences.pad_sequences([[1]], maxlen=4).shape == (1, 4, 1)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: sequences.echo_sequence(0), ValueError, "length must be a positive integer"),
        (lambda: sequences.echo_sequence(2.5), TypeError, "length must be a positive integer"),
        (lambda: sequences.echo_sequence(True), TypeError, "length"),
        (lambda: sequences.as_one_to_one([[0.0, 0.2]]), ValueError, "sequence must have rank 1"),
        (lambda: sequences.as_many_to_one([]), ValueError, "sequence must not be empty"),
        (lambda: sequences.as_many_to_many("abc"), TypeError, "sequence must be numeric"),
        (lambda: sequences.ramp_sequences([0.0], 0, 0.1), ValueError, "n_steps"),
        (lambda: sequences.sliding_windows(np.arange(5), 5), ValueError, "window .5. must be shorter"),
        (lambda: sequences.sliding_windows(np.arange(5), 0), ValueError, "window must be a positive"),
        (lambda: sequences.sliding_windows(np.ones((3, 2)), 1), ValueError, "series must have rank 1"),
        (lambda: sequences.split_in_time(np.ones(3), np.ones(4)), ValueError, "same number"),
        (lambda: sequences.split_in_time(np.ones(3), np.ones(3), 1.5), ValueError, "train_fraction"),
        (lambda: sequences.split_in_time(np.ones(2), np.ones(2), 0.1), ValueError, "no train"),
        (lambda: sequences.alphabet_windows(26), ValueError, "window must be shorter"),
        (lambda: sequences.alphabet_series(0), ValueError, "n_repeats"),
        (lambda: sequences.pad_sequences([]), ValueError, "at least one sequence"),
        (lambda: sequences.flagged_coin_sequences(4, 0, np.random.default_rng()), ValueError, "lag"),
        (lambda: sequences.flagged_coin_sequences(0, 3, np.random.default_rng()), ValueError, "n_samples"),
        (lambda: sequences.flagged_coin_sequences(4, 3, 42), TypeError, "rng must be"),
        (lambda: sequences.pad_sequences([[1.0], []]), ValueError, r"sequences\[1\] must not be"),
        (lambda: sequences.pad_sequences([[1, 2, 3]], maxlen=2), ValueError, "maxlen .2. is shorter"),
    ],
)
def test_bad_input_is_refused(call, error, match):
    with pytest.raises(error, match=match):
        call()
