"""Random sequences of organiser edits — reword, revert, rename, move, delete, restore —
over the campaign: no translation is ever lost, and none is attached, done, to English
it was not made for. A few examples in ``make test``; ``make fuzz`` runs
``EDIT_EXAMPLES`` of them."""

from __future__ import annotations

import os
import re
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from reclaim_i18n.merge import normalise
from reclaim_i18n.pofile import read_po
from test_merge_edits import cli_run, po, translate

ACTIONS = ["reword", "revert", "rename", "move", "delete", "restore"]


@st.composite
def plans(draw):
    return draw(st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 10_000)),
                         min_size=1, max_size=5))


class Campaign:
    """The pages as data, edited the way organisers edit them."""

    def __init__(self, project):
        self.dir = project / "source_content" / "pages"
        self.pages = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                      for p in sorted(self.dir.glob("*.yaml"))}
        self.reworded: list[tuple[dict, str, str]] = []   # (holder, key, old text)
        self.deleted: list[tuple[list, int, dict]] = []

    def write(self) -> None:
        for old in self.dir.glob("*.yaml"):
            old.unlink()
        for data in self.pages.values():
            (self.dir / f"{data['page']}.yaml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def texts(self) -> list[tuple[dict, str]]:
        """Every translatable string field: (the mapping holding it, its key)."""
        found = []

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in ("id", "page", "url", "note", "max-length", "translate"):
                        continue
                    if isinstance(value, str):
                        found.append((node, key))
                    elif node.get("translate") is not False:
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk([data["sections"] for data in self.pages.values()])
        return found

    def ided(self) -> list[dict]:
        found = []

        def walk(node):
            if isinstance(node, dict):
                if "id" in node:
                    found.append(node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk([data["sections"] for data in self.pages.values()])
        return found

    def apply(self, action: str, n: int) -> None:
        getattr(self, action)(n)

    def reword(self, n: int) -> None:
        holder, key = self.texts()[n % len(self.texts())]
        words = holder[key].split(" ")
        plain = [j for j, w in enumerate(words) if w.isalpha()] or [0]
        self.reworded.append((holder, key, holder[key]))
        words[plain[n % len(plain)]] = f"changed{n}"
        holder[key] = " ".join(words)

    def revert(self, n: int) -> None:
        if self.reworded:
            holder, key, text = self.reworded.pop()
            holder[key] = text

    def rename(self, n: int) -> None:
        nodes = self.ided()
        if n % (len(nodes) + 1) == len(nodes):  # the page itself
            data = self.pages[sorted(self.pages)[n % len(self.pages)]]
            data["page"] = f"{data['page']}-{n}"
            return
        node = nodes[n % len(nodes)]
        node["id"] = f"{node['id']}-{n}"

    def move(self, n: int) -> None:
        bodies = [s for d in self.pages.values() for s in d["sections"]
                  if isinstance(s.get("body"), str)]
        source = bodies[n % len(bodies)]
        target = bodies[(n // 7 + 1) % len(bodies)]
        blocks = source["body"].strip().split("\n\n")
        if source is target or len(blocks) < 2:
            return
        moved = blocks.pop(n % len(blocks))
        source["body"] = "\n\n".join(blocks) + "\n"
        target["body"] = target["body"].rstrip() + "\n\n" + moved + "\n"

    def delete(self, n: int) -> None:
        sections = self.pages[sorted(self.pages)[n % len(self.pages)]]["sections"]
        if len(sections) > 1:
            i = n % len(sections)
            self.deleted.append((sections, i, sections.pop(i)))
            self.reworded = [r for r in self.reworded if self._alive(r[0])]

    def restore(self, n: int) -> None:
        if self.deleted:
            sections, i, section = self.deleted.pop()
            sections.insert(min(i, len(sections)), section)

    def _alive(self, holder: dict) -> bool:
        return any(h is holder for h, _ in self.texts())


def made_for(translation: str) -> str:
    """The English a test translation (``de:English``, ``…[i]`` for plural forms) was
    made for."""
    return re.sub(r"\[\d\]$", "", translation.removeprefix("de:"))


def check(project, before: set[str]) -> None:
    catalog = read_po(po(project, "de"))
    everywhere = {t for m in catalog.messages for t in m.translations}
    assert before - everywhere == set(), "a translation was lost"
    for m in catalog.active:
        if m.translated:
            for form in m.translations:  # test translations: every form from msgid
                assert normalise(made_for(form)) == normalise(m.msgid), (m.key, form)


def run_plan(project, plan) -> None:
    before = {t for forms in translate(project, "de").values() for t in forms if t}
    campaign = Campaign(project)
    for action, n in plan:
        campaign.apply(action, n)
        campaign.write()
        cli_run(project, "extract")
        cli_run(project, "update", "--locale", "de")
        check(project, before)


@settings(max_examples=int(os.environ.get("EDIT_EXAMPLES", "3")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(plan=plans())
def test_organiser_edits_lose_no_translation_and_attach_none_wrongly(tmp_path_factory,
                                                                      plan):
    project = tmp_path_factory.mktemp("organiser") / "p"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copytree(ROOT / "source_content", project / "source_content")
    shutil.copytree(ROOT / "locales", project / "locales")
    run_plan(project, plan)
