"""Build ``occupations.tsv``: job titles as occupations, from O*NET's Alternate Titles and occupation
titles (O*NET 29.2 Database, U.S. Department of Labor, CC BY 4.0), so the scorer reads a title held as an
occupation in the SOC hierarchy instead of as words.

    python -m nlp.data.build_occupations ../shared/data/skills/onet

Each line is a title's content-word stems (sorted, space-separated, as ``nlp.score.tokens`` makes them)
and the 6-digit SOC codes of the occupations it names (``13-2011 13-2082``). Titles made only of words
that name no occupation alone ("Manager", "Senior Director") are left out: a generic word is no
evidence. Detailed O*NET codes (``13-2011.01``) are merged into their SOC occupation.
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "occupations.tsv"


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "../shared/data/skills/onet")
    from nlp.score import generic_title_words, tokens

    codes: dict[str, set[str]] = defaultdict(set)
    sources = (("Alternate Titles.txt", ("Alternate Title", "Short Title")), ("Occupation Data.txt", ("Title",)))
    for name, columns in sources:
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                soc = row["O*NET-SOC Code"][:7]
                for column in columns:
                    title = row.get(column) or ""
                    stems = sorted(set(tokens(title)))
                    if title and title != "n/a" and stems and len(stems) <= 6 \
                            and not set(stems) <= generic_title_words():
                        codes[" ".join(stems)].add(soc)
    with OUTPUT.open("w", encoding="utf-8") as fh:
        fh.write("# O*NET 29.2 Alternate Titles and occupation titles (CC BY 4.0), by nlp/data/build_occupations.py\n")
        for key in sorted(codes):
            fh.write(f"{key}\t{' '.join(sorted(codes[key]))}\n")
    print(f"wrote {len(codes)} titles to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
