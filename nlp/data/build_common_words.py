"""Build ``common_words.txt``: words resumes use in lower case, so product names that are also
ordinary words ("Project", "Complete", "Anywhere") are not taken for skills; and ``word_df.tsv``, how
many of these resumes use each word, which the scorer turns into inverse document frequencies.

    python -m nlp.data.build_common_words ../shared/data

Reads the livecareer PDFs and the dotin CVs (not the DataTurks set, which the parser is measured on)
and keeps every word written in lower case in at least three resumes.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "common_words.txt"
DF_OUTPUT = Path(__file__).resolve().parent / "word_df.tsv"


def texts(data: Path):
    from nlp.extract import extract_text

    for pdf in sorted((data / "livecareer").glob("*/*.pdf")):
        try:
            yield extract_text(pdf.read_bytes()).text
        except Exception:  # a broken file in the corpus does not change the word list
            continue
    dotin = data / "resume-ner" / "dotin-dev.jsonl"
    if dotin.exists():
        for line in dotin.open(encoding="utf-8"):
            yield json.loads(line)["text"]


def main(argv: list[str]) -> int:
    data = Path(argv[0] if argv else "../shared/data")
    from nlp.score import tokens

    counts: Counter[str] = Counter()
    df: Counter[str] = Counter()
    documents = 0
    for text in texts(data):
        documents += 1
        counts.update(set(re.findall(r"(?<![\w.])[a-z][a-z'-]{1,}(?![\w])", text)))
        df.update(set(tokens(text)))
    words = sorted(w for w, n in counts.items() if n >= 3)
    OUTPUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    with DF_OUTPUT.open("w", encoding="utf-8") as fh:
        fh.write(f"#documents\t{documents}\n")
        for word, n in sorted(df.items()):
            if n >= 2:
                fh.write(f"{word}\t{n}\n")
    print(f"wrote {len(words)} common words from {documents} resumes to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
