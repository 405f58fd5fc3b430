"""``make bench``: reclaim-i18n against GNU gettext, Babel and translate-toolkit.

Side by side, in one run, on the same files (the seeded corpora of ``bench/corpus.py``):

- ``update`` vs ``msgmerge`` (per file, default fuzzy matching) and ``pybabel update``,
  with merge quality: of the reworded messages, how many got the right old translation
  as fuzzy;
- the ``.mo`` part of ``build`` vs ``msgfmt`` and ``pybabel compile`` (the whole
  ``build`` is shown too);
- ``report --format json`` vs ``msgfmt --statistics`` and ``pocount``;
- ``check --locale de`` on the shipped campaign (wall time, start-up included) and a
  no-op second ``reclaim-i18n all`` (what ``make run`` runs) against a first one;
- peak memory (max RSS) of each, measured in a fresh child per command.

Every time is the wall time of the command(s) around ``subprocess.run``; the median of 3
when a run takes under 5 s, else 1 run. Compared rows run side by side, in turns (ours,
msgfmt, pybabel, ours …; the median of 5 turns when all are cheap), so that a slow
moment of the shared machine falls on all of them. Slow comparators are capped (a
timed-out tool is shown as ``>cap``, and the ratio then is an upper bound); a tool run on a subset of
catalogues is scaled linearly to the catalogues ours covered. Every row a target
compares (update, the .mo part, report, and the tools beside them) covers all 29
catalogues, as the targets say; by default the large corpus runs the reference rows
(``build`` whole, ``report --checks``) on 3 of them and caps the slow comparators, so
the bench stays within a few minutes; ``--full`` runs everything on all 29.
``--profile`` adds cProfile / ``-X importtime`` profiles of our commands.

Writes ``bench/RESULTS.md`` and prints the same tables. Executables are looked up next
to the running Python first (a venv), then on PATH; a missing tool is skipped with a line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus

CHEAP = 5.0               # seconds: below this, take the median of 3 runs
ROUNDS_CHEAP = 5          # turns of compared rows that are all cheap (side by side)
NO_MSGFMT = "msgfmt not found: install GNU gettext (apt-get install gettext)"
NO_PYBABEL = "pybabel not found (pip install babel)"
SUBSET = ("de", "fr", "pl")   # large corpus, default mode: build (whole), report --checks
TARGETS = {"update_campaign": 0.25, "update_large": 0.05, "check_seconds": 0.3,
           "noop": 0.10, "memory_mb": 300.0}

# Runs commands one after another in a fresh process: wall time of the commands only,
# and the peak RSS of the children (ru_maxrss of RUSAGE_CHILDREN is a maximum).
MEASURE = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
cap, codes, err, timed_out = spec.get("cap"), [], "", False
start = time.perf_counter()
for cmd in spec["cmds"]:
    left = None if cap is None else cap - (time.perf_counter() - start)
    if left is not None and left <= 0:
        timed_out = True
        break
    try:
        p = subprocess.run(cmd, cwd=spec.get("cwd"), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=left)
    except subprocess.TimeoutExpired:
        timed_out = True
        break
    codes.append(p.returncode)
    if p.returncode not in spec["ok"] and not err:
        err = " ".join(cmd[:3]) + ": " + p.stderr.decode("utf-8", "replace")[-600:]
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
rss = rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": rss, "codes": codes, "error": err,
                  "timed_out": timed_out}))
"""

# The .mo part of ``build`` alone: read each catalogue, compile it with the project's
# own writer, write the file; over both cores through reclaim_i18n.parallel (as build
# spreads its per-language work), interpreter start-up included. The real build also
# leaves out entries with check errors (that needs the checks: see "build (whole)").
MO_ONLY = r"""
import sys
from pathlib import Path
from reclaim_i18n.build.mo import write_mo
from reclaim_i18n.config import load_config
from reclaim_i18n.parallel import ordered_map
from reclaim_i18n.plurals.catalog import catalog_plurals
from reclaim_i18n.pofile import read_po

def compile_one(config, code):
    catalog = read_po(config.po_path(code))
    nplurals, expr = catalog_plurals(catalog, code)
    return code, write_mo(catalog, frozenset(), nplurals, expr)

config, out = load_config(Path(sys.argv[1])), Path(sys.argv[2])
for code, data in ordered_map(compile_one, config, sys.argv[3:] or config.languages):
    (out / (code + ".mo")).write_bytes(data)
"""


# ------------------------------------------------------------------------ tools


