"""The Local Law 144 audit, requests for a human assessment and the decision log, on skewed demo data."""
import io

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, DecisionLogEntry, Job, SelfIdAnswer
from recruit.services import bias_audit, pipeline, privacy, scoring
from recruit.services.reports import to_csv
from tests.factories import CandidateFactory, JobFactory

# (sex, race, stage, score, how many): women and Black applicants are selected and score less often;
# the one American Indian applicant is under 2% of the data.
SKEWED = [("Male", "White", "shortlisted", 80, 20), ("Male", "White", "applied", 40, 10),
          ("Female", "White", "shortlisted", 75, 8), ("Female", "White", "applied", 30, 12),
          ("Male", "Black or African American", "shortlisted", 70, 4),
          ("Male", "Black or African American", "applied", 35, 6),
          ("Female", "Black or African American", "shortlisted", 65, 1),
          ("Female", "Black or African American", "applied", 20, 9),
          ("Male", "American Indian or Alaska Native", "applied", 50, 1),
          ("Prefer not to say", "White", "applied", 45, 3), (None, None, "applied", 45, 2)]


def _skewed(job_id):
    for sex, race, stage, score, n in SKEWED:
        for _ in range(n):
            app = Application(candidate=CandidateFactory(), job_id=job_id, stage=stage, score=score)
            db.session.add(app)
            db.session.flush()
            bias_audit.record_answers({"sex": sex, "race_ethnicity": race}, application_id=app.id)
    db.session.commit()


def _a_job():
    job = JobFactory()
    db.session.commit()
    return job.id


def test_the_audit_shows_categories_intersections_scoring_rates_and_the_two_percent_rule(app):
    """Does the audit give selection and scoring rates per category and per sex x race, leave groups under 2%
    out of the ratios (still counted) and show how many answers are unknown?"""
    with app.app_context():
        job_id = _a_job()
        _skewed(job_id)
        result = bias_audit.audit(job_id=job_id)
    assert result["applicants"] == 76
    sex = {r["group"]: r for r in result["per_question"]["sex"]}
    assert (sex["Male"]["applicants"], sex["Male"]["selected"]) == (41, 24)
    assert (sex["Female"]["applicants"], sex["Female"]["selected"]) == (30, 9)
    assert round(sex["Female"]["selection_ratio"], 3) == round((9 / 30) / (24 / 41), 3)
    assert sex["Female"]["flagged"] and not sex["Male"]["flagged"]
    assert sex["Unknown"]["applicants"] == 5 and sex["Unknown"]["selection_ratio"] is None
    assert result["unknown"] == {"sex": 5, "race_ethnicity": 2}
    cross = {r["group"]: r for r in result["intersection"]}
    assert cross["Female × Black or African American"]["applicants"] == 10
    assert cross["Male × White"]["selection_ratio"] == 1.0
    small = cross["Male × American Indian or Alaska Native"]
    assert small["small"] and small["applicants"] == 1 and small["selection_ratio"] is None
    # Scoring rate: the share above the median score of all applicants (45).
    assert result["median_score"] == 45
    assert sex["Male"]["scoring_rate"] == 25 / 41 and sex["Female"]["scoring_rate"] == 9 / 30
    assert round(sex["Female"]["scoring_ratio"], 3) == round((9 / 30) / (25 / 41), 3)
    csv_text = to_csv(bias_audit.audit_table_rows(result), bias_audit.AUDIT_COLUMNS)
    assert "Intersection,Female × Black or African American,10,1," in csv_text
    assert "Under 2% (left out of ratios)" in csv_text.splitlines()[0]


def test_a_request_for_human_review_leaves_the_ranking_and_the_scorer(app, client, login):
    """Does asking for another way of being assessed take the application out of the automated ranking,
    even after a rescore, without rejecting it?"""
    with app.app_context():
        job_id = _a_job()
        apps = []
        for s in (90, 60):
            apps.append(Application(candidate=CandidateFactory(), job_id=job_id, score=s))
            db.session.add(apps[-1])
        db.session.commit()
        job = db.session.get(Job, job_id)
        job.shortlist_size = 2
        db.session.commit()
        bias_audit.request_human_review(apps[0].id)
        assert scoring.suggested_shortlist(job) == {apps[1].id}
        scoring.score_applications([apps[0].id])
        asked = db.session.get(Application, apps[0].id)
        assert asked.score is None and asked.human_review_requested and asked.stage == "applied"
        log = bias_audit.decision_log(job_id)
        assert [e["decision"] for e in log] == ["human_review_requested"] and log[0]["human_review"] == "yes"
    login("recruiter")
    assert "asked for human review" in client.get(f"/jobs/{job_id}/ranking").data.decode()


