"""Write a benchmark's figures into benchmarks/RESULTS.md, replacing its previous section."""
from __future__ import annotations

import os
import platform
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=RESULTS.parent).stdout.strip()
    except OSError:
        commit = "?"
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, commit {commit}, "
            f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")


def record(name: str, command: str, body: str) -> None:
    """Put ``body`` under the heading ``## name`` in RESULTS.md, with the machine and the command."""
    section = f"## {name}\n\nMachine: {machine()}\n\nCommand: `{command}`\n\n{body.strip()}\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else (
        "# Benchmark results\n\nWritten by the scripts in this folder; rerun one to refresh its section.\n")
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
