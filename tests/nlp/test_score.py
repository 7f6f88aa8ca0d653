"""The KPO-fit scorer: explainable points, synonyms, weights, and no protected attributes read."""
import json
import re
import subprocess
import sys

import pytest

from nlp.pipeline import parse_text
from nlp.score import DEFAULT_WEIGHTS, JobProfile, Scorer, features, score

JOB = {"title": "Equity Research Analyst",
       "description": "Build financial models and valuation of listed banks; write equity research reports.",
       "required_skills": ["Financial modelling", "Valuation", "Excel"], "preferred_skills": ["Bloomberg", "CFA"],
       "min_years": 3, "education": ["mba", "master"]}

RESUME = """{name}
{address} | {email}

SUMMARY
Equity research analyst with 4 years of experience writing initiation reports on Indian banks.

EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2020 - Present
- Built financial models (DCF) and valuation of listed banks; wrote quarterly research reports.

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2020, CGPA 8.1/10

SKILLS
Financial modeling, Valuation, MS Excel, Bloomberg Terminal, Research

CERTIFICATIONS
CFA Level II, 2024

PERSONAL DETAILS
Date of Birth: {dob}
Gender: {gender}
Marital Status: {marital}
Nationality: {nationality}
Religion: {religion}
Photo: {photo}
"""

PEOPLE = [
    dict(name="Priya Raman", address="Pune, Maharashtra", email="priya@example.com", dob="12 March 1996",
         gender="Female", marital="Married", nationality="Indian", religion="Hindu", photo="attached"),
    dict(name="Mohammed Farhan Qureshi", address="Srinagar, Jammu and Kashmir", email="farhan@example.com",
         dob="1 January 1979", gender="Male", marital="Single", nationality="Pakistani", religion="Muslim",
         photo="none"),
    dict(name="Grace Thomas", address="London, UK", email="grace@example.com", dob="30/11/2001",
         gender="Non-binary", marital="Divorced", nationality="British", religion="Christian", photo="yes"),
]


