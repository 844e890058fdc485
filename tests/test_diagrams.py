"""Tests for helpers.diagrams: layouts, drawings, reading models, argument checks."""

import ast
import inspect
import io

import keras
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from helpers.diagrams import (
    CELL_KINDS,
    COLOURS,
    TOPOLOGIES,
    Topology,
    draw_all,
    draw_cell,
    draw_model,
    draw_topology,
    topology,
    topology_of_model,
)

L = keras.layers


@pytest.fixture(autouse=True)
def close_figures():
    """Start every test with no figure open, and close whatever it leaves open."""
    plt.close("all")
    yield
    plt.close("all")


def boxes(ax, gid):
    """Return the patches of ``ax`` tagged ``gid`` ("input", "cell", "output", "arrow")."""
    return [p for p in ax.patches if p.get_gid() == gid]


# --------------------------------------------------------------------------- topology()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("one-to-one", (1, 1, 1)),
        ("many-to-one", (4, 1, 4)),
        ("many-to-many", (4, 4, 4)),
        ("one-to-many", (1, 4, 4)),
        ("encoder-decoder", (4, 4, 8)),
        ("bidirectional", (4, 4, 4)),
    ],
)
def test_topology_layouts(name, expected):
    topo = topology(name)
    assert topo == Topology(name, *expected)
    assert (topo.n_inputs, topo.n_outputs, topo.n_steps) == expected


@pytest.mark.parametrize("spelling", ["many_to_one", "Many-to-One", " MANY_TO_ONE "])
def test_topology_normalises_the_name(spelling):
    assert topology(spelling, 3) == Topology("many-to-one", 3, 1, 3)


def test_one_to_one_forces_a_single_step():
    assert topology("one-to-one", n_steps=5) == Topology("one-to-one", 1, 1, 1)


@pytest.mark.parametrize("name", ["seq2seq", "many-to-some", "", None, 3])
def test_unknown_name_lists_the_valid_names(name):
    with pytest.raises(ValueError, match=r"name must be one of one-to-one, many-to-one.*"):
        topology(name)
    with pytest.raises(ValueError, match="encoder-decoder"):
        draw_topology(name)


@pytest.mark.parametrize(
    ("n_steps", "error"),
    [(0, ValueError), (-2, ValueError), (True, TypeError), (2.0, TypeError), ("3", TypeError)],
)
def test_n_steps_must_be_a_positive_int(n_steps, error):
    with pytest.raises(error, match="n_steps must be a positive int"):
        topology("many-to-many", n_steps)
    with pytest.raises(error, match="n_steps must be a positive int"):
        draw_topology("many-to-many", n_steps)
    with pytest.raises(error, match="n_steps must be a positive int"):
        draw_all(n_steps)


def test_topology_checks_its_fields():
    with pytest.raises(ValueError, match="name must be one of"):
        Topology("two-to-two", 2, 2, 2)
    with pytest.raises(ValueError, match="cannot exceed n_steps"):
        Topology("many-to-many", 5, 5, 4)
    with pytest.raises(TypeError, match="n_inputs must be a positive int"):
        Topology("many-to-one", False, 1, 4)


# --------------------------------------------------------------------------- drawing


