"""The trained model's entities joined with what the rules found, field by field.

The rules structure a resume (jobs with their dates, education entries with their grades) and know the
layouts they were written for; the model finds titles, employers, schools and skills in layouts they do
not know. Each field takes one of these strategies (``benchmarks/parse_accuracy.py`` measures which wins):

- ``rules``: the rules' values only;
- ``model``: the model's values only (for measuring it alone);
- ``fallback``: the model's values where the rules found none for that field;
- ``union``: the rules' values, plus the model's that they do not already hold;
- ``auto``: per resume, ``fallback`` where the rules read the layout (most of their jobs have both a
  title and an employer, every school entry both a school and a degree, a skills list of ten or more),
  ``union`` where they did not: the model proposes where the layout is unfamiliar;
- ``auto_replace``: ``fallback`` where the rules read the layout; where they did not, the model's value
  replaces the rules' in each entry it reads (the rules' degree stays when the model's only adds the
  field to it: "Bachelor of Science : Finance"), and the rules' values it did not read stay.

A model value is added only when the rules accept its shape (``plausible``): short, not a sentence,
not a date or an address line. Model titles and employers are grouped into jobs in text order and
dated by the nearest date range after them; schools and degrees into education entries.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING

from nlp import dates
from nlp.evaluate import employer_match, norm, tolerant_match
from nlp.resume import Education, Experience, Skill
from nlp.vocab import DEGREE_RE, INSTITUTION_WORDS, TITLE_WORDS, only_common_words, skill_aliases, spoken_languages

if TYPE_CHECKING:
    from nlp.components.record import ResumeRecord

FIELDS = ("titles", "employers", "institutions", "degrees", "location", "skills")
RULES_ONLY = {f: "rules" for f in FIELDS}
MODEL_ONLY = {f: "model" for f in FIELDS}

_MAX_WORDS = {"TITLE": 8, "EMPLOYER": 8, "INSTITUTION": 12, "DEGREE": 12, "LOCATION": 5, "SKILL": 5}
_SENTENCE = re.compile(r"(?i)\b(?:i|we|my|our|was|were|is|am|have|has|responsible)\b|[.!?]\s+\w")
_LETTERS = re.compile(r"[A-Za-z]")
_EMAIL_OR_LINK = re.compile(r"@|https?:|www\.|\.com\b")
# Anonymised resumes put placeholders where names were ("Company Name", "City , State").
_PLACEHOLDER = re.compile(r"(?i)\bcompany name\b|\bcity\s*,\s*state\b|\bstate\s*,\s*city\b")
_DANGLING = {"a", "an", "the", "of", "and", "or", "in", "at", "for", "to", "with", "&", "on", "by"}
FAMILIAR_SHARE = 0.7  # of the rules' jobs with both title and employer, for "auto" to read a layout as known
HEAD_CHARS = 1000  # the candidate's own place is named at the top; later places are jobs' and schools'


def plausible(value: str, label: str) -> bool:
    """Whether a model entity has the shape of its field: a few words, letters, no sentence or address."""
    words = value.split()
    if not words or len(words) > _MAX_WORDS.get(label, 8) or not _LETTERS.search(value):
        return False
    if _EMAIL_OR_LINK.search(value) or _PLACEHOLDER.search(value) or (label != "DEGREE" and _SENTENCE.search(value)):
        return False
    if label == "LOCATION" and not _place_shaped(value):
        return False
    if words[-1].lower() in _DANGLING:
        return False  # cut off mid-phrase: "Senior member of a"
    if label == "SKILL" and value.islower() and only_common_words(value):
        return False  # "written", "respectful": words from a sentence, not a skill's name
    if label == "TITLE" and not title_shaped(value):
        return False
    return not (label in ("TITLE", "EMPLOYER", "INSTITUTION", "SKILL") and dates.find_ranges(value))


def title_shaped(value: str) -> bool:
    """Whether a model title names a role in the rules' words for one ("Technology Analyst", "Sr Test
    Engineer"), not a school ("Jawaharlal Nehru Technological University"), a school level ("Senior
    Secondary"), a line of work ("Data Entry", "Freelance Development") or a cut-off phrase ("OPERATIONS
    MANAGER (")."""
    return bool(TITLE_WORDS.search(value)) and not INSTITUTION_WORDS.search(value) \
        and not DEGREE_RE.search(value) and value.count("(") == value.count(")")


def _place_shaped(value: str) -> bool:
    """Not a product or a phrase ("Power Point, MS", "Public Administration"); the checks the review queue
    makes (``nlp.confidence``), so the model never proposes a place the queue would doubt."""
    from nlp.confidence import doubtful_place

    return not doubtful_place(value)


def _clean(text: str, start: int, end: int) -> tuple[str, int, int]:
    value = text[start:end]
    stripped = value.strip(" \t\n,;:-–|•·*")
    lead = value.find(stripped) if stripped else 0
    return " ".join(stripped.split()), start + lead, start + lead + len(stripped)


def model_values(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, int, int, str]]:
    """The model's entities as ``(value, start, end, label)``, cleaned and kept only when plausible."""
    out = []
    for start, end, label in ents:
        value, a, b = _clean(text, start, end)
        if value and label in _TIDY:
            value, a, b = _TIDY[label](text, value, a, b)
        if value and plausible(value, label):
            out.append((value, a, b, label))
    return out


