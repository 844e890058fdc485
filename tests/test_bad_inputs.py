"""Every public helper answers bad input with a ValueError or TypeError (FileNotFoundError for a
missing path) whose message names the argument, never with Python's own message from deep inside
and never with a silent garbage result (issue #12).

Each case is ``(function, call, error, match)``; ``match`` starts with the argument's name. The
classes of bad input: None, wrong types (strings for numbers, floats and bools for counts, a
non-encoder for an encoder), NaN and infinity in data and probabilities, empty and ragged input,
malformed CSV rows, out-of-range digits, sizes and indices.
"""

import inspect

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import (
    _checks,
    cell_diagrams,
    datasets,
    diagrams,
    encoding,
    plots,
    reference,
    report,
    reproducibility,
    sequences,
    text,
)
from helpers.encoding import SymbolEncoder, top_k

NAN, INF = float("nan"), float("inf")
ENCODER = SymbolEncoder("abc")
GOOD_ROW = [0.2, 0.3, 0.5]
RNG = np.random.default_rng
NAN_MESSAGE = "must hold finite numbers"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


SEQUENCES = [
    ("echo_sequence", lambda: sequences.echo_sequence(None), TypeError, "length must be a positive integer, got None"),
    ("echo_sequence", lambda: sequences.echo_sequence("5"), TypeError, "length must be a positive integer"),
    ("echo_sequence", lambda: sequences.echo_sequence(-3), ValueError, "length must be a positive integer"),
    ("echo_sequence", lambda: sequences.echo_sequence(10**12), ValueError, "length must give at most 100,000,000 values"),
    ("as_one_to_one", lambda: sequences.as_one_to_one(None), TypeError, "sequence must be numeric, got None"),
    ("as_one_to_one", lambda: sequences.as_one_to_one([0.0, NAN]), ValueError, f"sequence {NAN_MESSAGE}.*nan at index 1"),
    ("as_one_to_one", lambda: sequences.as_one_to_one([[1, 2], [3]]), ValueError, "sequence must be numeric in rows of one length"),
    ("as_one_to_one", lambda: sequences.as_one_to_one([1.0, None]), TypeError, "sequence must be numeric, got None at index 1"),
    ("as_many_to_one", lambda: sequences.as_many_to_one([0.0, INF]), ValueError, f"sequence {NAN_MESSAGE}.*inf"),
    ("as_many_to_one", lambda: sequences.as_many_to_one(["1", "2"]), TypeError, "sequence must be numeric, got strings"),
    ("as_many_to_many", lambda: sequences.as_many_to_many([True, False]), TypeError, "sequence must be numeric, got booleans"),
    ("as_many_to_many", lambda: sequences.as_many_to_many({"a": 1}), TypeError, "sequence must be numeric, got a dict"),
    ("as_many_to_many", lambda: sequences.as_many_to_many(np.zeros(0)), ValueError, "sequence must not be empty"),
    ("ramp_sequences", lambda: sequences.ramp_sequences(None, 3, 0.1), TypeError, "starts must be numeric"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([NAN], 3, 0.1), ValueError, f"starts {NAN_MESSAGE}"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([], 3, 0.1), ValueError, "starts must not be empty"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3.0, 0.1), TypeError, "n_steps must be a positive integer"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], True, 0.1), TypeError, "n_steps must be a positive integer"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0, 1.0], 10**9, 0.1), ValueError, r"n_steps \* len\(starts\) must give at most"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3, None), TypeError, "step must be a real number, got None"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3, "0.1"), TypeError, "step must be a real number"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3, True), TypeError, "step must be a real number"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3, NAN), ValueError, "step must be a finite number"),
    ("ramp_sequences", lambda: sequences.ramp_sequences([0.0], 3, -INF), ValueError, "step must be a finite number"),
    ("sliding_windows", lambda: sequences.sliding_windows(None, 2), TypeError, "series must be numeric"),
    ("sliding_windows", lambda: sequences.sliding_windows([1, NAN, 3, 4], 2), ValueError, f"series {NAN_MESSAGE}"),
    ("sliding_windows", lambda: sequences.sliding_windows([[1, 2], [3]], 1), ValueError, "series must be numeric in rows of one length"),
    ("sliding_windows", lambda: sequences.sliding_windows([1, 2, 3], None), TypeError, "window must be a positive integer"),
    ("sliding_windows", lambda: sequences.sliding_windows([1, 2, 3], "2"), TypeError, "window must be a positive integer"),
    ("sliding_windows", lambda: sequences.sliding_windows([1, 2, 3], 2.0), TypeError, "window must be a positive integer"),
    ("sliding_windows", lambda: sequences.sliding_windows(np.zeros(40_000), 20_000), ValueError, r"window \* \(len\(series\) - window\) must give at most"),
    ("split_in_time", lambda: sequences.split_in_time(None, [1, 2]), TypeError, "X must be an array of numbers, got None"),
    ("split_in_time", lambda: sequences.split_in_time([1, 2], None), TypeError, "y must be an array of numbers, got None"),
    ("split_in_time", lambda: sequences.split_in_time([1, NAN, 3], [1, 2, 3]), ValueError, f"X {NAN_MESSAGE}"),
    ("split_in_time", lambda: sequences.split_in_time([1, 2, 3], [1, INF, 3]), ValueError, f"y {NAN_MESSAGE}"),
    ("split_in_time", lambda: sequences.split_in_time([], []), ValueError, "X must hold at least one sample"),
    ("split_in_time", lambda: sequences.split_in_time(3.0, 3.0), ValueError, "X must hold at least one sample"),
    ("split_in_time", lambda: sequences.split_in_time([[1], [1, 2]], [1, 2]), ValueError, "X must be an array of numbers in rows of one length"),
    ("split_in_time", lambda: sequences.split_in_time(["a", "b"], [1, 2]), TypeError, "X must be an array of numbers, got strings"),
    ("split_in_time", lambda: sequences.split_in_time(np.ones(4), np.ones(4), None), TypeError, "train_fraction must be a real number"),
    ("split_in_time", lambda: sequences.split_in_time(np.ones(4), np.ones(4), "0.5"), TypeError, "train_fraction must be a real number"),
    ("split_in_time", lambda: sequences.split_in_time(np.ones(4), np.ones(4), True), TypeError, "train_fraction must be a real number"),
    ("split_in_time", lambda: sequences.split_in_time(np.ones(4), np.ones(4), NAN), ValueError, "train_fraction must be a finite number"),
    ("split_in_time", lambda: sequences.split_in_time(np.ones(4), np.ones(4), 0.0), ValueError, "train_fraction must be between 0 and 1"),
    ("alphabet_series", lambda: sequences.alphabet_series(None), TypeError, "n_repeats must be a positive integer"),
    ("alphabet_series", lambda: sequences.alphabet_series(1.5), TypeError, "n_repeats must be a positive integer"),
    ("alphabet_series", lambda: sequences.alphabet_series(10**12), ValueError, "n_repeats .* must give at most"),
    ("alphabet_windows", lambda: sequences.alphabet_windows("5"), TypeError, "window must be a positive integer"),
    ("alphabet_windows", lambda: sequences.alphabet_windows(-1), ValueError, "window must be a positive integer"),
    ("alphabet_windows", lambda: sequences.alphabet_windows(30), ValueError, "window must be shorter than the alphabet"),
    ("pad_sequences", lambda: sequences.pad_sequences(None), TypeError, "sequences must be a list of 1-D sequences"),
    ("pad_sequences", lambda: sequences.pad_sequences(5), TypeError, "sequences must be a list of 1-D sequences"),
    ("pad_sequences", lambda: sequences.pad_sequences("abc"), TypeError, "sequences must be a list of 1-D sequences"),
    ("pad_sequences", lambda: sequences.pad_sequences(s for s in [[1.0]]), TypeError, "sequences must be a list of 1-D sequences"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0], None]), TypeError, r"sequences\[1\] must be numeric, got None"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0, NAN]]), ValueError, rf"sequences\[0\] {NAN_MESSAGE}"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0], [[2.0]]]), ValueError, r"sequences\[1\] must have rank 1"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], maxlen=3.0), TypeError, "maxlen must be a positive integer"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], maxlen=0), ValueError, "maxlen must be a positive integer"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], maxlen=10**9), ValueError, "maxlen .* must give at most"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], value=None), TypeError, "value must be a real number"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], value="0"), TypeError, "value must be a real number"),
    ("pad_sequences", lambda: sequences.pad_sequences([[1.0]], value=NAN), ValueError, "value must be a finite number"),
    ("flagged_coin_sequences", lambda: sequences.flagged_coin_sequences(None, 2, RNG()), TypeError, "n_samples must be a positive integer"),
    ("flagged_coin_sequences", lambda: sequences.flagged_coin_sequences(2, "2", RNG()), TypeError, "lag must be a positive integer"),
    ("flagged_coin_sequences", lambda: sequences.flagged_coin_sequences(2, 2, RNG(), 0), ValueError, "n_before must be a positive integer"),
    ("flagged_coin_sequences", lambda: sequences.flagged_coin_sequences(2, 2, None), TypeError, "rng must be a numpy.random.Generator"),
    ("flagged_coin_sequences", lambda: sequences.flagged_coin_sequences(10**9, 40, RNG()), ValueError, r"n_samples \* \(n_before \+ lag\) \* 2 must give at most"),
]

