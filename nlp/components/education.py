"""``recruit_education``: education entries (degree, field, institution, dates, grade) read from the
education section, or from lines naming a degree where there is none."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp import dates
from nlp.components.base import lines, record, section_lines
from nlp.lines import Line, split_parts, strip_bullet
from nlp.resume import Education
from nlp.vocab import DEGREE_RE, INSTITUTION_WORDS, PLACES, US_STATES, common_words, degree_level

GRADE = re.compile(r"(?:(?:c\.?g\.?p\.?a|g\.?p\.?a|cpi|sgpa|grade|score|percentage|marks|aggregate)\s*[:\-]?\s*"
                   r"(?:of\s*)?(?P<a>\d{1,2}(?:\.\d{1,2})?\s*(?:/\s*\d{1,2}(?:\.\d)?|%)?)"
                   r"|(?P<b>\d{2}(?:\.\d{1,2})?\s*%)"
                   r"|(?P<c>\d(?:\.\d{1,2})?\s*/\s*(?:10|4)(?:\.0)?)\b)", re.I)


@Language.factory("recruit_education", default_config={},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_education(nlp: Language, name: str):
    """The education reader (no settings)."""
    return EducationFinder()


def school_name(text: str) -> bool:
    """Whether the only degree a line names is part of a school's name ("pragathi high school", "Nagpur
    Polytechnic")."""
    found = list(DEGREE_RE.finditer(text))
    return bool(found) and all(
        re.fullmatch(r"(?i)(?:higher\s+|senior\s+)?secondary\s+school|high\s+school|polytechnic", m.group(0))
        and re.search(r"[A-Za-z]", text[:m.start()]) for m in found)


# A scholarship, fellowship or prize: "UNCF - Merck Undergraduate Science Research Scholarship", "Merit
# scholarship for B.Tech students" name a degree's level, not a degree.
AWARD = re.compile(r"(?i)\b(?:scholarships?|fellowships?|awards?|awarded|prizes?|bursar(?:y|ies)|medals?|grants?)\b")
# What a school's name is followed by that is not the name: a grade, an honour, a scholarship.
NOT_THE_SCHOOL = re.compile(
    r"(?i)\s*(?:\b(?:c\.?g\.?p\.?a|g\.?p\.?a|cpi|sgpa|q\.?p\.?a)\b|\b(?:with\s+)?an?\s+(?:aggregate|percentage)\b"
    r"|\b(?:aggregate|percentage|marks)\s*(?:of|[:\-])|\b(?:summa\s+|magna\s+)?cum\s+laude\b|\bphi\s+theta\s+kappa\b"
    r"|\b(?:graduated\s+)?with\s+(?:high(?:est)?\s+)?(?:honou?rs|distinction)\b|\bhonou?rs\s+graduate\b"
    r"|\bdean'?s\s+list\b|\b(?:scholarships?|fellowships?)\b)")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_END = re.compile(rf"(?i)[\s,]+{MONTH}\.?$")


# Words that begin or sit inside a school's name though they are common words ("Northern Virginia Community
# College", "Keller Graduate School"), where a field of study's words stop it.
SCHOOL_NAME_WORDS = {"community", "state", "county", "city", "graduate", "technical", "technological", "national",
                     "international", "central", "public", "medical", "royal", "junior", "senior", "high", "higher",
                     "secondary", "christian", "catholic", "american", "new", "north", "south", "east", "west",
                     "northern", "southern", "eastern", "western", "saint", "st", "san", "santa", "los", "las",
                     "fort", "mount", "mt", "grand", "great", "golden", "valley", "lake", "lakes", "river", "bay",
                     "coast", "gulf", "pacific", "atlantic", "union", "holy", "sacred", "heart", "of", "the", "&",
                     "at"}
# A school's name cut by a line break ends on one of these ("State University of New" / "York").
CUT_SHORT = {"of", "and", "&", "the", "for", "at", "new", "san", "santa", "los", "las", "saint", "st", "st.", "fort",
             "mount", "north", "south", "east", "west", "de", "la", "el"}
