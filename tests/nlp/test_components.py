"""Each recruit_* component on short excerpts written the way real resumes are."""
import json

import pytest

from nlp.vocab import degree_level
from nlp.pipeline import parse_text
from nlp.resume import ParsedResume

INDEED = """Abhishek Jha
Application Development Associate - Accenture

Bengaluru, Karnataka - Email me on Indeed: indeed.com/r/Abhishek-Jha/10e7a8cb732bc43a

WORK EXPERIENCE

Application Development Associate

Accenture -

November 2017 to Present

Role: Currently working on Chat-bot. Developing Backend Oracle PeopleSoft Queries.

Intern

Infosys Limited -  Mysore, Karnataka -

January 2017 to June 2017

EDUCATION

B.E in Information science and engineering

B.v.b college of engineering and technology -  Hubli, Karnataka

August 2013 to June 2017

12th in Mathematics

Woodbine modern school

April 2011 to March 2013

SKILLS

C (Less than 1 year), Database (Less than 1 year), Java (Less than 1 year), Python, MS Excel

Languages known: English, Hindi, Kannada
"""

LIVECAREER = """ACCOUNTANT III
Summary
Accounting professional with over thirteen years in grants and audits.
Experience
Company Name January 2014 to Current Accountant III
City , State
Request cash drawdowns and complete monthly reconciliations for grants and contracts.
Company Name January 2007 to January 2014 Assistant Accountant
City , State
Full charge processing of accounts receivable, accounts payable and purchasing.
Education
Bachelor of Science : Accounting , 2006 University of North Texas City , State
Skills
Accounts payable, accounts receivable, general ledger, QuickBooks, Excel, reconciliation
"""

MATCHER = """JOHN DOE
123 Main St, Anywhere, USA — +1 (415) 555-2671 — john.doe@email.com
LinkedIn: linkedin.com/in/johndoe — GitHub: github.com/johndoe
WORK EXPERIENCE
Full Stack Java Developer, ABC Company, Inc., Anywhere, USA, June 2018 - Present
• Developed enterprise applications using Java and Spring Boot
2015 – 2018 Software Engineer, Acme Solutions, Pune, India
EDUCATION
2011 – 2015 B.Tech, Computer Science and Engineering, Indian Institute of Technology Delhi, New Delhi, India
Overall CGPA: 8.6/10
CERTIFICATIONS
• AWS Certified Solutions Architect – Associate
• CFA Level II candidate
"""


@pytest.fixture(scope="module")
def indeed():
    return parse_text(INDEED, today="2019-06-30")


def test_sections(indeed):
    labels = [s["label"] for s in indeed.sections]
    assert labels[:4] == ["header", "experience", "education", "skills"]


def test_name_location_and_links(indeed):
    assert indeed.name == "Abhishek Jha"
    assert indeed.span("name") == "Abhishek Jha"
    assert indeed.location == "Bengaluru, Karnataka"
    assert indeed.links == ["indeed.com/r/Abhishek-Jha/10e7a8cb732bc43a"]


def test_experience_entries_with_dates(indeed):
    first, second = indeed.experience
    assert (first.title, first.employer, first.start, first.end) == (
        "Application Development Associate", "Accenture", "2017-11", "present")
    assert (second.title, second.employer, second.location) == ("Intern", "Infosys Limited", "Mysore, Karnataka")
    assert (second.start, second.end) == ("2017-01", "2017-06")
    assert "Chat-bot" in first.description
    assert indeed.span("experience.0.employer") == "Accenture"


def test_total_years_count_to_the_resumes_own_date(indeed):
    # Jan 2017 - Jun 2017, and Nov 2017 - Present, where "present" is the newest date the resume names
    # (Nov 2017), not the parse day (2019-06-30): 6 + 1 months.
    assert indeed.resume_date == "2017-11-30"
    assert indeed.total_experience_years == pytest.approx(0.6, abs=0.05)


def test_education_entries(indeed):
    degree, school = indeed.education
    assert (degree.degree, degree.field) == ("B.E", "Information science and engineering")
    assert degree.institution == "B.v.b college of engineering and technology"
    assert (degree.start, degree.end) == ("2013-08", "2017-06")
    assert (school.degree, school.institution) == ("12th", "Woodbine modern school")
    assert degree_level(degree.degree) == "bachelor" and degree_level(school.degree) == "high_school"