def test_the_decision_log_survives_a_rescore_and_exports(app, make_user):
    """Does a shortlist, an override and a rejection stay in the decision log, with the score the person saw,
    when the scores are recomputed?"""
    user = make_user("recruiter")
    with app.app_context():
        job_id = _a_job()
        pair = []
        for s in (88, 40):
            pair.append(Application(candidate=CandidateFactory(), job_id=job_id, score=s,
                                    score_breakdown={"scorer": "recruit-score/4", "breakdown": [
                                        {"name": "title_fit", "points": 0.5, "weight": 1}]}))
            db.session.add(pair[-1])
        db.session.commit()
        a, b = pair
        user_id = user[0]
        scoring.override(b.id, "promote", "Strong writing sample", actor_id=user_id)
        pipeline.move([a.id], "shortlisted", actor_id=user_id)
        pipeline.move([b.id], "rejected", actor_id=user_id, reason="Did not attend the test")
        before = bias_audit.decision_log(job_id)
        scoring.score_applications([a.id, b.id])  # no resume: the scores go, the log stays
        after = bias_audit.decision_log(job_id)
    assert before == after
    assert [(e["decision"], e["score"], e["scorer_version"]) for e in after] == [
        ("override", 40, "recruit-score/4"), ("shortlist", 88, "recruit-score/4"), ("reject", 40, "recruit-score/4")]
    assert after[2]["reason"] == "Did not attend the test" and after[0]["who"]
    text = to_csv(after, bias_audit.DECISION_COLUMNS)
    assert text.splitlines()[0].startswith("When (UTC),Application,Decision")


def test_sensitive_questions_need_confirmation_and_answers_go_with_erasure(app):
    """Does adding a caste question warn the admin, and does erasing the candidate erase their answers?"""
    import pytest

    with app.app_context():
        with pytest.raises(bias_audit.NeedsConfirmation):
            bias_audit.add_question("", "Caste", ["General", "OBC", "SC", "ST"], actor_id=None)
        q = bias_audit.add_question("", "Caste", ["General", "OBC", "SC", "ST"], confirm_sensitive=True,
                                    actor_id=None)
        assert q.sensitive_confirmed and bias_audit.choices(q)[-1] == "Prefer not to say"
        bias_audit.add_question("", "Disability", ["Yes", "No"], actor_id=None)
        assert [x.key for x in bias_audit.questions()] == ["sex", "race_ethnicity", "caste", "disability"]
        job_id = _a_job()
        app_ = Application(candidate=CandidateFactory(), job_id=job_id)
        db.session.add(app_)
        db.session.flush()
        bias_audit.record_answers({"sex": "Female", "disability": "Yes", "caste": "Not an option"}, application_id=app_.id)
        db.session.commit()
        assert {a.question_key for a in db.session.scalars(select(SelfIdAnswer))} == {"sex", "disability"}
        privacy.erase(app_.candidate_id, actor_id=None, reason="asked")
        assert db.session.scalars(select(SelfIdAnswer)).all() == []
        assert db.session.scalars(select(DecisionLogEntry)).all() == []


