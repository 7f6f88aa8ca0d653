"""What a client sees through an anonymised share link: no one named or found, reasons in plain words."""
import hashlib
import html
import io
import re
import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Client, Submittal, SubmittalItem
from recruit.models.base import utcnow
from recruit.services import parsing
from recruit.services.sharing import client_card, client_reason
from tests.conftest import DATA

LIVECAREER = ["ACCOUNTANT/12065211.pdf", "FITNESS/30757456.pdf", "HR/13376919.pdf", "CONSULTANT/56792999.pdf"]
INDIAN = """Lakshmi Iyer
Chennai | lakshmi.iyer@example.com | +91 98400 22222 | linkedin.com/in/lakshmi-iyer
EXPERIENCE
Senior Research Analyst | Crisil | Chennai
June 2020 - Present
- Wrote equity research reports and financial models on Indian banks; Crisil's sector lead reviewed them.
Research Associate | Evalueserve | Pune
July 2018 - May 2020
- Market research and financial analysis for clients in Excel.
EDUCATION
MBA in Finance, Osmania University, 2018
SKILLS
Financial modelling, Valuation, Equity research, Excel
"""


def _order(client):
    response = client.post("/clients/new", {"name": "Northwind Asset Management", "status": "active"})
    client_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    response = client.post("/jobs/new", {"title": "Research Analyst", "client_id": str(client_id),
                                         "employment_type": "full_time", "openings": "2", "min_years": "2",
                                         "education": "mba", "required_skills": "Financial modelling, Valuation",
                                         "preferred_skills": "Excel", "description": "Equity research on banks.",
                                         "status": "open"})
    return client_id, int(response.headers["Location"].rstrip("/").split("/")[-1])