def test_skills_normalised_and_languages_apart(indeed):
    names = [s.name for s in indeed.skills]
    assert {"C", "Java", "Python", "Microsoft Excel"} <= set(names)
    assert indeed.span(f"skills.{names.index('Microsoft Excel')}") == "MS Excel"
    assert indeed.languages == ["English", "Hindi", "Kannada"]
    assert "English" not in names


def test_livecareer_layout():
    parsed = parse_text(LIVECAREER, today="2016-01-31")
    assert [(e.employer, e.title, e.location) for e in parsed.experience] == [
        ("Company Name", "Accountant III", "City , State"), ("Company Name", "Assistant Accountant", "City , State")]
    assert parsed.education[0].degree == "Bachelor of Science"
    assert parsed.education[0].field == "Accounting"
    assert parsed.education[0].end == "2006"
    assert {"Accounts payable", "Accounts receivable", "General ledger", "QuickBooks", "Reconciliation"} <= {
        s.name for s in parsed.skills}
    assert parsed.name is None  # a job title at the top is not a name


def test_contacts_and_certifications():
    parsed = parse_text(MATCHER, today="2024-01-01")
    assert parsed.emails == ["john.doe@email.com"]
    assert parsed.phones == ["+14155552671"]
    assert {"linkedin.com/in/johndoe", "github.com/johndoe"} <= set(parsed.links)
    assert parsed.name == "JOHN DOE"
    jobs = [(e.title, e.employer) for e in parsed.experience]
    assert ("Full Stack Java Developer", "ABC Company") in jobs or ("Full Stack Java Developer", "ABC Company, Inc.") in jobs
    assert ("Software Engineer", "Acme Solutions") in jobs
    edu = parsed.education[0]
    assert edu.degree == "B.Tech" and "Indian Institute of Technology" in edu.institution and edu.grade == "CGPA 8.6/10"
    assert any(c.startswith("AWS Certified Solutions Architect") for c in parsed.certifications)
    assert any("CFA Level II" in c for c in parsed.certifications)


def test_stated_experience_wins_and_disagreement_is_noted():
    text = "Priya Raman\nSummary\nFinance professional with 7 years of experience in equity research.\n" \
           "Experience\nAnalyst | Crisil | Mumbai\nJan 2022 - Dec 2022\n"
    parsed = parse_text(text, today="2023-01-01")
    assert parsed.total_experience_years == 7
    assert parsed.span("total_experience_years") == "7 years of experience"
    assert any("states 7 years" in w for w in parsed.warnings)


def test_a_word_used_in_prose_is_not_a_skill():
    text = "Sam Iyer\nSummary\nI review every project and complete reports with the access team.\nSkills\nSplunk, Kibana\n"
    names = {s.name for s in parse_text(text).skills}
    assert {"Splunk", "Kibana"} <= names
    assert not names & {"Microsoft Project", "Microsoft Access", "Complete"}


def test_json_round_trip_and_exact_keys(indeed):
    data = json.loads(indeed.to_json())
    assert list(data) == ["name", "emails", "phones", "links", "location", "education", "experience", "skills",
                          "languages", "certifications", "total_experience_years", "resume_date", "sections",
                          "evidence", "sources", "text", "warnings"]
    assert set(data["education"][0]) == {"institution", "degree", "field", "start", "end", "grade"}
    assert set(data["experience"][0]) == {"employer", "title", "location", "start", "end", "description"}
    assert ParsedResume.from_json(indeed.to_json()) == indeed


def test_every_evidence_span_is_inside_the_text(indeed):
    for path, (start, end) in indeed.evidence.items():
        assert 0 <= start < end <= len(indeed.text), path


def test_evidence_spans_are_exactly_the_values():
    """Does every single-value field's evidence span read back as the value itself?"""
    for text in (INDEED, LIVECAREER, MATCHER):
        parsed = parse_text(text, today="2024-01-01")
        for i, job in enumerate(parsed.experience):
            for key in ("title", "employer"):
                if getattr(job, key):
                    assert parsed.span(f"experience.{i}.{key}") == getattr(job, key)
        for i, edu in enumerate(parsed.education):
            if edu.institution:
                assert parsed.span(f"education.{i}.institution") == edu.institution
        if parsed.name:
            assert parsed.span("name") == parsed.name


