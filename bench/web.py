"""``make bench`` (workspace part): the browser workspace's API against a real server.

Each measurement starts ``reclaim-i18n serve`` (uvicorn) on a free port in a throw-away
copy of a project and talks HTTP to it with httpx, as a browser or script would:

- on the shipped campaign: p95 of save-with-checks (``PUT`` an entry; the answer holds
  its findings) and of a language's entry list (``GET .../entries``), one client;
- 20 simulated volunteers (threads) saving different entries for 30 s: p95 of a save and
  saves lost (each volunteer's last acknowledged text must be in the catalogue after);
- at 10,000 messages (``bench/corpus.py``'s generator, one language): list pages of 200
  entries (``offset``/``limit``, with and without a state filter).

Targets (issue 18): save p95 < 50 ms, list p95 < 100 ms, volunteers p95 < 200 ms and 0
lost, 10,000-message lists < 300 ms. Writes ``bench/RESULTS-web.md`` and prints it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus
import httpx

from reclaim_i18n import access
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po

LARGE = corpus.CORPUS / "web-large"


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def shipped_copy(tmp: Path) -> Path:
    dest = tmp / "campaign"
    dest.mkdir()
    shutil.copy(ROOT / "pyproject.toml", dest)
    shutil.copytree(ROOT / "source_content", dest / "source_content")
    shutil.copytree(ROOT / "locales", dest / "locales")
    return dest


def large_project(tmp: Path, messages: int = 10_000) -> Path:
    """A 10,000-message project with one catalogue (de), generated once, then copied."""
    if not (LARGE / "locales" / "de").exists():
        shutil.rmtree(LARGE, ignore_errors=True)
        rng = random.Random(f"{corpus.SEED}:web")
        corpus.write_project(LARGE, corpus.make_pages(rng, corpus._vocabulary(), messages))
        corpus.extract(LARGE, corpus.EPOCH_OLD)
        corpus.write_catalog(str(LARGE), "de", "large")
    dest = tmp / "large"
    shutil.copytree(LARGE, dest, ignore=shutil.ignore_patterns("build", ".reclaim-i18n*"))
    return dest


class Server:
    """``reclaim-i18n serve`` on a free port, with an organiser's token."""

    def __init__(self, project: Path):
        self.project, self.config = project, load_config(project)
        self.token = access.invite(self.config, [], "Bench Organiser", "organiser")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reclaim_i18n", "serve", "--port", str(self.port)],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.headers = {"Authorization": f"Bearer {self.token}"}
        for _ in range(300):
            try:
                httpx.get(self.base + "/api/me", headers=self.headers, timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise SystemExit("the server did not start")

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, headers=self.headers, timeout=30)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def timed(func) -> float:
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


def save(client: httpx.Client, code: str, entry: dict, text: str) -> httpx.Response:
    forms = [text] * len(entry["msgstr"])
    r = client.put(f"/api/languages/{code}/entries/{entry['id']}",
                   json={"msgstr": forms, "fuzzy": False, "revision": entry["revision"]})
    if r.status_code != 200:
        raise SystemExit(f"save failed: {r.status_code} {r.text[:200]}")
    return r


def bench_campaign(server: Server, code: str = "de", rounds: int = 200) -> dict:
    client = server.client()
    entries = client.get(f"/api/languages/{code}/entries").json()["entries"]
    entries = [e for e in entries if e["msgid_plural"] is None]
    lists, saves = [], []
    for _ in range(10):   # warm-up: the first list reads and checks the catalogue
        client.get(f"/api/languages/{code}/entries")
    for i in range(rounds):
        lists.append(timed(lambda: client.get(f"/api/languages/{code}/entries")))
        entry = entries[i % len(entries)]
        t0 = time.perf_counter()
        saved = save(client, code, entry, f"{entry['msgstr'][0].split(' ~')[0]} ~{i}")
        saves.append(time.perf_counter() - t0)
        entries[i % len(entries)] = saved.json()
    return {"save_p95": p95(saves), "save_median": statistics.median(saves) * 1000,
            "list_p95": p95(lists), "list_median": statistics.median(lists) * 1000,
            "entries": len(entries), "rounds": rounds}


