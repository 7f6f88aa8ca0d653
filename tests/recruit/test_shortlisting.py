"""Ranked applicants with reasons, shortlists, overrides, blind review and the bias audit."""
import io
import re

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Activity, Application, AuditEvent, Job
from recruit.services import scoring

STRONG = """Meera Nair
Pune, Maharashtra | meera.nair@example.com | +91 98450 12345
SUMMARY
Equity research analyst with 5 years of experience writing research reports on banks.
EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2019 - Present
- Built financial models and valuation (DCF) of listed banks; wrote initiation reports.
EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2019
SKILLS
Financial modelling, Valuation, Bloomberg, Excel, Equity research
"""
WEAK = """Ravi Kumar
Delhi | ravi.kumar@example.com
EXPERIENCE
Store Assistant | Big Bazaar | Delhi
January 2022 - December 2023
- Arranged shelves and handled the till.
EDUCATION
12th, Delhi Public School, 2021
SKILLS
Customer handling, Hindi
"""
MIDDLE = """Anita Desai
Bengaluru | anita.desai@example.com
EXPERIENCE
Accounts Executive | Genpact | Bengaluru
March 2020 - Present
- Reconciliations, accounts payable and month-end reports in Excel.
EDUCATION
B.Com, Christ University, 2019
SKILLS
Excel, Reconciliation, Accounts payable, Financial analysis
"""


def _job(client):
    response = client.post("/jobs/new", {
        "title": "Equity Research Analyst", "client_id": "0", "location": "Mumbai", "employment_type": "full_time",
        "openings": "2", "min_years": "3", "education": "mba", "status": "open",
        "required_skills": "Financial modelling, Valuation, Excel", "preferred_skills": "Bloomberg, CFA",
        "description": "Build financial models and valuation of listed banks and write equity research reports."})
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _apply(client, job_id, text, name, email):
    response = client.post("/candidates/new", {
        "name": name, "email": email, "phone": "", "location": "", "headline": "", "source": "manual",
        "job_id": str(job_id), "resume": (io.BytesIO(text.encode()), f"{name}.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _setup(client, login, role="recruiter"):
    login(role)
    job_id = _job(client)
    ids = {name: _apply(client, job_id, text, name, f"{name.split()[0].lower()}@example.com")
           for name, text in (("Ravi Kumar", WEAK), ("Meera Nair", STRONG), ("Anita Desai", MIDDLE))}
    client.get("/")  # shows (and so clears) the "added" messages, which name the candidates
    return job_id, ids


def _apps(app, job_id):
    with app.app_context():
        return {a.candidate.name: (a.id, a.score, a.stage) for a in scoring.ranked(job_id)}


def test_applicants_are_scored_and_ranked_with_reasons(app, client, login):
    """Does the ranking put the equity analyst first, and can a recruiter read why?"""
    job_id, _ = _setup(client, login)
    with app.app_context():
        order = [a.candidate.name for a in scoring.ranked(job_id)]
        best = scoring.ranked(job_id)[0]
        breakdown = {c["name"]: c for c in best.score_breakdown["breakdown"]}
    assert order == ["Meera Nair", "Anita Desai", "Ravi Kumar"]
    # The job is to present and the resume names no date after 2019: present ends there, never today.
    assert breakdown["required_skills"]["explanation"] == ("3 of 3; Financial modelling: shown in work, 2019; "
                                                           "Valuation: shown in work, 2019; Excel: listed, 0.8 credit")
    page = client.get(f"/jobs/{job_id}/ranking").data.decode()
    assert page.index("Meera Nair") < page.index("Anita Desai") < page.index("Ravi Kumar")
    # The reasons are written out in the list, not only in tooltips.
    assert ('<p class="reasons">3 of 3 required skills · closest title: Equity Research Analyst · '
            '1 of 2 preferred skills · ') in page
    assert "missing Financial modelling, Valuation" in page
    review = client.get(f"/jobs/{job_id}/applications/{best.id}").data.decode()
    assert "Why this score" in review and "3 of 3" in review
    assert 'class="ev ev-required_skills"' in review  # the evidence is highlighted in the resume


def test_changing_requirements_rescores(app, client, login):
    job_id, _ = _setup(client, login)
    before = _apps(app, job_id)
    client.post(f"/jobs/{job_id}/edit", {
        "title": "Accounts Payable Specialist", "client_id": "0", "location": "", "employment_type": "full_time",
        "openings": "1", "min_years": "1", "education": "bachelor",
        "required_skills": "Accounts payable, Reconciliation", "preferred_skills": "",
        "description": "Process invoices, reconcile vendor accounts and close the month."})
    after = _apps(app, job_id)
    assert after["Anita Desai"][1] > before["Anita Desai"][1]
    assert after["Anita Desai"][1] > after["Meera Nair"][1]


def test_scores_recompute_remakes_scores_of_an_older_scorer(app, client, login):
    """After an upgrade, `recruit scores recompute` rescores what an older scorer scored, and only that."""
    job_id, _ = _setup(client, login)
    apps = _apps(app, job_id)
    with app.app_context():
        stale = db.session.get(Application, apps["Anita Desai"][0])
        stale.score, stale.score_breakdown = 1.0, {"score": 1.0, "breakdown": []}  # as an old scorer left it
        db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["scores", "recompute"])
    assert result.exit_code == 0 and "Queued 1 application(s) for scoring." in result.output
    assert _apps(app, job_id) == apps
    assert "Queued 3 application(s)" in runner.invoke(args=["scores", "recompute", "--all"]).output
    assert "Queued 0 application(s)" in runner.invoke(args=["scores", "recompute"]).output


def test_shortlist_moves_the_chosen_and_records_it(app, client, login):
    job_id, _ = _setup(client, login)
    apps = _apps(app, job_id)
    response = client.post(f"/jobs/{job_id}/shortlist", {"application_id": [str(apps["Meera Nair"][0])]},
                           follow_redirects=True)
    assert b"1 applicant moved to the shortlisted stage." in response.data
    assert _apps(app, job_id)["Meera Nair"][2] == "shortlisted"
    with app.app_context():
        assert db.session.scalar(select(Activity.summary).where(Activity.kind == "stage_changed")) == \
            "Equity Research Analyst: Applied → Shortlisted"


def test_override_needs_a_reason_and_moves_the_applicant(app, client, login):
    job_id, _ = _setup(client, login)
    ravi = _apps(app, job_id)["Ravi Kumar"][0]
    url = f"/jobs/{job_id}/applications/{ravi}/override"
    assert b"Say why" in client.post(url, {"direction": "promote", "reason": ""}, follow_redirects=True).data
    client.post(url, {"direction": "promote", "reason": "Client asked for retail experience"})
    with app.app_context():
        first = scoring.ranked(job_id)[0]
        assert first.candidate.name == "Ravi Kumar" and first.override_reason == "Client asked for retail experience"
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "application.override"))
    assert b"Client asked for retail experience" in client.get(f"/jobs/{job_id}/applications/{ravi}").data
    client.post(url, {"direction": "demote", "reason": "Not available before June"})
    with app.app_context():
        assert scoring.ranked(job_id)[-1].candidate.name == "Ravi Kumar"