def test_indeed_employer_line_names_the_employer_even_in_unknown_words():
    # Indeed's exports put the employer on its own line ending in a dash; "ORACLE" has no company word.
    parsed = parse_text("Sai Dhir\n\nWORK EXPERIENCE\n\nSasken Technologies Pvt. Ltd - Pune, Maharashtra -\n\n"
                        "January 2017 to Present\n\nORACLE -\n\nJanuary 2011 to December 2016\n\n"
                        "STP is a router that relays SS7 messages\n", today="2018-01-01")
    assert [(j.employer, j.title) for j in parsed.experience] == [("Sasken Technologies Pvt. Ltd", None),
                                                                 ("ORACLE", None)]


def test_a_title_after_a_sentence_about_the_employer():
    parsed = parse_text("Terrell Michel\n\nPROFESSIONAL EXPERIENCE\nLEANDER CORPORATION, Boston, MA\n2000 to Present\n"
                        "World leader in analytical instrumentation serving energy and pharmaceutical industries.\n"
                        "Vice President of International Sales\nOversee 60+ representatives internationally.\n"
                        "HERNANDEZ & ASSOCIATES, Boston, MA\n1990 to 2000\nSenior Product Manager\n",
                        today="2020-01-01")
    assert [(j.employer, j.title) for j in parsed.experience] == [
        ("LEANDER CORPORATION", "Vice President of International Sales"),
        ("HERNANDEZ & ASSOCIATES", "Senior Product Manager")]


def test_academic_cv_headings_end_the_education_section():
    parsed = parse_text("Dana Ruiz\nEducation\nPh.D., Political Science, University of Wisconsin, Madison, 1984.\n"
                        "Positions\nProfessor of Government, Harvard University, 2002 to 2009.\n"
                        "Selected Publications\nThe Politics of Trade, 1999.\n", today="2020-01-01")
    assert [s["label"] for s in parsed.sections][-3:] == ["education", "experience", "publications"]
    assert [e.end for e in parsed.education] == ["1984"]


def test_a_job_without_dates_is_still_a_job():
    parsed = parse_text("Krishna Prasad\nPatna, Bihar\n\nWORK EXPERIENCE\n\nData Entry Operator\n\nMicrosoft\n\n"
                        "EDUCATION\n\nBSc in Computer Science\n\nMagadh University - Patna, Bihar\n")
    [job] = parsed.experience
    assert (job.title, job.employer, job.start, job.end) == ("Data Entry Operator", "Microsoft", None, None)
    assert parsed.total_experience_years is None


@pytest.mark.parametrize("text, years", [
    ("• 15 Months of Experience as a QA Tester in Software", 1.25),
    ("Over 6.5 years of functional enriched experience in ERP", 6.5),
    ("• Having 4yrs. of solid work experience in designing", 4.0),
    ("• Offering over 22 years of rich national & international experience", 22.0),
    ("• Total IT experience of 4.6 years in IT Industry.", 4.6),
    ("6+ Exp in banking operations and credit assessment", 6.0),
    ("Around 5 years and 6 months of experience in SAP", 5.5),
])
def test_stated_experience_in_its_many_wordings(text, years):
    parsed = parse_text(f"Asha Nair\n\nSUMMARY\n{text}\n")
    assert parsed.total_experience_years == years
    assert "total_experience_years" in parsed.evidence


def test_the_heading_of_a_list_line_is_not_a_skill():
    parsed = parse_text("Asha Nair\n\nTECHNICAL SKILLS\n• Programming Languages: C, C++, Java\n"
                        "• Operating System worked on: Linux, Windows\nDatabase: MySQL, Oracle\n")
    written = {parsed.span(f"skills.{i}") for i in range(len(parsed.skills))}
    assert {"C", "C++", "Java", "Linux", "MySQL", "Oracle"} <= written
    assert not written & {"Programming Languages", "Operating System", "Database", "Programming"}


@pytest.mark.parametrize("heading", ["University / Board", "Name of the Institute", "Board/University"])
def test_a_table_column_heading_is_not_an_institution(heading):
    from nlp.components.education import clean_institution

    assert clean_institution(heading) is None
    assert clean_institution("Saraswati College Of Engineering") == "Saraswati College Of Engineering"


def test_listed_skills_outside_the_taxonomy_are_kept_as_written():
    parsed = parse_text("Asha Nair\n\nSKILLS\n• Testing tools: Selenium, Mockito, Sauce Labs\n• Gephi and D3js\n"
                        "https://www.linkedin.com/in/asha-nair\n")
    skills = {s.name: s.category for s in parsed.skills}
    assert skills["Mockito"] == skills["Sauce Labs"] == skills["Gephi"] == skills["D3js"] == "other"
    assert skills["Selenium"] != "other"  # the taxonomy's own entry wins
    assert not any("linkedin" in name.lower() or name in ("in", "www") for name in skills)
    start, end = parsed.evidence[f"skills.{list(skills).index('Sauce Labs')}"]
    assert parsed.text[start:end] == "Sauce Labs"