def find(name: str) -> str | None:
    """An executable next to the running Python first (the venv), then on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() and os.access(here, os.X_OK) else shutil.which(name)


def ours() -> list[str]:
    exe = find("reclaim-i18n")
    return [exe] if exe else [sys.executable, "-m", "reclaim_i18n"]


def ensure_pocount(log) -> str | None:
    """translate-toolkit's pocount; installed into this Python's environment if missing."""
    exe = find("pocount")
    if exe or os.environ.get("BENCH_NO_INSTALL"):
        return exe
    log("pocount not found: installing translate-toolkit with pip (BENCH_NO_INSTALL=1 "
        "to skip)")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "translate-toolkit"],
                   check=False)
    return find("pocount")


def toolkit_version() -> str:
    """translate-toolkit's version (pocount has no --version), from pocount's Python."""
    exe = Path(find("pocount"))
    python = exe.parent / "python"
    try:
        first = exe.read_text(errors="replace").splitlines()[0]
        if first.startswith("#!") and not python.exists():
            python = Path(first[2:].strip().split()[0])
    except (OSError, IndexError):
        pass
    return "translate-toolkit " + version([str(python), "-c", ("from importlib.metadata "
                                           "import version; print(version('translate-toolkit'))")])


def version(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (p.stdout or p.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


# ------------------------------------------------------------------ measuring


@dataclass
class Row:
    scale: str
    task: str
    tool: str
    command: str
    seconds: float | None = None   # measured, over ``covered`` catalogues
    peak_mb: float | None = None
    runs: int = 0
    covered: int = 29              # catalogues the measurement covers
    capped: bool = False           # timed out: ``seconds`` is a lower bound
    ours: bool = False
    note: str = ""
    skipped: str = ""              # why not measured
    all_runs: list[float] = field(default_factory=list)


class Bench:
    def __init__(self, args, log=print):
        self.args, self.log = args, log
        self.tmp = Path(tempfile.mkdtemp(prefix="reclaim-bench-"))
        self.rows: list[Row] = []
        self.quality: list[dict] = []
        self.profiles: list[str] = []
        self.history: list[str] = []   # --history: RESULTS.md lines
        self.exe = ours()
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}

    def measure_once(self, cmds: list[list[str]], cwd=None, cap=None, ok=(0,)) -> dict:
        spec = json.dumps({"cmds": cmds, "cwd": str(cwd) if cwd else None, "cap": cap,
                           "ok": list(ok)})
        p = subprocess.run([sys.executable, "-c", MEASURE, spec], capture_output=True,
                           text=True, env=self.env, check=False)
        if p.returncode != 0:
            raise RuntimeError(f"measuring failed: {p.stderr[-800:]}")
        result = json.loads(p.stdout.strip().splitlines()[-1])
        if result["error"]:
            raise RuntimeError(result["error"])
        return result

    def measure(self, row: Row, make_cmds, prepare=None, cap=None, ok=(0,), repeat=None):
        """Run (fresh inputs from ``prepare`` each time); median of 3 if cheap."""
        results = []
        want = repeat or 1
        while len(results) < want:
            where = prepare(len(results)) if prepare else None
            try:
                results.append(self.measure_once(make_cmds(where), cap=cap, ok=ok))
            except RuntimeError as exc:
                return self._failed(row, exc)
            first = results[0]
            if repeat is None and len(results) == 1 and first["seconds"] < CHEAP \
                    and not first["timed_out"]:
                want = 3
        return self._record(row, results)

    def measure_side_by_side(self, specs: list[tuple]) -> None:
        """Rows that are compared, run in turns (ours, theirs, ours, theirs …) so that a
        slow moment of a shared machine falls on all of them alike; median of
        ``ROUNDS_CHEAP`` turns when every first run is cheap, else one. ``specs``:
        (row, make_cmds, prepare or None, ok) for each."""
        results: list[list[dict]] = [[] for _ in specs]
        rounds, turn = 1, 0
        while turn < rounds:
            for i, (row, make_cmds, prepare, ok) in enumerate(specs):
                if row.skipped:
                    continue
                where = prepare(turn) if prepare else None
                try:
                    results[i].append(self.measure_once(make_cmds(where), ok=ok))
                except RuntimeError as exc:
                    self._failed(row, exc, keep=False)
            if turn == 0 and all(r[0]["seconds"] < CHEAP for r in results if r):
                rounds = ROUNDS_CHEAP
            turn += 1
        for i, (row, *_rest) in enumerate(specs):  # in the order given
            if row.skipped:
                self.rows.append(row)
            else:
                self._record(row, results[i])

    def beside(self, specs: list[tuple], row: Row, exe: str | None, missing: str,
               make_cmds) -> None:
        """Add a comparator to ``specs`` for :meth:`measure_side_by_side`, or skip its row
        with ``missing`` when its executable ``exe`` was not found."""
        if exe:
            specs.append((row, make_cmds, None, (0,)))
        else:
            self.skip(row, missing)

    def _failed(self, row: Row, exc: Exception, keep: bool = True) -> Row:
        row.skipped = f"failed: {str(exc).strip()[:300]}"
        self.log(f"  {row.tool}: {row.skipped}")
        if keep:
            self.rows.append(row)
        return row

    def _record(self, row: Row, results: list[dict]) -> Row:
        row.all_runs = [r["seconds"] for r in results]
        row.seconds = statistics.median(row.all_runs)
        row.peak_mb = max(r["peak_mb"] for r in results)
        row.runs = len(results)
        row.capped = any(r["timed_out"] for r in results)
        self.rows.append(row)
        self.log(f"  {row.tool:<34} {fmt_s(row)}  {row.peak_mb:7.1f} MB  ({row.runs} run"
                 f"{'s' if row.runs > 1 else ''}{', capped' if row.capped else ''})")
        return row

    def skip(self, row: Row, why: str) -> Row:
        row.skipped = why
        self.rows.append(row)
        self.log(f"  {row.tool}: skipped ({why})")
        return row

    def copy(self, src: Path, name: str, new_template: bool = False) -> Path:
        """A fresh copy of a corpus (project files only), optionally with new.pot."""
        dst = self.tmp / name
        if dst.exists():
            shutil.rmtree(dst)
        dst.mkdir(parents=True)
        for part in ("pyproject.toml", "new.pot"):
            if (src / part).exists():
                shutil.copy2(src / part, dst / part)
        for part in ("source_content", "locales"):
            shutil.copytree(src / part, dst / part)
        if new_template:
            shutil.copy2(dst / "new.pot", dst / "locales" / "messages.pot")
        return dst

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def fmt_s(row: Row) -> str:
    if row.seconds is None:
        return "       -"
    return (">" if row.capped else " ") + f"{row.seconds:7.2f} s"


def po_paths(root: Path, codes) -> list[Path]:
    from reclaim_i18n.locales import gettext_code

    return [root / "locales" / gettext_code(c) / "LC_MESSAGES" / "messages.po" for c in codes]


# ------------------------------------------------------------------------ update


def bench_update(b: Bench, scale: str, src: Path, codes: tuple[str, ...]) -> None:
    b.log(f"[{scale}] update: {len(codes)} catalogues; template edited (reworded, removed, added)")
    last = {}

    def prepare(i):
        last["dir"] = b.copy(src, f"{scale}-update-{i}", new_template=True)
        return last["dir"]

    sel = [] if len(codes) == len(corpus.LANGUAGES) else [a for c in codes for a in ("-l", c)]
    row = Row(scale, "update", "reclaim-i18n update", "reclaim-i18n --project $COPY update"
              + "".join(f" -l {c}" for c in sel[1::2]), covered=len(codes), ours=True)
    b.measure(row, lambda d: [[*b.exe, "--project", str(d), "update", *sel]], prepare)
    if not row.skipped:
        b.quality.append(merge_quality(scale, "reclaim-i18n update", src, last["dir"], codes))
    bench_msgmerge(b, scale, src, codes)
    bench_pybabel_update(b, scale, src)


def bench_msgmerge(b: Bench, scale: str, src: Path, codes) -> None:
    row = Row(scale, "update", "msgmerge", "msgmerge --quiet -o $OUT/<ll>.po "
              "locales/<ll>/LC_MESSAGES/messages.po new.pot   (per catalogue)")
    exe = find("msgmerge")
    if not exe:
        b.skip(row, "msgmerge not found: install GNU gettext (apt-get install gettext)")
        return
    subset = codes if scale == "campaign" else ("de",)
    cap = None if scale == "campaign" else b.args.msgmerge_cap
    out = b.tmp / f"{scale}-msgmerge"
    out.mkdir(exist_ok=True)
    row.covered = len(subset)
    if len(subset) < len(codes):
        row.note = f"{', '.join(subset)} only, scaled to {len(codes)}" + (
            f"; capped at {cap:.0f} s" if cap else "")
    cmds = [[exe, "--quiet", "-o", str(out / f"{c}.po"), str(p), str(src / "new.pot")]
            for c, p in zip(subset, po_paths(src, subset))]
    b.measure(row, lambda _: cmds, cap=cap, repeat=None if cap is None else 1)
    if not row.skipped and not row.capped:
        b.quality.append(merge_quality(scale, "msgmerge", src, out, subset, flat=True))
    # exact matching only (no fuzzy search): what our update, fuzzy included, must beat
    exact = Row(scale, "update", "msgmerge -N", "msgmerge -N --quiet -o $OUT/<ll>.po "
                "locales/<ll>/LC_MESSAGES/messages.po new.pot   (per catalogue)",
                covered=len(codes))
    cmds = [[exe, "-N", "--quiet", "-o", str(out / f"{c}.po"), str(p), str(src / "new.pot")]
            for c, p in zip(codes, po_paths(src, codes))]
    b.measure(exact, lambda _: cmds, cap=cap, repeat=None if cap is None else 1)


def bench_pybabel_update(b: Bench, scale: str, src: Path) -> None:
    row = Row(scale, "update", "pybabel update", "pybabel -q update -i new.pot -d locales "
              "-D messages -l <ll>   (per catalogue)")
    exe = find("pybabel")
    if scale != "campaign":
        b.skip(row, "campaign scale only (it needs minutes per catalogue there already)")
        return
    if not exe:
        b.skip(row, NO_PYBABEL)
        return
    subset = ("de",)
    row.covered = len(subset)
    row.note = f"{', '.join(subset)} only, scaled to 29; capped at {b.args.pybabel_cap:.0f} s"
    copy = b.copy(src, f"{scale}-pybabel-update")
    cmds = [[exe, "-q", "update", "-i", str(copy / "new.pot"), "-d", str(copy / "locales"),
             "-D", "messages", "-l", c] for c in subset]
    b.measure(row, lambda _: cmds, cap=b.args.pybabel_cap, repeat=1)
    if not row.skipped and not row.capped:
        b.quality.append(merge_quality(scale, "pybabel update", src, copy, subset))


# ------------------------------------------------------------------ merge quality


def merge_quality(scale, tool, src: Path, out: Path, codes, flat=False) -> dict:
    """Of the reworded messages whose old entry had a translation: how many updated
    catalogues offer exactly that translation as fuzzy (right), another (wrong), none."""
    from reclaim_i18n.pofile import read_po

    info = json.loads((src / "corpus.json").read_text())
    changes = info["changes"]
    keys = ("chances", "right", "wrong", "none", "added", "added_guessed")
    score = {"scale": scale, "tool": tool, "codes": list(codes), "per_code": {},
             **dict.fromkeys(keys, 0)}
    old_paths = po_paths(src, codes)
    new_paths = [out / f"{c}.po" for c in codes] if flat else po_paths(out, codes)
    for code, old_path, new_path in zip(codes, old_paths, new_paths):
        one = dict.fromkeys(keys, 0)
        old = read_po(old_path).index()
        new = read_po(new_path).index()
        for e in changes["edited"]:
            before = old.get((e["msgctxt"], e["old"]))
            if before is None or not before.has_translation:
                continue
            one["chances"] += 1
            after = new.get((e["msgctxt"], e["new"]))
            if after is None or not after.has_translation:
                one["none"] += 1
            elif after.fuzzy and after.translations == before.translations:
                one["right"] += 1
            else:
                one["wrong"] += 1
        for ctxt, text in changes["added"]:
            after = new.get((ctxt, text))
            one["added"] += 1
            one["added_guessed"] += bool(after is not None and after.has_translation)
        score["per_code"][code] = one
        for k in keys:
            score[k] += one[k]
    return score


# ------------------------------------------------------------------ compile, stats


def selection(codes) -> list[str]:
    return [] if len(codes) == 29 else [a for c in codes for a in ("--locale", c)]


def bench_compile(b: Bench, scale: str, src: Path, codes, subset) -> None:
    """``codes`` for the compared rows, ``subset`` for the whole build (a reference)."""
    b.log(f"[{scale}] compile (.mo): {len(codes)} catalogues")
    n = len(codes)
    out = b.tmp / f"{scale}-mo"
    out.mkdir(exist_ok=True)
    row = Row(scale, "compile", "reclaim-i18n .mo part", "python -c '<read_po + build.mo."
              "write_mo per catalogue>' $COPY $OUT", covered=n, ours=True,
              note="both cores, start-up included; no checks")
    specs = [(row, lambda d: [[sys.executable, "-c", MO_ONLY, str(d), str(out), *codes]],
              lambda i: b.copy(src, f"{scale}-mo-{i}"), (0,))]
    msgfmt = find("msgfmt")
    b.beside(specs, Row(scale, "compile", "msgfmt", "msgfmt -o $OUT/<ll>.mo <po>   (per "
                        "catalogue)", covered=n), msgfmt, NO_MSGFMT,
             lambda _: [[msgfmt, "-o", str(out / f"{c}.gnu.mo"), str(p)]
                        for c, p in zip(codes, po_paths(src, codes))])
    pybabel = find("pybabel")
    copy = b.copy(src, f"{scale}-pybabel-compile") if pybabel else src
    base = [pybabel, "-q", "compile", "-d", str(copy / "locales"), "-D", "messages"]
    b.beside(specs, Row(scale, "compile", "pybabel compile", "pybabel -q compile -d "
                        "$COPY/locales -D messages" + ("" if n == 29 else " -l <ll>   (per "
                                                      "catalogue)"), covered=n),
             pybabel, NO_PYBABEL,
             lambda _: [base] if n == 29 else [[*base, "-l", c] for c in codes])
    b.measure_side_by_side(specs)
    sel = selection(subset)
    row = Row(scale, "compile", "reclaim-i18n build (whole)", "reclaim-i18n --project $COPY "
              "build --out $COPY/build" + "".join(f" --locale {c}" for c in sel[1::2]),
              covered=len(subset), ours=True, note="clean build: checks, .mo, bundles, site")
    b.measure(row, lambda d: [[*b.exe, "--project", str(d), "build", "--out",
                               str(d / "build"), *sel]],
              prepare=lambda i: b.copy(src, f"{scale}-build-{i}"))


def bench_stats(b: Bench, scale: str, src: Path, codes, subset) -> None:
    """``codes`` for the compared rows, ``subset`` for ``report --checks`` (a reference)."""
    b.log(f"[{scale}] statistics: {len(codes)} catalogues")
    n = len(codes)
    sel = selection(codes)
    shown = "".join(f" --locale {c}" for c in sel[1::2])
    row = Row(scale, "statistics", "reclaim-i18n report --format json",
              "reclaim-i18n --project $COPY report --format json" + shown, covered=n,
              ours=True, note="fresh copy: no build/.cache")
    last = {}

    def fresh(i):
        last["dir"] = b.copy(src, f"{scale}-report-{i}")
        return last["dir"]

    def report(d):
        return [[*b.exe, "--project", str(d), "report", "--format", "json", *sel]]
    specs = [(row, report, fresh, (0, 1))]
    msgfmt = find("msgfmt")
    b.beside(specs, Row(scale, "statistics", "msgfmt --statistics", "msgfmt --statistics -o "
                        "/dev/null <po>   (per catalogue)", covered=n), msgfmt, NO_MSGFMT,
             lambda _: [[msgfmt, "--statistics", "-o", os.devnull, str(p)]
                        for p in po_paths(src, codes)])
    pocount = ensure_pocount(b.log)
    b.beside(specs, Row(scale, "statistics", "pocount", "pocount <all the catalogues>",
                        covered=n), pocount, "pocount not found (pip install translate-toolkit)",
             lambda _: [[pocount, *map(str, po_paths(src, codes))]])
    b.measure_side_by_side(specs)
    if not row.skipped:
        b.measure(Row(scale, "statistics", "reclaim-i18n report (warm cache)",
                      "the same command again on the same copy" + shown, covered=n,
                      ours=True, note="build/.cache from the run before"),
                  report, prepare=lambda i: last["dir"], ok=(0, 1))
    checked = selection(subset)
    b.measure(Row(scale, "statistics", "reclaim-i18n report --checks", "reclaim-i18n "
                  "--project $COPY report --format json --checks"
                  + "".join(f" --locale {c}" for c in checked[1::2]), covered=len(subset),
                  ours=True, note="fresh copy; every check run to count findings"),
              lambda d: [[*b.exe, "--project", str(d), "report", "--format", "json",
                          "--checks", *checked]],
              prepare=lambda i: b.copy(src, f"{scale}-report-checks-{i}"), ok=(0, 1))


# ---------------------------------------------------------------- shipped project


def shipped_copy(b: Bench, name: str) -> Path:
    """pyproject.toml, source_content/ and locales/ of the shipped project (no build/)."""
    dst = b.tmp / name
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", dst / "pyproject.toml")
    for part in ("source_content", "locales"):
        shutil.copytree(ROOT / part, dst / part)
    return dst


def bench_shipped(b: Bench) -> None:
    b.log("[shipped] check --locale de, start-up; make run (reclaim-i18n all): full vs no-op")
    def check(d):
        return [[*b.exe, "--project", str(d), "check", "--locale", "de"]]
    warm = shipped_copy(b, "shipped-check")
    b.measure_once(check(warm), ok=(0, 1))   # warm-up: bytecode, file cache, build/.cache
    b.measure(Row("shipped", "check", "reclaim-i18n check --locale de",
                  "reclaim-i18n --project $COPY check --locale de", covered=1, ours=True,
                  note="fresh copy of the project each run: no build/.cache"),
              check, prepare=lambda i: shipped_copy(b, f"shipped-check-{i}"), ok=(0, 1),
              repeat=5)
    b.measure(Row("shipped", "check", "reclaim-i18n check --locale de (warm cache)",
                  "the same, run again in a copy that has build/.cache", covered=1, ours=True,
                  note="what a translator's second run sees"),
              check, prepare=lambda i: warm, ok=(0, 1), repeat=5)
    b.measure(Row("shipped", "check", "reclaim-i18n --version", "reclaim-i18n --version",
                  covered=1, ours=True, note="start-up of the CLI alone"),
              lambda _: [[*b.exe, "--version"]], repeat=5)
    b.measure(Row("shipped", "check", "python -c pass", f"{Path(sys.executable).name} -c pass",
                  covered=1, note="the interpreter alone"),
              lambda _: [[sys.executable, "-c", "pass"]], repeat=5)
    copies = {}

    def fresh(i):
        copies[i] = shipped_copy(b, f"shipped-{i}")
        return copies[i]

    full = Row("shipped", "make run", "reclaim-i18n all (first run)",
               "reclaim-i18n --project $COPY all   (fresh copy, no build/)", covered=29,
               ours=True)
    noop = Row("shipped", "make run", "reclaim-i18n all (no-op second run)",
               "reclaim-i18n --project $COPY all   (again, nothing changed)", covered=29,
               ours=True)
    # in turns: each no-op right after the first run it follows, so the ratio compares
    # the two at the same moment of a shared machine
    b.measure_side_by_side([
        (full, lambda d: [[*b.exe, "--project", str(d), "all"]], fresh, (0,)),
        (noop, lambda d: [[*b.exe, "--project", str(d), "all"]], lambda i: copies[i], (0,))])


# ---------------------------------------------------------------------- profiles


def bench_profiles(b: Bench, src: Path, codes) -> None:
    """cProfile of update, build and report on the large corpus; check's start-up."""
    b.log("[profile] cProfile on the large corpus; -X importtime of check --locale de")
    try:
        _profiles(b, src, codes)
    except Exception as exc:  # noqa: BLE001 - the measurements so far are still written
        b.profiles.append(f"(profiling stopped: {type(exc).__name__}: {exc})")
        b.log(f"  profiling stopped: {exc}")