def test_an_admin_adds_lists_and_stops_asking_questions_and_a_caste_question_needs_confirming(app, client, login):
    """On Admin -> Self-identification: the list, a question added with its answers, a caste question refused
    with the warning until the confirmation is ticked, one question no longer asked on the careers page."""
    login("admin")
    page = client.get("/admin/self-id").data.decode()
    assert "Race/ethnicity" in page and "Hispanic or Latino" in page and 'name="csrf_token"' in page
    response = client.post("/admin/self-id", {"label": "Disability", "options": "Yes\nNo\n\n"})
    assert response.status_code == 302
    page = client.get("/admin/self-id").data.decode()
    assert "Yes, No, Prefer not to say" in page
    response = client.post("/admin/self-id", {"label": "Your caste", "options": "General\nOBC\nSC\nST"})
    page = response.data.decode()
    assert response.status_code == 200 and "can itself be discrimination" in page and 'name="confirm_sensitive"' in page
    assert "General" in page  # what the admin typed is kept
    with app.app_context():
        assert [q.key for q in bias_audit.questions()] == ["sex", "race_ethnicity", "disability"]
    response = client.post("/admin/self-id", {"label": "Your caste", "options": "General\nOBC\nSC\nST",
                                              "confirm_sensitive": "y"})
    assert response.status_code == 302
    assert "exists already" in client.post("/admin/self-id", {"label": "Disability", "options": "A\nB"}).data.decode()
    with app.app_context():
        race_id = next(q.id for q in bias_audit.questions() if q.key == "race_ethnicity")
        JobFactory(title="Analyst", slug="analyst", public=True)
    assert client.post(f"/admin/self-id/{race_id}/active", {"active": "0"}).status_code == 302
    assert client.post(f"/admin/self-id/{race_id}/active", {"active": "0"}, csrf=False).status_code == 400
    form = client.get("/careers/analyst").data.decode()
    assert 'name="sid_your_caste"' in form and 'name="sid_disability"' in form
    assert 'name="sid_race_ethnicity"' not in form
    assert "not asked" in client.get("/admin/self-id").data.decode()
    client.post(f"/admin/self-id/{race_id}/active", {"active": "1"})
    assert 'name="sid_race_ethnicity"' in client.get("/careers/analyst").data.decode()


def test_the_audit_page_and_csv_show_the_intersectional_table(app, client, login):
    """Can an admin read the audit with its intersection and scoring-rate tables, download it, and download a
    job's decision log?"""
    login("admin")
    with app.app_context():
        job_id = _a_job()
        _skewed(job_id)
    page = client.get(f"/admin/ll144?job_id={job_id}").data.decode()
    assert "Intersection: sex × race/ethnicity" in page and "Female × Black or African American" in page
    assert "under 2%: left out of the ratios" in page and "Scoring rate" in page
    csv_text = client.get(f"/admin/ll144?job_id={job_id}&format=csv").data.decode()
    assert "Female × Black or African American" in csv_text
    decisions = client.get(f"/jobs/{job_id}/decisions.csv")
    assert decisions.status_code == 200 and decisions.data.decode().startswith("When (UTC)")


def test_the_careers_form_gives_notice_asks_the_questions_and_takes_a_request_for_a_person(app, client):
    """Does the careers page say an automated tool helps, ask the self-identification questions, and does
    ticking "have a person assess me" keep the scorer away from that application?"""
    import io

    with app.app_context():
        JobFactory(title="Market Research Analyst", slug="mra", public=True, description="Market sizing.")
        db.session.commit()
    page = client.get("/careers/mra").data.decode()
    assert "An automated tool helps us assess applications" in page
    assert 'name="sid_race_ethnicity"' in page and "Prefer not to say" in page and 'name="human_review"' in page
    response = client.post("/careers/mra", {
        "name": "Farah Khan", "email": "farah.khan@example.com", "phone": "", "consent": "1", "human_review": "1",
        "sid_sex": "Female", "sid_race_ethnicity": "Asian",
        "resume": (io.BytesIO(b"Farah Khan\nMarket research, SPSS, Excel\n"), "cv.txt")},
        content_type="multipart/form-data", environ_base={"REMOTE_ADDR": "10.9.0.1"})
    assert response.status_code == 302, response.data[:300]
    with app.app_context():
        application = db.session.scalars(select(Application)).one()
        assert application.human_review_requested and application.score is None
        answers = {a.question_key: a.answer for a in db.session.scalars(select(SelfIdAnswer))}
    assert answers == {"sex": "Female", "race_ethnicity": "Asian"}