def test_anonymised_city_and_state_are_a_place_not_part_of_the_title():
    parsed = parse_text("Experience\nCompany Name City , State Chef and Restaurant Manager 12/2007 to 01/2017\n"
                        "Up-sold menu items.\n\nAccountant\nOctober 2012 to October 2014 Company Name | City\n")
    assert [(j.title, j.employer, j.location) for j in parsed.experience] == [
        ("Chef and Restaurant Manager", "Company Name", "City , State"), ("Accountant", "Company Name", "City")]


@pytest.mark.parametrize("text, level", [
    ("B-TECH", "bachelor"), ("B- Tech in Electronics", "bachelor"), ("TYBMS in Management Studies", "bachelor"),
    ("PGDBM", "mba"), ("PG-DAC", "master"), ("M.S in Software Systems", "master"), ("MS in Finance", "master"),
    ("C.B.S.E.", "high_school"), ("MS Excel", None), ("Ms. Priya Raman", None),
    ("BS in Accounting", "bachelor"), ("BS Accounting", "bachelor"), ("BA Economics", "bachelor"),
    ("MA in English", "master"), ("BS and more", None), ("Boston, MA 02115", None), ("Proficient in MS Office", None),
    ("BA\nPune", None),
])
def test_degree_spellings(text, level):
    assert degree_level(text) == level


@pytest.mark.parametrize("raw, name", [
    ("ORGANISATION HCL Technologies Ltd", "HCL Technologies Ltd"), ("Cisco Bangalore", "Cisco"),
    ("Wipro Technologies Limited (Bangalore, Karnataka)", "Wipro Technologies Limited"),
    ("under the payroll of GoldStone Technologies", "GoldStone Technologies"), ("Bank of Baroda", "Bank of Baroda"),
])
def test_an_employer_is_named_without_labels_places_or_asides(raw, name):
    from nlp.components.experience import clean_employer

    value, start = clean_employer(raw, 40)
    assert value == name and raw[start - 40:start - 40 + len(value)] == name


def test_a_city_that_is_its_own_state_is_named_once():
    parsed = parse_text("Ravi Kumar\nDelhi, Delhi - Email me on Indeed: indeed.com/r/Ravi-Kumar/1\n")
    start, end = parsed.evidence["location"]
    assert parsed.location == parsed.text[start:end] == "Delhi"


def test_a_date_range_laid_out_on_three_lines_anchors_its_job():
    parsed = parse_text("Experience\nMarch 2014\nto\nNovember 2014\nCompany Name City , State Risk Specialist\n\n"
                        "Perform duties with Home Loans business leaders.\n")
    [job] = parsed.experience
    assert (job.title, job.employer, job.start, job.end) == ("Risk Specialist", "Company Name", "2014-03", "2014-11")


def test_undated_jobs_between_dated_ones_are_kept_in_order():
    parsed = parse_text("Experience\nDirector Finance and FP&A\nCompany Name | City , State\n\nBuilt the budget tool.\n\n"
                        "Senior Finance Consultant\nCompany Name | City , State\n\nAdvised four companies.\n\n"
                        "Director of Finance\nJanuary 1997 to January 2005 Company Name | City , State\n\nRan finance.\n")
    assert [(j.title, j.start, j.description) for j in parsed.experience] == [
        ("Director Finance and FP&A", None, "Built the budget tool."),
        ("Senior Finance Consultant", None, "Advised four companies."),
        ("Director of Finance", "1997-01", "Ran finance.")]
    assert parsed.total_experience_years == 8.1  # January 1997 to January 2005, both months counted


def test_a_person_named_after_a_degree_is_not_its_field():
    # "Dr. Harisingh Gour V.V" is a university; as a field it would leak into anonymised share links.
    parsed = parse_text("Asha\n\nEDUCATION\nB.Com in Dr. Harisingh Gour V.V, Sagar\n2012\n")
    assert [(e.degree, e.field) for e in parsed.education] == [("B.Com", None)]