def _tidy_employer(text: str, value: str, a: int, b: int) -> tuple[str, int, int]:
    """The rules' own tidying of an employer ("Cisco Bangalore" -> "Cisco"), evidence moved with it."""
    from nlp.components.experience import clean_employer

    cleaned = clean_employer(text[a:b], a)
    return (" ".join(cleaned[0].split()), cleaned[1], cleaned[1] + len(cleaned[0])) if cleaned else ("", a, a)


def _tidy_institution(text: str, value: str, a: int, b: int) -> tuple[str, int, int]:
    """The rules' tidying of a school ("B.Com from Vivekananda College, Bangalore (2002)"); a name they
    would not call a school ("NMIMS") is kept as the model read it."""
    from nlp.components.education import clean_institution

    cleaned = clean_institution(text[a:b])
    where = text.find(cleaned, a, b) if cleaned else -1
    return (" ".join(cleaned.split()), where, where + len(cleaned)) if where >= 0 else (value, a, b)


_TIDY = {"EMPLOYER": _tidy_employer, "INSTITUTION": _tidy_institution}


def _jobs(text: str, values) -> list[dict]:
    """Titles, employers and job locations grouped into jobs in text order."""
    jobs: list[dict] = []
    slot = {"TITLE": "title", "EMPLOYER": "employer", "LOCATION": "location"}
    for value, a, b, label in values:
        key = slot.get(label)
        if key is None or (key == "location" and not jobs):
            continue
        # A new job starts when its slot is taken, or when the last value was long ago (another block).
        if not jobs or jobs[-1].get(key) or (a - jobs[-1]["last"] > 300 and key != "location"):
            if key == "location":
                continue
            jobs.append({"first": a, "last": b})
        jobs[-1][key] = (value, a, b)
        jobs[-1]["last"] = b
    for n, job in enumerate(jobs):
        stop = jobs[n + 1]["first"] if n + 1 < len(jobs) else min(len(text), job["last"] + 300)
        window_start = max(0, text.rfind("\n", 0, max(0, job["first"] - 120)))
        ranges = dates.find_ranges(text[window_start:stop], window_start)
        if ranges:
            rng = min(ranges, key=lambda r: abs(r.span[0] - job["last"]))
            job["range"] = rng
    return [j for j in jobs if j.get("title") or j.get("employer")]


def _schools(values) -> list[dict]:
    entries: list[dict] = []
    slot = {"INSTITUTION": "institution", "DEGREE": "degree", "DATE": "end"}
    for value, a, b, label in values:
        key = slot.get(label)
        if key is None:
            continue
        if key == "end":
            if entries and not entries[-1].get("end") and a - entries[-1]["last"] < 200:
                years = dates.find_years(value)
                if years:
                    entries[-1]["end"] = (years[-1][0], a + years[-1][1], a + years[-1][2])
            continue
        if not entries or entries[-1].get(key) or a - entries[-1]["last"] > 250:
            entries.append({"first": a, "last": b})
        entries[-1][key] = (value, a, b)
        entries[-1]["last"] = b
    return [e for e in entries if e.get("institution") or e.get("degree")]


def _same_job(rule: Experience, job: dict) -> bool:
    return bool((job.get("title") and rule.title and tolerant_match(rule.title, job["title"][0]))
                or (job.get("employer") and rule.employer
                    and employer_match(rule.employer, job["employer"][0])))


def _same_school(rule: Education, entry: dict) -> bool:
    if entry.get("institution") and rule.institution:
        return tolerant_match(rule.institution, entry["institution"][0])
    if entry.get("degree") and rule.degree:
        return tolerant_match(rule.degree, entry["degree"][0])
    return False


def _overlapping(ev: dict, key: str, entry: dict) -> int | None:
    """The index of the rules' ``key`` entry (``experience``, ``education``) whose evidence overlaps one
    of the model's values in ``entry``: the model read the same words, so it is the same entry."""
    spans = [v[1:3] for k, v in entry.items() if isinstance(v, tuple)]
    for path, where in ev.items():
        parts = path.split(".")
        if parts[0] == key and len(parts) == 3 and parts[2] != "description" and where:
            if any(a < where[1] and where[0] < b for a, b in spans):
                return int(parts[1])
    return None


