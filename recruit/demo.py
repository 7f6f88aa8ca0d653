"""Realistic demo data so a new user sees a working system: every page has something true to show.

Clients with job orders, public jobs on the careers page, candidates whose resumes differ (so their
scores do), months of history (stage moves, interviews with feedback, a client's share link and
answers, a placement), a finished campus drive with check-ins and an upcoming one with sign-ups, and
the emails all of that sent, in the outbox. Everything is drawn from the lists below with a fixed
seed and written through the services, so the timeline, the audit log and the outbox are filled in
as they would be by hand; each step then has its timestamps moved back to the day it "happened"
(``_as_of``). The people are invented. Running it twice creates nothing twice.
"""
from __future__ import annotations

import random
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from recruit.extensions import db
from recruit.models import (Application, CampusEvent, Client, ClientBrief, ClientContact, Interview, OutboxMessage,
                            PartnerFirm, Placement, ProfileCorrection, RecommendationReport, Resume, Role,
                            ServiceLine, Submittal, User)
from recruit.models.base import UTCDateTime, utcnow
from recruit.services import campus
from recruit.services import candidates as candidate_service
from recruit.services import careers, clients as client_service, interviews, jobs, notes, parsing, pipeline
from recruit.services import briefs, catalogue, partners, recommendations, scoring, users
from recruit.services.errors import Conflict, ServiceError

CLIENTS = [
    ("Northwind Capital", "Asset management", "200-500",
     "Analysts must hold or be pursuing CFA; two-stage modelling test."),
    ("Helix Pharma Insights", "Life sciences", "1000+", "Medical writers need GCP awareness; ICH E3 familiarity."),
    ("Lexbridge LLP", "Legal services", "50-200", "LLB required; US/UK contract law research experience preferred."),
]

# title, client index (None: in-house, listed on the careers page), location, min years, required, preferred,
# education, description
JOBS = [
    ("Equity Research Analyst", 0, "Bengaluru", 2,
     ["Financial modelling", "Valuation", "Excel", "Equity research"], ["CFA", "Bloomberg"], "mba",
     "Build and maintain earnings models for US mid-cap technology companies, write initiation and "
     "quarterly result notes, and support the client's senior analysts on calls."),
    ("Medical Writer", 1, "Pune", 1, ["Medical writing", "Clinical research", "Literature review"],
     ["Regulatory writing", "PubMed"], "master",
     "Draft clinical study reports, literature reviews and manuscripts for pharmaceutical clients."),
    ("Legal Research Associate", 2, "Gurugram", 2, ["Legal research", "Contract review", "Drafting"],
     ["Westlaw", "LexisNexis"], "law",
     "Research US and UK case law, summarise judgments and review commercial contracts for a law firm."),
    ("Market Research Analyst", None, "Mumbai", 1, ["Market research", "Survey design", "Excel", "PowerPoint"],
     ["SPSS", "Tableau"], "bachelor",
     "Size markets, profile competitors and turn primary and secondary research into client reports."),
    ("Data Analyst, Analytics KPO", None, "Hyderabad", 0, ["SQL", "Python", "Excel", "Data analysis"],
     ["Tableau", "Power BI", "Statistics"], "bachelor",
     "Clean, analyse and visualise client data sets; automate recurring reports."),
    ("Accounts Payable Specialist", None, "Chennai", 1, ["Accounts payable", "Reconciliation", "SAP"],
     ["GST", "Excel"], "bachelor",
     "Process invoices and vendor reconciliations for finance and accounting outsourcing clients."),
]

FIRST = ["Aarav", "Diya", "Rohan", "Ananya", "Vikram", "Meera", "Karthik", "Priya", "Arjun", "Sneha", "Rahul",
         "Isha", "Nikhil", "Kavya", "Sameer", "Neha", "Aditya", "Pooja", "Siddharth", "Tanvi", "Farhan", "Zoya",
         "Daniel", "Grace", "Omar", "Lena"]
LAST = ["Sharma", "Iyer", "Reddy", "Patel", "Menon", "Gupta", "Nair", "Kulkarni", "Das", "Singh", "Rao",
        "Banerjee", "Joshi", "Khan", "Thomas", "Fernandes", "Mehta", "Chatterjee"]
CITIES = ["Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai", "Gurugram", "Kolkata", "Noida"]


class Profile:
    """One kind of KPO worker: the titles they hold, the skills they may list, what they did."""

    def __init__(self, titles, skills, degrees, employers, duties):
        self.titles, self.skills, self.degrees, self.employers, self.duties = titles, skills, degrees, employers, duties