def _profiles(b: Bench, src: Path, codes) -> None:
    sel = selection(codes)
    where = "all 29 catalogues" if not sel else f"{', '.join(codes)}"
    copy = b.copy(src, "profile-update", new_template=True)
    b.profiles.append(profile(b, "update (large, all 29 catalogues)",
                              ["--project", str(copy), "update"]))
    copy = b.copy(src, "profile-build")
    b.profiles.append(profile(b, f"build (large, {where}, clean)",
                              ["--project", str(copy), "build", "--out", str(copy / "build"),
                               *sel]))
    out = b.tmp / "profile-mo"
    out.mkdir(exist_ok=True)
    copy = b.copy(src, "profile-mo")
    b.profiles.append(profile(b, f".mo part (large, {where}): read_po + write_mo",
                              [str(copy), str(out), *codes], script=MO_ONLY))
    b.profiles.append(memory_anatomy(b, src, codes[0]))
    copy = b.copy(src, "profile-report")
    b.profiles.append(profile(b, f"report --format json (large, {where}, no cache)",
                              ["--project", str(copy), "report", "--format", "json", *sel]))
    shipped = shipped_copy(b, "profile-check")
    b.profiles.append(profile(b, "check --locale de (shipped, no cache)",
                              ["--project", str(shipped), "check", "--locale", "de"]))
    b.profiles.append(import_times(b, shipped))
    shipped = shipped_copy(b, "profile-all")
    subprocess.run([*b.exe, "--project", str(shipped), "all"], env=b.env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    b.profiles.append(profile(b, "all, no-op second run (shipped project)",
                              ["--project", str(shipped), "all"]))


def profile(b: Bench, title: str, args: list[str], top: int = 14, script: str = "") -> str:
    """cProfile of the CLI (or of ``script``, run as a file): self and cumulative time."""
    import pstats

    prof = b.tmp / f"profile-{len(b.profiles)}.prof"
    target = ["-m", "reclaim_i18n"]
    if script:
        (b.tmp / "script.py").write_text(script, encoding="utf-8")
        target = [str(b.tmp / "script.py")]
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), *target, *args],
                   env=b.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    rows = [(key, value) for key, value in stats.stats.items()]
    own = sorted(rows, key=lambda kv: -kv[1][2])[:top]
    ours_cum = sorted((kv for kv in rows if "reclaim_i18n" in kv[0][0]
                       and kv[1][3] < 0.97 * total), key=lambda kv: -kv[1][3])[:top]
    lines = [f"### {title}: {total:.2f} s under cProfile", "",
             "Self time (where the CPU goes):", "", "```",
             f"{'self s':>8} {'cum s':>8} {'calls':>9}  function"]
    lines += [_prof_line(k, v) for k, v in own]
    lines += ["```", "", "Cumulative time, reclaim_i18n functions (what calls it):", "", "```",
              f"{'self s':>8} {'cum s':>8} {'calls':>9}  function"]
    lines += [_prof_line(k, v) for k, v in ours_cum]
    lines += ["```", ""]
    b.log(f"  {title}: {total:.2f} s")
    return "\n".join(lines)


