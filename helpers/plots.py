"""Training and prediction plots: one figure instead of a thousand lines of training log.

Every function returns the matplotlib ``Figure`` it drew, at a size that reads on a projector
(6 x 3.5 in at 100 dpi), with a title and labelled axes.
"""

from __future__ import annotations

import os
import time

import matplotlib.pyplot as plt
import numpy as np

from helpers._checks import array_of_rank, boolean, positive_int, real_array, real_number, string

FIGSIZE = (6.0, 3.5)
DPI = 100
LIVE_ENV = "HELPERS_LIVE_PLOTS"


def new_figure(title: str, xlabel: str, ylabel: str):
    """Return ``(fig, ax)``: an empty figure of the collection's size with title and labels set.

    Raises TypeError if ``title``, ``xlabel`` or ``ylabel`` is not a string.
    """
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        string(text, name)
    fig, ax = plt.subplots(figsize=FIGSIZE, dpi=DPI)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    return fig, ax


def _loss_curves(ax, losses: dict[str, list[float]], log_scale: bool, steps_per_epoch=None) -> None:
    for name, values in losses.items():
        x = np.arange(1, len(values) + 1) * (steps_per_epoch or 1)
        ax.plot(x, values, label=name.replace("_", " "))
    if log_scale and all(min(v) > 0 for v in losses.values() if v):
        ax.set_yscale("log")
    if len(losses) > 1:
        ax.legend()


def _x_label(steps_per_epoch) -> str:
    return "epoch" if steps_per_epoch is None else "gradient step"