ENCODING = [
    ("SymbolEncoder", lambda: SymbolEncoder(None), TypeError, "vocabulary must be a string or a list of symbols"),
    ("SymbolEncoder", lambda: SymbolEncoder(5), TypeError, "vocabulary must be a string or a list of symbols"),
    ("SymbolEncoder", lambda: SymbolEncoder(["a", None]), TypeError, "vocabulary must hold strings, got None at position 1"),
    ("SymbolEncoder", lambda: SymbolEncoder(["", "a"]), ValueError, "vocabulary must hold non-empty strings"),
    ("SymbolEncoder", lambda: SymbolEncoder([]), ValueError, "vocabulary must hold at least one symbol"),
    ("encode", lambda: ENCODER.encode(None), TypeError, "symbols must be a string or a list of symbols"),
    ("encode", lambda: ENCODER.encode(5), TypeError, "symbols must be a string or a list of symbols"),
    ("encode", lambda: ENCODER.encode(["a", 1]), TypeError, "symbols must be a string or a list of symbols.*got 1 at position 1"),
    ("encode", lambda: ENCODER.encode([["a"]]), TypeError, "symbols must be a string or a list of symbols"),
    ("encode", lambda: ENCODER.encode([]), ValueError, "symbols must not be empty"),
    ("decode", lambda: ENCODER.decode(None), TypeError, "ids must be integers"),
    ("decode", lambda: ENCODER.decode("ab"), TypeError, "ids must be integers"),
    ("decode", lambda: ENCODER.decode([NAN]), TypeError, "ids must be integers"),
    ("decode", lambda: ENCODER.decode([True]), TypeError, "ids must be integers"),
    ("decode", lambda: ENCODER.decode([]), ValueError, "ids must not be empty"),
    ("decode", lambda: ENCODER.decode([[1], [1, 2]]), ValueError, "ids must have rank 1"),
    ("decode", lambda: ENCODER.decode([-1]), ValueError, r"ids must be in 0..2, got \[-1\]"),
    ("one_hot", lambda: ENCODER.one_hot(None), TypeError, "strings must be a string or a list of strings"),
    ("one_hot", lambda: ENCODER.one_hot(5), TypeError, "strings must be a string or a list of strings"),
    ("one_hot", lambda: ENCODER.one_hot(["ab", None]), TypeError, r"strings\[1\] must be a string"),
    ("one_hot", lambda: ENCODER.one_hot(""), ValueError, "strings must not be empty"),
    ("one_hot", lambda: ENCODER.one_hot([""]), ValueError, r"strings\[0\] must not be empty"),
    ("one_hot", lambda: ENCODER.one_hot(["ab", "abc"]), ValueError, "strings must all have one length"),
    ("one_hot", lambda: SymbolEncoder([str(i) for i in range(20_000)]).one_hot(["0"] * 6_000), ValueError, r"strings \(symbols \* vocabulary\) must give at most"),
    ("one_hot", lambda: ENCODER.one_hot(["ab", "ax"]), ValueError, r"strings\[1\] must hold symbols of the vocabulary 'abc', got \['x'\]"),
    ("decode_softmax", lambda: ENCODER.decode_softmax(None), TypeError, "probabilities must be numbers in"),
    ("decode_softmax", lambda: ENCODER.decode_softmax(["1", "0", "0"]), TypeError, "probabilities must be numbers in"),
    ("decode_softmax", lambda: ENCODER.decode_softmax({"a": 1}), TypeError, "probabilities must be numbers in"),
    ("decode_softmax", lambda: ENCODER.decode_softmax([NAN, 0.5, 0.5]), ValueError, f"probabilities {NAN_MESSAGE}"),
    ("decode_softmax", lambda: ENCODER.decode_softmax([[INF, 0, 0]]), ValueError, f"probabilities {NAN_MESSAGE}"),
    ("decode_softmax", lambda: ENCODER.decode_softmax([-1.0, 0.5, 0.5]), ValueError, r"probabilities must hold probabilities in \[0, 1\]"),
    ("decode_softmax", lambda: ENCODER.decode_softmax([3.0, 0.5, 0.5]), ValueError, r"probabilities must hold probabilities in \[0, 1\]"),
    ("decode_softmax", lambda: ENCODER.decode_softmax(np.zeros((0, 3))), ValueError, "probabilities must hold at least one row"),
    ("decode_softmax", lambda: ENCODER.decode_softmax([[1, 0, 0], [1, 0]]), ValueError, "probabilities must be numbers in .* rows of one length"),
    ("top_k", lambda: top_k(None, GOOD_ROW), TypeError, "encoder must be a SymbolEncoder, got None"),
    ("top_k", lambda: top_k("abc", GOOD_ROW), TypeError, "encoder must be a SymbolEncoder"),
    ("top_k", lambda: top_k(ENCODER, None), TypeError, "probabilities must be numeric"),
    ("top_k", lambda: top_k(ENCODER, [NAN, 0.5, 0.5]), ValueError, f"probabilities {NAN_MESSAGE}"),
    ("top_k", lambda: top_k(ENCODER, [-0.2, 0.7, 0.5]), ValueError, r"probabilities must hold probabilities in \[0, 1\]"),
    ("top_k", lambda: top_k(ENCODER, []), ValueError, "probabilities must not be empty"),
    ("top_k", lambda: top_k(ENCODER, GOOD_ROW, None), TypeError, r"k must be an integer in 1..3"),
    ("top_k", lambda: top_k(ENCODER, GOOD_ROW, "2"), TypeError, r"k must be an integer in 1..3"),
    ("top_k", lambda: top_k(ENCODER, GOOD_ROW, 2.0), TypeError, r"k must be an integer in 1..3"),
    ("top_k", lambda: top_k(ENCODER, GOOD_ROW, True), TypeError, r"k must be an integer in 1..3"),
    ("top_k", lambda: top_k(ENCODER, GOOD_ROW, 4), ValueError, r"k must be in 1..3, got 4"),
]