# What one parsed catalogue costs in memory, and where it is allocated (tracemalloc).
ANATOMY = r"""
import sys, tracemalloc
from reclaim_i18n.pofile import read_po
tracemalloc.start()
catalog = read_po(sys.argv[1])
current, peak = tracemalloc.get_traced_memory()
snap = tracemalloc.take_snapshot()
print(f"{len(catalog.source_bytes) / 2**20:.1f} MB file, {len(catalog.messages)} entries: "
      f"{current / 2**20:.1f} MB held after read_po, {peak / 2**20:.1f} MB peak while parsing")
for stat in snap.statistics("lineno")[:8]:
    frame = stat.traceback[0]
    path = frame.filename.replace("\\", "/").split("/src/")[-1].split("/lib/")[-1]
    print(f"{stat.size / 2**20:8.1f} MB {stat.count:9d} blocks  {path}:{frame.lineno}")
"""


def memory_anatomy(b: Bench, src: Path, code: str) -> str:
    path = po_paths(src, (code,))[0]
    p = subprocess.run([sys.executable, "-c", ANATOMY, str(path)], env=b.env,
                       capture_output=True, text=True, check=False)
    lines = (p.stdout or p.stderr).strip().splitlines()
    b.log(f"  memory of one parsed catalogue: {lines[0] if lines else '?'}")
    return "\n".join([f"### Memory: one parsed catalogue (large, {code}; tracemalloc)", "",
                      "```", *lines, "```", ""])


