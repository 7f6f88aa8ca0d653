"""``recruit_experience``: jobs anchored on their date ranges, with title, employer and location read
from the lines around them; the resume's own date and the total years of experience."""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from nlp import dates
from nlp.components.base import entities, lines, record, section_lines, text_of
from nlp.components.location import CITY_STATE
from nlp.lines import Line, heading_label, split_parts, strip_bullet
from nlp.resume import Experience
from nlp.vocab import ORG_WORDS, PLACES, STATED_EXPERIENCE, TITLE_WORDS, only_common_words, stated_years

NOT_ROLE = {"methodology", "methodologies", "advanced", "responsibilities", "role", "roles", "summary", "environment",
            "technologies", "technology", "tools", "description", "project", "projects", "client", "duration",
            "team size", "module", "domain", "achievements", "highlights", "since", "present", "current",
            "software", "hardware", "platform", "key responsibilities", "job description", "details"}
# Pieces of a job's lines that name neither the job nor the employer: "* From", "Bangalore since Oct",
# "11 months from", "B+ Average", "CRM 7.02", "123 345-7890".
NOT_A_NAME = re.compile(r"(?i)^\W*(?:from|since|to|till|until|duration)\b|\b(?:since|from|months?|years?|average)\W*$|"
                        r"^[^a-z]*\d+(?:\.\d+)+\s*$|^[A-Za-z]+\s+\d+(?:\.\d+)+$|^[A-D][+-]?\s|"
                        r"^[\d\s()+\-./]{7,}$|"  # a phone number repeated in a page's header
                        r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}$")  # a date
PROJECT_LINE = re.compile(r"(?i)^\s*(?:project(?:\s+(?:name|title))?|client|duration|team\s*size|environment|"
                          r"technolog(?:y|ies)(?:\s+used)?|software\s+used|tools?\s+used|period)\b")

