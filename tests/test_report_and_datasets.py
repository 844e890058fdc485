import numpy as np
import pytest

from helpers import datasets, report
from helpers.reproducibility import SEED_VARIABLE, seed_everything


def test_headline_is_printed_and_found(capsys):
    report.headline("max |error|", 0.00412, "< 0.02")
    printed = capsys.readouterr().out
    assert printed == "Headline: max |error| = 0.004 (target < 0.02)\n"
    assert report.find_headline("x\n" + printed) == "max |error| = 0.004 (target < 0.02)"
    assert report.find_headline("nothing here") is None


@pytest.mark.parametrize(("label", "value"), [("", 1.0), ("rmse", float("nan"))])
def test_headline_refuses_bad_input(label, value):
    with pytest.raises(ValueError):
        report.headline(label, value)


def test_airline_series_loads_with_its_source_note():
    path = datasets.data_path("airline-passengers.csv")
    assert path.with_suffix(".names").is_file(), "every data file keeps its source note"
    months, passengers = datasets.load_series(path)
    assert len(months) == len(passengers) == 144
    assert months[0] == "1949-01" and passengers[0] == 112


def test_unknown_data_file_is_refused():
    with pytest.raises(ValueError, match="name must be a file in"):
        datasets.data_path("no-such.csv")


def test_bad_column_is_refused():
    with pytest.raises(ValueError, match="column must be in"):
        datasets.load_series(datasets.data_path("airline-passengers.csv"), column=5)


def test_seed_everything_repeats_random_draws(monkeypatch):
    import keras

    monkeypatch.delenv(SEED_VARIABLE, raising=False)

    seed_everything(7)
    first = (np.random.rand(), keras.random.uniform((2,)).numpy())
    seed_everything(7)
    second = (np.random.rand(), keras.random.uniform((2,)).numpy())
    assert first[0] == second[0]
    np.testing.assert_array_equal(first[1], second[1])


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_seed_everything_refuses_bad_seeds(seed, error):
    with pytest.raises(error, match="seed"):
        seed_everything(seed)


def test_the_environment_variable_overrides_the_seed(monkeypatch):
    monkeypatch.setenv(SEED_VARIABLE, "7")
    assert seed_everything(42) == 7
    first = np.random.rand()
    monkeypatch.delenv(SEED_VARIABLE)
    assert seed_everything(7) == 7
    assert np.random.rand() == first
    monkeypatch.setenv(SEED_VARIABLE, " ")
    assert seed_everything(42) == 42, "a blank variable means no override"


@pytest.mark.parametrize("value", ["seven", "1.5", "-3"])
def test_a_bad_seed_variable_is_refused_by_name(monkeypatch, value):
    monkeypatch.setenv(SEED_VARIABLE, value)
    with pytest.raises(ValueError, match=SEED_VARIABLE):
        seed_everything(42)
