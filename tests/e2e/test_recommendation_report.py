"""In a real browser: a consultant drafts a recommendation report on a client's job order, edits it, issues it,
downloads the PDF and the DOCX, emails it to the client's contact; the client opens the link without signing
in and accepts one recommendation, which the consultant then sees."""
import io
import re

from docx import Document
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, screenshot, sign_in

RESUMES = {
    "Meera Nair": """Meera Nair
meera.nair@example.com | +91 98450 11111 | Bengaluru

WORK EXPERIENCE
Senior Equity Research Analyst | Crisil | Bengaluru
June 2019 - Present
- Built financial models and valuation of Indian banks; wrote initiation reports read by fund managers.

EDUCATION
MBA in Finance, IIM Bangalore, 2019

SKILLS
Financial modelling, Valuation, Equity research, Excel, Report writing
""",
    "Arjun Desai": """Arjun Desai
arjun.desai@example.com | +91 98450 22222 | Pune

WORK EXPERIENCE
Research Associate | Evalueserve | Pune
July 2020 - Present
- Financial modelling and market research for consulting clients; Excel dashboards.

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2020

SKILLS
Financial modelling, Market research, Excel
""",
}


def test_recommendation_report_from_draft_to_the_clients_answer(page, browser, live_app, tmp_path):
    sign_in(page)
    for name, text in RESUMES.items():
        path = tmp_path / f"{name.split()[0].lower()}.txt"
        path.write_text(text)
        page.goto("/candidates/new")
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Resume").set_input_files(str(path))
        page.get_by_role("button", name="Save candidate").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="New client").click()
    page.get_by_label("Company").fill("Contoso Capital")
    page.get_by_role("button", name="Save client").click()
    contact = page.locator("#contacts")
    contact.get_by_label("Name").fill("Kavya Menon")
    contact.get_by_label("Email").fill("kavya@contoso.example.com")
    contact.get_by_role("button", name="Add contact").click()
    page.get_by_role("link", name="New job order").click()
    page.get_by_label("Title").fill("Equity Research Analyst")
    page.get_by_label("Required skills").fill("Financial modelling, Valuation")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Save job").click()
    page.get_by_role("link", name="Match talent pool").click()
    for name in RESUMES:
        page.get_by_label(f"Select {name}").check()
    page.get_by_role("button", name="Add the selected to this job order").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="Contoso Capital").click()
    reports = page.locator("#recommendation-reports")
    reports.get_by_role("button", name="Draft a report").click()
    expect(page.get_by_text("Draft written from the ranking and the evidence")).to_be_visible()
    expect(page.get_by_role("heading", name="Side by side against the must-haves")).to_be_visible()
    page.get_by_label("The consultant's reasoning").fill(
        "Both have built bank models for fund managers. Meera Nair is the stronger writer.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft version 1 saved.")).to_be_visible()
    expect(page.locator(".rr-preview")).to_contain_text("█████ is the stronger writer")  # anonymised
    screenshot(page, "report-draft")
    page.get_by_role("button", name="Issue version 1").click()
    expect(page.get_by_text("Version 1 issued: it is kept")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf_path = ARTIFACTS / "report-v1.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    download.value.save_as(pdf_path)
    text = extract_text(str(pdf_path))
    assert "Side by side against the must-haves" in text and "stronger writer" in text
    assert "Meera" not in text and "Crisil" not in text and "IIM" not in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (DOCX)").click()
    doc = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert any("stronger writer" in p.text for p in doc.paragraphs)

    send = page.locator("#send")
    send.get_by_label("To", exact=True).select_option(label="Kavya Menon <kavya@contoso.example.com>")
    send.get_by_role("button", name="Create link and email it").click()
    flash = page.get_by_text(re.compile("Link created"))
    expect(flash).to_be_visible()
    link = re.search(r"/report/[\w-]+", flash.inner_text()).group(0)
    screenshot(page, "report-issued")

    outside = browser.new_context(base_url=live_app.base_url, viewport={"width": 1100, "height": 900})
    client_page = outside.new_page()
    client_page.goto(link)
    expect(client_page.get_by_role("heading", name="Equity Research Analyst: our recommendation")).to_be_visible()
    expect(client_page.get_by_text("Meera Nair")).to_have_count(0)
    first = client_page.locator(".rr-rec").first
    first.get_by_label("Your comment (optional)").fill("Please arrange a call.")
    first.get_by_role("button", name="Accept").click()
    expect(client_page.get_by_text("Thank you: your answer is with us.")).to_be_visible()
    expect(client_page.get_by_text("You accepted this recommendation")).to_be_visible()
    screenshot(client_page, "report-client-link")
    outside.close()

    page.reload()
    expect(page.locator(".rr-preview")).to_contain_text("Client's answer: accepted")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    page.get_by_role("link", name="Contoso Capital").click()
    expect(page.locator("#recommendation-reports")).to_contain_text("1 accepted, 0 declined")
    screenshot(page, "report-client-detail")


def test_recommendation_report_on_a_brief(page, live_app):
    """A brief with two problems (after the test above: its two candidates placed, two partner firms): the
    consultant drafts the report from the client's page, issues it and downloads its PDF."""
    from datetime import date

    from sqlalchemy import select

    from recruit.extensions import db
    from recruit.models import (Application, BriefProblem, Client, ClientBrief, FirmStandard, PartnerFirm,
                                Placement)
    from recruit.services.resumes import store_file

    with live_app.app_context():
        client = db.session.scalars(select(Client).where(Client.name == "Contoso Capital")).one()
        for app_ in db.session.scalars(select(Application)):
            db.session.add(Placement(application_id=app_.id, client_id=client.id, start_date=date(2025, 2, 3),
                                     rate=95000, rate_unit="month", feedback_rating=4))
        brief = ClientBrief(client_id=client.id, title="Coverage of Indian banks",
                            summary="Contoso wants to widen its research on Indian financials in 2027.")
        brief.problems = [
            BriefProblem(title="Bank initiations", work="Initiation reports on six mid-size banks.",
                         skills=["Financial modelling", "Valuation"], required_standards=["ISO 27001"], min_years=3,
                         volume="2 analysts", timeline="March to June 2027", budget_amount=18000, budget_unit="month"),
            BriefProblem(title="Quarterly results notes", work="Results notes within a day of each filing.",
                         skills=["Financial modelling", "Report writing"], volume="40 notes a quarter")]
        certificate = store_file(b"%PDF-1.4 ISO certificate\n").sha256
        good = PartnerFirm(name="Acme Research Services", capabilities=["Financial modelling", "Valuation"],
                           locations=["Pune"], time_zones=["Asia/Kolkata"], capacity=15)
        good.standards = [FirmStandard(standard="ISO 27001", expires_on=date(2099, 1, 1),
                                       certificate_sha256=certificate)]
        stale = PartnerFirm(name="Beta Analytics", capabilities=["Report writing"], locations=["Manila"])
        stale.standards = [FirmStandard(standard="ISO 27001", expires_on=date(2024, 3, 31),
                                        certificate_sha256=certificate)]
        db.session.add_all([brief, good, stale])
        db.session.commit()
        client_id = client.id
    sign_in(page)
    page.goto(f"/clients/{client_id}")
    reports = page.locator("#recommendation-reports")
    reports.get_by_label("Report on").select_option(label="Coverage of Indian banks")
    reports.get_by_role("button", name="Draft a report").click()
    expect(page.get_by_text("Draft written from the ranking and the evidence")).to_be_visible()
    expect(page.locator(".rr-preview")).to_contain_text("Acme Research Services")
    expect(page.locator(".rr-preview")).to_contain_text("its ISO 27001 certificate expired on 31 Mar 2024")
    page.get_by_role("button", name=re.compile("Issue version 1")).click()
    expect(page.get_by_text("Version 1 issued: it is kept")).to_be_visible()
    screenshot(page, "report-brief")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    download.value.save_as(ARTIFACTS / "report-brief-v1.pdf")
    text = extract_text(str(ARTIFACTS / "report-brief-v1.pdf"))
    assert "Bank initiations" in text and "Quarterly results notes" in text and "Holds ISO 27001" in text
    assert "Meera" not in text and "Crisil" not in text
