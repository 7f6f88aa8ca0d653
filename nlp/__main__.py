"""Command line: ``python -m nlp parse FILE...``, ``evaluate GOLD.jsonl``, ``rank JOB.json PARSED.jsonl`` and
``train`` (the entity model in ``nlp/model/``)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from multiprocessing import get_context

from nlp.errors import ResumeError


def _parse_one(args: tuple[str, bool, str]) -> dict:
    path, as_text, today = args
    from nlp.pipeline import parse_bytes, parse_text

    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if as_text:
            from nlp.filetype import decode_text

            text = decode_text(data)
            if text is None:
                raise ResumeError("The file is not text in an encoding we can read.")
            parsed = parse_text(text, today=today)
        else:
            parsed = parse_bytes(data, today=today)
    except ResumeError as exc:
        return {"file": path, "error": str(exc), "code": exc.code}
    except OSError as exc:
        return {"file": path, "error": f"Cannot read the file: {exc.strerror}", "code": "unreadable"}
    except Exception as exc:  # one bad file never stops a batch
        return {"file": path, "error": f"Unexpected error while parsing: {type(exc).__name__}: {exc}",
                "code": "internal"}
    return {"file": path, **parsed.to_dict()}


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def cmd_parse(args: argparse.Namespace) -> int:
    jobs = [(path, args.text, args.today) for path in args.files]
    bar = _progress(len(jobs), len(jobs) > 3 and not args.quiet)
    failed = 0
    results = map(_parse_one, jobs)
    pool = None
    if args.jobs > 1 and len(jobs) > 1:
        pool = get_context("fork").Pool(args.jobs)
        results = pool.imap(_parse_one, jobs, chunksize=1)
    try:
        for result in results:
            failed += "error" in result
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            if bar:
                bar.update(1)
    finally:
        if pool:
            pool.close()
            pool.join()
        if bar:
            bar.close()
    if failed and not args.quiet:
        print(f"{failed} of {len(jobs)} files could not be parsed (see their 'error').", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from functools import partial

    from nlp.evaluate import evaluate
    from nlp.pipeline import parse_text

    report = evaluate(args.gold, partial(parse_text, today=args.today), limit=args.limit,
                      labelled_only=args.labelled_only, aligned_only=args.aligned_only)
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.table())
    return 0


def cmd_rank(args: argparse.Namespace) -> int:
    from nlp.resume import ParsedResume
    from nlp.score import JobProfile, Scorer, features

    with open(args.job, encoding="utf-8") as fh:
        scorer = Scorer(JobProfile.from_dict(json.load(fh)))
    ranked, skipped = [], 0
    with open(args.parsed, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if "error" in row:
                skipped += 1
                continue
            parsed = ParsedResume.from_dict(row)
            ranked.append((scorer.score(features(parsed)), row.get("file")))
    ranked.sort(key=lambda item: -item[0].score)
    for result, path in ranked[: args.top or None]:
        sys.stdout.write(json.dumps({"file": path, **result.to_dict()}, ensure_ascii=False) + "\n")
    if skipped:
        print(f"{skipped} unparsed files skipped.", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from nlp.model import DEFAULT_SETS, MODEL_DIR, train

    report = train(args.sets or DEFAULT_SETS, Path(args.output) if args.output else MODEL_DIR, max_epochs=args.epochs)
    print(json.dumps(report, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp", description="Parse and evaluate resumes.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse resume files; one JSON object per line")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--text", action="store_true", help="read every file as plain text")
    p.add_argument("-j", "--jobs", type=int, default=1, help="parse in N processes")
    p.add_argument("--today", default="", help="the parse day, YYYY-MM-DD (default: today); a job 'to present' "
                   "ends at the resume's own date, never after this")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_parse)
    e = sub.add_parser("evaluate", help="field precision, recall and F1 against labelled resumes")
    e.add_argument("gold", metavar="GOLD.jsonl")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.add_argument("--limit", type=int, default=None, help="only the first N resumes")
    e.add_argument("--today", default="")
    e.add_argument("--labelled-only", action="store_true",
                   help="score a field only in resumes where the annotators labelled it")
    e.add_argument("--aligned-only", action="store_true",
                   help="leave out resumes whose labels have slipped off their words")
    e.set_defaults(func=cmd_evaluate)
    r = sub.add_parser("rank", help="rank parsed resumes for a job, best first")
    r.add_argument("job", metavar="JOB.json")
    r.add_argument("parsed", metavar="PARSED.jsonl", help="output of `python -m nlp parse`")
    r.add_argument("--top", type=int, default=0, help="only the best N")
    r.set_defaults(func=cmd_rank)
    t = sub.add_parser("train", help="train the entity model on the labelled sets; writes nlp/model/")
    t.add_argument("sets", nargs="*", metavar="LABELLED.jsonl",
                   help="labelled sets (default: ../shared/data/resume-ner/*-dev.jsonl)")
    t.add_argument("--output", default="", help="where to write the model (default: nlp/model)")
    t.add_argument("--epochs", type=int, default=None, help="override the config's max_epochs")
    t.set_defaults(func=cmd_train)
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        parser.error("-j must be at least 1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