def test_a_range_split_by_a_bar_is_a_range():
    parsed = parse_text("Experience\nTransitional Housing Advocate 09/2013 | Current Company Name City , State\n\n"
                        "Provide case management.\n", today="2016-09-01")
    [job] = parsed.experience
    assert (job.title, job.employer, job.location, job.start, job.end) == (
        "Transitional Housing Advocate", "Company Name", "City , State", "2013-09", "present")


def test_a_month_alone_dates_a_short_job_and_a_merged_line_gives_its_name():
    parsed = parse_text("Experience\n07/2015\nInvestment Banking Summer Analyst Company Name | State\n\n"
                        "Built discounted cash flow models.\n\n08/2006 to Current\nBusiness Development Manager "
                        "Company Name | City , State Manage full cycle staffing, recruiting, and a database of "
                        "clients and applicants.\n")
    assert [(j.title, j.employer, j.start, j.end) for j in parsed.experience] == [
        ("Investment Banking Summer Analyst", "Company Name", "2015-07", "2015-07"),
        ("Business Development Manager", "Company Name", "2006-08", "present")]
    assert parsed.experience[0].description == "Built discounted cash flow models."
    assert parsed.experience[1].description.startswith("Manage full cycle staffing")


def test_a_title_set_apart_above_its_dates_and_employer():
    parsed = parse_text("Experience\nQuickly unloaded shipments.\n\nWarehouse Picker/Stocker\n"
                        "April 2015 to August 2015 Company Name - City , State\n\nMaintained stock records.\n\n"
                        "Technical Support Specialist ........ Jan 2002 to Jan 2009\nCompany Name | City , State\n")
    assert [(j.title, j.employer, j.start) for j in parsed.experience] == [
        ("Warehouse Picker/Stocker", "Company Name", "2015-04"), ("Technical Support Specialist", "Company Name",
                                                                  "2002-01")]


@pytest.mark.parametrize("text, expected", [
    ("from 04-09-2003 to 19-12-2007", ("2003-09", "2007-12")),  # day first, as in India and Europe
    ("30.07.2002 to till date", ("2002-07", "present")),
    ("9/1/2004-3/30/2010", ("2004-09", "2010-03")),  # a second number above 12: US order
    ("8/1/2008 - 1/1/2012", ("2008-08", "2012-01")),  # both on the first of the month: US order
])
def test_ranges_of_full_dates(text, expected):
    from nlp import dates

    [found] = dates.find_ranges(text)
    assert (found.start, found.end) == expected


def test_year_ranges_that_lost_their_dash_anchor_jobs():
    # LaTeX CVs printed by some tools drop the en dash: "2016present", "20132015".
    parsed = parse_text("Ada Park\n\nWork Experience\n2016present\nSoftware Eng Lead, Google Assistant, Google.\n"
                        "20132015\nStaff Software Engineer, Google Search App, Google.\n", today="2018-06-01")
    assert [(j.start, j.end) for j in parsed.experience] == [("2016", "present"), ("2013", "2015")]
    assert parsed.experience[1].title == "Staff Software Engineer"


def test_a_job_line_closed_by_a_full_stop_names_title_and_employer():
    parsed = parse_text("Ada Park\n\nEXPERIENCE\nTranslator & Product Tester, Apple HQ.\n\nJanuary 2010 to January 2012\n\n"
                        "Lead Danish Translation support, testing software on various platforms for product release.\n")
    [job] = parsed.experience
    assert (job.title, job.employer) == ("Translator & Product Tester", "Apple HQ")
    # A sentence of a description is not a job's name, full stop or not.
    from nlp.components.experience import without_full_stop

    for line in ("sales, profitability, and manage company goals.", "Lead Danish Translation support, testing software."):
        assert without_full_stop(line) == line


@pytest.mark.parametrize("top", [
    "Career Focus\nAccomplished analyst with diversified industrials experience",
    "clean and commented code\nZip Code",
    "Core Qualifications\nExcel, Word, Access",
])
def test_phrases_at_the_top_are_not_taken_for_a_name(top):
    # Anonymised resumes have no name; the parser says so instead of naming the candidate after a phrase.
    parsed = parse_text(f"{top}\n\nExperience\nAccountant\nMarch 2001 to Current Company Name | City , State\n")
    assert parsed.name is None


def test_names_with_initials_and_in_lower_case_are_still_names():
    assert parse_text("Laya A\nCluster HR Manager - Velammal New\n").name == "Laya A"
    assert parse_text("kimaya sonawane\nThane, Maharashtra\n").name == "kimaya sonawane"


