"""In a real browser: the candidate search box suggests skills, job titles and names as the recruiter types."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.e2e.test_workflow import RESUME


def test_search_box_suggests_as_you_type(page, tmp_path):
    sign_in(page)
    page.goto("/candidates/new")
    page.get_by_label("Full name").fill("Kavya Rao")
    (tmp_path / "kavya-rao.txt").write_text(RESUME)
    page.get_by_label("Resume").set_input_files(str(tmp_path / "kavya-rao.txt"))
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", name="Kavya Rao")).to_be_visible()
    page.goto("/candidates/")
    box = page.get_by_role("combobox", name="Search")  # a search box with a list of suggestions
    box.press_sequentially("equ", delay=40)
    options = page.locator("#search-suggestions option")
    expect(options.first).to_have_attribute("value", "Equity research")
    values = options.evaluate_all("(os) => os.map((o) => o.value + ' / ' + o.label)")
    assert "Equity Research Associate / Job title" in values, values
    box.fill("")
    box.press_sequentially("kav", delay=40)
    expect(options.first).to_have_attribute("value", "Kavya Rao")
    expect(options.first).to_have_attribute("label", "Candidate")
    screenshot(page, "search-suggestions")
    box.press("Enter")
    expect(page.locator("td a", has_text="Kavya Rao")).to_be_visible()
