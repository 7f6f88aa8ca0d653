"""Word lists the rule components share: section headings, degrees, job titles, organisations, places."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

COMMON_WORDS = Path(__file__).resolve().parent / "data" / "common_words.txt"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words, lower case (nlp/data/common_words.txt, built by build_common_words.py)."""
    try:
        return frozenset(COMMON_WORDS.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def only_common_words(text: str) -> bool:
    """Whether every word of ``text`` is a common English word ("Zip Code", "development lifecycle"), so that
    it is more likely a phrase than a person's name."""
    common, words = common_words(), text.split()
    return bool(common) and bool(words) and all(w.lower().strip(".,") in common for w in words)


# Section label -> heading phrases (lower case, without trailing colon).
SECTION_HEADINGS: dict[str, list[str]] = {
    "summary": ["summary", "professional summary", "career summary", "executive summary", "profile",
                "professional profile", "career profile", "executive profile", "objective", "career objective",
                "objectives", "about me", "overview", "professional overview", "introduction", "synopsis",
                "profile summary", "personal statement", "career overview", "summary of qualifications",
                "qualifications summary", "snapshot", "career focus"],
    "experience": ["experience", "work experience", "professional experience", "employment history",
                   "work history", "career history", "employment", "professional background",
                   "relevant experience", "work experience details", "experience details", "industrial experience",
                   "professional experience summary", "professional exposure", "organisational experience",
                   "organizational experience",
                   "internship", "internships", "internship experience", "employment details", "career",
                   "experience summary", "job history", "positions held", "career experience",
                   # academic CVs
                   "positions", "academic positions", "academic appointments",
                   "professional positions", "academic and professional experience", "academic experience",
                   "research experience", "teaching experience", "professional appointments",
                   "employment experience", "military experience"],
    "education": ["education", "educational qualification", "educational qualifications", "academic qualification",
                  "academic qualifications", "academics", "academic profile", "academic background",
                  "educational background", "education and training", "education & training", "qualifications",
                  "qualification", "scholastic profile", "academic details", "education details",
                  "educational details", "academic credentials", "education background", "academia",
                  "academic record", "academic history", "education history", "educational profile"],
    "skills": ["skills", "technical skills", "key skills", "core skills", "skill set", "skillset", "skill highlights",
               "core competencies", "competencies", "areas of expertise", "expertise", "it skills",
               "computer skills", "technical proficiency", "technical expertise", "software skills",
               "tools", "tools and technologies", "technologies", "technical summary", "highlights",
               "professional skills", "skills summary", "key competencies", "soft skills", "software",
               "technical skill set", "functional skills", "strengths", "key strengths", "proficiencies",
               "qualifications and skills", "skills and abilities", "additional skills", "it proficiency",
               "core qualifications", "core strengths"],
    "projects": ["projects", "academic projects", "key projects", "project details", "project experience",
                 "personal projects", "project", "projects undertaken", "major projects"],
    "certifications": ["certifications", "certification", "certificates", "licenses", "licences",
                       "licenses and certifications", "certifications and licenses", "training", "trainings",
                       "courses", "training and certifications", "professional certifications",
                       "professional development", "courses and certifications", "additional training"],
    "languages": ["languages", "languages known", "language skills", "language proficiency", "language"],
    "awards": ["awards", "achievements", "accomplishments", "honors", "honours", "awards and achievements",
               "key achievements", "core accomplishments", "recognition", "awards and honors", "extra-curricular",
               "extracurricular activities", "extra curricular activities", "co-curricular activities"],
    "publications": ["publications", "papers", "research papers", "presentations", "research",
                     "selected publications", "journal articles", "refereed publications",
                     "peer-reviewed publications", "conference presentations", "invited talks",
                     "grants and fellowships", "working papers", "book chapters"],
    "personal": ["personal details", "personal information", "personal profile", "personal data", "declaration",
                 "personal info"],
    "interests": ["interests", "hobbies", "hobbies and interests", "activities", "interests and hobbies"],
    "references": ["references", "referees"],
    "volunteer": ["volunteer", "volunteering", "volunteer experience", "community service", "affiliations",
                  "professional affiliations", "memberships", "professional service", "university service",
                  "committee service"],
    "additional": ["additional information", "other information", "miscellaneous", "additional details"],
    "contact": ["contact", "contact information", "contact details"],
}
HEADING_LOOKUP = {phrase: label for label, phrases in SECTION_HEADINGS.items() for phrase in phrases}

DEGREE_PATTERNS = [
    # (regex, level) - level is what the scorer compares against a job's requirement.
    (r"ph\.?\s?d\.?|doctorate|doctor of philosophy|d\.?\s?phil", "phd"),
    (r"m\.?\s?b\.?\s?a\.?|pgdm|pgdba|pgdbm|pgpm|post\s*graduate diploma in (?:business )?management|"
     r"executive mba", "mba"),
    (r"ll\.?\s?m\.?|master of laws", "law"),
    (r"ll\.?\s?b\.?|b\.?\s?a\.?\s?ll\.?\s?b\.?|bachelor of laws?|juris doctor|j\.?d\.", "law"),
    (r"chartered accountant|c\.?\s?a\.?\s*(?:final|inter(?:mediate)?|ipcc)|aca|fca|cpa|acca|cma|icwa|aicwa",
     "ca"),
    (r"m\.?\s?tech|m\.?\s?e\.|m\.?\s?sc|m\.?\s?com|m\.?\s?c\.?\s?a|m\.?\s?a\.|m\.\s?s\.|m\.?\s?phil|m\.?\s?pharm"
     r"|m\.s\b|ms(?=\s+in\s)|(?-i:MA(?=[ \t]+in\b))|m\.?\s?ed|master'?s(?: of| in| degree)?"
     r"|master(?: of| in| degree)"
     r"|post\s*graduat(?:e|ion)|p\.?\s?g\.?\s?d|pg-\w+",
     "master"),
    # A bare "BE" is the degree only in capitals: "be made into" is not.
    (r"b\.?\s?tech|b\s?-\s?tech|b\.\s?e\.?|(?-i:B ?E|Be(?=\s*(?:in\b|\()))|(?:ty|sy|fy)?bms|b\.?\s?sc|b\.?\s?com|"
     r"b\.?\s?c\.?\s?a|"
     r"b\.?\s?b\.?\s?a|b\.?\s?b\.?\s?m|b\.?\s?a\.|"
     # "BS in Accounting", "BA Economics": bare BS and BA in capitals, before "in" or a field on the same line.
     r"b\.?\s?s\.|(?-i:(?:BS|BA)(?=[ \t]+(?:in\b|[A-Z][a-z])))|b\.?\s?pharm|b\.?\s?ed|"
     r"bachelor'?s?(?: of| in| degree)?|graduat(?:e|ion) in|undergraduate|"
     r"b\.?\s?arch|mbbs|bds|bams|bhms|b\.?\s?voc", "bachelor"),
    (r"diploma|polytechnic|associate(?:'s)? degree|associate of", "diploma"),
    (r"12th|xii|hsc|h\.s\.c|higher secondary|intermediate|senior secondary|pre-university|puc|class 12|"
     r"10th|ssc|s\.s\.c|matriculation|secondary school|high school|class 10|x\b|sslc|cbse|icse|ged|"
     r"c\.b\.s\.e\.?|i\.c\.s\.e\.?", "high_school"),
]
DEGREE_RE = re.compile(r"(?<![\w.])(?:" + "|".join(f"(?:{p})" for p, _ in DEGREE_PATTERNS) + r")(?![\w])", re.I)
DEGREE_LEVELS = [(re.compile(rf"(?<![\w.])(?:{p})(?![\w])", re.I), level) for p, level in DEGREE_PATTERNS]

INSTITUTION_WORDS = re.compile(
    r"\b(universit(?:y|ies)|college|cllg|clg|institute|institution|school|vidyalaya|vidyapeeth|vidyapith|academy|"
    r"polytechnic|iit|iim|nit|bits|iiit|mahavidyalaya|campus|faculty of|conservatory|seminary)\b", re.I)

TITLE_WORDS = re.compile(
    r"\b(analyst|engineer|developer|manager|associate|consultant|executive|specialist|intern|internship|lead|"
    r"officer|assistant|coordinator|co-ordinator|director|head|trainee|accountant|writer|researcher|designer|"
    r"administrator|admin|representative|supervisor|clerk|advocate|lawyer|attorney|counsel|paralegal|nurse|"
    r"teacher|lecturer|professor|architect|programmer|scientist|tester|auditor|advisor|adviser|banker|"
    r"agent|operator|technician|editor|author|instructor|trainer|recruiter|controller|president|vp|ceo|cfo|"
    r"cto|founder|co-founder|partner|owner|member|fellow|apprentice|volunteer|secretary|receptionist|"
    r"cashier|teller|underwriter|actuary|economist|statistician|strategist|planner|buyer|merchandiser|"
    r"marketer|salesman|sales|support|process|sme|team leader|tl|qa|hr|mis|chef|cook|driver|pharmacist|"
    r"physician|doctor|therapist|coach|storekeeper|worker|helper|staff|employee|principal|dean|"
    r"faculty|tutor|caretaker|guard|inspector|surveyor|expert|professional|practitioner|generalist|"
    r"solicitor|judge|clerkship|bookkeeper|controller|treasurer|deputy|senior|junior|sr|jr|chief)\b", re.I)

ORG_WORDS = re.compile(
    r"\b(ltd|limited|inc|incorporated|llc|llp|pvt|private|corp|corporation|co\.|company|technologies|"
    r"technology|solutions|services|systems|software|consulting|consultancy|consultants|bank|group|labs|"
    r"industries|enterprises|international|global|holdings|partners|associates|infotech|infosystems|"
    r"pharma|pharmaceuticals|healthcare|hospital|capital|securities|financial|insurance|analytics|"
    r"research|foundation|trust|agency|studio|media|motors|networks|telecom|airlines|retail|foods|"
    r"ventures|university|college|institute|school|ministry|department|government|council|authority|"
    r"gmbh|s\.a\.|plc|ag|bv|nv)\b", re.I)

# Cities and states seen on resumes, for telling a location from a company or a title.
PLACES = {
    "bengaluru", "bangalore", "mumbai", "bombay", "delhi", "new delhi", "ncr", "delhi ncr", "gurgaon", "gurugram",
    "noida", "greater noida", "faridabad", "ghaziabad", "pune", "hyderabad", "secunderabad", "chennai", "madras",
    "kolkata", "calcutta", "ahmedabad", "gandhinagar", "surat", "vadodara", "baroda", "rajkot", "jaipur",
    "jodhpur", "udaipur", "lucknow", "kanpur", "noida", "chandigarh", "mohali", "panchkula", "ludhiana",
    "amritsar", "jalandhar", "dehradun", "indore", "bhopal", "gwalior", "jabalpur", "nagpur", "nashik",
    "aurangabad", "thane", "navi mumbai", "kochi", "cochin", "thiruvananthapuram", "trivandrum", "kozhikode",
    "calicut", "coimbatore", "madurai", "trichy", "tiruchirappalli", "salem", "vellore", "mysore", "mysuru",
    "mangalore", "mangaluru", "hubli", "belgaum", "belagavi", "visakhapatnam", "vizag", "vijayawada", "guntur",
    "warangal", "bhubaneswar", "cuttack", "patna", "ranchi", "jamshedpur", "guwahati", "raipur", "bhilai",
    "goa", "panaji", "shimla", "jammu", "srinagar", "varanasi", "allahabad", "prayagraj", "agra", "meerut",
    "karnataka", "maharashtra", "tamil nadu", "telangana", "andhra pradesh", "kerala", "gujarat", "rajasthan",
    "uttar pradesh", "madhya pradesh", "west bengal", "bihar", "odisha", "orissa", "punjab", "haryana",
    "jharkhand", "assam", "uttarakhand", "himachal pradesh", "chhattisgarh", "india",
    "london", "manchester", "dublin", "new york", "san francisco", "seattle", "boston", "chicago", "austin",
    "dallas", "houston", "atlanta", "los angeles", "toronto", "singapore", "dubai", "abu dhabi", "doha",
    "riyadh", "manila", "cebu", "kuala lumpur", "colombo", "dhaka", "karachi", "lahore", "sydney", "melbourne",
    "hong kong", "shanghai", "beijing", "tokyo", "paris", "berlin", "frankfurt", "amsterdam", "zurich",
    "usa", "united states", "uk", "united kingdom", "canada", "australia", "uae", "philippines", "sri lanka",
}

COUNTRIES = {"india", "usa", "united states", "uk", "united kingdom", "canada", "australia", "uae", "philippines",
             "sri lanka", "singapore"}

US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
}