def test_blind_review_hides_identity_until_the_chosen_stage(app, client, login, make_user):
    job_id, _ = _setup(client, login)
    with app.app_context():
        job = db.session.get(Job, job_id)
        job.blind_review, job.blind_until_stage = True, "interview"
        db.session.commit()
    meera = _apps(app, job_id)["Meera Nair"][0]
    for page in (f"/jobs/{job_id}/ranking", f"/jobs/{job_id}"):
        html = client.get(page).data.decode()
        assert "Meera Nair" not in html and f"Applicant A-{meera:05d}" in html
    review = client.get(f"/jobs/{job_id}/applications/{meera}").data.decode()
    assert "Meera" not in review and "meera.nair@example.com" not in review and "98450" not in review
    assert "█" in review and "Crisil" in review  # work history stays readable
    with app.app_context():
        db.session.get(Application, meera).stage = "interview"
        db.session.commit()
    assert "Meera Nair" in client.get(f"/jobs/{job_id}/ranking").data.decode()


def test_the_ranking_downloads_with_its_reasons_and_blind_labels(app, client, login, make_user):
    """The CSV a recruiter hands a hiring manager: the ranking's order, score, reasons and each counted
    criterion; under blind review a reviewer's copy names no one; the export is in the audit log."""
    import csv

    job_id, _ = _setup(client, login)
    response = client.get(f"/jobs/{job_id}/ranking.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment; filename=ranking-" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    assert [r["Applicant"] for r in rows] == ["Meera Nair", "Anita Desai", "Ravi Kumar"]
    assert [r["Rank"] for r in rows] == ["1", "2", "3"]
    meera = rows[0]
    assert meera["Reasons"].startswith("3 of 3 required skills · closest title: Equity Research Analyst")
    # Her job "June 2019 - Present" is a month long: the resume names no later date, and present never means today.
    assert meera["Required skills %"] == "93" and meera["Title fit %"] == "68"
    assert meera["Suggested shortlist"] == "yes" and meera["Stage"] == "Applied"
    with app.app_context():
        job = db.session.get(Job, job_id)
        job.blind_review, job.blind_until_stage = True, "interview"
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "job.ranking_export")) == 1
    blind = client.get(f"/jobs/{job_id}/ranking.csv").data.decode()
    assert "Meera" not in blind and "Applicant A-" in blind and "3 of 3 required skills" in blind