def _prof_line(key, value) -> str:
    path, line, func = key
    _, calls, tt, ct, _ = value
    return f"{tt:8.2f} {ct:8.2f} {calls:9d}  {short_path(path)}:{line}({func})"


def short_path(path: str) -> str:
    path = path.replace(os.sep, "/")
    for marker in ("/src/reclaim_i18n/", "/site-packages/", "/lib/python"):
        at = path.find(marker)
        if at >= 0:
            rest = path[at + len(marker):]
            return ("src/reclaim_i18n/" + rest) if "reclaim_i18n" in marker else rest
    return path


def import_times(b: Bench, project: Path, top: int = 12) -> str:
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "reclaim_i18n", "--project",
                        str(project), "check", "--locale", "de"], env=b.env,
                       capture_output=True, text=True, check=False)
    modules = []
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, cum_us, raw = line[len("import time:"):].split("|", 2)
        depth = len(raw) - len(raw.lstrip()) - 1
        modules.append((int(cum_us), int(self_us), raw.strip(), depth))
    total = sum(m[0] for m in modules if m[3] == 0) / 1e6
    heavy = sorted((m for m in modules if m[3] <= 4), key=lambda m: -m[0])[:top]
    lines = [f"### check --locale de: imports take {total:.2f} s (python -X importtime)", "",
             "```", f"{'cum ms':>8} {'self ms':>8}  module (indent = imported by the line above)"]
    lines += [f"{c / 1000:8.1f} {s / 1000:8.1f}  {'  ' * (d // 2)}{n}" for c, s, n, d in heavy]
    lines += ["```", ""]
    b.log(f"  imports of check: {total:.2f} s")
    return "\n".join(lines)


