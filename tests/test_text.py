"""helpers.text: next-step windows of a long id sequence, sampling with temperature; and
helpers.datasets.load_text."""

import numpy as np
import pytest

from helpers import datasets, text


def test_windows_are_side_by_side_and_shifted_by_one():
    X, y = text.next_step_windows(np.arange(7), n_timesteps=3)
    assert X.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert y.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert X.dtype == y.dtype == np.int32


def test_a_stride_overlaps_windows_and_every_target_is_the_next_id():
    ids = np.random.default_rng(0).integers(0, 20, size=101)
    X, y = text.next_step_windows(ids, n_timesteps=10, stride=3)
    assert X.shape == y.shape == (31, 10)
    assert (y[:, :-1] == X[:, 1:]).all()
    for i, start in enumerate(range(0, 91, 3)):
        assert (X[i] == ids[start:start + 10]).all() and y[i, -1] == ids[start + 10]


def test_just_enough_ids_for_one_window():
    X, y = text.next_step_windows([4, 5, 6], n_timesteps=2)
    assert X.tolist() == [[4, 5]] and y.tolist() == [[5, 6]]


@pytest.mark.parametrize(
    ("ids", "kwargs", "error", "names"),
    [
        (None, {}, TypeError, "ids"),
        ("abc", {}, TypeError, "ids"),
        (3, {}, TypeError, "ids"),
        ([0.5, 1.0, 2.0], {}, TypeError, "ids"),
        ([True, False, True], {}, TypeError, "ids"),
        ([[0, 1], [2, 3]], {}, ValueError, "ids"),
        ([[0, 1], [2]], {}, ValueError, "ids"),
        ([], {}, ValueError, "ids"),
        ([0, 1], {}, ValueError, "ids"),
        ([0, -1, 2, 3], {}, ValueError, "ids"),
        ([0, 1, 2, 3], {"n_timesteps": 0}, ValueError, "n_timesteps"),
        ([0, 1, 2, 3], {"n_timesteps": 2.0}, TypeError, "n_timesteps"),
        ([0, 1, 2, 3], {"n_timesteps": None}, TypeError, "n_timesteps"),
        ([0, 1, 2, 3], {"stride": 0}, ValueError, "stride"),
        ([0, 1, 2, 3], {"stride": "1"}, TypeError, "stride"),
    ],
)
def test_bad_windows_are_refused_by_name(ids, kwargs, error, names):
    arguments = {"n_timesteps": 2, **kwargs}
    with pytest.raises(error, match=names):
        text.next_step_windows(ids, **arguments)


def test_a_low_temperature_picks_the_most_likely_id():
    rng = np.random.default_rng(0)
    p = np.array([0.1, 0.6, 0.3])
    picks = [text.sample_with_temperature(p, 0.05, rng) for _ in range(200)]
    assert set(picks) == {1}


def test_temperature_one_draws_from_the_distribution_and_a_high_one_flattens_it():
    rng = np.random.default_rng(1)
    p = np.array([0.7, 0.2, 0.1])
    at_one = np.bincount([text.sample_with_temperature(p, 1.0, rng) for _ in range(4000)], minlength=3)
    assert np.allclose(at_one / 4000, p, atol=0.03)
    hot = np.bincount([text.sample_with_temperature(p, 5.0, rng) for _ in range(4000)], minlength=3)
    assert hot[2] / 4000 > 0.2 > p[2]


def test_a_zero_probability_is_never_drawn_even_when_hot():
    rng = np.random.default_rng(2)
    p = np.array([0.0, 0.5, 0.5])
    assert 0 not in {text.sample_with_temperature(p, 3.0, rng) for _ in range(300)}


@pytest.mark.parametrize(
    ("probabilities", "temperature", "rng", "error", "names"),
    [
        (None, 1.0, "rng", TypeError, "probabilities"),
        ("abc", 1.0, "rng", TypeError, "probabilities"),
        ([[0.5, 0.5]], 1.0, "rng", ValueError, "probabilities"),
        ([], 1.0, "rng", ValueError, "probabilities"),
        ([0.5, float("nan")], 1.0, "rng", ValueError, "probabilities"),
        ([0.5, float("inf")], 1.0, "rng", ValueError, "probabilities"),
        ([1.5, -0.5], 1.0, "rng", ValueError, "probabilities"),
        ([0.0, 0.0], 1.0, "rng", ValueError, "probabilities"),
        ([0.5, 0.5], 0.0, "rng", ValueError, "temperature"),
        ([0.5, 0.5], -1.0, "rng", ValueError, "temperature"),
        ([0.5, 0.5], float("nan"), "rng", ValueError, "temperature"),
        ([0.5, 0.5], "hot", "rng", TypeError, "temperature"),
        ([0.5, 0.5], None, "rng", TypeError, "temperature"),
        ([0.5, 0.5], 1.0, None, TypeError, "rng"),
        ([0.5, 0.5], 1.0, 42, TypeError, "rng"),
    ],
)
def test_bad_sampling_arguments_are_refused_by_name(probabilities, temperature, rng, error, names):
    generator = np.random.default_rng(0) if rng == "rng" else rng
    with pytest.raises(error, match=names):
        text.sample_with_temperature(probabilities, temperature, generator)


def test_tiny_shakespeare_is_shipped_with_its_source_note():
    shakespeare = datasets.load_text(datasets.data_path("tinyshakespeare.txt"))
    assert len(shakespeare) == 1_115_394
    assert shakespeare.startswith("First Citizen:")
    note = datasets.data_path("tinyshakespeare.names").read_text()
    assert "public domain" in note and "char-rnn" in note


def test_load_text_refuses_bad_paths_by_name(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00abc")
    for path, error in [
        (None, TypeError), (3, TypeError), (tmp_path / "missing.txt", FileNotFoundError),
        (tmp_path, ValueError), (empty, ValueError), (binary, ValueError),
    ]:
        with pytest.raises(error, match="path"):
            datasets.load_text(path)