def test_the_explanation_page_shows_only_the_candidates_own_score_and_takes_a_request(app, client):
    """Does the privacy link's explanation show what this candidate's score read, nothing of another
    applicant, and take a request for a person?"""
    from recruit.services import privacy_links

    with app.app_context():
        job_id = _a_job()
        mine, other = CandidateFactory(name="Farah Khan"), CandidateFactory(name="Zubin Other")
        for cand, score, why in ((mine, 72, "Strong survey design"), (other, 91, "Zubin's secret reason")):
            db.session.add(Application(candidate=cand, job_id=job_id, score=score, score_breakdown={
                "scorer": "recruit-score/4", "summary": why, "breakdown": [
                    {"name": "title_fit", "label": "Title fit", "weight": 1, "points": 0.8, "contribution": 50,
                     "explanation": why}]}))
            db.session.flush()
        db.session.commit()
        token = privacy_links.token_for(mine)
        mine_id = mine.id
    assert f'href="/privacy/{token}/explanation"' in client.get(f"/privacy/{token}").data.decode()  # linked
    page = client.get(f"/privacy/{token}/explanation").data.decode()
    assert "Strong survey design" in page and "Title fit" in page and "72 of 100" in page
    assert "Zubin" not in page and "91" not in page
    client.post(f"/privacy/{token}/explanation", {"action": "human_review"})
    with app.app_context():
        asked = db.session.scalars(select(Application).where(Application.candidate_id == mine_id)).one()
        assert asked.human_review_requested and asked.score is None
    assert "does not score it" in client.get(f"/privacy/{token}/explanation").data.decode()


def test_the_public_summary_appears_only_once_published(app, client, login):
    """Is nothing public until the admin publishes, and does the summary then show counts, rates, ratios and
    the scorer version's date?"""
    with app.app_context():
        _skewed(_a_job())
    assert client.get("/bias-audit").status_code == 404
    assert client.get("/bias-audit.pdf").status_code == 404
    login("admin")
    client.post("/admin/ll144/publish", {})
    client.post("/auth/logout", {})
    page = client.get("/bias-audit").data.decode()
    assert "Audit date" in page and "in use since" in page and "Sex × race/ethnicity" in page
    assert "Female × Black or African American" in page and "(under 2%)" in page
    pdf = client.get("/bias-audit.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    from pdfminer.high_level import extract_text

    text = " ".join(extract_text(io.BytesIO(pdf.data)).split())
    assert "Bias audit summary" in text and "Female × Black or African American" in text and "(under 2%)" in text


def test_the_nightly_retention_purge_deletes_decisions_older_than_the_setting(app):
    """Are decision-log entries kept RECRUIT_DECISION_RETENTION_DAYS after the decision, then deleted by the
    retention purge, and is a setting under six months raised to six months?"""
    from datetime import timedelta

    from recruit.models.base import utcnow

    with app.app_context():
        app.config["DECISION_RETENTION_DAYS"] = 200
        job_id = _a_job()
        app_ = Application(candidate=CandidateFactory(), job_id=job_id, stage="shortlisted", score=70)
        db.session.add(app_)
        db.session.flush()
        for age, decision in ((250, "old"), (190, "middle"), (150, "younger"), (10, "recent")):
            bias_audit.log_decision(app_, decision, reason=None, actor_id=None).created_at = \
                utcnow() - timedelta(days=age)
        db.session.commit()

        def kept():
            return sorted(e.decision for e in db.session.scalars(select(DecisionLogEntry)))

        privacy.purge_expired()
        assert kept() == ["middle", "recent", "younger"]
        app.config["DECISION_RETENTION_DAYS"] = 30  # under six months: 183 days it is
        privacy.purge_expired()
        assert kept() == ["recent", "younger"]


def test_no_self_identification_answer_moves_a_score(app, client, login):
    """Does every answer to every question the admin asks (the defaults and one the admin added) leave the
    score and each criterion's points and words exactly as they were?"""
    from tests.recruit.test_shortlisting import _setup

    job_id, _ids = _setup(client, login)
    with app.app_context():
        bias_audit.add_question("disability", "Do you have a disability?", ["Yes", "No"], actor_id=None)
        db.session.commit()
        apps = db.session.scalars(select(Application).where(Application.job_id == job_id)).all()
        before = {a.id: (a.score, a.score_breakdown["breakdown"]) for a in apps}
        assert all(score is not None for score, _ in before.values())
        for question in bias_audit.questions():
            for answer in bias_audit.choices(question):
                for a in apps:
                    db.session.execute(SelfIdAnswer.__table__.delete().where(SelfIdAnswer.application_id == a.id))
                    bias_audit.record_answers({question.key: answer}, application_id=a.id)
                db.session.commit()
                scoring.score_applications([a.id for a in apps])
                db.session.expire_all()
                after = {a.id: (a.score, a.score_breakdown["breakdown"])
                         for a in db.session.scalars(select(Application).where(Application.job_id == job_id))}
                assert after == before, (question.key, answer)
