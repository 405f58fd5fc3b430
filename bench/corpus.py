"""Seeded benchmark corpora: real reclaim-i18n project folders under ``bench/corpus/``.

``bench/corpus/<scale>/`` (``campaign``: ~300 messages, ``large``: ~10,000; 29 locales):

- ``pyproject.toml`` — ``[tool.reclaim-i18n]`` with the 29 default languages;
- ``source_content/`` — generated pages (``page/section/field`` contexts; titles,
  headings, paragraphs of 40–120 words, FAQ items, buttons, plural counters, inline
  Markdown, ``{name}`` and ``%(name)s`` placeholders, campaign names) plus the shipped
  site templates and glossary;
- ``locales/messages.pot`` — the old template (extracted by ``reclaim-i18n extract``);
- ``locales/<ll>/LC_MESSAGES/messages.po`` — catalogues in the template's order, written
  with the project's ``write_po``: per language ~60 % translated, ~10 % fuzzy (with
  ``#|`` previous text), the rest untranslated; CLDR Plural-Forms;
- ``edited/source_content`` and ``new.pot`` — the organisers' next version: ~5 % of
  the messages reworded by one or two words (always 40–120-word paragraphs), ~2 %
  removed, ~2 % added;
- ``corpus.json`` — parameters, counts and the edit map (new key → old key) used to
  score merge quality.

Pseudo-words from a seeded vocabulary stand in for English; a translation maps every
word to a per-language pseudo-word and keeps placeholders, URLs and names, so the
checks pass as they would on careful work. A corpus is regenerated only when this file,
the seed or the scale changes. ``python bench/corpus.py [campaign|large]`` builds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
SEED = 20240521
SCALES = {"campaign": 300, "large": 10_000}
EDITED, REMOVED, ADDED = 0.05, 0.02, 0.02
TRANSLATED, FUZZY = (0.50, 0.70), 0.10     # per language: translated fraction range; fuzzy
EPOCH_OLD, EPOCH_NEW = 1_735_689_600, 1_738_368_000   # fixed template dates (2025-01/02)
NAMES = ("Reclaim Your Face", "EDRi", "ReclaimYourFace")   # used in the generated text
KEEP = (*NAMES, "Creative Commons", "CC BY 4.0", "Cambridge Analytica")  # never translated
LANGUAGES = (
    "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "ca", "lb", "mk", "nb", "sr",
    "sr-Latn",
)
_PROTECT = re.compile(r"\]\([^)]*\)|https?://[^\s)]+|%\(\w+\)[sd]|\{\w+\}|<[^>]+>|&\w+;|"
                      + "|".join(re.escape(n) for n in KEEP))
_WORD = re.compile(r"[A-Za-z]+")
_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
           "z", "br", "cr", "dr", "fl", "gr", "pl", "pr", "st", "tr", "ch", "sh", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "m"]


# ------------------------------------------------------------------ vocabulary


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + \
        rng.choice(_CODAS)


class Vocabulary:
    """~3,000 pseudo-words with Zipf-like frequencies (short function words frequent)."""

    def __init__(self, rng: random.Random, size: int = 3000):
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < size:
            word = _pseudo_word(rng, 1 if len(words) < 60 else rng.choice((1, 2, 2, 3, 3, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        weights = [1.0 / (rank + 8) for rank in range(size)]
        total = 0.0
        self.cumulative = []
        for w in weights:
            total += w
            self.cumulative.append(total)

    def sample(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=n)


def sentence_text(rng: random.Random, vocab: Vocabulary, words: int) -> str:
    """Sentences of 6–20 words; some inline Markdown, placeholders and names."""
    out: list[str] = []
    left = words
    while left > 0:
        n = min(left, rng.randint(6, 20))
        if left - n < 4:
            n = left
        tokens = vocab.sample(rng, n)
        for i in range(1, n):   # no "the the": the checks would flag a doubled word
            while tokens[i] == tokens[i - 1]:
                tokens[i] = vocab.sample(rng, 1)[0]
        tokens[0] = tokens[0].capitalize()
        roll = rng.random()
        if roll < 0.04 and n > 4:
            tokens[2] = "{count}"
        elif roll < 0.07 and n > 4:
            tokens[2] = "%(name)s"
        elif roll < 0.12 and n > 5:
            i = rng.randint(1, n - 3)
            tokens[i] = f"[{tokens[i]}"
            tokens[i + 1] = f"{tokens[i + 1]}](https://reclaimyourface.eu/{tokens[i + 1]})"
        elif roll < 0.16 and n > 4:
            i = rng.randint(1, n - 2)
            tokens[i] = f"**{tokens[i]}**"
        elif roll < 0.20 and n > 4:
            tokens[rng.randint(1, n - 1)] = rng.choice(NAMES)
        if n > 10 and rng.random() < 0.4:
            tokens[rng.randint(3, n - 4)] += ","
        out.append(" ".join(tokens) + ".")
        left -= n
    return " ".join(out)


def reword(rng: random.Random, vocab: Vocabulary, text: str, changes: int) -> str:
    """Replace ``changes`` plain words of ``text`` by other words of the vocabulary."""
    tokens = text.split(" ")
    plain = [i for i, t in enumerate(tokens) if t.isalpha() and t.islower()]
    for i in rng.sample(plain, min(changes, len(plain))):
        near = {tokens[j].lower() for j in (i - 1, i, i + 1) if 0 <= j < len(tokens)}
        new = tokens[i]
        while new in near:
            new = vocab.sample(rng, 1)[0]
        tokens[i] = new
    return " ".join(tokens)


# ------------------------------------------------------------------ translations


class Translator:
    """English pseudo-text → a language's pseudo-text, word by word (deterministic)."""

    def __init__(self, code: str):
        self.code = code
        self.cache: dict[str, str] = {}

    def word(self, word: str) -> str:
        lower = word.lower()
        out = self.cache.get(lower)
        if out is None:
            digest = hashlib.blake2b(f"{self.code}:{lower}".encode(), digest_size=8).digest()
            rng = random.Random(digest)
            out = _pseudo_word(rng, max(1, min(4, (len(lower) + 2) // 3)))
            self.cache[lower] = out
        return out.capitalize() if word[:1].isupper() else out

    def text(self, text: str) -> str:
        parts, at = [], 0
        for m in _PROTECT.finditer(text):
            parts.append(_WORD.sub(lambda w: self.word(w.group(0)), text[at:m.start()]))
            parts.append(m.group(0))
            at = m.end()
        parts.append(_WORD.sub(lambda w: self.word(w.group(0)), text[at:]))
        return "".join(parts)


# ------------------------------------------------------------------------ pages


def make_pages(rng: random.Random, vocab: Vocabulary, target: int) -> list[dict]:
    """Pages whose messages add up to about ``target``. Text fields are lists of
    paragraphs (one message each); the YAML joins them with blank lines."""
    pages: list[dict] = []
    count = 15  # the site templates' interface strings
    while count < target:
        page = {"page": f"p{len(pages) + 1:03d}",
                "title": [sentence_text(rng, vocab, rng.randint(3, 7))],
                "description": [sentence_text(rng, vocab, rng.randint(15, 30))], "sections": []}
        count += 2
        for s in range(rng.randint(5, 9)):
            if count >= target:
                break
            section, n = make_section(rng, vocab, f"s{s + 1:02d}")
            page["sections"].append(section)
            count += n
        pages.append(page)
    return pages


def paragraph(rng: random.Random, vocab: Vocabulary) -> str:
    return sentence_text(rng, vocab, rng.randint(40, 120))


def make_section(rng: random.Random, vocab: Vocabulary, sid: str) -> tuple[dict, int]:
    section: dict = {"id": sid, "heading": [sentence_text(rng, vocab, rng.randint(3, 10))]}
    section["body"] = [paragraph(rng, vocab) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    n = 1 + len(section["body"])
    if rng.random() < 0.5:
        section["questions"] = []
        for q in range(rng.randint(1, 4)):
            section["questions"].append(make_item(rng, vocab, f"q{q + 1}"))
            n += 2
    if rng.random() < 0.4:
        section["cta"] = {"text": [sentence_text(rng, vocab, rng.randint(2, 5))],
                          "note": "A button; keep it short."}
        n += 1
    if rng.random() < 0.3:
        words = " ".join(vocab.sample(rng, rng.randint(3, 6)))
        section["count"] = {"one": f"{{count}} {words} has signed",
                            "other": f"{{count}} {words} have signed"}
        n += 1
    return section, n


def make_item(rng: random.Random, vocab: Vocabulary, item_id: str) -> dict:
    return {"id": item_id, "question": [sentence_text(rng, vocab, rng.randint(6, 15))],
            "answer": [paragraph(rng, vocab)]}


def slots(pages: list[dict]):
    """(msgctxt, paragraph list, index) of every text message, in page order."""
    for page in pages:
        for key in ("title", "description"):
            yield f"{page['page']}/{key}", page[key], 0
        for section in page["sections"]:
            base = f"{page['page']}/{section['id']}"
            for key in ("heading", "body"):
                for i in range(len(section.get(key, []))):
                    yield f"{base}/{key}", section[key], i
            for item in section.get("questions", []):
                for key in ("question", "answer"):
                    for i in range(len(item.get(key, []))):
                        yield f"{base}/{item['id']}/{key}", item[key], i
            if "cta" in section:
                yield f"{base}/cta", section["cta"]["text"], 0


def edit_pages(rng: random.Random, vocab: Vocabulary, pages: list[dict], total: int
               ) -> tuple[list[dict], dict]:
    """The organisers' next version: reworded, removed and added messages, recorded."""
    new = json.loads(json.dumps(pages))
    long_slots = [s for s in slots(new) if len(s[1][s[2]].split()) >= 40]
    edited = rng.sample(long_slots, round(EDITED * total))
    edits = []
    for ctxt, paras, i in edited:
        old = paras[i]
        paras[i] = reword(rng, vocab, old, rng.choice((1, 2)))
        edits.append({"msgctxt": ctxt, "old": old, "new": paras[i]})
    touched = {id(p) for _, p, _ in edited}
    removed = remove_messages(rng, new, round(REMOVED * total), touched)
    added = add_messages(rng, vocab, new, round(ADDED * total))
    return new, {"edited": edits, "removed": removed, "added": added}


def remove_messages(rng: random.Random, pages: list[dict], n: int, touched: set) -> list:
    """Remove whole paragraphs of bodies and whole FAQ items (never an edited one)."""
    removed: list[list[str]] = []
    sections = [(p["page"], s) for p in pages for s in p["sections"]]
    while len(removed) < n:
        page_id, section = rng.choice(sections)
        base = f"{page_id}/{section['id']}"
        body = section["body"]
        if len(body) > 1 and id(body) not in touched:
            removed.append([f"{base}/body", body.pop(rng.randrange(len(body)))])
        elif section.get("questions") and n - len(removed) >= 2:
            items = section["questions"]
            if any(id(item[k]) in touched for item in items for k in ("question", "answer")):
                continue
            item = items.pop(rng.randrange(len(items)))
            removed += [[f"{base}/{item['id']}/{k}", item[k][0]] for k in ("question", "answer")]
            if not items:
                del section["questions"]
    return removed


def add_messages(rng: random.Random, vocab: Vocabulary, pages: list[dict], n: int) -> list:
    """New paragraphs appended to bodies and new FAQ items."""
    added: list[list[str]] = []
    sections = [(p["page"], s) for p in pages for s in p["sections"]]
    while len(added) < n:
        page_id, section = rng.choice(sections)
        base = f"{page_id}/{section['id']}"
        if rng.random() < 0.5 or n - len(added) < 2:
            section["body"].append(paragraph(rng, vocab))
            added.append([f"{base}/body", section["body"][-1]])
        else:
            items = section.setdefault("questions", [])
            item = make_item(rng, vocab, f"new{len(added) + 1}")
            items.append(item)
            added += [[f"{base}/{item['id']}/{k}", item[k][0]] for k in ("question", "answer")]
    return added


def page_yaml(page: dict) -> str:
    def q(text):
        return json.dumps(text, ensure_ascii=False)  # YAML double-quoted scalars
    lines = [f"page: {page['page']}", f"title: {q(page['title'][0])}",
             f"description: {q(page['description'][0])}", "sections:"]
    for s in page["sections"]:
        lines += [f"  - id: {s['id']}", f"    heading: {q(s['heading'][0])}",
                  f"    body: {q(chr(10).join(p + chr(10) for p in s['body']).rstrip())}"]
        if s.get("questions"):
            lines.append("    questions:")
            for item in s["questions"]:
                lines += [f"      - id: {item['id']}",
                          f"        question: {q(item['question'][0])}",
                          f"        answer: {q(item['answer'][0])}"]
        if "cta" in s:
            lines += ["    cta:", f"      text: {q(s['cta']['text'][0])}",
                      f"      note: {q(s['cta']['note'])}"]
        if "count" in s:
            lines += ["    count:", f"      one: {q(s['count']['one'])}",
                      f"      other: {q(s['count']['other'])}"]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------- projects


def pyproject() -> str:
    langs = ", ".join(json.dumps(c) for c in LANGUAGES)
    return ("# A benchmark corpus generated by bench/corpus.py (seeded; do not edit).\n"
            "[tool.reclaim-i18n]\nsource-language = \"en\"\npublish-threshold = 60\n"
            f"languages = [{langs}]\nallowed-urls = [\"https://reclaimyourface.eu/*\"]\n\n"
            "[tool.reclaim-i18n.locale.lb]\nfallback = [\"de\"]\n\n"
            "[tool.reclaim-i18n.locale.ca]\nfallback = [\"es\"]\n")


def write_project(root: Path, pages: list[dict]) -> None:
    (root / "source_content" / "pages").mkdir(parents=True, exist_ok=True)
    (root / "locales").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    shipped = ROOT / "source_content"
    shutil.copytree(shipped / "templates", root / "source_content" / "templates")
    shutil.copy2(shipped / "glossary.yaml", root / "source_content" / "glossary.yaml")
    for page in pages:
        (root / "source_content" / "pages" / f"{page['page']}.yaml").write_text(
            page_yaml(page), encoding="utf-8")


def tool(name: str) -> str | None:
    """An executable next to the running Python first (a venv), then on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def extract(root: Path, epoch: int) -> None:
    exe = tool("reclaim-i18n")
    cmd = [exe] if exe else [sys.executable, "-m", "reclaim_i18n"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    subprocess.run([*cmd, "--project", str(root), "extract"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


# ------------------------------------------------------------------ catalogues


def write_catalog(root: str, code: str, scale: str) -> tuple[str, dict]:
    """One language's catalogue with a seeded mix of translated, fuzzy, untranslated."""
    from reclaim_i18n.config import load_config
    from reclaim_i18n.locales import language
    from reclaim_i18n.plurals.expressions import parse_plural_forms
    from reclaim_i18n.pofile import new_message_from, read_po, write_po
    from reclaim_i18n.update import new_catalog

    config = load_config(Path(root))
    template = read_po(config.pot_path)
    rng = random.Random(f"{SEED}:{scale}:{code}")
    vocab = _vocabulary()
    tr = Translator(code)
    nplurals, _ = parse_plural_forms(language(code).plural_forms)
    catalog = new_catalog(config, code, template)
    catalog.set_header("PO-Revision-Date", "2025-01-15 10:00+0000")
    catalog.set_header("Last-Translator", f"Volunteer {code} <volunteer-{code}@example.org>")
    translated = rng.uniform(*TRANSLATED)
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for tmpl in template.messages:
        msg = new_message_from(tmpl)
        roll = rng.random()
        state = ("translated" if roll < translated else
                 "fuzzy" if roll < translated + FUZZY else "untranslated")
        counts[state] += 1
        if state != "untranslated":
            if msg.is_plural:
                msg.msgstr_plural = [tr.text(msg.msgid)] + [tr.text(msg.msgid_plural)] * (
                    nplurals - 1)
            else:
                msg.msgstr = tr.text(msg.msgid)
        elif msg.is_plural:
            msg.msgstr_plural = [""] * nplurals
        if state == "fuzzy":
            msg.set_fuzzy(True)
            msg.previous_msgctxt = msg.msgctxt
            msg.previous_msgid = reword(rng, vocab, msg.msgid, 1)
            msg.previous_msgid_plural = msg.msgid_plural
        catalog.messages.append(msg)
    path = config.po_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(catalog, path)
    return code, counts


_VOCAB: Vocabulary | None = None


def _vocabulary() -> Vocabulary:
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = Vocabulary(random.Random(f"{SEED}:vocabulary"))
    return _VOCAB


# ------------------------------------------------------------------------ main


def fingerprint(scale: str) -> str:
    return hashlib.sha256(Path(__file__).read_bytes() + f"{SEED}:{scale}".encode()).hexdigest()


def ensure(scale: str, log=print) -> Path:
    """The corpus of ``scale``, generated if missing or made by another generator."""
    root = CORPUS / scale
    stamp = root / "corpus.json"
    try:
        if json.loads(stamp.read_text())["fingerprint"] == fingerprint(scale):
            return root
    except (OSError, ValueError, KeyError):
        pass
    log(f"generating the {scale} corpus in {root.relative_to(ROOT)} …")
    generate(scale, root)
    return root


def generate(scale: str, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    vocab = _vocabulary()
    rng = random.Random(f"{SEED}:{scale}:pages")
    target = SCALES[scale]
    pages = make_pages(rng, vocab, target)
    write_project(root, pages)
    extract(root, EPOCH_OLD)
    from reclaim_i18n.pofile import read_po

    total = len(read_po(root / "locales" / "messages.pot").messages)
    new_pages, changes = edit_pages(rng, vocab, pages, total)
    write_project(root / "edited", new_pages)
    extract(root / "edited", EPOCH_NEW)
    shutil.copy2(root / "edited" / "locales" / "messages.pot", root / "new.pot")
    workers = min(os.cpu_count() or 1, 4)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        mix = dict(pool.map(write_catalog, [str(root)] * len(LANGUAGES), LANGUAGES,
                            [scale] * len(LANGUAGES)))
    new_total = len(read_po(root / "new.pot").messages)
    for cache in (root / "build", root / "edited" / "build"):   # extract's memo
        shutil.rmtree(cache, ignore_errors=True)
    _verify(root, changes)
    info = {"fingerprint": fingerprint(scale), "seed": SEED, "scale": scale,
            "messages": total, "new_messages": new_total, "locales": len(LANGUAGES),
            "edited": len(changes["edited"]), "removed": len(changes["removed"]),
            "added": len(changes["added"]), "mix": mix, "changes": changes}
    (root / "corpus.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n")


def _verify(root: Path, changes: dict) -> None:
    """Every recorded change is what the extracted templates say (keys exist or not)."""
    from reclaim_i18n.pofile import read_po

    old = {m.key for m in read_po(root / "locales" / "messages.pot").messages}
    new = {m.key for m in read_po(root / "new.pot").messages}
    for e in changes["edited"]:
        assert (e["msgctxt"], e["old"]) in old and (e["msgctxt"], e["new"]) in new, e
        assert (e["msgctxt"], e["old"]) not in new, e
    for ctxt, text in changes["removed"]:
        assert (ctxt, text) in old and (ctxt, text) not in new, (ctxt, text)
    for ctxt, text in changes["added"]:
        assert (ctxt, text) in new and (ctxt, text) not in old, (ctxt, text)


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SCALES):
        print(ensure(name))