PROFILES = [
    Profile(["Equity Research Analyst", "Research Associate", "Financial Analyst"],
            ["Financial modelling", "Valuation", "Excel", "Bloomberg", "Equity research", "CFA", "Capital IQ",
             "DCF", "Financial statement analysis", "FactSet"],
            ["MBA (Finance)", "M.Com", "B.Com"],
            ["Crisil", "Evalueserve", "Acuity Knowledge Partners", "Moody's Analytics"],
            ["Built three-statement models for {n} US technology and healthcare companies",
             "Wrote quarterly result notes and initiation reports read by the client's portfolio managers",
             "Ran comparable-company and DCF valuations for {n} coverage names",
             "Tracked earnings calls and updated consensus estimates within 24 hours of results",
             "Prepared sector primers on semiconductors and payments for the client's senior analyst"]),
    Profile(["Medical Writer", "Scientific Writer", "Clinical Research Associate"],
            ["Medical writing", "Clinical research", "Literature review", "PubMed", "Regulatory writing",
             "ICH-GCP", "Pharmacovigilance", "Systematic reviews"],
            ["M.Pharm", "MSc (Life Sciences)", "B.Pharm", "PharmD"],
            ["Indegene", "Parexel", "IQVIA", "Cactus Communications"],
            ["Drafted {n} clinical study reports and patient narratives to ICH E3",
             "Ran systematic literature reviews in PubMed and Embase for health-technology submissions",
             "Wrote manuscripts and congress posters with key opinion leaders",
             "Reviewed safety narratives and pharmacovigilance case reports for accuracy",
             "Kept a style guide and quality checklist used by a team of {n} writers"]),
    Profile(["Legal Research Associate", "Legal Analyst", "Contract Analyst"],
            ["Legal research", "Contract review", "Drafting", "Westlaw", "LexisNexis", "Due diligence",
             "Legal writing", "Case law analysis"],
            ["LLB", "BA LLB", "LLM"], ["Integreon", "QuisLex", "Mindcrest", "UnitedLex"],
            ["Researched US and UK case law and wrote memos for partners of client law firms",
             "Reviewed {n} commercial contracts a month for change-of-control and assignment clauses",
             "Drafted non-disclosure and service agreements from client templates",
             "Supported due diligence on {n} acquisitions, flagging risks in a data room",
             "Summarised judgments of the English Court of Appeal for a weekly client bulletin"]),
    Profile(["Market Research Analyst", "Research Analyst", "Business Research Associate"],
            ["Market research", "Survey design", "SPSS", "PowerPoint", "Excel", "Tableau", "Secondary research",
             "Competitive intelligence", "Questionnaire design"],
            ["BBA", "MBA (Marketing)", "BA Economics"], ["Nielsen", "Kantar", "Ugam Solutions", "Netscribes"],
            ["Sized markets for {n} consumer and industrial clients from primary and secondary research",
             "Designed questionnaires and analysed survey data in SPSS",
             "Profiled competitors and wrote monthly competitive-intelligence newsletters",
             "Built PowerPoint decks that the client presented to its board",
             "Coordinated {n} field agencies across India and South-East Asia"]),
    Profile(["Data Analyst", "Business Analyst", "Analytics Consultant"],
            ["SQL", "Python", "Tableau", "Excel", "Statistics", "Power BI", "Data analysis", "R", "Pandas",
             "Machine learning"],
            ["B.Tech (Computer Science)", "BSc Statistics", "MSc Mathematics"],
            ["Mu Sigma", "Fractal Analytics", "Tiger Analytics", "LatentView Analytics"],
            ["Wrote SQL and Python pipelines that refresh {n} client dashboards every morning",
             "Built Tableau and Power BI dashboards for a retail client's category managers",
             "Ran A/B-test analyses and explained the results to non-technical stakeholders",
             "Automated a monthly report that took two analysts {n} hours by hand",
             "Cleaned and joined sales, inventory and web data sets of several million rows"]),
    Profile(["Accounts Executive", "Accounts Payable Analyst", "Finance Associate"],
            ["Accounts payable", "Reconciliation", "SAP", "GST", "Excel", "Vendor management", "Tally",
             "Month-end close", "Oracle Financials"],
            ["B.Com", "M.Com", "CA Inter"], ["Genpact", "WNS", "EXL Service", "Firstsource"],
            ["Processed about {n} invoices a day for a US retail client in SAP",
             "Reconciled vendor statements and cleared ageing items every month",
             "Prepared GST returns and answered auditors' queries",
             "Supported the month-end close with accruals and ledger reviews",
             "Trained {n} new joiners on the client's approval rules"]),
]
GROUPS = ["Female", "Male", "Prefer not to say"]  # answers to the "sex" self-identification question
SCHOOLS = ["University of Delhi", "Christ University", "NMIMS Mumbai", "Symbiosis International University",
           "Anna University", "Osmania University", "Jadavpur University"]