@pytest.mark.parametrize("n_steps", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("name", TOPOLOGIES)
def test_every_topology_renders(name, n_steps):
    topo = topology(name, n_steps)
    fig = draw_topology(name, n_steps)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.patches and ax.texts
    assert len(boxes(ax, "input")) == topo.n_inputs
    assert len(boxes(ax, "output")) == topo.n_outputs
    assert len(boxes(ax, "cell")) == topo.n_steps
    # one arrow per input, per output and per hand-over of the hidden state; a bidirectional
    # layer has two cells per step, each reading x_t and feeding y_t
    directions = 2 if name == "bidirectional" else 1
    assert len(boxes(ax, "backward")) == (topo.n_steps if name == "bidirectional" else 0)
    arrows = directions * (topo.n_inputs + topo.n_outputs) + topo.n_steps - 1
    assert len(boxes(ax, "arrow")) == arrows
    assert len(boxes(ax, "backward arrow")) == (directions - 1) * (topo.n_steps - 1)
    assert ax.get_title() == name.capitalize()
    assert not ax.axison
    fig.canvas.draw()  # parses the mathtext labels
    plt.close(fig)


def test_figure_is_projector_friendly():
    fig = draw_topology("many-to-one")
    assert tuple(fig.get_size_inches()) == (6.0, 3.0)
    assert fig.dpi == 100
    ax = fig.axes[0]
    assert all(text.get_fontsize() >= 10 for text in [*ax.texts, ax.title])
    labels = {text.get_text() for text in ax.texts}
    assert {"$x_{1}$", "$x_{4}$", "$h_{1}$", "$h_{4}$", "$y$"} <= labels
    for kind in ("input", "cell", "output"):
        assert {p.get_edgecolor() for p in boxes(ax, kind)} == {to_rgba(COLOURS[kind])}
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_encoder_decoder_has_two_coloured_halves():
    ax = draw_topology("encoder-decoder", 3).axes[0]
    edges = [p.get_edgecolor() for p in boxes(ax, "cell")]
    assert edges == [to_rgba(COLOURS["cell"])] * 3 + [to_rgba(COLOURS["decoder"])] * 3
    captions = {text.get_gid(): text.get_text() for text in ax.texts if text.get_gid()}
    assert captions == {"encoder": "encoder", "decoder": "decoder"}


def test_one_to_many_feeds_the_first_cell():
    ax = draw_topology("one-to-many", 5).axes[0]
    (x_box,) = boxes(ax, "input")
    first_cell = min(boxes(ax, "cell"), key=lambda p: p.get_x())
    assert x_box.get_x() + x_box.get_width() / 2 == pytest.approx(
        first_cell.get_x() + first_cell.get_width() / 2
    )


@pytest.mark.parametrize("n_steps", [1, 2, 6])
def test_one_to_many_can_repeat_its_input_to_every_step(n_steps):
    ax = draw_topology("one-to-many", n_steps, repeat_input=True).axes[0]
    inputs, cells = boxes(ax, "input"), boxes(ax, "cell")
    assert len(inputs) == len(cells) == len(boxes(ax, "output")) == n_steps
    centres = sorted(p.get_x() + p.get_width() / 2 for p in inputs)
    assert centres == pytest.approx(sorted(p.get_x() + p.get_width() / 2 for p in cells))
    # the same x at every step: the first box solid, its copies dashed, joined by copy arrows
    labels = [t.get_text() for t in ax.texts if t.get_position()[1] == pytest.approx(0.0)]
    assert labels == ["$x$"] * n_steps
    styles = [p.get_linestyle() for p in sorted(inputs, key=lambda p: p.get_x())]
    assert styles[0] == "-" and all(style == "--" for style in styles[1:])
    assert len(boxes(ax, "copy")) == n_steps - 1
    # an arrow up into every cell, one per output, one per hand-over of the hidden state
    assert len(boxes(ax, "arrow")) == 3 * n_steps - 1
    assert ax.get_title() == "One-to-many"
    fig = ax.figure
    fig.canvas.draw()


def test_repeat_input_is_off_by_default_and_for_one_to_many_only():
    assert topology("one-to-many", 3) == Topology("one-to-many", 1, 3, 3, repeat_input=False)
    assert topology("one-to-many", 3, repeat_input=True).repeat_input
    assert not boxes(draw_topology("one-to-many", 3).axes[0], "copy")
    for name in ("one-to-one", "many-to-one", "many-to-many", "encoder-decoder"):
        with pytest.raises(ValueError, match="repeat_input is for one-to-many only"):
            draw_topology(name, 3, repeat_input=True)
    with pytest.raises(TypeError, match="repeat_input must be True or False"):
        draw_topology("one-to-many", 3, repeat_input="yes")
    with pytest.raises(TypeError, match="repeat_input must be True or False"):
        Topology("one-to-many", 1, 3, 3, repeat_input=1)


def test_draw_topology_repeats_the_input_of_a_given_topology():
    ax = draw_topology(Topology("one-to-many", 1, 4, 4), repeat_input=True).axes[0]
    assert len(boxes(ax, "input")) == 4 and len(boxes(ax, "copy")) == 3
    ax = draw_topology(Topology("one-to-many", 1, 4, 4, repeat_input=True)).axes[0]
    assert len(boxes(ax, "input")) == 4


def test_draw_topology_accepts_a_topology_an_axes_and_a_title():
    _, (left, right) = plt.subplots(1, 2)
    fig = draw_topology(Topology("encoder-decoder", 5, 2, 7), ax=left, title="Translate")
    assert fig is left.figure
    assert len(fig.axes) == 2 and not right.patches
    assert left.get_title() == "Translate"
    assert (len(boxes(left, "input")), len(boxes(left, "output"))) == (5, 2)


def test_draw_topology_opens_exactly_one_figure():
    draw_topology("one-to-one")
    assert len(plt.get_fignums()) == 1


def test_draw_all_shows_one_panel_per_topology():
    fig = draw_all()
    assert [ax.get_title() for ax in fig.axes] == [name.capitalize() for name in TOPOLOGIES]
    assert [len(boxes(ax, "cell")) for ax in fig.axes] == [1, 3, 3, 3, 6, 3]


# --------------------------------------------------------------------------- models


def sequential(input_shape, *layers):
    return keras.Sequential([keras.Input(shape=input_shape), *layers])


def encoder_decoder_functional():
    inputs = keras.Input(shape=(5, 1))
    context = L.LSTM(8)(inputs)
    repeated = L.RepeatVector(4)(context)
    outputs = L.Dense(1)(L.LSTM(8, return_sequences=True)(repeated))
    return keras.Model(inputs, outputs)


MODELS = {  # the models the notebooks build, and the topology each one should read as
    "one-to-one": (
        lambda: sequential((1, 1), L.SimpleRNN(2), L.Dense(1)),
        Topology("one-to-one", 1, 1, 1),
    ),
    "many-to-one": (
        lambda: sequential((5, 1), L.SimpleRNN(2), L.Dense(5)),
        Topology("many-to-one", 5, 1, 5),
    ),
    "many-to-many-timedistributed": (
        lambda: sequential(
            (5, 1), L.SimpleRNN(2, return_sequences=True), L.TimeDistributed(L.Dense(1))
        ),
        Topology("many-to-many", 5, 5, 5),
    ),
    "many-to-many-dense": (
        lambda: sequential((5, 1), L.SimpleRNN(2, return_sequences=True), L.Dense(1)),
        Topology("many-to-many", 5, 5, 5),
    ),
    "one-to-many": (
        lambda: sequential(
            (1,), L.Dense(8), L.RepeatVector(6), L.LSTM(8, return_sequences=True), L.Dense(1)
        ),
        Topology("one-to-many", 1, 6, 6, repeat_input=True),  # RepeatVector feeds every step
    ),
    "encoder-decoder": (
        lambda: sequential(
            (5, 1), L.LSTM(8), L.RepeatVector(4), L.LSTM(8, return_sequences=True), L.Dense(1)
        ),
        Topology("encoder-decoder", 5, 4, 9),
    ),
    "encoder-decoder-functional": (
        encoder_decoder_functional,
        Topology("encoder-decoder", 5, 4, 9),
    ),
    "masking": (  # variable length: drawn with DEFAULT_STEPS steps
        lambda: sequential((None, 1), L.Masking(0.0), L.LSTM(4), L.Dense(1)),
        Topology("many-to-one", 4, 1, 4),
    ),
    "alphabet": (
        lambda: sequential((5, 26), L.LSTM(8), L.Dense(26, activation="softmax")),
        Topology("many-to-one", 5, 1, 5),
    ),
    "bidirectional": (
        lambda: sequential((3, 2), L.Bidirectional(L.GRU(4, return_sequences=True)), L.Dense(1)),
        Topology("bidirectional", 3, 3, 3),
    ),
    "bidirectional-to-one": (  # reads both ways, returns one vector: many-to-one
        lambda: sequential((3, 2), L.Bidirectional(L.GRU(4)), L.Dense(1)),
        Topology("many-to-one", 3, 1, 3),
    ),
    "stacked-then-pooled": (  # sequences all the way, but pooled to one vector at the end
        lambda: sequential(
            (3, 2), L.GRU(4, return_sequences=True), L.GlobalAveragePooling1D(), L.Dense(1)
        ),
        Topology("many-to-one", 3, 1, 3),
    ),
}


@pytest.mark.parametrize("case", MODELS)
def test_topology_of_model(case):
    build, expected = MODELS[case]
    assert topology_of_model(build()) == expected


def test_draw_model_draws_the_model_topology():
    fig = draw_model(MODELS["encoder-decoder"][0]())
    ax = fig.axes[0]
    assert ax.get_title() == "Encoder-decoder"
    assert (len(boxes(ax, "input")), len(boxes(ax, "output"))) == (5, 4)


def test_draw_model_repeats_the_input_of_a_repeat_vector_model():
    ax = draw_model(MODELS["one-to-many"][0]()).axes[0]
    assert (len(boxes(ax, "input")), len(boxes(ax, "output"))) == (6, 6)
    assert len(boxes(ax, "copy")) == 5


def test_model_without_recurrent_layer_is_refused():
    model = sequential((4,), L.Dense(8), L.Dense(1))
    with pytest.raises(ValueError, match="no recurrent layer"):
        topology_of_model(model)
    with pytest.raises(ValueError, match="no recurrent layer"):
        draw_model(model)


@pytest.mark.parametrize("not_a_model", ["lstm", None, L.LSTM(4), [L.LSTM(4)]])
def test_topology_of_model_needs_a_keras_model(not_a_model):
    with pytest.raises(TypeError, match="model must be a keras.Model"):
        topology_of_model(not_a_model)


@pytest.mark.parametrize(
    ("call", "error", "argument"),
    [
        (lambda: draw_topology("many-to-one", ax="axes"), TypeError, "ax"),
        (lambda: draw_topology("many-to-one", title=5), TypeError, "title"),
        (lambda: draw_topology("many-to-one", n_steps=None), TypeError, "n_steps"),
        (lambda: draw_all(0), ValueError, "n_steps"),
        (lambda: draw_all("3"), TypeError, "n_steps"),
    ],
)
def test_bad_drawing_arguments_are_refused_by_name(call, error, argument):
    with pytest.raises(error, match=f"^{argument} must"):
        call()


# --------------------------------------------------------------------------- cells

CELL_LABELS = {  # kind: (gates, candidates, inputs, outputs, labels drawn next to the wires)
    "SimpleRNN": (0, 0, {"$x_t$", "$h_{t-1}$"}, {"$h_t$"}, {"$W$", "$U$"}),
    "LSTM": (3, 1, {"$x_t$", "$h_{t-1}$", "$c_{t-1}$"}, {"$h_t$", "$c_t$"},
             {"$i_t$", "$f_t$", "$o_t$", r"$\tilde{c}_t$"}),
    "GRU": (2, 1, {"$x_t$", "$h_{t-1}$"}, {"$h_t$"}, {"$z_t$", "$r_t$", r"$\tilde{h}_t$"}),
}
GATE_NAMES = {"SimpleRNN": set(), "LSTM": {"input", "forget", "output"}, "GRU": {"update", "reset"}}


def texts(ax):
    return [text.get_text() for text in ax.texts]


def box_labels(ax, kind):
    """Return the labels written inside the boxes of ``kind`` ("input", "gate", ...)."""
    centres = [(p.get_x() + p.get_width() / 2, p.get_y() + p.get_height() / 2)
               for p in boxes(ax, kind)]
    return {t.get_text() for t in ax.texts
            if any(t.get_position() == pytest.approx(c, abs=0.2) for c in centres)}


@pytest.mark.parametrize("kind", CELL_KINDS)
def test_every_cell_draws_its_gates_candidate_and_states(kind):
    n_gates, n_candidates, inputs, outputs, labels = CELL_LABELS[kind]
    fig = draw_cell(kind)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert len(boxes(ax, "gate")) == n_gates
    assert len(boxes(ax, "candidate")) == n_candidates
    assert len(boxes(ax, "cell")) == 1 and not ax.axison
    assert box_labels(ax, "input") == inputs and box_labels(ax, "output") == outputs
    assert labels <= set(texts(ax))
    assert GATE_NAMES[kind] <= box_labels(ax, "gate")
    assert texts(ax).count(r"$\sigma$") == n_gates  # every gate is a sigmoid
    assert ax.get_title().startswith("Inside a") and kind in ax.get_title()
    fig.canvas.draw()  # parses the mathtext labels


def test_cells_write_the_notation_equations():
    def equations(kind):
        return " ".join(t.get_text() for t in draw_cell(kind).axes[0].texts
                        if t.get_gid() == "equation")

    assert r"h_t = \tanh(x_t W + h_{t-1} U + b)" in equations("SimpleRNN")
    lstm = equations("LSTM")
    assert r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t" in lstm
    assert r"h_t = o_t \odot \tanh(c_t)" in lstm
    # Keras' GRU: z_t near 1 keeps the old state (some textbooks swap z and 1 - z)
    assert r"h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t" in equations("GRU")


def test_the_lstm_cell_state_is_a_horizontal_conveyor():
    ax = draw_cell("LSTM").axes[0]
    conveyor = boxes(ax, "conveyor")
    assert len(conveyor) == 3  # c_{t-1} -> forget -> add -> c_t
    ax.figure.canvas.draw()
    extents = [p.get_window_extent() for p in conveyor]
    assert all(e.height < 0.1 * e.width for e in extents), "the conveyor runs level"
    assert {p.get_linewidth() for p in conveyor} == {3.2}
    assert not boxes(draw_cell("GRU").axes[0], "conveyor")


@pytest.mark.parametrize("kind", CELL_KINDS)
def test_cell_diagrams_read_on_a_projector(kind):
    fig = draw_cell(kind)
    width, height = fig.get_size_inches()
    assert 6 <= width <= 8 and 3.5 <= height <= 4.5 and fig.dpi == 100
    ax = fig.axes[0]
    assert all(text.get_fontsize() >= 10 for text in [*ax.texts, ax.title])
    for part in ("input", "cell", "output"):  # the colours of the topology diagrams
        assert {p.get_edgecolor() for p in boxes(ax, part)} == {to_rgba(COLOURS[part])}
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    extents = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    for i, (first, a) in enumerate(extents):
        for second, b in extents[i + 1:]:
            assert not a.overlaps(b), f"{first!r} overlaps {second!r}"
    figure_box = fig.bbox
    assert all(figure_box.contains(e.x0, e.y0) and figure_box.contains(e.x1, e.y1)
               for _, e in extents), "every label inside the figure"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_draw_cell_accepts_any_case_an_axes_and_a_title():
    assert draw_cell("lstm").axes[0].get_title() == draw_cell("LSTM").axes[0].get_title()
    _, (left, right) = plt.subplots(1, 2)
    fig = draw_cell("GRU", ax=right, title="GRU step")
    assert fig is right.figure and len(fig.axes) == 2 and not left.patches
    assert right.get_title() == "GRU step" and len(boxes(right, "gate")) == 2


def test_draw_cell_opens_exactly_one_figure():
    draw_cell("SimpleRNN")
    assert len(plt.get_fignums()) == 1


def test_draw_cell_is_reexported_and_its_module_stands_alone():
    import helpers.cell_diagrams as cell_diagrams

    assert draw_cell is cell_diagrams.draw_cell and CELL_KINDS == ("SimpleRNN", "LSTM", "GRU")
    imported = set()
    for node in ast.walk(ast.parse(inspect.getsource(cell_diagrams))):
        if isinstance(node, ast.ImportFrom):
            imported |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
    assert "helpers.diagrams" not in imported, "no import cycle: diagrams imports cell_diagrams"
    for part in ("input", "cell", "output"):
        assert cell_diagrams.CELL_COLOURS[part] == COLOURS[part]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: draw_cell("RNN"), ValueError, "kind must be one of SimpleRNN, LSTM, GRU; got 'RNN'"),
        (lambda: draw_cell(""), ValueError, "kind must be one of SimpleRNN, LSTM, GRU"),
        (lambda: draw_cell(None), TypeError, "kind must be a string, got None"),
        (lambda: draw_cell(keras.layers.LSTM), TypeError, "kind must be a string"),
        (lambda: draw_cell("LSTM", ax="axes"), TypeError, "ax must be a matplotlib Axes"),
        (lambda: draw_cell("LSTM", title=3), TypeError, "title must be a string"),
    ],
)
def test_bad_cell_arguments_are_refused_by_name(call, error, match):
    with pytest.raises(error, match=f"^{match}"):
        call()