def _beside(text: str, ev: dict, key: str, entries: list, proposal: dict, slots) -> int | None:
    """The index of the rules' entry named on the same line as the model's value, with the slots the model
    fills still empty: "Software Engineering Co-op 03/2010 to 12/2010 Company Name", where the rules read
    the dates and the employer but not the title, is one job, not two."""
    filled = [slot for slot in slots if proposal.get(slot)]
    lines = {text.count("\n", 0, proposal[slot][1]) for slot in filled}
    for path, where in ev.items():
        parts = path.split(".")
        if parts[0] != key or len(parts) != 3 or parts[2] == "description" or not where:
            continue
        n = int(parts[1])
        if n < len(entries) and not any(getattr(entries[n], slot) for slot in filled) \
                and text.count("\n", 0, where[0]) in lines:
            return n
    return None


def _extends(rules_value: str, model_value: str) -> bool:
    """Whether the model's value is the rules' one with more after it ("Bachelor of Science : Finance" for
    "Bachelor of Science"), which the rules have already split into its parts."""
    a, b = norm(rules_value), norm(model_value)
    return bool(a) and (a == b or b.startswith(a + " "))


def _use(strategy: str, rules_found: bool) -> bool:
    return strategy in ("model", "prefer", "union") or (strategy == "fallback" and not rules_found)


def combine(out: ResumeRecord, text: str, ents: list[tuple[int, int, str]], strategy: dict[str, str]
            ) -> ResumeRecord:
    """Join the model's entities ``ents`` into the rules' fields ``out`` (in place) by ``strategy``."""
    values = model_values(text, ents)
    ev = out.evidence
    sources = out.sources
    _combine_jobs(out, text, values, strategy, ev, sources)
    _combine_schools(out, values, strategy, ev, sources)
    _combine_location(out, values, strategy, ev, sources)
    _combine_skills(out, text, values, strategy, ev, sources)
    _agreement(out, values, ev, sources)
    return out


_AGREES = {"location": "LOCATION", "title": "TITLE", "employer": "EMPLOYER", "institution": "INSTITUTION",
           "degree": "DEGREE"}


def _agreement(out, values, ev, sources):
    """Mark the rules' values the model read too (``"rules+model"``), which ``nlp.confidence`` trusts more."""
    spans = [(a, b, label) for _, a, b, label in values]
    for path, where in ev.items():
        label = _AGREES.get(path.rsplit(".", 1)[-1])
        if label is None or path in sources or not where:
            continue
        a, b = where
        if any(lab == label and x < b and a < y for x, y, lab in spans):
            sources[path] = "rules+model"


def _drop(out: ResumeRecord, ev: dict, key: str, slot: str) -> None:
    for n, item in enumerate(getattr(out, key)):
        setattr(item, slot, None)
        ev.pop(f"{key}.{n}.{slot}", None)


def _familiar(strategy: str, familiar: bool) -> str:
    if strategy == "auto":
        return "fallback" if familiar else "union"
    if strategy == "auto_replace":
        return "fallback" if familiar else "prefer"
    return strategy




def _combine_jobs(out, text, values, strategy, ev, sources):
    jobs = out.experience
    complete = bool(jobs) and sum(1 for j in jobs if j.title and j.employer) >= FAMILIAR_SHARE * len(jobs)
    _join(out, ev, sources, "experience", _jobs(text, values), strategy, complete,
          {"titles": "title", "employers": "employer"}, ("title", "employer", "location"), _same_job, Experience,
          text)


def _combine_schools(out, values, strategy, ev, sources):
    schools = out.education
    complete = bool(schools) and all(e.institution and e.degree for e in schools)
    _join(out, ev, sources, "education", _schools(values), strategy, complete,
          {"institutions": "institution", "degrees": "degree"}, ("institution", "degree", "end"), _same_school,
          Education)


