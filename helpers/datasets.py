"""The small public time series shipped in ``data/``, each with its source note beside it.

In a clone of the repository the files are read from ``data/``. Where ``helpers`` was installed
on its own (in Colab, say), the file and its ``.names`` note are fetched once from the
repository named in the package metadata into ``~/.cache/rnn-topologies``. The environment
variable ``RNN_TOPOLOGIES_DATA_URL`` points elsewhere (a mirror, or ``file://`` for tests).
"""

from __future__ import annotations

import csv
import os
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import numpy as np

from helpers._checks import describe, existing_file, non_negative_int

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CACHE_DIR = Path.home() / ".cache" / "rnn-topologies"
DATA_URL_ENV = "RNN_TOPOLOGIES_DATA_URL"
_FLOAT32_MAX = float(np.finfo("float32").max)


class DataFileNotFoundError(FileNotFoundError, ValueError):
    """No such file in ``data/``: a FileNotFoundError, and a ValueError as it always was."""


def repository_url() -> str:
    """Return the repository's URL from the installed package's metadata (pyproject.toml).

    Raises ValueError if the metadata names no Repository URL.
    """
    for entry in metadata.metadata("rnn-topologies").get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip().rstrip("/")
    raise ValueError("the rnn-topologies package metadata names no Repository URL")


def data_url() -> str:
    """Return the base URL that the data files are fetched from when they are not local.

    Raises ValueError, as :func:`repository_url` does, when the variable is unset and the
    package metadata names no Repository URL.
    """
    if os.environ.get(DATA_URL_ENV):
        return os.environ[DATA_URL_ENV].rstrip("/")
    owner_and_name = repository_url().split("github.com/", 1)[-1]
    return f"https://raw.githubusercontent.com/{owner_and_name}/main/data"


def data_path(name: str) -> Path:
    """Return the path of ``data/NAME``: in the repository, or fetched into the cache.

    Raises TypeError if ``name`` is not a string; ValueError if it is empty or a path rather
    than a file name, or if the file cannot be fetched; :class:`DataFileNotFoundError` (a
    FileNotFoundError and a ValueError) if there is no such file in the repository's ``data/``.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a file name such as 'airline-passengers.csv', got {describe(name)}"
        )
    if not name or "/" in name or "\\" in name:
        raise ValueError(f"name must be a file name such as 'airline-passengers.csv', got {name!r}")
    if DATA_DIR.is_dir():
        path = DATA_DIR / name
        if not path.is_file():
            available = sorted(p.name for p in DATA_DIR.glob("*.csv"))
            raise DataFileNotFoundError(f"name must be a file in {DATA_DIR}, got {name!r}; "
                                        f"available: {available}")
        return path
    return _fetch(name)


def _fetch(name: str) -> Path:
    """Download ``name`` and its ``.names`` source note into the cache, once."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for file_name in (name, Path(name).with_suffix(".names").name):
        target = CACHE_DIR / file_name
        if target.is_file():
            continue
        url = f"{data_url()}/{file_name}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                target.write_bytes(response.read())
        except (urllib.error.URLError, OSError) as error:
            message = f"name {file_name!r} could not be fetched from {url}: {error}"
            raise ValueError(message) from error
    return CACHE_DIR / name


def load_series(path, column: int = 1) -> tuple[list[str], np.ndarray]:
    """Return ``(labels, values)`` from a two-column CSV with a header: labels as strings and
    values of shape (T,), one a row, e.g. months and passenger counts.

    Raises TypeError if ``path`` is not a str or Path or ``column`` not an int;
    FileNotFoundError if there is no file at ``path``; ValueError if it is a folder or not
    text, has no header or no data row, if ``column`` is not a column of the header, or if a
    row lacks that column or holds something other than a finite number there (the message
    names the file, the row as a line number of the file, header = 1, and the column).
    """
    file_path = existing_file(path, "path")
    column = non_negative_int(column, "column")
    try:
        with open(file_path, newline="") as handle:
            reader = csv.reader(handle)
            rows, line_numbers = [], []
            for row in reader:
                if row:
                    rows.append(row)
                    line_numbers.append(reader.line_num)
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"path must be a CSV text file, got {str(path)!r}: {error}") from error
    if len(rows) < 2:
        raise ValueError(
            f"path must be a CSV file with a header and at least one row of data, "
            f"got {str(path)!r} with {len(rows)} row(s)"
        )
    header, body = rows[0], rows[1:]
    if not 0 <= column < len(header):
        raise ValueError(f"column must be in 0..{len(header) - 1} for {header}, got {column}")
    labels = [row[0] for row in body]
    numbers = []
    for line, row in zip(line_numbers[1:], body, strict=True):
        where = f"path {str(path)!r}: row {line}, column {column} ({header[column]!r})"
        if column >= len(row):
            raise ValueError(f"{where} must hold a number, got a missing value")
        try:
            number = float(row[column])
        except ValueError:
            raise ValueError(f"{where} must hold a number, got {row[column]!r}") from None
        if not np.isfinite(number) or abs(number) > _FLOAT32_MAX:
            raise ValueError(f"{where} must hold a finite number, got {row[column]!r}")
        numbers.append(number)
    values = np.array(numbers, dtype="float32")
    return labels, values


def load_text(path) -> str:
    """Return the whole of a UTF-8 text file as one string, e.g. ``tinyshakespeare.txt``.

    Raises TypeError if ``path`` is not a str or Path; FileNotFoundError if there is no file at
    ``path``; ValueError if it is a folder, is not UTF-8 text or is empty.
    """
    file_path = existing_file(path, "path")
    try:
        text = file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"path must be a UTF-8 text file, got {str(path)!r}: {error}") from None
    if not text:
        raise ValueError(f"path must be a text file with at least one character, got {str(path)!r}")
    return text