LOSSES = {"loss": [1.0, 0.5]}
PLOTS = [
    ("new_figure", lambda: plots.new_figure(None, "x", "y"), TypeError, "title must be a string, got None"),
    ("new_figure", lambda: plots.new_figure("t", 5, "y"), TypeError, "xlabel must be a string, got 5"),
    ("new_figure", lambda: plots.new_figure("t", "x", ["y"]), TypeError, "ylabel must be a string"),
    ("plot_history", lambda: plots.plot_history(None), TypeError, "history must be a keras History or a dict"),
    ("plot_history", lambda: plots.plot_history({"loss": None}), TypeError, r"history\['loss'\] must be a list of numbers, got None"),
    ("plot_history", lambda: plots.plot_history({"loss": 5}), ValueError, r"history\['loss'\] must have rank 1"),
    ("plot_history", lambda: plots.plot_history({"loss": ["a", "b"]}), TypeError, r"history\['loss'\] must be a list of numbers, got strings"),
    ("plot_history", lambda: plots.plot_history({"loss": [1.0, NAN]}), ValueError, rf"history\['loss'\] {NAN_MESSAGE}.*index 1"),
    ("plot_history", lambda: plots.plot_history({"val_loss": [INF]}), ValueError, rf"history\['val_loss'\] {NAN_MESSAGE}"),
    ("plot_history", lambda: plots.plot_history({"loss": [[1.0, 2.0]]}), ValueError, r"history\['loss'\] must have rank 1"),
    ("plot_history", lambda: plots.plot_history({"loss": [[1.0], [1.0, 2.0]]}), ValueError, r"history\['loss'\] must be a list of numbers in rows of one length"),
    ("plot_history", lambda: plots.plot_history({1: [1.0]}), TypeError, "history keys must be strings"),
    ("plot_history", lambda: plots.plot_history({"loss": []}), ValueError, "history holds no loss values"),
    ("plot_history", lambda: plots.plot_history(LOSSES, title=None), TypeError, "title must be a string"),
    ("plot_history", lambda: plots.plot_history(LOSSES, log_scale="no"), TypeError, "log_scale must be True or False"),
    ("plot_history", lambda: plots.plot_history(LOSSES, steps_per_epoch=2.0), TypeError, "steps_per_epoch must be a positive integer"),
    ("plot_history", lambda: plots.plot_history(LOSSES, steps_per_epoch=0), ValueError, "steps_per_epoch must be a positive integer"),
    ("LossPlot", lambda: plots.LossPlot(None), TypeError, "title must be a string"),
    ("LossPlot", lambda: plots.LossPlot(log_scale="yes"), TypeError, "log_scale must be True or False"),
    ("LossPlot", lambda: plots.LossPlot(refresh_seconds="1"), TypeError, "refresh_seconds must be a real number"),
    ("LossPlot", lambda: plots.LossPlot(refresh_seconds=-1), ValueError, "refresh_seconds must be >= 0"),
    ("LossPlot", lambda: plots.LossPlot(refresh_seconds=NAN), ValueError, "refresh_seconds must be a finite number"),
    ("LossPlot", lambda: plots.LossPlot(live="no"), TypeError, "live must be True or False"),
    ("LossPlot", lambda: plots.LossPlot(steps_per_epoch=True), TypeError, "steps_per_epoch must be a positive integer"),
    ("plot_predictions", lambda: plots.plot_predictions(None, [1.0]), TypeError, "target must be numeric, got None"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], None), TypeError, "predicted must be numeric, got None"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, NAN]), ValueError, f"predicted {NAN_MESSAGE}"),
    ("plot_predictions", lambda: plots.plot_predictions([INF, 2], [1, 2]), ValueError, f"target {NAN_MESSAGE}"),
    ("plot_predictions", lambda: plots.plot_predictions([], []), ValueError, "target must not be empty"),
    ("plot_predictions", lambda: plots.plot_predictions([[1, 2], [3]], [1, 2]), ValueError, "target must be numeric in rows of one length"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], x=5), ValueError, "x must have rank 1"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], x=["a", "b"]), TypeError, "x must be numeric, got strings"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], x=[0, NAN]), ValueError, f"x {NAN_MESSAGE}"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], baseline=[0, INF]), ValueError, f"baseline {NAN_MESSAGE}"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], baseline="ab"), TypeError, "baseline must be numeric"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], title=None), TypeError, "title must be a string"),
    ("plot_predictions", lambda: plots.plot_predictions([1, 2], [1, 2], baseline_label=3), TypeError, "baseline_label must be a string"),
]

