"""Search, notes with @mentions, tags, saved lists and searches, interviews with feedback, reports."""
import io
import re
from datetime import datetime, timedelta

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Activity, Interview, InterviewAssignment, Mention, OutboxMessage
from recruit.services import search
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory, JobFactory

ANALYST = """{name}
{city} | {email}

WORK EXPERIENCE
{title} | {employer} | {city}
June 2018 - Present
- {duty}

EDUCATION
{degree}, {school}, 2018

SKILLS
{skills}

Resume updated November 2025
"""  # the date a job "to present" ends at (nlp.dates.resume_date): June 2018 to November 2025 is 7 years

PEOPLE = [
    dict(name="Asha Menon", city="Pune", email="asha@example.com", title="Equity Research Analyst", employer="Crisil",
         duty="Wrote initiation reports on Indian banks and built valuation models.",
         degree="MBA in Finance", school="Symbiosis Institute of Business Management",
         skills="Financial modelling, Valuation, Bloomberg, Excel"),
    dict(name="Ravi Kumar", city="Chennai", email="ravi@example.com", title="Data Analyst", employer="Mu Sigma",
         duty="Built churn dashboards in Tableau and wrote SQL for retail clients.",
         degree="B.Tech in Computer Science", school="Anna University", skills="SQL, Python, Tableau"),
    dict(name="Meera Nair", city="Pune", email="meera@example.com", title="Paralegal", employer="Cyril Amarchand",
         duty="Reviewed contracts and drafted due diligence reports.", degree="LLB", school="ILS Law College",
         skills="Contract review, Legal research, Due diligence"),
]


def _add_people(client):
    ids = []
    for person in PEOPLE:
        form = {"name": person["name"], "email": "", "phone": "", "location": person["city"], "headline": "",
                "source": "referral" if person["name"] == "Ravi Kumar" else "manual", "job_id": "0",
                "resume": (io.BytesIO(ANALYST.format(**person).encode()), "cv.txt")}
        response = client.post("/candidates/new", form, content_type="multipart/form-data")
        ids.append(int(response.headers["Location"].rstrip("/").split("/")[-1]))
    return ids


def _names(page: str) -> list[str]:
    return re.findall(r'<td><a href="/candidates/\d+">([^<]+)</a></td>', page)


def test_full_text_search_with_filters_on_both_databases(app, client, login):
    login("recruiter")
    asha, ravi, meera = _add_people(client)
    assert _names(client.get("/candidates/?q=valuation+models").data.decode()) == ["Asha Menon"]
    assert _names(client.get("/candidates/?q=dashboards").data.decode()) == ["Ravi Kumar"]  # stemmed: dashboard(s)
    assert sorted(_names(client.get("/candidates/?q=reports").data.decode())) == ["Asha Menon", "Meera Nair"]
    # Filters on their own and with words.
    assert _names(client.get("/candidates/?skills=SQL").data.decode()) == ["Ravi Kumar"]
    assert sorted(_names(client.get("/candidates/?location=pune").data.decode())) == ["Asha Menon", "Meera Nair"]
    assert _names(client.get("/candidates/?q=reports&location=pune&degree=law").data.decode()) == ["Meera Nair"]
    assert _names(client.get("/candidates/?degree=mba").data.decode()) == ["Asha Menon"]
    assert _names(client.get("/candidates/?institution=anna").data.decode()) == ["Ravi Kumar"]
    assert _names(client.get("/candidates/?source=referral").data.decode()) == ["Ravi Kumar"]
    assert sorted(_names(client.get("/candidates/?min_years=5&q=analyst").data.decode())) == ["Asha Menon", "Ravi Kumar"]
    assert _names(client.get("/candidates/?max_years=1").data.decode()) == []
    # What a user types is never read as query syntax.
    assert client.get('/candidates/?q=%22AND+OR+NEAR(*:-').status_code == 200
    with app.app_context():
        job = JobFactory(title="Research Analyst")
        from recruit.models import Candidate

        ApplicationFactory(job=job, candidate=db.session.get(Candidate, asha), stage="interview", score=81)
        ApplicationFactory(job=job, candidate=db.session.get(Candidate, meera), stage="applied", score=40)
        job_id = job.id
    assert _names(client.get(f"/candidates/?job={job_id}&stage=interview").data.decode()) == ["Asha Menon"]
    assert _names(client.get(f"/candidates/?job={job_id}&sort=score").data.decode()) == ["Asha Menon", "Meera Nair"]
    # Tags are searchable and filterable, and a correction reaches the index.
    client.post(f"/candidates/{ravi}/tags", {"tags": "campus-2026, Night shift"})
    assert _names(client.get("/candidates/?tags=night+shift").data.decode()) == ["Ravi Kumar"]
    client.post(f"/candidates/{meera}/profile", {"f:skills": "Contract review, Arbitration"})
    assert _names(client.get("/candidates/?q=arbitration").data.decode()) == ["Meera Nair"]


