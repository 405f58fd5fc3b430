"""reclaim-i18n: the translation pipeline of the Reclaim Your Face campaign."""

__version__ = "0.1.0"