REPORT = [
    ("headline", lambda: report.headline(None, 1.0), TypeError, "label must be a string, got None"),
    ("headline", lambda: report.headline(5, 1.0), TypeError, "label must be a string"),
    ("headline", lambda: report.headline("  ", 1.0), ValueError, "label must be a non-empty string"),
    ("headline", lambda: report.headline("x", None), TypeError, "value must be a real number, got None"),
    ("headline", lambda: report.headline("x", "0.5"), TypeError, "value must be a real number, got '0.5'"),
    ("headline", lambda: report.headline("x", True), TypeError, "value must be a real number, got True"),
    ("headline", lambda: report.headline("x", [1.0]), TypeError, "value must be a real number"),
    ("headline", lambda: report.headline("x", np.array([1.0, 2.0])), TypeError, "value must be a single real number"),
    ("headline", lambda: report.headline("x", 1j), TypeError, "value must be a real number"),
    ("headline", lambda: report.headline("x", NAN), ValueError, "value must be a finite number, got nan"),
    ("headline", lambda: report.headline("x", -INF), ValueError, "value must be a finite number"),
    ("headline", lambda: report.headline("x", 1.0, 0.02), TypeError, "target must be a string, got 0.02"),
    ("headline", lambda: report.headline("x", 1.0, None, None), TypeError, "digits must be a whole number >= 0"),
    ("headline", lambda: report.headline("x", 1.0, None, "3"), TypeError, "digits must be a whole number >= 0"),
    ("headline", lambda: report.headline("x", 1.0, None, 2.0), TypeError, "digits must be a whole number >= 0"),
    ("headline", lambda: report.headline("x", 1.0, None, -1), ValueError, "digits must be a whole number >= 0, got -1"),
    ("headline", lambda: report.headline("x", 1.0, None, 10**9), ValueError, r"digits must be a whole number in 0..17, got 1000000000"),
    ("find_headline", lambda: report.find_headline(None), TypeError, "text must be a string, got None"),
    ("find_headline", lambda: report.find_headline(b"Headline: x"), TypeError, "text must be a string"),
]