EDUCATION_LABEL = re.compile(r"(?i)^(?:education|academics?|academic\s+\w+|qualifications?)\s*:\s*")
_PLACEHOLDER_PLACE = re.compile(r"(?i)\s*\bcity\s*,\s*state\b.*$")


def split_field_school(value: str) -> tuple[str, str] | None:
    """A field of study run into the school's name on one line, as two: "Nursing Northern Virginia Community
    College" -> ("Nursing", "Northern Virginia Community College"). The school's name is read back from its
    first institution word over names (words that are not common words), places and the words schools are
    named with; the common words before them are the field. ``None`` when no field is there."""
    m = INSTITUTION_WORDS.search(value)
    if not m or m.start() == 0:
        return None
    words = value[:m.start()].split()
    common = common_words()
    keep = len(words)
    while keep > 0:
        word = words[keep - 1].lower().strip(".,'()")
        if word in SCHOOL_NAME_WORDS or word in PLACES or word in US_STATES or (word.isalpha() and word not in common):
            keep -= 1
        else:
            break
    while keep < len(words) and words[keep].lower() in ("of", "&", "and", "at"):
        keep += 1  # a school's name does not start with a joining word
    field = " ".join(words[:keep]).strip(" ,:;-")
    if not field or not re.search(r"[A-Za-z]", field):
        return None
    return field, " ".join(words[keep:] + [value[m.start():]]).strip()


def award_line(text: str, following: str = "") -> bool:
    """Whether every degree a line names is part of an award's name ("Undergraduate Science Research
    Scholarship", "Merit scholarship for B.Tech students"): a few words from a scholarship or prize, which
    may go on on the ``following`` line."""
    found = list(DEGREE_RE.finditer(text))
    text = f"{text} {following}"
    awards = list(AWARD.finditer(text))
    if not found or not awards:
        return False

    def near(m) -> bool:
        for a in awards:
            gap = text[m.end():a.start()] if a.start() >= m.end() else text[a.end():m.start()]
            if len(gap.split()) <= 4 and not re.search(r"[,:;|()]", gap):
                return True
        return False

    return all(near(m) for m in found)


def split_degrees(line: Line) -> list[Line]:
    """A line naming two degrees of different levels ("Master of Business Administration : 2011 Bachelor of
    Science : Accounting 2010 Keller Graduate School", "MBA (Finance) *B.Com") as one line per degree, so a
    master's and a bachelor's are two entries. Degrees side by side ("High School Diploma", "Post Graduate
    Diploma") and a school's name ("Nagpur Polytechnic") stay one."""
    if len(line.text) >= 200:
        return [line]
    cuts, previous = [], None
    for m in DEGREE_RE.finditer(line.text):
        level = degree_level(m.group(0))
        if level in (None, "high_school") or school_name(line.text[:m.end()]):
            continue
        level = "master" if level == "mba" else level  # "Master of Business Administration (MBA)" is one
        gap = line.text[previous[0].end():m.start()] if previous is not None else ""
        if previous is not None and level != previous[1] and re.search(r"(?:19|20)\d{2}|[*|;•●▪]", gap):
            cuts.append(m.start())
        previous = (m, level)
    if not cuts:
        return [line]
    out = []
    for a, b in zip([0] + cuts, cuts + [len(line.text)]):
        out.append(Line(line.index, line.start + a, line.start + b, line.text[a:b]))
    return out


def grade_of(match: re.Match) -> str:
    """The grade as a recruiter reads it, its kind kept: "GPA 3.93", "CGPA 8.4/10", "62%"."""
    value = " ".join((match.group("a") or match.group("b") or match.group("c")).split())
    kind = re.match(r"(?i)(c\.?g\.?p\.?a|g\.?p\.?a|cpi|sgpa)", match.group(0))
    if kind and not value.endswith("%"):
        return f"{kind.group(1).replace('.', '').upper()} {value}"
    return value


