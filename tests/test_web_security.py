"""The workspace attacked as an acceptance suite would (OWASP): CSRF, sessions, token
leaks, traversal, injection through catalogue texts and drafts, malformed bodies, roles."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient

from reclaim_i18n import access
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po
from reclaim_i18n.web.app import create_app

ATTACK = ('<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) '
          '<a href="javascript:alert(1)">y</a> <svg onload=alert(1)>')


@pytest.fixture
def config(project):
    return load_config(project)


@pytest.fixture
def client(config):
    return TestClient(create_app(config), base_url="http://127.0.0.1:8470",
                      raise_server_exceptions=False)


def bearer(config, *langs, name="Ana Lima", role="translator") -> dict:
    return {"Authorization": f"Bearer {access.invite(config, list(langs), name, role)}"}


def signed_in(config, *langs, role="reviewer") -> TestClient:
    token = access.invite(config, list(langs), "Rita Review", role)
    browser = TestClient(create_app(config), base_url="http://127.0.0.1:8470")
    browser.get(f"/signin?token={token}")
    return browser


def first_entry(client, headers, code="de") -> dict:
    return client.get(f"/api/languages/{code}/entries", headers=headers).json()["entries"][0]


# ------------------------------------------------------------------ bodies

@pytest.mark.parametrize("text", ["a\\u0000b", "\\ud800"])
def test_a_text_no_catalogue_can_hold_is_a_400_and_the_file_stays_readable(config, client,
                                                                           text):
    headers = {**bearer(config, "de"), "content-type": "application/json"}
    entry = first_entry(client, headers)
    before = config.po_path("de").read_bytes()
    body = f'{{"msgstr": ["{text}"], "fuzzy": false, "revision": "{entry["revision"]}"}}'
    r = client.put(f"/api/languages/de/entries/{entry['id']}", content=body.encode(),
                   headers=headers)
    assert r.status_code == 400 and "error" in r.json()
    assert config.po_path("de").read_bytes() == before
    assert read_po(config.po_path("de"))


def test_deeply_nested_json_is_a_400(config, client):
    r = client.post("/api/languages/de/check", content=b"[" * 100_000,
                    headers=bearer(config, "de"))
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    r = client.get("/preview/de/home", params={"drafts": "[" * 5_000},
                   headers=bearer(config, "de"))
    assert r.status_code == 400 and "JSON" in r.text


def test_a_crash_still_carries_the_security_headers(config, client, monkeypatch):
    from reclaim_i18n import editing

    def boom(*args):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(editing, "pages_left", boom)
    r = client.get("/api/languages/de/pages", headers=bearer(config, "de"))
    assert r.status_code == 500 and "secret" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("query, status", [
    ("limit=99999999999999999999", 200), ("offset=99999999999999999999", 200),
    ("limit=-5&offset=-9", 200), ("limit=" + "9" * 5000, 400), ("state=<x>", 400)])
def test_odd_paging_values_never_crash(config, client, query, status):
    r = client.get(f"/api/languages/de/entries?{query}", headers=bearer(config, "de"))
    assert r.status_code == status
    if status == 200:
        assert len(r.json()["entries"]) <= 1000


# ------------------------------------------------------------------ CSRF, sessions, roles

@pytest.mark.parametrize("method, path", [
    ("PUT", "/api/languages/de/entries/{id}"), ("POST", "/api/languages/de/entries/{id}/approve"),
    ("POST", "/api/languages/de/check"), ("POST", "/signout")])
def test_every_cookie_write_needs_the_csrf_token(config, method, path):
    browser = signed_in(config, "de")
    entry = first_entry(browser, {})
    url = path.format(id=entry["id"])
    body = {"id": entry["id"], "msgstr": ["x"], "fuzzy": False, "revision": entry["revision"]}
    for headers in ({}, {"X-CSRF-Token": "wrong"}, {"Authorization": "Bearer "}):
        assert browser.request(method, url, json=body, headers=headers).status_code == 403


def test_signing_in_always_makes_a_new_session(config):
    token = access.invite(config, ["de"], "Ana Lima", "translator")
    browser = TestClient(create_app(config), base_url="http://127.0.0.1:8470")
    browser.cookies.set("reclaim_session", "chosen-by-an-attacker")
    r = browser.get(f"/signin?token={token}", follow_redirects=False)
    assert "chosen-by-an-attacker" not in r.headers["set-cookie"]
    assert r.headers["location"] == "/"


@pytest.mark.parametrize("role, langs, code, status", [
    ("translator", ["de"], "de", 403), ("reviewer", ["fr"], "de", 403),
    ("reviewer", ["de"], "fr", 403)])
def test_approving_needs_a_reviewer_of_that_language(config, client, role, langs, code, status):
    headers = bearer(config, *langs, role=role)
    entry = first_entry(client, bearer(config, name="Org", role="organiser"), code)
    r = client.post(f"/api/languages/{code}/entries/{entry['id']}/approve", headers=headers)
    assert r.status_code == status


# ------------------------------------------------------------------ traversal, injection

@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/app.py",
    "/static/..%5capp.py", "/preview/de/..%2f..%2fpyproject.toml",
    "/api/languages/..%2fde/entries", "/api/languages/de/entries/..%2f..%2fx"])
def test_traversal_finds_nothing(config, client, path):
    r = client.get(path, headers=bearer(config, "de"))
    assert r.status_code == 404 and "[tool" not in r.text and "import" not in r.text


def test_drafts_in_a_preview_never_become_markup(config, client):
    headers = bearer(config, "de")
    entry = first_entry(client, headers)
    drafts = json.dumps({entry["id"]: [ATTACK]})
    r = client.get("/preview/de/home", params={"drafts": drafts}, headers=headers)
    assert r.status_code == 200
    assert not re.search(r"<script(?! src=)|<img|<svg|onerror|onload|javascript:", r.text)


@pytest.mark.parametrize("text", ["\ue000999\ue001x", "\ue0000\ue001<b>", "x\ue002\ue002"])
def test_marker_characters_in_a_draft_are_plain_text(config, client, text):
    headers = bearer(config, "de")
    entry = first_entry(client, headers)
    r = client.get("/preview/de/home", params={"drafts": json.dumps({entry["id"]: [text]})},
                   headers=headers)
    assert r.status_code == 200 and "<b>" not in r.text


def test_a_csrf_token_outside_ascii_is_a_403(config):
    browser = signed_in(config, "de")
    entry = first_entry(browser, {})
    r = browser.post("/api/languages/de/check", json={"id": entry["id"], "msgstr": ["x"]},
                     headers={"X-CSRF-Token": "\u00e9t\u00e9".encode("latin-1")})
    assert r.status_code == 403


def test_names_and_query_values_are_escaped_in_pages(config, client):
    headers = bearer(config, "de", name="<img src=x onerror=alert(1)>")
    for path in ("/", "/l/de", '/l/de/edit?page="><script>alert(1)</script>',
                 "/l/de/edit?entry=<script>alert(1)</script>"):
        r = client.get(path, headers=headers)
        assert r.status_code in (200, 404) and "<img src=x" not in r.text
        assert "<script>alert" not in r.text


def test_a_draft_with_a_lone_surrogate_does_not_break_the_preview(config, client):
    headers = bearer(config, "de")
    entry = first_entry(client, headers)
    r = client.get("/preview/de/home", params={"drafts": f'{{"{entry["id"]}": ["\\ud800"]}}'},
                   headers=headers)
    assert r.status_code in (200, 400)


def test_pages_and_answers_are_not_cached(config, client):
    browser = signed_in(config, "de")
    for path in ("/", "/l/de/edit", "/api/languages"):
        assert browser.get(path).headers["cache-control"] == "no-store", path
    assert client.get("/api/languages").headers["cache-control"] == "no-store"   # a 401 too


def test_a_session_idle_too_long_ends(config, monkeypatch):
    from reclaim_i18n.web import auth

    browser = signed_in(config, "de")
    assert browser.get("/api/languages").status_code == 200
    later = auth.time.monotonic() + auth.SESSION_IDLE + 1
    monkeypatch.setattr(auth.time, "monotonic", lambda: later)
    assert browser.get("/api/languages").status_code == 401


def test_a_name_cannot_carry_a_control_character_into_a_catalogue(config):
    from reclaim_i18n.review.policy import person_name

    assert person_name("Ana\x00 Lima\x1b[31m") == "Ana Lima[31m"
    assert person_name("Ana\nLima <ana@example.org>") == "Ana Lima"


def test_a_broken_catalogue_is_named_from_the_project_not_the_disk(config):
    po = config.po_path("de")
    po.write_bytes(po.read_bytes() + b'\nmsgid "unterminated\n')
    browser = signed_in(config, "de")
    for path in ("/preview/de/home", "/api/languages/de/entries"):
        body = browser.get(path).text
        assert "locales/de/LC_MESSAGES/messages.po" in body, path
        assert str(config.root) not in body, path


def test_changes_to_the_access_file_wait_for_another_process(config):
    import fcntl
    import threading
    import time

    access.invite(config, ["de"], "Ana Lima")
    lock = access.access_path(config).parent / "access.lock"
    with open(lock, "a") as held:                 # as a running server would hold it
        fcntl.flock(held, fcntl.LOCK_EX)
        revoking = threading.Thread(target=access.revoke, args=(config, "Ana Lima"))
        revoking.start()
        time.sleep(0.3)
        assert revoking.is_alive()                # waits: no read-modify-write interleaves
        assert [u.name for u in access.load_people(config)] == ["Ana Lima"]
    revoking.join(10)
    assert access.load_people(config) == []


def test_pages_take_a_language_as_typed_like_the_api(config):
    browser = signed_in(config, "de")
    assert browser.get("/l/de_DE/edit").status_code == browser.get("/api/languages/de_DE/entries").status_code == 200
    assert browser.get("/l/xx/edit").status_code == browser.get("/api/languages/xx/entries").status_code == 404
