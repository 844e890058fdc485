import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_history_draws_each_loss():
    fig = plots.plot_history({"loss": [1.0, 0.5, 0.1], "val_loss": [1.2, 0.7, 0.3], "mae": [1, 1, 1]})
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert ax.get_title() == "Training loss" and ax.get_xlabel() == "epoch"
    assert ax.get_yscale() == "log" and ax.get_legend() is not None
    assert tuple(fig.get_size_inches()) == plots.FIGSIZE


def test_loss_plot_callback_leaves_one_figure(monkeypatch, capsys):
    import keras

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a) or _Handle())
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    callback = plots.LossPlot("Test loss", live=False)
    model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=3, verbose=0, callbacks=[callback])
    assert len(callback.losses["loss"]) == 3
    assert len(shown) == 1, "a headless run shows the figure once, at the end"
    assert callback.figure.axes[0].get_title() == "Test loss"
    assert "Trained 3 epochs (3 gradient steps) in" in capsys.readouterr().out


class _Handle:
    def update(self, _):
        pass


def test_live_plots_follow_the_environment(monkeypatch):
    monkeypatch.setenv(plots.LIVE_ENV, "0")
    assert plots.live_plots_enabled() is False


def test_plot_predictions_with_baseline():
    fig = plots.plot_predictions([1, 2, 3], [1.1, 2.1, 2.9], baseline=[0, 1, 2], title="T")
    assert len(fig.axes[0].lines) == 3 and fig.axes[0].get_title() == "T"


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: plots.plot_history([1, 2]), TypeError, "history must be a keras History"),
        (lambda: plots.plot_history({"acc": [1]}), ValueError, "no loss values"),
        (lambda: plots.plot_predictions([1, 2], [1]), ValueError, "predicted must have the shape"),
        (lambda: plots.plot_predictions([[1]], [[1]]), ValueError, "target must have rank 1"),
        (lambda: plots.plot_predictions([1, 2], [1, 2], x=[0]), ValueError, "x must have 2"),
        (lambda: plots.plot_predictions([1], [1], baseline=[1, 2]), ValueError, "baseline"),
    ],
)
def test_bad_input_is_refused(call, error, match):
    with pytest.raises(error, match=match):
        call()
