"""A fixed sample of parses written as JSON lines, to show a refactor changed nothing (or what it changed).

    .venv/bin/python benchmarks/parse_snapshot.py OUT.jsonl            # write the snapshot
    .venv/bin/python benchmarks/parse_snapshot.py OUT.jsonl --against BEFORE.jsonl   # and compare

The sample: the first 70 resumes of each labelled development set (DataTurks, dotin) and 60 livecareer PDFs
drawn with seed 27, parsed with a fixed ``today`` so the output does not depend on the day. Each line is
the whole ``ParsedResume`` (the JSON the app stores) with the resume's id. With ``--against`` it prints
how many lines differ and the first differing fields, and exits 1 if any do.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.extract import extract_text  # noqa: E402
from nlp.pipeline import parse_text  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TODAY = "2026-12-02"


def sample() -> list[tuple[str, str, str | None]]:
    """(id, text, written) for every resume of the sample, in a fixed order."""
    out = []
    for name in ("dataturks-dev.jsonl", "dotin-dev.jsonl"):
        with (DATA / "resume-ner" / name).open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()][:70]
        out += [(f"{name}:{row['id']}", row["text"], None) for row in rows]
    pdfs = sorted((DATA / "livecareer").glob("*/*.pdf"))
    for path in random.Random(27).sample(pdfs, 60):
        extracted = extract_text(path.read_bytes())
        out.append((f"livecareer:{path.parent.name}/{path.name}", extracted.text, extracted.written))
    return out


def diff(after: Path, before: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    print(f"{len(new)} parses, {len(changed)} differ" + ("" if len(old) == len(new) else
                                                        f" ({len(old)} lines before)"))
    for a, b in changed[:20]:
        x, y = json.loads(a), json.loads(b)
        keys = [k for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
        print(f"  {y.get('id')}: {', '.join(keys)}")
    return 1 if changed or len(old) != len(new) else 0


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    with out.open("w", encoding="utf-8") as fh:
        for rid, text, written in sample():
            parsed = parse_text(text, today=TODAY, written=written)
            fh.write(json.dumps({"id": rid, **parsed.to_dict()}, ensure_ascii=False, sort_keys=False) + "\n")
    if "--against" in argv:
        return diff(out, Path(argv[argv.index("--against") + 1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
