"""Symbols <-> integer ids <-> one-hot vectors, and a softmax row back to a symbol.

A network reads numbers, not letters. :class:`SymbolEncoder` fixes one id per symbol (in the
order the vocabulary gives them) and turns strings into one-hot tensors of shape
``(samples, timesteps, vocabulary)`` that a recurrent layer can read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from helpers._checks import array_of_rank


class SymbolEncoder:
    """Map each symbol of a fixed vocabulary to an id and to a one-hot vector.

    >>> encoder = SymbolEncoder("abc")
    >>> encoder.encode("cab").tolist()
    [2, 0, 1]
    >>> encoder.one_hot(["ab", "bc"]).shape   # (samples, timesteps, vocabulary)
    (2, 2, 3)
    """

    def __init__(self, vocabulary: Iterable[str]):
        symbols = list(vocabulary)
        if not symbols:
            raise ValueError("vocabulary must hold at least one symbol")
        if any(not isinstance(s, str) for s in symbols):
            raise TypeError("vocabulary must hold strings")
        duplicates = sorted({s for s in symbols if symbols.count(s) > 1})
        if duplicates:
            raise ValueError(f"vocabulary has repeated symbols: {duplicates}")
        self.symbols: tuple[str, ...] = tuple(symbols)
        self._ids = {symbol: i for i, symbol in enumerate(self.symbols)}

    def __len__(self) -> int:
        return len(self.symbols)

    def __repr__(self) -> str:
        shown = "".join(self.symbols) if all(len(s) == 1 for s in self.symbols) else self.symbols
        return f"SymbolEncoder({shown!r})"

    def encode(self, symbols: Sequence[str]) -> np.ndarray:
        """Return the ids of ``symbols`` (a string or a list of symbols), shape (len(symbols),)."""
        if len(symbols) == 0:
            raise ValueError("symbols must not be empty")
        unknown = sorted({s for s in symbols if s not in self._ids})
        if unknown:
            raise ValueError(
                f"symbols {unknown} are not in the vocabulary {''.join(self.symbols)!r}"
            )
        return np.array([self._ids[s] for s in symbols], dtype="int64")

    def decode(self, ids) -> str:
        """Return the symbols for integer ``ids`` of shape (n,), joined into one string."""
        id_array = np.asarray(ids)
        if id_array.ndim != 1:
            raise ValueError(f"ids must have rank 1 (n,), got shape {id_array.shape}")
        if not np.issubdtype(id_array.dtype, np.integer):
            raise TypeError(f"ids must be integers, got dtype {id_array.dtype}")
        bad = id_array[(id_array < 0) | (id_array >= len(self))]
        if bad.size:
            raise ValueError(f"ids must be in 0..{len(self) - 1}, got {bad.tolist()}")
        return "".join(self.symbols[i] for i in id_array)

    def one_hot(self, strings: Sequence[str] | str) -> np.ndarray:
        """Return one-hot vectors: shape (n, vocabulary) for one string of n symbols, or
        (samples, timesteps, vocabulary) for a list of equally long strings."""
        import keras

        if isinstance(strings, str):
            return keras.utils.to_categorical(self.encode(strings), len(self)).astype("float32")
        if len(strings) == 0:
            raise ValueError("strings must hold at least one string")
        lengths = {len(s) for s in strings}
        if len(lengths) != 1:
            raise ValueError(f"strings must all have one length, got lengths {sorted(lengths)}")
        ids = np.stack([self.encode(s) for s in strings])
        return keras.utils.to_categorical(ids, len(self)).astype("float32")

    def decode_softmax(self, probabilities) -> str:
        """Return the most likely symbol of each softmax row: one symbol for shape (vocabulary,),
        a string of n symbols for shape (n, vocabulary)."""
        rows = np.asarray(probabilities, dtype=float)
        if rows.ndim not in (1, 2):
            raise ValueError(
                f"probabilities must have shape (vocabulary,) or (n, vocabulary), got {rows.shape}"
            )
        if rows.shape[-1] != len(self):
            raise ValueError(
                f"probabilities must have {len(self)} columns (one a symbol), got {rows.shape[-1]}"
            )
        return self.decode(np.atleast_1d(rows.argmax(axis=-1)))


def top_k(encoder: SymbolEncoder, probabilities, k: int = 3) -> list[tuple[str, float]]:
    """Return the ``k`` most likely ``(symbol, probability)`` pairs of one softmax row."""
    row = array_of_rank(probabilities, 1, "probabilities", "(vocabulary,)")
    if row.shape[0] != len(encoder):
        raise ValueError(f"probabilities must have {len(encoder)} entries, got {row.shape[0]}")
    if not 1 <= k <= len(encoder):
        raise ValueError(f"k must be in 1..{len(encoder)}, got {k}")
    order = np.argsort(-row, kind="stable")[:k]
    return [(encoder.symbols[i], float(row[i])) for i in order]
