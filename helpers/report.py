"""The one line each notebook prints about its result, which the run table collects.

``headline("max |error|", 0.0041, "< 0.02")`` prints::

    Headline: max |error| = 0.0041 (target < 0.02)

``tools/run_notebooks.py`` reads that line from the executed notebook for its summary table.
"""

from __future__ import annotations

from helpers._checks import non_negative_int, real_number, string

PREFIX = "Headline:"
MAX_DIGITS = 17


def headline(label: str, value: float, target: str | None = None, digits: int = 3) -> None:
    """Print the headline line for ``label = value``, rounded to ``digits`` decimals; return None.

    Raises TypeError if ``label`` or ``target`` is not a string (``target`` may be None),
    ``value`` is not one real number (a string, a bool, a list) or ``digits`` not an int;
    ValueError if ``label`` is blank, ``value`` is NaN or infinite, or ``digits`` is not in
    0..17 (a float64 holds about 17 significant digits).
    """
    string(label, "label", non_empty=True)
    number = real_number(value, "value")
    if target is not None:
        string(target, "target")
    if non_negative_int(digits, "digits") > MAX_DIGITS:
        raise ValueError(f"digits must be a whole number in 0..{MAX_DIGITS}, got {digits}")
    line = f"{PREFIX} {label} = {number:.{digits}f}"
    if target:
        line += f" (target {target})"
    print(line)


def find_headline(text: str) -> str | None:
    """Return the text after the last ``Headline:`` prefix in ``text``, or None if there is none.

    Raises TypeError if ``text`` is not a string.
    """
    string(text, "text")
    found = None
    for line in text.splitlines():
        if line.startswith(PREFIX):
            found = line[len(PREFIX):].strip()
    return found
