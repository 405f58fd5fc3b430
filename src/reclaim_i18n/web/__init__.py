"""The volunteer workspace: an ASGI app over the library (:mod:`reclaim_i18n.editing`,
:mod:`reclaim_i18n.access`); ``create_app`` is in :mod:`.app`."""
