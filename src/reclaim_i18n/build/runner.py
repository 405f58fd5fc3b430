"""``reclaim-i18n build``: the I/O around the pure builders, incremental and fault-tolerant.

Per locale: read the catalogue, run the checks (ERROR findings fall back), write the
``.mo``, the bundle, the i18next and Hugo resources; then decide which locales are
published (:mod:`reclaim_i18n.publication`, from the last build's record), render the
site of every published locale from the bundles, and write the manifest. A locale whose
inputs have not changed since the last build is not rebuilt; a file whose bytes have not
changed is not rewritten; a broken catalogue fails its locale only, and keeps the
artefacts of its last good build (marked stale).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reclaim_i18n import publication as pub
from reclaim_i18n.build import manifest as mf
from reclaim_i18n.build import state as st
from reclaim_i18n.build.load import Inputs
from reclaim_i18n.build.locale import build_locale, failed_entry, output_paths
from reclaim_i18n.cache import cache_key
from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError, OutputError, ReclaimError, SourceError
from reclaim_i18n.fsio import remove_leftovers

MANIFEST = mf.MANIFEST_FILE


@dataclass
class LocaleResult:
    code: str
    entry: dict
    rebuilt: bool = False

    @property
    def failed(self) -> bool:
        return self.entry["status"] == "error"


@dataclass
class BuildResult:
    out: Path
    locales: list[LocaleResult] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)   # of publication, since the last build

    @property
    def failed(self) -> list[LocaleResult]:
        return [r for r in self.locales if r.failed]


def run_build(config: Config, out: Path | None = None, locales=None) -> BuildResult:
    out = Path(out) if out is not None else config.build_dir
    prepare_output(out)
    build = _Build(config, out)
    try:
        return build.run(config.select(locales))
    except OSError as exc:
        raise ReclaimError(f"cannot write the build output: {exc.strerror or exc}",
                           getattr(exc, "filename", None) or out,
                           hint="check that the output folder is writable (--out)") from None


def prepare_output(out: Path) -> None:
    """Create the output folder and prove it is writable, or say clearly why not."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"the output folder cannot be written: {exc.strerror or exc}", out,
                          hint="choose another folder with --out, or fix its permissions"
                          ) from None