class EducationFinder:
    """Degrees with their field, institution, dates and grade."""

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        body = section_lines(doc, "education")
        if not body:
            body = [ln for ln in lines(doc) if DEGREE_RE.search(ln.text) and len(ln.text) < 160]
        body = [part for ln in body if not ln.blank for part in split_degrees(ln)]
        anchors = [i for i, ln in enumerate(body) if DEGREE_RE.search(ln.text) and len(ln.text) < 200
                   and not award_line(ln.text, body[i + 1].text if i + 1 < len(body) else "")]
        # "SSC / pragathi high school / 2010": a school's name under a degree that has no institution is
        # that degree's institution, not an entry of its own.
        anchors = [i for i in anchors if not (i - 1 in anchors and school_name(body[i].text)
                                              and not INSTITUTION_WORDS.search(body[i - 1].text)
                                              and degree_level(body[i - 1].text) in ("high_school", "diploma"))]
        if not anchors and body:
            anchors = [i for i, ln in enumerate(body) if INSTITUTION_WORDS.search(ln.text)]
        else:
            anchors = self._school_anchors(body, anchors)
        leads = self._leads(body, anchors)
        result = []
        for n, i in enumerate(anchors):
            stop = anchors[n + 1] if n + 1 < len(anchors) else min(len(body), i + 5)
            if n + 1 < len(anchors) and leads[n + 1] is not None:
                stop = max(i + 1, leads[n + 1])  # the lines above the next degree are the next entry's
            window = body[i:stop]
            if leads[n] is not None:
                above = body[leads[n]:i]
                # A school above the degree is read before the lines below it; dates above, after them.
                window = window[:1] + above + window[1:] if not dates_only(above[0]) else window + above
            for window in self._by_dates(window):
                entry = self._entry(doc, window, out.evidence, len(result))
                if entry:
                    result.append(entry)
        out.education = result
        return doc

    @staticmethod
    def _leads(body: list[Line], anchors: list[int]) -> list[int | None]:
        """Where each entry begins above its degree line, for the two layouts that write an entry's first
        lines above its degree (``None`` where it begins at its degree, as in every other layout):

        - its dates on a line of their own ("2003-2005 / Masters in ..., Denmark University / 2000-2003 /
          Bachelors in ..."), when the first entry's are and the last entry has none below it;
        - its school, with at most a place or a date between ("CASE WESTERN RESERVE UNIVERSITY, Cleveland,
          OH / Bachelor of Science in Marketing, May 2010"), when the first entry's is and its degree line
          names no school.
        """
        none: list[int | None] = [None] * len(anchors)
        if not anchors or anchors[0] == 0:
            return none
        first = anchors[0]
        if dates_only(body[first - 1]) and not any(dates_only(ln) for ln in body[anchors[-1] + 1:anchors[-1] + 5]):
            return [i - 1 if i > 0 and dates_only(body[i - 1]) and i - 1 not in anchors else None for i in anchors]
        if INSTITUTION_WORDS.search(body[first].text) or _school_above(body, first, 0) is None:
            return none
        return [_school_above(body, i, anchors[n - 1] + 1 if n else 0) for n, i in enumerate(anchors)]

    @staticmethod
    def _by_dates(window: list[Line]) -> list[list[Line]]:
        """Entries laid out as name lines closed by a line of dates ("BSc in Computer Science / vasundhara
        womens / 2015 / narayana jr.college / 2012"): each run of lines up to its dates is an entry of its
        own, the later ones without a degree. Any other window is one entry."""
        cuts = [k + 1 for k, line in enumerate(window) if dates_only(line)]
        if len(cuts) < 2 or dates.find_years(window[0].text) \
                or any(k - prev < 2 or k - prev > 3 for prev, k in zip([0] + cuts, cuts)) \
                or not all(INSTITUTION_WORDS.search(window[k].text) for k in cuts[:-1]):
            return [window]
        runs = [window[a:b] for a, b in zip([0] + cuts, cuts)]
        if cuts[-1] < len(window):
            runs[-1] += window[cuts[-1]:]
        return runs

    @staticmethod
    def _school_anchors(body: list[Line], anchors: list[int]) -> list[int]:
        """A school named after an entry that already has its institution and dates starts an entry of its
        own ("St. John's School" below "B.Tech in EEE / National Institute of Technology / 2016")."""
        out = sorted(anchors)
        for i, ln in enumerate(body):
            if i in out or len(ln.text) > 160 or not INSTITUTION_WORDS.search(ln.text):
                continue
            previous = [a for a in out if a < i]
            if not previous:
                continue
            window = body[previous[-1]:i]
            if any(INSTITUTION_WORDS.search(w.text) for w in window) and any(
                    dates.find_ranges(w.text) or dates.find_years(w.text) for w in window):
                out = sorted(out + [i])
        return out

    @staticmethod
    def _entry(doc: Doc, window: list[Line], evidence: dict, index: int) -> Education | None:
        first = window[0]
        entry = Education()
        m = DEGREE_RE.search(first.text)
        if m:
            # The degree as written runs to " in <field>", "(", " - " or the end of its part of the line.
            part, offset = next(((p, o) for p, o in split_parts(first.text) if o <= m.start() < o + len(p)),
                                (first.text[m.start():], m.start()))
            rest = part[m.start() - offset:]
            # "BSc (Hons) Sales Management": the honours are the degree's, the field follows them.
            dm = re.match(r"(?P<d>.+?(?:\s*\((?:hons|honou?rs)\.?\))?)(?:\s+(?:in|with specialization in|"
                          r"specialization in|majoring in)\s+|\s*\(|\s*,\s*|\s+-\s+|\s*:\s+|(?<=\))\s+|$)(?P<f>.*)",
                          rest, re.I)
            degree_text = dm.group("d").strip(" .,:-") if dm else m.group(0)
            if len(degree_text) > 60 or INSTITUTION_WORDS.search(degree_text):
                degree_text = m.group(0).strip()
            entry.degree = degree_text
            d_start = first.start + m.start()
            evidence[f"education.{index}.degree"] = [d_start, d_start + len(degree_text)]
            tail = dm.group("f") if dm and dm.group("d").strip(" .,:-") == degree_text else first.text[m.end():]
            fm = re.match(r"\W*(?:in\s+|with specialization in\s+|specialization in\s+|majoring in\s+)?"
                          r"(?P<f>[A-Za-z&][A-Za-z&.,/\- ]{1,80})", tail, re.I)
            if fm:
                value = re.split(r"\)|\s[|–—-]\s|,\s*(?=[A-Z][a-z]+ (?:University|College|Institute))|\bfrom\b|"
                                 r"\bat\b|\s+in\s+|\s{2,}|\d|,\s*(?=\S+\s+\S+\s+\S+)", fm.group("f"))[0].strip(" ,.-")
                # "Finance May 2002": the month is the date's; "General Engineering, GPA 3.87": the grade's.
                value = MONTH_END.sub("", NOT_THE_SCHOOL.split(value)[0].strip(" ,.-"))
                if INSTITUTION_WORDS.search(value):  # "Nursing Northern Virginia Community College"
                    value = (split_field_school(value) or ("",))[0]
                if value and not INSTITUTION_WORDS.search(value) and len(value) > 1 \
                        and not re.match(r"(?:and|or|&)\b|(?:dr|st|sri|shri|smt)\.?\s", value, re.I) \
                        and value.lower() not in PLACES and not DEGREE_RE.fullmatch(value):
                    entry.field = value
                    pos = first.text.find(value, m.start())
                    evidence[f"education.{index}.field"] = [first.start + pos, first.start + pos + len(value)]
        for line in window:
            for part, offset in split_parts(line.text.replace(",", "|") if not INSTITUTION_WORDS.search(
                    line.text.split(",")[0]) else line.text):
                if INSTITUTION_WORDS.search(part) and entry.institution is None and len(part) < 160:
                    value = clean_institution(part)
                    if not value or DEGREE_RE.match(value):
                        continue
                    entry.institution = value
                    pos = line.text.find(value)
                    # A cleaned name ("... (PTU) Jalandhar" without its brackets) points at its whole part.
                    a, b = (pos, pos + len(value)) if pos >= 0 else (offset, offset + len(part))
                    evidence[f"education.{index}.institution"] = [line.start + a, line.start + b]
                    following = window[window.index(line) + 1] if line is not window[-1] else None
                    rest = continued_name(value, line.text[b:], following)
                    if rest:
                        entry.institution = f"{value} {rest[0]}"
                        evidence[f"education.{index}.institution"][1] = following.start + rest[1]
        if entry.institution is None and len(window) > 1:
            nxt = window[1]
            part = split_parts(nxt.text)[0][0] if split_parts(nxt.text) else ""
            if part and not dates.find_ranges(part) and not dates.SINGLE.fullmatch(part.strip()) \
                    and not GRADE.search(part) and not NOT_THE_SCHOOL.match(part) and not AWARD.search(part) \
                    and len(part) < 100:
                entry.institution = part
                pos = nxt.text.find(part)
                evidence[f"education.{index}.institution"] = [nxt.start + pos, nxt.start + pos + len(part)]
        for line in window:
            ranges = dates.find_ranges(line.text, line.start)
            if ranges and entry.end is None:
                entry.start, entry.end = ranges[0].start, ranges[0].end
                evidence[f"education.{index}.start"] = evidence[f"education.{index}.end"] = list(ranges[0].span)
                break
        if entry.end is None:
            for line in window:
                years = dates.find_years(line.text)
                if years:
                    value, a, b = years[-1]
                    entry.end = value
                    evidence[f"education.{index}.end"] = [line.start + a, line.start + b]
                    break
        for line in window:
            g = GRADE.search(line.text)
            if g:
                entry.grade = grade_of(g)
                number = (g.group("a") or g.group("b") or g.group("c")).strip()
                end = line.text.find(number, g.start()) + len(number)
                evidence[f"education.{index}.grade"] = [line.start + g.start(), line.start + end]
                break
        if not (entry.degree or entry.institution):
            return None
        return entry