OPENERS = ["{title} with {years} years in research and analysis for global clients.",
           "{years} years as a {title_lower}, most recently serving clients in the US and UK.",
           "Detail-minded {title_lower} ({years} years) who writes clearly and checks numbers twice.",
           "{title} looking for a role with more client contact, after {years} years in a KPO."]
CLOSERS = ["Comfortable presenting findings to senior stakeholders.", "Has trained and reviewed junior analysts.",
           "Works well across time zones and to tight deadlines.", "Keen to move into a team-lead role."]
EXTRA_SKILLS = ["Written communication", "Team leadership", "MS Word", "Research", "Project management",
                "Client communication", "Google Sheets", "Stakeholder management"]

# Timestamps that say when something happened; set to the day of the step that made them.
HISTORY_COLUMNS = {"created_at", "updated_at", "stage_changed_at", "scored_at", "parsed_at", "uploaded_at",
                   "consent_at", "sent_at", "checked_in_at", "submitted_at", "decided_at", "requested_at",
                   "answered_at", "recorded_at", "override_at", "corrected_at", "reviewed_at", "last_viewed_at",
                   "converted_at", "seen_at", "promoted_at"}
STAGE_PATH = ["screening", "shortlisted", "assessment", "interview", "offer", "hired"]


@contextmanager
def _as_of(when: datetime):
    """Everything the block writes is dated ``when`` (history spread over months, not "just now")."""
    start = utcnow()
    yield
    db.session.commit()
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.name in HISTORY_COLUMNS and isinstance(column.type, UTCDateTime):
                db.session.execute(update(table).where(column >= start).values({column.name: when}))
    db.session.commit()
    db.session.expire_all()


