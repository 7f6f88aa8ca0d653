"""recruit_experience: jobs with title, employer, dates and description, and the years they add up to."""
from nlp.resume import Experience
from tests.nlp.components.blank import build

TEXT = ("Asha Rao\n\nWORK EXPERIENCE\nEquity Research Analyst\nCrisil Ltd, Mumbai\nJune 2016 - March 2019\n"
        "Wrote initiation reports on Indian banks.\n")


def test_a_job_under_its_title_and_employer_is_read_whole():
    record = build("recruit_sections", "recruit_experience", config={"recruit_experience": {"today": "2026-12-02"}}
                   )(TEXT)._.recruit_record
    [job] = record.experience
    assert isinstance(job, Experience)
    assert (job.title, job.employer, job.start, job.end) == ("Equity Research Analyst", "Crisil Ltd", "2016-06",
                                                             "2019-03")
    assert job.description == "Wrote initiation reports on Indian banks."
    assert TEXT[slice(*record.evidence["experience.0.employer"])] == "Crisil Ltd"
    assert record.total_experience_years == 2.8


def test_a_current_job_ends_at_the_resumes_own_date():
    """A resume last dated 2012 with a job 'to present' counts to 2012, not to the parse day."""
    text = "WORK EXPERIENCE\nAccountant\nTata Steel\nJan 2010 - Present\nClosed the books, last in May 2012.\n"
    record = build("recruit_sections", "recruit_experience",
                   config={"recruit_experience": {"today": "2026-12-02"}})(text)._.recruit_record
    assert record.resume_date == "2012-05-31" and record.total_experience_years < 3


def test_a_date_alone_is_not_a_jobs_title():
    """A month and year on a line of their own ("January 2012", as one dotin layout writes each job's start)
    name no job; a title with a year in it still can."""
    from nlp.components.experience import NOT_A_NAME

    assert NOT_A_NAME.search("January 2012") and NOT_A_NAME.search("Sept. 2008")
    assert not NOT_A_NAME.search("Test Lead") and not NOT_A_NAME.search("May 2012 Graduate Trainee")


def test_jobs_given_as_labelled_lines_with_a_duration_are_each_read():
    """Are "Designation: / Organization: / Duration:" blocks jobs with their dates, and a project's
    "Duration:" still not one?"""
    text = ("Work Experience\nDesignation: Software Engineer\nOrganization: Infosys Ltd, Pune\n"
            "Duration: June 2012 - till date\nBuilt billing services.\nDesignation: Trainee\nCompany: Wipro\n"
            "Duration: Jan 2011 - May 2012\n\nProjects\nProject: Billing\nClient: AT&T\nDuration: Jan 2010 - "
            "Dec 2010\n")
    jobs = build("recruit_sections", "recruit_experience")(text)._.recruit_record.experience
    assert [(j.title, j.employer, j.start, j.end) for j in jobs] == [
        ("Software Engineer", "Infosys Ltd", "2012-06", "present"), ("Trainee", "Wipro", "2011-01", "2012-05")]


def test_an_employer_above_its_dates_with_the_title_below_them():
    """In "Northwind Traders / Denver, Colorado / 2003-Present / Operations Manager:", is Northwind the employer and
    Operations Manager the title, for each job of that layout?"""
    text = ("PROFESSIONAL EXPERIENCE\nNorthwind Traders\nDenver, Colorado\n2003-Present\nOperations Manager:\n"
            "Ran the warehouse floor.\nFabrikam\nBoulder, Colorado\n1999-2003\nExecutive Director:\nLed the charity.\n")
    record = build("recruit_sections", "recruit_experience", config={"recruit_experience": {"today": "2026-12-02"}}
                   )(text)._.recruit_record
    assert [(j.title, j.employer, j.start) for j in record.experience] == [
        ("Operations Manager", "Northwind Traders", "2003"), ("Executive Director", "Fabrikam", "1999")]


def test_a_title_without_a_listed_title_word_is_not_made_the_employer_by_a_short_line_below():
    """In "Medical Coder / Chennai, Tamil Nadu / 06/2015 to 08/2018 / Senior member of the coding team", is
    Medical Coder still the title (not the employer, with the description's first line as the title)?"""
    text = ("EXPERIENCE\nMedical Coder\nChennai, Tamil Nadu\n06/2015 to 08/2018\nSenior member of the coding team\n"
            "Assigned ICD-10 codes to outpatient charts every day.\n")
    record = build("recruit_sections", "recruit_experience", config={"recruit_experience": {"today": "2026-12-02"}}
                   )(text)._.recruit_record
    assert [(j.title, j.employer) for j in record.experience][:1] == [("Medical Coder", None)]


def test_a_translator_and_a_chemist_stay_titles_and_a_firm_above_the_dates_is_the_employer():
    """Roles of common words the title list may lack stay titles; a firm's name above the dates with a title
    just below them is still read as the employer (the layout the swap is for)."""
    nlp = build("recruit_sections", "recruit_experience", config={"recruit_experience": {"today": "2026-12-02"}})
    for role in ("Translator", "Chemist"):
        text = f"EXPERIENCE\n{role}\nPune, Maharashtra\n2016 - 2019\nSales support for events\nDid the work.\n"
        assert [(j.title, j.employer) for j in nlp(text)._.recruit_record.experience][:1] == [(role, None)]
    text = "EXPERIENCE\nPricewaterhouseCoopers\nDenver, Colorado\n2003-Present\nProject Manager:\nLed audits.\n"
    assert [(j.title, j.employer) for j in nlp(text)._.recruit_record.experience][:1] == \
        [("Project Manager", "PricewaterhouseCoopers")]