def test_saved_searches_and_lists(app, client, login):
    login("recruiter")
    asha, ravi, _ = _add_people(client)
    client.post("/candidates/searches", {"name": "Pune analysts", "query": "q=analyst&location=pune&page=3"})
    page = client.get("/candidates/").data.decode()
    assert "Pune analysts" in page and "?q=analyst&amp;location=pune" in page and "page=3" not in page
    response = client.post("/candidates/lists/add", {"candidate_id": [asha, ravi], "new_list": "Q3 equity research pool"})
    assert response.status_code == 302
    lists = client.get("/candidates/lists").data.decode()
    assert "Q3 equity research pool" in lists
    list_id = int(re.search(r'/candidates/lists/(\d+)">Q3 equity research pool', lists).group(1))
    members = client.get(f"/candidates/lists/{list_id}").data.decode()
    assert "Asha Menon" in members and "Ravi Kumar" in members
    client.post(f"/candidates/lists/{list_id}/remove/{ravi}")
    assert "Ravi Kumar" not in client.get(f"/candidates/lists/{list_id}").data.decode()
    assert "Removed from the list Q3 equity research pool" in client.get(f"/candidates/{ravi}").data.decode()


def test_notes_mention_colleagues(app, client, login, make_user):
    colleague_id, colleague_email = make_user("recruiter")
    login("recruiter")
    asha, *_ = _add_people(client)
    handle = colleague_email.split("@")[0]
    client.post(f"/candidates/{asha}/notes", {"note": f"Strong on valuation, @{handle} can you call her? <b>x</b>"})
    page = client.get(f"/candidates/{asha}").data.decode()
    assert f'<strong class="mention">@{handle}</strong>' in page and "&lt;b&gt;x&lt;/b&gt;" in page
    with app.app_context():
        mention = db.session.scalars(select(Mention)).one()
        assert mention.user_id == colleague_id and mention.seen_at is None


def test_interviews_invites_feedback_and_privacy(app, client, login, make_user):
    first_id, first_email = make_user("interviewer")
    second_id, _ = make_user("interviewer")
    login("recruiter")
    asha, *_ = _add_people(client)
    with app.app_context():
        job = JobFactory(title="Research Analyst")
        from recruit.models import Candidate

        application_id = ApplicationFactory(job=job, candidate=db.session.get(Candidate, asha)).id
        job_id = job.id
    when = (datetime.now() + timedelta(days=3)).replace(hour=15, minute=30, second=0, microsecond=0)
    response = client.post(f"/jobs/{job_id}/applications/{application_id}/interviews/new", {
        "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "timezone": "Asia/Kolkata", "duration": "45",
        "location": "Pune office, 4th floor", "video_link": "https://meet.example.com/abc",
        "interviewers": [first_id, second_id], "notify": "1"})
    assert response.status_code == 302
    with app.app_context():
        interview = db.session.scalars(select(Interview)).one()
        assert interview.starts_at.hour * 60 + interview.starts_at.minute == (15 * 60 + 30 - 330) % (24 * 60)  # IST
        invite = db.session.scalars(select(OutboxMessage).where(OutboxMessage.template_key == "interview_invite")).one()
        assert invite.to_address == "asha@example.com" and "Pune office, 4th floor" in invite.body
        ics = invite.attachments[0]["content"]
        assert "BEGIN:VEVENT" in ics and f"UID:{interview.uid}" in ics and "METHOD:REQUEST" in ics
        assert "mailto:" + first_email in ics.replace("\r\n ", "")
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 3  # candidate + 2 interviewers
        mine, theirs = (db.session.scalars(select(InterviewAssignment.id).where(
            InterviewAssignment.interviewer_id == uid)).one() for uid in (first_id, second_id))
    client.post("/auth/logout")
    client.post("/auth/login", {"email": first_email, "password": PASSWORD})
    assert client.get(f"/interviews/assignments/{theirs}").status_code == 404  # someone else's: not even a hint
    assert client.get(f"/candidates/{asha}").status_code == 403
    page = client.get("/").data.decode()
    assert "Interview: Research Analyst" in page
    bad = client.post(f"/interviews/assignments/{mine}", {"rating_analysis": "9", "recommendation": "yes"},
                      follow_redirects=True).data.decode()
    assert "from 1 to 5" in bad
    client.post(f"/interviews/assignments/{mine}", {
        "rating_analysis": "5", "rating_domain": "4", "rating_communication": "4", "rating_tools": "3", "rating_fit": "5",
        "recommendation": "strong_yes", "notes": "Walked through a bank valuation cleanly."})
    client.post("/auth/logout")
    login("recruiter")
    review = client.get(f"/jobs/{job_id}/applications/{application_id}").data.decode()
    assert "Strong yes: 1" in review and "Walked through a bank valuation cleanly." in review
    assert "Waiting for:" in review
    with app.app_context():
        kinds = [a.kind for a in db.session.scalars(select(Activity).where(Activity.candidate_id == asha))]
        assert "interview_scheduled" in kinds and "feedback" in kinds and "email" in kinds


