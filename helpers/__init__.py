"""Shared helpers for the rnn-topologies notebooks.

One module per idea:

- :mod:`helpers.sequences` builds the toy sequences and reshapes them for each topology.
- :mod:`helpers.encoding` maps symbols to integer ids and one-hot vectors and back.
- :mod:`helpers.plots` draws loss curves, a live training plot and predictions.
- :mod:`helpers.diagrams` draws the unrolled diagram of each topology (and, through
  :mod:`helpers.cell_diagrams`, the inside of a SimpleRNN, LSTM or GRU cell).
- :mod:`helpers.text` cuts a long text into next-character windows and samples with a
  temperature.
- :mod:`helpers.reference` re-computes recurrent layers in NumPy and counts parameters.
- :mod:`helpers.datasets` finds and reads the time series and the text in `data/`.
- :mod:`helpers.reproducibility` seeds everything in one call.
- :mod:`helpers.report` prints the headline result that the run table collects.
"""

__version__ = "0.2.0"