# ------------------------------------------------------------------ ratios, targets


def find_row(b: Bench, scale: str, tool: str) -> Row | None:
    for row in b.rows:
        if row.scale == scale and row.tool == tool:
            return row
    return None


def ratio(our: Row | None, their: Row | None) -> tuple[float | None, str]:
    """ours ÷ theirs, the comparator scaled to the catalogues ours covered; '<' when the
    comparator was capped (its time is a lower bound, so the ratio an upper bound)."""
    if not our or not their or our.seconds is None or their.seconds is None:
        return None, ""
    theirs = their.seconds * our.covered / their.covered
    return our.seconds / theirs, "<" if their.capped else ""


def fmt_ratio(value: tuple[float | None, str]) -> str:
    r, bound = value
    return "n/a" if r is None else f"{bound}{r:.3f}"


OURS_FOR = {"update": "reclaim-i18n update", "compile": "reclaim-i18n .mo part",
            "statistics": "reclaim-i18n report --format json"}   # the row targets compare


def targets(b: Bench) -> list[tuple[str, str, str]]:
    """(target, measured, verdict)."""
    out = []

    def verdict(value, limit, bound=""):
        if value is None:
            return "not measured"
        return "met" if value <= limit else ("unknown (upper bound above target)"
                                             if bound == "<" else "NOT met")

    for scale, limit in (("campaign", TARGETS["update_campaign"]),
                         ("large", TARGETS["update_large"])):
        if not find_row(b, scale, "reclaim-i18n update"):
            continue
        r, bound = ratio(find_row(b, scale, "reclaim-i18n update"), find_row(b, scale, "msgmerge"))
        out.append((f"update ÷ msgmerge, {scale} ≤ {limit}", fmt_ratio((r, bound)),
                    verdict(r, limit, bound)))
        r, bound = ratio(find_row(b, scale, "reclaim-i18n update"),
                         find_row(b, scale, "msgmerge -N"))
        out.append((f"update ÷ msgmerge -N (exact matching only), {scale} ≤ 1",
                    fmt_ratio((r, bound)), verdict(r, 1.0, bound)))
        q = quality_compare(b, scale)
        if q:
            out.append((f"update right fuzzy ≥ msgmerge's, {scale}", q[0], q[1]))
    for scale in ("campaign", "large"):
        for task, pairs in (("compile", (("msgfmt", 1.0), ("pybabel compile", 0.5))),
                            ("statistics", (("msgfmt --statistics", 1.0), ("pocount", 0.5)))):
            our = find_row(b, scale, OURS_FOR[task])
            if not our:
                continue
            for tool, limit in pairs:
                r, bound = ratio(our, find_row(b, scale, tool))
                out.append((f"{our.tool} ÷ {tool}, {scale} ≤ {limit}", fmt_ratio((r, bound)),
                            verdict(r, limit, bound)))
    for tool, label in (("reclaim-i18n check --locale de", "no cache"),
                        ("reclaim-i18n check --locale de (warm cache)", "warm build/.cache")):
        check = find_row(b, "shipped", tool)
        if check and check.seconds is not None:
            out.append((f"check --locale de (shipped, {label}) < {TARGETS['check_seconds']} s",
                        f"{check.seconds:.3f} s",
                        verdict(check.seconds, TARGETS["check_seconds"])))
    r = ratio(find_row(b, "shipped", "reclaim-i18n all (no-op second run)"),
              find_row(b, "shipped", "reclaim-i18n all (first run)"))
    out.append((f"no-op run ÷ full run < {TARGETS['noop']}", fmt_ratio(r),
                verdict(r[0], TARGETS["noop"])))
    for row in b.rows:
        if row.scale == "large" and row.ours and row.peak_mb is not None:
            seen = verdict(row.peak_mb, TARGETS["memory_mb"])
            if row.covered < 29 and seen == "met":
                seen = f"met on {row.covered} of 29 only (memory grows with catalogues: --full)"
            out.append(((f"peak memory, large: {row.tool} ({row.covered} catalogues) "
                        f"< {TARGETS['memory_mb']:.0f} MB"), f"{row.peak_mb:.0f} MB", seen))
    return out