REPRODUCIBILITY = [
    ("seed_everything", lambda: reproducibility.seed_everything(None), TypeError, "seed must be an integer, got None"),
    ("seed_everything", lambda: reproducibility.seed_everything("42"), TypeError, "seed must be an integer"),
    ("seed_everything", lambda: reproducibility.seed_everything(4.0), TypeError, "seed must be an integer"),
    ("seed_everything", lambda: reproducibility.seed_everything(2**32), ValueError, r"seed must be >= 0 and <= 2\*\*32 - 1"),
    ("seed_from_environment", lambda: reproducibility.seed_from_environment(None), TypeError, "default must be an integer"),
    ("seed_from_environment", lambda: reproducibility.seed_from_environment(True), TypeError, "default must be an integer"),
    ("seed_from_environment", lambda: reproducibility.seed_from_environment(-1), ValueError, "default must be >= 0"),
]

# Sizes: batch 2, T 3, d 4, u 5.
X = np.zeros((2, 3, 4))
W1, U1 = np.zeros((4, 5)), np.zeros((5, 5))
W4, U4 = np.zeros((4, 20)), np.zeros((5, 20))
W3, U3 = np.zeros((4, 15)), np.zeros((5, 15))
REFERENCE = [
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(None, W1, U1), TypeError, "x must be an array of numbers, got None"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(np.full((2, 3, 4), NAN), W1, U1), ValueError, rf"x {NAN_MESSAGE}.*index \(0, 0, 0\)"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward([[[1.0]], [[1.0, 2.0]]], W1, U1), ValueError, "x must be an array of numbers in rows of one length"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(np.full((2, 3, 4), "1"), W1, U1), TypeError, "x must be an array of numbers, got strings"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(np.zeros((2, 3, 4), bool), W1, U1), TypeError, "x must be an array of numbers, got booleans"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(np.zeros((2, 3, 0)), np.zeros((0, 5)), U1), ValueError, "x must have at least one feature"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, None, U1), TypeError, "kernel must be an array of numbers, got None"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, np.full((4, 5), INF), U1), ValueError, f"kernel {NAN_MESSAGE}"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, None), TypeError, "recurrent_kernel must be an array of numbers"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, np.full((5, 5), NAN)), ValueError, f"recurrent_kernel {NAN_MESSAGE}"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, U1, np.full(5, NAN)), ValueError, f"bias {NAN_MESSAGE}"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, U1, "abcde"), TypeError, "bias must be an array of numbers"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, U1, h0=np.full((2, 5), INF)), ValueError, f"h0 {NAN_MESSAGE}"),
    ("simple_rnn_forward", lambda: reference.simple_rnn_forward(X, W1, U1, activation=None, h0="0"), TypeError, "h0 must be an array of numbers"),
    ("lstm_forward", lambda: reference.lstm_forward(X, [[1, 2], [1]], U4), ValueError, "kernel must be an array of numbers in rows of one length"),
    ("lstm_forward", lambda: reference.lstm_forward(X, W4, U4, c0=np.full((2, 5), NAN)), ValueError, f"c0 {NAN_MESSAGE}"),
    ("lstm_forward", lambda: reference.lstm_forward(np.zeros((0, 3, 4)), W4, U4), ValueError, "x must have at least one sequence"),
    ("gru_forward", lambda: reference.gru_forward(X, W3, U3, np.full((2, 15), NAN)), ValueError, f"bias {NAN_MESSAGE}"),
    ("gru_forward", lambda: reference.gru_forward(X, W3, U3, reset_after=None), TypeError, "reset_after must be True or False, got None"),
    ("forward_from_layer", lambda: reference.forward_from_layer(None, X), TypeError, "layer must be a keras.layers.SimpleRNN, LSTM or GRU"),
    ("forward_from_layer", lambda: reference.forward_from_layer("SimpleRNN", X), TypeError, "layer must be a keras.layers.SimpleRNN, LSTM or GRU"),
    ("simple_rnn_params", lambda: reference.simple_rnn_params(None, 3), TypeError, "n_features must be a positive integer, got None"),
    ("simple_rnn_params", lambda: reference.simple_rnn_params(2, 3.0), TypeError, "n_units must be a positive integer"),
    ("lstm_params", lambda: reference.lstm_params("2", 3), TypeError, "n_features must be a positive integer"),
    ("lstm_params", lambda: reference.lstm_params(2, 0), ValueError, "n_units must be a positive integer"),
    ("gru_params", lambda: reference.gru_params(2, 3, None), TypeError, "reset_after must be True or False"),
    ("gru_params", lambda: reference.gru_params(2, False), TypeError, "n_units must be a positive integer"),
    ("dense_params", lambda: reference.dense_params(NAN, 3), TypeError, "n_inputs must be a positive integer"),
    ("dense_params", lambda: reference.dense_params(3, -2), ValueError, "n_units must be a positive integer"),
]

