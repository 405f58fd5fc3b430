"""``reclaim-i18n build``: catalogues → what a website uses.

- :mod:`.mo` — compiled catalogues (GNU ``.mo``) for gettext consumers;
- :mod:`.bundle` — one JSON bundle per locale: the source content's structure, every
  value in the language or its fallback's, fallbacks recorded, plurals by CLDR category;
- :mod:`.formats` — i18next v4 JSON and Hugo i18n YAML made from a bundle;
- :mod:`.site` — the reference campaign site rendered from the bundles (Jinja2, nh3);
- :mod:`.manifest` — completeness, publishing and file hashes of every locale;
- :mod:`.load` — reading the inputs once; :mod:`.locale` — one locale's artefacts;
- :mod:`.runner` / :mod:`.state` — writing, incremental builds.

The bundle schema is described in ``README.md`` beside this file.
"""

__all__ = ["BuildResult", "LocaleResult", "run_build"]


def __getattr__(name: str):
    # imported when first used: `reclaim_i18n.build.mo` alone should not load the site
    if name in __all__:
        from reclaim_i18n.build import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
