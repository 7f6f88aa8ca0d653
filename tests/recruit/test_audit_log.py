"""The audit log in words: does an admin read what changed, not a dump of Python dicts?"""
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import AuditEvent
from recruit.services import candidates, parsing, pipeline, users
from recruit.services.audit import describe_changes

RESUME = """Meera Iyer
Pune, India | meera.iyer@example.com | +919845012345

EXPERIENCE
Equity Research Analyst | Crisil | Pune
Jan 2021 - Present
- Built earnings models for 14 US technology companies.

SKILLS
Financial modelling, Valuation, Excel, Bloomberg, Equity research, Capital IQ, DCF, FactSet, MS Word,
Team leadership, Research, PowerPoint
"""


def test_a_skills_correction_reads_as_removed_and_added_on_one_short_line(app, client, login):
    """One skills correction used to print two lists of {'name': ..., 'category': ...} (a 7,900 px page)."""
    admin_id = login("admin")
    with app.app_context():
        candidate = candidates.create_candidate({"name": "Meera Iyer", "email": "meera.iyer@example.com"},
                                                actor_id=admin_id, resume=(RESUME.encode(), "meera.txt"))
        skills = [s["name"] for s in parsing.profile_for(candidate.id)["skills"]]
        assert "Bloomberg Terminal" in skills and len(skills) > 8
        kept = [s for s in skills if s != "Bloomberg Terminal"] + ["Client communication"]
        parsing.correct_profile(candidate.id, {"skills": ", ".join(kept)}, actor_id=admin_id)
    page = client.get("/admin/audit?action=profile.").get_data(as_text=True)
    assert "Skills: removed Bloomberg Terminal; added Client communication" in page
    assert "'category'" not in page and "{" not in page.split("<tbody>")[1].split("</tbody>")[0]


def test_a_stage_move_a_role_change_and_ids_read_in_words(app):
    with app.app_context():
        pipeline.ensure_defaults()
        assert describe_changes("application.stage", {"old": "screening", "new": "interview", "reason": None}) \
            == ["Stage: Screening -> Interview"]
        assert describe_changes("user.update", {"role": ["recruiter", "admin"]}) == ["Role: recruiter -> admin"]
        assert describe_changes("email.queue", {"candidate_id": 12, "template": "acknowledgement"}) \
            == ["Candidate #12", "Template: acknowledgement"]
        assert describe_changes("campus.register", {"walk_in": False, "status": "confirmed"}) \
            == ["Walk-in: no", "Status: confirmed"]


def test_long_values_are_folded():
    """A pasted summary or a list of forty skills does not stretch the page."""
    summary = "Analyst with a long record of client work. " * 20
    line = describe_changes("profile.correct", {"field": "summary", "old": summary, "new": "Short."})[0]
    assert line.startswith("Summary: Analyst with") and line.endswith("-> Short.") and len(line) < 130
    forty = [{"name": f"Skill {n}", "category": "tool"} for n in range(40)]
    line = describe_changes("profile.correct", {"field": "skills", "old": [], "new": forty})[0]
    assert line == "Skills: added Skill 0, Skill 1, Skill 2, Skill 3, Skill 4, Skill 5 and 34 more"
    assert describe_changes("profile.correct", {"field": "education.0.degree", "old": "BS", "new": None}) \
        == ["Education 1, degree: BS -> none"]


def test_the_scoring_weights_say_which_moved(app):
    with app.app_context():
        line = describe_changes("job.scoring_settings", {"weights": {"skills": 40, "title": 20},
                                                         "old_weights": {"skills": 30, "title": 20},
                                                         "blind_review": True})
    assert line == ["Weights: skills 30 -> 40", "Blind review: yes"]


def test_every_action_the_demo_writes_renders_without_braces(app):
    """Whatever the services record, the log shows words (no dict or list syntax)."""
    with app.app_context():
        users.create_user("admin@example.com", "Asha Admin", "admin", "a long password 1")
        from recruit.demo import load_demo

        load_demo(candidates=6)
        rows = list(db.session.scalars(select(AuditEvent)))
        assert len({r.action for r in rows}) > 15
        for row in rows:
            for line in describe_changes(row.action, row.details):
                assert not any(c in line for c in "{}[]'"), (row.action, line)