DATASETS = [
    ("data_path", lambda: datasets.data_path(None), TypeError, "name must be a file name"),
    ("data_path", lambda: datasets.data_path(5), TypeError, "name must be a file name"),
    ("data_path", lambda: datasets.data_path(""), ValueError, "name must be a file name"),
    ("data_path", lambda: datasets.data_path("../data/airline-passengers.csv"), ValueError, "name must be a file name"),
    ("data_path", lambda: datasets.data_path("no-such.csv"), FileNotFoundError, "name must be a file in"),
    ("load_series", lambda: datasets.load_series(None), TypeError, "path must be a file path"),
    ("load_series", lambda: datasets.load_series(3.5), TypeError, "path must be a file path"),
    ("load_series", lambda: datasets.load_series("no/such/file.csv"), FileNotFoundError, "path must be an existing file"),
    ("load_series", lambda: datasets.load_series(datasets.DATA_DIR), ValueError, "path must be a file, got the folder"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), None), TypeError, "column must be a whole number >= 0"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), "1"), TypeError, "column must be a whole number >= 0"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), 1.0), TypeError, "column must be a whole number >= 0"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), True), TypeError, "column must be a whole number >= 0"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), -1), ValueError, "column must be a whole number >= 0"),
    ("load_series", lambda: datasets.load_series(datasets.data_path("airline-passengers.csv"), 2), ValueError, r"column must be in 0..1"),
    ("load_text", lambda: datasets.load_text(None), TypeError, "path must be a file path"),
    ("load_text", lambda: datasets.load_text(["a.txt"]), TypeError, "path must be a file path"),
    ("load_text", lambda: datasets.load_text("no/such/file.txt"), FileNotFoundError, "path must be an existing file"),
    ("load_text", lambda: datasets.load_text(datasets.DATA_DIR), ValueError, "path must be a file, got the folder"),
]

TEXT = [
    ("next_step_windows", lambda: text.next_step_windows(None, 2), TypeError, "ids must be a 1-D sequence"),
    ("next_step_windows", lambda: text.next_step_windows("abcd", 2), TypeError, "ids must be a 1-D sequence"),
    ("next_step_windows", lambda: text.next_step_windows([0.5, 1.5, 2.5], 2), TypeError, "ids must hold integers"),
    ("next_step_windows", lambda: text.next_step_windows([[0, 1], [1]], 1), ValueError, "ids must be"),
    ("next_step_windows", lambda: text.next_step_windows([], 2), ValueError, "ids must hold at least"),
    ("next_step_windows", lambda: text.next_step_windows([0, -3, 1], 2), ValueError, "ids must be >= 0"),
    ("next_step_windows", lambda: text.next_step_windows([0, 1, 2], 3), ValueError, "ids must hold at least"),
    ("next_step_windows", lambda: text.next_step_windows([0, 1, 2], 1.5), TypeError, "n_timesteps must be a positive integer"),
    ("next_step_windows", lambda: text.next_step_windows([0, 1, 2], 1, stride=0), ValueError, "stride"),
    ("sample_with_temperature", lambda: text.sample_with_temperature(None, 1.0, np.random.default_rng(0)), TypeError, "probabilities"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.5, NAN], 1.0, np.random.default_rng(0)), ValueError, "probabilities"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.0, 0.0], 1.0, np.random.default_rng(0)), ValueError, "probabilities must not all be 0"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.5, 0.5], 0, np.random.default_rng(0)), ValueError, "temperature must be above 0"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.5, 0.5], INF, np.random.default_rng(0)), ValueError, "temperature must be a finite number"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.5, 0.5], "1", np.random.default_rng(0)), TypeError, "temperature must be a real number"),
    ("sample_with_temperature", lambda: text.sample_with_temperature([0.5, 0.5], 1.0, 7), TypeError, "rng must be a numpy Generator"),
]