STATED_EXPERIENCE = re.compile(
    # "Total experience: 4 years", "Total IT experience of 4.6 years"
    r"(?:(?:total|overall)\s+(?:(?!experience\b|exp\b)[\w/&-]+\s+){0,2}(?:experience|exp\.?)\s*(?:of|:|-)?\s*"
    r"(?P<a>\d{1,2}(?:\.\d{1,2})?)\+?"
    r"\s*(?P<ua>years?|yrs?|months?)\b"
    r"|(?P<b>\d{1,2}(?:\.\d{1,2})?)\+?\s*(?P<ub>years?|yrs?|months?)\b\.?(?:,?\s+(?:and\s+)?(?P<mb>\d{1,2})\s+months?)?"
    r"(?:\s+of)?\s+"
    # "6.5 years of functional enriched experience", "22 years of rich national & international experience"
    r"(?:(?!experience\b|exp\b)[\w/&-]+\s+){0,4}"
    r"(?:experience|exp\b)"
    # "6+ Exp in banking operations"
    r"|(?P<c>\d{1,2})\+\s*(?:experience|exp)\b)", re.I)


def stated_years(match: re.Match) -> float:
    """Years from a STATED_EXPERIENCE match ("15 months" is 1.25, "5 years and 6 months" 5.5)."""
    value = float(match.group("a") or match.group("b") or match.group("c"))
    unit = (match.group("ua") or match.group("ub") or "").lower()
    if unit.startswith("month"):
        return round(value / 12, 2)
    return round(value + int(match.group("mb")) / 12, 2) if match.group("mb") else value