def test_admin_changes_weights_and_scores_follow(app, client, login):
    job_id, _ = _setup(client, login, role="admin")
    before = _apps(app, job_id)["Ravi Kumar"][1]
    form = {f"w_{c}": "0" for c in scoring.CRITERIA}
    form.update({"w_experience": "100", "blind_until_stage": "interview"})
    response = client.post(f"/jobs/{job_id}/scoring", form, follow_redirects=True)
    assert b"scores are being recomputed" in response.data
    after = _apps(app, job_id)["Ravi Kumar"][1]
    assert before != after == 33.3  # only experience counts now: two years of the three asked, in no role close
    # to the job's, so they count half
    with app.app_context():
        assert db.session.get(Job, job_id).scoring_weights["experience"] == 100


def test_a_recruiter_chooses_the_suggested_shortlist(app, client, login):
    """Top N or everyone above a score, set on the ranking by a recruiter, kept in the audit log."""
    job_id, _ = _setup(client, login)
    apps = _apps(app, job_id)
    page = client.post(f"/jobs/{job_id}/shortlist-rule", {"shortlist_size": "1", "shortlist_threshold": ""},
                       follow_redirects=True).data.decode()
    assert "Suggested shortlist changed." in page and "Now: the top 1." in page
    ticked = re.findall(r'value="(\d+)" aria-label="Shortlist [^"]+" checked', page)
    assert ticked == [str(apps["Meera Nair"][0])]
    threshold = int(apps["Anita Desai"][1])  # the second in the ranking and everyone above
    page = client.post(f"/jobs/{job_id}/shortlist-rule", {"shortlist_size": "1", "shortlist_threshold": str(threshold)},
                       follow_redirects=True).data.decode()
    ticked = {int(x) for x in re.findall(r'value="(\d+)" aria-label="Shortlist [^"]+" checked', page)}
    assert ticked == {a for a, score, _ in apps.values() if score >= threshold} and len(ticked) >= 2
    assert "Not changed: Top N is a number from 1 to 500." in client.post(
        f"/jobs/{job_id}/shortlist-rule", {"shortlist_size": "0"}, follow_redirects=True).data.decode()
    assert "Not changed: numbers only" in client.post(
        f"/jobs/{job_id}/shortlist-rule", {"shortlist_size": "ten"}, follow_redirects=True).data.decode()
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert (job.shortlist_size, job.shortlist_threshold) == (1, float(threshold))
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "job.shortlist_rule")) == 2


