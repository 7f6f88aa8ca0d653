"""Does skipping pdfminer's debug-log calls keep the extracted text the same, and how much faster is it?

    .venv/bin/python benchmarks/pdfminer_speedup.py [N_FILES]

Extracts the same livecareer PDFs in two fresh processes, with and without the speed-up, compares a
hash of every text, and writes the CPU times to benchmarks/RESULTS.md.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LIVECAREER = Path(__file__).resolve().parents[2] / "shared" / "data" / "livecareer"


def run(files: list[Path], speedup: bool) -> dict:
    from nlp import extract

    if not speedup:
        extract._pdfminer_quiet = True  # as if already done: leave pdfminer's loggers alone
    blobs = [f.read_bytes() for f in files]
    cpu = time.process_time()
    hashes = [hashlib.sha256(extract.extract_text(b).text.encode()).hexdigest() for b in blobs]
    return {"cpu": time.process_time() - cpu, "hashes": hashes}


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("--with", "--without"):
        files = sorted(LIVECAREER.glob("*/*.pdf"))[: int(argv[1])]
        print(json.dumps(run(files, argv[0] == "--with")))
        return 0
    n = int(argv[0]) if argv else 300
    results = {}
    for mode in ("--without", "--with"):
        out = subprocess.run([sys.executable, __file__, mode, str(n)], capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout)
    same = results["--with"]["hashes"] == results["--without"]["hashes"]
    before, after = results["--without"]["cpu"], results["--with"]["cpu"]
    body = (f"| extraction of {n} livecareer PDFs | CPU seconds | PDFs / s |\n| --- | ---: | ---: |\n"
            f"| pdfminer.six as shipped | {before:.1f} | {n / before:.2f} |\n"
            f"| debug-log calls skipped | {after:.1f} | {n / after:.2f} |\n\n"
            f"Speed-up {100 * (before - after) / before:.1f}%; extracted text identical for every file: {same}.")
    print(body)
    from benchmarks._results import record

    record("PDF extraction: pdfminer.six speed-up", f"python benchmarks/pdfminer_speedup.py {n}", body)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