DIAGRAMS = [
    ("topology", lambda: diagrams.topology("zig-zag"), ValueError, "name must be one of"),
    ("topology", lambda: diagrams.topology(None), ValueError, "name must be one of"),
    ("topology", lambda: diagrams.topology("many-to-one", 0), ValueError, "n_steps"),
    ("topology", lambda: diagrams.topology("many-to-one", 2.5), TypeError, "n_steps"),
    ("topology", lambda: diagrams.topology("many-to-one", repeat_input="no"), TypeError, "repeat_input"),
    ("topology", lambda: diagrams.topology("one-to-one", feed_back=True), ValueError, "feed_back"),
    ("Topology", lambda: diagrams.Topology("spiral", 1, 1, 1), ValueError, "name must be one of"),
    ("Topology", lambda: diagrams.Topology("many-to-one", 3, 1, 2), ValueError, "n_inputs and n_outputs"),
    ("Topology", lambda: diagrams.Topology("many-to-one", None, 1, 2), TypeError, "n_inputs"),
    ("topology_of_model", lambda: diagrams.topology_of_model(None), TypeError, "model must be a keras.Model"),
    ("topology_of_model", lambda: diagrams.topology_of_model("LSTM"), TypeError, "model must be a keras.Model"),
    ("draw_topology", lambda: diagrams.draw_topology("many-to-one", ax="left"), TypeError, "ax must be a matplotlib Axes"),
    ("draw_topology", lambda: diagrams.draw_topology("many-to-one", title=3), TypeError, "title must be a string"),
    ("draw_topology", lambda: diagrams.draw_topology("many-to-one", n_steps=-1), ValueError, "n_steps"),
    ("draw_topology", lambda: diagrams.draw_topology("encoder-decoder", feed_back=None), TypeError, "feed_back"),
    ("draw_model", lambda: diagrams.draw_model(None), TypeError, "model must be a keras.Model"),
    ("draw_all", lambda: diagrams.draw_all(0), ValueError, "n_steps"),
    ("draw_all", lambda: diagrams.draw_all("3"), TypeError, "n_steps"),
]

CELL_DIAGRAMS = [
    ("draw_cell", lambda: cell_diagrams.draw_cell("RNN"), ValueError, "kind must be one of SimpleRNN, LSTM, GRU; got 'RNN'"),
    ("draw_cell", lambda: cell_diagrams.draw_cell("LSTM cell"), ValueError, "kind must be one of SimpleRNN, LSTM, GRU"),
    ("draw_cell", lambda: cell_diagrams.draw_cell(""), ValueError, "kind must be one of SimpleRNN, LSTM, GRU; got ''"),
    ("draw_cell", lambda: cell_diagrams.draw_cell(None), TypeError, "kind must be a string, got None"),
    ("draw_cell", lambda: cell_diagrams.draw_cell(3), TypeError, "kind must be a string, got 3"),
    ("draw_cell", lambda: cell_diagrams.draw_cell(["LSTM"]), TypeError, "kind must be a string, got a list"),
    ("draw_cell", lambda: cell_diagrams.draw_cell("LSTM", ax="left"), TypeError, r"ax must be a matplotlib Axes \(from plt.subplots\), got 'left'"),
    ("draw_cell", lambda: cell_diagrams.draw_cell("LSTM", ax=plt.figure()), TypeError, r"ax must be a matplotlib Axes \(from plt.subplots\), got a Figure"),
    ("draw_cell", lambda: cell_diagrams.draw_cell("GRU", title=1), TypeError, "title must be a string, got 1"),
    ("draw_cell", lambda: cell_diagrams.draw_cell("GRU", title=["GRU"]), TypeError, "title must be a string, got a list"),
    ("cell_kind", lambda: cell_diagrams.cell_kind("gru2"), ValueError, "kind must be one of SimpleRNN, LSTM, GRU; got 'gru2'"),
    ("cell_kind", lambda: cell_diagrams.cell_kind(b"LSTM"), TypeError, "kind must be a string, got b'LSTM'"),
]