class _Build:
    def __init__(self, config: Config, out: Path):
        self.config, self.out = config, out
        self.inputs = Inputs(config)
        self.old = st.load_state(out)
        self.new: dict = {"schema": st.STATE_SCHEMA, "locales": {}}
        self.result = BuildResult(out)

    def run(self, codes: tuple[str, ...]) -> BuildResult:
        from reclaim_i18n.parallel import ordered_map

        order = (self.config.source_language, *codes)
        keys = {code: self.locale_key(code) for code in order}
        todo = [code for code in order if not self.reuse(code, keys[code])]
        self.inputs.preload()   # what every locale needs, loaded once before the workers fork
        built = ordered_map(_build_locale, self.inputs, todo)
        for code in order:
            if code in todo:
                entry, outputs = next(built)
                result = self.store(code, keys[code], entry, outputs)
            else:
                result = LocaleResult(code, self.new["locales"][code]["entry"])
            self.result.locales.append(result)
        for code, record in self.old["locales"].items():   # locales not asked for this time
            if code not in self.new["locales"] and code in self.config.languages:
                self.new["locales"][code] = dict(record)
        self.publish()
        self.site()
        self.finish()
        return self.result

    # ------------------------------------------------------------------ per locale
    def locale_key(self, code: str) -> str:
        return cache_key(self.inputs.source_digest(), st.locale_settings(self.config, code),
                         self.inputs.catalog_digest(code))

    def reuse(self, code: str, key: str) -> bool:
        """Keep the last build of a locale whose inputs and outputs are as they were."""
        old = self.old["locales"].get(code)
        if old and old.get("digest") == key and st.intact(self.out, old["entry"]["files"]):
            self.new["locales"][code] = {**old, "digest": key}
            return True
        return False

    def store(self, code: str, key: str, entry: dict, outputs: dict[str, bytes]
              ) -> LocaleResult:
        kept = self.last_good(code, entry) if entry["status"] == "error" else None
        if kept is not None:
            self.new["locales"][code] = {**kept, "digest": key}
            return LocaleResult(code, kept["entry"], rebuilt=True)
        files = {}
        for rel, data in outputs.items():
            self.write(rel, data)
            files[rel] = mf.sha256(data)
        entry["files"] = files
        self.new["locales"][code] = {"digest": key, "entry": entry}
        return LocaleResult(code, entry, rebuilt=True)

    def last_good(self, code: str, failed: dict) -> dict | None:
        """The last good build of a locale whose catalogue cannot be read, marked stale
        with the error; None when there is none (or its files are gone)."""
        old = self.old["locales"].get(code)
        files = old["entry"]["files"] if old else {}
        if not files or not st.intact(self.out, files):
            return None
        return {**old, "entry": {**old["entry"], "status": "error", "stale": True,
                                 "error": failed["error"]}}

    # ----------------------------------------------------------------- publication
    def publish(self) -> None:
        """Decide every locale's publication; note each change since the last build (a
        first build into an empty folder has nothing to compare with)."""
        old = self.old["locales"]
        for code, record in sorted(self.new["locales"].items()):
            before = pub.recorded_state(old[code]["entry"]) if code in old else None
            entry = record["entry"] = {"stale": False, **record["entry"]}
            after = self.publication(code, entry, before)
            entry.update(published=after.published, publication=after.as_dict())
            if old:
                self.note(pub.change_line(code, before, after))
        for code in sorted(set(old) - set(self.new["locales"])):   # taken out of languages
            self.note(pub.change_line(code, pub.recorded_state(old[code]["entry"]), None))
        for result in self.result.locales:
            result.entry = self.new["locales"][result.code]["entry"]

    def publication(self, code: str, entry: dict, before: str | None) -> pub.Publication:
        if entry["source"]:
            return pub.source()
        entry["threshold"] = self.config.threshold(code)
        entry["unpublish_threshold"] = self.config.unpublish_below(code)
        if entry["status"] == "error":
            return pub.unreadable(before, kept=bool(entry.get("stale")))
        words = entry["completeness"]["words"]
        done = pub.counted_words(words["translated"], words["approved"],
                                 self.config.requires_review(code))
        return pub.decide(done, words["total"], entry["threshold"],
                          entry["unpublish_threshold"], before)

    def note(self, line: str | None) -> None:
        if line:
            self.result.changes.append(line)

    # ------------------------------------------------------------------------ site
    def site(self) -> None:
        from reclaim_i18n.build.site import SiteLanguage, site_pages
        from reclaim_i18n.parallel import ordered_map

        records = self.new["locales"]
        published = sorted(c for c, r in records.items() if r["entry"]["published"])
        current = frozenset(page.id for page in self.inputs.source.pages)
        languages = [SiteLanguage(c, records[c]["entry"]["native_name"],
                                  site_pages(c, records[c].get("site_files", ()))
                                  if records[c]["entry"].get("stale") else current)
                     for c in published]
        todo = []
        for code in published:
            record = records[code]
            bundle_rel = output_paths(self.config, code)["bundle"]
            key = cache_key(self.inputs.site_digest(), self.config.site_url,
                            [(lang.code, lang.native_name, sorted(lang.pages or ()))
                             for lang in languages],
                            record["entry"]["files"].get(bundle_rel, ""))
            if record.get("site_digest") != key or not st.intact(self.out,
                                                                 record["site_files"]):
                todo.append((code, key, bundle_rel))
        if todo:
            from reclaim_i18n.build.site import SiteRenderer

            renderer = SiteRenderer(self.config.source_dir / "templates", self.config.site_url)
            job = _SiteJob(renderer, languages, self.out,
                           self.config.source_language)
            rendered = ordered_map(_render_site, job, [rel for _, _, rel in todo])
            for (code, key, _), pages in zip(todo, rendered):
                record = records[code]
                record["site_digest"] = key
                record["site_files"] = {}
                for rel, data in sorted(pages.items()):
                    self.write(f"site/{rel}", data)
                    record["site_files"][f"site/{rel}"] = mf.sha256(data)
        for code, record in records.items():
            if code not in published:
                record.pop("site_digest", None)
                record.pop("site_files", None)

    # ---------------------------------------------------------------- bookkeeping
    def write(self, rel: str, data: bytes) -> None:
        from reclaim_i18n.fsio import write_if_changed

        if write_if_changed(self.out / rel, data):
            self.result.written.append(rel)

    def finish(self) -> None:
        entries = {}
        for code, record in self.new["locales"].items():
            entry = dict(record["entry"])
            entry["files"] = dict(sorted({**entry["files"],
                                          **record.get("site_files", {})}.items()))
            entries[code] = entry
        manifest = mf.build_manifest(entries, self.config.source_language, self.config.domain)
        self.write(MANIFEST, st.dump(manifest))
        self.remove_stale(entries)
        remove_leftovers(self.out, skip=(".cache", "reports"))  # check, report: no lock
        self.write(st.STATE_FILE, st.dump(self.new))

    def remove_stale(self, entries: dict) -> None:
        keep = {rel for e in entries.values() for rel in e["files"]}
        before = {rel for r in self.old["locales"].values()
                  for rel in {**r["entry"]["files"], **r.get("site_files", {})}}
        for rel in sorted(before - keep):
            path = self.out / rel
            if self.out.resolve() not in path.resolve().parents or not path.is_file():
                continue
            path.unlink()
            self.result.removed.append(rel)
            for parent in path.parents:
                if parent == self.out or not parent.is_dir() or any(parent.iterdir()):
                    break
                parent.rmdir()


# ------------------------------------------------------------- work for a worker
def _build_locale(inputs, code: str) -> tuple[dict, dict[str, bytes]]:
    """(manifest entry, {relative path: bytes}) of one locale; a broken catalogue fails
    its locale only. What was read for it is forgotten afterwards (memory)."""
    try:
        return build_locale(inputs, code)
    except CatalogError as exc:
        return failed_entry(inputs.config, code, exc), {}
    except ValueError as exc:   # a value the reader let through but a builder refuses
        error = CatalogError(str(exc), inputs.config.po_path(code))
        return failed_entry(inputs.config, code, error), {}
    finally:
        inputs.release(())


@dataclass(frozen=True)
class _SiteJob:
    renderer: object
    languages: list
    out: Path
    source_language: str


def _render_site(job: _SiteJob, bundle_rel: str) -> dict[str, bytes]:
    """The pages of one published locale, from its bundle as written (read back from
    disk: a large build never holds every locale's bundle at once)."""
    import json

    from jinja2 import TemplateError, TemplateSyntaxError

    bundle = json.loads((job.out / bundle_rel).read_bytes())
    try:
        return job.renderer.render(bundle, job.languages, job.source_language)
    except TemplateError as exc:
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
        line = exc.lineno if isinstance(exc, TemplateSyntaxError) else None
        raise SourceError(f"the site template fails: {exc}", name, line,
                          hint="fix the template in source_content/templates/") from None