def _join(out, ev, sources, key, proposals, strategy, complete, slots, fill, same, blank, text=None):
    """Fit the model's ``proposals`` (jobs or schools) into the rules' entries under ``key``: into the entry
    whose words they overlap or whose title, employer or school they match, else as a new entry.
    ``slots`` maps each field's strategy name to its slot in the entries; ``fill`` the slots a proposal fills;
    ``blank`` makes an empty entry."""
    entries = getattr(out, key)
    allowed, replace, prefer = set(), set(), set()
    for name, slot in slots.items():
        chosen = _familiar(strategy.get(name, "rules"), complete)
        if chosen == "model":
            # The rules' values give way to the model's, but stay until the proposals are fitted, so a
            # proposal still finds the entry it belongs to (the rules' dates, the other field).
            replace.add(slot)
            if slot == "degree":
                _drop(out, ev, key, "field")
        elif chosen == "prefer":
            prefer.add(slot)
        if chosen != "rules" and _use(chosen, any(getattr(e, slot) for e in entries)):
            allowed.add(slot)
    if not allowed:
        return
    replaced = set()  # (entry, slot) given the model's value
    for proposal in proposals:
        for slot in slots.values():
            if slot not in allowed:
                proposal.pop(slot, None)
        if not any(proposal.get(slot) for slot in slots.values()):
            continue
        n = _overlapping(ev, key, proposal)
        target = (entries[n] if n is not None and n < len(entries)
                  else next((e for e in entries if same(e, proposal)), None))
        if target is None and text is not None:
            n = _beside(text, ev, key, entries, proposal, slots.values())
            target = entries[n] if n is not None else None
        if target is None:
            target = blank()
            if proposal.get("range"):
                target.start, target.end = proposal["range"].start, proposal["range"].end
            entries.append(target)
        n = next(i for i, entry in enumerate(entries) if entry is target)  # two equal entries are two entries
        for slot in fill:
            mine = slot in replace and (id(target), slot) not in replaced
            if slot in prefer and proposal.get(slot) and getattr(target, slot) and not _extends(
                    getattr(target, slot), proposal[slot][0]):
                mine = True
                if slot == "degree":
                    target.field = None  # the rules' field went with the rules' degree
                    ev.pop(f"{key}.{n}.field", None)
            if proposal.get(slot) and (not getattr(target, slot) or mine):
                setattr(target, slot, proposal[slot][0])
                ev[f"{key}.{n}.{slot}"] = [proposal[slot][1], proposal[slot][2]]
                sources[f"{key}.{n}.{slot}"] = "model"
                replaced.add((id(target), slot))
        if proposal.get("range") and target.start and f"{key}.{n}.start" not in ev:
            ev[f"{key}.{n}.start"] = ev[f"{key}.{n}.end"] = list(proposal["range"].span)
    for n, entry in enumerate(entries):
        for slot in replace:
            if (id(entry), slot) not in replaced and getattr(entry, slot):
                setattr(entry, slot, None)  # a value the model did not read
                ev.pop(f"{key}.{n}.{slot}", None)
    kept = [n for n, e in enumerate(entries) if any(getattr(e, k) for k in (*slots.values(), "start", "end"))]
    if len(kept) < len(entries):
        moved = {old: new for new, old in enumerate(kept)}
        for keyed in (ev, sources):
            _renumber(keyed, key, moved)
        entries[:] = [entries[n] for n in kept]


def _renumber(keyed: dict, key: str, moved: dict[int, int]) -> None:
    """Keys ``{key}.{n}.{slot}`` follow their entry to its new place in the list after empty entries are
    dropped (``moved``: old place to new); those of a dropped entry go with it."""
    prefix = f"{key}."
    mine = {k: keyed.pop(k) for k in [k for k in keyed if k.startswith(prefix)]}
    for name, value in mine.items():
        place, _, slot = name[len(prefix):].partition(".")
        if place.isdigit() and int(place) in moved:
            keyed[f"{prefix}{moved[int(place)]}.{slot}"] = value


def _combine_location(out, values, strategy, ev, sources):
    s = strategy.get("location", "rules")
    places = [v for v in values if v[3] == "LOCATION" and v[1] < HEAD_CHARS]
    if s == "rules" or not places:
        if s == "model":
            out.location = None
            ev.pop("location", None)
        return
    if s == "model" or not out.location:
        value, a, b, _ = places[0]  # the first place named is where the candidate is
        out.location = value
        ev["location"] = [a, b]
        sources["location"] = "model"


def _combine_skills(out, text, values, strategy, ev, sources):
    skills = out.skills
    s = _familiar(strategy.get("skills", "rules"), len(skills) >= 10)
    if s == "rules":
        return
    if s == "model":
        for n in range(len(skills)):
            ev.pop(f"skills.{n}", None)
        skills.clear()
    elif s == "fallback" and skills:
        return
    known = {norm(x.name) for x in skills}
    known |= {norm(text[a:b]) for key, (a, b) in ev.items() if key.startswith("skills.")}
    known |= {norm(x) for x in out.languages} | spoken_languages()  # spoken, not skills
    for value, a, b, label in values:
        key = norm(value)
        if label != "SKILL" or not key or key in known:
            continue
        # A skill the taxonomy knows takes its name and category there ("MS Excel" is Microsoft Excel),
        # and one the rules already hold under that name is not added twice ("Ubuntu" is Linux).
        entry = skill_aliases().get(value.lower()) or {"name": value, "category": "other"}
        if norm(entry["name"]) in known:
            continue
        known |= {key, norm(entry["name"])}
        n = len(skills)
        skills.append(Skill(name=entry["name"], category=entry["category"]))
        ev[f"skills.{n}"] = [a, b]
        sources[f"skills.{n}"] = "model"