def _school_above(body: list[Line], i: int, floor: int) -> int | None:
    """The index of a school's line a few lines above the degree line ``body[i]`` (not above ``floor``), with
    only a place or a date between them ("Western Kentucky University / Bowling Green, Kentucky /
    Anticipated May 2012 / Bachelor of Science ...")."""
    for j in range(i - 1, max(floor, i - 3) - 1, -1):
        text = body[j].text
        if INSTITUTION_WORDS.search(text) and not DEGREE_RE.search(text) and len(text) < 160:
            return j
        if DEGREE_RE.search(text) or len(text.split()) > 4 or not (dates_only(body[j]) or not re.search(r"\d", text)
                                                                   or dates.find_years(text)):
            return None
    return None


def dates_only(line: Line) -> bool:
    """Whether a line holds dates and nothing else ("2003-2005", "May 2012", "2016")."""
    text = line.text.strip()
    ranges = dates.find_ranges(text)
    if ranges:
        a, b = ranges[0].span
        return not re.search(r"\w", text[:a] + text[b:])
    return bool(dates.SINGLE.fullmatch(text) or re.fullmatch(r"(?:19|20)\d{2}", text))


def continued_name(value: str, after: str, following: Line | None) -> tuple[str, int] | None:
    """The rest of a school's name cut at a line break ("State University of New" / "York City , State"), with
    the offset in ``following`` where it ends: the first words of the next line, capitalised, up to a comma,
    a date or the anonymised "City , State". Only when the name ends on a word a name does not end on and
    nothing followed it on its own line."""
    if following is None or after.strip() or value.split()[-1].lower() not in CUT_SHORT:
        return None
    head = _PLACEHOLDER_PLACE.sub("", following.text)
    m = re.match(r"\s*((?:[A-Z][A-Za-z.'-]*\s?){1,3})", head)
    if not m or re.search(r"\d", m.group(1)):
        return None
    words = m.group(1).split()
    if not words or words[0].lower() in CUT_SHORT or INSTITUTION_WORDS.match(words[0]) or DEGREE_RE.match(words[0]):
        return None
    text = " ".join(words)
    return text, following.text.find(words[-1], m.start(1)) + len(words[-1])