def test_livecareer_headings_start_their_sections():
    parsed = parse_text("Career Focus\nAnalyst.\nCore Qualifications\nExcel, Word, Access\nMilitary Experience\n"
                        "August 2010 to Present\nUnited States Navy, Aviation Maintenance Manager\n")
    assert [s["label"] for s in parsed.sections] == ["summary", "skills", "experience"]


def test_dates_in_a_sentence_of_a_description_are_not_a_job():
    parsed = parse_text(
        "Ravi Rao\n\nWORK EXPERIENCE\n\nSoftware Engineer\n\nIBM - Bangalore -\n\nAugust 2008 to January 2016\n\n"
        "Performed four roles, Native HANA developer (July 2013 – January, 2016), team lead and onsite\n"
        "coordinator (March, 2011 – June, 2013), SAP BI professional (January, 2010 – February, 2011)\n"
        "• Worked in Samsung R&D Operations, Bangalore since Oct- 2008 to Jan 2014, with\nMultimedia team.\n",
        today="2018-01-01")
    assert [(j.title, j.employer) for j in parsed.experience] == [("Software Engineer", "IBM")]


def test_a_wrapped_sentence_or_a_list_label_above_dates_is_not_a_title():
    parsed = parse_text(
        "Ravi Rao\n\nWORK EXPERIENCE\n\n● Expertise in QTP and an automation framework proposal for the client showing\n"
        "casing advantages of an automated approach\n\nTest / Project Management\n\n"
        "Oracle SSI - Bangalore, Karnataka -\n\nMay 2008 to November 2012\n\nGrowth Path & Deputations:\n\n"
        "Department of Corrections - Sacramento, CA -\n\nFebruary 1996 to January 1997\n", today="2018-01-01")
    titles = [j.title for j in parsed.experience]
    assert "casing advantages of an automated approach" not in titles and "Growth Path & Deputations" not in titles
    assert titles[0] == "Test / Project Management"


def test_jobs_and_employers_listed_with_skills_are_not_skills():
    parsed = parse_text("Asha Nair\n\nSKILLS\n• Sr Test Engineer, Team Member, Infosys Limited\n"
                        "• Selenium, Sauce Labs, Cisco Certified Network Associate\n")
    written = {parsed.span(f"skills.{i}") for i in range(len(parsed.skills))}
    assert {"Selenium", "Sauce Labs"} <= written
    assert not written & {"Sr Test Engineer", "Team Member", "Infosys Limited"}


@pytest.mark.parametrize("top, location", [
    ("Asha Nair\nOracle, Business Objects, Velocity\n", None),  # tools, not a place
    ("Asha Nair\nDewas, Madhya Pradesh\n", "Dewas, Madhya Pradesh"),
    ("Asha Nair\n12 Elm Street, Austin, TX 78701\n", "Austin, TX"),
    ("Asha Nair\nLocation: asha.nair@example.com\n", None),
])
def test_location_is_a_place(top, location):
    assert parse_text(top + "\nSKILLS\nExcel\n").location == location


@pytest.mark.parametrize("text, degree", [
    ("BE in Computer Science", "BE"), ("B E in Production Engineering", "B E"), ("B.E. (Mech)", "B.E."),
    ("Masters in Finance", "Masters in"), ("be made into a report", None), ("Master Data Management", None),
    ("Scrum Master", None),
])
def test_degree_words_in_sentences_are_not_degrees(text, degree):
    from nlp.vocab import DEGREE_RE

    found = DEGREE_RE.search(text)
    assert (found.group(0) if found else None) == degree


@pytest.mark.parametrize("raw, name", [
    ("December 2012 Georgian Court University", "Georgian Court University"),
    ("Software Engineering 2015 Milwaukee Area Technical College", "Milwaukee Area Technical College"),
    ("Pune University, May 2010", "Pune University"),
    ("Syracuse University City", "Syracuse University"),
    ("University of Missouri-Kansas City", "University of Missouri-Kansas City"),
    ("University of Delhi", "University of Delhi"), ("University of Houston", "University of Houston"),
    ("Vivekananda College Bangalore", "Vivekananda College"),
])
def test_an_institution_is_named_without_dates_fields_or_placeholders(raw, name):
    from nlp.components.education import clean_institution

    assert clean_institution(raw) == name


def test_a_labelled_position_under_the_dates_names_the_job():
    parsed = parse_text("Ann Lee\n\nEmployment History\n2013-current\nZiNc Telephone Banking, Melbourne\n"
                        "Position: Customer Service Advisor (part time to 2011)\nResponsibilities\n"
                        "Providing service.\n",
                        today="2018-01-01")
    [job] = parsed.experience
    assert (job.title, job.start, job.end) == ("Customer Service Advisor", "2013", "present")


