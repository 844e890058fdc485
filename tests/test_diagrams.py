"""Tests for helpers.diagrams: layouts, drawings, reading models, argument checks."""

import io

import keras
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from helpers.diagrams import (
    COLOURS,
    TOPOLOGIES,
    Topology,
    draw_all,
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
    # one arrow per input, per output and per hand-over of the hidden state
    assert len(boxes(ax, "arrow")) == topo.n_inputs + topo.n_outputs + topo.n_steps - 1
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
    assert [len(boxes(ax, "cell")) for ax in fig.axes] == [1, 3, 3, 3, 6]


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
        Topology("many-to-many", 3, 3, 3),
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