def test_breakdown_explains_the_score():
    result = score(JOB, parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30"))
    assert [c.name for c in result.breakdown] == list(DEFAULT_WEIGHTS)
    assert 0 <= result.score <= 100
    assert result.score == pytest.approx(sum(c.contribution for c in result.breakdown), abs=0.2)
    required = result.breakdown[0]
    assert required.points == pytest.approx((1 + 1 + 0.8) / 3, abs=0.001)
    assert required.explanation == ("3 of 3; Financial modelling: shown in work, 2020–2024; "
                                    "Valuation: shown in work, 2020–2024; Excel: listed, 0.8 credit")
    assert "Microsoft Excel" in [e.text for e in required.evidence]  # 'MS Excel' counts as 'Excel'
    edu = next(c for c in result.breakdown if c.name == "education")
    assert edu.points == 1.0 and "MBA" in edu.evidence[0].text
    kpo = next(c for c in result.breakdown if c.name == "kpo_aptitude")
    assert "advanced qualifications" in kpo.explanation and "academic results" in kpo.explanation
    assert result.score > 80


@pytest.mark.parametrize("person", PEOPLE[1:])
def test_protected_attributes_never_change_a_score(person):
    """Do name, gender, age, photo, marital status, religion, nationality and address leave the score alone?"""
    def seen(result):  # what a reviewer sees; evidence offsets move with the length of the header
        return result.score, [(c.name, c.points, c.explanation, [e.text for e in c.evidence]) for c in result.breakdown]

    base = score(JOB, parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30"))
    other = score(JOB, parse_text(RESUME.format(**person), today="2024-06-30"))
    assert seen(other) == seen(base)


def test_do_personal_details_leave_every_new_signal_alone():
    """Title fit, seniority, relevant years, the resume's own date and search relevance read no personal details:
    a date of birth newer than every job, and words of the job and seniority words written in the personal section
    change none of them."""
    base = parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30")
    odd = dict(PEOPLE[1], dob="12 March 2025", marital="Married to a Senior Vice President",
               religion="Hindu (financial models, valuation, equity research reports, Chief Analyst)")
    other = parse_text(RESUME.format(**odd), today="2024-06-30")
    assert features(other).resume_date == features(base).resume_date == "2024-06-01"  # the parser's, "2024" read to the parse day
    for name in ("title_fit", "seniority", "experience", "relevance", "domain_fit", "required_skills"):
        pick = lambda parsed: next((c.points, c.explanation) for c in score(JOB, parsed).breakdown  # noqa: E731
                                   if c.name == name)
        assert pick(other) == pick(base), name


def test_the_summary_gives_the_reasons_in_one_line():
    result = score(JOB, parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30"))
    assert result.summary == ("3 of 3 required skills · closest title: Equity Research Analyst · "
                              "2 of 2 preferred skills · 4.1 relevant years, 4.1 in all (3 asked) · MBA Finance")
    weak = score(JOB, parse_text("Ravi Kumar\nSKILLS\nExcel, Sales\n", today="2024-06-30"))
    assert weak.summary == ("1 of 3 required skills · 0 of 2 preferred skills · no dated jobs (3 years asked) · "
                            "no degree found · missing Financial modelling, Valuation")


def test_does_the_summary_name_every_missing_skill_and_agree_with_the_points():
    """Skills earning a little for related skills are missing too, and the line says why it earns points:
    not "0 of 4 required skills · missing Excel" beside a fifth of the points."""
    job = {"title": "Financial Analyst", "description": "analysis",
           "required_skills": ["Excel", "Financial modelling", "Valuation", "Variance analysis"]}
    related = score(job, parse_text("Ravi Kumar\nSKILLS\nBudgeting, Forecasting, Financial reporting, Accounting, "
                                    "Auditing\n"))
    skills = next(c for c in related.breakdown if c.name == "required_skills")
    assert skills.points == pytest.approx(0.15)
    assert related.summary == ("0 of 4 required skills (2 more partly) · "
                               "missing Excel, Financial modelling, Valuation, Variance analysis")
    assert skills.explanation == ("0 of 4 (2 more partly); Financial modelling: related finance skills, 0.3 credit; "
                                  "Valuation: related finance skills, 0.3 credit; "
                                  "missing Excel, Financial modelling, Valuation, Variance analysis")
    some = score(job, parse_text("Ravi Kumar\nSKILLS\nExcel, Budgeting, Forecasting, Financial reporting, "
                                 "Accounting, Financial modelling\n"))
    assert some.summary == "2 of 4 required skills (1 more partly) · missing Valuation, Variance analysis"


def test_what_the_job_does_not_ask_for_does_not_count():
    """No preferred skills, no minimum years, no level: those criteria weigh nothing, rather than
    giving everyone full marks that only pad the score."""
    parsed = parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30")
    asked = {**JOB, "preferred_skills": [], "min_years": 0, "education": []}
    result = score(asked, parsed)
    by_name = {c.name: c for c in result.breakdown}
    for name, explanation in (("preferred_skills", "The job lists none."),
                              ("education", "The job asks for no level.")):
        assert (by_name[name].weight, by_name[name].contribution, by_name[name].explanation) == (0, 0, explanation)
    counted = [c for c in result.breakdown if c.weight]
    assert result.score == pytest.approx(100 * sum(c.weight * c.points for c in counted)
                                         / sum(c.weight for c in counted), abs=0.3)
    assert result.summary == "3 of 3 required skills · closest title: Equity Research Analyst"
    cook = score(asked, parse_text("Anil Das\nSKILLS\nCooking\n"))
    assert cook.score < 10 and cook.summary == "0 of 3 required skills · missing Financial modelling, Valuation, Excel"


def test_points_for_words_and_titles_point_at_the_resume():
    """A skill named only in the work, the words shared with the job and the closest title carry their
    place in the resume, so the review page can highlight them."""
    text = ("Asha Nair\n\nEXPERIENCE\nAccounts Executive | Genpact | Pune\n2021 - 2024\n"
            "- Reconciled vendor accounts and posted journal entries every month.\n\nSKILLS\nExcel\n")
    parsed = parse_text(text, today="2025-01-01")
    job = {"title": "Accounts Payable Executive", "required_skills": ["Reconciliation", "Journal entries"],
           "description": "Reconcile vendor accounts and post journal entries."}
    by_name = {c.name: c for c in score(job, parsed).breakdown}
    at = {e.text: text[e.start:e.end] for c in by_name.values() for e in c.evidence if e.start is not None}
    work = "- Reconciled vendor accounts and posted journal entries every month."
    assert at["Reconciliation"] == work and at["Journal entries"] == work  # the sentence that shows them
    assert at["Accounts Executive"] == "Accounts Executive"  # the closest title, where it is written
    assert at["vendor"] == "vendor"
    assert by_name["title_fit"].evidence[0].text == "Accounts Executive"
    assert by_name["relevance"].evidence and all(text[e.start:e.end].lower() == e.text.lower()
                                                 for e in by_name["relevance"].evidence)


def test_weights_change_what_counts():
    parsed = parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30")
    no_skills = score({**JOB, "weights": {"required_skills": 0, "preferred_skills": 0}}, parsed)
    assert all(c.contribution == 0 for c in no_skills.breakdown if c.name.endswith("_skills"))


def test_missing_requirements_cost_points():
    weak = parse_text("Ravi Kumar\nEXPERIENCE\nSales Executive | Big Bazaar | Delhi\nJan 2023 - Dec 2023\n"
                      "- Sold consumer goods.\nEDUCATION\n12th, Delhi Public School, 2020\nSKILLS\nSales, Hindi\n",
                      today="2024-06-30")
    result = score(JOB, weak)
    by_name = {c.name: c for c in result.breakdown}
    assert by_name["required_skills"].points == 0 and "missing Financial modelling" in by_name[
        "required_skills"].explanation
    assert by_name["experience"].points < 0.5 and by_name["education"].points == 0
    assert result.score < 35


def _resume(*jobs: str) -> str:
    body = "\n\n".join(f"{title} | Company {i}\n{2022 - 3 * i} - {2025 - 3 * i}\n- Day-to-day work."
                         for i, title in enumerate(jobs))
    return f"Asha Nair\n\nEXPERIENCE\n{body}\n\nSKILLS\nExcel\n"


def test_the_latest_title_counts_more_than_an_old_one():
    job = {"title": "Recruitment Specialist", "description": "Source and screen candidates."}
    now = parse_text(_resume("Recruitment Specialist", "Sales Executive", "Cashier"), today="2026-01-01")
    once = parse_text(_resume("Sales Executive", "Cashier", "Recruitment Specialist"), today="2026-01-01")
    fit = lambda parsed: next(c for c in score(job, parsed).breakdown if c.name == "title_fit")  # noqa: E731
    assert fit(now).explanation == ("Recruitment Specialist: the same occupation (1), 4 y 0 m, "
                                    "times 1.00 for how recent and how long: full credit")
    assert fit(now).points > fit(once).points > 0


def test_it_is_information_technology_not_a_stop_word():
    scorer = Scorer(JobProfile(title="Information Technology Manager"))
    title_fit = lambda title: scorer._title_fit(features(parse_text(_resume(title), today="2026-01-01")))  # noqa: E731
    fit, title, how = title_fit("IT Manager")
    assert (fit, title.text) == (1.0, "IT Manager") and title.span is not None
    assert how == "the same occupation (1), 4 y 0 m, times 1.00 for how recent and how long: full credit"


def test_scorer_is_reusable_and_fast_enough_per_resume():
    scorer = Scorer(JobProfile.from_dict(JOB))
    feats = features(parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30"))
    assert scorer.score(feats) == scorer.score(feats)


def test_rank_command(tmp_path):
    parsed = tmp_path / "parsed.jsonl"
    strong = parse_text(RESUME.format(**PEOPLE[0]), today="2024-06-30").to_dict()
    weak = parse_text("Anil Das\nSKILLS\nCooking, Driving\n", today="2024-06-30").to_dict()
    with parsed.open("w") as fh:
        for name, row in (("weak.pdf", weak), ("strong.pdf", strong)):
            fh.write(json.dumps({"file": name, **row}) + "\n")
        fh.write(json.dumps({"file": "broken.pdf", "error": "damaged", "code": "corrupt"}) + "\n")
    job = tmp_path / "job.json"
    job.write_text(json.dumps(JOB))
    out = subprocess.run([sys.executable, "-m", "nlp", "rank", str(job), str(parsed)], capture_output=True,
                         text=True, timeout=120)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["file"] for r in rows] == ["strong.pdf", "weak.pdf"]
    assert rows[0]["score"] > rows[1]["score"]
    assert set(rows[0]) == {"file", "score", "summary", "scorer", "breakdown"}
    assert rows[0]["summary"].startswith("3 of 3 required skills · closest title: Equity Research Analyst")
    top = subprocess.run([sys.executable, "-m", "nlp", "rank", str(job), str(parsed), "--top", "1"],
                         capture_output=True, text=True, timeout=120)
    assert len(top.stdout.splitlines()) == 1


def _skill_line(job: dict, text: str, today: str = "2024-06-30") -> str:
    result = score(job, parse_text(text, today=today))
    return next(c for c in result.breakdown if c.name == "required_skills").explanation


def test_is_a_skill_shown_in_the_work_worth_more_than_one_only_listed():
    """"Created detailed financial models" in a job is Financial modelling shown in the work, with its years;
    the same skill only in the skills list earns less."""
    job = {"title": "Financial Analyst", "required_skills": ["Financial modelling"]}
    shown = ("Asha Nair\n\nEXPERIENCE\nAnalyst | Crisil | Mumbai\nJan 2019 - Dec 2023\n"
             "- Created detailed financial models for listed banks.\n\nSKILLS\nExcel\n")
    listed = "Asha Nair\n\nEXPERIENCE\nAnalyst | Crisil | Mumbai\nJan 2019 - Dec 2023\n\nSKILLS\nFinancial modelling\n"
    assert _skill_line(job, shown) == "1 of 1; Financial modelling: shown in work, 2019–2023"
    assert _skill_line(job, listed) == "1 of 1; Financial modelling: listed, 0.8 credit"
    points = lambda text: score(job, parse_text(text, today="2024-06-30")).breakdown[0].points  # noqa: E731
    assert points(shown) > points(listed) > 0


def test_does_a_skill_missing_from_the_taxonomy_count_when_its_words_share_a_sentence():
    """"Safety training" is no taxonomy entry (only its broader Training and development is): its words in one
    sentence are the skill; in two sentences they are not, and only the broader entry earns half."""
    job = {"title": "Supervisor", "required_skills": ["Safety training"]}
    one = "Asha Nair\n\nEXPERIENCE\nShift Lead | Cafe | Pune\n2020 - 2023\n- Ran safety trainings for new staff.\n"
    apart = ("Asha Nair\n\nEXPERIENCE\nShift Lead | Cafe | Pune\n2020 - 2023\n- Kept the kitchen safety checklist.\n"
             "- Gave training on the till.\n")
    assert _skill_line(job, one) == "1 of 1; Safety training: shown in work, 2020–2023"
    assert _skill_line(job, apart) == ("0 of 1 (1 more partly); Safety training: only 'Training and development' "
                                       "found, half credit; missing Safety training")


def test_does_a_broader_skill_earn_only_part_of_the_credit_and_say_so():
    """A job asking for Sales tax is not met by Sales alone: half credit, named as such, and still missing."""
    job = {"title": "Tax Accountant", "required_skills": ["Sales tax"]}
    line = _skill_line(job, "Asha Nair\n\nSKILLS\nSales, Negotiation\n")
    assert line == "0 of 1 (1 more partly); Sales tax: only 'Sales' found, half credit; missing Sales tax"
    full = _skill_line(job, "Asha Nair\n\nEXPERIENCE\nTax Accountant | Firm | Pune\n2020 - 2023\n"
                            "- Filed sales and use tax returns every quarter.\n")
    assert full == "1 of 1; Sales tax: shown in work, 2020–2023"


@pytest.mark.parametrize("held, close", [("Senior Tax Accountant", True), ("Staff Accountant", True),
                                         ("Director of Finance", False), ("Manager", False),
                                         ("US Business Development Manager", False)])
def test_are_titles_read_as_occupations_not_as_words(held, close):
    """An accountant is close to a Tax Accountant job, whatever the seniority words; a title sharing only
    "Director" or "Manager" with the job is no evidence."""
    job = {"Senior Tax Accountant": "Tax Accountant", "Staff Accountant": "Tax Accountant",
           "Director of Finance": "Art Director", "Manager": "Store Manager",
           "US Business Development Manager": "Business Alliances Manager"}[held]
    fit = next(c for c in score({"title": job}, parse_text(_resume(held), today="2026-01-01")).breakdown
               if c.name == "title_fit")
    assert (fit.points >= 0.75) == close and (fit.points == 0) == (not close)


def test_does_a_job_to_present_end_at_the_resume_date_not_today():
    """A resume written in 2012 with a job "2008 - Present" has about five years in it (to the end of 2012, the
    newest date it names, as the parser reads it), not the years since."""
    text = ("Asha Nair\n\nEXPERIENCE\nAccountant | Firm | Pune\nJan 2008 - Present\n- Closed the books.\n\n"
            "CERTIFICATIONS\nTally ERP, 2012\n")
    job = {"title": "Accountant", "min_years": 10}
    experience = next(c for c in score(job, parse_text(text, today="2026-01-01")).breakdown if c.name == "experience")
    assert experience.points == pytest.approx(0.5, abs=0.01)
    assert "counted to 2012-12" in experience.explanation


def _criterion(job: dict, parsed, name: str):
    return next(c for c in score(job, parsed).breakdown if c.name == name)


def test_is_a_senior_tax_accountant_above_junior_ones_for_a_tax_accountant_job():
    """The latest title's seniority against the job's: a level above is a full fit, a level below half, far above
    less; a level counts only in work close to the job's (a head chef is no senior accountant), and the line says
    which words it read."""
    job = {"title": "Tax Accountant"}
    senior = _criterion(job, parse_text(_resume("Senior Tax Accountant", "Junior Accountant"), today="2026-01-01"),
                        "seniority")
    junior = _criterion(job, parse_text(_resume("Junior Accountant", "Senior Tax Accountant"), today="2026-01-01"),
                        "seniority")
    assert (senior.points, junior.points) == (1.0, 0.5)
    assert senior.explanation == ("latest title Senior Tax Accountant: senior ('Senior') against the job's no "
                                  "seniority word, 1 level above (1), in the same occupation (1): full credit")
    assert junior.explanation == ("latest title Junior Accountant: junior ('Junior') against the job's no "
                                  "seniority word, 1 level below (0.5), in the same occupation (1): half credit")
    assert senior.evidence[0].text == "Senior Tax Accountant"
    head = _criterion({"title": "Chef"}, parse_text(_resume("Head Chef"), today="2026-01-01"), "seniority")
    assert head.points == 0.4 and "3 levels above (0.4)" in head.explanation
    chef = _criterion(job, parse_text(_resume("Head Chef"), today="2026-01-01"), "seniority")
    assert chef.points == 0 and chef.explanation.endswith("in no close occupation (0): no credit")


def test_do_relevant_years_count_close_roles_only_when_no_minimum_is_asked():
    """Years as a tax accountant count for a Tax Accountant job; years as a cook do not."""
    job = {"title": "Tax Accountant"}
    close = _criterion(job, parse_text(_resume("Tax Accountant"), today="2026-01-01"), "experience")
    far = _criterion(job, parse_text(_resume("Cook"), today="2026-01-01"), "experience")
    assert close.points == pytest.approx(4 / 5) and far.points == 0  # 2022 - 2025: four years
    assert close.explanation.startswith("4 years in roles close to the job, 4 in all")
    assert "no minimum asked, full marks at 5 years in close roles" in close.explanation


def test_does_present_end_at_the_parsers_resume_date_and_never_today():
    """The parser's resume_date wins; without it the newest date named, even when that is the start of the job
    to present (never today)."""
    text = "Asha Nair\n\nEXPERIENCE\nAccountant | Firm | Pune\nJan 2019 - Present\n- Closed the books.\n"
    parsed = parse_text(text, today="2026-01-01")
    assert features(parsed).resume_date == "2019-01-01"
    parsed.resume_date = "2021-07-15"
    assert features(parsed).resume_date == "2021-07-01"
    assert features(parsed).years == pytest.approx(2.6, abs=0.05)


CREDIT = re.compile(r"(\d(?:\.\d+)?) credit")


def _credit_in_words(words: str) -> float:
    """The credit a line of the breakdown says in words."""
    if "full credit" in words or words.startswith("shown in work"):
        return 1.0
    if "half credit" in words:
        return 0.5
    if "no credit" in words:
        return 0.0
    return float(CREDIT.search(words).group(1))


def test_do_the_points_of_each_line_equal_what_its_words_say():
    """Every required skill is in a line that says its credit (shown in work, listed, only a broader entry, related
    skills) or is named missing; the mean of the credits said is the criterion's points, and its share of the
    score is weight times points. The seniority line says its credit too."""
    job = {"title": "Tax Accountant", "required_skills": ["Financial modelling", "Excel", "Sales tax", "Valuation",
                                                          "Payroll", "Python"]}
    text = ("Asha Nair\n\nEXPERIENCE\nSenior Tax Accountant | Firm | Pune\nJan 2019 - Dec 2023\n"
            "- Created detailed financial models for listed banks.\n\nSKILLS\nExcel, Sales, Budgeting, Forecasting, "
            "Financial reporting, Accounting, Auditing\n")
    result = score(job, parse_text(text, today="2024-06-30"))
    skills = result.breakdown[0]
    parts = skills.explanation.split("; ")
    missing = parts[-1].removeprefix("missing ").split(", ") if parts[-1].startswith("missing ") else []
    lines = dict(part.split(": ", 1) for part in parts[1:] if not part.startswith("missing "))
    assert lines["Financial modelling"] == "shown in work, 2019–2023"
    assert lines["Sales tax"] == "only 'Sales' found, half credit"
    credits = {skill: _credit_in_words(words) for skill, words in lines.items()}
    credits.update({skill: 0.0 for skill in missing if skill not in credits})
    assert sorted(credits) == sorted(job["required_skills"])
    assert skills.points == pytest.approx(sum(credits.values()) / len(credits), abs=0.001)
    assert missing == [s for s in job["required_skills"] if credits[s] < 0.8]
    total = sum(c.weight for c in result.breakdown)
    for criterion in result.breakdown:
        assert criterion.contribution == pytest.approx(100 * criterion.weight * criterion.points / total, abs=0.1)
    for name in ("seniority", "title_fit"):  # their lines end with the credit they earn
        line = next(c for c in result.breakdown if c.name == name)
        assert line.points == pytest.approx(_credit_in_words(line.explanation.rsplit(": ", 1)[1]), abs=0.001), name
