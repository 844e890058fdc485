"""Diagrams of one step inside a recurrent cell (SimpleRNN, LSTM, GRU), drawn with matplotlib.

A cell diagram reads left to right, like one column of the unrolled topology diagrams of
:mod:`helpers.diagrams`, in the same colours: the inputs of the step (blue boxes) enter on the
left and from below, the cell (an orange frame) holds the layers, the outputs (green boxes)
leave on the right. Inside, the gates are red boxes (a sigmoid ``σ`` each), the candidate a
purple box (``tanh``), and white circles are weight-free element-wise operations: ``⊙`` the
element-wise product, ``+``, ``1-`` and ``tanh``. The state paths are drawn thick, the LSTM's
cell state as a horizontal "conveyor" across the top.

>>> fig = draw_cell("LSTM")   # also "SimpleRNN" and "GRU" (Keras' convention, reset_after=True)

The symbols are those of the course's Notation: ``x_t``, ``h_{t-1}``, ``c_{t-1}``; gates ``i_t``,
``f_t``, ``o_t`` (LSTM) and ``z_t``, ``r_t`` (GRU); candidates ``c̃_t`` and ``h̃_t``. Every patch
carries a ``gid`` ("cell", "input", "output", "gate", "candidate", "layer", "op", "arrow",
"state", "conveyor") and every label of a gate or candidate the gid "label", so a test can
count them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from helpers._checks import axes, string

CELL_KINDS = ("SimpleRNN", "LSTM", "GRU")

# input, cell and output as in helpers.diagrams.COLOURS (the unrolled topology diagrams)
CELL_COLOURS = {
    "input": "tab:blue",
    "cell": "tab:orange",
    "output": "tab:green",
    "gate": "tab:red",
    "candidate": "tab:purple",
    "layer": "tab:purple",
}
FONT_SIZE = 12
_GREY = "0.25"
_BOX = (0.8, 0.5)  # width, height of an input or output box, in data units (1 unit = 0.8 in)
_LAYER = (1.0, 0.66)  # width, height of a gate or candidate: its function over its name
_R = 0.2  # radius of an element-wise operation's circle

TITLES = {
    "SimpleRNN": "Inside a SimpleRNN cell: one tanh layer",
    "LSTM": "Inside an LSTM cell: three gates and a candidate",
    "GRU": "Inside a GRU cell (Keras): two gates and a candidate",
}


class _Canvas:
    """Draws boxes, circles and wires on ``ax`` and remembers where each box is."""

    def __init__(self, ax):
        self.ax, self.at = ax, {}

    def box(self, name, x, y, label, kind, caption=None):
        """Add a box of ``kind`` (a key of CELL_COLOURS) centred at (x, y), called ``name``;
        a gate or candidate box shows its function (``label``) over its name (``caption``)."""
        layer = kind in ("gate", "candidate", "layer")
        (w, h), colour = _LAYER if layer else _BOX, CELL_COLOURS[kind]
        w += 0.1 if kind == "candidate" else 0.0  # room for its name
        patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, gid=kind,
                               boxstyle=f"round,pad=0,rounding_size={0.12 if layer else 0.04}",
                               facecolor=to_rgba(colour, 0.25), edgecolor=colour, linewidth=1.6)
        self.ax.add_patch(patch)
        shift = 0.12 if caption else 0.0
        self.ax.text(x, y + shift, label, ha="center", va="center", fontsize=FONT_SIZE, gid=name)
        if caption:
            self.ax.text(x, y - 0.16, caption, ha="center", va="center", fontsize=10, gid=name)
        self.at[name] = (x, y, w / 2, h / 2)

    def op(self, name, x, y, label, width=2 * _R):
        """Add a white circle (an oval when ``width`` is larger) for an element-wise operation."""
        if width == 2 * _R:
            patch = Circle((x, y), _R, gid="op")
        else:
            patch = FancyBboxPatch((x - width / 2, y - _R), width, 2 * _R, gid="op",
                                   boxstyle=f"round,pad=0,rounding_size={_R}")
        patch.set(facecolor="white", edgecolor=_GREY, linewidth=1.4, zorder=3)
        self.ax.add_patch(patch)
        self.ax.text(x, y, label, ha="center", va="center", fontsize=FONT_SIZE, zorder=4)
        self.at[name] = (x, y, width / 2, _R)

    def edge(self, name, side):
        """Return the middle of side "left", "right", "top" or "bottom" of box ``name``."""
        x, y, half_w, half_h = self.at[name]
        return {"left": (x - half_w, y), "right": (x + half_w, y),
                "top": (x, y + half_h), "bottom": (x, y - half_h)}[side]

    def wire(self, *points, gid="arrow", head=True, width=1.4, colour=_GREY):
        """Add a polyline through ``points`` (pairs, or (box name, side)), with an arrowhead."""
        xy = [self.edge(*p) if isinstance(p[0], str) else p for p in points]
        path = Path(xy, [Path.MOVETO] + [Path.LINETO] * (len(xy) - 1))
        style = "-|>" if head else "-"
        patch = FancyArrowPatch(path=path, arrowstyle=style, mutation_scale=14, color=colour,
                                linewidth=width, shrinkA=0, shrinkB=0, gid=gid, zorder=2,
                                joinstyle="miter")
        self.ax.add_patch(patch)
        return patch

    def dot(self, x, y):
        """Mark a junction where a wire splits in two."""
        self.ax.plot([x], [y], "o", color=_GREY, markersize=5, zorder=3)

    def text(self, x, y, label, gid="label", **kwargs):
        kwargs = {"ha": "center", "va": "center", "fontsize": FONT_SIZE, **kwargs}
        return self.ax.text(x, y, label, gid=gid, **kwargs)

    def frame(self, x0, x1, y0, y1):
        """Add the cell's frame, the orange box of the topology diagrams, seen from inside."""
        colour = CELL_COLOURS["cell"]
        self.ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, gid="cell", zorder=0,
                                         boxstyle="round,pad=0,rounding_size=0.25",
                                         facecolor=to_rgba(colour, 0.08), edgecolor=colour,
                                         linewidth=2))