CERTIFICATION_RE = re.compile(
    r"\b(CFA(?:\s+level\s+(?:I{1,3}|[123]))?|FRM(?:\s+part\s+(?:I{1,2}|[12]))?|CPA|ACCA|CIMA|CMA|CIA|CISA|CFP|"
    r"PMP|PRINCE2|CAPM|ITIL(?:\s+v\d)?|CCNA|CCNP|CCIE|MCSE|MCSA|OCJP|OCA|OCP|CSM|PSM|"
    r"NCFM(?:[\w ]{0,40})?|NISM(?:[\w -]{0,40})?|"
    r"(?:lean\s+)?six\s+sigma(?:\s+(?:green|black|yellow)\s+belt)?|"
    r"AWS\s+Certified[\w -]{0,40}|Microsoft\s+Certified[\w -]{0,40}|Oracle\s+Certified[\w -]{0,40}|"
    r"Google\s+(?:Analytics|Data Analytics|Cloud)\s+(?:Certified|Certification|Certificate)[\w -]{0,30}|"
    r"Certified\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5})", re.I)


def _taxonomy():
    import json

    path = Path(__file__).resolve().parent / "data" / "skills.jsonl"
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except OSError:
        return []


@lru_cache(maxsize=1)
def spoken_languages() -> frozenset[str]:
    """The taxonomy's spoken languages and their aliases, lower case ("english", "hindi")."""
    return frozenset(alias.lower() for entry in _taxonomy() if entry.get("category") == "language"
                     for alias in [entry["name"], *entry.get("aliases", [])])


@lru_cache(maxsize=1)
def skill_aliases() -> dict[str, dict]:
    """Taxonomy entry by every name and alias, lower case ("ms excel" -> the Microsoft Excel entry)."""
    return {alias.lower(): entry for entry in _taxonomy() if entry.get("category") != "language"
            for alias in [entry["name"], *entry.get("aliases", [])]}


@lru_cache(maxsize=1)
def skill_names() -> frozenset[str]:
    """Every skill name and alias in the taxonomy, lower case with only letters, digits, + and # kept
    ("powerpoint", "msexcel"): a "place" that is one of these is a misread."""
    return frozenset(re.sub(r"[^a-z0-9+#]", "", alias.lower()) for entry in _taxonomy()
                     if entry.get("category") != "language"  # "Tamil" is spoken, and "Tamil Nadu" a place
                     for alias in [entry["name"], *entry.get("aliases", [])])


def degree_level(text: str | None) -> str | None:
    """The level of a degree as written ('B.Tech' -> 'bachelor', 'PGDM' -> 'mba'), or None. Here, beside
    the patterns, so the scorer reads it without building the components."""
    if not text:
        return None
    for pattern, level in DEGREE_LEVELS:
        if pattern.search(text):
            return level
    return None
