"""The workspace's API in-process (starlette's TestClient), and a real server killed
with SIGKILL during saves."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient

from conftest import ROOT, run_msgfmt_check, tool
from reclaim_i18n import access
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po, write_po
from reclaim_i18n.web.app import RedactTokens, create_app

ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture
def config(project):
    return load_config(project)


@pytest.fixture
def client(config):
    return TestClient(create_app(config), base_url="http://127.0.0.1:8470")


def invite(config, *langs, name="Ana Lima", role="translator") -> str:
    return access.invite(config, list(langs), name, role)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def first_entry(client, token, code="de", **query) -> dict:
    r = client.get(f"/api/languages/{code}/entries", params=query, headers=bearer(token))
    assert r.status_code == 200, r.text
    return r.json()["entries"][0]


def put(client, token, entry, text, code="de", revision=None, **headers):
    return client.put(f"/api/languages/{code}/entries/{entry['id']}",
                      json={"msgstr": [text], "fuzzy": False,
                            "revision": revision or entry["revision"]},
                      headers={**bearer(token), **headers} if token else headers)


# ------------------------------------------------------------------ access

def test_tokens_are_stored_only_as_hashes(config):
    token = invite(config, "de")
    assert len(token) >= 43   # 32 random bytes, URL-safe: 256 bits
    stored = access.access_path(config).read_text()
    assert token not in stored and access.token_hash(token) in stored
    assert ".reclaim-i18n/" in (ROOT / ".gitignore").read_text()


def test_invite_cli_prints_one_link_and_list_never_shows_tokens(project):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = [sys.executable, "-m", "reclaim_i18n"]
    out = subprocess.run([*run, "invite", "de", "--name", "Ana Lima"], cwd=project, env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out.count("\n") == 1 and out.startswith("http://127.0.0.1:8470/signin?token=")
    listed = subprocess.run([*run, "invite", "--list"], cwd=project, env=env,
                            capture_output=True, text=True, check=True).stdout
    assert "Ana Lima" in listed and "translator" in listed and out.split("=")[1].strip() not in listed
    subprocess.run([*run, "invite", "--revoke", "Ana Lima"], cwd=project, env=env, check=True)
    assert access.load_people(load_config(project)) == []


def test_signin_sets_a_strict_cookie_and_redirects(config, client):
    token = invite(config, "de")
    r = client.get(f"/signin?token={token}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert token not in r.text and token not in cookie
    assert client.get("/api/me").json()["name"] == "Ana Lima"


def test_secure_cookie_behind_https(config):
    token = invite(config, "de")
    app = create_app(config, base_url="https://sprint.example.org")
    r = TestClient(app).get(f"/signin?token={token}", follow_redirects=False)
    assert "secure" in r.headers["set-cookie"].lower()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nonsense"},
                                     {"Authorization": "Basic abc"}])
def test_without_a_valid_token_401(client, headers):
    r = client.get("/api/languages", headers=headers)
    assert r.status_code == 401 and "error" in r.json()


def test_bad_signin_link_401(client):
    assert client.get("/signin?token=wrong", follow_redirects=False).status_code == 401


def test_revoking_ends_sessions_at_once(config, client):
    token = invite(config, "de")
    client.get(f"/signin?token={token}")
    assert client.get("/api/me").status_code == 200
    access.revoke(config, "Ana Lima")
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me", headers=bearer(token)).status_code == 401


def test_cookie_writes_need_the_csrf_token(config, client):
    token = invite(config, "de")
    client.get(f"/signin?token={token}")
    entry = client.get("/api/languages/de/entries").json()["entries"][0]
    assert put(client, None, entry, "x").status_code == 403
    assert put(client, None, entry, "x", **{"X-CSRF-Token": "forged"}).status_code == 403
    csrf = client.get("/api/me").json()["csrf_token"]
    assert put(client, None, entry, "Neu", **{"X-CSRF-Token": csrf}).status_code == 200


# ------------------------------------------------------------------ roles and errors

def test_languages_show_only_the_callers_with_progress(config, client):
    token = invite(config, "de", "fr")
    rows = client.get("/api/languages", headers=bearer(token)).json()["languages"]
    assert [r["locale"] for r in rows] == ["de", "fr"]
    assert {"messages", "words", "percent", "approved_percent"} <= set(rows[0])
    organiser = invite(config, name="Org", role="organiser")
    assert len(client.get("/api/languages", headers=bearer(organiser)).json()["languages"]) \
        == len(config.languages)


@pytest.mark.parametrize("role, approve_status", [("translator", 403), ("reviewer", 200)])
def test_roles(config, client, role, approve_status):
    token = invite(config, "de", name="Rita", role=role)
    entry = first_entry(client, token)
    assert put(client, token, entry, "x", code="fr").status_code == 403
    assert client.get("/api/languages/fr/entries", headers=bearer(token)).status_code == 403
    r = client.post(f"/api/languages/de/entries/{entry['id']}/approve", headers=bearer(token))
    assert r.status_code == approve_status, r.text
    if approve_status == 200:
        assert r.json()["approved"] is True


def test_four_eyes_the_saver_may_not_approve(config, client):
    token = invite(config, "de", name="Rita", role="reviewer")
    entry = first_entry(client, token)
    assert put(client, token, entry, "Reclaim Your Face – neu").status_code == 200
    r = client.post(f"/api/languages/de/entries/{entry['id']}/approve", headers=bearer(token))
    assert r.status_code == 409 and "another reviewer" in r.json()["error"]


@pytest.mark.parametrize("path, status", [
    ("/api/languages/xx/entries", 404),
    ("/api/languages/de/entries/0000000000000000", 404),
    ("/api/languages/de/entries?state=nonsense", 400),
    ("/api/languages/de/entries?offset=x", 400),
    ("/api/nothing", 404),
])
def test_unknown_things(config, client, path, status):
    token = invite(config, name="Org", role="organiser")
    r = client.get(path, headers=bearer(token))
    assert r.status_code == status and r.json()["error"]


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"id": 3}', b'{"id": "x"}'])
def test_invalid_bodies_400(config, client, body):
    token = invite(config, "de")
    r = client.post("/api/languages/de/check", content=body, headers=bearer(token))
    assert r.status_code in (400, 404) and r.json()["error"]
    assert "Traceback" not in r.text


def test_wrong_number_of_forms_400(config, client):
    token = invite(config, "de")
    entry = first_entry(client, token)
    r = client.put(f"/api/languages/de/entries/{entry['id']}", headers=bearer(token),
                   json={"msgstr": ["a", "b"], "fuzzy": False, "revision": entry["revision"]})
    assert r.status_code == 400


def test_body_size_limit_413(config, client):
    token = invite(config, "de")
    r = client.post("/api/languages/de/check", content=b"x" * 300_000, headers=bearer(token))
    assert r.status_code == 413 and "content-security-policy" in r.headers


def test_security_headers_on_every_response(client):
    for path in ("/api/languages", "/signin?token=x", "/nothing"):
        r = client.get(path, follow_redirects=False)
        csp = r.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["x-content-type-options"] == "nosniff"


def test_a_crash_is_json_without_traceback(config, monkeypatch):
    from reclaim_i18n import editing

    def boom(*args):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(editing, "pages_left", boom)
    token = invite(config, "de")
    client = TestClient(create_app(config), raise_server_exceptions=False)
    r = client.get("/api/languages/de/pages", headers=bearer(token))
    assert r.status_code == 500 and "secret" not in r.text and "Traceback" not in r.text


def test_log_lines_never_show_tokens():
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s" %d',
                               ("127.0.0.1", "GET", "/signin?token=SECRET123&x=1", 303), None)
    RedactTokens().filter(record)
    assert "SECRET123" not in record.getMessage() and "x=1" in record.getMessage()


# ------------------------------------------------------------------ entries and saves

def test_entry_json_and_stable_ids(config, client):
    token = invite(config, "de")
    entry = first_entry(client, token)
    assert set(entry) >= {"id", "msgctxt", "msgid", "msgid_plural", "msgstr", "fuzzy",
                          "previous_msgid", "notes", "max_length", "plural_examples",
                          "findings", "revision", "state"}
    again = TestClient(create_app(load_config(config.root)))
    assert first_entry(again, token)["id"] == entry["id"]
    full = client.get(f"/api/languages/de/entries/{entry['id']}", headers=bearer(token)).json()
    assert {"glossary", "suggestions", "english_html"} <= set(full)


def test_pagination(config, client):
    token = invite(config, "de")
    r = client.get("/api/languages/de/entries?offset=5&limit=10", headers=bearer(token)).json()
    assert len(r["entries"]) == 10 and r["offset"] == 5 and r["limit"] == 10
    everything = client.get("/api/languages/de/entries", headers=bearer(token)).json()
    assert r["total"] == everything["total"]
    assert r["entries"][0]["id"] == everything["entries"][5]["id"]


def test_check_gives_the_same_findings_as_check_and_writes_nothing(config, client):
    from reclaim_i18n.checks import check_catalog, load_glossary

    token = invite(config, "de")
    entry = first_entry(client, token)
    path = config.po_path("de")
    before = path.read_bytes()
    r = client.post("/api/languages/de/check", headers=bearer(token),
                    json={"id": entry["id"], "msgstr": ATTACKS[:1]})
    found = r.json()["findings"]
    assert {f["check"] for f in found} >= {"html-unsafe"}
    assert path.read_bytes() == before
    # the same text saved, then the whole-catalogue check: identical findings
    saved = put(client, token, entry, ATTACKS[0]).json()
    assert saved["findings"] == found
    catalog = read_po(path)
    whole = [(f.check, f.message, f.hint) for f in check_catalog(catalog, "de", config,
                                                               load_glossary(config.source_dir))
             if f.msgctxt == entry["msgctxt"] and f.msgid == entry["msgid"]]
    assert whole == [(f["check"], f["message"], f["hint"]) for f in found]


def test_save_changes_only_the_entry_and_the_header(config, client):
    token = invite(config, "de", name="Ana Lima <ana@example.org>")
    entry = first_entry(client, token)
    path = config.po_path("de")
    before = path.read_text().splitlines()
    r = put(client, token, entry, "Reclaim Your Face – Neuer Titel")
    assert r.status_code == 200 and r.json()["msgstr"] == ["Reclaim Your Face – Neuer Titel"]
    after = path.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 3
    assert any('"Last-Translator: Ana Lima\\n"' in b for _, b in changed)
    assert any("PO-Revision-Date" in b for _, b in changed)
    assert "example.org" not in path.read_text()
    assert run_msgfmt_check(path).returncode == 0
    cat = subprocess.run([tool("msgcat"), str(path)], capture_output=True, check=True).stdout
    assert cat == path.read_bytes()


def test_save_records_the_translator_for_review(config, client):
    from reclaim_i18n.review import load_records

    token = invite(config, "de", name="Ana Lima")
    entry = first_entry(client, token)
    put(client, token, entry, "Reclaim Your Face – Titel")
    record = load_records(config.po_path("de"))[(entry["msgctxt"], entry["msgid"])]
    assert record.translated.by == "Ana Lima"


def test_second_save_from_the_same_version_is_a_conflict(config, client):
    token = invite(config, "de")
    entry = first_entry(client, token)
    assert put(client, token, entry, "Reclaim Your Face – eins").status_code == 200
    r = put(client, token, entry, "Reclaim Your Face – zwei")
    assert r.status_code == 409
    body = r.json()
    assert body["mine"]["msgstr"] == ["Reclaim Your Face – zwei"]
    assert body["theirs"]["msgstr"] == ["Reclaim Your Face – eins"]
    assert "eins" in config.po_path("de").read_text()


def test_file_changed_on_disk_merges_at_entry_level(config, client):
    token = invite(config, "de")
    entries = client.get("/api/languages/de/entries", headers=bearer(token)).json()["entries"]
    a, b = entries[0], entries[1]
    path = config.po_path("de")
    other = read_po(path)     # another tool changes entry b on disk
    other.index()[(b["msgctxt"], b["msgid"])].msgstr = "Von Hand"
    write_po(other)
    assert put(client, token, a, "Reclaim Your Face – gemischt").status_code == 200
    now = path.read_text()
    assert "Von Hand" in now and "gemischt" in now
    assert put(client, token, b, "Auch geändert").status_code == 409


def test_concurrent_saves_of_different_entries_all_land(config, client):
    token = invite(config, name="Org", role="organiser")
    entries = client.get("/api/languages/de/entries", headers=bearer(token)).json()["entries"]
    chosen = entries[:12]
    codes = []

    def save(entry, i):
        codes.append(put(client, token, entry, f"Reclaim Your Face – Text {i}").status_code)

    threads = [threading.Thread(target=save, args=(e, i)) for i, e in enumerate(chosen)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert codes == [200] * len(chosen)
    text = config.po_path("de").read_text()
    assert all(f"Reclaim Your Face – Text {i}" in text for i in range(len(chosen)))


def test_two_saves_in_flight_from_the_same_version_one_conflicts(config, client):
    token = invite(config, name="Org", role="organiser")
    entry = first_entry(client, token)
    codes = []
    threads = [threading.Thread(target=lambda i=i: codes.append(
        put(client, token, entry, f"Reclaim Your Face – Variante {i}").status_code))
        for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(codes) == [200, 409]


def test_escaping_and_no_token_in_pages(config, client):
    token = invite(config, "de")
    entry = first_entry(client, token)
    saved = put(client, token, entry, ATTACKS[1])
    assert saved.headers["content-type"].startswith("application/json")
    body = client.get(f"/api/languages/de/entries/{entry['id']}", headers=bearer(token))
    assert body.json()["msgstr"] == [ATTACKS[1]]   # data, not markup: the browser escapes
    assert token not in body.text


# ------------------------------------------------------------------ a real server, SIGKILL

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc) -> None:
    import httpx

    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read())
        try:
            httpx.get(url, timeout=0.5)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def test_sigkill_during_saves_loses_no_acknowledged_save(project):
    import httpx

    config = load_config(project)
    token = invite(config, name="Org", role="organiser")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "reclaim_i18n", "serve", "--port", str(port)],
                            cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/api/me", proc)
        head = bearer(token)
        listing = httpx.get(base + "/api/languages/fr/entries", headers=head).json()["entries"]
        states = [{"acked": None, "pending": None} for _ in listing[:20]]
        killed = threading.Event()

        def volunteer(entry, state, n):
            revision = entry["revision"]
            for i in range(1000):   # saves until the server dies
                state["pending"] = text = f"Reclaim Your Face – {n}.{i}"
                try:
                    r = httpx.put(f"{base}/api/languages/fr/entries/{entry['id']}", headers=head,
                                  json={"msgstr": [text], "fuzzy": False, "revision": revision},
                                  timeout=10)
                except httpx.HTTPError:
                    return
                if r.status_code != 200:
                    state["error"] = r.text
                    return
                state["acked"], revision = text, r.json()["revision"]
                if killed.is_set():
                    return

        threads = [threading.Thread(target=volunteer, args=(e, st, n))
                   for n, (e, st) in enumerate(zip(listing, states))]
        [t.start() for t in threads]
        time.sleep(1.5)
        os.kill(proc.pid, signal.SIGKILL)
        killed.set()
        [t.join() for t in threads]
    finally:
        proc.kill()
        proc.wait()
    assert not [st["error"] for st in states if "error" in st]
    assert sum(1 for st in states if st["acked"]) >= 10   # saves were acknowledged, and in flight
    catalog = read_po(config.po_path("fr")).index()
    for entry, st in zip(listing, states):
        now = catalog[(entry["msgctxt"], entry["msgid"])].msgstr
        assert now == st["acked"] or (now == st["pending"] and st["acked"] is not None) \
            or (st["acked"] is None and now in (entry["msgstr"][0], st["pending"]))
    for path in Path(project, "locales").rglob("*.po"):
        read_po(path)
        assert run_msgfmt_check(path).returncode == 0, path


def test_server_logs_hide_tokens_and_ctrl_c_stops_cleanly(project):
    import httpx

    config = load_config(project)
    token = invite(config, "de")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "reclaim_i18n", "serve", "--port", str(port)],
                            cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/api/me", proc)
        assert httpx.get(f"{base}/signin?token={token}").status_code == 303
        assert httpx.get(f"{base}/api/me", headers=bearer(token)).status_code == 200
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert "/signin?token=[redacted]" in output and token not in output


@pytest.mark.parametrize("held, status", [(0.3, 200), (3.0, 503)])
def test_a_save_waits_for_another_run_holding_the_project(config, client, monkeypatch,
                                                          held, status):
    from reclaim_i18n.editing import save as saving
    from reclaim_i18n.lock import project_lock

    monkeypatch.setattr(saving, "LOCK_WAIT", 1.0)
    token = invite(config, "de")
    entry = first_entry(client, token)
    before = config.po_path("de").read_bytes()
    locked = threading.Event()

    def other_run():   # e.g. 'reclaim-i18n update' in another process
        with project_lock(config.root):
            locked.set()
            time.sleep(held)

    thread = threading.Thread(target=other_run)
    thread.start()
    locked.wait()
    r = put(client, token, entry, "Reclaim Your Face – gewartet")
    thread.join()
    assert r.status_code == status, r.text
    assert (config.po_path("de").read_bytes() == before) == (status != 200)