def quality_compare(b: Bench, scale: str) -> tuple[str, str] | None:
    ours_q = next((q for q in b.quality if q["scale"] == scale and q["tool"].startswith(
        "reclaim")), None)
    theirs = next((q for q in b.quality if q["scale"] == scale and q["tool"] == "msgmerge"),
                  None)
    if not ours_q:
        return None
    if not theirs:
        return "msgmerge not measured (capped)", "not measured"
    codes = theirs["codes"]
    mine = sum(ours_q["per_code"][c]["right"] for c in codes)
    return (f"{mine} vs {theirs['right']} of {theirs['chances']} ({len(codes)} catalogues)",
            "met" if mine >= theirs["right"] else "NOT met")


# ------------------------------------------------------------------------ output


def table(b: Bench, scale: str) -> list[str]:
    lines = ["| task | tool | seconds | catalogues | peak MB | ours ÷ this | runs | note |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in (r for r in b.rows if r.scale == scale):
        our = find_row(b, scale, OURS_FOR.get(row.task, ""))
        rel = "" if row.ours or row.skipped or not our else fmt_ratio(ratio(our, row))
        if row.tool == "reclaim-i18n build (whole)":
            rel = "÷ msgfmt " + fmt_ratio(ratio(row, find_row(b, scale, "msgfmt")))
        secs = "—" if row.seconds is None else ((">" if row.capped else "")
                                                 + f"{row.seconds:.3f}")
        peak = "—" if row.peak_mb is None else f"{row.peak_mb:.0f}"
        note = row.skipped or row.note
        name = f"**{row.tool}**" if row.ours else row.tool
        lines.append(f"| {row.task} | {name} | {secs} | {row.covered} | {peak} | {rel} | "
                     f"{row.runs or '—'} | {note} |")
    return lines


def quality_table(b: Bench) -> list[str]:
    lines = [("| scale | tool | catalogues | reworded entries that had a translation | "
             "right old translation, fuzzy | another translation | none | added messages "
             "given a guess |"), "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for q in b.quality:
        pct = 100 * q["right"] / q["chances"] if q["chances"] else 0
        lines.append(f"| {q['scale']} | {q['tool']} | {len(q['codes'])} | {q['chances']} | "
                     f"{q['right']} ({pct:.1f} %) | {q['wrong']} | {q['none']} | "
                     f"{q['added_guessed']} of {q['added']} |")
    for q in b.quality:   # ours on the catalogues a capped comparator covered
        if q["tool"].startswith("reclaim") and len(q["codes"]) > 1:
            for other in b.quality:
                if other["scale"] == q["scale"] and other is not q and \
                        len(other["codes"]) < len(q["codes"]):
                    sub = {k: sum(q["per_code"][c][k] for c in other["codes"])
                           for k in ("chances", "right", "wrong", "none")}
                    lines.append(f"| {q['scale']} | {q['tool']} on {', '.join(other['codes'])}"
                                 f" | {len(other['codes'])} | {sub['chances']} | {sub['right']}"
                                 f" | {sub['wrong']} | {sub['none']} | |")
    return lines


def machine_info() -> list[str]:
    cpu = platform.processor() or "?"
    mem = "?"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(line.split(":", 1)[1].strip() for line in info.splitlines()
                   if line.startswith("model name"))
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                  .splitlines() if line.startswith("MemTotal"))
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    tools = [("reclaim-i18n", [*ours(), "--version"]), ("msgmerge", ["msgmerge", "--version"]),
             ("pybabel", ["pybabel", "--version"])]
    versions = []
    for name, cmd in tools:
        exe = find(cmd[0]) if cmd[0] != ours()[0] else cmd[0]
        versions.append(f"{name}: {version([exe, *cmd[1:]]) if exe else 'not found'}")
    versions.append("pocount: " + (toolkit_version() if find("pocount") else "not found"))
    return [(f"- {platform.platform()}; Python {platform.python_version()} "
            f"({sys.executable})"),
            f"- CPU: {cpu}; {os.cpu_count()} logical CPUs; memory {mem}",
            f"- reclaim-i18n source: {git_state()}",
            f"- load average (1, 5, 15 min) when the run started: {load}",
            (f"- PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} "
            "(bench/run.py compiles src/ to bytecode first, as `make run` does)"),
            "- " + "; ".join(versions)]


def git_state() -> str:
    def git(*args):
        p = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                           check=False)
        return p.stdout.strip() if p.returncode == 0 else ""

    head = git("log", "-1", "--format=%h %s")
    dirty = git("status", "--porcelain", "--", "src")
    changed = len(dirty.splitlines()) if dirty else 0
    return (f"commit {head or '?'}" + (f", with {changed} uncommitted change(s) under src/"
                                       if changed else ", src/ clean"))


def corpus_lines(scales) -> list[str]:
    lines = []
    for scale in scales:
        info = json.loads((corpus.CORPUS / scale / "corpus.json").read_text())
        mix = info["mix"]["de"]
        total = sum(mix.values())
        lines.append(
            f"- **{scale}**: {info['messages']} messages in the old template, "
            f"{info['new_messages']} in the edited one ({info['edited']} reworded by one or "
            f"two words, {info['removed']} removed, {info['added']} added), "
            f"{info['locales']} catalogues (de: {100 * mix['translated'] / total:.0f} % "
            f"translated, {100 * mix['fuzzy'] / total:.0f} % fuzzy); seed {info['seed']}")
    return lines


