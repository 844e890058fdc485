"""Unrolled diagrams of the recurrent-network topologies, drawn with matplotlib.

Each diagram reads left to right, one column per time step: input boxes at the bottom
(blue), recurrent cells in the middle (orange, the decoder in purple), output boxes at the
top (green). Horizontal arrows carry the hidden state from one step to the next.

>>> fig = draw_topology("many-to-one", n_steps=5)   # by name
>>> fig = draw_model(model)                          # read the topology from a Keras model
>>> fig = draw_topology("one-to-many", n_steps=6, repeat_input=True)  # x copied to every step

With ``repeat_input=True`` a one-to-many diagram shows what a ``RepeatVector`` model does: the
one input ``x`` reaches every step, its copies drawn dashed, linked by dashed "copy" arrows.

Every box carries a ``gid`` ("input", "cell" or "output"), so a test can count them.

:func:`draw_cell` (from :mod:`helpers.cell_diagrams`) zooms into one step: the inside of a
SimpleRNN, LSTM or GRU cell, its gates, candidate and state paths, in the same colours.

>>> fig = draw_cell("LSTM")
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers._checks import axes, boolean, positive_int, string
from helpers.cell_diagrams import CELL_KINDS as CELL_KINDS  # re-exported: diagrams.draw_cell
from helpers.cell_diagrams import draw_cell as draw_cell

TOPOLOGIES = (
    "one-to-one", "many-to-one", "many-to-many", "one-to-many", "encoder-decoder", "bidirectional"
)

# One colour per row, from matplotlib's colour-blind friendly "tab" palette.
COLOURS = {
    "input": "tab:blue",
    "cell": "tab:orange",
    "decoder": "tab:purple",
    "backward": "tab:red",
    "output": "tab:green",
}
FONT_SIZE = 11
DEFAULT_STEPS = 4  # drawn when a model accepts sequences of any length

_ROW_Y = {"input": 0.0, "cell": 1.1, "output": 2.2}  # centre of each row, in data units
_BIDIRECTIONAL_Y = {"input": 0.0, "cell": 1.1, "backward": 2.1, "output": 3.2}  # two cell rows
_BOX = {"input": (0.5, 0.4), "cell": (0.62, 0.5), "backward": (0.62, 0.5), "output": (0.5, 0.4)}


@dataclass(frozen=True)
class Topology:
    """The layout of an unrolled network: which steps get an input and which emit an output.

    Inputs go to the first ``n_inputs`` steps and outputs come out of the last ``n_outputs``.
    ``repeat_input`` (one-to-many only) says that the one input is copied to every step, as
    ``RepeatVector`` does, instead of reaching the first step only. ``feed_back``
    (encoder-decoder only) says that each decoder step reads the previous output token (the
    start token first), as a decoder trained with teacher forcing does.
    """

    name: str
    n_inputs: int
    n_outputs: int
    n_steps: int
    repeat_input: bool = False
    feed_back: bool = False

    def __post_init__(self):
        if self.name not in TOPOLOGIES:
            raise ValueError(f"name must be one of {TOPOLOGIES}, got {self.name!r}")
        for field in ("n_steps", "n_inputs", "n_outputs"):
            positive_int(getattr(self, field), field)
        if max(self.n_inputs, self.n_outputs) > self.n_steps:
            raise ValueError("n_inputs and n_outputs cannot exceed n_steps")
        if boolean(self.repeat_input, "repeat_input") and self.name != "one-to-many":
            raise ValueError(f"repeat_input is for one-to-many only, not {self.name!r}")
        if boolean(self.feed_back, "feed_back") and self.name != "encoder-decoder":
            raise ValueError(f"feed_back is for encoder-decoder only, not {self.name!r}")


def topology(
    name: str, n_steps: int = DEFAULT_STEPS, repeat_input: bool = False, feed_back: bool = False
) -> Topology:
    """Return the :class:`Topology` called ``name``, unrolled over ``n_steps`` time steps.

    ``name`` ignores case and accepts underscores for hyphens ("Many_to_One").
    One-to-one always has a single step; encoder-decoder has ``n_steps`` encoder steps
    followed by ``n_steps`` decoder steps; bidirectional has a forward and a backward cell per
    step. ``repeat_input=True`` (one-to-many only) copies the one input to every step, as a
    ``RepeatVector`` model does; ``feed_back=True`` (encoder-decoder only) gives each decoder
    step the previous output token.
    """
    n = positive_int(n_steps, "n_steps")
    boolean(repeat_input, "repeat_input")
    boolean(feed_back, "feed_back")
    key = name.strip().lower().replace("_", "-") if isinstance(name, str) else None
    if key not in TOPOLOGIES:
        raise ValueError(f"name must be one of {', '.join(TOPOLOGIES)}; got {name!r}")
    layouts = {
        "one-to-one": (1, 1, 1),
        "many-to-one": (n, 1, n),
        "many-to-many": (n, n, n),
        "one-to-many": (1, n, n),
        "encoder-decoder": (n, n, 2 * n),
        "bidirectional": (n, n, n),
    }
    return Topology(key, *layouts[key], repeat_input=repeat_input, feed_back=feed_back)


def _recurrent_steps(layers):
    """Return ("rnn", return_sequences), ("birnn", return_sequences) and ("repeat", n) events,
    in layer order."""
    import keras

    events = []
    for layer in layers:
        if isinstance(layer, keras.Model):  # a model used as a layer: look inside it
            events += _recurrent_steps(layer.layers)
        elif isinstance(layer, keras.layers.Bidirectional):
            events.append(("birnn", layer.forward_layer.return_sequences))
        elif isinstance(layer, keras.layers.RNN):  # SimpleRNN, LSTM, GRU, ...
            events.append(("rnn", layer.return_sequences))
        elif isinstance(layer, keras.layers.RepeatVector):
            events.append(("repeat", layer.n))
    return events


def topology_of_model(model) -> Topology:
    """Return the :class:`Topology` of a built Keras model, read from its layers.

    The input shape says how many steps get an input: ``(batch, time, features)`` gives
    ``time`` steps (or ``DEFAULT_STEPS`` when the length is ``None``), ``(batch, features)``
    gives one. The recurrent layers' ``return_sequences`` and any ``RepeatVector`` say the rest;
    a one-to-many model reads its one input through ``RepeatVector``, so its topology has
    ``repeat_input=True``.
    """
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model, got {type(model).__name__}")
    try:
        in_shape, out_shape = model.input_shape, model.output_shape
    except (AttributeError, ValueError) as err:
        raise ValueError("model must be built: start it with keras.Input(shape=...)") from err
    if isinstance(in_shape, list) or isinstance(out_shape, list):
        raise ValueError("model must have exactly one input and one output")
    events = _recurrent_steps(model.layers)
    bidirectional = bool(events) and all(kind == "birnn" for kind, _ in events)
    events = [("rnn", seq) if kind == "birnn" else (kind, seq) for kind, seq in events]
    if not any(kind == "rnn" for kind, _ in events):
        raise ValueError("model has no recurrent layer (SimpleRNN, LSTM, GRU, Bidirectional)")

    # Cut the layer sequence at the first RepeatVector: before it the encoder, after it the
    # decoder, which runs for `n` steps on one repeated vector.
    kinds = [kind for kind, _ in events]
    cut = kinds.index("repeat") if "repeat" in kinds else len(events)
    before = [seq for kind, seq in events[:cut] if kind == "rnn"]
    after = [seq for kind, seq in events[cut + 1 :] if kind == "rnn"]
    n_out = events[cut][1] if cut < len(events) else None
    decodes = n_out is not None and bool(after) and after[-1]

    if len(in_shape) == 2:  # (batch, features): one input
        if before or not decodes:
            raise ValueError("one input step needs RepeatVector(n), then return_sequences=True")
        return Topology("one-to-many", 1, n_out, n_out, repeat_input=True)
    if len(in_shape) != 3:
        raise ValueError(f"expected an input of shape (batch, time, features), got {in_shape}")

    n_in = in_shape[1] or DEFAULT_STEPS
    if before and not before[-1] and decodes:  # summarise, repeat, unroll again
        return Topology("encoder-decoder", n_in, n_out, n_in + n_out)
    if n_in == 1:
        return Topology("one-to-one", 1, 1, 1)
    if all(before + after) and len(out_shape) == 3:
        return Topology("bidirectional" if bidirectional else "many-to-many", n_in, n_in, n_in)
    return Topology("many-to-one", n_in, 1, n_in)


def _box(ax, kind, x, label, colour=None, linestyle="-", rows=None):
    """Return a labelled box of row ``kind`` centred at column ``x``, added to ``ax``; ``rows``
    maps each row to its height (default ``_ROW_Y``)."""
    (w, h), y, colour = _BOX[kind], (rows or _ROW_Y)[kind], colour or COLOURS[kind]
    style = {"facecolor": to_rgba(colour, 0.25), "edgecolor": colour, "linewidth": 1.6,
             "linestyle": linestyle}
    rounding = 0.12 if kind in ("cell", "backward") else 0.04
    box = f"round,pad=0,rounding_size={rounding}"
    patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=box, gid=kind, **style)
    ax.add_patch(patch)
    ax.text(x, y, label, ha="center", va="center", fontsize=FONT_SIZE)
    return patch


def _arrow(ax, start, end, gid="arrow", linestyle="-", bend=0.0):
    """Return an arrow from ``start`` to ``end`` (data coordinates), added to ``ax``; a
    ``bend`` other than 0 curves it (positive: to the right of its direction)."""
    style = {"arrowstyle": "-|>", "mutation_scale": 12, "linewidth": 1.4, "color": "0.25",
             "linestyle": linestyle, "connectionstyle": f"arc3,rad={bend}"}
    arrow = FancyArrowPatch(start, end, shrinkA=0, shrinkB=0, gid=gid, **style)
    ax.add_patch(arrow)
    return arrow


def _symbol(letter, index, count):
    """Return mathtext for ``letter`` with subscript ``index``, or bare when ``count`` is 1."""
    return f"${letter}_{{{index}}}$" if count > 1 else f"${letter}$"


def _draw_bidirectional(ax, topo):
    """Draw a bidirectional layer on ``ax``: per step a forward cell (state carried left to
    right) below a backward cell (right to left), both reading x_t, both feeding y_t."""
    rows, n = _BIDIRECTIONAL_Y, topo.n_steps
    (w_cell, h_cell), h_box = _BOX["cell"], _BOX["input"][1]
    for t in range(n):
        _box(ax, "input", t, _symbol("x", t + 1, n), rows=rows)
        _box(ax, "cell", t, rf"$\overrightarrow{{h}}_{{{t + 1}}}$", rows=rows)
        _box(ax, "backward", t, rf"$\overleftarrow{{h}}_{{{t + 1}}}$", rows=rows)
        _box(ax, "output", t, _symbol("y", t + 1, n), rows=rows)
        if t > 0:  # forward state, left to right; backward state, right to left
            _arrow(ax, (t - 1 + w_cell / 2, rows["cell"]), (t - w_cell / 2, rows["cell"]))
            _arrow(ax, (t - w_cell / 2, rows["backward"]), (t - 1 + w_cell / 2, rows["backward"]),
                   "backward arrow")
        # x_t goes straight up into the forward cell and around it into the backward cell;
        # the forward cell's state goes around the backward cell to y_t, next to the backward's.
        _arrow(ax, (t, rows["input"] + h_box / 2), (t, rows["cell"] - h_cell / 2))
        left, right = t - 0.2, t + 0.2
        _arrow(ax, (left, rows["input"] + h_box / 2), (left, rows["backward"] - h_cell / 2),
               bend=-0.25)
        _arrow(ax, (right, rows["cell"] + h_cell / 2), (right, rows["output"] - h_box / 2),
               bend=0.25)
        _arrow(ax, (t, rows["backward"] + h_cell / 2), (t, rows["output"] - h_box / 2))
    _caption(ax, -1.1, rows["cell"], "forward", COLOURS["cell"])  # left of the first column
    _caption(ax, -1.1, rows["backward"], "backward", COLOURS["backward"])
    ax.set_xlim(-1.7, n - 1 + 0.6)
    ax.set_ylim(rows["input"] - 0.4, rows["output"] + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _draw(ax, topo):
    """Draw ``topo`` on ``ax``, one column per time step, and return ``ax``."""
    if topo.name == "bidirectional":
        return _draw_bidirectional(ax, topo)
    n_enc = topo.n_inputs if topo.name == "encoder-decoder" else topo.n_steps
    first_out = topo.n_steps - topo.n_outputs
    y_in, y_cell, y_out = _ROW_Y["input"], _ROW_Y["cell"], _ROW_Y["output"]
    (w_cell, h_cell), (w_box, h_box) = _BOX["cell"], _BOX["input"]

    for t in range(topo.n_steps):
        if t < n_enc:
            _box(ax, "cell", t, _symbol("h", t + 1, topo.n_steps))
        else:  # decoder states are called s_t, numbered from 1 again
            _box(ax, "cell", t, _symbol("s", t - n_enc + 1, topo.n_steps), COLOURS["decoder"])
        if t > 0:  # the hidden state carried over from the previous step
            _arrow(ax, (t - 1 + w_cell / 2, y_cell), (t - w_cell / 2, y_cell))
        if t < topo.n_inputs:
            _box(ax, "input", t, _symbol("x", t + 1, topo.n_inputs))
            _arrow(ax, (t, y_in + h_box / 2), (t, y_cell - h_cell / 2))
        elif topo.feed_back:  # the decoder reads the previous output token, the start token first
            k = t - n_enc  # the decoder step, from 0: reads y_k (y_0 is the start token)
            token = r"$\langle go \rangle$" if k == 0 else _symbol("y", k, topo.n_outputs)
            _box(ax, "input", t, token, COLOURS["decoder"], linestyle="--")
            _arrow(ax, (t, y_in + h_box / 2), (t, y_cell - h_cell / 2))
            if t > n_enc:  # from the output it copies, one step back and up
                corner_out = (t - 1 + w_box / 2, y_out - h_box / 2)
                _arrow(ax, corner_out, (t - w_box / 2, y_in + h_box / 2), "feedback", "--")
        elif topo.repeat_input:  # a copy of the one input (RepeatVector), dashed
            _box(ax, "input", t, _symbol("x", 1, 1), linestyle="--")
            _arrow(ax, (t - 1 + w_box / 2, y_in), (t - w_box / 2, y_in), "copy", "--")
            _arrow(ax, (t, y_in + h_box / 2), (t, y_cell - h_cell / 2))
        if t >= first_out:
            _box(ax, "output", t, _symbol("y", t - first_out + 1, topo.n_outputs))
            _arrow(ax, (t, y_cell + h_cell / 2), (t, y_out - h_box / 2))

    last = topo.n_steps - 1
    if topo.name == "encoder-decoder":  # name the two halves where their rows are empty
        _caption(ax, (n_enc - 1) / 2, y_out, "encoder", COLOURS["cell"])
        if not topo.feed_back:
            _caption(ax, (n_enc + last) / 2, y_in, "decoder", COLOURS["decoder"])
    ax.set_xlim(-0.6, last + 0.6)
    ax.set_ylim(y_in - 0.4, y_out + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _caption(ax, x, y, text, colour):
    """Return a bold caption centred at ``(x, y)``, in a darker shade of ``colour``."""
    dark = [0.7 * c for c in to_rgba(colour)[:3]]  # darker than the boxes, for contrast
    kwargs = {"ha": "center", "va": "center", "fontweight": "bold", "color": dark}
    return ax.text(x, y, text, fontsize=FONT_SIZE, gid=text, **kwargs)


def _title(topo, title):
    """Return ``title``, or the topology name in sentence case ("Many-to-one")."""
    return topo.name.capitalize() if title is None else title


def draw_topology(name_or_topology, n_steps: int = DEFAULT_STEPS, ax=None, title=None,
                  repeat_input: bool = False, feed_back: bool = False) -> Figure:
    """Return a Figure with the unrolled diagram of a topology (a name or a :class:`Topology`).

    ``n_steps`` is used only with a name. Give ``ax`` to draw into an existing axes; the
    figure returned is then ``ax.figure``. ``title`` defaults to the topology name.
    ``repeat_input=True`` (one-to-many only) draws the one input copied to every step, as a
    ``RepeatVector`` model reads it; a :class:`Topology` that has it set is drawn so anyway.
    ``feed_back=True`` (encoder-decoder only) draws a decoder that reads the previous output
    token at each step, the start token ``<go>`` first (teacher forcing in training, its own
    prediction at inference).

    Raises TypeError or ValueError, naming the argument, for a name that is no topology, a
    ``n_steps`` that is not a whole number >= 1, an ``ax`` that is not a matplotlib Axes, or a
    ``title`` that is not a string.
    """
    positive_int(n_steps, "n_steps")
    boolean(repeat_input, "repeat_input")
    boolean(feed_back, "feed_back")
    if ax is not None:
        axes(ax, "ax")
    if title is not None:
        string(title, "title")
    if isinstance(name_or_topology, Topology):
        topo = name_or_topology
        if repeat_input and not topo.repeat_input:
            topo = replace(topo, repeat_input=True)
        if feed_back and not topo.feed_back:
            topo = replace(topo, feed_back=True)
    else:
        topo = topology(name_or_topology, n_steps, repeat_input, feed_back)
    if ax is None:
        width = max(6.0, 0.75 * (topo.n_steps + 0.2))  # keep boxes readable for long sequences
        height = 4.0 if topo.name == "bidirectional" else 3.0  # two rows of cells
        fig, ax = plt.subplots(figsize=(width, height), dpi=100)
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.88)
    _draw(ax, topo)
    ax.set_title(_title(topo, title), fontsize=FONT_SIZE + 2)
    return ax.figure


def draw_model(model, ax=None, title=None) -> Figure:
    """Return a Figure with the unrolled diagram of a Keras model's topology."""
    return draw_topology(topology_of_model(model), ax=ax, title=title)


def draw_all(n_steps: int = 3) -> Figure:
    """Return a Figure with one small panel per entry of ``TOPOLOGIES``, side by side.

    Raises TypeError or ValueError if ``n_steps`` is not a whole number >= 1."""
    positive_int(n_steps, "n_steps")
    topos = [topology(name, n_steps) for name in TOPOLOGIES]
    # room for short titles; the bidirectional panel is taller and names its rows on the left
    ratios = [
        topo.n_steps + 2.0 if topo.name == "bidirectional" else max(topo.n_steps, 1.6) + 0.2
        for topo in topos
    ]
    fig, axes = plt.subplots(
        1, len(topos), figsize=(0.75 * sum(ratios) + 1, 3), dpi=100, width_ratios=ratios
    )
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.03, top=0.88, wspace=0.15)
    for ax, topo, width in zip(axes, topos, ratios, strict=True):
        draw_topology(topo, ax=ax)
        if topo.name != "bidirectional":  # its own limits hold its row names
            middle = (topo.n_steps - 1) / 2  # same scale in every panel: width in data units
            ax.set_xlim(middle - width / 2, middle + width / 2)
    return fig
