"""Symbols <-> integer ids <-> one-hot vectors, and a softmax row back to a symbol.

A network reads numbers, not letters. :class:`SymbolEncoder` fixes one id per symbol (in the
order the vocabulary gives them) and turns strings into one-hot tensors of shape
``(samples, timesteps, vocabulary)`` that a recurrent layer can read.
"""

from __future__ import annotations

import numbers
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from helpers._checks import describe, not_too_many, probability_array


class SymbolEncoder:
    """Map each symbol of a fixed vocabulary to an id and to a one-hot vector.

    >>> encoder = SymbolEncoder("abc")
    >>> encoder.encode("cab").tolist()
    [2, 0, 1]
    >>> encoder.one_hot(["ab", "bc"]).shape   # (samples, timesteps, vocabulary)
    (2, 2, 3)

    ``vocabulary`` is a string of one-letter symbols or an iterable of symbols (strings).
    Raises TypeError if it is not iterable (None, a number) or holds something other than
    strings; ValueError if it is empty, holds an empty string or repeats a symbol.
    """

    def __init__(self, vocabulary: Iterable[str]):
        if vocabulary is None or isinstance(vocabulary, bytes) or not isinstance(
            vocabulary, Iterable
        ):
            raise TypeError(
                f"vocabulary must be a string or a list of symbols (strings), "
                f"got {describe(vocabulary)}"
            )
        symbols = list(vocabulary)
        if not symbols:
            raise ValueError("vocabulary must hold at least one symbol")
        for position, symbol in enumerate(symbols):
            if not isinstance(symbol, str):
                raise TypeError(
                    f"vocabulary must hold strings, got {describe(symbol)} at position {position}"
                )
            if not symbol:
                raise ValueError(
                    f"vocabulary must hold non-empty strings, got '' at position {position}"
                )
        duplicates = sorted(s for s, count in Counter(symbols).items() if count > 1)
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
        """Return the ids of ``symbols`` (a string or a list of symbols), shape (T,) with
        T = len(symbols).

        Raises TypeError if ``symbols`` is not a string or a list of strings; ValueError if it
        is empty or holds a symbol that is not in the vocabulary.
        """
        return self._encode(symbols, "symbols")

    def _encode(self, symbols, name: str) -> np.ndarray:
        if not isinstance(symbols, (str, list, tuple, np.ndarray)):
            raise TypeError(
                f"{name} must be a string or a list of symbols (strings), got {describe(symbols)}"
            )
        for position, symbol in enumerate([] if isinstance(symbols, str) else symbols):
            if not isinstance(symbol, str):
                raise TypeError(
                    f"{name} must be a string or a list of symbols (strings), "
                    f"got {describe(symbol)} at position {position}"
                )
        if len(symbols) == 0:
            raise ValueError(f"{name} must not be empty")
        unknown = sorted({s for s in symbols if s not in self._ids})
        if unknown:
            vocabulary = "".join(self.symbols)
            if name == "symbols":
                raise ValueError(f"symbols {unknown} are not in the vocabulary {vocabulary!r}")
            raise ValueError(
                f"{name} must hold symbols of the vocabulary {vocabulary!r}, got {unknown}"
            )
        return np.array([self._ids[s] for s in symbols], dtype="int64")

    def decode(self, ids) -> str:
        """Return the symbols for integer ``ids`` of shape (T,), joined into one string of length T.

        Raises TypeError if ``ids`` are not integers (None, strings, floats, booleans);
        ValueError if they are ragged, not of shape (T,), empty, or out of 0..vocabulary-1.
        """
        if ids is None or isinstance(ids, (str, bytes)):
            raise TypeError(f"ids must be integers of shape (n,), got {describe(ids)}")
        try:
            id_array = np.asarray(ids)
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"ids must have rank 1 (n,), got a ragged {type(ids).__name__}"
            ) from error
        if id_array.ndim != 1:
            raise ValueError(f"ids must have rank 1 (n,), got shape {id_array.shape}")
        if id_array.size == 0:
            raise ValueError("ids must not be empty, got shape (0,)")
        if not np.issubdtype(id_array.dtype, np.integer):
            raise TypeError(f"ids must be integers, got dtype {id_array.dtype}")
        bad = id_array[(id_array < 0) | (id_array >= len(self))]
        if bad.size:
            raise ValueError(f"ids must be in 0..{len(self) - 1}, got {bad.tolist()}")
        return "".join(self.symbols[i] for i in id_array)

    def one_hot(self, strings: Sequence[str] | str) -> np.ndarray:
        """Return one-hot vectors: shape (T, vocabulary) for one string of T symbols, or
        (samples, T, vocabulary) for a list of strings of T symbols each.

        Raises TypeError if ``strings`` is not a string or a list of strings (or of lists of
        symbols); ValueError if it is empty, holds an empty string, strings of different
        lengths or a symbol that is not in the vocabulary, or would give more than 100 million
        values.
        """
        if isinstance(strings, str):
            ids = self._encode(strings, "strings")
            not_too_many(ids.size * len(self), "strings (symbols * vocabulary)")
            return self._one_hot_of(ids)
        if not isinstance(strings, (list, tuple, np.ndarray)):
            raise TypeError(
                f"strings must be a string or a list of strings, got {describe(strings)}"
            )
        if len(strings) == 0:
            raise ValueError("strings must hold at least one string")
        encoded = [self._encode(s, f"strings[{i}]") for i, s in enumerate(strings)]
        lengths = {len(e) for e in encoded}
        if len(lengths) != 1:
            raise ValueError(f"strings must all have one length, got lengths {sorted(lengths)}")
        ids = np.stack(encoded)
        not_too_many(ids.size * len(self), "strings (symbols * vocabulary)")
        return self._one_hot_of(ids)

    def _one_hot_of(self, ids: np.ndarray) -> np.ndarray:
        """Return float32 one-hot vectors of ``ids``: its shape plus a last axis of vocabulary.
        (``keras.utils.to_categorical`` would drop a last axis of length 1: T = 1.)"""
        return np.eye(len(self), dtype="float32")[ids]

    def decode_softmax(self, probabilities) -> str:
        """Return the most likely symbol of each softmax row: one symbol for shape (vocabulary,),
        a string of n symbols for shape (n, vocabulary).

        Raises TypeError if ``probabilities`` are not numbers (None, strings, booleans);
        ValueError if they are ragged, of another shape, empty, NaN, infinite, or outside [0, 1].
        """
        rows = probability_array(probabilities, "probabilities")
        if rows.ndim not in (1, 2):
            raise ValueError(
                f"probabilities must have shape (vocabulary,) or (n, vocabulary), got {rows.shape}"
            )
        if rows.shape[-1] != len(self):
            raise ValueError(
                f"probabilities must have {len(self)} columns (one a symbol), got {rows.shape[-1]}"
            )
        if rows.size == 0:
            raise ValueError(f"probabilities must hold at least one row, got shape {rows.shape}")
        return self.decode(np.atleast_1d(rows.argmax(axis=-1)))


def top_k(encoder: SymbolEncoder, probabilities, k: int = 3) -> list[tuple[str, float]]:
    """Return the ``k`` most likely ``(symbol, probability)`` pairs of one softmax row of shape
    (vocabulary,), most likely first.

    Raises TypeError if ``encoder`` is not a :class:`SymbolEncoder`, ``probabilities`` are not
    numbers or ``k`` is not an int; ValueError if ``probabilities`` is not of shape
    (vocabulary,), holds NaN, infinity or values outside [0, 1], or if ``k`` is not in
    1..vocabulary.
    """
    if not isinstance(encoder, SymbolEncoder):
        raise TypeError(f"encoder must be a SymbolEncoder, got {describe(encoder)}")
    row = probability_array(probabilities, "probabilities", 1, "(vocabulary,)")
    if row.shape[0] != len(encoder):
        raise ValueError(f"probabilities must have {len(encoder)} entries, got {row.shape[0]}")
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an integer in 1..{len(encoder)}, got {describe(k)}")
    if not 1 <= k <= len(encoder):
        raise ValueError(f"k must be in 1..{len(encoder)}, got {k}")
    order = np.argsort(-row, kind="stable")[:k]
    return [(encoder.symbols[i], float(row[i])) for i in order]