CASES = (
    SEQUENCES + ENCODING + PLOTS + REPORT + REPRODUCIBILITY + REFERENCE + DATASETS + TEXT
    + DIAGRAMS + CELL_DIAGRAMS
)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [pytest.param(call, error, match, id=f"{function}-{i}") for i, (function, call, error, match) in enumerate(CASES)],
)
def test_bad_input_is_refused_by_name(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("month,n\n1949-01,112\n1949-02\n", r"row 3, column 1 \('n'\) must hold a number, got a missing value"),
        ("month,n\n1949-01,112\n1949-02,\n", r"row 3, column 1 \('n'\) must hold a number, got ''"),
        ("month,n\n1949-01,abc\n1949-02,3\n", r"row 2, column 1 \('n'\) must hold a number, got 'abc'"),
        ("month,n\n1949-01,nan\n", r"row 2, column 1 \('n'\) must hold a finite number, got 'nan'"),
        ("month,n\n1949-01,-inf\n", r"row 2, column 1 \('n'\) must hold a finite number, got '-inf'"),
        ("month,n\n1949-01,1e39\n", r"row 2, column 1 \('n'\) must hold a finite number, got '1e39'"),
        ("month,n\n\n1949-01,1\n\n1949-02,x\n", r"row 5, column 1 \('n'\) must hold a number, got 'x'"),
        ("month,n\n", "path must be a CSV file with a header and at least one row of data"),
        ("", "path must be a CSV file with a header and at least one row of data"),
    ],
    ids=["missing", "blank", "text", "nan", "inf", "float32-overflow", "blank-lines", "header-only", "empty"],
)
def test_malformed_csv_rows_name_the_file_row_and_column(tmp_path, text, match):
    path = tmp_path / "series.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=match) as caught:
        datasets.load_series(path)
    assert str(path) in str(caught.value), "the message names the file"


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00a,b\n\x80,1\n")
    with pytest.raises(ValueError, match="path must be a CSV text file"):
        datasets.load_series(path)


def test_a_missing_data_file_is_also_a_value_error():
    with pytest.raises(ValueError, match="name must be a file in"):
        datasets.data_path("no-such.csv")


def test_a_bad_seed_variable_names_the_variable(monkeypatch):
    monkeypatch.setenv(reproducibility.SEED_VARIABLE, str(2**32))
    with pytest.raises(ValueError, match=reproducibility.SEED_VARIABLE):
        reproducibility.seed_from_environment()


@pytest.mark.parametrize(
    ("check", "value", "error", "match"),
    [
        (_checks.axes, None, TypeError, r"ax must be a matplotlib Axes \(from plt.subplots\), got None"),
        (_checks.axes, plt.figure, TypeError, "ax must be a matplotlib Axes"),
        (_checks.probability_array, [[0.5, NAN]], ValueError, f"p {NAN_MESSAGE}"),
        (_checks.probability_array, [1.5], ValueError, r"p must hold probabilities in \[0, 1\]"),
        (_checks.real_number, np.array(2.0 + 1j), TypeError, "p must be a single real number"),
        (_checks.real_number, 10**400, ValueError, "p must be a finite number"),
        (_checks.real_array, [1, 10**400], ValueError, f"p {NAN_MESSAGE}"),
        (_checks.real_array, [object()], TypeError, "p must be numeric, got an object at index 0"),
        (_checks.real_array, np.array(["2020-01-01"], dtype="datetime64[D]"), TypeError, "p must be numeric, got dates"),
        (_checks.existing_file, b"/tmp", TypeError, "p must be a file path"),
    ],
)
def test_shared_checks(check, value, error, match):
    name = "ax" if check is _checks.axes else "p"
    with pytest.raises(error, match=match):
        check(value, name)


def test_the_checks_let_good_input_through():
    fig, ax = plt.subplots()
    assert _checks.axes(ax) is ax
    assert _checks.real_number(np.float32(0.5), "p") == 0.5
    assert _checks.real_number(np.array(3), "p") == 3.0
    np.testing.assert_array_equal(_checks.probability_array([0.0, 1.0], "p"), [0.0, 1.0])
    assert _checks.real_array([1, 2.5], "p").dtype == np.float64


def _public_callables():
    """Yield ``(module, name)`` for each public function, class and SymbolEncoder method that
    takes an argument."""
    for module in (sequences, encoding, plots, datasets, report, reference, reproducibility,
                   text, diagrams, cell_diagrams):
        for name, member in vars(module).items():
            if name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(member) and issubclass(member, Exception):
                continue
            if inspect.isfunction(member) and not inspect.signature(member).parameters:
                continue  # nothing to check: live_plots_enabled, repository_url, data_url
            if inspect.isfunction(member) or inspect.isclass(member):
                yield module.__name__, name
    for name, member in vars(SymbolEncoder).items():
        if inspect.isfunction(member) and not name.startswith("_"):
            yield "helpers.encoding", name


@pytest.mark.parametrize(("module", "name"), list(_public_callables()))
def test_every_public_callable_has_bad_input_cases(module, name):
    covered = {function for function, *_ in CASES}
    assert name in covered, f"{module}.{name} has no case in tests/test_bad_inputs.py"
