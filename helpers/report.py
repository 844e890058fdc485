"""The one line each notebook prints about its result, which the run table collects.

``headline("max |error|", 0.0041, "< 0.02")`` prints::

    Headline: max |error| = 0.0041 (target < 0.02)

``tools/run_notebooks.py`` reads that line from the executed notebook for its summary table.
"""

from __future__ import annotations

import math

PREFIX = "Headline:"


def headline(label: str, value: float, target: str | None = None, digits: int = 3) -> None:
    """Print the headline line for ``label = value``, rounded to ``digits`` decimals."""
    if not isinstance(label, str) or not label.strip():
        raise ValueError("label must be a non-empty string")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"value must be a finite number, got {value!r}")
    line = f"{PREFIX} {label} = {number:.{digits}f}"
    if target:
        line += f" (target {target})"
    print(line)


def find_headline(text: str) -> str | None:
    """Return the text after the last ``Headline:`` prefix in ``text``, or None if there is none."""
    found = None
    for line in text.splitlines():
        if line.startswith(PREFIX):
            found = line[len(PREFIX):].strip()
    return found
