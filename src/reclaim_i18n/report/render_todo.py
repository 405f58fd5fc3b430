"""Text for volunteers: what is left in one language, and what applying a packet did."""

from __future__ import annotations

import textwrap

from reclaim_i18n.packets import ApplyResult, TodoItem
from reclaim_i18n.stats import FUZZY, NEEDS_FIXING, UNTRANSLATED

INDENT = "    "
WIDTH = 100


def _text(label: str, text: str) -> list[str]:
    """``label`` then ``text`` wrapped under itself (the text's own newlines kept)."""
    lines = []
    for part in text.split("\n"):
        lines += textwrap.wrap(part, WIDTH - len(INDENT) - 14, break_long_words=False,
                               break_on_hyphens=False) or [""]
    pad = INDENT + " " * 14
    return [f"{INDENT}{label:<14}{lines[0]}"] + [pad + line for line in lines[1:]]


def _item(item: TodoItem, path: str) -> list[str]:
    msg = item.msg
    out = [f"  {path}:{msg.msgstr_line or msg.line}  {msg.msgctxt or ''}".rstrip()]
    out += [INDENT + c for c in msg.auto_comments]
    out += _text("English:", msg.msgid)
    if msg.is_plural:
        out += _text("plural:", msg.msgid_plural or "")
    if item.partial:
        missing = [f"msgstr[{i}]" for i, form in enumerate(msg.msgstr_plural) if not form]
        out.append(f"{INDENT}{'missing:':<14}plural form {', '.join(missing)}")
    if item.finding is not None:
        out += _text("to fix:", f"{item.finding.check}: {item.finding.message}")
        if item.finding.hint:
            out += _text("how:", item.finding.hint)
    if item.state in (FUZZY, NEEDS_FIXING):
        if item.changed:
            out += _text("what changed:", item.changed)
        for i, form in enumerate(msg.translations):
            out += _text("translation:" if i == 0 else "", form)
    return out


def render_todo(items: list[TodoItem], bcp47: str, name: str, path: str) -> str:
    """The to-do list of one language: what needs fixing, untranslated, fuzzy; each
    group in page order."""
    to_fix = [it for it in items if it.state == NEEDS_FIXING]
    untranslated = [it for it in items if it.state == UNTRANSLATED]
    fuzzy = [it for it in items if it.state == FUZZY]
    words = sum(it.words for it in items)
    if not items:
        return f"{name} ({bcp47}): nothing left to translate in {path}. Thank you!\n"
    out = [(f"{name} ({bcp47}): " + (f"{len(to_fix)} to fix, " if to_fix else "")
            + f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy; "
            f"{words} English words left."),
           (f"Edit {path} at the lines below, or make a work packet: "
            f"reclaim-i18n todo {bcp47} --format po")]
    for title, group in ((("Needs fixing: a check found an error, so no page or file "
                           "built uses the translation"), to_fix),
                         ("Untranslated", untranslated),
                         (("Fuzzy: the English changed; check the translation and remove "
                           "the fuzzy mark"), fuzzy)):
        if group:
            out += ["", f"{title} ({len(group)}):"]
            for item in group:
                out += _item(item, path)
    return "\n".join(out) + "\n"


def _short(text: str, width: int = 60) -> str:
    return textwrap.shorten(text.replace("\n", " "), width=width, placeholder=" …")


def render_apply(result: ApplyResult, packet_path: str, catalog_path: str,
                 written: bool) -> str:
    """What applying a packet did: applied, and every entry that was not (with why)."""
    verb = "applied" if written else "would apply"
    out = [(f"{packet_path} → {catalog_path} ({result.locale}): {verb} {len(result.applied)}, "
            f"unchanged {result.unchanged}, left empty {result.empty}, stale "
            f"{len(result.stale)}, conflicts {len(result.conflicts)}, rejected "
            f"{len(result.rejected)}")]
    out += [f"note: {n}" for n in result.notes]
    if result.stale:
        out += ["", ("Not applied: the English changed since the packet was made "
                     "(translate these again from the catalogue or a new packet):")]
        for entry, now in result.stale:
            out.append(f"  {packet_path}:{entry.line}  {entry.msgctxt or ''}")
            out += _text("was:", _short(entry.msgid))
            out += _text("now:", _short(now) if now else "(removed from the page)")
    if result.conflicts:
        out += ["", ("Not applied: a different finished translation is in the catalogue "
                     "(edit it there if the packet's is better):")]
        for entry, target in result.conflicts:
            out.append(f"  {catalog_path}:{target.msgstr_line}  {entry.msgctxt or ''}")
            out += _text("catalogue:", _short(" | ".join(target.translations)))
            out += _text("packet:", _short(" | ".join(entry.translations)))
    if result.rejected:
        out += ["", "Not applied: problems to fix in the packet, then apply it again:"]
        for entry, why in result.rejected:
            out.append(f"  {packet_path}:{entry.msgstr_line}  {entry.msgctxt or ''}: {why}")
    return "\n".join(out) + "\n"
