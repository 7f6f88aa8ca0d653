"""Hostile resume files through the upload check and the parse the worker (and bulk import) runs: outcome,
seconds and peak memory per file; and parse time against text length, before and after the linear fix.

    .venv/bin/python benchmarks/hostile_input.py [--before /path/to/old/checkout] [--sizes 100000,300000,600000]

The upload check runs in this process (as in the web request); its peak RSS is this process's. The parse runs
through ``nlp.bounded.parse_bounded`` with the default limits, in a fresh child per file, whose peak RSS
(VmHWM) is read before it is stopped. ``--before`` times the text-length runs with another checkout's
``nlp`` (the parse was quadratic at a01af9a); without it only this checkout is timed. Writes RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._results import record  # noqa: E402
from tests.security import hostile  # noqa: E402

LIVECAREER = ROOT.parent / "shared" / "data" / "livecareer"
if not LIVECAREER.is_dir():
    LIVECAREER = Path("/work/shared/data/livecareer")

FILES = [  # (what, file name, maker), full size as the issue found them
    ("DOCX whose document.xml unpacks to 300 MB", "bomb.docx", lambda: hostile.docx_bomb(300)),
    ("DOCX bomb whose zip headers claim 1 KB", "lying.docx", lambda: hostile.docx_lying_sizes(300)),
    ("DOCX without <w:body>", "nobody.docx", hostile.docx_without_body),
    ("PDF whose content stream inflates to 400 MB", "flate.pdf", lambda: hostile.pdf_flate_bomb(400)),
    ("PDF page tree nested 3,000 deep", "deep.pdf", lambda: hostile.pdf_deep_page_tree(3000)),
    ("one heavy PDF page (100,000 words)", "heavy.pdf", lambda: hostile.pdf_heavy_page(100_000)),
    ("text of 1,000,000 characters", "long.txt", lambda: hostile.huge_text(1_000_000)),
    ("text of 6,000,000 characters (spaCy's limit is 5M)", "huge.txt", lambda: hostile.huge_text(6_000_000)),
]

# Run in a fresh interpreter with ``sys.argv[1]`` first on the path: prints seconds per text length.
TIMING = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from nlp.pipeline import get_pipeline, parse_text
import inspect
text = open(sys.argv[2], encoding="utf-8").read()
get_pipeline(); parse_text(text[:5000])
no_cap = {"max_chars": 10 ** 8} if "max_chars" in inspect.signature(parse_text).parameters else {}
out = {}
for n in map(int, sys.argv[3].split(",")):
    started = time.perf_counter()
    parse_text(text[:n], **no_cap)
    out[n] = round(time.perf_counter() - started, 2)
print(json.dumps(out))
"""


def _long_resume_text(chars: int) -> str:
    """Real resumes (livecareer PDFs' text) one after another, to ``chars`` characters: headings and jobs."""
    from nlp.extract import extract_text

    parts, total = [], 0
    for pdf in sorted(LIVECAREER.glob("*/*.pdf")):
        text = extract_text(pdf.read_bytes()).text
        parts.append(text)
        total += len(text) + 2
        if total >= chars:
            break
    return "\n\n".join(parts)[:chars]


def time_by_length(root: Path, text_file: Path, sizes: list[int]) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", TIMING, str(root), str(text_file), ",".join(map(str, sizes))],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def hostile_rows() -> list[str]:
    from nlp import bounded
    from nlp.errors import ResumeError
    from nlp.filetype import check_opens, detect_type

    rows = []
    for what, name, make in FILES:
        data = make()
        started = time.monotonic()
        try:
            check_opens(data, detect_type(data))
            upload = "accepted"
        except ResumeError as exc:
            upload = f"refused: {exc}"
        upload_s = time.monotonic() - started
        web_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bounded.shutdown()
        child = bounded._child(bounded.Limits().memory_mb)  # fresh, so its peak is this file's
        child.ready(bounded.STARTUP_SECONDS)
        baseline = _peak_mb(child.process.pid)
        started = time.monotonic()
        try:
            parsed = bounded.parse_bounded(data)
            outcome = "parsed" + (f" ({parsed.warnings[0]})" if parsed.warnings else "")
        except ResumeError as exc:
            outcome = f"failed: {exc}"
        parse_s = time.monotonic() - started
        peak = _peak_mb(child.process.pid) if child.alive() else None
        rows.append(f"| {what} | {len(data) / 1024:,.0f} KB | {upload} | {upload_s:.2f} s | {web_rss:,.0f} MB "
                    f"| {outcome} | {parse_s:.1f} s | "
                    + (f"{peak:,.0f} MB (idle {baseline:,.0f})" if peak else "stopped at its limit") + " |")
        print(rows[-1], flush=True)
    bounded.shutdown()
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="a checkout of the old code, to time its parse by text length")
    parser.add_argument("--sizes", default="100000,300000,600000")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    rows = hostile_rows()
    text_file = Path("/tmp/recruit-hostile-long-resume.txt")
    text_file.write_text(_long_resume_text(max(sizes)), encoding="utf-8")
    after = time_by_length(ROOT, text_file, sizes)
    before = time_by_length(Path(args.before), text_file, sizes) if args.before else {}
    print("after", after, "before", before)
    length_rows = [f"| {n:,} | {before.get(str(n), '-')} | {after[str(n)]} |" for n in sizes]

    command = "benchmarks/hostile_input.py" + (f" --before {args.before}" if args.before else "")
    body = ("Each hostile file through the upload check (this process, as in a web request) and through the "
            "parse the worker and bulk import run (`nlp.bounded.parse_bounded`, default limits: 200,000 "
            "characters, 30 s, 1,024 MB over the parser's own size, 64 MB unpacked), in a fresh child per "
            "file. Web RSS is this process's peak so far (it includes the files made for the run).\n\n"
            "| file | size | upload check | check time | web RSS | parse | parse time | parser peak RSS |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) +
            "\n\nParse time by text length (real resumes one after another, no character limit), "
            "seconds on one core:\n\n| characters | before (a01af9a) | after |\n| --- | --- | --- |\n"
            + "\n".join(length_rows))
    record("Hostile input: bombs, deep nesting, huge text", command, body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