@Language.factory("recruit_experience", default_config={"today": ""},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_experience(nlp: Language, name: str, today: str):
    """The job reader; ``today`` (ISO) is the latest a job "to present" may end, by default the parse day."""
    return ExperienceFinder(today=today)


LEGAL_SUFFIX = re.compile(r"(?i)^(?:inc|ltd|llc|llp|plc|pvt\.?\s*ltd|co|corp|limited|gmbh)\.?$")
LEGAL_END = re.compile(r"\b(?:Inc|Ltd|LTD|Pvt|Co|Corp|LLC|L\.L\.C|PLC)\.$")


ANONYMISED = re.compile(r"\bCompany Name\b|\bCity\s*,\s*State\b")


def _comma_pieces(text: str, start: int, where: str) -> list[tuple[str, int, str]]:
    """'Developer, ABC Company, Inc., Pune, India' -> its pieces; a lone 'City, State' stays whole."""
    # Anonymised resumes put placeholders where names were: "Company Name City , State Chef" is an
    # employer, a place and a title.
    anonymised = ANONYMISED.search(text)
    if anonymised and text.strip() != anonymised.group(0):
        out = []
        for a, b in ((0, anonymised.start()), (anonymised.start(), anonymised.end()), (anonymised.end(), len(text))):
            piece = text[a:b].strip(" ,|-")
            if piece:
                out.extend(_comma_pieces(piece, start + a + text[a:b].find(piece), where))
        return out
    if text.count(",") < 1 or CITY_STATE.fullmatch(text.strip()) or re.fullmatch(r"(?i)city\s*,\s*state", text):
        return [(text, start, where)]
    pieces: list[tuple[str, int, str]] = []
    for m in re.finditer(r"[^,]+", text):
        value = m.group(0).strip()
        if not value:
            continue
        offset = start + m.start() + m.group(0).find(value)
        if pieces and LEGAL_SUFFIX.match(value):  # "ABC Company, Inc." is one name
            prev = pieces[-1]
            pieces[-1] = (text[prev[1] - start: m.start() + m.group(0).find(value) + len(value)], prev[1], where)
            continue
        pieces.append((value, offset, where))
    return pieces


EMPLOYER_LEAD = re.compile(r"(?i)^(?:(?:current\s+|previous\s+)?(?:organi[sz]ation|company|employer)"
                           r"\s*[:\-]?\s+(?!name\b)|"
                           r"under the payroll of\s+|(?:working|worked|employed)\s+(?:at|with|for|in)\s+)")


def clean_employer(value: str, start: int) -> tuple[str, int] | None:
    """'ORGANISATION HCL Technologies Ltd', 'Cisco Bangalore', 'Wipro Limited (Bangalore, Karnataka)' name
    HCL Technologies Ltd, Cisco and Wipro Limited; the evidence moves with the name."""
    lead = EMPLOYER_LEAD.match(value)
    if lead:
        value, start = value[lead.end():], start + lead.end()
    value = re.sub(r"\s*\([^)]*\)?\s*$", "", value)  # "(Bangalore, Karnataka)", "(Technology Lead)"
    words = value.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in PLACES \
            and words[-2].lower() not in ("of", "in", "for", "at", "and", "&", "de"):  # "Bank of Baroda"
        words.pop()
    trimmed = " ".join(words)
    value = value[:value.find(trimmed) + len(trimmed)] if trimmed in value else value
    stripped = value.strip(" ,;:-[]")
    start += value.find(stripped)
    return (stripped, start) if len(stripped) > 1 else None


def without_full_stop(line: str) -> str:
    """A job's header line closed by a full stop, as some CV templates write it ("Staff Software Engineer,
    Google Search App, Google."), without the stop; any other line as it is."""
    pieces = [p.split() for p in line.split(",")]
    head = pieces[0]
    if line.rstrip().endswith(".") and line.count(".") == 1 and len(pieces) > 1 and len(line.split()) <= 12 \
            and 0 < len(head) <= 5 and TITLE_WORDS.fullmatch(head[-1]) \
            and all(p and p[0][0].isupper() for p in pieces):  # names: "Lead support, testing software." is not
        return line.rstrip()[:-1]
    return line


# A job's detail given with its label: "Position: Customer Service Advisor", "Company Name: Infosys". The
# labels that name the job rather than the employer:
TITLE_LABELS = ("designation", "role", "title", "position")
LABELLED_ROLE = re.compile(r"(?i)\s*(company|employer|organi[sz]ation|designation|role|title|position)"
                           r"(?:\s+name)?\s*:\s*(.+)")
# The middle of a sentence ("and Expediting Clerk", "which includes Challenger", "in Richmond") is not a
# job's name. (One lower-case word can be: "oracle", "accountant".)
FRAGMENT = re.compile(r"(?:and|or|in|which|to|including|with|for|of|the|as|by|at)\b")
# How a sentence about the work starts, as opposed to a job's name.
SENTENCE_START = re.compile(r"(?i)(?:i |have |worked |working |(?:currently|presently) |responsible|was |am |"
                            r"searching |looking |seeking |"
                            r"performed |assisting |member of |job profile|"
                            # a description's action verbs: "Developed reports for ...", "Successfully managed ..."
                            r"(?:successfully |effectively )?(?!managed (?:care|services?|security|print))"
                            r"(?:managed|developed|wrote|completed|create|experienced|ensured|served|researched|"
                            r"coordinated|took|"
                            r"reconciled|troubleshoot|attract|created|maintained|prepared|assisted|provided|"
                            r"processed|handled|supported|conducted|implemented|designed|oversaw|supervised|"
                            r"trained|answered|compiled|organized|organised|monitored|reviewed|analyzed|analysed|"
                            r"established|delivered|achieved|increased|reduced|improved)\s+\S+\s+\S)")


def _job_duration(body: list[Line], position: int) -> bool:
    """Whether a "Duration: May 2010 - till date" line dates a job, not a project: the lines just above it
    label the job's title or employer ("Designation: ...", "Organization: ..."), not a project or client."""
    if not re.match(r"(?i)\s*(?:duration|period)\b", strip_bullet(body[position].text)):
        return False
    above = [ln.text for ln in body[max(0, position - 4):position] if not ln.blank][-3:]
    for text in reversed(above):
        if re.match(r"(?i)\s*(?:project|client)\b", strip_bullet(text)):
            return False
        if LABELLED_ROLE.match(strip_bullet(text)):
            return True
    return False


def _capitalised(text: str) -> bool:
    """Whether every word of four letters or more starts with a capital, as titles are written ("Project
    Manager", "Vice President of Sales"), unlike a sentence ("Senior member of the coding team")."""
    return all(w[:1].isupper() for w in re.findall(r"[A-Za-z][\w&'-]*", text) if len(w) >= 4)


def _in_prose(line: Line, rng) -> bool:
    """Dates in a sentence of a description ("• Worked in Samsung R&D, Bangalore since Oct 2008 to Jan 2014,
    with the Multimedia team", "Performed four roles, HANA developer (July 2013 – January 2016), ...") are
    not a job's dates: a long bullet, or a long line with the dates in brackets."""
    a, b = rng.span[0] - line.start, rng.span[1] - line.start
    words = (line.text[:a] + " " + line.text[b:]).split()
    sentence = strip_bullet(line.text)
    if SENTENCE_START.match(sentence) and len(words) > 6:
        return True
    if line.text[:a].count(")") > line.text[:a].count("("):
        return True  # "Inc., Tennessee, USA) from Dec 2004 - Jan 2006.": a sentence wrapped from the line above
    bracketed = line.text[:a].rstrip().endswith("(") or line.text[b:].lstrip().startswith(")")
    if bracketed and sentence[:1].islower():
        return True  # "coordinator (March 2011 – June 2013), SAP BI professional (...)" goes on a sentence
    return len(words) > 12 and (bracketed or sentence != line.text.strip())


# A job's name and its employer on one line: "Customer Relations Officer in HGS", "Technical Lead at
# Infosys Ltd.", '"Process Executive" in Infosys BPO Limited', "Process Associate@ Infosys"; and the other
# way round, "INFOSYS as Process Associate".
TITLE_AT = re.compile(r"(?P<title>.{2,60}?)\s*(?:\s(?:in|at|with)\s+|@\s*)(?P<org>[A-Z][^@]{1,60})")
EMPLOYER_AS = re.compile(r"(?P<org>[A-Z][\w&.\- ]{1,40}?)\s+as\s+(?:an?\s+)?(?P<title>[A-Z].{2,60})")


QUOTED = re.compile(r"[\"“”]\s*(.*?)\s*[\"“”]")


def ends_in_title(value: str) -> bool:
    """Whether a name ends in a job's word, brackets aside: "Developer (Intern)", "Customer Relations Officer"."""
    words = re.findall(r"[A-Za-z][\w+#-]*", value.split("(")[0])
    return bool(words) and bool(TITLE_WORDS.fullmatch(words[-1]))


def title_and_employer(text: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """((title, offset), (employer, offset)) for a line naming both, else None. The title must end in a
    job's word ("Officer", "Developer (Intern)"); the employer must not, and after "in", "at" or "with" it
    must sound like an organisation, not a department ("Senior Analyst in Risk Management" is one title)."""
    def trimmed(value: str, at: int) -> tuple[str, int]:
        quoted = QUOTED.fullmatch(value.strip())
        inner = quoted.group(1) if quoted else value.strip(" ,;:-\"“”")
        return inner, at + value.find(inner)

    m = TITLE_AT.fullmatch(text)
    org = m and m.group("org")
    if m and ends_in_title(m.group("title")) and not ends_in_title(org) and len(org.split()) <= 6 \
            and not SENTENCE_START.match(text) \
            and ("@" in text or ORG_WORDS.search(org) or not only_common_words(org)):
        return trimmed(m.group("title"), m.start("title")), trimmed(m.group("org"), m.start("org"))
    m = EMPLOYER_AS.fullmatch(text)
    if m and ends_in_title(m.group("title")) and not ends_in_title(m.group("org")) \
            and not SENTENCE_START.match(text) and not FRAGMENT.match(text):
        return trimmed(m.group("title"), m.start("title")), trimmed(m.group("org"), m.start("org"))
    return None


def name_line(text: str, max_len: int) -> bool:
    """A short stripped line that could name a job or an employer: not a sentence, a bullet or a heading. A
    name may end in an abbreviation's full stop ("Technical Lead at Infosys Ltd.")."""
    sentence_end = text.endswith(":") or text.endswith(".") and not LEGAL_END.search(text)
    return 0 < len(text) <= max_len and not sentence_end and strip_bullet(text) == text \
        and not heading_label(text)


class ExperienceFinder:
    """Jobs anchored on their date ranges, with title, employer and location read from the lines around."""

    def __init__(self, *, today: str = ""):
        from datetime import date

        self.today = date.fromisoformat(today) if today else None

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        body = section_lines(doc, "experience")
        if not body:
            excluded = {id(ln) for ln in section_lines(doc, "education", "projects", "certifications")}
            body = [ln for ln in lines(doc) if id(ln) not in excluded]
        anchors = []  # (line, its date range, its position in body)
        for position, line in enumerate(body):
            if PROJECT_LINE.match(strip_bullet(line.text)) and not _job_duration(body, position):
                continue  # a project's duration, not a job
            for rng in dates.find_ranges(line.text, line.start):
                if _in_prose(line, rng):
                    continue
                anchors.append((line, rng, position))
                break
            else:
                # A month alone on its line ("07/2015") dates a short job such as a summer internship.
                single = dates.SINGLE.fullmatch(line.text.strip())
                month = dates.normalise(single.group(0)) if single else None
                if month and len(month) == 7:
                    a = line.start + line.text.find(single.group(0))
                    anchors.append((line, dates.DateRange(month, month, (a, a + len(single.group(0)))), position))
        entries, used_lines = [], set()
        if not anchors and section_lines(doc, "experience"):
            # No dates at all: jobs named as a title over "Employer - City, State", else the first two lines.
            undated = self._undated_jobs(doc, body, used_lines) or [self._undated(doc, body)]
            entries += [e for e in undated if e]
        dated_employers = set()
        for i, (line, rng, position) in enumerate(anchors):
            header = self._header(doc, body, position, rng, used_lines)
            title, employer, location = self._roles(doc, header, line, rng)
            if title is not None and employer is None and not TITLE_WORDS.search(title[0]):
                # "PricewaterhouseCoopers / Denver, Colorado / 2003-Present / Project Manager:": a name
                # above the dates with no title's word is the employer when a title stands just below them, in
                # capitals as titles are; a description's first line ("Senior member of the coding team") under a
                # role the title list lacks ("Medical Coder", "Chemist") leaves that role the title.
                below = self._title_below(body, position, used_lines, capitalised=True)
                if below:
                    title, employer = below, title
            if title is None:
                title = self._title_above(body, position, used_lines, known_employer=employer is not None)
            if title is None and employer is not None:
                title = self._title_below_blurb(body, position, used_lines)
            if title is None or employer is None:
                below = self._labelled_below(body, position, used_lines)
                title, employer = title or below.get("title"), employer or below.get("employer")
            if not (title or employer):
                continue
            if title is None and employer and (employer[0], rng.start, rng.end) in dated_employers:
                continue  # the same job's dates said again ("Hyderabad, since December 2014 to till date")
            next_start = anchors[i + 1][0].start if i + 1 < len(anchors) else (body[-1].end if body else line.end)
            entries.append({"title": title, "employer": employer, "location": location, "range": rng,
                            "line": line, "next": next_start})
            if employer:
                dated_employers.add((employer[0], rng.start, rng.end))
        if anchors and section_lines(doc, "experience"):
            entries += self._undated_jobs(doc, body, used_lines)
            entries.sort(key=lambda e: e["line"].start)
        result = []
        following = _following(entries)
        for entry in entries:
            if entry["employer"]:
                entry["employer"] = clean_employer(*entry["employer"])
            index = len(result)
            ev = out.evidence
            for key in ("title", "employer", "location"):
                if entry[key]:
                    ev[f"experience.{index}.{key}"] = [entry[key][1], entry[key][1] + len(entry[key][0])]
            if entry["range"] is not None:
                ev[f"experience.{index}.start"] = ev[f"experience.{index}.end"] = list(entry["range"].span)
            description = self._description(doc, entry, following[id(entry)])
            if description:
                ev[f"experience.{index}.description"] = [description[1], description[1] + len(description[0])]
            result.append(Experience(
                employer=entry["employer"][0] if entry["employer"] else None,
                title=entry["title"][0] if entry["title"] else None,
                location=entry["location"][0] if entry["location"] else None,
                start=entry["range"].start if entry["range"] else None,
                end=entry["range"].end if entry["range"] else None,
                description=description[0] if description else None,
            ))
        out.experience = result
        # "Present" is the day the resume speaks from, not the day it is parsed: a resume written in 2012
        # with a "2005 - Current" job claims seven years, not twenty.
        written = dates.resume_date(text_of(doc), doc._.recruit_written, self.today)
        out.resume_date = written.isoformat()
        dated = [(e.start, e.end) for e in result if e.start]
        computed = dates.total_years(dated, written) if dated else None
        stated = STATED_EXPERIENCE.search(text_of(doc))
        if stated:
            value = stated_years(stated)
            out.total_experience_years = value
            out.evidence["total_experience_years"] = [stated.start(), stated.end()]
            if computed is not None and abs(computed - value) > 2:
                out.warnings.append(f"The resume states {value:g} years of experience; its dated jobs add up "
                                       f"to {computed:g}.")
        else:
            out.total_experience_years = computed
        return doc

    def _undated(self, doc: Doc, body: list[Line]) -> dict | None:
        """A job given without dates ("Data Entry Operator" over "Microsoft"): the first two short lines."""
        heads = []
        for line in body:
            text = line.text.strip()
            if not text:
                continue
            if not name_line(text, 90) or dates.find_years(text) or len(text) < 3:
                break
            heads.append(line)
            if len(heads) == 2:
                break
        parts = [piece for ln in heads for t, o in split_parts(ln.text)
                 for piece in _comma_pieces(t, ln.start + o, "above")]
        if not parts:
            return None
        title, employer, location = self._roles(doc, parts, heads[0], None)
        if not (title or employer):
            return None
        return {"title": title, "employer": employer, "location": location, "range": None, "line": heads[-1],
                "next": body[-1].end}

    def _undated_jobs(self, doc: Doc, body: list[Line], used: set) -> list[dict]:
        """Jobs among dated ones that give no dates of their own: a title over a line naming the employer
        and where ("Director Finance and FP&A" over "Company Name | City , State")."""
        out = []
        nonblank = [ln for ln in body if not ln.blank]
        for above, below in zip(nonblank, nonblank[1:]):
            if above.index in used or below.index in used:
                continue
            ta, tb = above.text.strip(), below.text.strip()
            if dates.find_years(ta) or dates.find_years(tb) or PROJECT_LINE.match(ta) or PROJECT_LINE.match(tb):
                continue
            if not name_line(ta, 70) or not TITLE_WORDS.search(ta) or not name_line(tb, 90):
                continue
            parts = [piece for t, o in split_parts(below.text) for piece in _comma_pieces(t, below.start + o, "below")]
            if len(parts) < 2:
                continue
            title, employer, location = self._roles(doc, [(ta, above.start + above.text.find(ta), "above")] + parts,
                                                    below, None)
            if title is None or employer is None or location is None or title[1] != above.start + above.text.find(ta):
                continue
            used.update((above.index, below.index))
            out.append({"title": title, "employer": employer, "location": location, "range": None,
                        "line": below, "next": body[-1].end})
        return out

    @staticmethod
    def _header(doc: Doc, body: list[Line], position: int, rng, used: set) -> list[tuple[str, int, str]]:
        """(text, start, where) parts naming the job: on the date's line (``body[position]``), else on the lines
        just above."""
        line = body[position]
        a, b = rng.span[0] - line.start, rng.span[1] - line.start
        before, after = line.text[:a], line.text[b:]
        parts = [(t, line.start + o, "before") for t, o in split_parts(before) if re.search(r"[A-Za-z]{2}", t)]
        parts += [(t, line.start + b + o, "after") for t, o in split_parts(after) if re.search(r"[A-Za-z]{2}", t)]
        parts = [(re.sub(r"^(?:from|since|dates?|duration|period)\s*[:\-]?\s*", "", t, flags=re.I), s, w)
                 for t, s, w in parts]
        parts = [p for p in parts if p[0] and not re.fullmatch(r"(?i)(?:from|to|since|duration|period)", p[0])]
        parts = [piece for part in parts for piece in _comma_pieces(*part)]
        if len([p for p in parts if len(p[0]) > 2]) < 2:
            # Look up to three non-empty lines back, stopping at a heading, a sentence or another job.
            taken, j = 0, position - 1
            while j >= 0 and taken < 3:
                prev = body[j]
                j -= 1
                if prev.blank or re.fullmatch(r"(?:https?://|www\.)\S+", prev.text.strip()):
                    continue  # a page footer's link between a job's name and its dates
                line_text = without_full_stop(prev.text)
                text = line_text.strip()
                if prev.index in used or not name_line(text, 90) or dates.find_ranges(text):
                    break
                before = body[j].text.strip() if j >= 0 else ""
                if text[:1].islower() and before and not re.search(r"[.:;!?]$", before):
                    break  # the end of a sentence wrapped onto its own line ("casing advantages of ...")
                # Indeed's exports put the employer on a line of its own ending in a dash: "Oracle -",
                # "Sasken Technologies - Pune, Maharashtra -"; its first part is the employer.
                employer_line = bool(re.search(r"\s-$", text))
                # "Translator & Product Tester, Apple HQ." and "Cashier Company Name" name two things; other
                # lines above the dates are kept whole ("Director, Quality Improvement").
                split = line_text != prev.text or ANONYMISED.search(prev.text)
                above = []
                for k, (t, o) in enumerate(split_parts(line_text)):
                    mark = "employer_line" if k == 0 and employer_line else "above"
                    above += _comma_pieces(t, prev.start + o, mark) if split else [(t, prev.start + o, mark)]
                parts = above + parts
                used.add(prev.index)
                taken += 1
        if len([p for p in parts if len(p[0]) > 2]) < 2:
            # "04/2016 to Current" alone on its line, with "Accountant | Company Name | City" below it.
            for k, nxt in enumerate(body[position + 1: position + 3], start=position + 1):
                text = nxt.text.strip()
                if not text:
                    continue
                following = [ln.text.strip() for ln in body[k + 1: k + 8] if ln.text.strip()][:2]
                if len(following) > 1 and re.search(r"(?:^|\s)-$", following[0]) and dates.find_ranges(following[1]):
                    break  # the next job's title, over its own employer ("CSC India -") and dates
                # "Consultant Company Name | City , State Experience in ACHC accreditation ...": the job's
                # name runs to the anonymised place; what follows is its description.
                cut = re.search(r"\bCompany Name\s*[|,]?\s*(?:City\s*,\s*State|City|State)?", nxt.text)
                line_text = nxt.text[:cut.end()] if cut and len(text) > 90 else nxt.text
                line_text = without_full_stop(line_text)
                text = line_text.strip()
                if name_line(text, 90) and not dates.find_ranges(text) \
                        and (TITLE_WORDS.search(text) or ORG_WORDS.search(text) or cut):
                    below = [(t, nxt.start + o, "below") for t, o in split_parts(line_text)]
                    parts += [piece for part in below for piece in _comma_pieces(*part)]
                    used.add(nxt.index)
                break
        # A line just below the date with only a place ("City , State") belongs to the job.
        if position + 1 < len(body):
            nxt = body[position + 1]
            if CITY_STATE.fullmatch(nxt.text.strip()) or nxt.text.strip().lower() in PLACES \
                    or re.fullmatch(r"City\s*,\s*State", nxt.text.strip()):
                parts.append((nxt.text.strip(), nxt.start + nxt.text.find(nxt.text.strip()), "below"))
        return parts

    @staticmethod
    def _title_above(body: list[Line], position: int, used: set, *, known_employer: bool = False
                     ) -> tuple[str, int] | None:
        """A job title alone on the line just above the dates ("Worldwide Director of Finance"). When the
        dates' line names the employer, a short line set apart above them is the title even in words the
        title list lacks ("Warehouse Picker/Stocker", "Culinary Arts")."""
        for k in range(position - 1, max(position - 3, -1), -1):
            prev = body[k]
            text = prev.text.strip()
            if not text:
                continue
            set_apart = k == 0 or body[k - 1].blank or heading_label(body[k - 1].text)
            looks_like = TITLE_WORDS.search(text) or (known_employer and set_apart and len(text) <= 50
                                                      and text[0].isupper() and not text.endswith((",", ":")))
            if prev.index not in used and name_line(text, 70) and looks_like and not dates.find_ranges(text):
                used.add(prev.index)
                return text, prev.start + prev.text.find(text)
            return None
        return None

    @staticmethod
    def _title_below(body: list[Line], position: int, used: set, *,
                     capitalised: bool = False) -> tuple[str, int] | None:
        """A job title alone on the first line under the dates ("Project Manager:", "Executive Director"); with
        ``capitalised``, only one written in capitals (``_capitalised``)."""
        nxt = next((ln for ln in body[position + 1: position + 3] if ln.text.strip()), None)
        if nxt is None or nxt.index in used:
            return None
        text = nxt.text.strip().rstrip(":").strip()
        if name_line(text, 70) and TITLE_WORDS.search(text) and text[:1].isupper() and len(text.split()) <= 8 \
                and not dates.find_ranges(text) and not heading_label(text) and (not capitalised or _capitalised(text)):
            used.add(nxt.index)
            return text, nxt.start + nxt.text.find(text)
        return None

    @staticmethod
    def _labelled_below(body: list[Line], position: int, used: set) -> dict:
        """'Position: Customer Service Advisor' or 'Company: ZiNc Telephone Banking' a few lines under the dates,
        before the next dates or heading."""
        found: dict = {}
        for nxt in body[position + 1: position + 8]:
            text = nxt.text.strip()
            if dates.find_ranges(text) or heading_label(text) and not LABELLED_ROLE.match(text):
                break
            m = LABELLED_ROLE.match(text)
            if m and nxt.index not in used and 1 < len(m.group(2)) <= 80:
                kind = "title" if m.group(1).lower() in TITLE_LABELS else "employer"
                value = re.split(r"\s*[(|]", m.group(2))[0].strip(" ,;.")
                if kind not in found and value:
                    found[kind] = (value, nxt.start + nxt.text.find(value))
                    used.add(nxt.index)
        return found

    @staticmethod
    def _title_below_blurb(body: list[Line], position: int, used: set) -> tuple[str, int] | None:
        """'LEANDER CORPORATION, Boston, MA / 2000 to Present / World leader in analytical instrumentation.
        / Vice President of International Sales': the title follows a sentence or two about the employer."""
        sentences = 0
        for k in range(position + 1, min(position + 6, len(body))):
            nxt = body[k]
            text = nxt.text.strip()
            if not text:
                continue
            if nxt.index in used or dates.find_ranges(text) or heading_label(text) or strip_bullet(text) != text:
                return None
            if name_line(text, 70) and TITLE_WORDS.search(text) and text[0].isupper() and len(text.split()) <= 8 \
                    and sentences:
                following = next((ln.text for ln in body[k + 1:] if ln.text.strip()), "")
                if dates.find_ranges(following):
                    return None  # the next job's title, just above its dates
                used.add(nxt.index)
                return text, nxt.start + nxt.text.find(text)
            if not re.search(r"[.;]$", text) and sentences == 0 and len(text.split()) < 6:
                return None  # a short line that is not a title: not the layout this is about
            sentences += 1
            if sentences > 3:
                return None
        return None

    @staticmethod
    def _roles(doc: Doc, parts, line: Line, rng):
        def is_place(text: str) -> bool:
            low = text.lower().strip(" ,")
            pieces = [p.strip() for p in low.split(",")]
            return (low in PLACES or low in ("city", "state", "country")
                    or all(p in PLACES or len(p) == 2 for p in pieces if p)
                    or bool(CITY_STATE.fullmatch(text.strip()) and not ORG_WORDS.search(text)
                            and not TITLE_WORDS.search(text))
                    or bool(re.fullmatch(r"(?i)city\s*,\s*state", text.strip())))

        def org_score(text: str, start: int, where: str) -> int:
            words = text.split()
            score = 0
            if words and ORG_WORDS.fullmatch(words[-1].strip(".,")):
                score += 2
            elif ORG_WORDS.search(text):
                score += 1
            if entities(doc, "ORG", start - 1, start + len(text) + 1):
                score += 1
            if re.fullmatch(r"(?i)company name", text.strip()):
                score += 3
            return score + (where == "employer_line")

        def title_score(text: str) -> int:
            return 2 if ends_in_title(text) else 1 if TITLE_WORDS.search(text) else 0

        title = employer = location = None
        candidates = []
        joined = {}  # a title cut from "Title in Employer" -> (the whole line, the employer)
        for raw, start, where in parts:
            text = re.sub(r"\s*[.…]{3,}\s*$", "", strip_bullet(raw)).strip(" ,;:-")  # leader dots
            start += max(raw.find(text), 0)  # keep the evidence on the words themselves
            both = title_and_employer(text)
            if both:
                (t, t_at), (e, e_at) = both
                if is_place(e):  # "Remote Senior Buyer in Fayetteville"
                    location = location or (e, start + e_at)
                else:
                    joined[(t, start + t_at)] = ((text, start), (e, start + e_at))
                    candidates.append((e, start + e_at, where, -3))
                candidates.append((t, start + t_at, where, 3))
                continue
            quoted = QUOTED.fullmatch(text)
            if quoted:  # '"Store Executive"'
                text, start = quoted.group(1), start + quoted.start(1)
            if len(text) < 2 or len(text) > 100:
                continue
            if is_place(text):
                location = location or (text, start)
                continue
            # "Company, City, ST" -> company with a place behind it.
            if "," in text and not TITLE_WORDS.search(text):
                head, _, tail = text.partition(",")
                if is_place(tail):
                    location = location or (tail.strip(), start + text.index(tail.strip()))
                    text = head.strip()
            candidates.append((text, start, where, title_score(text) - org_score(text, start, where)))
        labelled = {}
        for c in list(candidates):
            lm = re.match(r"(?i)\s*(company|employer|organi[sz]ation|client|designation|role|title|position)"
                          r"\s*(?:name)?\s*[:\-]\s*(.+)", c[0])
            if lm:
                candidates.remove(c)
                kind = "title" if lm.group(1).lower() in TITLE_LABELS else "employer"
                value = lm.group(2).strip(" ,;")
                labelled.setdefault(kind, (value, c[1] + c[0].find(value)))
        # Parts that are sentences, labelled details or section words name neither a job nor an employer.
        candidates = [c for c in candidates
                      if not (":" in c[0] or len(c[0].split()) > 8
                              or (c[0].endswith(".") and len(c[0].split()) > 3 and not LEGAL_SUFFIX.match(
                                  c[0].split()[-1]))
                              or c[0].count("(") != c[0].count(")") or c[0].lower() in NOT_ROLE
                              or SENTENCE_START.match(c[0]) or FRAGMENT.match(c[0])
                              or NOT_A_NAME.search(c[0]))]
        if labelled.get("title"):
            title = labelled["title"]
        if labelled.get("employer"):
            employer = labelled["employer"]
        titles = [c for c in candidates if c[3] > 0]
        orgs = sorted([c for c in candidates if c[3] < 0], key=lambda c: c[3])
        unknown = [c for c in candidates if c[3] == 0]
        if titles and title is None:
            title = titles[0][:2]
        if orgs and employer is None:
            employer = orgs[0][:2]
        if unknown and (title is None or employer is None):
            split_line = any(c[2] == "before" for c in candidates) and any(c[2] == "after" for c in candidates)
            if split_line:  # "Employer <dates> Title"
                ordered = sorted(unknown, key=lambda c: c[2] != "before") if title is None else unknown
            else:
                ordered = unknown
            for c in ordered:
                if title is None and employer is not None:
                    title = c[:2]
                elif employer is None and (title is not None or split_line and c[2] == "before"):
                    employer = c[:2]
                elif title is None:
                    title = c[:2]
        if title in joined and joined[title][1] != employer:
            # The job's employer is named elsewhere ("Company Name"), so "in ..." belongs to the title:
            # "Internship in Sales Channels Controlling Department".
            title = joined[title][0]
        return title, employer, location

    @staticmethod
    def _description(doc: Doc, entry, nxt) -> tuple[str, int] | None:
        start = entry["line"].end + 1
        # The job's name may sit on the line below its dates; the description starts after it.
        below = [v[1] + len(v[0]) for v in (entry["title"], entry["employer"], entry["location"])
                 if v and v[1] >= start]
        if below:
            start = max(below)
        end = entry["next"]
        if nxt is not None:
            header_starts = [v[1] for v in (nxt["title"], nxt["employer"]) if v]
            end = min([end] + [s for s in header_starts if s >= start])
            line_break = text_of(doc).rfind("\n", 0, end)
            end = line_break if line_break > start else end
        if end <= start:
            return None
        raw = text_of(doc)[start:end]
        text = raw.strip()[:2000]
        if not text:
            return None
        return text, start + raw.find(text[:1])


def _following(entries: list[dict]) -> dict[int, dict | None]:
    """For each job entry (by id), the first entry in the list whose line starts after its line, or None.

    The entries are nearly always in text order, where that is the next one with a later line (found by
    bisection, so a resume with thousands of jobs is not read once per job); otherwise each is searched for.
    """
    starts = [e["line"].start for e in entries]
    if starts == sorted(starts):
        return {id(e): (entries[k] if (k := bisect_right(starts, e["line"].start)) < len(entries) else None)
                for e in entries}
    return {id(e): next((o for o in entries if o["line"].start > e["line"].start), None) for e in entries}

