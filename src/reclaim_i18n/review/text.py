"""Plain-text lists for the review commands (the terminal; no colour needed)."""

from __future__ import annotations

from reclaim_i18n.pofile import Message
from reclaim_i18n.review.state import ReviewItem


def _forms(msg: Message) -> list[str]:
    if not msg.is_plural:
        return [msg.msgstr]
    return [f"[{i}] {form}" for i, form in enumerate(msg.msgstr_plural)]


def render_review(items: list[ReviewItem], code: str, native_name: str, path: str) -> str:
    """The translated entries of ``code`` waiting for review, in page order."""
    if not items:
        return f"{native_name} ({code}): nothing to review: every translation is approved.\n"
    out = [f"{native_name} ({code}): {len(items)} translations to review, in page order", ""]
    for item in items:
        msg = item.msg
        out.append(f"{path}:{msg.line}  {msg.msgctxt or '(no context)'}")
        english = msg.msgid if not msg.is_plural else f"{msg.msgid} | {msg.msgid_plural}"
        out.append(f"  English:     {english}")
        for form in _forms(msg):
            out.append(f"  translation: {form}")
        out += [f"  {line}" for line in item.changes_since_approval()]
        out.append("")
    out.append(f"Approve with: reclaim-i18n approve {code} --reviewer NAME --context CONTEXT")
    return "\n".join(out) + "\n"


def _label(msg: Message) -> str:
    text = msg.msgid if len(msg.msgid) <= 50 else msg.msgid[:49] + "…"
    return f"{msg.msgctxt or '(no context)'}: {text!r}"


def render_outcome(result, code: str) -> str:
    """What ``approve`` did, and every entry it left alone with the reason."""
    out = [f"{code}: approved {len(result.approved)} entries"
           + (f" ({len(result.corrected)} corrected and written)" if result.corrected else "")
           + (f"; {result.already} were approved already" if result.already else "")]
    groups = [
        ("not approved", [(m, why) for m, why in result.refused]),
        ("the English changed since the packet was made; left alone",
         [(m, "") for m in result.stale]),
        ("the translation changed since the packet was made; left alone",
         [(m, "") for m in result.conflicts]),
        ("marked fuzzy (or emptied) in the packet; not approved",
         [(m, "") for m in result.doubted]),
    ]
    for title, entries in groups:
        if entries:
            out.append(f"{title}:")
            out += [f"  {_label(m)}" + (f" — {why}" if why else "") for m, why in entries]
    for ctxt in result.unknown:
        out.append(f"--context {ctxt}: no entry has this context")
    return "\n".join(out) + "\n"