def _resume_text(rng: random.Random, name: str, email: str, phone: str, city: str, profile: Profile) -> str:
    """A plain-text resume that reads like a person's: its own summary, duties, skills and dates."""
    years = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 10, 12])
    start = 2026 - max(years, 1)
    title = rng.choice(profile.titles)
    employers = rng.sample(profile.employers, 2)
    duties = rng.sample(profile.duties, rng.randint(2, 4))
    skills = rng.sample(profile.skills, rng.randint(max(2, len(profile.skills) // 3), len(profile.skills)))
    grad = start - rng.randint(0, 1)
    summary = rng.choice(OPENERS).format(title=title, title_lower=title.lower(), years=max(years, 1))
    lines = [name, f"{city}, India | {email} | {phone}", "", "SUMMARY", summary + " " + rng.choice(CLOSERS), "",
             "EXPERIENCE"]
    if years >= 3:
        switch = start + rng.randint(1, years - 1)
        month = rng.choice(["Jan", "Apr", "Jul", "Oct"])
        lines += [f"{title} | {employers[0]} | {city}", f"{month} {switch} - Present"]
        lines += ["- " + d.format(n=rng.randint(3, 40)) for d in duties[:2]]
        lines += [f"Associate | {employers[1]} | {rng.choice(CITIES)}", f"Jun {start} - Dec {switch - 1}"]
        lines += ["- " + d.format(n=rng.randint(3, 40)) for d in duties[2:]]
    else:
        role = title if years else f"{title} (intern)"
        lines += [f"{role} | {employers[0]} | {city}", f"Jun {start} - Present"]
        lines += ["- " + d.format(n=rng.randint(3, 40)) for d in duties]
    lines += ["", "EDUCATION", f"{rng.choice(profile.degrees)}, {rng.choice(SCHOOLS)}, {grad - 3} - {grad}, "
                                f"{rng.randint(58, 93)}%", "",
              "SKILLS", ", ".join(skills + rng.sample(EXTRA_SKILLS, rng.randint(0, 3))), "",
              "LANGUAGES", "English, Hindi" + rng.choice(["", ", Tamil", ", Marathi", ", Bengali", ", French"])]
    return "\n".join(lines) + "\n"


def _parse_now(candidate) -> None:
    """Parse and score the candidate's resumes in this process (no worker needed to see scores)."""
    waiting = select(Resume.id).where(Resume.candidate_id == candidate.id, Resume.parse_status != "done")
    for resume_id in list(db.session.scalars(waiting)):  # read from the database: a task may have parsed it
        parsing.parse_resume(resume_id)


def _staff() -> dict[str, User]:
    people = {}
    for email, name, role in [("asha.recruiter@example.com", "Asha Verma", "recruiter"),
                              ("dev.interviewer@example.com", "Dev Malhotra", "interviewer"),
                              ("ritu.interviewer@example.com", "Ritu Sen", "interviewer"),
                              ("kavya.executive@example.com", "Kavya Rao", "executive")]:
        people[email] = users.find_by_email(email) or users.create_user(email, name, role, "demo-password-2026")
    return people


def _clients_and_jobs(rng: random.Random, recruiter_id: int, actor: int, now: datetime):
    clients = []
    with _as_of(now - timedelta(days=200)):
        for name, industry, size, guidelines in CLIENTS:
            client = db.session.scalar(select(Client).where(Client.name == name))
            if client is None:
                client = Client(name=name, industry=industry, size=size, guidelines=guidelines)
                client.contacts.append(ClientContact(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                                                     role="Hiring manager",
                                                     email=f"hiring@{name.split()[0].lower()}.example.com"))
                db.session.add(client)
            clients.append(client)
        db.session.commit()
    made = []
    for n, (title, client_index, location, min_years, required, preferred, education, description) in enumerate(JOBS):
        job = db.session.scalar(select(jobs.Job).where(jobs.Job.title == title))
        if job is None:
            with _as_of(now - timedelta(days=190 - 6 * n)):
                job = jobs.create_job(
                    {"title": title, "client_id": clients[client_index].id if client_index is not None else None,
                     "location": location, "employment_type": "full_time", "description": description,
                     "required_skills": required, "preferred_skills": preferred, "min_years": min_years,
                     "education": education, "openings": rng.randint(1, 5), "owner_id": recruiter_id,
                     "public": client_index is None},
                    actor_id=actor, status="open")
        made.append(db.session.get(jobs.Job, job.id))
    return [db.session.get(Client, c.id) for c in clients], made


def _story(rng: random.Random) -> tuple[list[str], str | None]:
    """The stages one application goes through after Applied, and how it ends (None: still open)."""
    depth = rng.choices(range(7), weights=[22, 20, 16, 10, 14, 8, 10])[0]
    path = STAGE_PATH[:depth]
    if depth < len(STAGE_PATH):
        end = rng.choices([None, "rejected", "withdrawn"], weights=[55, 35, 10])[0]
        return path, end
    return path, None


def _interview(application_id: int, when: datetime, interviewer_ids: list[int], actor_id: int) -> Interview:
    """An interview on ``when`` (scheduled ahead, as the service insists, then dated)."""
    tz = "Asia/Kolkata"
    ahead = datetime.now(ZoneInfo(tz)).replace(tzinfo=None, minute=0, second=0, microsecond=0) + timedelta(days=1)
    interview = interviews.schedule(application_id, starts_local=ahead, tz=tz, duration_minutes=45,
                                    location=None, video_link="https://meet.example.com/recruit-demo",
                                    interviewer_ids=interviewer_ids, actor_id=actor_id)
    interview.starts_at = when.replace(minute=0, second=0, microsecond=0)
    db.session.commit()
    return interview


def _feedback(interview: Interview, good: bool, rng: random.Random) -> None:
    for assignment in interview.assignments:
        base = 4 if good else 2
        ratings = {key: str(max(1, min(5, base + rng.choice([-1, 0, 0, 1])))) for key in
                   ("analysis", "domain", "communication", "tools", "fit")}
        interviews.submit_feedback(assignment.id, assignment.interviewer, ratings=ratings,
                                   recommendation=rng.choice(["strong_yes", "yes"] if good else ["no", "strong_no"]),
                                   notes=rng.choice(["Structured answers; walked through a model without notes.",
                                                     "Good written sample; hesitant on follow-up questions.",
                                                     "Knows the tools; needs coaching on client calls.",
                                                     "Could not explain the numbers in their own case study."]))


def _history(application: Application, applied: datetime, rng: random.Random, *, staff: dict[str, User],
             now: datetime) -> None:
    """Move one application through its stages, a few days between steps, interviews where it gets there."""
    recruiter = staff["asha.recruiter@example.com"].id
    panel = [staff["dev.interviewer@example.com"].id] + (
        [staff["ritu.interviewer@example.com"].id] if rng.random() < 0.4 else [])
    path, end = _story(rng)
    when, interview = applied, None
    for stage in path + ([end] if end else []):
        when = when + timedelta(days=rng.uniform(1.5, 9), hours=rng.uniform(0, 6))
        if interview is not None:  # the next step comes after the interview took place
            when = max(when, interview.starts_at + timedelta(days=1, hours=rng.uniform(0, 6)))
        if when > now - timedelta(hours=2):
            break
        with _as_of(when):
            if interview is not None and interview.assignments[0].submitted_at is None:
                _feedback(interview, stage not in ("rejected", "withdrawn"), rng)
            reason = {"rejected": rng.choice(["Not enough relevant experience", "Failed the modelling test",
                                              "Salary expectation above the band"]),
                      "withdrawn": "Accepted another offer"}.get(stage)
            if stage == "hired" and application.job.client_id:
                client_service.place(application.id, start=(when + timedelta(days=30)).date(),
                                     rate=float(rng.choice([65000, 72000, 80000, 95000])), unit="month",
                                     margin=18.0, actor_id=recruiter)
            else:
                pipeline.move([application.id], stage, actor_id=recruiter, reason=reason)
            if stage == "interview":
                interview = _interview(application.id, when + timedelta(days=2), panel, recruiter)
    application = db.session.get(Application, application.id)
    if interview is not None and application.stage == "interview" and not interview.assignments[0].submitted_at:
        # Still at Interview: the interview is in the coming days, on the interviewers' lists.
        interview = db.session.get(Interview, interview.id)
        interview.starts_at = (now + timedelta(days=rng.randint(1, 6))).replace(minute=0, second=0, microsecond=0)
        db.session.commit()


def _candidates(count: int, seed: int, made_jobs, staff, now: datetime) -> int:
    recruiter = staff["asha.recruiter@example.com"].id
    added = 0
    rng = random.Random(seed + 1)  # its own stream, so a second run draws the same people and skips them
    decide = random.Random(seed + 2)  # stories and groups, drawn only for people actually added
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"{name.lower().replace(' ', '.')}.{i}@example.com"
        phone = f"+9198{rng.randint(10000000, 99999999)}"
        city = rng.choice(CITIES)
        profile_index = rng.randrange(len(PROFILES))
        # One in six applies for a job outside their field: the ranking has a tail, not a tie.
        job_index = profile_index if rng.random() > 1 / 6 else rng.randrange(len(made_jobs))
        text = _resume_text(rng, name, email, phone, city, PROFILES[profile_index])
        applied = now - timedelta(days=rng.uniform(3, 170))
        source = rng.choice(["manual", "referral", "careers", "careers", "import"])
        job = made_jobs[job_index]
        if candidate_service.find_duplicate(email, phone) is not None:
            continue
        resume = (text.encode(), f"{name.replace(' ', '_')}_resume.txt")
        with _as_of(applied):
            if source == "careers" and job.public:
                application = careers.apply(job, {"name": name, "email": email, "phone": phone}, consent=True,
                                            resume=resume)
                candidate = application.candidate
            else:
                try:
                    candidate = candidate_service.create_candidate(
                        {"name": name, "email": email, "phone": phone, "location": city,
                         "headline": PROFILES[profile_index].titles[0]},
                        actor_id=recruiter, source="manual" if source == "careers" else source, resume=resume,
                        job_id=job.id, consent=True)
                except Conflict:
                    continue
                application = candidate.applications[0]
            _parse_now(candidate)
            # Voluntary self-reported groups (some decline to answer), for the bias audit.
            scoring.record_demographic(application.id, decide.choice(GROUPS + [None]))
        added += 1
        _history(db.session.get(Application, application.id), applied, decide, staff=staff, now=now)
    return added


def _share_link(made_jobs, staff, now: datetime) -> str | None:
    """A client's job order (Northwind's in the full demo): consent asked and given, up to three candidates
    sent on a link, one answer back."""
    if db.session.scalar(select(Submittal.id).limit(1)):
        return None
    recruiter = staff["asha.recruiter@example.com"].id
    later = ["shortlisted", "assessment", "interview", "offer"]
    apps = []
    for job in (j for j in made_jobs if j.client_id):  # the first order with people still in the running
        apps = list(db.session.scalars(  # the furthest along first
            select(Application).where(Application.job_id == job.id,
                                      Application.stage.in_(later + ["applied", "screening"]))
            .order_by(Application.stage.in_(later).desc(), Application.score.desc().nulls_last())))[:3]
        if apps:
            break
    if not apps:
        return None
    contact = job.client.contacts[0]
    with _as_of(now - timedelta(days=6)):
        client_service.ask_consent([a.id for a in apps], actor_id=recruiter, sender_name="Asha Verma")
    with _as_of(now - timedelta(days=5)):
        for app in apps:
            message = db.session.scalars(select(OutboxMessage).where(
                OutboxMessage.candidate_id == app.candidate_id, OutboxMessage.template_key == "representation_consent")
                .order_by(OutboxMessage.id.desc())).first()
            found = re.search(r"one click: (\S+)", message.body) if message else None
            if found:
                client_service.answer_consent(found.group(1).rstrip("/").rsplit("/", 1)[-1], True)
    with _as_of(now - timedelta(days=4)):
        submittal, link = client_service.create_submittal(
            job.id, [a.id for a in apps], actor_id=recruiter, contact_id=contact.id,
            notes={apps[0].id: "The strongest modeller we have met for this order; four years on US software names."},
            message="Our shortlist for the role, as discussed on Monday.", anonymise=True,
            show_breakdown=True, expires_in_days=60)
    with _as_of(now - timedelta(days=2)):
        token = link.rstrip("/").rsplit("/", 1)[-1]
        first = db.session.get(Submittal, submittal.id).items[0]
        client_service.decide(token, first.id, "interested", "Please set up a call with our head of research.")
    return link


def _recommendation_report(staff, now: datetime) -> str | None:
    """A recommendation report on the order the share link went out for: drafted, reasoned, issued, sent to the
    contact by link (no files attached, to keep the demo quick), and one recommendation accepted."""
    if db.session.scalar(select(RecommendationReport.id).limit(1)):
        return None
    submittal = db.session.scalars(select(Submittal).order_by(Submittal.id)).first()
    if submittal is None:
        return None
    recruiter = staff["asha.recruiter@example.com"].id
    with _as_of(now - timedelta(days=3)):
        report = recommendations.draft_for_job(submittal.job_id, actor_id=recruiter, prepared_by="Asha Verma")
        sections = dict(report.latest.content["sections"], reasoning=(
            "We have placed two analysts with this team before; both stayed past a year. The first recommendation "
            "has the deepest modelling record of anyone we met for this order."))
        recommendations.save_draft(report.id, {"sections": sections}, actor_id=recruiter)
        recommendations.issue(report.id, actor_id=recruiter)
        _, link = recommendations.share(report.id, 1, actor_id=recruiter, contact_id=submittal.contact_id,
                                        expires_in_days=60, send_email=submittal.contact_id is not None,
                                        attach=False, sender_name="Asha Verma")
    content = db.session.get(RecommendationReport, report.id).latest.content
    if content["recommendations"]:
        with _as_of(now - timedelta(days=1)):
            recommendations.decide(link.rstrip("/").rsplit("/", 1)[-1], content["recommendations"][0]["key"],
                                   "accepted", "Yes: please arrange a call.")
    return link


def _campus(made_jobs, staff, now: datetime, rng: random.Random) -> int:
    """A drive held last month (sign-ups, check-ins, attendees made applicants) and one coming up."""
    team = [staff["asha.recruiter@example.com"].id]
    made = 0
    plans = [("Analyst hiring day", "Christ University", -26, 14, 10),
             ("Research analyst campus drive", "NMIMS Mumbai", 12, 9, 0)]
    for title, school, days, signups, attended in plans:
        if db.session.scalar(select(CampusEvent.id).where(CampusEvent.title == title, CampusEvent.school == school)):
            continue
        local = datetime.now(ZoneInfo("Asia/Kolkata")).replace(tzinfo=None, minute=0, second=0, microsecond=0)
        past = days < 0
        starts = local - timedelta(hours=1) if past else local + timedelta(days=days)
        with _as_of(now + timedelta(days=days) - timedelta(days=14) if past else now - timedelta(days=3)):
            utc = [(moment.replace(tzinfo=ZoneInfo("Asia/Kolkata"))).astimezone(timezone.utc)
                   for moment in (starts, starts + timedelta(hours=7))]
            event = campus.create_event(  # checked values, as campus.forms.EventForm hands them over
                {"title": title, "school": school, "starts_at": utc[0], "ends_at": utc[1],
                 "venue": "Main auditorium, Block B", "capacity": 60, "timezone": "Asia/Kolkata",
                 "signup_opens_at": None, "signup_closes_at": None, "graduation_years": [2026, 2027],
                 "eligible_degrees": [], "eligible_branches": [], "min_cgpa": None, "min_percentage": 60.0,
                 "no_active_backlogs": False,
                 "description": "Meet our research teams, take a 40-minute aptitude test and interview the same day."},
                actor_id=team[0], job_ids=[made_jobs[3].id, made_jobs[4].id], team_ids=team)
            campus.set_status(event.id, "published", actor_id=team[0])
            for i in range(signups):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                campus.register(event, {"name": name, "email": f"{name.lower().replace(' ', '.')}.{school[:3].lower()}"
                                                                 f"{i}@students.example.com",
                                        "phone": f"+9197{rng.randint(10000000, 99999999)}", "degree": "BBA",
                                        "branch": "Business analytics", "graduation_year": 2026, "cgpa": None,
                                        "percentage": float(rng.randint(61, 91)), "active_backlogs": 0},
                                consent=True)
        if past:
            with _as_of(now + timedelta(days=days)):
                for registration in campus.registrations(event.id)[:attended]:
                    campus.check_in(event.id, actor_id=team[0], registration_id=registration.id)
                aptitude = campus.add_round(event.id, name="Numerical and verbal reasoning", kind="aptitude",
                                            pass_mark=60.0, actor_id=team[0])
                for registration in campus.candidates_for_round(aptitude):
                    campus.record_result(event.id, aptitude.id, registration.id, outcome="",
                                         score=str(rng.randint(38, 92)), actor_id=team[0])
                campus.add_round(event.id, name="Interview with the research lead", kind="interview", pass_mark=None,
                                 actor_id=team[0])
                campus.convert_attendees(event.id, actor_id=team[0])
                event = campus.get_event(event.id)
                event.starts_at -= timedelta(days=-days)
                event.ends_at -= timedelta(days=-days)
                db.session.commit()
                campus.set_status(event.id, "completed", actor_id=team[0])
        made += 1
    return made


def _import_batch(made_jobs, staff, now: datetime, rng: random.Random) -> int:
    """A bulk import from last week: resumes that parse, one without contact details (it waits in the
    review queue) and an empty file (it fails alone, with its reason)."""
    import io

    from recruit.models import ImportBatch, ImportItem
    from recruit.services import imports

    label = "Demo: resumes from a job-board export"
    if db.session.scalar(select(ImportBatch.id).where(ImportBatch.label == label)):
        return 0
    files = []
    for i in range(5):
        name, city = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(CITIES)
        text = _resume_text(rng, name, f"{name.lower().replace(' ', '.')}.imp{i}@example.com",
                            f"+9196{rng.randint(10000000, 99999999)}", city, PROFILES[4])
        if i == 4:  # pasted without its header: no name, email or phone for the parser to find
            text = text.split("\n", 2)[2]
        files.append((f"{name.replace(' ', '_')}.txt", io.BytesIO(text.encode())))
    files.append(("scan_failed.pdf", io.BytesIO(b"")))
    with _as_of(now - timedelta(days=8)):
        batch = imports.start_batch(files, actor_id=staff["asha.recruiter@example.com"].id, job_id=made_jobs[4].id,
                                    source="web", label=label)
        waiting = select(ImportItem.id).where(ImportItem.batch_id == batch.id, ImportItem.status == "queued")
        for item_id in list(db.session.scalars(waiting)):  # no worker needed
            imports.process_item(item_id)
    return 1


def _corrections_and_notes(staff, now: datetime) -> None:
    """One recruiter's skill correction and a note with a mention, as the audit log and timeline show them."""
    recruiter = staff["asha.recruiter@example.com"]
    candidate_id = db.session.scalar(select(Application.candidate_id).where(Application.score.is_not(None))
                                     .order_by(Application.score.desc(), Application.id))
    if candidate_id is None or db.session.scalar(select(ProfileCorrection.id).limit(1)):
        return
    skills = [s["name"] for s in (parsing.profile_for(candidate_id) or {}).get("skills", [])]
    with _as_of(now - timedelta(days=1, hours=3)):
        try:
            parsing.correct_profile(candidate_id, {"skills": ", ".join(skills[1:] + ["Client communication"])},
                                    actor_id=recruiter.id)
        except ServiceError:
            pass
        notes.add_note(candidate_id, "Spoke on the phone: notice period 30 days, open to Bengaluru. "
                       "@Dev Malhotra please take the first interview.", actor_id=recruiter.id)


# A certificate as a partner firm would send it: a one-page PDF (content-checked like any upload).
DEMO_CERTIFICATE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
                    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _consulting(made_clients, staff, now: datetime, rng: random.Random) -> int:
    """Service lines with a rate card, a client brief with two problems, a logged call with a next step,
    client feedback on placements, and two partner firms (one with an expired certificate)."""
    if db.session.scalar(select(ClientBrief.id).where(ClientBrief.title == "Research support for 2027")):
        return 0
    owner, executive = staff["asha.recruiter@example.com"], staff["kavya.executive@example.com"]
    lines = {}
    for name, standard, floor in [("Credit research", 45, 32), ("Equity research", 50, 38),
                                  ("Legal research", 60, 45)]:
        line = db.session.scalar(select(ServiceLine).where(ServiceLine.name == name)) or \
            catalogue.save_service_line({"name": name, "description": None}, actor_id=executive.id)
        catalogue.set_rate(line.id, {"unit": "hour", "currency": "USD", "standard_rate": standard,
                                     "floor_rate": floor}, actor_id=executive.id)
        lines[name] = line
    client = made_clients[0]
    catalogue.set_account_owner(client.id, owner.id, actor_id=executive.id)
    brief = briefs.save_brief(client.id, {"title": "Research support for 2027", "status": "open",
                                          "summary": "They want outside help on bank credit research and on "
                                                     "contract reviews for their Singapore office."},
                              actor_id=owner.id)
    credit = briefs.save_problem(brief.id, {
        "title": "Credit research on Asian banks", "service_line_id": lines["Credit research"].id,
        "work": "Quarterly credit notes on 40 listed banks in India and South-East Asia.",
        "skills": ["Credit analysis", "Financial modelling", "Excel"], "volume": "3 analysts",
        "timeline": "Six months from February", "budget_amount": 40.0, "budget_unit": "hour",
        "required_standards": ["ISO 27001", "SOC 2"], "min_years": 2}, actor_id=owner.id)
    briefs.save_problem(brief.id, {
        "title": "Contract review support", "service_line_id": lines["Legal research"].id,
        "work": "Review and summarise vendor contracts; flag non-standard clauses.",
        "skills": ["Contract review", "Legal research"], "volume": "200 contracts", "timeline": "By June",
        "required_standards": ["ISO 27001", "GDPR"], "min_years": 1}, actor_id=owner.id)
    briefs.quote(credit.id, 28, "hour", "Six-month pilot before a three-year deal", actor_id=owner.id)
    contact = client.contacts[0] if client.contacts else None
    briefs.log_contact(client.id, {"kind": "call", "contact_id": contact.id if contact else None, "brief_id": brief.id,
                                   "happened_at": now - timedelta(days=2),
                                   "summary": "Walked through both problems; they need ISO 27001 evidence.",
                                   "next_step": "Send two worker profiles and a partner firm",
                                   "due_date": (now + timedelta(days=3)).date()}, actor_id=owner.id)
    for placement in db.session.scalars(select(Placement).where(Placement.feedback_rating.is_(None))):
        placement.feedback_rating = rng.choice([3, 4, 4, 5])
        placement.feedback = {3: "Solid work, needed guidance early on.", 4: "Reliable and quick to learn.",
                              5: "Outstanding; the client asked for them again."}[placement.feedback_rating]
    db.session.commit()
    today = now.date()
    for name, city, zone, capabilities, held, rating in [
            ("Pune Analytics Partners", "Pune", "Asia/Kolkata", ["Credit analysis", "Financial modelling",
                                                                "Excel", "Equity research"],
             [("ISO 27001", today + timedelta(days=300)), ("SOC 2", today + timedelta(days=120))], 5),
            ("Manila Research Hub", "Manila", "Asia/Manila", ["Credit analysis", "Contract review",
                                                             "Legal research"],
             [("ISO 27001", today - timedelta(days=20)), ("GDPR", today + timedelta(days=200))], 4)]:
        if db.session.scalar(select(PartnerFirm.id).where(PartnerFirm.name == name)):
            continue
        firm = partners.save_firm({"name": name, "website": None, "capabilities": capabilities, "locations": [city],
                                   "time_zones": [zone], "capacity": rng.randint(4, 20), "capacity_note": None,
                                   "notes": None, "service_line_ids": [lines["Credit research"].id,
                                                                       lines["Legal research"].id]},
                                  actor_id=owner.id)
        for standard, expires in held:
            partners.add_standard(firm.id, {"standard": standard, "expires_on": expires}, actor_id=owner.id,
                                  certificate=(DEMO_CERTIFICATE, f"{standard.replace(' ', '_')}.pdf"))
        partners.add_contact(firm.id, {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "role": "Delivery head",
                                       "email": f"delivery@{name.split()[0].lower()}.example.com", "phone": None},
                             actor_id=owner.id)
        partners.add_engagement(firm.id, {"title": "Bank credit notes", "client_id": client.id, "brief_id": None,
                                          "service_line_id": lines["Credit research"].id, "rating": rating,
                                          "comments": "On time; clear models.", "ended_on": today - timedelta(days=90)},
                                actor_id=owner.id)
    return 1


def load_demo(*, candidates: int = 60, seed: int = 7) -> dict[str, int | str]:
    """Create demo clients, staff, jobs, candidates with months of history, campus drives and a share link.

    Running it twice adds nothing twice. Returns what it made (and the share link when it made one).
    """
    rng = random.Random(seed)
    now = utcnow()
    pipeline.ensure_defaults()
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    staff = _staff()
    recruiter_id = staff["asha.recruiter@example.com"].id
    made_clients, made_jobs = _clients_and_jobs(rng, recruiter_id, admin.id if admin else recruiter_id, now)
    for job in made_jobs:  # databases loaded by an older demo: its in-house jobs go on the careers page
        if job.client_id is None and not job.public:
            job.public = True
    db.session.commit()
    added = _candidates(candidates, seed, made_jobs, staff, now)
    events = _campus(made_jobs, staff, now, random.Random(seed + 3))
    link = _share_link(made_jobs, staff, now)
    report_link = _recommendation_report(staff, now)
    batches = _import_batch(made_jobs, staff, now, random.Random(seed + 4))
    _corrections_and_notes(staff, now)
    briefs_made = _consulting(made_clients, staff, now, random.Random(seed + 5))
    result: dict[str, int | str] = {"clients": len(made_clients), "jobs": len(made_jobs), "candidates": added,
                                    "campus events": events, "import batches": batches, "briefs": briefs_made}
    if link:
        result["share link"] = link
    if report_link:
        result["report link"] = report_link
    return result