def test_a_sentence_of_the_description_is_not_the_employer():
    parsed = parse_text("Ann Lee\n\nExperience\nStore Manager\n04/2010 to 05/2014\n"
                        "Successfully managed and motivated over 40 sales associates\n", today="2018-01-01")
    [job] = parsed.experience
    assert (job.title, job.employer) == ("Store Manager", None)
    from nlp.components.experience import SENTENCE_START

    assert not SENTENCE_START.match("Managed Care Claims Auditor") and not SENTENCE_START.match("Managed Services Lead")


@pytest.mark.parametrize("line, title, employer", [
    ("Customer Relations Officer in HGS", "Customer Relations Officer", "HGS"),
    ("Technical Lead at Infosys Ltd.", "Technical Lead", "Infosys Ltd."),
    ('"Process Executive" in Infosys BPO Limited', "Process Executive", "Infosys BPO Limited"),
    ("Process Associate@ Infosys", "Process Associate", "Infosys"),
    ("INFOSYS as Process Associate", "Process Associate", "INFOSYS"),
    ("Jr. ASP.NET Developer (Intern) in Softech Infosys", "Jr. ASP.NET Developer (Intern)", "Softech Infosys"),
])
def test_a_line_naming_the_job_and_its_employer_is_cut_in_two(line, title, employer):
    from nlp.components.experience import title_and_employer

    (t, t_at), (e, e_at) = title_and_employer(line)
    assert (t, e) == (title, employer) and line[t_at:t_at + len(t)] == t and line[e_at:e_at + len(e)] == e


@pytest.mark.parametrize("line", ["Senior Analyst in Risk Management", "Worked as Analyst at Infosys",
                                  "Project Lead for Infosys OpenStack", "Head of Operations"])
def test_a_title_with_a_department_or_a_sentence_is_not_cut(line):
    from nlp.components.experience import title_and_employer

    assert title_and_employer(line) is None


def test_jobs_named_with_their_employer_on_the_title_line():
    parsed = parse_text(
        "Puneeth R\n\nWORK EXPERIENCE\n\nTechnical Lead at Infosys Ltd.\n\n"
        "Pharmaceuticals and Life Sciences Domain -\n\n"
        "May 2017 to Present\n\n• Currently working as a Technical Lead at Infosys Ltd. From May 2017- till date.\n\n"
        '"Process Executive" in Infosys BPO Limited, Bangalore\n\nCISCO -\n\nJanuary 2006 to July 2008\n\n'
        "in DTS Information Systems Pvt. Ltd, Bangalore (A wholly owned subsidiary of DTS America\n"
        "Inc., Tennessee, USA) from Dec 2004 - Jan 2006. Client: Vanderbilt University Medical Center.\n\n"
        "Internship in Sales Channels Controlling Department Apr 2004 to Mar 2006\nCompany Name - City , State\n",
        today="2018-01-01")
    assert [(j.title, j.employer) for j in parsed.experience] == [
        ("Technical Lead", "Infosys Ltd."), ("Process Executive", "Infosys BPO Limited"),
        # The employer is named on its own line, so "in ..." is part of the title.
        ("Internship in Sales Channels Controlling Department", "Company Name")]
    for i, job in enumerate(parsed.experience):
        assert parsed.span(f"experience.{i}.title") == job.title


def test_jobs_given_without_any_dates_are_each_found():
    parsed = parse_text("Professional Experience\nStrategy Analyst\nCompany Name - City , State\nBuilt models.\n"
                        "Consultant\nCompany Name - City , State\nAdvised clients.\n")
    assert [(j.title, j.employer, j.location) for j in parsed.experience] == [
        ("Strategy Analyst", "Company Name", "City , State"), ("Consultant", "Company Name", "City , State")]