def render(b: Bench, scales, started: str, seconds: float, gen_seconds: float,
           machine: list[str]) -> str:
    mode = "full (every command on all 29 catalogues)" if b.args.full else (
        f"default: every compared command on all 29 catalogues; at large scale build "
        f"(whole) and report --checks on {', '.join(SUBSET)}; slow comparators capped")
    out = ["# Benchmark results", "",
           f"`make bench` (`bench/run.py{' ' + ' '.join(sys.argv[1:]) if sys.argv[1:] else ''}`"
           f"), {started}. Mode: {mode}. The run took {seconds:.0f} s"
           + (f" (of which {gen_seconds:.0f} s generating corpora)" if gen_seconds > 1 else "")
           + ".", "", "## Machine", "", *machine, "", "## Corpora (bench/corpus.py)", "",
           *corpus_lines(scales), "",
           "## How to read", "",
           ("- *seconds*: wall time of the command(s), interpreter start-up included; the "
           "median of 3 runs when a run takes under 5 s, else 1. Compared rows (the .mo "
           "part, msgfmt, pybabel compile; report, msgfmt --statistics, pocount; a first "
           "`all` and the no-op one after it) run in "
           f"turns, one after the other, {ROUNDS_CHEAP} turns when all are under 5 s, so "
           "that a slow moment of the shared machine falls on each alike; their median is "
           "over those turns. Per-catalogue tools run "
           "once per catalogue, one after the other (msgmerge uses both CPUs via OpenMP)."),
           ("- *catalogues*: how many the measurement covers. *ours ÷ this*: our time "
           "divided by the tool's, the tool scaled linearly to the catalogues ours covered; "
           "below 1 we are faster. `>` marks a tool stopped at its cap (its time is a lower "
           "bound, so `<` ratios are upper bounds)."),
           ("- *peak MB*: the largest resident set of any one of the command's processes "
           "(`ru_maxrss` of a fresh parent). reclaim-i18n's `build`, `report` and the .mo "
           "part fork one worker per core (2 here), each holding one catalogue at a time, "
           "so the machine-wide peak can be up to the parent's plus two workers'."),
           ("- Caches: reclaim-i18n keeps content-addressed memos in `build/.cache`. Every "
           "measurement of ours runs in a fresh copy without it (cold) unless the row says "
           "*warm cache*; the targets use the cold rows."),
           ("- Compile: *.mo part* reads each catalogue with `read_po` and writes it with "
           "`reclaim_i18n.build.mo.write_mo`, over both cores with `reclaim_i18n.parallel` "
           "as `build` does (no checks, so no entries are left out); *build (whole)* is the "
           "real `build` from a clean output folder (checks, .mo, bundles, i18next, Hugo, "
           "site, manifest)."),
           ("- Statistics: `report` counts progress, as `msgfmt --statistics` and `pocount` "
           "do; `report --checks` also runs every check to count findings (shown for "
           "reference; `make run` writes its reports that way)."), ""]
    for scale in (*scales, "shipped"):
        if any(r.scale == scale for r in b.rows):
            title = "Shipped project (copies of pyproject.toml, source_content/, locales/)" \
                if scale == "shipped" else \
                f"{scale.capitalize()} scale"
            out += [f"## {title}", "", *table(b, scale), ""]
    out += ["## Merge quality", "",
            ("Of the reworded messages (one or two words changed in a 40–120-word paragraph) "
            "whose old entry had a translation: in how many updated catalogues the new entry "
            "is fuzzy with exactly that old translation; and how many brand-new messages got "
            "some translation guessed for them (a guess there is noise for the translator)."),
            "", *quality_table(b), "", "## Targets", "",
            "| target | measured | verdict |", "| --- | --- | --- |"]
    out += [f"| {t} | {m} | {v} |" for t, m, v in targets(b)]
    out += ["", "## Commands", "", ("`$CORPUS` is `bench/corpus/<scale>`, `$COPY` a fresh "
            "copy of it (with `new.pot` over `locales/messages.pot` for `update`), `$OUT` a "
            "temporary folder."), ""]
    seen = set()
    for row in b.rows:
        if (row.tool, row.command) not in seen:
            seen.add((row.tool, row.command))
            out.append(f"- {row.tool}: `{row.command}`")
    if b.history:
        out += ["", *b.history]
    if b.profiles:
        out += ["", "## Profiles", "", *b.profiles]
    return "\n".join(out).rstrip() + "\n"


# -------------------------------------------------------------------------- main


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=("campaign", "large", "all"), default="all")
    p.add_argument("--full", action="store_true",
                   help="large corpus: every command on all 29 catalogues (much longer)")
    p.add_argument("--profile", action="store_true",
                   help="also profile update, build, report (large) and check's start-up")
    p.add_argument("--msgmerge-cap", type=float, default=45.0, metavar="S",
                   help="large corpus: stop msgmerge after S seconds (default 45; 0: none)")
    p.add_argument("--pybabel-cap", type=float, default=60.0, metavar="S",
                   help="stop pybabel update after S seconds (default 60)")
    p.add_argument("--history", action="store_true",
                   help="also merge Django's catalogues of two releases, ours vs msgmerge "
                        "(downloads two wheels with pip; skipped offline)")
    p.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = p.parse_args(argv)
    args.msgmerge_cap = args.msgmerge_cap or None
    return args


def main(argv=None) -> int:
    import time

    args = parse_args(argv)
    # bytecode ahead of time, as `make run` does and as any installed package has it
    # (with PYTHONDONTWRITEBYTECODE every start-up would compile our modules again)
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    b = Bench(args)
    scales = ("campaign", "large") if args.scale == "all" else (args.scale,)
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    machine = machine_info()
    t0 = time.perf_counter()
    try:
        gen = 0.0
        for scale in scales:
            g0 = time.perf_counter()
            src = corpus.ensure(scale)
            gen += time.perf_counter() - g0
            subset = corpus.LANGUAGES if scale == "campaign" or args.full else SUBSET
            bench_update(b, scale, src, corpus.LANGUAGES)
            bench_compile(b, scale, src, corpus.LANGUAGES, subset)
            bench_stats(b, scale, src, corpus.LANGUAGES, subset)
        bench_shipped(b)
        if args.history:
            import history

            b.log("[history] Django's catalogues, two releases")
            b.history = history.run(b.tmp / "history", b.log)
        if args.profile:
            bench_profiles(b, corpus.ensure("large"), SUBSET)
        ended = git_state()
        if ended not in machine[2]:
            machine.append(f"- the source changed during the run; at the end: {ended}")
        text = render(b, scales, started, time.perf_counter() - t0, gen, machine)
    finally:
        b.cleanup()
    print()
    print(text[text.index("## Campaign") if "## Campaign" in text else 0:]
          .split("## Commands")[0])
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if ROOT in args.out.parents else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
