"""Merge quality on a real project's history (``bench/run.py --history``).

Django ships its catalogues in its wheel (``django/conf/locale/<ll>/LC_MESSAGES/
django.po`` and one per ``django/contrib/*`` app; ``en`` is the template). The older release's catalogue of each language is
merged with the newer release's template, by ``reclaim_i18n.merge`` and by
``msgmerge``; the newer release's translations are the answer key. For each tool:

- *kept*: entries done after the merge; *kept by msgmerge, not by us* must be 0;
- *suggested*: new entries given a fuzzy translation whose answer exists;
  *close*: the suggestion is within ``CLOSE`` (rapidfuzz ratio) of what volunteers
  wrote in the newer release; *wrong*: the others;
- *carried*: new entries given a translation as done (English changed only in
  typography or a final full stop; msgmerge makes these fuzzy suggestions), and how
  many of them are close to the answer.

Downloads the two wheels with pip into a temporary folder (nothing is kept); skipped
cleanly when pip or the network cannot.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

OLD, NEW = "3.2", "5.0"
LANGUAGES = ("de", "fr", "es", "it", "pl", "cs", "nl", "pt_BR", "sv", "el", "fi", "hu")
CLOSE = 70.0
COUNTS = ("kept", "suggested", "close", "wrong", "carried", "carried close")
DOMAIN = "LC_MESSAGES/django.po"


def download(tmp: Path, log) -> dict[str, Path] | None:
    wheels = {}
    for version in (OLD, NEW):
        dest = tmp / f"django-{version}"
        dest.mkdir(parents=True, exist_ok=True)
        p = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                            f"django=={version}", "-d", str(dest)],
                           capture_output=True, text=True, timeout=300, check=False)
        found = sorted(dest.glob("*.whl"))
        if p.returncode != 0 or not found:
            log(f"  history: skipped (pip download django=={version} failed: "
                f"{p.stderr.strip()[-200:]})")
            return None
        wheels[version] = found[0]
    return wheels


def domains(wheel: Path) -> list[str]:
    """The folders holding a ``locale/`` (``django/conf``, ``django/contrib/admin`` …)."""
    with zipfile.ZipFile(wheel) as z:
        return sorted(n[:-len(f"/locale/en/{DOMAIN}")] for n in z.namelist()
                      if n.endswith(f"/locale/en/{DOMAIN}"))


def unpack(wheel: Path, dest: Path, domain: str, codes) -> dict[str, Path]:
    out = {}
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for code in (*codes, "en"):
            name = f"{domain}/locale/{code}/{DOMAIN}"
            if name in names:
                path = dest / domain.replace("/", "_") / code / "django.po"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(z.read(name))
                out[code] = path
    return out


def template_from(en: Path, dest: Path):
    from reclaim_i18n.pofile import read_po, write_po

    template = read_po(en)
    for m in template.messages:
        m.msgstr, m.msgstr_plural = "", ["", ""] if m.is_plural else []
        m.flags = [f for f in m.flags if f != "fuzzy"]
    template.messages = [m for m in template.messages if not m.obsolete]
    write_po(template, dest)
    return read_po(dest)


def score(merged, old, answer) -> dict:
    from rapidfuzz import fuzz

    before = {m.key for m in old.messages if not m.obsolete and m.translated}
    truth = {m.key: m for m in answer.messages if not m.obsolete and m.translated}
    s = {**dict.fromkeys(COUNTS, 0), "done": set()}
    for m in merged.messages:
        if m.obsolete:
            continue
        if m.translated:
            s["kept"] += 1
            s["done"].add((m.key, tuple(m.translations)))
        if not m.has_translation or m.key in before or m.key not in truth:
            continue
        close = fuzz.ratio(" ".join(m.translations),
                           " ".join(truth[m.key].translations)) >= CLOSE
        if m.fuzzy:
            s["suggested"] += 1
            s["close" if close else "wrong"] += 1
        elif m.translated:
            s["carried"] += 1
            s["carried close"] += close
    return s


def _read(path: Path):
    from reclaim_i18n.errors import CatalogError
    from reclaim_i18n.pofile import read_po

    try:
        return read_po(path)
    except CatalogError:
        return None


def compare(tmp: Path, wheels: dict[str, Path], log) -> list[dict]:
    """Per language, the sums over every domain both releases ship."""
    totals: dict[str, dict] = {}
    for domain in domains(wheels[NEW]):
        for row in compare_domain(tmp, wheels, domain):
            total = totals.setdefault(row["code"], {
                "code": row["code"], "missing": 0,
                **{t: dict.fromkeys(COUNTS, 0) for t in ("ours", "msgmerge")}})
            total["missing"] += row["missing"]
            for tool in ("ours", "msgmerge"):
                for k in COUNTS:
                    total[tool][k] += row[tool][k]
    for r in totals.values():
        log(f"  history {r['code']}: ours {r['ours']['suggested']} suggested, "
            f"{r['ours']['close']} close, {r['ours']['wrong']} wrong, "
            f"{r['ours']['carried']} carried as done; msgmerge "
            f"{r['msgmerge']['suggested']}, {r['msgmerge']['close']}, "
            f"{r['msgmerge']['wrong']}; kept by msgmerge, not by us: {r['missing']}")
    return list(totals.values())


def compare_domain(tmp: Path, wheels: dict[str, Path], domain: str) -> list[dict]:
    from reclaim_i18n.merge import Matcher, merge_catalog
    from reclaim_i18n.plurals.catalog import catalog_plurals
    from reclaim_i18n.pofile import read_po

    old_files = unpack(wheels[OLD], tmp / "old", domain, LANGUAGES)
    new_files = unpack(wheels[NEW], tmp / "new", domain, LANGUAGES)
    tmp = tmp / domain.replace("/", "_")
    tmp.mkdir(parents=True, exist_ok=True)
    template = template_from(new_files["en"], tmp / "django.pot")
    olds = {c: _read(old_files[c]) for c in LANGUAGES if c in old_files and c in new_files}
    olds = {c: cat for c, cat in olds.items() if cat is not None
            and _read(new_files[c]) is not None}  # a broken file (fr 4.2) is left out
    codes = list(olds)
    matcher = Matcher(template, {m.key for c in codes for m in olds[c].messages
                                 if m.has_translation})
    rows = []
    for code in codes:
        out = tmp / "msgmerge" / f"{code}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["msgmerge", "--quiet", "-o", str(out), str(old_files[code]),
                        str(tmp / "django.pot")], check=True)
        theirs = score(read_po(out), olds[code], read_po(new_files[code]))
        nplurals, _ = catalog_plurals(olds[code], code.replace("_", "-"))
        merged, _ = merge_catalog(template, read_po(old_files[code]), matcher, nplurals)
        ours = score(merged, olds[code], read_po(new_files[code]))
        rows.append({"code": code, "ours": ours, "msgmerge": theirs,
                     "missing": len(theirs["done"] - ours["done"])})
    return rows


def run(tmp: Path, log=print) -> list[str]:
    """The section of RESULTS.md (empty when skipped)."""
    import shutil

    if not shutil.which("msgmerge"):
        log("  history: skipped (msgmerge not found)")
        return []
    try:
        wheels = download(tmp, log)
    except (OSError, subprocess.SubprocessError) as exc:
        log(f"  history: skipped ({exc})")
        return []
    if wheels is None:
        return []
    rows = compare(tmp, wheels, log)
    lines = ["## Merge quality on a real history", "",
             (f"Django {OLD}'s catalogues merged with Django {NEW}'s template; Django {NEW}'s "
              f"translations are the answer key. *suggested*: new entries given a fuzzy "
              f"translation the answer key has; *close*: within rapidfuzz ratio {CLOSE:.0f} "
              "of it; *carried*: new entries we give a translation as done (typography or a "
              "final full stop changed; msgmerge suggests these), in brackets how many are "
              "close; *missing*: done entries msgmerge keeps and we do not."), "",
             ("| language | ours: kept | suggested | close | wrong | carried | "
              "msgmerge: kept | suggested | close | wrong | missing |"),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    total = {"code": "**all**", "missing": sum(r["missing"] for r in rows),
             **{t: {k: sum(r[t][k] for r in rows) for k in COUNTS}
                for t in ("ours", "msgmerge")}}
    lines += [_table_row(r) for r in [*rows, total]]
    return lines + [""]


def _table_row(r: dict) -> str:
    cells = [r["ours"][k] for k in COUNTS[:4]]
    cells.append(f"{r['ours']['carried']} ({r['ours']['carried close']})")
    cells += [r["msgmerge"][k] for k in COUNTS[:4]] + [r["missing"]]
    return f"| {r['code']} | " + " | ".join(map(str, cells)) + " |"