def test_the_location_is_a_place_written_as_one_before_a_place_named_in_a_sentence():
    parsed = parse_text("Kiran Kumar\nI Having 2.1 years of Experience in IT, now currently working as a Linux\n"
                        "Administration in Infosys in Bangalore.i have Good knowledge in Red\nhat Linux\n\n"
                        "Bengaluru, Karnataka - Email me on Indeed: indeed.com/r/Kiran-Kumar/7e76e7a9e6\n")
    assert parsed.location == "Bengaluru, Karnataka"
    # A country on the headline gives way to the town on the contact line.
    parsed = parse_text("Akila Mohideen\nSystem Engineer, Infosys Limited, India - INFOSYS LIMITED COMPANY\n\n"
                        "Bangalore, Karnataka - Email me on Indeed\n")
    assert parsed.location == "Bangalore, Karnataka"
    parsed = parse_text("Akila Mohideen\nSystem Engineer, Infosys Limited, India\n\nSKILLS\nJava\n")
    assert parsed.location == "India" and parsed.span("location") == "India"
    # A skill the entity recogniser takes for a place, in a bullet, is not where the candidate lives.
    assert parse_text("Ravi Rao\nHighlights\n• Expertise in Java, PHP, Nifi, Angular JS\n").location is None


def test_unix_and_linux_are_two_skills():
    parsed = parse_text("Ravi Rao\nSKILLS\nOperating System: Windows, Linux, UNIX, Ubuntu\n")
    assert [s.name for s in parsed.skills] == ["Windows", "Linux", "Unix"]


def test_indeed_education_entries_each_end_at_their_dates():
    parsed = parse_text("Asha Rao\n\nEDUCATION\n\nBSc in Computer Science\n\nvasundhara womens\n\n2015\n\n"
                        "narayana jr.college\n\n2012\n\nSSC\n\npragathi high school\n\n2010\n\nSKILLS\n\nExcel\n")
    assert [(e.degree, e.institution, e.end) for e in parsed.education] == [
        ("BSc", "vasundhara womens", "2015"), (None, "narayana jr.college", "2012"),
        ("SSC", "pragathi high school", "2010")]
    for i, e in enumerate(parsed.education):
        assert parsed.span(f"education.{i}.institution") == e.institution


def test_a_school_under_a_bachelors_degree_is_an_entry_of_its_own():
    parsed = parse_text("Education\nBachelor of Science: Sociology and Spanish\n"
                        "Northeastern Catholic Junior High School 2004\n")
    assert [e.degree for e in parsed.education] == ["Bachelor of Science", "High School"]


def test_academia_is_an_education_heading():
    parsed = parse_text("Ravi Rao\n\nAcademia\n• Bachelors in Commerce (B.Com) from Vivekananda Degree College, "
                        "Bangalore\nUniversity(2007)\n")
    assert [(e.degree, e.institution, e.end) for e in parsed.education] == [
        ("Bachelors", "Vivekananda Degree College", "2007")]


def test_a_misspelt_heading_still_starts_its_section():
    from nlp.lines import heading_label

    assert heading_label("PROFESSIONNAL EXPERIENCE") == ("experience", 0)
    assert heading_label("EXPERIANCE") == ("experience", 0) and heading_label("CORE QUALIFACTIONS") == ("skills", 0)
    # A word alone in title case is as likely an item of a list, and a label with a colon belongs to a job.
    assert heading_label("Presentation") is None and heading_label("Academic") is None
    assert heading_label("ACHIEVEMENT:") is None and heading_label("Senior Accountant") is None
    parsed = parse_text("Derek Kub\nPROFESSIONNAL EXPERIENCE\nXYZ Client Inc.\nFebruary 2008 to January 2009\n"
                        "Web development and applications support\n", today="2010-01-01")
    assert [(j.employer, j.start, j.end) for j in parsed.experience] == [("XYZ Client Inc.", "2008-02", "2009-01")]


def test_a_phone_number_in_a_page_header_is_not_a_job_title():
    parsed = parse_text("Derek Kub\nEXPERIENCE\nImprove existing functionalities.\n123 345-7890\n"
                        "XYZ Group Ltd.\nOctober 2005 to January 2007\nAnalysis of the ordering system.\n",
                        today="2010-01-01")
    assert [(j.title, j.employer) for j in parsed.experience] == [(None, "XYZ Group Ltd.")]


def test_the_next_jobs_title_is_not_taken_for_a_job_without_an_employer():
    parsed = parse_text("Suresh K\n\nWORK EXPERIENCE\n\nTechnical Architect (Manager C2)\n\n-\n\n"
                        "August 2015 to Present\n\n"
                        "Senior Professional Technology Analyst\n\nCSC India -\n\nSeptember 2005 to August 2015\n",
                        today="2018-01-01")
    assert [(j.title, j.employer) for j in parsed.experience] == [
        ("Technical Architect (Manager C2)", None), ("Senior Professional Technology Analyst", "CSC")]
