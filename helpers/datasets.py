"""The small public time series shipped in ``data/``, each with its source note beside it."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    """Return the path of ``data/NAME`` in this repository, checking that the file exists."""
    path = DATA_DIR / name
    if not path.is_file():
        available = sorted(p.name for p in DATA_DIR.glob("*.csv")) if DATA_DIR.is_dir() else []
        raise ValueError(f"name must be a file in {DATA_DIR}, got {name!r}; available: {available}")
    return path


def load_series(path, column: int = 1) -> tuple[list[str], np.ndarray]:
    """Return ``(labels, values)`` from a two-column CSV with a header: labels as strings and
    values of shape (rows,), e.g. months and passenger counts."""
    with open(path, newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    if len(rows) < 2:
        raise ValueError(f"{path} must hold a header and at least one row of data")
    header, body = rows[0], rows[1:]
    if not 0 <= column < len(header):
        raise ValueError(f"column must be in 0..{len(header) - 1} for {header}, got {column}")
    labels = [row[0] for row in body]
    values = np.array([float(row[column]) for row in body], dtype="float32")
    return labels, values
