"""Draw the picture at the top of the README: every topology of the course, side by side.

The panels come from ``helpers.diagrams.draw_all()``, the same drawings as in the notebooks, so
the README shows what the lessons show. Run it after changing the diagrams (``make figures``).

Usage: python tools/readme_figure.py --out docs/topologies.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "topologies.png"))
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    from helpers.diagrams import draw_all

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # No software tag (it names matplotlib's version): the same diagrams give the same bytes.
    draw_all().savefig(out, dpi=100, metadata={"Software": None})
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