# --------------------------------------------------------------------------- bidirectional, feed_back


def test_bidirectional_names_its_two_rows_and_carries_states_both_ways():
    ax = draw_topology("bidirectional", 3).axes[0]
    captions = {text.get_gid() for text in ax.texts if text.get_gid()}
    assert {"forward", "backward"} <= captions
    labels = " ".join(text.get_text() for text in ax.texts)
    assert r"\overrightarrow{h}_{1}" in labels and r"\overleftarrow{h}_{3}" in labels
    backward = boxes(ax, "backward arrow")  # each from step t + 1 to step t: right to left
    assert all(a._posA_posB[0][0] > a._posA_posB[1][0] for a in backward)
    assert tuple(ax.figure.get_size_inches()) == (6.0, 4.0)
    plt.close(ax.figure)


def test_a_decoder_that_feeds_back_reads_go_then_its_previous_outputs():
    topo = topology("encoder-decoder", 3, feed_back=True)
    ax = draw_topology(topo).axes[0]
    inputs = [t.get_text() for t in ax.texts if "go" in t.get_text() or "y_" in t.get_text()]
    assert inputs[0] == r"$\langle go \rangle$"
    assert len(boxes(ax, "input")) == 6  # 3 encoder inputs, 3 decoder inputs
    assert len(boxes(ax, "feedback")) == 2  # y_1 -> step 2, y_2 -> step 3
    plt.close(ax.figure)
    assert draw_topology("encoder-decoder", 3, feed_back=True).axes[0].patches
    plt.close("all")


def test_feed_back_is_off_by_default_and_for_encoder_decoder_only():
    assert not topology("encoder-decoder").feed_back
    with pytest.raises(ValueError, match="feed_back"):
        topology("many-to-many", feed_back=True)
    with pytest.raises(ValueError, match="feed_back"):
        Topology("bidirectional", 2, 2, 2, feed_back=True)
    with pytest.raises(TypeError, match="feed_back"):
        draw_topology("encoder-decoder", feed_back="yes")
    with pytest.raises(TypeError, match="feed_back"):
        topology("encoder-decoder", feed_back=1)
