"""Realistic demo data so a new user sees a working system: clients, KPO jobs, candidates with resumes.

Everything is generated from the lists below with a fixed seed and written through the services, so
the timeline and the audit log are filled in as they would be by hand. The people are invented.
"""
from __future__ import annotations

import random

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Client, ClientContact, Role, User
from recruit.services import candidates as candidate_service
from recruit.services import jobs, pipeline, scoring, users
from recruit.services.errors import Conflict

CLIENTS = [
    ("Northwind Capital", "Asset management", "200-500",
     "Analysts must hold or be pursuing CFA; two-stage modelling test."),
    ("Helix Pharma Insights", "Life sciences", "1000+", "Medical writers need GCP awareness; ICH E3 familiarity."),
    ("Lexbridge LLP", "Legal services", "50-200", "LLB required; US/UK contract law research experience preferred."),
]

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
PROFILES = [
    ("Equity research analyst", ["Financial modelling", "Valuation", "Excel", "Bloomberg", "Equity research"],
     "MBA (Finance)", ["Crisil", "Evalueserve", "Acuity Knowledge Partners"]),
    ("Medical writer", ["Medical writing", "Clinical research", "Literature review", "PubMed"],
     "M.Pharm", ["Indegene", "Parexel", "IQVIA"]),
    ("Legal research associate", ["Legal research", "Contract review", "Drafting", "Westlaw"],
     "LLB", ["Integreon", "QuisLex", "Mindcrest"]),
    ("Market research analyst", ["Market research", "Survey design", "SPSS", "PowerPoint", "Excel"],
     "BBA", ["Nielsen", "Kantar", "Ugam Solutions"]),
    ("Data analyst", ["SQL", "Python", "Tableau", "Excel", "Statistics"],
     "B.Tech (Computer Science)", ["Mu Sigma", "Fractal Analytics", "Tiger Analytics"]),
    ("Accounts executive", ["Accounts payable", "Reconciliation", "SAP", "GST", "Excel"],
     "B.Com", ["Genpact", "WNS", "EXL Service"]),
]
GROUPS = ["Woman", "Man", "Non-binary", "Prefer to self-describe"]
SCHOOLS = ["University of Delhi", "Christ University", "NMIMS Mumbai", "Symbiosis International University",
           "Anna University", "Osmania University", "Jadavpur University"]


def _resume_text(rng: random.Random, name: str, email: str, phone: str, city: str, profile) -> str:
    title, skills, degree, employers = profile
    start = rng.randint(2012, 2021)
    years = 2026 - start
    grad = start - rng.randint(0, 1)
    first_job_end = min(start + rng.randint(1, 3), 2025)
    lines = [
        name, f"{city}, India | {email} | {phone}", "",
        "SUMMARY",
        f"{title.capitalize()} with {years} years of experience delivering research and analysis for "
        f"global clients. Writes clear reports and presents findings to senior stakeholders.", "",
        "EXPERIENCE",
        f"{title.title()} | {employers[0]} | {city}",
        f"Jan {first_job_end} - Present",
        f"- Delivered {rng.randint(20, 90)} client reports; reviewed work of {rng.randint(2, 6)} junior analysts.",
        "- Built templates that cut turnaround time by a fifth.",
        f"Associate | {employers[1]} | {rng.choice(CITIES)}",
        f"Jul {start} - Dec {first_job_end - 1 if first_job_end > start else start}",
        "- Secondary research, data collection and quality checks for client deliverables.", "",
        "EDUCATION",
        f"{degree}, {rng.choice(SCHOOLS)}, {grad - 3} - {grad}, {rng.randint(62, 92)}%", "",
        "SKILLS",
        ", ".join(skills + rng.sample(["Written communication", "Team leadership", "MS Word", "Research"], 2)), "",
        "LANGUAGES", "English, Hindi" + rng.choice(["", ", Tamil", ", Marathi", ", French"]),
    ]
    return "\n".join(lines) + "\n"


def load_demo(*, candidates: int = 60, seed: int = 7) -> dict[str, int]:
    """Create demo clients, staff, jobs and candidates; running it twice adds nothing twice."""
    rng = random.Random(seed)
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    actor = admin.id if admin else None
    staff = {}
    for email, name, role in [("asha.recruiter@example.com", "Asha Verma", "recruiter"),
                              ("dev.interviewer@example.com", "Dev Malhotra", "interviewer")]:
        staff[role] = users.find_by_email(email) or users.create_user(email, name, role, "demo-password-2026")
    recruiter_id = staff["recruiter"].id

    clients = []
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

    made_jobs = []
    for title, client_index, location, min_years, required, preferred, education, description in JOBS:
        client_id = clients[client_index].id if client_index is not None else None
        existing = db.session.scalar(select(jobs.Job).where(jobs.Job.title == title))
        if existing is None:
            existing = jobs.create_job(
                {"title": title, "client_id": client_id, "location": location, "employment_type": "full_time",
                 "description": description, "required_skills": required, "preferred_skills": preferred,
                 "min_years": min_years, "education": education, "openings": rng.randint(1, 5),
                 "owner_id": recruiter_id},
                actor_id=actor or recruiter_id, status="open")
        made_jobs.append(existing)

    added = 0
    rng = random.Random(seed + 1)  # its own stream, so a second run draws the same people and skips them
    decide = random.Random(seed + 2)  # groups and decisions, drawn only for people actually added
    for i in range(candidates):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"{name.lower().replace(' ', '.')}.{i}@example.com"
        phone = f"+9198{rng.randint(10000000, 99999999)}"
        city = rng.choice(CITIES)
        profile_index = rng.randrange(len(PROFILES))
        profile = PROFILES[profile_index]
        text = _resume_text(rng, name, email, phone, city, profile)
        job = made_jobs[profile_index % len(made_jobs)]
        try:
            candidate = candidate_service.create_candidate(
                {"name": name, "email": email, "phone": phone, "location": city,
                 "headline": profile[0].capitalize()},
                actor_id=recruiter_id, source=rng.choice(["manual", "referral", "careers", "campus", "import"]),
                resume=(text.encode(), f"{name.replace(' ', '_')}_resume.txt"), job_id=job.id, consent=True)
        except Conflict:
            continue
        added += 1
        # Voluntary self-reported groups (some decline to answer) and a few decisions, so the bias
        # audit and the ranking have something real to show.
        application = candidate.applications[0]
        scoring.record_demographic(application.id, decide.choice(GROUPS + [None]))
        if decide.random() < 0.3:
            to = decide.choice(["shortlisted", "interview", "rejected"])
            pipeline.move([application.id], to, actor_id=recruiter_id,
                          reason="Demo: not enough relevant experience" if to == "rejected" else None)
    return {"clients": len(clients), "jobs": len(made_jobs), "candidates": added}
