"""Resumes per second on one core for PDF text extraction alone and for the whole parse, and the peak
memory of the parsing process; writes benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/parse_throughput.py [N_FILES] [--sample]   (default: all livecareer PDFs)

With ``--sample`` the N files are a random sample (seed 20) rather than the first N. The spaCy part is
timed twice on the same texts, rules alone (the baseline) and with the trained model, in one run.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._results import record  # noqa: E402
from nlp.errors import ResumeError  # noqa: E402
from nlp.extract import extract_text  # noqa: E402
from nlp.combine import RULES_ONLY  # noqa: E402
from nlp.pipeline import get_pipeline, parse_text  # noqa: E402

LIVECAREER = Path(__file__).resolve().parents[2] / "shared" / "data" / "livecareer"


def main(argv: list[str]) -> int:
    files = sorted(LIVECAREER.glob("*/*.pdf"))
    numbers = [a for a in argv if a.isdigit()]
    if numbers and "--sample" in argv:
        import random

        random.seed(20)
        files = random.sample(files, int(numbers[0]))
    elif numbers:
        files = files[: int(numbers[0])]
    blobs = [f.read_bytes() for f in files]
    rules_only = tuple(sorted(RULES_ONLY.items()))
    get_pipeline()  # built once per process, as in a worker; not part of the per-file figures
    get_pipeline(strategy=rules_only)
    parse_text("Warm Up\nAnalyst at Example Ltd, Pune\nJan 2010 - Feb 2012\n")  # loads the trained model

    cpu = time.process_time()
    texts, failed = [], 0
    for data in blobs:
        try:
            texts.append(extract_text(data).text)
        except ResumeError:
            failed += 1
    extract_s = time.process_time() - cpu

    cpu = time.process_time()
    for text in texts:
        parse_text(text, strategy=rules_only)
    rules_s = time.process_time() - cpu

    cpu = time.process_time()
    for text in texts:
        parse_text(text)
    nlp_s = time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(blobs)
    rows = [
        "| step | CPU seconds | resumes / s / core | ms per resume |",
        "| --- | ---: | ---: | ---: |",
        f"| PDF text extraction (pdfminer.six) | {extract_s:.1f} | {n / extract_s:.2f} | {1000 * extract_s / n:.0f} |",
        f"| spaCy pipeline, rules alone (baseline) | {rules_s:.1f} | {len(texts) / rules_s:.2f} | "
        f"{1000 * rules_s / max(len(texts), 1):.0f} |",
        f"| spaCy pipeline with the trained model | {nlp_s:.1f} | {len(texts) / nlp_s:.2f} | {1000 * nlp_s / max(len(texts), 1):.0f} |",
        f"| whole parse (both) | {extract_s + nlp_s:.1f} | {n / (extract_s + nlp_s):.2f} | "
        f"{1000 * (extract_s + nlp_s) / n:.0f} |",
    ]
    summary = (f"{n} livecareer PDFs, {failed} unreadable. The spaCy part adds "
               f"{100 * nlp_s / extract_s:.0f}% on top of extraction (target: at most 40%; rules alone "
               f"{100 * rules_s / extract_s:.0f}%, so the trained model costs {100 * (nlp_s - rules_s) / extract_s:.0f}"
               f"% of extraction). Machine: 2-core shared VM, loaded by parallel work. "
               f"Peak memory of the process (RSS): {peak_mb:.0f} MB.")
    print("\n".join(rows) + "\n\n" + summary)
    record("Resume parsing: throughput on one core", "python benchmarks/parse_throughput.py " + " ".join(argv),
           "\n".join(rows) + "\n\n" + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