def test_a_long_ranking_comes_in_pages_in_the_same_order(app, client, login):
    """250 applicants: the database sorts (promoted first, demoted last, unscored after the scored) and each
    page reads one page's worth, numbered on from the page before; the suggestion holds across pages."""
    login("recruiter")
    job_id = _job(client)
    with app.app_context():
        from tests.factories import CandidateFactory

        job = db.session.get(Job, job_id)
        job.shortlist_threshold = 50.0
        for i in range(250):
            score = None if i % 50 == 7 else float(i % 97)
            override = "promote" if i == 3 else "demote" if i == 96 else None
            db.session.add(Application(candidate=CandidateFactory(name=f"Person {i:03d}"), job_id=job_id,
                                       stage="applied", score=score, override=override,
                                       score_breakdown={"score": score, "summary": f"reasons {i}", "breakdown": []}))
        db.session.commit()
        whole = [a.candidate.name for a in scoring.ranked(job_id)]
        suggested = scoring.suggested_shortlist(db.session.get(Job, job_id))
        ids = {a.candidate.name: a.id for a in scoring.ranked(job_id)}
    assert whole[0] == "Person 003" and whole[-1] == "Person 096"
    assert whole[-6:-1] == ["Person 007", "Person 057", "Person 107", "Person 157", "Person 207"]  # unscored
    assert ids["Person 003"] in suggested and ids["Person 096"] not in suggested and ids["Person 050"] in suggested
    assert ids["Person 049"] not in suggested and ids["Person 007"] not in suggested

    from recruit.jobs.routes import RANKING_PAGE

    shown, pages = [], -(-250 // RANKING_PAGE)
    for number in range(1, pages + 1):
        html = client.get(f"/jobs/{job_id}/ranking?page={number}").data.decode()
        names = re.findall(r">(Person \d{3})</a>", html)
        assert len(names) == min(RANKING_PAGE, 250 - (number - 1) * RANKING_PAGE)
        assert f'<td class="num">{(number - 1) * RANKING_PAGE + 1}</td>' in html
        assert f"Showing {(number - 1) * RANKING_PAGE + 1}–{min(number * RANKING_PAGE, 250)} of 250" in html
        shown += names
    assert shown == whole
    page_of_50 = client.get(f"/jobs/{job_id}/ranking?page={1 + whole.index('Person 050') // RANKING_PAGE}")
    assert f'value="{ids["Person 050"]}" aria-label="Shortlist Person 050" checked' in page_of_50.data.decode()
    assert "reasons 96" in client.get(f"/jobs/{job_id}/ranking?page={pages}").data.decode()


def test_only_admins_change_scoring_or_see_the_bias_audit(client, login, app):
    job_id, _ = _setup(client, login)
    assert client.get(f"/jobs/{job_id}/scoring").status_code == 403
    assert client.get(f"/jobs/{job_id}/bias").status_code == 403


def test_bias_audit_rates_and_four_fifths_rule(app, client, login):
    """Does the audit show selection rates by self-reported group and flag a ratio under 0.8?"""
    login("admin")
    job_id = _job(client)
    with app.app_context():
        from tests.factories import CandidateFactory

        plan = [("Group A", "shortlisted")] * 5 + [("Group A", "applied")] * 5 \
            + [("Group B", "interview")] * 2 + [("Group B", "rejected")] * 6 + [(None, "applied")] * 3
        for group, stage in plan:
            application = Application(candidate=CandidateFactory(), job_id=job_id, stage=stage)
            db.session.add(application)
            db.session.commit()
            scoring.record_demographic(application.id, group)
        audit = scoring.bias_audit(job_id)
    rows = {r["group"]: r for r in audit["rows"]}
    assert (rows["Group A"]["rate"], rows["Group B"]["rate"]) == (0.5, 0.25)
    assert rows["Group B"]["impact_ratio"] == 0.5 and rows["Group B"]["flagged"]
    assert rows["Group A"]["impact_ratio"] == 1.0 and not rows["Group A"]["flagged"]
    assert rows["No answer"]["impact_ratio"] is None and audit["flagged"] == ["Group B"]
    page = client.get(f"/jobs/{job_id}/bias").data.decode()
    assert "below 0.80" in page and "25.0%" in page
    overall = client.get("/admin/bias").data.decode()
    assert "Group B" in overall
    # By job: this one is flagged, with its lowest ratio and a link to its own audit.
    assert f'href="/jobs/{job_id}/bias">Equity Research Analyst</a>' in overall
    assert "below 0.80: Group B" in overall and "0.50" in overall
    with app.app_context():
        by_job = scoring.bias_by_job()
    assert [(j["job_id"], j["applicants"], j["answered"], j["selected"], j["lowest_ratio"], j["flagged"])
            for j in by_job] == [(job_id, 21, 18, 7, 0.5, ["Group B"])]
    # Never shown to reviewers: the ranking and review pages do not carry the groups.
    assert "Group A" not in client.get(f"/jobs/{job_id}/ranking").data.decode()


def test_evidence_chips_point_at_highlights(app, client, login):
    job_id, _ = _setup(client, login)
    meera = _apps(app, job_id)["Meera Nair"][0]
    page = client.get(f"/jobs/{job_id}/applications/{meera}").data.decode()
    import re

    anchors = re.findall(r'href="#(ev-[\w-]+)"', page)
    assert anchors and all(f'id="{a}"' in page for a in anchors)
