"""Field accuracy of the resume parser on labelled resumes; writes benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/parse_accuracy.py [../shared/data/resume-ner/dataturks-dev.jsonl ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._results import record  # noqa: E402
from nlp.evaluate import evaluate  # noqa: E402

DEFAULT = ["../shared/data/resume-ner/dataturks-dev.jsonl", "../shared/data/resume-ner/dotin-dev.jsonl"]
TARGETS = "Targets (issue 3, DataTurks set): macro F1 >= 0.75, name F1 >= 0.90, skills F1 >= 0.60."


def main(paths: list[str]) -> int:
    body = [TARGETS, ""]
    for path in paths:
        report = evaluate(path)
        print(f"{path}\n{report.table()}\n")
        body += [f"### {Path(path).name}", "", "```", report.table(), "```", ""]
    record("Resume parsing: field accuracy", "python benchmarks/parse_accuracy.py " + " ".join(paths),
           "\n".join(body))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT))