def _inputs_below(c, gates, h_from, x_in):
    """Draw x_t entering from below at ``x_in`` and the bus [x_t, h_{t-1}] that feeds every box
    in ``gates`` from below; the bus starts at ``h_from``, a point on h_{t-1}'s wire."""
    c.box("x_t", x_in, -0.05, "$x_t$", "input")
    last = max(c.at[name][0] for name in gates)
    c.wire(h_from, (last, 1.0), head=False)  # the bus
    c.wire(("x_t", "top"), (x_in, 1.0), head=False)
    c.dot(x_in, 1.0)
    for name in gates:
        x = c.at[name][0]
        c.wire((x, 1.0), (name, "bottom"))
        if x != last:
            c.dot(x, 1.0)


def _state_path(c, points, gid):
    """Draw the thick state path through ``points``: from box to circle to box."""
    for start, end in zip(points, points[1:], strict=False):
        c.wire((start, "right"), (end, "left"), gid=gid, width=3.2, colour=CELL_COLOURS["cell"])


def _lstm(c):
    c.frame(1.3, 8.6, 0.45, 4.3)
    c.box("c_prev", 0.55, 3.7, "$c_{t-1}$", "input")
    c.box("h_prev", 0.55, 1.0, "$h_{t-1}$", "input")
    c.box("c_t", 9.45, 3.7, "$c_t$", "output")
    c.box("h_t", 9.45, 1.0, "$h_t$", "output")
    for name, x, caption in [("f", 2.5, "forget"), ("i", 3.7, "input"), ("o", 6.1, "output")]:
        c.box(name, x, 2.0, r"$\sigma$", "gate", caption)
    c.box("c_tilde", 4.9, 2.0, "tanh", "candidate", "candidate")
    _inputs_below(c, ["f", "i", "c_tilde", "o"], c.edge("h_prev", "right"), x_in=1.75)

    # the conveyor: c_{t-1} -> forget -> add -> c_t, with no weight matrix on the way
    c.op("keep", 2.5, 3.7, r"$\odot$")
    c.op("add", 4.3, 3.7, "$+$")
    _state_path(c, ["c_prev", "keep", "add", "c_t"], "conveyor")
    c.text(6.4, 4.0, "cell state $c$: the conveyor", gid="caption", fontsize=10,
           style="italic")
    c.op("write", 4.3, 2.95, r"$\odot$")
    c.wire(("f", "top"), ("keep", "bottom"))
    c.wire(("i", "top"), (3.7, 2.95), ("write", "left"))
    c.wire(("c_tilde", "top"), (4.9, 2.95), ("write", "right"))
    c.wire(("write", "top"), ("add", "bottom"))
    c.text(2.25, 3.0, "$f_t$")
    c.text(3.45, 2.62, "$i_t$")
    c.text(5.17, 2.62, r"$\tilde{c}_t$")

    # the output: h_t = o_t ⊙ tanh(c_t)
    c.op("squash", 7.45, 2.95, "tanh", width=0.75)
    c.op("show", 7.45, 2.0, r"$\odot$")
    c.wire((7.45, 3.7), ("squash", "top"))
    c.dot(7.45, 3.7)
    c.wire(("squash", "bottom"), ("show", "top"))
    c.wire(("o", "right"), ("show", "left"))
    c.text(6.9, 2.22, "$o_t$")
    c.wire(("show", "bottom"), (7.45, 1.0), ("h_t", "left"), gid="state", width=2.4)
    c.text(3.0, -0.05, r"$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$" + "       "
           + r"$h_t = o_t \odot \tanh(c_t)$", gid="equation", ha="left")