def test_is_a_recruiter_told_what_is_wrong_with_an_interview_and_nothing_booked(app, client, login, make_user):
    """Scheduling with no time, a time already past, a length out of range, a link that is no link or nobody to
    interview: is each problem named on the page, with nothing booked and no invitation sent?"""
    interviewer_id, _ = make_user("interviewer")
    login("recruiter")
    with app.app_context():
        application = ApplicationFactory(job=JobFactory(title="Research Analyst"))
        job_id, application_id = application.job_id, application.id
    soon = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    base = {"starts_at": soon, "timezone": "Asia/Kolkata", "duration": "45", "location": "Pune office",
            "video_link": "", "interviewers": [interviewer_id], "notify": "1"}
    cases = [({"starts_at": ""}, "Give a date and time."), ({"starts_at": "Tuesday"}, "Give a date and time."),
             ({"starts_at": "2020-01-06T10:00"}, "The interview would be in the past."),
             ({"duration": "5"}, "An interview lasts between 10 minutes and 8 hours."),
             ({"video_link": "meet.example.com/abc"}, "A video link starts with https://."),
             ({"interviewers": []}, "Choose at least one interviewer."),
             ({"interviewers": ["someone"]}, "Choose at least one interviewer.")]
    for answers, message in cases:
        response = client.post(f"/jobs/{job_id}/applications/{application_id}/interviews/new", {**base, **answers})
        assert message in response.data.decode(), answers
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Interview)) == 0
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_reports_and_csv(app, client, login):
    login("recruiter")
    _add_people(client)
    with app.app_context():
        job = JobFactory(title="Research Analyst")
        from recruit.models import Candidate

        ids = []
        for candidate in db.session.scalars(select(Candidate)):
            ids.append(ApplicationFactory(job=job, candidate=candidate, source=candidate.source).id)
        job_id = job.id
    for stage in ("screening", "shortlisted", "interview", "offer", "hired"):
        client.post(f"/jobs/{job_id}/board/move", {"application_id": ids[0], "to_stage": stage})
    page = client.get("/reports/").data.decode()
    assert "Research Analyst" in page and 'id="chart-sources"' in page and "vendor/chartjs/chart.umd.min.js" in page
    assert "over 1 hire" in page
    sources = client.get("/reports/sources.csv")
    assert sources.mimetype == "text/csv"
    rows = sources.data.decode().splitlines()
    assert rows[0].startswith("Source,Applications,Shortlisted")
    assert any(r.startswith("Added by a recruiter,2,1,1,1,1") or r.startswith("Referral,1,") for r in rows[1:])
    assert client.get("/reports/pipeline.csv").data.decode().splitlines()[1].startswith("Research Analyst,3,")
    assert client.get("/reports/nothing.csv").status_code == 404
