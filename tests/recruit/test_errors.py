"""Error pages answer browsers with HTML and JSON clients with JSON."""
import pytest


def test_404_html_and_json(client, login):
    login("recruiter")
    html = client.get("/jobs/999999")
    assert html.status_code == 404 and b"<h1>Not found</h1>" in html.data
    js = client.get("/jobs/999999", headers={"Accept": "application/json"})
    assert js.status_code == 404 and js.json["status"] == 404 and js.json["error"] == "Not found"


def test_403_json(client, login):
    login("interviewer")
    response = client.get("/admin/users", headers={"Accept": "application/json"})
    assert response.status_code == 403 and response.json["error"] == "Not allowed"


@pytest.mark.parametrize("app_config", [{"PROPAGATE_EXCEPTIONS": False}], indirect=True)
def test_500_is_a_page_not_a_traceback(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data and b"secret internals" not in response.data
    response = client.get("/boom", headers={"Accept": "application/json"})
    assert response.json["status"] == 500


def test_security_headers(client):
    response = client.get("/auth/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