def _gru(c):
    c.frame(1.3, 8.6, 0.45, 4.3)
    c.box("h_prev", 0.55, 3.7, "$h_{t-1}$", "input")
    c.box("h_t", 9.45, 3.7, "$h_t$", "output")
    c.box("z", 2.9, 2.0, r"$\sigma$", "gate", "update")
    c.box("r", 4.2, 2.0, r"$\sigma$", "gate", "reset")
    c.box("h_tilde", 6.0, 2.0, "tanh", "candidate", "candidate")
    c.dot(1.6, 3.7)
    c.wire((1.6, 3.7), (1.6, 1.0), head=False)  # h_{t-1} also feeds the gates
    _inputs_below(c, ["z", "r", "h_tilde"], (1.6, 1.0), x_in=2.15)

    # the state path: h_{t-1} -> keep z_t of it -> add (1 - z_t) of the candidate -> h_t
    c.op("keep", 2.9, 3.7, r"$\odot$")
    c.op("add", 6.0, 3.7, "$+$")
    _state_path(c, ["h_prev", "keep", "add", "h_t"], "state")
    c.text(7.3, 4.0, "$z_t$ near 1 keeps $h_{t-1}$", gid="caption", fontsize=10,
           style="italic")
    c.wire(("z", "top"), ("keep", "bottom"))
    c.op("one_minus", 4.2, 2.95, "1 \u2212", width=0.6)
    c.op("write", 6.0, 2.95, r"$\odot$")
    c.dot(2.9, 2.95)
    c.wire((2.9, 2.95), ("one_minus", "left"))
    c.wire(("one_minus", "right"), ("write", "left"))
    c.wire(("h_tilde", "top"), ("write", "bottom"))
    c.wire(("write", "top"), ("add", "bottom"))
    c.wire(("r", "right"), ("h_tilde", "left"))
    c.text(2.65, 2.62, "$z_t$")
    c.text(5.1, 2.22, "$r_t$")
    c.text(5.1, 3.2, "$1 - z_t$", fontsize=11)
    c.text(6.3, 2.58, r"$\tilde{h}_t$")
    c.text(2.75, -0.05, r"$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t$" + "       "
           + r"$\tilde{h}_t = \tanh(x_t W_h + b_h + r_t \odot (h_{t-1} U_h + b'_h))$",
           gid="equation", ha="left", fontsize=10)


