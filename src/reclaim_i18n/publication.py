"""When a language is published: the one rule the build applies and the report shows.

A language is published when the share of English words translated
(:func:`reclaim_i18n.model.exact_percent`) reaches its ``publish-threshold``. Once
published it stays published — new English texts fall back — until it drops below its
``unpublish-threshold`` (default: half the publish threshold) or an organiser removes it
from ``languages``. A catalogue that cannot be read changes nothing: the last good build
stays published, marked stale.

"Once published" is what the previous build recorded (its state, ``.build-state.json``
in the output folder): a fresh output folder starts from the publish threshold. The
states are fixed points — deciding again from the same figures and the state just
decided gives it back — so a build with nothing changed writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from reclaim_i18n.model import exact_percent, shown_percent

SOURCE = "source"                 # the source language: always published
PUBLISHED = "published"           # at or above the publish threshold
KEPT = "kept"                     # was published; below the threshold, not below the unpublish one
STALE = "stale"                   # was published; catalogue unreadable, last good build kept
UNPUBLISHED = "unpublished"       # was published, fell below the unpublish threshold
NOT_PUBLISHED = "not-published"   # has not reached the publish threshold
ON = (SOURCE, PUBLISHED, KEPT, STALE)
STATES = (*ON, UNPUBLISHED, NOT_PUBLISHED)


@dataclass(frozen=True)
class Publication:
    state: str
    reason: str

    @property
    def published(self) -> bool:
        return self.state in ON

    def as_dict(self) -> dict:
        return {"state": self.state, "reason": self.reason}


def counted_words(translated: int, approved: int, require_review: bool) -> int:
    """The words a language's publication counts: under ``require-review`` only approved
    translations are published, so only they count (build and report alike)."""
    return approved if require_review else translated


def decide(done: int, total: int, threshold: float, unpublish: float,
           before: str | None) -> Publication:
    """The publication of a language with ``done`` of ``total`` words translated, whose
    previous build's state was ``before`` (None: no earlier build)."""
    pct, shown = exact_percent(done, total), f"{shown_percent(done, total)} %"
    if pct >= threshold:
        return Publication(PUBLISHED, f"{shown} ≥ {threshold:g} %")
    if before in ON and pct >= unpublish:
        return Publication(KEPT, f"{shown} < {threshold:g} %; new texts fall back; "
                                 f"unpublished below {unpublish:g} %")
    if before in ON or before == UNPUBLISHED:
        if pct < unpublish:
            return Publication(UNPUBLISHED, f"{shown} < {unpublish:g} %")
        return Publication(UNPUBLISHED, f"{shown} < {threshold:g} %; published again at "
                                        f"{threshold:g} %")
    return Publication(NOT_PUBLISHED, f"{shown} < {threshold:g} %")


def unreadable(before: str | None, kept: bool) -> Publication:
    """The publication of a language whose catalogue cannot be read; ``kept``: its last
    good artefacts are still there."""
    if kept and before in ON:
        return Publication(STALE, "the catalogue cannot be read; the previous version "
                                  "stays published")
    state = UNPUBLISHED if before in (*ON, UNPUBLISHED) else NOT_PUBLISHED
    return Publication(state, "the catalogue cannot be read")


# A word or two for a table cell; the reason says the rest.
LABELS = {SOURCE: "yes", PUBLISHED: "yes", KEPT: "kept", STALE: "stale", UNPUBLISHED: "unpublished",
          NOT_PUBLISHED: "no"}


def source() -> Publication:
    return Publication(SOURCE, "the source language")


def recorded_state(entry: dict | None) -> str | None:
    """The state a manifest entry records (older entries only say ``published``)."""
    if entry is None:
        return None
    recorded = (entry.get("publication") or {}).get("state")
    if recorded in STATES:
        return recorded
    return PUBLISHED if entry.get("published") else NOT_PUBLISHED


def change_line(code: str, before: str | None, after: Publication | None) -> str | None:
    """What to print when the publication of ``code`` changed since the last build
    (``after`` None: the language is no longer configured); None when it did not."""
    was = before in ON
    if after is None:
        return f"{code}: unpublished: no longer in languages" if was else None
    if after.published and not was:
        return f"{code}: now published ({after.reason})"
    if was and not after.published:
        return f"{code}: unpublished: {after.reason}"
    if after.state == KEPT and before != KEPT:
        return f"{code}: stays published ({after.reason})"
    return None   # a stale language is announced by its failure line