def plot_history(history, title: str = "Training loss", log_scale: bool = True,
                 steps_per_epoch: int | None = None):
    """Return a figure of every loss in a Keras ``History`` (or its ``.history`` dict) by epoch,
    or by gradient step when ``steps_per_epoch`` is given.

    Only keys containing "loss" are drawn (``loss`` and ``val_loss``); accuracy and other
    metrics belong in their own plot.

    Raises TypeError if ``history`` is not a History or a dict with string keys, if a loss is
    not a list of numbers, if ``title`` is not a string, ``log_scale`` not a bool or
    ``steps_per_epoch`` not an int; ValueError if there are no loss values, if a loss is not
    of shape (epochs,) or holds NaN or infinity, or if ``steps_per_epoch`` is below 1.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict):
        raise TypeError(f"history must be a keras History or a dict, got {type(history).__name__}")
    for key, values in logs.items():
        if not isinstance(key, str):
            raise TypeError(f"history keys must be strings such as 'loss', got {key!r}")
        if "loss" in key:
            checked = real_array(values, f"history[{key!r}]", "a list of numbers")
            if checked.ndim != 1:
                raise ValueError(
                    f"history[{key!r}] must have rank 1 (epochs,), got shape {checked.shape}"
                )
    losses = {k: list(v) for k, v in logs.items() if "loss" in k and len(v) > 0}
    if not losses:
        raise ValueError(f"history holds no loss values (keys: {sorted(logs)})")
    string(title, "title")
    boolean(log_scale, "log_scale")
    if steps_per_epoch is not None:
        steps_per_epoch = positive_int(steps_per_epoch, "steps_per_epoch")
    fig, ax = new_figure(title, _x_label(steps_per_epoch), _y_label(log_scale))
    _loss_curves(ax, losses, log_scale, steps_per_epoch)
    fig.tight_layout()
    return fig


def _y_label(log_scale: bool) -> str:
    return "loss (log scale)" if log_scale else "loss"


def live_plots_enabled() -> bool:
    """Return True when a live plot makes sense: inside a Jupyter kernel, unless the environment
    variable ``HELPERS_LIVE_PLOTS=0`` says the run is headless (CI, the run table, nbval)."""
    if os.environ.get(LIVE_ENV, "1") == "0":
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _keras_callback_base():
    import keras

    return keras.callbacks.Callback


class LossPlot(_keras_callback_base()):
    """Keras callback that draws the training loss as one plot instead of a log line per epoch.

    In Jupyter the plot redraws in place while training runs (at most every
    ``refresh_seconds``); in a headless run it is drawn once, when training ends. Either way
    the notebook keeps a single static figure. After training, ``callback.figure`` is it.

    Use it with ``model.fit(..., verbose=0, callbacks=[LossPlot("Echo, many-to-one")])``.

    Raises TypeError if ``title`` is not a string, ``log_scale`` not a bool, ``refresh_seconds``
    not a number, ``live`` not a bool or None, or ``steps_per_epoch`` not an int or None;
    ValueError if ``refresh_seconds`` is negative, NaN or infinite, or ``steps_per_epoch`` is
    below 1.
    """

    def __init__(self, title: str = "Training loss", log_scale: bool = True,
                 refresh_seconds: float = 0.5, live: bool | None = None,
                 steps_per_epoch: int | None = None):
        super().__init__()
        string(title, "title")
        boolean(log_scale, "log_scale")
        if real_number(refresh_seconds, "refresh_seconds") < 0:
            raise ValueError(f"refresh_seconds must be >= 0, got {refresh_seconds!r}")
        if live is not None:
            boolean(live, "live")
        if steps_per_epoch is not None:
            steps_per_epoch = positive_int(steps_per_epoch, "steps_per_epoch")
        self.steps_per_epoch = steps_per_epoch
        self.title = title
        self.log_scale = log_scale
        self.refresh_seconds = refresh_seconds
        self.live = live_plots_enabled() if live is None else live
        self.losses: dict[str, list[float]] = {}
        self.seconds = 0.0
        self.figure = None
        self._handle = None
        self._last_draw = 0.0

    def on_train_begin(self, logs=None):
        self.losses = {}
        self._started = self._last_draw = time.monotonic()

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            if "loss" in key:
                self.losses.setdefault(key, []).append(float(value))
        if self.live and time.monotonic() - self._last_draw >= self.refresh_seconds:
            self._show()
            self._last_draw = time.monotonic()

    def on_train_end(self, logs=None):
        self.seconds = time.monotonic() - self._started
        if self.losses:
            self._show()
        epochs = len(next(iter(self.losses.values()), []))
        steps = (self.params or {}).get("steps")
        in_steps = f" ({epochs * steps} gradient steps)" if steps else ""
        print(f"Trained {epochs} epochs{in_steps} in {self.seconds:.1f} s")

    def _draw(self):
        fig, ax = new_figure(self.title, _x_label(self.steps_per_epoch), _y_label(self.log_scale))
        _loss_curves(ax, self.losses, self.log_scale, self.steps_per_epoch)
        fig.tight_layout()
        return fig

    def _show(self) -> None:
        from IPython.display import display

        if self.figure is not None:
            plt.close(self.figure)
        self.figure = self._draw()
        if self._handle is None:
            self._handle = display(self.figure, display_id=True)
        else:
            self._handle.update(self.figure)
        # The figure is shown through the display handle; closing it stops the inline
        # backend from drawing it a second time at the end of the cell.
        plt.close(self.figure)


def plot_predictions(target, predicted, x=None, title: str = "Prediction against target",
                     xlabel: str = "step", ylabel: str = "value", baseline=None,
                     baseline_label: str = "baseline"):
    """Return a figure of a target curve, a prediction of the same shape (n,), and optionally a
    baseline, drawn against ``x`` (default 0..n-1).

    Raises TypeError if ``target``, ``predicted``, ``x`` or ``baseline`` is not numbers, or a
    title or label is not a string; ValueError if one of them is ragged, not of shape (n,),
    empty, of another length than ``target``, or holds NaN or infinity.
    """
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel),
                       ("baseline_label", baseline_label)):
        string(text, name)
    target = array_of_rank(target, 1, "target", "(n,)")
    predicted = array_of_rank(predicted, 1, "predicted", "(n,)")
    if predicted.shape != target.shape:
        raise ValueError(
            f"predicted must have the shape of target {target.shape}, got {predicted.shape}"
        )
    if x is not None:
        array_of_rank(x, 1, "x", "(n,)")
    x = np.arange(len(target)) if x is None else np.asarray(x)
    if len(x) != len(target):
        raise ValueError(f"x must have {len(target)} values, got {len(x)}")
    if baseline is not None:
        baseline = array_of_rank(baseline, 1, "baseline", "(n,)")
        if baseline.shape != target.shape:
            raise ValueError(f"baseline must have shape {target.shape}, got {baseline.shape}")
    fig, ax = new_figure(title, xlabel, ylabel)
    ax.plot(x, target, "o-", color="black", label="target", markersize=4)
    ax.plot(x, predicted, "s--", color="tab:orange", label="prediction", markersize=4)
    if baseline is not None:
        ax.plot(x, baseline, ":", color="tab:gray", label=baseline_label)
    ax.legend()
    fig.tight_layout()
    return fig