def clean_institution(part: str) -> str | None:
    """'• B.Com from Vivekananda College, Bangalore (2002)' -> 'Vivekananda College'."""
    value = _PLACEHOLDER_PLACE.sub("", strip_bullet(part)).strip(" ,.;")  # the anonymised "City , State"
    value = EDUCATION_LABEL.sub("", value)  # "EDUCATION: Western Kentucky University"
    # "NEW YORK UNIVERSITY GPA: GPA: 3.93 UNCF": the school's name ends where its grade or honours begin.
    value = next((p for piece in NOT_THE_SCHOOL.split(value) if piece for p in piece.split(";")
                  if INSTITUTION_WORDS.search(p)), "").strip(" ,.;:-")
    # "Benedict College 2013 BS : Business Administration": a degree after the school's name is not in it.
    degree = DEGREE_RE.search(value)
    if degree and degree.start() > 0 and INSTITUTION_WORDS.search(value[:degree.start()]):
        value = value[:degree.start()].strip(" ,.;:-")
    value = re.sub(r"^(?:(?:\d{1,2}/)?\d{4}\s*(?:[-–to]+\s*(?:\d{1,2}/)?\d{4})?\s*)", "", value)  # a leading year
    # "December 2012 Georgian Court University", "Software Engineering 2015 Milwaukee Area Technical College":
    # what comes before a year is a date or the field of study, the place of study follows it.
    years = list(re.finditer(r"\b(?:19|20)\d{2}\b", value))
    year = years[-1] if years else None
    leading_degree = DEGREE_RE.match(value)
    if year and INSTITUTION_WORDS.search(value[year.end():]) and (
            not INSTITUTION_WORDS.search(value[:year.start()]) or leading_degree):
        value = value[year.end():]  # "High School Diploma : 2013 Henry County High School" too
    elif leading_degree and ":" in value and not INSTITUTION_WORDS.search(value[:value.index(":")]):
        # "Associate of Applied Science : Nursing Northern Virginia Community College": degree, field, school.
        split = split_field_school(value[value.index(":") + 1:].strip())
        if split:
            value = split[1]
    elif leading_degree and ":" not in value and not INSTITUTION_WORDS.match(value[leading_degree.end():].lstrip()):
        rest = value
        while (m := DEGREE_RE.match(rest)) is not None:
            rest = rest[m.end():].lstrip(" :,-")
        if INSTITUTION_WORDS.search(rest):
            value = rest  # "Diploma North Rockland High School"
    value = re.sub(rf"(?i)[\s,(–-]+(?:{MONTH}\.?\s+|in\s+)?(?:19|20)\d{{2}}\)?$", "", value)  # "Pune University 2010"
    # The anonymised place after the name: "Syracuse University City", "Western High School City , State".
    value = re.sub(r"(?i)\b(universit(?:y|ies)|college|institute|school|academy)\s+City(?:\s*,\s*State)?$", r"\1",
                   value.rstrip())
    if re.search(r"\b(?:from|at)\s+", value, re.I):
        value = re.split(r"\b(?:from|at)\s+", value, flags=re.I)[-1]
    value = re.sub(r"\s*\([^)]*\)", "", value).strip(" ,.;")
    pieces = [p.strip() for p in value.split(",")]
    while len(pieces) > 1 and not INSTITUTION_WORDS.search(pieces[-1]):
        pieces.pop()  # a trailing place or year
    value = ", ".join(pieces)
    words = value.split()
    while len(words) > 2 and words[-1].lower().strip(".") in PLACES and words[-2].lower() not in ("of", "the"):
        words.pop()  # "Vivekananda College Bangalore", but "University of Delhi" keeps its place
    value = " ".join(words).strip(" ,.;-")
    if re.fullmatch(r"(?i)(?:(?:name\s+of\s+(?:the\s+)?)?(?:university|board|institut(?:e|ion)|college|school)"
                    r"(?:\s+name)?\s*(?:[/&,]|and|or)?\s*)+", value):
        return None  # a table's column heading ("University / Board"), not a place of study
    return value if INSTITUTION_WORDS.search(value) else None

