"""Build ``skills.jsonl``, the skills taxonomy, from the curated list and O*NET's technology skills.

    python -m nlp.data.build_common_words ../shared/data   # once, or when the corpus changes
    python -m nlp.data.build_taxonomy ../shared/data/skills/onet

O*NET 29.2 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0.
Each line of the output is ``{"name", "category", "aliases", "source"}``; an alias starting with ``=``
matches with its exact case, one starting with ``~`` only in a skills section or a list of skills.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated_skills.txt"
OUTPUT = HERE / "skills.jsonl"
COMMON_WORDS = HERE / "common_words.txt"  # from build_common_words.py

VENDORS = ["Microsoft", "Oracle", "IBM", "Adobe", "Apple", "Google", "Amazon", "Amazon Web Services", "Apache",
           "Atlassian", "Autodesk", "Intuit", "SAP", "Salesforce", "Cisco", "The MathWorks", "MathWorks", "SAS",
           "Dassault Systemes", "ESRI", "Bentley", "Facebook", "Meta", "Red Hat", "VMware", "Hewlett Packard",
           "Corel", "Epic Systems", "Cerner", "Thomson Reuters", "Wolters Kluwer", "Unity Technologies", "Elastic",
           "Eclipse", "JetBrains", "Tableau", "Qlik", "Alteryx", "Informatica", "Teradata", "Snowflake", "MongoDB",
           "Cloudera", "Databricks", "Sage", "Xero", "Zoho", "HubSpot", "Zendesk", "ServiceNow", "Workday"]
VENDOR_RE = re.compile(r"^(?:%s)\s+" % "|".join(re.escape(v) for v in sorted(VENDORS, key=len, reverse=True)))

CATEGORIES = [
    (("spreadsheet", "office suite", "word processing", "presentation", "electronic mail", "document management"),
     "office"),
    (("analytical or scientific", "business intelligence", "data mining", "statistical"), "analytics"),
    (("financial analysis", "tax preparation"), "finance"),
    (("accounting",), "accounting"),
    (("medical", "pharmaceutical"), "healthcare"),
    (("data base", "database"), "database"),
    (("development environment", "object or component", "web platform", "program testing", "compiler",
      "configuration management", "requirements analysis"), "programming"),
    (("human resources",), "hr"),
    (("customer relationship",), "crm_bpo"),
    (("project management",), "management"),
    (("legal",), "legal"),
]


def parse_curated(path: Path = CURATED) -> list[dict]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        category, name = parts[0], parts[1]
        aliases = [a.strip() for a in parts[2].split(";")] if len(parts) > 2 and parts[2] else []
        clean_name = name.lstrip("~=")
        entries.append({"name": clean_name, "category": category, "aliases": [name] + aliases,
                        "source": "curated"})
    return entries


def _category(commodity: str) -> str:
    lowered = commodity.lower()
    for needles, category in CATEGORIES:
        if any(n in lowered for n in needles):
            return category
    return "software"


def _onet_aliases(example: str, hot: bool) -> list[str]:
    """The names an O*NET technology goes by in resumes: full name, without vendor, its acronym."""
    aliases = [example]
    base = re.sub(r"\s+software$", "", example)
    if base != example and len(base) > 2:
        aliases.append(base)
    stripped = VENDOR_RE.sub("", base)
    if stripped != base and len(stripped) > 1:
        aliases.append(stripped)
    acronym = re.search(r"\s([A-Z][A-Z0-9+#]{1,9})$", base)
    if acronym:
        aliases.append(acronym.group(1))
        long_form = base[: acronym.start()].strip()
        if len(long_form.split()) >= 2:
            aliases.append(long_form)
    out = []
    for alias in aliases:
        # A lone plain word ("Clipper", "Maple") may be an ordinary word; "SQLite" or "ArcGIS" is not.
        plain_word = " " not in alias and re.fullmatch(r"[A-Z]?[a-z]+", alias) is not None
        if plain_word and not hot:
            alias = "~" + alias  # a lone product word counts only where skills are listed
        if alias not in out:
            out.append(alias)
    return out


def _common_words() -> set[str]:
    return set(COMMON_WORDS.read_text(encoding="utf-8").split()) if COMMON_WORDS.exists() else set()


def parse_onet(folder: Path) -> list[dict]:
    rows = list(csv.DictReader((folder / "Technology Skills.txt").open(encoding="utf-8"), delimiter="\t"))
    by_name: dict[str, dict] = {}
    for row in rows:
        example = row["Example"].strip()
        words = example.split()
        # Descriptions such as "Cost accounting software" name a kind of tool, not a skill.
        if example.endswith("software") and all(w.islower() for w in words[1:]):
            continue
        hot = row.get("Hot Technology") == "Y"
        entry = by_name.setdefault(example, {"name": re.sub(r"\s+software$", "", example),
                                             "category": _category(row["Commodity Title"]),
                                             "aliases": _onet_aliases(example, hot), "source": "onet"})
        if hot and any(a.startswith("~") for a in entry["aliases"]):
            entry["aliases"] = _onet_aliases(example, True)
    # A one-word name that resumes also use as an ordinary word ("Complete", "Project") is dropped.
    common = _common_words()
    for entry in by_name.values():
        entry["aliases"] = [a for a in entry["aliases"]
                            if " " in a.strip() or a.lstrip("~=").lower() not in common]
    return [e for e in by_name.values() if e["aliases"]]


def build(onet_folder: Path | None) -> list[dict]:
    entries = parse_curated()
    owner = {a.lstrip("~=").lower(): e for e in entries for a in e["aliases"]}
    if onet_folder is not None:
        for entry in parse_onet(onet_folder):
            keys = [a.lstrip("~=").lower() for a in entry["aliases"]]
            # The same skill when its full name, or a vendor-less name of two words or more, is known;
            # a shared acronym or a lone generic word ("Teradata Database" -> "Database") is not enough.
            known = next((owner[k] for n, (a, k) in enumerate(zip(entry["aliases"], keys))
                          if k in owner and not a.isupper() and (n == 0 or " " in k)), None)
            fresh = [a for a, k in zip(entry["aliases"], keys) if k not in owner]
            if known is not None:  # another name for a skill we have: keep it as an alias of that skill
                known["aliases"].extend(fresh)
                target = known
            elif fresh:
                target = {**entry, "aliases": fresh}
                entries.append(target)
            else:
                continue
            owner.update((a.lstrip("~=").lower(), target) for a in fresh)
    return entries


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else None
    entries = build(folder)
    with OUTPUT.open("w", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"wrote {len(entries)} skills to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