def bench_volunteers(server: Server, code: str = "fr", people: int = 20,
                     seconds: float = 30.0) -> dict:
    listing = server.client().get(f"/api/languages/{code}/entries").json()["entries"]
    chosen = [e for e in listing if e["msgid_plural"] is None][:people]
    times: list[float] = []
    last: dict[str, str] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def volunteer(n: int, entry: dict) -> None:
        client, i = server.client(), 0
        while time.monotonic() < stop:
            text = f"Reclaim Your Face – volunteer {n} save {i}"
            t0 = time.perf_counter()
            entry = save(client, code, entry, text).json()
            with lock:
                times.append(time.perf_counter() - t0)
                last[entry["id"]] = text
            i += 1
            time.sleep(random.uniform(0.0, 0.2))   # a person reads between saves

    threads = [threading.Thread(target=volunteer, args=(n, e)) for n, e in enumerate(chosen)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    catalog = {e["id"]: e for e in server.client().get(
        f"/api/languages/{code}/entries", params={"limit": 1000}).json()["entries"]}
    on_disk = {m.msgstr for m in read_po(server.config.po_path(code)).active}
    lost = sum(1 for eid, text in last.items()
               if catalog[eid]["msgstr"] != [text] or text not in on_disk)
    return {"saves": len(times), "p95": p95(times), "median": statistics.median(times) * 1000,
            "lost": lost, "people": len(chosen), "seconds": seconds}


def bench_large(server: Server, code: str = "de", rounds: int = 60) -> dict:
    client = server.client()
    first = timed(lambda: client.get(f"/api/languages/{code}/entries"))
    total = client.get(f"/api/languages/{code}/entries").json()["total"]
    rng = random.Random(1)
    plain, filtered = [], []
    for _ in range(rounds):
        offset = rng.randrange(0, max(total - 200, 1))
        state = rng.choice(("untranslated", "fuzzy", "problems", "translated"))
        plain.append(timed(lambda o=offset: client.get(f"/api/languages/{code}/entries",
                                                       params={"offset": o, "limit": 200})))
        filtered.append(timed(lambda s=state: client.get(f"/api/languages/{code}/entries",
                                                         params={"state": s, "limit": 200})))
    entry = client.get(f"/api/languages/{code}/entries", params={"limit": 1}).json()["entries"][0]
    saves = [timed(lambda i=i: save(client, code, entry | {"revision": client.get(
        f"/api/languages/{code}/entries/{entry['id']}").json()["revision"]},
        f"Reclaim Your Face {i}")) for i in range(10)]
    return {"messages": total, "first": first * 1000, "page_p95": p95(plain),
            "filtered_p95": p95(filtered), "save_p95": p95(saves)}


def render(campaign: dict, volunteers: dict, large: dict) -> str:
    def verdict(value, limit):
        return "ok" if value < limit else "**over**"

    rows = [
        ("save with checks, p95 (shipped campaign)", campaign["save_p95"], 50),
        ("entry list, p95 (shipped campaign)", campaign["list_p95"], 100),
        (f"{volunteers['people']} volunteers × {volunteers['seconds']:.0f} s, save p95",
         volunteers["p95"], 200),
        (f"list page of 200, p95 ({large['messages']:,} messages)", large["page_p95"], 300),
        (f"filtered list page, p95 ({large['messages']:,} messages)", large["filtered_p95"],
         300),
    ]
    lines = ["# Workspace benchmark (bench/web.py)", "",
             "Real `reclaim-i18n serve` (uvicorn) on localhost, httpx clients; times in ms.",
             "", "| measurement | ms | target | |", "|---|---:|---:|---|"]
    lines += [f"| {name} | {value:.1f} | < {limit} | {verdict(value, limit)} |"
              for name, value, limit in rows]
    lines += ["", (f"- campaign: {campaign['rounds']} saves and lists, medians "
                   f"{campaign['save_median']:.1f} / {campaign['list_median']:.1f} ms"),
              (f"- volunteers: {volunteers['saves']} saves, median "
               f"{volunteers['median']:.1f} ms, **{volunteers['lost']} lost**"),
              (f"- 10,000 messages: first list (reads and checks the catalogue) "
               f"{large['first']:.0f} ms; save p95 {large['save_p95']:.0f} ms"), ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=30.0, help="volunteers' run (default 30)")
    p.add_argument("--out", type=Path, default=HERE / "RESULTS-web.md")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reclaim-web-bench-") as tmp:
        server = Server(shipped_copy(Path(tmp)))
        try:
            campaign = bench_campaign(server)
            volunteers = bench_volunteers(server, seconds=args.seconds)
        finally:
            server.stop()
        server = Server(large_project(Path(tmp)))
        try:
            large = bench_large(server)
        finally:
            server.stop()
    text = render(campaign, volunteers, large)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 1 if volunteers["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
