"""In a real browser: an admin registers a webhook endpoint, sees its secret, pings it, and reads a delivery log
with one delivered ping and one event the endpoint refused."""
from playwright.sync_api import expect

from recruit.extensions import db
from recruit.services import applications
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import CandidateFactory, JobFactory
from tests.webhook_receiver import Receiver, verify


def test_admin_registers_pings_and_reads_the_log(page, live_app):
    live_app.config["WEBHOOK_ALLOW_PRIVATE"] = True  # the receiver listens on 127.0.0.1
    receiver = Receiver().start()
    try:
        sign_in(page)
        page.goto("/admin/webhooks")
        screenshot(page, "webhooks-empty")
        page.get_by_role("link", name="Register an endpoint").click()
        page.get_by_label("Endpoint URL").fill(receiver.url)
        page.get_by_label("Description").fill("HRIS sync (Workday bridge)")
        page.get_by_label("application.created", exact=False).check()
        page.get_by_label("application.stage_changed", exact=False).check()
        screenshot(page, "webhooks-new")
        page.get_by_role("button", name="Register").click()
        expect(page.locator("code.secret")).to_be_visible()  # shown open right after registering
        secret = page.locator("code.secret").inner_text()

        page.get_by_role("button", name="Send a test ping").click()
        expect(page.locator("table.list")).to_contain_text("delivered")
        assert verify(secret, receiver.received[0].headers, receiver.received[0].body)

        receiver.answers = [500]
        with live_app.app_context():
            applications.create(CandidateFactory().id, JobFactory().id, source="manual", actor_id=None)
            db.session.commit()
        page.reload()
        expect(page.locator("table.list")).to_contain_text("answered HTTP 500")
        screenshot(page, "webhooks-log")
        page.goto("/admin/webhooks")
        expect(page.locator("table.list")).to_contain_text("HRIS sync (Workday bridge)")
        screenshot(page, "webhooks-list")
    finally:
        receiver.stop()
        live_app.config["WEBHOOK_ALLOW_PRIVATE"] = False
