"""In a real browser, on the demo data: do the pages look right at 1366 px and on a 390 px phone?

Each test measures what a person would see as broken: a field sticking out of its card, a badge on two
lines, a heading running into its count, a form whose fields do not line up, a QR code off-centre.
"""
import pytest
from sqlalchemy import select, update

from recruit.extensions import db
from recruit.models import Application, CampusEvent, Job, Resume, User
from tests.e2e.conftest import ARTIFACTS, screenshot, sign_in

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def demo(live_app):
    """The demo data as `make demo` loads it (the first admin is called Administrator), with 19 resumes
    waiting in the review queue (the navigation shows 'Review 19')."""
    from recruit.demo import load_demo

    with live_app.app_context():
        db.session.execute(update(User).where(User.email == "admin@example.com").values(name="Administrator"))
        load_demo(candidates=20)
        ids = list(db.session.scalars(select(Resume.id).order_by(Resume.id).limit(19)))
        db.session.execute(update(Resume).values(review_status=None))
        db.session.execute(update(Resume).where(Resume.id.in_(ids)).values(review_status="pending"))
        db.session.commit()
        client_job = db.session.scalar(select(Job.id).where(Job.client_id.is_not(None)).order_by(Job.id))
        application = db.session.scalar(select(Application.id).where(Application.job_id == client_job)
                                        .order_by(Application.id))
        event = db.session.scalar(select(CampusEvent.id).where(CampusEvent.status == "published"))
        db.session.remove()
    return {"job": client_job, "application": application, "event": event}


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _inside(inner, outer, slack=1):
    return (inner["x"] >= outer["x"] - slack and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack)


def test_candidate_filters_stay_inside_their_card(page, demo):
    page.set_viewport_size(LAPTOP)
    sign_in(page)
    page.goto("/candidates/")
    card = _box(page, "form#search")
    fields = page.locator("form#search input:not([type=hidden]), form#search select")
    assert fields.count() > 10
    for i in range(fields.count()):
        box = fields.nth(i).bounding_box()
        assert _inside(box, card), f"{fields.nth(i).get_attribute('name')} sticks out: {box} not in {card}"
    screenshot(page, "looks-candidate-filters")


@pytest.mark.parametrize("width", [1366, 1280, 1100])
def test_the_review_badge_stays_on_one_line(page, demo, width):
    """'Review 19' on one line on admin pages, at 1366 and 1280 px and on a narrower laptop (fonts differ in width
    from one machine to another: the navigation wraps between links, never inside one)."""
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page)
    for path in ("/", "/admin/users", "/admin/audit"):
        page.goto(path)
        review = page.get_by_role("navigation", name="Main").get_by_role("link", name="Review")
        assert "19" in review.inner_text()
        jobs = page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs", exact=True)
        assert review.bounding_box()["height"] <= jobs.bounding_box()["height"] + 1, f"'Review 19' wraps on {path}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width >= 1280:  # room for the whole navigation on one row
            nav = page.get_by_role("navigation", name="Main").bounding_box()
            assert nav["height"] <= jobs.bounding_box()["height"] + 2, f"the navigation wraps on {path}"
    screenshot(page, f"looks-review-badge-{width}")


def test_board_headings_do_not_run_into_their_counts(page, demo):
    page.set_viewport_size(LAPTOP)
    sign_in(page)
    page.goto(f"/jobs/{demo['job']}/board")
    overlaps = page.evaluate("""() => [...document.querySelectorAll('.column h2')].map(h => {
        const range = document.createRange(); range.selectNodeContents(h.firstChild);
        const text = range.getBoundingClientRect(), count = h.querySelector('.count').getBoundingClientRect();
        const apart = count.left >= text.right + 2 || count.top >= text.bottom;
        return apart ? null : h.firstChild.textContent.trim() + ' touches its count';
    }).filter(Boolean)""")
    assert overlaps == []
    screenshot(page, "looks-board-headings")


def test_date_time_and_url_inputs_look_like_the_other_fields(page, demo):
    page.set_viewport_size(LAPTOP)
    sign_in(page)
    look = "el => { const s = getComputedStyle(el); return [s.borderRadius, s.borderTopColor, s.fontFamily]; }"
    page.goto("/campus/new")
    text = page.locator("input[name=title]").evaluate(look)
    assert page.locator("input[type=datetime-local]").first.evaluate(look) == text
    page.goto("/candidates/")
    assert page.locator("input[type=date]").first.evaluate(look) == text
    page.goto(f"/jobs/{demo['job']}/applications/{demo['application']}/interviews/new")
    assert page.locator("input[type=url]").evaluate(look) == text


def test_the_placement_form_lines_up(page, demo):
    """Each label beside its field, and the fields of a row on one line (they were scattered over three)."""
    page.set_viewport_size(LAPTOP)
    sign_in(page)
    page.goto(f"/jobs/{demo['job']}/applications/{demo['application']}")
    form = page.locator("form[action*='placement']")
    for i in range(form.locator("label").count()):
        label = form.locator("label").nth(i)
        field = label.locator("input").bounding_box()
        assert label.bounding_box()["height"] <= field["height"] + 4, f"{label.inner_text()!r}: field under its label"
    controls = form.locator("input:not([type=hidden]), select, button")
    boxes = [controls.nth(i).bounding_box() for i in range(controls.count())]
    middles = sorted(b["y"] + b["height"] / 2 for b in boxes)
    rows = []
    for middle in middles:
        if rows and middle - rows[-1][-1] < 20:
            rows[-1].append(middle)
        else:
            rows.append([middle])
    assert all(row[-1] - row[0] <= 4 for row in rows), f"the fields of a row do not line up: {middles}"
    assert len(rows) <= 2
    form.screenshot(path=str(ARTIFACTS / "looks-placement-form.png"))


def test_the_board_fits_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    sign_in(page)
    page.goto(f"/jobs/{demo['job']}/board")
    bar = _box(page, "form#bulk")
    for name in ("to_stage", "template", "reason"):
        assert _inside(_box(page, f"form#bulk [name={name}]"), bar), f"{name} sticks out of the bar"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "looks-board-phone")


def test_the_qr_poster_is_centred_and_the_code_fills_its_box(page, demo):
    page.set_viewport_size(LAPTOP)
    sign_in(page)
    page.goto(f"/campus/{demo['event']}/poster")
    svg, code = _box(page, "figure.qr svg"), _box(page, "figure.qr svg path")
    assert code["width"] >= 0.8 * svg["width"], f"the code {code} fills little of its box {svg}"
    middle = code["x"] + code["width"] / 2
    assert abs(middle - LAPTOP["width"] / 2) <= 8, f"the code's middle is at {middle}px"
    screenshot(page, "looks-poster")


def test_the_browser_finds_a_favicon(page, live_app):
    response = page.request.get(f"{live_app.base_url}/favicon.ico")
    assert response.status == 200 and response.headers["content-type"].startswith("image/")
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