def _simple_rnn(c):
    c.frame(1.3, 6.7, 0.45, 3.0)
    c.box("h_prev", 0.55, 1.0, "$h_{t-1}$", "input")
    c.box("h_t", 7.45, 1.0, "$h_t$", "output")
    c.box("tanh", 4.0, 2.0, "tanh", "layer")
    _inputs_below(c, ["tanh"], c.edge("h_prev", "right"), x_in=2.1)
    c.text(1.55, 1.22, "$U$")
    c.text(2.3, 0.72, "$W$", ha="left")
    c.text(3.85, 1.45, r"$+\,b$", ha="right")
    c.wire(("tanh", "right"), (5.4, 2.0), (5.4, 1.0), ("h_t", "left"), gid="state", width=2.4)
    c.text(4.0, 2.65, "the whole state, rewritten at every step", gid="caption", fontsize=10,
           style="italic")
    c.text(2.85, -0.05, r"$h_t = \tanh(x_t W + h_{t-1} U + b)$", gid="equation", ha="left")


_LAYOUTS = {  # kind: (draw, x limits, y limits, figure size in inches)
    "SimpleRNN": (_simple_rnn, (-0.05, 8.05), (-0.45, 3.15), (6.5, 3.5)),
    "LSTM": (_lstm, (-0.05, 10.05), (-0.45, 4.45), (8.0, 4.3)),
    "GRU": (_gru, (-0.05, 10.05), (-0.45, 4.45), (8.0, 4.3)),
}


def cell_kind(kind) -> str:
    """Return ``kind`` spelled as in :data:`CELL_KINDS` ("lstm" -> "LSTM"), or raise TypeError
    (not a string) or ValueError (not one of them), naming ``kind``."""
    string(kind, "kind")
    spelled = {name.lower(): name for name in CELL_KINDS}.get(kind.strip().lower())
    if spelled is None:
        raise ValueError(f"kind must be one of {', '.join(CELL_KINDS)}; got {kind!r}")
    return spelled


def draw_cell(kind: str, ax=None, title=None) -> Figure:
    """Return a Figure with the inside of one step of a recurrent cell of ``kind``.

    ``kind`` is "SimpleRNN", "LSTM" or "GRU" (any case). The diagram shows the step's inputs
    ``x_t`` and ``h_{t-1}`` (and ``c_{t-1}``), its outputs ``h_t`` (and ``c_t``) and, in the
    course's Notation, what happens between them:

    - SimpleRNN: one tanh layer, ``h_t = tanh(x_t W + h_{t-1} U + b)``;
    - LSTM: the sigmoid gates ``i_t`` (input), ``f_t`` (forget), ``o_t`` (output), the tanh
      candidate ``c̃_t``, the cell state as a horizontal conveyor,
      ``c_t = f_t ⊙ c_{t-1} + i_t ⊙ c̃_t``, and ``h_t = o_t ⊙ tanh(c_t)``;
    - GRU (Keras, ``reset_after=True``): the sigmoid gates ``z_t`` (update) and ``r_t``
      (reset), the tanh candidate ``h̃_t = tanh(x_t W_h + b_h + r_t ⊙ (h_{t-1} U_h + b'_h))``
      and ``h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ h̃_t``: in Keras ``z_t`` near 1 keeps the state.

    Give ``ax`` to draw into an existing axes; the figure returned is then ``ax.figure``.
    ``title`` defaults to a line that names the cell and counts its gates.

    Raises TypeError or ValueError, naming the argument, for a ``kind`` that is not a string or
    not one of :data:`CELL_KINDS`, an ``ax`` that is not a matplotlib Axes, or a ``title``
    that is not a string.
    """
    kind = cell_kind(kind)
    if ax is not None:
        axes(ax, "ax")
    if title is not None:
        string(title, "title")
    draw, xlim, ylim, size = _LAYOUTS[kind]
    if ax is None:
        fig, ax = plt.subplots(figsize=size, dpi=100)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9)
    draw(_Canvas(ax))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(TITLES[kind] if title is None else title, fontsize=FONT_SIZE + 1)
    return ax.figure