def _add(client, job_id, data: bytes, filename: str, name: str, email: str, phone: str = ""):
    response = client.post("/candidates/new", {
        "name": name, "email": email, "phone": phone, "location": "", "headline": "", "source": "manual",
        "job_id": str(job_id), "resume": (io.BytesIO(data), filename)}, content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _share(app, client_id, job_id, *, anonymise=True, notes=None) -> str:
    """A live share link of every application of the job order (made directly: consent is tested elsewhere)."""
    token = secrets.token_urlsafe(24)
    with app.app_context():
        submittal = Submittal(job_id=job_id, client_id=client_id, anonymise=anonymise, show_breakdown=True,
                              token_hash=hashlib.sha256(token.encode()).hexdigest(),
                              expires_at=utcnow() + timedelta(days=7))
        apps = db.session.scalars(select(Application).where(Application.job_id == job_id).order_by(Application.id))
        submittal.items = [SubmittalItem(application_id=a.id, position=n, note=(notes or {}).get(n))
                           for n, a in enumerate(apps)]
        db.session.add(submittal)
        db.session.commit()
    return f"/s/{token}"


def _identifying(app, job_id) -> list[str]:
    """Everything the parser found that names or finds each person: names, emails, phones, links, employers,
    schools, places."""
    values = []
    with app.app_context():
        for a in db.session.scalars(select(Application).where(Application.job_id == job_id)):
            profile = parsing.profile_for(a.candidate_id)
            assert profile is not None, "the resume was parsed"
            values += [a.candidate.name, a.candidate.email, profile.get("name"), profile.get("location")]
            values += profile["emails"] + profile["phones"] + profile["links"]
            values += [e.get("employer") for e in profile["experience"]] + [e.get("location") for e in
                                                                            profile["experience"]]
            values += [e.get("institution") for e in profile["education"]]
    return sorted({v for v in values if v and len(v) >= 3})


def test_does_an_anonymised_share_link_name_anyone_or_anywhere(app, client, login):
    """Real resumes (livecareer PDFs and an Indian analyst's) parsed through the app and shared anonymised:
    the page's text holds none of the parsed names, contacts, employers, schools or places, in the card or
    in the blacked-out resume; the reasons carry no internal labels or figures; no candidate privacy footer."""
    login("recruiter")
    client_id, job_id = _order(client)
    for n, path in enumerate(LIVECAREER):
        _add(client, job_id, (DATA / "livecareer" / path).read_bytes(), path.split("/")[-1], f"Person Number{n}",
             f"person{n}@example.com")
    _add(client, job_id, INDIAN.encode(), "Lakshmi_Iyer_CV.txt", "Lakshmi Iyer", "lakshmi.iyer@example.com",
         "+91 98400 22222")
    link = _share(app, client_id, job_id, notes={4: "Lakshmi Iyer wrote the Crisil bank reports"})
    values = _identifying(app, job_id)
    assert {"Crisil", "Evalueserve", "Osmania University", "Chennai", "TEMPLE UNIVERSITY"} <= set(values)
    client.get("/")  # shows (and so clears) the "added" messages, which name the candidates
    client.post("/auth/logout")
    page = html.unescape(client.get(link).get_data(as_text=True))
    assert "Consultant's note:</strong> █████ wrote the █████ bank reports" in page
    assert page.count("Resume (name, contact details, employers, schools and places blacked out)") == 5
    shown = [v for v in values if re.search(r"(?<![^\W_])" + re.escape(v) + r"(?![^\W_])", page, re.IGNORECASE)]
    assert shown == [], [page[max(0, page.find(v) - 80):page.find(v) + 40] for v in shown]
    assert "98400" not in page and "Lakshmi" not in page and "Iyer" not in page
    assert "Wrote equity research reports and financial models" in page  # the work stays readable
    for internal in ("text similarity", "mba against", "strong: ", "shared: ", "0 of ", "required_skills"):
        assert internal not in page.lower(), internal
    assert not re.search(r"\b0\.\d\d\b", page)  # no raw figures
    assert "Why this score" in page and "match on the required skills" in page
    assert "keep them for" not in page and "This page is for Northwind Asset Management alone" in page


def test_does_a_full_resume_share_link_show_the_resume_as_written(app, client, login):
    """The consultant chose the full resume: the client reads it as written, with the name."""
    login("recruiter")
    client_id, job_id = _order(client)
    _add(client, job_id, INDIAN.encode(), "cv.txt", "Lakshmi Iyer", "lakshmi.iyer@example.com")
    link = _share(app, client_id, job_id, anonymise=False)
    client.post("/auth/logout")
    page = html.unescape(client.get(link).get_data(as_text=True))
    assert "Lakshmi Iyer" in page and "Senior Research Analyst | Crisil | Chennai" in page


@pytest.mark.parametrize("criterion, expected", [
    ({"name": "required_skills", "label": "Required skills", "weight": 3, "points": 0.15,
      "explanation": "0 of 4 (2 more partly, from related skills); missing Excel, Valuation", "evidence": []},
     "Little match on the required skills; not shown in the resume: Excel, Valuation"),
    ({"name": "education", "label": "Education", "weight": 1, "points": 1.0, "explanation": "mba against mba",
      "evidence": []}, "Meets the education asked for"),
    ({"name": "domain_fit", "label": "Domain fit", "weight": 2, "points": 0.62,
      "explanation": "text similarity 0.45; shared: bank, research; closest title held: Research Analyst",
      "evidence": []}, "Good match between their work and this role; closest past role: Research Analyst"),
    ({"name": "experience", "label": "Years of experience", "weight": 2, "points": 0.5,
      "explanation": "2 of 4 years asked", "evidence": []}, "Good match on the years of experience asked for"),
])
def test_are_the_reasons_written_for_a_client(criterion, expected):
    """Each reason reads as plain words for a client, from the points and evidence, not the internal line."""
    assert client_reason(criterion) == {"label": criterion["label"], "text": expected}
    assert client_reason({**criterion, "weight": 0}) is None  # what the job does not count is not shown


def test_is_the_client_card_plain_data_without_employers(app, client, login):
    """The service hands the page plain values: anonymised, no employer or school, a numbered label."""
    login("recruiter")
    client_id, job_id = _order(client)
    _add(client, job_id, INDIAN.encode(), "cv.txt", "Lakshmi Iyer", "lakshmi.iyer@example.com")
    _share(app, client_id, job_id)
    with app.app_context():
        submittal = db.session.scalars(select(Submittal)).one()
        assert db.session.get(Client, client_id).name == "Northwind Asset Management"
        card = client_card(submittal.items[0], submittal)
    assert card["label"] == "Candidate 1" and card["anonymised"] is True
    assert [e["employer"] for e in card["experience"]] == [None, None]
    assert [e["institution"] for e in card["education"]] == [None]
    assert "Crisil" not in card["text"] and "Osmania" not in card["text"] and "█" in card["text"]
    assert all(isinstance(r["text"], str) for r in card["reasons"])


def test_is_a_school_the_parser_read_into_the_study_field_hidden(app, client, login):
    """'MBA in Finance, NMIMS, 2019' parses with no institution and the field 'Finance, NMIMS': an anonymised
    link still shows neither the school in the card nor in the blacked-out resume, and keeps 'Finance'."""
    login("recruiter")
    client_id, job_id = _order(client)
    text = INDIAN.replace("MBA in Finance, Osmania University, 2018", "MBA in Finance, NMIMS, 2019")
    _add(client, job_id, text.encode(), "cv.txt", "Lakshmi Iyer", "lakshmi.iyer@example.com", "+91 98400 22222")
    with app.app_context():
        education = parsing.profile_for(db.session.scalars(select(Application)).one().candidate_id)["education"]
        assert education[0]["institution"] is None and "NMIMS" in education[0]["field"]  # the misreading
    link = _share(app, client_id, job_id)
    client.get("/")
    client.post("/auth/logout")
    page = html.unescape(client.get(link).get_data(as_text=True))
    assert "NMIMS" not in page and "MBA in Finance" in page
