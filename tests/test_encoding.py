import numpy as np
import pytest

from helpers.encoding import SymbolEncoder, top_k
from helpers.sequences import ALPHABET


@pytest.fixture
def encoder():
    return SymbolEncoder(ALPHABET)


def test_round_trip_through_ids(encoder):
    ids = encoder.encode("hello")
    assert ids.tolist() == [7, 4, 11, 11, 14]
    assert encoder.decode(ids) == "hello"


def test_one_hot_shapes(encoder):
    assert encoder.one_hot("abc").shape == (3, 26)
    batch = encoder.one_hot(["abcde", "vwxyz"])
    assert batch.shape == (2, 5, 26) and batch.dtype == np.float32
    assert batch[1, 4].argmax() == 25 and batch.sum() == 10


def test_one_hot_keeps_a_time_axis_of_length_one(encoder):
    """One-symbol strings are sequences of T = 1 step: (samples, 1, vocabulary), as a decoder
    fed one token at a time needs (keras.utils.to_categorical would drop that axis)."""
    assert encoder.one_hot(["a", "z"]).shape == (2, 1, 26)
    assert encoder.one_hot("a").shape == (1, 26)
    assert encoder.one_hot(["q"])[0, 0].argmax() == 16


def test_decode_softmax_rows(encoder):
    probabilities = np.full((2, 26), 0.01)
    probabilities[0, 0] = probabilities[1, 25] = 0.9
    assert encoder.decode_softmax(probabilities) == "az"
    assert encoder.decode_softmax(probabilities[1]) == "z"


def test_top_k_orders_by_probability(encoder):
    row = np.linspace(0, 1, 26)
    assert [symbol for symbol, _ in top_k(encoder, row, 3)] == ["z", "y", "x"]


def test_vocabulary_order_is_kept():
    assert SymbolEncoder("cba").encode("abc").tolist() == [2, 1, 0]
    assert len(SymbolEncoder(["<pad>", "a"])) == 2


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda e: e.encode("ab!"), ValueError, r"symbols \['!'\] are not in the vocabulary"),
        (lambda e: e.encode(""), ValueError, "symbols must not be empty"),
        (lambda e: e.decode([26]), ValueError, "ids must be in 0..25"),
        (lambda e: e.decode([[1]]), ValueError, "ids must have rank 1"),
        (lambda e: e.decode([0.5]), TypeError, "ids must be integers"),
        (lambda e: e.one_hot(["ab", "abc"]), ValueError, "strings must all have one length"),
        (lambda e: e.one_hot([]), ValueError, "at least one string"),
        (lambda e: e.decode_softmax(np.ones((1, 1, 26))), ValueError, "probabilities must have"),
        (lambda e: e.decode_softmax(np.ones(5)), ValueError, "26 columns"),
        (lambda e: top_k(e, np.ones(26), 0), ValueError, "k must be in"),
        (lambda e: top_k(e, np.ones(3)), ValueError, "26 entries"),
    ],
)
def test_bad_input_is_refused(encoder, call, error, match):
    with pytest.raises(error, match=match):
        call(encoder)


@pytest.mark.parametrize(
    ("vocabulary", "error", "match"),
    [("", ValueError, "at least one symbol"), ("aba", ValueError, "repeated"), ([1], TypeError, "strings")],
)
def test_bad_vocabulary_is_refused(vocabulary, error, match):
    with pytest.raises(error, match=match):
        SymbolEncoder(vocabulary)
